// Threads.h: running a network's steps on several threads (snn_options.threads).
//
// Every thread owns a contiguous range of the neurons of every population (boundaries at
// multiples of the population's partition chunk, balanced by count). A step runs in phases
// separated by barriers (Step.cpp):
//   A. every thread runs the update kernels of its neurons (all populations, in order) and
//      compacts their flags or counts into its part of each spike list;
//   B. every thread copies its parts into place (after the parts of the threads before it);
//      thread 0 emits the spikes of spike-time generators;
//   C. every thread runs the static projections that are partitioned by target, in order,
//      delivering every spike to the targets it owns: through its own copy of the buffer table
//      whose row_ptr/row_end entries point at the part of each CSR row with its targets
//      (identity projections: at the part of the spike list with its targets);
//   D. thread 0 runs the sequential projections (synapse models), injections and recordings.
// Each target neuron thus receives its inputs from one thread, in the order of the spike
// lists, for any thread count: spikes are bit-identical for 1, 2, ... threads.
#ifndef SNN_RUNTIME_THREADS_H
#define SNN_RUNTIME_THREADS_H

#include "Support.h"
#include "SpikeLists.h"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace snn::rt {

/// Worker threads that run one function on all threads at a time (the caller is thread 0).
class WorkerPool {
public:
  explicit WorkerPool(unsigned threads);
  ~WorkerPool();
  WorkerPool(const WorkerPool &) = delete;
  WorkerPool &operator=(const WorkerPool &) = delete;

  unsigned size() const { return static_cast<unsigned>(workers_.size()) + 1; }
  /// Runs task(t) for t = 0 .. size()-1 (t = 0 on the calling thread); returns when all are
  /// done. Exceptions must not escape `task`.
  void run(const std::function<void(unsigned)> &task);

private:
  void loop(unsigned index);

  std::vector<std::thread> workers_;
  const std::function<void(unsigned)> *task_ = nullptr;
  std::atomic<uint64_t> generation_{0};
  std::atomic<unsigned> pending_{0};
  std::atomic<bool> stop_{false};
};

/// [begin, end) ranges of `size` neurons for `threads` threads, boundaries at multiples of
/// `chunk` (the last range ends at `size`).
std::vector<std::pair<uint32_t, uint32_t>> splitRange(uint32_t size, uint32_t chunk,
                                                      unsigned threads);

/// A thread's share of the network: its neuron ranges and its buffer table.
struct ThreadShare {
  std::vector<std::pair<uint32_t, uint32_t>> ranges; ///< per population
  std::vector<void *> table;                         ///< the network's, with its row parts
  std::vector<AlignedArray<uint64_t>> rowParts;      ///< owned row_ptr / row_end arrays
  std::vector<SpikeRange> spikeParts;                ///< per population: its part of the list
};

} // namespace snn::rt

#endif
