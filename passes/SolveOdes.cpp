//===- passes/SolveOdes.cpp - choose ODE methods and lower ODEs to an update ----------------===//
//
// For each model this pass splits the ODE system into groups, picks a method per group, records
// it in the IR (`method exact v, I_syn`) and replaces "how to integrate" by an explicit discrete
// update block (passes/OdeMethods.cpp writes the statements):
//
//  - the variables whose equations are linear with constant coefficients and depend only on
//    each other, inputs, and state that changes only at events -> `exact`: the propagator of
//    the whole linear system from one matrix exponential, so a LIF with exponential or alpha
//    currents is exact, including tau_m == tau_syn where closed forms divide by zero;
//  - the other variables, if each equation is linear in its own variable given the others
//    (Hodgkin-Huxley gating, conductance-based membranes) -> `exponential_euler`;
//  - otherwise -> `rk4` for them, together with the linear variables they depend on (so the
//    method keeps its order).
// A model may ask for a method (`method rk4` in the source); `exact` and `exponential_euler`
// are refused with the reason when the equations do not qualify.
//
//   before:  ode v = (0.01 - v) / 0.02
//   after:   method exact v
//            update { v = 0.9950124791926823 * v + 4.987520807317687e-05 }
//
// With --remarks each choice is reported with its reason. For explicit methods (euler, rk2,
// rk4) the pass estimates each variable's time constant at the initial state (1 / |df/dx|) and
// warns when dt is too large for the method to be stable or, for euler, accurate.
//
//===----------------------------------------------------------------------------------------===//
#include "passes/OdeMethods.h"
#include "passes/Passes.h"
#include "passes/Quantize.h"

#include "ir/Printer.h"

#include <cmath>
#include <set>

namespace snn {

namespace {

std::string join(const std::vector<std::string> &V) {
  std::string S;
  for (const std::string &X : V)
    S += (S.empty() ? "" : ", ") + X;
  return S;
}

std::string formatNumber3(double V) {
  char Buf[32];
  snprintf(Buf, sizeof(Buf), "%.3g", V);
  return Buf;
}

/// Stability limit of dt * |lambda| on the negative real axis.
double stabilityLimit(ir::Method M) {
  switch (M) {
  case ir::Method::Euler: return 2.0;
  case ir::Method::RK2: return 2.0;
  case ir::Method::RK4: return 2.785293563405282;
  default: return INFINITY;
  }
}

class SolveOdes : public Pass {
public:
  llvm::StringRef name() const override { return "solve-odes"; }
  PassResult run(ir::Network &N, PassContext &Ctx) override {
    PassResult R;
    for (auto &MP : N.Models) {
      ir::NeuronModel &M = *MP;
      if (M.solved() || M.Odes.empty())
        continue;
      R.Changed = true;
      if (!solve(M, N.Sim.Dt, Ctx.Diags))
        R.Failed = true;
      else
        checkStability(M, N.Sim.Dt, Ctx.Diags);
    }
    for (auto &S : N.Synapses)
      if (!S->Odes.empty() && S->Decays.empty()) {
        R.Changed = true;
        if (!solveSynapse(*S, Ctx.Diags))
          R.Failed = true;
      }
    return R;
  }

private:
  bool solve(ir::NeuronModel &M, double Dt, DiagnosticsEngine &Diags);
  bool solveSynapse(ir::SynapseModel &S, DiagnosticsEngine &Diags);
  bool emit(ir::NeuronModel &M, ir::Method K, const std::vector<std::string> &Vars,
            const std::map<std::string, Affine> &Affines, double Dt, DiagnosticsEngine &Diags);
  void checkStability(const ir::NeuronModel &M, double Dt, DiagnosticsEngine &Diags);
};

bool SolveOdes::emit(ir::NeuronModel &M, ir::Method K, const std::vector<std::string> &Vars,
                     const std::map<std::string, Affine> &Affines, double Dt,
                     DiagnosticsEngine &Diags) {
  if (Vars.empty())
    return true;
  M.Groups.push_back({K, Vars});
  switch (K) {
  case ir::Method::Exact: {
    std::vector<Affine> Eqs;
    for (const std::string &V : Vars)
      Eqs.push_back(Affines.at(V));
    return lowerExact(M, Vars, Eqs, Dt, M.Update, Diags);
  }
  case ir::Method::ExpEuler:
    lowerExpEuler(M, Vars, Dt, M.Update);
    return true;
  default:
    lowerExplicit(M, Vars, K, Dt, M.Update);
    return true;
  }
}

bool SolveOdes::solve(ir::NeuronModel &M, double Dt, DiagnosticsEngine &Diags) {
  std::vector<std::string> Vars;
  std::set<std::string> OdeVars;
  for (const ir::Ode &O : M.Odes) {
    Vars.push_back(O.Var);
    OdeVars.insert(O.Var);
  }
  std::map<std::string, Affine> Affines;
  std::map<std::string, std::string> WhyNot;
  for (const ir::Ode &O : M.Odes) {
    std::string Why;
    if (auto A = decomposeAffine(*O.Rhs, Why))
      Affines[O.Var] = *A;
    else
      WhyNot[O.Var] = Why;
  }
  // Exponential Euler pays off for equations linear in their own variable with a coefficient
  // that is not zero (gating variables, conductance-based membranes); with a zero coefficient it
  // would be forward Euler, and rk4 is the better choice.
  auto condLinear = [&](const std::string &V, std::string &Why) {
    auto CL = splitLinearIn(*M.findOde(V)->Rhs, V);
    if (!CL) {
      Why = "'d" + V + "/dt' is not linear in '" + V + "'";
      return false;
    }
    ir::fold(CL->A);
    if (auto A = ir::constantValue(*CL->A); A && *A == 0) {
      Why = "'d" + V + "/dt' does not depend on '" + V + "'";
      return false;
    }
    return true;
  };
  std::vector<std::pair<ir::Method, std::vector<std::string>>> Plan;

  if (M.Requested != ir::Method::None) {
    llvm::SMRange Loc = M.RequestedLoc.isValid() ? M.RequestedLoc : M.Loc;
    std::string Why;
    if (M.Requested == ir::Method::Exact) {
      for (const std::string &V : Vars)
        if (!Affines.count(V)) {
          Diags.error(Loc, "method 'exact' needs ODEs that are linear with constant "
                           "coefficients, but in model '" + M.Name + "' 'd" + V + "/dt' is not: " +
                           WhyNot[V]);
          Diags.note(M.findOde(V)->Loc, "this equation");
          return false;
        }
    }
    if (M.Requested == ir::Method::ExpEuler)
      for (const std::string &V : Vars)
        if (!condLinear(V, Why)) {
          Diags.error(Loc, "method 'exponential_euler' needs each ODE to be linear in its own "
                           "variable, but in model '" + M.Name + "' " + Why);
          Diags.note(M.findOde(V)->Loc, "this equation");
          return false;
        }
    Plan.push_back({M.Requested, Vars});
    Diags.remark(M.Loc, "'" + join(Vars) + "' integrated with " + ir::methodName(M.Requested) +
                            " (requested)");
  } else {
    // The linear set: affine equations whose state dependencies stay inside the set (or are
    // event-only state, constant between events).
    std::set<std::string> Linear;
    for (const std::string &V : Vars)
      if (Affines.count(V))
        Linear.insert(V);
    for (bool Changed = true; Changed;) {
      Changed = false;
      for (const std::string &V : Vars) {
        if (!Linear.count(V))
          continue;
        for (const auto &[K, _] : Affines[V].State)
          if (OdeVars.count(K) && !Linear.count(K)) {
            Linear.erase(V);
            WhyNot[V] = "it depends on '" + K + "', which is not linear";
            Changed = true;
            break;
          }
      }
    }
    std::vector<std::string> Rest;
    std::string Why;
    for (const std::string &V : Vars)
      if (!Linear.count(V)) {
        Rest.push_back(V);
        if (Why.empty())
          Why = WhyNot[V];
      }
    ir::Method RestMethod = ir::Method::ExpEuler;
    std::string CondWhy;
    for (const std::string &V : Rest)
      if (!condLinear(V, CondWhy)) {
        RestMethod = ir::Method::RK4;
        break;
      }
    if (RestMethod == ir::Method::RK4) {
      // Integrate the linear variables the others depend on with them, so that RK4 keeps its
      // order of accuracy.
      std::set<std::string> Pulled(Rest.begin(), Rest.end());
      for (bool Changed = true; Changed;) {
        Changed = false;
        for (const std::string &V : Vars)
          if (Pulled.count(V))
            for (const std::string &D : stateRefs(*M.findOde(V)->Rhs))
              if (Linear.count(D) && Pulled.insert(D).second) {
                Linear.erase(D);
                Changed = true;
              }
      }
      Rest.clear();
      for (const std::string &V : Vars)
        if (Pulled.count(V))
          Rest.push_back(V);
    }
    std::vector<std::string> Lin;
    for (const std::string &V : Vars)
      if (Linear.count(V))
        Lin.push_back(V);
    if (!Lin.empty()) {
      Plan.push_back({ir::Method::Exact, Lin});
      Diags.remark(M.Loc, "'" + join(Lin) + "' integrated exactly (linear, constant "
                                            "coefficients)");
    }
    if (!Rest.empty()) {
      Plan.push_back({RestMethod, Rest});
      if (RestMethod == ir::Method::ExpEuler)
        Diags.remark(M.Loc, "'" + join(Rest) + "' integrated with exponential_euler "
                                               "(conditionally linear; not linear: " + Why + ")");
      else
        Diags.remark(M.Loc, "'" + join(Rest) + "' integrated with rk4 (not linear: " + Why + ")");
    }
  }
  M.Groups.clear();
  M.Update.clear();
  for (const auto &[K, V] : Plan)
    if (!emit(M, K, V, Affines, Dt, Diags))
      return false;
  // Lets first, then the assignments, so that every assignment reads start-of-step values.
  std::stable_partition(M.Update.begin(), M.Update.end(),
                        [](const ir::Stmt &S) { return S.Kind == ir::Stmt::Op::Let; });
  // Parameters that make the update undefined (a zero time constant, ...) show as non-finite
  // constants.
  for (const ir::Stmt &S : M.Update) {
    bool Bad = false;
    ir::walk(*S.Value, [&](const ir::Expr &X) {
      if (const auto *C = llvm::dyn_cast<ir::ConstantExpr>(&X))
        if (!std::isfinite(C->value()))
          Bad = true;
    });
    if (Bad) {
      Diags.error(S.Loc.isValid() ? S.Loc : M.Loc,
                  "the update of '" + S.Target + "' in model '" + M.Name +
                      "' is not finite with these parameters (a time constant of zero?)");
      return false;
    }
  }
  return true;
}

/// Synapse variables are advanced exactly and lazily, from their last update to the next event:
/// each ODE must be dx/dt = a x + b with constants a, b.
bool SolveOdes::solveSynapse(ir::SynapseModel &S, DiagnosticsEngine &Diags) {
  bool Ok = true;
  for (const ir::Ode &O : S.Odes) {
    std::string Why;
    auto A = decomposeAffine(*O.Rhs, Why);
    if (A)
      for (const auto &[K, _] : A->State)
        if (K != O.Var)
          Why = "it depends on '" + K + "'";
    if (A && !A->Input.empty())
      Why = "it depends on an input";
    if (!A || !Why.empty()) {
      Diags.error(O.Loc, "a synapse's ODE is solved exactly between events and must be linear in "
                         "its own variable, like 'dx/dt = -x / tau', but 'd" + O.Var + "/dt' is "
                         "not: " + Why);
      Ok = false;
      continue;
    }
    auto It = A->State.find(O.Var);
    double Rate = It == A->State.end() ? 0.0 : It->second + 0.0, Offset = A->Const + 0.0;
    if (!std::isfinite(Rate) || !std::isfinite(Offset)) {
      Diags.error(O.Loc, "'d" + O.Var + "/dt' of synapse '" + S.Name + "' is d" + O.Var +
                             "/dt = " + ir::formatNumber(Rate) + " * " + O.Var + " + " +
                             ir::formatNumber(Offset) + " per second; its coefficients must be "
                             "finite (is a time constant 0?)");
      Ok = false;
      continue;
    }
    S.Decays.push_back({O.Var, Rate, Offset});
    Diags.remark(O.Loc, "'" + O.Var + "' of synapse '" + S.Name + "' is advanced exactly at events");
  }
  if (!Ok)
    S.Decays.clear();
  return Ok;
}

void SolveOdes::checkStability(const ir::NeuronModel &M, double Dt, DiagnosticsEngine &Diags) {
  EvalEnv Env;
  for (const ir::StateVar &S : M.States)
    if (auto V = ir::constantValue(*S.Init))
      Env.State[S.Name] = *V;
  for (const ir::InputVar &I : M.Inputs)
    Env.Input[I.Name] = I.Default;
  for (const ir::OdeGroup &G : M.Groups) {
    double Limit = stabilityLimit(G.M);
    if (!std::isfinite(Limit))
      continue;
    for (const std::string &V : G.Vars) {
      auto It = Env.State.find(V);
      if (It == Env.State.end())
        continue;
      const ir::Expr &F = *M.findOde(V)->Rhs;
      double X = It->second, H = 1e-6 * std::max(std::fabs(X), 1e-6);
      EvalEnv Lo = Env, Hi = Env;
      Lo.State[V] = X - H;
      Hi.State[V] = X + H;
      auto FL = evaluate(F, Lo), FH = evaluate(F, Hi);
      if (!FL || !FH)
        continue;
      double Lambda = (*FH - *FL) / (2 * H);
      if (!(Lambda < 0) || !std::isfinite(Lambda))
        continue;
      double Tau = 1 / -Lambda;
      if (Dt * -Lambda > Limit)
        Diags.warning(M.findOde(V)->Loc,
                      std::string(ir::methodName(G.M)) + " is unstable for 'd" + V +
                          "/dt' in model '" + M.Name + "': dt = " + formatTime(Dt) +
                          " is larger than " + formatNumber3(Limit) + " times its time "
                          "constant " + formatTime(Tau, 4) + " (at the initial state)");
      else if (G.M == ir::Method::Euler && Dt > Tau)
        Diags.warning(M.findOde(V)->Loc,
                      "forward Euler is inaccurate for 'd" + V + "/dt' in model '" + M.Name +
                          "': dt = " + formatTime(Dt) + " is larger than its time constant " +
                          formatTime(Tau, 4) + " (at the initial state)");
    }
  }
}

} // namespace

std::unique_ptr<Pass> createSolveOdesPass() { return std::make_unique<SolveOdes>(); }

} // namespace snn
