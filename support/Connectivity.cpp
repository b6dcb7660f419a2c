//===- support/Connectivity.cpp - the connectivity rules of Connectivity.h ------------------===//
//
// All rules fill rowPtr row by row (or, for fixed_indegree, count per row and then fill by
// transposing the per-column samples), so rows come out ascending without a global sort. Sampling
// without replacement uses Floyd's algorithm with a mark array that is cleared after each row, so
// a row costs O(k), not O(candidates).
//
//===----------------------------------------------------------------------------------------===//
#include "support/Connectivity.h"

#include "support/Error.h"
#include "support/Random.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace snn::support {

const char *ruleName(ConnectRule::Kind kind) {
  switch (kind) {
  case ConnectRule::Kind::AllToAll: return "all_to_all";
  case ConnectRule::Kind::OneToOne: return "one_to_one";
  case ConnectRule::Kind::FixedProbability: return "fixed_probability";
  case ConnectRule::Kind::FixedIndegree: return "fixed_indegree";
  case ConnectRule::Kind::FixedOutdegree: return "fixed_outdegree";
  case ConnectRule::Kind::List: return "list";
  }
  return "?";
}

uint32_t targetsPerRow(const ConnectivityRequest &req) {
  return req.excludeSelf && req.numTargets > 0 ? req.numTargets - 1 : req.numTargets;
}

namespace {

/// Candidate c (0 .. n - 2) of row `self` when i -> i is excluded: every index but `self`.
inline uint32_t skipSelf(uint32_t candidate, uint32_t self) {
  return candidate < self ? candidate : candidate + 1;
}

/// fixed_probability with p < 1: calls visit(target) for every synapse of a row, targets
/// ascending, then endRow(row), for the rows in order. The gap before the next synapse is Geometric(p):
/// floor(log(u) / log(1 - p)), u from the row's stream (the generated delivery code of storage
/// "procedural" repeats this computation operation for operation).
template <typename Visit, typename EndRow>
void generateFixedProbability(const ConnectivityRequest &req, Visit visit, EndRow endRow) {
  const uint32_t perRow = targetsPerRow(req);
  const double logMiss = std::log1p(-req.rule.p);
  for (uint32_t r = 0; r < req.numSources; ++r) {
    CounterStream stream(req.seed, req.stream, r);
    int64_t candidate = -1;
    for (;;) {
      double gap = std::floor(std::log(stream.nextUniform()) / logMiss);
      if (gap >= static_cast<double>(static_cast<int64_t>(perRow) - 1 - candidate))
        break;
      candidate += 1 + static_cast<int64_t>(gap);
      uint32_t c = static_cast<uint32_t>(candidate);
      visit(req.excludeSelf ? skipSelf(c, r) : c);
    }
    endRow(r);
  }
}

class Builder {
public:
  explicit Builder(const ConnectivityRequest &request) : req_(request) {}

  CsrMatrix build() {
    try {
      return buildRule();
    } catch (const std::bad_alloc &) {
      throw Error(Error::Kind::OutOfMemory, "out of memory building projection '" +
                                                      req_.name + "' (" + std::to_string(planned_) +
                                                      " synapses)");
    }
  }

private:
  CsrMatrix buildRule() {
    switch (req_.rule.kind) {
    case ConnectRule::Kind::AllToAll:
      return allToAll();
    case ConnectRule::Kind::OneToOne:
      return oneToOne();
    case ConnectRule::Kind::FixedProbability:
      return fixedProbability();
    case ConnectRule::Kind::FixedIndegree:
      return fixedIndegree();
    case ConnectRule::Kind::FixedOutdegree:
      return fixedOutdegree();
    case ConnectRule::Kind::List:
      return list();
    }
    throw Error(Error::Kind::Internal, "unknown connectivity rule");
  }

  uint32_t targetsPerRow() const { return snn::support::targetsPerRow(req_); }

  /// Allocates rowPtr (zero) and room for `synapses` column indices.
  CsrMatrix start(uint64_t synapses, bool sizeCol) {
    planned_ = synapses;
    CsrMatrix m;
    m.rowPtr.resize(uint64_t{req_.numSources} + 1);
    if (sizeCol)
      m.col.resize(synapses);
    else
      m.col.reserve(synapses);
    return m;
  }

  CsrMatrix allToAll() {
    const uint32_t perRow = targetsPerRow();
    CsrMatrix m = start(uint64_t{req_.numSources} * perRow, true);
    uint32_t *col = m.col.data();
    uint64_t next = 0;
    for (uint32_t r = 0; r < req_.numSources; ++r) {
      for (uint32_t t = 0; t < req_.numTargets; ++t)
        if (!(req_.excludeSelf && t == r))
          col[next++] = t;
      m.rowPtr[r + 1] = next;
    }
    return m;
  }

  CsrMatrix oneToOne() {
    const bool none = req_.excludeSelf;
    CsrMatrix m = start(none ? 0 : req_.numSources, true);
    for (uint32_t r = 0; r < req_.numSources; ++r) {
      if (!none)
        m.col[r] = r;
      m.rowPtr[r + 1] = none ? 0 : uint64_t{r} + 1;
    }
    return m;
  }

  CsrMatrix fixedProbability() {
    const double p = req_.rule.p;
    if (p >= 1.0)
      return allToAll();
    const uint32_t perRow = targetsPerRow();
    const double expected = static_cast<double>(req_.numSources) * perRow * p;
    const double bound = static_cast<double>(req_.numSources) * perRow;
    uint64_t reserve =
        static_cast<uint64_t>(std::min(bound, expected + 5.0 * std::sqrt(expected) + 16.0));
    CsrMatrix m = start(p <= 0.0 ? 0 : reserve, false);
    planned_ = static_cast<uint64_t>(expected);
    if (p <= 0.0)
      return m;

    generateFixedProbability(
        req_, [&](uint32_t target) { m.col.push_back(target); },
        [&](uint32_t r) { m.rowPtr[r + 1] = m.col.size(); });
    return m;
  }

  /// Checks k against the candidates; `what` is "sources" or "targets".
  void checkDegree(uint32_t candidates, const char *what) const {
    if (req_.rule.k > candidates)
      throw Error(Error::Kind::InvalidModel, "projection '" + req_.name + "': " + ruleName(req_.rule.kind) + " k = " +
                        std::to_string(req_.rule.k) + " exceeds the " + std::to_string(candidates) +
                        " available " + what + (req_.excludeSelf ? " (autapses excluded)" : ""));
  }

  /// Floyd's algorithm: writes k distinct values of [0, n) to out[0 .. k) (unordered).
  /// `marked` has n entries, all zero on entry and on exit.
  static void sampleDistinct(uint32_t n, uint32_t k, CounterStream &stream,
                             std::vector<uint8_t> &marked, uint32_t *out) {
    uint32_t *next = out;
    for (uint64_t j = uint64_t{n} - k; j < n; ++j) {
      uint32_t pick = stream.nextBelow(static_cast<uint32_t>(j + 1));
      if (marked[pick])
        pick = static_cast<uint32_t>(j);
      marked[pick] = 1;
      *next++ = pick;
    }
    for (uint32_t i = 0; i < k; ++i)
      marked[out[i]] = 0;
  }

  CsrMatrix fixedIndegree() {
    const uint32_t k = req_.rule.k;
    const uint32_t candidates =
        req_.excludeSelf && req_.numSources > 0 ? req_.numSources - 1 : req_.numSources;
    if (req_.numTargets > 0)
      checkDegree(candidates, "sources");
    const uint64_t total = uint64_t{req_.numTargets} * k;
    planned_ = total;

    // Sample the sources of each column, then transpose into rows.
    std::vector<uint32_t> sources(total);
    std::vector<uint8_t> marked(candidates);
    for (uint32_t c = 0; c < req_.numTargets; ++c) {
      CounterStream stream(req_.seed, req_.stream, c);
      uint32_t *column = sources.data() + uint64_t{c} * k;
      sampleDistinct(candidates, k, stream, marked, column);
      if (req_.excludeSelf)
        for (uint32_t i = 0; i < k; ++i)
          column[i] = skipSelf(column[i], c);
    }

    CsrMatrix m = start(total, true);
    for (uint32_t s : sources)
      ++m.rowPtr[uint64_t{s} + 1];
    for (uint32_t r = 0; r < req_.numSources; ++r)
      m.rowPtr[r + 1] += m.rowPtr[r];
    std::vector<uint64_t> fill(m.rowPtr.begin(), m.rowPtr.end() - 1);
    uint32_t *col = m.col.data();
    for (uint32_t c = 0; c < req_.numTargets; ++c) {
      const uint32_t *column = sources.data() + uint64_t{c} * k;
      for (uint32_t i = 0; i < k; ++i)
        col[fill[column[i]]++] = c;
    }
    return m;
  }

  CsrMatrix fixedOutdegree() {
    const uint32_t k = req_.rule.k;
    const uint32_t candidates = targetsPerRow();
    if (req_.numSources > 0)
      checkDegree(candidates, "targets");
    CsrMatrix m = start(uint64_t{req_.numSources} * k, true);
    std::vector<uint8_t> marked(candidates);
    // Dense rows are emitted in order by scanning the marks; sparse rows are sorted.
    const bool scanMarks = uint64_t{k} * 16 >= candidates;
    for (uint32_t r = 0; r < req_.numSources; ++r) {
      CounterStream stream(req_.seed, req_.stream, r);
      uint32_t *row = m.col.data() + uint64_t{r} * k;
      if (scanMarks) {
        sampleDistinct(candidates, k, stream, marked, row);
        for (uint32_t i = 0; i < k; ++i)
          marked[row[i]] = 1;
        uint32_t *next = row;
        for (uint32_t c = 0; c < candidates; ++c)
          if (marked[c]) {
            marked[c] = 0;
            *next++ = c;
          }
      } else {
        sampleDistinct(candidates, k, stream, marked, row);
        std::sort(row, row + k);
      }
      if (req_.excludeSelf)
        for (uint32_t i = 0; i < k; ++i)
          row[i] = skipSelf(row[i], r);
      m.rowPtr[r + 1] = uint64_t{r + 1} * k;
    }
    return m;
  }

  /// The listed synapses, by row; within a row by target, then by place in the list.
  CsrMatrix list() {
    const std::vector<uint32_t> &pre = req_.rule.pre, &post = req_.rule.post;
    const uint64_t n = pre.size();
    CsrMatrix m = start(n, true);
    for (uint32_t s : pre)
      ++m.rowPtr[uint64_t{s} + 1];
    for (uint32_t r = 0; r < req_.numSources; ++r)
      m.rowPtr[r + 1] += m.rowPtr[r];
    std::vector<uint64_t> fill(m.rowPtr.begin(), m.rowPtr.end() - 1);
    m.listOrder.resize(n);
    for (uint64_t i = 0; i < n; ++i)
      m.listOrder[fill[pre[i]]++] = i;
    for (uint32_t r = 0; r < req_.numSources; ++r)
      std::sort(
          m.listOrder.begin() + static_cast<int64_t>(m.rowPtr[r]),
          m.listOrder.begin() + static_cast<int64_t>(m.rowPtr[r + 1]),
          [&](uint64_t a, uint64_t b) { return post[a] != post[b] ? post[a] < post[b] : a < b; });
    for (uint64_t k = 0; k < n; ++k)
      m.col[k] = post[m.listOrder[k]];
    return m;
  }

  const ConnectivityRequest &req_;
  uint64_t planned_ = 0; ///< synapses being allocated, for the out-of-memory message
};

} // namespace

CsrMatrix buildConnectivity(const ConnectivityRequest &request) { return Builder(request).build(); }

uint64_t countFixedProbability(const ConnectivityRequest &request) {
  const double p = request.rule.p;
  if (p <= 0.0)
    return 0;
  if (p >= 1.0)
    return uint64_t{request.numSources} * targetsPerRow(request);
  uint64_t count = 0;
  generateFixedProbability(request, [&](uint32_t) { ++count; }, [](uint32_t) {});
  return count;
}

} // namespace snn::support
