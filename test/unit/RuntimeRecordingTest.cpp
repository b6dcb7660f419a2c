// RuntimeRecordingTest.cpp: spike and state recordings through the C API: which spikes are kept
// (only recorded neurons, generator multiplicity), when state is sampled (step 0, multiples of
// `every`, the step-0 sample reflecting snn_set_state before the first step), and the exact CSV
// text, including times after a long run.
#include "RuntimeTestSupport.h"

using namespace snn::rt::test;

namespace {

constexpr int kAv = 0, kAflags = 1;

/// A's update: neuron i fires when step mod 5 == i; v[i] = -65 mV + step mV (i is ignored).
void updateA(void *const *bufs, int64_t step, int64_t begin, int64_t end) {
  auto *v = static_cast<double *>(bufs[kAv]);
  auto *flags = static_cast<uint8_t *>(bufs[kAflags]);
  for (int64_t i = begin; i < end; ++i) {
    v[i] = -0.065 + 0.001 * static_cast<double>(step);
    flags[i] = step % 5 == i ? 1 : 0;
  }
}

Json recordingDescriptor() {
  return Json::parse(R"({
    "abi": 1, "network": "rec", "dt": 0.0001, "duration": 0.0005, "seed": 3,
    "buffers": [
      {"name": "A.v", "type": "f64", "size": 5, "init": {"kind": "const", "value": -0.065}},
      {"name": "A.flags", "type": "u8", "size": 5},
      {"name": "A.spike_idx", "type": "u32", "size": 5},
      {"name": "A.spike_count", "type": "i64", "size": 1},
      {"name": "G.spike_idx", "type": "u32", "size": 2},
      {"name": "G.spike_mult", "type": "u32", "size": 2},
      {"name": "G.spike_count", "type": "i64", "size": 1}
    ],
    "populations": [
      {"name": "A", "size": 5, "kind": "neuron",
       "variables": [{"name": "v", "kind": "state", "unit": "V", "buffer": 0}],
       "update_kernel": 0, "flags": 1, "spike_idx": 2, "spike_count": 3},
      {"name": "G", "size": 2, "kind": "spike_times",
       "spike_steps": [3, 3, 3, 4, 1234567], "spike_neurons": [1, 0, 1, 0, 1],
       "spike_idx": 4, "spike_mult": 5, "spike_count": 6}
    ],
    "recordings": [
      {"kind": "spikes", "population": 0, "neurons": [0, 2]},
      {"kind": "state", "population": 0, "variable": 0, "neurons": [1, 3], "every": 2,
       "display_unit": "mV", "display_scale": 1000.0},
      {"kind": "spikes", "population": 1}
    ]
  })");
}

const std::vector<snn_kernel_fn> kKernels = {updateA};

TEST(RuntimeRecording, SpikeRecordingKeepsOnlyListedNeurons) {
  NetworkPtr net = createNetwork(recordingDescriptor(), kKernels);
  ASSERT_TRUE(net) << snn_last_error();
  EXPECT_EQ(snn_recording_count(net.get()), 3);
  ASSERT_EQ(snn_step(net.get(), 12), SNN_OK);
  // A fires 1,2,3,4,0,1,2,3,4,0,1,2 at steps 1..12; neurons 0 and 2 are recorded.
  ASSERT_EQ(snn_recorded_spike_count(net.get(), 0), 5u);
  EXPECT_EQ(snn_spike_count(net.get(), 0), 12u);
  std::vector<int64_t> steps(5);
  std::vector<uint32_t> neurons(5);
  ASSERT_EQ(snn_get_recorded_spikes(net.get(), 0, 0, 5, steps.data(), neurons.data()), 5u);
  EXPECT_EQ(steps, (std::vector<int64_t>{2, 5, 7, 10, 12}));
  EXPECT_EQ(neurons, (std::vector<uint32_t>{2, 0, 2, 0, 2}));
  // Paging and NULL outputs.
  int64_t tail[3] = {0, 0, 0};
  EXPECT_EQ(snn_get_recorded_spikes(net.get(), 0, 3, 10, tail, nullptr), 2u);
  EXPECT_EQ(tail[0], 10);
  EXPECT_EQ(tail[1], 12);
  EXPECT_EQ(snn_get_recorded_spikes(net.get(), 0, 5, 10, tail, nullptr), 0u);
  // Generator spikes with multiplicity are recorded once per spike.
  ASSERT_EQ(snn_recorded_spike_count(net.get(), 1), 4u);
  ASSERT_EQ(snn_get_recorded_spikes(net.get(), 1, 0, 4, steps.data(), neurons.data()), 4u);
  EXPECT_EQ(std::vector<int64_t>(steps.begin(), steps.begin() + 4),
            (std::vector<int64_t>{3, 3, 3, 4}));
  EXPECT_EQ(std::vector<uint32_t>(neurons.begin(), neurons.begin() + 4),
            (std::vector<uint32_t>{0, 1, 1, 0}));
}

TEST(RuntimeRecording, CsvFilesHaveExactContent) {
  NetworkPtr net = createNetwork(recordingDescriptor(), kKernels);
  ASSERT_TRUE(net) << snn_last_error();
  // Set before the first step: the step-0 sample shows it.
  const double early = -0.07;
  ASSERT_EQ(snn_set_state(net.get(), 0, 0, 1, 1, &early), SNN_OK);
  ASSERT_EQ(snn_step(net.get(), 5), SNN_OK);
  const auto dir = freshDirectory("csv") / "nested";
  ASSERT_EQ(snn_write_recordings(net.get(), dir.c_str()), SNN_OK) << snn_last_error();
  EXPECT_EQ(readFile(dir / "spikes_A.csv"), "time_ms,neuron\n"
                                            "0.2,2\n"
                                            "0.5,0\n");
  EXPECT_EQ(readFile(dir / "spikes_G.csv"), "time_ms,neuron\n"
                                            "0.3,0\n"
                                            "0.3,1\n"
                                            "0.3,1\n"
                                            "0.4,0\n");
  EXPECT_EQ(readFile(dir / "state_A_v.csv"), "time_ms,neuron,v_mV\n"
                                             "0,1,-70\n"
                                             "0,3,-65\n"
                                             "0.2,1,-63\n"
                                             "0.2,3,-63\n"
                                             "0.4,1,-61\n"
                                             "0.4,3,-61\n");
}

TEST(RuntimeRecording, LongRunsPrintExactTimes) {
  NetworkPtr net = createNetwork(recordingDescriptor(), kKernels);
  ASSERT_TRUE(net) << snn_last_error();
  ASSERT_EQ(snn_step(net.get(), 1234567), SNN_OK);
  const auto dir = freshDirectory("long");
  ASSERT_EQ(snn_write_recordings(net.get(), dir.c_str()), SNN_OK) << snn_last_error();
  const std::string spikes = readFile(dir / "spikes_G.csv");
  EXPECT_NE(spikes.find("\n123456.7,1\n"), std::string::npos) << spikes;
  const std::string state = readFile(dir / "state_A_v.csv");
  EXPECT_NE(state.find("\n123456.6,3,"), std::string::npos); // step 1234566 = 2 * 617283
  EXPECT_EQ(state.find("\n123456.7,"), std::string::npos);   // odd step: not sampled
}

TEST(RuntimeRecording, RecordingsWithoutStepsAndWithoutNeuronLists) {
  Json desc = recordingDescriptor();
  desc["recordings"][1].erase("neurons");      // every neuron
  desc["recordings"][1].erase("display_unit"); // SI unit, scale 1
  desc["recordings"][1].erase("display_scale");
  NetworkPtr net = createNetwork(desc, kKernels);
  ASSERT_TRUE(net) << snn_last_error();
  const auto dir = freshDirectory("nosteps");
  ASSERT_EQ(snn_write_recordings(net.get(), dir.c_str()), SNN_OK) << snn_last_error();
  EXPECT_EQ(readFile(dir / "spikes_A.csv"), "time_ms,neuron\n");
  EXPECT_EQ(readFile(dir / "state_A_v.csv"), "time_ms,neuron,v_V\n"
                                             "0,0,-0.065\n"
                                             "0,1,-0.065\n"
                                             "0,2,-0.065\n"
                                             "0,3,-0.065\n"
                                             "0,4,-0.065\n");
}

TEST(RuntimeRecording, UnwritableDirectoryIsAnIoError) {
  NetworkPtr net = createNetwork(recordingDescriptor(), kKernels);
  ASSERT_TRUE(net) << snn_last_error();
  const auto dir = freshDirectory("blocked");
  std::filesystem::create_directories(dir);
  const auto file = dir / "plain-file";
  std::ofstream(file) << "x";
  EXPECT_EQ(snn_write_recordings(net.get(), (file / "sub").c_str()), SNN_ERROR_IO);
  EXPECT_TRUE(lastErrorMentions("cannot create the output directory"));
  EXPECT_TRUE(lastErrorMentions("plain-file"));
}

} // namespace
