//===- passes/Passes.h - factory functions of every pass ------------------------------------===//
#ifndef SNNC_PASSES_PASSES_H
#define SNNC_PASSES_PASSES_H

#include "passes/Pass.h"

namespace snn {
#define SNN_PASS(Name, Class, Desc) std::unique_ptr<Pass> create##Class##Pass();
#include "passes/PassRegistry.def"
} // namespace snn

#endif
