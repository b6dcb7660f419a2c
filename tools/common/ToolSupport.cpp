//===- tools/common/ToolSupport.cpp - what snnc and snnc-opt share --------------------------===//
#include "tools/common/ToolSupport.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/thread.h"

#include <cmath>
#include <cstdlib>

#ifndef SNNC_VERSION
#define SNNC_VERSION "unknown"
#endif

namespace snn::tools {

namespace cl = llvm::cl;

cl::OptionCategory &snncCategory() {
  static cl::OptionCategory C("snnc options");
  return C;
}
cl::OptionCategory &passCategory() {
  static cl::OptionCategory C("Pass manager options");
  return C;
}

void claimOptionNames(std::initializer_list<const char *> Names) {
  auto &Map = cl::getRegisteredOptions(cl::SubCommand::getTopLevel());
  for (const char *N : Names) {
    auto It = Map.find(N);
    if (It != Map.end())
      It->second->removeArgument();
  }
}

void setupHelpAndVersion(const char *ToolName) {
  cl::HideUnrelatedOptions({&snncCategory(), &passCategory()});
  static std::string Name = ToolName;
  cl::SetVersionPrinter([](llvm::raw_ostream &OS) {
    OS << Name << " version " << SNNC_VERSION << " (spiking neural network compiler; LLVM "
       << LLVM_VERSION_STRING << ")\n";
  });
}

template <typename T> static void addSubs(T &Opt, const std::vector<cl::SubCommand *> &Subs) {
  for (cl::SubCommand *S : Subs)
    Opt.addSubCommand(*S);
}

PassOptions::PassOptions(std::vector<cl::SubCommand *> Subs)
    : Passes("passes", cl::desc("Run these passes (comma-separated) instead of the default "
                                "pipeline"),
             cl::value_desc("a,b,c"), cl::cat(passCategory())),
      PrintAfterAll("print-after-all", cl::desc("Print the IR after every pass (to stderr)"),
                    cl::cat(passCategory())),
      PrintAfter("print-after", cl::desc("Print the IR after the named pass (to stderr)"),
                 cl::value_desc("pass"), cl::CommaSeparated, cl::cat(passCategory())),
      PrintChanged("print-changed", cl::desc("Print the IR after each pass that changed it"),
                   cl::cat(passCategory())),
      VerifyEach("verify-each", cl::desc("Verify the IR after every pass"),
                 cl::cat(passCategory())),
      TimePasses("time-passes", cl::desc("Report the time spent in each pass"),
                 cl::cat(passCategory())),
      DumpDir("dump-dir", cl::desc("Write the IR before and after every pass into DIR"),
              cl::value_desc("DIR"), cl::cat(passCategory())) {
  addSubs(Passes, Subs);
  addSubs(PrintAfterAll, Subs);
  addSubs(PrintAfter, Subs);
  addSubs(PrintChanged, Subs);
  addSubs(VerifyEach, Subs);
  addSubs(TimePasses, Subs);
  addSubs(DumpDir, Subs);
}

PassManagerOptions PassOptions::get() const {
  PassManagerOptions O;
  O.PrintAfterAll = PrintAfterAll;
  O.PrintAfter.assign(PrintAfter.begin(), PrintAfter.end());
  O.PrintChanged = PrintChanged;
  O.VerifyEach = VerifyEach;
  O.TimePasses = TimePasses;
  O.DumpDir = DumpDir;
  return O;
}

DiagOptions::DiagOptions(std::vector<cl::SubCommand *> Subs)
    : Werror("Werror", cl::desc("Treat warnings as errors"), cl::cat(snncCategory())),
      MaxErrors("max-errors", cl::desc("Stop after this many errors (default 20)"),
                cl::init(20), cl::cat(snncCategory())),
      Remarks("remarks", cl::desc("Report the compiler's decisions (e.g. the ODE method chosen)"),
              cl::cat(snncCategory())) {
  addSubs(Werror, Subs);
  addSubs(MaxErrors, Subs);
  addSubs(Remarks, Subs);
}

void DiagOptions::apply(DiagnosticsEngine &D) const {
  D.setWarningsAsErrors(Werror);
  D.setMaxErrors(MaxErrors == 0 ? ~0u : static_cast<unsigned>(MaxErrors));
  D.setShowRemarks(Remarks);
}

std::optional<double> parseQuantity(llvm::StringRef Text, const Dim &Want, const char *Option,
                                    DiagnosticsEngine &D) {
  llvm::StringRef T = Text.trim();
  size_t Split = 0;
  while (Split < T.size() && (llvm::isDigit(T[Split]) || T[Split] == '.' || T[Split] == 'e' ||
                              T[Split] == 'E' || T[Split] == '+' || T[Split] == '-')) {
    // An 'e' followed by a letter starts a unit, not an exponent.
    if ((T[Split] == 'e' || T[Split] == 'E') &&
        (Split + 1 >= T.size() || !(llvm::isDigit(T[Split + 1]) || T[Split + 1] == '-' ||
                                    T[Split + 1] == '+')))
      break;
    ++Split;
  }
  llvm::StringRef Num = T.substr(0, Split), Unit = T.substr(Split).trim();
  double V;
  if (Num.empty() || Num.getAsDouble(V) || !std::isfinite(V)) {
    D.toolError(llvm::Twine("invalid value '") + Text + "' for --" + Option +
                "; expected a number with a unit, e.g. '" + (Want == Dim::time() ? "500ms" : "1") +
                "'");
    return std::nullopt;
  }
  if (Unit.empty()) {
    D.toolError(llvm::Twine("missing unit in --") + Option + "=" + Text + "; write e.g. '" +
                Num + (Want == Dim::time() ? "s' or '" + Num.str() + "ms'" : "'"));
    return std::nullopt;
  }
  auto U = lookupUnit(Unit);
  if (!U) {
    std::string Hint = suggestUnit(Unit);
    D.toolError(llvm::Twine("unknown unit '") + Unit + "' in --" + Option +
                (Hint.empty() ? "" : "; did you mean '" + Hint + "'?"));
    return std::nullopt;
  }
  if (U->D != Want) {
    D.toolError(llvm::Twine("--") + Option + " needs a value in '" + Want.str() + "', not '" +
                U->D.str() + "'");
    return std::nullopt;
  }
  return V * U->Scale;
}

int runWithLargeStack(const std::function<int()> &F) {
  int Result = 1;
  llvm::thread T(std::optional<unsigned>(512u << 20), [&] { Result = F(); });
  T.join();
  return Result;
}

} // namespace snn::tools
