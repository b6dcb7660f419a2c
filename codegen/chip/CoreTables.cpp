//===- codegen/chip/CoreTables.cpp - what each core of a chip holds -------------------------===//
#include "codegen/chip/CoreTables.h"

#include "ir/Synapses.h"
#include "support/Digest.h"
#include "support/Error.h"

#include <algorithm>
#include <map>

namespace snn::codegen::chip {

std::string CoreTable::describe() const {
  std::string S = "core " + std::to_string(Chip) + ":" + std::to_string(Core) + " (";
  for (size_t I = 0; I < Slices.size(); ++I) {
    if (I == 3) {
      S += ", ... " + std::to_string(Slices.size() - 3) + " more slices";
      break;
    }
    S += (I ? ", " : "") + Slices[I]->Pop + "[" + std::to_string(Slices[I]->Lo) + ":" +
         std::to_string(Slices[I]->Hi) + "]";
  }
  return S + ")";
}

uint64_t axonBits(const support::TargetDesc &T, uint64_t Synapses, unsigned WeightBits) {
  return support::axonSynapseBits(T.Cost, Synapses, WeightBits);
}

namespace {

unsigned bitsFor(uint64_t N) {
  unsigned B = 0;
  while ((uint64_t(1) << B) < N)
    ++B;
  return B;
}

/// Counts what each core uses once its synapses are in place.
void countUsage(const ir::Network &N, const support::TargetDesc &T, ChipTables &Tables) {
  for (CoreTable &C : Tables.Cores) {
    CoreUsage &U = C.Use;
    U.Neurons = C.Width;
    std::vector<std::string> Pops;
    for (const ir::CoreSlice *S : C.Slices)
      if (std::find(Pops.begin(), Pops.end(), S->Pop) == Pops.end())
        Pops.push_back(S->Pop);
    U.Populations = Pops.size();
    U.Synapses = C.SynAxon.size();
    U.InAxons = C.Axons.size();
    std::vector<uint64_t> PerAxon(C.Axons.size(), 0);
    for (uint32_t A : C.SynAxon)
      ++PerAxon[A];
    std::map<size_t, uint64_t> BitsOf, AxonsOf;
    for (size_t A = 0; A < C.Axons.size(); ++A) {
      size_t Proj = C.Axons[A].first;
      uint64_t B = axonBits(T, PerAxon[A], N.Projections[Proj].Chip.Bits);
      U.SynapseBits += B;
      BitsOf[Proj] += B;
      ++AxonsOf[Proj];
    }
    uint64_t MostAxons = 0;
    for (const auto &[Proj, A] : AxonsOf)
      if (A > MostAxons) {
        MostAxons = A;
        U.AxonsProjection = Proj;
      }
    for (const auto &[Proj, B] : BitsOf)
      if (B > U.BitsOfProjection) {
        U.BitsOfProjection = B;
        U.BitsProjection = Proj;
      }
    // The neuron with the most inputs, and the projection bringing most of them.
    if (!C.FanIn.empty()) {
      size_t Most = std::max_element(C.FanIn.begin(), C.FanIn.end()) - C.FanIn.begin();
      U.MaxFanIn = C.FanIn[Most];
      std::map<size_t, uint64_t> Into;
      for (size_t K = 0; K < C.SynNeuron.size(); ++K)
        if (C.SynNeuron[K] == Most)
          ++Into[C.Axons[C.SynAxon[K]].first];
      uint64_t Best = 0;
      for (const auto &[Proj, Cnt] : Into)
        if (Cnt > Best) {
          Best = Cnt;
          U.FanInProjection = Proj;
        }
    }
    for (const ir::CoreSlice *S : C.Slices) {
      int PI = N.populationIndex(S->Pop);
      for (uint64_t Nn = S->Lo; Nn < S->Hi; ++Nn) {
        uint64_t Targets = Tables.Routes[PI][Nn].size();
        U.OutAxons += Targets;
        if (Targets > U.MaxTargets) {
          U.MaxTargets = Targets;
          U.TargetsPopulation = size_t(PI);
        }
      }
    }
    if (T.Family == support::NeuronFamily::SpinnakerLif) {
      int64_t MaxDelay = 0;
      for (int64_t Dl : C.SynDelay)
        MaxDelay = std::max(MaxDelay, Dl);
      U.RingBufferBits = bitsFor(C.Width) + bitsFor(T.Spinnaker.SynapseTypes) +
                         bitsFor(uint64_t(MaxDelay) + 1);
    }
  }
}

} // namespace

std::optional<ChipTables> buildCoreTables(const ir::Network &N, const support::TargetDesc &T,
                                          DiagnosticsEngine &D) {
  ChipTables Tables;
  // Cores of the partition table, in (chip, core) order, and where each neuron lives.
  std::map<std::pair<unsigned, unsigned>, size_t> Index;
  for (const ir::CoreSlice &S : N.Cores) {
    auto [It, New] = Index.insert({{S.Chip, S.Core}, 0});
    if (New)
      It->second = 0;
  }
  size_t Next = 0;
  for (auto &[Key, I] : Index) {
    I = Next++;
    CoreTable C;
    C.Chip = Key.first;
    C.Core = Key.second;
    Tables.Cores.push_back(std::move(C));
  }
  Tables.Place.resize(N.Populations.size());
  Tables.Routes.resize(N.Populations.size());
  for (size_t P = 0; P < N.Populations.size(); ++P) {
    Tables.Routes[P].resize(N.Populations[P].Size);
    if (N.Populations[P].Kind == ir::PopKind::Neuron)
      Tables.Place[P].assign(N.Populations[P].Size, {UINT32_MAX, 0});
  }
  for (const ir::CoreSlice &S : N.Cores) {
    CoreTable &C = Tables.Cores[Index[{S.Chip, S.Core}]];
    C.Slices.push_back(&S);
    C.Offsets.push_back(C.Width);
    auto &Place = Tables.Place[N.populationIndex(S.Pop)];
    for (uint64_t Nn = S.Lo; Nn < S.Hi; ++Nn)
      Place[Nn] = {uint32_t(Index[{S.Chip, S.Core}]), uint32_t(C.Width + (Nn - S.Lo))};
    C.Width += uint32_t(S.Hi - S.Lo);
  }
  for (CoreTable &C : Tables.Cores)
    C.FanIn.assign(C.Width, 0);

  // Synapses into the cores of their targets, routes out of their sources.
  std::vector<std::unordered_map<uint64_t, uint32_t>> AxonOf(Tables.Cores.size());
  for (size_t K = 0; K < N.Projections.size(); ++K) {
    const ir::Projection &P = N.Projections[K];
    std::vector<ir::SynapseRow> Syn;
    try {
      Syn = ir::projectionSynapses(N, K);
    } catch (const support::Error &E) {
      D.error(P.Loc, E.what());
      return std::nullopt;
    }
    const int SourcePop = N.populationIndex(P.Source);
    const auto &Place = Tables.Place[N.populationIndex(P.Target)];
    uint64_t Digest = 0;
    for (const ir::SynapseRow &Y : Syn) {
      Digest += support::synapseDigest(Y.Pre, Y.Post, Y.Weight, Y.Delay);
      auto [CI, Local] = Place[Y.Post];
      CoreTable &C = Tables.Cores[CI];
      auto [It, New] = AxonOf[CI].insert({(uint64_t(K) << 32) | Y.Pre, uint32_t(C.Axons.size())});
      if (New) {
        C.Axons.push_back({K, Y.Pre});
        Tables.Routes[SourcePop][Y.Pre].push_back({CI, It->second});
      }
      C.SynAxon.push_back(It->second);
      C.SynNeuron.push_back(Local);
      C.SynWeight.push_back(Y.Weight);
      C.SynDelay.push_back(Y.Delay);
      ++C.FanIn[Local];
    }
    Tables.ProjectionSynapses.push_back(Syn.size());
    Tables.ProjectionDigest.push_back(Digest);
  }

  // Targets with one delay per source neuron (TrueNorth's axonal delays); the host delays the
  // spikes of its inputs as each axon needs.
  if (T.DelaysPerNeuron) {
    std::map<std::pair<std::string, uint32_t>, int64_t> DelayOf;
    for (const CoreTable &C : Tables.Cores)
      for (size_t K = 0; K < C.SynAxon.size(); ++K) {
        auto [Proj, Src] = C.Axons[C.SynAxon[K]];
        const ir::Projection &P = N.Projections[Proj];
        if (N.findPopulation(P.Source)->Kind != ir::PopKind::Neuron)
          continue;
        auto [It, New] = DelayOf.insert({{P.Source, Src}, C.SynDelay[K]});
        if (!New && It->second != C.SynDelay[K]) {
          D.error(P.Loc, "neuron " + std::to_string(Src) + " of '" + P.Source +
                             "' sends with delays of " + std::to_string(It->second) + " and " +
                             std::to_string(C.SynDelay[K]) + " steps; target '" + T.Name +
                             "' delays the spikes of a neuron by one value (axonal delays) "
                             "[delay-per-neuron]");
          return std::nullopt;
        }
      }
  }
  countUsage(N, T, Tables);
  return Tables;
}

} // namespace snn::codegen::chip
