// RuntimeErrorTest.cpp: failures through the C API. Bad models and descriptors make snn_create
// return NULL with a message naming the problem; bad arguments to every other function return an
// error code (or a neutral value) with a message, and nothing crashes.
#include "RuntimeTestSupport.h"

#include <cmath>
#include <thread>

using namespace snn::rt::test;

namespace {

void noOp(void *const *, int64_t, int64_t, int64_t) {}

/// A minimal valid descriptor: one neuron population N of 10 with a variable, and N->N.
Json minimalDescriptor() {
  return Json::parse(R"({
    "abi": 1, "network": "tiny", "dt": 0.0001, "duration": 0.01, "seed": 5,
    "buffers": [
      {"name": "N.v", "type": "f64", "size": 10},
      {"name": "N.flags", "type": "u8", "size": 10},
      {"name": "N.spike_idx", "type": "u32", "size": 10},
      {"name": "N.spike_count", "type": "i64", "size": 1},
      {"name": "N->N.row_ptr", "type": "u64", "size": 11},
      {"name": "N->N.col", "type": "u32", "size": 0, "dynamic": true}
    ],
    "populations": [
      {"name": "N", "size": 10, "kind": "neuron",
       "variables": [{"name": "v", "kind": "state", "unit": "V", "buffer": 0}],
       "update_kernel": 0, "flags": 1, "spike_idx": 2, "spike_count": 3}
    ],
    "projections": [
      {"name": "N->N", "source": 0, "target": 0, "rule": {"kind": "fixed_indegree", "k": 3},
       "autapses": false, "storage": "csr", "row_ptr": 4, "col": 5,
       "weight": {"kind": "const", "value": 1e-3}, "delay": {"kind": "const", "steps": 2},
       "max_delay_steps": 2, "kernel": 1}
    ]
  })");
}

const std::vector<snn_kernel_fn> kKernels = {noOp, noOp};

/// Expects snn_create to fail on `desc` with a message containing `text`.
void expectCreateFails(const Json &desc, const std::string &text,
                       const std::vector<snn_kernel_fn> &kernels = kKernels) {
  NetworkPtr net = createNetwork(desc, kernels);
  EXPECT_FALSE(net) << "expected failure mentioning: " << text;
  EXPECT_TRUE(lastErrorMentions(text));
}

TEST(RuntimeErrors, MinimalDescriptorIsValid) {
  NetworkPtr net = createNetwork(minimalDescriptor(), kKernels);
  ASSERT_TRUE(net) << snn_last_error();
  EXPECT_EQ(snn_projection_synapse_count(net.get(), 0), 30u);
}

TEST(RuntimeErrors, MalformedJson) {
  const std::string text = "{\"abi\": 1, \"dt\": ";
  const snn_model model = makeModel(text, kKernels);
  EXPECT_EQ(snn_create(&model, nullptr), nullptr);
  EXPECT_TRUE(lastErrorMentions("malformed JSON"));
  const std::string notObject = "[1, 2]";
  const snn_model model2 = makeModel(notObject, kKernels);
  EXPECT_EQ(snn_create(&model2, nullptr), nullptr);
  EXPECT_TRUE(lastErrorMentions("top level: expected an object"));
}

TEST(RuntimeErrors, WrongAbiVersion) {
  const std::string text = minimalDescriptor().dump();
  snn_model model = makeModel(text, kKernels);
  model.abi_version = SNN_ABI_VERSION + 1;
  EXPECT_EQ(snn_create(&model, nullptr), nullptr);
  EXPECT_TRUE(lastErrorMentions("model has ABI version 2"));
  Json desc = minimalDescriptor();
  desc["abi"] = 7;
  expectCreateFails(desc, "descriptor has ABI version 7");
}

TEST(RuntimeErrors, MissingAndIllTypedFields) {
  Json desc = minimalDescriptor();
  desc.erase("dt");
  expectCreateFails(desc, "top level: missing field 'dt'");
  desc = minimalDescriptor();
  desc["dt"] = "fast";
  expectCreateFails(desc, "'dt' must be a number");
  desc = minimalDescriptor();
  desc["dt"] = 0;
  expectCreateFails(desc, "'dt' must be positive");
  desc = minimalDescriptor();
  desc["populations"][0]["size"] = -1;
  expectCreateFails(desc, "populations[0] ('N'): 'size' must be between 0 and 4294967295");
  desc = minimalDescriptor();
  desc["buffers"][0]["type"] = "f16";
  expectCreateFails(desc, "buffers[0] ('N.v'): unknown buffer type 'f16'");
  desc = minimalDescriptor();
  desc["buffers"][0]["init"] = {{"kind", "uniform"}, {"low", 1}};
  expectCreateFails(desc, "buffers[0] ('N.v').init: missing field 'high'");
  desc = minimalDescriptor();
  desc["populations"][0]["kind"] = "izhikevich";
  expectCreateFails(desc, "unknown population kind 'izhikevich'");
  desc = minimalDescriptor();
  desc["seed"] = 1ull << 33;
  expectCreateFails(desc, "'seed' must be between 0 and 4294967295");
}

TEST(RuntimeErrors, UnknownRuleAndBadParameters) {
  Json desc = minimalDescriptor();
  desc["projections"][0]["rule"] = {{"kind", "small_world"}};
  expectCreateFails(desc, "projections[0] ('N->N').rule: unknown connectivity rule 'small_world'");
  desc["projections"][0]["rule"] = {{"kind", "fixed_probability"}, {"p", 1.5}};
  expectCreateFails(desc, "'p' must be between 0 and 1");
  desc["projections"][0]["rule"] = {{"kind", "fixed_indegree"}, {"k", 10}};
  expectCreateFails(desc, "projection 'N->N': fixed_indegree k = 10 exceeds the 9 available "
                          "sources (autapses excluded)");
  desc["projections"][0]["rule"] = {{"kind", "one_to_one"}};
  desc["projections"][0]["storage"] = "sparse";
  expectCreateFails(desc, "unknown storage 'sparse' (expected \"csr\", \"identity\", "
                          "\"dense\", \"bitmask\" or \"procedural\")");
  desc["projections"][0]["storage"] = "dense";
  expectCreateFails(desc, "storage \"dense\" is only for all_to_all, not one_to_one");
}

TEST(RuntimeErrors, BadBufferReferences) {
  Json desc = minimalDescriptor();
  desc["populations"][0]["spike_idx"] = 99;
  expectCreateFails(desc, "populations[0] ('N'): 'spike_idx' must name a buffer (0 .. 5), got 99");
  desc = minimalDescriptor();
  desc["populations"][0]["spike_idx"] = 0;
  expectCreateFails(desc, "'spike_idx' must be a u32 buffer of at least 10 elements, got 'N.v' "
                          "(f64[10])");
  desc = minimalDescriptor();
  desc["populations"][0]["flags"] = 0;
  expectCreateFails(desc, "'flags' must be an integer buffer");
  desc = minimalDescriptor();
  desc["projections"][0]["col"] = 4;
  expectCreateFails(desc, "'col' must be a dynamic u32 buffer");
  desc = minimalDescriptor();
  desc["projections"][0]["row_ptr"] = 2; // also the spike list
  expectCreateFails(desc, "'row_ptr' must be a u64 buffer");
  desc = minimalDescriptor();
  desc["buffers"].push_back({{"name", "orphan"}, {"type", "f64"}, {"size", 0}, {"dynamic", true}});
  expectCreateFails(desc, "dynamic buffer buffers[6] ('orphan') is not filled by any projection");
  desc = minimalDescriptor();
  desc["populations"][0]["variables"][0]["buffer"] = 3;
  expectCreateFails(desc, "'buffer' must be a f64 buffer of at least 10 elements");
  desc = minimalDescriptor();
  desc["projections"][0]["weight"] = {{"kind", "normal"}, {"mean", 1}, {"std", 0.1}};
  expectCreateFails(desc, "a random weight needs a 'weight_buffer'");
  desc = minimalDescriptor();
  desc["projections"][0]["delay"] = {{"kind", "const"}, {"steps", 3}};
  expectCreateFails(desc,
                    "a constant delay must be between 0 and max_delay_steps (2) steps, got 3");
}

TEST(RuntimeErrors, SharedRuntimeWrittenBuffers) {
  Json desc = minimalDescriptor();
  desc["buffers"].push_back({{"name", "M.flags"}, {"type", "u8"}, {"size", 4}});
  desc["populations"].push_back({{"name", "M"},
                                 {"size", 4},
                                 {"kind", "neuron"},
                                 {"update_kernel", 0},
                                 {"flags", 6},
                                 {"spike_idx", 2},
                                 {"spike_count", 3}});
  expectCreateFails(desc, "is used both as 'spike_idx' of 'N' and as 'spike_idx' of 'M'");
  desc["populations"][1]["name"] = "N";
  expectCreateFails(desc, "duplicate population name 'N'");
}

TEST(RuntimeErrors, BadKernels) {
  Json desc = minimalDescriptor();
  desc["projections"][0]["kernel"] = 2;
  expectCreateFails(desc, "'kernel' must name a kernel (the model has 2), got 2");
  expectCreateFails(minimalDescriptor(), "kernel 1 (used by 'N->N') is NULL", {noOp, nullptr});
}

TEST(RuntimeErrors, BadRecordings) {
  Json desc = minimalDescriptor();
  desc["recordings"] = Json::array({{{"kind", "spikes"}, {"population", 0}, {"neurons", {1, 10}}}});
  expectCreateFails(desc, "recordings[0]: neuron 10 is outside 'N' (size 10)");
  desc["recordings"] = Json::array({{{"kind", "state"}, {"population", 0}, {"variable", 1}}});
  expectCreateFails(desc, "'variable' must name a variable of 'N', got 1");
  desc["recordings"] = Json::array({{{"kind", "state"}, {"population", 0}, {"variable", 0}},
                                    {{"kind", "state"}, {"population", 0}, {"variable", 0}}});
  expectCreateFails(desc, "'N.v' is recorded twice");
  desc["recordings"] =
      Json::array({{{"kind", "state"}, {"population", 0}, {"variable", 0}, {"every", 0}}});
  expectCreateFails(desc, "'every' must be between 1 and");
}

TEST(RuntimeErrors, NullAndBadOptions) {
  EXPECT_EQ(snn_create(nullptr, nullptr), nullptr);
  EXPECT_TRUE(lastErrorMentions("snn_create: model is NULL"));
  snn_options opts{}; // not initialised: struct_size 0
  NetworkPtr net = createNetwork(minimalDescriptor(), kKernels, &opts);
  EXPECT_FALSE(net);
  EXPECT_TRUE(lastErrorMentions("struct_size"));
  snn_options_init(&opts);
  EXPECT_EQ(opts.struct_size, sizeof(snn_options));
  EXPECT_EQ(opts.use_seed, 0);
  EXPECT_EQ(opts.progress, 0);
  opts.use_seed = 1;
  opts.seed = uint64_t{1} << 32;
  EXPECT_FALSE(createNetwork(minimalDescriptor(), kKernels, &opts));
  EXPECT_TRUE(lastErrorMentions("seed 4294967296 is out of range"));
  snn_options_init(&opts);
  EXPECT_EQ(opts.threads, 0);
  for (int32_t bad : {-1, 1025}) {
    opts.threads = bad;
    EXPECT_FALSE(createNetwork(minimalDescriptor(), kKernels, &opts));
    EXPECT_TRUE(lastErrorMentions("opts->threads is " + std::to_string(bad) +
                                  ", expected 0 (one thread) to 1024"));
  }
  opts.threads = 3;
  EXPECT_TRUE(createNetwork(minimalDescriptor(), kKernels, &opts)) << snn_last_error();
  snn_options_init(nullptr); // harmless
}

TEST(RuntimeErrors, NullNetworkEverywhere) {
  EXPECT_EQ(snn_step(nullptr, 1), SNN_ERROR_INVALID_ARGUMENT);
  EXPECT_TRUE(lastErrorMentions("snn_step: net is NULL"));
  EXPECT_EQ(snn_run(nullptr, 1.0), SNN_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(snn_run_default(nullptr), SNN_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(snn_current_step(nullptr), 0u);
  EXPECT_EQ(snn_time(nullptr), 0.0);
  EXPECT_EQ(snn_population_count(nullptr), -1);
  EXPECT_TRUE(lastErrorMentions("snn_population_count: net is NULL"));
  EXPECT_STREQ(snn_network_name(nullptr), "");
  EXPECT_EQ(snn_find_population(nullptr, "N"), -1);
  EXPECT_EQ(snn_spike_count(nullptr, 0), 0u);
  EXPECT_EQ(snn_recorded_spike_count(nullptr, 0), 0u);
  EXPECT_EQ(snn_get_recorded_spikes(nullptr, 0, 0, 1, nullptr, nullptr), 0u);
  EXPECT_EQ(snn_write_recordings(nullptr, "/tmp"), SNN_ERROR_INVALID_ARGUMENT);
  double value = 0;
  EXPECT_EQ(snn_get_state(nullptr, 0, 0, 0, 1, &value), SNN_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(snn_set_state(nullptr, 0, 0, 0, 1, &value), SNN_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(snn_build_seconds(nullptr), 0.0);
  snn_destroy(nullptr); // allowed
}

TEST(RuntimeErrors, BadIndicesAndRanges) {
  NetworkPtr net = createNetwork(minimalDescriptor(), kKernels);
  ASSERT_TRUE(net) << snn_last_error();
  snn_network *n = net.get();
  double values[11] = {};
  EXPECT_EQ(snn_get_state(n, 1, 0, 0, 1, values), SNN_ERROR_INVALID_ARGUMENT);
  EXPECT_TRUE(lastErrorMentions("snn_get_state: population index 1 is out of range (the network "
                                "has 1 populations)"));
  EXPECT_EQ(snn_get_state(n, 0, 1, 0, 1, values), SNN_ERROR_INVALID_ARGUMENT);
  EXPECT_TRUE(lastErrorMentions("variable index 1 is out of range ('N' has 1 variables)"));
  EXPECT_EQ(snn_get_state(n, 0, 0, 5, 6, values), SNN_ERROR_INVALID_ARGUMENT);
  EXPECT_TRUE(lastErrorMentions("neurons [5, 11) are outside 'N' (size 10)"));
  EXPECT_EQ(snn_get_state(n, 0, 0, 0xffffffffu, 2, values), SNN_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(snn_get_state(n, 0, 0, 0, 1, nullptr), SNN_ERROR_INVALID_ARGUMENT);
  EXPECT_TRUE(lastErrorMentions("out is NULL"));
  EXPECT_EQ(snn_get_state(n, 0, 0, 10, 0, nullptr), SNN_OK); // empty range at the end
  EXPECT_EQ(snn_set_state(n, 0, 0, 0, 11, values), SNN_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(snn_set_state(n, -1, 0, 0, 1, values), SNN_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(snn_population_size(n, 3), 0u);
  EXPECT_EQ(snn_population_kind(n, -1), -1);
  EXPECT_STREQ(snn_population_name(n, 9), "");
  EXPECT_STREQ(snn_projection_name(n, 1), "");
  EXPECT_TRUE(lastErrorMentions("projection index 1 is out of range"));
  EXPECT_EQ(snn_projection_synapse_count(n, -2), 0u);
  EXPECT_EQ(snn_variable_count(n, 5), -1);
  EXPECT_STREQ(snn_variable_unit(n, 0, 4), "");
  EXPECT_EQ(snn_find_variable(n, 0, nullptr), -1);
  EXPECT_EQ(snn_find_population(n, nullptr), -1);
  EXPECT_TRUE(lastErrorMentions("name is NULL"));
  const uint32_t *indices = nullptr;
  size_t count = 0;
  EXPECT_EQ(snn_last_spikes(n, 0, nullptr, &count), SNN_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(snn_last_spikes(n, 0, &indices, nullptr), SNN_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(snn_last_spikes(n, 2, &indices, &count), SNN_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(snn_recorded_spike_count(n, 0), 0u); // valid but not recorded
  EXPECT_EQ(snn_get_recorded_spikes(n, 4, 0, 1, nullptr, nullptr), 0u);
  EXPECT_TRUE(lastErrorMentions("population index 4"));
  EXPECT_EQ(snn_write_recordings(n, nullptr), SNN_ERROR_INVALID_ARGUMENT);
  EXPECT_TRUE(lastErrorMentions("dir is NULL"));
  EXPECT_EQ(snn_run(n, -1.0), SNN_ERROR_INVALID_ARGUMENT);
  EXPECT_TRUE(lastErrorMentions("duration must be a finite, non-negative"));
  EXPECT_EQ(snn_run(n, std::nan("")), SNN_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(snn_run(n, 1e300), SNN_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(snn_step(n, UINT64_MAX), SNN_ERROR_INVALID_ARGUMENT);
  EXPECT_TRUE(lastErrorMentions("overflow"));
  EXPECT_EQ(snn_current_step(n), 0u); // failed calls ran nothing
}

TEST(RuntimeErrors, LastErrorIsPerThread) {
  EXPECT_EQ(snn_step(nullptr, 1), SNN_ERROR_INVALID_ARGUMENT);
  std::string other;
  std::thread([&] { other = snn_last_error(); }).join();
  EXPECT_EQ(other, "");
  EXPECT_TRUE(lastErrorMentions("snn_step"));
}

} // namespace
