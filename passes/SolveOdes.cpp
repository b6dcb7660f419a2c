//===- passes/SolveOdes.cpp - choose an ODE method and lower ODEs to an update --------------===//
//
// For each model this pass classifies the ODE system and replaces "how to integrate" by an
// explicit discrete update (the `update` block), recording the method in the IR:
//
//  - linear with constant coefficients (x' = A x + B u + c, with u the model's inputs, held
//    constant over a step) -> `exact`: x(t+dt) = P x + Q u + r with P = e^{A dt} and Q, r the
//    integrals of e^{A s} B and e^{A s} c over the step, all read off one matrix exponential of
//    the augmented matrix [[A, B, c], [0, 0, 0]] dt. A LIF under constant input is integrated
//    without error, coupled systems (a LIF with an exponential current) too, including the
//    case tau_m == tau_syn where closed-form propagators divide by zero.
//  - otherwise -> `rk4`, the classical fourth-order Runge-Kutta method.
//
//   before:  ode v = (0.01 - v) / 0.02
//   after:   method exact
//            update { v = 0.9950124791926823 * v + 4.987520807317687e-05 }
//
// Entries of P, Q and r that are zero because of the system's structure (no path between two
// variables) are left out; others are kept even when tiny. With --remarks the choice is
// reported per model.
//
//===----------------------------------------------------------------------------------------===//
#include "passes/MatrixExp.h"
#include "passes/Passes.h"

#include "ir/Printer.h"

#include <cassert>
#include <cmath>
#include <map>
#include <set>

namespace snn {

namespace {

/// x' = sum a_j x_j + sum b_k u_k + c for one equation.
struct Affine {
  std::map<std::string, double> State, Input;
  double Const = 0;
  bool isConstant() const { return State.empty() && Input.empty(); }
  void scale(double S) {
    for (auto &[_, V] : State)
      V *= S;
    for (auto &[_, V] : Input)
      V *= S;
    Const *= S;
  }
  void add(const Affine &O, double S) {
    for (const auto &[K, V] : O.State)
      State[K] += S * V;
    for (const auto &[K, V] : O.Input)
      Input[K] += S * V;
    Const += S * O.Const;
  }
};

/// Decomposes E into an affine combination of state variables and inputs with constant
/// coefficients; on failure, Why names the offending subexpression.
std::optional<Affine> decompose(const ir::Expr &E, std::string &Why) {
  auto fail = [&](const std::string &Reason) -> std::optional<Affine> {
    if (Why.empty())
      Why = Reason;
    return std::nullopt;
  };
  if (auto V = ir::constantValue(E)) {
    Affine A;
    A.Const = *V;
    return A;
  }
  switch (E.kind()) {
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
    auto A = decompose(U.operand(), Why);
    if (!A || U.op() != ir::UnaryOp::Neg)
      return fail("'" + ir::exprToString(E) + "' is not linear");
    A->scale(-1);
    return A;
  }
  case ir::ExprKind::Binary: {
    const auto &B = llvm::cast<ir::BinaryExpr>(E);
    auto L = decompose(B.lhs(), Why);
    auto R = decompose(B.rhs(), Why);
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
    default:
      return fail("'" + ir::exprToString(E) + "' is not linear");
    }
  }
  default:
    return fail("'" + ir::exprToString(E) + "' is not linear");
  }
}

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

/// Builds the exact update of a linear system; returns false if the matrix exponential is not
/// finite (parameters that make the system blow up within one step).
bool lowerExact(ir::NeuronModel &M, const std::vector<Affine> &Eqs, double Dt,
                DiagnosticsEngine &Diags) {
  size_t N = M.Odes.size();
  std::vector<std::string> Vars, Inputs;
  std::map<std::string, size_t> VarIdx, InIdx;
  for (const ir::Ode &O : M.Odes) {
    VarIdx[O.Var] = Vars.size();
    Vars.push_back(O.Var);
  }
  for (const Affine &A : Eqs)
    for (const auto &[K, _] : A.Input)
      if (!InIdx.count(K)) {
        InIdx[K] = 0;
        Inputs.push_back(K);
      }
  std::sort(Inputs.begin(), Inputs.end(), [&](const std::string &A, const std::string &B) {
    auto Pos = [&](const std::string &X) {
      for (size_t I = 0; I < M.Inputs.size(); ++I)
        if (M.Inputs[I].Name == X)
          return I;
      return M.Inputs.size();
    };
    return Pos(A) < Pos(B);
  });
  for (size_t K = 0; K < Inputs.size(); ++K)
    InIdx[Inputs[K]] = K;
  size_t NI = Inputs.size(), Size = N + NI + 1;

  Matrix Aug(Size);
  std::vector<std::vector<bool>> Edge(N, std::vector<bool>(Size, false));
  for (size_t I = 0; I < N; ++I) {
    for (const auto &[K, V] : Eqs[I].State) {
      assert(VarIdx.count(K) && "decompose() only accepts variables with ODEs");
      Aug(I, VarIdx[K]) = V * Dt;
      Edge[I][VarIdx[K]] = V != 0;
    }
    for (const auto &[K, V] : Eqs[I].Input) {
      Aug(I, N + InIdx[K]) = V * Dt;
      Edge[I][N + InIdx[K]] = V != 0;
    }
    Aug(I, N + NI) = Eqs[I].Const * Dt;
    Edge[I][N + NI] = Eqs[I].Const != 0;
  }
  Matrix E = expm(Aug);
  for (size_t I = 0; I < N; ++I)
    for (size_t J = 0; J < Size; ++J)
      if (!std::isfinite(E(I, J))) {
        Diags.error(M.Loc, "the exact propagator of model '" + M.Name +
                               "' overflows for dt = " + ir::formatNumber(Dt) +
                               " s; the system grows too fast");
        return false;
      }
  // Reach[I][J]: variable/input J influences variable I within a step.
  std::vector<std::vector<bool>> Reach(N, std::vector<bool>(Size, false));
  for (size_t I = 0; I < N; ++I) {
    Reach[I][I] = true;
    for (size_t J = 0; J < Size; ++J)
      Reach[I][J] = Reach[I][J] || Edge[I][J];
  }
  for (size_t K = 0; K < N; ++K)
    for (size_t I = 0; I < N; ++I)
      if (Reach[I][K])
        for (size_t J = 0; J < Size; ++J)
          if (Reach[K][J])
            Reach[I][J] = true;

  M.Update.clear();
  for (size_t I = 0; I < N; ++I) {
    std::vector<ir::ExprPtr> Terms;
    for (size_t J = 0; J < N; ++J)
      if (Reach[I][J] && E(I, J) != 0)
        Terms.push_back(term(E(I, J), ir::ref(ir::RefKind::State, Vars[J])));
    for (size_t K = 0; K < NI; ++K)
      if (Reach[I][N + K] && E(I, N + K) != 0)
        Terms.push_back(term(E(I, N + K), ir::ref(ir::RefKind::Input, Inputs[K])));
    if (Reach[I][N + NI] && E(I, N + NI) != 0)
      Terms.push_back(ir::constant(E(I, N + NI)));
    ir::Stmt S;
    S.Kind = ir::Stmt::Op::Set;
    S.Target = Vars[I];
    S.Value = sumOf(std::move(Terms));
    S.Loc = M.Odes[I].Loc;
    M.Update.push_back(std::move(S));
  }
  M.Solver = ir::Method::Exact;
  return true;
}

/// Replaces state references by temporaries `Prefix + name` and t by t + Shift.
ir::ExprPtr atStage(const ir::Expr &E, const std::string &Prefix, double Shift,
                    const std::set<std::string> &OdeVars) {
  ir::ExprPtr C = E.clone();
  ir::rewrite(C, [&](ir::Expr &X) -> ir::ExprPtr {
    auto *R = llvm::dyn_cast<ir::RefExpr>(&X);
    if (!R)
      return nullptr;
    if (R->refKind() == ir::RefKind::State && OdeVars.count(R->name()) && !Prefix.empty())
      return ir::ref(ir::RefKind::Temp, Prefix + R->name(), R->loc());
    if (R->refKind() == ir::RefKind::Time && Shift != 0)
      return ir::binary(ir::BinaryOp::Add, ir::ref(ir::RefKind::Time, "t"), ir::constant(Shift));
    return nullptr;
  });
  return C;
}

void lowerRK4(ir::NeuronModel &M, double H) {
  std::set<std::string> OdeVars;
  for (const ir::Ode &O : M.Odes)
    OdeVars.insert(O.Var);
  std::vector<ir::Stmt> U;
  auto let = [&](std::string Name, ir::ExprPtr V) {
    ir::Stmt S;
    S.Kind = ir::Stmt::Op::Let;
    S.Target = std::move(Name);
    S.Value = std::move(V);
    U.push_back(std::move(S));
  };
  auto tmp = [](const std::string &P, const std::string &V) { return ir::ref(ir::RefKind::Temp, P + V); };
  // Stage k evaluates f at y = x + c_k h k_{k-1}.
  const char *Stage[] = {"k1.", "k2.", "k3.", "k4."};
  const char *Point[] = {"", "y2.", "y3.", "y4."};
  const double Shift[] = {0, H / 2, H / 2, H};
  for (int K = 0; K < 4; ++K) {
    if (K > 0)
      for (const ir::Ode &O : M.Odes)
        let(std::string(Point[K]) + O.Var,
            ir::binary(ir::BinaryOp::Add, ir::ref(ir::RefKind::State, O.Var),
                       ir::binary(ir::BinaryOp::Mul, ir::constant(Shift[K]),
                                  tmp(Stage[K - 1], O.Var))));
    for (const ir::Ode &O : M.Odes)
      let(std::string(Stage[K]) + O.Var, atStage(*O.Rhs, Point[K], Shift[K], OdeVars));
  }
  for (const ir::Ode &O : M.Odes) {
    // x + h/6 (k1 + 2 k2 + 2 k3 + k4)
    ir::ExprPtr Sum = ir::binary(
        ir::BinaryOp::Add,
        ir::binary(ir::BinaryOp::Add,
                   ir::binary(ir::BinaryOp::Add, tmp("k1.", O.Var),
                              ir::binary(ir::BinaryOp::Mul, ir::constant(2), tmp("k2.", O.Var))),
                   ir::binary(ir::BinaryOp::Mul, ir::constant(2), tmp("k3.", O.Var))),
        tmp("k4.", O.Var));
    ir::Stmt S;
    S.Kind = ir::Stmt::Op::Set;
    S.Target = O.Var;
    S.Value = ir::binary(ir::BinaryOp::Add, ir::ref(ir::RefKind::State, O.Var),
                         ir::binary(ir::BinaryOp::Mul, ir::constant(H / 6), std::move(Sum)));
    S.Loc = O.Loc;
    U.push_back(std::move(S));
  }
  M.Update = std::move(U);
  M.Solver = ir::Method::RK4;
}

std::string varList(const ir::NeuronModel &M) {
  std::string S;
  for (const ir::Ode &O : M.Odes)
    S += (S.empty() ? "" : ", ") + O.Var;
  return S;
}

class SolveOdes : public Pass {
public:
  llvm::StringRef name() const override { return "solve-odes"; }
  llvm::StringRef description() const override { return "lower ODEs to discrete updates"; }
  PassResult run(ir::Network &N, PassContext &Ctx) override {
    PassResult R;
    for (auto &MP : N.Models) {
      ir::NeuronModel &M = *MP;
      if (M.Solver != ir::Method::None || M.Odes.empty())
        continue;
      std::vector<Affine> Eqs;
      std::string Why;
      bool Linear = true;
      for (const ir::Ode &O : M.Odes) {
        auto A = decompose(*O.Rhs, Why);
        if (!A) {
          Linear = false;
          break;
        }
        // A variable without an ODE cannot appear in a linear system solved here.
        for (const auto &[K, _] : A->State)
          if (!M.findOde(K)) {
            Linear = false;
            Why = "'" + K + "' has no ODE";
          }
        if (!Linear)
          break;
        Eqs.push_back(std::move(*A));
      }
      R.Changed = true;
      if (Linear) {
        if (!lowerExact(M, Eqs, N.Sim.Dt, Ctx.Diags)) {
          R.Failed = true;
          continue;
        }
        Ctx.Diags.remark(M.Loc, "'" + varList(M) + "' integrated exactly (linear, constant "
                                                    "coefficients)");
      } else {
        lowerRK4(M, N.Sim.Dt);
        Ctx.Diags.remark(M.Loc, "'" + varList(M) + "' integrated with rk4 (not linear: " + Why +
                                    ")");
      }
    }
    return R;
  }
};

} // namespace

std::unique_ptr<Pass> createSolveOdesPass() { return std::make_unique<SolveOdes>(); }

} // namespace snn
