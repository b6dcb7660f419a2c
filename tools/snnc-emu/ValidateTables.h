//===- tools/snnc-emu/ValidateTables.h - what the validator reads and recomputes ------------===//
//
// Internal to snnc-emu --validate (Validate.h is its interface): the populations, projections
// and cores of a configuration as the validator reads them, with what it recomputes (where
// each population's neurons are, each core's synapse memory, fan-in and output axons, each
// projection's synapse count and digest), and the Validator whose checks are defined in
// Validate.cpp (the file, each core and its synapse table) and ValidateRoutes.cpp (the
// placement of populations, routes, each core's totals and usage, the projections' digests) and
// ValidateKeys.cpp (the routers' tables of a key/mask target).
//
//===----------------------------------------------------------------------------------------===//
#ifndef SNNC_TOOLS_SNNC_EMU_VALIDATETABLES_H
#define SNNC_TOOLS_SNNC_EMU_VALIDATETABLES_H

#include "support/TargetDesc.h"
#include "tools/snnc-emu/Validate.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

namespace snn::emu::validate {

using Json = nlohmann::json;

constexpr size_t None = SIZE_MAX;
/// Neuron indices and slice bounds are read up to 2^40, so sums of widths cannot overflow.
constexpr int64_t MaxIndex = int64_t(1) << 40;

inline std::string str(uint64_t N) { return std::to_string(N); }
inline std::string str(int64_t N) { return std::to_string(N); }
inline std::string plural(uint64_t N, const char *One, const char *Many) {
  return str(N) + " " + (N == 1 ? One : Many);
}

/// The first problem of one kind on one core, and how many there are.
struct First {
  uint64_t Count = 0;
  std::string What, Limit;
  /// Records a problem; Make() gives (what, limit) for the first.
  template <typename F> void add(F Make) {
    if (Count++ == 0)
      std::tie(What, Limit) = Make();
  }
};

struct Population {
  std::string Name;
  uint64_t Size = 0;
  bool Neuron = false;
  /// Where its neurons are, by the cores' slices: [Lo, Hi) on core Core from local Offset.
  struct Part {
    uint64_t Lo, Hi;
    size_t Core;
    uint64_t Offset;
    size_t Furthest = 0; ///< of the parts up to this one, the one that reaches furthest
  };
  std::vector<Part> Parts; ///< sorted by Lo once every core is read
  /// The delay of each neuron that sends, on targets with one delay per neuron.
  std::unordered_map<uint64_t, int64_t> Delay;

  /// The core that holds neuron N (one of them if several do), or None.
  size_t coreOf(uint64_t N) const {
    auto It = std::upper_bound(Parts.begin(), Parts.end(), N,
                               [](uint64_t X, const Part &P) { return X < P.Lo; });
    if (It == Parts.begin())
      return None;
    const Part &F = Parts[std::prev(It)->Furthest];
    return N < F.Hi ? F.Core : None;
  }
};

struct Projection {
  std::string Name, SourceName, TargetName;
  size_t Source = None, Target = None;
  unsigned Bits = 0;
  support::SignMode Sign = support::SignMode::Excitatory;
  bool FormatOk = true;
  int64_t Lo = 0, Hi = 0, Step = 1; ///< the weights its format stores
  uint64_t ClaimedSynapses = 0, ClaimedDigest = 0, Synapses = 0, Digest = 0;
};

struct Slice {
  std::string PopName;
  size_t Pop = None; ///< None when the slice names no neuron population or leaves it
  uint64_t Lo = 0, Hi = 0, Offset = 0;
};

struct Core {
  uint64_t Chip = 0, Place = 0;
  std::vector<Slice> Slices;
  uint64_t Width = 0;
  std::vector<std::pair<uint64_t, uint64_t>> Axons; ///< (projection, source neuron)
  std::vector<uint8_t> AxonOk;
  std::vector<uint32_t> Reached; ///< routes that reach each axon
  bool TableOk = true;
  uint64_t Synapses = 0, Bits = 0, MaxFanIn = 0, FanInNeuron = 0;
  uint64_t OutAxons = 0, MaxTargets = 0, TargetsNeuron = 0;
  size_t TargetsPop = None;
  const Json *Usage = nullptr;
  std::string Path, Where;

  /// The population and neuron of local neuron L (population None if its slice is broken).
  std::pair<size_t, uint64_t> neuron(uint64_t L) const {
    auto It = std::upper_bound(Slices.begin(), Slices.end(), L,
                               [](uint64_t X, const Slice &S) { return X < S.Offset; });
    const Slice &S = *std::prev(It);
    return {S.Pop, S.Lo + (L - S.Offset)};
  }
};

class Validator {
public:
  Validator(const Json &Root, size_t MaxShown) : Root(Root), MaxShown(MaxShown) {}
  Validation run();

private:
  const Json &Root;
  size_t MaxShown;
  Validation Out;
  support::TargetDesc T;
  std::vector<Population> Pops;
  std::unordered_map<std::string, size_t> PopIndex;
  std::vector<Projection> Projs;
  std::vector<Core> Cores;

  void violation(const std::string &Where, const std::string &What, const char *Rule);
  /// One violation for the problems F of one kind on one core (Item: "synapse", "axon").
  void report(const std::string &Where, const First &F, const std::string &Item, const char *Rule);
  std::string target() const { return "target '" + T.Name + "'"; }
  std::string perCore(uint64_t Limit) const {
    return "; " + target() + " has " + str(Limit) + " per core";
  }
  std::string neuronOf(size_t Pop, uint64_t N) const {
    return "neuron " + str(N) + " of '" + Pops[Pop].Name + "'";
  }
  size_t popNamed(const std::string &Name) const {
    auto It = PopIndex.find(Name);
    return It == PopIndex.end() ? None : It->second;
  }

  // Validate.cpp
  void readTarget();
  void readPopulations();
  void readProjections();
  void checkFormat(const std::string &Where, Projection &P, int64_t Exp, int64_t Bits);
  void readCore(size_t I, const Json &J);
  void checkSlices(size_t I);
  static std::vector<int64_t> column(const Json &S, const std::string &Path, const char *Key);
  void checkSynapses(Core &C, const Json &S, const std::string &Path);
  void delayPerNeuron(size_t Pop, uint64_t N, int64_t A, int64_t B);

  // ValidateRoutes.cpp
  void checkPlacement();
  void checkRoutes();
  void checkCoreTotals(Core &C);
  void checkProjections();

  // ValidateKeys.cpp
  void checkKeyTables();
};

} // namespace snn::emu::validate

#endif
