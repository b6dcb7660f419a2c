//===- codegen/llvm/DeliveryKernels.cpp - spike delivery of static synapses -----------------===//
//
// A delivery kernel adds the weight of every synapse of each spiking source (the spikes
// [begin, end) of the source's list) to the target's input ring buffer, at the slot of the
// step the delay makes it arrive. The walk over a source's synapses depends on the storage:
//   identity    the one synapse i -> i;
//   csr         col[row_ptr[i] .. row_end[i]) (a thread's table points at its part of each row);
//   dense       every target in [range[0], range[1]) (skipping i -> i without autapses);
//   bitmask     the set bits of the row's words covering the range, lowest first;
//   procedural  the row generated again from the connectivity stream exactly as the runtime's
//               fixed_probability does (runtime/src/Connectivity.cpp): gaps floor(log(u) /
//               log(1 - p)) with u from the words of Philox blocks (row, 0), (row, 1), ...
// Synapse k (in CSR order) has weight[k] and delay[k] when they are arrays; dense storage
// keeps them in CSR order too, so synapse numbers are the same in every format. Targets receive
// their inputs in the order of the source spikes whatever the format, so the results are
// bit-identical across formats and thread counts.
//
//===----------------------------------------------------------------------------------------===//
#include "codegen/llvm/KernelEmitterImpl.h"

#include "llvm/IR/Intrinsics.h"

#include <cmath>

namespace snn::codegen {

bool KernelEmitter::Impl::delivery(size_t ProjIndex) {
  const ir::Projection &P = N.Projections[ProjIndex];
  const ProjBuffers &JB = Plan.proj(ProjIndex);
  int SrcIdx = N.populationIndex(P.Source), TgtIdx = N.populationIndex(P.Target);
  const PopBuffers &SB = Plan.pop(SrcIdx), &TB = Plan.pop(TgtIdx);
  const ir::Population &Tgt = N.Populations[TgtIdx];
  if (P.Store == ir::Storage::Unset || P.MaxDelaySteps < 0)
    return fail(P.Loc, "projection " + P.name() + " has no storage format or delay; run the "
                       "select-synapse-storage and quantize-delays passes");
  int64_t Slots = Tgt.ringSlots(P.Port);
  // A ring summed per delay holds Groups sums per slot: [slot][delay][target].
  const int64_t Groups = Tgt.ringGroups(P.Port);
  int Ring = TB.Rings.at(P.Port);
  llvm::Function *F = newKernel(Plan.kernels()[JB.Kernel]);
  Out.push_back(F);
  llvm::Type *I64 = B.getInt64Ty();
  llvm::Value *Step = F->getArg(1);
  llvm::Value *NT = B.getInt64(Tgt.Size);
  llvm::Value *Base = B.CreateURem(Step, B.getInt64(Slots), "slot.now");
  llvm::Value *ConstOffset = nullptr;
  if (P.DelaySteps >= 0) {
    llvm::Value *Slot = B.CreateURem(B.CreateAdd(Step, B.getInt64(P.DelaySteps)),
                                     B.getInt64(Slots), "slot");
    if (Groups > 1)
      Slot = B.CreateAdd(B.CreateMul(Slot, B.getInt64(Groups)), B.getInt64(P.DelaySteps));
    ConstOffset = B.CreateMul(Slot, NT, "slot.offset");
  }
  auto target = [&](llvm::Value *T, llvm::Value *SynIdx) -> llvm::Value * {
    if (ConstOffset)
      return B.CreateAdd(ConstOffset, T);
    llvm::Value *D = B.CreateZExt(load(JB.Delays, SynIdx, "d"), I64);
    llvm::Value *S = B.CreateAdd(Base, D);
    S = B.CreateSelect(B.CreateICmpUGE(S, B.getInt64(Slots)), B.CreateSub(S, B.getInt64(Slots)),
                       S);
    if (Groups > 1)
      S = B.CreateAdd(B.CreateMul(S, B.getInt64(Groups)), D);
    return B.CreateAdd(B.CreateMul(S, NT), T);
  };
  auto weight = [&](llvm::Value *SynIdx, llvm::Value *Mult) -> llvm::Value * {
    llvm::Value *W = JB.Weights >= 0 ? load(JB.Weights, SynIdx, "w") : f64(P.Weight.A);
    return Mult ? B.CreateFMul(W, Mult) : W;
  };
  auto add = [&](llvm::Value *Idx, llvm::Value *W) {
    llvm::Value *Old = load(Ring, Idx);
    store(Ring, Idx, B.CreateFAdd(Old, W));
  };
  // Formats that deliver to a range of targets read it once per call.
  llvm::Value *Lo = nullptr, *Hi = nullptr;
  if (JB.Range >= 0) {
    Lo = load(JB.Range, B.getInt64(0), "range.lo");
    Hi = load(JB.Range, B.getInt64(1), "range.hi");
  }
  const bool ExcludeSelf = !P.Autapses && P.Source == P.Target;
  // log(1 - p) for procedural rows, computed by the C library where the network runs, as the
  // runtime computes it when it counts or lists these synapses (not folded here: the compiling
  // machine's library could differ in the last bit). `nobuiltin` keeps LLVM from folding it.
  llvm::Value *LogMiss = nullptr;
  if (P.Store == ir::Storage::Procedural) {
    llvm::FunctionCallee Log1p = M.getOrInsertFunction(
        "log1p", llvm::FunctionType::get(B.getDoubleTy(), {B.getDoubleTy()}, false));
    llvm::CallInst *Call = B.CreateCall(Log1p, {f64(-P.P)}, "log.miss");
    Call->addFnAttr(llvm::Attribute::NoBuiltin);
    LogMiss = Call;
  }
  const uint64_t PerRow = ExcludeSelf && Tgt.Size > 0 ? Tgt.Size - 1 : Tgt.Size;

  loop(F->getArg(2), F->getArg(3), [&](llvm::Value *S) {
    llvm::Value *Src = B.CreateZExt(load(SB.SpikeIdx, S, "pre"), I64);
    llvm::Value *Mult = nullptr;
    if (SB.SpikeMult >= 0)
      Mult = B.CreateUIToFP(load(SB.SpikeMult, S, "mult"), B.getDoubleTy());
    llvm::Value *WConst = JB.Weights >= 0 ? nullptr : weight(nullptr, Mult);
    switch (P.Store) {
    case ir::Storage::Identity:
      add(target(Src, Src), weight(Src, Mult));
      return;
    case ir::Storage::CSR: {
      // The start of a row is a memory access the hardware cannot predict: prefetch the row
      // bounds of the spike 8 entries ahead and the first targets of the one 4 ahead.
      llvm::Value *Last = B.CreateSub(F->getArg(3), B.getInt64(1));
      auto ahead = [&](int64_t D) {
        llvm::Value *A = B.CreateAdd(S, B.getInt64(D));
        return B.CreateZExt(load(SB.SpikeIdx, B.CreateSelect(B.CreateICmpSLT(A, Last), A, Last)),
                            I64);
      };
      prefetch(JB.RowPtr, ahead(8));
      prefetch(JB.Col, load(JB.RowPtr, ahead(4)));
      llvm::Value *RowLo = load(JB.RowPtr, Src, "row.begin");
      // The row's end comes from its own array, so that a thread's table can point both at the
      // part of each row whose targets the thread owns.
      llvm::Value *RowHi = load(JB.RowEnd, Src, "row.end");
      loop(RowLo, RowHi, [&](llvm::Value *J) {
        llvm::Value *T = B.CreateZExt(load(JB.Col, J, "post"), I64);
        add(target(T, J), WConst ? WConst : weight(J, Mult));
      }, "syn");
      return;
    }
    case ir::Storage::Dense: {
      // Synapse number of target t: row * PerRow + t, less one after i -> i when excluded.
      llvm::Value *RowBase = B.CreateMul(Src, B.getInt64(PerRow), "row.base");
      auto span = [&](llvm::Value *From, llvm::Value *To, int64_t Shift) {
        loop(From, To, [&](llvm::Value *T) {
          llvm::Value *K = B.CreateAdd(RowBase, B.CreateSub(T, B.getInt64(Shift)));
          add(target(T, K), WConst ? WConst : weight(K, Mult));
        }, "t");
      };
      if (!ExcludeSelf) {
        span(Lo, Hi, 0);
        return;
      }
      auto min = [&](llvm::Value *A, llvm::Value *C) {
        return B.CreateSelect(B.CreateICmpULT(A, C), A, C);
      };
      auto max = [&](llvm::Value *A, llvm::Value *C) {
        return B.CreateSelect(B.CreateICmpUGT(A, C), A, C);
      };
      span(Lo, min(Src, Hi), 0);
      span(max(B.CreateAdd(Src, B.getInt64(1)), Lo), Hi, 1);
      return;
    }
    case ir::Storage::Bitmask:
      bitmaskRow(JB.Bits, Src, (Tgt.Size + 63) / 64, Lo, Hi, [&](llvm::Value *T) {
        add(target(T, nullptr), WConst);
      });
      return;
    case ir::Storage::Procedural:
      proceduralRow(ProjIndex, Src, PerRow, ExcludeSelf, LogMiss, Lo, Hi, [&](llvm::Value *T) {
        add(target(T, nullptr), WConst);
      });
      return;
    case ir::Storage::Unset:
      return;
    }
  });
  finishKernel();
  B.CreateRetVoid();
  return true;
}

void KernelEmitter::Impl::bitmaskRow(int Bits, llvm::Value *Src, uint64_t Words, llvm::Value *Lo,
                                     llvm::Value *Hi,
                                     const std::function<void(llvm::Value *)> &Body) {
  llvm::Type *I64 = B.getInt64Ty();
  llvm::Function *F = B.GetInsertBlock()->getParent();
  llvm::Value *RowBase = B.CreateMul(Src, B.getInt64(Words), "bits.row");
  llvm::Value *First = B.CreateLShr(Lo, 6, "word.first");
  llvm::Value *Last = B.CreateLShr(B.CreateAdd(Hi, B.getInt64(63)), 6, "word.end");
  llvm::Value *AllOnes = B.getInt64(~uint64_t{0});
  loop(First, Last, [&](llvm::Value *W) {
    llvm::Value *Word = load(Bits, B.CreateAdd(RowBase, W), "bits");
    // Keep the bits of targets in [Lo, Hi): the range may start or end inside this word.
    llvm::Value *WordLo = B.CreateShl(W, 6, "word.lo");
    llvm::Value *Below = B.CreateSelect(B.CreateICmpUGT(Lo, WordLo), B.CreateSub(Lo, WordLo),
                                        B.getInt64(0));
    llvm::Value *Above = B.CreateSub(Hi, WordLo); // >= 1
    llvm::Value *HighMask = B.CreateSelect(
        B.CreateICmpUGE(Above, B.getInt64(64)), AllOnes,
        B.CreateSub(B.CreateShl(B.getInt64(1), B.CreateAnd(Above, B.getInt64(63))),
                    B.getInt64(1)));
    Word = B.CreateAnd(Word, B.CreateAnd(B.CreateShl(AllOnes, Below), HighMask), "bits.kept");
    // Each set bit, lowest first.
    llvm::BasicBlock *Pre = B.GetInsertBlock();
    auto *Head = llvm::BasicBlock::Create(Ctx, "bit.head", F);
    auto *BodyBB = llvm::BasicBlock::Create(Ctx, "bit.body", F);
    auto *Exit = llvm::BasicBlock::Create(Ctx, "bit.exit", F);
    B.CreateBr(Head);
    B.SetInsertPoint(Head);
    llvm::PHINode *Left = B.CreatePHI(I64, 2, "bits.left");
    Left->addIncoming(Word, Pre);
    B.CreateCondBr(B.CreateICmpNE(Left, B.getInt64(0)), BodyBB, Exit);
    B.SetInsertPoint(BodyBB);
    llvm::Value *Bit = B.CreateBinaryIntrinsic(llvm::Intrinsic::cttz, Left, B.getTrue());
    Body(B.CreateAdd(WordLo, Bit, "post"));
    Left->addIncoming(B.CreateAnd(Left, B.CreateSub(Left, B.getInt64(1))), B.GetInsertBlock());
    B.CreateBr(Head);
    B.SetInsertPoint(Exit);
  }, "word");
}

void KernelEmitter::Impl::proceduralRow(size_t ProjIndex, llvm::Value *Src, uint64_t PerRow,
                                        bool ExcludeSelf, llvm::Value *LogMiss, llvm::Value *Lo,
                                        llvm::Value *Hi,
                                        const std::function<void(llvm::Value *)> &Body) {
  llvm::Type *I64 = B.getInt64Ty(), *I32 = B.getInt32Ty(), *F64 = B.getDoubleTy();
  llvm::Function *F = B.GetInsertBlock()->getParent();
  // Key (seed, SNN_STREAM(SNN_STREAM_CONNECT, projection)); counter (row, block) laid out as the
  // words (lo(row), lo(block), hi(block), hi(row)).
  llvm::Value *Seed = B.CreateTrunc(load(Plan.seedBuffer(), B.getInt64(0), "seed"), I32);
  llvm::Value *Stream = B.getInt32((2u << 24) | static_cast<uint32_t>(ProjIndex));
  llvm::Value *RowLo = B.CreateTrunc(Src, I32), *RowHi = B.CreateTrunc(B.CreateLShr(Src, 32), I32);

  llvm::BasicBlock *Pre = B.GetInsertBlock();
  auto *Block = llvm::BasicBlock::Create(Ctx, "gen.block", F);
  auto *Done = llvm::BasicBlock::Create(Ctx, "gen.done", F);
  B.CreateBr(Block);
  B.SetInsertPoint(Block);
  llvm::PHINode *BlockIdx = B.CreatePHI(I64, 2, "gen.b");
  llvm::PHINode *Cand = B.CreatePHI(I64, 2, "gen.candidate");
  BlockIdx->addIncoming(B.getInt64(0), Pre);
  Cand->addIncoming(B.getInt64(-1), Pre);
  std::array<llvm::Value *, 4> Word =
      philox({RowLo, B.CreateTrunc(BlockIdx, I32), B.CreateTrunc(B.CreateLShr(BlockIdx, 32), I32),
              RowHi},
             {Seed, Stream});
  // One synapse from the uniform of words (High, Low); returns the new candidate, leaving the
  // builder where generation goes on (and branching to Done when the row ends).
  auto next = [&](llvm::Value *High, llvm::Value *Low, llvm::Value *C) -> llvm::Value * {
    llvm::Value *Bits53 = B.CreateXor(B.CreateShl(B.CreateZExt(High, I64), 21),
                                      B.CreateLShr(B.CreateZExt(Low, I64), 11));
    llvm::Value *U = B.CreateSelect(B.CreateICmpNE(Bits53, B.getInt64(0)),
                                    B.CreateFMul(B.CreateUIToFP(Bits53, F64), f64(0x1p-53)),
                                    f64(0x1p-54), "u");
    llvm::Value *Log = B.CreateUnaryIntrinsic(llvm::Intrinsic::log, U);
    llvm::Value *Gap = B.CreateUnaryIntrinsic(llvm::Intrinsic::floor, B.CreateFDiv(Log, LogMiss),
                                              nullptr, "gap");
    llvm::Value *Room = B.CreateSIToFP(
        B.CreateSub(B.getInt64(static_cast<int64_t>(PerRow) - 1), C), F64);
    auto *Take = llvm::BasicBlock::Create(Ctx, "gen.take", F);
    B.CreateCondBr(B.CreateFCmpOGE(Gap, Room), Done, Take);
    B.SetInsertPoint(Take);
    llvm::Value *C2 = B.CreateAdd(C, B.CreateAdd(B.getInt64(1), B.CreateFPToSI(Gap, I64)),
                                  "candidate");
    llvm::Value *T = ExcludeSelf ? B.CreateSelect(B.CreateICmpULT(C2, Src), C2,
                                                  B.CreateAdd(C2, B.getInt64(1)))
                                 : C2;
    // Targets ascend: past the range, the rest of the row is some other thread's.
    auto *InRange = llvm::BasicBlock::Create(Ctx, "gen.below.hi", F);
    B.CreateCondBr(B.CreateICmpUGE(T, Hi), Done, InRange);
    B.SetInsertPoint(InRange);
    auto *Deliver = llvm::BasicBlock::Create(Ctx, "gen.deliver", F);
    auto *Skip = llvm::BasicBlock::Create(Ctx, "gen.next", F);
    B.CreateCondBr(B.CreateICmpUGE(T, Lo), Deliver, Skip);
    B.SetInsertPoint(Deliver);
    Body(T);
    B.CreateBr(Skip);
    B.SetInsertPoint(Skip);
    return C2;
  };
  llvm::Value *C1 = next(Word[0], Word[1], Cand);
  llvm::Value *C2 = next(Word[2], Word[3], C1);
  BlockIdx->addIncoming(B.CreateAdd(BlockIdx, B.getInt64(1)), B.GetInsertBlock());
  Cand->addIncoming(C2, B.GetInsertBlock());
  B.CreateBr(Block);
  B.SetInsertPoint(Done);
}

} // namespace snn::codegen
