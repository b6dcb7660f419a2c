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
