//===- ir/Network.h - the network IR -------------------------------------------------------===//
//
// The network IR is what the frontend produces, what passes transform and what backends read:
//
//   Network
//     Simulation        dt, duration, seed
//     NeuronModel*      parameters, state, inputs, ODEs, threshold, reset, refractoriness,
//                       synaptic ports; after `solve-odes`, a discrete update block and its method
//     SynapseModel*     per-synapse state and event handlers (`on pre`, `on post`)
//     Population*       N instances of a model or a generator (Poisson, spike times)
//     Projection*       source -> target: connection rule, weight, delay, port, storage format
//     Recording*        spikes or state variables of selected neurons
//     Injection*        time series written into an input variable of a population
//
// Decisions are data: the ODE method, delays in steps, ring-buffer sizes, the storage format and
// the numeric format are fields set by passes, printed in dumps, and only read by codegen. A
// field not yet decided holds its "unset" value (Method::None, -1 steps, Storage::Unset).
//
// Values are SI doubles. Every entity keeps the source range it came from, so a pass can report
// against the user's .snn line. Printing (ir/Printer.cpp) is deterministic; ir/Reader.cpp reads
// the text back; ir/Verifier.cpp checks the invariants listed there.
//
//===----------------------------------------------------------------------------------------===//
#ifndef SNNC_IR_NETWORK_H
#define SNNC_IR_NETWORK_H

#include "ir/Expr.h"
#include "ir/Units.h"
#include "support/FixedPoint.h"
#include "support/TargetDesc.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace snn::ir {

/// A named, dimensioned declaration in a model.
struct Variable {
  std::string Name;
  Dim D;
  llvm::SMRange Loc;
};

struct Param : Variable {
  double Value = 0; ///< default value (SI)
};

struct StateVar : Variable {
  ExprPtr Init; ///< default initial value; may refer to parameters
};

struct InputVar : Variable {
  double Default = 0; ///< value until set from outside (SI)
};

struct Ode {
  std::string Var; ///< d Var / dt = Rhs
  ExprPtr Rhs;
  llvm::SMRange Loc;
};

/// One statement of a reset, port handler or update block.
struct Stmt {
  enum class Op { Set, Add, Sub, Mul, Div, Let, Deliver };
  Op Kind = Op::Set;
  std::string Target; ///< state variable, or the temporary defined by Let
  ExprPtr Value;
  llvm::SMRange Loc;
  Stmt clone() const { return {Kind, Target, Value->clone(), Loc}; }
};
const char *stmtOpSpelling(Stmt::Op Op);

/// How a model's ODEs are advanced by one step. FixedPoint: the update block is a chip's integer
/// arithmetic, written by quantize-for-target (not a method a model can ask for).
enum class Method { None, Exact, ExpEuler, Euler, RK2, RK4, FixedPoint };
/// "exact", "exponential_euler", "euler", "rk2", "rk4" ("none" for None).
const char *methodName(Method M);
std::optional<Method> lookupMethod(llvm::StringRef Name);

/// ODE variables advanced together by one method.
struct OdeGroup {
  Method M = Method::None;
  std::vector<std::string> Vars;
};

/// A synaptic input port: incoming weights of one step are summed into `w`, then Body runs once.
struct Port {
  std::string Name;
  std::string WeightName = "w";
  Dim WeightDim;
  std::vector<Stmt> Body;
  llvm::SMRange Loc;
};

/// The numeric format of a state variable computed in a chip's integer arithmetic: a signed
/// integer of Bits bits with the target's overflow rule (set by quantize-for-target).
struct NumericFormat {
  std::string Var;
  unsigned Bits = 0;
  support::Overflow Over = support::Overflow::Wrap;
};

/// The neuron of a chip a model was quantized to (set by quantize-for-target): the family and
/// its integer parameters by name (Loihi: du, dv, vth, bias_mant, bias_exp), plus Unit, the
/// real value of one integer unit of the membrane potential, and Origin, the real value that
/// is 0 on the chip (the reset potential), so values can be converted back.
struct ChipNeuron {
  support::NeuronFamily Family = support::NeuronFamily::None;
  std::vector<std::pair<std::string, int64_t>> Params;
  double Unit = 1, Origin = 0;
  /// Relative errors of the chip's parameters against the model's (decay factors, bias), for
  /// --report=quantization.
  std::vector<std::pair<std::string, double>> Errors;
  bool set() const { return Family != support::NeuronFamily::None; }
  int64_t param(llvm::StringRef Name, int64_t Default = 0) const;
};

struct NeuronModel {
  std::string Name;
  llvm::SMRange Loc;
  std::vector<Param> Params;
  std::vector<StateVar> States;
  std::vector<InputVar> Inputs;
  std::vector<Ode> Odes;
  /// The method the user asked for (`method rk4` in the model); None lets solve-odes choose.
  Method Requested = Method::None;
  llvm::SMRange RequestedLoc;
  /// Set by solve-odes: the method of each group of ODE variables and the update block (lets,
  /// then simultaneous assignments `x = expr` that read the state at the start of the step).
  std::vector<OdeGroup> Groups;
  std::vector<Stmt> Update;
  bool solved() const { return !Groups.empty(); }
  ExprPtr Threshold; ///< null: the model never fires
  llvm::SMRange ThresholdLoc;
  std::vector<Stmt> Reset;
  ExprPtr RefractoryPeriod;        ///< seconds; null: no refractoriness
  int64_t RefractorySteps = -1;    ///< set by quantize-event-times
  std::vector<std::string> Frozen; ///< state frozen while refractory (all ODE state if empty)
  std::vector<Port> Ports;
  /// Chip targets (set by quantize-for-target): the chip neuron and the integer format of each
  /// state variable, in the order of the family's roles (Loihi: v, u, a_in); the update
  /// block, threshold, reset and ports are then integer arithmetic.
  ChipNeuron Chip;
  std::vector<NumericFormat> Formats;

  const Param *findParam(llvm::StringRef N) const;
  const StateVar *findState(llvm::StringRef N) const;
  const InputVar *findInput(llvm::StringRef N) const;
  const Port *findPort(llvm::StringRef N) const;
  /// A state variable or an input.
  const Variable *findVariable(llvm::StringRef N) const;
  const Ode *findOde(llvm::StringRef N) const;
  bool isFrozen(llvm::StringRef Var) const;
  std::unique_ptr<NeuronModel> clone() const;
};

/// dX/dt = Rate * X + Offset between events (Rate, Offset constant): a synapse variable is
/// advanced exactly, lazily, from its last update to the next event (set by solve-odes).
struct Decay {
  std::string Var;
  double Rate = 0, Offset = 0;
};

/// A synapse model with per-synapse state and event handlers. Static synapses need none (a
/// projection without a synapse model delivers its weight); plastic rules use this.
struct SynapseModel {
  std::string Name;
  llvm::SMRange Loc;
  std::vector<Param> Params;
  std::vector<StateVar> States;
  std::vector<Ode> Odes;            ///< between events; must be linear in their own variable
  std::vector<Decay> Decays;        ///< set by solve-odes
  std::vector<Stmt> OnPre;          ///< when a presynaptic spike reaches the synapse
  std::vector<Stmt> OnPost;         ///< when the postsynaptic spike reaches the synapse
  std::vector<Stmt> OnModulator;    ///< when a neuron of the projection's modulator fires
  /// Variables stored once per presynaptic / postsynaptic neuron instead of per synapse (traces
  /// that only depend on that neuron's spikes; set by hoist-synapse-traces).
  std::vector<std::string> PreTraces, PostTraces;
  const StateVar *findState(llvm::StringRef N) const;
  const Ode *findOde(llvm::StringRef N) const;
  bool isPreTrace(llvm::StringRef N) const;
  bool isPostTrace(llvm::StringRef N) const;
  /// True if the model has a state variable `delay`: its synapses' delays change at run time.
  bool hasPlasticDelay() const { return findState("delay") != nullptr; }
  /// The state variable `deliver` sends, if it sends a plain variable.
  std::string deliveredVar() const;
  std::unique_ptr<SynapseModel> clone() const;
};

/// A per-element value: a constant or a random distribution.
struct ValueInit {
  enum class Kind { Const, Uniform, Normal, Linspace };
  Kind K = Kind::Const;
  /// Const: A; Uniform: [A, B); Normal: mean A, std B; Linspace: element i of N is
  /// A + (B - A) i / (N - 1) (A when N = 1)
  double A = 0, B = 0;
  llvm::SMRange Loc;
  /// Chip targets: each drawn value becomes a chip integer by this quantizer (set by
  /// quantize-for-target for random weights and initial values).
  std::optional<support::fx::Quantizer> Quant;
  bool isConst() const { return K == Kind::Const; }
  bool operator==(const ValueInit &O) const {
    return K == O.K && A == O.A && B == O.B && Quant.has_value() == O.Quant.has_value() &&
           (!Quant || (Quant->Offset == O.Quant->Offset && Quant->Scale == O.Quant->Scale &&
                       Quant->Step == O.Quant->Step && Quant->Lo == O.Quant->Lo &&
                       Quant->Hi == O.Quant->Hi));
  }
};

enum class PopKind { Neuron, Poisson, SpikeTimes };
const char *popKindName(PopKind K);

/// Numeric format of a population's state and arithmetic.
enum class Precision { F64, F32 };

struct Population {
  std::string Name;
  llvm::SMRange Loc;
  PopKind Kind = PopKind::Neuron;
  uint64_t Size = 0;
  std::string Model; ///< NeuronModel name (Kind == Neuron)
  struct Override {
    std::string Name;
    double Value;
    llvm::SMRange Loc;
  };
  std::vector<Override> ParamOverrides; ///< removed by fold-constants
  struct Init {
    std::string Var;
    ValueInit Value;
  };
  std::vector<Init> Inits;               ///< explicit initial values (others: model default)
  double Rate = 0;                       ///< Poisson: rate per generator (Hz)
  /// Poisson with rates per generator or varying in time (then Rate is unused): from time
  /// RateTimes[r] on, generator i fires at RateRows[r][i] Hz (RateRows[r][0] for every
  /// generator when a row has one entry), and at 0 Hz before the first row.
  std::vector<double> RateTimes;
  std::vector<std::vector<double>> RateRows;
  std::vector<int64_t> RateSteps;        ///< set by quantize-event-times
  std::vector<llvm::SMRange> RateLocs;   ///< source of each row (not in the text form)
  std::vector<double> SpikeTimes;        ///< SpikeTimes: seconds, with SpikeNeurons
  std::vector<uint32_t> SpikeNeurons;
  std::vector<int64_t> SpikeSteps;       ///< set by quantize-event-times
  std::vector<llvm::SMRange> SpikeLocs;  ///< source of each spike time (not in the text form)
  struct PortBuffer {
    std::string Port;
    int64_t Slots;
    /// Inputs summed apart per delay (1: one sum per slot). A chip projection with a negative
    /// weight exponent and several delays keeps one sum per (slot, delay), because the chip
    /// shifts the sum of each delay separately (Lava's DelayDense).
    int64_t Groups = 1;
  };
  std::vector<PortBuffer> RingBuffers;   ///< set by quantize-delays
  Precision Prec = Precision::F64;
  /// Threads own contiguous ranges of neurons whose boundaries are multiples of this many
  /// neurons (set by partition-for-threads; 0: not partitioned).
  uint64_t PartitionChunk = 0;

  const Init *findInit(llvm::StringRef Var) const;
  int64_t ringSlots(llvm::StringRef Port) const;
  /// The delay groups of the port's ring buffer (1 unless summed per delay).
  int64_t ringGroups(llvm::StringRef Port) const;
  /// A Poisson population whose rates are given per generator or in time (RateRows).
  bool hasRateSchedule() const { return !RateRows.empty(); }
};

/// List: the synapses are listed explicitly (Projection::ListPre/ListPost).
enum class RuleKind { AllToAll, OneToOne, FixedProbability, FixedIndegree, FixedOutdegree, List };
const char *ruleName(RuleKind K);

/// How a projection's connectivity is stored (set by select-synapse-storage, or by the user):
///   csr        rows by presynaptic neuron with 16- or 32-bit target indices (any rule);
///   identity   one_to_one: synapse i is i -> i, nothing stored;
///   dense      all_to_all: every pair (less i -> i without autapses), nothing stored but the
///              per-synapse weights/delays, kept as source x target matrices;
///   bitmask    one bit per (source, target) pair, for constant weights and delays;
///   procedural fixed_probability with constant weights and delays: each row is generated again
///              from the counter-based random numbers at every spike of its source; nothing stored.
enum class Storage { Unset, CSR, Identity, Dense, Bitmask, Procedural };
const char *storageName(Storage S);
/// The format named S ("csr", ...), if any (never Unset).
std::optional<Storage> storageNamed(llvm::StringRef S);

/// How a projection's weights are stored on a chip (set by quantize-for-target): the weight is
/// an integer mantissa; the target adds shift(sum of the step's mantissas, Exp) (Loihi's
/// weight_exp) to its input. Unit is the real weight of one mantissa unit, Bits the stored
/// bits, Graded: spikes carry their multiplicity (Poisson counts) as a payload.
struct ChipWeights {
  bool Set = false;
  int Exp = 0;
  unsigned Bits = 0;
  support::SignMode Sign = support::SignMode::Excitatory;
  double Unit = 1;
  bool Graded = false;
  /// The largest and RMS error of the quantized weights relative to the largest weight.
  double MaxErr = 0, RmsErr = 0;
  /// The target sums the inputs of each delay apart (a negative exponent with several delays).
  bool PerDelay = false;
};

struct Projection {
  std::string Source, Target, Port;
  llvm::SMRange Loc;
  RuleKind Rule = RuleKind::AllToAll;
  double P = 0;      ///< FixedProbability
  uint64_t K = 0;    ///< FixedIndegree / FixedOutdegree
  bool Autapses = true;
  ValueInit Weight;
  ValueInit Delay;             ///< seconds
  int64_t DelaySteps = -1;     ///< constant delay in steps (set by quantize-delays)
  int64_t MaxDelaySteps = -1;  ///< largest delay in steps (set by quantize-delays)
  std::string Synapse;         ///< SynapseModel name; empty for a static synapse
  /// Where the delay sits, which decides the times a synapse model sees: axonal: the
  /// presynaptic spike reaches the synapse (and the target) after the delay, the postsynaptic
  /// spike at once; dendritic: the presynaptic spike reaches the synapse at once, its effect
  /// reaches the target after the delay, and so does the postsynaptic spike the synapse.
  enum class DelayKind { Axonal, Dendritic };
  DelayKind DelayAt = DelayKind::Axonal;
  std::vector<Population::Override> SynapseParams; ///< removed by fold-constants
  std::vector<Population::Init> SynapseInits;      ///< initial values of per-synapse state
  /// The population whose spikes run the synapse model's `on modulator` in every synapse.
  std::string Modulator;
  /// Plastic delays (a synapse variable `delay`): the largest delay the synapses may reach
  /// (seconds), which sizes the target's input buffer.
  double MaxDelay = 0;
  llvm::SMRange MaxDelayLoc; ///< source of max_delay (not in the text form)
  Storage Store = Storage::Unset;
  /// Precision of the per-synapse values stored (random or listed weights, synapse variables
  /// other than a plastic `delay`): f32 halves their bytes; kernels compute in double and round
  /// when they store. Set by `precision = f32` in the language.
  Precision ValuePrec = Precision::F64;
  /// CSR: bits of a target index (16 when the target has at most 65536 neurons, else 32; set
  /// with the storage format; 0: not decided).
  unsigned IndexBits = 0;
  /// How threads share the delivery (set by partition-for-threads): by target, each thread
  /// delivering every spike to the targets it owns, or sequentially by one thread.
  enum class Partition { Unset, ByTarget, Sequential };
  Partition Part = Partition::Unset;
  /// Rule List: synapse k connects ListPre[k] -> ListPost[k], with weight ListWeights[k] and
  /// delay ListDelays[k] (seconds) when those are given (else Weight and Delay apply).
  std::vector<uint32_t> ListPre, ListPost;
  std::vector<double> ListWeights, ListDelays;
  std::vector<int64_t> ListDelaySteps;      ///< set by quantize-delays
  std::vector<llvm::SMRange> ListDelayLocs; ///< source of each delay (not in the text form)
  ChipWeights Chip; ///< chip targets
  std::string name() const { return Source + "->" + Target; }
};

struct Recording {
  enum class Kind { Spikes, State, Synapse };
  Kind K = Kind::Spikes;
  std::string Pop;                 ///< Synapse: the projection's source
  std::string Var;                 ///< State, Synapse
  llvm::SMRange Loc;
  /// Selected neurons: a half-open slice [Lo, Hi) or an explicit list.
  bool IsSlice = true;
  uint64_t Lo = 0, Hi = 0;
  std::vector<uint64_t> Neurons;
  double Interval = 0;             ///< State: seconds between samples (0: every step)
  int64_t IntervalSteps = -1;      ///< set by quantize-event-times
  /// Synapse: the projection, the selected targets (synapses between selected sources and
  /// selected targets are recorded), and whether only the final values are recorded.
  int64_t Projection = -1;
  bool PostIsSlice = true;
  uint64_t PostLo = 0, PostHi = 0;
  std::vector<uint64_t> PostNeurons;
  bool AtEnd = false;
  std::vector<uint64_t> selected() const;
  std::vector<uint64_t> selectedPost() const;
};

/// A time series written into an input variable of a neuron population: from time Times[k] on,
/// the input of neuron Neurons[k] (of every neuron when it is -1) is Values[k] (SI).
struct Injection {
  std::string Pop, Var;
  llvm::SMRange Loc;
  std::vector<double> Times;
  std::vector<int64_t> Neurons;
  std::vector<double> Values;
  std::vector<int64_t> Steps;          ///< set by quantize-event-times
  std::vector<llvm::SMRange> TimeLocs; ///< source of each time (not in the text form)
};

/// One row of the partition table: neurons [Lo, Hi) of a population run on one core of one
/// chip (set by fill-cores-in-order for chip targets).
struct CoreSlice {
  std::string Pop;
  uint64_t Lo = 0, Hi = 0;
  uint32_t Chip = 0, Core = 0;
};

struct Simulation {
  double Dt = 1e-4;
  double Duration = 1.0;
  uint64_t Seed = 0;
  llvm::SMRange Loc;
};

struct Network {
  std::string Name;
  llvm::SMRange Loc;
  Simulation Sim;
  std::vector<std::unique_ptr<NeuronModel>> Models;
  std::vector<std::unique_ptr<SynapseModel>> Synapses;
  std::vector<Population> Populations;
  std::vector<Projection> Projections;
  std::vector<Recording> Recordings;
  std::vector<Injection> Injections;
  /// The partition table of chip targets: every neuron of every neuron population on exactly
  /// one core.
  std::vector<CoreSlice> Cores;

  NeuronModel *findModel(llvm::StringRef N) const;
  SynapseModel *findSynapse(llvm::StringRef N) const;
  Population *findPopulation(llvm::StringRef N);
  const Population *findPopulation(llvm::StringRef N) const;
  int populationIndex(llvm::StringRef N) const;
  std::unique_ptr<Network> clone() const;
};

} // namespace snn::ir

#endif
