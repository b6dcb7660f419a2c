// CApiSynapses.cpp: the C API for the synapses of projections (snn/runtime.h, "synapses"):
// finding projections, the variables of synapse models, synapse endpoints, weights, and reading
// and writing synapse variables.
//
// Synapses are addressed by their index in storage order (CSR rows by presynaptic neuron, or
// synapse i = i -> i for identity storage), the order of every per-synapse buffer. Reads go
// through SynapseValueReader (Plasticity.h), so lazily decayed variables are brought up to the
// current step in the copy and hoisted traces are read from their neuron, without changing the
// network. Writes only reach per-synapse variables; before a write, every decaying per-synapse
// variable of the written synapses is brought up to the current step and their last update set
// to it, so later events see the same values as if nothing but the written variable had changed.
#include "CApiSupport.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

using namespace snn::rt;

namespace {

/// Throws unless [first, first + count) lies within the synapses of projection `proj` and `data`
/// is usable (it may be NULL when `count` is 0 or when `optional`).
void checkSynapseRange(const snn_network &net, int proj, uint64_t first, uint64_t count,
                       const void *data, const char *dataName, const char *function,
                       bool optional = false) {
  const ProjectionDesc &projection = net.desc.projections[static_cast<size_t>(proj)];
  const uint64_t total = net.synapseCounts[static_cast<size_t>(proj)];
  if (first > total || count > total - first) {
    const std::string end = count <= UINT64_MAX - first
                                ? std::to_string(first + count)
                                : std::to_string(first) + " + " + std::to_string(count);
    throwInvalidArgument(std::string(function) + ": synapses [" + std::to_string(first) + ", " +
                         end + ") are outside '" + projection.name + "' (" + std::to_string(total) +
                         " synapses)");
  }
  if (count > 0 && !optional)
    checkNotNull(data, dataName, function);
}

/// The synapse model of projection `proj`, or throws when it has none.
const PlasticDesc &checkPlastic(const snn_network &net, int proj, const char *function) {
  const ProjectionDesc &projection = checkProjection(net, proj, function);
  if (!projection.plastic)
    throwInvalidArgument(std::string(function) + ": projection '" + projection.name +
                         "' has no synapse variables (it has no synapse model)");
  return *projection.plastic;
}

/// Variable `var` of the synapse model of projection `proj`, or throws.
const SynapseVarDesc &checkSynapseVariable(const snn_network &net, int proj, int var,
                                           const char *function) {
  const PlasticDesc &plastic = checkPlastic(net, proj, function);
  const size_t count = plastic.variables.size();
  if (var < 0 || static_cast<size_t>(var) >= count)
    throwInvalidArgument(std::string(function) + ": synapse variable index " + std::to_string(var) +
                         " is out of range ('" +
                         net.desc.projections[static_cast<size_t>(proj)].name + "' has " +
                         std::to_string(count) + " synapse variables)");
  return plastic.variables[static_cast<size_t>(var)];
}

/// Index of the synapse variable `name` of a plastic projection, or -1.
int findSynapseVariable(const PlasticDesc &plastic, const char *name) {
  for (size_t i = 0; i < plastic.variables.size(); ++i)
    if (plastic.variables[i].name == name)
      return static_cast<int>(i);
  return -1;
}

/// True when the variable changes between events (it is advanced lazily).
bool decays(const SynapseVarDesc &var) { return var.decayRate != 0 || var.decayOffset != 0; }

/// Copies variable `var` of synapses [first, first + count) as of the current step.
void readValues(const snn_network &net, int proj, int var, uint64_t first, uint64_t count,
                double *out) {
  const SynapseValueReader reader(net.desc, net.desc.projections[static_cast<size_t>(proj)], var,
                                  net.table);
  const int64_t now = static_cast<int64_t>(net.currentStep);
  for (uint64_t k = 0; k < count; ++k)
    out[k] = reader.at(first + k, now);
}

} // namespace

const CsrMatrix &snn_network::synapseMatrix(size_t index) const {
  std::unique_ptr<CsrMatrix> &matrix = materialized[index];
  if (!matrix)
    matrix = std::make_unique<CsrMatrix>(buildConnectivity(connectivityRequest(index)));
  return *matrix;
}

extern "C" {

int snn_find_projection(const snn_network *net, const char *name) {
  return guardedValue(-1, [&] {
    const snn_network &checked = checkNetwork(net, "snn_find_projection");
    checkNotNull(name, "name", "snn_find_projection");
    const auto &projections = checked.desc.projections;
    for (size_t i = 0; i < projections.size(); ++i)
      if (projections[i].name == name)
        return static_cast<int>(i);
    return -1;
  });
}

int snn_synapse_variable_count(const snn_network *net, int proj) {
  return guardedValue(-1, [&] {
    const ProjectionDesc &projection = checkProjection(
        checkNetwork(net, "snn_synapse_variable_count"), proj, "snn_synapse_variable_count");
    return projection.plastic ? static_cast<int>(projection.plastic->variables.size()) : 0;
  });
}

int snn_find_synapse_variable(const snn_network *net, int proj, const char *name) {
  return guardedValue(-1, [&] {
    const ProjectionDesc &projection = checkProjection(
        checkNetwork(net, "snn_find_synapse_variable"), proj, "snn_find_synapse_variable");
    checkNotNull(name, "name", "snn_find_synapse_variable");
    return projection.plastic ? findSynapseVariable(*projection.plastic, name) : -1;
  });
}

const char *snn_synapse_variable_name(const snn_network *net, int proj, int var) {
  return guardedValue<const char *>("", [&] {
    return checkSynapseVariable(checkNetwork(net, "snn_synapse_variable_name"), proj, var,
                                "snn_synapse_variable_name")
        .name.c_str();
  });
}

const char *snn_synapse_variable_unit(const snn_network *net, int proj, int var) {
  return guardedValue<const char *>("", [&] {
    return checkSynapseVariable(checkNetwork(net, "snn_synapse_variable_unit"), proj, var,
                                "snn_synapse_variable_unit")
        .unit.c_str();
  });
}

int snn_get_synapses(const snn_network *net, int proj, uint64_t first, uint64_t count,
                     uint32_t *pre, uint32_t *post) {
  return guarded([&] {
    const snn_network &checked = checkNetwork(net, "snn_get_synapses");
    const ProjectionDesc &projection = checkProjection(checked, proj, "snn_get_synapses");
    checkSynapseRange(checked, proj, first, count, nullptr, "", "snn_get_synapses",
                      /*optional=*/true);
    if (count == 0)
      return;
    if (projection.identity) { // synapse i connects i -> i
      for (uint64_t k = 0; k < count; ++k) {
        if (pre)
          pre[k] = static_cast<uint32_t>(first + k);
        if (post)
          post[k] = static_cast<uint32_t>(first + k);
      }
      return;
    }
    const uint64_t *rowPtr;
    if (projection.storage == ProjectionDesc::Storage::CSR) {
      const void *col = checked.table[size_t(projection.col)];
      if (post && checked.desc.buffers[size_t(projection.col)].type == ScalarType::U16) {
        const auto *narrow = static_cast<const uint16_t *>(col);
        for (uint64_t k = 0; k < count; ++k)
          post[k] = narrow[first + k];
      } else if (post) {
        std::memcpy(post, static_cast<const uint32_t *>(col) + first, count * sizeof(uint32_t));
      }
      rowPtr = static_cast<const uint64_t *>(checked.table[size_t(projection.rowPtr)]);
    } else { // dense, bitmask, procedural: the same synapses in CSR form
      const CsrMatrix &matrix = checked.synapseMatrix(static_cast<size_t>(proj));
      if (post)
        std::memcpy(post, matrix.col.data() + first, count * sizeof(uint32_t));
      rowPtr = matrix.rowPtr.data();
    }
    if (!pre)
      return;
    const uint32_t rows = checked.desc.populations[static_cast<size_t>(projection.source)].size;
    // The row holding `first`: rowPtr[row] <= first < rowPtr[row + 1] (rowPtr[0] = 0 and
    // first < rowPtr[rows], so the row exists); later synapses walk forward over empty rows.
    const uint64_t *rowsEnd = rowPtr + rows + 1;
    uint64_t row = static_cast<uint64_t>(std::upper_bound(rowPtr, rowsEnd, first) - rowPtr) - 1;
    for (uint64_t k = 0; k < count; ++k) {
      while (rowPtr[row + 1] <= first + k)
        ++row;
      pre[k] = static_cast<uint32_t>(row);
    }
  });
}

int snn_get_synapse_values(const snn_network *net, int proj, int var, uint64_t first,
                           uint64_t count, double *out) {
  return guarded([&] {
    const snn_network &checked = checkNetwork(net, "snn_get_synapse_values");
    checkSynapseVariable(checked, proj, var, "snn_get_synapse_values");
    checkSynapseRange(checked, proj, first, count, out, "out", "snn_get_synapse_values");
    readValues(checked, proj, var, first, count, out);
  });
}

int snn_set_synapse_values(snn_network *net, int proj, int var, uint64_t first, uint64_t count,
                           const double *values) {
  return guarded([&] {
    const snn_network &checked = checkNetwork(net, "snn_set_synapse_values");
    const SynapseVarDesc &target =
        checkSynapseVariable(checked, proj, var, "snn_set_synapse_values");
    const ProjectionDesc &projection = checked.desc.projections[static_cast<size_t>(proj)];
    if (target.per != SynapseVarDesc::Per::Synapse)
      throwInvalidArgument(
          "snn_set_synapse_values: '" + target.name + "' of '" + projection.name +
          "' is stored once per " +
          (target.per == SynapseVarDesc::Per::Source ? "presynaptic" : "postsynaptic") +
          " neuron (a trace shared by the synapses of that neuron), so it cannot be set per "
          "synapse");
    checkSynapseRange(checked, proj, first, count, values, "values", "snn_set_synapse_values");
    if (count == 0)
      return;
    const PlasticDesc &plastic = *projection.plastic;
    auto buffer = [&](int index) { return net->table[static_cast<size_t>(index)]; };
    if (plastic.lastUpdate >= 0) {
      // Bring every decaying per-synapse variable of these synapses up to now, then restart
      // their lazy updates from now.
      auto *last = static_cast<int64_t *>(buffer(plastic.lastUpdate)) + first;
      const int64_t now = static_cast<int64_t>(checked.currentStep);
      for (const SynapseVarDesc &other : plastic.variables) {
        if (&other == &target || other.per != SynapseVarDesc::Per::Synapse || !decays(other))
          continue;
        const RealView x(buffer(other.buffer), checked.desc.buffers[size_t(other.buffer)].type);
        for (uint64_t k = 0; k < count; ++k)
          x.set(first + k, decayedValue(other, x.get(first + k), last[k], now, checked.desc.dt));
      }
      std::fill(last, last + count, now);
    }
    const RealView x(buffer(target.buffer), checked.desc.buffers[size_t(target.buffer)].type);
    for (uint64_t k = 0; k < count; ++k)
      x.set(first + k, values[k]);
  });
}

int snn_get_weights(const snn_network *net, int proj, uint64_t first, uint64_t count, double *out) {
  return guarded([&] {
    const snn_network &checked = checkNetwork(net, "snn_get_weights");
    const ProjectionDesc &projection = checkProjection(checked, proj, "snn_get_weights");
    checkSynapseRange(checked, proj, first, count, out, "out", "snn_get_weights");
    if (projection.plastic) {
      const std::string &name = projection.plastic->deliver;
      const int w = name.empty() ? -1 : findSynapseVariable(*projection.plastic, name.c_str());
      if (w < 0)
        throwInvalidArgument("snn_get_weights: the synapse model '" + projection.plastic->model +
                             "' of '" + projection.name +
                             "' delivers an expression, not a variable; read its variables "
                             "with snn_get_synapse_values");
      readValues(checked, proj, w, first, count, out);
    } else if (projection.weightBuffer >= 0) {
      const RealView weights(checked.table[size_t(projection.weightBuffer)],
                             checked.desc.buffers[size_t(projection.weightBuffer)].type);
      for (uint64_t k = 0; k < count; ++k)
        out[k] = weights.get(first + k);
    } else {
      std::fill(out, out + count, projection.weight.first); // a constant weight
    }
  });
}

} // extern "C"
