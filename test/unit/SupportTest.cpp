// SupportTest.cpp: the shared semantics of support/ against hand-computed values: the step
// rounding rule, the fixed-point operations of the chip targets (signs, halves, bounds), Lava's
// weight storage rule, the quantizer, and the target descriptions (every built-in file parses,
// bad fields are named, writing and reading back gives the same description).
#include "support/FixedPoint.h"
#include "support/Steps.h"
#include "support/TargetDesc.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace snn::support;

namespace {

TEST(SupportSteps, NearestWithHalvesUpAndSlack) {
  EXPECT_EQ(timeToSteps(0.15e-3, 0.1e-3), 2);  // 1.4999999999999998 in binary
  EXPECT_EQ(timeToSteps(0.25e-3, 0.1e-3), 3);  // a true half rounds up
  EXPECT_EQ(timeToSteps(0.24e-3, 0.1e-3), 2);
  EXPECT_EQ(nearestStep(-0.5), 0);
  EXPECT_FALSE(offGrid(15.000000000001));
  EXPECT_TRUE(offGrid(15.4));
  EXPECT_EQ(timeToStepsClipped(1.0, 0.1, 0, 5), 5);
  EXPECT_EQ(timeToStepsClipped(-1.0, 0.1, 0, 5), 0);
  EXPECT_EQ(timeToStepsClipped(NAN, 0.1, 0, 5), 0);
}

TEST(SupportFixedPoint, DecayTruncatesTowardZero) {
  // Loihi: u * (4096 - du - 1) >> 12 on the magnitude.
  EXPECT_EQ(fx::decayTrunc(640, 4096 - 2501, 12), 249); // 249.2
  EXPECT_EQ(fx::decayTrunc(-640, 4096 - 2501, 12), -249);
  EXPECT_EQ(fx::decayTrunc(-5, 3, 1), -7); // -7.5 toward zero, not floor (-8)
  EXPECT_EQ(fx::decayTrunc(5, 3, 1), 7);
  EXPECT_EQ(fx::decayTrunc(1, 4095, 12), 0);
  EXPECT_EQ(fx::decayTrunc((1 << 23) - 1, 4096, 12), (1 << 23) - 1); // factor 1
}

TEST(SupportFixedPoint, ShiftFloorsNegativeSums) {
  EXPECT_EQ(fx::shiftFloor(-7, -1), -4); // Lava: -7 >> 1 = -4
  EXPECT_EQ(fx::shiftFloor(7, -1), 3);
  EXPECT_EQ(fx::shiftFloor(-1, -7), -1);
  EXPECT_EQ(fx::shiftFloor(-3, 2), -12);
  EXPECT_EQ(fx::shiftFloor(255, 7), 32640);
}

TEST(SupportFixedPoint, WrapSaturate) {
  const int64_t H = int64_t(1) << 23;
  EXPECT_EQ(fx::wrap(H, 24), -H);
  EXPECT_EQ(fx::wrap(H - 1, 24), H - 1);
  EXPECT_EQ(fx::wrap(-H - 1, 24), H - 1);
  EXPECT_EQ(fx::wrap(3 * H, 24), -H);
  // Lava's u: one correction, 2^23 itself kept, -2^23 moved up.
  EXPECT_EQ(fx::wrapOnce(H, 24), H);
  EXPECT_EQ(fx::wrapOnce(H + 1, 24), -H + 1);
  EXPECT_EQ(fx::wrapOnce(-H, 24), H);
  EXPECT_EQ(fx::wrapOnce(12534 * 1000, 24), 12534000 - 2 * H);
  EXPECT_EQ(fx::saturate(H, 24), H - 1);
  EXPECT_EQ(fx::saturate(-H, 24), -(H - 1));
  EXPECT_EQ(fx::saturate(-5, 24), -5);
  EXPECT_EQ(fx::overflow(H + 1, 24, Overflow::WrapOnce), -H + 1);
}

TEST(SupportFixedPoint, RoundingAndProducts) {
  EXPECT_EQ(fx::roundHalfAway(2.5), 3);
  EXPECT_EQ(fx::roundHalfAway(-2.5), -3);
  EXPECT_EQ(fx::roundHalfAway(2.4999), 2);
  EXPECT_EQ(fx::mulRound(3 << 15, 1 << 14, 15), 3 << 14); // 3 * 0.5
  EXPECT_EQ(fx::mulRound(1, 1 << 14, 15), 1);             // 0.5 rounds up
  EXPECT_EQ(fx::mulRound(-1, 1 << 14, 15), 0);            // -0.5 rounds up
}

TEST(SupportFixedPoint, LoihiStoredWeights) {
  // Lava's clip_weights and truncate_weights (8-bit weights).
  EXPECT_EQ(fx::loihiStoredWeight(3, SignMode::Mixed, 8), 2);
  EXPECT_EQ(fx::loihiStoredWeight(-3, SignMode::Mixed, 8), -4);
  EXPECT_EQ(fx::loihiStoredWeight(-300, SignMode::Mixed, 8), -256);
  EXPECT_EQ(fx::loihiStoredWeight(300, SignMode::Mixed, 8), 254);
  EXPECT_EQ(fx::loihiStoredWeight(-5, SignMode::Excitatory, 8), 0);
  EXPECT_EQ(fx::loihiStoredWeight(255, SignMode::Excitatory, 6), 252);
  EXPECT_EQ(fx::loihiStoredWeight(-7, SignMode::Inhibitory, 6), -4); // magnitude floored
  EXPECT_EQ(fx::loihiStoredWeight(9, SignMode::Inhibitory, 8), 0);
  EXPECT_EQ(fx::loihiStoredWeight(-77, SignMode::Mixed, 7), -80);
}

TEST(SupportFixedPoint, Quantizer) {
  fx::Quantizer Q;
  Q.Scale = 0.5;
  Q.Step = 2;
  Q.Lo = -256;
  Q.Hi = 254;
  EXPECT_EQ(Q(1.0), 2);     // 2 units: a multiple of the step
  EXPECT_EQ(Q(1.4), 2);     // 2.8 units -> 1.4 steps -> 1 step
  EXPECT_EQ(Q(1.6), 4);     // 1.6 steps -> 2 steps
  EXPECT_EQ(Q(-1.5), -4);   // -1.5 steps -> -2 (halves away from zero)
  EXPECT_EQ(Q(1000.0), 254);
  EXPECT_EQ(Q(-1000.0), -256);
  Q.Offset = 0.01;
  Q.Scale = 0.001;
  Q.Step = 1;
  EXPECT_EQ(Q(0.02), 10);   // (0.02 - 0.01) / 0.001
  EXPECT_EQ(Q(NAN), 0);
}

std::string readFile(const std::filesystem::path &P) {
  std::ifstream F(P);
  std::stringstream S;
  S << F.rdbuf();
  return S.str();
}

TEST(SupportTargetDesc, BuiltinTargetsParseAndRoundTrip) {
  std::filesystem::path Dir = SNNC_SOURCE_TARGETS_DIR;
  int Count = 0;
  for (const auto &E : std::filesystem::directory_iterator(Dir)) {
    if (E.path().extension() != ".json")
      continue;
    TargetDescErrors Errors;
    auto T = parseTargetDesc(readFile(E.path()), Errors);
    ASSERT_TRUE(T) << E.path() << ": " << (Errors.empty() ? "" : Errors.Items[0].Message);
    EXPECT_EQ(T->Name + ".json", E.path().filename().string());
    TargetDescErrors Again;
    auto U = parseTargetDesc(targetDescToJson(*T), Again);
    ASSERT_TRUE(U) << E.path();
    EXPECT_EQ(targetDescToJson(*U), targetDescToJson(*T));
    ++Count;
  }
  EXPECT_GE(Count, 2);
}

TEST(SupportTargetDesc, LoihiLimitsAreData) {
  TargetDescErrors Errors;
  auto T = parseTargetDesc(readFile(std::filesystem::path(SNNC_SOURCE_TARGETS_DIR) / "loihi.json"),
                           Errors);
  ASSERT_TRUE(T);
  EXPECT_TRUE(T->isChip());
  EXPECT_EQ(T->Family, NeuronFamily::LoihiCubaLif);
  EXPECT_EQ(T->MaxDelaySteps, 62);
  EXPECT_EQ(T->MaxNeuronsPerCore, 1024u);
  EXPECT_EQ(T->CoresPerChip, 128u);
  EXPECT_EQ(T->SynapseMemoryBits, 1048576u);
  EXPECT_EQ(T->WeightExpMin, -7);
  EXPECT_EQ(T->Loihi.UOverflow, Overflow::WrapOnce);
  EXPECT_EQ(T->Loihi.Cmp, Compare::Greater);
}

TEST(SupportTargetDesc, ErrorsNameTheField) {
  TargetDescErrors E;
  EXPECT_FALSE(parseTargetDesc(R"({"name": "x", "backend": "chip", "core": {"max_neurons": -1}})",
                               E));
  ASSERT_FALSE(E.empty());
  EXPECT_EQ(E.Items[0].Message,
            "'core.max_neurons' must be an integer from 1 to 1000000000, got -1");
  TargetDescErrors S;
  EXPECT_FALSE(parseTargetDesc("{\"name\": }", S));
  ASSERT_EQ(S.Items.size(), 1u);
  EXPECT_EQ(S.Items[0].Offset, 9);
  TargetDescErrors U;
  EXPECT_FALSE(parseTargetDesc(R"({"name": "x", "backend": "native", "delay": {}})", U));
  ASSERT_EQ(U.Items.size(), 1u);
  EXPECT_EQ(U.Items[0].Message, "unknown field 'delay'; did you mean 'delays'?");
}

} // namespace
