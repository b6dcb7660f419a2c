//===- passes/MappingSetup.cpp - from a network to the mapping model, and back --------------===//
#include "passes/MappingSetup.h"

#include "support/Error.h"
#include "support/Text.h"

#include <algorithm>
#include <map>

namespace snn::mapping {

namespace {

/// Atoms bound the work of partitioning: at most this many in a network.
constexpr uint64_t MaxAtoms = 32768;

/// What one atom alone needs of a core (its input axons and synapse memory).
struct Alone {
  uint64_t InAxons = 0, Bits = 0;
};

std::vector<Alone> aloneUsage(const Hypergraph &H, const CoreLimits &L) {
  std::vector<Alone> A(H.vertices());
  for (uint32_t N = 0; N < H.nets(); ++N)
    for (uint64_t K = H.PinStart[N]; K < H.PinStart[N + 1]; ++K) {
      A[H.Pins[K]].InAxons += 1;
      A[H.Pins[K]].Bits += L.axonBits(H.PinSyn[K], H.WeightBits[N]);
    }
  return A;
}

/// Whether each source neuron's targets can be reached within the output axons of one core:
/// a net needs at least (its target neurons / neurons per core) cores, and every core it
/// reaches is an output axon of the source's core. Reports the first neuron that cannot.
bool outAxonsFit(const ir::Network &N, const support::TargetDesc &T, const Prepared &M,
                 DiagnosticsEngine &D) {
  const Hypergraph &H = M.H;
  const CoreLimits &L = M.Limits;
  if (!L.OutAxons || !L.Neurons)
    return true;
  std::map<std::pair<uint32_t, uint32_t>, uint64_t> Least; // (atom, neuron) -> cores
  for (uint32_t Net = 0; Net < H.nets(); ++Net) {
    if (H.Source[Net] == NoVertex)
      continue;
    uint64_t Targets = 0;
    for (uint64_t K = H.PinStart[Net]; K < H.PinStart[Net + 1]; ++K)
      Targets += std::min<uint64_t>(H.Neurons[H.Pins[K]], H.PinSyn[K]);
    uint64_t &C = Least[{H.Source[Net], H.SourceNeuron[Net]}];
    C += (Targets + L.Neurons - 1) / L.Neurons;
    if (C > L.OutAxons) {
      const ir::Population &P = N.Populations[H.Pop[H.Source[Net]]];
      D.error(P.Loc, "neuron " + std::to_string(H.SourceNeuron[Net]) + " of '" + P.Name +
                         "' alone sends to at least " + support::withCommas(C) +
                         " (core, axon) targets; target '" + T.Name + "' has " +
                         support::withCommas(L.OutAxons) + " output axons per core [out-axons]");
      D.note(P.Loc, "its targets fill at least that many cores of " + support::withCommas(L.Neurons) +
                        " neurons, and each core a neuron reaches through a projection is one "
                        "output axon of its core; give it fewer targets");
      return false;
    }
  }
  return true;
}

} // namespace

std::optional<Prepared> prepare(const ir::Network &N, const support::TargetDesc &T,
                                const MeasuredRates *Rates, DiagnosticsEngine &D) {
  Prepared M;
  int64_t MaxDelay = 0;
  for (const ir::Projection &P : N.Projections)
    MaxDelay = std::max(MaxDelay, P.MaxDelaySteps);
  M.Limits = CoreLimits::of(T, MaxDelay);
  uint64_t Total = 0;
  for (const ir::Population &P : N.Populations)
    if (P.Kind == ir::PopKind::Neuron)
      Total += P.Size;
  const uint64_t Cap = std::max<uint64_t>(1, M.Limits.Neurons / 8);
  const uint64_t A0 = std::min<uint64_t>(Cap, std::max<uint64_t>(1, (Total + MaxAtoms - 1) / MaxAtoms));
  M.Atoms.AtomSize.assign(N.Populations.size(), 0);
  for (size_t P = 0; P < N.Populations.size(); ++P)
    if (N.Populations[P].Kind == ir::PopKind::Neuron)
      M.Atoms.AtomSize[P] = uint32_t(std::max<uint64_t>(1, std::min(A0, N.Populations[P].Size)));
  for (;;) {
    try {
      M.H = buildHypergraph(N, T, M.Atoms, Rates);
    } catch (const support::Error &E) {
      D.error(N.Loc, E.what());
      return std::nullopt;
    }
    // Atoms that alone break a limit are halved; a neuron that alone breaks one is an error.
    std::vector<Alone> A = aloneUsage(M.H, M.Limits);
    bool Again = false, Failed = false;
    std::vector<uint8_t> Halve(N.Populations.size(), 0);
    for (uint32_t V = 0; V < M.H.vertices(); ++V) {
      const bool Axons = M.Limits.InAxons && A[V].InAxons > M.Limits.InAxons;
      const bool Bits = M.Limits.SynapseBits && A[V].Bits > M.Limits.SynapseBits;
      if (!Axons && !Bits)
        continue;
      const uint32_t Pop = M.H.Pop[V];
      if (M.Atoms.AtomSize[Pop] > 1) {
        Halve[Pop] = 1;
        Again = true;
        continue;
      }
      const ir::Population &P = N.Populations[Pop];
      if (Axons)
        D.error(P.Loc, "neuron " + std::to_string(M.H.First[V]) + " of '" + P.Name +
                           "' alone receives from " + support::withCommas(A[V].InAxons) +
                           " input axons; target '" + T.Name + "' has " +
                           support::withCommas(M.Limits.InAxons) + " per core [in-axons]");
      else
        D.error(P.Loc, "neuron " + std::to_string(M.H.First[V]) + " of '" + P.Name +
                           "' alone needs " + support::withCommas(A[V].Bits) + " bits of synapse memory; target '" +
                           T.Name + "' has " + support::withCommas(M.Limits.SynapseBits) +
                           " per core [synapse-memory]");
      if (Axons)
        D.note(P.Loc, "each (projection, source neuron) reaching a neuron is one input axon of "
                      "its core; give the neurons of '" + P.Name + "' fewer inputs");
      else
        D.note(P.Loc, "the synapses onto one neuron of '" + P.Name + "' need more memory than a "
                      "core has; give it fewer inputs");
      Failed = true;
      break;
    }
    if (Failed)
      return std::nullopt;
    if (!Again)
      return outAxonsFit(N, T, M, D) ? std::optional<Prepared>(std::move(M)) : std::nullopt;
    for (size_t P = 0; P < Halve.size(); ++P)
      if (Halve[P])
        M.Atoms.AtomSize[P] = std::max<uint32_t>(1, M.Atoms.AtomSize[P] / 2);
  }
}

std::vector<ir::CoreSlice> partitionTable(const ir::Network &N, const support::TargetDesc &T,
                                          const Hypergraph &H, const Partition &P) {
  std::vector<ir::CoreSlice> Out;
  for (uint32_t V = 0; V < H.vertices(); ++V) {
    const uint32_t Part = P.PartOf[V];
    const ir::Population &Pop = N.Populations[H.Pop[V]];
    const uint32_t Chip = Part / T.CoresPerChip, Core = Part % T.CoresPerChip;
    if (!Out.empty() && Out.back().Pop == Pop.Name && Out.back().Hi == H.First[V] &&
        Out.back().Chip == Chip && Out.back().Core == Core) {
      Out.back().Hi += H.Neurons[V];
      continue;
    }
    Out.push_back({Pop.Name, H.First[V], H.First[V] + H.Neurons[V], Chip, Core});
  }
  std::map<std::string, int> PopIndex;
  for (size_t I = 0; I < N.Populations.size(); ++I)
    PopIndex[N.Populations[I].Name] = int(I);
  std::stable_sort(Out.begin(), Out.end(), [&](const ir::CoreSlice &A, const ir::CoreSlice &B) {
    if (A.Chip != B.Chip)
      return A.Chip < B.Chip;
    if (A.Core != B.Core)
      return A.Core < B.Core;
    if (A.Pop != B.Pop)
      return PopIndex[A.Pop] < PopIndex[B.Pop];
    return A.Lo < B.Lo;
  });
  return Out;
}

std::optional<Partition> partitionOf(const ir::Network &N, const support::TargetDesc &T,
                                     const Hypergraph &H) {
  std::map<std::pair<uint32_t, uint32_t>, uint32_t> Index;
  for (const ir::CoreSlice &S : N.Cores)
    Index[{S.Chip, S.Core}] = 0;
  uint32_t K = 0;
  for (auto &[Key, I] : Index)
    I = K++;
  Partition P;
  P.Parts = K;
  P.PartOf.assign(H.vertices(), UINT32_MAX);
  std::map<std::string, int> PopIndex;
  for (size_t I = 0; I < N.Populations.size(); ++I)
    PopIndex[N.Populations[I].Name] = int(I);
  // Atoms by (population, first neuron).
  std::map<std::pair<uint32_t, uint64_t>, uint32_t> AtomAt;
  for (uint32_t V = 0; V < H.vertices(); ++V)
    AtomAt[{H.Pop[V], H.First[V]}] = V;
  for (const ir::CoreSlice &S : N.Cores) {
    const uint32_t Pop = uint32_t(PopIndex[S.Pop]);
    auto It = AtomAt.lower_bound({Pop, S.Lo});
    for (; It != AtomAt.end() && It->first.first == Pop && It->first.second < S.Hi; ++It) {
      const uint32_t V = It->second;
      if (H.First[V] < S.Lo || H.First[V] + H.Neurons[V] > S.Hi)
        return std::nullopt;
      P.PartOf[V] = Index[{S.Chip, S.Core}];
    }
  }
  (void)T;
  for (uint32_t Q : P.PartOf)
    if (Q == UINT32_MAX)
      return std::nullopt;
  return P;
}

void reportTooLarge(const ir::Network &N, const support::TargetDesc &T, const Hypergraph &H,
                    const CoreLimits &L, DiagnosticsEngine &D) {
  std::string Binding;
  const uint32_t Bound = lowerBound(H, L, &Binding);
  PartitionOptions Unlimited;
  Unlimited.MaxParts = 0;
  std::string Why;
  std::optional<Partition> P = partitionConnected(H, L, Unlimited, Why);
  const uint64_t Needed = P ? std::max<uint64_t>(P->Parts, Bound) : Bound;
  if (!P || Needed <= T.cores()) {
    // Not a matter of the number of cores: some limit cannot be met however many there are.
    D.error(N.Loc, "network '" + N.Name + "' has no mapping onto target '" + T.Name +
                       "' within its core limits: " + (Why.empty() ? "none found" : Why));
    D.note(N.Loc, "--report=mapping with a target file of larger limits shows each core's use");
    return;
  }
  const uint64_t Chips = (Needed + T.CoresPerChip - 1) / T.CoresPerChip;
  D.error(N.Loc, "network '" + N.Name + "' needs " + support::withCommas(Needed) + " cores (at least " +
                     support::withCommas(Bound) + " for its " + Binding + "); target '" + T.Name + "' has " +
                     support::withCommas(T.cores()) + " (" + std::to_string(T.Chips) + " chip" +
                     (T.Chips == 1 ? "" : "s") + " of " + std::to_string(T.CoresPerChip) +
                     " cores) [cores]");
  D.note(N.Loc, "it fits on " + std::to_string(Chips) + " chips of this kind: a copy of the "
                "target file with \"topology\": {\"chips\": " + std::to_string(Chips) +
                    ", ...} (--target-file), or a smaller network");
}

} // namespace snn::mapping
