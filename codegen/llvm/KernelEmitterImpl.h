//===- codegen/llvm/KernelEmitterImpl.h - shared machinery of the kernel emitters -----------===//
//
// The state and helpers every kernel emitter uses: the kernel signature, buffer base pointers,
// typed loads and stores tagged with per-buffer alias scopes, and counted loops. Neuron, Poisson
// and static delivery kernels are in KernelEmitter.cpp, plastic synapse kernels in
// SynapseKernels.cpp.
//
//===----------------------------------------------------------------------------------------===//
#ifndef SNNC_CODEGEN_LLVM_KERNELEMITTERIMPL_H
#define SNNC_CODEGEN_LLVM_KERNELEMITTERIMPL_H

#include "codegen/llvm/ExprEmitter.h"
#include "codegen/llvm/KernelEmitter.h"

#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Intrinsics.h"
#include "llvm/IR/MDBuilder.h"

#include <array>
#include <functional>
#include <map>

namespace snn::codegen {

struct KernelEmitter::Impl {
  Impl(const BufferPlan &P, llvm::Module &M, DiagnosticsEngine &D)
      : Plan(P), N(P.network()), M(M), Ctx(M.getContext()), Diags(D), B(Ctx) {}

  // ---- helpers ----
  llvm::Type *typeOf(ElemType T) {
    switch (T) {
    case ElemType::F64: return B.getDoubleTy();
    case ElemType::F32: return B.getFloatTy();
    case ElemType::I64: case ElemType::U64: return B.getInt64Ty();
    case ElemType::I32: case ElemType::U32: return B.getInt32Ty();
    case ElemType::U16: return B.getInt16Ty();
    case ElemType::U8: return B.getInt8Ty();
    }
    return nullptr;
  }

  llvm::Function *newKernel(const std::string &Name) {
    llvm::Type *Ptr = B.getPtrTy(), *I64 = B.getInt64Ty();
    auto *FT = llvm::FunctionType::get(B.getVoidTy(), {Ptr, I64, I64, I64}, false);
    auto *F = llvm::Function::Create(FT, llvm::Function::InternalLinkage,
                                     "snn." + N.Name + "." + Name, M);
    F->addFnAttr(llvm::Attribute::NoUnwind);
    F->addParamAttr(0, llvm::Attribute::NoAlias);
    F->addParamAttr(0, llvm::Attribute::ReadOnly);
    F->addParamAttr(0, llvm::Attribute::NoCapture);
    F->getArg(0)->setName("bufs");
    F->getArg(1)->setName("step");
    F->getArg(2)->setName("begin");
    F->getArg(3)->setName("end");
    B.SetInsertPoint(llvm::BasicBlock::Create(Ctx, "entry", F));
    Bases.clear();
    Kernel = F;
    return F;
  }

  /// The base pointer of buffer Id (loaded once per kernel, in the entry block).
  llvm::Value *base(int Id) {
    auto It = Bases.find(Id);
    if (It != Bases.end())
      return It->second;
    llvm::IRBuilder<> EB(&Kernel->getEntryBlock(), Kernel->getEntryBlock().begin());
    llvm::Value *Slot = EB.CreateConstInBoundsGEP1_64(EB.getPtrTy(), Kernel->getArg(0), Id);
    auto *L = EB.CreateAlignedLoad(EB.getPtrTy(), Slot, llvm::Align(8),
                                   Plan.buffers()[Id].Name + ".base");
    L->setMetadata(llvm::LLVMContext::MD_invariant_load, llvm::MDNode::get(Ctx, {}));
    Bases[Id] = L;
    return L;
  }

  /// Remembers that I accesses buffer Id; finishKernel() attaches the alias scopes.
  void tag(llvm::Instruction *I, int Id) { Tagged.push_back({I, Id}); }

  /// Gives each buffer the kernel touches its own alias scope (buffers never overlap), so
  /// LLVM needs no run-time alias checks. Scopes are per kernel: their lists stay small.
  void finishKernel() {
    llvm::MDBuilder MDB(Ctx);
    llvm::MDNode *Domain = MDB.createAnonymousAliasScopeDomain(Kernel->getName());
    std::map<int, llvm::MDNode *> Scope;
    for (const auto &[I, Id] : Tagged)
      if (!Scope.count(Id))
        Scope[Id] = MDB.createAnonymousAliasScope(Domain, Plan.buffers()[Id].Name);
    std::map<int, std::pair<llvm::MDNode *, llvm::MDNode *>> Lists;
    for (const auto &[Id, S] : Scope) {
      std::vector<llvm::Metadata *> Others;
      for (const auto &[J, T] : Scope)
        if (J != Id)
          Others.push_back(T);
      Lists[Id] = {llvm::MDNode::get(Ctx, {S}), llvm::MDNode::get(Ctx, Others)};
    }
    for (const auto &[I, Id] : Tagged) {
      I->setMetadata(llvm::LLVMContext::MD_alias_scope, Lists[Id].first);
      I->setMetadata(llvm::LLVMContext::MD_noalias, Lists[Id].second);
    }
    Tagged.clear();
  }

  /// Elements are naturally aligned: the runtime allocates every buffer 64-byte aligned.
  llvm::Align alignOf(int Id) {
    return llvm::Align(typeOf(Plan.buffers()[Id].Type)->getPrimitiveSizeInBits() / 8);
  }

  llvm::Value *load(int Id, llvm::Value *Index, const llvm::Twine &Name = "") {
    llvm::Type *T = typeOf(Plan.buffers()[Id].Type);
    llvm::Value *P = B.CreateInBoundsGEP(T, base(Id), Index);
    auto *L = B.CreateAlignedLoad(T, P, alignOf(Id), Name);
    tag(L, Id);
    // Values stored in single precision are computed with in double.
    if (T->isFloatTy())
      return B.CreateFPExt(L, B.getDoubleTy());
    return L;
  }

  void store(int Id, llvm::Value *Index, llvm::Value *V) {
    llvm::Type *T = typeOf(Plan.buffers()[Id].Type);
    llvm::Value *P = B.CreateInBoundsGEP(T, base(Id), Index);
    if (T->isFloatTy() && V->getType()->isDoubleTy())
      V = B.CreateFPTrunc(V, T); // rounded to the nearest float
    tag(B.CreateAlignedStore(V, P, alignOf(Id)), Id);
  }

  /// A hint that element Index of buffer Id will be read soon.
  void prefetch(int Id, llvm::Value *Index) {
    llvm::Type *T = typeOf(Plan.buffers()[Id].Type);
    llvm::Value *P = B.CreateInBoundsGEP(T, base(Id), Index);
    B.CreateIntrinsic(llvm::Intrinsic::prefetch, {B.getPtrTy()},
                      {P, B.getInt32(0), B.getInt32(3), B.getInt32(1)});
  }

  /// for (i = Begin; i < End; ++i) Body(i); leaves the builder after the loop.
  void loop(llvm::Value *Begin, llvm::Value *End, const std::function<void(llvm::Value *)> &Body,
            const char *Name = "i") {
    llvm::Function *F = B.GetInsertBlock()->getParent();
    llvm::BasicBlock *Pre = B.GetInsertBlock();
    auto *Head = llvm::BasicBlock::Create(Ctx, std::string(Name) + ".head", F);
    auto *BodyBB = llvm::BasicBlock::Create(Ctx, std::string(Name) + ".body", F);
    auto *Exit = llvm::BasicBlock::Create(Ctx, std::string(Name) + ".exit", F);
    B.CreateBr(Head);
    B.SetInsertPoint(Head);
    llvm::PHINode *I = B.CreatePHI(B.getInt64Ty(), 2, Name);
    I->addIncoming(Begin, Pre);
    B.CreateCondBr(B.CreateICmpSLT(I, End), BodyBB, Exit);
    B.SetInsertPoint(BodyBB);
    Body(I);
    llvm::Value *Next = B.CreateAdd(I, B.getInt64(1), "", /*NUW=*/true, /*NSW=*/true);
    I->addIncoming(Next, B.GetInsertBlock());
    B.CreateBr(Head);
    B.SetInsertPoint(Exit);
  }

  llvm::Value *f64(double V) { return llvm::ConstantFP::get(B.getDoubleTy(), V); }

  bool fail(llvm::SMRange Loc, const llvm::Twine &Msg) {
    Diags.error(Loc, Msg);
    return false;
  }

  // ---- kernels ----
  bool neuronUpdate(size_t PopIndex);
  bool poisson(size_t PopIndex);
  bool poissonSchedule(size_t PopIndex);
  bool delivery(size_t ProjIndex);
  /// Calls Body(target) for the set bits of source Src's row of a bitmask (Words words per
  /// row) whose targets are in [Lo, Hi), ascending (DeliveryKernels.cpp).
  void bitmaskRow(int Bits, llvm::Value *Src, uint64_t Words, llvm::Value *Lo, llvm::Value *Hi,
                  const std::function<void(llvm::Value *)> &Body);
  /// Calls Body(target) for the synapses of source Src of a procedural fixed_probability
  /// projection whose targets are in [Lo, Hi), ascending, generated as the runtime does.
  void proceduralRow(size_t ProjIndex, llvm::Value *Src, uint64_t PerRow, bool ExcludeSelf,
                     llvm::Value *LogMiss, llvm::Value *Lo, llvm::Value *Hi,
                     const std::function<void(llvm::Value *)> &Body);
  // SynapseKernels.cpp
  /// The four words of the Philox4x32-10 block with counter C and key K.
  std::array<llvm::Value *, 4> philox(std::array<llvm::Value *, 4> C,
                                      std::array<llvm::Value *, 2> K);
  bool plasticPre(size_t ProjIndex);
  bool plasticPost(size_t ProjIndex);
  bool plasticModulator(size_t ProjIndex);
  struct SynapseSite;
  llvm::Value *decayed(const ir::SynapseModel &S, const std::string &Var, llvm::Value *X,
                       llvm::Value *Steps);
  llvm::Value *loadTrace(const ir::SynapseModel &S, const std::string &Var, int Buf, int Last,
                         llvm::Value *Index, llvm::Value *Step);
  bool runSynapseEvent(size_t ProjIndex, const std::vector<ir::Stmt> &Body, SynapseSite &Site);
  bool updateTraces(const ir::SynapseModel &S, const std::vector<ir::Stmt> &Body,
                    const std::map<std::string, int> &Traces, int Last, llvm::Value *Index,
                    llvm::Value *Step, llvm::Value *Time, Env &Old);

  const BufferPlan &Plan;
  const ir::Network &N;
  llvm::Module &M;
  llvm::LLVMContext &Ctx;
  DiagnosticsEngine &Diags;
  llvm::IRBuilder<> B;
  std::vector<std::pair<llvm::Instruction *, int>> Tagged;
  std::map<int, llvm::Value *> Bases;
  llvm::Function *Kernel = nullptr;
  std::vector<llvm::Function *> Out;
};

} // namespace snn::codegen

#endif
