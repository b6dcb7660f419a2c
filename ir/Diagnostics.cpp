//===- ir/Diagnostics.cpp - the one diagnostics engine --------------------------------------===//
//
// Formatting is llvm::SourceMgr's (file:line:col, source line, caret and '~' range). This file
// adds counting, the error limit, -Werror, remark filtering, and notes that follow a suppressed
// diagnostic being suppressed too.
//
//===----------------------------------------------------------------------------------------===//
#include "ir/Diagnostics.h"

#include "llvm/Support/WithColor.h"

namespace snn {

llvm::SmallVector<llvm::SMRange, 1> DiagnosticsEngine::rangesOf(llvm::SMRange R) {
  llvm::SmallVector<llvm::SMRange, 1> V;
  // A one-character range is drawn by the caret alone.
  if (R.isValid() && R.End.getPointer() > R.Start.getPointer() + 1)
    V.push_back(R);
  return V;
}

bool DiagnosticsEngine::admit(Severity &S) {
  if (S == Severity::Remark && !ShowRemarks)
    return false;
  if (S == Severity::Warning && WarningsAsErrors)
    S = Severity::Error;
  if (S == Severity::Note)
    return !LastWasSuppressed && !Suppressed;
  if (Suppressed) {
    LastWasSuppressed = true;
    return false;
  }
  if (S == Severity::Error && NumErrors >= MaxErrors) {
    Suppressed = true;
    LastWasSuppressed = true;
    ++NumErrors;
    llvm::WithColor::error(OS, ToolName)
        << "too many errors emitted, stopping now [-max-errors=" << MaxErrors << "]\n";
    return false;
  }
  LastWasSuppressed = false;
  if (S == Severity::Error)
    ++NumErrors;
  if (S == Severity::Warning)
    ++NumWarnings;
  return true;
}

void DiagnosticsEngine::report(Severity S, llvm::SMLoc Loc, const llvm::Twine &Msg,
                               llvm::ArrayRef<llvm::SMRange> Ranges) {
  if ((S == Severity::Warning || S == Severity::Remark) &&
      !Printed.insert({Loc.getPointer(), Msg.str()}).second) {
    LastWasSuppressed = true; // and its notes
    return;
  }
  if (!admit(S))
    return;
  llvm::SourceMgr::DiagKind K = llvm::SourceMgr::DK_Error;
  switch (S) {
  case Severity::Error: K = llvm::SourceMgr::DK_Error; break;
  case Severity::Warning: K = llvm::SourceMgr::DK_Warning; break;
  case Severity::Note: K = llvm::SourceMgr::DK_Note; break;
  case Severity::Remark: K = llvm::SourceMgr::DK_Remark; break;
  }
  if (Loc.isValid() && printLongLine(K, Loc, Msg, Ranges))
    return;
  if (!Loc.isValid()) {
    // Never silently drop a message: print it against the tool.
    const char *Kind = S == Severity::Error ? "error" : S == Severity::Warning ? "warning"
                       : S == Severity::Note ? "note" : "remark";
    OS << ToolName << ": " << Kind << ": " << Msg << "\n";
    return;
  }
  SM.PrintMessage(OS, Loc, K, Msg, Ranges);
}

bool DiagnosticsEngine::printLongLine(llvm::SourceMgr::DiagKind K, llvm::SMLoc Loc,
                                      const llvm::Twine &Msg,
                                      llvm::ArrayRef<llvm::SMRange> Ranges) {
  // SourceMgr echoes the whole source line; for very long lines (minified or generated input)
  // show a window around the location instead, as clang does.
  constexpr size_t MaxLine = 200, Half = 80;
  unsigned Buf = SM.FindBufferContainingLoc(Loc);
  if (!Buf)
    return false;
  llvm::StringRef Text = SM.getMemoryBuffer(Buf)->getBuffer();
  size_t Pos = Loc.getPointer() - Text.data();
  size_t Start = Text.rfind('\n', Pos == 0 ? 0 : Pos - 1);
  Start = Start == llvm::StringRef::npos || Pos == 0 ? 0 : Start + 1;
  if (Pos > 0 && Text[Pos - 1] == '\n')
    Start = Pos;
  size_t End = Text.find('\n', Pos);
  if (End == llvm::StringRef::npos)
    End = Text.size();
  if (End - Start <= MaxLine)
    return false;
  size_t From = Pos > Start + Half ? Pos - Half : Start;
  size_t To = std::min(End, Pos + Half);
  auto [Line, Col] = SM.getLineAndColumn(Loc, Buf);
  const char *Kind = K == llvm::SourceMgr::DK_Error     ? "error"
                     : K == llvm::SourceMgr::DK_Warning ? "warning"
                     : K == llvm::SourceMgr::DK_Note    ? "note"
                                                        : "remark";
  OS << SM.getMemoryBuffer(Buf)->getBufferIdentifier() << ":" << Line << ":" << Col << ": "
     << Kind << ": " << Msg << "\n";
  std::string Prefix = From > Start ? "..." : "";
  OS << Prefix << Text.slice(From, To) << (To < End ? "..." : "") << "\n";
  OS.indent(Prefix.size() + (Pos - From)) << "^\n";
  (void)Ranges;
  return true;
}

void DiagnosticsEngine::fileError(llvm::StringRef File, const llvm::Twine &Msg) {
  Severity S = Severity::Error;
  if (!admit(S))
    return;
  llvm::WithColor::error(OS, File) << Msg << "\n";
}

void DiagnosticsEngine::toolError(const llvm::Twine &Msg) {
  Severity S = Severity::Error;
  if (!admit(S))
    return;
  llvm::WithColor::error(OS, ToolName) << Msg << "\n";
}

void DiagnosticsEngine::toolWarning(const llvm::Twine &Msg) {
  Severity S = Severity::Warning;
  if (!admit(S))
    return;
  if (S == Severity::Error)
    llvm::WithColor::error(OS, ToolName) << Msg << "\n";
  else
    llvm::WithColor::warning(OS, ToolName) << Msg << "\n";
}

} // namespace snn
