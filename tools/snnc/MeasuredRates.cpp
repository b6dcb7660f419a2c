//===- tools/snnc/MeasuredRates.cpp - firing rates from a recorded run (--rates-from) -------===//
//
// Reads DIR/spikes_<population>.csv (the `time_ms,neuron` files `snnc run --out DIR` and
// snnc-emu write) for every neuron population and turns the spike counts into rates over the
// network's duration. A population without a file keeps its estimated rate (a warning says
// so); a malformed line or a neuron outside the population is an error naming the file and
// line.
//
//===----------------------------------------------------------------------------------------===//
#include "tools/snnc/Driver.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

namespace snn::driver {

bool readMeasuredRates(const std::string &Dir, const ir::Network &N,
                       std::map<std::string, std::vector<double>> &Rates, DiagnosticsEngine &D) {
  if (!llvm::sys::fs::is_directory(Dir)) {
    D.toolError("--rates-from: '" + Dir + "' is not a directory");
    return false;
  }
  const double Duration = N.Sim.Duration;
  if (!(Duration > 0)) {
    D.toolError("--rates-from: network '" + N.Name + "' runs for no time; rates need a duration");
    return false;
  }
  for (const ir::Population &P : N.Populations) {
    if (P.Kind != ir::PopKind::Neuron)
      continue;
    llvm::SmallString<256> Path(Dir);
    llvm::sys::path::append(Path, "spikes_" + P.Name + ".csv");
    auto Buf = llvm::MemoryBuffer::getFile(Path);
    if (!Buf) {
      D.toolWarning("--rates-from: no '" + std::string(Path) + "'; the rates of '" + P.Name +
                    "' are estimated");
      continue;
    }
    std::vector<double> &R = Rates[P.Name];
    R.assign(P.Size, 0.0);
    llvm::SmallVector<llvm::StringRef> Lines;
    (*Buf)->getBuffer().split(Lines, '\n');
    for (size_t L = 0; L < Lines.size(); ++L) {
      llvm::StringRef Line = Lines[L].trim();
      if (Line.empty() || (L == 0 && Line.starts_with("time")))
        continue;
      auto [Time, Neuron] = Line.split(',');
      uint64_t Nn;
      double T;
      if (Neuron.trim().getAsInteger(10, Nn) || Time.trim().getAsDouble(T)) {
        D.fileError(std::string(Path) + ":" + std::to_string(L + 1),
                    "expected 'time_ms,neuron', found '" +
                        (Line.size() > 60 ? Line.take_front(57).str() + "..." : Line.str()) +
                        "'");
        return false;
      }
      if (Nn >= P.Size) {
        D.fileError(std::string(Path) + ":" + std::to_string(L + 1),
                    "neuron " + std::to_string(Nn) + " is not in '" + P.Name + "' (" +
                        std::to_string(P.Size) + " neurons)");
        return false;
      }
      R[Nn] += 1.0 / Duration;
    }
  }
  return true;
}

} // namespace snn::driver
