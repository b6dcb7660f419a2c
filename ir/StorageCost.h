//===- ir/StorageCost.h - synapse counts and bytes of a projection's storage ----------------===//
//
// What a projection costs in memory with its storage format: the expected number of synapses
// (exact for every rule but fixed_probability, whose count is its mean) and the bytes of its
// connectivity and per-synapse arrays. select-synapse-storage compares formats with it and
// `snnc --report=storage` prints it.
//
//===----------------------------------------------------------------------------------------===//
#ifndef SNNC_IR_STORAGECOST_H
#define SNNC_IR_STORAGECOST_H

#include "ir/Network.h"

namespace snn::ir {

struct StorageCost {
  double Synapses = 0; ///< expected number of synapses
  double Bytes = 0;    ///< connectivity + per-synapse arrays, in bytes
  double bytesPerSynapse() const { return Synapses > 0 ? Bytes / Synapses : 0; }
};

/// Whether P excludes i -> i (no autapses, source and target the same population).
bool excludesSelf(const Projection &P);
/// The expected number of synapses of P.
double expectedSynapses(const Network &N, const Projection &P);
/// Whether P's synapses need a weight array (random or listed weights, static synapses).
bool hasWeightArray(const Projection &P);
/// Whether P's synapses need a delay array (random or listed delays, not plastic delays).
bool hasDelayArray(const Network &N, const Projection &P);
/// The cost of P stored as F (with IndexBits for CSR: 0 means the narrowest that fits).
StorageCost storageCost(const Network &N, const Projection &P, Storage F, unsigned IndexBits = 0);
/// Why P cannot be stored as F (empty when it can), e.g. "needs constant weights".
std::string storageUnsuitable(const Network &N, const Projection &P, Storage F);

} // namespace snn::ir

#endif
