//===- passes/HoistSynapseTraces.cpp - store neuron-only synapse state once per neuron ------===//
//
// A synapse variable that only ever changes with the presynaptic neuron's spikes (a trace like
// `x` of pair STDP: decays on its own, `x += 1` in `on pre`) has the same value in every synapse
// leaving that neuron, so it is stored once per presynaptic neuron instead of once per synapse.
// Likewise for the postsynaptic side. A variable X of a projection's synapse model becomes a
// presynaptic trace when
//   - its ODE (if any) involves only X (solve-odes checks this),
//   - it is not assigned in `on post` or `on modulator`,
//   - every assignment to it in `on pre` computes from presynaptic traces, `t` and constants,
//   - its initial value is the same in every synapse (a constant), and
//   - a presynaptic spike reaches all synapses of the neuron at the same step: the delay is
//     dendritic, or it is axonal and the same for all synapses (and not plastic).
// Postsynaptic traces mirror this (`on post`, axonal or equal delays). The synapse model must be
// used by this projection only (fold-constants gives each projection its own copy).
//
//   before:  synapse STDP { ... on pre { x += 1  w = w - 0.01 * y ... } on post { y += 1 ... } }
//   after:   synapse STDP { ...  trace x pre  trace y post  ... }
//
//===----------------------------------------------------------------------------------------===//
#include "passes/Passes.h"

#include <set>

namespace snn {

namespace {

using Names = std::set<std::string>;

/// True if E reads only the variables in Allowed (and `t` or constants).
bool readsOnly(const ir::Expr &E, const Names &Allowed) {
  bool Ok = true;
  ir::walk(E, [&](const ir::Expr &X) {
    const auto *R = llvm::dyn_cast<ir::RefExpr>(&X);
    if (!R)
      return;
    if (R->refKind() == ir::RefKind::Time)
      return;
    if (R->refKind() != ir::RefKind::State || !Allowed.count(R->name()))
      Ok = false;
  });
  return Ok;
}

/// The variables that can be stored once per neuron on the side whose handler is Own (the other
/// side's handler is Other), among Candidates.
Names hoistable(const ir::SynapseModel &S, const ir::Projection &P,
                const std::vector<ir::Stmt> &Own, const std::vector<ir::Stmt> &Other,
                Names Candidates) {
  for (const ir::Stmt &St : Other)
    Candidates.erase(St.Target);
  for (const ir::Stmt &St : S.OnModulator)
    Candidates.erase(St.Target);
  for (auto It = Candidates.begin(); It != Candidates.end();) {
    auto Init = std::find_if(P.SynapseInits.begin(), P.SynapseInits.end(),
                             [&](const auto &I) { return I.Var == *It; });
    bool Const = Init == P.SynapseInits.end() ? false : Init->Value.isConst();
    It = Const ? std::next(It) : Candidates.erase(It);
  }
  // Drop variables computed from non-candidates until nothing changes.
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (const ir::Stmt &St : Own) {
      if (St.Kind == ir::Stmt::Op::Let || St.Kind == ir::Stmt::Op::Deliver ||
          !Candidates.count(St.Target))
        continue;
      if (!readsOnly(*St.Value, Candidates)) {
        Candidates.erase(St.Target);
        Changed = true;
      }
    }
  }
  return Candidates;
}

class HoistSynapseTraces : public Pass {
public:
  llvm::StringRef name() const override { return "hoist-synapse-traces"; }
  PassResult run(ir::Network &N, PassContext &Ctx) override {
    PassResult R;
    for (const ir::Projection &P : N.Projections) {
      ir::SynapseModel *S = P.Synapse.empty() ? nullptr : N.findSynapse(P.Synapse);
      if (!S || !S->PreTraces.empty() || !S->PostTraces.empty())
        continue;
      if (S->Odes.size() != S->Decays.size()) {
        Ctx.Diags.error(S->Loc, "synapse '" + S->Name + "' has unsolved ODEs; run solve-odes "
                                "before hoist-synapse-traces");
        R.Failed = true;
        continue;
      }
      bool Shared = 0 < std::count_if(N.Projections.begin(), N.Projections.end(),
                                      [&](const ir::Projection &Q) {
                                        return &Q != &P && Q.Synapse == P.Synapse;
                                      });
      if (Shared)
        continue; // traces depend on the projection; fold-constants makes copies
      bool EqualDelays = P.DelaySteps >= 0 && !S->hasPlasticDelay();
      bool Dendritic = P.DelayAt == ir::Projection::DelayKind::Dendritic;
      Names Candidates;
      // The delivered weight and the delay stay per synapse, even when they never change:
      // they are what applications read and set per synapse.
      std::string Delivered = S->deliveredVar();
      for (const ir::StateVar &V : S->States)
        if (V.Name != "delay" && V.Name != Delivered)
          Candidates.insert(V.Name);
      Names Pre, Post;
      if (Dendritic || EqualDelays)
        Pre = hoistable(*S, P, S->OnPre, S->OnPost, Candidates);
      for (const std::string &X : Pre)
        Candidates.erase(X);
      if (!Dendritic || EqualDelays)
        Post = hoistable(*S, P, S->OnPost, S->OnPre, Candidates);
      // Keep the model's declaration order.
      for (const ir::StateVar &V : S->States) {
        if (Pre.count(V.Name))
          S->PreTraces.push_back(V.Name);
        else if (Post.count(V.Name))
          S->PostTraces.push_back(V.Name);
      }
      if (!Pre.empty() || !Post.empty())
        R.Changed = true;
    }
    return R;
  }
};

} // namespace

std::unique_ptr<Pass> createHoistSynapseTracesPass() {
  return std::make_unique<HoistSynapseTraces>();
}

} // namespace snn
