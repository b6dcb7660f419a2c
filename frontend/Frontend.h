//===- frontend/Frontend.h - from a .snn path to network IR ---------------------------------===//
//
// The frontend entry point used by the tools: load the main file, follow its imports (depth
// first, each file once, cycles reported with the chain), parse every file, then check and
// lower the network. Each step reports through the DiagnosticsEngine and stops the pipeline
// when it reported errors.
//
//===----------------------------------------------------------------------------------------===//
#ifndef SNNC_FRONTEND_FRONTEND_H
#define SNNC_FRONTEND_FRONTEND_H

#include "frontend/AST.h"
#include "frontend/Lowering.h"
#include "frontend/SourceLoader.h"
#include "ir/Network.h"

#include <memory>
#include <string>
#include <vector>

namespace snn {

struct FrontendOptions {
  std::string Input;
  std::vector<std::string> IncludeDirs;
  std::string StdlibDir;
  std::string NetworkName; ///< which network to compile when the file has several
  SimulationOverrides Overrides;
};

class Frontend {
public:
  Frontend(DiagnosticsEngine &D, FrontendOptions O);
  ~Frontend();

  /// Loads and parses the main file and everything it imports.
  bool parse();
  /// The parsed main file (after a successful parse()).
  const ast::File &mainFile() const { return *Files.back(); }
  /// Checks every declaration and lowers the selected network.
  std::unique_ptr<ir::Network> lower();
  /// Every file read, main file first (for dependency files).
  std::vector<std::string> dependencies() const;

private:
  bool parseRecursive(unsigned Buffer, const std::string &Path,
                      std::vector<std::pair<unsigned, llvm::SMRange>> &Stack);

  DiagnosticsEngine &Diags;
  FrontendOptions Opts;
  SourceLoader Loader;
  std::vector<std::unique_ptr<ast::File>> Files; ///< imports before importers; main last
  std::vector<unsigned> Done;
  unsigned MainBuffer = 0;
};

/// The standard library directory: $SNNC_STDLIB, else <prefix>/share/snnc/lib next to the
/// installed binary, else the source tree's lib/ (for an uninstalled build).
std::string defaultStdlibDir(const char *Argv0);

} // namespace snn

#endif
