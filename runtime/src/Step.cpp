// Step.cpp: the step loop (docs/runtime-abi.md, "Step order"). For step s = current + 1:
//   1. update kernels of neuron and Poisson populations, in population order (each thread on
//      its neurons, Threads.h);
//   2. spike lists: flag/count compaction (with several threads, each thread compacts its
//      neurons during step 1 and copies its part into place after it), spike-time emission;
//   3. delivery kernels of the projections partitioned by target, in order, over the source's
//      spike list (each thread to its targets); then the sequential projections in order (a
//      projection with a synapse model queues events and runs its `on pre`, `on post` and
//      `on modulator` kernels, Plasticity.h);
//   4. injected inputs that change at s; spike counting (done in 2) and recording; the step
//      counter becomes s.
// Nothing here allocates except recordings appending to their vectors.
#include "Network.h"

#include "Errors.h"
#include "Progress.h"

#include <algorithm>
#include <chrono>
#include <limits>

using namespace snn::rt;

void snn_network::updatePhase(unsigned t, int64_t step) {
  ThreadShare &share = shares[t];
  void *const *bufs = share.table.data();
  const size_t numPopulations = populations.size();
  for (size_t p = 0; p < numPopulations; ++p)
    if (snn_kernel_fn update = updateKernels[p])
      if (share.ranges[p].first < share.ranges[p].second)
        update(bufs, step, share.ranges[p].first, share.ranges[p].second);
  if (threads == 1)
    return;
  // This thread's part of the spike lists, while the other threads make theirs.
  for (size_t p = 0; p < numPopulations; ++p)
    if (populations[p].kind != PopulationKind::SpikeTimes)
      populations[p].collectRange(share.ranges[p].first, share.ranges[p].second,
                                  share.spikeParts[p]);
}

void snn_network::assemblePhase(unsigned t, int64_t step) {
  for (size_t p = 0; p < populations.size(); ++p) {
    PopulationSpikes &spikes = populations[p];
    if (spikes.kind == PopulationKind::SpikeTimes) {
      if (t == 0)
        spikes.collect(step);
      continue;
    }
    uint32_t offset = 0;
    for (unsigned u = 0; u < t; ++u)
      offset += shares[u].spikeParts[p].entries;
    const SpikeRange &part = shares[t].spikeParts[p];
    spikes.place(part, offset);
    if (t + 1 == threads) {
      uint64_t total = 0;
      for (const ThreadShare &other : shares)
        total += other.spikeParts[p].spikes;
      spikes.finishParts(offset + part.entries, total);
    }
  }
}

void snn_network::deliverPhase(unsigned t, int64_t step) {
  ThreadShare &share = shares[t];
  void *const *bufs = share.table.data();
  for (size_t k : parallelProjections) {
    const ProjectionDesc &proj = desc.projections[k];
    const int64_t count = *deliveries[k].sourceCount;
    if (!proj.identity || threads == 1) {
      deliveries[k].kernel(bufs, step, 0, count); // rows restricted to this thread's targets
      continue;
    }
    // Identity: the spikes of the neurons (= targets) this thread owns, a contiguous part of
    // the ascending spike list.
    const auto [lo, hi] = share.ranges[static_cast<size_t>(proj.target)];
    const uint32_t *idx = populations[static_cast<size_t>(proj.source)].spikeIdx;
    const int64_t b = std::lower_bound(idx, idx + count, lo) - idx;
    const int64_t e = std::lower_bound(idx + b, idx + count, hi) - idx;
    if (b < e)
      deliveries[k].kernel(bufs, step, b, e);
  }
}

void snn_network::stepOnce() {
  const int64_t step = static_cast<int64_t>(currentStep) + 1;
  if (pool) {
    pool->run([&](unsigned t) { updatePhase(t, step); });
    pool->run([&](unsigned t) { assemblePhase(t, step); });
  } else {
    updatePhase(0, step);
    for (PopulationSpikes &spikes : populations)
      spikes.collect(step);
  }
  if (pool)
    pool->run([&](unsigned t) { deliverPhase(t, step); });
  else
    deliverPhase(0, step);
  void *const *bufs = table.data();
  for (size_t k : sequentialProjections) {
    if (PlasticProjection *plastic = plasticProjections[k].get())
      plastic->step(step, table, populations);
    else
      deliveries[k].kernel(bufs, step, 0, *deliveries[k].sourceCount);
  }
  injections.apply(step);
  recordings->afterStep(step, populations);
  currentStep = static_cast<uint64_t>(step);
}

void snn_network::advance(uint64_t steps) {
  const uint64_t limit = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
  if (steps > limit - currentStep)
    throwInvalidArgument("cannot run " + std::to_string(steps) + " more steps after step " +
                         std::to_string(currentStep) + " (the step counter would overflow)");
  const auto start = std::chrono::steady_clock::now();
  if (currentStep == 0 && steps > 0)
    recordings->resampleInitialState();
  ProgressBar bar(progress, steps);
  if (bar.active()) {
    for (uint64_t i = 0; i < steps; ++i) {
      stepOnce();
      bar.update(i + 1);
    }
  } else {
    for (uint64_t i = 0; i < steps; ++i)
      stepOnce();
  }
  bar.finish();
  simulateSeconds +=
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}
