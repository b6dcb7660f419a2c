//===- test/unit/DesignRulesTest.cpp - design rules the passes never break ------------------===//
//
// partition-onto-cores and fill-cores-in-order never put more neurons, or slices of more
// populations, on a core than the target allows, so no .snn file reaches these two rules; a
// partition table read from IR can. Inputs/pairs-chip.snnir is what
// `snnc --target-file=test/chips/mapping/Inputs/pairs.json --emit=ir-opt
// test/chips/mapping/pairs.snn` writes (4 cores of 4 neurons).
//
//===----------------------------------------------------------------------------------------===//
#include "codegen/chip/CoreTables.h"
#include "codegen/chip/DesignRules.h"
#include "ir/Reader.h"

#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace snn;

namespace {

std::string readFile(const std::filesystem::path &P) {
  std::ifstream In(P);
  std::stringstream S;
  S << In.rdbuf();
  return S.str();
}

/// The design-rule errors for the pairs network with the given partition table and target.
std::string check(std::vector<ir::CoreSlice> Cores, const support::TargetDesc &T) {
  llvm::SourceMgr SM;
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  DiagnosticsEngine D(SM, OS);
  SM.AddNewSourceBuffer(llvm::MemoryBuffer::getMemBufferCopy(readFile(
                            std::filesystem::path(SNNC_UNIT_INPUTS) / "pairs-chip.snnir")),
                        llvm::SMLoc());
  auto N = ir::readNetwork(1, D);
  EXPECT_TRUE(N) << OS.str();
  if (!N)
    return "";
  N->Cores = std::move(Cores);
  auto Tables = codegen::chip::buildCoreTables(*N, T, D);
  EXPECT_TRUE(Tables);
  EXPECT_FALSE(codegen::chip::checkDesignRules(*N, T, *Tables, D));
  return OS.str();
}

support::TargetDesc pairsTarget() {
  support::TargetDescErrors E;
  auto T = support::parseTargetDesc(
      readFile(std::filesystem::path(SNNC_UNIT_INPUTS) / "../../chips/mapping/Inputs/pairs.json"),
      E);
  EXPECT_TRUE(T);
  return *T;
}

} // namespace

TEST(DesignRules, NeuronsPerCore) {
  std::string Out = check({{"a", 0, 8, 0, 0}, {"b", 0, 8, 0, 1}}, pairsTarget());
  EXPECT_NE(Out.find("error: core 0:0 (a[0:8]) holds 8 neurons; target 'pairs' has 4 per core "
                     "[neurons-per-core]"),
            std::string::npos)
      << Out;
  EXPECT_NE(Out.find("note: the partition table puts too many neurons on this core; let the "
                     "partition-onto-cores pass choose it"),
            std::string::npos);
  EXPECT_NE(Out.find("note: 1 more cores break [neurons-per-core]"), std::string::npos);
}

TEST(DesignRules, PopulationsPerCore) {
  support::TargetDesc T = pairsTarget();
  T.MaxPopulationsPerCore = 1;
  T.MaxNeuronsPerCore = 16;
  T.MaxOutAxonsPerCore = 0;
  T.MaxInAxonsPerCore = 0;
  std::string Out = check({{"a", 0, 8, 0, 0}, {"b", 0, 8, 0, 0}}, T);
  EXPECT_NE(Out.find("error: core 0:0 (a[0:8], b[0:8]) holds neurons of 2 populations; target "
                     "'pairs' has 1 per core [populations-per-core]"),
            std::string::npos)
      << Out;
  EXPECT_NE(Out.find("note: each population needs its own neuron parameters on a core; put "
                     "fewer populations on a core"),
            std::string::npos);
}
