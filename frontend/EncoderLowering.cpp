//===- frontend/EncoderLowering.cpp - generators, encoders and data files -------------------===//
//
// Lowers the populations that emit spikes instead of integrating a model, and the network
// members that read data files (docs/language.md, "Networks" and "Data files"):
//
//   poisson[N](rate = R | rates = [...] | rate_table = "r.csv")    Poisson, rate schedule
//   spike_times[N](times = [...], indices = [...] | file = "s.csv")  spike-time generator
//   ttfs[N](values = [...], t_max = T, ...)                          spike-time generator
//   delta[2C](file = "x.csv", threshold = X)                         spike-time generator
//   connect A -> B : from_file("c.csv")                              projection, rule list
//   inject "i.csv" into E.I                                          injection
//
// The compile-time encoders (spike files, TTFS, delta) become spike-time generators, so the
// rest of the compiler sees nothing new. TTFS latencies are placed on the step grid here (they
// are continuous by nature, so rounding them is not worth a warning); every other time is
// quantized by quantize-event-times. Data files are found by the SourceLoader and read by
// frontend/DataFiles.cpp.
//
//===----------------------------------------------------------------------------------------===//
#include "frontend/Lowering.h"
#include "support/Steps.h"

#include <cmath>

namespace snn {

std::optional<DataFile> Lowering::openDataFile(llvm::StringRef Path, llvm::SMRange Range) {
  if (!Loader) {
    Diags.error(Range, "data files cannot be read here");
    return std::nullopt;
  }
  unsigned From = Diags.sourceMgr().FindBufferContainingLoc(Range.Start);
  auto ID = Loader->loadData(Path, Range, From);
  if (!ID)
    return std::nullopt;
  return DataFile(Diags, *ID, Path.str(), Range);
}

std::optional<DataFile> Lowering::openDataFile(const ast::Expr &E, const llvm::Twine &Setting) {
  const auto *S = llvm::dyn_cast<ast::StringExpr>(&E);
  if (!S) {
    Diags.error(E.Range, "'" + Setting + "' takes a file name in quotes, e.g. \"data.csv\"");
    return std::nullopt;
  }
  return openDataFile(S->Value, S->Range);
}

namespace {

/// The settings of a generator, `name = value` in parentheses: each at most once and from a
/// fixed list.
struct Settings {
  std::map<std::string, const ast::NamedArg *> Given;
  const ast::NamedArg *get(const char *N) const {
    auto It = Given.find(N);
    return It == Given.end() ? nullptr : It->second;
  }
};

Settings readSettings(const ast::PopulationDecl &P, const std::vector<std::string> &Allowed,
                      const char *Kind, DiagnosticsEngine &Diags) {
  Settings S;
  std::string List;
  for (size_t I = 0; I < Allowed.size(); ++I)
    List += (I == 0 ? "'" : I + 1 == Allowed.size() ? " and '" : ", '") + Allowed[I] + "'";
  for (const ast::NamedArg &A : P.Args) {
    if (!S.Given.try_emplace(A.Name.Name, &A).second) {
      Diags.error(A.Name.Range, "'" + A.Name.Name + "' is given twice");
      continue;
    }
    if (std::find(Allowed.begin(), Allowed.end(), A.Name.Name) == Allowed.end()) {
      S.Given.erase(A.Name.Name);
      std::string Hint = closestName(A.Name.Name, Allowed);
      Diags.error(A.Name.Range,
                  "unknown " + std::string(Kind) + " generator setting '" + A.Name.Name + "'; " +
                      (Hint.empty() ? "the settings are " + List : "did you mean '" + Hint + "'?"));
    }
  }
  return S;
}

/// The most values an encoder may expand its settings or data file into (spikes of a TTFS or
/// delta encoder, entries of a rate table with a `neuron` column).
constexpr double MaxExpanded = 1e8;

/// Rounds a time to steps as the quantize passes do (the one rule of support/Steps.h).
int64_t nearestStep(double T, double Dt) {
  return static_cast<int64_t>(support::timeToSteps(T, Dt));
}

} // namespace

bool Lowering::lowerGenerator(const ast::PopulationDecl &P, NetContext &C, ir::Population &Pop,
                              std::optional<uint64_t> Size) {
  const std::string &M = P.Model.Name;
  const char *Kind = M == "poisson"       ? "Poisson"
                     : M == "spike_times" ? "spike-time"
                     : M == "ttfs"        ? "TTFS"
                     : M == "delta"       ? "delta"
                                          : nullptr;
  if (!Kind)
    return false;
  for (const ast::NamedArg &A : P.Inits)
    Diags.error(A.Name.Range, std::string("a ") + Kind +
                                  " generator has no state to initialize; give its settings "
                                  "in parentheses");
  if (M == "poisson")
    lowerPoisson(P, C, Pop, Size);
  else if (M == "spike_times")
    lowerSpikeTimes(P, C, Pop, Size);
  else if (M == "ttfs")
    lowerTtfs(P, C, Pop, Size);
  else
    lowerDelta(P, C, Pop, Size);
  return true;
}

void Lowering::lowerPoisson(const ast::PopulationDecl &P, NetContext &C, ir::Population &Pop,
                            std::optional<uint64_t> Size) {
  Pop.Kind = ir::PopKind::Poisson;
  Settings S = readSettings(P, {"rate", "rates", "rate_table"}, "Poisson", Diags);
  const ast::NamedArg *Rate = S.get("rate"), *Rates = S.get("rates"), *Table = S.get("rate_table");
  if (int(!!Rate) + int(!!Rates) + int(!!Table) > 1) {
    const ast::NamedArg *Second = Table ? Table : Rates;
    Diags.error(Second->Name.Range, "give only one of 'rate', 'rates' and 'rate_table'");
    return;
  }
  if (Rate) {
    if (auto R = Checker.evalConstantAs(*Rate->Value, C.Consts, Dim::hertz(), "rate")) {
      if (*R < 0)
        Diags.error(Rate->Value->Range, "rate must not be negative");
      Pop.Rate = *R;
    }
  } else if (Rates) {
    const auto *L = llvm::dyn_cast<ast::ListExpr>(Rates->Value.get());
    if (!L) {
      Diags.error(Rates->Value->Range, "'rates' must be a list, e.g. [5 Hz, 10 Hz]");
      return;
    }
    if (Size && L->Elems.size() != *Size) {
      Diags.error(L->Range, "'rates' has " + llvm::Twine(L->Elems.size()) +
                                " elements, but population '" + P.Name.Name + "' has " +
                                llvm::Twine(*Size) + " generators");
      return;
    }
    std::vector<double> Row;
    for (const ast::ExprPtr &E : L->Elems)
      if (auto R = Checker.evalConstantAs(*E, C.Consts, Dim::hertz(), "rate")) {
        if (*R < 0)
          Diags.error(E->Range, "rate must not be negative");
        Row.push_back(*R);
      }
    Pop.RateTimes.push_back(0);
    Pop.RateRows.push_back(std::move(Row));
    Pop.RateLocs.push_back(L->Range);
  } else if (Table) {
    if (!Size)
      return;
    auto File = openDataFile(*Table->Value, "rate_table");
    if (!File)
      return;
    SeriesSpec Spec{Dim::hertz(), *Size, "population '" + P.Name.Name + "'", "neurons",
                    [](double R) { return R < 0 ? "rate must not be negative" : ""; }};
    auto Series = readTimeSeries(*File, Spec);
    if (!Series)
      return;
    // Rows of the schedule; in the `neuron` layout each line changes one generator's rate, and
    // lines of the same time make one row (of every generator's rate).
    if (Series->Long && double(Series->Times.size()) * double(*Size) > MaxExpanded) {
      File->error(File->headerLine(),
                  "this rate table would hold " +
                      formatCount(double(Series->Times.size()) * double(*Size)) +
                      " rates (a row per line, a rate per generator); the limit is " +
                      formatCount(MaxExpanded) + "; give the rates in columns instead");
      return;
    }
    for (size_t K = 0; K < Series->Times.size(); ++K) {
      if (!Series->Long) {
        Pop.RateRows.emplace_back(Series->Values.begin() + K * Series->Width,
                                  Series->Values.begin() + (K + 1) * Series->Width);
      } else {
        if (Pop.RateRows.empty() || Pop.RateTimes.back() != Series->Times[K]) {
          Pop.RateRows.push_back(Pop.RateRows.empty() ? std::vector<double>(*Size, 0.0)
                                                      : Pop.RateRows.back());
        } else {
          Pop.RateTimes.pop_back();
          Pop.RateLocs.pop_back();
        }
        Pop.RateRows.back()[Series->Channels[K]] = Series->Values[K];
      }
      Pop.RateTimes.push_back(Series->Times[K]);
      Pop.RateLocs.push_back(Series->TimeLocs[K]);
    }
  } else {
    Diags.error(P.Model.Range, "a Poisson generator needs a rate: 'poisson[N](rate = 10 Hz)'");
  }
}

void Lowering::lowerSpikeTimes(const ast::PopulationDecl &P, NetContext &C, ir::Population &Pop,
                               std::optional<uint64_t> Size) {
  Pop.Kind = ir::PopKind::SpikeTimes;
  Settings S = readSettings(P, {"times", "indices", "file"}, "spike", Diags);
  const ast::NamedArg *TimesArg = S.get("times"), *IndicesArg = S.get("indices"),
                      *FileArg = S.get("file");
  if (FileArg) {
    if (TimesArg || IndicesArg) {
      Diags.error((TimesArg ? TimesArg : IndicesArg)->Name.Range,
                  "a spike generator takes its spikes from 'file' or from 'times', not both");
      return;
    }
    if (!Size)
      return;
    auto File = openDataFile(*FileArg->Value, "file");
    if (!File)
      return;
    auto Spikes = readSpikes(*File, *Size, P.Name.Name);
    if (!Spikes)
      return;
    Pop.SpikeTimes = std::move(Spikes->Times);
    Pop.SpikeNeurons = std::move(Spikes->Neurons);
    Pop.SpikeLocs = std::move(Spikes->Locs);
    return;
  }
  // times = linspace(first, last): one spike per neuron, evenly spaced over the population.
  if (const auto *L = TimesArg ? llvm::dyn_cast<ast::CallExpr>(TimesArg->Value.get()) : nullptr;
      L && L->Callee.Name == "linspace") {
    if (IndicesArg) {
      Diags.error(IndicesArg->Name.Range, "'times = linspace(...)' gives neuron i the i-th time; "
                                          "it takes no 'indices'");
      return;
    }
    auto V = valueInit(*TimesArg->Value, C.Consts, Dim::time(), "spike times", true);
    if (!V || !Size)
      return;
    if (V->A < 0 || V->B < 0) {
      Diags.error(TimesArg->Value->Range, "spike time must not be negative");
      return;
    }
    for (uint64_t I = 0; I < *Size; ++I) {
      double T = *Size < 2 || I + 1 == *Size
                     ? (*Size < 2 ? V->A : V->B)
                     : V->A + (V->B - V->A) * (double(I) / double(*Size - 1));
      Pop.SpikeTimes.push_back(T);
      Pop.SpikeNeurons.push_back(static_cast<uint32_t>(I));
      Pop.SpikeLocs.push_back(TimesArg->Value->Range);
    }
    return;
  }
  const ast::ListExpr *Times = nullptr, *Indices = nullptr;
  for (const ast::NamedArg *A : {TimesArg, IndicesArg}) {
    if (!A)
      continue;
    const auto *L = llvm::dyn_cast<ast::ListExpr>(A->Value.get());
    if (!L) {
      Diags.error(A->Value->Range, "'" + A->Name.Name + "' must be a list, e.g. [1 ms, 5 ms]" +
                                       (A == TimesArg ? " (or linspace(first, last): one spike "
                                                        "per neuron)"
                                                      : ""));
      continue;
    }
    (A == TimesArg ? Times : Indices) = L;
  }
  if (!Times) {
    Diags.error(P.Model.Range,
                "a spike generator needs 'times': 'spike_times[1](times = [1 ms, 5 ms])'");
    return;
  }
  for (const ast::ExprPtr &E : Times->Elems)
    if (auto T = Checker.evalConstantAs(*E, C.Consts, Dim::time(), "spike time")) {
      if (*T < 0)
        Diags.error(E->Range, "spike time must not be negative");
      Pop.SpikeTimes.push_back(*T);
      Pop.SpikeLocs.push_back(E->Range);
    }
  if (Indices) {
    if (Indices->Elems.size() != Times->Elems.size())
      Diags.error(Indices->Range, "'indices' has " + llvm::Twine(Indices->Elems.size()) +
                                      " elements but 'times' has " +
                                      llvm::Twine(Times->Elems.size()));
    for (const ast::ExprPtr &E : Indices->Elems)
      if (auto I = Checker.evalCount(*E, C.Consts, "neuron index", 0xFFFFFFFFull)) {
        if (Size && *I >= *Size)
          Diags.error(E->Range, "neuron index " + llvm::Twine(*I) + " is outside population '" +
                                    P.Name.Name + "' of size " + llvm::Twine(*Size));
        Pop.SpikeNeurons.push_back(static_cast<uint32_t>(*I));
      }
  } else if (Size && *Size != 1) {
    Diags.error(P.Model.Range, "a spike generator with more than one neuron needs "
                               "'indices' (the neuron of each spike time)");
  } else {
    Pop.SpikeNeurons.assign(Pop.SpikeTimes.size(), 0);
  }
}

void Lowering::lowerTtfs(const ast::PopulationDecl &P, NetContext &C, ir::Population &Pop,
                         std::optional<uint64_t> Size) {
  Pop.Kind = ir::PopKind::SpikeTimes;
  Settings S = readSettings(P, {"values", "x_max", "t_max", "period", "repeat"}, "TTFS", Diags);
  const ast::NamedArg *Values = S.get("values"), *XMax = S.get("x_max"), *TMax = S.get("t_max"),
                      *Period = S.get("period"), *Repeat = S.get("repeat");
  if (!Values || !TMax) {
    Diags.error(P.Model.Range, "a TTFS encoder needs 'values' and 't_max': "
                               "'ttfs[2](values = [0.2, 1], t_max = 10 ms)'");
    return;
  }
  const auto *L = llvm::dyn_cast<ast::ListExpr>(Values->Value.get());
  if (!L) {
    Diags.error(Values->Value->Range, "'values' must be a list, e.g. [0.2, 1]");
    return;
  }
  if (Size && L->Elems.size() != *Size) {
    Diags.error(L->Range, "'values' has " + llvm::Twine(L->Elems.size()) +
                              " elements, but population '" + P.Name.Name + "' has " +
                              llvm::Twine(*Size) + " neurons");
    return;
  }
  // x_max fixes the unit of the values (dimensionless by default).
  Quantity XM{1.0, Dim(), false};
  if (XMax) {
    auto Q = Checker.evalConstant(*XMax->Value, C.Consts, "'x_max'");
    if (!Q)
      return;
    if (Q->IsBool || !(Q->Value > 0) || !std::isfinite(Q->Value)) {
      Diags.error(XMax->Value->Range, "'x_max' must be a positive number");
      return;
    }
    XM = *Q;
  }
  auto T = Checker.evalConstantAs(*TMax->Value, C.Consts, Dim::time(), "'t_max'");
  if (!T)
    return;
  if (!(*T > 0)) {
    Diags.error(TMax->Value->Range, "'t_max' must be positive");
    return;
  }
  double Per = 0;
  uint64_t Count = 1;
  if (Period) {
    auto V = Checker.evalConstantAs(*Period->Value, C.Consts, Dim::time(), "'period'");
    if (!V)
      return;
    if (!(*V > *T)) {
      Diags.error(Period->Value->Range, "'period' must be longer than 't_max'");
      return;
    }
    Per = *V;
  }
  if (Repeat) {
    auto V = Checker.evalCount(*Repeat->Value, C.Consts, "'repeat'", 1000000);
    if (!V)
      return;
    if (*V == 0 || (*V > 1 && !Period)) {
      Diags.error(Repeat->Value->Range, *V == 0 ? "'repeat' must be at least 1"
                                                : "'repeat' needs a 'period' between "
                                                  "presentations");
      return;
    }
    Count = *V;
  }
  if (double(Count) * double(L->Elems.size()) > MaxExpanded) {
    Diags.error(Repeat ? Repeat->Value->Range : L->Range,
                "the TTFS encoder '" + P.Name.Name + "' would emit up to " +
                    formatCount(double(Count) * double(L->Elems.size())) +
                    " spikes; the limit is " + formatCount(MaxExpanded));
    return;
  }
  std::vector<std::pair<double, llvm::SMRange>> X;
  for (const ast::ExprPtr &E : L->Elems) {
    // `nan` marks a missing value (no spike); constants must otherwise be finite.
    if (const auto *N = llvm::dyn_cast<ast::NumberExpr>(E.get()); N && std::isnan(N->Value)) {
      X.push_back({N->Value, E->Range});
      continue;
    }
    auto V = Checker.evalConstantAs(*E, C.Consts, XM.D, "value");
    if (!V)
      return;
    X.push_back({*V, E->Range});
  }
  // Latency t_max (1 - x / x_max), clipped to [0, t_max]; x <= 0 and NaN give no spike.
  for (uint64_t K = 0; K < Count; ++K)
    for (size_t I = 0; I < X.size(); ++I) {
      double V = X[I].first;
      if (!(V > 0))
        continue;
      double Latency = V >= XM.Value ? 0.0 : *T * (1 - V / XM.Value);
      double Time = double(K) * Per + Latency;
      Pop.SpikeTimes.push_back(Time);
      Pop.SpikeNeurons.push_back(static_cast<uint32_t>(I));
      Pop.SpikeSteps.push_back(std::max<int64_t>(1, nearestStep(Time, SimDt)));
      Pop.SpikeLocs.push_back(X[I].second);
    }
}

void Lowering::lowerDelta(const ast::PopulationDecl &P, NetContext &C, ir::Population &Pop,
                          std::optional<uint64_t> Size) {
  Pop.Kind = ir::PopKind::SpikeTimes;
  Settings S = readSettings(P, {"file", "threshold"}, "delta", Diags);
  const ast::NamedArg *FileArg = S.get("file"), *Thr = S.get("threshold");
  if (!FileArg || !Thr) {
    Diags.error(P.Model.Range, "a delta encoder needs 'file' and 'threshold': "
                               "'delta[2](file = \"signal.csv\", threshold = 0.1)'");
    return;
  }
  if (Size && *Size % 2 != 0) {
    Diags.error(P.Size->Range, "a delta encoder has two neurons per signal (up and down), so "
                               "its size must be even");
    return;
  }
  if (Size && *Size > 2 * 10000000ull) {
    Diags.error(P.Size->Range, "a delta encoder encodes at most 10000000 signals (20000000 "
                               "neurons)");
    return;
  }
  auto Q = Checker.evalConstant(*Thr->Value, C.Consts, "'threshold'");
  if (!Q || !Size)
    return;
  if (Q->IsBool || !(Q->Value > 0) || !std::isfinite(Q->Value)) {
    Diags.error(Thr->Value->Range, "'threshold' must be a positive number");
    return;
  }
  auto File = openDataFile(*FileArg->Value, "file");
  if (!File)
    return;
  uint64_t Channels = *Size / 2;
  SeriesSpec Spec{Q->D, Channels, "delta encoder '" + P.Name.Name + "'", "channels", nullptr};
  auto Series = readTimeSeries(*File, Spec);
  if (!Series)
    return;
  // Levels are x0 + k * threshold, x0 being a channel's first sample; the level index L follows
  // the signal: up by one per level reached above it, down by one per level reached below.
  double Th = Q->Value;
  std::vector<double> X0(Channels, 0.0);
  std::vector<int64_t> Level(Channels, 0);
  std::vector<bool> Started(Channels, false);
  auto sample = [&](uint64_t Ch, double X, double T, llvm::SMRange Loc) {
    if (!Started[Ch]) {
      Started[Ch] = true;
      X0[Ch] = X;
      return true;
    }
    double U = (X - X0[Ch]) / Th;
    llvm::StringRef Line(Loc.Start.getPointer(), Loc.End.getPointer() - Loc.Start.getPointer());
    if (!(std::fabs(U - double(Level[Ch])) <= 1e6)) {
      File->error(Line, "signal " + llvm::Twine(Ch) +
                            " changes by more than 1000000 thresholds "
                            "at once; raise the threshold");
      return false;
    }
    if (double(Pop.SpikeTimes.size()) + std::fabs(U - double(Level[Ch])) > MaxExpanded) {
      File->error(Line, "the delta encoder '" + P.Name.Name + "' would emit more than " +
                            formatCount(MaxExpanded) + " spikes; raise the threshold");
      return false;
    }
    int64_t Up = static_cast<int64_t>(std::floor(U + 1e-9));
    int64_t Down = static_cast<int64_t>(std::ceil(U - 1e-9));
    int64_t New = Up > Level[Ch] ? Up : Down < Level[Ch] ? Down : Level[Ch];
    uint32_t Neuron = static_cast<uint32_t>(2 * Ch + (New > Level[Ch] ? 0 : 1));
    for (int64_t N = std::llabs(New - Level[Ch]); N > 0; --N) {
      Pop.SpikeTimes.push_back(T);
      Pop.SpikeNeurons.push_back(Neuron);
      Pop.SpikeLocs.push_back(Loc);
    }
    Level[Ch] = New;
    return true;
  };
  for (size_t K = 0; K < Series->Times.size(); ++K) {
    if (Series->Long) {
      if (!sample(Series->Channels[K], Series->Values[K], Series->Times[K], Series->TimeLocs[K]))
        return;
      continue;
    }
    for (uint64_t Ch = 0; Ch < Channels; ++Ch)
      if (!sample(Ch, Series->Values[K * Series->Width + (Series->Width == 1 ? 0 : Ch)],
                  Series->Times[K], Series->TimeLocs[K]))
        return;
  }
}

bool Lowering::lowerConnectionList(DataFile &File, const ConnectionColumns &Cols,
                                   const ir::Population &Src, const ir::Population &Tgt,
                                   const ir::Port &Port, ir::Projection &P) {
  auto Data = readConnections(File, Cols, Src.Size, Src.Name, Tgt.Size, Tgt.Name, Port.WeightDim);
  if (!Data)
    return false;
  P.ListPre = std::move(Data->Pre);
  P.ListPost = std::move(Data->Post);
  P.ListWeights = std::move(Data->Weights);
  P.ListDelays = std::move(Data->Delays);
  P.ListDelayLocs = std::move(Data->DelayLocs);
  return true;
}

void Lowering::lowerInject(const ast::InjectDecl &D, NetContext &C) {
  ir::Population *Pop = C.Net->findPopulation(D.Pop.Name);
  if (!Pop) {
    if (!C.PopRange.count(D.Pop.Name)) {
      std::vector<std::string> Names;
      for (const auto &[N, _] : C.PopRange)
        Names.push_back(N);
      std::string Hint = closestName(D.Pop.Name, Names);
      Diags.error(D.Pop.Range, "no population named '" + D.Pop.Name + "' in network '" +
                                   C.Decl->Name.Name + "'" +
                                   (Hint.empty() ? "" : "; did you mean '" + Hint + "'?"));
    }
    return;
  }
  ir::NeuronModel *M = Pop->Kind == ir::PopKind::Neuron ? C.PopModel[Pop->Name] : nullptr;
  if (!M) {
    Diags.error(D.Pop.Range, "'" + D.Pop.Name + "' is a " + ir::popKindName(Pop->Kind) +
                                 " generator; it has no inputs");
    return;
  }
  const ir::InputVar *In = M->findInput(D.Var.Name);
  if (!In) {
    if (M->findState(D.Var.Name) || M->findParam(D.Var.Name)) {
      Diags.error(D.Var.Range, "'" + D.Var.Name + "' is not an input of '" + M->Name +
                                   "'; only inputs (declared with 'input') can be injected");
      return;
    }
    std::vector<std::string> Names;
    for (const auto &X : M->Inputs)
      Names.push_back(X.Name);
    std::string Hint = closestName(D.Var.Name, Names);
    Diags.error(D.Var.Range, "'" + D.Var.Name + "' is not an input of '" + M->Name + "'" +
                                 (Hint.empty() ? "" : "; did you mean '" + Hint + "'?"));
    return;
  }
  if (auto [It, New] = C.Injected.try_emplace({Pop->Name, In->Name}, D.Range); !New) {
    Diags.error(D.Range, "'" + In->Name + "' of '" + Pop->Name + "' is already injected");
    Diags.note(It->second, "first injected here");
    return;
  }
  auto File = openDataFile(D.Path, D.PathRange);
  if (!File)
    return;
  SeriesSpec Spec{In->D, Pop->Size, "population '" + Pop->Name + "'", "neurons", nullptr};
  auto Series = readTimeSeries(*File, Spec);
  if (!Series)
    return;
  ir::Injection I;
  I.Pop = Pop->Name;
  I.Var = In->Name;
  I.Loc = D.Range;
  for (size_t K = 0; K < Series->Times.size(); ++K) {
    auto add = [&](int64_t Neuron, double V) {
      I.Times.push_back(Series->Times[K]);
      I.Neurons.push_back(Neuron);
      I.Values.push_back(V);
      I.TimeLocs.push_back(Series->TimeLocs[K]);
    };
    if (Series->Long)
      add(Series->Channels[K], Series->Values[K]);
    else if (Series->Width == 1)
      add(-1, Series->Values[K]);
    else
      for (unsigned Ch = 0; Ch < Series->Width; ++Ch)
        add(Ch, Series->Values[K * Series->Width + Ch]);
  }
  C.Net->Injections.push_back(std::move(I));
}

} // namespace snn
