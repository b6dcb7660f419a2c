// RuntimeRandomTest.cpp: the counter-based random streams of the runtime (runtime/src/Random.h)
// and snn_rt_random_u32: determinism, independence of seeds/streams/counters, split invariance,
// the counter layout, and the statistics of the uniform and normal conversions.
#include "Support.h"

#include "snn/runtime.h"

#include <gtest/gtest.h>

#include <Random123/philox.h>

#include <array>
#include <cmath>
#include <vector>

using namespace snn::rt;

namespace {

TEST(RuntimeRandom, PhiloxMatchesKnownAnswer) {
  // Random123's known-answer vector for philox4x32-10 at counter 0, key 0.
  RandomBlock block = philoxBlock(0, 0, 0, 0);
  EXPECT_EQ(block[0], 0x6627e8d5u);
  EXPECT_EQ(block[1], 0xe169c58du);
  EXPECT_EQ(block[2], 0xbc57ac4cu);
  EXPECT_EQ(block[3], 0x9b00dbd8u);
}

TEST(RuntimeRandom, CounterLayoutIsLowAThenB) {
  // Counter (a, b) is the words (lo a, lo b, hi b, hi a) and key (seed, stream).
  const uint64_t a = 0x1122334455667788ull, b = 0x99aabbccddeeff00ull;
  r123::Philox4x32 philox;
  r123::Philox4x32::ctr_type counter = {{0x55667788u, 0xddeeff00u, 0x99aabbccu, 0x11223344u}};
  r123::Philox4x32::key_type key = {{42u, 7u}};
  auto expected = philox(counter, key);
  RandomBlock block = philoxBlock(42, 7, a, b);
  for (int i = 0; i < 4; ++i)
    EXPECT_EQ(block[i], expected[i]) << "word " << i;
}

TEST(RuntimeRandom, SameInputsSameValuesDifferentInputsDiffer) {
  EXPECT_EQ(philoxBlock(1, 2, 3, 4), philoxBlock(1, 2, 3, 4));
  EXPECT_NE(philoxBlock(1, 2, 3, 4), philoxBlock(2, 2, 3, 4)); // seed
  EXPECT_NE(philoxBlock(1, 2, 3, 4), philoxBlock(1, 3, 3, 4)); // stream
  EXPECT_NE(philoxBlock(1, 2, 3, 4), philoxBlock(1, 2, 4, 4)); // counter a
  EXPECT_NE(philoxBlock(1, 2, 3, 4), philoxBlock(1, 2, 3, 5)); // counter b
  EXPECT_EQ(uniformAt(9, SNN_STREAM(SNN_STREAM_INIT, 3), 17, 0, 1),
            uniformAt(9, SNN_STREAM(SNN_STREAM_INIT, 3), 17, 0, 1));
  EXPECT_NE(uniformAt(9, SNN_STREAM(SNN_STREAM_INIT, 3), 17, 0, 1),
            uniformAt(9, SNN_STREAM(SNN_STREAM_INIT, 4), 17, 0, 1));
}

TEST(RuntimeRandom, StreamMacroPacksPurposeAndIndex) {
  EXPECT_EQ(SNN_STREAM(SNN_STREAM_POISSON, 3), (5u << 24) | 3u);
  EXPECT_EQ(streamFor(SNN_STREAM_CONNECT, 0xffffff), (2u << 24) | 0xffffffu);
  EXPECT_THROW(streamFor(SNN_STREAM_CONNECT, 1u << 24), std::runtime_error);
}

TEST(RuntimeRandom, RandomU32GivesDocumentedWords) {
  const uint64_t seed = 1234;
  const uint32_t stream = SNN_STREAM(SNN_STREAM_POISSON, 1);
  const int64_t step = (int64_t{5} << 32) + 77; // exercises step_hi
  std::vector<uint32_t> out(50);
  snn_rt_random_u32(seed, stream, step, 10, 60, out.data());
  for (int64_t i = 10; i < 60; ++i) {
    RandomBlock block =
        philoxBlock(1234, stream, static_cast<uint64_t>(i / 4), static_cast<uint64_t>(step));
    EXPECT_EQ(out[static_cast<size_t>(i - 10)], block[static_cast<size_t>(i % 4)]) << "i=" << i;
  }
}

TEST(RuntimeRandom, RandomU32IndependentOfSplit) {
  std::vector<uint32_t> whole(1000), parts(1000);
  snn_rt_random_u32(99, 5, 12, 0, 1000, whole.data());
  snn_rt_random_u32(99, 5, 12, 0, 3, parts.data());
  snn_rt_random_u32(99, 5, 12, 3, 517, parts.data() + 3);
  snn_rt_random_u32(99, 5, 12, 517, 1000, parts.data() + 517);
  EXPECT_EQ(whole, parts);
  // A different step gives different words.
  std::vector<uint32_t> other(1000);
  snn_rt_random_u32(99, 5, 13, 0, 1000, other.data());
  EXPECT_NE(whole, other);
  // An empty range writes nothing.
  uint32_t untouched = 0xdeadbeef;
  snn_rt_random_u32(99, 5, 12, 4, 4, &untouched);
  EXPECT_EQ(untouched, 0xdeadbeefu);
}

TEST(RuntimeRandom, UniformIsInOpenIntervalWithRightMoments) {
  const int n = 1000000;
  double sum = 0, sumSquares = 0, low = 1, high = 0;
  std::array<int, 10> bins{};
  for (int i = 0; i < n; ++i) {
    double u = uniformAt(2024, SNN_STREAM(SNN_STREAM_INIT, 0), static_cast<uint64_t>(i), 0, 1);
    sum += u;
    sumSquares += u * u;
    low = std::min(low, u);
    high = std::max(high, u);
    ++bins[static_cast<size_t>(u * 10)];
  }
  const double mean = sum / n, variance = sumSquares / n - mean * mean;
  EXPECT_GT(low, 0.0);
  EXPECT_LT(high, 1.0);
  EXPECT_NEAR(mean, 0.5, 5 * std::sqrt(1.0 / 12 / n));
  EXPECT_NEAR(variance, 1.0 / 12, 0.001);
  double chiSquare = 0;
  for (int count : bins)
    chiSquare += (count - n / 10.0) * (count - n / 10.0) / (n / 10.0);
  EXPECT_LT(chiSquare, 27.88); // 9 degrees of freedom, p = 0.001
  EXPECT_GT(chiSquare, 0.0);
}

TEST(RuntimeRandom, UniformEndpointsAreExclusive) {
  EXPECT_EQ(uniformOpen01(0, 0), 0x1p-54);
  EXPECT_EQ(uniformOpen01(0, 0x800), 0x1p-53); // the lowest bit used of the second word
  EXPECT_EQ(uniformOpen01(0xffffffffu, 0xffffffffu), 1.0 - 0x1p-53);
  EXPECT_EQ(uniformOpen01(0x80000000u, 0), 0.5);
}

TEST(RuntimeRandom, NormalHasRightMoments) {
  const int n = 1000000;
  double sum = 0, sumSquares = 0, sumFourth = 0;
  for (int i = 0; i < n; ++i) {
    double z = normalAt(77, SNN_STREAM(SNN_STREAM_WEIGHT, 2), static_cast<uint64_t>(i), 0, 1);
    sum += z;
    sumSquares += z * z;
    sumFourth += z * z * z * z;
  }
  const double mean = sum / n, variance = sumSquares / n - mean * mean;
  EXPECT_NEAR(mean, 0.0, 5.0 / std::sqrt(n));
  EXPECT_NEAR(variance, 1.0, 5 * std::sqrt(2.0 / n));
  EXPECT_NEAR(sumFourth / n, 3.0, 0.05); // kurtosis of a normal
  // Scaling: mean + std * z.
  EXPECT_DOUBLE_EQ(normalAt(77, 1, 5, 2.0, 3.0), 2.0 + 3.0 * normalAt(77, 1, 5, 0.0, 1.0));
}

TEST(RuntimeRandom, CounterStreamBelowIsUniformAndInRange) {
  CounterStream stream(5, 6, 7);
  std::array<int, 7> counts{};
  const int n = 700000;
  for (int i = 0; i < n; ++i) {
    uint32_t value = stream.nextBelow(7);
    ASSERT_LT(value, 7u);
    ++counts[value];
  }
  double chiSquare = 0;
  for (int count : counts)
    chiSquare += (count - n / 7.0) * (count - n / 7.0) / (n / 7.0);
  EXPECT_LT(chiSquare, 22.46); // 6 degrees of freedom, p = 0.001
  // The stream reads blocks (a, 0), (a, 1), ... in order.
  CounterStream again(5, 6, 7);
  RandomBlock first = philoxBlock(5, 6, 7, 0), second = philoxBlock(5, 6, 7, 1);
  for (int i = 0; i < 4; ++i)
    EXPECT_EQ(again.nextWord(), first[i]);
  EXPECT_EQ(again.nextWord(), second[0]);
}

} // namespace
