//===- passes/Mapping.h - a chip network as a hypergraph, and its partitions ----------------===//
//
// The model the mapping passes optimize (docs/mapping.md). Vertices are atoms: slices of one
// population, of one neuron or a few (so that a network of 100k neurons partitions in
// seconds). A net is one (projection, source neuron): its pins are the atoms holding the
// neuron's targets, each with the number of synapses into it, and its source is the atom of
// the neuron (none for generators on the host). With a partition of the atoms into cores:
//
//   traffic(net)   = rate x the number of cores other than the source's core that hold a target
//                    (the (lambda - 1) connectivity of the net with its source as a pin: the
//                    spike messages per second this source neuron sends between cores);
//   in-axons(core) = the nets with a target there;   out-axons(core) = the (core, net) targets
//                    of the nets sourced there;       synapse bits(core) = the target's cost
//                    formula per (net, core) axon.
//
// These are exactly what the configuration's cores will hold (codegen/chip/CoreTables.h), so a
// partition that respects the limits here passes the design rules there.
//
//===----------------------------------------------------------------------------------------===//
#ifndef SNNC_PASSES_MAPPING_H
#define SNNC_PASSES_MAPPING_H

#include "ir/Network.h"
#include "support/TargetDesc.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace snn::mapping {

constexpr uint32_t NoVertex = UINT32_MAX;

/// Measured firing rates (Hz) per population and neuron (`--rates-from`).
using MeasuredRates = std::map<std::string, std::vector<double>>;

struct Hypergraph {
  // Vertices (atoms).
  std::vector<uint32_t> Neurons;   ///< neurons of the atom
  std::vector<uint32_t> Group;     ///< population index (a core holds few populations)
  std::vector<uint32_t> Pop;       ///< population index, and the atom's first neuron in it
  std::vector<uint64_t> First;
  // Nets.
  std::vector<uint32_t> Source;    ///< atom of the source neuron, or NoVertex (host)
  std::vector<uint32_t> SourceNeuron; ///< the source neuron's index in its population
  std::vector<double> Rate;        ///< spikes per second of the source neuron
  std::vector<uint8_t> WeightBits; ///< stored bits of one of the net's weights
  std::vector<uint32_t> Projection;
  std::vector<uint64_t> PinStart;  ///< pins of net n: [PinStart[n], PinStart[n + 1])
  std::vector<uint32_t> Pins;      ///< target atoms, distinct within a net
  std::vector<uint32_t> PinSyn;    ///< synapses of the net into that atom
  // Incidence, built by finish(): nets with a pin in vertex v, and nets v is the source of.
  std::vector<uint64_t> InStart;
  std::vector<uint32_t> InNet, InPin;
  std::vector<uint64_t> OutStart;
  std::vector<uint32_t> OutNet;

  uint32_t vertices() const { return uint32_t(Neurons.size()); }
  uint32_t nets() const { return uint32_t(Source.size()); }
  /// Builds the incidence lists.
  void finish();
};

/// The per-core limits a partition must respect (0: none) and the synapse cost formula.
struct CoreLimits {
  uint64_t Neurons = 0, SynapseBits = 0, InAxons = 0, OutAxons = 0, Populations = 0;
  support::SynapseCost Cost;
  /// The limits of T for a network whose longest delay is MaxDelaySteps (SpiNNaker's ring
  /// buffer indexes neurons, synapse types and delays in a fixed number of bits, so long delays
  /// leave room for fewer neurons per core).
  static CoreLimits of(const support::TargetDesc &T, int64_t MaxDelaySteps = 0);
  /// Bits of synapse memory of one axon with Synapses synapses of WeightBits bits.
  uint64_t axonBits(uint64_t Synapses, unsigned WeightBits) const;
};

/// What a core uses.
struct PartUsage {
  uint64_t Neurons = 0, SynapseBits = 0, InAxons = 0, OutAxons = 0, Populations = 0;
};

struct Partition {
  std::vector<uint32_t> PartOf; ///< per vertex
  uint32_t Parts = 0;
};

/// Traffic (spike messages per second between cores) and its hop-weighted sum, given where
/// each part sits (Where[p] = (chip, core); null: hops not counted).
struct TrafficCost {
  double Messages = 0;    ///< per second
  double HopMessages = 0; ///< per second, each message weighted by its hops
  /// Per second, the synaptic events whose spike crossed cores: what an edge-cut partitioner
  /// minimizes, and what traffic would be if every synapse were its own message.
  double CutSynapseEvents = 0;
  std::vector<double> PerProjection;
};
TrafficCost traffic(const Hypergraph &H, const Partition &P, size_t Projections,
                    const support::TargetDesc *T = nullptr,
                    const std::vector<std::pair<uint32_t, uint32_t>> *Where = nullptr);
/// Where part k sits when parts fill the cores in order: (k / cores_per_chip, k % ...).
std::vector<std::pair<uint32_t, uint32_t>> inOrderPlaces(const support::TargetDesc &T,
                                                         uint32_t Parts);

std::vector<PartUsage> usage(const Hypergraph &H, const Partition &P, const CoreLimits &L);

/// The relay neurons insert-relays will add for P where a neuron may reach MaxTargets
/// (projection, core) targets (0: no limit, none): every target of every neuron of a
/// population in which one neuron has more (delays per neuron not counted).
uint64_t relaysNeeded(const Hypergraph &H, const Partition &P, uint64_t MaxTargets);
/// The first limit a part breaks ("neurons", "synapse-memory", ...), or null.
const char *brokenLimit(const PartUsage &U, const CoreLimits &L);

/// The cores needed at least, from the binding resource: max over resources of
/// ceil(total / limit); Binding names the resource.
uint32_t lowerBound(const Hypergraph &H, const CoreLimits &L, std::string *Binding = nullptr);

/// Atoms: each population cut into slices of at most AtomSize neurons.
struct AtomPlan {
  std::vector<uint32_t> AtomSize; ///< per population (0: a generator, no atoms)
};

/// The hypergraph of a network lowered for a chip: atoms per AtomPlan, nets from the synapses
/// the network makes (ir/Synapses.h), rates from Measured or estimated (docs/mapping.md).
/// Throws support::Error when a projection's synapses cannot be made.
Hypergraph buildHypergraph(const ir::Network &N, const support::TargetDesc &T,
                           const AtomPlan &Atoms, const MeasuredRates *Measured);

/// Partitioners. Each returns a partition respecting the limits, or nothing with the reason.
struct PartitionOptions {
  uint32_t Seed = 1;
  uint32_t MaxParts = 0;     ///< cores available
  unsigned MaxPasses = 12;   ///< refinement passes
};
std::optional<Partition> partitionConnected(const Hypergraph &H, const CoreLimits &L,
                                            const PartitionOptions &O, std::string &Why);
/// PACMAN's way: each population in index order, one population per core, a core filled until
/// the next atom would break a limit. With Mix, the next population continues on the core.
std::optional<Partition> partitionInOrder(const Hypergraph &H, const CoreLimits &L,
                                          std::string &Why, bool Mix = false);
/// Atoms in random order, each to a random core with room among Parts cores (more when full).
std::optional<Partition> partitionRandom(const Hypergraph &H, const CoreLimits &L,
                                         uint32_t Parts, uint32_t Seed, std::string &Why);

/// Refines P in place (FM-style moves of the atom with the best gain, within the limits);
/// returns the traffic it removed.
double refine(const Hypergraph &H, const CoreLimits &L, Partition &P, unsigned MaxPasses,
              uint32_t Seed);

} // namespace snn::mapping

#endif
