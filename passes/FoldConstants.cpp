//===- passes/FoldConstants.cpp - parameters into models, constants folded ------------------===//
//
// Parameters are constant per population. This pass gives each distinct parameter set of a
// model its own copy of the model, substitutes the values into every expression and folds
// constant subexpressions, then removes the parameters. It also writes every state variable's
// and input's initial value into the population explicitly, so later stages read initial
// values from one place.
//
//   before:  neuron LIF { param tau : s = 0.02   ode v = -v / tau }
//            population E : neuron LIF [100] { set tau = 0.01 }
//   after:   neuron LIF { ode v = -v / 0.01 }
//            population E : neuron LIF [100] { init v = 0 }
//
// Copies are named after the model ("LIF") when one parameter set is used, otherwise "LIF.1",
// "LIF.2", ... in order of first use. Models used by no population are dropped.
//
//===----------------------------------------------------------------------------------------===//
#include "passes/Passes.h"

#include <algorithm>
#include <map>

namespace snn {

namespace {

class FoldConstants : public Pass {
public:
  llvm::StringRef name() const override { return "fold-constants"; }
  PassResult run(ir::Network &N, PassContext &Ctx) override;

private:
  void foldSynapses(ir::Network &N, PassContext &Ctx, PassResult &R);
};

using ParamValues = std::vector<std::pair<std::string, double>>;

void substitute(ir::ExprPtr &E, const std::map<std::string, double> &Values) {
  ir::rewrite(E, [&](ir::Expr &X) -> ir::ExprPtr {
    auto *R = llvm::dyn_cast<ir::RefExpr>(&X);
    if (!R || R->refKind() != ir::RefKind::Param)
      return nullptr;
    auto It = Values.find(R->name());
    if (It == Values.end())
      return nullptr;
    return ir::constant(It->second, R->loc());
  });
  ir::fold(E);
}

void substituteStmts(std::vector<ir::Stmt> &V, const std::map<std::string, double> &Values) {
  for (ir::Stmt &S : V)
    substitute(S.Value, Values);
}

std::unique_ptr<ir::NeuronModel> specialize(const ir::NeuronModel &M, const ParamValues &PV) {
  std::map<std::string, double> Values(PV.begin(), PV.end());
  auto C = M.clone();
  for (ir::StateVar &S : C->States)
    substitute(S.Init, Values);
  for (ir::Ode &O : C->Odes)
    substitute(O.Rhs, Values);
  substituteStmts(C->Update, Values);
  if (C->Threshold)
    substitute(C->Threshold, Values);
  substituteStmts(C->Reset, Values);
  if (C->RefractoryPeriod)
    substitute(C->RefractoryPeriod, Values);
  for (ir::Port &P : C->Ports)
    substituteStmts(P.Body, Values);
  C->Params.clear();
  return C;
}

PassResult FoldConstants::run(ir::Network &N, PassContext &Ctx) {
  PassResult R;
  // Parameter set of every neuron population, in population order.
  std::map<std::string, std::vector<ParamValues>> Sets; // model -> distinct sets
  std::vector<std::pair<size_t, size_t>> PopSet(N.Populations.size(), {0, 0});
  for (size_t I = 0; I < N.Populations.size(); ++I) {
    ir::Population &P = N.Populations[I];
    if (P.Kind != ir::PopKind::Neuron)
      continue;
    const ir::NeuronModel *M = N.findModel(P.Model);
    if (!M)
      continue;
    ParamValues PV;
    for (const ir::Param &Par : M->Params) {
      double V = Par.Value;
      for (const auto &O : P.ParamOverrides)
        if (O.Name == Par.Name)
          V = O.Value;
      PV.push_back({Par.Name, V});
    }
    auto &List = Sets[P.Model];
    size_t Idx = std::find(List.begin(), List.end(), PV) - List.begin();
    if (Idx == List.size())
      List.push_back(PV);
    PopSet[I] = {0, Idx};
  }
  bool HadParams = false;
  for (const auto &M : N.Models)
    HadParams |= !M->Params.empty();

  std::vector<std::unique_ptr<ir::NeuronModel>> NewModels;
  std::map<std::pair<std::string, size_t>, std::string> NameOf;
  for (size_t I = 0; I < N.Populations.size(); ++I) {
    ir::Population &P = N.Populations[I];
    if (P.Kind != ir::PopKind::Neuron)
      continue;
    const ir::NeuronModel *M = N.findModel(P.Model);
    if (!M)
      continue;
    size_t Idx = PopSet[I].second;
    auto Key = std::make_pair(P.Model, Idx);
    auto It = NameOf.find(Key);
    if (It == NameOf.end()) {
      auto S = specialize(*M, Sets[P.Model][Idx]);
      if (Sets[P.Model].size() > 1)
        S->Name = M->Name + "." + std::to_string(Idx + 1);
      It = NameOf.emplace(Key, S->Name).first;
      NewModels.push_back(std::move(S));
    }
    const ir::NeuronModel *Spec = nullptr;
    for (const auto &NM : NewModels)
      if (NM->Name == It->second)
        Spec = NM.get();
    P.Model = It->second;
    if (!P.ParamOverrides.empty())
      R.Changed = true;
    P.ParamOverrides.clear();
    // Explicit initial values for every state variable and input.
    for (const ir::StateVar &S : Spec->States) {
      if (P.findInit(S.Name))
        continue;
      auto V = ir::constantValue(*S.Init);
      if (!V) {
        Ctx.Diags.error(S.Loc, "initial value of '" + S.Name + "' is not a constant");
        R.Failed = true;
        continue;
      }
      P.Inits.push_back({S.Name, ir::ValueInit{ir::ValueInit::Kind::Const, *V, 0, S.Loc, std::nullopt}});
      R.Changed = true;
    }
    for (const ir::InputVar &In : Spec->Inputs) {
      if (P.findInit(In.Name))
        continue;
      P.Inits.push_back({In.Name, ir::ValueInit{ir::ValueInit::Kind::Const, In.Default, 0, In.Loc, std::nullopt}});
      R.Changed = true;
    }
  }
  if (HadParams || NewModels.size() != N.Models.size())
    R.Changed = true;
  N.Models = std::move(NewModels);
  foldSynapses(N, Ctx, R);
  return R;
}

/// Gives every plastic projection its own copy of its synapse model with the parameters folded
/// in (later passes decide per projection what is stored per neuron), and explicit initial
/// values of all synapse state.
void FoldConstants::foldSynapses(ir::Network &N, PassContext &Ctx, PassResult &R) {
  std::map<std::string, int> Uses;
  for (const ir::Projection &P : N.Projections)
    if (!P.Synapse.empty())
      ++Uses[P.Synapse];
  std::vector<std::unique_ptr<ir::SynapseModel>> New;
  std::map<std::string, int> Count;
  for (ir::Projection &P : N.Projections) {
    if (P.Synapse.empty())
      continue;
    const ir::SynapseModel *S = N.findSynapse(P.Synapse);
    if (!S)
      continue;
    if (S->Params.empty() && P.SynapseParams.empty() && Uses[P.Synapse] == 1 &&
        P.SynapseInits.size() == S->States.size()) {
      New.push_back(S->clone());
      continue;
    }
    std::map<std::string, double> Values;
    for (const ir::Param &Par : S->Params)
      Values[Par.Name] = Par.Value;
    for (const auto &O : P.SynapseParams)
      Values[O.Name] = O.Value;
    auto C = S->clone();
    for (ir::StateVar &V : C->States)
      substitute(V.Init, Values);
    for (ir::Ode &O : C->Odes)
      substitute(O.Rhs, Values);
    substituteStmts(C->OnPre, Values);
    substituteStmts(C->OnPost, Values);
    substituteStmts(C->OnModulator, Values);
    C->Params.clear();
    if (Uses[P.Synapse] > 1)
      C->Name = S->Name + "." + std::to_string(++Count[S->Name]);
    for (const ir::StateVar &V : C->States) {
      if (P.SynapseInits.end() != std::find_if(P.SynapseInits.begin(), P.SynapseInits.end(),
                                               [&](const auto &I) { return I.Var == V.Name; }))
        continue;
      auto Value = ir::constantValue(*V.Init);
      if (!Value) {
        Ctx.Diags.error(V.Loc, "initial value of '" + V.Name + "' is not a constant");
        R.Failed = true;
        continue;
      }
      P.SynapseInits.push_back({V.Name, ir::ValueInit{ir::ValueInit::Kind::Const, *Value, 0,
                                                      V.Loc, std::nullopt}});
    }
    P.SynapseParams.clear();
    P.Synapse = C->Name;
    New.push_back(std::move(C));
    R.Changed = true;
  }
  N.Synapses = std::move(New);
}

} // namespace

std::unique_ptr<Pass> createFoldConstantsPass() { return std::make_unique<FoldConstants>(); }

} // namespace snn
