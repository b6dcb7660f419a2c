//===- codegen/llvm/KernelEmitter.h - per-step kernels of a network -------------------------===//
//
// Emits the three kinds of kernel a network needs, each a function
//   void kernel(void *const *bufs, int64_t step, int64_t begin, int64_t end)
// over structure-of-arrays buffers found through the BufferPlan:
//
//  - neuron update (one per neuron population): for neurons [begin, end), advance the state
//    from step-1 to step with the model's update block (frozen variables hold while
//    refractory), add the input that arrives at `step` from the ring buffers through the port
//    handlers, count down refractoriness, test the spike condition, apply the reset and write
//    the fired flag. The loop body has no branches, so it vectorizes.
//  - Poisson generation: spike counts of generators [begin, end) at `step` from counter-based
//    random numbers, by inverting the Poisson distribution function (binary search in a table
//    computed at compile time); with rates per generator or in time, by a call to the runtime's
//    snn_rt_poisson_schedule with the schedule as constant tables.
//  - delivery (one per projection): for source spikes [begin, end) at `step`, add the weight
//    (times the spike's multiplicity) into the target's ring buffer slot for step + delay.
//
// Every buffer gets its own alias scope, so LLVM knows that no two buffers overlap.
//
//===----------------------------------------------------------------------------------------===//
#ifndef SNNC_CODEGEN_LLVM_KERNELEMITTER_H
#define SNNC_CODEGEN_LLVM_KERNELEMITTER_H

#include "codegen/llvm/BufferPlan.h"
#include "ir/Diagnostics.h"

#include "llvm/IR/Module.h"

#include <vector>

namespace snn::codegen {

class KernelEmitter {
public:
  KernelEmitter(const BufferPlan &Plan, llvm::Module &M, DiagnosticsEngine &Diags);
  /// Emits every kernel; returns them in the plan's kernel order, or an empty vector after
  /// reporting an error.
  std::vector<llvm::Function *> emitAll();

private:
  struct Impl;
  const BufferPlan &Plan;
  llvm::Module &M;
  DiagnosticsEngine &Diags;
};

} // namespace snn::codegen

#endif
