//===- passes/PassManager.h - runs passes in order, with dumps and timing -------------------===//
//
// The PassManager runs a list of passes over a Network and offers the debugging switches of
// LLVM's opt: print the IR after every pass or after chosen ones, print it only when a pass
// changed it, verify it after every pass (naming the pass that broke an invariant), time the
// passes, and write numbered dumps (`00-input.snnir`, `01-fold-constants.snnir`, ...) into a
// directory so `diff` between neighbours shows what each pass did.
//
//===----------------------------------------------------------------------------------------===//
#ifndef SNNC_PASSES_PASSMANAGER_H
#define SNNC_PASSES_PASSMANAGER_H

#include "passes/Pass.h"

#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace snn {

struct PassManagerOptions {
  bool PrintAfterAll = false;
  std::vector<std::string> PrintAfter;
  bool PrintChanged = false;
  bool VerifyEach = false;
  bool TimePasses = false;
  std::string DumpDir;
};

class PassManager {
public:
  explicit PassManager(PassManagerOptions O = {}) : Opts(std::move(O)) {}
  void add(std::unique_ptr<Pass> P) { Passes.push_back(std::move(P)); }
  /// Adds passes by name ("a,b,c"); reports unknown names and returns false.
  bool addByNames(llvm::StringRef List, DiagnosticsEngine &Diags);
  /// Checks that every name given to --print-after names a pass; reports and returns false.
  bool checkOptions(DiagnosticsEngine &Diags) const;
  /// Runs every pass in order; stops at the first failing pass. Dumps go to `Dumps`.
  bool run(ir::Network &N, PassContext &Ctx, llvm::raw_ostream &Dumps = llvm::errs());
  size_t size() const { return Passes.size(); }

private:
  PassManagerOptions Opts;
  std::vector<std::unique_ptr<Pass>> Passes;
};

} // namespace snn

#endif
