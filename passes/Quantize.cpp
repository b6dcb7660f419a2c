//===- passes/Quantize.cpp - rounding times to the simulation grid --------------------------===//
#include "passes/Quantize.h"

#include "ir/Printer.h"


#include <cmath>

namespace snn {

using ir::formatNumber;

std::string formatTime(double S, int Digits) {
  // 12 significant digits, so that 0.15e-3 prints as 0.15 (not 0.15000000000000002).
  auto fmt = [Digits](double V) {
    char Buf[64];
    snprintf(Buf, sizeof(Buf), "%.*g", Digits, V);
    return std::string(Buf);
  };
  double A = std::fabs(S);
  if (A >= 1 || A == 0)
    return fmt(S) + " s";
  if (A >= 1e-6)
    return fmt(S * 1e3) + " ms";
  return fmt(S * 1e6) + " us";
}

std::optional<int64_t> toSteps(double T, double Dt, const char *What, llvm::SMRange Loc,
                               DiagnosticsEngine &Diags, int64_t Max) {
  double X = T / Dt;
  if (!std::isfinite(X) || X > static_cast<double>(Max)) {
    Diags.error(Loc, std::string(What) + " " + formatTime(T) + " is " +
                         formatNumber(X) + " steps of dt = " + formatTime(Dt) +
                         "; the limit is " + std::to_string(Max) + " steps");
    return std::nullopt;
  }
  // Halves round up; the small slack makes 0.15 ms / 0.1 ms (1.4999999999999998) round to 2.
  double R = std::floor(X + 0.5 + 1e-9);
  if (std::fabs(X - R) > 1e-9 * std::max(1.0, std::fabs(X)))
    Diags.warning(Loc, std::string(What) + " " + formatTime(T) + " is not a multiple of dt = " +
                           formatTime(Dt) + "; rounded to " + formatTime(R * Dt));
  return static_cast<int64_t>(R);
}

} // namespace snn
