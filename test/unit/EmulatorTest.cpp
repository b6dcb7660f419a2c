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
   "roles": {"v": "v", "u": "u", "a_in": "a"}, "cores": [{"core": 0, "lo": 0, "hi": 2, "offset": 0}]}],
 "projections": [{"name": "in->h", "source": "in", "target": "h", "weight_exp": 0,
                  "weight_bits": 8, "sign_mode": "excitatory", "weight_unit": 1,
                  "graded": false, "synapses": 3}],
 "cores": [{"chip": 0, "core": 0, "neurons": [["h", 0, 2]],
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
  auto error = [](const std::string &C) -> std::string {
    try {
      Emulator E(C);
    } catch (const ConfigError &Err) {
      return Err.what();
    }
    return "";
  };
  auto edit = [&](const char *From, const char *To) {
    std::string C = Config;
    C.replace(C.find(From), std::string(From).size(), To);
    return C;
  };
  EXPECT_EQ(error(edit("[[4, 0], [6, 1]]", "[[4, 0], [6, 2]]")),
            "'populations[0].spikes[1][1]' must be from 0 to 1, got 2");
  EXPECT_EQ(error(edit("\"du\": 2500", "\"du\": 5000")),
            "'populations[1].params.du' must be from 0 to 4095, got 5000");
  EXPECT_EQ(error(edit("\"overflow\": \"saturate\"", "\"overflow\": \"boom\"")),
            "'populations[1].state.v.overflow' must be \"wrap\", \"wrap_once\" or \"saturate\"");
  EXPECT_EQ(error(edit("\"delay\": [0, 0, 0]", "\"delay\": [0, 0, 100]")),
            "'cores[0].synapses.delay[2]' must be from 0 to 62, got 100");
  EXPECT_EQ(error(edit("\"every\": 1}", "\"every\": 0}")),
            "'recordings[1].every' must be from 1 to 1099511627776, got 0");
  EXPECT_EQ(error(edit("\"weight_exp\": 0", "\"weight_exp\": 100")),
            "'projections[0].weight_exp' must be from 0 to 0, got 100");
  EXPECT_EQ(error(edit("\"neurons\": [[\"h\", 0, 2]]", "\"neurons\": [[\"h\", 0, 1]]")),
            "'cores[0].synapses.neuron[2]' must be from 0 to 0, got 1");
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
    EXPECT_STREQ(Err.what(), "'cores[0].synapses.neuron[2]' must be from 0 to 1, got 2");
  }
}

} // namespace

namespace {

/// A configuration of one chip neuron driven by one input spike at step 1 (arriving at step 2)
/// through one synapse of weight W, for the family of Target, with Params and Roles.
std::string oneNeuron(const std::string &Target, const std::string &Family,
                      const std::string &Params, const std::string &States,
                      const std::string &Initial, const std::string &Roles, int64_t W,
                      const std::string &Sign, int Steps) {
  return R"({"format": "snnc-chip-config", "version": 1, "network": "one",
 "target": )" + Target + R"(, "dt": 0.001, "steps": )" + std::to_string(Steps) + R"(, "seed": 0,
 "populations": [
  {"name": "in", "kind": "spike_times", "size": 1, "spikes": [[1, 0]]},
  {"name": "n", "kind": "neuron", "size": 1, "family": ")" + Family + R"(", "params": )" + Params +
         R"(, "unit": 1, "origin": 0, "state": )" + States + R"(, "initial": )" + Initial +
         R"(, "roles": )" + Roles + R"(, "cores": [{"core": 0, "lo": 0, "hi": 1, "offset": 0}]}],
 "projections": [{"name": "in->n", "source": "in", "target": "n", "weight_exp": 0,
                  "weight_bits": 8, "sign_mode": ")" + Sign + R"(", "weight_unit": 1,
                  "graded": false, "synapses": 1}],
 "cores": [{"chip": 0, "core": 0, "neurons": [["n", 0, 1]], "axons": [[0, 0]],
            "synapses": {"axon": [0], "neuron": [0], "weight": [)" + std::to_string(W) + R"(],
                         "delay": [0]}}],
 "routes": [["in", 0, [[0, 0]]]],
 "recordings": [{"kind": "spikes", "population": "n", "neurons": [0]},
                {"kind": "state", "population": "n", "variable": "v", "neurons": [0], "every": 1}]})";
}

/// The recorded v after steps 1.. and the spike steps.
std::pair<std::vector<int64_t>, std::vector<int64_t>> runOne(const std::string &Config) {
  Emulator E(Config);
  E.run(E.defaultSteps());
  auto Dir = std::filesystem::temp_directory_path() / "snnc-emulator-one";
  std::filesystem::remove_all(Dir);
  E.writeRecordings(Dir.string());
  std::vector<int64_t> V, Spikes;
  std::istringstream S(read(Dir / "state_n_v.csv")), P(read(Dir / "spikes_n.csv"));
  std::string Line;
  std::getline(S, Line);
  std::getline(S, Line); // step 0
  while (std::getline(S, Line))
    V.push_back(std::stoll(Line.substr(Line.rfind(',') + 1)));
  std::getline(P, Line);
  while (std::getline(P, Line))
    Spikes.push_back(std::stoll(Line.substr(0, Line.find(','))));
  std::filesystem::remove_all(Dir);
  return {V, Spikes};
}

const char *TrueNorth = R"({"name": "truenorth", "backend": "chip",
  "delays": {"min_steps": 0, "max_steps": 14, "granularity": "per_neuron"},
  "topology": {"cores_per_chip": 4096}, "core": {"max_neurons": 256}, "weights": {"bits": 8},
  "neuron": {"model": "truenorth"}})";

TEST(Emulator, TrueNorthLeakThresholdEqualityAndResetModes) {
  // Leak 2 and the input of 5 at step 2: V = 2, 9, then 11 fires and resets to 0 (mode 0);
  // 2, 4, 6, 8, then exactly 10 = alpha fires too (V >= alpha).
  auto [V, S] = runOne(oneNeuron(TrueNorth, "truenorth",
                                 R"({"alpha": 10, "beta": 262143, "leak": 2, "reset_mode": 0,
                                     "reset": 0, "kappa": 1})",
                                 R"({"v": {"bits": 20, "overflow": "wrap"}})", R"({"v": [0]})",
                                 R"({"v": "v"})", 5, "excitatory", 8));
  EXPECT_EQ(V, (std::vector<int64_t>{2, 9, 0, 2, 4, 6, 8, 0}));
  EXPECT_EQ(S, (std::vector<int64_t>{3, 8}));
}

TEST(Emulator, TrueNorthSubtractResetSaturationAndWrap) {
  // Mode 1 subtracts alpha: 2, 9 (2 + 5 + 2), 11 fires -> 1, 3, 5, 7, 9, 11 fires -> 1.
  auto [V, S] = runOne(oneNeuron(TrueNorth, "truenorth",
                                 R"({"alpha": 10, "beta": 262143, "leak": 2, "reset_mode": 1,
                                     "reset": 0, "kappa": 1})",
                                 R"({"v": {"bits": 20, "overflow": "wrap"}})", R"({"v": [0]})",
                                 R"({"v": "v"})", 5, "excitatory", 8));
  EXPECT_EQ(V, (std::vector<int64_t>{2, 9, 1, 3, 5, 7, 9, 1}));
  EXPECT_EQ(S, (std::vector<int64_t>{3, 8}));
  // No reset (mode 2) from just below 2^19: the leak pushes V past 2^19 - 1, it wraps to
  // -524134; then V + leak is below -beta and saturates there.
  auto [W, T] = runOne(oneNeuron(TrueNorth, "truenorth",
                                 R"({"alpha": 262143, "beta": 262143, "leak": 255,
                                     "reset_mode": 2, "reset": 0, "kappa": 1})",
                                 R"({"v": {"bits": 20, "overflow": "wrap"}})",
                                 R"({"v": [524187]})", R"({"v": "v"})", 0, "excitatory", 3));
  EXPECT_EQ(W, (std::vector<int64_t>{-524134, -262143, -261888}));
  EXPECT_EQ(T, (std::vector<int64_t>{}));
}

const char *Spinnaker = R"({"name": "spinnaker", "backend": "chip",
  "delays": {"min_steps": 0, "max_steps": 15}, "topology": {"cores_per_chip": 17},
  "core": {"max_neurons": 256}, "weights": {"bits": 16}, "neuron": {"model": "spinnaker_lif"}})";

TEST(Emulator, SpinnakerRoundingDecayAndRefractoryCount) {
  // exp_TC = 0.5, R = 1, decays and init 0.5 (u0.32): the input 40000 becomes E = 20000 at
  // step 2, V = 20000 - round(0.5 * 20000) = 10000; E halves (floor) each step; at step 4
  // alpha = 5000 and V = 5000 - round(-2500) = 7500; -0.5 rounds up.
  const std::string Params = R"({"v_rest": 0, "v_thresh": 327680, "v_reset": 0, "r": 32768,
    "exp_tc": 16384, "decay_exc": 2147483648, "init_exc": 2147483648,
    "decay_inh": 2147483648, "init_inh": 2147483648, "shift_exc": 0, "shift_inh": 0,
    "refractory": 2})";
  const std::string States = R"({"v": {"bits": 32, "overflow": "wrap"},
    "e": {"bits": 32, "overflow": "wrap"}, "i": {"bits": 32, "overflow": "wrap"}})";
  const std::string Init = R"({"v": [0], "e": [0], "i": [0]})";
  const std::string Roles = R"({"v": "v", "exc": "e", "inh": "i"})";
  auto [V, S] = runOne(oneNeuron(Spinnaker, "spinnaker_lif", Params, States, Init, Roles, 40000,
                                 "excitatory", 5));
  EXPECT_EQ(V, (std::vector<int64_t>{0, 10000, 10000, 7500, 5000}));
  EXPECT_TRUE(S.empty());
  // With a threshold of 5 mV and a shift of 4 it fires at step 2 (E = 524280, V = 262140), is
  // held at V_reset for 2 steps while E keeps decaying (262140, 131070, 65535), and at step 5
  // alpha = 65535 and V = 65535 - round(32767.5) = 32767.
  std::string Low = Params;
  Low.replace(Low.find("327680"), 6, "163840");
  std::string Shift4 = Low;
  Shift4.replace(Shift4.find("\"shift_exc\": 0"), 14, "\"shift_exc\": 4");
  auto [W, T] = runOne(oneNeuron(Spinnaker, "spinnaker_lif", Shift4, States, Init, Roles, 65535,
                                 "excitatory", 5));
  EXPECT_EQ(T, (std::vector<int64_t>{2}));
  EXPECT_EQ(W, (std::vector<int64_t>{0, 0, 0, 0, 32767}));
}

} // namespace
