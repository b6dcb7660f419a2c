// RuntimeStorageTest.cpp: the storage formats of a projection (runtime/src/Descriptor.h):
// csr with 32- and 16-bit indices, bitmask, procedural and dense hold the same synapses, in the
// same order and with the same numbers, as the csr the connectivity rules build; bitmask bits
// are set exactly for the synapses; dense per-synapse values are drawn in csr order; thread
// tables carry each thread's target range; malformed descriptors are rejected.
#include "Support.h"
#include "Support.h"
#include "RuntimeTestSupport.h"

using namespace snn::rt;
using namespace snn::rt::test;

namespace {

void noOp(void *const *, int64_t, int64_t, int64_t) {}
const std::vector<snn_kernel_fn> kKernels = {noOp, noOp};

constexpr uint32_t kSize = 70; // not a multiple of 64: the last bitmask word is partial
constexpr int kRowPtr = 4, kCol = 5, kRowEnd = 6, kRange = 7, kBits = 8, kWeight = 9;

/// N (70 neurons) -> N with `rule`, no autapses, stored as `storage`.
Json descriptor(const std::string &storage, const Json &rule, const std::string &colType = "u32") {
  Json d = Json::parse(R"({
    "abi": 1, "network": "formats", "dt": 0.0001, "duration": 0.01, "seed": 11,
    "buffers": [
      {"name": "N.v", "type": "f64", "size": 70},
      {"name": "N.flags", "type": "u8", "size": 70},
      {"name": "N.spike_idx", "type": "u32", "size": 70},
      {"name": "N.spike_count", "type": "i64", "size": 1},
      {"name": "N->N.row_ptr", "type": "u64", "size": 71},
      {"name": "N->N.col", "type": "u32", "size": 0, "dynamic": true},
      {"name": "N->N.row_end", "type": "u64", "size": 0, "dynamic": true},
      {"name": "N->N.range", "type": "u64", "size": 2},
      {"name": "N->N.bits", "type": "u64", "size": 0, "dynamic": true},
      {"name": "N->N.weight", "type": "f64", "size": 0, "dynamic": true}
    ],
    "populations": [
      {"name": "N", "size": 70, "kind": "neuron",
       "variables": [{"name": "v", "kind": "state", "unit": "V", "buffer": 0}],
       "update_kernel": 0, "flags": 1, "spike_idx": 2, "spike_count": 3, "partition_chunk": 64}
    ],
    "projections": [
      {"name": "N->N", "source": 0, "target": 0, "autapses": false,
       "weight": {"kind": "const", "value": 1e-3}, "delay": {"kind": "const", "steps": 2},
       "max_delay_steps": 2, "kernel": 1, "partition": "by_target"}
    ]
  })");
  d["buffers"][kCol]["type"] = colType;
  Json &p = d["projections"][0];
  p["rule"] = rule;
  p["storage"] = storage;
  if (storage == "csr") {
    p["row_ptr"] = kRowPtr;
    p["col"] = kCol;
    p["row_end"] = kRowEnd;
  } else {
    p["range"] = kRange;
  }
  if (storage == "bitmask")
    p["bits"] = kBits;
  // Dynamic buffers the format does not use become plain empty ones (every dynamic buffer must
  // be filled by a projection).
  auto unused = [&](int buffer) { d["buffers"][buffer]["dynamic"] = false; };
  if (storage != "csr") {
    unused(kCol);
    unused(kRowEnd);
  }
  if (storage != "bitmask")
    unused(kBits);
  unused(kWeight); // a test that uses it sets it back
  return d;
}

struct Synapses {
  std::vector<uint32_t> pre, post;
};

Synapses synapsesOf(const snn_network *net) {
  const uint64_t n = snn_projection_synapse_count(net, 0);
  Synapses s{std::vector<uint32_t>(n), std::vector<uint32_t>(n)};
  EXPECT_EQ(snn_get_synapses(net, 0, 0, n, s.pre.data(), s.post.data()), SNN_OK)
      << snn_last_error();
  // A chunk in the middle reads the same synapses.
  if (n > 20) {
    std::vector<uint32_t> pre(10), post(10);
    EXPECT_EQ(snn_get_synapses(net, 0, n / 2, 10, pre.data(), post.data()), SNN_OK);
    for (uint64_t k = 0; k < 10; ++k) {
      EXPECT_EQ(pre[k], s.pre[n / 2 + k]);
      EXPECT_EQ(post[k], s.post[n / 2 + k]);
    }
  }
  return s;
}

TEST(RuntimeStorage, EveryFormatHoldsTheSynapsesOfCsr) {
  for (const Json &rule :
       {Json{{"kind", "fixed_probability"}, {"p", 0.3}}, Json{{"kind", "fixed_probability"}, {"p", 0.0}},
        Json{{"kind", "fixed_probability"}, {"p", 1.0}}, Json{{"kind", "fixed_indegree"}, {"k", 9}},
        Json{{"kind", "fixed_outdegree"}, {"k", 64}}, Json{{"kind", "all_to_all"}}}) {
    SCOPED_TRACE(rule.dump());
    NetworkPtr csr = createNetwork(descriptor("csr", rule), kKernels);
    ASSERT_TRUE(csr) << snn_last_error();
    const Synapses expected = synapsesOf(csr.get());
    std::vector<std::string> formats = {"bitmask"};
    if (rule["kind"] == "fixed_probability")
      formats.push_back("procedural");
    if (rule["kind"] == "all_to_all")
      formats.push_back("dense");
    for (const std::string &format : formats) {
      SCOPED_TRACE(format);
      NetworkPtr net = createNetwork(descriptor(format, rule), kKernels);
      ASSERT_TRUE(net) << snn_last_error();
      EXPECT_EQ(snn_projection_synapse_count(net.get(), 0), expected.pre.size());
      const Synapses got = synapsesOf(net.get());
      EXPECT_EQ(got.pre, expected.pre);
      EXPECT_EQ(got.post, expected.post);
      const uint64_t *range = bufferOf<uint64_t>(net.get(), kRange);
      EXPECT_EQ(range[0], 0u);
      EXPECT_EQ(range[1], kSize);
    }
    // 16-bit indices: the same synapses.
    NetworkPtr narrow = createNetwork(descriptor("csr", rule, "u16"), kKernels);
    ASSERT_TRUE(narrow) << snn_last_error();
    const Synapses got = synapsesOf(narrow.get());
    EXPECT_EQ(got.pre, expected.pre);
    EXPECT_EQ(got.post, expected.post);
  }
}

TEST(RuntimeStorage, BitmaskBitsAreTheSynapses) {
  const Json rule = {{"kind", "fixed_probability"}, {"p", 0.5}};
  NetworkPtr net = createNetwork(descriptor("bitmask", rule), kKernels);
  ASSERT_TRUE(net) << snn_last_error();
  const uint64_t *bits = bufferOf<uint64_t>(net.get(), kBits);
  const uint64_t words = (kSize + 63) / 64; // 2 per row
  EXPECT_EQ(net->bufferSizes[kBits], uint64_t{kSize} * words);
  const Synapses s = synapsesOf(net.get());
  std::vector<uint8_t> present(uint64_t{kSize} * kSize, 0);
  for (size_t k = 0; k < s.pre.size(); ++k)
    present[uint64_t{s.pre[k]} * kSize + s.post[k]] = 1;
  for (uint32_t r = 0; r < kSize; ++r) {
    EXPECT_EQ(present[uint64_t{r} * kSize + r], 0) << "autapses are excluded";
    for (uint32_t t = 0; t < 128; ++t) {
      const bool bit = (bits[r * words + t / 64] >> (t % 64)) & 1;
      EXPECT_EQ(bit, t < kSize && present[uint64_t{r} * kSize + t] != 0) << r << " -> " << t;
    }
  }
}

TEST(RuntimeStorage, ProceduralCountMatchesTheBuiltMatrix) {
  for (double p : {0.0, 0.01, 0.3, 0.999, 1.0}) {
    for (bool excludeSelf : {false, true}) {
      ConnectivityRequest request;
      request.name = "P";
      request.rule.kind = ConnectRule::Kind::FixedProbability;
      request.rule.p = p;
      request.numSources = 300;
      request.numTargets = 500;
      request.excludeSelf = excludeSelf;
      request.seed = 3;
      request.stream = SNN_STREAM(SNN_STREAM_CONNECT, 4);
      EXPECT_EQ(countFixedProbability(request), buildConnectivity(request).synapseCount())
          << "p " << p;
    }
  }
}

TEST(RuntimeStorage, DenseValuesAreDrawnInCsrOrder) {
  Json d = descriptor("dense", {{"kind", "all_to_all"}});
  d["projections"][0]["weight"] = {{"kind", "uniform"}, {"low", 1.0}, {"high", 2.0}};
  d["projections"][0]["weight_buffer"] = kWeight;
  d["buffers"][kWeight]["dynamic"] = true;
  NetworkPtr net = createNetwork(d, kKernels);
  ASSERT_TRUE(net) << snn_last_error();
  const uint64_t n = uint64_t{kSize} * (kSize - 1);
  ASSERT_EQ(snn_projection_synapse_count(net.get(), 0), n);
  std::vector<double> w(n);
  ASSERT_EQ(snn_get_weights(net.get(), 0, 0, n, w.data()), SNN_OK) << snn_last_error();
  const Synapses s = synapsesOf(net.get());
  for (uint64_t k = 0; k < n; ++k) {
    // Synapse k is r -> t with k = r * 69 + t - (t > r): the csr numbering of all_to_all.
    const uint32_t r = static_cast<uint32_t>(k / (kSize - 1)), c = k % (kSize - 1);
    ASSERT_EQ(s.pre[k], r);
    ASSERT_EQ(s.post[k], c < r ? c : c + 1);
    ASSERT_EQ(w[k], uniformAt(11, SNN_STREAM(SNN_STREAM_WEIGHT, 0), k, 1.0, 2.0));
  }
}

TEST(RuntimeStorage, SinglePrecisionWeightsAreTheDrawsRounded) {
  Json d = descriptor("csr", {{"kind", "fixed_probability"}, {"p", 0.3}});
  d["projections"][0]["weight"] = {{"kind", "normal"}, {"mean", 1.0}, {"std", 0.3}};
  d["projections"][0]["weight_buffer"] = kWeight;
  d["buffers"][kWeight]["dynamic"] = true;
  d["buffers"][kWeight]["type"] = "f32";
  NetworkPtr net = createNetwork(d, kKernels);
  ASSERT_TRUE(net) << snn_last_error();
  const uint64_t n = snn_projection_synapse_count(net.get(), 0);
  ASSERT_GT(n, 1000u);
  std::vector<double> w(n);
  ASSERT_EQ(snn_get_weights(net.get(), 0, 0, n, w.data()), SNN_OK) << snn_last_error();
  const float *stored = bufferOf<float>(net.get(), kWeight);
  for (uint64_t k = 0; k < n; ++k) {
    const double drawn = normalAt(11, SNN_STREAM(SNN_STREAM_WEIGHT, 0), k, 1.0, 0.3);
    ASSERT_EQ(stored[k], static_cast<float>(drawn)) << k;
    ASSERT_EQ(w[k], static_cast<double>(static_cast<float>(drawn))) << k;
  }
  // Other types are still rejected.
  d["buffers"][kWeight]["type"] = "u32";
  EXPECT_FALSE(createNetwork(d, kKernels));
  EXPECT_NE(std::string(snn_last_error()).find("'weight_buffer' must be"), std::string::npos)
      << snn_last_error();
}

TEST(RuntimeStorage, ThreadsGetTheirOwnTargetRanges) {
  snn_options opts{};
  snn_options_init(&opts);
  opts.threads = 2;
  NetworkPtr net =
      createNetwork(descriptor("procedural", {{"kind", "fixed_probability"}, {"p", 0.2}}), kKernels,
                    &opts);
  ASSERT_TRUE(net) << snn_last_error();
  ASSERT_EQ(net->shares.size(), 2u);
  const auto *first = static_cast<const uint64_t *>(net->shares[0].table[kRange]);
  const auto *second = static_cast<const uint64_t *>(net->shares[1].table[kRange]);
  // 70 neurons in chunks of 64: [0, 64) and [64, 70).
  EXPECT_EQ(first[0], 0u);
  EXPECT_EQ(first[1], 64u);
  EXPECT_EQ(second[0], 64u);
  EXPECT_EQ(second[1], 70u);
  const uint64_t *whole = bufferOf<uint64_t>(net.get(), kRange);
  EXPECT_EQ(whole[1], 70u);
}

void expectRejected(const Json &d, const std::string &text) {
  NetworkPtr net = createNetwork(d, kKernels);
  EXPECT_FALSE(net) << "expected: " << text;
  EXPECT_NE(std::string(snn_last_error()).find(text), std::string::npos) << snn_last_error();
}

TEST(RuntimeStorage, MalformedFormatsAreRejected) {
  const Json fp = {{"kind", "fixed_probability"}, {"p", 0.2}};
  expectRejected(descriptor("dense", fp),
                 "storage \"dense\" is only for all_to_all, not fixed_probability");
  expectRejected(descriptor("procedural", {{"kind", "all_to_all"}}),
                 "storage \"procedural\" is only for fixed_probability, not all_to_all");
  Json d = descriptor("bitmask", fp);
  d["projections"][0].erase("bits");
  expectRejected(d, "'bits' must name a buffer");
  d = descriptor("procedural", fp);
  d["projections"][0].erase("range");
  expectRejected(d, "'range' must name a buffer");
  // Each format names only its own buffers: the runtime writes through them.
  d = descriptor("csr", fp);
  d["projections"][0]["range"] = kRange;
  expectRejected(d, "'range' does not apply to storage \"csr\"");
  d = descriptor("dense", {{"kind", "all_to_all"}});
  d["projections"][0]["row_end"] = kRowEnd;
  expectRejected(d, "'row_end' does not apply to storage \"dense\"");
  d = descriptor("procedural", fp);
  d["projections"][0]["bits"] = kBits;
  expectRejected(d, "'bits' does not apply to storage \"procedural\"");
  d = descriptor("procedural", fp);
  d["projections"][0]["weight"] = {{"kind", "uniform"}, {"low", 1.0}, {"high", 2.0}};
  d["projections"][0]["weight_buffer"] = kWeight;
  d["buffers"][kWeight]["dynamic"] = true;
  expectRejected(d, "storage \"procedural\" needs a constant weight and delay (no per-synapse "
                    "arrays)");
}

} // namespace
