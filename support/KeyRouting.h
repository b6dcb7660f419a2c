//===- support/KeyRouting.h - SpiNNaker-style multicast routing tables ----------------------===//
//
// On a key/mask target (`routing.table: key_mask`, SpiNNaker) a spike is a multicast packet
// carrying a 32-bit key: x << 24 | y << 16 | p << 11 | n (the chip's coordinates, the core on
// the chip, the neuron's index on the core). Each chip's router holds entries (key, mask,
// route), tried in order: a packet whose key & mask == the entry's key goes out on the entry's
// links and into its cores. A packet matching no entry on a chip it entered by a link goes on
// in the same direction (default routing); one from a chip's own core that matches nothing is
// dropped. Links of the hexagonal mesh: 0 east (+1, 0), 1 north-east (+1, +1), 2 north (0, +1),
// 3 west, 4 south-west, 5 south; route bits 0-5 are the links, bit 6 + p core p.
//
// The compiler builds the tables (buildTables, then compress) and the validator walks them
// (walk): one definition of the packet's way for both.
//
//===----------------------------------------------------------------------------------------===//
#ifndef SNNC_SUPPORT_KEYROUTING_H
#define SNNC_SUPPORT_KEYROUTING_H

#include "support/TargetDesc.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace snn::support::routing {

constexpr unsigned NumLinks = 6;
constexpr unsigned NeuronBits = 11, CoreBits = 5;

struct Entry {
  uint32_t Key = 0, Mask = 0, Route = 0;
  bool operator==(const Entry &O) const {
    return Key == O.Key && Mask == O.Mask && Route == O.Route;
  }
};

/// The key of neuron N on core P of the chip at (X, Y).
uint32_t keyOf(int X, int Y, unsigned P, uint32_t N);

/// Keys covering exactly the given local neuron indices (sorted, distinct), as aligned
/// power-of-two blocks: (first index, block size).
std::vector<std::pair<uint32_t, uint32_t>> coverIndices(const std::vector<uint32_t> &Sorted);

/// One multicast: packets with Key under Mask, sent from a core of chip Chip, must reach the
/// cores Targets ((chip, core) pairs).
struct Multicast {
  unsigned Chip = 0;
  uint32_t Key = 0, Mask = 0;
  std::vector<std::pair<unsigned, unsigned>> Targets;
};

/// The routing table of every chip (by chip index) for the multicasts: each multicast goes
/// along a tree of shortest paths on the chips' mesh, with an entry on each chip of the tree
/// except where the packet passes straight through (default routing). Error names a target
/// chip no path reaches.
std::vector<std::vector<Entry>> buildTables(const TargetDesc &T, const std::vector<Multicast> &M,
                                            std::string &Error);

/// Merges entries of one table with the same route and mask whose keys differ in one bit,
/// until none do: the table routes every key as before.
void compress(std::vector<Entry> &Table);

/// The cores (chip, core) a packet with Key sent from a core of Chip reaches through the
/// tables, sorted; Error says where it is dropped or loops (then the result is partial).
std::vector<std::pair<unsigned, unsigned>> walk(const TargetDesc &T,
                                                const std::vector<std::vector<Entry>> &Tables,
                                                unsigned Chip, uint32_t Key, std::string &Error);

} // namespace snn::support::routing

#endif
