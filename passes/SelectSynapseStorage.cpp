//===- passes/SelectSynapseStorage.cpp - choose how each projection stores its synapses ------===//
//
// Chooses the storage format of every projection whose format is not set yet (ir/Network.h
// describes the formats; ir/StorageCost.h what each costs):
//   one_to_one                       -> identity (nothing stored)
//   all_to_all, static               -> dense (nothing stored but random weights/delays)
//   constant weight and delay, static, not a list:
//     bitmask at most 1/8 of the bytes of csr (density >= 1/2 with 16-bit
//     indices, >= 1/4 with 32-bit ones)                                   -> bitmask
//     fixed_probability whose stored connectivity would exceed 1 GiB      -> procedural
//   otherwise                        -> csr
// CSR target indices are 16-bit when the target has at most 65536 neurons, else 32-bit (the
// source indices of synapse models likewise with the source's size). Weight and delay arrays exist only for random or listed values; a
// constant is compiled into the delivery code. A format chosen by the user (`storage = ...`) or
// an earlier run is kept; only its index width is filled in.
//
//   before:  projection ext -> E { rule one_to_one ... }
//   after:   projection ext -> E { rule one_to_one ... storage identity }
//            projection E -> I { rule fixed_probability(0.01) ... storage csr index 16 }
//
//===----------------------------------------------------------------------------------------===//
#include "passes/Passes.h"

#include "ir/StorageCost.h"

namespace snn {

namespace {

/// Bitmasks are chosen where they take at most 1/8 of the bytes of CSR: scanning words for set
/// bits costs more per synapse than reading indices (snnc-micro-bench Deliver/*: 378 M events/s
/// against 717 M for 16-bit CSR at p = 0.1, 1.41 G against 1.66 G at p = 0.6), so they are
/// worth it only where they save much memory.
constexpr double BitmaskGain = 8;
/// Stored connectivity larger than this is generated again at each spike where it can be.
constexpr double ProceduralAbove = 1024.0 * 1024 * 1024;

ir::Storage choose(const ir::Network &N, const ir::Projection &P) {
  using ir::Storage;
  if (P.Rule == ir::RuleKind::OneToOne)
    return Storage::Identity;
  if (ir::storageUnsuitable(N, P, Storage::Dense).empty())
    return Storage::Dense;
  const double Csr = ir::storageCost(N, P, Storage::CSR).Bytes;
  if (ir::storageUnsuitable(N, P, Storage::Bitmask).empty() &&
      ir::storageCost(N, P, Storage::Bitmask).Bytes * BitmaskGain <= Csr)
    return Storage::Bitmask;
  if (ir::storageUnsuitable(N, P, Storage::Procedural).empty() && Csr > ProceduralAbove)
    return Storage::Procedural;
  return Storage::CSR;
}

class SelectSynapseStorage : public Pass {
public:
  llvm::StringRef name() const override { return "select-synapse-storage"; }
  PassResult run(ir::Network &N, PassContext &Ctx) override {
    PassResult R;
    for (ir::Projection &P : N.Projections) {
      if (P.Store == ir::Storage::Unset) {
        P.Store = choose(N, P);
        R.Changed = true;
      }
      if (P.Store == ir::Storage::CSR && P.IndexBits == 0) {
        // The narrowest index width of the target (native: 16 and 32 bits) that addresses
        // every neuron of the target population.
        const ir::Population *T = N.findPopulation(P.Target);
        P.IndexBits = 32;
        for (unsigned Bits : Ctx.Target.IndexBits)
          if (T && T->Size <= (uint64_t(1) << Bits)) {
            P.IndexBits = Bits;
            break;
          }
        R.Changed = true;
      }
    }
    return R;
  }
};

} // namespace

std::unique_ptr<Pass> createSelectSynapseStoragePass() {
  return std::make_unique<SelectSynapseStorage>();
}

} // namespace snn
