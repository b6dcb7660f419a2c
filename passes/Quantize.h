//===- passes/Quantize.h - rounding times to the simulation grid ----------------------------===//
#ifndef SNNC_PASSES_QUANTIZE_H
#define SNNC_PASSES_QUANTIZE_H

#include "ir/Diagnostics.h"

#include <cstdint>
#include <optional>
#include <string>

namespace snn {

/// "1.5 ms": a time in the unit that reads best (s, ms or us).
std::string formatTime(double Seconds, int Digits = 12);

/// T / Dt rounded to the nearest integer (halves up); warns at `Loc` when T is not a whole
/// number of steps (relative tolerance 1e-9), naming `What`, the value and the rounded value.
/// Reports an error and returns nothing when the count exceeds `Max` steps.
std::optional<int64_t> toSteps(double T, double Dt, const char *What, llvm::SMRange Loc,
                               DiagnosticsEngine &Diags, int64_t Max = int64_t(1) << 62);

} // namespace snn

#endif
