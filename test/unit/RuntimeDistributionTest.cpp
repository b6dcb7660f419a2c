// RuntimeDistributionTest.cpp: filling buffers from distributions (runtime/src/Distributions.h):
// constants, integer conversion rules, per-element counters, statistics of uniform and normal
// fills, and the rounding and clipping of drawn delays.
#include "Distributions.h"
#include "Support.h"

#include "snn/runtime.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <vector>

using namespace snn::rt;

namespace {

Distribution make(Distribution::Kind kind, double first, double second = 0) {
  Distribution d;
  d.kind = kind;
  d.first = first;
  d.second = second;
  return d;
}

TEST(RuntimeDistribution, DelaysRoundHalfAwayFromZeroAndClip) {
  const double dt = 0.5;                      // exact in binary, so the halves are exact
  EXPECT_EQ(delayToSteps(0.75, dt, 10), 2);   // 1.5 -> 2
  EXPECT_EQ(delayToSteps(1.25, dt, 10), 3);   // 2.5 -> 3
  EXPECT_EQ(delayToSteps(1.2, dt, 10), 2);    // 2.4 -> 2
  EXPECT_EQ(delayToSteps(0.1, dt, 10), 0);    // 0.2 -> 0: a delay of zero steps is valid
  EXPECT_EQ(delayToSteps(-3.0, dt, 10), 0);   // negative -> clipped to 0
  EXPECT_EQ(delayToSteps(100.0, dt, 10), 10); // clipped to max_delay_steps
  EXPECT_EQ(delayToSteps(1e9, dt, 65535), 65535);
}

TEST(RuntimeDistribution, DrawnDelaysUseTheDelayStream) {
  std::vector<uint16_t> delays(1000);
  const Distribution uniform = make(Distribution::Kind::Uniform, 0.0, 0.003);
  fillDelaySteps(delays.data(), delays.size(), uniform, 0.001, 2, 4, 99);
  std::vector<int> histogram(3, 0);
  for (size_t i = 0; i < delays.size(); ++i) {
    EXPECT_EQ(delays[i], delayToSteps(uniformAt(4, 99, i, 0.0, 0.003), 0.001, 2));
    ++histogram[delays[i]];
  }
  // steps = round(u * 3), u in [0, 1): 0 for u < 1/6, 1 for u < 1/2, 2 above (clipped from 3).
  EXPECT_NEAR(histogram[0], 1000.0 / 6, 5 * std::sqrt(1000.0 / 6 * 5 / 6));
  EXPECT_NEAR(histogram[1], 1000.0 / 3, 5 * std::sqrt(1000.0 / 3 * 2 / 3));
  EXPECT_NEAR(histogram[2], 500, 5 * std::sqrt(250.0));
}

TEST(RuntimeDistribution, ConstantsFillEveryType) {
  std::vector<double> f64(5);
  fillFromDistribution(ScalarType::F64, f64.data(), 5, make(Distribution::Kind::Const, -0.065), 1,
                       1);
  for (double v : f64)
    EXPECT_EQ(v, -0.065);
  std::vector<int32_t> i32(3);
  fillFromDistribution(ScalarType::I32, i32.data(), 3, make(Distribution::Kind::Const, -2.5), 1, 1);
  EXPECT_EQ(i32, (std::vector<int32_t>{-3, -3, -3})); // nearest, halves away from zero
  std::vector<uint8_t> u8(2);
  fillFromDistribution(ScalarType::U8, u8.data(), 2, make(Distribution::Kind::Const, 300), 1, 1);
  EXPECT_EQ(u8, (std::vector<uint8_t>{255, 255})); // clipped to the type's range
  std::vector<float> f32(2);
  fillFromDistribution(ScalarType::F32, f32.data(), 2, make(Distribution::Kind::Const, 0.1), 1, 1);
  EXPECT_EQ(f32[1], 0.1f);
}

TEST(RuntimeDistribution, UniformIntegersCoverTheHalfOpenRange) {
  std::vector<uint32_t> values(60000);
  fillFromDistribution(ScalarType::U32, values.data(), values.size(),
                       make(Distribution::Kind::Uniform, 0, 6), 11, 5);
  std::vector<int> counts(7, 0);
  for (uint32_t v : values)
    ++counts[std::min<uint32_t>(v, 6)];
  EXPECT_EQ(counts[6], 0); // high is excluded
  for (int k = 0; k < 6; ++k)
    EXPECT_NEAR(counts[static_cast<size_t>(k)], 10000, 5 * std::sqrt(10000.0 * 5 / 6));
}

TEST(RuntimeDistribution, RandomFillsArePerElementAndHaveRightMoments) {
  const size_t n = 200000;
  std::vector<double> values(n);
  const Distribution normal = make(Distribution::Kind::Normal, -0.06, 0.005);
  fillFromDistribution(ScalarType::F64, values.data(), n, normal, 42,
                       SNN_STREAM(SNN_STREAM_INIT, 3));
  double sum = 0, sumSquares = 0;
  for (size_t i = 0; i < n; ++i) {
    ASSERT_EQ(values[i], normalAt(42, SNN_STREAM(SNN_STREAM_INIT, 3), i, -0.06, 0.005));
    sum += values[i];
    sumSquares += values[i] * values[i];
  }
  const double mean = sum / n, variance = sumSquares / n - mean * mean;
  EXPECT_NEAR(mean, -0.06, 5 * 0.005 / std::sqrt(double(n)));
  EXPECT_NEAR(std::sqrt(variance), 0.005, 0.005 * 0.01);
  // Element i does not depend on how many elements are filled.
  std::vector<double> prefix(10);
  fillFromDistribution(ScalarType::F64, prefix.data(), 10, normal, 42,
                       SNN_STREAM(SNN_STREAM_INIT, 3));
  EXPECT_EQ(std::vector<double>(values.begin(), values.begin() + 10), prefix);
}

} // namespace

TEST(RuntimeDistribution, SinglePrecisionUniformStaysBelowHigh) {
  // Between 1 and the next float up, a double draw rounds to either float half the time; the
  // upper one is `high` itself, which [low, high) excludes.
  const double low = 1.0, high = 1.0 + 0x1p-23;
  Distribution dist;
  dist.kind = Distribution::Kind::Uniform;
  dist.first = low;
  dist.second = high;
  std::vector<float> out(1000);
  fillFromDistribution(ScalarType::F32, out.data(), out.size(), dist, 3, 9);
  for (float v : out)
    ASSERT_EQ(v, 1.0f);
  // Doubles keep the draw itself.
  std::vector<double> exact(1000);
  fillFromDistribution(ScalarType::F64, exact.data(), exact.size(), dist, 3, 9);
  int above = 0;
  for (size_t i = 0; i < exact.size(); ++i) {
    ASSERT_LT(exact[i], high);
    above += exact[i] > low + 0x1p-24;
  }
  EXPECT_GT(above, 300); // about half would have rounded up to `high` in single precision
}
