// Parallel.cpp: snn_network::setUpThreads(), the split of the work among threads (Threads.h).
#include "Network.h"

#include "Errors.h"

#include <algorithm>

using namespace snn::rt;

void snn_network::setUpThreads() {
  for (size_t k = 0; k < desc.projections.size(); ++k)
    (desc.projections[k].byTarget && !plasticProjections[k] ? parallelProjections
                                                            : sequentialProjections)
        .push_back(k);
  // One thread: each row ends where the next begins.
  for (const ProjectionDesc &proj : desc.projections)
    if (proj.rowEnd >= 0)
      table[static_cast<size_t>(proj.rowEnd)] =
          static_cast<uint64_t *>(table[static_cast<size_t>(proj.rowPtr)]) + 1;

  shares.resize(threads);
  for (unsigned t = 0; t < threads; ++t) {
    ThreadShare &share = shares[t];
    share.table = table;
    for (const PopulationDesc &pop : desc.populations)
      share.ranges.push_back(splitRange(pop.size, pop.partitionChunk, threads)[t]);
  }
  if (threads == 1)
    return;
  // Per thread and CSR projection: the part of each row whose targets the thread owns (rows
  // hold ascending targets, so it is contiguous).
  for (size_t k : parallelProjections) {
    const ProjectionDesc &proj = desc.projections[k];
    if (proj.identity)
      continue;
    const uint32_t rows = desc.populations[static_cast<size_t>(proj.source)].size;
    const auto *rowPtr = static_cast<const uint64_t *>(table[static_cast<size_t>(proj.rowPtr)]);
    const auto *col = static_cast<const uint32_t *>(table[static_cast<size_t>(proj.col)]);
    for (unsigned t = 0; t < threads; ++t) {
      ThreadShare &share = shares[t];
      const auto [lo, hi] = share.ranges[static_cast<size_t>(proj.target)];
      AlignedArray<uint64_t> begin, end;
      try {
        begin.resize(rows);
        end.resize(rows);
      } catch (const std::bad_alloc &) {
        throw RuntimeError(SNN_ERROR_OUT_OF_MEMORY,
                           "out of memory splitting '" + proj.name + "' among threads");
      }
      for (uint32_t i = 0; i < rows; ++i) {
        const uint32_t *first = col + rowPtr[i], *last = col + rowPtr[i + 1];
        const uint32_t *b = std::lower_bound(first, last, lo);
        begin[i] = static_cast<uint64_t>(b - col);
        end[i] = static_cast<uint64_t>(std::lower_bound(b, last, hi) - col);
      }
      share.table[static_cast<size_t>(proj.rowPtr)] = begin.data();
      share.table[static_cast<size_t>(proj.rowEnd)] = end.data();
      share.rowParts.push_back(std::move(begin));
      share.rowParts.push_back(std::move(end));
    }
  }
  pool = std::make_unique<WorkerPool>(threads);
}
