// Unit algebra: dimensions, unit names with prefixes, printing and suggestions.
#include "ir/Reader.h"
#include "ir/Units.h"

#include <gtest/gtest.h>

using namespace snn;

TEST(Units, DerivedDimensionsAreConsistent) {
  // ohm * A = V, S = 1/ohm, F * ohm = s, V / ohm = A
  EXPECT_EQ(Dim::ohm() * Dim::ampere(), Dim::volt());
  EXPECT_EQ(Dim::siemens() * Dim::ohm(), Dim());
  EXPECT_EQ(Dim::farad() * Dim::ohm(), Dim::time());
  EXPECT_EQ(Dim::volt() / Dim::ohm(), Dim::ampere());
  EXPECT_EQ(Dim::hertz() * Dim::time(), Dim());
  EXPECT_TRUE(Dim().isDimensionless());
  EXPECT_FALSE(Dim::volt().isDimensionless());
}

TEST(Units, PowersAndRoots) {
  Dim V2 = Dim::volt().pow(2);
  ASSERT_TRUE(V2.root(2).has_value());
  EXPECT_EQ(*V2.root(2), Dim::volt());
  EXPECT_FALSE(Dim::volt().root(2).has_value());
  EXPECT_EQ(Dim::time().pow(-1), Dim::hertz());
}

TEST(Units, PrefixedNamesScaleToSI) {
  struct Case {
    const char *Name;
    double Scale;
    Dim D;
  } Cases[] = {{"ms", 1e-3, Dim::time()},       {"us", 1e-6, Dim::time()},
               {"mV", 1e-3, Dim::volt()},       {"nA", 1e-9, Dim::ampere()},
               {"pA", 1e-12, Dim::ampere()},    {"nS", 1e-9, Dim::siemens()},
               {"uS", 1e-6, Dim::siemens()},    {"pF", 1e-12, Dim::farad()},
               {"nF", 1e-9, Dim::farad()},      {"Mohm", 1e6, Dim::ohm()},
               {"GOhm", 1e9, Dim::ohm()},       {"kHz", 1e3, Dim::hertz()},
               {"Hz", 1.0, Dim::hertz()},       {"1", 1.0, Dim()}};
  for (const Case &C : Cases) {
    auto U = lookupUnit(C.Name);
    ASSERT_TRUE(U.has_value()) << C.Name;
    EXPECT_DOUBLE_EQ(U->Scale, C.Scale) << C.Name;
    EXPECT_EQ(U->D, C.D) << C.Name;
  }
  EXPECT_FALSE(lookupUnit("mv").has_value());
  EXPECT_FALSE(lookupUnit("meter").has_value());
}

TEST(Units, PrintsReadableNames) {
  EXPECT_EQ(Dim::volt().str(), "V");
  EXPECT_EQ((Dim::volt() / Dim::time()).str(), "V/s");
  EXPECT_EQ(Dim::hertz().str(), "Hz");
  EXPECT_EQ(Dim().str(), "1");
  EXPECT_EQ((Dim::ampere() * Dim::ampere()).str(), "A^2");
  EXPECT_EQ((Dim::volt() / Dim::time().pow(2)).str(), "V/s^2");
  EXPECT_EQ((Dim::volt() * Dim::time()).str(), "V*s");
  EXPECT_EQ((Dim::siemens() / Dim::farad()).str(), "Hz");
  EXPECT_EQ((Dim::ampere() / Dim::farad()).str(), "V/s");
}

TEST(Units, PrintedNamesReadBack) {
  Dim Cases[] = {Dim::volt(),
                 Dim::volt() / Dim::time(),
                 Dim::ampere().pow(2),
                 Dim::siemens() / Dim::farad(),
                 Dim::base(Dim::Kelvin) * Dim::base(Dim::Mole, -2),
                 Dim()};
  for (const Dim &D : Cases) {
    auto R = ir::parseDimString(D.str());
    ASSERT_TRUE(R.has_value()) << D.str();
    EXPECT_EQ(*R, D) << D.str();
  }
}

TEST(Units, SuggestsTheIntendedUnit) {
  EXPECT_EQ(suggestUnit("mv"), "mV");
  EXPECT_EQ(suggestUnit("MHZ"), "MHz");
  EXPECT_EQ(suggestUnit("kohms"), "kohm");
  EXPECT_EQ(suggestUnit("nAA"), "nA");
  EXPECT_EQ(suggestUnit("zzzzzz"), "");
}

TEST(Units, DisplayUnits) {
  EXPECT_EQ(displayUnitFor(Dim::volt()).Name, "mV");
  EXPECT_DOUBLE_EQ(displayUnitFor(Dim::volt()).Scale, 1e-3);
  EXPECT_EQ(displayUnitFor(Dim()).Name, "1");
}
