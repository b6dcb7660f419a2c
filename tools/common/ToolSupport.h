//===- tools/common/ToolSupport.h - what snnc and snnc-opt share ----------------------------===//
//
// Command-line plumbing shared by the tools:
//  - claimOptionNames(): libLLVM registers global options with names we want for our own pass
//    manager (--print-after-all, --time-passes, ...); this unregisters LLVM's so that ours can be
//    registered. Call it before constructing any option struct below.
//  - PassOptions: the pass-manager switches (--passes, --print-after-all, --print-after,
//    --print-changed, --verify-each, --time-passes, --dump-dir), created at run time.
//  - DiagOptions: -Werror, --max-errors, --remarks.
//  - parseQuantity(): "2s", "500 ms", "0.1ms" for --duration and --dt.
//  - runWithLargeStack(): runs the tool on a thread with a large stack, so deeply nested input
//    is reported instead of crashing.
//  - TargetOptions: --target=NAME|list and --target-file=F; loadTarget() reads the description
//    (targets/<NAME>.json of the built-in directory, or the file), printTargets() lists them.
//
//===----------------------------------------------------------------------------------------===//
#ifndef SNNC_TOOLS_COMMON_TOOLSUPPORT_H
#define SNNC_TOOLS_COMMON_TOOLSUPPORT_H

#include "ir/Diagnostics.h"
#include "ir/Units.h"
#include "passes/PassManager.h"
#include "support/TargetDesc.h"

#include "llvm/Support/CommandLine.h"

#include <functional>
#include <optional>
#include <string>

namespace snn::tools {

llvm::cl::OptionCategory &snncCategory();
llvm::cl::OptionCategory &passCategory();

/// Unregisters LLVM's options of these names (so that ours can take them).
void claimOptionNames(std::initializer_list<const char *> Names);

/// Hides every option outside our categories from --help and prints our version.
void setupHelpAndVersion(const char *ToolName);

/// The tool name given to setupHelpAndVersion() ("snnc" until then).
const std::string &toolName();

/// Reports a command-line mistake in the compiler's style ("snnc: error: ...") on stderr.
void reportOptionError(const llvm::Twine &Msg);

/// cl::ParseCommandLineOptions, with llvm::cl's own messages about unknown options and missing
/// or extra positional arguments reworded into the compiler's style (with a did-you-mean among
/// the tool's options). Returns false after reporting.
bool parseCommandLine(int argc, char **argv, llvm::StringRef Overview, llvm::StringRef Usage);

/// A parser for enumerated options (`--emit=ir`) that reports an unknown value with the list of
/// accepted ones, in the compiler's style.
template <typename T> class EnumParser : public llvm::cl::parser<T> {
public:
  using llvm::cl::parser<T>::parser;
  bool parse(llvm::cl::Option &O, llvm::StringRef ArgName, llvm::StringRef Arg, T &V) {
    for (const auto &I : this->Values)
      if (I.Name == Arg) {
        V = I.V.getValue();
        return false;
      }
    std::string Names;
    for (size_t I = 0; I < this->Values.size(); ++I)
      Names += std::string(I == 0 ? "" : I + 1 == this->Values.size() ? " or " : ", ") + "'" +
               this->Values[I].Name.str() + "'";
    reportOptionError("invalid value '" + Arg + "' for --" + ArgName + "; expected " + Names);
    (void)O;
    return true;
  }
};

/// A parser for counts (`--max-errors=5`) that reports a bad value in the compiler's style.
class CountParser : public llvm::cl::parser<unsigned> {
public:
  using llvm::cl::parser<unsigned>::parser;
  bool parse(llvm::cl::Option &O, llvm::StringRef ArgName, llvm::StringRef Arg, unsigned &V);
};

struct PassOptions {
  explicit PassOptions(std::vector<llvm::cl::SubCommand *> Subs);
  llvm::cl::opt<std::string> Passes;
  llvm::cl::opt<bool> PrintAfterAll;
  llvm::cl::list<std::string> PrintAfter;
  llvm::cl::opt<bool> PrintChanged;
  llvm::cl::opt<bool> VerifyEach;
  llvm::cl::opt<bool> TimePasses;
  llvm::cl::opt<std::string> DumpDir;
  PassManagerOptions get() const;
};

struct DiagOptions {
  explicit DiagOptions(std::vector<llvm::cl::SubCommand *> Subs);
  llvm::cl::opt<bool> Werror;
  llvm::cl::opt<unsigned, false, CountParser> MaxErrors;
  llvm::cl::opt<bool> Remarks;
  void apply(DiagnosticsEngine &D) const;
};

struct TargetOptions {
  explicit TargetOptions(std::vector<llvm::cl::SubCommand *> Subs);
  llvm::cl::opt<std::string> Target;
  llvm::cl::opt<std::string> TargetFile;
  /// --target=list was given.
  bool listRequested() const { return Target == "list"; }
};

/// The directory of the built-in target descriptions: $SNNC_TARGETS, <prefix>/share/snnc/targets
/// next to an installed tool, else the source tree's targets/.
std::string defaultTargetsDir(const char *Argv0);

/// The target the options select (`native` when none): reads and checks its description and
/// reports every problem through D (syntax errors at their line and column). Returns nothing
/// after errors.
std::optional<support::TargetDesc> loadTarget(const TargetOptions &O, const std::string &Dir,
                                              DiagnosticsEngine &D);

/// --target=list: the built-in targets, one line each. Returns false after reporting.
bool printTargets(const std::string &Dir, llvm::raw_ostream &OS, DiagnosticsEngine &D);

/// Parses "<number><unit>" with a unit of dimension `Want`; reports through D on error.
std::optional<double> parseQuantity(llvm::StringRef Text, const Dim &Want, const char *Option,
                                    DiagnosticsEngine &D);

/// Runs F on a thread with a 512 MiB stack and returns its result.
int runWithLargeStack(const std::function<int()> &F);

} // namespace snn::tools

#endif
