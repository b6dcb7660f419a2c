//===- codegen/llvm/KernelEmitter.cpp - per-step kernels of a network -----------------------===//
//
// Neuron update kernels (delivery kernels of static synapses are in DeliveryKernels.cpp).
// Step semantics (docs/language.md, "What one step does"): the kernel for step s computes the
// state at time s*dt from the state at (s-1)*dt, then adds the input that arrives at s, then
// tests the spike condition on the result. `t` is (s-1)*dt inside the update block (the start
// of the interval being integrated) and s*dt in port handlers, the spike condition and resets.
// Likewise `refractory` is true in port handlers and the update block while the step is held,
// and in the spike condition and resets while the neuron stays refractory after the step.
//
//===----------------------------------------------------------------------------------------===//
#include "codegen/llvm/KernelEmitter.h"

#include "codegen/llvm/ExprEmitter.h"
#include "codegen/llvm/KernelEmitterImpl.h"

#include <cmath>
#include <functional>

namespace snn::codegen {

bool KernelEmitter::Impl::neuronUpdate(size_t PopIndex) {
  const ir::Population &P = N.Populations[PopIndex];
  const PopBuffers &PB = Plan.pop(PopIndex);
  const ir::NeuronModel &Mod = *N.findModel(P.Model);
  if (P.Prec != ir::Precision::F64)
    return fail(P.Loc, "the LLVM backend computes in double precision only; population '" +
                           P.Name + "' asks for f32");
  llvm::Function *F = newKernel("update." + P.Name);
  Out.push_back(F);
  ExprEmitter EE(B, M);
  llvm::Value *Step = F->getArg(1);
  llvm::Value *Dt = f64(N.Sim.Dt);
  llvm::Value *TNow = B.CreateFMul(B.CreateSIToFP(Step, B.getDoubleTy()), Dt, "t.now");
  llvm::Value *TStart = B.CreateFMul(
      B.CreateSIToFP(B.CreateSub(Step, B.getInt64(1)), B.getDoubleTy()), Dt, "t.start");
  // Ring-buffer offsets of the slot that arrives at this step.
  std::map<std::string, llvm::Value *> RingOffset;
  for (const auto &R : P.RingBuffers) {
    // The slot of step s-1: input that arrived at (s-1) dt (its first delay group).
    llvm::Value *Slot = B.CreateURem(B.CreateSub(Step, B.getInt64(1)), B.getInt64(R.Slots));
    RingOffset[R.Port] = B.CreateMul(Slot, B.getInt64(P.Size * R.Groups),
                                     "ring." + R.Port + ".offset");
  }
  bool Ok = true;
  loop(F->getArg(2), F->getArg(3), [&](llvm::Value *I) {
    Env Old;
    for (const ir::StateVar &S : Mod.States)
      Old.State[S.Name] = load(PB.Vars.at(S.Name), I, S.Name);
    for (const ir::InputVar &In : Mod.Inputs)
      Old.Input[In.Name] = load(PB.Vars.at(In.Name), I, In.Name);
    llvm::Value *Rc = nullptr, *IsRef = B.getFalse();
    if (PB.Refractory >= 0) {
      Rc = load(PB.Refractory, I, "refractory.left");
      IsRef = B.CreateICmpSGT(Rc, B.getInt32(0), "is.refractory");
    }
    Old.Refractory = IsRef;
    Old.Time = TStart;

    // 1. Input that arrived at time (s-1) dt, through the port handlers: it enters the state
    //    at the start of the interval integrated now.
    Env In = Old;
    for (const ir::Port &Port : Mod.Ports) {
      auto It = PB.Rings.find(Port.Name);
      if (It == PB.Rings.end())
        continue; // nothing projects onto this port
      // A ring summed per delay: the handler runs once per delay group, on that group's sum.
      for (int64_t G = 0; G < P.ringGroups(Port.Name); ++G) {
        llvm::Value *Idx = B.CreateAdd(RingOffset[Port.Name], B.CreateAdd(I, B.getInt64(G * int64_t(P.Size))));
        llvm::Value *Sum = load(It->second, Idx, "in." + Port.Name);
        store(It->second, Idx, f64(0.0));
        In.Weight = Sum;
        for (const ir::Stmt &S : Port.Body) {
          llvm::Value *V = EE.emit(*S.Value, In);
          if (!V) {
            Ok = fail(S.Loc, "cannot generate code for this statement");
            return;
          }
          llvm::Value *X = In.State[S.Target];
          In.State[S.Target] =
              S.Kind == ir::Stmt::Op::Sub ? B.CreateFSub(X, V) : B.CreateFAdd(X, V);
        }
        In.Weight = nullptr;
      }
    }

    // 2. Integrate from (s-1) dt to s dt; frozen variables hold while refractory.
    Env Cur = In;
    if (Mod.solved()) {
      Env U = In;
      std::map<std::string, llvm::Value *> New;
      for (const ir::Stmt &S : Mod.Update) {
        llvm::Value *V = EE.emit(*S.Value, U);
        if (!V) {
          Ok = fail(S.Loc, "cannot generate code for the update of '" + S.Target + "'");
          return;
        }
        if (S.Kind == ir::Stmt::Op::Let)
          U.Temp[S.Target] = V;
        else
          New[S.Target] = V;
      }
      for (auto &[Name, V] : New) {
        if (Mod.isFrozen(Name))
          V = B.CreateSelect(IsRef, In.State[Name], V, Name + ".next");
        Cur.State[Name] = V;
      }
    } else if (!Mod.Odes.empty()) {
      Ok = fail(Mod.Loc, "model '" + Mod.Name + "' has ODEs but no integration method; run the "
                         "solve-odes pass");
      return;
    }

    // The refractory count after this step: in the spike condition and resets, `refractory`
    // means "still refractory after this step" (the condition is not tested then).
    llvm::Value *Left = nullptr;
    if (Rc)
      Left = B.CreateSelect(IsRef, B.CreateSub(Rc, B.getInt32(1)), B.getInt32(0), "left");
    Cur.Refractory = Left ? B.CreateICmpSGT(Left, B.getInt32(0), "still.refractory") : IsRef;
    Cur.Time = TNow;

    // 3. Spike condition, reset, refractory count.
    llvm::Value *Fire = B.getFalse();
    if (Mod.Threshold) {
      Fire = EE.emit(*Mod.Threshold, Cur);
      if (!Fire) {
        Ok = fail(Mod.ThresholdLoc, "cannot generate code for the spike condition");
        return;
      }
      if (Left)
        Fire = B.CreateAnd(Fire, B.CreateICmpEQ(Left, B.getInt32(0)), "fire");
    }
    for (const ir::Stmt &S : Mod.Reset) {
      llvm::Value *V = EE.emit(*S.Value, Cur);
      if (!V) {
        Ok = fail(S.Loc, "cannot generate code for this statement");
        return;
      }
      llvm::Value *X = Cur.State[S.Target];
      llvm::Value *R = V;
      switch (S.Kind) {
      case ir::Stmt::Op::Add: R = B.CreateFAdd(X, V); break;
      case ir::Stmt::Op::Sub: R = B.CreateFSub(X, V); break;
      case ir::Stmt::Op::Mul: R = B.CreateFMul(X, V); break;
      case ir::Stmt::Op::Div: R = B.CreateFDiv(X, V); break;
      default: break;
      }
      Cur.State[S.Target] = B.CreateSelect(Fire, R, X, S.Target + ".reset");
    }
    if (Rc) {
      llvm::Value *NewRc =
          B.CreateSelect(Fire, B.getInt32(static_cast<uint32_t>(Mod.RefractorySteps)), Left);
      store(PB.Refractory, I, NewRc);
    }
    for (const ir::StateVar &S : Mod.States)
      store(PB.Vars.at(S.Name), I, Cur.State[S.Name]);
    store(PB.Flags, I, B.CreateZExt(Fire, B.getInt8Ty()));
  });
  finishKernel();
  B.CreateRetVoid();
  return Ok;
}

KernelEmitter::KernelEmitter(const BufferPlan &Plan, llvm::Module &M, DiagnosticsEngine &Diags)
    : Plan(Plan), M(M), Diags(Diags) {}

std::vector<llvm::Function *> KernelEmitter::emitAll() {
  Impl I(Plan, M, Diags);
  const ir::Network &N = Plan.network();
  bool Ok = true;
  for (size_t K = 0; K < N.Populations.size(); ++K) {
    if (N.Populations[K].Kind == ir::PopKind::Neuron)
      Ok &= I.neuronUpdate(K);
    else if (N.Populations[K].Kind == ir::PopKind::Poisson)
      Ok &= I.poisson(K);
  }
  for (size_t K = 0; K < N.Projections.size(); ++K) {
    const ir::Projection &P = N.Projections[K];
    if (P.Store == ir::Storage::Unset || P.MaxDelaySteps < 0) {
      Ok &= I.fail(P.Loc, "projection " + P.name() + " has no storage format or delay; run the "
                          "select-synapse-storage and quantize-delays passes");
      continue;
    }
    if (P.Synapse.empty()) {
      Ok &= I.delivery(K);
      continue;
    }
    Ok &= I.plasticPre(K);
    if (Plan.proj(K).Syn.PostKernel >= 0)
      Ok &= I.plasticPost(K);
    if (Plan.proj(K).Syn.ModulatorKernel >= 0)
      Ok &= I.plasticModulator(K);
  }
  if (!Ok)
    return {};
  return I.Out;
}

} // namespace snn::codegen
