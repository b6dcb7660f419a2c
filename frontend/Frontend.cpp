//===- frontend/Frontend.cpp - from a .snn path to network IR -------------------------------===//
//
// Import cycles are found with the stack of files being parsed: an import of a file that is on
// the stack is reported at the import, with a note per link of the chain.
//
//===----------------------------------------------------------------------------------------===//
#include "frontend/Frontend.h"

#include "frontend/Parser.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"

#include <algorithm>

namespace snn {

Frontend::Frontend(DiagnosticsEngine &D, FrontendOptions O)
    : Diags(D), Opts(std::move(O)), Loader(D, Opts.IncludeDirs, Opts.StdlibDir) {}

Frontend::~Frontend() = default;

bool Frontend::parseRecursive(unsigned Buffer, const std::string &Path,
                              std::vector<std::pair<unsigned, llvm::SMRange>> &Stack) {
  auto F = parseFile(Buffer, Path, Diags);
  if (!F)
    return false;
  bool Ok = true;
  Stack.push_back({Buffer, {}});
  for (const ast::ImportDecl &I : F->Imports) {
    Stack.back().second = I.Range;
    auto ID = Loader.loadImport(I.Path, I.Range, Buffer);
    if (!ID) {
      Ok = false;
      continue;
    }
    auto OnStack = std::find_if(Stack.begin(), Stack.end(),
                                [&](const auto &E) { return E.first == *ID; });
    if (OnStack != Stack.end()) {
      if (OnStack->first == Buffer) {
        Diags.error(I.Range, "import cycle: '" + Loader.pathOf(Buffer) + "' imports itself");
      } else {
        std::string Through;
        for (auto It = OnStack + 1; It != Stack.end(); ++It)
          Through += (It == OnStack + 1 ? "'" : It + 1 == Stack.end() ? " and '" : ", '") +
                     Loader.pathOf(It->first) + "'";
        Diags.error(I.Range, "import cycle: '" + Loader.pathOf(*ID) + "' imports itself through " +
                                 Through);
        // The chain from the first file of the cycle down to this import.
        for (auto It = OnStack; It + 1 != Stack.end(); ++It)
          Diags.note(It->second, "'" + Loader.pathOf(It->first) + "' imports '" +
                                     Loader.pathOf((It + 1)->first) + "' here");
      }
      Ok = false;
      continue;
    }
    if (std::find(Done.begin(), Done.end(), *ID) != Done.end())
      continue;
    if (!parseRecursive(*ID, Loader.pathOf(*ID), Stack))
      Ok = false;
  }
  Stack.pop_back();
  Done.push_back(Buffer);
  Files.push_back(std::move(F));
  return Ok;
}

bool Frontend::parse() {
  auto ID = Loader.loadMain(Opts.Input);
  if (!ID)
    return false;
  MainBuffer = *ID;
  if (Diags.sourceMgr().getMemoryBuffer(*ID)->getBufferSize() == 0) {
    Diags.fileError(Opts.Input, "file is empty; expected a network definition "
                                "('network NAME { ... }')");
    return false;
  }
  std::vector<std::pair<unsigned, llvm::SMRange>> Stack;
  bool Ok = parseRecursive(*ID, Opts.Input, Stack);
  // The main file must be last even if an import failed to parse.
  return Ok && !Files.empty() && Files.back()->BufferID == MainBuffer;
}

std::unique_ptr<ir::Network> Frontend::lower() {
  std::vector<const ast::File *> Ptrs;
  for (const auto &F : Files)
    Ptrs.push_back(F.get());
  Lowering L(Diags, Ptrs, Opts.Overrides, &Loader);
  if (!L.collectGlobals())
    return nullptr;
  const ast::File &Main = mainFile();
  const ast::NetworkDecl *Chosen = nullptr;
  if (!Opts.NetworkName.empty()) {
    for (const auto &F : Files)
      for (const ast::NetworkDecl &N : F->Networks)
        if (N.Name.Name == Opts.NetworkName)
          Chosen = &N;
    if (!Chosen) {
      Diags.toolError("no network named '" + Opts.NetworkName + "' in '" + Opts.Input +
                      "' or its imports");
      return nullptr;
    }
  } else if (Main.Networks.empty()) {
    Diags.fileError(Opts.Input, "no network to compile; define one with 'network NAME { ... }'");
    return nullptr;
  } else if (Main.Networks.size() > 1) {
    Diags.error(Main.Networks[1].Name.Range,
                "more than one network in this file; choose one with --network=NAME");
    Diags.note(Main.Networks[0].Name.Range, "first network is here");
    return nullptr;
  } else {
    Chosen = &Main.Networks[0];
  }
  return L.lowerNetwork(*Chosen);
}

std::vector<std::string> Frontend::dependencies() const { return Loader.filesRead(); }

std::string defaultStdlibDir(const char *Argv0) {
  if (auto Env = llvm::sys::Process::GetEnv("SNNC_STDLIB"))
    return *Env;
  std::string Exe = llvm::sys::fs::getMainExecutable(Argv0, (void *)&defaultStdlibDir);
  llvm::SmallString<256> Dir(llvm::sys::path::parent_path(Exe));
  // Installed: <prefix>/bin/snnc -> <prefix>/share/snnc/lib
  llvm::SmallString<256> Installed(llvm::sys::path::parent_path(Dir));
  llvm::sys::path::append(Installed, "share", "snnc", "lib");
  if (llvm::sys::fs::is_directory(Installed))
    return std::string(Installed);
#ifdef SNNC_SOURCE_LIB_DIR
  return SNNC_SOURCE_LIB_DIR;
#else
  return std::string(Installed);
#endif
}

} // namespace snn
