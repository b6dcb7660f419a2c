//===- tools/snnc-emu/Emulator.h - a chip configuration, simulated step by step -------------===//
//
// snnc-emu reads a chip configuration (docs/chip-config.md) and simulates it with its own
// interpreter of the target's equations, independent of the compiler's IR and of the LLVM
// backend: the neurons of each core with the family's integer arithmetic (Families.cpp, on the
// helpers of support/FixedPoint.h), the synapse tables of each core, the routes between cores,
// and the host's spike sources (Poisson counts and spike times from support/, as a native run
// draws them). It writes the recordings in the files `snnc run` writes.
//
// One step s (as docs/language.md defines it): every core's neurons read what arrived for step
// s - 1, per input group (a projection; with a negative weight exponent, a projection and one
// delay, as Lava shifts each delay's sum separately), add shift(sum, weight_exp) to their
// input and update; the host sources emit; every spike goes along its routes into the input
// buffers of the target cores, d steps ahead for a delay of d; recordings sample.
//
//===----------------------------------------------------------------------------------------===//
#ifndef SNNC_TOOLS_SNNC_EMU_EMULATOR_H
#define SNNC_TOOLS_SNNC_EMU_EMULATOR_H

#include "support/TargetDesc.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace snn::emu {

/// A configuration that cannot be run: the message names the field.
class ConfigError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// The integer state of one chip population and its family's parameters.
struct ChipPopulation {
  support::NeuronFamily Family = support::NeuronFamily::None;
  std::map<std::string, int64_t> Params;
  /// State by role (Loihi: "v", "u", "a_in"), and the model's name of each role.
  std::map<std::string, std::vector<int64_t>> State;
  std::map<std::string, std::string> RoleName;
  std::map<std::string, std::pair<unsigned, support::Overflow>> Format;
  std::vector<int64_t> Refractory; ///< steps left
};

struct Population {
  std::string Name;
  enum class Kind { Neuron, Poisson, SpikeTimes } K = Kind::Neuron;
  uint32_t Size = 0;
  ChipPopulation Chip;
  // Poisson
  uint32_t Stream = 0;
  double Rate = 0;
  std::vector<uint64_t> Thresholds;              ///< constant rate
  std::vector<int64_t> ScheduleSteps;            ///< rates per generator or in time
  std::vector<std::vector<double>> ScheduleRates;
  // Spike times, sorted by (step, neuron)
  std::vector<std::pair<int64_t, uint32_t>> Spikes;
  size_t NextSpike = 0;
  // This step's spikes: neuron, count
  std::vector<std::pair<uint32_t, uint32_t>> Fired;
  uint64_t SpikeCount = 0;
};

struct Projection {
  std::string Name;
  int WeightExp = 0;
  unsigned WeightBits = 8;
  support::SignMode Sign = support::SignMode::Excitatory;
  bool Graded = false;
};

/// The synapses of one input axon of a core.
struct Axon {
  uint32_t Projection;
  std::vector<uint32_t> Neuron;
  std::vector<int64_t> Weight, Delay;
  std::vector<std::pair<uint32_t, int64_t>> GroupKeys; ///< the input group of each synapse
};

/// An input group of a core: the summed input of one projection (and one delay), or on
/// SpiNNaker of one synapse type (Channel 0: excitatory, 1: inhibitory), whose sum the family
/// converts itself.
struct InputGroup {
  int WeightExp = 0;
  int Channel = 0;
  bool Shifted = true; ///< the emulator applies WeightExp to the sum (Loihi, TrueNorth)
  uint64_t Slots = 2;
  std::vector<int64_t> Ring; ///< Slots x neurons of the core
};

/// Neurons [Lo, Hi) of a population on a core, as its local neurons Offset, Offset + 1, ...
struct CoreSlice {
  size_t Population;
  uint32_t Lo = 0, Hi = 0, Offset = 0;
};

struct Core {
  std::vector<CoreSlice> Slices;
  uint32_t Width = 0; ///< local neurons
  std::vector<Axon> Axons;
  std::vector<InputGroup> Groups;
  /// (projection, delay or -1), or on SpiNNaker (synapse type, -2) -> index in Groups
  std::map<std::pair<uint32_t, int64_t>, size_t> GroupOf;
};

struct Recording {
  bool Spikes = true;
  size_t Population = 0;
  std::string Role, Column; ///< state recordings
  std::vector<uint32_t> Neurons;
  int64_t Every = 1;
  std::vector<std::pair<int64_t, uint32_t>> SpikeRows;
  std::vector<int64_t> SampleSteps;
  std::vector<int64_t> Samples;
};

class Emulator {
public:
  /// Reads and checks a configuration; throws ConfigError.
  explicit Emulator(const std::string &JsonText);
  explicit Emulator(const nlohmann::json &Root);

  void run(int64_t Steps);
  int64_t defaultSteps() const { return DefaultSteps; }
  int64_t step() const { return Step; }
  double dt() const { return Dt; }
  const std::string &networkName() const { return Name; }
  const std::string &targetName() const { return Target.Name; }
  const std::vector<Population> &populations() const { return Pops; }
  uint64_t synapseCount() const { return Synapses; }
  uint32_t seed() const { return Seed; }
  /// Writes spikes_<pop>.csv and state_<pop>_<var>.csv into Dir; throws std::runtime_error.
  void writeRecordings(const std::string &Dir) const;
  size_t recordingCount() const { return Recs.size(); }

private:
  void stepOnce();
  void updateCore(Core &C);
  void emitGenerators();
  void route();
  void record();

  std::string Name;
  support::TargetDesc Target;
  double Dt = 0;
  int64_t DefaultSteps = 0, Step = 0;
  uint32_t Seed = 0;
  uint64_t Synapses = 0;
  std::vector<Population> Pops;
  std::vector<Projection> Projs;
  std::vector<Core> Cores;
  /// Routes of source neurons: (population, neuron) -> (core, axon) list.
  std::vector<std::vector<std::vector<std::pair<uint32_t, uint32_t>>>> Routes;
  std::vector<Recording> Recs;
};

/// The JSON of a configuration; throws ConfigError ("invalid JSON: ...").
nlohmann::json parseConfig(const std::string &JsonText);

/// The family's update of one neuron: reads and writes the state of neuron I of P, with the
/// step's input In[0] (Loihi, TrueNorth: the summed, shifted input of every group; SpiNNaker:
/// the excitatory sum) and In[1] (SpiNNaker: the inhibitory sum); returns true if it fires.
bool updateNeuron(ChipPopulation &P, const support::TargetDesc &T, size_t I, const int64_t In[2]);

} // namespace snn::emu

#endif
