//===- codegen/llvm/LLVMBackend.h - network IR to native code -------------------------------===//
//
// The LLVM backend turns a fully lowered network (after the default pipeline) into an LLVM
// module holding the network's kernels, its JSON descriptor and one exported `snn_model`
// named `<network>_model`. The module can be optimized for a target, written as an object
// file, assembly or LLVM IR, or run in-process with ORC's LLJIT against the runtime linked
// into the compiler. The generated C header (writeHeader) declares `<network>_model`, a
// `<network>_create()` shortcut and the indices of populations and variables.
//
//===----------------------------------------------------------------------------------------===//
#ifndef SNNC_CODEGEN_LLVM_LLVMBACKEND_H
#define SNNC_CODEGEN_LLVM_LLVMBACKEND_H

#include "codegen/Backend.h"

#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Target/TargetMachine.h"

#include <memory>
#include <optional>
#include <string>

struct snn_model;

namespace snn::codegen {

/// Builds the module for N (which must have passed the default pipeline). Returns null after
/// reporting an error.
std::unique_ptr<llvm::Module> buildModule(const ir::Network &N, llvm::LLVMContext &Ctx,
                                          DiagnosticsEngine &Diags);

/// Creates a TargetMachine for Opts (host when Triple/CPU are empty). Reports bad triples/CPUs.
std::unique_ptr<llvm::TargetMachine> createTargetMachine(const CodegenOptions &Opts,
                                                         DiagnosticsEngine &Diags);

/// Runs LLVM's standard optimization pipeline at Opts.OptLevel for the target.
void optimize(llvm::Module &M, llvm::TargetMachine &TM, int OptLevel);

/// Writes an object file or assembly for the target.
bool emitFile(llvm::Module &M, llvm::TargetMachine &TM, llvm::StringRef Path, bool Assembly,
              DiagnosticsEngine &Diags);

/// The C header declaring the network's API (see docs/c-api.md), or nothing after reporting
/// that two entities would get the same C name.
std::optional<std::string> writeHeader(const ir::Network &N, llvm::StringRef SourceName,
                                       DiagnosticsEngine &Diags);

/// A network compiled in-process: owns the JIT that holds its code.
class JitNetwork {
public:
  ~JitNetwork();
  /// JIT-compiles M for the host. Returns null after reporting an error.
  static std::unique_ptr<JitNetwork> create(std::unique_ptr<llvm::Module> M,
                                            std::unique_ptr<llvm::LLVMContext> Ctx,
                                            const std::string &NetworkName, int OptLevel,
                                            DiagnosticsEngine &Diags);
  const snn_model *model() const { return Model; }

private:
  struct Impl;
  std::unique_ptr<Impl> P;
  const snn_model *Model = nullptr;
};

/// Registers LLVM's targets (once).
void initializeLLVMTargets();

} // namespace snn::codegen

#endif
