//===- tools/snnc-emu/snnc-emu.cpp - simulate a chip configuration --------------------------===//
//
//   snnc-emu [--out DIR] [--steps N] CONFIG.json
//   snnc-emu --validate CONFIG.json
//
// Reads a configuration written by `snnc --target=T` (docs/chip-config.md), simulates it with
// the emulator's own interpreter of the target's integer equations, prints one line per
// population (as `snnc run` does) and writes the recordings into DIR. With --validate it
// checks the configuration against its target instead (Validate.h) and prints
// `CONFIG: valid (...)` or every violation. Exit code 1 after any error (an unreadable or
// inconsistent configuration names the file and the field).
//
//===----------------------------------------------------------------------------------------===//
#include "tools/snnc-emu/Emulator.h"
#include "tools/snnc-emu/Validate.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

namespace {

int usage(const char *Msg) {
  std::fprintf(stderr,
               "snnc-emu: error: %s\nusage: snnc-emu [--out DIR] [--steps N] CONFIG.json\n"
               "       snnc-emu --validate CONFIG.json\n",
               Msg);
  return 1;
}

/// --validate: the violations of the configuration, or its counts when it has none.
int validate(const std::string &Input, const std::string &Text) {
  const size_t MaxShown = 20;
  snn::emu::Validation V = snn::emu::validateConfig(Text, MaxShown);
  if (V.valid()) {
    std::printf("%s: valid (%llu populations, %llu cores, %llu synapses, %llu axons, "
                "%llu routes)\n",
                Input.c_str(), (unsigned long long)V.Populations, (unsigned long long)V.Cores,
                (unsigned long long)V.Synapses, (unsigned long long)V.Axons,
                (unsigned long long)V.Routes);
    return 0;
  }
  for (const std::string &Msg : V.Violations)
    std::fprintf(stderr, "%s: error: %s\n", Input.c_str(), Msg.c_str());
  if (V.Count > V.Violations.size())
    std::fprintf(stderr, "... and %llu more\n",
                 (unsigned long long)(V.Count - V.Violations.size()));
  return 1;
}

} // namespace

int main(int argc, char **argv) {
  std::string Out, Input;
  long long Steps = -1;
  bool Validate = false;
  for (int I = 1; I < argc; ++I) {
    std::string A = argv[I];
    auto value = [&](const std::string &Name) -> const char * {
      if (A.rfind(Name + "=", 0) == 0)
        return argv[I] + Name.size() + 1;
      if (A == Name && I + 1 < argc)
        return argv[++I];
      return nullptr;
    };
    if (A == "--help" || A == "-h") {
      std::printf("snnc-emu: simulates a chip configuration written by 'snnc --target=T'\n"
                  "usage: snnc-emu [--out DIR] [--steps N] CONFIG.json\n"
                  "       snnc-emu --validate CONFIG.json\n"
                  "  --out DIR    write the recordings (CSV) into DIR\n"
                  "  --steps N    simulate N steps (default: the network's duration)\n"
                  "  --validate   check the configuration against its target's limits and its\n"
                  "               own tables instead of simulating it: prints 'valid' and its\n"
                  "               counts, or every violation with its rule (exit code 1)\n");
      return 0;
    }
    if (A == "--validate") {
      Validate = true;
    } else if (A.rfind("--out", 0) == 0) {
      const char *V = value("--out");
      if (!V)
        return usage("--out needs a directory");
      Out = V;
    } else if (A.rfind("--steps", 0) == 0) {
      const char *V = value("--steps");
      char *End = nullptr;
      errno = 0;
      if (!V || (Steps = std::strtoll(V, &End, 10), *End != '\0') || errno == ERANGE ||
          Steps < 0 || Steps > (1ll << 40))
        return usage("--steps needs a whole number from 0 to 2^40");
    } else if (!A.empty() && A[0] == '-') {
      return usage(("unknown option '" + A + "'").c_str());
    } else if (Input.empty()) {
      Input = A;
    } else {
      return usage("more than one configuration; snnc-emu runs one at a time");
    }
  }
  if (Input.empty())
    return usage("no configuration file");
  std::ifstream F(Input);
  if (!F) {
    std::fprintf(stderr, "%s: error: cannot read the configuration: %s\n", Input.c_str(),
                 std::strerror(errno));
    return 1;
  }
  std::stringstream SS;
  SS << F.rdbuf();
  if (Validate && (!Out.empty() || Steps >= 0))
    return usage("--validate checks a configuration without simulating it; drop --out and "
                 "--steps");
  try {
    if (Validate)
      return validate(Input, SS.str());
    snn::emu::Emulator E(SS.str());
    E.run(Steps >= 0 ? Steps : E.defaultSteps());
    uint64_t Neurons = 0;
    for (const auto &P : E.populations())
      if (P.K == snn::emu::Population::Kind::Neuron)
        Neurons += P.Size;
    double Duration = double(E.step()) * E.dt();
    std::printf("network '%s' on target '%s' (emulated): %llu neurons, %llu synapses; simulated "
                "%g s (%lld steps of %g ms), seed %u\n",
                E.networkName().c_str(), E.targetName().c_str(), (unsigned long long)Neurons,
                (unsigned long long)E.synapseCount(), Duration, (long long)E.step(),
                E.dt() * 1e3, E.seed());
    std::printf("population             size kind               spikes    rate (Hz)\n");
    static const char *Kinds[] = {"neuron", "poisson", "spike_times"};
    for (const auto &P : E.populations())
      std::printf("%-16s %10u %-12s %12llu %12.3f\n", P.Name.c_str(), P.Size,
                  Kinds[static_cast<int>(P.K)], (unsigned long long)P.SpikeCount,
                  Duration > 0 ? double(P.SpikeCount) / P.Size / Duration : 0.0);
    if (!Out.empty()) {
      E.writeRecordings(Out);
      if (E.recordingCount())
        std::printf("recordings written to %s\n", Out.c_str());
    }
  } catch (const snn::emu::ConfigError &Err) {
    std::fprintf(stderr, "%s: error: %s\n", Input.c_str(), Err.what());
    return 1;
  } catch (const std::bad_alloc &) {
    std::fprintf(stderr, "%s: error: out of memory building the emulation\n", Input.c_str());
    return 1;
  } catch (const std::exception &Err) {
    std::fprintf(stderr, "snnc-emu: error: %s\n", Err.what());
    return 1;
  }
  return 0;
}
