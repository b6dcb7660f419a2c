//===- ir/Synapses.h - the synapses a projection makes --------------------------------------===//
//
// The synapses of a projection exactly as a run makes them: the connectivity request the
// runtime builds from the projection's rule (support/Connectivity.h, with the projection's
// random stream), and, for chip targets, every synapse's source, target, weight (the chip
// integer, quantized as the runtime quantizes it) and delay in steps. The chip backend writes
// these into the cores, and the mapping passes read the connectivity to partition a network;
// both call this one definition.
//
//===----------------------------------------------------------------------------------------===//
#ifndef SNNC_IR_SYNAPSES_H
#define SNNC_IR_SYNAPSES_H

#include "ir/Network.h"
#include "support/Connectivity.h"

#include <cstdint>
#include <vector>

namespace snn::ir {

/// The request the runtime hands to support::buildConnectivity for projection K of N.
support::ConnectivityRequest connectivityRequest(const Network &N, size_t K);

/// One synapse of a projection: source and target neuron, weight (after quantization) and
/// delay in steps.
struct SynapseRow {
  uint32_t Pre, Post;
  int64_t Weight;
  int64_t Delay;
};

/// The synapses of projection K in the runtime's order (rows by source neuron). Throws
/// support::Error when the rule cannot be built (the message names the projection).
std::vector<SynapseRow> projectionSynapses(const Network &N, size_t K);

/// The value I of Count drawn for V from (Seed, Stream), quantized when V says so: what the
/// runtime writes into a buffer.
double initialValue(const ValueInit &V, uint64_t I, uint64_t Count, uint32_t Seed,
                    uint32_t Stream);

} // namespace snn::ir

#endif
