//===- tools/snnc-emu/Validate.h - checking a chip configuration against its target ---------===//
//
// `snnc-emu --validate CONFIG.json` checks a configuration (docs/chip-config.md) the way a chip
// toolchain would before loading it, trusting nothing the file claims: from the file alone (its
// `target` holds the whole target description) it recomputes where every neuron is, each core's
// axons, synapse memory, fan-in, routes and usage, and each projection's synapse count and
// digest, and compares them with the target's limits and with what the file says. Each
// violation is one message naming the place, the numbers, the limit and the rule
// (docs/diagnostics.md, "snnc-emu --validate").
//
//===----------------------------------------------------------------------------------------===//
#ifndef SNNC_TOOLS_SNNC_EMU_VALIDATE_H
#define SNNC_TOOLS_SNNC_EMU_VALIDATE_H

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace snn::emu {

/// What the validator found.
struct Validation {
  /// The first violations, each "<where>: <what>; target 'T' has <limit> [rule]".
  std::vector<std::string> Violations;
  uint64_t Count = 0; ///< all violations, shown or not
  /// What the configuration holds (for the line of a valid one).
  uint64_t Populations = 0, Cores = 0, Synapses = 0, Axons = 0, Routes = 0;
  bool valid() const { return Count == 0; }
};

/// Validates the configuration JsonText, keeping the text of the first MaxShown violations.
/// Malformed JSON, a missing field or a field of the wrong type throws ConfigError naming the
/// field, as the emulator reports it; a configuration without violations is then also read as
/// the emulator reads it (the neurons' parameters, initial values and recordings).
Validation validateConfig(const std::string &JsonText, size_t MaxShown = 20);

} // namespace snn::emu

#endif
