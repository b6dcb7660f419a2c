//===- passes/PassRegistry.cpp - pass names to pass objects ---------------------------------===//
#include "passes/Passes.h"

namespace snn {

std::unique_ptr<Pass> createPass(llvm::StringRef Name) {
#define SNN_PASS(N, Class, Desc)                                                                   \
  if (Name == N)                                                                                   \
    return create##Class##Pass();
#include "passes/PassRegistry.def"
  return nullptr;
}

std::vector<std::pair<std::string, std::string>> registeredPasses() {
  return {
#define SNN_PASS(N, Class, Desc) {N, Desc},
#include "passes/PassRegistry.def"
  };
}

} // namespace snn
