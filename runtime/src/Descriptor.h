// Descriptor.h: the network descriptor (docs/runtime-abi.md) as plain C++ data.
//
// parseDescriptor() reads the JSON text that snnc emits and checks everything the runtime relies
// on: field presence and types, index ranges, buffer types and sizes for each role, rule
// parameters, and that every dynamic buffer is filled by exactly one projection. After it returns,
// the rest of the runtime may use every index and size without further checks. Failures throw
// RuntimeError(SNN_ERROR_INVALID_MODEL) with a message naming the offending field, e.g.
// "invalid descriptor: populations[1] ('I'): 'spike_idx' must be a u32 buffer of at least 2500
// elements, got 'I.spk' (f64[2500])".
#ifndef SNN_RUNTIME_DESCRIPTOR_H
#define SNN_RUNTIME_DESCRIPTOR_H

#include "support/Connectivity.h"
#include "support/FixedPoint.h"
#include "support/Random.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace snn::rt {

/// Element type of a buffer.
enum class ScalarType : uint8_t { F64, F32, I64, U64, I32, U32, U16, U8 };

/// Bytes per element.
size_t scalarSize(ScalarType type);
/// The descriptor's name of the type ("f64", ...).
const char *scalarTypeName(ScalarType type);
/// True for f64 and f32.
bool isFloating(ScalarType type);

/// A constant or a random distribution of values.
struct Distribution {
  using Kind = support::DistKind;
  Kind kind = Kind::Const;
  double first = 0;  ///< const: value; uniform: low; normal: mean
  double second = 0; ///< uniform: high; normal: std
  /// Chip targets: every value drawn becomes a chip integer by this rule (support/FixedPoint.h).
  std::optional<support::fx::Quantizer> quantize;
};

/// One entry of "buffers".
struct BufferDesc {
  std::string name;
  ScalarType type = ScalarType::F64;
  uint64_t size = 0;                ///< elements (0 for dynamic buffers until built)
  bool dynamic = false;             ///< sized and filled while building connectivity
  std::optional<Distribution> init; ///< initial values (none: zero)
};

/// Population kinds, numbered as snn_population_kind() returns them.
enum class PopulationKind : uint8_t { Neuron = 0, Poisson = 1, SpikeTimes = 2 };

/// A variable exposed through snn_get_state/snn_set_state: an f64 buffer of population size.
struct VariableDesc {
  std::string name;
  bool isInput = false; ///< "input" (continuous input) rather than "state"
  std::string unit;     ///< SI unit, e.g. "V"
  int buffer = -1;
};

/// One entry of "populations". Buffer indices are -1 when absent.
struct PopulationDesc {
  std::string name;
  uint32_t size = 0;
  uint32_t partitionChunk = 1; ///< thread ranges start at multiples of this many neurons
  PopulationKind kind = PopulationKind::Neuron;
  std::vector<VariableDesc> variables;
  int updateKernel = -1;              ///< neuron and Poisson populations
  int flags = -1;                     ///< neuron: integer[size], written by the update kernel
  int counts = -1;                    ///< Poisson: u32[size], written by the update kernel
  int spikeIdx = -1;                  ///< u32[size], written by the runtime
  int spikeMult = -1;                 ///< u32[size]; required for Poisson and spike-time generators
  int spikeCount = -1;                ///< i64[1], written by the runtime
  std::vector<int64_t> spikeSteps;    ///< spike-time generators, sorted by (step, neuron)
  std::vector<uint32_t> spikeNeurons; ///< parallel to spikeSteps
};

/// A connectivity rule (support/Connectivity.h).
using ConnectRule = support::ConnectRule;
using support::ruleName;

/// A synaptic delay: a constant number of steps, a distribution in seconds, or a list of steps
/// (one per synapse of a list rule, in its order).
struct DelayDesc {
  bool constant = true;
  bool variable = false; ///< plastic: the synapse variable `delay` (plastic.delay_variable)
  uint32_t steps = 1;         ///< constant delays
  Distribution seconds;       ///< random delays (Uniform or Normal)
  std::vector<uint16_t> list; ///< listed delays (then constant is false)
};

/// A variable of a synapse model: per synapse, or hoisted to the source or target neuron.
struct SynapseVarDesc {
  enum class Per : uint8_t { Synapse, Source, Target };
  std::string name;
  std::string unit;
  Per per = Per::Synapse;
  int buffer = -1;
  double decayRate = 0, decayOffset = 0; ///< dx/dt = rate x + offset between events
};

/// The "plastic" object of a projection with a synapse model (docs/runtime-abi.md).
struct PlasticDesc {
  std::string model;
  std::string deliver; ///< the variable `on pre` delivers ("" when it delivers an expression)
  std::vector<SynapseVarDesc> variables;
  int delayVariable = -1;  ///< dynamic f64: plastic delays in seconds
  int lastUpdate = -1;     ///< dynamic i64
  int preLastUpdate = -1;  ///< i64[source]
  int postLastUpdate = -1; ///< i64[target]
  int sourceBuffer = -1;   ///< dynamic u16 (source size <= 65536) or u32
  int postPtr = -1;        ///< u64[target + 1] (csr)
  int postSyn = -1;        ///< dynamic u32 (csr)
  int preEvents = -1, postEvents = -1; ///< dynamic u32, pointed at the step's events
  bool preByNeuron = true, postByNeuron = true;
  uint32_t preEventDelay = 0, postEventDelay = 0;
  int postKernel = -1;
  int modulator = -1;       ///< population whose spikes run the modulator kernel
  int modulatorKernel = -1; ///< over all synapses, once per modulator spike
  bool dendritic = false;
};

/// One entry of "projections". Buffer indices are -1 when absent.
struct ProjectionDesc {
  std::string name;
  int source = -1;
  int target = -1;
  std::string port;
  ConnectRule rule;
  bool autapses = true;
  /// "storage": csr (row_ptr, col, row_end), identity (one_to_one: nothing), dense (all_to_all:
  /// nothing but per-synapse arrays, in csr order), bitmask (bits: one per source/target pair),
  /// procedural (fixed_probability, generated again at each spike). The last three deliver to
  /// the targets in `range`, [range[0], range[1]) (a thread's own, or all of them).
  enum class Storage : uint8_t { CSR, Identity, Dense, Bitmask, Procedural };
  Storage storage = Storage::CSR;
  bool identity = false; ///< storage == Identity
  int bits = -1;         ///< bitmask: dynamic u64, ceil(target size / 64) words per source
  int range = -1;        ///< dense, bitmask, procedural: u64[2]
  int rowPtr = -1;       ///< csr: u64[source size + 1]
  int rowEnd = -1;       ///< csr: dynamic u64, the end of each row (runtime: row_ptr + 1)
  bool byTarget = false; ///< "partition": "by_target": threads deliver to the targets they own
  int col = -1;          ///< csr: dynamic u32
  Distribution weight;
  std::vector<double> weightList; ///< listed weights (one per synapse of a list rule), if any
  int weightBuffer = -1; ///< dynamic f64, when the weight is drawn per synapse
  DelayDesc delay;
  int delayBuffer = -1; ///< dynamic u16, when the delay is drawn per synapse
  uint32_t maxDelaySteps = 1;
  int kernel = -1; ///< delivery kernel; the `on pre` kernel of a plastic projection
  std::optional<PlasticDesc> plastic;
};

/// The descriptor's name of a storage format ("csr", ...).
const char *storageName(ProjectionDesc::Storage storage);

/// One entry of "recordings".
struct RecordingDesc {
  enum class Kind : uint8_t { Spikes, State, Synapse };
  Kind kind = Kind::Spikes;
  int population = -1;
  int variable = -1;             ///< state recordings
  std::vector<uint32_t> neurons; ///< recorded neurons, in the order given (all when omitted)
  bool allNeurons = false;       ///< the descriptor gave no list: every neuron is recorded
  uint64_t every = 1;            ///< state recordings: sampling period in steps
  std::string displayUnit;       ///< state recordings: CSV column unit (default: the SI unit)
  double displayScale = 1;       ///< state recordings: CSV value = SI value * scale
  /// Synapse recordings: the projection; `variable` indexes its synapse variables; synapses
  /// between the `neurons` of the source and the `post` neurons of the target are recorded.
  int projection = -1;
  std::vector<uint32_t> post;
  bool allPost = false;
  bool atEnd = false; ///< only the values when the recordings are written
};

/// One entry of "injections": values written into an input variable at given steps.
struct InjectionDesc {
  int population = -1;
  int variable = -1;
  std::vector<int64_t> steps;   ///< value k is written after step steps[k] (0: at creation)
  std::vector<int64_t> neurons; ///< -1: every neuron
  std::vector<double> values;
};

/// The whole descriptor.
struct NetworkDesc {
  int abi = 0;
  std::string name;
  double dt = 0;       ///< seconds
  double duration = 0; ///< seconds (default run length)
  uint32_t seed = 0;   ///< default seed
  std::vector<BufferDesc> buffers;
  std::vector<PopulationDesc> populations;
  std::vector<ProjectionDesc> projections;
  std::vector<RecordingDesc> recordings;
  std::vector<InjectionDesc> injections;
  int seedBuffer = -1;
};

/// Parses and validates `json`; kernel indices must be below `numKernels`.
/// Throws RuntimeError(SNN_ERROR_INVALID_MODEL) describing the first problem found.
NetworkDesc parseDescriptor(std::string_view json, uint32_t numKernels);

/// Checks the cross-references of an already parsed descriptor (buffer roles, types, sizes).
/// Called by parseDescriptor(); throws like it.
void validateDescriptor(const NetworkDesc &desc, uint32_t numKernels);

} // namespace snn::rt

#endif
