//===- codegen/chip/KeyTables.h - the routers' tables of a key/mask target ------------------===//
//
// For targets whose routers match packet keys (`routing.table: key_mask`, SpiNNaker;
// support/KeyRouting.h): every core's neurons that send to the same cores become key/mask
// blocks, each block a multicast along a tree of shortest paths over the board (a core whose
// neurons send to more than a few different sets of cores sends all its keys to their union,
// as sPyNNaker does, and the cores that receive a packet they hold no synapses for drop it);
// each chip's table is compressed and checked against `routing.entries_per_chip`
// ([routing-entries]).
// Spikes of the host's generators are injected at their target cores and need no entry.
//
//===----------------------------------------------------------------------------------------===//
#ifndef SNNC_CODEGEN_CHIP_KEYTABLES_H
#define SNNC_CODEGEN_CHIP_KEYTABLES_H

#include "codegen/chip/CoreTables.h"
#include "support/KeyRouting.h"

namespace snn::codegen::chip {

struct KeyTables {
  std::vector<uint32_t> CoreKey;                            ///< per core: its neuron 0's key
  std::vector<std::vector<support::routing::Entry>> Chips; ///< per chip, compressed
  std::vector<uint64_t> Uncompressed;                       ///< per chip, entries before
  uint64_t UnionCores = 0; ///< cores routing all their keys to the union of their targets
};

/// Builds and checks the tables; reports (and returns nothing) when a chip needs more entries
/// than its router holds or a multicast finds no path.
std::optional<KeyTables> buildKeyTables(const ir::Network &N, const support::TargetDesc &T,
                                        const ChipTables &Tables, DiagnosticsEngine &D);

} // namespace snn::codegen::chip

#endif
