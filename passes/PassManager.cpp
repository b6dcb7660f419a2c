//===- passes/PassManager.cpp - runs passes in order, with dumps and timing -----------------===//
#include "passes/PassManager.h"

#include "ir/Printer.h"
#include "ir/Verifier.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <chrono>

namespace snn {

/// "unknown pass 'x'", with a suggestion and the list of passes.
static void reportUnknownPass(llvm::StringRef Option, llvm::StringRef N, DiagnosticsEngine &Diags) {
  std::string Known, Best;
  unsigned BestD = 3;
  for (const auto &[Name, _] : registeredPasses()) {
    Known += (Known.empty() ? "" : ", ") + Name;
    unsigned D = N.edit_distance(Name, true);
    if (D < BestD) {
      BestD = D;
      Best = Name;
    }
  }
  Diags.toolError(Option + "unknown pass '" + N + "'" +
                  (Best.empty() ? "" : "; did you mean '" + Best + "'?") + " (passes: " + Known +
                  ")");
}

bool PassManager::addByNames(llvm::StringRef List, DiagnosticsEngine &Diags) {
  llvm::SmallVector<llvm::StringRef, 8> Names;
  List.split(Names, ',', -1, /*KeepEmpty=*/false);
  bool Ok = true;
  for (llvm::StringRef N : Names) {
    N = N.trim();
    auto P = createPass(N);
    if (!P) {
      reportUnknownPass("", N, Diags);
      Ok = false;
      continue;
    }
    add(std::move(P));
  }
  return Ok;
}

bool PassManager::checkOptions(DiagnosticsEngine &Diags) const {
  bool Ok = true;
  for (const std::string &N : Opts.PrintAfter)
    if (!createPass(N)) {
      reportUnknownPass("--print-after: ", N, Diags);
      Ok = false;
    }
  return Ok;
}

static bool writeDump(const std::string &Dir, unsigned Index, llvm::StringRef Name,
                      const ir::Network &N, DiagnosticsEngine &Diags) {
  llvm::SmallString<256> Path(Dir);
  std::string File = llvm::formatv("{0:2}-{1}.snnir", Index, Name).str();
  std::replace(File.begin(), File.end(), ' ', '0');
  llvm::sys::path::append(Path, File);
  std::error_code EC;
  llvm::raw_fd_ostream OS(Path, EC);
  if (EC) {
    Diags.toolError("cannot write '" + Path + "': " + EC.message());
    return false;
  }
  ir::print(N, OS);
  return true;
}

bool PassManager::run(ir::Network &N, PassContext &Ctx, llvm::raw_ostream &Dumps) {
  DiagnosticsEngine &Diags = Ctx.Diags;
  if (!Opts.DumpDir.empty()) {
    if (std::error_code EC = llvm::sys::fs::create_directories(Opts.DumpDir)) {
      Diags.toolError("cannot create dump directory '" + Opts.DumpDir + "': " + EC.message());
      return false;
    }
    if (!writeDump(Opts.DumpDir, 0, "input", N, Diags))
      return false;
  }
  std::vector<std::pair<std::string, double>> Times;
  unsigned Index = 0;
  for (const auto &P : Passes) {
    ++Index;
    std::string Before = Opts.PrintChanged ? ir::toString(N) : "";
    auto T0 = std::chrono::steady_clock::now();
    PassResult R = P->run(N, Ctx);
    double Secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - T0).count();
    Times.push_back({P->name().str(), Secs});
    if (R.Failed || Diags.hasErrors())
      return false;
    if (Opts.VerifyEach && !ir::verify(N, Diags, ("after pass '" + P->name() + "'").str()))
      return false;
    bool Print = Opts.PrintAfterAll ||
                 std::find(Opts.PrintAfter.begin(), Opts.PrintAfter.end(), P->name()) !=
                     Opts.PrintAfter.end();
    if (Opts.PrintChanged) {
      bool Changed = R.Changed && ir::toString(N) != Before;
      if (Changed)
        Print = true;
      else
        Dumps << "; *** IR after pass '" << P->name() << "' omitted because it did not change\n";
    }
    if (Print) {
      Dumps << "; *** IR after pass '" << P->name() << "' ***\n";
      ir::print(N, Dumps);
    }
    if (!Opts.DumpDir.empty() && !writeDump(Opts.DumpDir, Index, P->name(), N, Diags))
      return false;
  }
  if (Opts.TimePasses) {
    double Total = 0;
    for (const auto &[_, S] : Times)
      Total += S;
    llvm::errs() << "===-------------------------------------------------------------------===\n"
                 << "                          snnc pass execution timing\n"
                 << "===-------------------------------------------------------------------===\n"
                 << "  wall time (s)   share   pass\n";
    for (const auto &[Name, S] : Times)
      llvm::errs() << llvm::format("  %12.6f  %5.1f%%   %s\n", S, Total > 0 ? 100 * S / Total : 0.0,
                                   Name.c_str());
    llvm::errs() << llvm::format("  %12.6f  100.0%%   total\n", Total);
  }
  return true;
}

} // namespace snn
