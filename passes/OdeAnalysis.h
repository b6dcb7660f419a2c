//===- passes/OdeAnalysis.h - classifying ODE right-hand sides ------------------------------===//
//
// The questions solve-odes asks about an ODE system, answered on (folded) expression trees:
//  - decomposeAffine: is f = sum a_j x_j + sum b_k u_k + c with constant coefficients? (state
//    variables x, inputs u); on failure, Why names the subexpression that is not;
//  - splitLinearIn: is f = A * x + B with A and B not depending on x (conditionally linear, as
//    the gating variables of Hodgkin-Huxley models)? Returns A and B as expressions;
//  - evaluate: the value of an expression for given variable values (for the stability check).
//
//===----------------------------------------------------------------------------------------===//
#ifndef SNNC_PASSES_ODEANALYSIS_H
#define SNNC_PASSES_ODEANALYSIS_H

#include "ir/Expr.h"

#include <map>
#include <optional>
#include <set>
#include <string>

namespace snn {

/// sum State[x] * x + sum Input[u] * u + Const.
struct Affine {
  std::map<std::string, double> State, Input;
  double Const = 0;
  bool isConstant() const { return State.empty() && Input.empty(); }
  void scale(double S);
  void add(const Affine &O, double S);
};

std::optional<Affine> decomposeAffine(const ir::Expr &E, std::string &Why);

/// f = A * x + B.
struct CondLinear {
  ir::ExprPtr A, B;
};
std::optional<CondLinear> splitLinearIn(const ir::Expr &E, const std::string &X);

/// Names of the state variables E refers to.
std::set<std::string> stateRefs(const ir::Expr &E);

/// Values of the names an expression may use, for evaluate().
struct EvalEnv {
  std::map<std::string, double> State, Input, Temp;
  double Time = 0;
  bool Refractory = false;
};
/// Evaluates E (real result; booleans as 0/1). Returns nothing if a name is missing.
std::optional<double> evaluate(const ir::Expr &E, const EvalEnv &Env);

} // namespace snn

#endif
