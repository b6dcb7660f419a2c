//===- ir/Verifier.cpp - checks the invariants of the network IR ----------------------------===//
//
// Invariants checked (each violation is one error at the offending entity):
//  - names are unique per kind (models, synapses, populations) and within a model;
//  - every reference in an expression names a declaration of the kind it claims;
//    weights appear only in port handlers, temporaries only in update blocks after their `let`;
//  - ODEs, resets, port handlers and updates assign state variables only, at most one ODE per
//    variable; thresholds are boolean, other expressions real;
//  - populations name existing models, parameter overrides and initial values name existing
//    parameters and state variables; generator data is in range;
//  - projections name existing populations and a port of the target's model; rule arguments are
//    valid for the sizes; decided delays are >= 1 step and fit the target's ring buffer;
//  - recordings select existing neurons and variables; the simulation step is positive;
//  - rate schedules, synapse lists and injections have consistent lengths, indices in range,
//    non-decreasing times and finite values; injections write inputs of neuron populations.
//
//===----------------------------------------------------------------------------------------===//
#include "ir/Verifier.h"

#include "ir/StorageCost.h"

#include "ir/Printer.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <map>
#include <set>

namespace snn::ir {

namespace {

class Verifier {
public:
  Verifier(const Network &N, DiagnosticsEngine &D, llvm::StringRef Ctx) : N(N), Diags(D) {
    if (!Ctx.empty())
      Suffix = (" (" + Ctx + ")").str();
  }
  bool run();

private:
  void fail(llvm::SMRange R, const llvm::Twine &Msg) {
    Diags.error(R, "invalid IR: " + Msg + Suffix);
    Ok = false;
  }
  void checkModel(const NeuronModel &M);
  void checkSynapse(const SynapseModel &S);
  void checkExpr(const Expr &E, const NeuronModel *M, const SynapseModel *S, bool InPort,
                 const std::set<std::string> *Temps, llvm::SMRange Where);
  void checkStmts(const std::vector<Stmt> &V, const NeuronModel *M, const SynapseModel *S,
                  bool InPort, llvm::StringRef What);
  void checkPopulation(const Population &P);
  void checkProjection(const Projection &P);
  void checkRecording(const Recording &R);
  void checkSynapseRecording(const Recording &R);
  void checkRateSchedule(const Population &P);
  void checkSynapseList(const Projection &P, const Population &Src, const Population &Tgt);
  void checkInjection(const Injection &I);

  const Network &N;
  DiagnosticsEngine &Diags;
  std::string Suffix;
  bool Ok = true;
};

bool Verifier::run() {
  if (!(N.Sim.Dt > 0) || !std::isfinite(N.Sim.Dt))
    fail(N.Sim.Loc, "simulation step dt must be positive and finite");
  if (!(N.Sim.Duration >= 0) || !std::isfinite(N.Sim.Duration))
    fail(N.Sim.Loc, "simulation duration must be non-negative and finite");
  else if (N.Sim.Dt > 0 && N.Sim.Duration / N.Sim.Dt > 4.6e18)
    fail(N.Sim.Loc, "simulation of " + formatNumber(std::floor(N.Sim.Duration / N.Sim.Dt)) +
                        " steps is too long (the limit is 2^62 steps)");
  if (N.Sim.Seed > 0xFFFFFFFFull)
    fail(N.Sim.Loc, "seed " + llvm::Twine(N.Sim.Seed) + " does not fit in 32 bits");
  std::set<std::string> Names;
  for (const auto &M : N.Models) {
    if (!Names.insert(M->Name).second)
      fail(M->Loc, "duplicate model '" + M->Name + "'");
    checkModel(*M);
  }
  for (const auto &S : N.Synapses) {
    if (!Names.insert(S->Name).second)
      fail(S->Loc, "duplicate model '" + S->Name + "'");
    checkSynapse(*S);
  }
  std::set<std::string> Pops;
  for (const Population &P : N.Populations) {
    if (!Pops.insert(P.Name).second)
      fail(P.Loc, "duplicate population '" + P.Name + "'");
    checkPopulation(P);
  }
  for (const Projection &P : N.Projections)
    checkProjection(P);
  std::map<std::string, llvm::SMRange> Files;
  for (const Recording &R : N.Recordings) {
    checkRecording(R);
    // Each recording is written to its own CSV file; spikes of one population may be recorded
    // by several statements (they are merged).
    if (R.K == Recording::Kind::Spikes)
      continue;
    std::string File = "state_" + R.Pop + "_" + R.Var + ".csv";
    if (R.K == Recording::Kind::Synapse && R.Projection >= 0 &&
        R.Projection < int64_t(N.Projections.size()))
      File = "synapses_" + R.Pop + "_" + N.Projections[size_t(R.Projection)].Target + "_" +
             R.Var + ".csv";
    if (auto [It, New] = Files.try_emplace(File, R.Loc); !New)
      fail(R.Loc, "this recording and an earlier one would both write '" + File + "'");
  }
  for (const Injection &I : N.Injections)
    checkInjection(I);
  return Ok;
}

void Verifier::checkExpr(const Expr &E, const NeuronModel *M, const SynapseModel *S, bool InPort,
                         const std::set<std::string> *Temps, llvm::SMRange Where) {
  walk(E, [&](const Expr &X) {
    llvm::SMRange L = X.loc().isValid() ? X.loc() : Where;
    if (const auto *B = llvm::dyn_cast<BinaryExpr>(&X)) {
      bool WantBool = isLogical(B->op());
      if (B->lhs().isBoolean() != WantBool || B->rhs().isBoolean() != WantBool)
        fail(L, std::string("operands of '") + binaryOpSpelling(B->op()) + "' must be " +
                    (WantBool ? "boolean" : "real"));
      return;
    }
    if (const auto *U = llvm::dyn_cast<UnaryExpr>(&X)) {
      if (U->operand().isBoolean() != (U->op() == UnaryOp::Not))
        fail(L, U->op() == UnaryOp::Not ? "operand of 'not' must be boolean"
                                        : "operand of '-' must be real");
      return;
    }
    if (const auto *Sel = llvm::dyn_cast<SelectExpr>(&X)) {
      if (!Sel->cond().isBoolean())
        fail(L, "condition of '?:' must be boolean");
      if (Sel->trueValue().isBoolean() != Sel->falseValue().isBoolean())
        fail(L, "both arms of '?:' must have the same type");
      return;
    }
    if (const auto *C = llvm::dyn_cast<CallExpr>(&X)) {
      for (const ExprPtr &A : C->args())
        if (A->isBoolean())
          fail(L, std::string("argument of '") + funcInfo(C->func()).Name + "' must be real");
      if (isFixedPointFunc(C->func()) && !fixedPointArgsValid(*C))
        fail(L, std::string("'") + funcInfo(C->func()).Name +
                    "' needs constant integer arguments in range after its first");
      return;
    }
    const auto *R = llvm::dyn_cast<RefExpr>(&X);
    if (!R)
      return;
    bool Found = true;
    switch (R->refKind()) {
    case RefKind::Param:
      Found = M ? M->findParam(R->name()) != nullptr
                : S && std::any_of(S->Params.begin(), S->Params.end(),
                                   [&](const Param &P) { return P.Name == R->name(); });
      break;
    case RefKind::State:
      Found = M ? M->findState(R->name()) != nullptr : S && S->findState(R->name());
      break;
    case RefKind::Input:
      Found = M && M->findInput(R->name());
      break;
    case RefKind::Weight:
      Found = InPort;
      break;
    case RefKind::Temp:
      Found = Temps && Temps->count(R->name());
      break;
    case RefKind::Time:
      break;
    case RefKind::Refractory:
      Found = M != nullptr;
      break;
    }
    if (!Found)
      fail(L, std::string("'") + R->name() + "' is not a " + refKindName(R->refKind()) +
                  " in this context");
  });
}

void Verifier::checkStmts(const std::vector<Stmt> &V, const NeuronModel *M, const SynapseModel *S,
                          bool InPort, llvm::StringRef What) {
  for (const Stmt &St : V) {
    if (St.Kind == Stmt::Op::Let) {
      fail(St.Loc, "'let' is only allowed in update blocks");
      continue;
    }
    bool IsState = M ? M->findState(St.Target) != nullptr : S && S->findState(St.Target);
    if (!IsState)
      fail(St.Loc, "'" + St.Target + "' assigned in " + What + " is not a state variable");
    checkExpr(*St.Value, M, S, InPort, nullptr, St.Loc);
    if (St.Value->isBoolean())
      fail(St.Loc, "cannot assign a boolean to '" + St.Target + "'");
  }
}

void Verifier::checkModel(const NeuronModel &M) {
  std::set<std::string> Names;
  auto declare = [&](const Variable &V) {
    if (!Names.insert(V.Name).second)
      fail(V.Loc, "'" + V.Name + "' declared twice in model '" + M.Name + "'");
  };
  for (const Param &P : M.Params)
    declare(P);
  for (const StateVar &S : M.States) {
    declare(S);
    if (!S.Init)
      fail(S.Loc, "state variable '" + S.Name + "' has no initial value");
    else
      checkExpr(*S.Init, &M, nullptr, false, nullptr, S.Loc);
  }
  for (const InputVar &I : M.Inputs)
    declare(I);
  std::set<std::string> WithOde;
  for (const Ode &O : M.Odes) {
    if (!M.findState(O.Var))
      fail(O.Loc, "ODE for '" + O.Var + "', which is not a state variable");
    if (!WithOde.insert(O.Var).second)
      fail(O.Loc, "two ODEs for '" + O.Var + "'");
    checkExpr(*O.Rhs, &M, nullptr, false, nullptr, O.Loc);
  }
  // Chip models (quantize-for-target): the fixed_point group advances state variables that have
  // no ODE, each with a numeric format.
  std::set<std::string> Advanced = WithOde;
  for (const OdeGroup &G : M.Groups)
    if (G.M == Method::FixedPoint)
      for (const std::string &V : G.Vars) {
        if (!M.findState(V))
          fail(M.Loc, "fixed_point group of '" + M.Name + "' names '" + V +
                          "', which is not a state variable");
        else if (WithOde.count(V))
          fail(M.Loc, "'" + V + "' of '" + M.Name + "' has an ODE and a fixed_point update");
        Advanced.insert(V);
      }
  bool IsChip = M.Chip.set();
  for (const OdeGroup &G : M.Groups)
    if ((G.M == Method::FixedPoint) != IsChip)
      fail(M.Loc, IsChip ? "chip model '" + M.Name + "' has a floating-point method"
                         : "model '" + M.Name + "' has a fixed_point update but no chip neuron");
  for (const NumericFormat &F : M.Formats) {
    if (!M.findState(F.Var))
      fail(M.Loc, "numeric format for '" + F.Var + "', which is not a state variable of '" +
                      M.Name + "'");
    if (F.Bits < 2 || F.Bits > 63)
      fail(M.Loc, "numeric format of '" + F.Var + "' has " + llvm::Twine(F.Bits) + " bits");
  }
  if (IsChip)
    for (const StateVar &S : M.States)
      if (std::none_of(M.Formats.begin(), M.Formats.end(),
                       [&](const NumericFormat &F) { return F.Var == S.Name; }))
        fail(S.Loc, "state variable '" + S.Name + "' of chip model '" + M.Name +
                        "' has no numeric format");
  std::set<std::string> Grouped;
  for (const OdeGroup &G : M.Groups) {
    if (G.M == Method::None || G.Vars.empty())
      fail(M.Loc, "an ODE group of model '" + M.Name + "' has no method or no variables");
    for (const std::string &V : G.Vars) {
      if (!Advanced.count(V))
        fail(M.Loc, "method of '" + V + "' in model '" + M.Name + "', which has no ODE");
      if (!Grouped.insert(V).second)
        fail(M.Loc, "'" + V + "' is in two ODE groups of model '" + M.Name + "'");
    }
  }
  if (M.solved()) {
    for (const std::string &V : Advanced)
      if (!Grouped.count(V))
        fail(M.Loc, "no method for '" + V + "' in model '" + M.Name + "'");
    std::set<std::string> Temps, Assigned;
    for (const Stmt &St : M.Update) {
      checkExpr(*St.Value, &M, nullptr, false, &Temps, St.Loc);
      if (St.Kind == Stmt::Op::Let) {
        if (!Temps.insert(St.Target).second || Names.count(St.Target))
          fail(St.Loc, "temporary '" + St.Target + "' defined twice or shadows a declaration");
        continue;
      }
      if (St.Kind != Stmt::Op::Set)
        fail(St.Loc, "update blocks only assign with '='");
      if (!Advanced.count(St.Target))
        fail(St.Loc, "update assigns '" + St.Target + "', which has no ODE");
      if (!Assigned.insert(St.Target).second)
        fail(St.Loc, "update assigns '" + St.Target + "' twice");
    }
    for (const std::string &V : Advanced)
      if (!Assigned.count(V))
        fail(M.Loc, "update of model '" + M.Name + "' does not advance '" + V + "'");
  } else if (!M.Update.empty()) {
    fail(M.Loc, "model '" + M.Name + "' has an update block but no method");
  }
  if (M.Threshold) {
    checkExpr(*M.Threshold, &M, nullptr, false, nullptr, M.ThresholdLoc);
    if (!M.Threshold->isBoolean())
      fail(M.ThresholdLoc, "threshold of model '" + M.Name + "' is not a condition");
  }
  checkStmts(M.Reset, &M, nullptr, false, "a reset");
  if (M.RefractoryPeriod)
    checkExpr(*M.RefractoryPeriod, &M, nullptr, false, nullptr, M.Loc);
  for (const std::string &F : M.Frozen)
    if (!M.findState(F))
      fail(M.Loc, "frozen variable '" + F + "' is not a state variable");
  std::set<std::string> Ports;
  for (const Port &P : M.Ports) {
    if (!Ports.insert(P.Name).second)
      fail(P.Loc, "port '" + P.Name + "' declared twice");
    checkStmts(P.Body, &M, nullptr, true, "a port handler");
    for (const Stmt &St : P.Body)
      if (St.Kind != Stmt::Op::Add && St.Kind != Stmt::Op::Sub)
        fail(St.Loc, "port handlers can only add ('+=') or subtract ('-=')");
  }
  if (M.RefractorySteps > INT32_MAX)
    fail(M.Loc, "refractory period of '" + M.Name + "' exceeds 2^31-1 steps");
}

void Verifier::checkSynapse(const SynapseModel &S) {
  std::set<std::string> Names;
  for (const Param &P : S.Params)
    if (!Names.insert(P.Name).second)
      fail(P.Loc, "'" + P.Name + "' declared twice in synapse '" + S.Name + "'");
  for (const StateVar &V : S.States) {
    if (!Names.insert(V.Name).second)
      fail(V.Loc, "'" + V.Name + "' declared twice in synapse '" + S.Name + "'");
    if (V.Init)
      checkExpr(*V.Init, nullptr, &S, false, nullptr, V.Loc);
  }
  std::set<std::string> WithOde;
  for (const Ode &O : S.Odes) {
    if (!S.findState(O.Var))
      fail(O.Loc, "ODE for '" + O.Var + "', which is not a state variable");
    if (!WithOde.insert(O.Var).second)
      fail(O.Loc, "two ODEs for '" + O.Var + "'");
    checkExpr(*O.Rhs, nullptr, &S, false, nullptr, O.Loc);
  }
  if (!S.Decays.empty()) {
    std::set<std::string> Decayed;
    for (const Decay &D : S.Decays)
      if (!WithOde.count(D.Var) || !Decayed.insert(D.Var).second)
        fail(S.Loc, "decay of '" + D.Var + "' without an ODE, or twice");
    if (Decayed.size() != WithOde.size())
      fail(S.Loc, "synapse '" + S.Name + "' has ODEs without a decay");
  }
  for (const std::string &T : S.PreTraces) {
    if (!S.findState(T) || S.isPostTrace(T))
      fail(S.Loc, "trace '" + T + "' is not a state variable, or is both pre and post");
    for (const Stmt &St : S.OnPost)
      if (St.Target == T)
        fail(St.Loc, "presynaptic trace '" + T + "' is assigned in 'on post'");
  }
  for (const std::string &T : S.PostTraces) {
    if (!S.findState(T))
      fail(S.Loc, "trace '" + T + "' is not a state variable");
    for (const Stmt &St : S.OnPre)
      if (St.Target == T)
        fail(St.Loc, "postsynaptic trace '" + T + "' is assigned in 'on pre'");
  }
  unsigned Delivers = 0;
  std::vector<Stmt> Assigns;
  for (const Stmt &St : S.OnPre) {
    if (St.Kind == Stmt::Op::Deliver) {
      ++Delivers;
      checkExpr(*St.Value, nullptr, &S, false, nullptr, St.Loc);
      if (St.Value->isBoolean())
        fail(St.Loc, "'deliver' needs a number");
    } else {
      Assigns.push_back(St.clone());
    }
  }
  if (Delivers != 1)
    fail(S.Loc, "synapse '" + S.Name + "' must 'deliver' exactly once in 'on pre'");
  checkStmts(Assigns, nullptr, &S, false, "'on pre'");
  for (const Stmt &St : S.OnPost)
    if (St.Kind == Stmt::Op::Deliver)
      fail(St.Loc, "'deliver' is only allowed in 'on pre'");
  checkStmts(S.OnPost, nullptr, &S, false, "'on post'");
  for (const Stmt &St : S.OnModulator)
    if (St.Kind == Stmt::Op::Deliver)
      fail(St.Loc, "'deliver' is only allowed in 'on pre'");
  checkStmts(S.OnModulator, nullptr, &S, false, "'on modulator'");
  if (const StateVar *D = S.findState("delay"); D && D->D != Dim::time())
    fail(D->Loc, "a synapse's 'delay' must be a time");
  for (const std::string &T : S.PreTraces)
    for (const Stmt &St : S.OnModulator)
      if (St.Target == T)
        fail(St.Loc, "trace '" + T + "' is assigned in 'on modulator'");
  for (const std::string &T : S.PostTraces)
    for (const Stmt &St : S.OnModulator)
      if (St.Target == T)
        fail(St.Loc, "trace '" + T + "' is assigned in 'on modulator'");
}

void Verifier::checkPopulation(const Population &P) {
  if (P.Size == 0)
    fail(P.Loc, "population '" + P.Name + "' is empty");
  if (P.Size > 0xFFFFFFFFull)
    fail(P.Loc, "population '" + P.Name + "' has more than 2^32-1 neurons");
  if (P.Kind == PopKind::Neuron) {
    const NeuronModel *M = N.findModel(P.Model);
    if (!M) {
      fail(P.Loc, "population '" + P.Name + "' uses unknown model '" + P.Model + "'");
      return;
    }
    for (const auto &O : P.ParamOverrides)
      if (!M->findParam(O.Name))
        fail(O.Loc, "'" + O.Name + "' is not a parameter of '" + M->Name + "'");
    for (const auto &I : P.Inits)
      if (!M->findState(I.Var) && !M->findInput(I.Var))
        fail(P.Loc, "'" + I.Var + "' is not a state variable or input of '" + M->Name + "'");
    for (const auto &B : P.RingBuffers) {
      if (!M->findPort(B.Port))
        fail(P.Loc, "ring buffer for unknown port '" + B.Port + "'");
      if (B.Slots < 2)
        fail(P.Loc, "ring buffer of '" + P.Name + "." + B.Port + "' has fewer than 2 slots");
    }
    return;
  }
  if (!P.Inits.empty() || !P.ParamOverrides.empty() || !P.RingBuffers.empty())
    fail(P.Loc, "generator population '" + P.Name + "' cannot have state or inputs");
  if (P.Kind == PopKind::Poisson && (!(P.Rate >= 0) || !std::isfinite(P.Rate)))
    fail(P.Loc, "Poisson rate of '" + P.Name + "' must be non-negative and finite");
  checkRateSchedule(P);
  if (P.SpikeTimes.size() != P.SpikeNeurons.size())
    fail(P.Loc, "spike times and neurons of '" + P.Name + "' differ in length");
  if (!P.SpikeSteps.empty() && P.SpikeSteps.size() != P.SpikeTimes.size())
    fail(P.Loc, "spike steps of '" + P.Name + "' are only partly set");
  for (uint32_t I : P.SpikeNeurons)
    if (I >= P.Size)
      fail(P.Loc, "spike of neuron " + llvm::Twine(I) + " outside population '" + P.Name + "'");
  for (double T : P.SpikeTimes)
    if (!(T >= 0) || !std::isfinite(T))
      fail(P.Loc, "spike time of '" + P.Name + "' must be non-negative and finite");
  for (int64_t S : P.SpikeSteps)
    if (S < 1)
      fail(P.Loc, "spike step of '" + P.Name + "' must be at least 1");
}

void Verifier::checkProjection(const Projection &P) {
  const Population *Src = N.findPopulation(P.Source), *Tgt = N.findPopulation(P.Target);
  if (!Src)
    fail(P.Loc, "projection from unknown population '" + P.Source + "'");
  if (!Tgt)
    fail(P.Loc, "projection to unknown population '" + P.Target + "'");
  if (!Src || !Tgt)
    return;
  if (Tgt->Kind != PopKind::Neuron) {
    fail(P.Loc, "projection to generator population '" + P.Target + "'");
    return;
  }
  const NeuronModel *M = N.findModel(Tgt->Model);
  if (M && !M->findPort(P.Port))
    fail(P.Loc, "model '" + M->Name + "' has no port '" + P.Port + "'");
  switch (P.Rule) {
  case RuleKind::FixedProbability:
    if (!(P.P >= 0 && P.P <= 1))
      fail(P.Loc, "connection probability must be in [0, 1]");
    break;
  case RuleKind::FixedIndegree:
    if (P.K > Src->Size)
      fail(P.Loc, "in-degree larger than the source population");
    break;
  case RuleKind::FixedOutdegree:
    if (P.K > Tgt->Size)
      fail(P.Loc, "out-degree larger than the target population");
    break;
  case RuleKind::OneToOne:
    if (Src->Size != Tgt->Size)
      fail(P.Loc, "one_to_one between populations of different sizes");
    break;
  case RuleKind::AllToAll:
  case RuleKind::List:
    break;
  }
  checkSynapseList(P, *Src, *Tgt);
  if (P.Store != Storage::Unset) {
    std::string Why = storageUnsuitable(N, P, P.Store);
    if (!Why.empty())
      fail(P.Loc, llvm::Twine("storage '") + storageName(P.Store) + "' " + Why);
  }
  if (P.DelaySteps < -1)
    fail(P.Loc, "delay must not be negative");
  if (P.MaxDelaySteps >= 0 && P.DelaySteps > P.MaxDelaySteps)
    fail(P.Loc, "constant delay exceeds the maximum delay");
  if (P.MaxDelaySteps > 65535)
    fail(P.Loc, "maximum delay exceeds 65535 steps");
  int64_t Slots = Tgt->ringSlots(P.Port);
  if (P.MaxDelaySteps >= 0 && Slots < 0 && !Tgt->RingBuffers.empty())
    fail(P.Loc, "no ring buffer for port '" + P.Port + "' of '" + P.Target + "'");
  if (P.MaxDelaySteps >= 0 && Slots >= 0 && Slots < P.MaxDelaySteps + 2)
    fail(P.Loc, "ring buffer of '" + P.Target + "." + P.Port + "' is too small for the delay");
  if (P.IndexBits != 0 && P.Store != Storage::CSR)
    fail(P.Loc, "index bits apply to csr storage only");
  if (P.IndexBits == 16 && Tgt->Size > 65536)
    fail(P.Loc, "16-bit indices cannot address the " + llvm::Twine(Tgt->Size) + " neurons of '" +
                    P.Target + "'");
  if (!P.Synapse.empty()) {
    const SynapseModel *S = N.findSynapse(P.Synapse);
    if (!S) {
      fail(P.Loc, "unknown synapse model '" + P.Synapse + "'");
      return;
    }
    for (const auto &O : P.SynapseParams)
      if (std::none_of(S->Params.begin(), S->Params.end(),
                       [&](const Param &X) { return X.Name == O.Name; }))
        fail(O.Loc, "'" + O.Name + "' is not a parameter of synapse '" + S->Name + "'");
    for (const auto &I : P.SynapseInits)
      if (!S->findState(I.Var))
        fail(I.Value.Loc, "'" + I.Var + "' is not a state variable of synapse '" + S->Name + "'");
    if (!P.Modulator.empty() && !N.findPopulation(P.Modulator))
      fail(P.Loc, "unknown modulator population '" + P.Modulator + "'");
    if (P.Modulator.empty() != S->OnModulator.empty())
      fail(P.Loc, "a projection has a modulator exactly when its synapse model has "
                  "'on modulator'");
    if (S->hasPlasticDelay() && !(P.MaxDelay > 0))
      fail(P.Loc, "plastic delays need a positive max_delay");
    if (S->hasPlasticDelay() && P.DelaySteps >= 0)
      fail(P.Loc, "plastic delays cannot have a constant delay in steps");
    if (P.Part == Projection::Partition::ByTarget)
      fail(P.Loc, "a projection with a synapse model cannot be partitioned by target");
    bool HasTraces = !S->PreTraces.empty() || !S->PostTraces.empty();
    if (HasTraces && std::count_if(N.Projections.begin(), N.Projections.end(),
                                   [&](const Projection &Q) { return Q.Synapse == S->Name; }) > 1)
      fail(P.Loc, "synapse '" + S->Name + "' stores traces per neuron, so only one projection "
                  "may use it");
    bool Dendritic = P.DelayAt == Projection::DelayKind::Dendritic;
    bool Equal = P.DelaySteps >= 0 && !S->hasPlasticDelay();
    if (!S->PreTraces.empty() && !Dendritic && !Equal)
      fail(P.Loc, "presynaptic traces need dendritic or equal delays");
    if (!S->PostTraces.empty() && Dendritic && !Equal)
      fail(P.Loc, "postsynaptic traces need axonal or equal delays");
    for (const std::string &T : S->PreTraces) {
      auto It = std::find_if(P.SynapseInits.begin(), P.SynapseInits.end(),
                             [&](const auto &I) { return I.Var == T; });
      if (It != P.SynapseInits.end() && !It->Value.isConst())
        fail(P.Loc, "trace '" + T + "' must start with the same value in every synapse");
    }
    for (const std::string &T : S->PostTraces) {
      auto It = std::find_if(P.SynapseInits.begin(), P.SynapseInits.end(),
                             [&](const auto &I) { return I.Var == T; });
      if (It != P.SynapseInits.end() && !It->Value.isConst())
        fail(P.Loc, "trace '" + T + "' must start with the same value in every synapse");
    }
  }
}

void Verifier::checkRecording(const Recording &R) {
  const Population *P = N.findPopulation(R.Pop);
  if (!P) {
    fail(R.Loc, "recording of unknown population '" + R.Pop + "'");
    return;
  }
  if (R.K == Recording::Kind::State) {
    const NeuronModel *M = P->Kind == PopKind::Neuron ? N.findModel(P->Model) : nullptr;
    if (!M || (!M->findState(R.Var) && !M->findInput(R.Var)))
      fail(R.Loc, "'" + R.Var + "' is not a variable of population '" + R.Pop + "'");
    if (!(R.Interval >= 0))
      fail(R.Loc, "recording interval must be non-negative");
    if (R.IntervalSteps == 0 || R.IntervalSteps < -1)
      fail(R.Loc, "recording interval must be at least one step");
  }
  if (R.IsSlice) {
    if (R.Lo >= R.Hi || R.Hi > P->Size)
      fail(R.Loc, "selection [" + llvm::Twine(R.Lo) + ":" + llvm::Twine(R.Hi) +
                      "] is empty or outside population '" + R.Pop + "'");
  } else {
    for (uint64_t I : R.Neurons)
      if (I >= P->Size)
        fail(R.Loc, "neuron " + llvm::Twine(I) + " is outside population '" + R.Pop + "'");
  }
  if (R.K == Recording::Kind::Synapse)
    checkSynapseRecording(R);
}

void Verifier::checkSynapseRecording(const Recording &R) {
  if (R.Projection < 0 || R.Projection >= int64_t(N.Projections.size())) {
    fail(R.Loc, "recording of unknown projection " + llvm::Twine(R.Projection));
    return;
  }
  const Projection &J = N.Projections[size_t(R.Projection)];
  if (J.Source != R.Pop)
    fail(R.Loc, "recording names population '" + R.Pop + "', but projection " +
                    llvm::Twine(R.Projection) + " comes from '" + J.Source + "'");
  const SynapseModel *S = J.Synapse.empty() ? nullptr : N.findSynapse(J.Synapse);
  if (!S || !S->findState(R.Var))
    fail(R.Loc, "'" + R.Var + "' is not a synapse variable of projection " + J.name());
  const Population *T = N.findPopulation(J.Target);
  if (!T)
    return;
  if (R.PostIsSlice) {
    if (R.PostLo >= R.PostHi || R.PostHi > T->Size)
      fail(R.Loc, "selection [" + llvm::Twine(R.PostLo) + ":" + llvm::Twine(R.PostHi) +
                      "] is empty or outside population '" + T->Name + "'");
  } else {
    for (uint64_t I : R.PostNeurons)
      if (I >= T->Size)
        fail(R.Loc, "neuron " + llvm::Twine(I) + " is outside population '" + T->Name + "'");
  }
  if (!R.AtEnd && (R.IntervalSteps == 0 || R.IntervalSteps < -1 || !(R.Interval >= 0)))
    fail(R.Loc, "recording interval must be at least one step");
}

/// Times of a schedule: finite, non-negative, non-decreasing; steps (once set) likewise.
template <class F>
static void checkTimes(const std::vector<double> &Times, const std::vector<int64_t> &Steps,
                       const char *What, F Fail) {
  for (size_t K = 0; K < Times.size(); ++K) {
    if (!(Times[K] >= 0) || !std::isfinite(Times[K]))
      return Fail(std::string(What) + " times must be non-negative and finite");
    if (K > 0 && Times[K] < Times[K - 1])
      return Fail(std::string(What) + " times must not decrease");
  }
  if (!Steps.empty() && Steps.size() != Times.size())
    return Fail(std::string(What) + " steps are only partly set");
  for (size_t K = 0; K < Steps.size(); ++K)
    if (Steps[K] < 0 || (K > 0 && Steps[K] < Steps[K - 1]))
      return Fail(std::string(What) + " steps must be non-negative and must not decrease");
}

void Verifier::checkRateSchedule(const Population &P) {
  if (P.RateRows.empty() && P.RateTimes.empty() && P.RateSteps.empty())
    return;
  if (P.Kind != PopKind::Poisson) {
    fail(P.Loc, "rates given for '" + P.Name + "', which is not a Poisson population");
    return;
  }
  if (P.RateTimes.size() != P.RateRows.size()) {
    fail(P.Loc, "rate times and rows of '" + P.Name + "' differ in length");
    return;
  }
  checkTimes(P.RateTimes, P.RateSteps, "rate",
             [&](const std::string &M) { fail(P.Loc, M + " ('" + P.Name + "')"); });
  for (const std::vector<double> &Row : P.RateRows) {
    if (Row.size() != 1 && Row.size() != P.Size) {
      fail(P.Loc, "a rate row of '" + P.Name + "' has " + llvm::Twine(Row.size()) +
                      " entries; expected 1 or " + llvm::Twine(P.Size));
      return;
    }
    if (Row.size() != P.RateRows[0].size()) {
      fail(P.Loc, "the rate rows of '" + P.Name + "' differ in length");
      return;
    }
    for (double R : Row)
      if (!(R >= 0) || !std::isfinite(R)) {
        fail(P.Loc, "Poisson rate of '" + P.Name + "' must be non-negative and finite");
        return;
      }
  }
}

void Verifier::checkSynapseList(const Projection &P, const Population &Src, const Population &Tgt) {
  bool HasList = !P.ListPre.empty() || !P.ListPost.empty() || !P.ListWeights.empty() ||
                 !P.ListDelays.empty() || !P.ListDelaySteps.empty();
  if (P.Rule != RuleKind::List) {
    if (HasList)
      fail(P.Loc, "listed synapses in a projection whose rule is not 'list'");
    return;
  }
  size_t N = P.ListPre.size();
  if (P.ListPost.size() != N || (!P.ListWeights.empty() && P.ListWeights.size() != N) ||
      (!P.ListDelays.empty() && P.ListDelays.size() != N) ||
      (!P.ListDelaySteps.empty() && P.ListDelaySteps.size() != N)) {
    fail(P.Loc, "the synapse list of " + P.name() + " has fields of different lengths");
    return;
  }
  if (!P.ListDelaySteps.empty() && P.ListDelays.empty())
    fail(P.Loc, "delay steps without delays in the synapse list of " + P.name());
  for (size_t K = 0; K < N; ++K)
    if (P.ListPre[K] >= Src.Size || P.ListPost[K] >= Tgt.Size) {
      fail(P.Loc, "synapse " + llvm::Twine(P.ListPre[K]) + " -> " + llvm::Twine(P.ListPost[K]) +
                      " is outside " + P.name());
      return;
    }
  for (double W : P.ListWeights)
    if (!std::isfinite(W)) {
      fail(P.Loc, "listed weights must be finite");
      return;
    }
  for (double D : P.ListDelays)
    if (!(D >= 0) || !std::isfinite(D)) {
      fail(P.Loc, "listed delays must be non-negative and finite");
      return;
    }
  if (!P.ListDelays.empty() && P.DelaySteps >= 0)
    fail(P.Loc, "a projection with listed delays cannot have a constant delay in steps");
  for (int64_t S : P.ListDelaySteps)
    if (S < 0 || (P.MaxDelaySteps >= 0 && S > P.MaxDelaySteps)) {
      fail(P.Loc, "listed delay of " + llvm::Twine(S) + " steps is outside [0, max]");
      return;
    }
}

void Verifier::checkInjection(const Injection &I) {
  const Population *P = N.findPopulation(I.Pop);
  const NeuronModel *M = P && P->Kind == PopKind::Neuron ? N.findModel(P->Model) : nullptr;
  if (!M) {
    fail(I.Loc, "injection into '" + I.Pop + "', which is not a neuron population");
    return;
  }
  if (!M->findInput(I.Var)) {
    fail(I.Loc, "'" + I.Var + "' is not an input of '" + M->Name + "'");
    return;
  }
  if (I.Neurons.size() != I.Times.size() || I.Values.size() != I.Times.size()) {
    fail(I.Loc, "the entries of the injection into " + I.Pop + "." + I.Var +
                    " have fields of different lengths");
    return;
  }
  checkTimes(I.Times, I.Steps, "injection",
             [&](const std::string &Msg) { fail(I.Loc, Msg + " (" + I.Pop + "." + I.Var + ")"); });
  for (int64_t X : I.Neurons)
    if (X < -1 || X >= static_cast<int64_t>(P->Size)) {
      fail(I.Loc,
           "injection into neuron " + llvm::Twine(X) + " outside population '" + I.Pop + "'");
      return;
    }
  for (double V : I.Values)
    if (!std::isfinite(V)) {
      fail(I.Loc, "injected values must be finite");
      return;
    }
}

} // namespace

bool verify(const Network &N, DiagnosticsEngine &Diags, llvm::StringRef Context) {
  return Verifier(N, Diags, Context).run();
}

} // namespace snn::ir
