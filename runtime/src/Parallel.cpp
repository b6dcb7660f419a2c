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
  // One thread: each row ends where the next begins, and every target is in range.
  for (const ProjectionDesc &proj : desc.projections) {
    if (proj.storage == ProjectionDesc::Storage::CSR && proj.rowEnd >= 0)
      table[static_cast<size_t>(proj.rowEnd)] =
          static_cast<uint64_t *>(table[static_cast<size_t>(proj.rowPtr)]) + 1;
    if (proj.storage != ProjectionDesc::Storage::CSR &&
        proj.storage != ProjectionDesc::Storage::Identity) {
      auto *range = static_cast<uint64_t *>(table[static_cast<size_t>(proj.range)]);
      range[0] = 0;
      range[1] = desc.populations[static_cast<size_t>(proj.target)].size;
    }
  }

  shares.resize(threads);
  for (unsigned t = 0; t < threads; ++t) {
    ThreadShare &share = shares[t];
    share.table = table;
    for (const PopulationDesc &pop : desc.populations)
      share.ranges.push_back(splitRange(pop.size, pop.partitionChunk, threads)[t]);
  }
  if (threads > 1) { // room for each thread's part of the spike lists (Step.cpp)
    for (ThreadShare &share : shares) {
      share.spikeParts.resize(desc.populations.size());
      for (size_t p = 0; p < desc.populations.size(); ++p) {
        const uint32_t n = share.ranges[p].second - share.ranges[p].first;
        try {
          share.spikeParts[p].idx.resize(n);
          if (desc.populations[p].kind == PopulationKind::Poisson)
            share.spikeParts[p].mult.resize(n);
        } catch (const std::bad_alloc &) {
          throw RuntimeError(SNN_ERROR_OUT_OF_MEMORY, "out of memory splitting the spike lists "
                                                      "among threads");
        }
      }
    }
  }
  if (threads == 1)
    return;
  // Per thread and CSR projection: the part of each row whose targets the thread owns (rows
  // hold ascending targets, so it is contiguous).
  for (size_t k : parallelProjections) {
    const ProjectionDesc &proj = desc.projections[k];
    if (proj.storage != ProjectionDesc::Storage::CSR &&
        proj.storage != ProjectionDesc::Storage::Identity) { // the thread's targets
      for (unsigned t = 0; t < threads; ++t) {
        ThreadShare &share = shares[t];
        AlignedArray<uint64_t> range(2);
        range[0] = share.ranges[static_cast<size_t>(proj.target)].first;
        range[1] = share.ranges[static_cast<size_t>(proj.target)].second;
        share.table[static_cast<size_t>(proj.range)] = range.data();
        share.rowParts.push_back(std::move(range));
      }
      continue;
    }
    if (proj.storage != ProjectionDesc::Storage::CSR)
      continue;
    const uint32_t rows = desc.populations[static_cast<size_t>(proj.source)].size;
    const auto *rowPtr = static_cast<const uint64_t *>(table[static_cast<size_t>(proj.rowPtr)]);
    const void *col = table[static_cast<size_t>(proj.col)];
    const bool narrow = desc.buffers[static_cast<size_t>(proj.col)].type == ScalarType::U16;
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
      auto split = [&](const auto *cols) {
        for (uint32_t i = 0; i < rows; ++i) {
          const auto *first = cols + rowPtr[i], *last = cols + rowPtr[i + 1];
          const auto *b = std::lower_bound(first, last, lo);
          begin[i] = static_cast<uint64_t>(b - cols);
          end[i] = static_cast<uint64_t>(std::lower_bound(b, last, hi) - cols);
        }
      };
      if (narrow)
        split(static_cast<const uint16_t *>(col));
      else
        split(static_cast<const uint32_t *>(col));
      share.table[static_cast<size_t>(proj.rowPtr)] = begin.data();
      share.table[static_cast<size_t>(proj.rowEnd)] = end.data();
      share.rowParts.push_back(std::move(begin));
      share.rowParts.push_back(std::move(end));
    }
  }
  pool = std::make_unique<WorkerPool>(threads);
}
