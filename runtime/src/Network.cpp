// Network.cpp: building a network (snn_network::create) from a model.
//
// Order: check the model, parse the descriptor, allocate buffers, write the seed buffer, apply
// `init`, build projections in descriptor order, set up spike lists, apply the injections of
// step 0, set up recordings and take the step-0 state samples. Every random quantity is drawn from
// its own stream (Random.h), so the result depends only on the descriptor and the seed, never on
// the order of these phases.
#include "Network.h"

#include "RealView.h"

#include "Support.h"
#include "Distributions.h"
#include "Errors.h"

#include <chrono>
#include <cstring>
#include <limits>
#include <string_view>

using namespace snn::rt;

namespace {

/// A zeroed block for `count` elements of `elementSize` bytes; `what` names it when out of memory.
AlignedBlock allocateBlock(uint64_t count, size_t elementSize, const std::string &what) {
  if (elementSize != 0 && count > (uint64_t{1} << 60) / elementSize)
    throw RuntimeError(SNN_ERROR_OUT_OF_MEMORY, "out of memory allocating " + what + " (" +
                                                    std::to_string(count) + " elements of " +
                                                    std::to_string(elementSize) + " bytes)");
  const uint64_t bytes = count * elementSize;
  try {
    return AlignedBlock(bytes);
  } catch (const std::bad_alloc &) {
    throw RuntimeError(SNN_ERROR_OUT_OF_MEMORY, "out of memory allocating " + what + " (" +
                                                    std::to_string(bytes) + " bytes)");
  }
}

snn_kernel_fn kernelAt(const snn_model &model, int index, const std::string &user) {
  snn_kernel_fn kernel = model.kernels[index];
  if (!kernel)
    throwInvalidModel("kernel " + std::to_string(index) + " (used by " + user + ") is NULL");
  return kernel;
}

} // namespace

std::unique_ptr<snn_network> snn_network::create(const snn_model &model, const snn_options *opts) {
  const auto start = std::chrono::steady_clock::now();
  if (model.abi_version != SNN_ABI_VERSION)
    throwInvalidModel("model has ABI version " + std::to_string(model.abi_version) +
                      ", but this runtime implements version " + std::to_string(SNN_ABI_VERSION) +
                      " (rebuild the network with a matching snnc)");
  if (!model.descriptor)
    throwInvalidModel("model has no descriptor");
  if (model.num_kernels > 0 && !model.kernels)
    throwInvalidModel("model declares " + std::to_string(model.num_kernels) +
                      " kernels but has no kernel table");
  if (opts && opts->struct_size < sizeof(snn_options))
    throwInvalidArgument("opts->struct_size is " + std::to_string(opts->struct_size) +
                         ", expected " + std::to_string(sizeof(snn_options)) +
                         " (initialise options with snn_options_init)");
  if (opts && opts->use_seed && opts->seed > std::numeric_limits<uint32_t>::max())
    throwInvalidArgument("seed " + std::to_string(opts->seed) + " is out of range (0 .. 2^32 - 1)");

  auto net = std::make_unique<snn_network>();
  net->desc = parseDescriptor(
      std::string_view(model.descriptor, static_cast<size_t>(model.descriptor_size)),
      model.num_kernels);
  const NetworkDesc &desc = net->desc;
  net->seed = opts && opts->use_seed ? static_cast<uint32_t>(opts->seed) : desc.seed;
  net->progress = opts && opts->progress;
  if (opts && (opts->threads < 0 || opts->threads > 1024))
    throwInvalidArgument("opts->threads is " + std::to_string(opts->threads) +
                         ", expected 0 (one thread) to 1024");
  net->threads = opts && opts->threads > 1 ? static_cast<unsigned>(opts->threads) : 1;

  // Kernels, checked before any memory is allocated.
  for (const PopulationDesc &pop : desc.populations)
    net->updateKernels.push_back(pop.kind == PopulationKind::SpikeTimes
                                     ? nullptr
                                     : kernelAt(model, pop.updateKernel, "'" + pop.name + "'"));
  for (const ProjectionDesc &proj : desc.projections) {
    net->deliveries.push_back({kernelAt(model, proj.kernel, "'" + proj.name + "'"), nullptr});
    net->postKernels_.push_back(proj.plastic && proj.plastic->postKernel >= 0
                                    ? kernelAt(model, proj.plastic->postKernel,
                                               "'" + proj.name + "'")
                                    : nullptr);
    net->modulatorKernels_.push_back(proj.plastic && proj.plastic->modulatorKernel >= 0
                                         ? kernelAt(model, proj.plastic->modulatorKernel,
                                                    "'" + proj.name + "'")
                                         : nullptr);
  }

  net->allocateBuffers();
  if (desc.seedBuffer >= 0)
    static_cast<uint64_t *>(net->table[static_cast<size_t>(desc.seedBuffer)])[0] = net->seed;
  net->initializeBuffers();
  net->synapseCounts.resize(desc.projections.size());
  net->materialized.resize(desc.projections.size());
  net->plasticProjections.resize(desc.projections.size());
  for (size_t i = 0; i < desc.projections.size(); ++i)
    net->buildProjection(i);
  net->setUpPopulations();
  net->setUpThreads();
  net->injections.setUp(net->desc, net->table);
  net->injections.apply(0);
  net->recordings = std::make_unique<Recordings>(desc, net->table);
  net->recordings->sampleInitialState();

  net->buildSeconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return net;
}

void snn_network::allocateBuffers() {
  const size_t n = desc.buffers.size();
  storage.reserve(n);
  bufferSizes.resize(n);
  table.resize(n);
  for (size_t i = 0; i < n; ++i) {
    const BufferDesc &buffer = desc.buffers[i];
    storage.push_back(
        allocateBlock(buffer.size, scalarSize(buffer.type), "buffer '" + buffer.name + "'"));
    bufferSizes[i] = buffer.size;
    table[i] = storage[i].data();
  }
}

void snn_network::initializeBuffers() {
  for (size_t i = 0; i < desc.buffers.size(); ++i) {
    const BufferDesc &buffer = desc.buffers[i];
    if (buffer.init)
      fillFromDistribution(buffer.type, table[i], buffer.size, *buffer.init, seed,
                           streamFor(SNN_STREAM_INIT, i));
  }
}

void snn_network::buildProjection(size_t index) {
  const ProjectionDesc &proj = desc.projections[index];
  const PopulationDesc &source = desc.populations[static_cast<size_t>(proj.source)];
  const PopulationDesc &target = desc.populations[static_cast<size_t>(proj.target)];
  auto adopt = [&](int buffer, AlignedBlock block, uint64_t size) {
    storage[static_cast<size_t>(buffer)] = std::move(block);
    table[static_cast<size_t>(buffer)] = storage[static_cast<size_t>(buffer)].data();
    bufferSizes[static_cast<size_t>(buffer)] = size;
  };

  uint64_t synapses = source.size; // identity storage: synapse i is i -> i
  std::vector<uint64_t> listOrder; // list rule: the list entry of each synapse
  using Storage = ProjectionDesc::Storage;
  switch (proj.storage) {
  case Storage::Identity:
    break;
  case Storage::Dense: // every pair; per-synapse values in CSR order
    synapses = uint64_t{source.size} * targetsPerRow(connectivityRequest(index));
    break;
  case Storage::Procedural: // generated again at each spike: only counted here
    synapses = countFixedProbability(connectivityRequest(index));
    break;
  case Storage::Bitmask: {
    CsrMatrix matrix = buildConnectivity(connectivityRequest(index));
    synapses = matrix.synapseCount();
    const uint64_t words = (uint64_t{target.size} + 63) / 64;
    AlignedBlock bits = allocateBlock(uint64_t{source.size} * words, sizeof(uint64_t),
                                      "the connectivity of '" + proj.name + "'");
    auto *row = static_cast<uint64_t *>(bits.data());
    for (uint32_t r = 0; r < source.size; ++r, row += words)
      for (uint64_t k = matrix.rowPtr[r]; k < matrix.rowPtr[r + 1]; ++k)
        row[matrix.col[k] >> 6] |= uint64_t{1} << (matrix.col[k] & 63);
    adopt(proj.bits, std::move(bits), uint64_t{source.size} * words);
    break;
  }
  case Storage::CSR: {
    CsrMatrix matrix = buildConnectivity(connectivityRequest(index));
    std::memcpy(table[static_cast<size_t>(proj.rowPtr)], matrix.rowPtr.data(),
                matrix.rowPtr.size() * sizeof(uint64_t));
    synapses = matrix.synapseCount();
    listOrder = std::move(matrix.listOrder);
    if (desc.buffers[static_cast<size_t>(proj.col)].type == ScalarType::U16) {
      // Narrow target indices (checked: the target has at most 65536 neurons).
      AlignedBlock narrow =
          allocateBlock(synapses, sizeof(uint16_t), "the connectivity of '" + proj.name + "'");
      auto *out = static_cast<uint16_t *>(narrow.data());
      for (uint64_t k = 0; k < synapses; ++k)
        out[k] = static_cast<uint16_t>(matrix.col[k]);
      adopt(proj.col, std::move(narrow), synapses);
    } else {
      adopt(proj.col, std::move(matrix.col).takeBlock(), synapses);
    }
    break;
  }
  }

  if (proj.weightBuffer >= 0) {
    // f64, or f32 for `precision = f32` (drawn in double, then rounded).
    const ScalarType type = desc.buffers[static_cast<size_t>(proj.weightBuffer)].type;
    AlignedBlock weights =
        allocateBlock(synapses, scalarSize(type), "the weights of '" + proj.name + "'");
    if (!proj.weightList.empty()) {
      const RealView values(weights.data(), type);
      for (uint64_t k = 0; k < synapses; ++k)
        values.set(k, proj.weightList[listOrder[k]]);
    } else {
      fillFromDistribution(type, weights.data(), synapses, proj.weight, seed,
                           streamFor(SNN_STREAM_WEIGHT, index));
    }
    adopt(proj.weightBuffer, std::move(weights), synapses);
  }
  if (proj.delayBuffer >= 0) {
    AlignedBlock delays =
        allocateBlock(synapses, sizeof(uint16_t), "the delays of '" + proj.name + "'");
    auto *steps = static_cast<uint16_t *>(delays.data());
    if (proj.delay.constant)
      std::fill(steps, steps + synapses, static_cast<uint16_t>(proj.delay.steps));
    else if (!proj.delay.list.empty())
      for (uint64_t k = 0; k < synapses; ++k)
        steps[k] = proj.delay.list[listOrder[k]];
    else
      fillDelaySteps(steps, synapses, proj.delay.seconds, desc.dt, proj.maxDelaySteps, seed,
                     streamFor(SNN_STREAM_DELAY, index));
    adopt(proj.delayBuffer, std::move(delays), synapses);
  }
  if (proj.plastic) {
    const int post = proj.plastic->postKernel;
    buildPlastic(index, synapses, deliveries[index].kernel,
                 post >= 0 ? postKernels_[index] : nullptr, modulatorKernels_[index]);
    if (!proj.weightList.empty()) // listed weights: initial values of the delivered variable
      for (const SynapseVarDesc &var : proj.plastic->variables)
        if (var.name == proj.plastic->deliver) {
          const RealView values(table[static_cast<size_t>(var.buffer)],
                                desc.buffers[static_cast<size_t>(var.buffer)].type);
          for (uint64_t k = 0; k < synapses; ++k)
            values.set(k, proj.weightList[listOrder[k]]);
        }
  }
  synapseCounts[index] = synapses;
}

ConnectivityRequest snn_network::connectivityRequest(size_t index) const {
  const ProjectionDesc &proj = desc.projections[index];
  ConnectivityRequest request;
  request.name = proj.name;
  request.rule = proj.rule;
  request.numSources = desc.populations[static_cast<size_t>(proj.source)].size;
  request.numTargets = desc.populations[static_cast<size_t>(proj.target)].size;
  request.excludeSelf = !proj.autapses && proj.source == proj.target;
  request.seed = seed;
  request.stream = streamFor(SNN_STREAM_CONNECT, index);
  return request;
}

void snn_network::setUpPopulations() {
  auto buffer = [&](int index) { return index >= 0 ? table[static_cast<size_t>(index)] : nullptr; };
  populations.resize(desc.populations.size());
  for (size_t p = 0; p < desc.populations.size(); ++p) {
    PopulationDesc &pop = desc.populations[p];
    PopulationSpikes &spikes = populations[p];
    spikes.kind = pop.kind;
    spikes.size = pop.size;
    spikes.flags = buffer(pop.flags);
    if (pop.flags >= 0)
      spikes.flagsType = desc.buffers[static_cast<size_t>(pop.flags)].type;
    spikes.counts = static_cast<const uint32_t *>(buffer(pop.counts));
    spikes.spikeIdx = static_cast<uint32_t *>(buffer(pop.spikeIdx));
    spikes.spikeMult = static_cast<uint32_t *>(buffer(pop.spikeMult));
    spikes.spikeCount = static_cast<int64_t *>(buffer(pop.spikeCount));
    if (pop.kind == PopulationKind::SpikeTimes) {
      // The schedule moves out of the descriptor; nothing else reads it.
      spikes.setSchedule(std::move(pop.spikeSteps), std::move(pop.spikeNeurons));
      pop.spikeSteps.clear();
      pop.spikeNeurons.clear();
    }
    if (pop.kind == PopulationKind::Neuron && spikes.spikeMult)
      std::fill(spikes.spikeMult, spikes.spikeMult + pop.size, 1u); // neurons fire once per step
  }
  for (size_t i = 0; i < desc.projections.size(); ++i)
    deliveries[i].sourceCount =
        populations[static_cast<size_t>(desc.projections[i].source)].spikeCount;
  expandedSpikes.resize(populations.size());
  expandedAt.assign(populations.size(), -1);
}

double *snn_network::variableData(int pop, int var) const {
  const VariableDesc &variable =
      desc.populations[static_cast<size_t>(pop)].variables[static_cast<size_t>(var)];
  return static_cast<double *>(table[static_cast<size_t>(variable.buffer)]);
}
