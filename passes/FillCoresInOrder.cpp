//===- passes/FillCoresInOrder.cpp - neurons onto chip cores, in index order ----------------===//
//
// Chip targets: writes the partition table (ir::Network::Cores). Each neuron population is cut
// into slices of at most the target's neurons per core, in index order, and the slices fill
// the cores of chip 0, then chip 1, ... in population order (as PACMAN's splitters and Lava's
// sequential mapper do); generators stay on the host and send their spikes in. A network with
// more slices than the target has cores is an error naming both numbers. Connectivity-aware
// partitioning is a later pass; this one only needs every per-core limit the backend checks.
//
//   before:  population E : neuron LIF.loihi.E [2500]
//   after:   core 0 0 E [0:1024]   core 0 1 E [1024:2048]   core 0 2 E [2048:2500]
//
//===----------------------------------------------------------------------------------------===//
#include "passes/Passes.h"

namespace snn {

namespace {

class FillCoresInOrder : public Pass {
public:
  llvm::StringRef name() const override { return "fill-cores-in-order"; }
  PassResult run(ir::Network &N, PassContext &Ctx) override {
    PassResult R;
    const support::TargetDesc &T = Ctx.Target;
    if (!T.isChip() || !N.Cores.empty())
      return R;
    const uint64_t PerCore = T.MaxNeuronsPerCore;
    const uint64_t Available = uint64_t(T.Chips) * T.CoresPerChip;
    uint64_t Next = 0, Needed = 0;
    for (const ir::Population &P : N.Populations)
      if (P.Kind == ir::PopKind::Neuron)
        Needed += (P.Size + PerCore - 1) / PerCore;
    if (Needed > Available) {
      Ctx.Diags.error(N.Loc, "network '" + N.Name + "' needs " + llvm::Twine(Needed) +
                                 " cores of " + llvm::Twine(PerCore) + " neurons; target '" +
                                 T.Name + "' has " + llvm::Twine(Available) + " (" +
                                 llvm::Twine(T.Chips) + " chip" + (T.Chips == 1 ? "" : "s") +
                                 " of " + llvm::Twine(T.CoresPerChip) + " cores)");
      R.Failed = true;
      return R;
    }
    for (const ir::Population &P : N.Populations) {
      if (P.Kind != ir::PopKind::Neuron)
        continue;
      for (uint64_t Lo = 0; Lo < P.Size; Lo += PerCore, ++Next)
        N.Cores.push_back({P.Name, Lo, std::min(P.Size, Lo + PerCore),
                           static_cast<uint32_t>(Next / T.CoresPerChip),
                           static_cast<uint32_t>(Next % T.CoresPerChip)});
    }
    R.Changed = !N.Cores.empty();
    return R;
  }
};

} // namespace

std::unique_ptr<Pass> createFillCoresInOrderPass() { return std::make_unique<FillCoresInOrder>(); }

} // namespace snn
