//===- test/unit/MappingTest.cpp - the mapping's cost model and partitioners ---------------===//
//
// Small hypergraphs built by hand, whose costs can be counted on paper (docs/mapping.md).
//
//===----------------------------------------------------------------------------------------===//
#include "passes/Mapping.h"

#include <gtest/gtest.h>

using namespace snn::mapping;

namespace {

/// A hypergraph of Atoms one-neuron atoms of population 0 and the given nets:
/// (source atom or NoVertex, rate, target atoms).
Hypergraph make(uint32_t Atoms,
                const std::vector<std::tuple<uint32_t, double, std::vector<uint32_t>>> &Nets) {
  Hypergraph H;
  for (uint32_t V = 0; V < Atoms; ++V) {
    H.Neurons.push_back(1);
    H.Group.push_back(0);
    H.Pop.push_back(0);
    H.First.push_back(V);
  }
  H.PinStart.push_back(0);
  for (const auto &[Src, Rate, Pins] : Nets) {
    H.Source.push_back(Src);
    H.SourceNeuron.push_back(Src == NoVertex ? 0 : Src);
    H.Rate.push_back(Rate);
    H.WeightBits.push_back(8);
    H.Projection.push_back(0);
    for (uint32_t P : Pins) {
      H.Pins.push_back(P);
      H.PinSyn.push_back(1);
    }
    H.PinStart.push_back(H.Pins.size());
  }
  H.finish();
  return H;
}

/// Two clusters {0, 2, 4, 6} and {1, 3, 5, 7} (interleaved in index order): every atom sends
/// to the other three of its cluster at 10 Hz.
Hypergraph clusters() {
  std::vector<std::tuple<uint32_t, double, std::vector<uint32_t>>> Nets;
  for (uint32_t V = 0; V < 8; ++V) {
    std::vector<uint32_t> To;
    for (uint32_t U = V % 2; U < 8; U += 2)
      if (U != V)
        To.push_back(U);
    Nets.push_back({V, 10.0, To});
  }
  return make(8, Nets);
}

CoreLimits fourNeurons() {
  CoreLimits L;
  L.Neurons = 4;
  return L;
}

} // namespace

TEST(Mapping, TrafficCountsRemoteCoresPerSourceNeuron) {
  // Atom 0 sends to 1 and 2 at 10 Hz; the host sends to 1 and 2 at 5 Hz.
  Hypergraph H = make(3, {{0, 10.0, {1, 2}}, {NoVertex, 5.0, {1, 2}}});
  Partition Together{{0, 0, 0}, 1};
  EXPECT_EQ(traffic(H, Together, 1).Messages, 5.0); // the host's one message
  Partition Apart{{0, 0, 1}, 2};
  // 10 Hz to core 1 (core 0 is the source's own); the host's spike to both cores.
  EXPECT_EQ(traffic(H, Apart, 1).Messages, 10.0 + 2 * 5.0);
  // Edge cut: atom 0's synapse onto atom 2 crossed, and both of the host's.
  EXPECT_EQ(traffic(H, Apart, 1).CutSynapseEvents, 10.0 + 2 * 5.0);
  EXPECT_EQ(traffic(H, Together, 1).CutSynapseEvents, 2 * 5.0);
  Partition Alone{{0, 1, 2}, 3};
  EXPECT_EQ(traffic(H, Alone, 1).Messages, 2 * 10.0 + 2 * 5.0);
}

TEST(Mapping, UsageCountsAxonsAsTheCoresWillHoldThem) {
  Hypergraph H = make(3, {{0, 10.0, {1, 2}}, {NoVertex, 5.0, {1, 2}}});
  CoreLimits L;
  std::vector<PartUsage> U = usage(H, Partition{{0, 0, 1}, 2}, L);
  EXPECT_EQ(U[0].Neurons, 2u);
  EXPECT_EQ(U[0].InAxons, 2u);  // both nets reach atom 1 on core 0
  EXPECT_EQ(U[1].InAxons, 2u);
  EXPECT_EQ(U[0].OutAxons, 2u); // atom 0's net reaches cores 0 and 1
  EXPECT_EQ(U[1].OutAxons, 0u);
  L.InAxons = 1;
  EXPECT_STREQ(brokenLimit(U[0], L), "in-axons");
}

TEST(Mapping, LowerBoundNamesTheBindingResource) {
  Hypergraph H = clusters();
  std::string Binding;
  EXPECT_EQ(lowerBound(H, fourNeurons(), &Binding), 2u);
  EXPECT_EQ(Binding, "neurons");
  CoreLimits L = fourNeurons();
  L.InAxons = 2; // 8 nets x 3 pins = 24 (net, atom) pins; each core sees at most 2 nets
  EXPECT_GE(lowerBound(H, L, &Binding), 3u);
}

TEST(Mapping, ConnectedPartitionFindsTheClustersThatIndexOrderSplits) {
  Hypergraph H = clusters();
  std::string Why;
  PartitionOptions O;
  O.MaxParts = 4;
  std::optional<Partition> P = partitionConnected(H, fourNeurons(), O, Why);
  ASSERT_TRUE(P) << Why;
  EXPECT_EQ(P->Parts, 2u);
  EXPECT_EQ(traffic(H, *P, 1).Messages, 0.0);
  for (uint32_t V = 2; V < 8; ++V)
    EXPECT_EQ(P->PartOf[V], P->PartOf[V % 2]);
  std::optional<Partition> Q = partitionInOrder(H, fourNeurons(), Why);
  ASSERT_TRUE(Q);
  EXPECT_EQ(Q->Parts, 2u);
  // In order: every atom has its 3 cluster mates split 1 / 2 over the cores: 10 Hz each.
  EXPECT_EQ(traffic(H, *Q, 1).Messages, 8 * 10.0);
}

TEST(Mapping, RefinementImprovesWithinTheLimits) {
  Hypergraph H = clusters();
  // One atom of each cluster on the other's core: moving each home gains 40 Hz. Refinement
  // moves one atom at a time with a positive gain, so it needs room: cores of 5 neurons.
  CoreLimits L;
  L.Neurons = 5;
  Partition P{{0, 0, 0, 1, 0, 1, 1, 1}, 2};
  const double Before = traffic(H, P, 1).Messages;
  const double Gain = refine(H, L, P, 8, 1);
  EXPECT_EQ(Before, 80.0);
  EXPECT_DOUBLE_EQ(Gain, 80.0);
  EXPECT_EQ(traffic(H, P, 1).Messages, 0.0);
  for (const PartUsage &U : usage(H, P, L))
    EXPECT_LE(U.Neurons, 5u);
  // At full cores no single move is allowed (there are no swaps): it keeps what it has.
  Partition Full{{0, 0, 0, 1, 0, 1, 1, 1}, 2};
  EXPECT_EQ(refine(H, fourNeurons(), Full, 8, 1), 0.0);
  EXPECT_EQ(Full.PartOf, (std::vector<uint32_t>{0, 0, 0, 1, 0, 1, 1, 1}));
}

TEST(Mapping, RefinementRepairsACoreOverItsLimit) {
  Hypergraph H = clusters();
  Partition P{{0, 0, 0, 0, 0, 0, 1, 1}, 2}; // 6 neurons on core 0
  refine(H, fourNeurons(), P, 8, 1);
  for (const PartUsage &U : usage(H, P, fourNeurons()))
    EXPECT_LE(U.Neurons, 4u);
}

TEST(Mapping, RelaysWhereANeuronReachesMoreCoresThanAllowed) {
  // Atom 0 reaches cores 1 and 2; atom 1 reaches core 2 only.
  Hypergraph H = make(4, {{0, 1.0, {1, 2}}, {1, 1.0, {2}}});
  Partition P{{0, 1, 2, 2}, 3};
  // Every neuron of the population is relayed once one is: 2 + 1 targets.
  EXPECT_EQ(relaysNeeded(H, P, 1), 3u);
  EXPECT_EQ(relaysNeeded(H, P, 2), 0u);
  EXPECT_EQ(relaysNeeded(H, P, 0), 0u);
}
