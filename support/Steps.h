//===- support/Steps.h - times on the step grid ---------------------------------------------===//
//
// The one rule that turns a time into a whole number of steps, used by the passes (delays,
// refractory periods, spike and schedule times), by the runtime (delays drawn per synapse,
// plastic delays) and by the chip backends and the emulator: t / dt rounded to the nearest
// integer, halves up. An absolute slack of 1e-9 steps absorbs the representation error of
// decimal times (0.15 ms / 0.1 ms is 1.4999999999999998 in binary and rounds to 2).
//
//===----------------------------------------------------------------------------------------===//
#ifndef SNNC_SUPPORT_STEPS_H
#define SNNC_SUPPORT_STEPS_H

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace snn::support {

/// A count of steps X rounded by the rule above (as a double: X may be out of any integer's
/// range; callers check).
inline double nearestStep(double X) { return std::floor(X + 0.5 + 1e-9); }

/// T / Dt rounded by the rule above.
inline double timeToSteps(double T, double Dt) { return nearestStep(T / Dt); }

/// True when X steps is not a whole number of steps (relative tolerance 1e-9), so that rounding
/// changed it (the compiler warns then).
inline bool offGrid(double X) {
  return std::fabs(X - nearestStep(X)) > 1e-9 * std::max(1.0, std::fabs(X));
}

/// T / Dt rounded by the rule above and clipped to [Lo, Hi] (NaN gives Lo).
inline int64_t timeToStepsClipped(double T, double Dt, int64_t Lo, int64_t Hi) {
  double S = timeToSteps(T, Dt);
  if (!(S >= static_cast<double>(Lo)))
    return Lo;
  if (S >= static_cast<double>(Hi))
    return Hi;
  return static_cast<int64_t>(S);
}

} // namespace snn::support

#endif
