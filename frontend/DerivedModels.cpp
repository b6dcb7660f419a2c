//===- frontend/DerivedModels.cpp - models derived by changing parameter defaults -----------===//
//
//   neuron RS = Izhikevich { a = 0.02 / ms, b = 0.2, c = -65 mV, d = 8 mV }
//
// declares a model that is Izhikevich with other parameter defaults: the named parameter sets of
// the standard library. The derived model is the base's IR with the parameter values replaced;
// only parameters can be changed, with values of the same unit. `RS.a` reads the new default.
// Chains are allowed (a model derived from a derived model); cycles are errors.
//
//===----------------------------------------------------------------------------------------===//
#include "frontend/Lowering.h"

#include <set>

namespace snn {

const ast::NeuronDecl *Lowering::baseDecl(const ast::NeuronDecl &M) {
  auto It = Neurons.find(M.Base->Name);
  if (It != Neurons.end())
    return It->second;
  std::vector<std::string> Known;
  for (const auto &[N, _] : Neurons)
    Known.push_back(N);
  std::string Hint = closestName(M.Base->Name, Known);
  Diags.error(M.Base->Range, "unknown neuron model '" + M.Base->Name + "'" +
                                 (Hint.empty() ? "" : "; did you mean '" + Hint + "'?"));
  return nullptr;
}

std::optional<Quantity> Lowering::modelParam(const ast::NeuronDecl &M, const ast::Ident &Member,
                                             llvm::SMRange Use) {
  if (!M.Base) {
    ModelInfo &I = info(M);
    auto NIt = I.Names.find(Member.Name);
    if (NIt == I.Names.end() || NIt->second.K != ModelInfo::Kind::Param) {
      Diags.error(Member.Range, "'" + Member.Name + "' is not a parameter of neuron '" +
                                    M.Name.Name + "'");
      return std::nullopt;
    }
    return paramDefault(M, Member.Name, Use);
  }
  ModelInfo &I = info(M);
  if (I.Deriving) {
    Diags.error(M.Name.Range, "neuron '" + M.Name.Name + "' is derived from itself");
    return std::nullopt;
  }
  const ast::NeuronDecl *B = baseDecl(M);
  if (!B)
    return std::nullopt;
  I.Deriving = true;
  auto Q = modelParam(*B, Member, Use);
  I.Deriving = false;
  if (!Q)
    return std::nullopt;
  for (const ast::NamedArg &A : M.BaseOverrides)
    if (A.Name.Name == Member.Name) {
      auto V = Checker.evalConstantAs(*A.Value, *Globals, Q->D,
                                      "parameter '" + Member.Name + "' of '" + M.Name.Name + "'");
      if (!V)
        return std::nullopt;
      return Quantity{*V, Q->D, false};
    }
  return Q;
}

ir::NeuronModel *Lowering::lowerDerived(const ast::NeuronDecl &M, ModelInfo &I) {
  if (I.Deriving) {
    Diags.error(M.Name.Range, "neuron '" + M.Name.Name + "' is derived from itself");
    return nullptr;
  }
  const ast::NeuronDecl *B = baseDecl(M);
  if (!B)
    return nullptr;
  I.Deriving = true;
  ir::NeuronModel *Base = lowerModel(*B);
  I.Deriving = false;
  if (!Base)
    return nullptr;
  auto Out = Base->clone();
  Out->Name = M.Name.Name;
  Out->Loc = M.Name.Range;
  unsigned Before = Diags.errorCount();
  std::set<std::string> Seen;
  for (const ast::NamedArg &A : M.BaseOverrides) {
    if (!Seen.insert(A.Name.Name).second) {
      Diags.error(A.Name.Range, "'" + A.Name.Name + "' is given twice");
      continue;
    }
    ir::Param *P = nullptr;
    for (ir::Param &X : Out->Params)
      if (X.Name == A.Name.Name)
        P = &X;
    if (!P) {
      std::vector<std::string> Names;
      for (const ir::Param &X : Out->Params)
        Names.push_back(X.Name);
      std::string Hint = closestName(A.Name.Name, Names);
      Diags.error(A.Name.Range, "'" + A.Name.Name + "' is not a parameter of '" + Base->Name +
                                    "'" + (Hint.empty() ? "" : "; did you mean '" + Hint + "'?"));
      continue;
    }
    if (auto V = Checker.evalConstantAs(*A.Value, *Globals, P->D,
                                        "parameter '" + P->Name + "' of '" + M.Name.Name + "'"))
      P->Value = *V;
  }
  if (Diags.errorCount() != Before)
    return nullptr;
  I.Model = std::move(Out);
  return I.Model.get();
}

} // namespace snn
