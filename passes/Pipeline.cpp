//===- passes/Pipeline.cpp - the default pass pipeline --------------------------------------===//
//
// The one place that says which passes run and in which order. Each line is one pass; the
// reasons for the order are next to it.
//
//===----------------------------------------------------------------------------------------===//
#include "passes/Pipeline.h"

#include "passes/Passes.h"

namespace snn {

void buildDefaultPipeline(PassManager &PM, const support::TargetDesc &T) {
  // Parameters become numbers first: every later analysis sees constants.
  PM.add(createFoldConstantsPass());
  // ODE methods need constant coefficients to recognise linear systems.
  PM.add(createSolveOdesPass());
  // Chip targets: models and weights become the chip's integers, before the event times and
  // delays, which then size the chip model's own ports.
  if (T.isChip())
    PM.add(createQuantizeForTargetPass());
  // Refractory periods may depend on parameters, so they are quantized after folding.
  PM.add(createQuantizeEventTimesPass());
  // Ring-buffer sizes follow from the delays in steps.
  PM.add(createQuantizeDelaysPass());
  // Which synapse variables are per neuron depends on where and how long the delays are.
  PM.add(createHoistSynapseTracesPass());
  // Storage formats are chosen last, when everything about each projection is known.
  PM.add(createSelectSynapseStoragePass());
  // Threads own ranges of target neurons; synapse models run on one thread.
  PM.add(createPartitionForThreadsPass());
}

} // namespace snn
