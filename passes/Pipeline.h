//===- passes/Pipeline.h - the default pass pipeline ----------------------------------------===//
#ifndef SNNC_PASSES_PIPELINE_H
#define SNNC_PASSES_PIPELINE_H

#include "passes/PassManager.h"

namespace snn {

/// Adds the default pipeline, in order, to PM.
/// The passes every network goes through, for target T (chip targets add quantize-for-target).
void buildDefaultPipeline(PassManager &PM,
                          const support::TargetDesc &T = support::nativeTarget());

} // namespace snn

#endif
