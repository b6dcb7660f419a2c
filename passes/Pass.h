//===- passes/Pass.h - the interface every pass implements ---------------------------------===//
//
// A pass transforms a Network in place. It has one kebab-case name used everywhere
// (`--passes=solve-odes`, `--print-after=solve-odes`, test/passes/solve-odes/), reports user
// errors and warnings through the context's DiagnosticsEngine at the IR entity's source range,
// and says whether it changed anything (for --print-changed) and whether it failed.
//
// Adding a pass touches four places: its file, one line in passes/PassRegistry.def, CMake, and
// its test folder.
//
//===----------------------------------------------------------------------------------------===//
#ifndef SNNC_PASSES_PASS_H
#define SNNC_PASSES_PASS_H

#include "ir/Diagnostics.h"
#include "ir/Network.h"
#include "support/TargetDesc.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace snn {

/// What a pass may read besides the network: where to report, and the target the network is
/// compiled for (every hardware limit a pass checks comes from it).
struct PassContext {
  DiagnosticsEngine &Diags;
  const support::TargetDesc &Target = support::nativeTarget();
  /// Firing rates (Hz) per population and neuron measured by a run (`--rates-from`): the
  /// mapping passes weigh spike traffic by them. Null: estimated (docs/mapping.md).
  const std::map<std::string, std::vector<double>> *MeasuredRates = nullptr;
};

struct PassResult {
  bool Changed = false;
  bool Failed = false;
};

class Pass {
public:
  virtual ~Pass() = default;
  virtual llvm::StringRef name() const = 0;
  virtual PassResult run(ir::Network &N, PassContext &Ctx) = 0;
};

/// Creates the pass called `Name`, or null if there is none.
std::unique_ptr<Pass> createPass(llvm::StringRef Name);
/// Every registered pass: name and one-line description, in pipeline order.
std::vector<std::pair<std::string, std::string>> registeredPasses();

} // namespace snn

#endif
