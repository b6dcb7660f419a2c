// Poisson.cpp: snn_rt_poisson_schedule, the helper that the kernels of Poisson generators with
// rates per generator or in time call (generators of one constant rate use a table inverted in
// the generated code instead).
//
// The mean of generator i at step s is lambda = rate * dt from the schedule row in force for the
// interval ((s-1) dt, s dt]. Its spike count is an exact Poisson(lambda) draw:
//  - lambda < 10: inversion by sequential search, k = the smallest k with u <= F(k), summing the
//    probabilities p(k) = p(k-1) * lambda / k from p(0) = exp(-lambda) (at most ~40 terms);
//  - lambda >= 10: Hormann's transformed rejection with squeeze (PTRS, 1993), which accepts
//    about 9 draws in 10 at once.
// The random numbers come from Philox with key (seed, stream) at counter (i + 2^32 j, s) for
// attempt j = 0, 1, ...: u from words 0 and 1, v from words 2 and 3 (inversion uses u only). So
// every count is a pure function of the seed, the population, the generator and the step
// (support/Poisson.h holds the draw).
#include "support/Poisson.h"

#include <cmath>
#include <cstdint>

extern "C" void snn_rt_poisson_schedule(uint64_t seed, uint32_t stream, int64_t step, int64_t begin,
                                        int64_t end, const int64_t *starts, int64_t rows,
                                        const double *lambda, int64_t width, uint32_t *counts) {
  if (!counts || end <= begin)
    return;
  // The row in force: the last one that starts at or before the start of the interval.
  int64_t lo = 0, hi = rows; // rows [0, lo) start at or before step - 1
  while (lo < hi) {
    int64_t mid = lo + (hi - lo) / 2;
    if (starts[mid] <= step - 1)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo == 0 || !lambda) {
    for (int64_t i = begin; i < end; ++i)
      counts[i] = 0;
    return;
  }
  const double *row = lambda + (lo - 1) * width;
  const uint32_t seed32 = static_cast<uint32_t>(seed);
  for (int64_t i = begin; i < end; ++i)
    counts[i] =
        snn::support::poissonScheduleCount(seed32, stream, step, static_cast<uint64_t>(i),
                                           row[width == 1 ? 0 : i]);
}
