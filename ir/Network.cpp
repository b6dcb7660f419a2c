//===- ir/Network.cpp - the network IR -----------------------------------------------------===//
//
// Lookups, names of enumerators and deep copies. No policy lives here.
//
//===----------------------------------------------------------------------------------------===//
#include "ir/Network.h"

#include <algorithm>

namespace snn::ir {

const char *stmtOpSpelling(Stmt::Op Op) {
  switch (Op) {
  case Stmt::Op::Set: return "=";
  case Stmt::Op::Add: return "+=";
  case Stmt::Op::Sub: return "-=";
  case Stmt::Op::Mul: return "*=";
  case Stmt::Op::Div: return "/=";
  case Stmt::Op::Let: return "let";
  case Stmt::Op::Deliver: return "deliver";
  }
  return "?";
}

const char *methodName(Method M) {
  switch (M) {
  case Method::None: return "none";
  case Method::Exact: return "exact";
  case Method::ExpEuler: return "exponential_euler";
  case Method::Euler: return "euler";
  case Method::RK2: return "rk2";
  case Method::RK4: return "rk4";
  case Method::FixedPoint: return "fixed_point";
  }
  return "?";
}

std::optional<Method> lookupMethod(llvm::StringRef Name) {
  for (Method M : {Method::Exact, Method::ExpEuler, Method::Euler, Method::RK2, Method::RK4,
                   Method::FixedPoint})
    if (Name == methodName(M))
      return M;
  return std::nullopt;
}

const char *popKindName(PopKind K) {
  switch (K) {
  case PopKind::Neuron: return "neuron";
  case PopKind::Poisson: return "poisson";
  case PopKind::SpikeTimes: return "spike_times";
  }
  return "?";
}

const char *ruleName(RuleKind K) {
  switch (K) {
  case RuleKind::AllToAll: return "all_to_all";
  case RuleKind::OneToOne: return "one_to_one";
  case RuleKind::FixedProbability: return "fixed_probability";
  case RuleKind::FixedIndegree: return "fixed_indegree";
  case RuleKind::FixedOutdegree: return "fixed_outdegree";
  case RuleKind::List:
    return "list";
  }
  return "?";
}

const char *storageName(Storage S) {
  switch (S) {
  case Storage::Unset: return "unset";
  case Storage::CSR: return "csr";
  case Storage::Identity: return "identity";
  case Storage::Dense: return "dense";
  case Storage::Bitmask: return "bitmask";
  case Storage::Procedural: return "procedural";
  }
  return "?";
}

std::optional<Storage> storageNamed(llvm::StringRef S) {
  for (Storage F : {Storage::CSR, Storage::Identity, Storage::Dense, Storage::Bitmask,
                    Storage::Procedural})
    if (S == storageName(F))
      return F;
  return std::nullopt;
}

template <typename T> static const T *findByName(const std::vector<T> &V, llvm::StringRef N) {
  for (const T &X : V)
    if (X.Name == N)
      return &X;
  return nullptr;
}

const Param *NeuronModel::findParam(llvm::StringRef N) const { return findByName(Params, N); }
const StateVar *NeuronModel::findState(llvm::StringRef N) const { return findByName(States, N); }
const InputVar *NeuronModel::findInput(llvm::StringRef N) const { return findByName(Inputs, N); }
const Port *NeuronModel::findPort(llvm::StringRef N) const { return findByName(Ports, N); }
const Variable *NeuronModel::findVariable(llvm::StringRef N) const {
  if (const StateVar *S = findState(N))
    return S;
  return findInput(N);
}

const Ode *NeuronModel::findOde(llvm::StringRef N) const {
  for (const Ode &O : Odes)
    if (O.Var == N)
      return &O;
  return nullptr;
}

bool NeuronModel::isFrozen(llvm::StringRef Var) const {
  if (!RefractoryPeriod)
    return false;
  if (Frozen.empty())
    return findOde(Var) != nullptr;
  return std::find(Frozen.begin(), Frozen.end(), Var) != Frozen.end();
}

static std::vector<Stmt> cloneStmts(const std::vector<Stmt> &V) {
  std::vector<Stmt> R;
  for (const Stmt &S : V)
    R.push_back(S.clone());
  return R;
}

std::unique_ptr<NeuronModel> NeuronModel::clone() const {
  auto M = std::make_unique<NeuronModel>();
  M->Name = Name;
  M->Loc = Loc;
  M->Params = Params;
  for (const StateVar &S : States) {
    StateVar C;
    static_cast<Variable &>(C) = S;
    C.Init = S.Init ? S.Init->clone() : nullptr;
    M->States.push_back(std::move(C));
  }
  M->Inputs = Inputs;
  for (const Ode &O : Odes)
    M->Odes.push_back({O.Var, O.Rhs->clone(), O.Loc});
  M->Requested = Requested;
  M->RequestedLoc = RequestedLoc;
  M->Groups = Groups;
  M->Update = cloneStmts(Update);
  M->Threshold = Threshold ? Threshold->clone() : nullptr;
  M->ThresholdLoc = ThresholdLoc;
  M->Reset = cloneStmts(Reset);
  M->RefractoryPeriod = RefractoryPeriod ? RefractoryPeriod->clone() : nullptr;
  M->RefractorySteps = RefractorySteps;
  M->Frozen = Frozen;
  for (const Port &P : Ports)
    M->Ports.push_back({P.Name, P.WeightName, P.WeightDim, cloneStmts(P.Body), P.Loc});
  M->Chip = Chip;
  M->Formats = Formats;
  return M;
}

int64_t ChipNeuron::param(llvm::StringRef Name, int64_t Default) const {
  for (const auto &[N, V] : Params)
    if (N == Name)
      return V;
  return Default;
}

const StateVar *SynapseModel::findState(llvm::StringRef N) const { return findByName(States, N); }

const Ode *SynapseModel::findOde(llvm::StringRef N) const {
  for (const Ode &O : Odes)
    if (O.Var == N)
      return &O;
  return nullptr;
}

bool SynapseModel::isPreTrace(llvm::StringRef N) const {
  return std::find(PreTraces.begin(), PreTraces.end(), N) != PreTraces.end();
}

bool SynapseModel::isPostTrace(llvm::StringRef N) const {
  return std::find(PostTraces.begin(), PostTraces.end(), N) != PostTraces.end();
}

std::string SynapseModel::deliveredVar() const {
  for (const Stmt &S : OnPre)
    if (S.Kind == Stmt::Op::Deliver)
      if (const auto *R = llvm::dyn_cast<RefExpr>(S.Value.get()))
        if (R->refKind() == RefKind::State)
          return R->name();
  return "";
}

std::unique_ptr<SynapseModel> SynapseModel::clone() const {
  auto C = std::make_unique<SynapseModel>();
  C->Name = Name;
  C->Loc = Loc;
  C->Params = Params;
  for (const StateVar &V : States) {
    StateVar X;
    static_cast<Variable &>(X) = V;
    X.Init = V.Init ? V.Init->clone() : nullptr;
    C->States.push_back(std::move(X));
  }
  for (const Ode &O : Odes)
    C->Odes.push_back({O.Var, O.Rhs->clone(), O.Loc});
  C->Decays = Decays;
  C->OnPre = cloneStmts(OnPre);
  C->OnPost = cloneStmts(OnPost);
  C->OnModulator = cloneStmts(OnModulator);
  C->PreTraces = PreTraces;
  C->PostTraces = PostTraces;
  return C;
}

const Population::Init *Population::findInit(llvm::StringRef Var) const {
  for (const Init &I : Inits)
    if (I.Var == Var)
      return &I;
  return nullptr;
}

int64_t Population::ringGroups(llvm::StringRef Port) const {
  for (const PortBuffer &B : RingBuffers)
    if (B.Port == Port)
      return B.Groups;
  return 1;
}

int64_t Population::ringSlots(llvm::StringRef Port) const {
  for (const PortBuffer &B : RingBuffers)
    if (B.Port == Port)
      return B.Slots;
  return -1;
}

std::vector<uint64_t> Recording::selected() const {
  if (!IsSlice)
    return Neurons;
  std::vector<uint64_t> R;
  for (uint64_t I = Lo; I < Hi; ++I)
    R.push_back(I);
  return R;
}

std::vector<uint64_t> Recording::selectedPost() const {
  if (!PostIsSlice)
    return PostNeurons;
  std::vector<uint64_t> R;
  for (uint64_t I = PostLo; I < PostHi; ++I)
    R.push_back(I);
  return R;
}

NeuronModel *Network::findModel(llvm::StringRef N) const {
  for (const auto &M : Models)
    if (M->Name == N)
      return M.get();
  return nullptr;
}

SynapseModel *Network::findSynapse(llvm::StringRef N) const {
  for (const auto &S : Synapses)
    if (S->Name == N)
      return S.get();
  return nullptr;
}

Population *Network::findPopulation(llvm::StringRef N) {
  for (Population &P : Populations)
    if (P.Name == N)
      return &P;
  return nullptr;
}

const Population *Network::findPopulation(llvm::StringRef N) const {
  for (const Population &P : Populations)
    if (P.Name == N)
      return &P;
  return nullptr;
}

int Network::populationIndex(llvm::StringRef N) const {
  for (size_t I = 0; I < Populations.size(); ++I)
    if (Populations[I].Name == N)
      return static_cast<int>(I);
  return -1;
}

std::unique_ptr<Network> Network::clone() const {
  auto N = std::make_unique<Network>();
  N->Name = Name;
  N->Loc = Loc;
  N->Sim = Sim;
  for (const auto &M : Models)
    N->Models.push_back(M->clone());
  for (const auto &S : Synapses)
    N->Synapses.push_back(S->clone());
  N->Populations = Populations;
  N->Projections = Projections;
  N->Recordings = Recordings;
  N->Injections = Injections;
  N->Cores = Cores;
  return N;
}

} // namespace snn::ir
