//===- codegen/chip/MappingDot.cpp - the mapping drawn as a Graphviz graph ------------------===//
#include "codegen/chip/MappingDot.h"

#include "codegen/chip/CoreTables.h"
#include "codegen/chip/DesignRules.h"
#include "passes/MappingSetup.h"

#include "support/Error.h"

#include "llvm/Support/FormatVariadic.h"

#include <algorithm>
#include <cmath>

namespace snn::codegen::chip {

namespace {

/// Keeps this many edges at most, each at least this share of the heaviest.
constexpr size_t MaxEdges = 200;
constexpr double MinShare = 0.01;

std::string node(unsigned Chip, unsigned Core) {
  return "c" + std::to_string(Chip) + "_" + std::to_string(Core);
}

} // namespace

std::optional<std::string>
buildMappingDot(const ir::Network &N, const support::TargetDesc &T,
                const std::map<std::string, std::vector<double>> *Rates, DiagnosticsEngine &D) {
  if (N.Cores.empty()) {
    D.error(N.Loc, "network '" + N.Name + "' has no partition table to draw (the pass list has "
                   "no partition-onto-cores)");
    return std::nullopt;
  }
  std::optional<ChipTables> Tables = buildCoreTables(N, T, D);
  if (!Tables)
    return std::nullopt;
  // One atom per neuron, so that any table is a partition of the atoms.
  mapping::AtomPlan Atoms;
  for (const ir::Population &P : N.Populations)
    Atoms.AtomSize.push_back(P.Kind == ir::PopKind::Neuron ? 1 : 0);
  mapping::Hypergraph H;
  try {
    H = mapping::buildHypergraph(N, T, Atoms, Rates);
  } catch (const support::Error &E) {
    D.error(N.Loc, E.what());
    return std::nullopt;
  }
  std::optional<mapping::Partition> P = mapping::partitionOf(N, T, H);
  if (!P) {
    D.error(N.Loc, "the partition table of network '" + N.Name + "' does not hold every neuron "
                   "on one core");
    return std::nullopt;
  }
  // Parts are numbered in (chip, core) order, as the tables' cores are.
  std::vector<std::pair<unsigned, unsigned>> Where;
  for (const CoreTable &C : Tables->Cores)
    Where.push_back({C.Chip, C.Core});

  // Messages per second from part to part, and from the host into each part.
  std::map<std::pair<uint32_t, uint32_t>, double> Edge;
  std::vector<double> FromHost(Where.size(), 0.0);
  std::vector<uint32_t> Parts;
  for (uint32_t Net = 0; Net < H.nets(); ++Net) {
    Parts.clear();
    for (uint64_t K = H.PinStart[Net]; K < H.PinStart[Net + 1]; ++K)
      Parts.push_back(P->PartOf[H.Pins[K]]);
    std::sort(Parts.begin(), Parts.end());
    Parts.erase(std::unique(Parts.begin(), Parts.end()), Parts.end());
    const bool Host = H.Source[Net] == mapping::NoVertex;
    const uint32_t From = Host ? 0 : P->PartOf[H.Source[Net]];
    for (uint32_t To : Parts) {
      if (Host)
        FromHost[To] += H.Rate[Net];
      else if (To != From)
        Edge[{From, To}] += H.Rate[Net];
    }
  }
  std::vector<std::pair<double, std::pair<uint32_t, uint32_t>>> Sorted;
  double Total = 0;
  for (const auto &[Pair, Rate] : Edge) {
    Sorted.push_back({Rate, Pair});
    Total += Rate;
  }
  std::sort(Sorted.begin(), Sorted.end(), [](const auto &A, const auto &B) {
    return A.first > B.first || (A.first == B.first && A.second < B.second);
  });
  const double Heaviest = Sorted.empty() ? 0 : Sorted.front().first;
  size_t Shown = 0;
  while (Shown < Sorted.size() && Shown < MaxEdges && Sorted[Shown].first >= MinShare * Heaviest)
    ++Shown;

  std::string S;
  llvm::raw_string_ostream OS(S);
  OS << "// The cores of network '" << N.Name << "' on target '" << T.Name
     << "' (snnc --emit=mapping-dot; docs/mapping.md).\n"
     << "// Draw with: neato -n -Tsvg FILE -o FILE.svg\n";
  OS << "digraph mapping {\n";
  OS << llvm::formatv("  graph [label=\"network '{0}' on target '{1}': {2} cores, {3:e3} "
                      "messages/s between cores\", labelloc=t, fontsize=12];\n",
                      N.Name, T.Name, Where.size(), Total);
  OS << "  node [shape=box, style=filled, fontsize=9];\n";
  const unsigned MW = T.MeshWidth ? T.MeshWidth : 5;
  const unsigned MH = T.MeshHeight ? T.MeshHeight : (T.CoresPerChip + MW - 1) / MW;
  std::map<unsigned, std::vector<size_t>> ByChip;
  for (size_t I = 0; I < Where.size(); ++I)
    ByChip[Where[I].first].push_back(I);
  for (const auto &[Chip, Cores] : ByChip) {
    const auto [X, Y] = T.chipPosition(Chip);
    OS << llvm::formatv("  subgraph cluster_chip{0} {{\n    label=\"chip {0} ({1}, {2})\";\n",
                        Chip, X, Y);
    for (size_t I : Cores) {
      const CoreTable &C = Tables->Cores[I];
      std::string Label = std::to_string(C.Chip) + ":" + std::to_string(C.Core);
      for (const ir::CoreSlice *Sl : C.Slices)
        Label += "\\n" + Sl->Pop + "[" + std::to_string(Sl->Lo) + ":" + std::to_string(Sl->Hi) + "]";
      const double Fill = T.MaxNeuronsPerCore ? double(C.Use.Neurons) / double(T.MaxNeuronsPerCore) : 1;
      Label += "\\n" + withCommas(C.Use.Neurons) + "/" + withCommas(T.MaxNeuronsPerCore) +
               " neurons";
      if (FromHost[I] > 0)
        Label += llvm::formatv("\\nfrom host {0:e2}/s", FromHost[I]).str();
      // Light to dark blue with the share of neurons used; 72 points per mesh step.
      const int Shade = 255 - int(std::lround(std::clamp(Fill, 0.0, 1.0) * 120));
      const unsigned GX = unsigned(X) * (MW + 1) + C.Core % MW;
      const unsigned GY = unsigned(Y) * (MH + 1) + C.Core / MW;
      OS << llvm::formatv("    {0} [label=\"{1}\", fillcolor=\"#{2:x-2}{2:x-2}ff\", "
                          "pos=\"{3},{4}\"];\n",
                          node(C.Chip, C.Core), Label, Shade, GX * 90, GY * 72);
    }
    OS << "  }\n";
  }
  for (size_t I = 0; I < Shown; ++I) {
    const auto &[Rate, Pair] = Sorted[I];
    const double Width = 0.5 + 4.5 * Rate / Heaviest;
    OS << llvm::formatv("  {0} -> {1} [label=\"{2:e2}\", penwidth={3:F2}];\n",
                        node(Where[Pair.first].first, Where[Pair.first].second),
                        node(Where[Pair.second].first, Where[Pair.second].second), Rate, Width);
  }
  if (Shown < Sorted.size())
    OS << "  // " << Sorted.size() - Shown << " lighter edges left out\n";
  OS << "}\n";
  return OS.str();
}

} // namespace snn::codegen::chip
