//===- passes/SelectSynapseStorage.cpp - how each projection's connectivity is stored -------===//
//
// Chooses the storage format of every projection whose format is not set yet:
//   one_to_one -> identity (synapse i connects i -> i; no connectivity arrays at all)
//   otherwise  -> csr      (rows by presynaptic neuron, 32-bit target indices)
// Per-synapse weight and delay arrays exist only for random weights and delays; a constant is
// compiled into the delivery code. A format chosen by the user or an earlier run is kept.
//
//   before:  projection ext -> E { rule one_to_one ... }
//   after:   projection ext -> E { rule one_to_one ... storage identity }
//
//===----------------------------------------------------------------------------------------===//
#include "passes/Passes.h"

namespace snn {

namespace {

class SelectSynapseStorage : public Pass {
public:
  llvm::StringRef name() const override { return "select-synapse-storage"; }
  PassResult run(ir::Network &N, PassContext &Ctx) override {
    PassResult R;
    for (ir::Projection &P : N.Projections) {
      if (P.Store != ir::Storage::Unset)
        continue;
      P.Store = P.Rule == ir::RuleKind::OneToOne ? ir::Storage::Identity : ir::Storage::CSR;
      R.Changed = true;
    }
    return R;
  }
};

} // namespace

std::unique_ptr<Pass> createSelectSynapseStoragePass() {
  return std::make_unique<SelectSynapseStorage>();
}

} // namespace snn
