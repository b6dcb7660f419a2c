// Threads.cpp: the worker pool and the split of populations into thread ranges.
#include "Threads.h"

#include <algorithm>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

namespace snn::rt {

namespace {

constexpr int kPauses = 2048; // about 20-100 us
constexpr int kSpins = kPauses + 4096;

/// While waiting for the other threads: pause instructions first (the phases of a step take
/// microseconds, and sleeping costs more), then yield the core (so that a waiting thread does
/// not starve a working one when there are more threads than free cores); the caller sleeps
/// after kSpins rounds.
inline void relax(int spin) {
#if defined(__x86_64__) || defined(__i386__)
  if (spin < kPauses) {
    _mm_pause();
    return;
  }
#endif
  std::this_thread::yield();
}

} // namespace

WorkerPool::WorkerPool(unsigned threads) {
  for (unsigned t = 1; t < threads; ++t)
    workers_.emplace_back([this, t] { loop(t); });
}

WorkerPool::~WorkerPool() {
  stop_.store(true, std::memory_order_release);
  generation_.fetch_add(1, std::memory_order_acq_rel);
  generation_.notify_all();
  for (std::thread &w : workers_)
    w.join();
}

void WorkerPool::run(const std::function<void(unsigned)> &task) {
  if (workers_.empty()) {
    task(0);
    return;
  }
  task_ = &task;
  pending_.store(static_cast<unsigned>(workers_.size()), std::memory_order_release);
  generation_.fetch_add(1, std::memory_order_acq_rel);
  generation_.notify_all();
  task(0);
  // Wait for the workers: spin briefly (steps are short), then sleep.
  for (int spin = 0; pending_.load(std::memory_order_acquire) != 0; ++spin) {
    if (spin < kSpins)
      relax(spin);
    else {
      unsigned left = pending_.load(std::memory_order_acquire);
      if (left != 0)
        pending_.wait(left, std::memory_order_acquire);
    }
  }
}

void WorkerPool::loop(unsigned index) {
  uint64_t seen = 0;
  for (;;) {
    uint64_t now = generation_.load(std::memory_order_acquire);
    for (int spin = 0; now == seen; ++spin) {
      if (spin < kSpins)
        relax(spin);
      else
        generation_.wait(seen, std::memory_order_acquire);
      now = generation_.load(std::memory_order_acquire);
    }
    seen = now;
    if (stop_.load(std::memory_order_acquire))
      return;
    (*task_)(index);
    if (pending_.fetch_sub(1, std::memory_order_acq_rel) == 1)
      pending_.notify_all();
  }
}

std::vector<std::pair<uint32_t, uint32_t>> splitRange(uint32_t size, uint32_t chunk,
                                                      unsigned threads) {
  chunk = std::max<uint32_t>(chunk, 1);
  const uint64_t chunks = (uint64_t{size} + chunk - 1) / chunk;
  std::vector<std::pair<uint32_t, uint32_t>> out;
  for (unsigned t = 0; t < threads; ++t) {
    auto at = [&](unsigned k) {
      return static_cast<uint32_t>(std::min<uint64_t>(size, chunks * k / threads * chunk));
    };
    out.push_back({at(t), t + 1 == threads ? size : at(t + 1)});
  }
  return out;
}

} // namespace snn::rt
