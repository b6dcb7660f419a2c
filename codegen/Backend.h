//===- codegen/Backend.h - the interface every backend implements ---------------------------===//
//
// A backend reads a network that has been through the pass pipeline for its target and produces
// something that runs it: native code (codegen/llvm/, the `native` target) or a core
// configuration for a neuromorphic chip (codegen/chip/, targets whose description says
// "backend": "chip"). The driver does frontend -> pipeline for the target -> backend; a backend
// adds the passes it needs after the default pipeline (addPasses) and writes its artifacts
// (emit). Backends decide nothing about the network: methods, delays in steps, storage formats,
// numeric formats and core assignments are read from the IR, and hardware limits from the
// TargetDesc.
//
// checkLowered() is the shared precondition: every decision a backend needs must be made.
//
//===----------------------------------------------------------------------------------------===//
#ifndef SNNC_CODEGEN_BACKEND_H
#define SNNC_CODEGEN_BACKEND_H

#include "ir/Diagnostics.h"
#include "ir/Network.h"
#include "support/TargetDesc.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace snn {
class PassManager;
}

namespace snn::codegen {

/// Options shared by backends that produce machine code.
struct CodegenOptions {
  std::string Triple; ///< empty: the host
  std::string CPU;    ///< empty: the host CPU ("native")
  std::string Features;
  int OptLevel = 2;   ///< 0..3
};

/// What a backend can write.
enum class Artifact {
  LLVMIR,     ///< optimized LLVM IR (text)
  Assembly,   ///< assembly (text)
  Object,     ///< object file plus C header
  ChipConfig, ///< a chip configuration (JSON, docs/chip-config.md)
  MappingDot, ///< the cores and the traffic between them (Graphviz, docs/mapping.md)
};
/// The --emit spelling of an artifact ("llvm", "asm", "obj", "chip", "mapping-dot").
const char *artifactName(Artifact A);

/// What the driver asks a backend to write.
struct EmitRequest {
  Artifact What = Artifact::Object;
  std::string Output;     ///< -o; empty: the backend's default name, "-": stdout (text only)
  std::string Header;     ///< object files: the C header (empty: next to the object)
  std::string InputPath;  ///< the .snn file, for default output names and headers
  CodegenOptions CG;
  /// Measured firing rates (--rates-from), for what draws the mapping; null: estimated.
  const std::map<std::string, std::vector<double>> *Rates = nullptr;
};

class Backend {
public:
  virtual ~Backend() = default;
  /// The backend's name ("llvm", "chip").
  virtual llvm::StringRef name() const = 0;
  /// The artifacts it can write; the first is the default of `snnc FILE`.
  virtual std::vector<Artifact> artifacts() const = 0;
  /// Adds the passes this backend needs after the default pipeline.
  virtual void addPasses(PassManager &PM) const = 0;
  /// Writes the artifact asked for. Returns the path written ("-" for stdout), or nothing after
  /// reporting an error.
  virtual std::optional<std::string> emit(const ir::Network &N, const EmitRequest &R,
                                          DiagnosticsEngine &Diags) const = 0;
};

/// The backend that serves target T (the registry: one backend per BackendKind).
std::unique_ptr<Backend> createBackend(const support::TargetDesc &T);
/// The backends (codegen/llvm/LLVMBackend.cpp, codegen/chip/ChipBackend.cpp).
std::unique_ptr<Backend> createLLVMBackend();
std::unique_ptr<Backend> createChipBackend(const support::TargetDesc &T);

/// Reports (and returns false) if a decision that backends read is still unset: an ODE system
/// without a method, a delay or refractory period not in steps, a projection without a storage
/// format.
bool checkLowered(const ir::Network &N, DiagnosticsEngine &Diags);

/// For a chip target T: reports (and returns false) if a neuron population's model is not in the
/// chip's arithmetic (quantize-for-target did not run, e.g. with a --passes list), or, with
/// Placed, if the partition table does not hold every neuron on exactly one core
/// (partition-onto-cores or fill-cores-in-order).
bool checkChipLowered(const ir::Network &N, const support::TargetDesc &T, bool Placed,
                      DiagnosticsEngine &Diags);

} // namespace snn::codegen

#endif
