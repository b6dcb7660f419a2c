//===- passes/Quantize.cpp - rounding times to the simulation grid --------------------------===//
#include "passes/Quantize.h"

#include "ir/Printer.h"
#include "support/Steps.h"

#include <cmath>

namespace snn {

using ir::formatNumber;

std::optional<int64_t> toSteps(double T, double Dt, const char *What, llvm::SMRange Loc,
                               DiagnosticsEngine &Diags, int64_t Max, bool *Rounded) {
  double X = T / Dt;
  if (!std::isfinite(X) || X > static_cast<double>(Max)) {
    Diags.error(Loc, std::string(What) + " " + formatTime(T) + " is " +
                         formatNumber(X) + " steps of dt = " + formatTime(Dt) +
                         "; the limit is " + std::to_string(Max) + " steps");
    return std::nullopt;
  }
  // The one rounding rule (support/Steps.h): halves up, with a slack for decimal times.
  double R = support::nearestStep(X);
  bool Off = support::offGrid(X);
  if (Rounded)
    *Rounded = Off;
  else if (Off)
    Diags.warning(Loc, std::string(What) + " " + formatTime(T) + " is not a multiple of dt = " +
                           formatTime(Dt) + "; rounded to " + formatTime(R * Dt));
  return static_cast<int64_t>(R);
}

bool quantizeTimes(const std::vector<double> &Times, const std::vector<llvm::SMRange> &Locs,
                   llvm::SMRange Fallback, double Dt, const char *What, llvm::StringRef Owner,
                   DiagnosticsEngine &Diags, std::vector<int64_t> &Steps) {
  Steps.clear();
  size_t NumRounded = 0;
  llvm::SMRange FirstLoc;
  for (size_t K = 0; K < Times.size(); ++K) {
    llvm::SMRange Loc = K < Locs.size() ? Locs[K] : Fallback;
    bool Rounded = false;
    auto S = toSteps(Times[K], Dt, What, Loc, Diags, int64_t(1) << 62, &Rounded);
    if (!S)
      return false;
    if (Rounded && NumRounded++ == 0) {
      FirstLoc = Loc;
      toSteps(Times[K], Dt, What, Loc, Diags); // the warning
    }
    Steps.push_back(*S);
  }
  if (NumRounded > 1)
    Diags.note(FirstLoc, llvm::Twine(NumRounded - 1) + " more " + What + "s of " + Owner +
                             " are not multiples of dt either; each is rounded to the nearest "
                             "step");
  return true;
}

} // namespace snn
