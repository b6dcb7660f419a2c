//===- codegen/llvm/ModuleBuilder.cpp - the LLVM module of a network ------------------------===//
//
// A network's module holds its kernels (internal), its JSON descriptor (private), a table of
// kernel pointers in BufferPlan order, and one exported constant
//   const snn_model <network>_model = {SNN_ABI_VERSION, #kernels, descriptor, size, kernels};
// laid out like the C struct in runtime/include/snn/runtime.h.
//
//===----------------------------------------------------------------------------------------===//
#include "codegen/llvm/BufferPlan.h"
#include "codegen/llvm/KernelEmitter.h"
#include "codegen/llvm/LLVMBackend.h"

#include "llvm/IR/Constants.h"
#include "llvm/IR/Verifier.h"

namespace snn::codegen {

/// Must equal SNN_ABI_VERSION in runtime/include/snn/runtime.h.
constexpr uint32_t AbiVersion = 1;

std::unique_ptr<llvm::Module> buildModule(const ir::Network &N, llvm::LLVMContext &Ctx,
                                          DiagnosticsEngine &Diags) {
  if (!checkLowered(N, Diags))
    return nullptr;
  if (N.Name == "snn") {
    Diags.error(N.Loc, "the network name 'snn' is reserved: its C API (snn_model, snn_create) "
                       "would clash with the runtime's");
    return nullptr;
  }
  auto M = std::make_unique<llvm::Module>("snn." + N.Name, Ctx);
  BufferPlan Plan(N);
  KernelEmitter KE(Plan, *M, Diags);
  std::vector<llvm::Function *> Kernels = KE.emitAll();
  if (Diags.hasErrors() || Kernels.size() != Plan.kernels().size())
    return nullptr;

  llvm::Type *I32 = llvm::Type::getInt32Ty(Ctx), *I64 = llvm::Type::getInt64Ty(Ctx);
  llvm::PointerType *Ptr = llvm::PointerType::get(Ctx, 0);
  std::string Text = Plan.descriptor();
  llvm::Constant *DescInit = llvm::ConstantDataArray::getString(Ctx, Text, /*AddNull=*/true);
  auto *Desc = new llvm::GlobalVariable(*M, DescInit->getType(), true,
                                        llvm::GlobalValue::PrivateLinkage, DescInit,
                                        "snn." + N.Name + ".descriptor");
  std::vector<llvm::Constant *> Fns(Kernels.begin(), Kernels.end());
  auto *TableTy = llvm::ArrayType::get(Ptr, Fns.size());
  auto *Table = new llvm::GlobalVariable(*M, TableTy, true, llvm::GlobalValue::PrivateLinkage,
                                         llvm::ConstantArray::get(TableTy, Fns),
                                         "snn." + N.Name + ".kernels");
  auto *ModelTy = llvm::StructType::get(Ctx, {I32, I32, Ptr, I64, Ptr});
  llvm::Constant *Model = llvm::ConstantStruct::get(
      ModelTy, {llvm::ConstantInt::get(I32, AbiVersion),
                llvm::ConstantInt::get(I32, Fns.size()), Desc,
                llvm::ConstantInt::get(I64, Text.size()), Table});
  new llvm::GlobalVariable(*M, ModelTy, true, llvm::GlobalValue::ExternalLinkage, Model,
                           N.Name + "_model");

  std::string Err;
  llvm::raw_string_ostream ES(Err);
  if (llvm::verifyModule(*M, &ES)) {
    Diags.toolError("internal error: generated LLVM IR is invalid: " + ES.str());
    return nullptr;
  }
  return M;
}

} // namespace snn::codegen
