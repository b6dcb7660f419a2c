// SpikeLists.h: turning what update kernels wrote into the spike lists delivery kernels read.
//
// After the update kernels of a step, each population's PopulationSpikes::collect() writes its
// spike list: spike_idx (ascending neuron indices), spike_mult (spikes per entry; generators only)
// and spike_count (entries). Neuron populations compact their flags, Poisson populations their
// counts, spike-time generators emit the scheduled entries of the step (repeats of a neuron merged
// into one entry with a multiplicity). collect() also counts the step's spikes, multiplicity
// included. It never allocates: the lists have room for one entry per neuron, which is the most a
// step can produce.
#ifndef SNN_RUNTIME_SPIKELISTS_H
#define SNN_RUNTIME_SPIKELISTS_H

#include "Descriptor.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace snn::rt {

/// Writes the indices i < n with flags[i] != 0 to out (ascending); returns how many.
/// `out` must have room for n entries (it is written past the result).
uint32_t compactFlags(const void *flags, ScalarType type, uint32_t n, uint32_t *out);

/// Writes i and counts[i] for each counts[i] != 0 to idx and mult; returns the entries and adds
/// the sum of the counts to `spikes`. idx and mult must have room for n entries.
uint32_t compactCounts(const uint32_t *counts, uint32_t n, uint32_t *idx, uint32_t *mult,
                       uint64_t &spikes);

/// One thread's part of a step's spike list: the entries of the neurons [lo, hi) it owns, made
/// while the other threads make theirs, then copied into place (PopulationSpikes::place).
struct SpikeRange {
  std::vector<uint32_t> idx, mult; ///< room for one entry per neuron of the range
  uint32_t entries = 0;
  uint64_t spikes = 0; ///< multiplicity included
};

/// The spike list of one population and the state needed to produce it.
struct PopulationSpikes {
  PopulationKind kind = PopulationKind::Neuron;
  uint32_t size = 0;
  const void *flags = nullptr; ///< neuron populations
  ScalarType flagsType = ScalarType::U8;
  const uint32_t *counts = nullptr; ///< Poisson populations
  uint32_t *spikeIdx = nullptr;
  uint32_t *spikeMult = nullptr; ///< null for neuron populations without one
  int64_t *spikeCount = nullptr;
  std::vector<int64_t> scheduleSteps;    ///< spike-time generators, sorted by (step, neuron)
  std::vector<uint32_t> scheduleNeurons; ///< parallel to scheduleSteps
  size_t scheduleNext = 0;               ///< first entry not yet emitted
  uint64_t stepSpikes = 0;               ///< spikes of the last step, multiplicity included
  uint64_t totalSpikes = 0;              ///< spikes since creation

  /// Sets the schedule of a spike-time generator, sorting it by (step, neuron).
  void setSchedule(std::vector<int64_t> steps, std::vector<uint32_t> neurons);
  /// Writes the spike list of `step`.
  void collect(int64_t step);
  /// With several threads, for neuron and Poisson populations, instead of collect(): each thread
  /// compacts its neurons [lo, hi) into `part` (the step's flags or counts there are final)...
  void collectRange(uint32_t lo, uint32_t hi, SpikeRange &part) const;
  /// ...then copies it to entry `offset` of the list (the entries of the threads before it),
  void place(const SpikeRange &part, uint32_t offset);
  /// ...and one thread sets the totals.
  void finishParts(uint32_t entries, uint64_t spikes);
  /// Entries of the current list.
  uint32_t entries() const { return static_cast<uint32_t>(*spikeCount); }
  /// The current list with each entry repeated by its multiplicity.
  void expand(std::vector<uint32_t> &out) const;
};

} // namespace snn::rt

#endif
