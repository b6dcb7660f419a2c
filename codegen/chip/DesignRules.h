//===- codegen/chip/DesignRules.h - the limits of a chip, checked with names ----------------===//
//
// Every limit of a chip target is a design rule with a name users can search for (listed in
// docs/diagnostics.md, "Design rules"): [cores], [neurons-per-core], [populations-per-core],
// [synapse-memory], [in-axons], [out-axons], [fan-in], [fan-out], [ring-buffer-bits],
// [delay-per-neuron], [delay-range], [weight-bits], [routing-entries]. A violation is an error
// ending in the rule's name, with the numbers, at the population or connection responsible,
// and a note on how to fix it. checkDesignRules() checks the rules that depend on where neurons
// are, on the tables the configuration will hold (CoreTables.h).
//
//===----------------------------------------------------------------------------------------===//
#ifndef SNNC_CODEGEN_CHIP_DESIGNRULES_H
#define SNNC_CODEGEN_CHIP_DESIGNRULES_H

#include "codegen/chip/CoreTables.h"
#include "support/Text.h"

namespace snn::codegen::chip {

/// Checks every core of Tables against the limits of T; reports each violation.
bool checkDesignRules(const ir::Network &N, const support::TargetDesc &T,
                      const ChipTables &Tables, DiagnosticsEngine &D);

using support::withCommas; // 1234567 -> "1,234,567"

} // namespace snn::codegen::chip

#endif
