//===- support/TargetDesc.h - what a target can run, as data --------------------------------===//
//
// A TargetDesc describes a machine snnc compiles for: the host (native code through LLVM) or a
// neuromorphic chip (a core configuration). It is read from a JSON file (targets/*.json; the
// schema is docs/targets.md) and handed to the passes through the pass context, so that every
// hardware limit (delay range, neurons per core, weight bits, index widths, ...) comes from one
// place. The neuron arithmetic of a chip is one of the families snnc implements
// (NeuronFamily), with its bit widths, offsets and overflow rules as data, so a user-written
// target file can describe a variant of a known chip.
//
// parseTargetDesc() checks every field and reports each problem as a message naming the field
// ("'core.max_neurons' must be an integer from 1 to 1000000000, got -3"); syntax errors carry
// the byte offset so that a caller can show the line and column.
//
//===----------------------------------------------------------------------------------------===//
#ifndef SNNC_SUPPORT_TARGETDESC_H
#define SNNC_SUPPORT_TARGETDESC_H

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace snn::support {

/// How a backend runs the network: native code, or a chip configuration.
enum class BackendKind { Native, Chip };

/// The neuron arithmetic of a chip (each has its own kernel, quantizer and emulator code).
enum class NeuronFamily {
  None,          ///< native targets: the model's own equations in floating point
  LoihiCubaLif,  ///< Loihi's CUBA LIF as in Lava's bit-accurate models (u, v; decays by 2^-12)
  TrueNorth,     ///< TrueNorth's neuron: integer V, linear leak, axon-type weights
  SpinnakerLif,  ///< sPyNNaker's current-based LIF in s16.15 fixed point
};
const char *neuronFamilyName(NeuronFamily F);

/// What happens when a fixed-point value leaves its range.
enum class Overflow {
  Wrap,      ///< two's complement: modulo 2^bits
  WrapOnce,  ///< Lava's u: one correction by 2^bits (x > 2^(b-1) -> x - 2^b; x <= -2^(b-1) -> +)
  Saturate,  ///< clipped to [-(2^(b-1) - 1), 2^(b-1) - 1]
};
const char *overflowName(Overflow O);

/// How the spike condition compares the state with the threshold.
enum class Compare { Greater, GreaterEqual };

/// How chips are linked (TargetDesc::Links).
enum class ChipLinks { Mesh, Hexagonal };

/// How a chip routes spikes (TargetDesc::Routing).
enum class RoutingKind { Axons, KeyMask };

/// How a sign of the weights is stored.
enum class SignMode { Excitatory, Inhibitory, Mixed };
const char *signModeName(SignMode M);

/// Loihi CUBA LIF (chips.md section 2.1; Lava PyLifModelBitAcc).
struct LoihiNeuron {
  unsigned DecayBits = 12;       ///< decays du, dv in [0, 2^DecayBits - 1]
  unsigned UDecayOffset = 1;     ///< u *= (2^DecayBits - (du + offset)) / 2^DecayBits
  unsigned VDecayOffset = 0;
  unsigned StateBits = 24;       ///< u and v
  Overflow UOverflow = Overflow::WrapOnce;
  Overflow VOverflow = Overflow::Saturate;
  unsigned InputShift = 6;       ///< u += a_in << InputShift
  unsigned BiasMantissaBits = 13; ///< signed: |bias_mant| <= 2^(bits-1) - 1
  unsigned BiasExponentMax = 7;
  unsigned ThresholdMantissaBits = 17; ///< unsigned
  unsigned ThresholdShift = 6;   ///< spike when v > vth << ThresholdShift
  Compare Cmp = Compare::Greater;
  unsigned RefractoryMax = 0;    ///< 0: no refractory period (as Lava's bit-accurate LIF)
};

/// TrueNorth (chips.md section 3).
struct TrueNorthNeuron {
  unsigned StateBits = 20;       ///< V, signed
  unsigned WeightBits = 9;       ///< signed per (neuron, axon type): |s| <= 2^(bits-1) - 1
  unsigned AxonTypes = 4;
  unsigned LeakBits = 9;         ///< signed per neuron
  unsigned ThresholdBits = 18;   ///< alpha and beta, unsigned
  Compare Cmp = Compare::GreaterEqual;
};

/// sPyNNaker LIF, current-based with exponential synapses (chips.md section 4).
struct SpinnakerNeuron {
  unsigned FractionBits = 15;    ///< s16.15 accum
  unsigned IntegerBits = 16;
  unsigned SynapseTypes = 2;     ///< excitatory, inhibitory
  unsigned WeightBits = 16;      ///< unsigned weight in the synaptic word
  unsigned RingBufferBits = 14;  ///< atom bits + synapse type bits + delay bits <= this
  Compare Cmp = Compare::GreaterEqual;
  unsigned RefractoryMax = 65535;
};

/// How the synapses of a core use its memory (chips.md section 7).
struct SynapseCost {
  enum class Kind { None, BlockFormula, Crossbar, RowsInDram };
  Kind K = Kind::None;
  /// BlockFormula (Loihi): per input axon, blocks of up to MaxPerBlock synapses cost
  /// n * (weight bits + DelayBits + TagBits) + HeaderBits bits, rounded up to WordBits.
  unsigned WordBits = 64, HeaderBits = 10, MaxPerBlock = 64, DelayBits = 6, TagBits = 0;
  /// Crossbar (TrueNorth): Rows input axons x Cols neurons, one bit each.
  unsigned Rows = 0, Cols = 0;
  /// RowsInDram (SpiNNaker): one row per source neuron, HeaderWords words of WordBits plus one
  /// word per synapse.
  unsigned HeaderWords = 3;
};

/// The bits of synapse memory that the Synapses synapses of one input axon take under the cost
/// formula C, each weight WeightBits wide (docs/targets.md): block_formula and rows_in_dram as
/// their formulas say; 0 for an axon without synapses and for a crossbar, whose memory is its
/// fixed grid of rows x cols. The mapping passes, the chip backend and the validator
/// (snnc-emu --validate) all count with it.
uint64_t axonSynapseBits(const SynapseCost &C, uint64_t Synapses, unsigned WeightBits);

struct TargetDesc {
  std::string Name;
  std::string Description;
  std::string Path;              ///< the file it was read from
  BackendKind Backend = BackendKind::Native;
  std::vector<std::string> Sources;

  // --- limits every target has
  int64_t MinDelaySteps = 0;
  int64_t MaxDelaySteps = 65535;
  bool DelaysPerNeuron = false;  ///< TrueNorth: one delay per source neuron (axonal)
  /// Widths of connectivity indices the target can store (native: 16 and 32).
  std::vector<unsigned> IndexBits = {16, 32};

  // --- chips
  unsigned Chips = 1;
  unsigned CoresPerChip = 0;
  unsigned MeshWidth = 0, MeshHeight = 0; ///< cores of one chip on a 2-D mesh (0: not given)
  uint64_t MaxNeuronsPerCore = 0;
  uint64_t MaxInAxonsPerCore = 0;   ///< 0: no limit
  uint64_t MaxOutAxonsPerCore = 0;  ///< 0: no limit
  uint64_t MaxFanInPerNeuron = 0;   ///< 0: no limit
  uint64_t MaxTargetsPerNeuron = 0; ///< 0: no limit (TrueNorth: 1 core)
  uint64_t SynapseMemoryBits = 0;   ///< per core; 0: no limit
  /// Populations (distinct neuron parameter sets) one core may hold; 0: no limit. Loihi keeps
  /// 8 threshold profiles per core; a SpiNNaker core runs a slice of one population.
  uint64_t MaxPopulationsPerCore = 0;
  SynapseCost Cost;

  // --- where the cores are, and how spikes travel between them
  /// How chips are linked: a 2-D mesh (4 neighbours; the cores of all chips form one grid of
  /// mesh_width x mesh_height tiles) or SpiNNaker's hexagonal links (6 neighbours; the cores of
  /// a chip share its router).
  ChipLinks Links = ChipLinks::Mesh;
  /// Position of each chip on the board (default: a row).
  std::vector<std::pair<int, int>> ChipXY;
  /// How a chip routes spikes: per neuron (core, axon) targets (Loihi, TrueNorth), or
  /// SpiNNaker's multicast router, a table of key/mask entries per chip.
  RoutingKind Routing = RoutingKind::Axons;
  uint64_t RoutingEntriesPerChip = 0; ///< key_mask: entries of a chip's router

  // --- weights
  unsigned WeightBits = 0;                ///< magnitude bits of a stored weight (Loihi 8)
  std::vector<unsigned> MantissaBits;     ///< widths a projection may use (Loihi 1..8)
  int WeightExpMin = 0, WeightExpMax = 0; ///< shared exponent range per projection
  std::vector<SignMode> SignModes;

  NeuronFamily Family = NeuronFamily::None;
  LoihiNeuron Loihi;
  TrueNorthNeuron TN;
  SpinnakerNeuron Spinnaker;

  bool isChip() const { return Backend == BackendKind::Chip; }
  uint64_t maxNeurons() const { return uint64_t(Chips) * CoresPerChip * MaxNeuronsPerCore; }
  uint64_t cores() const { return uint64_t(Chips) * CoresPerChip; }
  /// The board position of a chip.
  std::pair<int, int> chipPosition(unsigned Chip) const;
  /// Router hops between chips A and B (mesh: Manhattan; hexagonal: SpiNNaker's 6 links).
  unsigned chipHops(unsigned A, unsigned B) const;
  /// Router hops a spike takes from core (ChipA, CoreA) to core (ChipB, CoreB): on a mesh the
  /// Manhattan distance on the grid of all chips' cores, on hexagonal links the hops between
  /// the chips (the cores of one chip share its router).
  unsigned hops(unsigned ChipA, unsigned CoreA, unsigned ChipB, unsigned CoreB) const;
};

/// The host target's built-in description (what targets/native.json says): used where no target
/// was chosen (snnc-opt without --target, unit tests).
const TargetDesc &nativeTarget();

/// Problems found while reading a target description.
struct TargetDescErrors {
  struct Item {
    std::string Message;
    int64_t Offset = -1; ///< byte offset in the text for syntax errors, else -1
  };
  std::vector<Item> Items;
  bool empty() const { return Items.empty(); }
};

/// Parses and checks a target description; returns nothing after filling Errors.
std::optional<TargetDesc> parseTargetDesc(std::string_view Json, TargetDescErrors &Errors);

/// The target description as JSON text (every field, defaults included), for configurations
/// that carry their target and for `snnc --target=NAME --print-target`.
std::string targetDescToJson(const TargetDesc &T);

} // namespace snn::support

#endif
