//===- codegen/llvm/Target.cpp - target machines, optimization, object files ----------------===//
//
// The optimization pipeline is LLVM's standard per-module pipeline (new pass manager) built for
// the target machine, so the loop vectorizer sees the real vector width of the CPU.
//
//===----------------------------------------------------------------------------------------===//
#include "codegen/llvm/LLVMBackend.h"

#include "llvm/IR/LegacyPassManager.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/Triple.h"
#include "llvm/MC/MCSubtargetInfo.h"

#include <mutex>

namespace snn::codegen {

void initializeLLVMTargets() {
  static std::once_flag Once;
  std::call_once(Once, [] {
    llvm::InitializeAllTargetInfos();
    llvm::InitializeAllTargets();
    llvm::InitializeAllTargetMCs();
    llvm::InitializeAllAsmPrinters();
    llvm::InitializeAllAsmParsers();
  });
}

static llvm::CodeGenOptLevel codegenLevel(int L) {
  switch (L) {
  case 0: return llvm::CodeGenOptLevel::None;
  case 1: return llvm::CodeGenOptLevel::Less;
  case 3: return llvm::CodeGenOptLevel::Aggressive;
  default: return llvm::CodeGenOptLevel::Default;
  }
}

std::unique_ptr<llvm::TargetMachine> createTargetMachine(const CodegenOptions &Opts,
                                                         DiagnosticsEngine &Diags) {
  initializeLLVMTargets();
  bool Host = Opts.Triple.empty();
  std::string Triple = Host ? llvm::sys::getDefaultTargetTriple()
                            : llvm::Triple::normalize(Opts.Triple);
  std::string Err;
  const llvm::Target *T = llvm::TargetRegistry::lookupTarget(Triple, Err);
  if (!T) {
    Diags.toolError("unknown target triple '" + Opts.Triple + "'");
    return nullptr;
  }
  // Check the CPU and features against the target's tables before creating the real machine,
  // so that mistakes are reported once, as errors (LLVM would only warn and carry on).
  llvm::TargetOptions TO;
  std::unique_ptr<llvm::TargetMachine> Probe(T->createTargetMachine(
      Triple, "generic", "", TO, llvm::Reloc::PIC_, std::nullopt, codegenLevel(Opts.OptLevel)));
  if (!Probe) {
    Diags.toolError("cannot create a code generator for '" + Triple + "'");
    return nullptr;
  }
  const llvm::MCSubtargetInfo &STI = *Probe->getMCSubtargetInfo();
  std::string CPU = Opts.CPU, Features = Opts.Features;
  if (!CPU.empty() && CPU != "native" && !STI.isCPUStringValid(CPU)) {
    Diags.toolError("unknown CPU '" + CPU + "' for target '" + Triple + "' (see 'llc-19 -mtriple=" +
                    Triple + " -mcpu=help')");
    return nullptr;
  }
  llvm::SmallVector<llvm::StringRef, 8> Requested;
  llvm::StringRef(Features).split(Requested, ',', -1, false);
  for (llvm::StringRef F : Requested) {
    F = F.trim();
    if (F.size() < 2 || (F[0] != '+' && F[0] != '-')) {
      Diags.toolError("--mattr: write each feature as +name or -name, not '" + F + "'");
      return nullptr;
    }
    bool Known = false;
    for (const auto &KV : STI.getAllProcessorFeatures())
      Known |= F.drop_front() == KV.Key;
    if (!Known) {
      Diags.toolError("--mattr: unknown feature '" + F.drop_front() + "' for target '" + Triple +
                      "' (see 'llc-19 -mtriple=" + Triple + " -mattr=help')");
      return nullptr;
    }
  }
  if (CPU.empty() || CPU == "native") {
    if (Host) {
      CPU = llvm::sys::getHostCPUName().str();
      if (Features.empty()) {
        llvm::SubtargetFeatures F;
        for (const auto &[Name, On] : llvm::sys::getHostCPUFeatures())
          F.AddFeature(Name, On);
        Features = F.getString();
      }
    } else {
      CPU = "generic";
    }
  }
  std::unique_ptr<llvm::TargetMachine> TM(T->createTargetMachine(
      Triple, CPU, Features, TO, llvm::Reloc::PIC_, std::nullopt, codegenLevel(Opts.OptLevel)));
  if (!TM) {
    Diags.toolError("cannot create a code generator for '" + Triple + "'");
    return nullptr;
  }
  return TM;
}

void optimize(llvm::Module &M, llvm::TargetMachine &TM, int OptLevel) {
  M.setDataLayout(TM.createDataLayout());
  M.setTargetTriple(TM.getTargetTriple().str());
  llvm::LoopAnalysisManager LAM;
  llvm::FunctionAnalysisManager FAM;
  llvm::CGSCCAnalysisManager CGAM;
  llvm::ModuleAnalysisManager MAM;
  llvm::PassBuilder PB(&TM);
  PB.registerModuleAnalyses(MAM);
  PB.registerCGSCCAnalyses(CGAM);
  PB.registerFunctionAnalyses(FAM);
  PB.registerLoopAnalyses(LAM);
  PB.crossRegisterProxies(LAM, FAM, CGAM, MAM);
  llvm::OptimizationLevel L = OptLevel <= 0   ? llvm::OptimizationLevel::O0
                              : OptLevel == 1 ? llvm::OptimizationLevel::O1
                              : OptLevel == 2 ? llvm::OptimizationLevel::O2
                                              : llvm::OptimizationLevel::O3;
  llvm::ModulePassManager MPM = OptLevel <= 0 ? PB.buildO0DefaultPipeline(L)
                                              : PB.buildPerModuleDefaultPipeline(L);
  MPM.run(M, MAM);
}

bool emitFile(llvm::Module &M, llvm::TargetMachine &TM, llvm::StringRef Path, bool Assembly,
              DiagnosticsEngine &Diags) {
  std::error_code EC;
  llvm::raw_fd_ostream OS(Path, EC, Assembly ? llvm::sys::fs::OF_Text : llvm::sys::fs::OF_None);
  if (EC) {
    Diags.toolError("cannot write '" + Path + "': " + EC.message());
    return false;
  }
  llvm::legacy::PassManager PM;
  if (TM.addPassesToEmitFile(PM, OS, nullptr,
                             Assembly ? llvm::CodeGenFileType::AssemblyFile
                                      : llvm::CodeGenFileType::ObjectFile)) {
    Diags.toolError("the target cannot emit this file type");
    return false;
  }
  PM.run(M);
  OS.flush();
  if (OS.has_error()) {
    Diags.toolError("error writing '" + Path + "': " + OS.error().message());
    OS.clear_error();
    return false;
  }
  return true;
}

} // namespace snn::codegen
