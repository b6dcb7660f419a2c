//===- passes/Quantize.h - rounding times to the simulation grid ----------------------------===//
#ifndef SNNC_PASSES_QUANTIZE_H
#define SNNC_PASSES_QUANTIZE_H

#include "ir/Diagnostics.h"
#include "ir/Units.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace snn {


/// T / Dt rounded to the nearest integer (halves up); warns at `Loc` when T is not a whole
/// number of steps (relative tolerance 1e-9), naming `What`, the value and the rounded value.
/// Reports an error and returns nothing when the count exceeds `Max` steps. With `Rounded`, it
/// does not warn but sets *Rounded when it rounded.
std::optional<int64_t> toSteps(double T, double Dt, const char *What, llvm::SMRange Loc,
                               DiagnosticsEngine &Diags, int64_t Max = int64_t(1) << 62,
                               bool *Rounded = nullptr);

/// Quantizes a list of times (a generator's spikes, a schedule, a data file's rows) with
/// toSteps. Only the first time that is not a whole number of steps gets a warning; a note
/// counts the others, so that a data file with many rounded times gives one warning. `Locs`
/// has the source of each time (or is empty: `Fallback`). Returns false after an error.
bool quantizeTimes(const std::vector<double> &Times, const std::vector<llvm::SMRange> &Locs,
                   llvm::SMRange Fallback, double Dt, const char *What, llvm::StringRef Owner,
                   DiagnosticsEngine &Diags, std::vector<int64_t> &Steps);

} // namespace snn

#endif
