//===- codegen/llvm/SynapseKernels.cpp - kernels of projections with a synapse model --------===//
//
// A plastic projection has two kernels over event lists the runtime fills each step
// (docs/runtime-abi.md, "Plastic projections"):
//
//  - `pre`: for events [begin, end) of step s (presynaptic neurons whose spike reaches their
//    synapses at s, or single synapses when arrival times differ per synapse), bring the
//    synapses' variables up to s, run `on pre`, and add what it delivers into the target's ring
//    buffer slot for s (axonal delay: the delay has already passed) or s + delay (dendritic).
//  - `post`: for events of step s (postsynaptic neurons, or single synapses), run `on post`.
//  - `modulator`: for synapses [begin, end), run `on modulator` (once per modulator spike).
//
// Variables with an ODE dx/dt = a x + b are advanced lazily: at an event, from the step of the
// synapse's (or neuron's, for hoisted traces) last update, exactly:
//   x(s) = x e^{a Δ} + (b / a)(e^{a Δ} - 1),   Δ = (s - last) dt   (x + b Δ when a = 0).
// Hoisted traces (hoist-synapse-traces) live once per neuron. In an event of neuron i every
// synapse of i starts from the same trace values; the handler's trace assignments are applied
// to the neuron's copy once, after all its synapses. Within one synapse the statements run in
// order, so reads see earlier assignments exactly as if the trace were per synapse.
//
//===----------------------------------------------------------------------------------------===//
#include "codegen/llvm/KernelEmitterImpl.h"

namespace snn::codegen {

/// Where an event happens: the synapse, its neurons and the event's step and time.
struct KernelEmitter::Impl::SynapseSite {
  llvm::Value *Syn = nullptr, *Source = nullptr, *Target = nullptr;
  llvm::Value *Step = nullptr, *Time = nullptr;
  /// Hoisted traces of the side the event belongs to, already brought up to Step.
  std::map<std::string, llvm::Value *> OwnTraces;
};

llvm::Value *KernelEmitter::Impl::decayed(const ir::SynapseModel &S, const std::string &Var,
                                          llvm::Value *X, llvm::Value *Steps) {
  auto It = std::find_if(S.Decays.begin(), S.Decays.end(),
                         [&](const ir::Decay &D) { return D.Var == Var; });
  if (It == S.Decays.end())
    return X;
  llvm::Value *Delta =
      B.CreateFMul(B.CreateSIToFP(Steps, B.getDoubleTy()), f64(N.Sim.Dt), Var + ".delta");
  if (It->Rate == 0)
    return It->Offset == 0 ? X : B.CreateFAdd(X, B.CreateFMul(f64(It->Offset), Delta));
  llvm::Function *Exp = llvm::Intrinsic::getDeclaration(&M, llvm::Intrinsic::exp,
                                                        {B.getDoubleTy()});
  llvm::Value *E = B.CreateCall(Exp, {B.CreateFMul(f64(It->Rate), Delta)}, Var + ".factor");
  llvm::Value *R = B.CreateFMul(X, E);
  if (It->Offset != 0)
    R = B.CreateFAdd(R, B.CreateFMul(f64(It->Offset / It->Rate), B.CreateFSub(E, f64(1.0))));
  return R;
}

llvm::Value *KernelEmitter::Impl::loadTrace(const ir::SynapseModel &S, const std::string &Var,
                                            int Buf, int Last, llvm::Value *Index,
                                            llvm::Value *Step) {
  llvm::Value *X = load(Buf, Index, Var);
  if (Last < 0 || !S.findOde(Var))
    return X;
  llvm::Value *Steps = B.CreateSub(Step, load(Last, Index, Var + ".last"));
  return decayed(S, Var, X, Steps);
}

/// Applies statement St to Vars (Let defines a temporary); returns false on failure.
static llvm::Value *combine(llvm::IRBuilder<> &B, ir::Stmt::Op Op, llvm::Value *X,
                            llvm::Value *V) {
  switch (Op) {
  case ir::Stmt::Op::Add: return B.CreateFAdd(X, V);
  case ir::Stmt::Op::Sub: return B.CreateFSub(X, V);
  case ir::Stmt::Op::Mul: return B.CreateFMul(X, V);
  case ir::Stmt::Op::Div: return B.CreateFDiv(X, V);
  default: return V;
  }
}

bool KernelEmitter::Impl::updateTraces(const ir::SynapseModel &S,
                                       const std::vector<ir::Stmt> &Body,
                                       const std::map<std::string, int> &Traces, int Last,
                                       llvm::Value *Index, llvm::Value *Step, llvm::Value *Time,
                                       Env &Old) {
  ExprEmitter EE(B, M);
  Old.Time = Time;
  for (const auto &[Var, Buf] : Traces)
    Old.State[Var] = loadTrace(S, Var, Buf, Last, Index, Step);
  Env New = Old;
  for (const ir::Stmt &St : Body) {
    if (!Traces.count(St.Target) || St.Kind == ir::Stmt::Op::Let ||
        St.Kind == ir::Stmt::Op::Deliver)
      continue;
    llvm::Value *V = EE.emit(*St.Value, New);
    if (!V)
      return fail(St.Loc, "cannot generate code for this statement");
    New.State[St.Target] = combine(B, St.Kind, New.State[St.Target], V);
  }
  for (const auto &[Var, Buf] : Traces)
    store(Buf, Index, New.State[Var]);
  if (Last >= 0)
    store(Last, Index, Step);
  return true;
}

bool KernelEmitter::Impl::runSynapseEvent(size_t ProjIndex, const std::vector<ir::Stmt> &Body,
                                          SynapseSite &Site) {
  const ir::Projection &P = N.Projections[ProjIndex];
  const ir::SynapseModel &S = *N.findSynapse(P.Synapse);
  const SynapseBuffers &Y = Plan.proj(ProjIndex).Syn;
  ExprEmitter EE(B, M);
  Env E;
  E.Time = Site.Time;
  llvm::Value *Since = nullptr;
  if (Y.LastUpdate >= 0)
    Since = B.CreateSub(Site.Step, load(Y.LastUpdate, Site.Syn, "last"), "since");
  for (const auto &[Var, Buf] : Y.Vars) {
    llvm::Value *X = load(Buf, Site.Syn, Var);
    E.State[Var] = Since ? decayed(S, Var, X, Since) : X;
  }
  // Hoisted traces: the event's own side comes brought up to date by the caller; others are
  // read from their neuron, advanced to this step (without storing).
  for (const auto &[Var, Buf] : Y.PreTraces)
    E.State[Var] = Site.OwnTraces.count(Var)
                       ? Site.OwnTraces[Var]
                       : loadTrace(S, Var, Buf, Y.PreLast, Site.Source, Site.Step);
  for (const auto &[Var, Buf] : Y.PostTraces)
    E.State[Var] = Site.OwnTraces.count(Var)
                       ? Site.OwnTraces[Var]
                       : loadTrace(S, Var, Buf, Y.PostLast, Site.Target, Site.Step);

  for (const ir::Stmt &St : Body) {
    llvm::Value *V = EE.emit(*St.Value, E);
    if (!V)
      return fail(St.Loc, "cannot generate code for this statement");
    if (St.Kind == ir::Stmt::Op::Let) {
      E.Temp[St.Target] = V;
      continue;
    }
    if (St.Kind != ir::Stmt::Op::Deliver) {
      E.State[St.Target] = combine(B, St.Kind, E.State[St.Target], V);
      continue;
    }
    // deliver: into the ring slot of step s (+ the delay when it is dendritic).
    const ir::Population &Tgt = *N.findPopulation(P.Target);
    const PopBuffers &TB = Plan.pop(N.populationIndex(P.Target));
    int64_t Slots = Tgt.ringSlots(P.Port);
    llvm::Value *Slot = Site.Step;
    if (Y.DeliverDelayed) {
      llvm::Value *D = nullptr;
      if (auto It = Y.Vars.find("delay"); It != Y.Vars.end()) {
        // A plastic delay in seconds, rounded to whole steps within [0, max].
        llvm::Value *Steps = B.CreateFDiv(E.State["delay"], f64(N.Sim.Dt));
        llvm::Function *Round = llvm::Intrinsic::getDeclaration(
            &M, llvm::Intrinsic::round, {B.getDoubleTy()});
        Steps = B.CreateCall(Round, {Steps});
        Steps = B.CreateSelect(B.CreateFCmpOGT(Steps, f64(0.0)), Steps, f64(0.0));
        Steps = B.CreateSelect(B.CreateFCmpOLT(Steps, f64(double(P.MaxDelaySteps))), Steps,
                               f64(double(P.MaxDelaySteps)));
        D = B.CreateFPToSI(Steps, B.getInt64Ty());
      } else if (P.DelaySteps >= 0) {
        D = B.getInt64(P.DelaySteps);
      } else {
        D = B.CreateZExt(load(Plan.proj(ProjIndex).Delays, Site.Syn, "d"), B.getInt64Ty());
      }
      Slot = B.CreateAdd(Slot, D);
    }
    Slot = B.CreateURem(Slot, B.getInt64(Slots));
    llvm::Value *Idx = B.CreateAdd(B.CreateMul(Slot, B.getInt64(Tgt.Size)), Site.Target);
    int Ring = TB.Rings.at(P.Port);
    store(Ring, Idx, B.CreateFAdd(load(Ring, Idx), V));
  }
  for (const auto &[Var, Buf] : Y.Vars)
    store(Buf, Site.Syn, E.State[Var]);
  if (Y.LastUpdate >= 0)
    store(Y.LastUpdate, Site.Syn, Site.Step);
  return true;
}

bool KernelEmitter::Impl::plasticPre(size_t ProjIndex) {
  const ir::Projection &P = N.Projections[ProjIndex];
  const ir::SynapseModel &S = *N.findSynapse(P.Synapse);
  const ProjBuffers &JB = Plan.proj(ProjIndex);
  const SynapseBuffers &Y = JB.Syn;
  llvm::Function *F = newKernel(Plan.kernels()[JB.Kernel]);
  Out.push_back(F);
  llvm::Value *Step = F->getArg(1);
  llvm::Value *Time = B.CreateFMul(B.CreateSIToFP(Step, B.getDoubleTy()), f64(N.Sim.Dt), "t");
  bool Identity = P.Store == ir::Storage::Identity;
  bool Ok = true;
  loop(F->getArg(2), F->getArg(3), [&](llvm::Value *Ev) {
    llvm::Value *Id = B.CreateZExt(load(Y.PreEvents, Ev, "event"), B.getInt64Ty());
    if (!Y.PreRows) {
      SynapseSite Site{Id, B.CreateZExt(load(Y.Source, Id, "pre"), B.getInt64Ty()),
                       Identity ? Id : B.CreateZExt(load(JB.Col, Id, "post"), B.getInt64Ty()),
                       Step, Time, {}};
      Ok &= runSynapseEvent(ProjIndex, S.OnPre, Site);
      return;
    }
    // A presynaptic neuron: its traces once, then every synapse of its row.
    Env Traces;
    Ok &= updateTraces(S, S.OnPre, Y.PreTraces, Y.PreLast, Id, Step, Time, Traces);
    auto body = [&](llvm::Value *J, llvm::Value *Post) {
      SynapseSite Site{J, Id, Post, Step, Time, {}};
      for (const auto &[Var, _] : Y.PreTraces)
        Site.OwnTraces[Var] = Traces.State[Var];
      Ok &= runSynapseEvent(ProjIndex, S.OnPre, Site);
    };
    if (Identity) {
      body(Id, Id);
      return;
    }
    llvm::Value *Lo = load(JB.RowPtr, Id, "row.begin");
    llvm::Value *Hi = load(JB.RowPtr, B.CreateAdd(Id, B.getInt64(1)), "row.end");
    loop(Lo, Hi, [&](llvm::Value *J) {
      body(J, B.CreateZExt(load(JB.Col, J, "post"), B.getInt64Ty()));
    }, "syn");
  });
  finishKernel();
  B.CreateRetVoid();
  return Ok;
}

bool KernelEmitter::Impl::plasticPost(size_t ProjIndex) {
  const ir::Projection &P = N.Projections[ProjIndex];
  const ir::SynapseModel &S = *N.findSynapse(P.Synapse);
  const ProjBuffers &JB = Plan.proj(ProjIndex);
  const SynapseBuffers &Y = JB.Syn;
  llvm::Function *F = newKernel(Plan.kernels()[Y.PostKernel]);
  Out.push_back(F);
  llvm::Value *Step = F->getArg(1);
  llvm::Value *Time = B.CreateFMul(B.CreateSIToFP(Step, B.getDoubleTy()), f64(N.Sim.Dt), "t");
  bool Identity = P.Store == ir::Storage::Identity;
  bool Ok = true;
  loop(F->getArg(2), F->getArg(3), [&](llvm::Value *Ev) {
    llvm::Value *Id = B.CreateZExt(load(Y.PostEvents, Ev, "event"), B.getInt64Ty());
    if (!Y.PostColumns) {
      SynapseSite Site{Id, B.CreateZExt(load(Y.Source, Id, "pre"), B.getInt64Ty()),
                       Identity ? Id : B.CreateZExt(load(JB.Col, Id, "post"), B.getInt64Ty()),
                       Step, Time, {}};
      Ok &= runSynapseEvent(ProjIndex, S.OnPost, Site);
      return;
    }
    Env Traces;
    Ok &= updateTraces(S, S.OnPost, Y.PostTraces, Y.PostLast, Id, Step, Time, Traces);
    auto body = [&](llvm::Value *J) {
      llvm::Value *Pre =
          Identity ? J : B.CreateZExt(load(Y.Source, J, "pre"), B.getInt64Ty());
      SynapseSite Site{J, Pre, Id, Step, Time, {}};
      for (const auto &[Var, _] : Y.PostTraces)
        Site.OwnTraces[Var] = Traces.State[Var];
      Ok &= runSynapseEvent(ProjIndex, S.OnPost, Site);
    };
    if (Identity) {
      body(Id);
      return;
    }
    llvm::Value *Lo = load(Y.PostPtr, Id, "col.begin");
    llvm::Value *Hi = load(Y.PostPtr, B.CreateAdd(Id, B.getInt64(1)), "col.end");
    loop(Lo, Hi, [&](llvm::Value *C) {
      body(B.CreateZExt(load(Y.PostSyn, C, "syn"), B.getInt64Ty()));
    }, "syn");
  });
  finishKernel();
  B.CreateRetVoid();
  return Ok;
}

bool KernelEmitter::Impl::plasticModulator(size_t ProjIndex) {
  const ir::Projection &P = N.Projections[ProjIndex];
  const ir::SynapseModel &S = *N.findSynapse(P.Synapse);
  const ProjBuffers &JB = Plan.proj(ProjIndex);
  const SynapseBuffers &Y = JB.Syn;
  llvm::Function *F = newKernel(Plan.kernels()[Y.ModulatorKernel]);
  Out.push_back(F);
  llvm::Value *Step = F->getArg(1);
  llvm::Value *Time = B.CreateFMul(B.CreateSIToFP(Step, B.getDoubleTy()), f64(N.Sim.Dt), "t");
  bool Identity = P.Store == ir::Storage::Identity;
  bool Ok = true;
  loop(F->getArg(2), F->getArg(3), [&](llvm::Value *J) {
    SynapseSite Site{J, Identity ? J : B.CreateZExt(load(Y.Source, J, "pre"), B.getInt64Ty()),
                     Identity ? J : B.CreateZExt(load(JB.Col, J, "post"), B.getInt64Ty()), Step,
                     Time, {}};
    Ok &= runSynapseEvent(ProjIndex, S.OnModulator, Site);
  });
  finishKernel();
  B.CreateRetVoid();
  return Ok;
}

} // namespace snn::codegen
