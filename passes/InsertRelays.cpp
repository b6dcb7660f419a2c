//===- passes/InsertRelays.cpp - relay neurons where a neuron may reach one target ---------===//
//
// Chip targets whose neurons reach a limited number of (core, axon) targets
// (`core.max_targets_per_neuron`; TrueNorth: one), after partition-onto-cores. A neuron's
// targets are its (projection, target core) pairs, and also its delays where the target
// delays the spikes of a neuron by one value (`delays.granularity: per_neuron`). Where some
// neuron of a population has more than the target allows, every neuron of it sends its spikes
// to relay neurons instead, one per target of the neuron; the relays of one neuron sit on one
// core (they share the axon the neuron reaches) and each sends to one of the targets:
//
//   before:  projection a -> b : fixed_indegree(16), delay 4 steps   (a[i] reaches 3 cores)
//   after:   population a_relay : neuron Relay.truenorth [3 per neuron of a]
//            projection a -> a_relay : list, weight 1, delay 0           (appended)
//            projection a_relay -> b : list, the synapses of a -> b, delay 3 steps
//
// A relay fires in the step its input arrives, so a spike through relays reaches its target
// after 1 + d1 + d2 steps: d1 = 0 into the relay and d2 = d - 1 out of it give exactly the
// original delay d for d >= 1 (one more step for d = 0, with a warning). The rewritten
// projection keeps its index, port and weights (so its axon type and the weights per neuron
// stay), its storage and thread partition are chosen again by the passes that follow, and the
// relays' cores are appended to the partition table (place-on-mesh places them). Relays
// exist for the TrueNorth family; another family with a limit on targets is an error.
//
//===----------------------------------------------------------------------------------------===//
#include "passes/Passes.h"
#include "passes/QuantizeForTarget.h"

#include "ir/Synapses.h"
#include "support/Error.h"
#include "support/Text.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace snn {

namespace {

/// A target of a neuron: a projection, the global index of a core, and (where delays belong
/// to the neuron) the delay in steps, else -1.
using Target = std::tuple<uint32_t, uint64_t, int64_t>;

class InsertRelays : public Pass {
public:
  llvm::StringRef name() const override { return "insert-relays"; }
  PassResult run(ir::Network &N, PassContext &Ctx) override {
    PassResult R;
    const support::TargetDesc &T = Ctx.Target;
    if (!T.isChip() || T.MaxTargetsPerNeuron == 0 || N.Cores.empty())
      return R;
    DiagnosticsEngine &D = Ctx.Diags;

    // Where each neuron is: per population, its slices (Lo, Hi, global core) sorted by Lo.
    std::map<std::string, std::vector<std::tuple<uint64_t, uint64_t, uint64_t>>> Where;
    std::set<uint64_t> Used;
    for (const ir::CoreSlice &C : N.Cores) {
      const uint64_t G = uint64_t(C.Chip) * T.CoresPerChip + C.Core;
      Where[C.Pop].push_back({C.Lo, C.Hi, G});
      Used.insert(G);
    }
    for (auto &[Pop, S] : Where)
      std::sort(S.begin(), S.end());
    auto coreOf = [&](const std::string &Pop, uint64_t Neuron) -> uint64_t {
      const auto &S = Where[Pop];
      auto It = std::upper_bound(S.begin(), S.end(),
                                 std::tuple<uint64_t, uint64_t, uint64_t>{Neuron, UINT64_MAX,
                                                                          UINT64_MAX});
      return It == S.begin() ? UINT64_MAX : std::get<2>(*std::prev(It));
    };

    const size_t Original = N.Projections.size();
    std::string RelayModel;
    uint64_t NextCore = 0;
    const size_t Pops = N.Populations.size(); // not the relays this pass appends
    for (size_t PI = 0; PI < Pops; ++PI) {
      if (N.Populations[PI].Kind != ir::PopKind::Neuron)
        continue;
      const std::string Source = N.Populations[PI].Name;
      const uint64_t Size = N.Populations[PI].Size;
      const llvm::SMRange SourceLoc = N.Populations[PI].Loc;
      std::vector<size_t> Out;
      for (size_t K = 0; K < Original; ++K)
        if (N.Projections[K].Source == Source)
          Out.push_back(K);
      if (Out.empty())
        continue;

      // The targets of every neuron, and its synapses.
      std::map<size_t, std::vector<ir::SynapseRow>> Syn;
      std::vector<std::set<Target>> Targets(Size);
      for (size_t K : Out) {
        try {
          Syn[K] = ir::projectionSynapses(N, K);
        } catch (const support::Error &E) {
          D.error(N.Projections[K].Loc, E.what());
          R.Failed = true;
          return R;
        }
        const std::string &Dst = N.Projections[K].Target;
        for (const ir::SynapseRow &Y : Syn[K])
          Targets[Y.Pre].insert({uint32_t(K), coreOf(Dst, Y.Post),
                                 T.DelaysPerNeuron ? Y.Delay : -1});
      }
      uint64_t Most = 0, MostNeuron = 0;
      for (uint64_t I = 0; I < Size; ++I)
        if (Targets[I].size() > Most) {
          Most = Targets[I].size();
          MostNeuron = I;
        }
      if (Most <= T.MaxTargetsPerNeuron)
        continue;
      const std::string Limit = "target '" + T.Name + "' allows " +
                                support::withCommas(T.MaxTargetsPerNeuron) + " per neuron";
      if (T.Family != support::NeuronFamily::TrueNorth) {
        D.error(SourceLoc, "neuron " + std::to_string(MostNeuron) + " of '" + Source +
                               "' reaches " + support::withCommas(Most) + " (core, axon) targets; " + Limit +
                               ", and snnc makes relay neurons for the truenorth family only "
                               "[fan-out]");
        R.Failed = true;
        return R;
      }
      if (Most > T.MaxNeuronsPerCore || (T.MaxOutAxonsPerCore && Most > T.MaxOutAxonsPerCore)) {
        D.error(SourceLoc, "neuron " + std::to_string(MostNeuron) + " of '" + Source +
                               "' reaches " + support::withCommas(Most) + " (core, axon) targets; " + Limit +
                               " and a core of relays copies a spike to at most " +
                               support::withCommas(T.MaxNeuronsPerCore) + " [fan-out]");
        D.note(SourceLoc, "its relays must share one core; give it targets on fewer cores");
        R.Failed = true;
        return R;
      }

      // Relays: the targets of neuron 0, then of neuron 1, ...
      std::vector<uint64_t> First(Size + 1, 0);
      for (uint64_t I = 0; I < Size; ++I)
        First[I + 1] = First[I] + Targets[I].size();
      const uint64_t Relays = First[Size];
      std::string Name = Source + "_relay";
      for (unsigned Suffix = 2; N.findPopulation(Name); ++Suffix)
        Name = Source + "_relay" + std::to_string(Suffix);
      if (RelayModel.empty()) {
        RelayModel = "Relay." + T.Name;
        for (unsigned Suffix = 2; N.findModel(RelayModel); ++Suffix)
          RelayModel = "Relay." + T.Name + std::to_string(Suffix);
        N.Models.push_back(quantize::trueNorthRelayModel(T, RelayModel, SourceLoc));
      }
      ir::Population Relay;
      Relay.Name = Name;
      Relay.Loc = SourceLoc;
      Relay.Kind = ir::PopKind::Neuron;
      Relay.Size = Relays;
      Relay.Model = RelayModel;
      Relay.RingBuffers.push_back({"in0", 2, 1});

      // Source -> relays: each neuron to its own relays, weight 1, no delay.
      ir::Projection In;
      In.Source = Source;
      In.Target = Name;
      In.Port = "in0";
      In.Loc = SourceLoc;
      In.Rule = ir::RuleKind::List;
      In.Weight.K = ir::ValueInit::Kind::Const;
      In.Weight.A = 1;
      In.Delay.K = ir::ValueInit::Kind::Const;
      In.Delay.A = 0;
      In.DelaySteps = 0;
      In.MaxDelaySteps = 0;
      for (uint64_t I = 0; I < Size; ++I)
        for (uint64_t J = First[I]; J < First[I + 1]; ++J) {
          In.ListPre.push_back(uint32_t(I));
          In.ListPost.push_back(uint32_t(J));
        }
      In.Chip.Set = true;
      In.Chip.Exp = 0;
      In.Chip.Bits = T.WeightBits;
      In.Chip.Sign = support::SignMode::Excitatory;
      In.Chip.Unit = 1;

      // Each projection out of Source now comes from the relays, one delay step shorter.
      for (size_t K : Out) {
        ir::Projection &P = N.Projections[K];
        std::vector<ir::SynapseRow> &Rows = Syn[K];
        P.ListPre.clear();
        P.ListPost.clear();
        P.ListWeights.clear();
        P.ListDelays.clear();
        P.ListDelaySteps.clear();
        P.ListDelayLocs.clear();
        uint64_t Undelayed = 0;
        int64_t Max = 0;
        for (const ir::SynapseRow &Y : Rows) {
          const Target Key{uint32_t(K), coreOf(P.Target, Y.Post), T.DelaysPerNeuron ? Y.Delay : -1};
          const auto &Own = Targets[Y.Pre];
          const uint64_t Relay = First[Y.Pre] + uint64_t(std::distance(Own.begin(), Own.find(Key)));
          const int64_t Steps = std::max<int64_t>(0, Y.Delay - 1);
          Undelayed += Y.Delay == 0;
          Max = std::max(Max, Steps);
          P.ListPre.push_back(uint32_t(Relay));
          P.ListPost.push_back(Y.Post);
          P.ListWeights.push_back(double(Y.Weight));
          P.ListDelaySteps.push_back(Steps);
          P.ListDelays.push_back(double(Steps) * N.Sim.Dt);
        }
        if (Undelayed)
          D.warning(P.Loc, support::withCommas(Undelayed) + " synapses of " + P.name() +
                               " have no delay; through the relay neurons of '" + Source +
                               "' their spikes arrive one step later (" + Limit + ")");
        P.Source = Name;
        P.Rule = ir::RuleKind::List;
        P.Autapses = true;
        P.DelaySteps = -1;
        P.MaxDelaySteps = Max;
        P.Delay.K = ir::ValueInit::Kind::Const;
        P.Delay.A = double(Max) * N.Sim.Dt;
        P.Store = ir::Storage::Unset;
        P.IndexBits = 0;
        P.Part = ir::Projection::Partition::Unset;
        std::vector<ir::SynapseRow>().swap(Rows);
      }

      // The relays' cores: whole groups (one neuron's relays) per core, in order.
      std::vector<ir::CoreSlice> Slices;
      uint64_t Lo = 0, Axons = 0;
      auto place = [&](uint64_t Hi) -> bool {
        while (Used.count(NextCore))
          ++NextCore;
        if (NextCore >= T.cores())
          return false;
        Used.insert(NextCore);
        ir::CoreSlice C;
        C.Pop = Name;
        C.Lo = Lo;
        C.Hi = Hi;
        C.Chip = uint32_t(NextCore / T.CoresPerChip);
        C.Core = uint32_t(NextCore % T.CoresPerChip);
        Slices.push_back(C);
        Lo = Hi;
        Axons = 0;
        return true;
      };
      bool Fits = true;
      for (uint64_t I = 0; I < Size && Fits; ++I) {
        if (First[I + 1] == First[I])
          continue;
        const bool Full = First[I + 1] - Lo > T.MaxNeuronsPerCore ||
                          (T.MaxInAxonsPerCore && Axons + 1 > T.MaxInAxonsPerCore);
        if (Full)
          Fits = place(First[I]);
        ++Axons;
      }
      if (Fits && Lo < Relays)
        Fits = place(Relays);
      if (!Fits) {
        D.error(SourceLoc, "the " + support::withCommas(Relays) + " relay neurons of '" + Source +
                               "' need more cores than target '" + T.Name + "' has left (" +
                               support::withCommas(T.cores()) + " in all) [cores]");
        R.Failed = true;
        return R;
      }
      N.Cores.insert(N.Cores.end(), Slices.begin(), Slices.end());
      N.Populations.push_back(std::move(Relay));
      N.Projections.push_back(std::move(In));
      R.Changed = true;
    }
    return R;
  }
};

} // namespace

std::unique_ptr<Pass> createInsertRelaysPass() { return std::make_unique<InsertRelays>(); }

} // namespace snn
