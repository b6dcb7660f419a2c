//===- support/Poisson.h - spike counts of Poisson generators -------------------------------===//
//
// The one definition of what a Poisson generator emits, used by the generated kernels (through
// the tables built here), the runtime and the emulator:
//  - one constant rate: the count of generator i at step s is the inverse of the distribution
//    function of Poisson(lambda = rate dt) at u = (r + 0.5) 2^-32, where r is word (i mod 4) of
//    the Philox block (i / 4, s) of the population's stream. poissonCdf() is that function (each
//    probability from its logarithm, up to lambda + 40 sqrt(lambda) + 40, normalized, trailing
//    ones dropped) and poissonThresholds() turns it into thresholds on r: the count is the
//    number of thresholds r reaches.
//  - rates per generator or in time: poissonScheduleCount() draws an exact Poisson(lambda)
//    count (inversion below lambda = 10, Hormann's PTRS above) from the blocks
//    (i + 2^32 j, s) for attempts j = 0, 1, ...
//
//===----------------------------------------------------------------------------------------===//
#ifndef SNNC_SUPPORT_POISSON_H
#define SNNC_SUPPORT_POISSON_H

#include <cstdint>
#include <vector>

namespace snn::support {

/// The largest mean count per step a generator may have (rate * dt); above it the tables and
/// draws are not exact (checked by quantize-event-times for every target).
constexpr double MaxPoissonMean = 1e6;

/// The distribution function of Poisson(Lambda) as the constant-rate kernels use it.
std::vector<double> poissonCdf(double Lambda);

/// Threshold k on the 32-bit word r: u = (r + 0.5) 2^-32 exceeds Cdf[k] exactly when r >= T[k]
/// (a threshold above 2^32 - 1 is never reached).
std::vector<uint64_t> poissonThresholds(const std::vector<double> &Cdf);

/// The count of a constant-rate generator whose random word is R.
uint32_t poissonCountFromWord(uint32_t R, const std::vector<uint64_t> &Thresholds);

/// The random word of generator I at step Step of (Seed, Stream).
uint32_t poissonWord(uint32_t Seed, uint32_t Stream, int64_t Step, uint64_t I);

/// The count of generator I at step Step for mean Lambda, for rates per generator or in time.
uint32_t poissonScheduleCount(uint32_t Seed, uint32_t Stream, int64_t Step, uint64_t I,
                              double Lambda);

} // namespace snn::support

#endif
