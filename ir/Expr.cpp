//===- ir/Expr.cpp - expression trees of the network IR -------------------------------------===//
//
// Cloning, walking, rewriting, structural equality and constant folding of expression trees.
// Folding evaluates in IEEE double with the C library's functions; generated code may compute
// small integer powers by multiplication instead of pow(), which can differ in the last bit.
//
//===----------------------------------------------------------------------------------------===//
#include "ir/Expr.h"

#include "support/FixedPoint.h"

#include "llvm/ADT/StringSwitch.h"

#include <cmath>
#include <cstring>

namespace snn::ir {

ExprPtr ConstantExpr::boolean(bool B, llvm::SMRange L) {
  auto C = std::make_unique<ConstantExpr>(B ? 1.0 : 0.0, L);
  C->IsBool = true;
  return C;
}

const char *refKindName(RefKind K) {
  switch (K) {
  case RefKind::Param: return "parameter";
  case RefKind::State: return "state";
  case RefKind::Input: return "input";
  case RefKind::Weight: return "weight";
  case RefKind::Temp: return "temporary";
  case RefKind::Time: return "time";
  case RefKind::Refractory: return "refractory";
  }
  return "?";
}

const char *binaryOpSpelling(BinaryOp Op) {
  switch (Op) {
  case BinaryOp::Add: return "+";
  case BinaryOp::Sub: return "-";
  case BinaryOp::Mul: return "*";
  case BinaryOp::Div: return "/";
  case BinaryOp::Pow: return "^";
  case BinaryOp::Lt: return "<";
  case BinaryOp::Le: return "<=";
  case BinaryOp::Gt: return ">";
  case BinaryOp::Ge: return ">=";
  case BinaryOp::Eq: return "==";
  case BinaryOp::Ne: return "!=";
  case BinaryOp::And: return "and";
  case BinaryOp::Or: return "or";
  }
  return "?";
}

int binaryOpPrecedence(BinaryOp Op) {
  switch (Op) {
  case BinaryOp::Or: return 1;
  case BinaryOp::And: return 2;
  // `not` is 3
  case BinaryOp::Lt: case BinaryOp::Le: case BinaryOp::Gt: case BinaryOp::Ge:
  case BinaryOp::Eq: case BinaryOp::Ne: return 4;
  case BinaryOp::Add: case BinaryOp::Sub: return 5;
  case BinaryOp::Mul: case BinaryOp::Div: return 6;
  // unary minus is 7
  case BinaryOp::Pow: return 8;
  }
  return 0;
}

bool isComparison(BinaryOp Op) {
  return Op == BinaryOp::Lt || Op == BinaryOp::Le || Op == BinaryOp::Gt || Op == BinaryOp::Ge ||
         Op == BinaryOp::Eq || Op == BinaryOp::Ne;
}
bool isLogical(BinaryOp Op) { return Op == BinaryOp::And || Op == BinaryOp::Or; }

static const FuncInfo FuncTable[] = {
    {Func::Exp, "exp", 1},     {Func::Expm1, "expm1", 1}, {Func::Log, "log", 1},
    {Func::Log10, "log10", 1}, {Func::Sqrt, "sqrt", 1},   {Func::Pow, "pow", 2},
    {Func::Abs, "abs", 1},     {Func::Min, "min", 2},     {Func::Max, "max", 2},
    {Func::Clip, "clip", 3},   {Func::Floor, "floor", 1}, {Func::Ceil, "ceil", 1},
    {Func::Sin, "sin", 1},     {Func::Cos, "cos", 1},     {Func::Tan, "tan", 1},
    {Func::Tanh, "tanh", 1},   {Func::Exprel, "exprel", 1},
    {Func::FxDecay, "fx_decay", 3}, {Func::FxShift, "fx_shift", 2}, {Func::FxWrap, "fx_wrap", 2},
    {Func::FxWrapOnce, "fx_wrap_once", 2}, {Func::FxSat, "fx_sat", 2},
    {Func::FxMulRound, "fx_mul_round", 3}, {Func::FxMulFloor, "fx_mul_floor", 3},
};

const FuncInfo &funcInfo(Func F) { return FuncTable[static_cast<int>(F)]; }

bool fixedPointArgsValid(Func F, const std::vector<double> &K) {
  auto in = [](double X, double Lo, double Hi) { return X == std::floor(X) && X >= Lo && X <= Hi; };
  const double Big = 4611686018427387904.0; // 2^62
  switch (F) {
  case Func::FxDecay: return K.size() == 2 && in(K[0], 0, Big) && in(K[1], 0, 62);
  case Func::FxShift: return K.size() == 1 && in(K[0], -63, 62);
  case Func::FxWrap: case Func::FxWrapOnce: case Func::FxSat:
    return K.size() == 1 && in(K[0], 2, 63);
  case Func::FxMulRound: case Func::FxMulFloor:
    return K.size() == 2 && in(K[0], -Big, Big) && in(K[1], 1, 100);
  default: return true;
  }
}

bool fixedPointArgsValid(const CallExpr &C) {
  std::vector<double> K;
  for (size_t I = 1; I < C.args().size(); ++I) {
    auto V = constantValue(*C.args()[I]);
    if (!V)
      return false;
    K.push_back(*V);
  }
  return fixedPointArgsValid(C.func(), K);
}

std::optional<Func> lookupFunc(llvm::StringRef Name) {
  for (const FuncInfo &I : FuncTable)
    if (Name == I.Name)
      return I.F;
  return std::nullopt;
}

double evalFunc(Func F, const std::vector<double> &A) {
  // The chip functions need an integer of 63 bits and their other arguments in range (else
  // NaN, which the verifier reports).
  if (isFixedPointFunc(F) && (!(std::fabs(A[0]) < 9.2e18) ||
                              !fixedPointArgsValid(F, std::vector<double>(A.begin() + 1, A.end()))))
    return NAN;
  switch (F) {
  case Func::Exp: return std::exp(A[0]);
  case Func::Expm1: return std::expm1(A[0]);
  case Func::Log: return std::log(A[0]);
  case Func::Log10: return std::log10(A[0]);
  case Func::Sqrt: return std::sqrt(A[0]);
  case Func::Pow: return std::pow(A[0], A[1]);
  case Func::Abs: return std::fabs(A[0]);
  // min/max/clip follow the generated code: select on an ordered comparison.
  case Func::Min: return A[1] < A[0] ? A[1] : A[0];
  case Func::Max: return A[1] > A[0] ? A[1] : A[0];
  case Func::Clip: {
    double X = A[0] < A[1] ? A[1] : A[0];
    return X > A[2] ? A[2] : X;
  }
  case Func::Floor: return std::floor(A[0]);
  case Func::Ceil: return std::ceil(A[0]);
  case Func::Sin: return std::sin(A[0]);
  case Func::Cos: return std::cos(A[0]);
  case Func::Tan: return std::tan(A[0]);
  case Func::Tanh: return std::tanh(A[0]);
  case Func::Exprel: return A[0] == 0 ? 1.0 : std::expm1(A[0]) / A[0];
  case Func::FxDecay:
    return double(support::fx::decayTrunc(int64_t(A[0]), int64_t(A[1]), unsigned(A[2])));
  case Func::FxShift: return double(support::fx::shiftFloor(int64_t(A[0]), int(A[1])));
  case Func::FxWrap: return double(support::fx::wrap(int64_t(A[0]), unsigned(A[1])));
  case Func::FxWrapOnce: return double(support::fx::wrapOnce(int64_t(A[0]), unsigned(A[1])));
  case Func::FxSat: return double(support::fx::saturate(int64_t(A[0]), unsigned(A[1])));
  case Func::FxMulRound:
    return double(support::fx::mulRound(int64_t(A[0]), int64_t(A[1]), unsigned(A[2])));
  case Func::FxMulFloor:
    return double(support::fx::mulShiftFloor(int64_t(A[0]), int64_t(A[1]), unsigned(A[2])));
  }
  return 0;
}

ExprPtr Expr::clone() const {
  switch (Kind) {
  case ExprKind::Constant: {
    const auto *C = llvm::cast<ConstantExpr>(this);
    if (C->isBool())
      return ConstantExpr::boolean(C->value() != 0, Loc);
    return constant(C->value(), Loc);
  }
  case ExprKind::Ref: {
    const auto *R = llvm::cast<RefExpr>(this);
    return ref(R->refKind(), R->name(), Loc);
  }
  case ExprKind::Unary: {
    const auto *U = llvm::cast<UnaryExpr>(this);
    return std::make_unique<UnaryExpr>(U->op(), U->operand().clone(), Loc);
  }
  case ExprKind::Binary: {
    const auto *B = llvm::cast<BinaryExpr>(this);
    return binary(B->op(), B->lhs().clone(), B->rhs().clone(), Loc);
  }
  case ExprKind::Select: {
    const auto *S = llvm::cast<SelectExpr>(this);
    return std::make_unique<SelectExpr>(S->cond().clone(), S->trueValue().clone(),
                                        S->falseValue().clone(), Loc);
  }
  case ExprKind::Call: {
    const auto *C = llvm::cast<CallExpr>(this);
    std::vector<ExprPtr> Args;
    for (const ExprPtr &A : C->args())
      Args.push_back(A->clone());
    return std::make_unique<CallExpr>(C->func(), std::move(Args), Loc);
  }
  }
  return nullptr;
}

bool Expr::isBoolean() const {
  switch (Kind) {
  case ExprKind::Constant: return llvm::cast<ConstantExpr>(this)->isBool();
  case ExprKind::Ref: return llvm::cast<RefExpr>(this)->refKind() == RefKind::Refractory;
  case ExprKind::Unary: return llvm::cast<UnaryExpr>(this)->op() == UnaryOp::Not;
  case ExprKind::Binary: {
    BinaryOp Op = llvm::cast<BinaryExpr>(this)->op();
    return isComparison(Op) || isLogical(Op);
  }
  case ExprKind::Select: return llvm::cast<SelectExpr>(this)->trueValue().isBoolean();
  case ExprKind::Call: return false;
  }
  return false;
}

void walk(const Expr &E, const std::function<void(const Expr &)> &F) {
  F(E);
  switch (E.kind()) {
  case ExprKind::Constant:
  case ExprKind::Ref:
    return;
  case ExprKind::Unary:
    walk(llvm::cast<UnaryExpr>(E).operand(), F);
    return;
  case ExprKind::Binary:
    walk(llvm::cast<BinaryExpr>(E).lhs(), F);
    walk(llvm::cast<BinaryExpr>(E).rhs(), F);
    return;
  case ExprKind::Select: {
    const auto &S = llvm::cast<SelectExpr>(E);
    walk(S.cond(), F);
    walk(S.trueValue(), F);
    walk(S.falseValue(), F);
    return;
  }
  case ExprKind::Call:
    for (const ExprPtr &A : llvm::cast<CallExpr>(E).args())
      walk(*A, F);
    return;
  }
}

void rewrite(ExprPtr &E, const std::function<ExprPtr(Expr &)> &F) {
  switch (E->kind()) {
  case ExprKind::Constant:
  case ExprKind::Ref:
    break;
  case ExprKind::Unary:
    rewrite(llvm::cast<UnaryExpr>(*E).operandPtr(), F);
    break;
  case ExprKind::Binary:
    rewrite(llvm::cast<BinaryExpr>(*E).lhsPtr(), F);
    rewrite(llvm::cast<BinaryExpr>(*E).rhsPtr(), F);
    break;
  case ExprKind::Select: {
    auto &S = llvm::cast<SelectExpr>(*E);
    rewrite(S.condPtr(), F);
    rewrite(S.trueValuePtr(), F);
    rewrite(S.falseValuePtr(), F);
    break;
  }
  case ExprKind::Call:
    for (ExprPtr &A : llvm::cast<CallExpr>(*E).args())
      rewrite(A, F);
    break;
  }
  if (ExprPtr N = F(*E))
    E = std::move(N);
}

bool refersTo(const Expr &E, RefKind K, llvm::StringRef N) {
  bool Found = false;
  walk(E, [&](const Expr &X) {
    if (const auto *R = llvm::dyn_cast<RefExpr>(&X))
      if (R->refKind() == K && (N.empty() || R->name() == N))
        Found = true;
  });
  return Found;
}

bool equal(const Expr &A, const Expr &B) {
  if (A.kind() != B.kind())
    return false;
  switch (A.kind()) {
  case ExprKind::Constant: {
    const auto &X = llvm::cast<ConstantExpr>(A), &Y = llvm::cast<ConstantExpr>(B);
    // Bitwise comparison so that -0.0 and 0.0 (and NaNs) are told apart.
    double VX = X.value(), VY = Y.value();
    return X.isBool() == Y.isBool() && std::memcmp(&VX, &VY, sizeof(double)) == 0;
  }
  case ExprKind::Ref: {
    const auto &X = llvm::cast<RefExpr>(A), &Y = llvm::cast<RefExpr>(B);
    return X.refKind() == Y.refKind() && X.name() == Y.name();
  }
  case ExprKind::Unary: {
    const auto &X = llvm::cast<UnaryExpr>(A), &Y = llvm::cast<UnaryExpr>(B);
    return X.op() == Y.op() && equal(X.operand(), Y.operand());
  }
  case ExprKind::Binary: {
    const auto &X = llvm::cast<BinaryExpr>(A), &Y = llvm::cast<BinaryExpr>(B);
    return X.op() == Y.op() && equal(X.lhs(), Y.lhs()) && equal(X.rhs(), Y.rhs());
  }
  case ExprKind::Select: {
    const auto &X = llvm::cast<SelectExpr>(A), &Y = llvm::cast<SelectExpr>(B);
    return equal(X.cond(), Y.cond()) && equal(X.trueValue(), Y.trueValue()) &&
           equal(X.falseValue(), Y.falseValue());
  }
  case ExprKind::Call: {
    const auto &X = llvm::cast<CallExpr>(A), &Y = llvm::cast<CallExpr>(B);
    if (X.func() != Y.func() || X.args().size() != Y.args().size())
      return false;
    for (size_t I = 0; I < X.args().size(); ++I)
      if (!equal(*X.args()[I], *Y.args()[I]))
        return false;
    return true;
  }
  }
  return false;
}

static double evalBinary(BinaryOp Op, double A, double B) {
  switch (Op) {
  case BinaryOp::Add: return A + B;
  case BinaryOp::Sub: return A - B;
  case BinaryOp::Mul: return A * B;
  case BinaryOp::Div: return A / B;
  case BinaryOp::Pow: return std::pow(A, B);
  case BinaryOp::Lt: return A < B;
  case BinaryOp::Le: return A <= B;
  case BinaryOp::Gt: return A > B;
  case BinaryOp::Ge: return A >= B;
  case BinaryOp::Eq: return A == B;
  case BinaryOp::Ne: return A != B;
  case BinaryOp::And: return (A != 0) && (B != 0);
  case BinaryOp::Or: return (A != 0) || (B != 0);
  }
  return 0;
}

static const ConstantExpr *asConst(const ExprPtr &E) {
  return llvm::dyn_cast<ConstantExpr>(E.get());
}

void fold(ExprPtr &Root) {
  rewrite(Root, [](Expr &E) -> ExprPtr {
    llvm::SMRange L = E.loc();
    switch (E.kind()) {
    case ExprKind::Constant:
    case ExprKind::Ref:
      return nullptr;
    case ExprKind::Unary: {
      auto &U = llvm::cast<UnaryExpr>(E);
      if (const auto *C = asConst(U.operandPtr())) {
        if (U.op() == UnaryOp::Neg)
          return constant(-C->value(), L);
        return ConstantExpr::boolean(C->value() == 0, L);
      }
      // -(-x) = x
      if (U.op() == UnaryOp::Neg)
        if (auto *Inner = llvm::dyn_cast<UnaryExpr>(U.operandPtr().get()))
          if (Inner->op() == UnaryOp::Neg)
            return std::move(Inner->operandPtr());
      return nullptr;
    }
    case ExprKind::Binary: {
      auto &B = llvm::cast<BinaryExpr>(E);
      const ConstantExpr *CL = asConst(B.lhsPtr()), *CR = asConst(B.rhsPtr());
      if (CL && CR) {
        double V = evalBinary(B.op(), CL->value(), CR->value());
        if (isComparison(B.op()) || isLogical(B.op()))
          return ConstantExpr::boolean(V != 0, L);
        return constant(V, L);
      }
      // Identities exact in IEEE arithmetic: x*1, 1*x, x/1, x+(-0)... keep to the clearly safe.
      if (B.op() == BinaryOp::Mul && CR && CR->value() == 1.0)
        return std::move(B.lhsPtr());
      if (B.op() == BinaryOp::Mul && CL && CL->value() == 1.0)
        return std::move(B.rhsPtr());
      if (B.op() == BinaryOp::Div && CR && CR->value() == 1.0)
        return std::move(B.lhsPtr());
      if (B.op() == BinaryOp::Sub && CR && CR->value() == 0.0 && !std::signbit(CR->value()))
        return std::move(B.lhsPtr());
      if (B.op() == BinaryOp::Add && CR && CR->value() == 0.0 && std::signbit(CR->value()))
        return std::move(B.lhsPtr());
      return nullptr;
    }
    case ExprKind::Select: {
      auto &S = llvm::cast<SelectExpr>(E);
      if (const auto *C = asConst(S.condPtr()))
        return std::move(C->value() != 0 ? S.trueValuePtr() : S.falseValuePtr());
      return nullptr;
    }
    case ExprKind::Call: {
      auto &C = llvm::cast<CallExpr>(E);
      std::vector<double> Args;
      for (const ExprPtr &A : C.args()) {
        const auto *K = asConst(A);
        if (!K)
          return nullptr;
        Args.push_back(K->value());
      }
      return constant(evalFunc(C.func(), Args), L);
    }
    }
    return nullptr;
  });
}

std::optional<double> constantValue(const Expr &E) {
  ExprPtr C = E.clone();
  fold(C);
  if (const auto *K = llvm::dyn_cast<ConstantExpr>(C.get()))
    return K->value();
  return std::nullopt;
}

size_t nodeCount(const Expr &E, size_t Limit) {
  size_t N = 0;
  // Walk with an explicit stack so that the count can stop early.
  std::vector<const Expr *> Stack = {&E};
  while (!Stack.empty() && N < Limit) {
    const Expr *X = Stack.back();
    Stack.pop_back();
    ++N;
    switch (X->kind()) {
    case ExprKind::Unary:
      Stack.push_back(&llvm::cast<UnaryExpr>(X)->operand());
      break;
    case ExprKind::Binary:
      Stack.push_back(&llvm::cast<BinaryExpr>(X)->lhs());
      Stack.push_back(&llvm::cast<BinaryExpr>(X)->rhs());
      break;
    case ExprKind::Select: {
      const auto *S = llvm::cast<SelectExpr>(X);
      Stack.push_back(&S->cond());
      Stack.push_back(&S->trueValue());
      Stack.push_back(&S->falseValue());
      break;
    }
    case ExprKind::Call:
      for (const ExprPtr &A : llvm::cast<CallExpr>(X)->args())
        Stack.push_back(A.get());
      break;
    default:
      break;
    }
  }
  return std::min(N, Limit);
}

} // namespace snn::ir
