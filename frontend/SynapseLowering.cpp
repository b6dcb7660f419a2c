//===- frontend/SynapseLowering.cpp - synapse models to IR ----------------------------------===//
//
// Checks a `synapse` declaration and builds its ir::SynapseModel:
//   parameter  constant default (may use earlier parameters and named constants)
//   state      per-synapse value with an initial value (may use parameters)
//   let        an inline definition
//   dX/dt      integrated exactly between events; must be linear in X alone (checked by
//              solve-odes), e.g. a trace dx/dt = -x / tau
//   on pre     runs when a presynaptic spike reaches the synapse; `deliver EXPR` sends EXPR to
//              the target's port (exactly once)
//   on post    runs when the postsynaptic neuron's spike reaches the synapse
//   on modulator  runs in every synapse when a neuron of the projection's modulator fires
// A state variable `delay` (a time) makes the synapses' delays plastic: the runtime reads it
// when a spike is emitted.
// and applies a connect's `synapse = NAME { ... }` to a projection: parameter overrides,
// initial values of synapse state (constants or distributions), and `weight = ...` as the
// initial value of the delivered variable.
//
//===----------------------------------------------------------------------------------------===//
#include "frontend/Lowering.h"

#include <set>

namespace snn {

namespace {

enum class SynKind { Param, State, Let };

struct SynName {
  SynKind K;
  size_t Index;
  llvm::SMRange Range;
};

const std::set<std::string> &reservedNames() {
  static const std::set<std::string> R = {"t", "dt", "refractory"};
  return R;
}

} // namespace

ir::SynapseModel *Lowering::lowerSynapse(const ast::SynapseDecl &S) {
  SynapseInfo &Info = SynInfos[&S];
  if (Info.Lowered)
    return Info.Model.get();
  Info.Lowered = true;
  unsigned Before = Diags.errorCount();
  auto Out = std::make_unique<ir::SynapseModel>();
  Out->Name = S.Name.Name;
  Out->Loc = S.Name.Range;

  std::map<std::string, SynName> Names;
  auto declare = [&](const ast::Ident &N, SynKind K, size_t Index) {
    if (reservedNames().count(N.Name)) {
      Diags.error(N.Range, "'" + N.Name + "' is a built-in name and cannot be declared");
      return;
    }
    if (N.Name == "delay" && K != SynKind::State) {
      Diags.error(N.Range, "'delay' is the synapse's delay; declare it as 'state delay = ...' to "
                           "make delays plastic");
      return;
    }
    warnIfUnitName(N, Diags);
    auto [It, New] = Names.try_emplace(N.Name, SynName{K, Index, N.Range});
    if (!New) {
      Diags.error(N.Range, "redefinition of '" + N.Name + "' in synapse '" + S.Name.Name + "'");
      Diags.note(It->second.Range, "previous definition is here");
    }
  };
  for (size_t K = 0; K < S.Params.size(); ++K)
    declare(S.Params[K].Name, SynKind::Param, K);
  for (size_t K = 0; K < S.States.size(); ++K)
    declare(S.States[K].Name, SynKind::State, K);
  for (size_t K = 0; K < S.Lets.size(); ++K)
    declare(S.Lets[K].Name, SynKind::Let, K);

  // Parameters, in order; each may use the ones before it.
  std::map<std::string, Quantity> ParamVal;
  for (const ast::VarDecl &P : S.Params) {
    FnScope PS(
        Globals.get(),
        [&](const std::string &N, llvm::SMRange R) -> std::optional<Typed> {
          auto It = ParamVal.find(N);
          if (It == ParamVal.end()) {
            if (Names.count(N)) {
              Diags.error(R, "the default of parameter '" + P.Name.Name +
                                 "' can only use parameters declared before it, not '" + N + "'");
              return Typed{};
            }
            return std::nullopt;
          }
          Typed T;
          T.E = ir::constant(It->second.Value, R);
          T.D = It->second.D;
          return T;
        },
        {});
    auto Q = Checker.evalConstant(*P.Value, PS, "default value of parameter '" + P.Name.Name + "'");
    if (!Q)
      continue;
    if (Q->IsBool) {
      Diags.error(P.Value->Range, "parameter '" + P.Name.Name + "' must be a number");
      continue;
    }
    if (P.Unit) {
      auto U = Checker.resolveUnit(*P.Unit);
      if (!U)
        continue;
      if (U->D != Q->D) {
        Diags.error(P.Value->Range, "parameter '" + P.Name.Name + "' is declared in " +
                                        describeDim(U->D) + " but its value has unit " +
                                        describeDim(Q->D));
        continue;
      }
    }
    ParamVal[P.Name.Name] = *Q;
    ir::Param IP;
    IP.Name = P.Name.Name;
    IP.D = Q->D;
    IP.Value = Q->Value;
    IP.Loc = P.Name.Range;
    Out->Params.push_back(IP);
  }
  auto paramRef = [&](const std::string &N, llvm::SMRange R) -> Typed {
    auto It = ParamVal.find(N);
    if (It == ParamVal.end())
      return {};
    Typed T;
    T.E = ir::ref(ir::RefKind::Param, N, R);
    T.D = It->second.D;
    return T;
  };

  // State: initial values may use parameters.
  std::map<std::string, Dim> StateDim;
  FnScope InitScope(
      Globals.get(),
      [&](const std::string &N, llvm::SMRange R) -> std::optional<Typed> {
        auto It = Names.find(N);
        if (It == Names.end())
          return std::nullopt;
        if (It->second.K == SynKind::Param)
          return paramRef(N, R);
        Diags.error(R, "an initial value can only use parameters and constants, not '" + N + "'");
        return Typed{};
      },
      {});
  for (const ast::VarDecl &V : S.States) {
    std::optional<UnitInfo> U;
    if (V.Unit && !(U = Checker.resolveUnit(*V.Unit)))
      continue;
    Typed T = U ? Checker.checkAs(*V.Value, InitScope, U->D,
                                  "initial value of '" + V.Name.Name + "'")
                : Checker.check(*V.Value, InitScope);
    if (!T)
      continue;
    if (T.IsBool) {
      Diags.error(V.Value->Range, "state variable '" + V.Name.Name + "' must be a number");
      continue;
    }
    if (V.Name.Name == "delay" && T.D != Dim::time()) {
      Diags.error(V.Value->Range, "'delay' is the synapse's (plastic) delay and must be a time, "
                                  "not " + describeDim(T.D));
      continue;
    }
    StateDim[V.Name.Name] = T.D;
    ir::StateVar SV;
    SV.Name = V.Name.Name;
    SV.D = T.D;
    SV.Init = std::move(T.E);
    SV.Loc = V.Name.Range;
    Out->States.push_back(std::move(SV));
  }

  // The scope of equations and handlers.
  std::vector<int> LetState(S.Lets.size(), 0); // 0 pending, 1 busy, 2 done, 3 failed
  std::vector<Typed> LetValue(S.Lets.size());
  std::function<std::optional<Typed>(const std::string &, llvm::SMRange)> Find;
  Find = [&](const std::string &N, llvm::SMRange R) -> std::optional<Typed> {
    if (N == "t") {
      Typed T;
      T.E = ir::ref(ir::RefKind::Time, "t", R);
      T.D = Dim::time();
      return T;
    }
    if (N == "dt") {
      Typed T;
      T.E = ir::constant(SimDt, R);
      T.D = Dim::time();
      return T;
    }
    auto It = Names.find(N);
    if (It == Names.end())
      return std::nullopt;
    switch (It->second.K) {
    case SynKind::Param:
      return paramRef(N, R);
    case SynKind::State: {
      auto D = StateDim.find(N);
      if (D == StateDim.end())
        return Typed{};
      Typed T;
      T.E = ir::ref(ir::RefKind::State, N, R);
      T.D = D->second;
      return T;
    }
    case SynKind::Let: {
      size_t K = It->second.Index;
      if (LetState[K] == 1) {
        Diags.error(S.Lets[K].Name.Range, "definition of '" + N + "' depends on itself");
        Diags.note(R, "through this use");
        LetState[K] = 3;
        return Typed{};
      }
      if (LetState[K] == 0) {
        LetState[K] = 1;
        FnScope Inner(Globals.get(), Find, {});
        Typed T = Checker.check(*S.Lets[K].Value, Inner);
        if (T && ir::nodeCount(*T.E, ir::MaxInlinedNodes) >= ir::MaxInlinedNodes) {
          Diags.error(S.Lets[K].Name.Range,
                      "definition of '" + S.Lets[K].Name.Name + "' expands to more than " +
                          llvm::Twine(ir::MaxInlinedNodes) +
                          " terms once the definitions it uses are substituted; simplify it");
          T = Typed{};
        }
        if (LetState[K] != 3 && T) {
          LetValue[K] = std::move(T);
          LetState[K] = 2;
        } else {
          LetState[K] = 3;
        }
      }
      if (LetState[K] != 2)
        return Typed{};
      Typed T;
      T.E = LetValue[K].E->clone();
      T.D = LetValue[K].D;
      T.IsBool = LetValue[K].IsBool;
      return T;
    }
    }
    return std::nullopt;
  };
  std::vector<std::string> Visible = {"t", "dt"};
  for (const auto &[N, _] : Names)
    Visible.push_back(N);
  FnScope Scope(Globals.get(), Find, Visible);
  for (const ast::ConstDecl &L : S.Lets)
    Find(L.Name.Name, L.Name.Range);

  // ODEs.
  std::set<std::string> WithOde;
  for (const ast::OdeDecl &O : S.Odes) {
    auto It = Names.find(O.Var.Name);
    if (It == Names.end() || It->second.K != SynKind::State) {
      Diags.error(O.Lhs, "ODE for '" + O.Var.Name + "', which is not a state variable of synapse '" +
                             S.Name.Name + "'");
      continue;
    }
    if (!WithOde.insert(O.Var.Name).second) {
      Diags.error(O.Lhs, "second ODE for '" + O.Var.Name + "'");
      continue;
    }
    auto D = StateDim.find(O.Var.Name);
    if (D == StateDim.end())
      continue;
    Typed T = Checker.checkAs(*O.Rhs, Scope, D->second / Dim::time(),
                              "right-hand side of 'd" + O.Var.Name + "/dt'");
    if (T)
      Out->Odes.push_back({O.Var.Name, std::move(T.E), O.Range});
  }

  // Handlers.
  auto lowerBlock = [&](const std::vector<ast::Stmt> &V, bool Pre, std::vector<ir::Stmt> &Dst) {
    unsigned Delivers = 0;
    for (const ast::Stmt &St : V) {
      if (St.Op == ast::AssignOp::Deliver) {
        if (!Pre) {
          Diags.error(St.Target.Range, "'deliver' belongs in 'on pre': a synapse transmits when "
                                       "the presynaptic spike reaches it");
          continue;
        }
        if (++Delivers > 1) {
          Diags.error(St.Target.Range, "'on pre' delivers more than once");
          continue;
        }
        Typed T = Checker.check(*St.Value, Scope);
        if (!T)
          continue;
        if (T.IsBool) {
          Diags.error(St.Value->Range, "'deliver' needs a number, not a condition");
          continue;
        }
        Info.DeliverDim = T.D;
        ir::Stmt R;
        R.Kind = ir::Stmt::Op::Deliver;
        R.Value = std::move(T.E);
        R.Loc = St.Range;
        Dst.push_back(std::move(R));
        continue;
      }
      auto It = Names.find(St.Target.Name);
      if (It == Names.end() || It->second.K != SynKind::State) {
        Diags.error(St.Target.Range, It == Names.end()
                                         ? "assignment to undeclared variable '" +
                                               St.Target.Name + "'"
                                         : "cannot assign to '" + St.Target.Name +
                                               "'; only state variables change");
        continue;
      }
      auto D = StateDim.find(St.Target.Name);
      if (D == StateDim.end())
        continue;
      bool Scaling = St.Op == ast::AssignOp::Mul || St.Op == ast::AssignOp::Div;
      Typed T = Checker.checkAs(*St.Value, Scope, Scaling ? Dim() : D->second,
                                Scaling ? "a scaling factor"
                                        : "value assigned to '" + St.Target.Name + "'");
      if (!T)
        continue;
      ir::Stmt R;
      R.Target = St.Target.Name;
      R.Value = std::move(T.E);
      R.Loc = St.Range;
      switch (St.Op) {
      case ast::AssignOp::Set: R.Kind = ir::Stmt::Op::Set; break;
      case ast::AssignOp::Add: R.Kind = ir::Stmt::Op::Add; break;
      case ast::AssignOp::Sub: R.Kind = ir::Stmt::Op::Sub; break;
      case ast::AssignOp::Mul: R.Kind = ir::Stmt::Op::Mul; break;
      case ast::AssignOp::Div: R.Kind = ir::Stmt::Op::Div; break;
      case ast::AssignOp::Deliver: break;
      }
      Dst.push_back(std::move(R));
    }
    return Delivers;
  };
  for (size_t K = 0; K < S.OnPre.size(); ++K) {
    if (K > 0) {
      Diags.error(S.OnPreRanges[K], "synapse '" + S.Name.Name + "' has more than one 'on pre'");
      continue;
    }
    lowerBlock(S.OnPre[K], true, Out->OnPre);
  }
  for (size_t K = 0; K < S.OnPost.size(); ++K) {
    if (K > 0) {
      Diags.error(S.OnPostRanges[K], "synapse '" + S.Name.Name + "' has more than one 'on post'");
      continue;
    }
    lowerBlock(S.OnPost[K], false, Out->OnPost);
  }
  for (size_t K = 0; K < S.OnModulator.size(); ++K) {
    if (K > 0) {
      Diags.error(S.OnModulatorRanges[K],
                  "synapse '" + S.Name.Name + "' has more than one 'on modulator'");
      continue;
    }
    lowerBlock(S.OnModulator[K], false, Out->OnModulator);
  }
  bool Delivers = false;
  for (const ir::Stmt &St : Out->OnPre)
    Delivers |= St.Kind == ir::Stmt::Op::Deliver;
  if (!Delivers && Diags.errorCount() == Before)
    Diags.error(S.Name.Range, "synapse '" + S.Name.Name + "' never transmits: add 'deliver w' "
                              "(the value sent to the target) to its 'on pre'");
  if (Diags.errorCount() == Before)
    Info.Model = std::move(Out);
  return Info.Model.get();
}

bool Lowering::lowerSynapseOptions(const ast::ConnectDecl &D, const ast::NamedArg *Weight,
                                   const ir::Port &Port, ir::Projection &P, Scope &Consts) {
  auto It = SynapseDecls.find(D.Synapse->Name);
  if (It == SynapseDecls.end()) {
    std::vector<std::string> Known;
    for (const auto &[N, _] : SynapseDecls)
      Known.push_back(N);
    std::string Hint = closestName(D.Synapse->Name, Known);
    Diags.error(D.Synapse->Range, "unknown synapse model '" + D.Synapse->Name + "'" +
                                      (Hint.empty() ? "" : "; did you mean '" + Hint + "'?"));
    return false;
  }
  ir::SynapseModel *M = lowerSynapse(*It->second);
  if (!M)
    return false;
  const SynapseInfo &Info = SynInfos[It->second];
  if (Info.DeliverDim && *Info.DeliverDim != Port.WeightDim) {
    Diags.error(D.Synapse->Range, "synapse '" + M->Name + "' delivers " +
                                      describeDim(*Info.DeliverDim) + ", but port '" + Port.Name +
                                      "' expects " + describeDim(Port.WeightDim));
    return false;
  }
  P.Synapse = M->Name;
  bool Ok = true;
  std::set<std::string> Seen;
  for (const ast::NamedArg &A : D.SynapseArgs) {
    if (!Seen.insert(A.Name.Name).second) {
      Diags.error(A.Name.Range, "'" + A.Name.Name + "' is given twice");
      Ok = false;
      continue;
    }
    const ir::Param *Par = nullptr;
    for (const ir::Param &X : M->Params)
      if (X.Name == A.Name.Name)
        Par = &X;
    if (Par) {
      if (auto V = valueInit(*A.Value, Consts, Par->D, "parameter '" + Par->Name + "'", false))
        P.SynapseParams.push_back({Par->Name, V->A, A.Name.Range});
      else
        Ok = false;
    } else if (const ir::StateVar *SV = M->findState(A.Name.Name)) {
      if (auto V = valueInit(*A.Value, Consts, SV->D, "initial value of '" + SV->Name + "'", true))
        P.SynapseInits.push_back({SV->Name, *V});
      else
        Ok = false;
    } else {
      std::vector<std::string> Names;
      for (const ir::Param &X : M->Params)
        Names.push_back(X.Name);
      for (const ir::StateVar &X : M->States)
        Names.push_back(X.Name);
      std::string Hint = closestName(A.Name.Name, Names);
      Diags.error(A.Name.Range, "'" + A.Name.Name + "' is not a parameter or state variable of "
                                    "synapse '" + M->Name + "'" +
                                    (Hint.empty() ? "" : "; did you mean '" + Hint + "'?"));
      Ok = false;
    }
  }
  if (Weight) {
    std::string W = M->deliveredVar();
    if (W.empty()) {
      Diags.error(Weight->Name.Range, "'weight' sets the variable a synapse delivers, but '" +
                                          M->Name + "' delivers an expression; set its "
                                          "variables in 'synapse = " + M->Name + " { ... }'");
      return false;
    }
    if (Seen.count(W)) {
      Diags.error(Weight->Name.Range, "'weight' and '" + W + "' in 'synapse = " + M->Name +
                                          " { ... }' both set '" + W + "'");
      return false;
    }
    auto V = valueInit(*Weight->Value, Consts, Port.WeightDim, "weight for port '" + Port.Name + "'",
                       true);
    if (!V)
      return false;
    P.SynapseInits.push_back({W, *V});
    P.Weight = *V;
  }
  return Ok;
}

/// The connect options that only synapse models use: `modulator = POP` (the population whose
/// spikes run `on modulator`) and `max_delay = T` (plastic delays), and the initial `delay`.
bool Lowering::lowerPlasticOptions(const ast::ConnectDecl &D, const ast::NamedArg *Modulator,
                                   const ast::NamedArg *Delay, const ast::NamedArg *MaxDelay,
                                   std::optional<double> MaxDelayV, const ir::ValueInit &DelayV,
                                   ir::Projection &P, NetContext &C) {
  const ir::SynapseModel *S = C.Net->findSynapse(P.Synapse);
  if (Modulator) {
    const auto *N = llvm::dyn_cast<ast::NameExpr>(Modulator->Value.get());
    if (!N) {
      Diags.error(Modulator->Value->Range, "'modulator' must name a population");
      return false;
    }
    if (!C.Net->findPopulation(N->Name)) {
      if (C.PopRange.count(N->Name))
        return false; // declared, but it failed to lower (already reported)
      std::vector<std::string> Names;
      for (const auto &[X, _] : C.PopRange)
        Names.push_back(X);
      std::string Hint = closestName(N->Name, Names);
      Diags.error(N->Range, "no population named '" + N->Name + "'" +
                                (Hint.empty() ? "" : "; did you mean '" + Hint + "'?"));
      return false;
    }
    if (S->OnModulator.empty()) {
      Diags.error(Modulator->Name.Range, "synapse '" + S->Name + "' has no 'on modulator', so "
                                         "a modulator would do nothing");
      return false;
    }
    P.Modulator = N->Name;
  } else if (!S->OnModulator.empty()) {
    Diags.error(D.Synapse->Range, "synapse '" + S->Name + "' has 'on modulator'; name the "
                                  "population whose spikes run it with ', modulator = POP'");
    return false;
  }
  if (!S->hasPlasticDelay()) {
    if (MaxDelay) {
      Diags.error(MaxDelay->Name.Range, "'max_delay' is for plastic delays, but synapse '" +
                                            S->Name + "' has no state variable 'delay'");
      return false;
    }
    return true;
  }
  if (!MaxDelayV) {
    Diags.error(D.Synapse->Range, "synapse '" + S->Name + "' changes its delays; give the "
                                  "longest delay they may reach with ', max_delay = TIME' (it "
                                  "sizes the target's input buffer)");
    return false;
  }
  P.MaxDelay = *MaxDelayV;
  P.MaxDelayLoc = MaxDelay->Value->Range; // its limit comes from the target (quantize-delays)
  auto InBraces = std::find_if(P.SynapseInits.begin(), P.SynapseInits.end(),
                               [](const auto &I) { return I.Var == "delay"; });
  if (InBraces != P.SynapseInits.end() && Delay) {
    Diags.error(Delay->Name.Range, "the initial delay is given twice: by ', delay = ...' and "
                                   "in 'synapse = " + S->Name + " { delay = ... }'");
    return false;
  }
  // The initial delays must lie in [0, max_delay]; the runtime would clip them silently.
  ir::ValueInit Init = DelayV;
  llvm::SMRange Where = Delay ? Delay->Value->Range : D.Synapse->Range;
  if (InBraces != P.SynapseInits.end()) {
    Init = InBraces->Value;
    Where = Init.Loc;
  } else if (!Delay) {
    auto Default = ir::constantValue(*S->findState("delay")->Init);
    Init = {ir::ValueInit::Kind::Const, Default.value_or(0), 0, Where, std::nullopt};
  }
  double Lo = Init.A, Hi = Init.A;
  if (Init.K == ir::ValueInit::Kind::Uniform || Init.K == ir::ValueInit::Kind::Linspace) {
    Lo = std::min(Init.A, Init.B);
    Hi = std::max(Init.A, Init.B);
  }
  if (Init.K == ir::ValueInit::Kind::Normal) {
    Diags.warning(Where, "initial delays drawn from a normal distribution are clipped to "
                         "[0, max_delay]");
  } else if (Lo < 0 || Hi > *MaxDelayV) {
    Diags.error(Where, "initial delay" + std::string(Lo == Hi ? " " : "s up to ") +
                           formatTime(Lo < 0 ? Lo : Hi) + (Lo < 0 ? " is negative" : "") +
                           (Lo < 0 ? "" : " exceed" + std::string(Lo == Hi ? "s" : "") +
                                              " 'max_delay' (" + formatTime(*MaxDelayV) + ")"));
    return false;
  }
  if (InBraces == P.SynapseInits.end() && Delay)
    P.SynapseInits.push_back({"delay", DelayV});
  return true;
}

} // namespace snn
