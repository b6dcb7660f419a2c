// FixedPointCodegenTest.cpp: the chip arithmetic the LLVM backend emits inline for
// `snnc run --target=...` (fx_decay, fx_shift, fx_wrap, fx_wrap_once, fx_sat in
// codegen/llvm/ExprEmitter.cpp) computes exactly what support/FixedPoint.h (the emulator's and
// the constant folder's definition) computes, on edge values: signs, exact halves of shifts,
// the bounds of every width, values beyond them.
#include "codegen/llvm/ExprEmitter.h"
#include "codegen/llvm/LLVMBackend.h"
#include "support/FixedPoint.h"

#include "llvm/ExecutionEngine/Orc/LLJIT.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/TargetSelect.h"

#include <gtest/gtest.h>

using namespace snn;

namespace {

using Fn = double (*)(double);

/// JIT-compiles `double f(double x) { return F(x, Args...); }`.
class Compiled {
public:
  Compiled(ir::Func F, std::vector<double> Args) {
    codegen::initializeLLVMTargets();
    auto Ctx = std::make_unique<llvm::LLVMContext>();
    auto M = std::make_unique<llvm::Module>("fx", *Ctx);
    llvm::IRBuilder<> B(*Ctx);
    auto *FT = llvm::FunctionType::get(B.getDoubleTy(), {B.getDoubleTy()}, false);
    auto *Fun = llvm::Function::Create(FT, llvm::Function::ExternalLinkage, "f", *M);
    B.SetInsertPoint(llvm::BasicBlock::Create(*Ctx, "entry", Fun));
    std::vector<ir::ExprPtr> A;
    A.push_back(ir::ref(ir::RefKind::State, "x"));
    for (double V : Args)
      A.push_back(ir::constant(V));
    ir::CallExpr Call(F, std::move(A));
    codegen::Env E;
    E.State["x"] = Fun->getArg(0);
    codegen::ExprEmitter EE(B, *M);
    B.CreateRet(EE.emit(Call, E));
    auto J = llvm::orc::LLJITBuilder().create();
    EXPECT_TRUE(!!J);
    Jit = std::move(*J);
    EXPECT_FALSE(Jit->addIRModule(llvm::orc::ThreadSafeModule(std::move(M), std::move(Ctx))));
    auto Sym = Jit->lookup("f");
    EXPECT_TRUE(!!Sym);
    Ptr = Sym->toPtr<Fn>();
  }
  double operator()(double X) const { return Ptr(X); }

private:
  std::unique_ptr<llvm::orc::LLJIT> Jit;
  Fn Ptr = nullptr;
};

std::vector<int64_t> edgeValues(unsigned Bits) {
  const int64_t H = int64_t(1) << (Bits - 1);
  std::vector<int64_t> V = {0, 1, -1, 2, -2, 3, -3, 5, -5, 7, -7, 63, -63, 64, -64, 65, -65,
                            4095, -4096, H - 1, H, H + 1, -H + 1, -H, -H - 1, 2 * H - 1, 2 * H,
                            -2 * H, 3 * H + 17, -3 * H - 17, 12534000, -12534000};
  for (int64_t K = -300; K <= 300; K += 7)
    V.push_back(K * 4099);
  return V;
}

TEST(FixedPointCodegen, DecayMatchesSupport) {
  for (int64_t M : {int64_t(0), int64_t(1), int64_t(1595), int64_t(4076), int64_t(4095),
                    int64_t(4096)}) {
    Compiled F(ir::Func::FxDecay, {double(M), 12});
    for (int64_t X : edgeValues(24))
      EXPECT_EQ(F(double(X)), double(support::fx::decayTrunc(X, M, 12))) << X << " * " << M;
  }
}

TEST(FixedPointCodegen, ShiftMatchesSupport) {
  for (int K : {-7, -3, -1, 0, 1, 6, 7}) {
    Compiled F(ir::Func::FxShift, {double(K)});
    for (int64_t X : edgeValues(24))
      EXPECT_EQ(F(double(X)), double(support::fx::shiftFloor(X, K))) << X << " shift " << K;
  }
}

TEST(FixedPointCodegen, OverflowMatchesSupport) {
  for (unsigned Bits : {9u, 20u, 24u, 32u}) {
    Compiled W(ir::Func::FxWrap, {double(Bits)}), O(ir::Func::FxWrapOnce, {double(Bits)}),
        S(ir::Func::FxSat, {double(Bits)});
    for (int64_t X : edgeValues(Bits)) {
      EXPECT_EQ(W(double(X)), double(support::fx::wrap(X, Bits))) << X << " wrap " << Bits;
      EXPECT_EQ(O(double(X)), double(support::fx::wrapOnce(X, Bits))) << X << " once " << Bits;
      EXPECT_EQ(S(double(X)), double(support::fx::saturate(X, Bits))) << X << " sat " << Bits;
    }
  }
}

TEST(FixedPointCodegen, ConstantFoldingMatchesSupport) {
  EXPECT_EQ(ir::evalFunc(ir::Func::FxDecay, {-640, 1595, 12}), -249);
  EXPECT_EQ(ir::evalFunc(ir::Func::FxShift, {-7, -1}), -4);
  EXPECT_EQ(ir::evalFunc(ir::Func::FxWrapOnce, {double(1 << 23), 24}), double(1 << 23));
  EXPECT_EQ(ir::evalFunc(ir::Func::FxSat, {-1e7, 24}), -double((1 << 23) - 1));
}

} // namespace
