//===- ir/Units.h - physical dimensions and unit names --------------------------------------===//
//
// A Dim is a vector of integer exponents over the SI base dimensions (m, kg, s, A, K, mol, cd).
// Every quantity in snnc is stored as an SI value (a double) plus a Dim; unit names with prefixes
// (`ms`, `mV`, `nS`, `GOhm`, `kHz`, ...) are looked up here and give a scale to SI.
//
// Guarantees: lookupUnit() knows exactly the units documented in docs/language.md; Dim::str()
// gives a readable name ("V", "V/s", "A*ohm", "kg*m^2*s^-3*A^-1") that lookupUnit() accepts
// back when it is a plain product of units, so diagnostics name units the way users write them.
//
//===----------------------------------------------------------------------------------------===//
#ifndef SNNC_IR_UNITS_H
#define SNNC_IR_UNITS_H

#include "llvm/ADT/StringRef.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace snn {

class Dim {
public:
  enum Base { Metre, Kilogram, Second, Ampere, Kelvin, Mole, Candela, NumBase };

  Dim() { E.fill(0); }
  static Dim none() { return Dim(); }
  static Dim base(Base B, int Exp = 1) {
    Dim D;
    D.E[B] = static_cast<int8_t>(Exp);
    return D;
  }
  static Dim time() { return base(Second); }
  static Dim volt();
  static Dim ampere() { return base(Ampere); }
  static Dim siemens();
  static Dim farad();
  static Dim ohm();
  static Dim hertz() { return base(Second, -1); }

  bool isDimensionless() const {
    for (int8_t X : E)
      if (X)
        return false;
    return true;
  }
  int exponent(Base B) const { return E[B]; }

  Dim operator*(const Dim &O) const;
  Dim operator/(const Dim &O) const;
  /// Raises to an integer power.
  Dim pow(int N) const;
  /// The N-th root, if every exponent is divisible by N.
  std::optional<Dim> root(int N) const;
  bool operator==(const Dim &O) const { return E == O.E; }
  bool operator!=(const Dim &O) const { return E != O.E; }

  /// A readable unit name: "1" for dimensionless, "V", "V/s", "kg*m^2*s^-3*A^-1".
  std::string str() const;

private:
  std::array<int8_t, NumBase> E;
};

/// A unit known to the language: its name, its scale to SI and its dimension.
struct UnitInfo {
  std::string Name;
  double Scale;
  Dim D;
};

/// Looks up a unit name such as "ms", "mV", "GOhm", "kHz", "1". Returns nothing if unknown.
std::optional<UnitInfo> lookupUnit(llvm::StringRef Name);

/// Every unit name the language accepts (for suggestions and documentation).
const std::vector<std::string> &allUnitNames();

/// The closest known unit name to a misspelled one ("mv" -> "mV"), or "" when nothing is close.
std::string suggestUnit(llvm::StringRef Name);

/// The display unit for values of dimension D: a prefixed unit that keeps typical neuroscience
/// values near 1 ("mV" for volts, "ms" for seconds, "nA" for amperes ...). As for every UnitInfo,
/// Scale is the SI value of one display unit (display value = SI value / Scale).
/// Dimensionless and unknown dimensions use SI, scale 1.
UnitInfo displayUnitFor(const Dim &D);

/// "1.5 ms": a time in the unit that reads best (s, ms or us), with `Digits` significant digits.
std::string formatTime(double Seconds, int Digits = 12);

} // namespace snn

#endif
