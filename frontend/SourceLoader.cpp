//===- frontend/SourceLoader.cpp - finds, reads and checks source files ---------------------===//
//
// UTF-8 is checked by hand (overlong forms, surrogates and code points above U+10FFFF are
// rejected) because the ANTLR input stream throws on invalid input; a NUL byte marks a binary
// file. The error points at the first offending byte; the line it shows comes from a copy of the
// file with the bytes that would garble a terminal replaced by '?'.
//
//===----------------------------------------------------------------------------------------===//
#include "frontend/SourceLoader.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

namespace snn {

/// Files larger than this are refused: no network description is this big, and a huge input
/// is more likely a wrong file than a network. Data files (spike lists, connection lists) may
/// be larger.
static constexpr uint64_t MaxFileSize = 64ull << 20;
static constexpr uint64_t MaxDataFileSize = 1024ull << 20;

bool SourceLoader::validate(llvm::StringRef Text, llvm::StringRef Path, llvm::SMLoc BufStart,
                            DiagnosticsEngine &Diags, unsigned BufferID, bool Data) {
  const unsigned char *P = reinterpret_cast<const unsigned char *>(Text.data());
  size_t N = Text.size();
  // The diagnostic shows the offending line; its raw bytes would garble the terminal, so it is
  // shown from a copy of the file in which every byte that is not printable ASCII reads '?'
  // (one byte for one byte, so the column stays right). The copy is named like the file and
  // included from the same place.
  auto reportAt = [&](size_t I, const llvm::Twine &Msg) {
    std::string Clean = Text.str();
    for (char &Ch : Clean) {
      unsigned char U = static_cast<unsigned char>(Ch);
      if (U >= 0x80 || (U < 0x20 && Ch != '\n' && Ch != '\t' && Ch != '\r'))
        Ch = '?';
    }
    llvm::SMLoc Include;
    if (BufferID != 0 && BufferID <= Diags.sourceMgr().getNumBuffers())
      Include = Diags.sourceMgr().getBufferInfo(BufferID).IncludeLoc;
    unsigned Copy = Diags.sourceMgr().AddNewSourceBuffer(
        llvm::MemoryBuffer::getMemBufferCopy(Clean, Path), Include);
    const char *Base = Diags.sourceMgr().getMemoryBuffer(Copy)->getBufferStart();
    Diags.report(Severity::Error, llvm::SMLoc::getFromPointer(Base + I), Msg);
  };
  for (size_t I = 0; I < N;) {
    unsigned char C = P[I];
    if (C == 0) {
      reportAt(I, Data ? "file contains a NUL byte; it looks like a binary file, not a CSV data "
                         "file"
                       : "file contains a NUL byte; it looks like a binary file, not a .snn "
                         "source");
      return false;
    }
    if (C < 0x80) {
      ++I;
      continue;
    }
    size_t Len = 0;
    uint32_t CP = 0;
    if ((C & 0xE0) == 0xC0) {
      Len = 2;
      CP = C & 0x1F;
    } else if ((C & 0xF0) == 0xE0) {
      Len = 3;
      CP = C & 0x0F;
    } else if ((C & 0xF8) == 0xF0) {
      Len = 4;
      CP = C & 0x07;
    }
    bool Ok = Len != 0 && I + Len <= N;
    for (size_t K = 1; Ok && K < Len; ++K) {
      if ((P[I + K] & 0xC0) != 0x80)
        Ok = false;
      else
        CP = (CP << 6) | (P[I + K] & 0x3F);
    }
    if (Ok) {
      static const uint32_t MinForLen[] = {0, 0, 0x80, 0x800, 0x10000};
      if (CP < MinForLen[Len] || CP > 0x10FFFF || (CP >= 0xD800 && CP <= 0xDFFF))
        Ok = false;
    }
    if (!Ok) {
      char Hex[8];
      snprintf(Hex, sizeof(Hex), "0x%02X", C);
      reportAt(I,
               llvm::Twine("invalid UTF-8 byte ") + Hex +
                   (Data ? "; data files must be UTF-8 text" : "; .snn files must be UTF-8 text"));
      return false;
    }
    I += Len;
  }
  (void)BufStart;
  return true;
}

std::optional<unsigned> SourceLoader::loadResolved(const std::string &Path,
                                                   llvm::SMRange ImportRange,
                                                   llvm::StringRef DataSpec) {
  bool Data = !DataSpec.empty();
  llvm::SmallString<256> Real;
  if (llvm::sys::fs::real_path(Path, Real))
    Real = Path;
  std::string Key = std::string(Real);
  if (auto It = Loaded.find(Key); It != Loaded.end()) {
    if (Invalid.count(It->second))
      return std::nullopt; // reported when it was first loaded
    return It->second;
  }

  auto reportAt = [&](const llvm::Twine &Msg) {
    if (ImportRange.isValid())
      Diags.error(ImportRange, Msg);
    else
      Diags.fileError(Path, Msg);
  };
  if (llvm::sys::fs::is_directory(Path)) {
    reportAt(ImportRange.isValid() ? "'" + Path + "' is a directory, not a file"
                                   : llvm::Twine("is a directory; expected a .snn file"));
    return std::nullopt;
  }
  uint64_t Size = 0;
  uint64_t Max = Data ? MaxDataFileSize : MaxFileSize;
  if (!llvm::sys::fs::file_size(Path, Size) && Size > Max) {
    reportAt("file is too large (" + llvm::Twine(Size >> 20) + " MiB; the limit is " +
             llvm::Twine(Max >> 20) + " MiB)");
    return std::nullopt;
  }
  auto BufOr = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false, /*RequiresNullTerminator=*/true);
  if (!BufOr) {
    std::string Why = BufOr.getError().message();
    if (ImportRange.isValid())
      Diags.error(ImportRange, "cannot read '" + Path + "': " + Why);
    else
      Diags.fileError(Path, "cannot read file: " + Why);
    return std::nullopt;
  }
  // A data file's diagnostics carry a note at the string that named it instead of SourceMgr's
  // "included from" line.
  llvm::SMLoc IncludeLoc = ImportRange.isValid() && !Data ? ImportRange.Start : llvm::SMLoc();
  unsigned ID = Diags.sourceMgr().AddNewSourceBuffer(std::move(*BufOr), IncludeLoc);
  llvm::StringRef Text = Diags.sourceMgr().getMemoryBuffer(ID)->getBuffer();
  Loaded[Key] = ID;
  Paths[ID] = Path;
  Order.push_back(Path);
  if (!validate(Text, Path, llvm::SMLoc::getFromPointer(Text.data()), Diags, ID, Data)) {
    if (Data)
      Diags.note(ImportRange, "data file '" + DataSpec + "' named here");
    Invalid.insert(ID);
    return std::nullopt;
  }
  return ID;
}

std::optional<unsigned> SourceLoader::loadMain(llvm::StringRef Path) {
  if (!llvm::sys::fs::exists(Path)) {
    Diags.fileError(Path, "no such file");
    return std::nullopt;
  }
  return loadResolved(Path.str(), {});
}

std::vector<std::string> SourceLoader::candidates(llvm::StringRef Spec, unsigned FromBuffer,
                                                  bool Stdlib) {
  std::vector<std::string> Candidates;
  if (llvm::sys::path::is_absolute(Spec)) {
    Candidates.push_back(Spec.str());
    return Candidates;
  }
  auto From = Paths.find(FromBuffer);
  llvm::SmallString<256> Dir(From == Paths.end() ? llvm::StringRef()
                                                 : llvm::sys::path::parent_path(From->second));
  llvm::SmallString<256> P(Dir);
  llvm::sys::path::append(P, Spec);
  Candidates.push_back(std::string(P));
  for (const std::string &D : SearchPath) {
    llvm::SmallString<256> Q(D);
    llvm::sys::path::append(Q, Spec);
    Candidates.push_back(std::string(Q));
  }
  if (Stdlib && !StdlibDir.empty()) {
    llvm::SmallString<256> Q(StdlibDir);
    llvm::sys::path::append(Q, Spec);
    // `import "std/lif.snn"` looks in <stdlib>/std/lif.snn.
    Candidates.push_back(std::string(Q));
  }
  return Candidates;
}

std::optional<unsigned> SourceLoader::loadData(llvm::StringRef Spec, llvm::SMRange Range,
                                               unsigned FromBuffer) {
  if (Spec.empty()) {
    Diags.error(Range, "empty data file name");
    return std::nullopt;
  }
  std::vector<std::string> Candidates = candidates(Spec, FromBuffer, /*Stdlib=*/false);
  for (const std::string &C : Candidates)
    if (llvm::sys::fs::exists(C))
      return loadResolved(C, Range, Spec);
  Diags.error(Range, "cannot find data file '" + Spec + "'");
  std::string Where;
  for (const std::string &C : Candidates)
    Where += "\n  " + C;
  Diags.note(Range, "searched:" + Where);
  return std::nullopt;
}

std::optional<unsigned> SourceLoader::loadImport(llvm::StringRef Spec, llvm::SMRange Range,
                                                 unsigned FromBuffer) {
  if (Spec.empty()) {
    Diags.error(Range, "empty import path");
    return std::nullopt;
  }
  std::vector<std::string> Candidates = candidates(Spec, FromBuffer, /*Stdlib=*/true);
  for (const std::string &C : Candidates)
    if (llvm::sys::fs::exists(C))
      return loadResolved(C, Range);
  Diags.error(Range, "cannot find imported file '" + Spec + "'");
  std::string Where;
  for (const std::string &C : Candidates)
    Where += "\n  " + C;
  Diags.note(Range, "searched:" + Where);
  return std::nullopt;
}

} // namespace snn
