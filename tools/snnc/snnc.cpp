//===- tools/snnc/snnc.cpp - the snnc command line ------------------------------------------===//
//
//   snnc [options] FILE.snn            compile to an object file and a C header (or --emit=...);
//                                      with a chip target, to a core configuration
//   snnc run [options] FILE.snn        compile in-process and simulate
//   snnc --target=list                 the targets and what they are
//
// Options are llvm::cl options, created in main() after claiming the names libLLVM already
// uses for its own pass manager. Every misuse (unknown flag, bad value, missing file) ends
// with a message and exit code 1.
//
//===----------------------------------------------------------------------------------------===//
#include "tools/snnc/Driver.h"

#include "tools/common/ToolSupport.h"

#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/SourceMgr.h"

#include <unistd.h>

using namespace snn;
namespace cl = llvm::cl;

namespace {

/// -O0 .. -O3, reported in the compiler's style. The level is declared optional so that a bare
/// `-O` is reported here instead of taking the next argument (the input file) as its level.
class OptLevelParser : public cl::parser<char> {
public:
  using cl::parser<char>::parser;
  bool parse(cl::Option &, llvm::StringRef, llvm::StringRef Arg, char &V) {
    if (Arg.size() == 1 && Arg[0] >= '0' && Arg[0] <= '3') {
      V = Arg[0];
      return false;
    }
    tools::reportOptionError(Arg.empty() ? llvm::Twine("missing optimization level after '-O'; "
                                                       "use -O0, -O1, -O2 or -O3")
                                         : "invalid optimization level '-O" + Arg +
                                               "'; use -O0, -O1, -O2 or -O3");
    return true;
  }
  // --help shows "-O<level>", not "-O[=<level>]"; the width is counted as llvm::cl counts it
  // (the printed "  -O<level>" plus 3).
  size_t getOptionWidth(const cl::Option &O) const {
    return 8 + O.ArgStr.size() + O.ValueStr.size();
  }
  void printOptionInfo(const cl::Option &O, size_t GlobalWidth) const {
    llvm::outs() << "  -" << O.ArgStr << "<" << O.ValueStr << ">";
    llvm::outs().indent(GlobalWidth - getOptionWidth(O)) << " - " << O.HelpStr << "\n";
  }
};

struct SnncOptions {
  cl::SubCommand RunCmd{"run", "Compile in-process (JIT) and simulate"};
  std::vector<cl::SubCommand *> Both{&cl::SubCommand::getTopLevel(), &RunCmd};
  std::vector<cl::SubCommand *> TopOnly{&cl::SubCommand::getTopLevel()};

  cl::opt<std::string> Input{cl::Positional, cl::desc("<input .snn file>"), cl::Optional,
                             cl::sub(cl::SubCommand::getTopLevel()), cl::sub(RunCmd)};
  cl::opt<std::string> Output{"o", cl::desc("Output file (default: stdout for text, "
                                            "<input>.o for objects)"),
                              cl::value_desc("file"), cl::cat(tools::snncCategory())};
  cl::opt<std::string> Header{"header", cl::desc("C header to write with the object "
                                                 "(default: next to the object, .h)"),
                              cl::value_desc("file"), cl::cat(tools::snncCategory())};
  cl::opt<driver::Emit, false, tools::EnumParser<driver::Emit>> Stage{
      "emit", cl::desc("Stop after a stage and write its output"), cl::init(driver::Emit::Default),
      cl::values(clEnumValN(driver::Emit::AST, "ast", "syntax tree of the main file"),
                 clEnumValN(driver::Emit::IR, "ir", "network IR from the frontend"),
                 clEnumValN(driver::Emit::IROpt, "ir-opt", "network IR after the passes"),
                 clEnumValN(driver::Emit::LLVM, "llvm", "optimized LLVM IR"),
                 clEnumValN(driver::Emit::Asm, "asm", "assembly"),
                 clEnumValN(driver::Emit::Obj, "obj",
                            "object file and C header (default for the native target)"),
                 clEnumValN(driver::Emit::Chip, "chip",
                            "core configuration (default for chip targets)"),
                 clEnumValN(driver::Emit::MappingDot, "mapping-dot",
                            "chip targets: the cores and their traffic (Graphviz)")),
      cl::cat(tools::snncCategory())};
  cl::opt<char, false, OptLevelParser> OptLevel{
      "O", cl::desc("Optimization level: -O0, -O1, -O2 (default), -O3"), cl::Prefix,
      cl::ValueOptional, cl::value_desc("level"), cl::init('2'), cl::cat(tools::snncCategory())};
  cl::list<std::string> Includes{"I", cl::desc("Add a directory to the import search path"),
                                 cl::value_desc("dir"), cl::Prefix,
                                 cl::cat(tools::snncCategory())};
  cl::opt<std::string> Network{"network", cl::desc("Network to compile when there are several"),
                               cl::value_desc("name"), cl::cat(tools::snncCategory())};
  cl::opt<std::string> Dt{"dt", cl::desc("Override the time step (e.g. 0.05ms)"),
                          cl::value_desc("time"), cl::cat(tools::snncCategory())};
  cl::opt<std::string> Duration{"duration", cl::desc("Override the simulated time (e.g. 2s)"),
                                cl::value_desc("time"), cl::cat(tools::snncCategory())};
  cl::opt<std::string> Seed{"seed", cl::desc("Override the random seed (0 .. 4294967295)"),
                            cl::value_desc("n"), cl::cat(tools::snncCategory())};
  cl::opt<bool> MD{"MD", cl::desc("Write a dependency file (make syntax) with the imports"),
                   cl::cat(tools::snncCategory())};
  cl::opt<std::string> MF{"MF", cl::desc("Name of the dependency file (default: <output>.d)"),
                          cl::value_desc("file"), cl::cat(tools::snncCategory())};
  cl::opt<std::string> Triple{"mtriple", cl::desc("Target triple (default: the host)"),
                              cl::value_desc("triple"), cl::cat(tools::snncCategory())};
  cl::opt<std::string> CPU{"mcpu", cl::desc("Target CPU (default: the host CPU)"),
                           cl::value_desc("cpu"), cl::cat(tools::snncCategory())};
  cl::opt<std::string> Attrs{"mattr", cl::desc("Target features (e.g. +avx2,-avx512f)"),
                             cl::value_desc("features"), cl::cat(tools::snncCategory())};
  cl::opt<std::string> OutDir{"out", cl::desc("Write recordings (CSV) into this directory"),
                              cl::value_desc("dir"), cl::sub(RunCmd),
                              cl::cat(tools::snncCategory())};
  cl::opt<bool> NoProgress{"no-progress", cl::desc("Do not draw a progress bar"),
                           cl::sub(RunCmd), cl::cat(tools::snncCategory())};
  cl::opt<unsigned> Threads{"threads",
                            cl::desc("Threads that simulate (default 1; the spikes are the same "
                                     "for any number)"),
                            cl::value_desc("n"), cl::init(1), cl::sub(RunCmd),
                            cl::cat(tools::snncCategory())};
  cl::list<driver::Report, bool, tools::EnumParser<driver::Report>> Reports{
      "report", cl::desc("Print a report on stderr after the passes"), cl::CommaSeparated,
      cl::values(clEnumValN(driver::Report::Quantization, "quantization",
                            "chip targets: each population's and projection's quantization "
                            "and its errors"),
                 clEnumValN(driver::Report::Storage, "storage",
                            "each projection's storage format, synapses and bytes"),
                 clEnumValN(driver::Report::Mapping, "mapping",
                            "chip targets: cores used, spike traffic against in-order and "
                            "random mappings, and every core's use")),
      cl::cat(tools::snncCategory())};
  cl::opt<std::string> RatesFrom{
      "rates-from",
      cl::desc("Chip targets: weigh spike traffic by the firing rates a run recorded in this "
               "directory (spikes_<population>.csv, as 'snnc run --out' writes)"),
      cl::value_desc("dir"), cl::cat(tools::snncCategory())};
  tools::PassOptions Passes{Both};
  tools::TargetOptions Targets{Both};
  tools::DiagOptions Diags{Both};

  SnncOptions() {
    cl::Option *Shared[] = {&Output, &Header, &Stage, &OptLevel, std::addressof(Includes), &Network, &Dt,
                            &Duration, &Seed, &MD, &MF, &Triple, &CPU, &Attrs,
                            std::addressof(Reports), &RatesFrom};
    // Registered again so that `snnc run` has them in its own table too: llvm::cl finds an
    // option of the top level from a subcommand by name, but not by prefix (`-O2`, `-Idir`).
    for (cl::Option *O : Shared) {
      O->removeArgument();
      O->addSubCommand(cl::SubCommand::getTopLevel());
      O->addSubCommand(RunCmd);
      O->addArgument();
    }
  }
};

int realMain(int argc, char **argv) {
  tools::claimOptionNames({"print-after-all", "print-after", "print-changed", "time-passes",
                           "verify-each", "passes", "dump-dir", "remarks", "o", "O", "I", "emit",
                           "mtriple", "mcpu", "mattr", "network", "dt", "duration", "seed",
                           "header", "MD", "MF", "Werror", "max-errors", "out", "no-progress",
                           "threads", "report", "target", "target-file", "rates-from"});
  SnncOptions O;
  tools::setupHelpAndVersion("snnc");
  if (!tools::parseCommandLine(argc, argv,
                               "snnc: compiler for spiking neural networks\n\n"
                               "  snnc [options] FILE.snn      compile to FILE.o and FILE.h\n"
                               "  snnc run [options] FILE.snn  compile in-process and "
                               "simulate\n"
                               "  snnc --target=list           the targets snnc compiles for\n",
                               "'snnc [options] FILE.snn' or 'snnc run [options] FILE.snn'"))
    return 1;

  llvm::SourceMgr SM;
  DiagnosticsEngine D(SM);
  O.Diags.apply(D);

  std::string TargetsDir = tools::defaultTargetsDir(argv[0]);
  if (O.Targets.listRequested())
    return tools::printTargets(TargetsDir, llvm::outs(), D) ? 0 : 1;
  if (O.Input.empty()) {
    tools::reportOptionError("no input file; usage: 'snnc [options] FILE.snn' or 'snnc run "
                             "[options] FILE.snn'");
    return 1;
  }
  std::optional<support::TargetDesc> Target = tools::loadTarget(O.Targets, TargetsDir, D);
  if (!Target)
    return 1;

  driver::DriverOptions DO;
  DO.Target = std::move(*Target);
  DO.Run = static_cast<bool>(O.RunCmd);
  DO.Front.Input = O.Input;
  DO.Front.IncludeDirs.assign(O.Includes.begin(), O.Includes.end());
  DO.Front.StdlibDir = defaultStdlibDir(argv[0]);
  DO.Front.NetworkName = O.Network;
  DO.Stage = O.Stage;
  DO.Output = O.Output;
  DO.Header = O.Header;
  DO.DepFile = O.MD || !O.MF.empty();
  DO.DepPath = O.MF;
  DO.PassList = O.Passes.Passes;
  DO.PM = O.Passes.get();
  DO.CG.Triple = O.Triple;
  DO.CG.CPU = O.CPU;
  DO.CG.Features = O.Attrs;
  DO.OutDir = O.OutDir;
  DO.Progress = !O.NoProgress && isatty(2);
  if (O.Threads < 1 || O.Threads > 1024) {
    D.toolError("--threads must be between 1 and 1024, got " + llvm::Twine(O.Threads.getValue()));
    return 1;
  }
  DO.Threads = O.Threads;
  DO.CG.OptLevel = O.OptLevel - '0';
  if (DO.Run && O.Stage.getNumOccurrences()) {
    D.toolError("--emit cannot be used with 'snnc run'");
    return 1;
  }
  if (DO.Run && (!O.Triple.empty() || !O.CPU.empty())) {
    D.toolError("'snnc run' compiles for this machine; --mtriple and --mcpu apply to object "
                "files only");
    return 1;
  }
  for (driver::Report R : O.Reports) {
    DO.ReportStorage |= R == driver::Report::Storage;
    DO.ReportQuantization |= R == driver::Report::Quantization;
    DO.ReportMapping |= R == driver::Report::Mapping;
  }
  DO.RatesFrom = O.RatesFrom;
  bool BeforePasses = O.Stage == driver::Emit::AST || O.Stage == driver::Emit::IR;
  if ((DO.ReportStorage || DO.ReportQuantization || DO.ReportMapping) && !DO.Run &&
      BeforePasses) {
    D.toolError(llvm::Twine("--report=") +
                (DO.ReportStorage ? "storage" : DO.ReportQuantization ? "quantization" : "mapping") +
                " describes the network after the passes; --emit=" +
                (O.Stage == driver::Emit::AST ? "ast" : "ir") + " stops before them");
    return 1;
  }
  if (!O.Dt.empty())
    if (!(DO.Front.Overrides.Dt = tools::parseQuantity(O.Dt, Dim::time(), "dt", D)))
      return 1;
  if (DO.Front.Overrides.Dt && !(*DO.Front.Overrides.Dt > 0)) {
    D.toolError("--dt must be positive");
    return 1;
  }
  if (!O.Duration.empty()) {
    if (!(DO.Front.Overrides.Duration =
              tools::parseQuantity(O.Duration, Dim::time(), "duration", D)))
      return 1;
    if (*DO.Front.Overrides.Duration < 0) {
      D.toolError("--duration must not be negative");
      return 1;
    }
  }
  if (!O.Seed.empty()) {
    uint64_t S;
    if (llvm::StringRef(O.Seed).getAsInteger(10, S) || S > 0xFFFFFFFFull) {
      D.toolError("invalid --seed '" + O.Seed + "'; expected an integer from 0 to 4294967295");
      return 1;
    }
    DO.Front.Overrides.Seed = S;
  }
  return DO.Run ? driver::run(DO, D) : driver::compile(DO, D);
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM X(argc, argv);
  return tools::runWithLargeStack([&] { return realMain(argc, argv); });
}
