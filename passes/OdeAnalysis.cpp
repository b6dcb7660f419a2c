//===- passes/OdeAnalysis.cpp - classifying ODE right-hand sides ----------------------------===//
#include "passes/OdeAnalysis.h"

#include "ir/Printer.h"

#include <cmath>

namespace snn {

void Affine::scale(double S) {
  for (auto &[_, V] : State)
    V *= S;
  for (auto &[_, V] : Input)
    V *= S;
  Const *= S;
}

void Affine::add(const Affine &O, double S) {
  for (const auto &[K, V] : O.State)
    State[K] += S * V;
  for (const auto &[K, V] : O.Input)
    Input[K] += S * V;
  Const += S * O.Const;
}

std::optional<Affine> decomposeAffine(const ir::Expr &E, std::string &Why) {
  auto fail = [&](const std::string &Reason) -> std::optional<Affine> {
    if (Why.empty())
      Why = Reason;
    return std::nullopt;
  };
  // Constness is derived bottom-up from the children (no refolding at every node).
  auto constant = [](double V) {
    Affine A;
    A.Const = V;
    return A;
  };
  switch (E.kind()) {
  case ir::ExprKind::Constant:
    if (E.isBoolean())
      return fail("'" + ir::exprToString(E) + "' is not a number");
    return constant(llvm::cast<ir::ConstantExpr>(E).value());
  case ir::ExprKind::Call: {
    const auto &C = llvm::cast<ir::CallExpr>(E);
    std::vector<double> Args;
    for (const ir::ExprPtr &X : C.args()) {
      std::string Ignored;
      auto A = decomposeAffine(*X, Ignored);
      if (!A || !A->isConstant())
        return fail("'" + ir::exprToString(E) + "' is not linear");
      Args.push_back(A->Const);
    }
    return constant(ir::evalFunc(C.func(), Args));
  }
  case ir::ExprKind::Ref: {
    const auto &R = llvm::cast<ir::RefExpr>(E);
    Affine A;
    if (R.refKind() == ir::RefKind::State)
      A.State[R.name()] = 1;
    else if (R.refKind() == ir::RefKind::Input)
      A.Input[R.name()] = 1;
    else
      return fail("it depends on '" + R.name() + "'");
    return A;
  }
  case ir::ExprKind::Unary: {
    const auto &U = llvm::cast<ir::UnaryExpr>(E);
    auto A = decomposeAffine(U.operand(), Why);
    if (!A || U.op() != ir::UnaryOp::Neg)
      return fail("'" + ir::exprToString(E) + "' is not linear");
    A->scale(-1);
    return A;
  }
  case ir::ExprKind::Binary: {
    const auto &B = llvm::cast<ir::BinaryExpr>(E);
    auto L = decomposeAffine(B.lhs(), Why);
    auto R = decomposeAffine(B.rhs(), Why);
    if (!L || !R)
      return std::nullopt;
    switch (B.op()) {
    case ir::BinaryOp::Add:
      L->add(*R, 1);
      return L;
    case ir::BinaryOp::Sub:
      L->add(*R, -1);
      return L;
    case ir::BinaryOp::Mul:
      if (R->isConstant()) {
        L->scale(R->Const);
        return L;
      }
      if (L->isConstant()) {
        R->scale(L->Const);
        return R;
      }
      return fail("'" + ir::exprToString(E) + "' multiplies variables");
    case ir::BinaryOp::Div:
      if (R->isConstant()) {
        L->scale(1.0 / R->Const);
        return L;
      }
      return fail("'" + ir::exprToString(E) + "' divides by a variable");
    case ir::BinaryOp::Pow:
      if (L->isConstant() && R->isConstant())
        return constant(std::pow(L->Const, R->Const));
      return fail("'" + ir::exprToString(E) + "' is not linear");
    default:
      return fail("'" + ir::exprToString(E) + "' is not linear");
    }
  }
  case ir::ExprKind::Select: {
    // Only a constant condition keeps a conditional linear (fold-constants removes those).
    auto C = ir::constantValue(llvm::cast<ir::SelectExpr>(E).cond());
    if (!C)
      return fail("'" + ir::exprToString(E) + "' is not linear");
    const auto &S = llvm::cast<ir::SelectExpr>(E);
    return decomposeAffine(*C != 0 ? S.trueValue() : S.falseValue(), Why);
  }
  }
  return fail("'" + ir::exprToString(E) + "' is not linear");
}

namespace {

bool isZero(const ir::ExprPtr &E) {
  auto V = ir::constantValue(*E);
  return V && *V == 0 && !std::signbit(*V);
}

ir::ExprPtr add(ir::ExprPtr A, ir::ExprPtr B, ir::BinaryOp Op = ir::BinaryOp::Add) {
  if (isZero(B))
    return A;
  if (isZero(A) && Op == ir::BinaryOp::Add)
    return B;
  if (isZero(A))
    return std::make_unique<ir::UnaryExpr>(ir::UnaryOp::Neg, std::move(B));
  return ir::binary(Op, std::move(A), std::move(B));
}

ir::ExprPtr mul(ir::ExprPtr A, ir::ExprPtr B, ir::BinaryOp Op = ir::BinaryOp::Mul) {
  if (isZero(A))
    return ir::constant(0);
  if (Op == ir::BinaryOp::Mul && isZero(B))
    return ir::constant(0);
  return ir::binary(Op, std::move(A), std::move(B));
}

} // namespace

std::optional<CondLinear> splitLinearIn(const ir::Expr &E, const std::string &X) {
  if (!ir::refersTo(E, ir::RefKind::State, X))
    return CondLinear{ir::constant(0), E.clone()};
  switch (E.kind()) {
  case ir::ExprKind::Ref:
    return CondLinear{ir::constant(1), ir::constant(0)};
  case ir::ExprKind::Unary: {
    const auto &U = llvm::cast<ir::UnaryExpr>(E);
    if (U.op() != ir::UnaryOp::Neg)
      return std::nullopt;
    auto In = splitLinearIn(U.operand(), X);
    if (!In)
      return std::nullopt;
    return CondLinear{add(ir::constant(0), std::move(In->A), ir::BinaryOp::Sub),
                      add(ir::constant(0), std::move(In->B), ir::BinaryOp::Sub)};
  }
  case ir::ExprKind::Binary: {
    const auto &B = llvm::cast<ir::BinaryExpr>(E);
    switch (B.op()) {
    case ir::BinaryOp::Add:
    case ir::BinaryOp::Sub: {
      auto L = splitLinearIn(B.lhs(), X), R = splitLinearIn(B.rhs(), X);
      if (!L || !R)
        return std::nullopt;
      return CondLinear{add(std::move(L->A), std::move(R->A), B.op()),
                        add(std::move(L->B), std::move(R->B), B.op())};
    }
    case ir::BinaryOp::Mul:
    case ir::BinaryOp::Div: {
      bool LHas = ir::refersTo(B.lhs(), ir::RefKind::State, X);
      bool RHas = ir::refersTo(B.rhs(), ir::RefKind::State, X);
      if (LHas && RHas)
        return std::nullopt;
      if (RHas && B.op() == ir::BinaryOp::Div)
        return std::nullopt;
      const ir::Expr &Lin = LHas ? B.lhs() : B.rhs();
      const ir::Expr &Fac = LHas ? B.rhs() : B.lhs();
      auto In = splitLinearIn(Lin, X);
      if (!In)
        return std::nullopt;
      return CondLinear{mul(std::move(In->A), Fac.clone(), B.op()),
                        mul(std::move(In->B), Fac.clone(), B.op())};
    }
    default:
      return std::nullopt;
    }
  }
  case ir::ExprKind::Select: {
    const auto &S = llvm::cast<ir::SelectExpr>(E);
    if (ir::refersTo(S.cond(), ir::RefKind::State, X))
      return std::nullopt;
    auto T = splitLinearIn(S.trueValue(), X), F = splitLinearIn(S.falseValue(), X);
    if (!T || !F)
      return std::nullopt;
    return CondLinear{
        std::make_unique<ir::SelectExpr>(S.cond().clone(), std::move(T->A), std::move(F->A)),
        std::make_unique<ir::SelectExpr>(S.cond().clone(), std::move(T->B), std::move(F->B))};
  }
  default:
    return std::nullopt;
  }
}

std::set<std::string> stateRefs(const ir::Expr &E) {
  std::set<std::string> S;
  ir::walk(E, [&](const ir::Expr &X) {
    if (const auto *R = llvm::dyn_cast<ir::RefExpr>(&X))
      if (R->refKind() == ir::RefKind::State)
        S.insert(R->name());
  });
  return S;
}

std::optional<double> evaluate(const ir::Expr &E, const EvalEnv &Env) {
  switch (E.kind()) {
  case ir::ExprKind::Constant:
    return llvm::cast<ir::ConstantExpr>(E).value();
  case ir::ExprKind::Ref: {
    const auto &R = llvm::cast<ir::RefExpr>(E);
    const std::map<std::string, double> *M = nullptr;
    switch (R.refKind()) {
    case ir::RefKind::State: M = &Env.State; break;
    case ir::RefKind::Input: M = &Env.Input; break;
    case ir::RefKind::Temp: M = &Env.Temp; break;
    case ir::RefKind::Time: return Env.Time;
    case ir::RefKind::Refractory: return Env.Refractory ? 1.0 : 0.0;
    default: return std::nullopt;
    }
    auto It = M->find(R.name());
    if (It == M->end())
      return std::nullopt;
    return It->second;
  }
  case ir::ExprKind::Unary: {
    const auto &U = llvm::cast<ir::UnaryExpr>(E);
    auto X = evaluate(U.operand(), Env);
    if (!X)
      return std::nullopt;
    return U.op() == ir::UnaryOp::Neg ? -*X : (*X == 0 ? 1.0 : 0.0);
  }
  case ir::ExprKind::Binary: {
    const auto &B = llvm::cast<ir::BinaryExpr>(E);
    auto L = evaluate(B.lhs(), Env), R = evaluate(B.rhs(), Env);
    if (!L || !R)
      return std::nullopt;
    ir::ExprPtr C = ir::binary(B.op(), ir::constant(*L), ir::constant(*R));
    if (B.op() == ir::BinaryOp::And || B.op() == ir::BinaryOp::Or)
      C = ir::binary(B.op(), ir::ConstantExpr::boolean(*L != 0), ir::ConstantExpr::boolean(*R != 0));
    return ir::constantValue(*C);
  }
  case ir::ExprKind::Select: {
    const auto &S = llvm::cast<ir::SelectExpr>(E);
    auto C = evaluate(S.cond(), Env);
    if (!C)
      return std::nullopt;
    return evaluate(*C != 0 ? S.trueValue() : S.falseValue(), Env);
  }
  case ir::ExprKind::Call: {
    const auto &C = llvm::cast<ir::CallExpr>(E);
    std::vector<double> Args;
    for (const ir::ExprPtr &A : C.args()) {
      auto V = evaluate(*A, Env);
      if (!V)
        return std::nullopt;
      Args.push_back(*V);
    }
    return ir::evalFunc(C.func(), Args);
  }
  }
  return std::nullopt;
}

} // namespace snn
