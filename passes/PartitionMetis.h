//===- passes/PartitionMetis.h - the initial partition of atoms -----------------------------===//
#ifndef SNNC_PASSES_PARTITIONMETIS_H
#define SNNC_PASSES_PARTITIONMETIS_H

#include "passes/Mapping.h"

namespace snn::mapping {

/// METIS's k-way partition of the atom graph into K parts, or the atoms dealt in order when
/// METIS fails.
Partition metisPartition(const Hypergraph &H, uint32_t K, uint32_t Seed, bool NeuronsBind);

/// Each population partitioned alone (for targets that hold one population per core), into
/// the cores its own binding resource needs, times Scale.
Partition groupedPartition(const Hypergraph &H, const CoreLimits &L, double Scale,
                           uint32_t Seed, bool NeuronsBind);

} // namespace snn::mapping

#endif
