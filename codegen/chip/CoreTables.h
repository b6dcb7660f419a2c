//===- codegen/chip/CoreTables.h - what each core of a chip holds ---------------------------===//
//
// The tables of every core of the partition table (ir::Network::Cores): the neurons it holds
// (slices of populations, numbered locally in slice order), its input axons (one per
// (projection, source neuron) that reaches it), its synapses (axon, local neuron, weight,
// delay), and the routes of every source neuron (the (core, axon) pairs its spikes go to),
// built from the synapses the network makes (ir/Synapses.h). With them, each core's usage of
// the target's resources, counted as the target's cost formula says; the design rules
// (DesignRules.h) check it, the configuration writer writes it and --report=mapping prints it.
//
//===----------------------------------------------------------------------------------------===//
#ifndef SNNC_CODEGEN_CHIP_CORETABLES_H
#define SNNC_CODEGEN_CHIP_CORETABLES_H

#include "ir/Diagnostics.h"
#include "ir/Network.h"
#include "support/TargetDesc.h"

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace snn::codegen::chip {

/// What a core uses of its target's resources.
struct CoreUsage {
  uint64_t Neurons = 0, Populations = 0, Synapses = 0, SynapseBits = 0;
  uint64_t InAxons = 0, OutAxons = 0;
  uint64_t MaxFanIn = 0;     ///< the most inputs of one neuron
  uint64_t MaxTargets = 0;   ///< the most (core, axon) targets of one neuron
  unsigned RingBufferBits = 0; ///< SpiNNaker: neuron + synapse type + delay bits
  /// Who is responsible: the projection with the most synapse bits here, the projection with
  /// the most inputs into the neuron of MaxFanIn, the projection with the most input axons
  /// here, the population of the neuron of MaxTargets.
  size_t BitsProjection = SIZE_MAX, FanInProjection = SIZE_MAX, AxonsProjection = SIZE_MAX;
  size_t TargetsPopulation = SIZE_MAX;
  uint64_t BitsOfProjection = 0;
};

struct CoreTable {
  unsigned Chip = 0, Core = 0;
  std::vector<const ir::CoreSlice *> Slices; ///< in order; neuron i of a slice is local Offset + i
  std::vector<uint32_t> Offsets;
  uint32_t Width = 0;
  std::vector<std::pair<size_t, uint32_t>> Axons; ///< (projection, source neuron)
  std::vector<uint32_t> SynAxon, SynNeuron;       ///< per synapse: axon, local neuron
  std::vector<int64_t> SynWeight, SynDelay;
  std::vector<uint64_t> FanIn;                    ///< per local neuron
  CoreUsage Use;
  /// "core 0:3 (E[0:100], I[0:25])"
  std::string describe() const;
};

struct ChipTables {
  std::vector<CoreTable> Cores;
  /// Per population (by index): the core and local index of each neuron (neuron populations).
  std::vector<std::vector<std::pair<uint32_t, uint32_t>>> Place;
  /// Per population and neuron: the (core, axon) pairs its spikes go to.
  std::vector<std::vector<std::vector<std::pair<uint32_t, uint32_t>>>> Routes;
  /// Per projection: its synapses, and a digest of them (docs/chip-config.md) that the
  /// validator recomputes from the cores.
  std::vector<uint64_t> ProjectionSynapses, ProjectionDigest;
};

/// The bits of synapse memory the synapses of one input axon take under the target's formula.
uint64_t axonBits(const support::TargetDesc &T, uint64_t Synapses, unsigned WeightBits);

/// Builds the tables; reports (and returns nothing) when a projection's synapses cannot be made
/// or a neuron sends with two delays on a target with one delay per neuron.
std::optional<ChipTables> buildCoreTables(const ir::Network &N, const support::TargetDesc &T,
                                          DiagnosticsEngine &D);

} // namespace snn::codegen::chip

#endif
