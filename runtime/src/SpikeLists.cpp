// SpikeLists.cpp: flag and count compaction and spike-time emission (see SpikeLists.h).
//
// The compaction loops are branch-free (write the index, advance the cursor by the flag), which is
// as fast as a branch at high rates and never mispredicts; byte flags are additionally skipped
// eight at a time, and Poisson counts four at a time, while they are all zero, which makes sparse
// firing nearly free.
#include "SpikeLists.h"

#include <algorithm>
#include <cstring>
#include <numeric>

namespace snn::rt {

namespace {

template <class Flag> uint32_t compactTyped(const Flag *flags, uint32_t n, uint32_t *out) {
  uint32_t found = 0;
  for (uint32_t i = 0; i < n; ++i) {
    out[found] = i;
    found += flags[i] != 0;
  }
  return found;
}

uint32_t compactBytes(const uint8_t *flags, uint32_t n, uint32_t *out) {
  uint32_t found = 0;
  uint32_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t word;
    std::memcpy(&word, flags + i, sizeof word);
    if (word == 0)
      continue;
    for (uint32_t j = i; j < i + 8; ++j) {
      out[found] = j;
      found += flags[j] != 0;
    }
  }
  for (; i < n; ++i) {
    out[found] = i;
    found += flags[i] != 0;
  }
  return found;
}

} // namespace

uint32_t compactFlags(const void *flags, ScalarType type, uint32_t n, uint32_t *out) {
  switch (type) {
  case ScalarType::U8:
    return compactBytes(static_cast<const uint8_t *>(flags), n, out);
  case ScalarType::U16:
    return compactTyped(static_cast<const uint16_t *>(flags), n, out);
  case ScalarType::U32:
    return compactTyped(static_cast<const uint32_t *>(flags), n, out);
  case ScalarType::I32:
    return compactTyped(static_cast<const int32_t *>(flags), n, out);
  case ScalarType::U64:
    return compactTyped(static_cast<const uint64_t *>(flags), n, out);
  case ScalarType::I64:
    return compactTyped(static_cast<const int64_t *>(flags), n, out);
  case ScalarType::F32:
    return compactTyped(static_cast<const float *>(flags), n, out);
  case ScalarType::F64:
    return compactTyped(static_cast<const double *>(flags), n, out);
  }
  return 0;
}

uint32_t compactCounts(const uint32_t *counts, uint32_t n, uint32_t *idx, uint32_t *mult,
                       uint64_t &spikes) {
  uint32_t found = 0;
  uint64_t sum = 0;
  auto visit = [&](uint32_t i) {
    const uint32_t count = counts[i];
    idx[found] = i;
    mult[found] = count;
    found += count != 0;
    sum += count;
  };
  uint32_t i = 0;
  for (; i + 4 <= n; i += 4) { // skip four zero counts at a time (low-rate generators)
    uint64_t low, high;
    std::memcpy(&low, counts + i, sizeof low);
    std::memcpy(&high, counts + i + 2, sizeof high);
    if ((low | high) == 0)
      continue;
    for (uint32_t j = i; j < i + 4; ++j)
      visit(j);
  }
  for (; i < n; ++i)
    visit(i);
  spikes += sum;
  return found;
}

void PopulationSpikes::setSchedule(std::vector<int64_t> steps, std::vector<uint32_t> neurons) {
  const size_t n = steps.size();
  bool sorted = true;
  for (size_t i = 1; i < n && sorted; ++i)
    sorted = steps[i - 1] < steps[i] || (steps[i - 1] == steps[i] && neurons[i - 1] <= neurons[i]);
  if (sorted) {
    scheduleSteps = std::move(steps);
    scheduleNeurons = std::move(neurons);
  } else {
    std::vector<size_t> order(n);
    std::iota(order.begin(), order.end(), size_t{0});
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      return steps[a] != steps[b] ? steps[a] < steps[b] : neurons[a] < neurons[b];
    });
    scheduleSteps.resize(n);
    scheduleNeurons.resize(n);
    for (size_t i = 0; i < n; ++i) {
      scheduleSteps[i] = steps[order[i]];
      scheduleNeurons[i] = neurons[order[i]];
    }
  }
  scheduleNext = 0;
}

void PopulationSpikes::collect(int64_t step) {
  uint32_t found = 0;
  uint64_t spikes = 0;
  switch (kind) {
  case PopulationKind::Neuron:
    found = compactFlags(flags, flagsType, size, spikeIdx);
    spikes = found;
    break;
  case PopulationKind::Poisson:
    found = compactCounts(counts, size, spikeIdx, spikeMult, spikes);
    break;
  case PopulationKind::SpikeTimes: {
    const size_t total = scheduleSteps.size();
    size_t next = scheduleNext;
    while (next < total && scheduleSteps[next] < step) // entries before the first step computed
      ++next;
    const size_t first = next;
    for (; next < total && scheduleSteps[next] == step; ++next) {
      const uint32_t neuron = scheduleNeurons[next];
      if (found > 0 && spikeIdx[found - 1] == neuron) {
        ++spikeMult[found - 1];
      } else {
        spikeIdx[found] = neuron;
        spikeMult[found] = 1;
        ++found;
      }
    }
    spikes = next - first;
    scheduleNext = next;
    break;
  }
  }
  *spikeCount = found;
  stepSpikes = spikes;
  totalSpikes += spikes;
}

void PopulationSpikes::collectRange(uint32_t lo, uint32_t hi, SpikeRange &part) const {
  const uint32_t n = hi - lo;
  if (part.idx.size() < n) // sized when the threads are set up; never in the step loop
    part.idx.resize(n);
  part.spikes = 0;
  if (kind == PopulationKind::Neuron) {
    const auto *base = static_cast<const unsigned char *>(flags) + size_t{lo} * scalarSize(flagsType);
    part.entries = compactFlags(base, flagsType, n, part.idx.data());
    part.spikes = part.entries;
  } else {
    if (part.mult.size() < n)
      part.mult.resize(n);
    part.entries = compactCounts(counts + lo, n, part.idx.data(), part.mult.data(), part.spikes);
  }
  uint32_t *idx = part.idx.data();
  for (uint32_t e = 0; e < part.entries; ++e)
    idx[e] += lo;
}

void PopulationSpikes::place(const SpikeRange &part, uint32_t offset) {
  if (part.entries == 0)
    return;
  std::memcpy(spikeIdx + offset, part.idx.data(), part.entries * sizeof(uint32_t));
  if (kind == PopulationKind::Poisson)
    std::memcpy(spikeMult + offset, part.mult.data(), part.entries * sizeof(uint32_t));
}

void PopulationSpikes::finishParts(uint32_t entries, uint64_t spikes) {
  *spikeCount = entries;
  stepSpikes = spikes;
  totalSpikes += spikes;
}

void PopulationSpikes::expand(std::vector<uint32_t> &out) const {
  out.clear();
  const uint32_t n = entries();
  for (uint32_t e = 0; e < n; ++e)
    out.insert(out.end(), spikeMult ? spikeMult[e] : 1, spikeIdx[e]);
}

} // namespace snn::rt
