// EmulatorTest.cpp: snnc-emu's Loihi arithmetic on a configuration written here by hand, against
// the values of Lava's bit-accurate models for the same network (two inputs, two neurons, du =
// 2500, dv = 600, vth = 10, weights [[10, 3], [0, 7]], input spikes at Lava steps 3 and 5):
// u = 640 at the step after the spike, u = trunc(640 * 1595 / 4096) = 249 and v = 546 + 249 =
// 795 > 640 the step after (a spike, v = 0), then 96 + 3 << 6 = 288, and so on.
#include "tools/snnc-emu/Emulator.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace snn::emu;

namespace {

const char *Config = R"({
 "format": "snnc-chip-config", "version": 1, "network": "probe",
 "target": {"name": "loihi", "backend": "chip", "delays": {"min_steps": 0, "max_steps": 62},
            "topology": {"cores_per_chip": 128}, "core": {"max_neurons": 1024},
            "weights": {"bits": 8}, "neuron": {"model": "loihi_cuba_lif"}},
 "dt": 0.001, "steps": 10, "seed": 0,
 "populations": [
  {"name": "in", "kind": "spike_times", "size": 2, "spikes": [[4, 0], [6, 1]]},
  {"name": "h", "kind": "neuron", "size": 2, "family": "loihi_cuba_lif",
   "params": {"du": 2500, "dv": 600, "vth": 10, "bias_mant": 0, "bias_exp": 0, "refractory": 0},
   "unit": 1, "origin": 0,
   "state": {"v": {"bits": 24, "overflow": "saturate"}, "u": {"bits": 24, "overflow": "wrap_once"},
             "a": {"bits": 32, "overflow": "wrap"}},
   "initial": {"v": [0, 0], "u": [0, 0], "a": [0, 0]},
   "roles": {"v": "v", "u": "u", "a_in": "a"}, "cores": [{"core": 0, "lo": 0, "hi": 2}]}],
 "projections": [{"name": "in->h", "source": "in", "target": "h", "weight_exp": 0,
                  "weight_bits": 8, "sign_mode": "excitatory", "weight_unit": 1,
                  "graded": false, "synapses": 3}],
 "cores": [{"chip": 0, "core": 0, "population": "h", "lo": 0, "hi": 2,
            "axons": [[0, 0], [0, 1]],
            "synapses": {"axon": [0, 1, 1], "neuron": [0, 0, 1], "weight": [10, 3, 7],
                         "delay": [0, 0, 0]}}],
 "routes": [["in", 0, [[0, 0]]], ["in", 1, [[0, 1]]]],
 "recordings": [{"kind": "spikes", "population": "h", "neurons": [0, 1]},
                {"kind": "state", "population": "h", "variable": "v", "neurons": [0, 1], "every": 1},
                {"kind": "state", "population": "h", "variable": "u", "neurons": [0, 1], "every": 1}]
})";

std::string read(const std::filesystem::path &P) {
  std::ifstream F(P);
  std::stringstream S;
  S << F.rdbuf();
  return S.str();
}

TEST(Emulator, LoihiStepsAsLava) {
  Emulator E(Config);
  E.run(E.defaultSteps());
  auto Dir = std::filesystem::temp_directory_path() / "snnc-emulator-test";
  std::filesystem::remove_all(Dir);
  E.writeRecordings(Dir.string());
  // Lava (0-based step k = snnc step k + 1): spike of neuron 0 at k = 5.
  EXPECT_EQ(read(Dir / "spikes_h.csv"), "time_ms,neuron\n6,0\n");
  // v and u of both neurons after steps 1..10 (Lava's steps 0..9), after the reset.
  const int V[10][2] = {{0, 0}, {0, 0}, {0, 0}, {0, 0}, {640, 0},
                        {0, 0}, {288, 448}, {357, 556}, {347, 541}, {312, 487}};
  const int U[10][2] = {{0, 0}, {0, 0}, {0, 0}, {0, 0}, {640, 0},
                        {249, 0}, {288, 448}, {112, 174}, {43, 67}, {16, 26}};
  std::string WantV = "time_ms,neuron,v\n0,0,0\n0,1,0\n", WantU = "time_ms,neuron,u\n0,0,0\n0,1,0\n";
  for (int S = 0; S < 10; ++S)
    for (int N = 0; N < 2; ++N) {
      WantV += std::to_string(S + 1) + "," + std::to_string(N) + "," + std::to_string(V[S][N]) + "\n";
      WantU += std::to_string(S + 1) + "," + std::to_string(N) + "," + std::to_string(U[S][N]) + "\n";
    }
  EXPECT_EQ(read(Dir / "state_h_v.csv"), WantV);
  EXPECT_EQ(read(Dir / "state_h_u.csv"), WantU);
  std::filesystem::remove_all(Dir);
}

TEST(Emulator, InconsistentConfigurationsNameTheField) {
  std::string Bad = Config;
  Bad.replace(Bad.find("\"synapses\": 3"), 13, "\"synapses\": 3, \"x\": 1");
  EXPECT_NO_THROW(Emulator{Bad}); // unknown extra fields are ignored
  std::string NoSteps = Config;
  NoSteps.replace(NoSteps.find("\"steps\": 10,"), 12, "");
  try {
    Emulator E(NoSteps);
    FAIL();
  } catch (const ConfigError &Err) {
    EXPECT_STREQ(Err.what(), "missing field 'steps'");
  }
  std::string OutOfRange = Config;
  OutOfRange.replace(OutOfRange.find("\"neuron\": [0, 0, 1]"), 19, "\"neuron\": [0, 0, 2]");
  try {
    Emulator E(OutOfRange);
    FAIL();
  } catch (const ConfigError &Err) {
    EXPECT_STREQ(Err.what(),
                 "'cores[0].synapses' entry 2 names an axon, neuron or delay out of range");
  }
}

} // namespace
