// RuntimeNetworkTest.cpp: whole networks through the C API, with hand-written kernels standing in
// for generated code. Checks the step order and ring-buffer delay semantics (a spike at step s with
// delay d reaches the target's update at step s + d), connectivity/weight/delay buffers, flag
// compaction, Poisson counts with multiplicity, spike-time generators (sorting, merging), spike
// counts, last spikes, get/set state, structure queries and seed reproducibility.
#include "Distributions.h"
#include "Support.h"
#include "RuntimeTestSupport.h"

#include <cmath>

using namespace snn::rt;
using namespace snn::rt::test;

namespace {

// --- network 1: A (5 neurons, fixed firing pattern) -> B (3 neurons) through a ring buffer ------
// Buffer indices, as a compiler would bake them into the kernels.
constexpr int kSeed = 0, kAv = 1, kAflags = 2, kAidx = 3, kAcount = 4;
constexpr int kBv = 5, kBin = 6, kBring = 7, kBflags = 8, kBidx = 9, kBcount = 10;
constexpr int kRowPtr = 11, kCol = 12, kDelay = 13, kWeight = 14;
constexpr int kSlots = 4; // max_delay_steps + 1
constexpr int kBsize = 3;

/// A's update: neuron i fires at the steps s with s mod 5 == i.
void updateA(void *const *bufs, int64_t step, int64_t begin, int64_t end) {
  auto *flags = static_cast<uint8_t *>(bufs[kAflags]);
  for (int64_t i = begin; i < end; ++i)
    flags[i] = step % 5 == i ? 1 : 0;
}

/// B's update: v += input arriving now (ring slot step mod slots, then zeroed) + I_ext.
void updateB(void *const *bufs, int64_t step, int64_t begin, int64_t end) {
  auto *v = static_cast<double *>(bufs[kBv]);
  auto *input = static_cast<const double *>(bufs[kBin]);
  auto *ring = static_cast<double *>(bufs[kBring]);
  auto *flags = static_cast<uint8_t *>(bufs[kBflags]);
  double *slot = ring + (step % kSlots) * kBsize;
  for (int64_t i = begin; i < end; ++i) {
    v[i] += slot[i] + input[i];
    slot[i] = 0;
    flags[i] = 0;
  }
}

/// A -> B delivery: per-synapse weights and delays from the CSR buffers.
void deliverAB(void *const *bufs, int64_t step, int64_t begin, int64_t end) {
  auto *idx = static_cast<const uint32_t *>(bufs[kAidx]);
  auto *rowPtr = static_cast<const uint64_t *>(bufs[kRowPtr]);
  auto *col = static_cast<const uint32_t *>(bufs[kCol]);
  auto *delay = static_cast<const uint16_t *>(bufs[kDelay]);
  auto *weight = static_cast<const double *>(bufs[kWeight]);
  auto *ring = static_cast<double *>(bufs[kBring]);
  for (int64_t e = begin; e < end; ++e)
    for (uint64_t s = rowPtr[idx[e]]; s < rowPtr[idx[e] + 1]; ++s)
      ring[((step + delay[s]) % kSlots) * kBsize + col[s]] += weight[s];
}

Json deliveryDescriptor() {
  return Json::parse(R"({
    "abi": 1, "network": "delivery", "dt": 0.001, "duration": 0.02, "seed": 7, "seed_buffer": 0,
    "buffers": [
      {"name": "seed", "type": "u64", "size": 1},
      {"name": "A.v", "type": "f64", "size": 5, "init": {"kind": "uniform", "low": 0, "high": 1}},
      {"name": "A.flags", "type": "u8", "size": 5},
      {"name": "A.spike_idx", "type": "u32", "size": 5},
      {"name": "A.spike_count", "type": "i64", "size": 1},
      {"name": "B.v", "type": "f64", "size": 3},
      {"name": "B.I_ext", "type": "f64", "size": 3},
      {"name": "B.ring", "type": "f64", "size": 12},
      {"name": "B.flags", "type": "u8", "size": 3},
      {"name": "B.spike_idx", "type": "u32", "size": 3},
      {"name": "B.spike_count", "type": "i64", "size": 1},
      {"name": "A->B.row_ptr", "type": "u64", "size": 6},
      {"name": "A->B.col", "type": "u32", "size": 0, "dynamic": true},
      {"name": "A->B.delay", "type": "u16", "size": 0, "dynamic": true},
      {"name": "A->B.weight", "type": "f64", "size": 0, "dynamic": true}
    ],
    "populations": [
      {"name": "A", "size": 5, "kind": "neuron",
       "variables": [{"name": "v", "kind": "state", "unit": "V", "buffer": 1}],
       "update_kernel": 0, "flags": 2, "spike_idx": 3, "spike_count": 4},
      {"name": "B", "size": 3, "kind": "neuron",
       "variables": [{"name": "v", "kind": "state", "unit": "V", "buffer": 5},
                     {"name": "I_ext", "kind": "input", "unit": "A", "buffer": 6}],
       "update_kernel": 1, "flags": 8, "spike_idx": 9, "spike_count": 10}
    ],
    "projections": [
      {"name": "A->B", "source": 0, "target": 1, "port": "v",
       "rule": {"kind": "all_to_all"}, "autapses": true,
       "storage": "csr", "row_ptr": 11, "col": 12,
       "weight": {"kind": "uniform", "low": 1.0, "high": 2.0}, "weight_buffer": 14,
       "delay": {"kind": "uniform", "low": 0.0005, "high": 0.0034}, "delay_buffer": 13,
       "max_delay_steps": 3, "kernel": 2}
    ],
    "recordings": []
  })");
}

const std::vector<snn_kernel_fn> kDeliveryKernels = {updateA, updateB, deliverAB};

TEST(RuntimeNetwork, BuildsConnectivityWeightsAndDelays) {
  NetworkPtr net = createNetwork(deliveryDescriptor(), kDeliveryKernels);
  ASSERT_TRUE(net) << snn_last_error();
  EXPECT_EQ(snn_projection_synapse_count(net.get(), 0), 15u);
  EXPECT_EQ(snn_total_synapse_count(net.get()), 15u);
  const uint64_t *rowPtr = bufferOf<uint64_t>(net.get(), kRowPtr);
  const uint32_t *col = bufferOf<uint32_t>(net.get(), kCol);
  const uint16_t *delay = bufferOf<uint16_t>(net.get(), kDelay);
  const double *weight = bufferOf<double>(net.get(), kWeight);
  const uint32_t weightStream = SNN_STREAM(SNN_STREAM_WEIGHT, 0);
  const uint32_t delayStream = SNN_STREAM(SNN_STREAM_DELAY, 0);
  std::vector<int> delaysSeen(4, 0);
  for (uint32_t r = 0; r <= 5; ++r)
    EXPECT_EQ(rowPtr[r], 3u * r);
  for (uint64_t s = 0; s < 15; ++s) {
    EXPECT_EQ(col[s], s % 3);
    // Drawn per synapse at counter (synapse index, 0) of the documented streams.
    EXPECT_EQ(weight[s], uniformAt(7, weightStream, s, 1.0, 2.0));
    EXPECT_EQ(delay[s], delayToSteps(uniformAt(7, delayStream, s, 0.0005, 0.0034), 0.001, 3));
    ASSERT_GE(delay[s], 1);
    ASSERT_LE(delay[s], 3);
    ++delaysSeen[delay[s]];
  }
  EXPECT_GT(delaysSeen[1] * delaysSeen[2] * delaysSeen[3], 0) << "all delays 1..3 should occur";
  EXPECT_EQ(bufferOf<uint64_t>(net.get(), kSeed)[0], 7u);
}

TEST(RuntimeNetwork, SpikeAtStepSWithDelayDArrivesAtStepSPlusD) {
  NetworkPtr net = createNetwork(deliveryDescriptor(), kDeliveryKernels);
  ASSERT_TRUE(net) << snn_last_error();
  const uint16_t *delay = bufferOf<uint16_t>(net.get(), kDelay);
  const double *weight = bufferOf<double>(net.get(), kWeight);
  for (int64_t step = 1; step <= 20; ++step) {
    ASSERT_EQ(snn_step(net.get(), 1), SNN_OK) << snn_last_error();
    ASSERT_EQ(snn_current_step(net.get()), static_cast<uint64_t>(step));
    // Independent model: A's neuron (s mod 5) fired at each s >= 1; synapse i -> j has index
    // 3 i + j; its weight has arrived once s + delay <= step.
    std::vector<double> expected(kBsize, 0.0);
    for (int64_t s = 1; s <= step; ++s) {
      const int64_t source = s % 5;
      for (int j = 0; j < kBsize; ++j) {
        const size_t synapse = static_cast<size_t>(3 * source + j);
        if (s + delay[synapse] <= step)
          expected[static_cast<size_t>(j)] += weight[synapse];
      }
    }
    std::vector<double> v = stateOf(net.get(), 1, 0);
    for (int j = 0; j < kBsize; ++j)
      EXPECT_NEAR(v[static_cast<size_t>(j)], expected[static_cast<size_t>(j)], 1e-12)
          << "B.v[" << j << "] after step " << step;
    // The compacted list of A holds exactly neuron (step mod 5).
    EXPECT_EQ(*bufferOf<int64_t>(net.get(), kAcount), 1);
    EXPECT_EQ(bufferOf<uint32_t>(net.get(), kAidx)[0], static_cast<uint32_t>(step % 5));
  }
  EXPECT_EQ(snn_spike_count(net.get(), 0), 20u);
  EXPECT_EQ(snn_spike_count(net.get(), 1), 0u);
}

TEST(RuntimeNetwork, ConstantDelayOfTwoArrivesExactlyTwoStepsLater) {
  // Only neuron 1 of A fires (at step 1 and 6); weight 1 and delay 2 for every synapse.
  Json desc = deliveryDescriptor();
  desc["projections"][0]["weight"] = {{"kind", "const"}, {"value", 1.0}};
  desc["projections"][0]["weight_buffer"] = -1;
  desc["projections"][0]["delay"] = {{"kind", "const"}, {"steps", 2}};
  desc["projections"][0]["rule"] = {{"kind", "one_to_one"}};
  desc["populations"][0]["size"] = 3;
  desc["buffers"][kAv]["size"] = 3;
  desc["buffers"][kAflags]["size"] = 3;
  desc["buffers"][kAidx]["size"] = 3;
  desc["buffers"][kWeight]["dynamic"] = false; // no longer filled by the runtime: set below
  desc["buffers"][kWeight]["size"] = 3;
  // The delay buffer stays: filled with the constant.
  NetworkPtr net = createNetwork(desc, kDeliveryKernels);
  ASSERT_TRUE(net) << snn_last_error();
  ASSERT_EQ(snn_projection_synapse_count(net.get(), 0), 3u);
  // The test kernel reads per-synapse weights from buffer 14: only synapse 0 -> 0 gets weight 1.
  bufferOf<double>(net.get(), kWeight)[0] = 1.0;
  for (uint64_t s = 0; s < 3; ++s)
    ASSERT_EQ(bufferOf<uint16_t>(net.get(), kDelay)[s], 2);
  // Neuron 0 of A fires at step 5.
  std::vector<double> history;
  for (int step = 1; step <= 8; ++step) {
    ASSERT_EQ(snn_step(net.get(), 1), SNN_OK);
    history.push_back(stateOf(net.get(), 1, 0)[0]);
  }
  EXPECT_EQ(history, (std::vector<double>{0, 0, 0, 0, 0, 0, 1, 1})) << "fired at 5, arrives at 7";
}

TEST(RuntimeNetwork, InputsSetThroughTheApiStayAndStateCanBeWritten) {
  NetworkPtr net = createNetwork(deliveryDescriptor(), kDeliveryKernels);
  ASSERT_TRUE(net) << snn_last_error();
  const int b = snn_find_population(net.get(), "B");
  const int input = snn_find_variable(net.get(), b, "I_ext");
  ASSERT_EQ(b, 1);
  ASSERT_EQ(input, 1);
  const double current[2] = {0.5, -0.25};
  ASSERT_EQ(snn_set_state(net.get(), b, input, 1, 2, current), SNN_OK);
  // Remove synaptic input to isolate I_ext: zero all weights.
  double *weight = bufferOf<double>(net.get(), kWeight);
  std::fill(weight, weight + 15, 0.0);
  ASSERT_EQ(snn_step(net.get(), 4), SNN_OK);
  std::vector<double> v = stateOf(net.get(), b, 0);
  EXPECT_EQ(v, (std::vector<double>{0.0, 2.0, -1.0}));
  EXPECT_EQ(stateOf(net.get(), b, input), (std::vector<double>{0.0, 0.5, -0.25}));
  // Writing state changes what the kernel continues from.
  const double reset = 10.0;
  ASSERT_EQ(snn_set_state(net.get(), b, 0, 0, 1, &reset), SNN_OK);
  ASSERT_EQ(snn_step(net.get(), 1), SNN_OK);
  EXPECT_EQ(stateOf(net.get(), b, 0), (std::vector<double>{10.0, 2.5, -1.25}));
  // Partial reads.
  double middle = 0;
  ASSERT_EQ(snn_get_state(net.get(), b, 0, 1, 1, &middle), SNN_OK);
  EXPECT_EQ(middle, 2.5);
}

TEST(RuntimeNetwork, InitialStateIsReproducibleAndDependsOnTheSeed) {
  NetworkPtr first = createNetwork(deliveryDescriptor(), kDeliveryKernels);
  NetworkPtr second = createNetwork(deliveryDescriptor(), kDeliveryKernels);
  ASSERT_TRUE(first && second) << snn_last_error();
  std::vector<double> v1 = stateOf(first.get(), 0, 0), v2 = stateOf(second.get(), 0, 0);
  EXPECT_EQ(v1, v2);
  for (uint64_t i = 0; i < 5; ++i) // buffer 1 initialised at counter (i, 0) of stream INIT|1
    EXPECT_EQ(v1[i], uniformAt(7, SNN_STREAM(SNN_STREAM_INIT, kAv), i, 0.0, 1.0));

  snn_options opts;
  snn_options_init(&opts);
  opts.use_seed = 1;
  opts.seed = 8;
  NetworkPtr other = createNetwork(deliveryDescriptor(), kDeliveryKernels, &opts);
  ASSERT_TRUE(other) << snn_last_error();
  EXPECT_EQ(snn_seed(other.get()), 8u);
  EXPECT_EQ(snn_seed(first.get()), 7u);
  EXPECT_EQ(bufferOf<uint64_t>(other.get(), kSeed)[0], 8u);
  std::vector<double> v3 = stateOf(other.get(), 0, 0);
  for (size_t i = 0; i < 5; ++i)
    EXPECT_NE(v1[i], v3[i]);
  EXPECT_NE(std::vector<double>(bufferOf<double>(first.get(), kWeight),
                                bufferOf<double>(first.get(), kWeight) + 15),
            std::vector<double>(bufferOf<double>(other.get(), kWeight),
                                bufferOf<double>(other.get(), kWeight) + 15));
  // The same run twice gives the same state.
  ASSERT_EQ(snn_step(first.get(), 13), SNN_OK);
  ASSERT_EQ(snn_step(second.get(), 6), SNN_OK);
  ASSERT_EQ(snn_step(second.get(), 7), SNN_OK);
  EXPECT_EQ(stateOf(first.get(), 1, 0), stateOf(second.get(), 1, 0));
}

TEST(RuntimeNetwork, StructureQueries) {
  NetworkPtr net = createNetwork(deliveryDescriptor(), kDeliveryKernels);
  ASSERT_TRUE(net) << snn_last_error();
  snn_network *n = net.get();
  EXPECT_STREQ(snn_network_name(n), "delivery");
  EXPECT_EQ(snn_dt(n), 0.001);
  EXPECT_EQ(snn_default_duration(n), 0.02);
  EXPECT_EQ(snn_population_count(n), 2);
  EXPECT_EQ(snn_find_population(n, "B"), 1);
  EXPECT_EQ(snn_find_population(n, "C"), -1);
  EXPECT_STREQ(snn_population_name(n, 0), "A");
  EXPECT_EQ(snn_population_size(n, 0), 5u);
  EXPECT_EQ(snn_population_size(n, 1), 3u);
  EXPECT_EQ(snn_population_kind(n, 1), 0);
  EXPECT_EQ(snn_projection_count(n), 1);
  EXPECT_STREQ(snn_projection_name(n, 0), "A->B");
  EXPECT_EQ(snn_variable_count(n, 1), 2);
  EXPECT_STREQ(snn_variable_name(n, 1, 1), "I_ext");
  EXPECT_STREQ(snn_variable_unit(n, 1, 1), "A");
  EXPECT_STREQ(snn_variable_unit(n, 0, 0), "V");
  EXPECT_EQ(snn_find_variable(n, 1, "v"), 0);
  EXPECT_EQ(snn_find_variable(n, 1, "w"), -1);
  EXPECT_EQ(snn_recording_count(n), 0);
  EXPECT_GT(snn_build_seconds(n), 0.0);
  EXPECT_EQ(snn_simulate_seconds(n), 0.0);
  // snn_run rounds duration / dt; snn_run_default runs the descriptor's duration.
  ASSERT_EQ(snn_run(n, 0.005), SNN_OK);
  EXPECT_EQ(snn_current_step(n), 5u);
  EXPECT_DOUBLE_EQ(snn_time(n), 0.005);
  ASSERT_EQ(snn_run_default(n), SNN_OK);
  EXPECT_EQ(snn_current_step(n), 25u);
  EXPECT_GT(snn_simulate_seconds(n), 0.0);
  ASSERT_EQ(snn_step(n, 0), SNN_OK);
  EXPECT_EQ(snn_current_step(n), 25u);
}

// --- network 2: Poisson counts and spike-time generators feeding T ---------------------------
constexpr int kPcounts = 0, kPidx = 1, kPmult = 2, kPcount = 3;
constexpr int kGidx = 4, kGmult = 5, kGcount = 6;
constexpr int kTv = 7, kTflags = 8;

/// P's update: generator i emits (step + i) mod 3 spikes.
void updateP(void *const *bufs, int64_t step, int64_t begin, int64_t end) {
  auto *counts = static_cast<uint32_t *>(bufs[kPcounts]);
  for (int64_t i = begin; i < end; ++i)
    counts[i] = static_cast<uint32_t>((step + i) % 3);
}

/// T's update: nothing fires.
void updateT(void *const *bufs, int64_t, int64_t begin, int64_t end) {
  auto *flags = static_cast<uint8_t *>(bufs[kTflags]);
  for (int64_t i = begin; i < end; ++i)
    flags[i] = 0;
}

/// G -> T (one_to_one, identity storage): T.v[i] += multiplicity, immediately.
void deliverGT(void *const *bufs, int64_t, int64_t begin, int64_t end) {
  auto *idx = static_cast<const uint32_t *>(bufs[kGidx]);
  auto *mult = static_cast<const uint32_t *>(bufs[kGmult]);
  auto *v = static_cast<double *>(bufs[kTv]);
  for (int64_t e = begin; e < end; ++e)
    v[idx[e]] += mult[e];
}

Json generatorDescriptor() {
  return Json::parse(R"({
    "abi": 1, "network": "generators", "dt": 0.0001, "duration": 0.001, "seed": 1,
    "buffers": [
      {"name": "P.counts", "type": "u32", "size": 4},
      {"name": "P.spike_idx", "type": "u32", "size": 4},
      {"name": "P.spike_mult", "type": "u32", "size": 4},
      {"name": "P.spike_count", "type": "i64", "size": 1},
      {"name": "G.spike_idx", "type": "u32", "size": 3},
      {"name": "G.spike_mult", "type": "u32", "size": 3},
      {"name": "G.spike_count", "type": "i64", "size": 1},
      {"name": "T.v", "type": "f64", "size": 3},
      {"name": "T.flags", "type": "u8", "size": 3},
      {"name": "T.spike_idx", "type": "u32", "size": 3},
      {"name": "T.spike_count", "type": "i64", "size": 1}
    ],
    "populations": [
      {"name": "P", "size": 4, "kind": "poisson", "update_kernel": 0,
       "counts": 0, "spike_idx": 1, "spike_mult": 2, "spike_count": 3},
      {"name": "G", "size": 3, "kind": "spike_times",
       "spike_steps":   [2, 1, 2, 2, 5, 0, 2],
       "spike_neurons": [1, 0, 0, 1, 2, 1, 2],
       "spike_idx": 4, "spike_mult": 5, "spike_count": 6},
      {"name": "T", "size": 3, "kind": "neuron",
       "variables": [{"name": "v", "kind": "state", "unit": "V", "buffer": 7}],
       "update_kernel": 1, "flags": 8, "spike_idx": 9, "spike_count": 10}
    ],
    "projections": [
      {"name": "G->T", "source": 1, "target": 2, "rule": {"kind": "one_to_one"},
       "storage": "identity", "weight": {"kind": "const", "value": 1.0},
       "delay": {"kind": "const", "steps": 1}, "max_delay_steps": 1, "kernel": 2}
    ]
  })");
}

const std::vector<snn_kernel_fn> kGeneratorKernels = {updateP, updateT, deliverGT};

std::vector<uint32_t> lastSpikes(const snn_network *net, int pop) {
  const uint32_t *indices = nullptr;
  size_t count = 0;
  EXPECT_EQ(snn_last_spikes(net, pop, &indices, &count), SNN_OK) << snn_last_error();
  return std::vector<uint32_t>(indices, indices + count);
}

TEST(RuntimeNetwork, PoissonCountsAreCompactedWithMultiplicity) {
  NetworkPtr net = createNetwork(generatorDescriptor(), kGeneratorKernels);
  ASSERT_TRUE(net) << snn_last_error();
  EXPECT_EQ(snn_population_kind(net.get(), 0), 1);
  uint64_t total = 0;
  for (int64_t step = 1; step <= 6; ++step) {
    ASSERT_EQ(snn_step(net.get(), 1), SNN_OK);
    std::vector<uint32_t> idx, mult, expanded;
    for (uint32_t i = 0; i < 4; ++i) {
      uint32_t count = static_cast<uint32_t>((step + i) % 3);
      if (count > 0) {
        idx.push_back(i);
        mult.push_back(count);
        expanded.insert(expanded.end(), count, i);
        total += count;
      }
    }
    const int64_t entries = *bufferOf<int64_t>(net.get(), kPcount);
    ASSERT_EQ(entries, static_cast<int64_t>(idx.size())) << "step " << step;
    EXPECT_EQ(std::vector<uint32_t>(bufferOf<uint32_t>(net.get(), kPidx),
                                    bufferOf<uint32_t>(net.get(), kPidx) + entries),
              idx);
    EXPECT_EQ(std::vector<uint32_t>(bufferOf<uint32_t>(net.get(), kPmult),
                                    bufferOf<uint32_t>(net.get(), kPmult) + entries),
              mult);
    EXPECT_EQ(lastSpikes(net.get(), 0), expanded) << "step " << step;
    EXPECT_EQ(snn_spike_count(net.get(), 0), total);
  }
}

TEST(RuntimeNetwork, SpikeTimeGeneratorSortsAndMergesRepeats) {
  NetworkPtr net = createNetwork(generatorDescriptor(), kGeneratorKernels);
  ASSERT_TRUE(net) << snn_last_error();
  EXPECT_EQ(snn_population_kind(net.get(), 1), 2);
  auto list = [&] {
    const int64_t entries = *bufferOf<int64_t>(net.get(), kGcount);
    std::vector<std::pair<uint32_t, uint32_t>> result;
    for (int64_t e = 0; e < entries; ++e)
      result.emplace_back(bufferOf<uint32_t>(net.get(), kGidx)[e],
                          bufferOf<uint32_t>(net.get(), kGmult)[e]);
    return result;
  };
  using Entries = std::vector<std::pair<uint32_t, uint32_t>>;
  ASSERT_EQ(snn_step(net.get(), 1), SNN_OK); // step 1: neuron 0 (the step-0 entry is never due)
  EXPECT_EQ(list(), (Entries{{0, 1}}));
  EXPECT_EQ(lastSpikes(net.get(), 1), (std::vector<uint32_t>{0}));
  ASSERT_EQ(snn_step(net.get(), 1), SNN_OK); // step 2: neurons 0, 1 (twice), 2
  EXPECT_EQ(list(), (Entries{{0, 1}, {1, 2}, {2, 1}}));
  EXPECT_EQ(lastSpikes(net.get(), 1), (std::vector<uint32_t>{0, 1, 1, 2}));
  EXPECT_EQ(snn_spike_count(net.get(), 1), 5u);
  ASSERT_EQ(snn_step(net.get(), 1), SNN_OK); // step 3: nothing
  EXPECT_EQ(list(), Entries{});
  EXPECT_TRUE(lastSpikes(net.get(), 1).empty());
  ASSERT_EQ(snn_step(net.get(), 2), SNN_OK); // step 5: neuron 2
  EXPECT_EQ(list(), (Entries{{2, 1}}));
  EXPECT_EQ(snn_spike_count(net.get(), 1), 6u);
  // The delivery kernel saw every list: T.v counts the spikes per neuron.
  EXPECT_EQ(stateOf(net.get(), 2, 0), (std::vector<double>{2.0, 2.0, 2.0}));
  EXPECT_EQ(snn_projection_synapse_count(net.get(), 0), 3u); // identity storage
  ASSERT_EQ(snn_step(net.get(), 100), SNN_OK);
  EXPECT_EQ(snn_spike_count(net.get(), 1), 6u);
}

TEST(RuntimeNetwork, FlagCompactionHandlesEveryPatternAndType) {
  // Direct checks of the compaction helpers, including the 8-byte skipping of u8 flags.
  for (uint32_t n : {0u, 1u, 7u, 8u, 9u, 64u, 77u}) {
    std::vector<uint8_t> bytes(n);
    std::vector<int32_t> words(n);
    std::vector<uint32_t> expected;
    for (uint32_t i = 0; i < n; ++i) {
      bool fire = (i * 7 + 3) % 5 == 0 || i == n - 1;
      bytes[i] = fire ? 1 : 0;
      words[i] = fire ? 1 : 0;
      if (fire)
        expected.push_back(i);
    }
    std::vector<uint32_t> out(n + 1);
    uint32_t found = compactFlags(bytes.data(), ScalarType::U8, n, out.data());
    EXPECT_EQ(std::vector<uint32_t>(out.begin(), out.begin() + found), expected) << "n=" << n;
    found = compactFlags(words.data(), ScalarType::I32, n, out.data());
    EXPECT_EQ(std::vector<uint32_t>(out.begin(), out.begin() + found), expected) << "n=" << n;
  }
  // Counts: a zero block of four, a block with spikes, and a tail.
  std::vector<uint32_t> counts = {0, 0, 0, 0, 0, 3, 0, 0, 1, 2}, idx(10), mult(10);
  uint64_t spikes = 10;
  uint32_t entries = compactCounts(counts.data(), 10, idx.data(), mult.data(), spikes);
  ASSERT_EQ(entries, 3u);
  EXPECT_EQ(std::vector<uint32_t>(idx.begin(), idx.begin() + 3), (std::vector<uint32_t>{5, 8, 9}));
  EXPECT_EQ(std::vector<uint32_t>(mult.begin(), mult.begin() + 3),
            (std::vector<uint32_t>{3, 1, 2}));
  EXPECT_EQ(spikes, 16u);
}

TEST(RuntimeNetwork, NeuronLastSpikesAreTheCompactedList) {
  NetworkPtr net = createNetwork(deliveryDescriptor(), kDeliveryKernels);
  ASSERT_TRUE(net) << snn_last_error();
  EXPECT_TRUE(lastSpikes(net.get(), 0).empty()); // before any step
  ASSERT_EQ(snn_step(net.get(), 3), SNN_OK);
  EXPECT_EQ(lastSpikes(net.get(), 0), (std::vector<uint32_t>{3}));
  EXPECT_TRUE(lastSpikes(net.get(), 1).empty());
  EXPECT_EQ(snn_spike_count(net.get(), 0), 3u);
}

} // namespace
