// Plasticity.cpp: event queues of plastic projections, and building their arrays.
#include "Plasticity.h"

#include "Distributions.h"
#include "Errors.h"
#include "Network.h"
#include "Support.h"

#include "support/Steps.h"

#include <algorithm>
#include <cmath>
#include <type_traits>

namespace snn::rt {

uint64_t EventQueue::pending() const {
  uint64_t n = 0;
  for (const auto &s : slots_)
    n += s.size();
  return n;
}

uint32_t PlasticProjection::delaySteps(uint64_t syn) const {
  const uint32_t max = proj->maxDelaySteps;
  if (delayVar) {
    // The one rounding rule (support/Steps.h), clipped to the buffer; NaN gives 0.
    return static_cast<uint32_t>(support::timeToStepsClipped(delayVar[syn], dt, 0, max));
  }
  if (delays)
    return delays[syn];
  return proj->delay.steps;
}

void PlasticProjection::step(int64_t s, std::vector<void *> &table,
                             const std::vector<PopulationSpikes> &pops) {
  const PlasticDesc &p = *proj->plastic;
  const PopulationSpikes &src = pops[static_cast<size_t>(source)];
  const uint32_t n = src.entries();
  for (uint32_t k = 0; k < n; ++k) {
    const uint32_t i = src.spikeIdx[k];
    const uint32_t mult = src.spikeMult ? src.spikeMult[k] : 1;
    for (uint32_t m = 0; m < mult; ++m) {
      if (p.preByNeuron) {
        pre.push(s + p.preEventDelay, i);
        continue;
      }
      const uint64_t lo = identity ? i : rowPtr[i], hi = identity ? i + 1 : rowPtr[i + 1];
      for (uint64_t j = lo; j < hi; ++j)
        pre.push(s + delaySteps(j), static_cast<uint32_t>(j));
    }
  }
  if (postKernel) {
    const PopulationSpikes &tgt = pops[static_cast<size_t>(target)];
    const uint32_t nt = tgt.entries();
    for (uint32_t k = 0; k < nt; ++k) {
      const uint32_t t = tgt.spikeIdx[k];
      if (p.postByNeuron) {
        post.push(s + p.postEventDelay, t);
        continue;
      }
      const uint64_t lo = identity ? t : postPtr[t], hi = identity ? t + 1 : postPtr[t + 1];
      for (uint64_t c = lo; c < hi; ++c) {
        const uint32_t j = identity ? t : postSyn[c];
        post.push(s + delaySteps(j), j);
      }
    }
  }
  void *const *bufs = table.data();
  std::vector<uint32_t> &due = pre.slot(s);
  if (!due.empty()) {
    table[static_cast<size_t>(p.preEvents)] = due.data();
    preKernel(bufs, s, 0, static_cast<int64_t>(due.size()));
    due.clear();
  }
  if (postKernel) {
    std::vector<uint32_t> &late = post.slot(s);
    if (!late.empty()) {
      table[static_cast<size_t>(p.postEvents)] = late.data();
      postKernel(bufs, s, 0, static_cast<int64_t>(late.size()));
      late.clear();
    }
  }
  if (modulatorKernel) {
    const PopulationSpikes &mod = pops[static_cast<size_t>(modulator)];
    const uint32_t nm = mod.entries();
    for (uint32_t k = 0; k < nm; ++k) {
      const uint32_t mult = mod.spikeMult ? mod.spikeMult[k] : 1;
      for (uint32_t m = 0; m < mult; ++m)
        modulatorKernel(bufs, s, 0, static_cast<int64_t>(synapses));
    }
  }
}

double decayedValue(const SynapseVarDesc &var, double value, int64_t last, int64_t now,
                    double dt) {
  if (var.decayRate == 0 && var.decayOffset == 0)
    return value;
  const double delta = static_cast<double>(now - last) * dt;
  if (var.decayRate == 0)
    return value + var.decayOffset * delta;
  const double e = std::exp(var.decayRate * delta);
  double r = value * e;
  if (var.decayOffset != 0)
    r += var.decayOffset / var.decayRate * (e - 1.0);
  return r;
}

SynapseValueReader::SynapseValueReader(const NetworkDesc &desc, const ProjectionDesc &proj,
                                       int variable, const std::vector<void *> &table)
    : var(&proj.plastic->variables[static_cast<size_t>(variable)]), dt(desc.dt) {
  const PlasticDesc &p = *proj.plastic;
  auto at = [&](int index) { return index >= 0 ? table[static_cast<size_t>(index)] : nullptr; };
  values = RealView(at(var->buffer), desc.buffers[static_cast<size_t>(var->buffer)].type);
  const bool decays = var->decayRate != 0 || var->decayOffset != 0;
  if (decays) {
    int lastIndex = var->per == SynapseVarDesc::Per::Synapse  ? p.lastUpdate
                    : var->per == SynapseVarDesc::Per::Source ? p.preLastUpdate
                                                              : p.postLastUpdate;
    last = static_cast<int64_t *>(at(lastIndex));
  }
  auto narrow = [&](int index) {
    return desc.buffers[static_cast<size_t>(index)].type == ScalarType::U16;
  };
  source = IndexView(at(p.sourceBuffer), narrow(p.sourceBuffer));
  if (!proj.identity)
    col = IndexView(at(proj.col), narrow(proj.col));
}

} // namespace snn::rt

using namespace snn::rt;

void snn_network::buildPlastic(size_t index, uint64_t synapses, snn_kernel_fn preKernel,
                               snn_kernel_fn postKernel, snn_kernel_fn modulatorKernel) {
  const ProjectionDesc &proj = desc.projections[index];
  const PlasticDesc &p = *proj.plastic;
  const PopulationDesc &target = desc.populations[static_cast<size_t>(proj.target)];
  auto adopt = [&](int buffer, AlignedBlock block, uint64_t size) {
    storage[static_cast<size_t>(buffer)] = std::move(block);
    table[static_cast<size_t>(buffer)] = storage[static_cast<size_t>(buffer)].data();
    bufferSizes[static_cast<size_t>(buffer)] = size;
  };
  auto block = [&](uint64_t count, size_t size, const std::string &what) {
    try {
      return AlignedBlock(count * size);
    } catch (const std::bad_alloc &) {
      throw RuntimeError(SNN_ERROR_OUT_OF_MEMORY, "out of memory allocating " + what + " of '" +
                                                      proj.name + "'");
    }
  };
  for (const SynapseVarDesc &var : p.variables) {
    if (var.per != SynapseVarDesc::Per::Synapse)
      continue;
    const BufferDesc &buffer = desc.buffers[static_cast<size_t>(var.buffer)];
    AlignedBlock values =
        block(synapses, scalarSize(buffer.type), "synapse variable '" + var.name + "'");
    if (buffer.init)
      fillFromDistribution(buffer.type, values.data(), synapses, *buffer.init, seed,
                           streamFor(SNN_STREAM_INIT, static_cast<uint64_t>(var.buffer)));
    adopt(var.buffer, std::move(values), synapses);
  }
  if (p.lastUpdate >= 0)
    adopt(p.lastUpdate, block(synapses, sizeof(int64_t), "update steps"), synapses);

  // The presynaptic neuron of each synapse, and the synapses of each target (ascending ids).
  const uint64_t *rowPtr =
      proj.identity ? nullptr : static_cast<const uint64_t *>(table[static_cast<size_t>(proj.rowPtr)]);
  auto isNarrow = [&](int buffer) {
    return desc.buffers[static_cast<size_t>(buffer)].type == ScalarType::U16;
  };
  IndexView col;
  if (!proj.identity)
    col = IndexView(table[static_cast<size_t>(proj.col)], isNarrow(proj.col));
  // 16-bit source indices where the source has at most 65536 neurons (checked).
  auto fillSources = [&](auto *src) {
    using Index = std::remove_reference_t<decltype(*src)>;
    if (proj.identity) {
      for (uint64_t j = 0; j < synapses; ++j)
        src[j] = static_cast<Index>(j);
    } else {
      const uint32_t numSources = desc.populations[static_cast<size_t>(proj.source)].size;
      for (uint32_t i = 0; i < numSources; ++i)
        std::fill(src + rowPtr[i], src + rowPtr[i + 1], static_cast<Index>(i));
    }
  };
  const bool narrowSources = isNarrow(p.sourceBuffer);
  AlignedBlock sources = block(synapses, narrowSources ? sizeof(uint16_t) : sizeof(uint32_t),
                               "presynaptic indices");
  if (narrowSources)
    fillSources(static_cast<uint16_t *>(sources.data()));
  else
    fillSources(static_cast<uint32_t *>(sources.data()));
  adopt(p.sourceBuffer, std::move(sources), synapses);
  if (p.postKernel >= 0 && !proj.identity) {
    auto *ptr = static_cast<uint64_t *>(table[static_cast<size_t>(p.postPtr)]);
    std::fill(ptr, ptr + target.size + 1, 0);
    for (uint64_t j = 0; j < synapses; ++j)
      ++ptr[col[j] + 1];
    for (uint32_t t = 0; t < target.size; ++t)
      ptr[t + 1] += ptr[t];
    AlignedBlock byTarget = block(synapses, sizeof(uint32_t), "the postsynaptic index");
    auto *syn = static_cast<uint32_t *>(byTarget.data());
    std::vector<uint64_t> next(ptr, ptr + target.size);
    for (uint64_t j = 0; j < synapses; ++j)
      syn[next[col[j]]++] = static_cast<uint32_t>(j);
    adopt(p.postSyn, std::move(byTarget), synapses);
  }
  if (p.preEvents >= 0)
    adopt(p.preEvents, AlignedBlock(64), 0);
  if (p.postEvents >= 0)
    adopt(p.postEvents, AlignedBlock(64), 0);

  auto plastic = std::make_unique<PlasticProjection>();
  plastic->proj = &proj;
  plastic->preKernel = preKernel;
  plastic->postKernel = postKernel;
  plastic->modulatorKernel = modulatorKernel;
  plastic->modulator = p.modulator;
  plastic->synapses = synapses;
  plastic->source = proj.source;
  plastic->target = proj.target;
  plastic->identity = proj.identity;
  plastic->rowPtr = rowPtr;
  if (p.postPtr >= 0)
    plastic->postPtr = static_cast<const uint64_t *>(table[static_cast<size_t>(p.postPtr)]);
  if (p.postSyn >= 0)
    plastic->postSyn = static_cast<const uint32_t *>(table[static_cast<size_t>(p.postSyn)]);
  if (proj.delayBuffer >= 0)
    plastic->delays = static_cast<const uint16_t *>(table[static_cast<size_t>(proj.delayBuffer)]);
  if (p.delayVariable >= 0)
    plastic->delayVar = static_cast<const double *>(table[static_cast<size_t>(p.delayVariable)]);
  plastic->dt = desc.dt;
  plastic->pre.reset(proj.maxDelaySteps);
  plastic->post.reset(proj.maxDelaySteps);
  plasticProjections[index] = std::move(plastic);
}
