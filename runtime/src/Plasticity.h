// Plasticity.h: the run-time side of projections with a synapse model (docs/runtime-abi.md,
// "Plastic projections").
//
// Each step, after the spike lists are collected, a plastic projection turns the step's spikes
// into events and queues them for the step at which they reach their synapses:
//   - a presynaptic spike of neuron i at step s: one event "neuron i" at s + pre_event_delay when
//     all of i's synapses see it at once, else one event "synapse j" per synapse at s + delay(j);
//   - a postsynaptic spike likewise, with post_event_delay or each synapse's (dendritic) delay.
// A spike with multiplicity m gives m events. Then the `on pre` kernel runs over the events due
// at s, then the `on post` kernel; each queue slot is cleared after use. Last, each spike of the
// modulator population (if any) runs the `on modulator` kernel over all synapses. Events of one step keep
// the order of the spike lists (ascending neurons, then synapses in storage order), so the
// result does not depend on anything but the network and the seed.
// A plastic delay (the synapse variable `delay`, seconds) is read when the spike is queued:
// changing it affects spikes emitted afterwards. It is rounded to the nearest step (halves away
// from zero) and clipped to [0, max_delay_steps].
#ifndef SNN_RUNTIME_PLASTICITY_H
#define SNN_RUNTIME_PLASTICITY_H

#include "snn/runtime.h"

#include "Descriptor.h"
#include "RealView.h"
#include "SpikeLists.h"

#include <cstdint>
#include <vector>

namespace snn::rt {

/// Event lists for the next maxDelay + 1 steps.
class EventQueue {
public:
  void reset(uint32_t maxDelay) { slots_.assign(size_t{maxDelay} + 1, {}); }
  void push(int64_t step, uint32_t id) { slot(step).push_back(id); }
  std::vector<uint32_t> &slot(int64_t step) {
    return slots_[static_cast<size_t>(static_cast<uint64_t>(step) % slots_.size())];
  }
  /// Events still waiting (for snapshots and tests).
  uint64_t pending() const;

private:
  std::vector<std::vector<uint32_t>> slots_;
};

/// Indices stored as u16 or u32: a CSR `col`, a plastic projection's `source_buffer`.
struct IndexView {
  const void *data = nullptr;
  bool narrow = false; ///< u16
  IndexView() = default;
  IndexView(const void *d, bool n) : data(d), narrow(n) {}
  explicit operator bool() const { return data != nullptr; }
  uint32_t operator[](uint64_t j) const {
    return narrow ? static_cast<const uint16_t *>(data)[j] : static_cast<const uint32_t *>(data)[j];
  }
};

struct PlasticProjection {
  const ProjectionDesc *proj = nullptr;
  snn_kernel_fn preKernel = nullptr, postKernel = nullptr, modulatorKernel = nullptr;
  int source = -1, target = -1, modulator = -1;
  uint64_t synapses = 0;
  bool identity = false;
  const uint64_t *rowPtr = nullptr;
  const uint64_t *postPtr = nullptr;
  const uint32_t *postSyn = nullptr;
  const uint16_t *delays = nullptr; ///< per-synapse delays in steps
  const double *delayVar = nullptr; ///< plastic delays in seconds
  double dt = 0;
  EventQueue pre, post;

  /// The delay of synapse `syn` in steps.
  uint32_t delaySteps(uint64_t syn) const;
  /// Queues the spikes of `step` and runs the kernels over the events due at `step`.
  void step(int64_t step, std::vector<void *> &table, const std::vector<PopulationSpikes> &pops);
};

/// The current value of a lazily decayed variable last updated at step `last`.
double decayedValue(const SynapseVarDesc &var, double value, int64_t last, int64_t now, double dt);

/// Reads one variable of a plastic projection's synapses as of a given step (bringing lazily
/// updated values up to it), wherever it is stored.
struct SynapseValueReader {
  const SynapseVarDesc *var = nullptr;
  RealView values; ///< f64, or f32 for per-synapse variables in single precision
  int64_t *last = nullptr; ///< null when the variable does not decay
  IndexView source;
  IndexView col; ///< empty for identity storage
  double dt = 0;

  SynapseValueReader(const NetworkDesc &desc, const ProjectionDesc &proj, int variable,
                     const std::vector<void *> &table);
  /// Where synapse `syn`'s value is stored.
  uint64_t slot(uint64_t syn) const {
    switch (var->per) {
    case SynapseVarDesc::Per::Synapse: return syn;
    case SynapseVarDesc::Per::Source: return source[syn];
    case SynapseVarDesc::Per::Target: return col ? col[syn] : syn;
    }
    return syn;
  }
  double at(uint64_t syn, int64_t now) const {
    const uint64_t i = slot(syn);
    return last ? decayedValue(*var, values.get(i), last[i], now, dt) : values.get(i);
  }
};

} // namespace snn::rt

#endif
