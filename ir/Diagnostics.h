//===- ir/Diagnostics.h - the one diagnostics engine ----------------------------------------===//
//
// Every message snnc prints about a user's input goes through DiagnosticsEngine: errors,
// warnings, notes and remarks, in clang's format
//
//   net.snn:12:18: error: cannot add 'V' and 's'
//       dv/dt = (v_rest - v) / tau_m + tau_m
//                                      ^~~~~
//
// It wraps llvm::SourceMgr, which owns every source buffer (main file, imports, IR text) and
// prints the location, the source line and the caret/range underline. Errors are collected: the
// engine keeps counting after the first one, and callers stop a phase when hasErrors() is set.
// After `maxErrors` errors it prints one fatal line and suppresses the rest.
//
// It lives in ir/ because every library (frontend, IR reader, passes, codegen) reports through it.
//
//===----------------------------------------------------------------------------------------===//
#ifndef SNNC_IR_DIAGNOSTICS_H
#define SNNC_IR_DIAGNOSTICS_H

#include "llvm/Support/SMLoc.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <set>
#include <string>

namespace snn {

enum class Severity { Error, Warning, Note, Remark };

class DiagnosticsEngine {
public:
  explicit DiagnosticsEngine(llvm::SourceMgr &SM, llvm::raw_ostream &OS = llvm::errs())
      : SM(SM), OS(OS) {}

  llvm::SourceMgr &sourceMgr() { return SM; }

  /// Reports at a location; `Ranges` are underlined with '~' (the first character gets '^').
  void report(Severity S, llvm::SMLoc Loc, const llvm::Twine &Msg,
              llvm::ArrayRef<llvm::SMRange> Ranges = {});
  void error(llvm::SMRange R, const llvm::Twine &Msg) { report(Severity::Error, R.Start, Msg, rangesOf(R)); }
  void warning(llvm::SMRange R, const llvm::Twine &Msg) { report(Severity::Warning, R.Start, Msg, rangesOf(R)); }
  void note(llvm::SMRange R, const llvm::Twine &Msg) { report(Severity::Note, R.Start, Msg, rangesOf(R)); }
  void remark(llvm::SMRange R, const llvm::Twine &Msg) { report(Severity::Remark, R.Start, Msg, rangesOf(R)); }

  /// A diagnostic about a file as a whole (missing, unreadable, empty): "file: error: msg".
  void fileError(llvm::StringRef File, const llvm::Twine &Msg);
  /// A diagnostic without a source location (command line misuse): "snnc: error: msg".
  void toolError(const llvm::Twine &Msg);
  void toolWarning(const llvm::Twine &Msg);

  unsigned errorCount() const { return NumErrors; }
  unsigned warningCount() const { return NumWarnings; }
  bool hasErrors() const { return NumErrors != 0; }

  void setMaxErrors(unsigned N) { MaxErrors = N; }
  void setWarningsAsErrors(bool B) { WarningsAsErrors = B; }
  void setShowRemarks(bool B) { ShowRemarks = B; }
  bool showRemarks() const { return ShowRemarks; }
  void setToolName(std::string N) { ToolName = std::move(N); }

private:
  static llvm::SmallVector<llvm::SMRange, 1> rangesOf(llvm::SMRange R);
  /// Prints a diagnostic on a very long line with an excerpt; false if the line is short.
  bool printLongLine(llvm::SourceMgr::DiagKind K, llvm::SMLoc Loc, const llvm::Twine &Msg,
                     llvm::ArrayRef<llvm::SMRange> Ranges);
  bool admit(Severity &S);

  llvm::SourceMgr &SM;
  llvm::raw_ostream &OS;
  unsigned NumErrors = 0, NumWarnings = 0;
  unsigned MaxErrors = 20;
  bool WarningsAsErrors = false;
  bool ShowRemarks = false;
  bool Suppressed = false;
  bool LastWasSuppressed = false;
  std::string ToolName = "snnc";
  /// Warnings and remarks already printed (location and text): repeats are dropped, e.g. the
  /// same rounding warning for every pair of `connect A, B -> A, B`.
  std::set<std::pair<const char *, std::string>> Printed;
};

} // namespace snn

#endif
