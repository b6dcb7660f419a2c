//===- codegen/llvm/ExprEmitter.cpp - IR expressions to LLVM values -------------------------===//
#include "codegen/llvm/ExprEmitter.h"

#include "llvm/IR/Intrinsics.h"
#include "llvm/IR/Module.h"

#include <cmath>

namespace snn::codegen {

llvm::Value *ExprEmitter::call(const char *Name, llvm::ArrayRef<llvm::Value *> Args) {
  llvm::Type *D = B.getDoubleTy();
  std::vector<llvm::Type *> Params(Args.size(), D);
  llvm::FunctionCallee F = M.getOrInsertFunction(Name, llvm::FunctionType::get(D, Params, false));
  if (auto *Fn = llvm::dyn_cast<llvm::Function>(F.getCallee())) {
    Fn->setDoesNotThrow();
    Fn->setOnlyAccessesInaccessibleMemory();
  }
  return B.CreateCall(F, Args);
}

llvm::Value *ExprEmitter::intrinsic(llvm::Intrinsic::ID ID, llvm::ArrayRef<llvm::Value *> Args) {
  return B.CreateIntrinsic(ID, {B.getDoubleTy()}, Args);
}

llvm::Value *ExprEmitter::fixedPoint(const ir::CallExpr &C, llvm::ArrayRef<llvm::Value *> A) {
  // Chip arithmetic (support/FixedPoint.h) on integer-valued doubles: the operand becomes an
  // i64, the operation is done in integers, the result goes back to double (exact: chip
  // values have at most 32 bits). Every argument but the first is a constant.
  std::vector<int64_t> K;
  for (size_t I = 1; I < C.args().size(); ++I) {
    auto V = ir::constantValue(*C.args()[I]);
    if (!V)
      return nullptr;
    K.push_back(static_cast<int64_t>(*V));
  }
  llvm::Type *I64 = B.getInt64Ty();
  llvm::Value *X = B.CreateFPToSI(A[0], I64);
  llvm::Value *R = nullptr;
  auto c = [&](int64_t V) { return llvm::ConstantInt::get(I64, V); };
  switch (C.func()) {
  case ir::Func::FxDecay: {
    // sgn(x) * ((|x| * m) >> s): truncation toward zero.
    // In 128 bits, as support::fx::decayTrunc computes it.
    llvm::Type *I128 = B.getInt128Ty();
    llvm::Value *X2 = B.CreateSExt(X, I128);
    llvm::Value *Neg = B.CreateICmpSLT(X2, llvm::ConstantInt::get(I128, 0));
    llvm::Value *Abs = B.CreateSelect(Neg, B.CreateNeg(X2), X2);
    llvm::Value *P = B.CreateAShr(B.CreateMul(Abs, llvm::ConstantInt::get(I128, K[0], true)),
                                  llvm::ConstantInt::get(I128, K[1]));
    R = B.CreateTrunc(B.CreateSelect(Neg, B.CreateNeg(P), P), I64);
    break;
  }
  case ir::Func::FxShift:
    R = K[0] >= 0 ? B.CreateMul(X, c(int64_t(1) << K[0])) : B.CreateAShr(X, c(-K[0]));
    break;
  case ir::Func::FxWrap: {
    llvm::Value *Sh = c(64 - K[0]);
    R = B.CreateAShr(B.CreateShl(X, Sh), Sh);
    break;
  }
  case ir::Func::FxWrapOnce: {
    int64_t Half = int64_t(1) << (K[0] - 1), Mod = int64_t(1) << K[0];
    llvm::Value *Y = B.CreateSelect(B.CreateICmpSGT(X, c(Half)), B.CreateSub(X, c(Mod)), X);
    R = B.CreateSelect(B.CreateICmpSLE(Y, c(-Half)), B.CreateAdd(Y, c(Mod)), Y);
    break;
  }
  case ir::Func::FxSat: {
    int64_t Max = (int64_t(1) << (K[0] - 1)) - 1;
    llvm::Value *Lo = B.CreateSelect(B.CreateICmpSLT(X, c(-Max)), c(-Max), X);
    R = B.CreateSelect(B.CreateICmpSGT(Lo, c(Max)), c(Max), Lo);
    break;
  }
  case ir::Func::FxMulRound:
  case ir::Func::FxMulFloor: {
    // A 128-bit product, shifted right arithmetically (after adding half a unit to round).
    llvm::Type *I128 = B.getInt128Ty();
    llvm::Value *P = B.CreateMul(B.CreateSExt(X, I128), llvm::ConstantInt::get(I128, K[0], true));
    if (C.func() == ir::Func::FxMulRound)
      P = B.CreateAdd(P, B.CreateShl(llvm::ConstantInt::get(I128, 1), K[1] - 1));
    R = B.CreateTrunc(B.CreateAShr(P, llvm::ConstantInt::get(I128, K[1])), I64);
    break;
  }
  default:
    return nullptr;
  }
  return B.CreateSIToFP(R, B.getDoubleTy());
}

llvm::Value *ExprEmitter::power(llvm::Value *X, const ir::Expr &Exp, const Env &Vars) {
  if (auto N = ir::constantValue(Exp)) {
    double K = *N;
    if (K == std::round(K) && std::fabs(K) <= 4 && K != 0) {
      llvm::Value *R = X;
      for (int I = 1; I < static_cast<int>(std::fabs(K)); ++I)
        R = B.CreateFMul(R, X);
      if (K < 0)
        R = B.CreateFDiv(llvm::ConstantFP::get(B.getDoubleTy(), 1.0), R);
      return R;
    }
    if (K == 0.5)
      return intrinsic(llvm::Intrinsic::sqrt, {X});
  }
  return intrinsic(llvm::Intrinsic::pow, {X, emit(Exp, Vars)});
}

llvm::Value *ExprEmitter::emit(const ir::Expr &E, const Env &Vars) {
  llvm::Type *D = B.getDoubleTy();
  switch (E.kind()) {
  case ir::ExprKind::Constant: {
    const auto &C = llvm::cast<ir::ConstantExpr>(E);
    if (C.isBool())
      return B.getInt1(C.value() != 0);
    return llvm::ConstantFP::get(D, C.value());
  }
  case ir::ExprKind::Ref: {
    const auto &R = llvm::cast<ir::RefExpr>(E);
    const std::map<std::string, llvm::Value *> *Map = nullptr;
    switch (R.refKind()) {
    case ir::RefKind::State: Map = &Vars.State; break;
    case ir::RefKind::Input: Map = &Vars.Input; break;
    case ir::RefKind::Temp: Map = &Vars.Temp; break;
    case ir::RefKind::Weight: return Vars.Weight;
    case ir::RefKind::Time: return Vars.Time;
    case ir::RefKind::Refractory: return Vars.Refractory;
    case ir::RefKind::Param: return nullptr; // folded away before codegen
    }
    auto It = Map->find(R.name());
    return It == Map->end() ? nullptr : It->second;
  }
  case ir::ExprKind::Unary: {
    const auto &U = llvm::cast<ir::UnaryExpr>(E);
    llvm::Value *X = emit(U.operand(), Vars);
    if (!X)
      return nullptr;
    return U.op() == ir::UnaryOp::Neg ? B.CreateFNeg(X) : B.CreateNot(X);
  }
  case ir::ExprKind::Binary: {
    const auto &Bin = llvm::cast<ir::BinaryExpr>(E);
    llvm::Value *L = emit(Bin.lhs(), Vars);
    if (!L)
      return nullptr;
    if (Bin.op() == ir::BinaryOp::Pow)
      return power(L, Bin.rhs(), Vars);
    llvm::Value *R = emit(Bin.rhs(), Vars);
    if (!R)
      return nullptr;
    switch (Bin.op()) {
    case ir::BinaryOp::Add: return B.CreateFAdd(L, R);
    case ir::BinaryOp::Sub: return B.CreateFSub(L, R);
    case ir::BinaryOp::Mul: return B.CreateFMul(L, R);
    case ir::BinaryOp::Div: return B.CreateFDiv(L, R);
    case ir::BinaryOp::Lt: return B.CreateFCmpOLT(L, R);
    case ir::BinaryOp::Le: return B.CreateFCmpOLE(L, R);
    case ir::BinaryOp::Gt: return B.CreateFCmpOGT(L, R);
    case ir::BinaryOp::Ge: return B.CreateFCmpOGE(L, R);
    case ir::BinaryOp::Eq: return B.CreateFCmpOEQ(L, R);
    case ir::BinaryOp::Ne: return B.CreateFCmpUNE(L, R);
    case ir::BinaryOp::And: return B.CreateAnd(L, R);
    case ir::BinaryOp::Or: return B.CreateOr(L, R);
    case ir::BinaryOp::Pow: break;
    }
    return nullptr;
  }
  case ir::ExprKind::Select: {
    const auto &S = llvm::cast<ir::SelectExpr>(E);
    llvm::Value *C = emit(S.cond(), Vars), *T = emit(S.trueValue(), Vars),
                *F = emit(S.falseValue(), Vars);
    if (!C || !T || !F)
      return nullptr;
    return B.CreateSelect(C, T, F);
  }
  case ir::ExprKind::Call: {
    const auto &C = llvm::cast<ir::CallExpr>(E);
    std::vector<llvm::Value *> A;
    for (const ir::ExprPtr &X : C.args()) {
      A.push_back(emit(*X, Vars));
      if (!A.back())
        return nullptr;
    }
    switch (C.func()) {
    case ir::Func::Exp: return intrinsic(llvm::Intrinsic::exp, A);
    case ir::Func::Log: return intrinsic(llvm::Intrinsic::log, A);
    case ir::Func::Log10: return intrinsic(llvm::Intrinsic::log10, A);
    case ir::Func::Sqrt: return intrinsic(llvm::Intrinsic::sqrt, A);
    case ir::Func::Pow: return power(A[0], *C.args()[1], Vars);
    case ir::Func::Abs: return intrinsic(llvm::Intrinsic::fabs, A);
    case ir::Func::Floor: return intrinsic(llvm::Intrinsic::floor, A);
    case ir::Func::Ceil: return intrinsic(llvm::Intrinsic::ceil, A);
    case ir::Func::Sin: return intrinsic(llvm::Intrinsic::sin, A);
    case ir::Func::Cos: return intrinsic(llvm::Intrinsic::cos, A);
    case ir::Func::Expm1: return call("expm1", A);
    case ir::Func::Tan: return call("tan", A);
    case ir::Func::Tanh: return call("tanh", A);
    case ir::Func::Exprel: {
      // (e^x - 1) / x, 1 at x = 0 (Brian2's exprel), without cancellation near 0.
      llvm::Value *Q = B.CreateFDiv(call("expm1", A), A[0]);
      return B.CreateSelect(B.CreateFCmpOEQ(A[0], llvm::ConstantFP::get(D, 0.0)),
                            llvm::ConstantFP::get(D, 1.0), Q);
    }
    case ir::Func::Min: return B.CreateSelect(B.CreateFCmpOLT(A[1], A[0]), A[1], A[0]);
    case ir::Func::Max: return B.CreateSelect(B.CreateFCmpOGT(A[1], A[0]), A[1], A[0]);
    case ir::Func::Clip: {
      llvm::Value *Lo = B.CreateSelect(B.CreateFCmpOLT(A[0], A[1]), A[1], A[0]);
      return B.CreateSelect(B.CreateFCmpOGT(Lo, A[2]), A[2], Lo);
    }
    case ir::Func::FxDecay: case ir::Func::FxShift: case ir::Func::FxWrap:
    case ir::Func::FxWrapOnce: case ir::Func::FxSat: case ir::Func::FxMulRound:
    case ir::Func::FxMulFloor:
      return fixedPoint(C, A);
    }
    return nullptr;
  }
  }
  return nullptr;
}

} // namespace snn::codegen
