//===- passes/Pipeline.h - the default pass pipeline ----------------------------------------===//
#ifndef SNNC_PASSES_PIPELINE_H
#define SNNC_PASSES_PIPELINE_H

#include "passes/PassManager.h"

namespace snn {

/// Adds the default pipeline, in order, to PM.
void buildDefaultPipeline(PassManager &PM);

} // namespace snn

#endif
