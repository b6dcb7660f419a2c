//===- passes/Partitioner.cpp - atoms onto cores: METIS, then FM-style refinement -----------===//
//
// partitionConnected(): the cores needed at least (the binding resource) give k; METIS cuts
// (PartitionMetis.cpp)
// the atom graph (an edge from each net's source atom to each of its target atoms, weighted by
// the net's rate) into k parts minimizing communication volume, with the neurons and synapses
// of each atom as two balance constraints; then refine() moves single atoms to the core that
// lowers the total excess over the core limits most, else the traffic (the hypergraph's
// (lambda - 1) cost) most, in passes over the atoms in a seeded random order, until a pass gains
// less than 0.1%. A partition that still breaks a limit is retried with more cores, up to the
// target's.
//
//===----------------------------------------------------------------------------------------===//
#include "passes/Mapping.h"
#include "passes/PartitionMetis.h"

#include "support/Random.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <unordered_map>

namespace snn::mapping {

namespace {

constexpr uint32_t Unplaced = UINT32_MAX;
/// Nets on more cores than this are not scanned for candidate cores: 64 for hypergraphs of up
/// to 4 million pins, 16 above (the scan is what refinement costs).
size_t maxScannedParts(const Hypergraph &H) { return H.Pins.size() <= 4000000 ? 64 : 16; }

/// A first cut whose worst core is this far over a limit is not refined: more cores at once.
constexpr double FarOver = 1.3;
constexpr size_t SmallPins = 100000;

/// A deterministic generator for orders and random choices (splitmix64).
class Rng {
public:
  explicit Rng(uint64_t Seed) : S(Seed * 0x9E3779B97F4A7C15ull + 1) {}
  uint64_t next() {
    uint64_t Z = (S += 0x9E3779B97F4A7C15ull);
    Z = (Z ^ (Z >> 30)) * 0xBF58476D1CE4E5B9ull;
    Z = (Z ^ (Z >> 27)) * 0x94D049BB133111EBull;
    return Z ^ (Z >> 31);
  }
  uint32_t below(uint32_t N) { return uint32_t(next() % N); }
  template <typename T> void shuffle(std::vector<T> &V) {
    for (size_t I = V.size(); I > 1; --I)
      std::swap(V[I - 1], V[below(uint32_t(I))]);
  }

private:
  uint64_t S;
};

/// What moving one atom changes.
struct Effect {
  double Traffic = 0; ///< change of the traffic
  /// Usage changes per part touched (few: the two parts, and the sources' parts whose
  /// out-axons change).
  std::vector<std::pair<uint32_t, PartUsage>> Parts;
  struct Signed {
    int64_t Neurons = 0, Bits = 0, In = 0, Out = 0, Pops = 0;
  };
  std::vector<std::pair<uint32_t, Signed>> D;
  Signed &at(uint32_t P) {
    for (auto &[Q, S] : D)
      if (Q == P)
        return S;
    D.push_back({P, {}});
    return D.back().second;
  }
};

/// A partition with everything the moves need kept up to date.
class State {
public:
  State(const Hypergraph &H, const CoreLimits &L, uint32_t Parts)
      : H(H), L(L), Part(H.vertices(), Unplaced), NetParts(H.nets()), Stamp(H.nets(), 0),
        MaxScanned(maxScannedParts(H)) {
    grow(Parts);
  }

  /// Places every atom as P says, in bulk (as moving each from nowhere would, faster).
  void load(const Partition &P) {
    grow(std::max<uint32_t>(parts(), P.Parts));
    Part = P.PartOf;
    for (uint32_t V = 0; V < H.vertices(); ++V) {
      Use[Part[V]].Neurons += H.Neurons[V];
      if (Groups[Part[V]][H.Group[V]]++ == 0)
        ++Use[Part[V]].Populations;
    }
    Traffic = 0;
    for (uint32_t N = 0; N < H.nets(); ++N) {
      auto &NP = NetParts[N];
      NP.clear();
      for (uint64_t K = H.PinStart[N]; K < H.PinStart[N + 1]; ++K)
        NP.push_back({Part[H.Pins[K]], H.PinSyn[K]});
      std::sort(NP.begin(), NP.end());
      size_t O = 0;
      for (size_t I = 0; I < NP.size(); ++I) {
        if (O && NP[O - 1].first == NP[I].first)
          NP[O - 1].second += NP[I].second;
        else
          NP[O++] = NP[I];
      }
      NP.resize(O);
      for (const auto &[Q, Syn] : NP) {
        Use[Q].InAxons += 1;
        Use[Q].SynapseBits += L.axonBits(Syn, H.WeightBits[N]);
      }
      const uint32_t Src = H.Source[N] == NoVertex ? Unplaced : Part[H.Source[N]];
      if (Src != Unplaced)
        Use[Src].OutAxons += NP.size();
      Traffic += H.Rate[N] * double(NP.size() - (Src != Unplaced && synIn(NP, Src) > 0 ? 1 : 0));
    }
  }

  void grow(uint32_t Parts) {
    Use.resize(Parts);
    Groups.resize(Parts);
  }
  uint32_t parts() const { return uint32_t(Use.size()); }
  uint32_t partOf(uint32_t V) const { return Part[V]; }
  const PartUsage &usage(uint32_t P) const { return Use[P]; }
  double trafficTotal() const { return Traffic; }

  /// Normalized excess of a usage over the limits (0 when it fits).
  double excess(const PartUsage &U) const {
    auto over = [](uint64_t Have, uint64_t Max) {
      return Max && Have > Max ? double(Have - Max) / double(Max) : 0.0;
    };
    return over(U.Neurons, L.Neurons) + over(U.SynapseBits, L.SynapseBits) +
           over(U.InAxons, L.InAxons) + over(U.OutAxons, L.OutAxons) +
           over(U.Populations, L.Populations);
  }
  double totalExcess() const {
    double E = 0;
    for (const PartUsage &U : Use)
      E += excess(U);
    return E;
  }

  /// The effect of moving V to B (computed, and applied when Commit).
  Effect move(uint32_t V, uint32_t B, bool Commit) {
    Effect E;
    const uint32_t A = Part[V];
    ++Clock;
    if (A != Unplaced) {
      E.at(A).Neurons -= H.Neurons[V];
      if (groupCount(A, H.Group[V]) == 1)
        E.at(A).Pops -= 1;
    }
    if (B != Unplaced) {
      E.at(B).Neurons += H.Neurons[V];
      if (groupCount(B, H.Group[V]) == 0)
        E.at(B).Pops += 1;
    }
    // Nets with a target in V.
    for (uint64_t K = H.InStart[V]; K < H.InStart[V + 1]; ++K) {
      const uint32_t N = H.InNet[K];
      const uint32_t S = H.PinSyn[H.PinStart[N] + H.InPin[K]];
      Stamp[N] = Clock;
      netEffect(N, V, A, B, S, E, Commit);
    }
    // Nets V is the source of, without a target in V.
    for (uint64_t K = H.OutStart[V]; K < H.OutStart[V + 1]; ++K) {
      const uint32_t N = H.OutNet[K];
      if (Stamp[N] != Clock)
        netEffect(N, V, A, B, 0, E, Commit);
    }
    if (Commit) {
      for (const auto &[P, S] : E.D) {
        PartUsage &U = Use[P];
        U.Neurons += S.Neurons;
        U.SynapseBits += S.Bits;
        U.InAxons += S.In;
        U.OutAxons += S.Out;
        U.Populations += S.Pops;
      }
      if (A != Unplaced)
        --Groups[A][H.Group[V]];
      if (B != Unplaced)
        ++Groups[B][H.Group[V]];
      Part[V] = B;
      Traffic += E.Traffic;
    }
    return E;
  }

  /// The usage of part P after effect E.
  PartUsage after(uint32_t P, const Effect &E) const {
    PartUsage U = Use[P];
    for (const auto &[Q, S] : E.D)
      if (Q == P) {
        U.Neurons += S.Neurons;
        U.SynapseBits += S.Bits;
        U.InAxons += S.In;
        U.OutAxons += S.Out;
        U.Populations += S.Pops;
      }
    return U;
  }
  /// The change of the total excess under effect E.
  double excessChange(const Effect &E) const {
    double D = 0;
    for (const auto &[P, S] : E.D)
      D += excess(after(P, E)) - excess(Use[P]);
    return D;
  }

  /// Parts the nets of V touch, each with the traffic a move of V there would remove
  /// (exact for nets V is a target of; for nets V sources, its own targets in V ignored),
  /// best first.
  void candidates(uint32_t V, std::vector<std::pair<double, uint32_t>> &Out) {
    const uint32_t A = Part[V];
    if (Score.size() < Use.size()) {
      Score.resize(Use.size(), 0.0);
      Seen.resize(Use.size(), 0);
    }
    Touched.clear();
    auto add = [&](uint32_t P, double W) {
      if (!Seen[P]) {
        Seen[P] = 1;
        Touched.push_back(P);
      }
      Score[P] += W;
    };
    // Moving to B saves rate(n) for every net with B already among its parts or B its
    // source's part, and costs rate(n) for every other; leaving A saves rate(n) where V is
    // the net's only pin in A and A is not the source's part.
    double Base = 0;
    for (uint64_t K = H.InStart[V]; K < H.InStart[V + 1]; ++K) {
      const uint32_t N = H.InNet[K];
      if (H.Source[N] == V)
        continue;
      const double R = H.Rate[N];
      const uint32_t Src = H.Source[N] == NoVertex ? Unplaced : Part[H.Source[N]];
      const auto &NP = NetParts[N];
      if (A != Src && synIn(NP, A) == H.PinSyn[H.PinStart[N] + H.InPin[K]])
        Base += R;
      Base -= R;
      // A net spread over many cores says little about where V belongs (and scanning it is
      // what costs): only its source's part is scored.
      bool SrcIn = false;
      if (NP.size() <= MaxScanned)
        for (const auto &[P, S] : NP) {
          add(P, R);
          SrcIn |= P == Src;
        }
      else
        SrcIn = Src != Unplaced && synIn(NP, Src) > 0;
      if (Src != Unplaced && !SrcIn)
        add(Src, R);
    }
    for (uint64_t K = H.OutStart[V]; K < H.OutStart[V + 1]; ++K) {
      const uint32_t N = H.OutNet[K];
      const double R = H.Rate[N];
      const auto &NP = NetParts[N];
      if (synIn(NP, A) > 0)
        Base -= R;
      if (NP.size() <= MaxScanned)
        for (const auto &[P, S] : NP)
          add(P, R);
    }
    Out.clear();
    for (uint32_t P : Touched) {
      if (P != A)
        Out.push_back({Base + Score[P], P});
      Score[P] = 0;
      Seen[P] = 0;
    }
    std::sort(Out.begin(), Out.end(), [](const auto &X, const auto &Y) {
      return X.first != Y.first ? X.first > Y.first : X.second < Y.second;
    });
  }

  /// Whether part P can take an atom of group G without holding one population too many.
  bool admits(uint32_t P, uint32_t G) const {
    return !L.Populations || groupCount(P, G) > 0 || Use[P].Populations < L.Populations;
  }

private:
  uint32_t groupCount(uint32_t P, uint32_t G) const {
    auto It = Groups[P].find(G);
    return It == Groups[P].end() ? 0 : It->second;
  }
  /// The synapses of a net in part P; a net's parts are kept sorted.
  static uint32_t synIn(const std::vector<std::pair<uint32_t, uint32_t>> &NP, uint32_t P) {
    auto It = std::lower_bound(NP.begin(), NP.end(), std::pair<uint32_t, uint32_t>{P, 0});
    return It != NP.end() && It->first == P ? It->second : 0;
  }
  void addSyn(std::vector<std::pair<uint32_t, uint32_t>> &NP, uint32_t P, int64_t D) {
    auto It = std::lower_bound(NP.begin(), NP.end(), std::pair<uint32_t, uint32_t>{P, 0});
    if (It != NP.end() && It->first == P) {
      It->second = uint32_t(int64_t(It->second) + D);
      if (It->second == 0)
        NP.erase(It);
      return;
    }
    NP.insert(It, {P, uint32_t(D)});
  }

  /// The effect on net N of moving V (S synapses of N into V) from A to B.
  void netEffect(uint32_t N, uint32_t V, uint32_t A, uint32_t B, uint32_t S, Effect &E,
                 bool Commit) {
    auto &NP = NetParts[N];
    const bool IsSource = H.Source[N] == V;
    const uint32_t Src = H.Source[N] == NoVertex ? Unplaced : Part[H.Source[N]];
    const uint32_t Src2 = IsSource ? B : Src;
    const uint32_t SA = A == Unplaced ? 0 : synIn(NP, A);
    const uint32_t SB = B == Unplaced ? 0 : synIn(NP, B);
    const uint32_t SA2 = SA - (A == Unplaced ? 0 : S);
    const uint32_t SB2 = SB + (B == Unplaced ? 0 : S);
    const int64_t Lambda = int64_t(NP.size());
    int64_t Lambda2 = Lambda;
    if (S && A != Unplaced && SA2 == 0)
      --Lambda2;
    if (S && B != Unplaced && SB == 0)
      ++Lambda2;
    auto synAfter = [&](uint32_t P) -> uint32_t {
      if (P == Unplaced)
        return 0;
      if (P == A)
        return SA2;
      if (P == B)
        return SB2;
      return synIn(NP, P);
    };
    const int64_t Before = Lambda - (Src != Unplaced && synIn(NP, Src) > 0 ? 1 : 0);
    const int64_t After = Lambda2 - (Src2 != Unplaced && synAfter(Src2) > 0 ? 1 : 0);
    E.Traffic += H.Rate[N] * double(After - Before);
    const unsigned WB = H.WeightBits[N];
    if (S) {
      if (A != Unplaced) {
        E.at(A).Bits += int64_t(L.axonBits(SA2, WB)) - int64_t(L.axonBits(SA, WB));
        E.at(A).In -= SA2 == 0 ? 1 : 0;
      }
      if (B != Unplaced) {
        E.at(B).Bits += int64_t(L.axonBits(SB2, WB)) - int64_t(L.axonBits(SB, WB));
        E.at(B).In += SB == 0 ? 1 : 0;
      }
    }
    // Out-axons: the source's part sends to Lambda parts.
    if (IsSource) {
      if (A != Unplaced)
        E.at(A).Out -= Lambda;
      if (B != Unplaced)
        E.at(B).Out += Lambda2;
    } else if (Src != Unplaced && Lambda2 != Lambda) {
      E.at(Src).Out += Lambda2 - Lambda;
    }
    if (Commit && S) {
      if (A != Unplaced)
        addSyn(NP, A, -int64_t(S));
      if (B != Unplaced)
        addSyn(NP, B, S);
    }
  }

  const Hypergraph &H;
  const CoreLimits &L;
  std::vector<uint32_t> Part;
  std::vector<std::vector<std::pair<uint32_t, uint32_t>>> NetParts; ///< (part, synapses)
  std::vector<uint32_t> Stamp;
  uint32_t Clock = 0;
  std::vector<PartUsage> Use;
  std::vector<std::unordered_map<uint32_t, uint32_t>> Groups;
  size_t MaxScanned;
  std::vector<double> Score;
  std::vector<uint8_t> Seen;
  std::vector<uint32_t> Touched;
  double Traffic = 0;
};

/// Places every atom of P into a State.
void load(State &S, const Partition &P) { S.load(P); }

Partition extract(const State &S, uint32_t Vertices) {
  // Parts renumbered in order of first use, empty ones dropped.
  Partition P;
  std::vector<uint32_t> Map(S.parts(), Unplaced);
  P.PartOf.resize(Vertices);
  for (uint32_t V = 0; V < Vertices; ++V) {
    uint32_t Q = S.partOf(V);
    if (Map[Q] == Unplaced)
      Map[Q] = P.Parts++;
    P.PartOf[V] = Map[Q];
  }
  return P;
}

/// Refinement passes on S; returns the traffic removed.
double refineState(const Hypergraph &H, State &S, unsigned MaxPasses, uint32_t Seed,
                   uint32_t MaxParts) {
  Rng R(Seed);
  std::vector<uint32_t> Order(H.vertices());
  std::iota(Order.begin(), Order.end(), 0);
  std::vector<std::pair<double, uint32_t>> Cands;
  const double Start = S.trafficTotal();
  // Sweeps that only repair (atoms on cores over a limit) come first; then passes over every
  // atom, and after the first only over atoms next to a moved atom.
  std::vector<uint8_t> Active(H.vertices(), 1), Next(H.vertices(), 0);
  unsigned Repairs = 0;
  for (unsigned Pass = 0; Pass < MaxPasses; ++Pass) {
    R.shuffle(Order);
    const bool RepairOnly = Repairs < 4 && S.totalExcess() > 0;
    if (RepairOnly) {
      ++Repairs;
      --Pass;
    }
    const double Before = S.trafficTotal(), ExcessBefore = S.totalExcess();
    if (!RepairOnly)
      std::fill(Next.begin(), Next.end(), 0);
    auto wake = [&](uint32_t V) {
      for (uint64_t K = H.InStart[V]; K < H.InStart[V + 1]; ++K) {
        const uint32_t N = H.InNet[K];
        if (H.Source[N] != NoVertex)
          Next[H.Source[N]] = 1;
      }
      for (uint64_t K = H.OutStart[V]; K < H.OutStart[V + 1]; ++K) {
        const uint32_t N = H.OutNet[K];
        for (uint64_t J = H.PinStart[N]; J < H.PinStart[N + 1]; ++J)
          Next[H.Pins[J]] = 1;
      }
    };
    for (uint32_t V : Order) {
      const uint32_t A = S.partOf(V);
      const bool Over = S.excess(S.usage(A)) > 0;
      if (RepairOnly ? !Over : (!Active[V] && !Over))
        continue;
      S.candidates(V, Cands);
      // Only moves that remove traffic are tried, unless the core breaks a limit.
      while (!Over && !Cands.empty() && Cands.back().first <= 1e-9)
        Cands.pop_back();
      if (Cands.size() > 3)
        Cands.resize(3);
      if (!Over && Cands.empty())
        continue;
      if (Over) {
        // Also the emptiest parts; a new part only when the target has cores left and no
        // existing part can take the atom.
        uint32_t Emptiest = Unplaced;
        for (uint32_t P = 0; P < S.parts(); ++P)
          if (P != A && S.admits(P, H.Group[V]) &&
              (Emptiest == Unplaced || S.usage(P).Neurons < S.usage(Emptiest).Neurons))
            Emptiest = P;
        if (Emptiest != Unplaced)
          Cands.push_back({0, Emptiest});
      }
      uint32_t Best = Unplaced;
      double BestExcess = 0, BestTraffic = 0;
      for (const auto &[Score, B] : Cands) {
        Effect E = S.move(V, B, false);
        double DE = S.excessChange(E);
        // Never break a limit that holds; lower the excess first, then the traffic.
        bool Breaks = false;
        for (const auto &[P, D] : E.D)
          Breaks |= S.excess(S.usage(P)) == 0 && S.excess(S.after(P, E)) > 0;
        if (Breaks)
          continue;
        bool Better = DE < -1e-12 || (DE <= 1e-12 && E.Traffic < -1e-9);
        if (!Better)
          continue;
        if (Best == Unplaced || DE < BestExcess - 1e-12 ||
            (DE <= BestExcess + 1e-12 && E.Traffic < BestTraffic)) {
          Best = B;
          BestExcess = DE;
          BestTraffic = E.Traffic;
        }
      }
      if (Best == Unplaced && Over && S.parts() < MaxParts &&
          S.excess(S.usage(A)) > 0) {
        // No part takes it: a new core.
        S.grow(S.parts() + 1);
        Effect E = S.move(V, S.parts() - 1, false);
        if (S.excessChange(E) < -1e-12)
          Best = S.parts() - 1;
        else
          S.grow(S.parts() - 1); // an empty core that helps nothing is not kept
      }
      if (Best != Unplaced) {
        S.move(V, Best, true);
        if (!RepairOnly) {
          Next[V] = 1;
          wake(V);
        }
      }
    }
    if (RepairOnly)
      continue;
    Active.swap(Next);
    const double Gain = Before - S.trafficTotal();
    if (S.totalExcess() >= ExcessBefore - 1e-12 && Gain <= 2e-3 * std::max(Before, 1e-9))
      break;
  }
  return Start - S.trafficTotal();
}

} // namespace

double refine(const Hypergraph &H, const CoreLimits &L, Partition &P, unsigned MaxPasses,
              uint32_t Seed) {
  State S(H, L, P.Parts);
  load(S, P);
  double Gain = refineState(H, S, MaxPasses, Seed, P.Parts);
  P = extract(S, H.vertices());
  return Gain;
}

std::optional<Partition> partitionConnected(const Hypergraph &H, const CoreLimits &L,
                                            const PartitionOptions &O, std::string &Why) {
  if (H.vertices() == 0)
    return Partition{{}, 0};
  const uint32_t Max = O.MaxParts ? O.MaxParts : UINT32_MAX;
  // With one population per core the populations are cut apart; otherwise METIS cuts the
  // whole network. A partition that still breaks a limit is retried with more cores.
  const bool Grouped = L.Populations == 1;
  std::string Binding;
  const uint32_t Bound = std::max<uint32_t>(1, lowerBound(H, L, &Binding));
  // Synapses are a second balance constraint where neurons do not bind.
  const bool NeuronsBind = Binding == "neurons";
  // Beyond 4 million pins a pass costs seconds and gains little: two.
  const unsigned Passes = H.Pins.size() > 4000000 ? std::min(2u, O.MaxPasses) : O.MaxPasses;
  // Input axons grow less than in proportion to a core's neurons (sources are shared), so the
  // cores a network needs can be many times the lower bound: after a failed try the cores grow
  // with the worst core's overshoot (up to 4 times). A fit with more than 1.5 times the cores
  // of the last failure tries once the cores between (their geometric mean).
  uint64_t Want = Bound;
  uint32_t Failed = 0;
  std::optional<Partition> Best;
  for (unsigned Try = 0;; ++Try) {
    const double Scale = double(Want) / double(Bound);
    Partition Init = Grouped ? groupedPartition(H, L, Scale, O.Seed + Try, NeuronsBind)
                             : metisPartition(H, uint32_t(std::min<uint64_t>(Want, UINT32_MAX)),
                                              O.Seed + Try, NeuronsBind);
    bool Fits = false;
    double Worst = 1;
    if (Init.Parts <= Max) {
      State S(H, L, Init.Parts);
      load(S, Init);
      auto worst = [&] {
        double W = 1;
        auto ratio = [](uint64_t Have, uint64_t Limit) {
          return Limit ? double(Have) / double(Limit) : 0.0;
        };
        for (uint32_t K = 0; K < S.parts(); ++K) {
          const PartUsage &U = S.usage(K);
          W = std::max({W, ratio(U.Neurons, L.Neurons), ratio(U.SynapseBits, L.SynapseBits),
                        ratio(U.InAxons, L.InAxons), ratio(U.OutAxons, L.OutAxons)});
        }
        return W;
      };
      // Far over a limit, refinement cannot repair a large network: more cores at once (small
      // ones are cheap to repair, and METIS may balance a small graph badly).
      Worst = worst();
      if (Worst <= FarOver || H.Pins.size() < SmallPins) {
        // A quick repair and two passes on these cores say whether it fits; a fit is refined
        // to the end.
        refineState(H, S, std::min(2u, Passes), O.Seed + Try, Init.Parts);
        Fits = S.totalExcess() == 0;
        if (Fits && Passes > 2)
          refineState(H, S, Passes, O.Seed + Try + 1000, Init.Parts);
        Worst = Fits ? 1 : worst();
      }
      if (Fits) {
        Partition P = extract(S, H.vertices());
        if (Best)
          return P.Parts < Best->Parts ? P : *Best;
        if (!Failed || P.Parts * 2 <= Failed * 3)
          return P;
        Want = uint64_t(std::ceil(std::sqrt(double(Failed) * double(P.Parts))));
        Best = std::move(P);
        continue;
      }
    }
    if (Best)
      return Best;
    Failed = std::max(Failed, Init.Parts);
    if (Init.Parts >= Max || Try >= 40) {
      Why = Init.Parts > Max ? "more than " + std::to_string(Max) + " cores"
            : O.MaxParts     ? "no partition into " + std::to_string(Max) + " cores within the limits"
                             : std::string("no partition within the limits");
      return std::nullopt;
    }
    const double Grow = std::clamp(Worst, Try == 0 ? 1.03 : 1.08, 4.0);
    Want = std::min<uint64_t>(Max, std::max<uint64_t>(Want + 1, uint64_t(std::ceil(double(Want) * Grow))));
  }
}

std::optional<Partition> partitionInOrder(const Hypergraph &H, const CoreLimits &L,
                                          std::string &Why, bool Mix) {
  // Cores are filled one after another, so a net's synapses on the current core are counted
  // with the core it last reached. Out-axons depend on where later atoms go: checked at the end.
  Partition P;
  P.PartOf.assign(H.vertices(), 0);
  std::vector<uint32_t> LastPart(H.nets(), UINT32_MAX), SynCur(H.nets(), 0);
  PartUsage U;
  std::vector<uint32_t> GroupsHere;
  uint32_t Current = UINT32_MAX;
  auto fits = [&](const PartUsage &X) {
    return (!L.Neurons || X.Neurons <= L.Neurons) &&
           (!L.SynapseBits || X.SynapseBits <= L.SynapseBits) &&
           (!L.InAxons || X.InAxons <= L.InAxons) &&
           (!L.Populations || X.Populations <= L.Populations);
  };
  auto with = [&](uint32_t V, uint32_t Part) {
    PartUsage X = U;
    X.Neurons += H.Neurons[V];
    if (std::find(GroupsHere.begin(), GroupsHere.end(), H.Group[V]) == GroupsHere.end())
      X.Populations += 1;
    for (uint64_t K = H.InStart[V]; K < H.InStart[V + 1]; ++K) {
      const uint32_t N = H.InNet[K];
      const uint32_t S = H.PinSyn[H.PinStart[N] + H.InPin[K]];
      const uint32_t Have = LastPart[N] == Part ? SynCur[N] : 0;
      if (!Have)
        X.InAxons += 1;
      X.SynapseBits += L.axonBits(Have + S, H.WeightBits[N]) - L.axonBits(Have, H.WeightBits[N]);
    }
    return X;
  };
  for (uint32_t V = 0; V < H.vertices(); ++V) {
    bool Same = Current != UINT32_MAX && (Mix || H.Group[V] == H.Group[V - 1]);
    PartUsage X;
    if (Same) {
      X = with(V, Current);
      Same = fits(X);
    }
    if (!Same) {
      Current = Current == UINT32_MAX ? 0 : Current + 1;
      U = PartUsage();
      GroupsHere.clear();
      X = with(V, Current);
      if (!fits(X)) {
        Why = "an atom alone breaks a core limit";  // not reached: prepare() sizes atoms
        return std::nullopt;
      }
    }
    U = X;
    if (std::find(GroupsHere.begin(), GroupsHere.end(), H.Group[V]) == GroupsHere.end())
      GroupsHere.push_back(H.Group[V]);
    for (uint64_t K = H.InStart[V]; K < H.InStart[V + 1]; ++K) {
      const uint32_t N = H.InNet[K];
      const uint32_t S = H.PinSyn[H.PinStart[N] + H.InPin[K]];
      if (LastPart[N] != Current) {
        LastPart[N] = Current;
        SynCur[N] = 0;
      }
      SynCur[N] += S;
    }
    P.PartOf[V] = Current;
  }
  P.Parts = Current == UINT32_MAX ? 0 : Current + 1;
  for (const PartUsage &X : usage(H, P, L))
    if (brokenLimit(X, L)) {
      Why = std::string("in order, a core breaks [") + brokenLimit(X, L) + "]";
      return std::nullopt;
    }
  return P;
}

std::optional<Partition> partitionRandom(const Hypergraph &H, const CoreLimits &L, uint32_t Parts,
                                         uint32_t Seed, std::string &Why) {
  Rng R(Seed);
  State S(H, L, std::max<uint32_t>(Parts, 1));
  std::vector<uint32_t> Order(H.vertices());
  std::iota(Order.begin(), Order.end(), 0);
  R.shuffle(Order);
  std::vector<uint32_t> Cores;
  for (uint32_t V : Order) {
    Cores.resize(S.parts());
    std::iota(Cores.begin(), Cores.end(), 0);
    R.shuffle(Cores);
    bool Placed = false;
    for (uint32_t P : Cores) {
      Effect E = S.move(V, P, false);
      if (S.excess(S.after(P, E)) == 0 && S.excessChange(E) <= 0) {
        S.move(V, P, true);
        Placed = true;
        break;
      }
    }
    if (!Placed) {
      // A fresh core; it may still break a limit of a source's core (out-axons).
      S.grow(S.parts() + 1);
      S.move(V, S.parts() - 1, true);
    }
  }
  if (S.totalExcess() > 0) {
    for (uint32_t P = 0; P < S.parts(); ++P)
      if (const char *Rule = brokenLimit(S.usage(P), L)) {
        Why = std::string("a core breaks [") + Rule + "]";
        break;
      }
    return std::nullopt;
  }
  return extract(S, H.vertices());
}

} // namespace snn::mapping
