// Step.cpp: the step loop (docs/runtime-abi.md, "Step order"). For step s = current + 1:
//   1. update kernels of neuron and Poisson populations, in population order;
//   2. spike lists: flag/count compaction, spike-time emission;
//   3. delivery kernels of projections, in order, over the source's spike list (a projection
//      with a synapse model queues events and runs its `on pre` and `on post` kernels instead,
//      Plasticity.h);
//   4. injected inputs that change at s; spike counting (done in 2) and recording; the step
//      counter becomes s.
// Nothing here allocates except recordings appending to their vectors.
#include "Network.h"

#include "Errors.h"
#include "Progress.h"

#include <chrono>
#include <limits>

using namespace snn::rt;

void snn_network::stepOnce() {
  const int64_t step = static_cast<int64_t>(currentStep) + 1;
  void *const *bufs = table.data();
  const size_t numPopulations = populations.size();
  for (size_t p = 0; p < numPopulations; ++p)
    if (snn_kernel_fn update = updateKernels[p])
      update(bufs, step, 0, populations[p].size);
  for (PopulationSpikes &spikes : populations)
    spikes.collect(step);
  for (size_t k = 0; k < deliveries.size(); ++k) {
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
