//===- support/Connectivity.h - the synapses of a connection rule ---------------------------===//
//
// Building the synapses of a projection as a CSR matrix (rows by presynaptic neuron, column
// indices ascending within a row): the one definition used by the runtime (native runs), the
// chip backends (configurations list every synapse) and the emulator.
//
// Rules: all_to_all, one_to_one, list (the given synapses, sorted into rows; equal pairs are
// kept, in list order), fixed_probability (geometric skipping: O(synapses), not
// O(sources * targets)), fixed_indegree (Floyd sampling of k distinct sources per target, then
// transposed), fixed_outdegree (k distinct targets per source, sorted). With excludeSelf, i -> i
// is never created and the degree rules draw from the other N - 1 candidates.
// Random draws come from the stream given in the request with the counter (row, j) (for
// fixed_indegree: (column, j)), so each row's (column's) synapses depend only on the seed, the
// stream and the row (column). Failures (k larger than the candidates, out of memory) throw
// support::Error naming the projection.
//
//===----------------------------------------------------------------------------------------===//
#ifndef SNNC_SUPPORT_CONNECTIVITY_H
#define SNNC_SUPPORT_CONNECTIVITY_H

#include "support/AlignedArray.h"

#include <cstdint>
#include <string>
#include <vector>

namespace snn::support {

/// A connectivity rule.
struct ConnectRule {
  enum class Kind : uint8_t {
    AllToAll,
    OneToOne,
    FixedProbability,
    FixedIndegree,
    FixedOutdegree,
    List
  };
  Kind kind = Kind::AllToAll;
  double p = 0;   ///< fixed_probability
  uint32_t k = 0; ///< fixed_indegree, fixed_outdegree
  std::vector<uint32_t> pre, post; ///< list: synapse i is pre[i] -> post[i]
};

/// The name of a rule kind as the descriptor and the language write it ("fixed_probability").
const char *ruleName(ConnectRule::Kind kind);

/// What to connect.
struct ConnectivityRequest {
  std::string name; ///< the projection's name, for messages
  ConnectRule rule;
  uint32_t numSources = 0;
  uint32_t numTargets = 0;
  bool excludeSelf = false; ///< autapses excluded and source == target population
  uint32_t seed = 0;
  uint32_t stream = 0; ///< SNN_STREAM(SNN_STREAM_CONNECT, projection index)
};

/// A CSR matrix: row r holds col[rowPtr[r] .. rowPtr[r + 1]), ascending.
struct CsrMatrix {
  AlignedArray<uint64_t> rowPtr; ///< numSources + 1 entries
  AlignedArray<uint32_t> col;    ///< one entry per synapse
  std::vector<uint64_t> listOrder; ///< list rule: the list entry of each synapse, in CSR order
  uint64_t synapseCount() const { return col.size(); }
};

/// Targets a row may connect to (all targets, less the row itself when excluded).
uint32_t targetsPerRow(const ConnectivityRequest &request);

/// Builds the synapses of `request`.
CsrMatrix buildConnectivity(const ConnectivityRequest &request);

/// The number of synapses buildConnectivity makes for a fixed_probability request, generated
/// without storing them (storage "procedural").
uint64_t countFixedProbability(const ConnectivityRequest &request);

} // namespace snn::support

#endif
