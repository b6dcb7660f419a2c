// Recording.cpp: collecting recorded spikes and state samples during the run (see Recording.h).
// Appending to std::vector is the only allocation during stepping (amortized constant).
#include "Recording.h"

namespace snn::rt {

SpikeRecorder::SpikeRecorder(std::string populationName, uint32_t populationSize)
    : populationName_(std::move(populationName)), isRecorded_(populationSize, 0) {}

void SpikeRecorder::addNeurons(const std::vector<uint32_t> &neurons) {
  for (uint32_t neuron : neurons) {
    numRecorded_ += isRecorded_[neuron] == 0;
    isRecorded_[neuron] = 1;
  }
}

void SpikeRecorder::record(int64_t step, const PopulationSpikes &spikes) {
  const uint32_t entries = spikes.entries();
  const uint32_t *idx = spikes.spikeIdx;
  const uint32_t *mult = spikes.spikeMult;
  if (numRecorded_ == isRecorded_.size() && !mult) {
    // Every neuron recorded, one spike per entry: append the list as is.
    steps_.insert(steps_.end(), entries, step);
    neurons_.insert(neurons_.end(), idx, idx + entries);
    return;
  }
  for (uint32_t e = 0; e < entries; ++e) {
    const uint32_t neuron = idx[e];
    if (!isRecorded_[neuron])
      continue;
    const uint32_t times = mult ? mult[e] : 1;
    for (uint32_t k = 0; k < times; ++k) {
      steps_.push_back(step);
      neurons_.push_back(neuron);
    }
  }
}

void StateRecorder::sample(int64_t step) {
  sampleSteps.push_back(step);
  for (uint32_t neuron : neurons)
    samples.push_back(values[neuron]);
}

Recordings::Recordings(const NetworkDesc &desc, const std::vector<void *> &buffers)
    : numRecordings_(desc.recordings.size()), spikeRecorders_(desc.populations.size()) {
  for (const RecordingDesc &rec : desc.recordings) {
    const PopulationDesc &pop = desc.populations[static_cast<size_t>(rec.population)];
    if (rec.kind == RecordingDesc::Kind::Spikes) {
      auto &recorder = spikeRecorders_[static_cast<size_t>(rec.population)];
      if (!recorder) {
        recorder.emplace(pop.name, pop.size);
        spikePopulations_.push_back(rec.population);
      }
      recorder->addNeurons(rec.neurons);
      continue;
    }
    if (rec.kind == RecordingDesc::Kind::Synapse) {
      synapses_.emplace_back(desc, rec, buffers);
      continue;
    }
    const VariableDesc &var = pop.variables[static_cast<size_t>(rec.variable)];
    StateRecorder state;
    state.fileName = "state_" + pop.name + "_" + var.name + ".csv";
    const std::string unit = rec.displayUnit.empty() ? var.unit : rec.displayUnit;
    state.column = unit.empty() || unit == "1" ? var.name : var.name + "_" + unit;
    state.values = static_cast<const double *>(buffers[static_cast<size_t>(var.buffer)]);
    state.neurons = rec.neurons;
    state.every = rec.every;
    state.displayScale = rec.displayUnit.empty() ? 1.0 : rec.displayScale;
    states_.push_back(std::move(state));
  }
}

void Recordings::sampleInitialState() {
  for (StateRecorder &state : states_)
    state.sample(0);
  for (SynapseRecorder &syn : synapses_)
    if (!syn.atEnd)
      syn.sample(0);
}

void Recordings::resampleInitialState() {
  for (StateRecorder &state : states_) {
    if (state.sampleSteps.empty() || state.sampleSteps.front() != 0)
      continue;
    for (size_t i = 0; i < state.neurons.size(); ++i)
      state.samples[i] = state.values[state.neurons[i]];
  }
  for (SynapseRecorder &syn : synapses_) {
    if (syn.sampleSteps.empty() || syn.sampleSteps.front() != 0)
      continue;
    for (size_t i = 0; i < syn.synapses.size(); ++i)
      syn.samples[i] = syn.reader.at(syn.synapses[i], 0);
  }
}

void Recordings::afterStep(int64_t step, const std::vector<PopulationSpikes> &populations) {
  for (int pop : spikePopulations_)
    spikeRecorders_[static_cast<size_t>(pop)]->record(step, populations[static_cast<size_t>(pop)]);
  for (StateRecorder &state : states_)
    if (static_cast<uint64_t>(step) % state.every == 0)
      state.sample(step);
  for (SynapseRecorder &syn : synapses_)
    if (!syn.atEnd && static_cast<uint64_t>(step) % syn.every == 0)
      syn.sample(step);
}

const SpikeRecorder *Recordings::spikes(int pop) const {
  if (pop < 0 || static_cast<size_t>(pop) >= spikeRecorders_.size() || !spikeRecorders_[pop])
    return nullptr;
  return &*spikeRecorders_[static_cast<size_t>(pop)];
}

} // namespace snn::rt
