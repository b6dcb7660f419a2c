//===- passes/MappingSetup.h - from a network to the mapping model, and back ----------------===//
//
// What the mapping passes and --report=mapping share: choosing the atoms (and making them
// small enough that each fits a core alone), the partition table written from a partition,
// and the error for a network larger than the target.
//
//===----------------------------------------------------------------------------------------===//
#ifndef SNNC_PASSES_MAPPINGSETUP_H
#define SNNC_PASSES_MAPPINGSETUP_H

#include "ir/Diagnostics.h"
#include "passes/Mapping.h"

namespace snn::mapping {

struct Prepared {
  AtomPlan Atoms;
  Hypergraph H;
  CoreLimits Limits;
};

/// The atoms and hypergraph of N for target T; reports a neuron that alone breaks a core limit
/// (or synapses that cannot be made) and returns nothing.
std::optional<Prepared> prepare(const ir::Network &N, const support::TargetDesc &T,
                                const MeasuredRates *Rates, DiagnosticsEngine &D);

/// The partition table of partition P: part k is core k % cores_per_chip of chip
/// k / cores_per_chip; neighbouring atoms of a population on one core are one slice.
std::vector<ir::CoreSlice> partitionTable(const ir::Network &N, const support::TargetDesc &T,
                                          const Hypergraph &H, const Partition &P);

/// The partition that a table describes (atoms of H assigned to the table's cores, numbered in
/// (chip, core) order); nothing if the table splits an atom.
std::optional<Partition> partitionOf(const ir::Network &N, const support::TargetDesc &T,
                                     const Hypergraph &H);

/// Reports that N needs more cores than T has: how many, which resource binds, and on how many
/// chips it would fit.
void reportTooLarge(const ir::Network &N, const support::TargetDesc &T, const Hypergraph &H,
                    const CoreLimits &L, DiagnosticsEngine &D);

} // namespace snn::mapping

#endif
