// DescriptorChecks.cpp: validateDescriptor(), the cross-reference checks of a parsed descriptor.
//
// Checks that every index names an existing buffer, kernel, population or variable; that each
// buffer used in a role has the type and size the role needs (docs/runtime-abi.md); that buffers
// the runtime writes (spike lists, connectivity, the seed) are not shared between roles; and that
// every dynamic buffer is filled by exactly one projection; that listed synapses, weights and
// delays agree in number and range, and that injections write inputs. Connectivity parameters
// that depend on population sizes (k of fixed_indegree/fixed_outdegree) are checked when
// building.
#include "Descriptor.h"

#include "Errors.h"

#include <cmath>
#include <set>
#include <utility>

namespace snn::rt {

namespace {

class Checker {
public:
  Checker(const NetworkDesc &desc, uint32_t numKernels)
      : desc_(desc), numKernels_(numKernels), owners_(desc.buffers.size()) {}

  void run() {
    checkSeedBuffer();
    for (size_t i = 0; i < desc_.populations.size(); ++i)
      checkPopulation(i);
    for (size_t i = 0; i < desc_.projections.size(); ++i)
      checkProjection(i);
    for (size_t i = 0; i < desc_.recordings.size(); ++i)
      checkRecording(i);
    for (size_t i = 0; i < desc_.injections.size(); ++i)
      checkInjection(i);
    for (size_t i = 0; i < desc_.buffers.size(); ++i) {
      if (desc_.buffers[i].dynamic && owners_[i].empty())
        throwInvalidModel("invalid descriptor: dynamic buffer " + bufferName(static_cast<int>(i)) +
                          " is not filled by any projection");
      if (desc_.buffers[i].dynamic && desc_.buffers[i].init &&
          owners_[i].rfind("synapse variable", 0) != 0)
        throwInvalidModel("invalid descriptor: dynamic buffer " + bufferName(static_cast<int>(i)) +
                          " has 'init' but is not a synapse variable (the runtime fills it)");
    }
  }

private:
  [[noreturn]] void fail(const std::string &where, const std::string &what) const {
    throwInvalidModel("invalid descriptor: " + where + ": " + what);
  }

  std::string bufferName(int index) const {
    return "buffers[" + std::to_string(index) + "] ('" +
           desc_.buffers[static_cast<size_t>(index)].name + "')";
  }

  std::string describe(int index) const {
    const BufferDesc &buffer = desc_.buffers[static_cast<size_t>(index)];
    std::string text = "'" + buffer.name + "' (";
    text += scalarTypeName(buffer.type);
    text += '[';
    text += buffer.dynamic ? std::string("dynamic") : std::to_string(buffer.size);
    text += "])";
    return text;
  }

  void checkIndex(const std::string &where, const char *field, int index) const {
    if (index < 0 || static_cast<size_t>(index) >= desc_.buffers.size())
      fail(where, std::string("'") + field + "' must name a buffer (0 .. " +
                      std::to_string(static_cast<long long>(desc_.buffers.size()) - 1) + "), got " +
                      std::to_string(index));
  }

  /// A non-dynamic buffer of type `type` (or any integer type when `anyInteger`) with at least
  /// `minSize` elements.
  /// f32 when buffer `index` is f32 (per-synapse values in single precision), else f64.
  ScalarType realType(int index) const {
    return desc_.buffers[static_cast<size_t>(index)].type == ScalarType::F32 ? ScalarType::F32
                                                                             : ScalarType::F64;
  }

  void checkFixed(const std::string &where, const char *field, int index, ScalarType type,
                  uint64_t minSize, bool anyInteger = false) const {
    checkIndex(where, field, index);
    const BufferDesc &buffer = desc_.buffers[static_cast<size_t>(index)];
    bool typeOk = anyInteger ? !isFloating(buffer.type) : buffer.type == type;
    if (!typeOk || buffer.dynamic || buffer.size < minSize)
      fail(where,
           std::string("'") + field + "' must be " +
               (anyInteger ? std::string("an integer") : std::string("a ") + scalarTypeName(type)) +
               " buffer of at least " + std::to_string(minSize) + " elements, got " +
               describe(index));
  }

  /// A dynamic buffer of type `type`.
  void checkDynamic(const std::string &where, const char *field, int index, ScalarType type) const {
    checkIndex(where, field, index);
    const BufferDesc &buffer = desc_.buffers[static_cast<size_t>(index)];
    if (buffer.type != type || !buffer.dynamic)
      fail(where, std::string("'") + field + "' must be a dynamic " + scalarTypeName(type) +
                      " buffer, got " + describe(index));
  }

  /// Records that the runtime writes buffer `index` in the role `role`.
  void claim(int index, const std::string &role) {
    std::string &owner = owners_[static_cast<size_t>(index)];
    if (!owner.empty())
      throwInvalidModel("invalid descriptor: buffer " + bufferName(index) + " is used both as " +
                        owner + " and as " + role);
    owner = role;
  }

  void checkKernel(const std::string &where, const char *field, int index) const {
    if (index < 0 || static_cast<uint32_t>(index) >= numKernels_)
      fail(where, std::string("'") + field + "' must name a kernel (the model has " +
                      std::to_string(numKernels_) + "), got " + std::to_string(index));
  }

  void checkSeedBuffer() {
    if (desc_.seedBuffer < 0)
      return;
    checkFixed("top level", "seed_buffer", desc_.seedBuffer, ScalarType::U64, 1);
    if (desc_.buffers[static_cast<size_t>(desc_.seedBuffer)].init)
      fail("top level", "the seed buffer must not have 'init'");
    claim(desc_.seedBuffer, "the seed buffer");
  }

  void checkPopulation(size_t index) {
    const PopulationDesc &pop = desc_.populations[index];
    const std::string where = "populations[" + std::to_string(index) + "] ('" + pop.name + "')";
    if (!names_.insert(pop.name).second)
      fail(where, "duplicate population name '" + pop.name + "'");

    std::set<std::string> variableNames;
    for (const VariableDesc &var : pop.variables) {
      std::string at = where + ".variables ('" + var.name + "')";
      if (var.name.empty() || !variableNames.insert(var.name).second)
        fail(at, "variable names must be non-empty and distinct");
      checkFixed(at, "buffer", var.buffer, ScalarType::F64, pop.size);
    }

    const uint64_t size = pop.size;
    if (pop.kind != PopulationKind::SpikeTimes)
      checkKernel(where, "update_kernel", pop.updateKernel);
    if (pop.kind == PopulationKind::Neuron)
      checkFixed(where, "flags", pop.flags, ScalarType::U8, size, /*anyInteger=*/true);
    if (pop.kind == PopulationKind::Poisson)
      checkFixed(where, "counts", pop.counts, ScalarType::U32, size);

    checkFixed(where, "spike_idx", pop.spikeIdx, ScalarType::U32, size);
    claim(pop.spikeIdx, "'spike_idx' of '" + pop.name + "'");
    checkFixed(where, "spike_count", pop.spikeCount, ScalarType::I64, 1);
    claim(pop.spikeCount, "'spike_count' of '" + pop.name + "'");
    if (pop.kind != PopulationKind::Neuron || pop.spikeMult >= 0) {
      checkFixed(where, "spike_mult", pop.spikeMult, ScalarType::U32, size);
      claim(pop.spikeMult, "'spike_mult' of '" + pop.name + "'");
    }
  }

  void checkProjection(size_t index) {
    const ProjectionDesc &proj = desc_.projections[index];
    const std::string where = "projections[" + std::to_string(index) + "] ('" + proj.name + "')";
    const size_t numPops = desc_.populations.size();
    if (static_cast<size_t>(proj.source) >= numPops || static_cast<size_t>(proj.target) >= numPops)
      fail(where, "'source' and 'target' must name populations (0 .. " +
                      std::to_string(static_cast<long long>(numPops) - 1) + ")");
    const PopulationDesc &source = desc_.populations[static_cast<size_t>(proj.source)];
    const PopulationDesc &target = desc_.populations[static_cast<size_t>(proj.target)];
    checkKernel(where, "kernel", proj.kernel);

    if (proj.rule.kind == ConnectRule::Kind::OneToOne && source.size != target.size)
      fail(where, "one_to_one needs populations of equal size ('" + source.name + "' has " +
                      std::to_string(source.size) + ", '" + target.name + "' has " +
                      std::to_string(target.size) + ")");
    using Storage = ProjectionDesc::Storage;
    auto onlyFor = [&](const char *storage, ConnectRule::Kind rule) {
      if (proj.rule.kind != rule)
        fail(where, std::string("storage \"") + storage + "\" is only for " + ruleName(rule) +
                        ", not " + ruleName(proj.rule.kind));
    };
    auto stored = [&](const char *storage) {
      if (proj.plastic)
        fail(where, std::string("storage \"") + storage +
                        "\" cannot hold synapses with a synapse model");
      checkFixed(where, "range", proj.range, ScalarType::U64, 2);
      claim(proj.range, "'range' of '" + proj.name + "'");
    };
    auto constant = [&](const char *storage) {
      if (proj.weight.kind != Distribution::Kind::Const || !proj.delay.constant ||
          proj.weightBuffer >= 0 || proj.delayBuffer >= 0)
        fail(where, std::string("storage \"") + storage +
                        "\" needs a constant weight and delay (no per-synapse arrays)");
    };
    switch (proj.storage) {
    case Storage::Identity:
      onlyFor("identity", ConnectRule::Kind::OneToOne);
      if (!proj.autapses && proj.source == proj.target)
        fail(where, "storage \"identity\" cannot exclude autapses (one_to_one onto the same "
                    "population without autapses connects nothing)");
      break;
    case Storage::Dense:
      onlyFor("dense", ConnectRule::Kind::AllToAll);
      stored("dense");
      break;
    case Storage::Procedural:
      onlyFor("procedural", ConnectRule::Kind::FixedProbability);
      stored("procedural");
      constant("procedural");
      break;
    case Storage::Bitmask:
      if (proj.rule.kind == ConnectRule::Kind::List)
        fail(where, "storage \"bitmask\" cannot hold a list rule (pairs may repeat)");
      stored("bitmask");
      constant("bitmask");
      checkDynamic(where, "bits", proj.bits, ScalarType::U64);
      claim(proj.bits, "'bits' of '" + proj.name + "'");
      break;
    case Storage::CSR: {
      checkFixed(where, "row_ptr", proj.rowPtr, ScalarType::U64, uint64_t{source.size} + 1);
      claim(proj.rowPtr, "'row_ptr' of '" + proj.name + "'");
      // 16-bit target indices when the target is small enough (static synapses), else 32-bit.
      checkIndex(where, "col", proj.col);
      const ScalarType colType = desc_.buffers[static_cast<size_t>(proj.col)].type;
      checkDynamic(where, "col", proj.col,
                   colType == ScalarType::U16 && target.size <= 65536
                       ? ScalarType::U16
                       : ScalarType::U32);
      claim(proj.col, "'col' of '" + proj.name + "'");
      if (proj.rowEnd >= 0) {
        checkDynamic(where, "row_end", proj.rowEnd, ScalarType::U64);
        claim(proj.rowEnd, "'row_end' of '" + proj.name + "'");
      }
      break;
    }
    }
    // Each format names only its own buffers (the runtime writes through them).
    auto absent = [&](const char *field, int index, const char *storage) {
      if (index >= 0)
        fail(where, std::string("'") + field + "' does not apply to storage \"" + storage + "\"");
    };
    const char *storageText = storageName(proj.storage);
    if (proj.storage != Storage::CSR) {
      absent("row_ptr", proj.rowPtr, storageText);
      absent("col", proj.col, storageText);
      absent("row_end", proj.rowEnd, storageText);
    }
    if (proj.storage == Storage::CSR || proj.storage == Storage::Identity)
      absent("range", proj.range, storageText);
    if (proj.storage != Storage::Bitmask)
      absent("bits", proj.bits, storageText);
    if (proj.byTarget && proj.plastic)
      fail(where, "a projection with a synapse model is delivered sequentially, not by target");
    if (proj.byTarget && proj.storage == Storage::CSR && proj.rowEnd < 0) {
      fail(where, "\"partition\": \"by_target\" needs 'row_end'");
    }

    const bool list = proj.rule.kind == ConnectRule::Kind::List;
    const uint64_t listed = proj.rule.pre.size();
    if (list) {
      for (size_t i = 0; i < listed; ++i)
        if (proj.rule.pre[i] >= source.size || proj.rule.post[i] >= target.size)
          fail(where, "listed synapse " + std::to_string(i) + " (" +
                          std::to_string(proj.rule.pre[i]) + " -> " +
                          std::to_string(proj.rule.post[i]) + ") is outside '" + source.name +
                          "' (size " + std::to_string(source.size) + ") or '" + target.name +
                          "' (size " + std::to_string(target.size) + ")");
      if (proj.identity)
        fail(where, "a list rule needs storage \"csr\"");
    }
    if ((!proj.weightList.empty() || !proj.delay.list.empty()) && !list)
      fail(where, "listed weights or delays need the rule 'list'");
    if (!proj.weightList.empty() && proj.weightList.size() != listed)
      fail(where, "the weight list has " + std::to_string(proj.weightList.size()) + " values for " +
                      std::to_string(listed) + " listed synapses");
    if (!proj.delay.list.empty() && proj.delay.list.size() != listed)
      fail(where, "the delay list has " + std::to_string(proj.delay.list.size()) + " values for " +
                      std::to_string(listed) + " listed synapses");
    for (uint16_t steps : proj.delay.list)
      if (steps > proj.maxDelaySteps)
        fail(where, "a listed delay of " + std::to_string(steps) +
                        " steps exceeds max_delay_steps (" + std::to_string(proj.maxDelaySteps) +
                        ")");
    if (proj.weight.kind != Distribution::Kind::Const && proj.weightBuffer < 0 && !proj.plastic)
      fail(where, "a random weight needs a 'weight_buffer'");
    if (!proj.weightList.empty() && proj.weightBuffer < 0 &&
        !(proj.plastic && !proj.plastic->deliver.empty()))
      fail(where, "listed weights need a 'weight_buffer'");
    if (proj.weightBuffer >= 0) {
      checkIndex(where, "weight_buffer", proj.weightBuffer);
      checkDynamic(where, "weight_buffer", proj.weightBuffer, realType(proj.weightBuffer));
      claim(proj.weightBuffer, "'weight_buffer' of '" + proj.name + "'");
    }

    if (proj.delay.constant) {
      if (proj.delay.steps > proj.maxDelaySteps)
        fail(where, "a constant delay must be between 0 and max_delay_steps (" +
                        std::to_string(proj.maxDelaySteps) + ") steps, got " +
                        std::to_string(proj.delay.steps));
    } else if (proj.delay.variable) {
      if (!proj.plastic || proj.plastic->delayVariable < 0)
        fail(where, "a \"variable\" delay needs a plastic 'delay_variable'");
    } else if (proj.delayBuffer < 0) {
      fail(where, proj.delay.list.empty() ? "a random delay needs a 'delay_buffer'"
                                          : "listed delays need a 'delay_buffer'");
    }
    if (proj.delayBuffer >= 0) {
      checkDynamic(where, "delay_buffer", proj.delayBuffer, ScalarType::U16);
      claim(proj.delayBuffer, "'delay_buffer' of '" + proj.name + "'");
    }
    if (proj.plastic)
      checkPlastic(where + ".plastic", proj, source, target);
  }

  void checkPlastic(const std::string &where, const ProjectionDesc &proj,
                    const PopulationDesc &source, const PopulationDesc &target) {
    const PlasticDesc &p = *proj.plastic;
    const std::string of = " of '" + proj.name + "'";
    std::set<std::string> names;
    for (const SynapseVarDesc &var : p.variables) {
      std::string at = where + ".variables ('" + var.name + "')";
      if (var.name.empty() || !names.insert(var.name).second)
        fail(at, "variable names must be non-empty and distinct");
      if (!std::isfinite(var.decayRate) || !std::isfinite(var.decayOffset))
        fail(at, "decay coefficients must be finite");
      switch (var.per) {
      case SynapseVarDesc::Per::Synapse:
        checkIndex(at, "buffer", var.buffer);
        checkDynamic(at, "buffer", var.buffer,
                     var.name == "delay" ? ScalarType::F64 : realType(var.buffer));
        claim(var.buffer, "synapse variable '" + var.name + "'" + of);
        break;
      case SynapseVarDesc::Per::Source:
        checkFixed(at, "buffer", var.buffer, ScalarType::F64, source.size);
        break;
      case SynapseVarDesc::Per::Target:
        checkFixed(at, "buffer", var.buffer, ScalarType::F64, target.size);
        break;
      }
    }
    if (p.delayVariable >= 0) {
      checkDynamic(where, "delay_variable", p.delayVariable, ScalarType::F64);
      if (p.preByNeuron && !p.dendritic)
        fail(where, "plastic axonal delays need \"pre_events_by\": \"synapse\"");
      if (!p.postByNeuron && !p.dendritic)
        fail(where, "axonal delays need \"post_events_by\": \"neuron\"");
    }
    if (p.lastUpdate >= 0) {
      checkDynamic(where, "last_update", p.lastUpdate, ScalarType::I64);
      claim(p.lastUpdate, "'last_update'" + of);
    }
    if (p.preLastUpdate >= 0)
      checkFixed(where, "pre_last_update", p.preLastUpdate, ScalarType::I64, source.size);
    if (p.postLastUpdate >= 0)
      checkFixed(where, "post_last_update", p.postLastUpdate, ScalarType::I64, target.size);
    // 16-bit source indices where the source has at most 65536 neurons, else 32-bit.
    checkIndex(where, "source_buffer", p.sourceBuffer);
    checkDynamic(where, "source_buffer", p.sourceBuffer,
                 desc_.buffers[static_cast<size_t>(p.sourceBuffer)].type == ScalarType::U16 &&
                         source.size <= 65536
                     ? ScalarType::U16
                     : ScalarType::U32);
    claim(p.sourceBuffer, "'source_buffer'" + of);
    checkDynamic(where, "pre_events", p.preEvents, ScalarType::U32);
    claim(p.preEvents, "'pre_events'" + of);
    if (p.preEventDelay > proj.maxDelaySteps || p.postEventDelay > proj.maxDelaySteps)
      fail(where, "event delays must not exceed max_delay_steps (" +
                      std::to_string(proj.maxDelaySteps) + ")");
    if (!p.preByNeuron && !proj.delay.constant && proj.delayBuffer < 0 && p.delayVariable < 0)
      fail(where, "per-synapse events need per-synapse delays");
    if ((p.modulator >= 0) != (p.modulatorKernel >= 0))
      fail(where, "'modulator' and 'modulator_kernel' come together");
    if (p.modulator >= 0) {
      if (static_cast<size_t>(p.modulator) >= desc_.populations.size())
        fail(where, "'modulator' must name a population, got " + std::to_string(p.modulator));
      checkKernel(where, "modulator_kernel", p.modulatorKernel);
    }
    if ((p.postEvents >= 0) != (p.postKernel >= 0))
      fail(where, "'post_events' and 'post_kernel' come together");
    if (p.postKernel >= 0) {
      checkKernel(where, "post_kernel", p.postKernel);
      checkDynamic(where, "post_events", p.postEvents, ScalarType::U32);
      claim(p.postEvents, "'post_events'" + of);
      if (target.kind != PopulationKind::Neuron)
        fail(where, "'on post' needs a target population of neurons");
      if (!proj.identity) {
        checkFixed(where, "post_ptr", p.postPtr, ScalarType::U64, uint64_t{target.size} + 1);
        claim(p.postPtr, "'post_ptr'" + of);
        checkDynamic(where, "post_syn", p.postSyn, ScalarType::U32);
        claim(p.postSyn, "'post_syn'" + of);
      }
    }
  }

  void checkRecording(size_t index) {
    const RecordingDesc &rec = desc_.recordings[index];
    const std::string where = "recordings[" + std::to_string(index) + "]";
    if (static_cast<size_t>(rec.population) >= desc_.populations.size())
      fail(where, "'population' must name a population, got " + std::to_string(rec.population));
    const PopulationDesc &pop = desc_.populations[static_cast<size_t>(rec.population)];
    for (uint32_t neuron : rec.neurons)
      if (neuron >= pop.size)
        fail(where, "neuron " + std::to_string(neuron) + " is outside '" + pop.name + "' (size " +
                        std::to_string(pop.size) + ")");
    if (rec.kind == RecordingDesc::Kind::Synapse) {
      checkSynapseRecording(where, rec);
      return;
    }
    if (rec.kind != RecordingDesc::Kind::State)
      return;
    if (static_cast<size_t>(rec.variable) >= pop.variables.size())
      fail(where, "'variable' must name a variable of '" + pop.name + "', got " +
                      std::to_string(rec.variable));
    if (!stateRecordings_.insert({rec.population, rec.variable}).second)
      fail(where, "'" + pop.name + "." + pop.variables[static_cast<size_t>(rec.variable)].name +
                      "' is recorded twice (merge the recordings into one)");
  }

  void checkSynapseRecording(const std::string &where, const RecordingDesc &rec) {
    if (rec.projection < 0 || static_cast<size_t>(rec.projection) >= desc_.projections.size())
      fail(where, "'projection' must name a projection, got " + std::to_string(rec.projection));
    const ProjectionDesc &proj = desc_.projections[static_cast<size_t>(rec.projection)];
    if (!proj.plastic)
      fail(where, "projection '" + proj.name + "' has no synapse variables");
    if (proj.source != rec.population)
      fail(where, "'population' must be the source of projection '" + proj.name + "'");
    if (rec.variable < 0 || static_cast<size_t>(rec.variable) >= proj.plastic->variables.size())
      fail(where, "'variable' must name a synapse variable of '" + proj.name + "', got " +
                      std::to_string(rec.variable));
    const PopulationDesc &target = desc_.populations[static_cast<size_t>(proj.target)];
    for (uint32_t neuron : rec.post)
      if (neuron >= target.size)
        fail(where, "neuron " + std::to_string(neuron) + " is outside '" + target.name +
                        "' (size " + std::to_string(target.size) + ")");
    if (!synapseRecordings_.insert({rec.projection, rec.variable}).second)
      fail(where, "'" + proj.plastic->variables[static_cast<size_t>(rec.variable)].name +
                      "' of '" + proj.name + "' is recorded twice");
  }

  void checkInjection(size_t index) {
    const InjectionDesc &inj = desc_.injections[index];
    const std::string where = "injections[" + std::to_string(index) + "]";
    if (static_cast<size_t>(inj.population) >= desc_.populations.size())
      fail(where, "'population' must name a population, got " + std::to_string(inj.population));
    const PopulationDesc &pop = desc_.populations[static_cast<size_t>(inj.population)];
    if (static_cast<size_t>(inj.variable) >= pop.variables.size() ||
        !pop.variables[static_cast<size_t>(inj.variable)].isInput)
      fail(where, "'variable' must name an input of '" + pop.name + "', got " +
                      std::to_string(inj.variable));
    for (int64_t neuron : inj.neurons)
      if (neuron >= static_cast<int64_t>(pop.size))
        fail(where, "neuron " + std::to_string(neuron) + " is outside '" + pop.name + "' (size " +
                        std::to_string(pop.size) + ")");
  }

  const NetworkDesc &desc_;
  uint32_t numKernels_;
  std::vector<std::string> owners_; ///< per buffer: the runtime-written role using it, or ""
  std::set<std::string> names_;
  std::set<std::pair<int, int>> stateRecordings_, synapseRecordings_;
};

} // namespace

void validateDescriptor(const NetworkDesc &desc, uint32_t numKernels) {
  Checker(desc, numKernels).run();
}

} // namespace snn::rt
