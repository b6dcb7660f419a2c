//===- frontend/SourceLoader.h - finds, reads and checks source files -----------------------===//
//
// Loads the main file and every imported file into the SourceMgr, once each. A file that is
// missing, unreadable, a directory, too large, binary (contains NUL bytes) or not valid UTF-8 is
// reported with a diagnostic (pointing at the `import` that asked for it, if any) and not
// loaded. Import paths are resolved relative to the importing file, then along the -I search
// path, then in the standard library directory. Data files (CSV) named by a network are
// resolved the same way, without the standard library. The loader remembers every file it read,
// for dependency files (-MD).
//
//===----------------------------------------------------------------------------------------===//
#ifndef SNNC_FRONTEND_SOURCELOADER_H
#define SNNC_FRONTEND_SOURCELOADER_H

#include "ir/Diagnostics.h"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace snn {

class SourceLoader {
public:
  SourceLoader(DiagnosticsEngine &Diags, std::vector<std::string> SearchPath,
               std::string StdlibDir)
      : Diags(Diags), SearchPath(std::move(SearchPath)), StdlibDir(std::move(StdlibDir)) {}

  /// Loads the main file. Returns its buffer ID, or nothing after reporting an error.
  std::optional<unsigned> loadMain(llvm::StringRef Path);

  /// Resolves and loads `Spec` imported at `Range` by the file in buffer `FromBuffer`. Returns
  /// the buffer ID (the same ID again for a file already loaded) or nothing after an error.
  std::optional<unsigned> loadImport(llvm::StringRef Spec, llvm::SMRange Range,
                                     unsigned FromBuffer);

  /// Resolves and loads the data file `Spec` named at `Range` (a string in the file of buffer
  /// `FromBuffer`): relative to that file's directory, then along the -I search path. Returns the
  /// buffer ID, or nothing after reporting an error (at `Range`, or in the file with a note at
  /// `Range` when it is not UTF-8 text).
  std::optional<unsigned> loadData(llvm::StringRef Spec, llvm::SMRange Range, unsigned FromBuffer);

  /// The canonical path of a loaded buffer.
  const std::string &pathOf(unsigned BufferID) const { return Paths.at(BufferID); }
  /// Every file read, in the order it was read (for -MD).
  const std::vector<std::string> &filesRead() const { return Order; }

  /// Checks that a buffer is text the lexer can take; reports at the first bad byte. `Data`
  /// words the messages for a data file rather than a .snn source.
  static bool validate(llvm::StringRef Text, llvm::StringRef Path, llvm::SMLoc BufStart,
                       DiagnosticsEngine &Diags, unsigned BufferID, bool Data = false);

private:
  /// Loads a file found at `Path`; `DataSpec` is the name of a data file as written (empty for
  /// .snn sources).
  std::optional<unsigned> loadResolved(const std::string &Path, llvm::SMRange ImportRange,
                                       llvm::StringRef DataSpec = {});
  std::vector<std::string> candidates(llvm::StringRef Spec, unsigned FromBuffer, bool Stdlib);

  DiagnosticsEngine &Diags;
  std::vector<std::string> SearchPath;
  std::string StdlibDir;
  std::map<std::string, unsigned> Loaded; ///< canonical path -> buffer
  std::map<unsigned, std::string> Paths;
  std::set<unsigned> Invalid; ///< buffers that failed validation
  std::vector<std::string> Order;
};

} // namespace snn

#endif
