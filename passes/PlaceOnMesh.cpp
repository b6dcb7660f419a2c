//===- passes/PlaceOnMesh.cpp - cores onto the mesh, near the cores they talk to ------------===//
//
// Chip targets: after partition-onto-cores, moves each core of the partition table (with all
// its slices) to a (chip, core) of the target so that the spikes between cores travel few
// router hops: the sum over core pairs of traffic (spikes per second, passes/Mapping.h) times
// hops (TargetDesc::hops: Manhattan on a mesh of chips, SpiNNaker's hexagonal links between
// chips) is what it lowers. Cores are first laid along a serpentine path through the chips'
// grid in the order a greedy walk of the traffic graph visits them (each next core the one
// with most traffic to those already laid); then pairwise swaps, with the cores near each
// core's heaviest partners and with free places, are kept while they lower the cost.
//
//   before:  core 0 0 a [0:250]   core 0 1 b [0:250]   (a and b exchange most spikes)
//   after:   core 0 0 a [0:250]   core 0 8 b [0:250]   (neighbours on an 8-wide mesh)
//
//===----------------------------------------------------------------------------------------===//
#include "passes/MappingSetup.h"
#include "passes/Passes.h"

#include <metis.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

namespace snn {

namespace {

struct Place {
  uint32_t Chip, Core;
};

/// Every (chip, core) of the target along a serpentine path: chips by rows of the board, and
/// on a mesh the rows of the grid all chips' cores make, so that neighbours on the path are
/// neighbours on the chip.
std::vector<Place> serpentine(const support::TargetDesc &T) {
  std::vector<std::tuple<int64_t, int64_t, Place>> P;
  for (uint32_t C = 0; C < T.Chips; ++C) {
    auto [X, Y] = T.chipPosition(C);
    for (uint32_t K = 0; K < T.CoresPerChip; ++K) {
      int64_t GX = X, GY = Y;
      if (T.Links == support::ChipLinks::Mesh && T.MeshWidth) {
        GX = int64_t(X) * T.MeshWidth + K % T.MeshWidth;
        GY = int64_t(Y) * std::max<unsigned>(1, T.MeshHeight) + K / T.MeshWidth;
      } else {
        // Cores of one chip share its router: keep them together along the path.
        GX = int64_t(X) * T.CoresPerChip + K;
      }
      P.push_back({GY, GX, {C, K}});
    }
  }
  std::sort(P.begin(), P.end(), [](const auto &A, const auto &B) {
    if (std::get<0>(A) != std::get<0>(B))
      return std::get<0>(A) < std::get<0>(B);
    // Odd rows run backwards.
    return (std::get<0>(A) & 1) ? std::get<1>(A) > std::get<1>(B) : std::get<1>(A) < std::get<1>(B);
  });
  std::vector<Place> Out;
  for (const auto &E : P)
    Out.push_back(std::get<2>(E));
  return Out;
}

/// Swaps weigh each core's traffic with this many of its heaviest partners.
constexpr size_t MaxPartners = 32;

using Adjacency = std::vector<std::vector<std::pair<uint32_t, double>>>;

/// Places Parts into Slots (at least as many): halves the slots across their longer side,
/// cuts the parts into two groups of proportional sizes with the least traffic between them
/// (METIS), and recurses.
template <typename Coord>
void bisect(const std::vector<uint32_t> &Parts, std::vector<uint32_t> Slots, const Adjacency &Adj,
            const Coord &coord, bool Hex, std::vector<uint32_t> &SlotOf,
            std::vector<uint32_t> &PartAt) {
  if (Parts.empty())
    return;
  auto same = [&]() {
    for (uint32_t S : Slots)
      if (coord(S) != coord(Slots.front()))
        return false;
    return true;
  };
  if (Parts.size() == 1 || Slots.size() == Parts.size() || (Hex && same())) {
    // Slots in path order (a chip's cores, or places that cost the same).
    std::sort(Slots.begin(), Slots.end());
    for (size_t I = 0; I < Parts.size(); ++I) {
      SlotOf[Parts[I]] = Slots[I];
      PartAt[Slots[I]] = Parts[I];
    }
    return;
  }
  int64_t MinX = INT64_MAX, MaxX = INT64_MIN, MinY = INT64_MAX, MaxY = INT64_MIN;
  for (uint32_t S : Slots) {
    auto [X, Y] = coord(S);
    MinX = std::min(MinX, X), MaxX = std::max(MaxX, X);
    MinY = std::min(MinY, Y), MaxY = std::max(MaxY, Y);
  }
  const bool AlongX = MaxX - MinX >= MaxY - MinY;
  std::stable_sort(Slots.begin(), Slots.end(), [&](uint32_t A, uint32_t B) {
    auto CA = coord(A), CB = coord(B);
    return AlongX ? std::make_pair(CA.first, CA.second) < std::make_pair(CB.first, CB.second)
                  : std::make_pair(CA.second, CA.first) < std::make_pair(CB.second, CB.first);
  });
  // Halve at the median coordinate (places with one coordinate stay together).
  size_t Half = Slots.size() / 2;
  auto key = [&](uint32_t S) { return AlongX ? coord(S).first : coord(S).second; };
  while (Half > 0 && Half < Slots.size() && key(Slots[Half]) == key(Slots[Half - 1]))
    ++Half;
  if (Half == Slots.size()) {
    Half = Slots.size() / 2;
    while (Half > 0 && key(Slots[Half]) == key(Slots[Half - 1]))
      --Half;
  }
  if (Half == 0)
    Half = Slots.size() / 2;
  std::vector<uint32_t> S1(Slots.begin(), Slots.begin() + Half), S2(Slots.begin() + Half, Slots.end());
  // Group sizes in proportion to the halves, within their room.
  const size_t NP = Parts.size();
  size_t N1 = std::min(S1.size(), (NP * S1.size() + Slots.size() / 2) / Slots.size());
  if (NP - N1 > S2.size())
    N1 = NP - S2.size();
  // METIS on the traffic among these parts.
  std::unordered_map<uint32_t, uint32_t> Local;
  for (size_t I = 0; I < NP; ++I)
    Local[Parts[I]] = uint32_t(I);
  std::vector<idx_t> Xadj(NP + 1, 0), Adjncy, Wgt;
  double MaxW = 0;
  for (uint32_t A : Parts)
    for (const auto &[B, X] : Adj[A])
      MaxW = std::max(MaxW, X);
  for (size_t I = 0; I < NP; ++I) {
    for (const auto &[B, X] : Adj[Parts[I]]) {
      auto It = Local.find(B);
      if (It == Local.end())
        continue;
      Adjncy.push_back(idx_t(It->second));
      Wgt.push_back(idx_t(1 + std::lround(999.0 * X / (MaxW > 0 ? MaxW : 1))));
    }
    Xadj[I + 1] = idx_t(Adjncy.size());
  }
  std::vector<idx_t> Side(NP, 0);
  if (N1 > 0 && N1 < NP && !Adjncy.empty()) {
    idx_t NV = idx_t(NP), NCon = 1, Two = 2, Obj = 0;
    real_t Tp[2] = {real_t(double(N1) / double(NP)), real_t(double(NP - N1) / double(NP))};
    real_t Ub = 1.001f;
    idx_t Opt[METIS_NOPTIONS];
    METIS_SetDefaultOptions(Opt);
    Opt[METIS_OPTION_SEED] = 1;
    if (METIS_PartGraphRecursive(&NV, &NCon, Xadj.data(), Adjncy.data(), nullptr, nullptr,
                                 Wgt.data(), &Two, Tp, &Ub, Opt, &Obj, Side.data()) != METIS_OK)
      std::fill(Side.begin(), Side.end(), 0);
  }
  // Exact sizes: move the parts with the least traffic to their own side across.
  auto pullTo = [&](size_t I, idx_t S) {
    double W = 0;
    for (const auto &[B, X] : Adj[Parts[I]]) {
      auto It = Local.find(B);
      if (It != Local.end() && Side[It->second] == S)
        W += X;
    }
    return W;
  };
  for (;;) {
    size_t In1 = size_t(std::count(Side.begin(), Side.end(), 0));
    if (In1 == N1)
      break;
    const idx_t From = In1 > N1 ? 0 : 1;
    size_t Best = NP;
    double BestKeep = 0;
    for (size_t I = 0; I < NP; ++I)
      if (Side[I] == From) {
        double Keep = pullTo(I, From) - pullTo(I, 1 - From);
        if (Best == NP || Keep < BestKeep) {
          Best = I;
          BestKeep = Keep;
        }
      }
    Side[Best] = 1 - From;
  }
  std::vector<uint32_t> P1, P2;
  for (size_t I = 0; I < NP; ++I)
    (Side[I] == 0 ? P1 : P2).push_back(Parts[I]);
  bisect(P1, S1, Adj, coord, Hex, SlotOf, PartAt);
  bisect(P2, S2, Adj, coord, Hex, SlotOf, PartAt);
}

class PlaceOnMesh : public Pass {
public:
  llvm::StringRef name() const override { return "place-on-mesh"; }
  PassResult run(ir::Network &N, PassContext &Ctx) override {
    PassResult R;
    const support::TargetDesc &T = Ctx.Target;
    if (!T.isChip() || N.Cores.empty())
      return R;
    std::optional<mapping::Prepared> M = mapping::prepare(N, T, Ctx.MeasuredRates, Ctx.Diags);
    if (!M) {
      R.Failed = true;
      return R;
    }
    std::optional<mapping::Partition> P = mapping::partitionOf(N, T, M->H);
    if (!P || P->Parts < 2)
      return R; // a table that splits atoms is placed as it is
    const uint32_t K = P->Parts;
    // Traffic between cores, both ways.
    std::vector<std::unordered_map<uint32_t, double>> W(K);
    std::vector<uint32_t> Parts;
    for (uint32_t Net = 0; Net < M->H.nets(); ++Net) {
      if (M->H.Source[Net] == mapping::NoVertex)
        continue;
      const uint32_t Src = P->PartOf[M->H.Source[Net]];
      Parts.clear();
      for (uint64_t J = M->H.PinStart[Net]; J < M->H.PinStart[Net + 1]; ++J)
        Parts.push_back(P->PartOf[M->H.Pins[J]]);
      std::sort(Parts.begin(), Parts.end());
      Parts.erase(std::unique(Parts.begin(), Parts.end()), Parts.end());
      for (uint32_t Q : Parts)
        if (Q != Src) {
          W[Src][Q] += M->H.Rate[Net];
          W[Q][Src] += M->H.Rate[Net];
        }
    }
    std::vector<std::vector<std::pair<uint32_t, double>>> Adj(K);
    for (uint32_t A = 0; A < K; ++A) {
      Adj[A].assign(W[A].begin(), W[A].end());
      std::sort(Adj[A].begin(), Adj[A].end(), [](const auto &X, const auto &Y) {
        return X.second != Y.second ? X.second > Y.second : X.first < Y.first;
      });
    }
    // Places, and their coordinates for bisection.
    std::vector<Place> Path = serpentine(T);
    if (Path.size() < K)
      return R;
    const bool Hex = T.Links == support::ChipLinks::Hexagonal || !T.MeshWidth;
    auto coord = [&](uint32_t S) -> std::pair<int64_t, int64_t> {
      auto [X, Y] = T.chipPosition(Path[S].Chip);
      if (Hex)
        return {X, Y};
      return {int64_t(X) * T.MeshWidth + Path[S].Core % T.MeshWidth,
              int64_t(Y) * std::max<unsigned>(1, T.MeshHeight) + Path[S].Core / T.MeshWidth};
    };
    std::vector<uint32_t> SlotOf(K, UINT32_MAX), PartAt(Path.size(), UINT32_MAX);
    // The places used: the first K along the path (whole chips where a chip's cores share a
    // router), a compact region, rather than all the board.
    uint32_t Used = K;
    if (Hex)
      Used = std::min<uint32_t>(uint32_t(Path.size()),
                                (K + T.CoresPerChip - 1) / T.CoresPerChip * T.CoresPerChip);
    std::vector<uint32_t> AllParts(K), AllSlots(Used);
    for (uint32_t I = 0; I < K; ++I)
      AllParts[I] = I;
    for (uint32_t I = 0; I < Used; ++I)
      AllSlots[I] = I;
    bisect(AllParts, AllSlots, Adj, coord, Hex, SlotOf, PartAt);
    auto hops = [&](uint32_t SA, uint32_t SB) {
      return double(T.hops(Path[SA].Chip, Path[SA].Core, Path[SB].Chip, Path[SB].Core));
    };
    // The cost of part A at slot S, against its heaviest partners but Skip (the rest of a core
    // that talks to every other adds nearly the same wherever it sits).
    auto costAt = [&](uint32_t A, uint32_t S, uint32_t Skip) {
      double C = 0;
      for (size_t I = 0; I < Adj[A].size() && I < MaxPartners; ++I)
        if (Adj[A][I].first != Skip)
          C += Adj[A][I].second * hops(S, SlotOf[Adj[A][I].first]);
      return C;
    };
    // Slots near a slot: on the path within a window, which on a serpentine holds the grid
    // neighbours of the row and those of the rows above and below within reach.
    const uint32_t Window = std::max<uint32_t>(T.Links == support::ChipLinks::Mesh && T.MeshWidth
                                                   ? 2 * T.MeshWidth
                                                   : 2 * T.CoresPerChip,
                                               8);
    for (unsigned Pass = 0; Pass < 4; ++Pass) {
      bool Moved = false;
      for (uint32_t A = 0; A < K; ++A) {
        // Candidate slots: around the slots of A's heaviest partners.
        std::vector<uint32_t> Cand;
        for (size_t I = 0; I < Adj[A].size() && I < 4; ++I) {
          const uint32_t S = SlotOf[Adj[A][I].first];
          const uint32_t Lo = S > Window ? S - Window : 0;
          const uint32_t Hi = std::min<uint32_t>(uint32_t(Path.size()), S + Window + 1);
          for (uint32_t X = Lo; X < Hi; ++X)
            Cand.push_back(X);
        }
        std::sort(Cand.begin(), Cand.end());
        Cand.erase(std::unique(Cand.begin(), Cand.end()), Cand.end());
        const uint32_t SA = SlotOf[A];
        double BestGain = 1e-9;
        uint32_t BestSlot = UINT32_MAX;
        for (uint32_t SB : Cand) {
          if (SB == SA)
            continue;
          const uint32_t B = PartAt[SB];
          double Before = costAt(A, SA, B), After = costAt(A, SB, B);
          if (B != UINT32_MAX) {
            Before += costAt(B, SB, A);
            After += costAt(B, SA, A);
          }
          if (Before - After > BestGain) {
            BestGain = Before - After;
            BestSlot = SB;
          }
        }
        if (BestSlot == UINT32_MAX)
          continue;
        const uint32_t B = PartAt[BestSlot];
        PartAt[BestSlot] = A;
        PartAt[SA] = B;
        SlotOf[A] = BestSlot;
        if (B != UINT32_MAX)
          SlotOf[B] = SA;
        Moved = true;
      }
      if (!Moved)
        break;
    }
    // The table with each core's new place.
    std::map<std::pair<uint32_t, uint32_t>, uint32_t> PartOfCore;
    {
      std::map<std::pair<uint32_t, uint32_t>, uint32_t> Index;
      for (const ir::CoreSlice &S : N.Cores)
        Index[{S.Chip, S.Core}] = 0;
      uint32_t I = 0;
      for (auto &[Key, V] : Index)
        V = I++;
      PartOfCore = Index;
    }
    for (ir::CoreSlice &S : N.Cores) {
      const Place &To = Path[SlotOf[PartOfCore[{S.Chip, S.Core}]]];
      R.Changed |= S.Chip != To.Chip || S.Core != To.Core;
      S.Chip = To.Chip;
      S.Core = To.Core;
    }
    std::stable_sort(N.Cores.begin(), N.Cores.end(), [](const ir::CoreSlice &A,
                                                        const ir::CoreSlice &B) {
      return A.Chip != B.Chip ? A.Chip < B.Chip : A.Core < B.Core;
    });
    return R;
  }
};

} // namespace

std::unique_ptr<Pass> createPlaceOnMeshPass() { return std::make_unique<PlaceOnMesh>(); }

} // namespace snn
