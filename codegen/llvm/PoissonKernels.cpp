//===- codegen/llvm/PoissonKernels.cpp - Poisson generator kernels --------------------------===//
//
// The update kernel of a Poisson population draws each generator's spike count for the step
// from counter-based random numbers: word (i mod 4) of the Philox4x32-10 block (i / 4, step) of
// the population's stream (runtime/src/Random.h), generated inline so that the loop over blocks
// vectorizes; partial blocks at the ends of the range come from the runtime's
// snn_rt_random_u32, which gives the same words. The count is the inverse of the Poisson
// distribution function at u = (r + 0.5) 2^-32: for short tables the number of thresholds r
// reaches (compares with constants, no memory access), else a branch-free binary search in a
// constant table. Rates that vary per generator or in time call snn_rt_poisson_schedule.
//
//===----------------------------------------------------------------------------------------===//
#include "codegen/llvm/KernelEmitterImpl.h"
#include "support/Poisson.h"

#include <array>
#include <cmath>

namespace snn::codegen {

std::array<llvm::Value *, 4> KernelEmitter::Impl::philox(std::array<llvm::Value *, 4> C,
                                                          std::array<llvm::Value *, 2> K) {
  // Philox4x32-10 (Salmon et al. 2011), as Random123 computes it.
  llvm::Type *I64 = B.getInt64Ty(), *I32 = B.getInt32Ty();
  auto mulhilo = [&](uint32_t Mul, llvm::Value *X) {
    llvm::Value *P = B.CreateMul(B.CreateZExt(X, I64), B.getInt64(Mul));
    return std::make_pair(B.CreateTrunc(P, I32), B.CreateTrunc(B.CreateLShr(P, 32), I32));
  };
  for (int Round = 0; Round < 10; ++Round) {
    if (Round > 0) {
      K[0] = B.CreateAdd(K[0], B.getInt32(0x9E3779B9u));
      K[1] = B.CreateAdd(K[1], B.getInt32(0xBB67AE85u));
    }
    auto [Lo0, Hi0] = mulhilo(0xD2511F53u, C[0]);
    auto [Lo1, Hi1] = mulhilo(0xCD9E8D57u, C[2]);
    C = {B.CreateXor(B.CreateXor(Hi1, C[1]), K[0]), Lo1,
         B.CreateXor(B.CreateXor(Hi0, C[3]), K[1]), Lo0};
  }
  return C;
}

bool KernelEmitter::Impl::poisson(size_t PopIndex) {
  const ir::Population &P = N.Populations[PopIndex];
  const PopBuffers &PB = Plan.pop(PopIndex);
  if (P.hasRateSchedule())
    return poissonSchedule(PopIndex);
  // Distribution function of Poisson(lambda) (support/Poisson.h): each probability from its
  // logarithm, up to where the tail is far below the 2^-32 resolution of the uniform numbers.
  double Lambda = P.Rate * N.Sim.Dt;
  if (!(Lambda <= support::MaxPoissonMean)) // checked by quantize-event-times
    return fail(P.Loc, "Poisson rate of '" + P.Name + "' is above the limit; run the "
                       "quantize-event-times pass");
  std::vector<double> Cdf = support::poissonCdf(Lambda);
  auto *TableTy = llvm::ArrayType::get(B.getDoubleTy(), Cdf.size());
  std::vector<llvm::Constant *> Vals;
  for (double C : Cdf)
    Vals.push_back(llvm::ConstantFP::get(B.getDoubleTy(), C));
  auto *Table = new llvm::GlobalVariable(M, TableTy, true, llvm::GlobalValue::InternalLinkage,
                                         llvm::ConstantArray::get(TableTy, Vals),
                                         "snn." + N.Name + ".cdf." + P.Name);

  llvm::Function *F = newKernel("update." + P.Name);
  Out.push_back(F);
  llvm::FunctionCallee Rand = M.getOrInsertFunction(
      "snn_rt_random_u32",
      llvm::FunctionType::get(B.getVoidTy(),
                              {B.getInt64Ty(), B.getInt32Ty(), B.getInt64Ty(), B.getInt64Ty(),
                               B.getInt64Ty(), B.getPtrTy()},
                              false));
  llvm::Value *Seed = load(Plan.seedBuffer(), B.getInt64(0), "seed");
  uint32_t Stream = (5u << 24) | static_cast<uint32_t>(PopIndex); // SNN_STREAM_POISSON
  llvm::Value *Begin = F->getArg(2), *End = F->getArg(3), *Step = F->getArg(1);
  // Random words: whole blocks [First, Stop) inline, the partial blocks around them (or the
  // whole range, if it lies inside one block) from the runtime.
  auto runtimeWords = [&](llvm::Value *From, llvm::Value *To) {
    llvm::Value *Dst = B.CreateInBoundsGEP(B.getInt32Ty(), base(PB.Random), From);
    B.CreateCall(Rand, {Seed, B.getInt32(Stream), Step, From, To, Dst});
  };
  llvm::Value *First = B.CreateAnd(B.CreateAdd(Begin, B.getInt64(3)), B.getInt64(~int64_t(3)));
  llvm::Value *Stop = B.CreateAnd(End, B.getInt64(~int64_t(3)));
  llvm::Value *Small = B.CreateICmpSGE(First, Stop);
  First = B.CreateSelect(Small, End, First);
  Stop = B.CreateSelect(Small, End, Stop);
  runtimeWords(Begin, First);
  runtimeWords(Stop, End);
  llvm::Value *Seed32 = B.CreateTrunc(Seed, B.getInt32Ty());
  llvm::Value *StepLo = B.CreateTrunc(Step, B.getInt32Ty());
  llvm::Value *StepHi = B.CreateTrunc(B.CreateLShr(Step, 32), B.getInt32Ty());
  loop(B.CreateLShr(First, 2), B.CreateLShr(Stop, 2), [&](llvm::Value *Blk) {
    std::array<llvm::Value *, 4> W = philox(
        {B.CreateTrunc(Blk, B.getInt32Ty()), StepLo, StepHi,
         B.CreateTrunc(B.CreateLShr(Blk, 32), B.getInt32Ty())},
        {Seed32, B.getInt32(Stream)});
    for (int J = 0; J < 4; ++J)
      store(PB.Random, B.CreateAdd(B.CreateShl(Blk, 2), B.getInt64(J)), W[J]);
  }, "block");
  int64_t Len = static_cast<int64_t>(Cdf.size());
  // Thresholds on r: u = (r + 0.5) 2^-32 exceeds Cdf[k] exactly when r >= T[k] (all exact in
  // double precision).
  std::vector<uint64_t> Thresholds = support::poissonThresholds(Cdf);
  int Iters = 0;
  while ((int64_t(1) << Iters) <= Len)
    ++Iters;
  loop(Begin, End, [&](llvm::Value *I) {
    llvm::Value *R = load(PB.Random, I, "r");
    if (Len <= 32) {
      // k = number of thresholds r reaches (a sum of comparisons with constants).
      llvm::Value *K = B.getInt32(0);
      for (uint64_t T : Thresholds) {
        if (T > 0xFFFFFFFFull)
          continue; // never reached
        K = B.CreateAdd(K, B.CreateZExt(B.CreateICmpUGE(R, B.getInt32(uint32_t(T))),
                                        B.getInt32Ty()));
      }
      store(PB.Counts, I, K);
      return;
    }
    llvm::Value *U = B.CreateFMul(B.CreateFAdd(B.CreateUIToFP(R, B.getDoubleTy()), f64(0.5)),
                                  f64(std::ldexp(1.0, -32)), "u");
    // k = number of table entries below u (a branch-free binary search).
    llvm::Value *Lo = B.getInt64(0), *Cnt = B.getInt64(Len);
    for (int It = 0; It < Iters; ++It) {
      llvm::Value *Half = B.CreateLShr(Cnt, 1);
      llvm::Value *Mid = B.CreateAdd(Lo, Half);
      llvm::Value *Safe = B.CreateSelect(B.CreateICmpSLT(Mid, B.getInt64(Len)), Mid,
                                         B.getInt64(Len - 1));
      llvm::Value *C = B.CreateLoad(
          B.getDoubleTy(), B.CreateInBoundsGEP(TableTy, Table, {B.getInt64(0), Safe}));
      llvm::Value *Less = B.CreateAnd(B.CreateICmpSGT(Cnt, B.getInt64(0)), B.CreateFCmpOLT(C, U));
      Lo = B.CreateSelect(Less, B.CreateAdd(Mid, B.getInt64(1)), Lo);
      Cnt = B.CreateSelect(Less, B.CreateSub(B.CreateSub(Cnt, Half), B.getInt64(1)), Half);
    }
    store(PB.Counts, I, B.CreateTrunc(Lo, B.getInt32Ty()));
  });
  finishKernel();
  B.CreateRetVoid();
  return true;
}

bool KernelEmitter::Impl::poissonSchedule(size_t PopIndex) {
  const ir::Population &P = N.Populations[PopIndex];
  const PopBuffers &PB = Plan.pop(PopIndex);
  if (P.RateSteps.size() != P.RateRows.size())
    return fail(P.Loc, "the rate schedule of '" + P.Name +
                           "' is not on the step grid; run the "
                           "quantize-event-times pass");
  // The schedule as two constant tables: the step each row starts after, and the mean spike
  // counts per step (rows of one value for all generators, or one per generator).
  size_t Width = P.RateRows.empty() ? 1 : P.RateRows[0].size();
  std::vector<llvm::Constant *> Starts, Means;
  for (size_t R = 0; R < P.RateRows.size(); ++R) {
    if (P.RateRows[R].size() != Width)
      return fail(P.Loc, "the rate rows of '" + P.Name + "' differ in length");
    Starts.push_back(B.getInt64(P.RateSteps[R]));
    for (double Rate : P.RateRows[R]) {
      double Lambda = Rate * N.Sim.Dt;
      if (!(Lambda <= support::MaxPoissonMean)) // checked by quantize-event-times
        return fail(P.Loc, "Poisson rate of '" + P.Name + "' is above the limit; run the "
                           "quantize-event-times pass");
      Means.push_back(llvm::ConstantFP::get(B.getDoubleTy(), Lambda));
    }
  }
  auto table = [&](llvm::Type *T, std::vector<llvm::Constant *> &V, const char *What) {
    auto *Ty = llvm::ArrayType::get(T, V.size());
    return new llvm::GlobalVariable(M, Ty, true, llvm::GlobalValue::InternalLinkage,
                                    llvm::ConstantArray::get(Ty, V),
                                    "snn." + N.Name + "." + What + "." + P.Name);
  };
  llvm::GlobalVariable *StartTable = table(B.getInt64Ty(), Starts, "rate_starts");
  llvm::GlobalVariable *MeanTable = table(B.getDoubleTy(), Means, "rate_means");

  llvm::Function *F = newKernel("update." + P.Name);
  Out.push_back(F);
  llvm::Type *I64 = B.getInt64Ty(), *Ptr = B.getPtrTy();
  llvm::FunctionCallee Draw = M.getOrInsertFunction(
      "snn_rt_poisson_schedule",
      llvm::FunctionType::get(
          B.getVoidTy(), {I64, B.getInt32Ty(), I64, I64, I64, Ptr, I64, Ptr, I64, Ptr}, false));
  llvm::Value *Seed = load(Plan.seedBuffer(), B.getInt64(0), "seed");
  uint32_t Stream = (5u << 24) | static_cast<uint32_t>(PopIndex); // SNN_STREAM_POISSON
  B.CreateCall(Draw, {Seed, B.getInt32(Stream), F->getArg(1), F->getArg(2), F->getArg(3),
                      StartTable, B.getInt64(static_cast<int64_t>(Starts.size())), MeanTable,
                      B.getInt64(static_cast<int64_t>(Width)), base(PB.Counts)});
  finishKernel();
  B.CreateRetVoid();
  return true;
}

} // namespace snn::codegen
