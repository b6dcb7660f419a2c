//===- codegen/chip/DesignRules.cpp - the limits of a chip, checked with names --------------===//
#include "codegen/chip/DesignRules.h"

#include <map>

namespace snn::codegen::chip {

namespace {

class Checker {
public:
  Checker(const ir::Network &N, const support::TargetDesc &T, DiagnosticsEngine &D)
      : N(N), T(T), D(D) {}

  /// Reports a violation of Rule at Loc with a note on the fix; one report per (rule, place)
  /// so that a network with a thousand overfull cores shows the first of each.
  void violation(llvm::SMRange Loc, const std::string &Rule, const std::string &Msg,
                 const std::string &Fix) {
    Ok = false;
    if (++Count[Rule] > 1)
      return;
    D.error(Loc, Msg + " [" + Rule + "]");
    if (!Fix.empty())
      D.note(Loc, Fix);
  }
  void finish() {
    for (const auto &[Rule, K] : Count)
      if (K > 1)
        D.note(llvm::SMRange(), std::to_string(K - 1) + " more cores break [" + Rule + "]");
  }

  llvm::SMRange popLoc(const std::string &Pop) const { return N.findPopulation(Pop)->Loc; }
  llvm::SMRange projLoc(size_t P, const CoreTable &C) const {
    return P < N.Projections.size() ? N.Projections[P].Loc : popLoc(C.Slices.front()->Pop);
  }
  std::string projName(size_t P) const {
    return P < N.Projections.size() ? N.Projections[P].name() : "?";
  }
  std::string has(uint64_t Max) const {
    return "; target '" + T.Name + "' has " + withCommas(Max) + " per core";
  }

  void core(const CoreTable &C) {
    const CoreUsage &U = C.Use;
    const std::string Where = C.describe();
    const std::string FirstPop = C.Slices.front()->Pop;
    if (U.Neurons > T.MaxNeuronsPerCore)
      violation(popLoc(FirstPop), "neurons-per-core",
                Where + " holds " + withCommas(U.Neurons) + " neurons" + has(T.MaxNeuronsPerCore),
                "the partition table puts too many neurons on this core; let the "
                "partition-onto-cores pass choose it");
    if (T.MaxPopulationsPerCore && U.Populations > T.MaxPopulationsPerCore)
      violation(popLoc(FirstPop), "populations-per-core",
                Where + " holds neurons of " + withCommas(U.Populations) + " populations" +
                    has(T.MaxPopulationsPerCore),
                "each population needs its own neuron parameters on a core; put fewer "
                "populations on a core");
    if (T.SynapseMemoryBits && U.SynapseBits > T.SynapseMemoryBits)
      violation(projLoc(U.BitsProjection, C), "synapse-memory",
                Where + " needs " + withCommas(U.SynapseBits) + " bits of synapse memory" +
                    has(T.SynapseMemoryBits),
                "the synapses of " + projName(U.BitsProjection) + " take " +
                    withCommas(U.BitsOfProjection) +
                    " of them; fewer neurons per core (a smaller population) or sparser "
                    "connections fit");
    if (T.MaxInAxonsPerCore && U.InAxons > T.MaxInAxonsPerCore)
      violation(projLoc(U.AxonsProjection, C), "in-axons",
                Where + " receives from " + withCommas(U.InAxons) + " input axons" +
                    has(T.MaxInAxonsPerCore),
                "each (projection, source neuron) reaching a core is one input axon; most "
                "come from " + projName(U.AxonsProjection) +
                    "; fewer sources per target neuron, or fewer neurons per core, fit");
    if (T.MaxOutAxonsPerCore && U.OutAxons > T.MaxOutAxonsPerCore)
      violation(popLoc(FirstPop), "out-axons",
                Where + " sends to " + withCommas(U.OutAxons) + " (core, axon) targets" +
                    has(T.MaxOutAxonsPerCore),
                "each core a neuron reaches through each projection is one output axon; "
                "fewer targets per neuron fit");
    if (T.MaxFanInPerNeuron && U.MaxFanIn > T.MaxFanInPerNeuron)
      violation(projLoc(U.FanInProjection, C), "fan-in",
                Where + ": a neuron has " + withCommas(U.MaxFanIn) + " inputs; target '" +
                    T.Name + "' allows " + withCommas(T.MaxFanInPerNeuron) + " per neuron",
                "most of them come from " + projName(U.FanInProjection) +
                    "; give each neuron fewer inputs (fixed_indegree bounds them)");
    if (T.MaxTargetsPerNeuron && U.MaxTargets > T.MaxTargetsPerNeuron)
      violation(U.TargetsPopulation < N.Populations.size()
                    ? N.Populations[U.TargetsPopulation].Loc
                    : popLoc(FirstPop),
                "fan-out",
                Where + ": a neuron sends to " + withCommas(U.MaxTargets) + " axons; target '" +
                    T.Name + "' allows " + withCommas(T.MaxTargetsPerNeuron) + " per neuron",
                "the insert-relays pass adds relay neurons that copy its spikes");
    if (T.Family == support::NeuronFamily::SpinnakerLif &&
        U.RingBufferBits > T.Spinnaker.RingBufferBits) {
      auto bitsFor = [](uint64_t N) {
        unsigned B = 0;
        while ((uint64_t(1) << B) < N)
          ++B;
        return B;
      };
      const unsigned NB = bitsFor(C.Width), TB = bitsFor(T.Spinnaker.SynapseTypes);
      violation(popLoc(FirstPop), "ring-buffer-bits",
                Where + " needs " + std::to_string(U.RingBufferBits) + " ring-buffer bits (neurons " +
                    std::to_string(NB) + ", synapse types " + std::to_string(TB) + ", delays " +
                    std::to_string(U.RingBufferBits - NB - TB) + "); target '" + T.Name +
                    "' has " + std::to_string(T.Spinnaker.RingBufferBits),
                "fewer neurons per core or shorter delays fit; partition-onto-cores chooses "
                "cores that fit");
    }
  }

  bool ok() const { return Ok; }

private:
  const ir::Network &N;
  const support::TargetDesc &T;
  DiagnosticsEngine &D;
  std::map<std::string, unsigned> Count;
  bool Ok = true;
};

} // namespace

bool checkDesignRules(const ir::Network &N, const support::TargetDesc &T,
                      const ChipTables &Tables, DiagnosticsEngine &D) {
  Checker C(N, T, D);
  for (const CoreTable &Core : Tables.Cores)
    C.core(Core);
  C.finish();
  return C.ok();
}

} // namespace snn::codegen::chip
