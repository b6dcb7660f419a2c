//===- passes/OdeMethods.h - one step of each integration method, as IR statements ----------===//
//
// Each function appends to `Out` the statements that advance the variables `Vars` of model M by
// one step of length H: `let` temporaries, then one `x = ...` per variable. Every expression
// reads the state at the start of the step; variables of other groups are held at their
// start-of-step values.
//
//   exact             x' = P x + Q u + r from the matrix exponential of [[A, B, c], [0, 0, 0]] H
//   exponential_euler x' = x + (a x + b) * (expm1(a H) / a), with f = a x + b, a and b
//                     evaluated at the start of the step (H when a = 0)
//   euler             x' = x + H f(x)
//   rk2               midpoint: x' = x + H f(x + H/2 f(x))
//   rk4               classical fourth-order Runge-Kutta
//
//===----------------------------------------------------------------------------------------===//
#ifndef SNNC_PASSES_ODEMETHODS_H
#define SNNC_PASSES_ODEMETHODS_H

#include "passes/OdeAnalysis.h"

#include "ir/Diagnostics.h"
#include "ir/Network.h"

#include <vector>

namespace snn {

/// `Eqs[i]` is the affine right-hand side of `Vars[i]`; state variables that are not in Vars
/// (event-only state, other groups) are held constant like inputs. Returns false after
/// reporting an error if the propagator is not finite.
bool lowerExact(const ir::NeuronModel &M, const std::vector<std::string> &Vars,
                const std::vector<Affine> &Eqs, double H, std::vector<ir::Stmt> &Out,
                DiagnosticsEngine &Diags);

/// Every Vars[i] must be conditionally linear in itself (splitLinearIn succeeds).
void lowerExpEuler(const ir::NeuronModel &M, const std::vector<std::string> &Vars, double H,
                   std::vector<ir::Stmt> &Out);

/// Euler, RK2 or RK4.
void lowerExplicit(const ir::NeuronModel &M, const std::vector<std::string> &Vars, ir::Method K,
                   double H, std::vector<ir::Stmt> &Out);

} // namespace snn

#endif
