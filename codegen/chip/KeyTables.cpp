//===- codegen/chip/KeyTables.cpp - the routers' tables of a key/mask target ----------------===//
#include "codegen/chip/KeyTables.h"

#include "codegen/chip/DesignRules.h"

#include <algorithm>
#include <map>

namespace snn::codegen::chip {

namespace routing = support::routing;

namespace {
/// A core whose neurons need more key/mask blocks than this (neurons sending to different
/// sets of cores) routes all its keys to the union of the sets.
constexpr size_t MaxExactBlocks = 4;
} // namespace

std::optional<KeyTables> buildKeyTables(const ir::Network &N, const support::TargetDesc &T,
                                        const ChipTables &Tables, DiagnosticsEngine &D) {
  KeyTables K;
  std::vector<routing::Multicast> Casts;
  for (size_t I = 0; I < Tables.Cores.size(); ++I) {
    const CoreTable &C = Tables.Cores[I];
    const auto [X, Y] = T.chipPosition(C.Chip);
    K.CoreKey.push_back(routing::keyOf(X, Y, C.Core, 0));
    // Local neurons by the cores they send to.
    std::map<std::vector<std::pair<unsigned, unsigned>>, std::vector<uint32_t>> ByTargets;
    for (size_t S = 0; S < C.Slices.size(); ++S) {
      const ir::CoreSlice &Sl = *C.Slices[S];
      const int Pop = N.populationIndex(Sl.Pop);
      for (uint64_t Nn = Sl.Lo; Nn < Sl.Hi; ++Nn) {
        const auto &To = Tables.Routes[size_t(Pop)][Nn];
        if (To.empty())
          continue;
        std::vector<std::pair<unsigned, unsigned>> Cores;
        for (const auto &[Core, Axon] : To)
          Cores.push_back({Tables.Cores[Core].Chip, Tables.Cores[Core].Core});
        std::sort(Cores.begin(), Cores.end());
        Cores.erase(std::unique(Cores.begin(), Cores.end()), Cores.end());
        ByTargets[Cores].push_back(uint32_t(C.Offsets[S] + (Nn - Sl.Lo)));
      }
    }
    // Exact blocks where they are few; else every key of the core to the union of its
    // targets, as sPyNNaker routes a core's keys (a core drops packets it has no synapses for).
    std::vector<routing::Multicast> Exact;
    std::vector<std::pair<unsigned, unsigned>> Union;
    for (auto &[Targets, Local] : ByTargets) {
      std::sort(Local.begin(), Local.end());
      for (const auto &[Lo, Size] : routing::coverIndices(Local))
        Exact.push_back({C.Chip, K.CoreKey.back() | Lo, ~(Size - 1), Targets});
      Union.insert(Union.end(), Targets.begin(), Targets.end());
    }
    if (Exact.size() <= MaxExactBlocks) {
      Casts.insert(Casts.end(), Exact.begin(), Exact.end());
    } else {
      std::sort(Union.begin(), Union.end());
      Union.erase(std::unique(Union.begin(), Union.end()), Union.end());
      Casts.push_back({C.Chip, K.CoreKey.back(), ~((1u << routing::NeuronBits) - 1), Union});
      ++K.UnionCores;
    }
  }
  std::string Error;
  K.Chips = routing::buildTables(T, Casts, Error);
  if (!Error.empty()) {
    D.error(N.Loc, "the spikes of network '" + N.Name + "' cannot be routed on target '" +
                       T.Name + "': " + Error + " [routing]");
    return std::nullopt;
  }
  bool Ok = true;
  unsigned Over = 0;
  for (size_t Chip = 0; Chip < K.Chips.size(); ++Chip) {
    K.Uncompressed.push_back(K.Chips[Chip].size());
    routing::compress(K.Chips[Chip]);
    if (T.RoutingEntriesPerChip && K.Chips[Chip].size() > T.RoutingEntriesPerChip) {
      Ok = false;
      if (Over++)
        continue;
      const auto [X, Y] = T.chipPosition(unsigned(Chip));
      D.error(N.Loc, "chip " + std::to_string(Chip) + " (" + std::to_string(X) + ", " +
                         std::to_string(Y) + ") needs " + withCommas(K.Chips[Chip].size()) +
                         " routing entries (" + withCommas(K.Uncompressed.back()) +
                         " before compression); target '" + T.Name + "' has " +
                         withCommas(T.RoutingEntriesPerChip) + " per chip [routing-entries]");
      D.note(N.Loc, "each core's neurons that send to the same cores share entries; fewer "
                    "distinct target sets per core, or targets on fewer chips, fit");
    }
  }
  if (Over > 1)
    D.note(N.Loc, std::to_string(Over - 1) + " more chips break [routing-entries]");
  if (!Ok)
    return std::nullopt;
  return K;
}

} // namespace snn::codegen::chip
