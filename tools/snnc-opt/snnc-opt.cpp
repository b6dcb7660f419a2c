//===- tools/snnc-opt/snnc-opt.cpp - runs passes on network IR text -------------------------===//
//
//   snnc-opt [--passes=a,b] [--verify-each] [--print-after-all] FILE.snnir [-o out]
//
// Reads the text form of the network IR (what `snnc --emit=ir` prints), verifies it, runs the
// named passes (none by default; --default-pipeline for the full pipeline) and prints the
// result, so every pass can be tested alone on IR text, like LLVM's opt.
//
//===----------------------------------------------------------------------------------------===//
#include "ir/Printer.h"
#include "ir/Reader.h"
#include "ir/Verifier.h"
#include "passes/Pipeline.h"
#include "tools/common/ToolSupport.h"

#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/ToolOutputFile.h"

using namespace snn;
namespace cl = llvm::cl;

namespace {

struct OptOptions {
  std::vector<cl::SubCommand *> Top{&cl::SubCommand::getTopLevel()};
  cl::opt<std::string> Input{cl::Positional, cl::desc("<input .snnir file, or - for stdin>"),
                             cl::init("-")};
  cl::opt<std::string> Output{"o", cl::desc("Output file (default: stdout)"),
                              cl::value_desc("file"), cl::init("-"),
                              cl::cat(tools::snncCategory())};
  cl::opt<bool> Default{"default-pipeline", cl::desc("Run the default pass pipeline"),
                        cl::cat(tools::passCategory())};
  cl::opt<bool> ListPasses{"list-passes", cl::desc("List the passes and exit"),
                           cl::cat(tools::passCategory())};
  cl::opt<bool> NoOutput{"disable-output", cl::desc("Do not print the resulting IR"),
                         cl::cat(tools::snncCategory())};
  tools::PassOptions Passes{Top};
  tools::DiagOptions Diags{Top};
  tools::TargetOptions Targets{Top};
};

int realMain(int argc, char **argv) {
  tools::claimOptionNames({"print-after-all", "print-after", "print-changed", "time-passes",
                           "verify-each", "passes", "dump-dir", "remarks", "o", "Werror",
                           "max-errors", "default-pipeline", "list-passes", "disable-output",
                           "target", "target-file"});
  OptOptions O;
  tools::setupHelpAndVersion("snnc-opt");
  if (!tools::parseCommandLine(argc, argv, "snnc-opt: runs snnc passes on network IR\n",
                               "'snnc-opt [options] FILE.snnir'"))
    return 1;
  if (O.Targets.listRequested()) {
    llvm::SourceMgr SM;
    DiagnosticsEngine D(SM);
    D.setToolName("snnc-opt");
    return tools::printTargets(tools::defaultTargetsDir(argv[0]), llvm::outs(), D) ? 0 : 1;
  }
  if (O.ListPasses) {
    for (const auto &[Name, Desc] : registeredPasses())
      llvm::outs() << Name << "\n    " << Desc << "\n";
    return 0;
  }
  llvm::SourceMgr SM;
  DiagnosticsEngine D(SM);
  D.setToolName("snnc-opt");
  O.Diags.apply(D);
  auto Buf = llvm::MemoryBuffer::getFileOrSTDIN(O.Input, /*IsText=*/true);
  if (!Buf) {
    D.fileError(O.Input, "cannot read file: " + Buf.getError().message());
    return 1;
  }
  unsigned ID = SM.AddNewSourceBuffer(std::move(*Buf), llvm::SMLoc());
  auto N = ir::readNetwork(ID, D);
  if (!N || !ir::verify(*N, D, "on input"))
    return 1;
  PassManager PM(O.Passes.get());
  if (!PM.checkOptions(D))
    return 1;
  if (O.Default && !O.Passes.Passes.empty()) {
    D.toolError("--default-pipeline and --passes cannot be combined");
    return 1;
  }
  std::string TargetsDir = tools::defaultTargetsDir(argv[0]);
  std::optional<support::TargetDesc> Target = tools::loadTarget(O.Targets, TargetsDir, D);
  if (!Target)
    return 1;
  if (O.Default)
    buildDefaultPipeline(PM, *Target);
  else if (!O.Passes.Passes.empty() && !PM.addByNames(O.Passes.Passes, D))
    return 1;
  PassContext Ctx{D, *Target};
  if (!PM.run(*N, Ctx))
    return 1;
  if (O.NoOutput)
    return 0;
  std::error_code EC;
  llvm::ToolOutputFile Out(O.Output, EC, llvm::sys::fs::OF_Text);
  if (EC) {
    D.toolError("cannot write '" + O.Output + "': " + EC.message());
    return 1;
  }
  ir::print(*N, Out.os());
  Out.keep();
  return D.hasErrors() ? 1 : 0;
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM X(argc, argv);
  return tools::runWithLargeStack([&] { return realMain(argc, argv); });
}
