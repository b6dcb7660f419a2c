//===- test/unit/KeyRoutingTest.cpp - SpiNNaker-style key/mask routing ---------------------===//
#include "support/KeyRouting.h"
#include "support/TargetDesc.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace snn::support;
using namespace snn::support::routing;

namespace {

TargetDesc spinnaker() {
  std::ifstream In(std::filesystem::path(SNNC_SOURCE_TARGETS_DIR) / "spinnaker.json");
  std::stringstream S;
  S << In.rdbuf();
  TargetDescErrors E;
  auto T = parseTargetDesc(S.str(), E);
  EXPECT_TRUE(T);
  return *T;
}

unsigned chipAt(const TargetDesc &T, int X, int Y) {
  for (unsigned C = 0; C < T.Chips; ++C)
    if (T.chipPosition(C) == std::make_pair(X, Y))
      return C;
  ADD_FAILURE() << "no chip at " << X << ", " << Y;
  return 0;
}

} // namespace

TEST(KeyRouting, KeyLayoutIsXYCoreNeuron) {
  EXPECT_EQ(keyOf(3, 5, 7, 9), 0x03053809u);
  EXPECT_EQ(keyOf(7, 7, 16, 2047), 0x070787FFu);
}

TEST(KeyRouting, CoverIsExactAlignedBlocks) {
  using Blocks = std::vector<std::pair<uint32_t, uint32_t>>;
  EXPECT_EQ(coverIndices({0, 1, 2, 3, 4, 5}), (Blocks{{0, 4}, {4, 2}}));
  EXPECT_EQ(coverIndices({3, 4, 5, 6, 7, 8}), (Blocks{{3, 1}, {4, 4}, {8, 1}}));
  EXPECT_EQ(coverIndices({1, 3}), (Blocks{{1, 1}, {3, 1}}));
  EXPECT_EQ(coverIndices({}), Blocks{});
}

TEST(KeyRouting, TreeHasEntriesOnlyWhereThePacketTurnsOrStops) {
  TargetDesc T = spinnaker();
  ASSERT_EQ(T.Chips, 48u);
  const unsigned Src = chipAt(T, 0, 0), Far = chipAt(T, 7, 7), East = chipAt(T, 4, 0);
  Multicast M{Src, keyOf(0, 0, 2, 0), 0xFFFFF800u, {{Far, 3}, {East, 1}}};
  std::string Error;
  auto Tables = buildTables(T, {M}, Error);
  ASSERT_EQ(Error, "");
  size_t Entries = 0;
  for (const auto &Tb : Tables)
    Entries += Tb.size();
  // The source (north-east and east), and the two ends; the chips between pass it straight on.
  EXPECT_EQ(Entries, 3u);
  ASSERT_EQ(Tables[Src].size(), 1u);
  EXPECT_EQ(Tables[Src][0].Route, (1u << 0) | (1u << 1));
  EXPECT_EQ(Tables[Far][0].Route, 1u << (NumLinks + 3));
  for (uint32_t N : {0u, 5u, 2047u}) {
    auto Reached = walk(T, Tables, Src, keyOf(0, 0, 2, N), Error);
    EXPECT_EQ(Error, "");
    EXPECT_EQ(Reached, (std::vector<std::pair<unsigned, unsigned>>{
                           std::minmax(std::make_pair(Far, 3u), std::make_pair(East, 1u)).first,
                           std::minmax(std::make_pair(Far, 3u), std::make_pair(East, 1u)).second}));
  }
  // A key of another core matches nothing where it is sent.
  walk(T, Tables, Src, keyOf(0, 0, 3, 0), Error);
  EXPECT_NE(Error.find("matches no entry of chip"), std::string::npos);
}

TEST(KeyRouting, PathsStayOnTheBoardAndReachEveryChip) {
  TargetDesc T = spinnaker();
  // From every chip to every other: one multicast each, walked back.
  std::vector<Multicast> All;
  for (unsigned S = 0; S < T.Chips; ++S) {
    Multicast M{S, keyOf(T.chipPosition(S).first, T.chipPosition(S).second, 1, 0), 0xFFFFF800u,
                {}};
    for (unsigned D = 0; D < T.Chips; ++D)
      M.Targets.push_back({D, 5});
    All.push_back(M);
  }
  std::string Error;
  auto Tables = buildTables(T, All, Error);
  ASSERT_EQ(Error, "");
  for (const Multicast &M : All) {
    auto Reached = walk(T, Tables, M.Chip, M.Key | 17, Error);
    ASSERT_EQ(Error, "");
    EXPECT_EQ(Reached.size(), T.Chips);
  }
}

TEST(KeyRouting, CompressionMergesOnlyWhatRoutesAlike) {
  TargetDesc T = spinnaker();
  std::vector<Entry> Table = {{keyOf(0, 0, 0, 0), 0xFFFFF800u, 0x40},
                              {keyOf(0, 0, 1, 0), 0xFFFFF800u, 0x40},
                              {keyOf(0, 0, 2, 0), 0xFFFFF800u, 0x40},
                              {keyOf(0, 0, 3, 0), 0xFFFFF800u, 0x40},
                              {keyOf(0, 0, 4, 0), 0xFFFFF800u, 0x80}};
  std::vector<std::vector<Entry>> Before(T.Chips), After(T.Chips);
  Before[0] = Table;
  compress(Table);
  After[0] = Table;
  ASSERT_EQ(Table.size(), 2u);
  EXPECT_EQ(Table[0], (Entry{0, 0xFFFFE000u, 0x40}));
  EXPECT_EQ(Table[1], (Entry{keyOf(0, 0, 4, 0), 0xFFFFF800u, 0x80}));
  std::string E1, E2;
  for (unsigned P = 0; P < 8; ++P)
    EXPECT_EQ(walk(T, Before, 0, keyOf(0, 0, P, 7), E1), walk(T, After, 0, keyOf(0, 0, P, 7), E2));
}
