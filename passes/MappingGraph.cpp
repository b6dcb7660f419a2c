//===- passes/MappingGraph.cpp - building the hypergraph and measuring partitions -----------===//
#include "passes/Mapping.h"

#include <map>

#include "ir/Synapses.h"
#include "support/Connectivity.h"
#include "support/Steps.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace snn::mapping {

/// The rate a neuron is taken to fire at when no run measured it (docs/mapping.md).
constexpr double DefaultNeuronRate = 10.0;

void Hypergraph::finish() {
  const uint32_t V = vertices(), E = nets();
  InStart.assign(V + 1, 0);
  OutStart.assign(V + 1, 0);
  for (uint32_t Pin : Pins)
    ++InStart[Pin + 1];
  for (uint32_t S : Source)
    if (S != NoVertex)
      ++OutStart[S + 1];
  for (uint32_t I = 0; I < V; ++I) {
    InStart[I + 1] += InStart[I];
    OutStart[I + 1] += OutStart[I];
  }
  InNet.assign(Pins.size(), 0);
  InPin.assign(Pins.size(), 0);
  OutNet.assign(OutStart[V], 0);
  std::vector<uint64_t> In(InStart.begin(), InStart.end() - 1);
  std::vector<uint64_t> Out(OutStart.begin(), OutStart.end() - 1);
  for (uint32_t N = 0; N < E; ++N) {
    for (uint64_t K = PinStart[N]; K < PinStart[N + 1]; ++K) {
      InNet[In[Pins[K]]] = N;
      InPin[In[Pins[K]]++] = uint32_t(K - PinStart[N]);
    }
    if (Source[N] != NoVertex)
      OutNet[Out[Source[N]]++] = N;
  }
}

CoreLimits CoreLimits::of(const support::TargetDesc &T, int64_t MaxDelaySteps) {
  CoreLimits L;
  L.Neurons = T.MaxNeuronsPerCore;
  if (T.Family == support::NeuronFamily::SpinnakerLif) {
    auto bitsFor = [](uint64_t N) {
      unsigned B = 0;
      while ((uint64_t(1) << B) < N)
        ++B;
      return B;
    };
    const unsigned Used = bitsFor(T.Spinnaker.SynapseTypes) +
                          bitsFor(uint64_t(std::max<int64_t>(0, MaxDelaySteps)) + 1);
    if (Used < T.Spinnaker.RingBufferBits)
      L.Neurons = std::min<uint64_t>(L.Neurons, uint64_t(1) << (T.Spinnaker.RingBufferBits - Used));
  }
  L.SynapseBits = T.SynapseMemoryBits;
  L.InAxons = T.MaxInAxonsPerCore;
  // Where a neuron reaches few targets, insert-relays gives the neurons that reach more relay
  // neurons: then each neuron uses at most that many output axons, whatever the partition.
  L.OutAxons = T.MaxTargetsPerNeuron ? 0 : T.MaxOutAxonsPerCore;
  L.Populations = T.MaxPopulationsPerCore;
  if (T.Cost.K == support::SynapseCost::Kind::Crossbar) {
    // A crossbar of rows x cols: rows input axons, cols neurons.
    L.InAxons = L.InAxons ? std::min<uint64_t>(L.InAxons, T.Cost.Rows) : T.Cost.Rows;
    L.Neurons = std::min<uint64_t>(L.Neurons, T.Cost.Cols);
  }
  L.Cost = T.Cost;
  return L;
}

uint64_t CoreLimits::axonBits(uint64_t Synapses, unsigned WeightBits) const {
  return support::axonSynapseBits(Cost, Synapses, WeightBits);
}

namespace {

/// Spikes per second of each neuron of a population, as docs/mapping.md says.
std::vector<double> ratesOf(const ir::Network &N, const ir::Population &P,
                            const MeasuredRates *Measured) {
  std::vector<double> R(P.Size, DefaultNeuronRate);
  if (Measured) {
    auto It = Measured->find(P.Name);
    if (It != Measured->end() && It->second.size() == P.Size)
      return It->second;
  }
  const double Duration = N.Sim.Duration > 0 ? N.Sim.Duration : 1.0;
  switch (P.Kind) {
  case ir::PopKind::Neuron:
    break;
  case ir::PopKind::Poisson:
    if (!P.hasRateSchedule()) {
      std::fill(R.begin(), R.end(), P.Rate);
    } else {
      // The time-weighted mean of the schedule over the run.
      std::fill(R.begin(), R.end(), 0.0);
      const int64_t Steps = std::max<int64_t>(1, support::timeToSteps(Duration, N.Sim.Dt));
      for (size_t Row = 0; Row < P.RateRows.size(); ++Row) {
        int64_t From = std::min(P.RateSteps[Row], Steps);
        int64_t To = Row + 1 < P.RateRows.size() ? std::min(P.RateSteps[Row + 1], Steps) : Steps;
        double Share = double(std::max<int64_t>(0, To - From)) / double(Steps);
        const std::vector<double> &Rates = P.RateRows[Row];
        for (uint64_t I = 0; I < P.Size; ++I)
          R[I] += Share * Rates[Rates.size() == 1 ? 0 : I];
      }
    }
    break;
  case ir::PopKind::SpikeTimes:
    std::fill(R.begin(), R.end(), 0.0);
    for (int64_t Nn : P.SpikeNeurons)
      if (Nn >= 0 && uint64_t(Nn) < P.Size)
        R[Nn] += 1.0 / Duration;
    break;
  }
  return R;
}

} // namespace

Hypergraph buildHypergraph(const ir::Network &N, const support::TargetDesc &T,
                           const AtomPlan &Atoms, const MeasuredRates *Measured) {
  (void)T;
  Hypergraph H;
  std::vector<uint32_t> Base(N.Populations.size(), NoVertex);
  for (size_t PI = 0; PI < N.Populations.size(); ++PI) {
    const ir::Population &P = N.Populations[PI];
    const uint32_t A = Atoms.AtomSize[PI];
    if (P.Kind != ir::PopKind::Neuron || A == 0)
      continue;
    Base[PI] = H.vertices();
    for (uint64_t Lo = 0; Lo < P.Size; Lo += A) {
      H.Neurons.push_back(uint32_t(std::min<uint64_t>(A, P.Size - Lo)));
      H.Group.push_back(uint32_t(PI));
      H.Pop.push_back(uint32_t(PI));
      H.First.push_back(Lo);
    }
  }
  H.PinStart.push_back(0);
  for (size_t K = 0; K < N.Projections.size(); ++K) {
    const ir::Projection &Pr = N.Projections[K];
    const int S = N.populationIndex(Pr.Source), Tg = N.populationIndex(Pr.Target);
    const std::vector<double> Rates = ratesOf(N, N.Populations[S], Measured);
    support::CsrMatrix M = support::buildConnectivity(ir::connectivityRequest(N, K));
    const uint32_t TA = Atoms.AtomSize[Tg], SA = Atoms.AtomSize[S];
    std::vector<uint32_t> RowAtoms;
    for (uint32_t R = 0; R + 1 < M.rowPtr.size(); ++R) {
      if (M.rowPtr[R] == M.rowPtr[R + 1])
        continue;
      // Target atoms of the row, ascending (columns ascend within a row, except for list
      // rules), counted into pins.
      RowAtoms.clear();
      for (uint64_t J = M.rowPtr[R]; J < M.rowPtr[R + 1]; ++J)
        RowAtoms.push_back(Base[Tg] + M.col[J] / TA);
      if (!std::is_sorted(RowAtoms.begin(), RowAtoms.end()))
        std::sort(RowAtoms.begin(), RowAtoms.end());
      for (size_t J = 0; J < RowAtoms.size(); ++J) {
        if (J && RowAtoms[J] == RowAtoms[J - 1]) {
          ++H.PinSyn.back();
          continue;
        }
        H.Pins.push_back(RowAtoms[J]);
        H.PinSyn.push_back(1);
      }
      H.Source.push_back(Base[S] == NoVertex ? NoVertex : Base[S] + R / SA);
      H.SourceNeuron.push_back(R);
      H.Rate.push_back(Rates[R]);
      H.WeightBits.push_back(uint8_t(std::min(255u, Pr.Chip.Bits ? Pr.Chip.Bits : 8u)));
      H.Projection.push_back(uint32_t(K));
      H.PinStart.push_back(H.Pins.size());
    }
  }
  H.finish();
  return H;
}

uint64_t relaysNeeded(const Hypergraph &H, const Partition &P, uint64_t MaxTargets) {
  if (MaxTargets == 0)
    return 0;
  // Targets (projection, core) per source neuron of the cores' populations; nets of one
  // projection and neuron are one net, so the targets of a neuron are the sum over its nets.
  std::map<std::pair<uint32_t, uint32_t>, uint64_t> Keys; // (population, neuron) -> targets
  std::vector<uint32_t> Parts;
  for (uint32_t Net = 0; Net < H.nets(); ++Net) {
    if (H.Source[Net] == NoVertex)
      continue;
    Parts.clear();
    for (uint64_t I = H.PinStart[Net]; I < H.PinStart[Net + 1]; ++I)
      Parts.push_back(P.PartOf[H.Pins[I]]);
    std::sort(Parts.begin(), Parts.end());
    const uint64_t Distinct = uint64_t(std::unique(Parts.begin(), Parts.end()) - Parts.begin());
    Keys[{H.Pop[H.Source[Net]], H.SourceNeuron[Net]}] += Distinct;
  }
  // A population with one neuron over the limit relays all its neurons' targets.
  std::map<uint32_t, std::pair<bool, uint64_t>> PerPop;
  for (const auto &[Key, K] : Keys) {
    auto &[Over, Sum] = PerPop[Key.first];
    Over |= K > MaxTargets;
    Sum += K;
  }
  uint64_t Relays = 0;
  for (const auto &[Pop, OS] : PerPop)
    if (OS.first)
      Relays += OS.second;
  return Relays;
}

std::vector<PartUsage> usage(const Hypergraph &H, const Partition &P, const CoreLimits &L) {
  std::vector<PartUsage> U(P.Parts);
  std::vector<std::vector<uint32_t>> Groups(P.Parts);
  for (uint32_t V = 0; V < H.vertices(); ++V) {
    U[P.PartOf[V]].Neurons += H.Neurons[V];
    Groups[P.PartOf[V]].push_back(H.Group[V]);
  }
  for (uint32_t K = 0; K < P.Parts; ++K) {
    std::sort(Groups[K].begin(), Groups[K].end());
    U[K].Populations = std::unique(Groups[K].begin(), Groups[K].end()) - Groups[K].begin();
  }
  std::unordered_map<uint32_t, uint64_t> Syn;
  for (uint32_t N = 0; N < H.nets(); ++N) {
    Syn.clear();
    for (uint64_t K = H.PinStart[N]; K < H.PinStart[N + 1]; ++K)
      Syn[P.PartOf[H.Pins[K]]] += H.PinSyn[K];
    for (const auto &[Part, S] : Syn) {
      U[Part].InAxons += 1;
      U[Part].SynapseBits += L.axonBits(S, H.WeightBits[N]);
    }
    if (H.Source[N] != NoVertex)
      U[P.PartOf[H.Source[N]]].OutAxons += Syn.size();
  }
  return U;
}

const char *brokenLimit(const PartUsage &U, const CoreLimits &L) {
  if (L.Neurons && U.Neurons > L.Neurons)
    return "neurons-per-core";
  if (L.Populations && U.Populations > L.Populations)
    return "populations-per-core";
  if (L.SynapseBits && U.SynapseBits > L.SynapseBits)
    return "synapse-memory";
  if (L.InAxons && U.InAxons > L.InAxons)
    return "in-axons";
  if (L.OutAxons && U.OutAxons > L.OutAxons)
    return "out-axons";
  return nullptr;
}

std::vector<std::pair<uint32_t, uint32_t>> inOrderPlaces(const support::TargetDesc &T,
                                                         uint32_t Parts) {
  std::vector<std::pair<uint32_t, uint32_t>> W;
  for (uint32_t K = 0; K < Parts; ++K)
    W.push_back({K / T.CoresPerChip, K % T.CoresPerChip});
  return W;
}

TrafficCost traffic(const Hypergraph &H, const Partition &P, size_t Projections,
                    const support::TargetDesc *T,
                    const std::vector<std::pair<uint32_t, uint32_t>> *Where) {
  TrafficCost C;
  C.PerProjection.assign(Projections, 0.0);
  std::vector<uint32_t> Parts;
  for (uint32_t N = 0; N < H.nets(); ++N) {
    Parts.clear();
    for (uint64_t K = H.PinStart[N]; K < H.PinStart[N + 1]; ++K)
      Parts.push_back(P.PartOf[H.Pins[K]]);
    std::sort(Parts.begin(), Parts.end());
    Parts.erase(std::unique(Parts.begin(), Parts.end()), Parts.end());
    const uint32_t Src = H.Source[N] == NoVertex ? NoVertex : P.PartOf[H.Source[N]];
    double Remote = 0, HopSum = 0, CutSyn = 0;
    for (uint64_t K = H.PinStart[N]; K < H.PinStart[N + 1]; ++K)
      if (P.PartOf[H.Pins[K]] != Src)
        CutSyn += H.PinSyn[K];
    for (uint32_t Q : Parts) {
      if (Q == Src)
        continue;
      Remote += 1;
      if (T && Where && Src != NoVertex)
        HopSum += T->hops((*Where)[Src].first, (*Where)[Src].second, (*Where)[Q].first,
                          (*Where)[Q].second);
    }
    C.Messages += H.Rate[N] * Remote;
    C.HopMessages += H.Rate[N] * HopSum;
    C.CutSynapseEvents += H.Rate[N] * CutSyn;
    C.PerProjection[H.Projection[N]] += H.Rate[N] * Remote;
  }
  return C;
}

uint32_t lowerBound(const Hypergraph &H, const CoreLimits &L, std::string *Binding) {
  uint64_t Neurons = 0, Bits = 0, Axons = 0;
  std::vector<uint32_t> Groups(H.Group);
  for (uint32_t V = 0; V < H.vertices(); ++V)
    Neurons += H.Neurons[V];
  for (uint32_t N = 0; N < H.nets(); ++N) {
    uint64_t S = 0;
    for (uint64_t K = H.PinStart[N]; K < H.PinStart[N + 1]; ++K)
      S += H.PinSyn[K];
    Bits += L.axonBits(S, H.WeightBits[N]);
    Axons += 1;
  }
  std::sort(Groups.begin(), Groups.end());
  uint64_t Pops = std::unique(Groups.begin(), Groups.end()) - Groups.begin();
  auto ceilDiv = [](uint64_t A, uint64_t B) { return B ? (A + B - 1) / B : 0; };
  std::pair<uint64_t, const char *> Best{std::max<uint64_t>(1, ceilDiv(Neurons, L.Neurons)),
                                         "neurons"};
  for (auto [Need, Name] : {std::pair<uint64_t, const char *>{ceilDiv(Bits, L.SynapseBits),
                                                              "synapse memory"},
                            {ceilDiv(Axons, L.InAxons), "input axons"},
                            {ceilDiv(Pops, L.Populations), "populations per core"}})
    if (Need > Best.first)
      Best = {Need, Name};
  if (Binding)
    *Binding = Best.second;
  return uint32_t(std::min<uint64_t>(Best.first, UINT32_MAX));
}

} // namespace snn::mapping
