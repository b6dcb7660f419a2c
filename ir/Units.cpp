//===- ir/Units.cpp - physical dimensions and unit names ------------------------------------===//
//
// The unit table: base symbols (s, V, A, S, F, ohm/Ohm, Hz, C) combined with SI prefixes
// (p, n, u, m, k, M, G). Everything else about units (checking expressions) is in the frontend.
//
//===----------------------------------------------------------------------------------------===//
#include "ir/Units.h"

#include <cstdio>

#include "llvm/ADT/StringMap.h"

#include <cmath>
#include <map>

namespace snn {

Dim Dim::volt() {
  // V = kg m^2 s^-3 A^-1
  return base(Kilogram) * base(Metre, 2) * base(Second, -3) * base(Ampere, -1);
}
Dim Dim::siemens() { return ohm().pow(-1); }
Dim Dim::farad() {
  // F = C / V = A s / V
  return base(Ampere) * base(Second) / volt();
}
Dim Dim::ohm() { return volt() / base(Ampere); }

Dim Dim::operator*(const Dim &O) const {
  Dim R;
  for (int I = 0; I < NumBase; ++I)
    R.E[I] = static_cast<int8_t>(E[I] + O.E[I]);
  return R;
}
Dim Dim::operator/(const Dim &O) const {
  Dim R;
  for (int I = 0; I < NumBase; ++I)
    R.E[I] = static_cast<int8_t>(E[I] - O.E[I]);
  return R;
}
Dim Dim::pow(int N) const {
  Dim R;
  for (int I = 0; I < NumBase; ++I)
    R.E[I] = static_cast<int8_t>(E[I] * N);
  return R;
}
std::optional<Dim> Dim::root(int N) const {
  Dim R;
  for (int I = 0; I < NumBase; ++I) {
    if (E[I] % N != 0)
      return std::nullopt;
    R.E[I] = static_cast<int8_t>(E[I] / N);
  }
  return R;
}

namespace {

struct BaseUnit {
  const char *Symbol;
  Dim D;
  bool Prefixable;
};

const std::vector<BaseUnit> &baseUnits() {
  static const std::vector<BaseUnit> Units = {
      {"s", Dim::time(), true},      {"V", Dim::volt(), true},     {"A", Dim::ampere(), true},
      {"S", Dim::siemens(), true},   {"F", Dim::farad(), true},    {"ohm", Dim::ohm(), true},
      {"Ohm", Dim::ohm(), true},     {"Hz", Dim::hertz(), true},
      {"C", Dim::base(Dim::Ampere) * Dim::time(), true},
  };
  return Units;
}

struct Prefix {
  const char *Symbol;
  double Scale;
};
const Prefix Prefixes[] = {{"p", 1e-12}, {"n", 1e-9}, {"u", 1e-6}, {"m", 1e-3},
                           {"k", 1e3},   {"M", 1e6},  {"G", 1e9}};

const llvm::StringMap<UnitInfo> &unitTable() {
  static const llvm::StringMap<UnitInfo> Table = [] {
    llvm::StringMap<UnitInfo> T;
    T["1"] = {"1", 1.0, Dim()};
    for (const BaseUnit &B : baseUnits()) {
      T[B.Symbol] = {B.Symbol, 1.0, B.D};
      if (!B.Prefixable)
        continue;
      for (const Prefix &P : Prefixes) {
        std::string N = std::string(P.Symbol) + B.Symbol;
        T[N] = {N, P.Scale, B.D};
      }
    }
    return T;
  }();
  return Table;
}

/// Named dimensions used when printing, in order of preference.
const std::vector<std::pair<std::string, Dim>> &namedDims() {
  static const std::vector<std::pair<std::string, Dim>> N = {
      {"s", Dim::time()},   {"V", Dim::volt()},  {"A", Dim::ampere()}, {"S", Dim::siemens()},
      {"F", Dim::farad()},  {"ohm", Dim::ohm()}, {"Hz", Dim::hertz()},
      {"C", Dim::base(Dim::Ampere) * Dim::time()},
  };
  return N;
}

unsigned editDistance(llvm::StringRef A, llvm::StringRef B) {
  return A.edit_distance(B, /*AllowReplacements=*/true);
}

} // namespace

std::string Dim::str() const {
  if (isDimensionless())
    return "1";
  for (const auto &[Name, D] : namedDims())
    if (D == *this)
      return Name;
  // A named unit times a power of seconds ("V/s", "V/s^2", "A*s"): the forms of derivatives
  // and integrals. Hz is not used in combinations ("V*s", not "V/Hz").
  for (const auto &[A, DA] : namedDims()) {
    if (A == "Hz")
      continue;
    for (int K = 1; K <= 3; ++K) {
      std::string P = K == 1 ? "s" : "s^" + std::to_string(K);
      if (DA / Dim::time().pow(K) == *this)
        return A + "/" + P;
      if (DA * Dim::time().pow(K) == *this)
        return A + "*" + P;
    }
  }
  for (const auto &[A, DA] : namedDims())
    for (int P = 2; P <= 3; ++P)
      if (DA.pow(P) == *this)
        return A + "^" + std::to_string(P);
  // One named unit divided or multiplied by another ("V/ohm" is A above; "S/F", "A*ohm").
  for (const auto &[A, DA] : namedDims())
    for (const auto &[B, DB] : namedDims())
      if (A != "Hz" && B != "Hz" && DA / DB == *this)
        return A + "/" + B;
  for (const auto &[A, DA] : namedDims())
    for (const auto &[B, DB] : namedDims())
      if (A != "Hz" && B != "Hz" && DA * DB == *this)
        return A + "*" + B;
  // Base-unit form.
  static const char *BaseNames[] = {"m", "kg", "s", "A", "K", "mol", "cd"};
  std::string S;
  for (int I = 0; I < NumBase; ++I) {
    if (!E[I])
      continue;
    if (!S.empty())
      S += "*";
    S += BaseNames[I];
    if (E[I] != 1)
      S += "^" + std::to_string(E[I]);
  }
  return S;
}

std::optional<UnitInfo> lookupUnit(llvm::StringRef Name) {
  auto It = unitTable().find(Name);
  if (It == unitTable().end())
    return std::nullopt;
  return It->second;
}

const std::vector<std::string> &allUnitNames() {
  static const std::vector<std::string> Names = [] {
    std::vector<std::string> V;
    for (const auto &E : unitTable())
      V.push_back(E.getKey().str());
    std::sort(V.begin(), V.end());
    return V;
  }();
  return Names;
}

std::string suggestUnit(llvm::StringRef Name) {
  std::string Best;
  unsigned BestD = ~0u;
  // Case-insensitive matches first ("mv" -> "mV", "mohm" -> "Mohm" is ambiguous, so prefer m).
  for (const std::string &N : allUnitNames()) {
    if (llvm::StringRef(N).equals_insensitive(Name) && N != Name) {
      unsigned D = editDistance(N, Name);
      if (D < BestD) {
        BestD = D;
        Best = N;
      }
    }
  }
  if (!Best.empty())
    return Best;
  unsigned Limit = Name.size() <= 2 ? 1 : 2;
  for (const std::string &N : allUnitNames()) {
    unsigned D = editDistance(N, Name);
    if (D <= Limit && D < BestD) {
      BestD = D;
      Best = N;
    }
  }
  return Best;
}

UnitInfo displayUnitFor(const Dim &D) {
  static const std::vector<std::pair<Dim, const char *>> Display = {
      {Dim::time(), "ms"},  {Dim::volt(), "mV"},  {Dim::ampere(), "nA"}, {Dim::siemens(), "nS"},
      {Dim::farad(), "pF"}, {Dim::ohm(), "Mohm"}, {Dim::hertz(), "Hz"},
  };
  for (const auto &[DD, Name] : Display)
    if (DD == D)
      return *lookupUnit(Name);
  return {D.str(), 1.0, D};
}

std::string formatTime(double S, int Digits) {
  // 12 significant digits, so that 0.15e-3 prints as 0.15 (not 0.15000000000000002).
  auto fmt = [Digits](double V) {
    char Buf[64];
    snprintf(Buf, sizeof(Buf), "%.*g", Digits, V);
    return std::string(Buf);
  };
  double A = std::fabs(S);
  if (A >= 1 || A == 0)
    return fmt(S) + " s";
  if (A >= 1e-6)
    return fmt(S * 1e3) + " ms";
  return fmt(S * 1e6) + " us";
}

} // namespace snn
