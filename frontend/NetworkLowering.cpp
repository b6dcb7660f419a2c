//===- frontend/NetworkLowering.cpp - networks to IR ----------------------------------------===//
//
// Checks a `network` declaration and builds the ir::Network: constants, the simulation settings
// (with command-line overrides), populations of neuron models and generators, projections with
// their connection rule, weight, delay, port and storage format, and recordings. Models are
// lowered on first use and copied into the network.
//
// A storage format the user asks for (`storage = dense`) is checked here against the
// connection, with the same test the IR verifier applies (ir::storageUnsuitable), so that the
// verifier never has to report it.
//
//===----------------------------------------------------------------------------------------===//
#include "frontend/Lowering.h"

#include "ir/Printer.h"
#include "ir/StorageCost.h"

#include <cmath>
#include <set>

namespace snn {

namespace {

/// The storage formats a connection may ask for. `identity` is not among them: the compiler
/// gives it to every one_to_one connection, and csr stores those too.
constexpr ir::Storage UserFormats[] = {ir::Storage::CSR, ir::Storage::Dense, ir::Storage::Bitmask,
                                       ir::Storage::Procedural};

/// "a, b and c".
std::string listNames(const std::vector<std::string> &Names) {
  std::string S;
  for (size_t I = 0; I < Names.size(); ++I)
    S += (I == 0 ? "" : I + 1 == Names.size() ? " and " : ", ") + Names[I];
  return S;
}

/// The format `storage = NAME` asks for; reports a value that is not one.
std::optional<ir::Storage> storageOption(const ast::NamedArg &A, DiagnosticsEngine &Diags) {
  std::vector<std::string> Names;
  for (ir::Storage F : UserFormats)
    Names.push_back(ir::storageName(F));
  const auto *N = llvm::dyn_cast<ast::NameExpr>(A.Value.get());
  if (!N) {
    Diags.error(A.Value->Range, "'storage' is csr, dense, bitmask or procedural");
    return std::nullopt;
  }
  std::optional<ir::Storage> F = ir::storageNamed(N->Name);
  if (F && *F != ir::Storage::Identity)
    return F;
  if (F)
    Diags.error(N->Range, "storage 'identity' is not chosen by hand: the compiler gives it to "
                          "every one_to_one connection");
  else {
    std::string Hint = closestName(N->Name, Names);
    Diags.error(N->Range, "unknown storage format '" + N->Name + "'" +
                              (Hint.empty() ? "" : "; did you mean '" + Hint + "'?"));
  }
  Diags.note(N->Range, "the formats are " + listNames(Names));
  return std::nullopt;
}

/// Whether projection P can be stored as it asks (`storage = ...` at A); reports why not and
/// which formats would do.
bool checkStorage(const ir::Network &Net, const ir::Projection &P, const ast::NamedArg &A,
                  DiagnosticsEngine &Diags) {
  std::string Why = ir::storageUnsuitable(Net, P, P.Store);
  if (Why.empty())
    return true;
  Diags.error(A.Value->Range, llvm::Twine("storage '") + ir::storageName(P.Store) + "' " + Why);
  // What would do: csr always; the other formats that suit; for one_to_one, nothing stored.
  std::vector<std::string> Others;
  for (ir::Storage F : UserFormats)
    if (F != ir::Storage::CSR && ir::storageUnsuitable(Net, P, F).empty())
      Others.push_back(ir::storageName(F));
  std::string Note = "csr stores any connection";
  if (P.Rule == ir::RuleKind::OneToOne)
    Note += "; without 'storage' a one_to_one connection stores nothing";
  else if (!Others.empty())
    Note += "; " + listNames(Others) + (Others.size() == 1 ? " also suits" : " also suit") +
            " this one";
  Diags.note(A.Value->Range, Note);
  return false;
}

} // namespace

Lowering::Lowering(DiagnosticsEngine &D, std::vector<const ast::File *> Files,
                   SimulationOverrides O, SourceLoader *Loader)
    : Diags(D), Files(std::move(Files)), Overrides(O), Loader(Loader),
      Globals(std::make_unique<ConstScope>(nullptr, D)),
      Checker(D, [this](const ast::MemberExpr &E, DiagnosticsEngine &DE) {
        return resolveMember(E, DE);
      }) {
  Globals->setChecker(&Checker);
}

Lowering::~Lowering() = default;

bool Lowering::collectGlobals() {
  unsigned Before = Diags.errorCount();
  for (const ast::File *F : Files) {
    for (const ast::ConstDecl &C : F->Consts)
      Globals->declare(C.Name, C.Value.get());
    for (const ast::NeuronDecl &N : F->Neurons) {
      if (N.Name.Name == "poisson" || N.Name.Name == "spike_times" || N.Name.Name == "ttfs" ||
          N.Name.Name == "delta") {
        Diags.error(N.Name.Range, "'" + N.Name.Name + "' is a built-in generator; choose another "
                                                       "name for this neuron");
        continue;
      }
      if (auto S = SynapseDecls.find(N.Name.Name); S != SynapseDecls.end()) {
        Diags.error(N.Name.Range, "'" + N.Name.Name + "' is already the name of a synapse model");
        Diags.note(S->second->Name.Range, "the synapse is declared here");
        continue;
      }
      auto [It, New] = Neurons.try_emplace(N.Name.Name, &N);
      if (!New) {
        Diags.error(N.Name.Range, "redefinition of neuron '" + N.Name.Name + "'");
        Diags.note(It->second->Name.Range, "previous definition is here");
      }
    }
    for (const ast::SynapseDecl &S : F->Synapses) {
      if (auto N = Neurons.find(S.Name.Name); N != Neurons.end()) {
        Diags.error(S.Name.Range, "'" + S.Name.Name + "' is already the name of a neuron model");
        Diags.note(N->second->Name.Range, "the neuron is declared here");
        continue;
      }
      auto [It, New] = SynapseDecls.try_emplace(S.Name.Name, &S);
      if (!New) {
        Diags.error(S.Name.Range, "redefinition of synapse '" + S.Name.Name + "'");
        Diags.note(It->second->Name.Range, "previous definition is here");
      }
    }
  }
  Globals->evaluateAll();
  return Diags.errorCount() == Before;
}

std::optional<ir::ValueInit> Lowering::valueInit(const ast::Expr &E, Scope &S, const Dim &Want,
                                                 const llvm::Twine &What, bool AllowRandom) {
  ir::ValueInit V;
  V.Loc = E.Range;
  if (const auto *C = llvm::dyn_cast<ast::CallExpr>(&E)) {
    const std::string &F = C->Callee.Name;
    if (F == "uniform" || F == "normal" || F == "linspace") {
      if (!AllowRandom) {
        Diags.error(E.Range, What + " must be a constant; " +
                                 (F == "linspace" ? "values spread over elements" : "random values") +
                                 " ('" + F + "') are only allowed for state variables, inputs, "
                                 "weights and delays");
        return std::nullopt;
      }
      if (C->Args.size() != 2) {
        Diags.error(E.Range, "'" + F + "' takes 2 arguments (" +
                                 (F == "uniform"  ? "low, high"
                                  : F == "normal" ? "mean, standard deviation"
                                                  : "first, last") +
                                 "), but " + countGiven(C->Args.size()));
        return std::nullopt;
      }
      auto A = Checker.evalConstantAs(*C->Args[0], S, Want, "first argument of '" + F + "'");
      auto B = Checker.evalConstantAs(*C->Args[1], S, Want, "second argument of '" + F + "'");
      if (!A || !B)
        return std::nullopt;
      if (F == "linspace") {
        V.K = ir::ValueInit::Kind::Linspace;
      } else if (F == "uniform") {
        if (!(*A < *B)) {
          Diags.error(E.Range, "uniform(low, high) needs low < high");
          return std::nullopt;
        }
        V.K = ir::ValueInit::Kind::Uniform;
      } else {
        if (*B < 0) {
          Diags.error(C->Args[1]->Range, "standard deviation must not be negative");
          return std::nullopt;
        }
        V.K = ir::ValueInit::Kind::Normal;
      }
      V.A = *A;
      V.B = *B;
      return V;
    }
  }
  auto A = Checker.evalConstantAs(E, S, Want, What);
  if (!A)
    return std::nullopt;
  V.K = ir::ValueInit::Kind::Const;
  V.A = *A;
  return V;
}

void Lowering::lowerSimulate(const ast::NetworkDecl &N, NetContext &C) {
  ir::Simulation &Sim = C.Net->Sim;
  Sim.Dt = 1e-4;
  Sim.Duration = 0;
  Sim.Seed = 0;
  Sim.Loc = N.Name.Range;
  for (size_t K = 0; K < N.Simulates.size(); ++K) {
    const ast::SimulateDecl &S = N.Simulates[K];
    if (K > 0) {
      Diags.error(S.Range, "network '" + N.Name.Name + "' has more than one 'simulate' statement");
      Diags.note(N.Simulates[0].Range, "first one is here");
      continue;
    }
    Sim.Loc = S.Range;
    if (auto D = Checker.evalConstantAs(*S.Duration, C.Consts, Dim::time(), "duration")) {
      if (*D < 0)
        Diags.error(S.Duration->Range, "duration must not be negative");
      else
        Sim.Duration = *D;
    }
    std::set<std::string> Seen;
    for (const ast::NamedArg &A : S.Options) {
      if (!Seen.insert(A.Name.Name).second) {
        Diags.error(A.Name.Range, "'" + A.Name.Name + "' is given twice");
        continue;
      }
      if (A.Name.Name == "dt") {
        if (auto V = Checker.evalConstantAs(*A.Value, C.Consts, Dim::time(), "time step 'dt'")) {
          if (!(*V > 0))
            Diags.error(A.Value->Range, "time step 'dt' must be positive");
          else
            Sim.Dt = *V;
        }
      } else if (A.Name.Name == "seed") {
        if (auto V = Checker.evalCount(*A.Value, C.Consts, "seed", 0xFFFFFFFFull))
          Sim.Seed = *V;
      } else {
        std::string Hint = closestName(A.Name.Name, {"dt", "seed"});
        Diags.error(A.Name.Range, "unknown simulation option '" + A.Name.Name + "'" +
                                      (Hint.empty() ? "; the options are 'dt' and 'seed'"
                                                    : "; did you mean '" + Hint + "'?"));
      }
    }
  }
  if (Overrides.Dt)
    Sim.Dt = *Overrides.Dt;
  if (Overrides.Duration)
    Sim.Duration = *Overrides.Duration;
  if (Overrides.Seed)
    Sim.Seed = *Overrides.Seed;
}

void Lowering::lowerPopulation(const ast::PopulationDecl &P, NetContext &C) {
  if (auto [It, New] = C.PopRange.try_emplace(P.Name.Name, P.Name.Range); !New) {
    Diags.error(P.Name.Range, "redefinition of population '" + P.Name.Name + "'");
    Diags.note(It->second, "previous definition is here");
    return;
  }
  ir::Population Pop;
  Pop.Name = P.Name.Name;
  Pop.Loc = P.Name.Range;
  auto Size = Checker.evalCount(*P.Size, C.Consts, "population size", 2147483647ull);
  if (Size && *Size == 0) {
    Diags.error(P.Size->Range, "population '" + P.Name.Name + "' must have at least one neuron");
    Size.reset();
  }
  const std::string &M = P.Model.Name;
  std::set<std::string> Seen;
  auto fresh = [&](const ast::NamedArg &A) {
    if (Seen.insert(A.Name.Name).second)
      return true;
    Diags.error(A.Name.Range, "'" + A.Name.Name + "' is given twice");
    return false;
  };
  if (lowerGenerator(P, C, Pop, Size)) {
    // Lowered in EncoderLowering.cpp.
  } else {
    auto It = Neurons.find(M);
    if (It == Neurons.end()) {
      std::vector<std::string> Known = {"poisson", "spike_times", "ttfs", "delta"};
      for (const auto &[N, _] : Neurons)
        Known.push_back(N);
      std::string Hint = closestName(M, Known);
      Diags.error(P.Model.Range, "unknown neuron model '" + M + "'" +
                                     (Hint.empty() ? "" : "; did you mean '" + Hint + "'?"));
      std::string List;
      for (const std::string &K : Known)
        List += (List.empty() ? "" : ", ") + K;
      Diags.note(P.Model.Range, "known models: " + List);
      return;
    }
    Pop.Kind = ir::PopKind::Neuron;
    Pop.Model = M;
    if (P.HasArgs)
      Diags.error(P.Range, "a neuron population takes no arguments in parentheses; set "
                           "parameters and initial values in '{ ... }'");
    ir::NeuronModel *Model = lowerModel(*It->second);
    if (!Model)
      return;
    if (!C.Net->findModel(M))
      C.Net->Models.push_back(Model->clone());
    C.PopModel[Pop.Name] = Model;
    for (const ast::NamedArg &A : P.Inits) {
      if (!fresh(A))
        continue;
      const std::string &N = A.Name.Name;
      if (const ir::Param *Par = Model->findParam(N)) {
        if (auto V = valueInit(*A.Value, C.Consts, Par->D, "parameter '" + N + "'", false))
          Pop.ParamOverrides.push_back({N, V->A, A.Name.Range});
      } else if (const ir::Variable *Var = Model->findState(N)
                                               ? static_cast<const ir::Variable *>(Model->findState(N))
                                               : Model->findInput(N)) {
        if (auto V = valueInit(*A.Value, C.Consts, Var->D, "initial value of '" + N + "'", true))
          Pop.Inits.push_back({N, *V});
      } else {
        std::vector<std::string> Names;
        for (const auto &X : Model->Params)
          Names.push_back(X.Name);
        for (const auto &X : Model->States)
          Names.push_back(X.Name);
        for (const auto &X : Model->Inputs)
          Names.push_back(X.Name);
        std::string Hint = closestName(N, Names);
        Diags.error(A.Name.Range, "'" + N + "' is not a parameter, state variable or input of '" +
                                      M + "'" +
                                      (Hint.empty() ? "" : "; did you mean '" + Hint + "'?"));
      }
    }
  }
  if (!Size)
    return;
  Pop.Size = *Size;
  C.Net->Populations.push_back(std::move(Pop));
}

void Lowering::lowerConnect(const ast::ConnectDecl &D, NetContext &C) {
  for (const ast::Ident &S : D.Sources)
    for (const ast::Ident &T : D.Targets)
      C.Connected.insert({S.Name, T.Name});
  auto findPop = [&](const ast::Ident &I) -> ir::Population * {
    ir::Population *P = C.Net->findPopulation(I.Name);
    if (P)
      return P;
    if (C.PopRange.count(I.Name))
      return nullptr; // declared, but it had errors
    std::vector<std::string> Names;
    for (const auto &[N, _] : C.PopRange)
      Names.push_back(N);
    std::string Hint = closestName(I.Name, Names);
    Diags.error(I.Range, "no population named '" + I.Name + "' in network '" +
                             C.Decl->Name.Name + "'" +
                             (Hint.empty() ? "" : "; did you mean '" + Hint + "'?"));
    std::string List;
    for (const std::string &N : Names)
      List += (List.empty() ? "" : ", ") + N;
    if (!List.empty())
      Diags.note(C.Decl->Name.Range, "populations of '" + C.Decl->Name.Name + "': " + List);
    return nullptr;
  };
  static const std::pair<const char *, ir::RuleKind> Rules[] = {
      {"all_to_all", ir::RuleKind::AllToAll},
      {"one_to_one", ir::RuleKind::OneToOne},
      {"fixed_probability", ir::RuleKind::FixedProbability},
      {"fixed_indegree", ir::RuleKind::FixedIndegree},
      {"fixed_outdegree", ir::RuleKind::FixedOutdegree},
      {"from_file", ir::RuleKind::List}};
  std::optional<ir::RuleKind> Rule;
  std::vector<std::string> RuleNames;
  for (const auto &[N, K] : Rules) {
    RuleNames.push_back(N);
    if (D.Rule.Name == N)
      Rule = K;
  }
  if (!Rule) {
    std::string Hint = closestName(D.Rule.Name, RuleNames);
    Diags.error(D.Rule.Range, "unknown connection rule '" + D.Rule.Name + "'" +
                                  (Hint.empty() ? "" : "; did you mean '" + Hint + "'?"));
    Diags.note(D.Rule.Range, "the rules are all_to_all, one_to_one, fixed_probability(p), "
                             "fixed_indegree(k), fixed_outdegree(k) and from_file(\"FILE\")");
    return;
  }
  bool TakesArg = *Rule != ir::RuleKind::AllToAll && *Rule != ir::RuleKind::OneToOne;
  if (D.RuleArgs.size() != (TakesArg ? 1u : 0u)) {
    Diags.error(D.RuleRange, "'" + D.Rule.Name + "' takes " + (TakesArg ? "1 argument" : "no arguments") +
                                 ", but " + countGiven(D.RuleArgs.size()));
    return;
  }
  // Options shared by every source/target pair.
  const ast::NamedArg *Weight = nullptr, *Delay = nullptr, *PortArg = nullptr, *Aut = nullptr,
                      *DelayAt = nullptr, *Modulator = nullptr, *MaxDelay = nullptr,
                      *StorageArg = nullptr, *PrecisionArg = nullptr;
  std::set<std::string> Seen;
  for (const ast::NamedArg &A : D.Options) {
    if (!Seen.insert(A.Name.Name).second) {
      Diags.error(A.Name.Range, "'" + A.Name.Name + "' is given twice");
      continue;
    }
    const std::string &N = A.Name.Name;
    if (N == "weight")
      Weight = &A;
    else if (N == "delay")
      Delay = &A;
    else if (N == "port")
      PortArg = &A;
    else if (N == "autapses")
      Aut = &A;
    else if (N == "delay_at")
      DelayAt = &A;
    else if (N == "modulator")
      Modulator = &A;
    else if (N == "max_delay")
      MaxDelay = &A;
    else if (N == "storage")
      StorageArg = &A;
    else if (N == "precision")
      PrecisionArg = &A;
    else {
      std::string Hint = closestName(N, {"weight", "delay", "port", "autapses", "delay_at",
                                         "modulator", "max_delay", "storage", "precision"});
      Diags.error(A.Name.Range, "unknown connection option '" + N + "'" +
                                    (Hint.empty() ? "; the options are weight, delay, port, "
                                                    "autapses, delay_at, modulator, max_delay, "
                                                    "storage, precision and synapse"
                                                  : "; did you mean '" + Hint + "'?"));
    }
  }
  std::optional<ir::Storage> Store;
  if (StorageArg && !(Store = storageOption(*StorageArg, Diags)))
    return;
  ir::Precision ValuePrec = ir::Precision::F64;
  bool WarnedPrecision = false;
  if (PrecisionArg) {
    const auto *N = llvm::dyn_cast<ast::NameExpr>(PrecisionArg->Value.get());
    if (!N || (N->Name != "f32" && N->Name != "f64")) {
      Diags.error(PrecisionArg->Value->Range,
                  "'precision' is f32 (per-synapse values stored in single precision) or f64");
      return;
    }
    ValuePrec = N->Name == "f32" ? ir::Precision::F32 : ir::Precision::F64;
  }
  ir::Projection::DelayKind DelayKind = ir::Projection::DelayKind::Axonal;
  if (DelayAt) {
    const auto *N = llvm::dyn_cast<ast::NameExpr>(DelayAt->Value.get());
    if (!N || (N->Name != "axonal" && N->Name != "dendritic")) {
      Diags.error(DelayAt->Value->Range, "'delay_at' is 'axonal' or 'dendritic'");
      return;
    }
    if (!D.Synapse)
      Diags.warning(DelayAt->Name.Range, "'delay_at' only matters for a synapse model with "
                                         "'on pre'/'on post'; a static synapse ignores it");
    DelayKind = N->Name == "axonal" ? ir::Projection::DelayKind::Axonal
                                    : ir::Projection::DelayKind::Dendritic;
  }
  if (!D.Synapse && (Modulator || MaxDelay)) {
    const ast::NamedArg *A = Modulator ? Modulator : MaxDelay;
    Diags.error(A->Name.Range, "'" + A->Name.Name + "' needs a synapse model (" +
                                   (Modulator ? "one with 'on modulator'"
                                              : "one with a plastic 'delay'") +
                                   "), given with ', synapse = NAME'");
    return;
  }
  std::optional<double> MaxDelayV;
  if (MaxDelay) {
    MaxDelayV = Checker.evalConstantAs(*MaxDelay->Value, C.Consts, Dim::time(), "'max_delay'");
    if (!MaxDelayV)
      return;
    if (!(*MaxDelayV > 0)) {
      Diags.error(MaxDelay->Value->Range, "'max_delay' must be positive");
      return;
    }
  }
  // from_file: the header says whether the file gives weights and delays.
  std::optional<DataFile> File;
  std::optional<ConnectionColumns> Cols;
  if (*Rule == ir::RuleKind::List) {
    if (D.Sources.size() != 1 || D.Targets.size() != 1) {
      Diags.error(D.RuleRange, "from_file connects one source population to one target "
                               "population");
      return;
    }
    if (Aut) {
      Diags.error(Aut->Name.Range, "'autapses' does not apply to from_file: the file lists "
                                   "every synapse");
      return;
    }
    File = openDataFile(*D.RuleArgs[0], "from_file");
    if (!File || !(Cols = readConnectionHeader(*File)))
      return;
    auto twice = [&](const ast::NamedArg *A, int Col, const char *What) {
      if (!A || Col < 0)
        return false;
      Diags.error(A->Name.Range, llvm::Twine("the ") + What +
                                     " is given twice: here and by "
                                     "column '" +
                                     File->header()[Col] + "' of '" + File->name() + "'");
      return true;
    };
    if (twice(Weight, Cols->Weight, "weight") || twice(Delay, Cols->Delay, "delay"))
      return;
  }
  bool ListWeights = Cols && Cols->Weight >= 0;
  if (!Weight && !D.Synapse && !ListWeights) {
    Diags.error(D.Range.Start.isValid() ? llvm::SMRange(D.Range.Start, D.Range.Start) : D.Range,
                "connection needs a weight, e.g. ', weight = 0.1 mV'");
    return;
  }
  bool Autapses = true;
  if (Aut) {
    auto Q = Checker.evalConstant(*Aut->Value, C.Consts, "'autapses'");
    if (!Q)
      return;
    if (!Q->IsBool) {
      Diags.error(Aut->Value->Range, "'autapses' must be true or false");
      return;
    }
    Autapses = Q->Value != 0;
  }
  std::optional<ir::ValueInit> DelayV;
  if (Delay) {
    DelayV = valueInit(*Delay->Value, C.Consts, Dim::time(), "delay", true);
    if (!DelayV)
      return;
    if ((DelayV->isConst() && DelayV->A < 0) ||
        (DelayV->K == ir::ValueInit::Kind::Uniform && DelayV->A < 0) ||
        (DelayV->K == ir::ValueInit::Kind::Linspace && std::min(DelayV->A, DelayV->B) < 0)) {
      Diags.error(Delay->Value->Range, "delay must not be negative");
      return;
    }
  } else {
    DelayV = ir::ValueInit{ir::ValueInit::Kind::Const, 0, 0, D.Range, std::nullopt};
  }

  for (const ast::Ident &SI : D.Sources) {
    for (const ast::Ident &TI : D.Targets) {
      ir::Population *Src = findPop(SI), *Tgt = findPop(TI);
      if (!Src || !Tgt)
        continue;
      if (Tgt->Kind != ir::PopKind::Neuron) {
        Diags.error(TI.Range, "'" + TI.Name + "' is a " + ir::popKindName(Tgt->Kind) +
                                  " generator; it cannot receive connections");
        continue;
      }
      ir::NeuronModel *M = C.PopModel[Tgt->Name];
      ir::Projection P;
      P.Source = Src->Name;
      P.Target = Tgt->Name;
      P.Loc = D.Range;
      P.Rule = *Rule;
      P.Autapses = Autapses;
      // Port.
      if (PortArg) {
        const auto *N = llvm::dyn_cast<ast::NameExpr>(PortArg->Value.get());
        if (!N) {
          Diags.error(PortArg->Value->Range, "'port' must name a receive port of the target");
          continue;
        }
        if (!M->findPort(N->Name)) {
          std::vector<std::string> Ports;
          for (const auto &X : M->Ports)
            Ports.push_back(X.Name);
          std::string Hint = closestName(N->Name, Ports);
          Diags.error(N->Range, "neuron '" + M->Name + "' has no port '" + N->Name + "'" +
                                    (Hint.empty() ? "" : "; did you mean '" + Hint + "'?"));
          continue;
        }
        P.Port = N->Name;
      } else if (M->Ports.size() == 1) {
        P.Port = M->Ports[0].Name;
      } else {
        Diags.error(TI.Range, M->Ports.empty()
                                  ? "neuron '" + M->Name + "' has no 'on receive' port, so '" +
                                        TI.Name + "' cannot receive connections"
                                  : "neuron '" + M->Name + "' has several ports; choose one "
                                                           "with ', port = NAME'");
        continue;
      }
      const ir::Port *Port = M->findPort(P.Port);
      P.DelayAt = DelayKind;
      if (D.Synapse) {
        if (!lowerSynapseOptions(D, Weight, *Port, P, C.Consts))
          return;
        if (!C.Net->findSynapse(P.Synapse))
          C.Net->Synapses.push_back(lowerSynapse(*SynapseDecls.at(P.Synapse))->clone());
        if (!lowerPlasticOptions(D, Modulator, Delay, MaxDelay, MaxDelayV, *DelayV, P, C))
          return;
        if (ListWeights) {
          // The weight column gives the initial values of the delivered variable.
          const ir::SynapseModel *S = C.Net->findSynapse(P.Synapse);
          std::string W = S->deliveredVar();
          bool InBraces = std::any_of(P.SynapseInits.begin(), P.SynapseInits.end(),
                                      [&](const auto &I) { return I.Var == W; });
          if (W.empty() || InBraces) {
            Diags.error(D.RuleRange, W.empty()
                                         ? "the weight column of '" + File->name() +
                                               "' gives each synapse its weight, but synapse '" +
                                               S->Name + "' delivers an expression"
                                         : "the weight column of '" + File->name() +
                                               "' and '" + W + "' in 'synapse = " + S->Name +
                                               " { ... }' both set '" + W + "'");
            return;
          }
        }
      } else if (!ListWeights) {
        auto W = valueInit(*Weight->Value, C.Consts, Port->WeightDim,
                           "weight for port '" + P.Port + "'", true);
        if (!W)
          return;
        P.Weight = *W;
      }
      P.Delay = *DelayV;
      // Rule arguments, checked against the sizes of this pair.
      uint64_t NS = Src->Size, NT = Tgt->Size;
      bool Self = Src == Tgt && !Autapses;
      double Expected = 0;
      switch (*Rule) {
      case ir::RuleKind::AllToAll:
        Expected = double(NS) * double(NT);
        break;
      case ir::RuleKind::OneToOne:
        if (NS != NT) {
          Diags.error(D.RuleRange, "one_to_one needs populations of equal size, but '" +
                                       SI.Name + "' has " + llvm::Twine(NS) + " and '" + TI.Name +
                                       "' has " + llvm::Twine(NT));
          continue;
        }
        if (Self) {
          Diags.error(D.RuleRange, "one_to_one from a population to itself without autapses "
                                   "makes no connection");
          continue;
        }
        Expected = double(NS);
        break;
      case ir::RuleKind::FixedProbability: {
        auto Pr = Checker.evalConstantAs(*D.RuleArgs[0], C.Consts, Dim(), "connection probability");
        if (!Pr)
          return;
        if (*Pr < 0 || *Pr > 1) {
          Diags.error(D.RuleArgs[0]->Range, "connection probability " + ir::formatNumber(*Pr) +
                                                " is outside [0, 1]");
          return;
        }
        P.P = *Pr;
        Expected = *Pr * double(NS) * double(NT);
        break;
      }
      case ir::RuleKind::FixedIndegree:
      case ir::RuleKind::FixedOutdegree: {
        bool In = *Rule == ir::RuleKind::FixedIndegree;
        uint64_t Avail = (In ? NS : NT) - (Self ? 1 : 0);
        auto K = Checker.evalCount(*D.RuleArgs[0], C.Consts, In ? "in-degree" : "out-degree",
                                   0xFFFFFFFFull);
        if (!K)
          return;
        if (*K > Avail) {
          Diags.error(D.RuleArgs[0]->Range,
                      llvm::Twine(In ? "in-degree " : "out-degree ") + llvm::Twine(*K) +
                          " is larger than the " + llvm::Twine(Avail) + " available " +
                          (In ? "source" : "target") + " neurons" +
                          (Self ? " (autapses excluded)" : ""));
          return;
        }
        P.K = *K;
        Expected = double(*K) * double(In ? NT : NS);
        break;
      }
      case ir::RuleKind::List:
        if (!lowerConnectionList(*File, *Cols, *Src, *Tgt, *Port, P))
          return;
        Expected = double(P.ListPre.size());
        break;
      }
      if (Expected > 4294967295.0) {
        Diags.error(D.Range.Start.isValid() ? D.RuleRange : D.Range,
                    "projection " + SI.Name + " -> " + TI.Name + " would create about " +
                        formatCount(std::round(Expected)) +
                        " synapses; the limit per projection is 4294967295");
        continue;
      }
      P.ValuePrec = ValuePrec;
      if (ValuePrec == ir::Precision::F32 && P.Synapse.empty() && !ir::hasWeightArray(P) &&
          !WarnedPrecision) {
        Diags.warning(PrecisionArg->Value->Range,
                      "'precision = f32' changes nothing here: the connection stores no "
                      "per-synapse values (its weight is the same for every synapse)");
        WarnedPrecision = true;
      }
      if (Store) {
        // The reason depends on the rule, the synapse model, weight and delay: the same for
        // every pair of the statement, so it is reported once.
        P.Store = *Store;
        if (!checkStorage(*C.Net, P, *StorageArg, Diags))
          return;
      }
      C.Net->Projections.push_back(std::move(P));
    }
  }
}

std::unique_ptr<ir::Network> Lowering::lowerNetwork(const ast::NetworkDecl &N) {
  unsigned Before = Diags.errorCount();
  auto Net = std::make_unique<ir::Network>();
  Net->Name = N.Name.Name;
  Net->Loc = N.Name.Range;
  NetContext C(Globals.get(), Diags);
  C.Consts.setChecker(&Checker);
  C.Decl = &N;
  C.Net = Net.get();
  for (const ast::ConstDecl &K : N.Consts)
    C.Consts.declare(K.Name, K.Value.get());
  C.Consts.evaluateAll();
  lowerSimulate(N, C);
  SimDt = Net->Sim.Dt;
  // Every model is checked, used or not, so that a library's mistakes show up.
  for (const auto &[Name, Decl] : Neurons)
    lowerModel(*Decl);
  for (const auto &[Name, Decl] : SynapseDecls)
    lowerSynapse(*Decl);
  for (const ast::PopulationDecl &P : N.Populations)
    lowerPopulation(P, C);
  for (const ast::ConnectDecl &D : N.Connects) {
    unsigned ErrorsBefore = Diags.errorCount();
    lowerConnect(D, C);
    if (Diags.errorCount() != ErrorsBefore)
      for (const ast::Ident &S : D.Sources)
        for (const ast::Ident &T : D.Targets)
          C.FailedConnects.insert({S.Name, T.Name});
  }
  for (const ast::RecordDecl &R : N.Records)
    lowerRecord(R, C);
  for (const ast::InjectDecl &I : N.Injects)
    lowerInject(I, C);
  if (Diags.errorCount() != Before)
    return nullptr;
  return Net;
}

} // namespace snn
