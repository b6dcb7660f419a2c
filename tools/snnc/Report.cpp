//===- tools/snnc/Report.cpp - reports on the network after the passes ----------------------===//
//
// `--report=storage` prints, on stderr after the pass pipeline, one row per projection: its
// name, connection rule, storage format, expected number of synapses, bytes per synapse and
// total bytes (ir/StorageCost.h), then a total. Counts of fixed_probability connections are
// means and carry a '~'. stdout stays free for the IR or object the command writes.
//
//   storage of network 'n':
//   projection  rule                    format        synapses  bytes/synapse    memory
//   A->B        fixed_probability(0.1)  csr index 16     ~1000          13.61  13.3 KiB
//   A->B #2     one_to_one              identity           100           0.00       0 B
//   total                                                ~1100          12.37  13.3 KiB
//
//===----------------------------------------------------------------------------------------===//
#include "tools/snnc/Driver.h"

#include "ir/Printer.h"
#include "ir/StorageCost.h"

#include "llvm/Support/FormatVariadic.h"

#include <array>
#include <cmath>
#include <map>

namespace snn::driver {

namespace {

std::string ruleText(const ir::Projection &P) {
  switch (P.Rule) {
  case ir::RuleKind::FixedProbability:
    return "fixed_probability(" + ir::formatNumber(P.P) + ")";
  case ir::RuleKind::FixedIndegree:
  case ir::RuleKind::FixedOutdegree:
    return std::string(ir::ruleName(P.Rule)) + "(" + std::to_string(P.K) + ")";
  case ir::RuleKind::List:
    return "from_file";
  default:
    return ir::ruleName(P.Rule);
  }
}

std::string formatText(const ir::Projection &P) {
  std::string S = ir::storageName(P.Store);
  if (P.Store == ir::Storage::CSR && P.IndexBits != 0)
    S += " index " + std::to_string(P.IndexBits);
  return S;
}

/// Whole bytes below 1 KiB, else KiB, MiB, GiB or TiB with one decimal.
std::string memoryText(double Bytes) {
  static const char *Units[] = {"KiB", "MiB", "GiB", "TiB"};
  Bytes = std::round(Bytes);
  if (Bytes < 1024)
    return llvm::formatv("{0:F0} B", Bytes).str();
  int U = -1;
  while (Bytes >= 1024 && U < 3) {
    Bytes /= 1024;
    ++U;
  }
  return llvm::formatv("{0:F1} {1}", Bytes, Units[U]).str();
}

} // namespace

void printStorageReport(const ir::Network &N, llvm::raw_ostream &OS) {
  std::vector<std::array<std::string, 6>> Rows;
  Rows.push_back({"projection", "rule", "format", "synapses", "bytes/synapse", "memory"});
  std::map<std::string, int> Seen;
  double Synapses = 0, Bytes = 0;
  bool Mean = false;
  for (const ir::Projection &P : N.Projections) {
    ir::StorageCost C = ir::storageCost(N, P, P.Store, P.IndexBits);
    // A second projection between the same populations is A->B #2, as the C header counts.
    int K = ++Seen[P.name()];
    // p = 0 and p = 1 give exact counts (none, every pair).
    bool IsMean = P.Rule == ir::RuleKind::FixedProbability && P.P > 0 && P.P < 1;
    Rows.push_back({P.name() + (K == 1 ? "" : " #" + std::to_string(K)), ruleText(P), formatText(P),
                    (IsMean ? "~" : "") + llvm::formatv("{0:F0}", C.Synapses).str(),
                    C.Synapses > 0 ? llvm::formatv("{0:F2}", C.bytesPerSynapse()).str() : "-",
                    memoryText(C.Bytes)});
    Synapses += C.Synapses;
    Bytes += C.Bytes;
    Mean |= IsMean;
  }
  Rows.push_back({"total", "", "", (Mean ? "~" : "") + llvm::formatv("{0:F0}", Synapses).str(),
                  Synapses > 0 ? llvm::formatv("{0:F2}", Bytes / Synapses).str() : "-",
                  memoryText(Bytes)});
  std::array<size_t, 6> Width{};
  for (const auto &R : Rows)
    for (size_t I = 0; I < R.size(); ++I)
      Width[I] = std::max(Width[I], R[I].size());
  OS << "storage of network '" << N.Name << "':\n";
  for (const auto &R : Rows) {
    // Names left-aligned, numbers right-aligned; no trailing blanks.
    std::string Line;
    for (size_t I = 0; I < R.size(); ++I) {
      size_t Pad = Width[I] - R[I].size();
      if (I > 0)
        Line += "  ";
      if (I < 3)
        Line += R[I] + std::string(Pad, ' ');
      else
        Line += std::string(Pad, ' ') + R[I];
    }
    OS << Line << "\n";
  }
}

} // namespace snn::driver
