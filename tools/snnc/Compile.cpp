//===- tools/snnc/Compile.cpp - snnc FILE: compile to the stage --emit asks for -------------===//
//
// Stages, in order: ast (the syntax tree of the main file), ir (after the frontend), ir-opt
// (after the pass pipeline for the target), then what the target's backend writes: llvm
// (optimized LLVM IR), asm, obj (object file plus C header) for the native target, chip (a core
// configuration) for chip targets. Text stages go to stdout unless -o is given; the object goes
// to <input stem>.o by default.
// -MD writes a make-style dependency file listing the input and every imported file.
//
//===----------------------------------------------------------------------------------------===//
#include "tools/snnc/Driver.h"

#include "ir/Printer.h"
#include "ir/Verifier.h"
#include "passes/Pipeline.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ToolOutputFile.h"

#include <algorithm>

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
                                         Frontend &F, const codegen::Backend &B, bool &Stop,
                                         MeasuredRateMap *RatesOut) {
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
  if (O.PassList.empty()) {
    buildDefaultPipeline(PM, O.Target);
    B.addPasses(PM);
  } else if (!PM.addByNames(O.PassList, D)) {
    return nullptr;
  }
  PassContext Ctx{D, O.Target};
  MeasuredRateMap LocalRates;
  MeasuredRateMap &Rates = RatesOut ? *RatesOut : LocalRates;
  if (!O.RatesFrom.empty() && !O.Target.isChip()) {
    D.toolWarning("--rates-from weighs the mapping onto chip cores; target '" + O.Target.Name +
                  "' has none, so it is ignored");
  } else if (!O.RatesFrom.empty()) {
    if (!readMeasuredRates(O.RatesFrom, *N, Rates, D))
      return nullptr;
    Ctx.MeasuredRates = &Rates;
  }
  if (!PM.run(*N, Ctx))
    return nullptr;
  // Backends read the lowered IR; check it whatever --verify-each says (it is cheap).
  if (!ir::verify(*N, D, "after the pass pipeline"))
    return nullptr;
  if (O.ReportStorage)
    printStorageReport(*N, llvm::errs());
  if (O.ReportQuantization)
    printQuantizationReport(*N, O.Target, llvm::errs());
  if (O.ReportMapping &&
      !printMappingReport(*N, O.Target, Ctx.MeasuredRates, D, llvm::errs()))
    return nullptr;
  return N;
}

/// The artifact --emit asks for (the backend's default when none); reports one the target's
/// backend cannot write.
static std::optional<codegen::Artifact> artifactFor(const DriverOptions &O,
                                                    const codegen::Backend &B,
                                                    DiagnosticsEngine &D) {
  std::vector<codegen::Artifact> Can = B.artifacts();
  if (O.Stage == Emit::Default)
    return Can.front();
  codegen::Artifact A = O.Stage == Emit::LLVM  ? codegen::Artifact::LLVMIR
                        : O.Stage == Emit::Asm ? codegen::Artifact::Assembly
                        : O.Stage == Emit::Obj ? codegen::Artifact::Object
                        : O.Stage == Emit::MappingDot ? codegen::Artifact::MappingDot
                                                      : codegen::Artifact::ChipConfig;
  if (std::find(Can.begin(), Can.end(), A) != Can.end())
    return A;
  std::string List;
  for (size_t I = 0; I < Can.size(); ++I)
    List += std::string(I ? (I + 1 == Can.size() ? " or " : ", ") : "") + "'" +
            codegen::artifactName(Can[I]) + "'";
  D.toolError(llvm::Twine("--emit=") + codegen::artifactName(A) + " is not an output of target '" +
              O.Target.Name + "'; it writes " + List +
              (A == codegen::Artifact::ChipConfig || A == codegen::Artifact::MappingDot
                   ? " (chip configurations come from chip targets: --target=list)"
                   : ""));
  return std::nullopt;
}

int compile(const DriverOptions &O, DiagnosticsEngine &D) {
  std::unique_ptr<codegen::Backend> B = codegen::createBackend(O.Target);
  if (!B) {
    D.toolError("no backend serves target '" + O.Target.Name + "'");
    return 1;
  }
  bool BeforeBackend =
      O.Stage == Emit::AST || O.Stage == Emit::IR || O.Stage == Emit::IROpt;
  std::optional<codegen::Artifact> What;
  if (!BeforeBackend && !(What = artifactFor(O, *B, D)))
    return 1;
  bool TextStage = BeforeBackend || *What != codegen::Artifact::Object;
  if (O.DepFile && TextStage && (O.Output.empty() || O.Output == "-")) {
    D.toolError("-MD needs an output file: add -o FILE (the dependency file names it as the "
                "target)");
    return 1;
  }
  Frontend F(D, O.Front);
  bool Stop = false;
  MeasuredRateMap Rates;
  std::unique_ptr<ir::Network> N = compileToIR(O, D, F, *B, Stop, &Rates);
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
  codegen::EmitRequest R;
  R.What = *What;
  R.Output = O.Output;
  R.Header = O.Header;
  R.InputPath = O.Front.Input;
  R.CG = O.CG;
  R.Rates = O.RatesFrom.empty() || !O.Target.isChip() ? nullptr : &Rates;
  std::optional<std::string> Path = B->emit(*N, R, D);
  if (!Path)
    return 1;
  if (!writeDepFile(O, *Path, F, D))
    return 1;
  return D.hasErrors() ? 1 : 0;
}

} // namespace snn::driver
