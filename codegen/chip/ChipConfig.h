//===- codegen/chip/ChipConfig.h - a network as a chip configuration ------------------------===//
//
// The configuration a chip target's backend writes (docs/chip-config.md, schema in
// docs/chip-config.schema.json): the target description, every population (chip neurons with
// their integer parameters and initial values; generators as host spike sources with what they
// need to produce exactly the spikes of a native run), the cores of the partition table with
// their input axon tables, synapse tables and output routes, and the recordings.
//
// Synapses are generated here from the connection rules with the shared definitions of
// support/ (connectivity, random values, quantizers, step rounding) and the random streams the
// runtime uses, so a configuration holds exactly the synapses, weights, delays and initial
// values of `snnc run --target=...`. Every per-core limit of the target (synapse memory by its
// cost formula, input and output axons, fan-in, targets per neuron) is checked against the
// synapses actually made; a network that does not fit is an error with the numbers.
//
//===----------------------------------------------------------------------------------------===//
#ifndef SNNC_CODEGEN_CHIP_CHIPCONFIG_H
#define SNNC_CODEGEN_CHIP_CHIPCONFIG_H

#include "ir/Diagnostics.h"
#include "ir/Network.h"
#include "support/TargetDesc.h"

#include <optional>
#include <string>

namespace snn::codegen::chip {

/// The configuration of N (lowered for target T) as JSON text, or nothing after reporting.
std::optional<std::string> buildConfig(const ir::Network &N, const support::TargetDesc &T,
                                       DiagnosticsEngine &D);

} // namespace snn::codegen::chip

#endif
