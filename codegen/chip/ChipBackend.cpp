//===- codegen/chip/ChipBackend.cpp - the backend of chip targets ---------------------------===//
//
// Adds the passes a chip needs after the default pipeline (the partition onto cores) and writes
// the configuration (ChipConfig.cpp) as JSON: to -o, or to <input stem>.chip.json.
//
//===----------------------------------------------------------------------------------------===//
#include "codegen/Backend.h"
#include "codegen/chip/ChipConfig.h"
#include "codegen/chip/MappingDot.h"

#include "passes/PassManager.h"
#include "passes/Passes.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ToolOutputFile.h"

namespace snn::codegen {

namespace {

class ChipBackend : public Backend {
public:
  explicit ChipBackend(const support::TargetDesc &T) : T(T) {}
  llvm::StringRef name() const override { return "chip"; }
  std::vector<Artifact> artifacts() const override {
    return {Artifact::ChipConfig, Artifact::MappingDot};
  }
  void addPasses(PassManager &PM) const override {
    // Neurons onto cores; relays where a neuron reaches more targets than the chip allows
    // (their projections' storage and thread partition are chosen again); then the mesh.
    PM.add(createPartitionOntoCoresPass());
    PM.add(createInsertRelaysPass());
    PM.add(createSelectSynapseStoragePass());
    PM.add(createPartitionForThreadsPass());
    PM.add(createPlaceOnMeshPass());
  }
  std::optional<std::string> emit(const ir::Network &N, const EmitRequest &R,
                                  DiagnosticsEngine &D) const override {
    if (!checkLowered(N, D) || !checkChipLowered(N, T, /*Placed=*/true, D))
      return std::nullopt;
    const bool Dot = R.What == Artifact::MappingDot;
    std::optional<std::string> Config =
        Dot ? chip::buildMappingDot(N, T, R.Rates, D) : chip::buildConfig(N, T, D);
    if (!Config)
      return std::nullopt;
    std::string Path = R.Output;
    if (Path.empty()) {
      llvm::SmallString<256> P(llvm::sys::path::filename(R.InputPath));
      llvm::sys::path::replace_extension(P, Dot ? "mapping.dot" : "chip.json");
      Path = std::string(P);
    }
    std::error_code EC;
    llvm::ToolOutputFile Out(Path, EC, llvm::sys::fs::OF_Text);
    if (EC) {
      D.toolError("cannot write '" + Path + "': " + EC.message());
      return std::nullopt;
    }
    Out.os() << *Config << "\n";
    Out.keep();
    return Path;
  }

private:
  support::TargetDesc T;
};

} // namespace

std::unique_ptr<Backend> createChipBackend(const support::TargetDesc &T) {
  return std::make_unique<ChipBackend>(T);
}

} // namespace snn::codegen
