// RuntimeConnectivityTest.cpp: the connectivity rules of support/Connectivity.h: exact
// structure of all_to_all and one_to_one, statistics and invariants of fixed_probability, exact
// degrees of fixed_indegree/fixed_outdegree, the order of listed synapses, autapse exclusion,
// determinism per seed, and errors.
#include "Support.h"
#include "Errors.h"
#include "support/Error.h"

#include "snn/runtime.h"

#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <vector>

using namespace snn::rt;

namespace {

ConnectivityRequest request(ConnectRule::Kind kind, uint32_t sources, uint32_t targets,
                            bool excludeSelf = false, uint32_t seed = 1) {
  ConnectivityRequest req;
  req.name = "E->E";
  req.rule.kind = kind;
  req.numSources = sources;
  req.numTargets = targets;
  req.excludeSelf = excludeSelf;
  req.seed = seed;
  req.stream = SNN_STREAM(SNN_STREAM_CONNECT, 0);
  return req;
}

/// Checks the CSR invariants: rowPtr monotone from 0, columns in range, strictly ascending rows.
void expectWellFormed(const CsrMatrix &m, uint32_t sources, uint32_t targets) {
  ASSERT_EQ(m.rowPtr.size(), size_t{sources} + 1);
  ASSERT_EQ(m.rowPtr[0], 0u);
  ASSERT_EQ(m.rowPtr[sources], m.col.size());
  for (uint32_t r = 0; r < sources; ++r) {
    ASSERT_LE(m.rowPtr[r], m.rowPtr[r + 1]);
    for (uint64_t s = m.rowPtr[r]; s < m.rowPtr[r + 1]; ++s) {
      ASSERT_LT(m.col[s], targets);
      if (s > m.rowPtr[r]) {
        ASSERT_LT(m.col[s - 1], m.col[s]) << "row " << r << " not strictly ascending";
      }
    }
  }
}

bool hasAutapse(const CsrMatrix &m, uint32_t sources) {
  for (uint32_t r = 0; r < sources; ++r)
    for (uint64_t s = m.rowPtr[r]; s < m.rowPtr[r + 1]; ++s)
      if (m.col[s] == r)
        return true;
  return false;
}

std::vector<uint32_t> columns(const CsrMatrix &m) { return {m.col.begin(), m.col.end()}; }

TEST(RuntimeConnectivity, AllToAllIsComplete) {
  CsrMatrix m = buildConnectivity(request(ConnectRule::Kind::AllToAll, 3, 4));
  expectWellFormed(m, 3, 4);
  EXPECT_EQ(m.synapseCount(), 12u);
  for (uint32_t r = 0; r < 3; ++r) {
    EXPECT_EQ(m.rowPtr[r], r * 4u);
    for (uint32_t c = 0; c < 4; ++c)
      EXPECT_EQ(m.col[r * 4 + c], c);
  }
}

TEST(RuntimeConnectivity, AllToAllWithoutAutapses) {
  CsrMatrix m = buildConnectivity(request(ConnectRule::Kind::AllToAll, 3, 3, true));
  expectWellFormed(m, 3, 3);
  EXPECT_EQ(columns(m), (std::vector<uint32_t>{1, 2, 0, 2, 0, 1}));
  EXPECT_EQ(m.rowPtr[1], 2u);
}

TEST(RuntimeConnectivity, OneToOneIsDiagonal) {
  CsrMatrix m = buildConnectivity(request(ConnectRule::Kind::OneToOne, 5, 5));
  expectWellFormed(m, 5, 5);
  EXPECT_EQ(columns(m), (std::vector<uint32_t>{0, 1, 2, 3, 4}));
  for (uint32_t r = 0; r <= 5; ++r)
    EXPECT_EQ(m.rowPtr[r], r);
  CsrMatrix none = buildConnectivity(request(ConnectRule::Kind::OneToOne, 5, 5, true));
  EXPECT_EQ(none.synapseCount(), 0u);
}

TEST(RuntimeConnectivity, ListIsSortedIntoRowsKeepingRepeats) {
  ConnectivityRequest req = request(ConnectRule::Kind::List, 3, 4);
  req.rule.pre = {2, 0, 2, 0, 2};
  req.rule.post = {3, 1, 0, 1, 3};
  CsrMatrix m = buildConnectivity(req);
  // Rows by source, targets ascending, a repeated pair kept in list order.
  EXPECT_EQ(columns(m), (std::vector<uint32_t>{1, 1, 0, 3, 3}));
  EXPECT_EQ(m.rowPtr[1], 2u);
  EXPECT_EQ(m.rowPtr[2], 2u);
  EXPECT_EQ(m.rowPtr[3], 5u);
  EXPECT_EQ(m.listOrder, (std::vector<uint64_t>{1, 3, 2, 0, 4}));
}

TEST(RuntimeConnectivity, FixedProbabilityCountWithinBinomialBound) {
  const uint32_t n = 2000;
  const double p = 0.1;
  ConnectivityRequest req = request(ConnectRule::Kind::FixedProbability, n, n, true, 42);
  req.rule.p = p;
  CsrMatrix m = buildConnectivity(req);
  expectWellFormed(m, n, n); // sorted, no duplicates
  const double pairs = double(n) * (n - 1);
  const double mean = pairs * p, sigma = std::sqrt(pairs * p * (1 - p));
  EXPECT_NEAR(double(m.synapseCount()), mean, 5 * sigma);
  EXPECT_FALSE(hasAutapse(m, n));
  // Row lengths vary (it is not a fixed degree) with about the binomial variance.
  double sum = 0, sumSquares = 0;
  for (uint32_t r = 0; r < n; ++r) {
    double len = double(m.rowPtr[r + 1] - m.rowPtr[r]);
    sum += len;
    sumSquares += len * len;
  }
  const double rowMean = sum / n, rowVar = sumSquares / n - rowMean * rowMean;
  EXPECT_NEAR(rowVar, (n - 1) * p * (1 - p), 0.2 * (n - 1) * p * (1 - p));
}

TEST(RuntimeConnectivity, FixedProbabilityColumnsAreUniform) {
  // Targets should be hit evenly: a chi-square over 10 groups of columns.
  const uint32_t n = 1000;
  ConnectivityRequest req = request(ConnectRule::Kind::FixedProbability, n, n, false, 3);
  req.rule.p = 0.2;
  CsrMatrix m = buildConnectivity(req);
  std::vector<double> groups(10, 0);
  for (uint32_t c : m.col)
    groups[c / 100] += 1;
  const double expected = double(m.synapseCount()) / 10;
  double chiSquare = 0;
  for (double g : groups)
    chiSquare += (g - expected) * (g - expected) / expected;
  EXPECT_LT(chiSquare, 27.88);
}

TEST(RuntimeConnectivity, FixedProbabilityAllowsAutapsesWhenAsked) {
  const uint32_t n = 500;
  ConnectivityRequest req = request(ConnectRule::Kind::FixedProbability, n, n, false, 8);
  req.rule.p = 0.1;
  EXPECT_TRUE(hasAutapse(buildConnectivity(req), n)); // expected 50 of them
}

TEST(RuntimeConnectivity, FixedProbabilityEdgeCasesAreExact) {
  ConnectivityRequest req = request(ConnectRule::Kind::FixedProbability, 50, 40);
  req.rule.p = 0.0;
  CsrMatrix none = buildConnectivity(req);
  expectWellFormed(none, 50, 40);
  EXPECT_EQ(none.synapseCount(), 0u);
  req.rule.p = 1.0;
  CsrMatrix all = buildConnectivity(req);
  expectWellFormed(all, 50, 40);
  EXPECT_EQ(all.synapseCount(), 2000u);
  req = request(ConnectRule::Kind::FixedProbability, 30, 30, true);
  req.rule.p = 1.0;
  EXPECT_EQ(buildConnectivity(req).synapseCount(), 30u * 29u);
}

TEST(RuntimeConnectivity, FixedProbabilityIsDeterministicPerSeedAndRow) {
  ConnectivityRequest req = request(ConnectRule::Kind::FixedProbability, 300, 200, false, 11);
  req.rule.p = 0.05;
  CsrMatrix a = buildConnectivity(req), b = buildConnectivity(req);
  EXPECT_EQ(columns(a), columns(b));
  req.seed = 12;
  EXPECT_NE(columns(a), columns(buildConnectivity(req)));
  // Rows depend only on the row: a network with more rows has the same first rows.
  req.seed = 11;
  req.numSources = 400;
  CsrMatrix bigger = buildConnectivity(req);
  ASSERT_EQ(bigger.rowPtr[300], a.rowPtr[300]);
  for (uint64_t s = 0; s < a.synapseCount(); ++s)
    ASSERT_EQ(bigger.col[s], a.col[s]);
}

TEST(RuntimeConnectivity, FixedIndegreeGivesExactDistinctSources) {
  const uint32_t sources = 300, targets = 200, k = 25;
  ConnectivityRequest req = request(ConnectRule::Kind::FixedIndegree, sources, targets, false, 5);
  req.rule.k = k;
  CsrMatrix m = buildConnectivity(req);
  expectWellFormed(m, sources, targets); // rows sorted: no source twice for a target
  EXPECT_EQ(m.synapseCount(), uint64_t{targets} * k);
  std::vector<uint32_t> indegree(targets, 0);
  for (uint32_t c : m.col)
    ++indegree[c];
  for (uint32_t t = 0; t < targets; ++t)
    EXPECT_EQ(indegree[t], k) << "target " << t;
}

TEST(RuntimeConnectivity, FixedIndegreeWithoutAutapsesUsesAllOthers) {
  // k = N - 1 without autapses: every other neuron, exactly.
  const uint32_t n = 40;
  ConnectivityRequest req = request(ConnectRule::Kind::FixedIndegree, n, n, true, 5);
  req.rule.k = n - 1;
  CsrMatrix m = buildConnectivity(req);
  expectWellFormed(m, n, n);
  EXPECT_EQ(m.synapseCount(), uint64_t{n} * (n - 1));
  EXPECT_FALSE(hasAutapse(m, n));
  // Smaller k: still no autapses, exact in-degree.
  req.rule.k = 7;
  CsrMatrix sparse = buildConnectivity(req);
  EXPECT_FALSE(hasAutapse(sparse, n));
  std::vector<uint32_t> indegree(n, 0);
  for (uint32_t c : sparse.col)
    ++indegree[c];
  for (uint32_t count : indegree)
    EXPECT_EQ(count, 7u);
}

TEST(RuntimeConnectivity, FixedIndegreeSourcesAreUniform) {
  const uint32_t sources = 100, targets = 5000, k = 10;
  ConnectivityRequest req = request(ConnectRule::Kind::FixedIndegree, sources, targets, false, 9);
  req.rule.k = k;
  CsrMatrix m = buildConnectivity(req);
  // Out-degrees of sources: each ~ Binomial(targets, k / sources), mean 500.
  double chiSquare = 0;
  const double expected = double(targets) * k / sources;
  for (uint32_t r = 0; r < sources; ++r) {
    double d = double(m.rowPtr[r + 1] - m.rowPtr[r]);
    chiSquare += (d - expected) * (d - expected) / expected;
  }
  EXPECT_LT(chiSquare, 148.2); // 99 degrees of freedom, p = 0.001
}

TEST(RuntimeConnectivity, FixedOutdegreeGivesExactSortedTargets) {
  const uint32_t sources = 150, targets = 400;
  for (uint32_t k : {3u, 390u}) { // a sparse row (sorting) and a dense row (mark scan)
    ConnectivityRequest req =
        request(ConnectRule::Kind::FixedOutdegree, sources, targets, false, 2);
    req.rule.k = k;
    CsrMatrix m = buildConnectivity(req);
    expectWellFormed(m, sources, targets);
    for (uint32_t r = 0; r < sources; ++r)
      EXPECT_EQ(m.rowPtr[r + 1] - m.rowPtr[r], k);
  }
  ConnectivityRequest req = request(ConnectRule::Kind::FixedOutdegree, 60, 60, true, 2);
  req.rule.k = 20;
  CsrMatrix m = buildConnectivity(req);
  expectWellFormed(m, 60, 60);
  EXPECT_FALSE(hasAutapse(m, 60));
  EXPECT_EQ(m.synapseCount(), 1200u);
}

TEST(RuntimeConnectivity, DegreeRulesAreDeterministicPerSeed) {
  for (auto kind : {ConnectRule::Kind::FixedIndegree, ConnectRule::Kind::FixedOutdegree}) {
    ConnectivityRequest req = request(kind, 100, 100, true, 21);
    req.rule.k = 10;
    CsrMatrix a = buildConnectivity(req), b = buildConnectivity(req);
    EXPECT_EQ(columns(a), columns(b));
    req.seed = 22;
    EXPECT_NE(columns(a), columns(buildConnectivity(req)));
    req.seed = 21;
    req.stream = SNN_STREAM(SNN_STREAM_CONNECT, 1); // another projection
    EXPECT_NE(columns(a), columns(buildConnectivity(req)));
  }
}

TEST(RuntimeConnectivity, DegreeLargerThanCandidatesIsAnError) {
  ConnectivityRequest req = request(ConnectRule::Kind::FixedIndegree, 10, 20);
  req.rule.k = 11;
  try {
    buildConnectivity(req);
    FAIL() << "expected an error";
  } catch (const snn::support::Error &error) {
    EXPECT_EQ(error.kind(), snn::support::Error::Kind::InvalidModel);
    EXPECT_STREQ(error.what(),
                 "projection 'E->E': fixed_indegree k = 11 exceeds the 10 available sources");
  }
  req = request(ConnectRule::Kind::FixedOutdegree, 10, 10, true);
  req.rule.k = 10; // only 9 candidates without autapses
  try {
    buildConnectivity(req);
    FAIL() << "expected an error";
  } catch (const snn::support::Error &error) {
    EXPECT_NE(std::string(error.what()).find("exceeds the 9 available targets (autapses excluded)"),
              std::string::npos)
        << error.what();
  }
  req.rule.k = 9;
  EXPECT_EQ(buildConnectivity(req).synapseCount(), 90u);
}

TEST(RuntimeConnectivity, EmptyPopulations) {
  ConnectivityRequest req = request(ConnectRule::Kind::FixedProbability, 0, 10);
  req.rule.p = 0.5;
  CsrMatrix m = buildConnectivity(req);
  EXPECT_EQ(m.rowPtr.size(), 1u);
  EXPECT_EQ(m.synapseCount(), 0u);
  req = request(ConnectRule::Kind::FixedOutdegree, 10, 0);
  req.rule.k = 0;
  EXPECT_EQ(buildConnectivity(req).synapseCount(), 0u);
}

} // namespace
