//===- frontend/RecordLowering.cpp - `record` statements to IR recordings -------------------===//
//
// `record spikes | VAR, ... of SEL, ... [every T]` records spikes or neuron variables;
// `record VAR, ... of SEL -> SEL (every T | at end)` records variables of the synapses of a
// projection with a synapse model, between the selected sources and targets.
//
//===----------------------------------------------------------------------------------------===//
#include "frontend/Lowering.h"

namespace snn {

bool Lowering::claimRecordFile(const std::string &File, llvm::SMRange Range, NetContext &C) {
  auto [It, New] = C.RecordFiles.try_emplace(File, Range);
  if (New)
    return true;
  Diags.error(Range, "this recording would write '" + File + "', like an earlier one; rename a "
                     "population or variable to tell them apart");
  Diags.note(It->second, "the earlier recording is here");
  return false;
}

ir::Population *Lowering::recordedPopulation(const ast::PopSelect &S, NetContext &C) {
  ir::Population *P = C.Net->findPopulation(S.Pop.Name);
  if (P)
    return P;
  if (!C.PopRange.count(S.Pop.Name)) { // a population that failed to lower was reported
    std::vector<std::string> Names;
    for (const auto &[N, _] : C.PopRange)
      Names.push_back(N);
    std::string Hint = closestName(S.Pop.Name, Names);
    Diags.error(S.Pop.Range, "no population named '" + S.Pop.Name + "' in network '" +
                                 C.Decl->Name.Name + "'" +
                                 (Hint.empty() ? "" : "; did you mean '" + Hint + "'?"));
  }
  return nullptr;
}

bool Lowering::selectNeurons(const ast::PopSelect &S, const ir::Population &P, NetContext &C,
                             bool &IsSlice, uint64_t &Lo, uint64_t &Hi,
                             std::vector<uint64_t> &Neurons) {
  switch (S.K) {
  case ast::PopSelect::Kind::All:
    IsSlice = true;
    Lo = 0;
    Hi = P.Size;
    return true;
  case ast::PopSelect::Kind::Slice: {
    std::optional<uint64_t> First = 0, Last = P.Size;
    if (S.Lo)
      First = Checker.evalCount(*S.Lo, C.Consts, "slice start", P.Size);
    if (S.Hi)
      Last = Checker.evalCount(*S.Hi, C.Consts, "slice end", P.Size);
    if (!First || !Last)
      return false;
    if (*First >= *Last) {
      Diags.error(S.Range, "empty selection [" + llvm::Twine(*First) + ":" + llvm::Twine(*Last) +
                               "] of '" + P.Name + "'");
      return false;
    }
    IsSlice = true;
    Lo = *First;
    Hi = *Last;
    return true;
  }
  case ast::PopSelect::Kind::List: {
    IsSlice = false;
    std::set<uint64_t> Seen;
    bool Ok = true;
    for (const ast::ExprPtr &E : S.List) {
      auto I = Checker.evalCount(*E, C.Consts, "neuron index", 0xFFFFFFFFull);
      if (!I) {
        Ok = false;
        continue;
      }
      if (*I >= P.Size) {
        Diags.error(E->Range, "neuron index " + llvm::Twine(*I) + " is outside population '" +
                                  P.Name + "' of size " + llvm::Twine(P.Size));
        Ok = false;
        continue;
      }
      if (!Seen.insert(*I).second) {
        Diags.error(E->Range, "neuron " + llvm::Twine(*I) + " is selected twice");
        Ok = false;
        continue;
      }
      Neurons.push_back(*I);
    }
    return Ok;
  }
  }
  return false;
}

void Lowering::lowerRecord(const ast::RecordDecl &D, NetContext &C) {
  bool Spikes = false;
  std::vector<const ast::Ident *> Vars;
  for (const ast::Ident &W : D.What) {
    if (W.Name == "spikes")
      Spikes = true;
    else
      Vars.push_back(&W);
  }
  if (D.Post) {
    lowerSynapseRecord(D, C);
    return;
  }
  if (D.AtEnd) {
    Diags.error(D.AtEndRange, "'at end' applies to synapse variables, as in "
                              "'record w of A -> B at end'");
    return;
  }
  double Every = 0;
  if (D.Every) {
    if (Vars.empty()) {
      Diags.error(D.Every->Range, "'every' applies to state variables; spikes are recorded "
                                  "when they happen");
      return;
    }
    auto E = Checker.evalConstantAs(*D.Every, C.Consts, Dim::time(), "recording interval");
    if (!E)
      return;
    if (!(*E > 0)) {
      Diags.error(D.Every->Range, "recording interval must be positive");
      return;
    }
    Every = *E;
  }
  for (const ast::PopSelect &S : D.Targets) {
    ir::Population *P = recordedPopulation(S, C);
    if (!P)
      continue;
    ir::Recording R;
    R.Pop = P->Name;
    R.Loc = S.Range;
    if (!selectNeurons(S, *P, C, R.IsSlice, R.Lo, R.Hi, R.Neurons))
      continue;
    if (Spikes) {
      if (!C.SpikeRecorded.insert(P->Name).second) {
        Diags.error(S.Range, "spikes of '" + P->Name + "' are already recorded");
      } else {
        ir::Recording X = R;
        X.K = ir::Recording::Kind::Spikes;
        C.Net->Recordings.push_back(X);
      }
    }
    for (const ast::Ident *V : Vars) {
      ir::NeuronModel *M = P->Kind == ir::PopKind::Neuron ? C.PopModel[P->Name] : nullptr;
      if (!M) {
        Diags.error(V->Range, "'" + P->Name + "' is a generator; it has no variable '" +
                                  V->Name + "' to record");
        continue;
      }
      if (!M->findState(V->Name) && !M->findInput(V->Name)) {
        std::vector<std::string> Names;
        for (const auto &X : M->States)
          Names.push_back(X.Name);
        for (const auto &X : M->Inputs)
          Names.push_back(X.Name);
        std::string Hint = closestName(V->Name, Names);
        Diags.error(V->Range, "'" + V->Name + "' is not a state variable or input of '" +
                                  M->Name + "'" +
                                  (Hint.empty() ? "" : "; did you mean '" + Hint + "'?"));
        continue;
      }
      if (auto [It, New] = C.StateRecorded.try_emplace({P->Name, V->Name}, V->Range); !New) {
        Diags.error(V->Range, "'" + V->Name + "' of '" + P->Name + "' is already recorded; "
                              "record all the neurons you need in one statement");
        Diags.note(It->second, "first recorded here");
        continue;
      }
      if (!claimRecordFile("state_" + P->Name + "_" + V->Name + ".csv", V->Range, C))
        continue;
      ir::Recording X = R;
      X.K = ir::Recording::Kind::State;
      X.Var = V->Name;
      X.Interval = Every;
      C.Net->Recordings.push_back(X);
    }
  }
}


void Lowering::lowerSynapseRecord(const ast::RecordDecl &D, NetContext &C) {
  const ast::PopSelect &PreSel = D.Targets.front(), &PostSel = *D.Post;
  ir::Population *Pre = recordedPopulation(PreSel, C), *Post = recordedPopulation(PostSel, C);
  if (!Pre || !Post)
    return;
  ir::Recording R;
  R.K = ir::Recording::Kind::Synapse;
  R.Pop = Pre->Name;
  R.Loc = {PreSel.Range.Start, PostSel.Range.End};
  if (!selectNeurons(PreSel, *Pre, C, R.IsSlice, R.Lo, R.Hi, R.Neurons) ||
      !selectNeurons(PostSel, *Post, C, R.PostIsSlice, R.PostLo, R.PostHi, R.PostNeurons))
    return;
  R.AtEnd = D.AtEnd;
  if (D.Every) {
    auto E = Checker.evalConstantAs(*D.Every, C.Consts, Dim::time(), "recording interval");
    if (!E)
      return;
    if (!(*E > 0)) {
      Diags.error(D.Every->Range, "recording interval must be positive");
      return;
    }
    R.Interval = *E;
  }
  std::vector<size_t> Between;
  for (size_t K = 0; K < C.Net->Projections.size(); ++K) {
    const ir::Projection &P = C.Net->Projections[K];
    if (P.Source == Pre->Name && P.Target == Post->Name)
      Between.push_back(K);
  }
  if (Between.empty()) {
    if (!C.Connected.count({Pre->Name, Post->Name})) // else that connect failed (reported)
      Diags.error(R.Loc, "no projection connects '" + Pre->Name + "' to '" + Post->Name + "'");
    return;
  }
  for (const ast::Ident &V : D.What) {
    if (V.Name == "spikes") {
      Diags.error(V.Range, "spikes belong to neurons; record them with 'record spikes of " +
                               Pre->Name + "'");
      continue;
    }
    std::vector<size_t> Having;
    std::vector<std::string> Names;
    std::string Model;
    for (size_t K : Between) {
      const ir::Projection &P = C.Net->Projections[K];
      const ir::SynapseModel *S = P.Synapse.empty() ? nullptr : C.Net->findSynapse(P.Synapse);
      if (!S)
        continue;
      Model = S->Name;
      if (S->findState(V.Name))
        Having.push_back(K);
      for (const ir::StateVar &X : S->States)
        Names.push_back(X.Name);
    }
    if (Model.empty()) {
      // A connect between them that failed may have had the synapse model (reported there).
      if (C.FailedConnects.count({Pre->Name, Post->Name}))
        return;
      Diags.error(R.Loc, "the synapses from '" + Pre->Name + "' to '" + Post->Name +
                             "' are static (no synapse model); they have no variable '" +
                             V.Name + "' to record");
      return;
    }
    if (Having.empty()) {
      std::string Hint = closestName(V.Name, Names);
      Diags.error(V.Range, "'" + V.Name + "' is not a variable of synapse '" + Model + "'" +
                               (Hint.empty() ? "" : "; did you mean '" + Hint + "'?"));
      continue;
    }
    if (Having.size() > 1) {
      Diags.error(R.Loc, llvm::Twine(Having.size()) + " projections from '" + Pre->Name +
                             "' to '" + Post->Name + "' have a synapse variable '" + V.Name +
                             "'; a recording cannot tell them apart: connect one of them to "
                             "another population");
      continue;
    }
    auto Key = std::make_pair("#" + std::to_string(Having.front()), V.Name);
    if (auto [It, New] = C.StateRecorded.try_emplace(Key, V.Range); !New) {
      Diags.error(V.Range, "'" + V.Name + "' of the synapses from '" + Pre->Name + "' to '" +
                               Post->Name + "' is already recorded; record all the synapses "
                               "you need in one statement");
      Diags.note(It->second, "first recorded here");
      continue;
    }
    if (!claimRecordFile("synapses_" + Pre->Name + "_" + Post->Name + "_" + V.Name + ".csv",
                         V.Range, C))
      continue;
    ir::Recording X = R;
    X.Projection = static_cast<int64_t>(Having.front());
    X.Var = V.Name;
    C.Net->Recordings.push_back(std::move(X));
  }
}

} // namespace snn
