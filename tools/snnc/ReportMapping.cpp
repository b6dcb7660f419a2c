//===- tools/snnc/ReportMapping.cpp - where the neurons went, and what it saved -------------===//
//
// `--report=mapping` prints, on stderr after the passes, for a chip target: the cores used
// against the lower bound of the binding resource; the spike traffic between cores (messages
// per second, weighted by the sources' rates) and its hop-weighted sum for the mapping made,
// for in-order slicing (each population in index order, one population per core, as PACMAN and
// fill-cores-in-order cut) and for a random assignment (as many cores, more when full); the
// traffic per projection; and every core's use of its neurons, synapse memory and axons
// (docs/mapping.md).
//
//   mapping of network 'n' onto target 'spinnaker' (48 chips of 17 cores):
//   cores used 64; at least 63 (binding resource: neurons)
//   mapping         cores  traffic/s   vs in-order  hop-weighted/s
//   snnc               64  4.5100e+06       -16.3%      1.0200e+07
//   in order           64  5.3900e+06        0.0%       ...
//
//===----------------------------------------------------------------------------------------===//
#include "tools/snnc/Driver.h"

#include "codegen/chip/CoreTables.h"
#include "codegen/chip/DesignRules.h"
#include "passes/MappingSetup.h"

#include "llvm/Support/FormatVariadic.h"

#include <cmath>

namespace snn::driver {

namespace {

std::string percent(uint64_t Have, uint64_t Max) {
  if (!Max)
    return codegen::chip::withCommas(Have);
  return llvm::formatv("{0}/{1} ({2:F0}%)", codegen::chip::withCommas(Have),
                       codegen::chip::withCommas(Max), 100.0 * double(Have) / double(Max))
      .str();
}

} // namespace

bool printMappingReport(const ir::Network &N, const support::TargetDesc &T,
                        const std::map<std::string, std::vector<double>> *Rates,
                        DiagnosticsEngine &D,
                        llvm::raw_ostream &OS) {
  if (!T.isChip() || N.Cores.empty()) {
    OS << "mapping of network '" << N.Name << "': nothing to report; target '" << T.Name << "' "
       << (T.isChip() ? "has no partition table (the pass list has no partition-onto-cores)"
                      : "runs on this machine")
       << "\n";
    return true;
  }
  std::optional<mapping::Prepared> M = mapping::prepare(N, T, Rates, D);
  if (!M)
    return false;
  std::optional<codegen::chip::ChipTables> Tables = codegen::chip::buildCoreTables(N, T, D);
  if (!Tables)
    return false;
  // A table that splits the pass's atoms (relay neurons, a --passes list, a table read from IR)
  // is measured on atoms of one neuron each.
  if (!mapping::partitionOf(N, T, M->H)) {
    for (size_t P = 0; P < N.Populations.size(); ++P)
      M->Atoms.AtomSize[P] = N.Populations[P].Kind == ir::PopKind::Neuron ? 1 : 0;
    M->H = mapping::buildHypergraph(N, T, M->Atoms, Rates);
  }
  std::string Binding;
  const uint32_t Bound = mapping::lowerBound(M->H, M->Limits, &Binding);
  OS << "mapping of network '" << N.Name << "' onto target '" << T.Name << "' (" << T.Chips
     << " chip" << (T.Chips == 1 ? "" : "s") << " of " << T.CoresPerChip << " cores):\n";
  OS << "cores used " << Tables->Cores.size() << "; at least " << Bound
     << " (binding resource: " << Binding << ")\n";

  // The mapping made, and the baselines.
  struct Row {
    std::string Name;
    std::optional<mapping::Partition> P;
    std::vector<std::pair<uint32_t, uint32_t>> Where;
    std::string Why;
  };
  std::vector<Row> Rows;
  std::string Why;
  Row Ours{"snnc", mapping::partitionOf(N, T, M->H), {}, "the partition table splits atoms"};
  for (const codegen::chip::CoreTable &C : Tables->Cores)
    Ours.Where.push_back({C.Chip, C.Core});
  Rows.push_back(std::move(Ours));
  Row InOrder{"in order", mapping::partitionInOrder(M->H, M->Limits, Why), {}, Why};
  if (InOrder.P)
    InOrder.Where = mapping::inOrderPlaces(T, InOrder.P->Parts);
  Rows.push_back(std::move(InOrder));
  const uint32_t Parts = Rows[0].P ? Rows[0].P->Parts : uint32_t(Tables->Cores.size());
  Why.clear();
  Row Random{"random", mapping::partitionRandom(M->H, M->Limits, Parts, 1, Why), {}, ""};
  Random.Why = Why;
  if (Random.P)
    Random.Where = mapping::inOrderPlaces(T, Random.P->Parts);
  Rows.push_back(std::move(Random));

  std::vector<mapping::TrafficCost> Cost;
  for (const Row &R : Rows)
    Cost.push_back(R.P ? mapping::traffic(M->H, *R.P, N.Projections.size(), &T, &R.Where)
                       : mapping::TrafficCost{});
  const double Ref = Rows[1].P ? Cost[1].Messages : 0;
  OS << llvm::formatv("{0,-10} {1,6} {2,12} {3,12} {4,15} {5,15}\n", "mapping", "cores",
                      "traffic/s", "vs in order", "hop-weighted/s", "cut synapses/s");
  for (size_t I = 0; I < Rows.size(); ++I) {
    if (!Rows[I].P) {
      OS << llvm::formatv("{0,-10} no mapping within the core limits ({1})\n", Rows[I].Name,
                          Rows[I].Why);
      continue;
    }
    double Pct = Ref > 0 ? 100.0 * (Cost[I].Messages - Ref) / Ref : 0;
    if (std::abs(Pct) < 0.05)
      Pct = 0; // no "-0.0%"
    std::string Vs = Ref > 0 ? llvm::formatv("{0:F1}%", Pct).str() : "-";
    OS << llvm::formatv("{0,-10} {1,6} {2,12:e4} {3,12} {4,15:e4} {5,15:e4}\n", Rows[I].Name,
                        Rows[I].P->Parts, Cost[I].Messages, Vs, Cost[I].HopMessages,
                        Cost[I].CutSynapseEvents);
  }
  OS << llvm::formatv("{0,-24} {1,12} {2,12}\n", "projection", "traffic/s", "in order");
  auto perProjection = [&](size_t Row, size_t K) -> std::string {
    if (Cost[Row].PerProjection.empty())
      return "-";
    return llvm::formatv("{0:e4}", Cost[Row].PerProjection[K]).str();
  };
  for (size_t K = 0; K < N.Projections.size(); ++K)
    OS << llvm::formatv("{0,-24} {1,12} {2,12}\n", N.Projections[K].name(), perProjection(0, K),
                        perProjection(1, K));
  OS << llvm::formatv("{0,-8} {1,-22} {2,-30} {3,-22} {4,-22}\n", "core", "neurons",
                      "synapse memory (bits)", "input axons", "output axons");
  const mapping::CoreLimits &L = M->Limits;
  for (const codegen::chip::CoreTable &C : Tables->Cores) {
    const codegen::chip::CoreUsage &U = C.Use;
    OS << llvm::formatv("{0,-8} {1,-22} {2,-30} {3,-22} {4,-22}\n",
                        std::to_string(C.Chip) + ":" + std::to_string(C.Core),
                        percent(U.Neurons, L.Neurons), percent(U.SynapseBits, L.SynapseBits),
                        percent(U.InAxons, L.InAxons), percent(U.OutAxons, L.OutAxons));
  }
  return true;
}

} // namespace snn::driver
