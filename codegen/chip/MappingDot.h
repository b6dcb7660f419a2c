//===- codegen/chip/MappingDot.h - the mapping drawn as a Graphviz graph --------------------===//
#ifndef SNNC_CODEGEN_CHIP_MAPPINGDOT_H
#define SNNC_CODEGEN_CHIP_MAPPINGDOT_H

#include "ir/Diagnostics.h"
#include "ir/Network.h"
#include "support/TargetDesc.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace snn::codegen::chip {

/// `--emit=mapping-dot`: a Graphviz digraph of the cores in use, one cluster per chip, each
/// node at its place on the mesh (`pos`, for neato -n) with its slices and fill, and an edge
/// per pair of cores that exchange spikes, labelled with the messages per second (rates as
/// docs/mapping.md estimates them, or Rates); the heaviest 200 edges, at least 1% of the
/// heaviest each. Nothing (after a diagnostic) if the network has no partition table.
std::optional<std::string>
buildMappingDot(const ir::Network &N, const support::TargetDesc &T,
                const std::map<std::string, std::vector<double>> *Rates, DiagnosticsEngine &D);

} // namespace snn::codegen::chip

#endif
