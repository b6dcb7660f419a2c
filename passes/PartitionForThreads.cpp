//===- passes/PartitionForThreads.cpp - how threads share populations and projections ------===//
//
// The runtime may run a network on several threads (`snnc run --threads N`, snn_options). Each
// thread owns a contiguous range of every population's neurons: it updates them, and it
// delivers every spike of a projection to the targets it owns. Since each target is written by
// one thread only and receives its inputs in the order of the source spikes whatever the number
// of threads, the results are bit-identical for any thread count.
//
// This pass decides:
//   - per population with an update kernel (neurons, Poisson generators; spike-time generators
//     have no per-neuron work), the chunk that range boundaries are multiples of: 64, so that two
//     threads never write the same cache line of a state array (64 x 8-byte values span 8 lines)
//     and vector loops see whole vectors;
//   - per projection, `by_target` (static synapses), or `sequential` (synapse models: their
//     `on post` events touch the synapses of every source; they run on one thread after the
//     parallel deliveries, in projection order).
//
//   after:  population E : neuron LIF [10000] { ... partition chunk 64 }
//           projection E -> I { ... partition by_target }
//
//===----------------------------------------------------------------------------------------===//
#include "passes/Passes.h"

namespace snn {

namespace {

constexpr uint64_t Chunk = 64;

class PartitionForThreads : public Pass {
public:
  llvm::StringRef name() const override { return "partition-for-threads"; }
  PassResult run(ir::Network &N, PassContext &) override {
    PassResult R;
    for (ir::Population &P : N.Populations)
      if (P.PartitionChunk == 0 && P.Kind != ir::PopKind::SpikeTimes) {
        P.PartitionChunk = Chunk;
        R.Changed = true;
      }
    for (ir::Projection &P : N.Projections)
      if (P.Part == ir::Projection::Partition::Unset) {
        P.Part = P.Synapse.empty() ? ir::Projection::Partition::ByTarget
                                   : ir::Projection::Partition::Sequential;
        R.Changed = true;
      }
    return R;
  }
};

} // namespace

std::unique_ptr<Pass> createPartitionForThreadsPass() {
  return std::make_unique<PartitionForThreads>();
}

} // namespace snn
