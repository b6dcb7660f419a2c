// Descriptor.cpp: reading the JSON descriptor into NetworkDesc (field presence, types and value
// ranges of each entry). Cross-references between entries are checked afterwards by
// validateDescriptor() (DescriptorChecks.cpp). Every failure names the entry and field; nothing
// here can crash on malformed input, because every access goes through the Fields helper, which
// checks types before converting.
#include "Descriptor.h"

#include "Errors.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace snn::rt {

namespace {

using Json = nlohmann::json;

[[noreturn]] void failAt(const std::string &where, const std::string &what) {
  throwInvalidModel("invalid descriptor: " + where + ": " + what);
}

/// Typed access to the fields of one JSON object, with error messages that name it.
class Fields {
public:
  Fields(const Json &object, std::string where) : object_(object), where_(std::move(where)) {
    if (!object_.is_object())
      failAt(where_, "expected an object");
  }

  const std::string &where() const { return where_; }
  [[noreturn]] void fail(const std::string &what) const { failAt(where_, what); }

  /// True when `key` is present and not null.
  bool has(const char *key) const {
    auto it = object_.find(key);
    return it != object_.end() && !it->is_null();
  }

  /// The value of a required field.
  const Json &get(const char *key) const {
    auto it = object_.find(key);
    if (it == object_.end() || it->is_null())
      fail(std::string("missing field '") + key + "'");
    return *it;
  }

  std::string string(const char *key) const {
    const Json &value = get(key);
    if (!value.is_string())
      fail(std::string("'") + key + "' must be a string");
    return value.get<std::string>();
  }

  std::string stringOr(const char *key, const std::string &fallback) const {
    return has(key) ? string(key) : fallback;
  }

  /// A finite number.
  double number(const char *key) const {
    const Json &value = get(key);
    if (!value.is_number())
      fail(std::string("'") + key + "' must be a number");
    double result = value.get<double>();
    if (!std::isfinite(result))
      fail(std::string("'") + key + "' must be finite");
    return result;
  }

  double numberOr(const char *key, double fallback) const {
    return has(key) ? number(key) : fallback;
  }

  /// An integer in [min, max] (a float with an integral value is accepted).
  int64_t integer(const char *key, int64_t min, int64_t max) const {
    return integerValue(get(key), std::string("'") + key + "'", min, max);
  }

  int64_t integerOr(const char *key, int64_t fallback, int64_t min, int64_t max) const {
    return has(key) ? integer(key, min, max) : fallback;
  }

  /// A buffer, kernel or population index, or -1 when the field is absent.
  int indexOr(const char *key) const {
    return static_cast<int>(integerOr(key, -1, -1, std::numeric_limits<int32_t>::max()));
  }

  bool booleanOr(const char *key, bool fallback) const {
    if (!has(key))
      return fallback;
    const Json &value = get(key);
    if (!value.is_boolean())
      fail(std::string("'") + key + "' must be true or false");
    return value.get<bool>();
  }

  /// A required array field.
  const Json &array(const char *key) const {
    const Json &value = get(key);
    if (!value.is_array())
      fail(std::string("'") + key + "' must be an array");
    return value;
  }

  /// An optional array field (an empty array when absent).
  const Json &arrayOr(const char *key) const {
    static const Json empty = Json::array();
    return has(key) ? array(key) : empty;
  }

  /// Element `i` of the array field `list` as an integer in [min, max]. The message is only
  /// built on failure (arrays of spike times can be long).
  int64_t element(const Json &value, const char *list, size_t i, int64_t min, int64_t max) const {
    if (value.is_number_integer()) {
      int64_t result = value.get<int64_t>();
      if (result >= min && result <= max && !(value.is_number_unsigned() && result < 0))
        return result;
    }
    std::string what = list;
    what += '[';
    what += std::to_string(i);
    what += ']';
    return integerValue(value, what, min, max);
  }

  /// Converts one JSON value to an integer in [min, max]; `what` names it in messages.
  int64_t integerValue(const Json &value, const std::string &what, int64_t min, int64_t max) const {
    int64_t result = 0;
    if (value.is_number_unsigned()) {
      uint64_t u = value.get<uint64_t>();
      if (u > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
        fail(what + " is out of range");
      result = static_cast<int64_t>(u);
    } else if (value.is_number_integer()) {
      result = value.get<int64_t>();
    } else if (value.is_number_float()) {
      double d = value.get<double>();
      if (!(d == std::floor(d)) || !(std::fabs(d) < 9.2e18))
        fail(what + " must be an integer");
      result = static_cast<int64_t>(d);
    } else {
      fail(what + " must be an integer");
    }
    if (result < min || result > max)
      fail(what + " must be between " + std::to_string(min) + " and " + std::to_string(max) +
           ", got " + std::to_string(result));
    return result;
  }

private:
  const Json &object_;
  std::string where_;
};

std::string entryName(const char *list, size_t index, const Json &entry) {
  std::string where = std::string(list) + "[" + std::to_string(index) + "]";
  if (entry.is_object()) {
    auto it = entry.find("name");
    if (it != entry.end() && it->is_string())
      where += " ('" + it->get<std::string>() + "')";
  }
  return where;
}

ScalarType parseScalarType(const Fields &fields) {
  std::string name = fields.string("type");
  static const std::pair<const char *, ScalarType> kTypes[] = {
      {"f64", ScalarType::F64}, {"f32", ScalarType::F32}, {"i64", ScalarType::I64},
      {"u64", ScalarType::U64}, {"i32", ScalarType::I32}, {"u32", ScalarType::U32},
      {"u16", ScalarType::U16}, {"u8", ScalarType::U8}};
  for (const auto &[text, type] : kTypes)
    if (name == text)
      return type;
  fields.fail("unknown buffer type '" + name + "'");
}

/// {"kind": "const", "value": x} | {"kind": "uniform", "low", "high"} | {"kind": "normal", "mean",
/// "std"}
Distribution parseDistribution(const Json &json, const std::string &where) {
  Fields fields(json, where);
  std::string kind = fields.string("kind");
  Distribution result;
  if (kind == "const") {
    result.kind = Distribution::Kind::Const;
    result.first = fields.number("value");
  } else if (kind == "uniform") {
    result.kind = Distribution::Kind::Uniform;
    result.first = fields.number("low");
    result.second = fields.number("high");
    if (result.second < result.first)
      fields.fail("'high' must not be below 'low'");
  } else if (kind == "linspace") {
    result.kind = Distribution::Kind::Linspace;
    result.first = fields.number("first");
    result.second = fields.number("last");
  } else if (kind == "normal") {
    result.kind = Distribution::Kind::Normal;
    result.first = fields.number("mean");
    result.second = fields.number("std");
    if (result.second < 0)
      fields.fail("'std' must not be negative");
  } else {
    fields.fail("unknown distribution kind '" + kind + "'");
  }
  if (fields.has("quantize")) {
    // {"offset", "scale", "step", "lo", "hi"}: x -> clip(step * round((x - offset) /
    // (scale * step)), lo, hi)
    Fields q(fields.get("quantize"), where + ".quantize");
    support::fx::Quantizer rule;
    rule.Offset = q.number("offset");
    rule.Scale = q.number("scale");
    rule.Step = q.integer("step", 1, int64_t(1) << 30);
    rule.Lo = q.integer("lo", -(int64_t(1) << 52), int64_t(1) << 52);
    rule.Hi = q.integer("hi", rule.Lo, int64_t(1) << 52);
    // Negative for weights stored as magnitudes and subtracted (SpiNNaker's inhibitory ones).
    if (rule.Scale == 0)
      q.fail("'scale' must not be 0");
    result.quantize = rule;
  }
  return result;
}

BufferDesc parseBuffer(const Json &json, const std::string &where) {
  Fields fields(json, where);
  BufferDesc buffer;
  buffer.name = fields.string("name");
  buffer.type = parseScalarType(fields);
  buffer.dynamic = fields.booleanOr("dynamic", false);
  buffer.size =
      static_cast<uint64_t>(fields.integer("size", 0, std::numeric_limits<int64_t>::max() / 8));
  if (buffer.dynamic && buffer.size != 0)
    fields.fail("a dynamic buffer must have size 0");
  if (fields.has("init")) {
    buffer.init = parseDistribution(fields.get("init"), where + ".init");
  }
  return buffer;
}

VariableDesc parseVariable(const Json &json, const std::string &where) {
  Fields fields(json, where);
  VariableDesc variable;
  variable.name = fields.string("name");
  std::string kind = fields.stringOr("kind", "state");
  if (kind != "state" && kind != "input")
    fields.fail("'kind' must be \"state\" or \"input\", got '" + kind + "'");
  variable.isInput = kind == "input";
  variable.unit = fields.stringOr("unit", "1");
  variable.buffer =
      static_cast<int>(fields.integer("buffer", 0, std::numeric_limits<int32_t>::max()));
  return variable;
}

PopulationDesc parsePopulation(const Json &json, const std::string &where) {
  Fields fields(json, where);
  PopulationDesc pop;
  pop.name = fields.string("name");
  if (pop.name.empty())
    fields.fail("'name' must not be empty");
  pop.size = static_cast<uint32_t>(fields.integer("size", 0, std::numeric_limits<uint32_t>::max()));
  std::string kind = fields.string("kind");
  if (kind == "neuron")
    pop.kind = PopulationKind::Neuron;
  else if (kind == "poisson")
    pop.kind = PopulationKind::Poisson;
  else if (kind == "spike_times")
    pop.kind = PopulationKind::SpikeTimes;
  else
    fields.fail("unknown population kind '" + kind + "'");

  const Json &variables = fields.arrayOr("variables");
  for (size_t i = 0; i < variables.size(); ++i)
    pop.variables.push_back(
        parseVariable(variables[i], where + "." + entryName("variables", i, variables[i])));

  pop.updateKernel = fields.indexOr("update_kernel");
  pop.flags = fields.indexOr("flags");
  pop.counts = fields.indexOr("counts");
  pop.spikeIdx = fields.indexOr("spike_idx");
  pop.spikeMult = fields.indexOr("spike_mult");
  pop.spikeCount = fields.indexOr("spike_count");
  pop.partitionChunk = static_cast<uint32_t>(
      fields.integerOr("partition_chunk", 1, 1, std::numeric_limits<uint32_t>::max()));

  if (pop.kind == PopulationKind::SpikeTimes) {
    const Json &steps = fields.array("spike_steps");
    const Json &neurons = fields.array("spike_neurons");
    if (steps.size() != neurons.size())
      fields.fail("'spike_steps' and 'spike_neurons' must have the same length (" +
                  std::to_string(steps.size()) + " vs " + std::to_string(neurons.size()) + ")");
    pop.spikeSteps.reserve(steps.size());
    pop.spikeNeurons.reserve(neurons.size());
    for (size_t i = 0; i < steps.size(); ++i) {
      pop.spikeSteps.push_back(
          fields.element(steps[i], "spike_steps", i, 0, std::numeric_limits<int64_t>::max()));
      pop.spikeNeurons.push_back(static_cast<uint32_t>(
          fields.element(neurons[i], "spike_neurons", i, 0, static_cast<int64_t>(pop.size) - 1)));
    }
  }
  return pop;
}

ConnectRule parseRule(const Json &json, const std::string &where) {
  Fields fields(json, where);
  std::string kind = fields.string("kind");
  ConnectRule rule;
  if (kind == "all_to_all") {
    rule.kind = ConnectRule::Kind::AllToAll;
  } else if (kind == "one_to_one") {
    rule.kind = ConnectRule::Kind::OneToOne;
  } else if (kind == "fixed_probability") {
    rule.kind = ConnectRule::Kind::FixedProbability;
    rule.p = fields.number("p");
    if (rule.p < 0 || rule.p > 1)
      fields.fail("'p' must be between 0 and 1, got " + std::to_string(rule.p));
  } else if (kind == "fixed_indegree" || kind == "fixed_outdegree") {
    rule.kind = kind == "fixed_indegree" ? ConnectRule::Kind::FixedIndegree
                                         : ConnectRule::Kind::FixedOutdegree;
    rule.k = static_cast<uint32_t>(fields.integer("k", 0, std::numeric_limits<uint32_t>::max()));
  } else if (kind == "list") {
    rule.kind = ConnectRule::Kind::List;
    const Json &pre = fields.array("pre");
    const Json &post = fields.array("post");
    if (pre.size() != post.size())
      fields.fail("'pre' and 'post' must have the same length (" + std::to_string(pre.size()) +
                  " vs " + std::to_string(post.size()) + ")");
    constexpr int64_t maxIndex = std::numeric_limits<uint32_t>::max();
    rule.pre.reserve(pre.size());
    rule.post.reserve(post.size());
    for (size_t i = 0; i < pre.size(); ++i) {
      rule.pre.push_back(static_cast<uint32_t>(fields.element(pre[i], "pre", i, 0, maxIndex)));
      rule.post.push_back(static_cast<uint32_t>(fields.element(post[i], "post", i, 0, maxIndex)));
    }
  } else {
    fields.fail("unknown connectivity rule '" + kind + "'");
  }
  return rule;
}

DelayDesc parseDelay(const Json &json, const std::string &where) {
  Fields fields(json, where);
  DelayDesc delay;
  const std::string kind = fields.string("kind");
  if (kind == "const") {
    delay.constant = true;
    delay.steps = static_cast<uint32_t>(fields.integer("steps", 0, 65535));
  } else if (kind == "variable") {
    delay.constant = false;
    delay.variable = true;
  } else if (kind == "list") {
    delay.constant = false;
    const Json &steps = fields.array("steps");
    delay.list.reserve(steps.size());
    for (size_t i = 0; i < steps.size(); ++i)
      delay.list.push_back(static_cast<uint16_t>(fields.element(steps[i], "steps", i, 0, 65535)));
  } else {
    delay.constant = false;
    delay.seconds = parseDistribution(json, where);
  }
  return delay;
}

PlasticDesc parsePlastic(const Json &json, const std::string &where) {
  Fields fields(json, where);
  PlasticDesc p;
  p.model = fields.string("model");
  p.deliver = fields.stringOr("deliver", "");
  const Json &vars = fields.array("variables");
  for (size_t i = 0; i < vars.size(); ++i) {
    Fields var(vars[i], where + ".variables[" + std::to_string(i) + "]");
    SynapseVarDesc v;
    v.name = var.string("name");
    v.unit = var.stringOr("unit", "1");
    std::string per = var.string("per");
    if (per == "synapse")
      v.per = SynapseVarDesc::Per::Synapse;
    else if (per == "source")
      v.per = SynapseVarDesc::Per::Source;
    else if (per == "target")
      v.per = SynapseVarDesc::Per::Target;
    else
      var.fail("'per' must be \"synapse\", \"source\" or \"target\", got \"" + per + "\"");
    v.buffer = static_cast<int>(var.integer("buffer", 0, std::numeric_limits<int32_t>::max()));
    v.decayRate = var.numberOr("decay_rate", 0.0);
    v.decayOffset = var.numberOr("decay_offset", 0.0);
    p.variables.push_back(std::move(v));
  }
  p.delayVariable = fields.indexOr("delay_variable");
  p.lastUpdate = fields.indexOr("last_update");
  p.preLastUpdate = fields.indexOr("pre_last_update");
  p.postLastUpdate = fields.indexOr("post_last_update");
  p.sourceBuffer = fields.indexOr("source_buffer");
  p.postPtr = fields.indexOr("post_ptr");
  p.postSyn = fields.indexOr("post_syn");
  p.preEvents = fields.indexOr("pre_events");
  p.postEvents = fields.indexOr("post_events");
  auto by = [&](const char *key) {
    std::string v = fields.string(key);
    if (v != "neuron" && v != "synapse")
      fields.fail(std::string("'") + key + "' must be \"neuron\" or \"synapse\"");
    return v == "neuron";
  };
  p.preByNeuron = by("pre_events_by");
  p.postByNeuron = by("post_events_by");
  p.preEventDelay = static_cast<uint32_t>(fields.integerOr("pre_event_delay", 0, 0, 65535));
  p.postEventDelay = static_cast<uint32_t>(fields.integerOr("post_event_delay", 0, 0, 65535));
  p.postKernel = fields.indexOr("post_kernel");
  p.modulator = fields.indexOr("modulator");
  p.modulatorKernel = fields.indexOr("modulator_kernel");
  std::string at = fields.stringOr("delay_at", "axonal");
  if (at != "axonal" && at != "dendritic")
    fields.fail("'delay_at' must be \"axonal\" or \"dendritic\"");
  p.dendritic = at == "dendritic";
  return p;
}

ProjectionDesc parseProjection(const Json &json, const std::string &where) {
  Fields fields(json, where);
  ProjectionDesc proj;
  proj.name = fields.string("name");
  proj.source = static_cast<int>(fields.integer("source", 0, std::numeric_limits<int32_t>::max()));
  proj.target = static_cast<int>(fields.integer("target", 0, std::numeric_limits<int32_t>::max()));
  proj.port = fields.stringOr("port", "");
  proj.rule = parseRule(fields.get("rule"), where + ".rule");
  proj.autapses = fields.booleanOr("autapses", true);
  const std::string storage = fields.stringOr("storage", "csr");
  using Storage = ProjectionDesc::Storage;
  const Storage formats[] = {Storage::CSR, Storage::Identity, Storage::Dense, Storage::Bitmask,
                             Storage::Procedural};
  auto format = std::find_if(std::begin(formats), std::end(formats),
                             [&](Storage f) { return storage == storageName(f); });
  if (format == std::end(formats))
    fields.fail("unknown storage '" + storage +
                "' (expected \"csr\", \"identity\", \"dense\", \"bitmask\" or \"procedural\")");
  proj.storage = *format;
  proj.identity = proj.storage == ProjectionDesc::Storage::Identity;
  proj.bits = fields.indexOr("bits");
  proj.range = fields.indexOr("range");
  proj.rowPtr = fields.indexOr("row_ptr");
  proj.col = fields.indexOr("col");
  proj.rowEnd = fields.indexOr("row_end");
  const std::string partition = fields.stringOr("partition", "sequential");
  if (partition != "by_target" && partition != "sequential")
    fields.fail("'partition' must be \"by_target\" or \"sequential\"");
  proj.byTarget = partition == "by_target";
  const Json &weight = fields.get("weight");
  if (weight.is_object() && weight.contains("kind") && weight["kind"] == "list") {
    Fields list(weight, where + ".weight");
    const Json &values = list.array("values");
    proj.weightList.reserve(values.size());
    for (size_t i = 0; i < values.size(); ++i) {
      if (!values[i].is_number() || !std::isfinite(values[i].get<double>()))
        list.fail("'values[" + std::to_string(i) + "]' must be a finite number");
      proj.weightList.push_back(values[i].get<double>());
    }
  } else {
    proj.weight = parseDistribution(weight, where + ".weight");
  }
  proj.weightBuffer = fields.indexOr("weight_buffer");
  proj.delay = parseDelay(fields.get("delay"), where + ".delay");
  proj.delayBuffer = fields.indexOr("delay_buffer");
  proj.maxDelaySteps = static_cast<uint32_t>(fields.integer("max_delay_steps", 0, 65535));
  proj.kernel = static_cast<int>(fields.integer("kernel", 0, std::numeric_limits<int32_t>::max()));
  if (fields.has("plastic"))
    proj.plastic = parsePlastic(fields.get("plastic"), where + ".plastic");
  return proj;
}

RecordingDesc parseRecording(const Json &json, const std::string &where) {
  Fields fields(json, where);
  RecordingDesc rec;
  std::string kind = fields.string("kind");
  if (kind == "spikes")
    rec.kind = RecordingDesc::Kind::Spikes;
  else if (kind == "state")
    rec.kind = RecordingDesc::Kind::State;
  else if (kind == "synapse")
    rec.kind = RecordingDesc::Kind::Synapse;
  else
    fields.fail("unknown recording kind '" + kind + "'");
  rec.population =
      static_cast<int>(fields.integer("population", 0, std::numeric_limits<int32_t>::max()));
  if (rec.kind == RecordingDesc::Kind::Synapse) {
    rec.projection =
        static_cast<int>(fields.integer("projection", 0, std::numeric_limits<int32_t>::max()));
    rec.atEnd = fields.booleanOr("at_end", false);
    auto list = [&](const char *key, std::vector<uint32_t> &out, bool &all) {
      if (!fields.has(key)) {
        all = true;
        return;
      }
      const Json &items = fields.array(key);
      for (size_t i = 0; i < items.size(); ++i)
        out.push_back(static_cast<uint32_t>(
            fields.element(items[i], key, i, 0, std::numeric_limits<uint32_t>::max())));
    };
    list("pre", rec.neurons, rec.allNeurons);
    list("post", rec.post, rec.allPost);
  }
  if (rec.kind != RecordingDesc::Kind::Spikes) {
    rec.variable =
        static_cast<int>(fields.integer("variable", 0, std::numeric_limits<int32_t>::max()));
    rec.every =
        static_cast<uint64_t>(fields.integerOr("every", 1, 1, std::numeric_limits<int64_t>::max()));
    rec.displayUnit = fields.stringOr("display_unit", "");
    rec.displayScale = fields.numberOr("display_scale", 1.0);
  }
  if (rec.kind == RecordingDesc::Kind::Synapse) {
    // "pre" and "post" were read above.
  } else if (fields.has("neurons")) {
    const Json &neurons = fields.array("neurons");
    rec.neurons.reserve(neurons.size());
    for (size_t i = 0; i < neurons.size(); ++i)
      rec.neurons.push_back(static_cast<uint32_t>(
          fields.element(neurons[i], "neurons", i, 0, std::numeric_limits<uint32_t>::max())));
  } else {
    rec.allNeurons = true; // the list is filled in once the population size is known
  }
  return rec;
}

InjectionDesc parseInjection(const Json &json, const std::string &where) {
  Fields fields(json, where);
  InjectionDesc inj;
  inj.population =
      static_cast<int>(fields.integer("population", 0, std::numeric_limits<int32_t>::max()));
  inj.variable =
      static_cast<int>(fields.integer("variable", 0, std::numeric_limits<int32_t>::max()));
  const Json &steps = fields.array("steps");
  const Json &neurons = fields.array("neurons");
  const Json &values = fields.array("values");
  if (neurons.size() != steps.size() || values.size() != steps.size())
    fields.fail("'steps', 'neurons' and 'values' must have the same length");
  for (size_t i = 0; i < steps.size(); ++i) {
    inj.steps.push_back(
        fields.element(steps[i], "steps", i, 0, std::numeric_limits<int64_t>::max()));
    inj.neurons.push_back(
        fields.element(neurons[i], "neurons", i, -1, std::numeric_limits<uint32_t>::max()));
    if (!values[i].is_number() || !std::isfinite(values[i].get<double>()))
      fields.fail("'values[" + std::to_string(i) + "]' must be a finite number");
    inj.values.push_back(values[i].get<double>());
  }
  return inj;
}

template <class T, class Parse>
std::vector<T> parseList(const Fields &top, const char *key, bool required, Parse parse) {
  const Json &list = required ? top.array(key) : top.arrayOr(key);
  std::vector<T> result;
  result.reserve(list.size());
  for (size_t i = 0; i < list.size(); ++i)
    result.push_back(parse(list[i], entryName(key, i, list[i])));
  return result;
}

} // namespace

const char *storageName(ProjectionDesc::Storage storage) {
  switch (storage) {
  case ProjectionDesc::Storage::CSR: return "csr";
  case ProjectionDesc::Storage::Identity: return "identity";
  case ProjectionDesc::Storage::Dense: return "dense";
  case ProjectionDesc::Storage::Bitmask: return "bitmask";
  case ProjectionDesc::Storage::Procedural: return "procedural";
  }
  return "?";
}

NetworkDesc parseDescriptor(std::string_view text, uint32_t numKernels) {
  Json json;
  try {
    json = Json::parse(text.begin(), text.end());
  } catch (const Json::exception &error) {
    throwInvalidModel(std::string("invalid descriptor: malformed JSON: ") + error.what());
  }
  Fields top(json, "top level");

  NetworkDesc desc;
  desc.abi = static_cast<int>(top.integer("abi", 0, std::numeric_limits<int32_t>::max()));
  if (desc.abi != SNN_ABI_VERSION)
    throwInvalidModel("descriptor has ABI version " + std::to_string(desc.abi) +
                      ", but this runtime implements version " + std::to_string(SNN_ABI_VERSION));
  desc.name = top.stringOr("network", "network");
  desc.dt = top.number("dt");
  if (!(desc.dt > 0))
    top.fail("'dt' must be positive");
  desc.duration = top.numberOr("duration", 0.0);
  if (desc.duration < 0)
    top.fail("'duration' must not be negative");
  desc.seed = static_cast<uint32_t>(top.integer("seed", 0, std::numeric_limits<uint32_t>::max()));
  desc.seedBuffer = top.indexOr("seed_buffer");

  desc.buffers = parseList<BufferDesc>(top, "buffers", true, parseBuffer);
  desc.populations = parseList<PopulationDesc>(top, "populations", true, parsePopulation);
  desc.projections = parseList<ProjectionDesc>(top, "projections", false, parseProjection);
  desc.recordings = parseList<RecordingDesc>(top, "recordings", false, parseRecording);
  desc.injections = parseList<InjectionDesc>(top, "injections", false, parseInjection);

  validateDescriptor(desc, numKernels);
  for (RecordingDesc &rec : desc.recordings) {
    if (rec.allNeurons) {
      rec.neurons.resize(desc.populations[static_cast<size_t>(rec.population)].size);
      for (uint32_t n = 0; n < rec.neurons.size(); ++n)
        rec.neurons[n] = n;
    }
    if (rec.allPost) {
      const ProjectionDesc &proj = desc.projections[static_cast<size_t>(rec.projection)];
      rec.post.resize(desc.populations[static_cast<size_t>(proj.target)].size);
      for (uint32_t n = 0; n < rec.post.size(); ++n)
        rec.post[n] = n;
    }
  }
  return desc;
}

size_t scalarSize(ScalarType type) {
  switch (type) {
  case ScalarType::F64:
  case ScalarType::I64:
  case ScalarType::U64:
    return 8;
  case ScalarType::F32:
  case ScalarType::I32:
  case ScalarType::U32:
    return 4;
  case ScalarType::U16:
    return 2;
  case ScalarType::U8:
    return 1;
  }
  return 1;
}

const char *scalarTypeName(ScalarType type) {
  switch (type) {
  case ScalarType::F64:
    return "f64";
  case ScalarType::F32:
    return "f32";
  case ScalarType::I64:
    return "i64";
  case ScalarType::U64:
    return "u64";
  case ScalarType::I32:
    return "i32";
  case ScalarType::U32:
    return "u32";
  case ScalarType::U16:
    return "u16";
  case ScalarType::U8:
    return "u8";
  }
  return "?";
}

bool isFloating(ScalarType type) { return type == ScalarType::F64 || type == ScalarType::F32; }

} // namespace snn::rt
