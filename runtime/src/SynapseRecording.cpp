// SynapseRecording.cpp: SynapseRecorder, the recorded variables of a plastic projection's synapses.
//
// The recorded synapses are those from a selected source neuron to a selected target neuron, in
// storage order (by source, then target). Values are read through SynapseValueReader, so lazily
// updated variables are brought up to the sampled step without changing the network.
#include "Recording.h"

#include <algorithm>
#include <vector>

namespace snn::rt {

SynapseRecorder::SynapseRecorder(const NetworkDesc &desc, const RecordingDesc &rec,
                                 const std::vector<void *> &buffers)
    : reader(desc, desc.projections[static_cast<size_t>(rec.projection)], rec.variable, buffers),
      every(rec.every), atEnd(rec.atEnd) {
  const ProjectionDesc &proj = desc.projections[static_cast<size_t>(rec.projection)];
  const PopulationDesc &source = desc.populations[static_cast<size_t>(proj.source)];
  const PopulationDesc &target = desc.populations[static_cast<size_t>(proj.target)];
  const SynapseVarDesc &var = *reader.var;
  fileName = "synapses_" + source.name + "_" + target.name + "_" + var.name + ".csv";
  const std::string unit = rec.displayUnit.empty() ? var.unit : rec.displayUnit;
  column = unit.empty() || unit == "1" ? var.name : var.name + "_" + unit;
  displayScale = rec.displayUnit.empty() ? 1.0 : rec.displayScale;

  std::vector<uint8_t> isPost(target.size, 0);
  for (uint32_t t : rec.post)
    isPost[t] = 1;
  std::vector<uint32_t> sources = rec.neurons;
  std::sort(sources.begin(), sources.end());
  const auto *rowPtr = proj.identity
                           ? nullptr
                           : static_cast<const uint64_t *>(buffers[static_cast<size_t>(proj.rowPtr)]);
  for (uint32_t i : sources) {
    if (i >= source.size)
      continue;
    const uint64_t lo = rowPtr ? rowPtr[i] : i, hi = rowPtr ? rowPtr[i + 1] : uint64_t{i} + 1;
    for (uint64_t j = lo; j < hi; ++j) {
      const uint32_t t = reader.col ? reader.col[j] : static_cast<uint32_t>(j);
      if (!isPost[t])
        continue;
      synapses.push_back(j);
      pre.push_back(i);
      post.push_back(t);
    }
  }
}

void SynapseRecorder::sample(int64_t step) {
  sampleSteps.push_back(step);
  for (uint64_t syn : synapses)
    samples.push_back(reader.at(syn, step));
}

} // namespace snn::rt
