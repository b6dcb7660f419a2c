//===- passes/PartitionOntoCores.cpp - neurons onto chip cores, by their connections --------===//
//
// Chip targets: writes the partition table (ir::Network::Cores) so that every core stays
// within every per-core limit of the target (neurons, populations, synapse memory by its cost
// formula, input and output axons) and the spikes sent between cores, weighted by the
// sources' rates, are few (passes/Mapping.h, docs/mapping.md). Populations are cut into atoms
// (one neuron, or a few when the network is large); METIS and a refinement on the hypergraph
// cost assign atoms to cores (Partitioner.cpp); where that saves under 5% of the traffic
// against slicing in index order (random networks), the slices in order are kept. Neighbouring
// atoms of one population on one core become one slice. Cores are numbered in order here; place-on-mesh chooses where they
// sit. A network that cannot fit says which limit binds, how many cores it needs and how many
// chips that is.
//
//   before:  population a : neuron LIF.loihi [1500]   population b : ... [1500]
//   after:   core 0 0 a [0:700]  core 0 0 b [0:300]  core 0 1 a [700:1500] ...
//
//===----------------------------------------------------------------------------------------===//
#include "passes/Mapping.h"
#include "passes/MappingSetup.h"
#include "passes/Passes.h"

#include "support/Error.h"

namespace snn {

namespace {

class PartitionOntoCores : public Pass {
public:
  llvm::StringRef name() const override { return "partition-onto-cores"; }
  PassResult run(ir::Network &N, PassContext &Ctx) override {
    PassResult R;
    const support::TargetDesc &T = Ctx.Target;
    if (!T.isChip() || !N.Cores.empty())
      return R;
    std::optional<mapping::Prepared> M = mapping::prepare(N, T, Ctx.MeasuredRates, Ctx.Diags);
    if (!M) {
      R.Failed = true;
      return R;
    }
    mapping::PartitionOptions O;
    O.MaxParts = uint32_t(std::min<uint64_t>(T.cores(), UINT32_MAX));
    std::string Why;
    std::optional<mapping::Partition> P = mapping::partitionConnected(M->H, M->Limits, O, Why);
    if (!P) {
      mapping::reportTooLarge(N, T, M->H, M->Limits, Ctx.Diags);
      R.Failed = true;
      return R;
    }
    // Where connections carry no structure to exploit (random networks), slicing in index
    // order is as good and keeps slices whole: it is kept unless the connected partition
    // saves more than 5% of the traffic or needs fewer cores.
    // Where a neuron may reach few targets (TrueNorth), relays cost cores of their own: the
    // partition needing fewer cores with its relays (a core of relays per max_neurons), then
    // fewer relays, wins before any of that.
    const size_t NP = N.Projections.size();
    const uint64_t MaxTargets = T.MaxTargetsPerNeuron;
    auto withRelays = [&](const mapping::Partition &X) -> std::pair<uint64_t, uint64_t> {
      if (!MaxTargets)
        return {0, 0};
      const uint64_t R = mapping::relaysNeeded(M->H, X, MaxTargets);
      const uint64_t PerCore = std::max<uint64_t>(1, T.MaxNeuronsPerCore);
      return {X.Parts + (R + PerCore - 1) / PerCore, R};
    };
    double Best = mapping::traffic(M->H, *P, NP).Messages;
    std::pair<uint64_t, uint64_t> BestRelays = withRelays(*P);
    for (bool Mix : {false, true}) {
      std::optional<mapping::Partition> Q = mapping::partitionInOrder(M->H, M->Limits, Why, Mix);
      if (!Q || Q->Parts > O.MaxParts)
        continue;
      const std::pair<uint64_t, uint64_t> Relays = withRelays(*Q);
      double C = mapping::traffic(M->H, *Q, NP).Messages;
      if (Relays < BestRelays ||
          (Relays == BestRelays && Q->Parts <= P->Parts && C <= Best * 1.05)) {
        P = Q;
        Best = C;
        BestRelays = Relays;
      }
    }
    N.Cores = mapping::partitionTable(N, T, M->H, *P);
    R.Changed = !N.Cores.empty();
    return R;
  }
};

} // namespace

std::unique_ptr<Pass> createPartitionOntoCoresPass() {
  return std::make_unique<PartitionOntoCores>();
}

} // namespace snn
