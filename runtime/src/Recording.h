// Recording.h: spike and state recordings (the descriptor's "recordings").
//
// Spike recordings keep (step, neuron) for every emitted spike of the recorded neurons, a
// generator spike of multiplicity k appearing k times. All spike recordings of a population share
// one recorder (the union of their neurons), found in O(1) per spike through a per-neuron bitmap
// (skipped when every neuron is recorded). State recordings copy the listed neurons' values of one
// variable at step 0 and after every step that is a multiple of `every`; the step-0 sample is
// taken at creation and taken again just before the first step, so values set with
// snn_set_state() in between are what it holds. Values are stored in SI units; the CSV writer
// (RecordingCsv.cpp) applies the display scale.
#ifndef SNN_RUNTIME_RECORDING_H
#define SNN_RUNTIME_RECORDING_H

#include "Descriptor.h"
#include "Plasticity.h"
#include "SpikeLists.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace snn::rt {

/// The recorded spikes of one population.
class SpikeRecorder {
public:
  SpikeRecorder(std::string populationName, uint32_t populationSize);

  /// Adds `neurons` (all < population size) to the recorded set.
  void addNeurons(const std::vector<uint32_t> &neurons);
  /// Appends the recorded neurons' spikes of the current list of `spikes`, emitted at `step`.
  void record(int64_t step, const PopulationSpikes &spikes);

  const std::string &populationName() const { return populationName_; }
  size_t size() const { return steps_.size(); }
  const std::vector<int64_t> &steps() const { return steps_; }
  const std::vector<uint32_t> &neurons() const { return neurons_; }

private:
  std::string populationName_;
  std::vector<uint8_t> isRecorded_; ///< per neuron
  uint32_t numRecorded_ = 0;        ///< distinct recorded neurons
  std::vector<int64_t> steps_;
  std::vector<uint32_t> neurons_;
};

/// Samples of one variable of some neurons.
struct StateRecorder {
  std::string fileName;           ///< state_<pop>_<var>.csv
  std::string column;             ///< <var>_<display unit>
  const double *values = nullptr; ///< the variable's buffer
  std::vector<uint32_t> neurons;
  uint64_t every = 1;
  double displayScale = 1;
  std::vector<int64_t> sampleSteps;
  std::vector<double> samples; ///< neurons.size() values per sample, SI units

  /// Appends a sample taken at `step`.
  void sample(int64_t step);
};

/// Samples of one variable of the selected synapses of a plastic projection (SynapseRecording.cpp).
struct SynapseRecorder {
  std::string fileName; ///< synapses_<source>_<target>_<var>.csv
  std::string column;   ///< <var>_<display unit>
  SynapseValueReader reader;
  std::vector<uint64_t> synapses; ///< in storage order
  std::vector<uint32_t> pre, post;
  uint64_t every = 1;
  bool atEnd = false;
  double displayScale = 1;
  std::vector<int64_t> sampleSteps;
  std::vector<double> samples; ///< synapses.size() values per sample, SI units

  SynapseRecorder(const NetworkDesc &desc, const RecordingDesc &rec,
                  const std::vector<void *> &buffers);
  /// Appends a sample of the values at `step`.
  void sample(int64_t step);
};

/// All recordings of a network.
class Recordings {
public:
  /// Sets up the recordings of `desc`; `buffers` is the network's buffer table.
  Recordings(const NetworkDesc &desc, const std::vector<void *> &buffers);

  /// Takes the step-0 state samples (at creation).
  void sampleInitialState();
  /// Replaces the step-0 state samples with the current values (just before the first step).
  void resampleInitialState();
  /// Records what step `step` produced; `populations` holds every population's spike list.
  void afterStep(int64_t step, const std::vector<PopulationSpikes> &populations);

  /// The spike recorder of population `pop`, or null when its spikes are not recorded.
  const SpikeRecorder *spikes(int pop) const;
  /// The descriptor's number of recordings.
  size_t count() const { return numRecordings_; }

  /// Writes spikes_<pop>.csv, state_<pop>_<var>.csv and synapses_<src>_<tgt>_<var>.csv into
  /// `dir` (created if missing); `at end` synapse recordings take their sample at `step`.
  /// Throws RuntimeError(SNN_ERROR_IO) naming the file when something cannot be written.
  void writeCsv(const std::string &dir, double dt, int64_t step) const;
  const std::vector<SynapseRecorder> &synapseRecorders() const { return synapses_; }

private:
  size_t numRecordings_ = 0;
  std::vector<std::optional<SpikeRecorder>> spikeRecorders_; ///< per population
  std::vector<int> spikePopulations_;                        ///< populations with a recorder
  std::vector<StateRecorder> states_;
  std::vector<SynapseRecorder> synapses_;
};

} // namespace snn::rt

#endif
