//===- support/KeyRouting.cpp - SpiNNaker-style multicast routing tables --------------------===//
#include "support/KeyRouting.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_set>

namespace snn::support::routing {

namespace {

std::string hex(uint32_t K) {
  char Buf[16];
  std::snprintf(Buf, sizeof Buf, "0x%08x", unsigned(K));
  return Buf;
}

constexpr int DX[NumLinks] = {1, 1, 0, -1, -1, 0};
constexpr int DY[NumLinks] = {0, 1, 1, 0, -1, -1};

/// The chips by position, and each chip's position.
struct Grid {
  std::map<std::pair<int, int>, unsigned> At;
  std::vector<std::pair<int, int>> Pos;
  bool Hex = false;

  explicit Grid(const TargetDesc &T) : Hex(T.Links == ChipLinks::Hexagonal) {
    for (unsigned C = 0; C < T.Chips; ++C) {
      Pos.push_back(T.chipPosition(C));
      At[Pos.back()] = C;
    }
  }
  /// The chip one link away, or -1.
  long next(unsigned Chip, unsigned Link) const {
    if (!Hex && (Link == 1 || Link == 4))
      return -1;
    auto It = At.find({Pos[Chip].first + DX[Link], Pos[Chip].second + DY[Link]});
    return It == At.end() ? -1 : long(It->second);
  }
  /// A shortest path from A to B as links, through chips that exist; empty when A == B;
  /// nothing when no order of the moves stays on the board.
  std::optional<std::vector<unsigned>> path(unsigned A, unsigned B) const {
    int Dx = Pos[B].first - Pos[A].first, Dy = Pos[B].second - Pos[A].second;
    int Diag = 0;
    if (Hex && ((Dx > 0 && Dy > 0) || (Dx < 0 && Dy < 0))) {
      Diag = std::min(std::abs(Dx), std::abs(Dy)) * (Dx > 0 ? 1 : -1);
      Dx -= Diag;
      Dy -= Diag;
    }
    struct Move {
      unsigned Link;
      int Count;
    };
    const Move D{Diag > 0 ? 1u : 4u, std::abs(Diag)}, X{Dx > 0 ? 0u : 3u, std::abs(Dx)},
        Y{Dy > 0 ? 2u : 5u, std::abs(Dy)};
    const Move Orders[6][3] = {{D, X, Y}, {X, Y, D}, {X, D, Y}, {Y, D, X}, {D, Y, X}, {Y, X, D}};
    for (const auto &O : Orders) {
      std::vector<unsigned> Links;
      long C = A;
      bool Ok = true;
      for (const Move &M : O)
        for (int I = 0; I < M.Count && Ok; ++I) {
          C = next(unsigned(C), M.Link);
          Ok = C >= 0;
          Links.push_back(M.Link);
        }
      if (Ok)
        return Links;
    }
    return std::nullopt;
  }
};

} // namespace

uint32_t keyOf(int X, int Y, unsigned P, uint32_t N) {
  return uint32_t(X & 0xFF) << 24 | uint32_t(Y & 0xFF) << 16 |
         uint32_t(P & ((1u << CoreBits) - 1)) << NeuronBits | (N & ((1u << NeuronBits) - 1));
}

std::vector<std::pair<uint32_t, uint32_t>> coverIndices(const std::vector<uint32_t> &Sorted) {
  std::vector<std::pair<uint32_t, uint32_t>> Out;
  size_t I = 0;
  while (I < Sorted.size()) {
    // The longest run of consecutive indices from Sorted[I], cut into aligned blocks.
    size_t J = I + 1;
    while (J < Sorted.size() && Sorted[J] == Sorted[J - 1] + 1)
      ++J;
    uint32_t Lo = Sorted[I];
    const uint64_t Hi = uint64_t(Sorted[J - 1]) + 1;
    while (Lo < Hi) {
      uint32_t Size = Lo ? (Lo & (~Lo + 1)) : (1u << 31);
      while (Lo + uint64_t(Size) > Hi)
        Size >>= 1;
      Out.push_back({Lo, Size});
      Lo += Size;
    }
    I = J;
  }
  return Out;
}

std::vector<std::vector<Entry>> buildTables(const TargetDesc &T, const std::vector<Multicast> &M,
                                            std::string &Error) {
  const Grid G(T);
  std::vector<std::vector<Entry>> Tables(T.Chips);
  // Per chip of the tree: the direction the packet travels in on arrival (-1 at the source),
  // its outgoing links and cores.
  struct Node {
    int Arrival = -1;
    uint32_t Route = 0;
  };
  for (const Multicast &Mc : M) {
    std::map<unsigned, Node> Tree;
    Tree[Mc.Chip];
    std::vector<std::pair<unsigned, unsigned>> Targets = Mc.Targets;
    std::sort(Targets.begin(), Targets.end());
    for (const auto &[Chip, Core] : Targets) {
      if (!Tree.count(Chip)) {
        std::optional<std::vector<unsigned>> Links = G.path(Mc.Chip, Chip);
        if (!Links) {
          Error = "no path on the board from chip " + std::to_string(Mc.Chip) + " to chip " +
                  std::to_string(Chip);
          return {};
        }
        // The chips of the path; attach at the last one already in the tree.
        std::vector<unsigned> Chips{Mc.Chip};
        for (unsigned L : *Links)
          Chips.push_back(unsigned(G.next(Chips.back(), L)));
        size_t J = Chips.size() - 1;
        while (!Tree.count(Chips[J]))
          --J;
        for (size_t I = J; I + 1 < Chips.size(); ++I) {
          Tree[Chips[I]].Route |= 1u << (*Links)[I];
          Tree[Chips[I + 1]].Arrival = int((*Links)[I]);
        }
      }
      Tree[Chip].Route |= 1u << (NumLinks + Core);
    }
    for (const auto &[Chip, N] : Tree) {
      const bool Straight = N.Arrival >= 0 && N.Route == 1u << N.Arrival;
      if (!Straight && N.Route)
        Tables[Chip].push_back({Mc.Key, Mc.Mask, N.Route});
    }
  }
  return Tables;
}

void compress(std::vector<Entry> &Table) {
  for (bool Merged = true; Merged;) {
    Merged = false;
    // Entries by (route, mask); within a group, pairs whose keys differ in one masked bit.
    std::map<std::pair<uint32_t, uint32_t>, std::set<uint32_t>> Groups;
    for (const Entry &E : Table)
      Groups[{E.Route, E.Mask}].insert(E.Key);
    std::vector<Entry> Out;
    for (auto &[RM, Keys] : Groups) {
      const auto [Route, Mask] = RM;
      std::set<uint32_t> Left = Keys;
      for (uint32_t Bit = 1; Bit; Bit <<= 1) {
        if (!(Mask & Bit))
          continue;
        for (auto It = Left.begin(); It != Left.end();) {
          const uint32_t K = *It;
          if (!(K & Bit) && Left.count(K | Bit)) {
            Left.erase(K | Bit);
            It = Left.erase(It);
            Out.push_back({K, Mask & ~Bit, Route});
            Merged = true;
          } else {
            ++It;
          }
        }
      }
      for (uint32_t K : Left)
        Out.push_back({K, Mask, Route});
    }
    Table = std::move(Out);
  }
  std::sort(Table.begin(), Table.end(), [](const Entry &A, const Entry &B) {
    return std::tie(A.Key, A.Mask, A.Route) < std::tie(B.Key, B.Mask, B.Route);
  });
}

std::vector<std::pair<unsigned, unsigned>> walk(const TargetDesc &T,
                                                const std::vector<std::vector<Entry>> &Tables,
                                                unsigned Chip, uint32_t Key, std::string &Error) {
  const Grid G(T);
  std::vector<std::pair<unsigned, unsigned>> Reached;
  std::vector<std::pair<unsigned, int>> Queue{{Chip, -1}};
  std::unordered_set<unsigned> Seen;
  while (!Queue.empty()) {
    auto [C, Arrival] = Queue.back();
    Queue.pop_back();
    if (!Seen.insert(C).second) {
      Error = "key " + hex(Key) + " reaches chip " + std::to_string(C) + " twice";
      continue;
    }
    const Entry *Match = nullptr;
    if (C < Tables.size())
      for (const Entry &E : Tables[C])
        if ((Key & E.Mask) == E.Key) {
          Match = &E;
          break;
        }
    uint32_t Route;
    if (Match) {
      Route = Match->Route;
    } else if (Arrival >= 0) {
      Route = 1u << Arrival; // default routing: straight on
    } else {
      Error = "key " + hex(Key) + " matches no entry of chip " + std::to_string(C) +
              ", where it is sent";
      continue;
    }
    for (unsigned L = 0; L < NumLinks; ++L)
      if (Route & (1u << L)) {
        const long Next = G.next(C, L);
        if (Next < 0) {
          Error = "key " + hex(Key) + " leaves chip " + std::to_string(C) +
                  " on link " + std::to_string(L) + ", where there is no chip";
          continue;
        }
        Queue.push_back({unsigned(Next), int(L)});
      }
    for (unsigned P = 0; P + NumLinks < 32; ++P)
      if (Route & (1u << (NumLinks + P)))
        Reached.push_back({C, P});
  }
  std::sort(Reached.begin(), Reached.end());
  return Reached;
}

} // namespace snn::support::routing
