//===- frontend/DataFiles.cpp - CSV data files named by a network ---------------------------===//
//
// Fields are StringRefs into the SourceMgr's copy of the file, so a field's position is its
// location. A UTF-8 byte-order mark is skipped. Units in column names are the unit names of the
// language combined with '*', '/' and '^' (`V/s`), as `record` writes them.
//
//===----------------------------------------------------------------------------------------===//
#include "frontend/DataFiles.h"

#include "llvm/ADT/StringExtras.h"

#include <cmath>
#include <cstdlib>

namespace snn {

DataFile::DataFile(DiagnosticsEngine &D, unsigned Buffer, std::string Name, llvm::SMRange NamedAt)
    : Diags(&D), Name(std::move(Name)), NamedAt(NamedAt) {
  Rest = D.sourceMgr().getMemoryBuffer(Buffer)->getBuffer();
  Start = Rest.substr(0, 0);
  if (Rest.starts_with("\xEF\xBB\xBF"))
    Rest = Rest.drop_front(3);
}

std::nullopt_t DataFile::error(llvm::StringRef At, const llvm::Twine &Msg) {
  llvm::SMLoc L = llvm::SMLoc::getFromPointer(At.data());
  Diags->error({L, llvm::SMLoc::getFromPointer(At.data() + At.size())}, Msg);
  Diags->note(NamedAt, "data file '" + Name + "' named here");
  Failed = true;
  return std::nullopt;
}

bool DataFile::nextLine(llvm::StringRef &Line) {
  while (!Rest.empty()) {
    size_t End = Rest.find('\n');
    llvm::StringRef L = Rest.substr(0, End);
    Rest = End == llvm::StringRef::npos ? Rest.drop_front(Rest.size()) : Rest.drop_front(End + 1);
    LineNo = NextLineNo++;
    if (L.ends_with("\r"))
      L = L.drop_back();
    llvm::StringRef T = L.trim(" \t");
    if (T.empty() || T.starts_with("#"))
      continue;
    Line = L;
    return true;
  }
  return false;
}

void DataFile::split(llvm::StringRef Line, std::vector<llvm::StringRef> &Fields) {
  Fields.clear();
  while (true) {
    size_t Comma = Line.find(',');
    Fields.push_back(Line.substr(0, Comma).trim(" \t"));
    if (Comma == llvm::StringRef::npos)
      break;
    Line = Line.drop_front(Comma + 1);
  }
}

bool DataFile::readHeader() {
  llvm::StringRef Line;
  if (!nextLine(Line)) {
    error(Start, "data file is empty; expected a header line with the column names");
    return false;
  }
  HeaderLine = Line;
  split(Line, Header);
  for (size_t I = 0; I < Header.size(); ++I) {
    if (Header[I].empty()) {
      error(Header[I], "column " + llvm::Twine(I + 1) + " of the header has no name");
      return false;
    }
    for (size_t J = 0; J < I; ++J)
      if (Header[J] == Header[I]) {
        error(Header[I], "column '" + Header[I] + "' appears twice");
        return false;
      }
  }
  return true;
}

bool DataFile::nextRow(std::vector<llvm::StringRef> &Fields) {
  if (Failed)
    return false;
  llvm::StringRef Line;
  if (!nextLine(Line))
    return false;
  split(Line, Fields);
  if (Fields.size() != Header.size()) {
    llvm::StringRef At = Fields.size() > Header.size()
                             ? Fields[Header.size()]
                             : llvm::StringRef(Line.data() + Line.size(), 0);
    error(At, "line has " + llvm::Twine(Fields.size()) +
                  (Fields.size() == 1 ? " field" : " fields") + ", but the header has " +
                  llvm::Twine(Header.size()));
    return false;
  }
  return true;
}

/// [+-] digits [. digits] [e [+-] digits], or [+-] . digits [...]: what a CSV number may be.
static bool isDecimal(llvm::StringRef S) {
  size_t I = 0, N = S.size();
  if (I < N && (S[I] == '+' || S[I] == '-'))
    ++I;
  size_t Digits = 0;
  while (I < N && llvm::isDigit(S[I]))
    ++I, ++Digits;
  if (I < N && S[I] == '.') {
    ++I;
    while (I < N && llvm::isDigit(S[I]))
      ++I, ++Digits;
  }
  if (Digits == 0)
    return false;
  if (I < N && (S[I] == 'e' || S[I] == 'E')) {
    ++I;
    if (I < N && (S[I] == '+' || S[I] == '-'))
      ++I;
    size_t Exp = 0;
    while (I < N && llvm::isDigit(S[I]))
      ++I, ++Exp;
    if (Exp == 0)
      return false;
  }
  return I == N;
}

std::optional<double> DataFile::number(llvm::StringRef Field, const llvm::Twine &What) {
  if (Field.empty())
    return error(Field, "missing " + What);
  if (!isDecimal(Field))
    return error(Field, "'" + Field + "' is not a number (" + What + ")");
  double V = std::strtod(Field.str().c_str(), nullptr);
  if (!std::isfinite(V))
    return error(Field, "number '" + Field + "' is out of range");
  return V;
}

std::optional<uint64_t> DataFile::index(llvm::StringRef Field, uint64_t Size,
                                        const llvm::Twine &What,
                                        const std::function<std::string(uint64_t)> &Outside) {
  if (Field.empty())
    return error(Field, "missing " + What);
  uint64_t V = 0;
  bool Digits = llvm::all_of(Field, [](char C) { return llvm::isDigit(C); });
  if (!Digits)
    return error(Field, "'" + Field + "' is not a " + What + " (a whole number from 0)");
  if (Field.getAsInteger(10, V) || V >= Size)
    return error(Field, Outside(Field.getAsInteger(10, V) ? ~0ull : V));
  return V;
}

/// Parses `mV`, `V/s`, `nS*mV`, `mV^2`, `1/ms`: unit names with prefixes, '*', '/', '^'.
static std::optional<UnitInfo> parseUnitText(llvm::StringRef S) {
  UnitInfo Result{S.str(), 1.0, Dim()};
  bool Divide = false;
  while (true) {
    size_t End = S.find_first_of("*/");
    llvm::StringRef Factor = S.substr(0, End);
    int Exp = 1;
    size_t Caret = Factor.find('^');
    if (Caret != llvm::StringRef::npos) {
      if (Factor.substr(Caret + 1).getAsInteger(10, Exp) || Exp == 0 || std::abs(Exp) > 16)
        return std::nullopt;
      Factor = Factor.substr(0, Caret);
    }
    auto U = lookupUnit(Factor);
    if (!U)
      return std::nullopt;
    if (Divide)
      Exp = -Exp;
    Result.D = Result.D * U->D.pow(Exp);
    Result.Scale *= std::pow(U->Scale, Exp);
    if (End == llvm::StringRef::npos)
      return Result;
    Divide = S[End] == '/';
    S = S.substr(End + 1);
  }
}

std::optional<double> DataFile::unitScale(llvm::StringRef Column, llvm::StringRef UnitText,
                                          const Dim &Want, bool Lenient) {
  std::string Example = (Column + "_" + displayUnitFor(Want).Name).str();
  if (UnitText.empty()) {
    if (Want.isDimensionless())
      return 1.0;
    return error(Column, "column '" + Column + "' has no unit; expected a unit of '" + Want.str() +
                             "', e.g. '" + Example + "'");
  }
  auto U = parseUnitText(UnitText);
  if (!U) {
    std::string Hint = suggestUnit(UnitText);
    if (Lenient && Want.isDimensionless() && Hint.empty())
      return 1.0;
    return error(Column, "unknown unit '" + UnitText + "' in column '" + Column + "'" +
                             (Hint.empty() ? "" : "; did you mean '" + Hint + "'?"));
  }
  if (U->D != Want)
    return error(Column, "column '" + Column + "' has unit '" + UnitText + "', expected " +
                             (Want.isDimensionless() ? std::string("no unit")
                                                     : "a unit of '" + Want.str() + "'"));
  return U->Scale;
}

bool hasColumnPrefix(llvm::StringRef Column, llvm::StringRef Prefix) {
  return Column == Prefix || (Column.starts_with(Prefix) && Column.size() > Prefix.size() &&
                              Column[Prefix.size()] == '_');
}

std::optional<double> DataFile::prefixedUnit(llvm::StringRef Column, llvm::StringRef Prefix,
                                             const Dim &Want) {
  llvm::StringRef UnitText =
      Column.size() > Prefix.size() ? Column.drop_front(Prefix.size() + 1) : llvm::StringRef();
  if (UnitText.empty() && !Want.isDimensionless())
    return error(Column, "column '" + Column + "' has no unit; write it after the name, e.g. '" +
                             Prefix + "_" + displayUnitFor(Want).Name + "'");
  return unitScale(Column, UnitText, Want);
}

// ---- spike files --------------------------------------------------------------------------------

/// Reads the time of one row (scaled, non-negative, not before `Prev`).
static std::optional<double> readTime(DataFile &F, llvm::StringRef Field, double Scale,
                                      double &Prev, llvm::StringRef &PrevField,
                                      unsigned &PrevLine) {
  auto T = F.number(Field, "time");
  if (!T)
    return std::nullopt;
  double S = *T * Scale;
  if (S < 0)
    return F.error(Field, "time must not be negative");
  if (S < Prev)
    return F.error(Field, "time " + Field + " is earlier than " + PrevField + " on line " +
                              llvm::Twine(PrevLine) + "; times must be in order");
  Prev = S;
  PrevField = Field;
  PrevLine = F.line();
  return S;
}

std::optional<SpikeData> readSpikes(DataFile &F, uint64_t Size, llvm::StringRef Pop) {
  if (!F.readHeader())
    return std::nullopt;
  int TimeCol = -1, NeuronCol = -1;
  const auto &H = F.header();
  for (size_t I = 0; I < H.size(); ++I) {
    if (hasColumnPrefix(H[I], "time") && TimeCol < 0)
      TimeCol = static_cast<int>(I);
    else if (H[I] == "neuron")
      NeuronCol = static_cast<int>(I);
    else
      return F.error(H[I], "unknown column '" + H[I] +
                               "'; a spike file has the columns 'time_ms' and 'neuron'");
  }
  if (TimeCol < 0)
    return F.error(F.headerLine(), "missing column 'time_ms' (the spike times, with their unit)");
  if (NeuronCol < 0 && Size != 1)
    return F.error(F.headerLine(), "missing column 'neuron'; it may only be left out for a "
                                   "population of one neuron");
  auto Scale = F.prefixedUnit(H[TimeCol], "time", Dim::time());
  if (!Scale)
    return std::nullopt;
  SpikeData Out;
  std::vector<llvm::StringRef> Row;
  double Prev = 0;
  llvm::StringRef PrevField;
  unsigned PrevLine = 0;
  while (F.nextRow(Row)) {
    auto T = readTime(F, Row[TimeCol], *Scale, Prev, PrevField, PrevLine);
    if (!T)
      return std::nullopt;
    uint64_t N = 0;
    if (NeuronCol >= 0) {
      auto I = F.index(Row[NeuronCol], Size, "neuron index", [&](uint64_t V) {
        return "neuron index " + Row[NeuronCol].str() + " is outside population '" + Pop.str() +
               "' of size " + std::to_string(Size);
      });
      if (!I)
        return std::nullopt;
      N = *I;
    }
    Out.Times.push_back(*T);
    Out.Neurons.push_back(static_cast<uint32_t>(N));
    Out.Locs.push_back({llvm::SMLoc::getFromPointer(Row[TimeCol].begin()),
                        llvm::SMLoc::getFromPointer(Row[TimeCol].end())});
  }
  if (F.failed())
    return std::nullopt;
  return Out;
}

// ---- time series --------------------------------------------------------------------------------

/// Splits a value column `rate_Hz_3` into its unit spelling ("Hz") and index (3, or -1).
static void splitValueColumn(llvm::StringRef Col, llvm::StringRef &UnitText, int64_t &Index) {
  Index = -1;
  size_t U = Col.rfind('_');
  if (U != llvm::StringRef::npos && U > 0 && U + 1 < Col.size() &&
      llvm::all_of(Col.substr(U + 1), [](char C) { return llvm::isDigit(C); })) {
    unsigned long long X;
    if (!Col.substr(U + 1).getAsInteger(10, X) && X < (1ull << 40))
      Index = static_cast<int64_t>(X);
    Col = Col.substr(0, U);
  }
  U = Col.rfind('_');
  UnitText = U == llvm::StringRef::npos || U == 0 ? llvm::StringRef() : Col.substr(U + 1);
}

std::optional<TimeSeries> readTimeSeries(DataFile &F, const SeriesSpec &S) {
  if (!F.readHeader())
    return std::nullopt;
  const auto &H = F.header();
  if (!hasColumnPrefix(H[0], "time"))
    return F.error(H[0], "the first column must be the time, e.g. 'time_ms'; found '" + H[0] + "'");
  auto TimeScale = F.prefixedUnit(H[0], "time", Dim::time());
  if (!TimeScale)
    return std::nullopt;
  TimeSeries Out;
  Out.Long = H.size() > 1 && H[1] == "neuron";
  size_t First = Out.Long ? 2 : 1;
  if (Out.Long && H.size() != 3)
    return F.error(F.headerLine(), "with a 'neuron' column, the columns are 'time_ms,neuron,' "
                                   "and one value; found " +
                                       llvm::Twine(H.size()) + " columns");
  size_t NumValues = H.size() - First;
  if (NumValues == 0)
    return F.error(F.headerLine(), "missing the value column after the time");
  if (!Out.Long && NumValues != 1 && NumValues != S.Channels)
    return F.error(F.headerLine(), "found " + llvm::Twine(NumValues) + " value columns, but " +
                                       S.Owner + " has " + llvm::Twine(S.Channels) + " " +
                                       S.Things + "; give one column for all, or one per " +
                                       llvm::StringRef(S.Things).drop_back());
  Out.Width = Out.Long ? 1 : static_cast<unsigned>(NumValues);
  std::vector<double> Scales;
  for (size_t C = First; C < H.size(); ++C) {
    llvm::StringRef UnitText;
    int64_t Index;
    splitValueColumn(H[C], UnitText, Index);
    if (!Out.Long && NumValues > 1 && Index >= 0 && Index != static_cast<int64_t>(C - First))
      return F.error(H[C], "column '" + H[C] + "' is value column " + llvm::Twine(C - First) +
                               "; the columns must be in the order of the " + S.Things);
    auto Scale = F.unitScale(H[C], UnitText, S.D, /*Lenient=*/true);
    if (!Scale)
      return std::nullopt;
    Scales.push_back(*Scale);
  }
  std::vector<llvm::StringRef> Row;
  double Prev = 0;
  llvm::StringRef PrevField;
  unsigned PrevLine = 0;
  while (F.nextRow(Row)) {
    auto T = readTime(F, Row[0], *TimeScale, Prev, PrevField, PrevLine);
    if (!T)
      return std::nullopt;
    Out.Times.push_back(*T);
    Out.TimeLocs.push_back(
        {llvm::SMLoc::getFromPointer(Row[0].begin()), llvm::SMLoc::getFromPointer(Row[0].end())});
    if (Out.Long) {
      auto I = F.index(Row[1], S.Channels, "neuron index", [&](uint64_t) {
        return "neuron index " + Row[1].str() + " is outside the " + std::to_string(S.Channels) +
               " " + S.Things + " of " + S.Owner;
      });
      if (!I)
        return std::nullopt;
      Out.Channels.push_back(static_cast<uint32_t>(*I));
    }
    for (size_t C = First; C < Row.size(); ++C) {
      auto V = F.number(Row[C], "a value of column '" + H[C] + "'");
      if (!V)
        return std::nullopt;
      double X = *V * Scales[C - First];
      if (S.Check) {
        std::string Msg = S.Check(X);
        if (!Msg.empty())
          return F.error(Row[C], Msg);
      }
      Out.Values.push_back(X);
    }
  }
  if (F.failed())
    return std::nullopt;
  if (Out.Times.empty())
    return F.error(F.headerLine(), "no data after the header; a time series needs at least one "
                                   "line");
  return Out;
}

// ---- connection lists ---------------------------------------------------------------------------

std::optional<ConnectionColumns> readConnectionHeader(DataFile &F) {
  if (!F.readHeader())
    return std::nullopt;
  ConnectionColumns C;
  const auto &H = F.header();
  for (size_t I = 0; I < H.size(); ++I) {
    int *Slot = H[I] == "pre"                     ? &C.Pre
                : H[I] == "post"                  ? &C.Post
                : hasColumnPrefix(H[I], "weight") ? &C.Weight
                : hasColumnPrefix(H[I], "delay")  ? &C.Delay
                                                  : nullptr;
    if (!Slot)
      return F.error(H[I], "unknown column '" + H[I] +
                               "'; a connection file has the columns "
                               "'pre', 'post' and optionally "
                               "'weight_<unit>' and 'delay_<unit>'");
    if (*Slot >= 0)
      return F.error(H[I], "column '" + H[I] + "' repeats column '" + H[*Slot] + "'");
    *Slot = static_cast<int>(I);
  }
  if (C.Pre < 0 || C.Post < 0)
    return F.error(F.headerLine(), llvm::Twine("missing column '") + (C.Pre < 0 ? "pre" : "post") +
                                       "'; a connection file needs 'pre' and 'post'");
  return C;
}

std::optional<ConnectionData> readConnections(DataFile &F, const ConnectionColumns &C,
                                              uint64_t NumPre, llvm::StringRef PrePop,
                                              uint64_t NumPost, llvm::StringRef PostPop,
                                              const Dim &WeightDim) {
  const auto &H = F.header();
  double WScale = 1, DScale = 1;
  if (C.Weight >= 0) {
    auto S = F.prefixedUnit(H[C.Weight], "weight", WeightDim);
    if (!S)
      return std::nullopt;
    WScale = *S;
  }
  if (C.Delay >= 0) {
    auto S = F.prefixedUnit(H[C.Delay], "delay", Dim::time());
    if (!S)
      return std::nullopt;
    DScale = *S;
  }
  ConnectionData Out;
  std::vector<llvm::StringRef> Row;
  auto outside = [](llvm::StringRef What, llvm::StringRef Field, llvm::StringRef Pop,
                    uint64_t Size) {
    return (What + " index " + Field + " is outside population '" + Pop + "' of size " +
            llvm::Twine(Size))
        .str();
  };
  while (F.nextRow(Row)) {
    auto Pre = F.index(Row[C.Pre], NumPre, "presynaptic neuron index", [&](uint64_t) {
      return outside("presynaptic", Row[C.Pre], PrePop, NumPre);
    });
    if (!Pre)
      return std::nullopt;
    auto Post = F.index(Row[C.Post], NumPost, "postsynaptic neuron index", [&](uint64_t) {
      return outside("postsynaptic", Row[C.Post], PostPop, NumPost);
    });
    if (!Post)
      return std::nullopt;
    Out.Pre.push_back(static_cast<uint32_t>(*Pre));
    Out.Post.push_back(static_cast<uint32_t>(*Post));
    if (C.Weight >= 0) {
      auto W = F.number(Row[C.Weight], "weight");
      if (!W)
        return std::nullopt;
      Out.Weights.push_back(*W * WScale);
    }
    if (C.Delay >= 0) {
      auto D = F.number(Row[C.Delay], "delay");
      if (!D)
        return std::nullopt;
      if (*D < 0)
        return F.error(Row[C.Delay], "delay must not be negative");
      Out.Delays.push_back(*D * DScale);
      Out.DelayLocs.push_back({llvm::SMLoc::getFromPointer(Row[C.Delay].begin()),
                               llvm::SMLoc::getFromPointer(Row[C.Delay].end())});
    }
  }
  if (F.failed())
    return std::nullopt;
  return Out;
}

} // namespace snn
