//===- codegen/llvm/Jit.cpp - running a network in-process with ORC LLJIT -------------------===//
//
// The runtime is linked into the compiler, so the JIT resolves the runtime helpers the kernels
// call to the compiler's own copies (absolute symbols) and math functions to the process's
// libm.
//
//===----------------------------------------------------------------------------------------===//
#include "codegen/llvm/LLVMBackend.h"

#include "snn/runtime.h"

#include "llvm/ExecutionEngine/Orc/ExecutionUtils.h"
#include "llvm/ExecutionEngine/Orc/LLJIT.h"

namespace snn::codegen {

struct JitNetwork::Impl {
  std::unique_ptr<llvm::orc::LLJIT> J;
};

JitNetwork::~JitNetwork() = default;

std::unique_ptr<JitNetwork> JitNetwork::create(std::unique_ptr<llvm::Module> M,
                                               std::unique_ptr<llvm::LLVMContext> Ctx,
                                               const std::string &Name, int OptLevel,
                                               DiagnosticsEngine &Diags) {
  initializeLLVMTargets();
  auto fail = [&](llvm::Error E) -> std::unique_ptr<JitNetwork> {
    Diags.toolError("JIT: " + llvm::toString(std::move(E)));
    return nullptr;
  };
  auto JTMB = llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!JTMB)
    return fail(JTMB.takeError());
  JTMB->setCodeGenOptLevel(OptLevel <= 0   ? llvm::CodeGenOptLevel::None
                           : OptLevel == 3 ? llvm::CodeGenOptLevel::Aggressive
                                           : llvm::CodeGenOptLevel::Default);
  auto TM = JTMB->createTargetMachine();
  if (!TM)
    return fail(TM.takeError());
  optimize(*M, **TM, OptLevel);
  auto J = llvm::orc::LLJITBuilder().setJITTargetMachineBuilder(*JTMB).create();
  if (!J)
    return fail(J.takeError());
  llvm::orc::JITDylib &JD = (*J)->getMainJITDylib();
  llvm::orc::SymbolMap Runtime;
  Runtime[(*J)->mangleAndIntern("snn_rt_random_u32")] = {
      llvm::orc::ExecutorAddr::fromPtr(&snn_rt_random_u32), llvm::JITSymbolFlags::Exported};
  Runtime[(*J)->mangleAndIntern("snn_rt_poisson_schedule")] = {
      llvm::orc::ExecutorAddr::fromPtr(&snn_rt_poisson_schedule), llvm::JITSymbolFlags::Exported};
  if (auto E = JD.define(llvm::orc::absoluteSymbols(std::move(Runtime))))
    return fail(std::move(E));
  auto Gen = llvm::orc::DynamicLibrarySearchGenerator::GetForCurrentProcess(
      (*J)->getDataLayout().getGlobalPrefix());
  if (!Gen)
    return fail(Gen.takeError());
  JD.addGenerator(std::move(*Gen));
  if (auto E = (*J)->addIRModule(llvm::orc::ThreadSafeModule(std::move(M), std::move(Ctx))))
    return fail(std::move(E));
  auto Sym = (*J)->lookup(Name + "_model");
  if (!Sym)
    return fail(Sym.takeError());
  auto R = std::unique_ptr<JitNetwork>(new JitNetwork());
  R->P = std::make_unique<Impl>();
  R->P->J = std::move(*J);
  R->Model = Sym->toPtr<const snn_model *>();
  return R;
}

} // namespace snn::codegen
