//===- tools/snnc/Compile.cpp - snnc FILE: compile to the stage --emit asks for -------------===//
//
// Stages, in order: ast (the syntax tree of the main file), ir (after the frontend), ir-opt
// (after the pass pipeline), llvm (optimized LLVM IR), asm, obj (object file plus C header).
// Text stages go to stdout unless -o is given; the object goes to <input stem>.o by default.
// -MD writes a make-style dependency file listing the input and every imported file.
//
//===----------------------------------------------------------------------------------------===//
#include "tools/snnc/Driver.h"

#include "codegen/llvm/LLVMBackend.h"
#include "ir/Printer.h"
#include "ir/Verifier.h"
#include "passes/Pipeline.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ToolOutputFile.h"

namespace snn::driver {

/// Opens -o (or stdout for "-" and for text stages without -o).
static std::unique_ptr<llvm::ToolOutputFile> openText(const DriverOptions &O,
                                                      DiagnosticsEngine &D) {
  std::string Path = O.Output.empty() ? "-" : O.Output;
  std::error_code EC;
  auto Out = std::make_unique<llvm::ToolOutputFile>(Path, EC, llvm::sys::fs::OF_Text);
  if (EC) {
    D.toolError("cannot write '" + Path + "': " + EC.message());
    return nullptr;
  }
  return Out;
}

static bool writeDepFile(const DriverOptions &O, const std::string &Target, Frontend &F,
                         DiagnosticsEngine &D) {
  if (!O.DepFile)
    return true;
  std::string Path = O.DepPath;
  if (Path.empty()) {
    llvm::SmallString<256> P(Target);
    llvm::sys::path::replace_extension(P, "d");
    Path = std::string(P);
  }
  std::error_code EC;
  llvm::raw_fd_ostream OS(Path, EC, llvm::sys::fs::OF_Text);
  if (EC) {
    D.toolError("cannot write dependency file '" + Path + "': " + EC.message());
    return false;
  }
  auto escape = [](llvm::StringRef S) {
    std::string R;
    for (char C : S) {
      if (C == ' ' || C == '#')
        R += '\\';
      if (C == '$')
        R += '$';
      R += C;
    }
    return R;
  };
  OS << escape(Target) << ":";
  for (const std::string &Dep : F.dependencies())
    OS << " \\\n  " << escape(Dep);
  OS << "\n";
  return true;
}

std::unique_ptr<ir::Network> compileToIR(const DriverOptions &O, DiagnosticsEngine &D,
                                         Frontend &F, bool &Stop) {
  Stop = false;
  if (!F.parse())
    return nullptr;
  if (O.Stage == Emit::AST && !O.Run) {
    auto Out = openText(O, D);
    if (!Out)
      return nullptr;
    ast::print(F.mainFile(), D.sourceMgr(), Out->os());
    Out->keep();
    Stop = true;
    return nullptr;
  }
  std::unique_ptr<ir::Network> N = F.lower();
  if (!N)
    return nullptr;
  if (!ir::verify(*N, D, "after the frontend"))
    return nullptr;
  if (O.Stage == Emit::IR && !O.Run) {
    auto Out = openText(O, D);
    if (!Out)
      return nullptr;
    ir::print(*N, Out->os());
    Out->keep();
    Stop = true;
    return nullptr;
  }
  PassManager PM(O.PM);
  if (!PM.checkOptions(D))
    return nullptr;
  if (O.PassList.empty())
    buildDefaultPipeline(PM);
  else if (!PM.addByNames(O.PassList, D))
    return nullptr;
  PassContext Ctx{D};
  if (!PM.run(*N, Ctx))
    return nullptr;
  // Backends read the lowered IR; check it whatever --verify-each says (it is cheap).
  if (!ir::verify(*N, D, "after the pass pipeline"))
    return nullptr;
  if (O.ReportStorage)
    printStorageReport(*N, llvm::errs());
  return N;
}

int compile(const DriverOptions &O, DiagnosticsEngine &D) {
  bool TextStage = O.Stage != Emit::Obj;
  if (O.DepFile && TextStage && (O.Output.empty() || O.Output == "-")) {
    D.toolError("-MD needs an output file: add -o FILE (the dependency file names it as the "
                "target)");
    return 1;
  }
  Frontend F(D, O.Front);
  bool Stop = false;
  std::unique_ptr<ir::Network> N = compileToIR(O, D, F, Stop);
  if (Stop)
    return D.hasErrors() || !writeDepFile(O, O.Output, F, D) ? 1 : 0;
  if (!N)
    return 1;
  if (O.Stage == Emit::IROpt) {
    auto Out = openText(O, D);
    if (!Out)
      return 1;
    ir::print(*N, Out->os());
    Out->keep();
    return D.hasErrors() || !writeDepFile(O, O.Output, F, D) ? 1 : 0;
  }
  llvm::LLVMContext Ctx;
  std::unique_ptr<llvm::Module> M = codegen::buildModule(*N, Ctx, D);
  if (!M)
    return 1;
  std::unique_ptr<llvm::TargetMachine> TM = codegen::createTargetMachine(O.CG, D);
  if (!TM)
    return 1;
  codegen::optimize(*M, *TM, O.CG.OptLevel);
  if (O.Stage == Emit::LLVM) {
    auto Out = openText(O, D);
    if (!Out)
      return 1;
    M->print(Out->os(), nullptr);
    Out->keep();
    return writeDepFile(O, O.Output, F, D) ? 0 : 1;
  }
  std::string Path = O.Output;
  if (Path.empty() && O.Stage == Emit::Asm)
    Path = "-";
  if (Path.empty()) {
    llvm::SmallString<256> P(llvm::sys::path::filename(O.Front.Input));
    llvm::sys::path::replace_extension(P, "o");
    Path = std::string(P);
  }
  if (!codegen::emitFile(*M, *TM, Path, O.Stage == Emit::Asm, D))
    return 1;
  if (O.Stage == Emit::Obj) {
    auto Header = codegen::writeHeader(*N, llvm::sys::path::filename(O.Front.Input), D);
    if (!Header)
      return 1;
    std::string HPath = O.Header;
    if (HPath.empty()) {
      llvm::SmallString<256> P(Path);
      llvm::sys::path::replace_extension(P, "h");
      HPath = std::string(P);
    }
    std::error_code EC;
    llvm::raw_fd_ostream HS(HPath, EC, llvm::sys::fs::OF_Text);
    if (EC) {
      D.toolError("cannot write header '" + HPath + "': " + EC.message());
      return 1;
    }
    HS << *Header;
  }
  if (!writeDepFile(O, Path, F, D))
    return 1;
  return D.hasErrors() ? 1 : 0;
}

} // namespace snn::driver
