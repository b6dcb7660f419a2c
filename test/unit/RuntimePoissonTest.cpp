// RuntimePoissonTest.cpp: snn_rt_poisson_schedule, the Poisson draws of generators with rates
// per generator or in time: the mean and variance of the counts on both sides of the switch from
// inversion to PTRS, the choice of the schedule row, split invariance and reproducibility.
#include "snn/runtime.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace {

/// Counts of `n` generators of mean `lambda` over `steps` steps.
std::vector<uint32_t> draw(double lambda, uint32_t n, int64_t steps, uint32_t seed = 7) {
  const int64_t start = 0;
  std::vector<uint32_t> all, counts(n);
  for (int64_t s = 1; s <= steps; ++s) {
    snn_rt_poisson_schedule(seed, SNN_STREAM(SNN_STREAM_POISSON, 2), s, 0, n, &start, 1, &lambda, 1,
                            counts.data());
    all.insert(all.end(), counts.begin(), counts.end());
  }
  return all;
}

class PoissonMoments : public ::testing::TestWithParam<double> {};

TEST_P(PoissonMoments, MeanAndVarianceMatchLambda) {
  const double lambda = GetParam();
  std::vector<uint32_t> c = draw(lambda, 1000, 100); // 100000 draws
  double mean = 0, var = 0;
  for (uint32_t x : c)
    mean += x;
  mean /= c.size();
  for (uint32_t x : c)
    var += (x - mean) * (x - mean);
  var /= c.size() - 1;
  // Mean and variance within 5 standard errors (for Poisson counts, the sample variance over
  // lambda has standard error sqrt((1 / lambda + 2) / n)).
  const double n = static_cast<double>(c.size());
  EXPECT_NEAR(mean, lambda, 5 * std::sqrt(lambda / n)) << "lambda " << lambda;
  EXPECT_NEAR(var / lambda, 1.0, 5 * std::sqrt((1 / lambda + 2) / n)) << "lambda " << lambda;
}

INSTANTIATE_TEST_SUITE_P(Regimes, PoissonMoments,
                         ::testing::Values(0.002, 0.5, 3.0, 9.99, 10.0, 25.0, 400.0));

TEST(RuntimePoisson, ZeroProbabilityMatchesExpMinusLambda) {
  // P(0) = e^-lambda for the inversion branch: 0.5 -> 0.6065.
  std::vector<uint32_t> c = draw(0.5, 1000, 100);
  double zeros = 0;
  for (uint32_t x : c)
    zeros += x == 0;
  EXPECT_NEAR(zeros / c.size(), std::exp(-0.5), 5 * std::sqrt(0.24 / c.size()));
}

TEST(RuntimePoisson, RowInForceIsTheLastStartedBeforeTheStep) {
  // Row 0 from step 0 on (mean 0), row 1 from step 10 on (mean 1000): step 10 still uses row 0,
  // step 11 row 1. Per-generator rows: generator 1 never fires.
  const int64_t starts[] = {0, 10};
  const double lambda[] = {0, 0, 1000, 0};
  std::vector<uint32_t> counts(2);
  snn_rt_poisson_schedule(1, 5, 10, 0, 2, starts, 2, lambda, 2, counts.data());
  EXPECT_EQ(counts[0], 0u);
  snn_rt_poisson_schedule(1, 5, 11, 0, 2, starts, 2, lambda, 2, counts.data());
  EXPECT_GT(counts[0], 800u);
  EXPECT_EQ(counts[1], 0u);
  // Before the first row: nothing.
  const int64_t late[] = {50};
  const double one[] = {1000};
  snn_rt_poisson_schedule(1, 5, 20, 0, 2, late, 1, one, 1, counts.data());
  EXPECT_EQ(counts[0] + counts[1], 0u);
}

TEST(RuntimePoisson, SplitInvariantAndReproducible) {
  const int64_t start = 0;
  const double lambda = 4.0;
  std::vector<uint32_t> whole(100), parts(100);
  snn_rt_poisson_schedule(3, 9, 12, 0, 100, &start, 1, &lambda, 1, whole.data());
  snn_rt_poisson_schedule(3, 9, 12, 0, 37, &start, 1, &lambda, 1, parts.data());
  snn_rt_poisson_schedule(3, 9, 12, 37, 100, &start, 1, &lambda, 1, parts.data());
  EXPECT_EQ(whole, parts);
  EXPECT_EQ(draw(30.0, 50, 5, 11), draw(30.0, 50, 5, 11));
  EXPECT_NE(draw(30.0, 50, 5, 11), draw(30.0, 50, 5, 12));
}

} // namespace
