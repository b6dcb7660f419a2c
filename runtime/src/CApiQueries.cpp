// CApiQueries.cpp: the C API for structure queries, state access, spikes and recordings
// (snn/runtime.h). Functions that return a value return a neutral one on bad arguments (0, -1 or
// "") and set snn_last_error(); functions that return int return an SNN_ERROR_* code.
#include "CApiSupport.h"

#include <algorithm>
#include <cstring>

using namespace snn::rt;

namespace {

/// Throws unless [first, first + count) lies within population `pop` and `data` is usable.
void checkRange(const PopulationDesc &pop, uint32_t first, uint32_t count, const void *data,
                const char *dataName, const char *function) {
  if (uint64_t{first} + count > pop.size)
    throwInvalidArgument(std::string(function) + ": neurons [" + std::to_string(first) + ", " +
                         std::to_string(uint64_t{first} + count) + ") are outside '" + pop.name +
                         "' (size " + std::to_string(pop.size) + ")");
  if (count > 0)
    checkNotNull(data, dataName, function);
}

} // namespace

extern "C" {

int snn_population_count(const snn_network *net) {
  return guardedValue(-1, [&] {
    return static_cast<int>(checkNetwork(net, "snn_population_count").desc.populations.size());
  });
}

int snn_find_population(const snn_network *net, const char *name) {
  return guardedValue(-1, [&] {
    const snn_network &checked = checkNetwork(net, "snn_find_population");
    checkNotNull(name, "name", "snn_find_population");
    const auto &pops = checked.desc.populations;
    for (size_t i = 0; i < pops.size(); ++i)
      if (pops[i].name == name)
        return static_cast<int>(i);
    return -1;
  });
}

const char *snn_population_name(const snn_network *net, int pop) {
  return guardedValue<const char *>("", [&] {
    return checkPopulation(checkNetwork(net, "snn_population_name"), pop, "snn_population_name")
        .name.c_str();
  });
}

uint32_t snn_population_size(const snn_network *net, int pop) {
  return guardedValue<uint32_t>(0, [&] {
    return checkPopulation(checkNetwork(net, "snn_population_size"), pop, "snn_population_size")
        .size;
  });
}

int snn_population_kind(const snn_network *net, int pop) {
  return guardedValue(-1, [&] {
    return static_cast<int>(
        checkPopulation(checkNetwork(net, "snn_population_kind"), pop, "snn_population_kind").kind);
  });
}

int snn_projection_count(const snn_network *net) {
  return guardedValue(-1, [&] {
    return static_cast<int>(checkNetwork(net, "snn_projection_count").desc.projections.size());
  });
}

const char *snn_projection_name(const snn_network *net, int proj) {
  return guardedValue<const char *>("", [&] {
    return checkProjection(checkNetwork(net, "snn_projection_name"), proj, "snn_projection_name")
        .name.c_str();
  });
}

uint64_t snn_projection_synapse_count(const snn_network *net, int proj) {
  return guardedValue<uint64_t>(0, [&] {
    const snn_network &checked = checkNetwork(net, "snn_projection_synapse_count");
    checkProjection(checked, proj, "snn_projection_synapse_count");
    return checked.synapseCounts[static_cast<size_t>(proj)];
  });
}

uint64_t snn_total_synapse_count(const snn_network *net) {
  return guardedValue<uint64_t>(0, [&] {
    const snn_network &checked = checkNetwork(net, "snn_total_synapse_count");
    uint64_t total = 0;
    for (uint64_t count : checked.synapseCounts)
      total += count;
    return total;
  });
}

int snn_variable_count(const snn_network *net, int pop) {
  return guardedValue(-1, [&] {
    return static_cast<int>(
        checkPopulation(checkNetwork(net, "snn_variable_count"), pop, "snn_variable_count")
            .variables.size());
  });
}

int snn_find_variable(const snn_network *net, int pop, const char *name) {
  return guardedValue(-1, [&] {
    const PopulationDesc &population =
        checkPopulation(checkNetwork(net, "snn_find_variable"), pop, "snn_find_variable");
    checkNotNull(name, "name", "snn_find_variable");
    for (size_t i = 0; i < population.variables.size(); ++i)
      if (population.variables[i].name == name)
        return static_cast<int>(i);
    return -1;
  });
}

const char *snn_variable_name(const snn_network *net, int pop, int var) {
  return guardedValue<const char *>("", [&] {
    return checkVariable(checkNetwork(net, "snn_variable_name"), pop, var, "snn_variable_name")
        .name.c_str();
  });
}

const char *snn_variable_unit(const snn_network *net, int pop, int var) {
  return guardedValue<const char *>("", [&] {
    return checkVariable(checkNetwork(net, "snn_variable_unit"), pop, var, "snn_variable_unit")
        .unit.c_str();
  });
}

int snn_get_state(const snn_network *net, int pop, int var, uint32_t first, uint32_t count,
                  double *out) {
  return guarded([&] {
    const snn_network &checked = checkNetwork(net, "snn_get_state");
    checkVariable(checked, pop, var, "snn_get_state");
    checkRange(checked.desc.populations[static_cast<size_t>(pop)], first, count, out, "out",
               "snn_get_state");
    if (count > 0)
      std::memcpy(out, checked.variableData(pop, var) + first, count * sizeof(double));
  });
}

int snn_set_state(snn_network *net, int pop, int var, uint32_t first, uint32_t count,
                  const double *values) {
  return guarded([&] {
    const snn_network &checked = checkNetwork(net, "snn_set_state");
    checkVariable(checked, pop, var, "snn_set_state");
    checkRange(checked.desc.populations[static_cast<size_t>(pop)], first, count, values, "values",
               "snn_set_state");
    if (count > 0)
      std::memcpy(checked.variableData(pop, var) + first, values, count * sizeof(double));
  });
}

uint64_t snn_spike_count(const snn_network *net, int pop) {
  return guardedValue<uint64_t>(0, [&] {
    const snn_network &checked = checkNetwork(net, "snn_spike_count");
    checkPopulation(checked, pop, "snn_spike_count");
    return checked.populations[static_cast<size_t>(pop)].totalSpikes;
  });
}

int snn_last_spikes(const snn_network *net, int pop, const uint32_t **indices, size_t *count) {
  return guarded([&] {
    const snn_network &checked = checkNetwork(net, "snn_last_spikes");
    checkPopulation(checked, pop, "snn_last_spikes");
    checkNotNull(indices, "indices", "snn_last_spikes");
    checkNotNull(count, "count", "snn_last_spikes");
    const size_t p = static_cast<size_t>(pop);
    const PopulationSpikes &spikes = checked.populations[p];
    if (spikes.stepSpikes == spikes.entries()) { // every entry fires once: the list itself
      *indices = spikes.spikeIdx;
      *count = spikes.entries();
      return;
    }
    const int64_t step = static_cast<int64_t>(checked.currentStep);
    if (checked.expandedAt[p] != step) {
      spikes.expand(checked.expandedSpikes[p]);
      checked.expandedAt[p] = step;
    }
    *indices = checked.expandedSpikes[p].data();
    *count = checked.expandedSpikes[p].size();
  });
}

uint64_t snn_recorded_spike_count(const snn_network *net, int pop) {
  return guardedValue<uint64_t>(0, [&] {
    const snn_network &checked = checkNetwork(net, "snn_recorded_spike_count");
    checkPopulation(checked, pop, "snn_recorded_spike_count");
    const SpikeRecorder *recorder = checked.recordings->spikes(pop);
    return recorder ? uint64_t{recorder->size()} : uint64_t{0};
  });
}

uint64_t snn_get_recorded_spikes(const snn_network *net, int pop, uint64_t first, uint64_t max,
                                 int64_t *steps, uint32_t *neurons) {
  return guardedValue<uint64_t>(0, [&]() -> uint64_t {
    const snn_network &checked = checkNetwork(net, "snn_get_recorded_spikes");
    checkPopulation(checked, pop, "snn_get_recorded_spikes");
    const SpikeRecorder *recorder = checked.recordings->spikes(pop);
    if (!recorder || first >= recorder->size())
      return 0;
    const uint64_t n = std::min<uint64_t>(max, recorder->size() - first);
    if (steps)
      std::copy_n(recorder->steps().begin() + static_cast<ptrdiff_t>(first), n, steps);
    if (neurons)
      std::copy_n(recorder->neurons().begin() + static_cast<ptrdiff_t>(first), n, neurons);
    return n;
  });
}

int snn_recording_count(const snn_network *net) {
  return guardedValue(-1, [&] {
    return static_cast<int>(checkNetwork(net, "snn_recording_count").recordings->count());
  });
}

int snn_write_recordings(const snn_network *net, const char *dir) {
  return guarded([&] {
    const snn_network &checked = checkNetwork(net, "snn_write_recordings");
    checkNotNull(dir, "dir", "snn_write_recordings");
    checked.recordings->writeCsv(dir, checked.desc.dt,
                                 static_cast<int64_t>(checked.currentStep));
  });
}

} // extern "C"
