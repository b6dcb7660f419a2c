//===- support/Poisson.cpp - spike counts of Poisson generators -----------------------------===//
#include "support/Poisson.h"

#include "support/Random.h"

#include <cmath>

namespace snn::support {

std::vector<double> poissonCdf(double Lambda) {
  std::vector<double> Cdf;
  int64_t Last = static_cast<int64_t>(Lambda + 40 * std::sqrt(Lambda) + 40);
  double Acc = 0;
  for (int64_t K = 0; K <= Last; ++K) {
    double LogP = Lambda > 0 ? -Lambda + double(K) * std::log(Lambda) - std::lgamma(double(K) + 1)
                             : (K == 0 ? 0.0 : -INFINITY);
    Acc += std::exp(LogP);
    Cdf.push_back(Acc);
  }
  for (double &C : Cdf)
    C /= Acc;
  // Trailing entries equal to 1 can never be exceeded: drop them for a shorter search.
  while (Cdf.size() > 1 && Cdf[Cdf.size() - 2] >= 1.0)
    Cdf.pop_back();
  return Cdf;
}

std::vector<uint64_t> poissonThresholds(const std::vector<double> &Cdf) {
  std::vector<uint64_t> T;
  for (double C : Cdf)
    T.push_back(static_cast<uint64_t>(std::floor(std::ldexp(C, 32) - 0.5) + 1));
  return T;
}

uint32_t poissonCountFromWord(uint32_t R, const std::vector<uint64_t> &Thresholds) {
  uint32_t K = 0;
  for (uint64_t T : Thresholds)
    K += R >= T;
  return K;
}

uint32_t poissonWord(uint32_t Seed, uint32_t Stream, int64_t Step, uint64_t I) {
  return philoxBlock(Seed, Stream, I >> 2, static_cast<uint64_t>(Step))[I & 3];
}

namespace {

/// log(k!) for the PTRS acceptance test.
double logFactorial(double k) { return std::lgamma(k + 1.0); }

} // namespace

uint32_t poissonScheduleCount(uint32_t seed, uint32_t stream, int64_t step, uint64_t i,
                              double lambda) {
  if (!(lambda > 0))
    return 0;
  const uint64_t stepBits = static_cast<uint64_t>(step);
  if (lambda < 10) {
    RandomBlock block = philoxBlock(seed, stream, i, stepBits);
    double u = uniformOpen01(block[0], block[1]);
    double p = std::exp(-lambda), sum = p;
    uint32_t k = 0;
    // The probabilities sum to 1 up to rounding; stop when they no longer add anything.
    while (u > sum && k < 1000) {
      ++k;
      p *= lambda / k;
      if (p == 0)
        break;
      sum += p;
    }
    return k;
  }
  const double slam = std::sqrt(lambda), loglam = std::log(lambda);
  const double b = 0.931 + 2.53 * slam;
  const double a = -0.059 + 0.02483 * b;
  const double invalpha = 1.1239 + 1.1328 / (b - 3.4);
  const double vr = 0.9277 - 3.6224 / (b - 2);
  for (uint64_t attempt = 0;; ++attempt) {
    RandomBlock block = philoxBlock(seed, stream, i + (attempt << 32), stepBits);
    double u = uniformOpen01(block[0], block[1]) - 0.5;
    double v = uniformOpen01(block[2], block[3]);
    double us = 0.5 - std::fabs(u);
    double k = std::floor((2 * a / us + b) * u + lambda + 0.43);
    if (us >= 0.07 && v <= vr)
      return k > 4294967295.0 ? 4294967295u : static_cast<uint32_t>(k);
    if (k < 0 || (us < 0.013 && v > us))
      continue;
    if (std::log(v) + std::log(invalpha) - std::log(a / (us * us) + b) <=
        -lambda + k * loglam - logFactorial(k))
      return k > 4294967295.0 ? 4294967295u : static_cast<uint32_t>(k);
  }
}

} // namespace snn::support
