//===- codegen/llvm/LLVMBackend.cpp - the native backend ------------------------------------===//
//
// The backend of the `native` target: builds the module, optimizes it for the target machine
// and writes optimized LLVM IR, assembly, or an object file with its C header. `snnc run` uses
// the same module through the JIT (Jit.cpp).
//
//===----------------------------------------------------------------------------------------===//
#include "codegen/llvm/LLVMBackend.h"

#include "passes/PassManager.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ToolOutputFile.h"

namespace snn::codegen {

namespace {

class LLVMBackend : public Backend {
public:
  llvm::StringRef name() const override { return "llvm"; }
  std::vector<Artifact> artifacts() const override {
    return {Artifact::Object, Artifact::Assembly, Artifact::LLVMIR};
  }
  void addPasses(PassManager &) const override {}
  std::optional<std::string> emit(const ir::Network &N, const EmitRequest &R,
                                  DiagnosticsEngine &D) const override;
};

std::optional<std::string> LLVMBackend::emit(const ir::Network &N, const EmitRequest &R,
                                             DiagnosticsEngine &D) const {
  llvm::LLVMContext Ctx;
  std::unique_ptr<llvm::Module> M = buildModule(N, Ctx, D);
  if (!M)
    return std::nullopt;
  std::unique_ptr<llvm::TargetMachine> TM = createTargetMachine(R.CG, D);
  if (!TM)
    return std::nullopt;
  optimize(*M, *TM, R.CG.OptLevel);
  std::string Path = R.Output;
  if (R.What == Artifact::LLVMIR) {
    if (Path.empty())
      Path = "-";
    std::error_code EC;
    llvm::ToolOutputFile Out(Path, EC, llvm::sys::fs::OF_Text);
    if (EC) {
      D.toolError("cannot write '" + Path + "': " + EC.message());
      return std::nullopt;
    }
    M->print(Out.os(), nullptr);
    Out.keep();
    return Path;
  }
  if (Path.empty() && R.What == Artifact::Assembly)
    Path = "-";
  if (Path.empty()) {
    llvm::SmallString<256> P(llvm::sys::path::filename(R.InputPath));
    llvm::sys::path::replace_extension(P, "o");
    Path = std::string(P);
  }
  if (!emitFile(*M, *TM, Path, R.What == Artifact::Assembly, D))
    return std::nullopt;
  if (R.What != Artifact::Object)
    return Path;
  auto Header = writeHeader(N, llvm::sys::path::filename(R.InputPath), D);
  if (!Header)
    return std::nullopt;
  std::string HPath = R.Header;
  if (HPath.empty()) {
    llvm::SmallString<256> P(Path);
    llvm::sys::path::replace_extension(P, "h");
    HPath = std::string(P);
  }
  std::error_code EC;
  llvm::raw_fd_ostream HS(HPath, EC, llvm::sys::fs::OF_Text);
  if (EC) {
    D.toolError("cannot write header '" + HPath + "': " + EC.message());
    return std::nullopt;
  }
  HS << *Header;
  return Path;
}

} // namespace

std::unique_ptr<Backend> createLLVMBackend() { return std::make_unique<LLVMBackend>(); }

} // namespace snn::codegen
