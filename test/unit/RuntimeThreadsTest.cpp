// Thread ranges and the worker pool of the runtime (runtime/src/Threads.h).
#include "Threads.h"

#include <gtest/gtest.h>

#include <atomic>
#include <vector>

using namespace snn::rt;

TEST(SplitRange, CoversThePopulationWithChunkAlignedBoundaries) {
  for (uint32_t size : {0u, 1u, 63u, 64u, 65u, 1000u, 10000u}) {
    for (unsigned threads : {1u, 2u, 3u, 4u, 7u}) {
      auto ranges = splitRange(size, 64, threads);
      ASSERT_EQ(ranges.size(), threads);
      EXPECT_EQ(ranges.front().first, 0u);
      EXPECT_EQ(ranges.back().second, size);
      for (size_t t = 0; t < threads; ++t) {
        EXPECT_LE(ranges[t].first, ranges[t].second);
        if (t > 0)
          EXPECT_EQ(ranges[t].first, ranges[t - 1].second);
        if (ranges[t].first != size)
          EXPECT_EQ(ranges[t].first % 64, 0u) << "size " << size << " thread " << t;
      }
    }
  }
}

TEST(SplitRange, BalancesChunks) {
  auto ranges = splitRange(10000, 64, 2); // 157 chunks: 78 and 79
  EXPECT_EQ(ranges[0], std::make_pair(0u, 78u * 64));
  EXPECT_EQ(ranges[1], std::make_pair(78u * 64, 10000u));
  auto small = splitRange(20, 64, 4); // one chunk: the last thread gets it
  EXPECT_EQ(small[0].second - small[0].first + small[1].second - small[1].first +
                small[2].second - small[2].first,
            0u);
  EXPECT_EQ(small[3], std::make_pair(0u, 20u));
}

TEST(WorkerPool, RunsEveryThreadOnceAndWaits) {
  for (unsigned threads : {1u, 2u, 4u}) {
    WorkerPool pool(threads);
    ASSERT_EQ(pool.size(), threads);
    std::vector<int> ran(threads, 0);
    std::atomic<int> total{0};
    for (int round = 0; round < 1000; ++round) {
      pool.run([&](unsigned t) {
        ++ran[t];
        total.fetch_add(1, std::memory_order_relaxed);
      });
      ASSERT_EQ(total.load(), (round + 1) * int(threads)); // all done when run() returns
    }
    for (unsigned t = 0; t < threads; ++t)
      EXPECT_EQ(ran[t], 1000);
  }
}

TEST(SpikeRanges, PartsPlacedInOrderEqualTheSerialList) {
  // Flags (neurons) and counts (Poisson) with runs of zeros, split among 1..4 threads at
  // multiples of 64 like the runtime does.
  const uint32_t n = 1000;
  std::vector<uint8_t> flags(n);
  std::vector<uint32_t> counts(n);
  for (uint32_t i = 0; i < n; ++i) {
    flags[i] = (i * 7919u) % 13 == 0 || (i > 500 && i < 530);
    counts[i] = (i * 104729u) % 11 == 0 ? 1 + i % 3 : 0;
  }
  for (PopulationKind kind : {PopulationKind::Neuron, PopulationKind::Poisson}) {
    std::vector<uint32_t> idxA(n), multA(n), idxB(n), multB(n);
    int64_t countA = 0, countB = 0;
    PopulationSpikes serial, parallel;
    for (PopulationSpikes *s : {&serial, &parallel}) {
      s->kind = kind;
      s->size = n;
      s->flags = flags.data();
      s->counts = counts.data();
    }
    serial.spikeIdx = idxA.data();
    serial.spikeMult = multA.data();
    serial.spikeCount = &countA;
    parallel.spikeIdx = idxB.data();
    parallel.spikeMult = multB.data();
    parallel.spikeCount = &countB;
    serial.collect(1);
    ASSERT_GT(countA, 50);
    for (unsigned threads : {1u, 2u, 3u, 4u}) {
      auto ranges = splitRange(n, 64, threads);
      std::vector<SpikeRange> parts(threads);
      for (unsigned t = 0; t < threads; ++t)
        parallel.collectRange(ranges[t].first, ranges[t].second, parts[t]);
      uint32_t offset = 0;
      uint64_t spikes = 0;
      for (unsigned t = 0; t < threads; ++t) {
        parallel.place(parts[t], offset);
        offset += parts[t].entries;
        spikes += parts[t].spikes;
      }
      parallel.finishParts(offset, spikes);
      ASSERT_EQ(countB, countA) << threads;
      EXPECT_EQ(parallel.stepSpikes, serial.stepSpikes);
      for (int64_t e = 0; e < countA; ++e) {
        EXPECT_EQ(idxB[e], idxA[e]);
        if (kind == PopulationKind::Poisson)
          EXPECT_EQ(multB[e], multA[e]);
      }
    }
  }
}
