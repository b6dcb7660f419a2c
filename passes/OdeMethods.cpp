//===- passes/OdeMethods.cpp - one step of each integration method, as IR statements --------===//
#include "passes/OdeMethods.h"

#include "passes/MatrixExp.h"

#include "ir/Printer.h"

#include <cassert>
#include <cmath>
#include <set>

namespace snn {

namespace {

ir::ExprPtr sumOf(std::vector<ir::ExprPtr> Terms) {
  if (Terms.empty())
    return ir::constant(0);
  ir::ExprPtr S = std::move(Terms[0]);
  for (size_t I = 1; I < Terms.size(); ++I)
    S = ir::binary(ir::BinaryOp::Add, std::move(S), std::move(Terms[I]));
  return S;
}

ir::ExprPtr term(double C, ir::ExprPtr X) {
  if (C == 1)
    return X;
  return ir::binary(ir::BinaryOp::Mul, ir::constant(C), std::move(X));
}

ir::Stmt let(std::string Name, ir::ExprPtr V) {
  ir::Stmt S;
  S.Kind = ir::Stmt::Op::Let;
  S.Target = std::move(Name);
  S.Value = std::move(V);
  return S;
}

ir::Stmt assign(const ir::NeuronModel &M, const std::string &Var, ir::ExprPtr V) {
  ir::Stmt S;
  S.Kind = ir::Stmt::Op::Set;
  S.Target = Var;
  S.Value = std::move(V);
  S.Loc = M.findOde(Var)->Loc;
  return S;
}

size_t positionOf(const ir::NeuronModel &M, const std::string &Name) {
  for (size_t I = 0; I < M.Inputs.size(); ++I)
    if (M.Inputs[I].Name == Name)
      return I;
  for (size_t I = 0; I < M.States.size(); ++I)
    if (M.States[I].Name == Name)
      return M.Inputs.size() + I;
  return ~size_t(0);
}

} // namespace

bool lowerExact(const ir::NeuronModel &M, const std::vector<std::string> &Vars,
                const std::vector<Affine> &Eqs, double H, std::vector<ir::Stmt> &Out,
                DiagnosticsEngine &Diags) {
  size_t N = Vars.size();
  std::map<std::string, size_t> VarIdx;
  for (size_t I = 0; I < N; ++I)
    VarIdx[Vars[I]] = I;
  // Columns held constant over the step: inputs and state variables of no group here.
  struct Held {
    std::string Name;
    ir::RefKind Kind;
  };
  std::vector<Held> Cols;
  std::set<std::string> Seen;
  for (const Affine &A : Eqs) {
    for (const auto &[K, _] : A.Input)
      if (Seen.insert(K).second)
        Cols.push_back({K, ir::RefKind::Input});
    for (const auto &[K, _] : A.State)
      if (!VarIdx.count(K) && Seen.insert(K).second)
        Cols.push_back({K, ir::RefKind::State});
  }
  std::sort(Cols.begin(), Cols.end(), [&](const Held &A, const Held &B) {
    return positionOf(M, A.Name) < positionOf(M, B.Name);
  });
  std::map<std::string, size_t> ColIdx;
  for (size_t K = 0; K < Cols.size(); ++K)
    ColIdx[Cols[K].Name] = N + K;
  size_t NC = Cols.size(), Size = N + NC + 1;

  Matrix Aug(Size);
  std::vector<std::vector<bool>> Edge(N, std::vector<bool>(Size, false));
  for (size_t I = 0; I < N; ++I) {
    auto set = [&](size_t J, double V) {
      Aug(I, J) = V * H;
      Edge[I][J] = V != 0;
    };
    for (const auto &[K, V] : Eqs[I].State)
      set(VarIdx.count(K) ? VarIdx[K] : ColIdx[K], V);
    for (const auto &[K, V] : Eqs[I].Input)
      set(ColIdx[K], V);
    set(N + NC, Eqs[I].Const);
  }
  for (double X : Aug.A)
    if (!std::isfinite(X)) {
      Diags.error(M.Loc, "the linear equations of model '" + M.Name +
                             "' have coefficients that are not finite numbers");
      return false;
    }
  Matrix E = expm(Aug);
  for (size_t I = 0; I < N; ++I)
    for (size_t J = 0; J < Size; ++J)
      if (!std::isfinite(E(I, J))) {
        Diags.error(M.Loc, "the exact propagator of model '" + M.Name + "' overflows for dt = " +
                               ir::formatNumber(H) + " s; the system grows too fast");
        return false;
      }
  // Reach[I][J]: column J influences variable I within a step (transitive closure).
  std::vector<std::vector<bool>> Reach(N, std::vector<bool>(Size, false));
  for (size_t I = 0; I < N; ++I) {
    Reach[I] = Edge[I];
    Reach[I][I] = true;
  }
  for (size_t K = 0; K < N; ++K)
    for (size_t I = 0; I < N; ++I)
      if (Reach[I][K])
        for (size_t J = 0; J < Size; ++J)
          if (Reach[K][J])
            Reach[I][J] = true;

  for (size_t I = 0; I < N; ++I) {
    std::vector<ir::ExprPtr> Terms;
    for (size_t J = 0; J < N; ++J)
      if (Reach[I][J] && E(I, J) != 0)
        Terms.push_back(term(E(I, J), ir::ref(ir::RefKind::State, Vars[J])));
    for (size_t K = 0; K < NC; ++K)
      if (Reach[I][N + K] && E(I, N + K) != 0)
        Terms.push_back(term(E(I, N + K), ir::ref(Cols[K].Kind, Cols[K].Name)));
    if (Reach[I][N + NC] && E(I, N + NC) != 0)
      Terms.push_back(ir::constant(E(I, N + NC)));
    Out.push_back(assign(M, Vars[I], sumOf(std::move(Terms))));
  }
  return true;
}

void lowerExpEuler(const ir::NeuronModel &M, const std::vector<std::string> &Vars, double H,
                   std::vector<ir::Stmt> &Out) {
  std::vector<ir::Stmt> Assigns;
  for (const std::string &X : Vars) {
    auto CL = splitLinearIn(*M.findOde(X)->Rhs, X);
    assert(CL && "exponential Euler needs conditionally linear equations");
    ir::fold(CL->A);
    ir::fold(CL->B);
    ir::ExprPtr Factor; // (expm1(a h) / a), or h when a == 0
    if (auto A = ir::constantValue(*CL->A)) {
      Factor = ir::constant(*A == 0 ? H : std::expm1(*A * H) / *A);
      Out.push_back(let("f." + X, ir::binary(ir::BinaryOp::Add,
                                             ir::binary(ir::BinaryOp::Mul, ir::constant(*A),
                                                        ir::ref(ir::RefKind::State, X)),
                                             std::move(CL->B))));
    } else {
      Out.push_back(let("a." + X, std::move(CL->A)));
      ir::ExprPtr AR = ir::ref(ir::RefKind::Temp, "a." + X);
      std::vector<ir::ExprPtr> Args;
      Args.push_back(ir::binary(ir::BinaryOp::Mul, AR->clone(), ir::constant(H)));
      Factor = std::make_unique<ir::SelectExpr>(
          ir::binary(ir::BinaryOp::Eq, AR->clone(), ir::constant(0)), ir::constant(H),
          ir::binary(ir::BinaryOp::Div,
                     std::make_unique<ir::CallExpr>(ir::Func::Expm1, std::move(Args)),
                     AR->clone()));
      Out.push_back(let("f." + X, ir::binary(ir::BinaryOp::Add,
                                             ir::binary(ir::BinaryOp::Mul, AR->clone(),
                                                        ir::ref(ir::RefKind::State, X)),
                                             std::move(CL->B))));
    }
    Assigns.push_back(assign(
        M, X,
        ir::binary(ir::BinaryOp::Add, ir::ref(ir::RefKind::State, X),
                   ir::binary(ir::BinaryOp::Mul, ir::ref(ir::RefKind::Temp, "f." + X),
                              std::move(Factor)))));
  }
  for (ir::Stmt &S : Assigns)
    Out.push_back(std::move(S));
}

namespace {

/// E with the group's state variables replaced by temporaries `Prefix + name` and t by t+Shift.
ir::ExprPtr atStage(const ir::Expr &E, const std::string &Prefix, double Shift,
                    const std::set<std::string> &Group) {
  ir::ExprPtr C = E.clone();
  ir::rewrite(C, [&](ir::Expr &X) -> ir::ExprPtr {
    auto *R = llvm::dyn_cast<ir::RefExpr>(&X);
    if (!R)
      return nullptr;
    if (R->refKind() == ir::RefKind::State && Group.count(R->name()) && !Prefix.empty())
      return ir::ref(ir::RefKind::Temp, Prefix + R->name(), R->loc());
    if (R->refKind() == ir::RefKind::Time && Shift != 0)
      return ir::binary(ir::BinaryOp::Add, ir::ref(ir::RefKind::Time, "t"), ir::constant(Shift));
    return nullptr;
  });
  return C;
}

ir::ExprPtr tmp(const std::string &P, const std::string &V) {
  return ir::ref(ir::RefKind::Temp, P + V);
}

ir::ExprPtr axpy(const std::string &X, double A, ir::ExprPtr Y) {
  return ir::binary(ir::BinaryOp::Add, ir::ref(ir::RefKind::State, X),
                    ir::binary(ir::BinaryOp::Mul, ir::constant(A), std::move(Y)));
}

} // namespace

void lowerExplicit(const ir::NeuronModel &M, const std::vector<std::string> &Vars, ir::Method K,
                   double H, std::vector<ir::Stmt> &Out) {
  std::set<std::string> Group(Vars.begin(), Vars.end());
  auto rhs = [&](const std::string &V) -> const ir::Expr & { return *M.findOde(V)->Rhs; };
  if (K == ir::Method::Euler) {
    for (const std::string &V : Vars)
      Out.push_back(let("k1." + V, rhs(V).clone()));
    for (const std::string &V : Vars)
      Out.push_back(assign(M, V, axpy(V, H, tmp("k1.", V))));
    return;
  }
  if (K == ir::Method::RK2) {
    for (const std::string &V : Vars)
      Out.push_back(let("k1." + V, rhs(V).clone()));
    for (const std::string &V : Vars)
      Out.push_back(let("y2." + V, axpy(V, H / 2, tmp("k1.", V))));
    for (const std::string &V : Vars)
      Out.push_back(let("k2." + V, atStage(rhs(V), "y2.", H / 2, Group)));
    for (const std::string &V : Vars)
      Out.push_back(assign(M, V, axpy(V, H, tmp("k2.", V))));
    return;
  }
  assert(K == ir::Method::RK4 && "not an explicit Runge-Kutta method");
  // Stage k evaluates f at y_k = x + c_k h k_{k-1}.
  const char *Stage[] = {"k1.", "k2.", "k3.", "k4."};
  const char *Point[] = {"", "y2.", "y3.", "y4."};
  const double Shift[] = {0, H / 2, H / 2, H};
  for (int S = 0; S < 4; ++S) {
    if (S > 0)
      for (const std::string &V : Vars)
        Out.push_back(let(std::string(Point[S]) + V, axpy(V, Shift[S], tmp(Stage[S - 1], V))));
    for (const std::string &V : Vars)
      Out.push_back(let(std::string(Stage[S]) + V, atStage(rhs(V), Point[S], Shift[S], Group)));
  }
  for (const std::string &V : Vars) {
    // x + h/6 (k1 + 2 k2 + 2 k3 + k4)
    ir::ExprPtr Sum = ir::binary(
        ir::BinaryOp::Add,
        ir::binary(ir::BinaryOp::Add,
                   ir::binary(ir::BinaryOp::Add, tmp("k1.", V),
                              ir::binary(ir::BinaryOp::Mul, ir::constant(2), tmp("k2.", V))),
                   ir::binary(ir::BinaryOp::Mul, ir::constant(2), tmp("k3.", V))),
        tmp("k4.", V));
    Out.push_back(assign(M, V, axpy(V, H / 6, std::move(Sum))));
  }
}

} // namespace snn
