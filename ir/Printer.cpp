//===- ir/Printer.cpp - the stable text form of the network IR ------------------------------===//
//
// Expressions are printed with the fewest parentheses the reader needs: each operator has a
// precedence (ir/Expr.cpp: binaryOpPrecedence), `not` is 3, unary minus 7, and a negative
// constant is printed like a unary minus so that `(-2) ^ 2` keeps its parentheses.
//
//===----------------------------------------------------------------------------------------===//
#include "ir/Printer.h"

#include <charconv>
#include <cmath>

namespace snn::ir {

std::string formatNumber(double V) {
  if (std::isnan(V))
    return "nan";
  if (std::isinf(V))
    return V > 0 ? "inf" : "-inf";
  char Buf[64];
  auto R = std::to_chars(Buf, Buf + sizeof(Buf), V);
  return std::string(Buf, R.ptr);
}

namespace {

constexpr int PrecSelect = 0, PrecNot = 3, PrecNeg = 7, PrecPrimary = 9;

int precedenceOf(const Expr &E) {
  switch (E.kind()) {
  case ExprKind::Constant: {
    const auto &C = llvm::cast<ConstantExpr>(E);
    return !C.isBool() && std::signbit(C.value()) ? PrecNeg : PrecPrimary;
  }
  case ExprKind::Ref:
  case ExprKind::Call:
    return PrecPrimary;
  case ExprKind::Unary:
    return llvm::cast<UnaryExpr>(E).op() == UnaryOp::Neg ? PrecNeg : PrecNot;
  case ExprKind::Binary:
    return binaryOpPrecedence(llvm::cast<BinaryExpr>(E).op());
  case ExprKind::Select:
    return PrecSelect;
  }
  return PrecPrimary;
}

void printAt(const Expr &E, int MinPrec, llvm::raw_ostream &OS) {
  bool Paren = precedenceOf(E) < MinPrec;
  if (Paren)
    OS << '(';
  switch (E.kind()) {
  case ExprKind::Constant: {
    const auto &C = llvm::cast<ConstantExpr>(E);
    if (C.isBool())
      OS << (C.value() != 0 ? "true" : "false");
    else
      OS << formatNumber(C.value());
    break;
  }
  case ExprKind::Ref:
    OS << llvm::cast<RefExpr>(E).name();
    break;
  case ExprKind::Unary: {
    const auto &U = llvm::cast<UnaryExpr>(E);
    if (U.op() == UnaryOp::Neg) {
      OS << '-';
      printAt(U.operand(), PrecNeg, OS);
    } else {
      OS << "not ";
      printAt(U.operand(), PrecNot, OS);
    }
    break;
  }
  case ExprKind::Binary: {
    const auto &B = llvm::cast<BinaryExpr>(E);
    int P = binaryOpPrecedence(B.op());
    bool RightAssoc = B.op() == BinaryOp::Pow;
    // Comparisons do not chain: both sides bind tighter.
    bool NonAssoc = isComparison(B.op());
    printAt(B.lhs(), RightAssoc || NonAssoc ? P + 1 : P, OS);
    OS << ' ' << binaryOpSpelling(B.op()) << ' ';
    printAt(B.rhs(), RightAssoc ? P : P + 1, OS);
    break;
  }
  case ExprKind::Select: {
    const auto &S = llvm::cast<SelectExpr>(E);
    printAt(S.cond(), PrecSelect + 1, OS);
    OS << " ? ";
    printAt(S.trueValue(), PrecSelect, OS);
    OS << " : ";
    printAt(S.falseValue(), PrecSelect, OS);
    break;
  }
  case ExprKind::Call: {
    const auto &C = llvm::cast<CallExpr>(E);
    OS << funcInfo(C.func()).Name << '(';
    for (size_t I = 0; I < C.args().size(); ++I) {
      if (I)
        OS << ", ";
      printAt(*C.args()[I], PrecSelect, OS);
    }
    OS << ')';
    break;
  }
  }
  if (Paren)
    OS << ')';
}

class NetworkPrinter {
public:
  explicit NetworkPrinter(llvm::raw_ostream &OS) : OS(OS) {}
  void print(const Network &N);

private:
  void printModel(const NeuronModel &M);
  void printSynapse(const SynapseModel &S);
  void printPopulation(const Population &P);
  void printProjection(const Projection &P);
  void printRecording(const Recording &R);
  void printInjection(const Injection &I);
  void printStmts(const std::vector<Stmt> &V, int Indent);
  void printValue(const ValueInit &V);
  void printVar(const char *Keyword, const Variable &V) {
    OS << "    " << Keyword << ' ' << V.Name << " : " << V.D.str();
  }
  llvm::raw_ostream &OS;
};

void NetworkPrinter::print(const Network &N) {
  OS << "network " << N.Name << " {\n";
  OS << "  simulation dt " << formatNumber(N.Sim.Dt) << " duration " << formatNumber(N.Sim.Duration)
     << " seed " << N.Sim.Seed << "\n";
  for (const auto &M : N.Models)
    printModel(*M);
  for (const auto &S : N.Synapses)
    printSynapse(*S);
  if (!N.Populations.empty())
    OS << "\n";
  for (const Population &P : N.Populations)
    printPopulation(P);
  if (!N.Projections.empty())
    OS << "\n";
  for (const Projection &P : N.Projections)
    printProjection(P);
  if (!N.Recordings.empty())
    OS << "\n";
  for (const Recording &R : N.Recordings)
    printRecording(R);
  if (!N.Injections.empty())
    OS << "\n";
  for (const Injection &I : N.Injections)
    printInjection(I);
  if (!N.Cores.empty())
    OS << "\n";
  for (const CoreSlice &C : N.Cores)
    OS << "  core " << C.Chip << " " << C.Core << " " << C.Pop << " [" << C.Lo << ":" << C.Hi
       << "]\n";
  OS << "}\n";
}

void NetworkPrinter::printStmts(const std::vector<Stmt> &V, int Indent) {
  OS << "{\n";
  for (const Stmt &S : V) {
    OS.indent(Indent + 2);
    if (S.Kind == Stmt::Op::Let)
      OS << "let " << S.Target << " = ";
    else if (S.Kind == Stmt::Op::Deliver)
      OS << "deliver ";
    else
      OS << S.Target << ' ' << stmtOpSpelling(S.Kind) << ' ';
    printExpr(*S.Value, OS);
    OS << "\n";
  }
  OS.indent(Indent) << "}";
}

void NetworkPrinter::printModel(const NeuronModel &M) {
  OS << "\n  neuron " << M.Name << " {\n";
  for (const Param &P : M.Params) {
    printVar("param", P);
    OS << " = " << formatNumber(P.Value) << "\n";
  }
  for (const StateVar &S : M.States) {
    printVar("state", S);
    OS << " = ";
    printExpr(*S.Init, OS);
    OS << "\n";
  }
  for (const InputVar &I : M.Inputs) {
    printVar("input", I);
    OS << " = " << formatNumber(I.Default) << "\n";
  }
  for (const Ode &O : M.Odes) {
    OS << "    ode " << O.Var << " = ";
    printExpr(*O.Rhs, OS);
    OS << "\n";
  }
  if (M.Requested != Method::None)
    OS << "    solver " << methodName(M.Requested) << "\n";
  for (const OdeGroup &G : M.Groups) {
    OS << "    method " << methodName(G.M);
    for (size_t I = 0; I < G.Vars.size(); ++I)
      OS << (I ? ", " : " ") << G.Vars[I];
    OS << "\n";
  }
  if (M.solved()) {
    OS << "    update ";
    printStmts(M.Update, 4);
    OS << "\n";
  }
  if (M.Threshold) {
    OS << "    threshold ";
    printExpr(*M.Threshold, OS);
    OS << "\n";
  }
  if (!M.Reset.empty()) {
    OS << "    reset ";
    printStmts(M.Reset, 4);
    OS << "\n";
  }
  if (M.RefractoryPeriod) {
    OS << "    refractory ";
    printExpr(*M.RefractoryPeriod, OS);
    if (M.RefractorySteps >= 0)
      OS << " steps " << M.RefractorySteps;
    if (!M.Frozen.empty()) {
      OS << " freeze ";
      for (size_t I = 0; I < M.Frozen.size(); ++I)
        OS << (I ? ", " : "") << M.Frozen[I];
    }
    OS << "\n";
  }
  for (const Port &P : M.Ports) {
    OS << "    port " << P.Name << "(" << P.WeightName << " : " << P.WeightDim.str() << ") ";
    printStmts(P.Body, 4);
    OS << "\n";
  }
  if (M.Chip.set()) {
    OS << "    chip " << support::neuronFamilyName(M.Chip.Family) << " unit "
       << formatNumber(M.Chip.Unit) << " origin " << formatNumber(M.Chip.Origin) << " {";
    for (const auto &[Name, V] : M.Chip.Params)
      OS << " " << Name << " " << V;
    for (const auto &[Name, V] : M.Chip.Errors)
      OS << " error " << Name << " " << formatNumber(V);
    OS << " }\n";
  }
  for (const NumericFormat &F : M.Formats)
    OS << "    format " << F.Var << " i" << F.Bits << " " << support::overflowName(F.Over) << "\n";
  OS << "  }\n";
}

void NetworkPrinter::printSynapse(const SynapseModel &S) {
  OS << "\n  synapse " << S.Name << " {\n";
  for (const Param &P : S.Params) {
    printVar("param", P);
    OS << " = " << formatNumber(P.Value) << "\n";
  }
  for (const StateVar &V : S.States) {
    printVar("state", V);
    OS << " = ";
    printExpr(*V.Init, OS);
    OS << "\n";
  }
  for (const Ode &O : S.Odes) {
    OS << "    ode " << O.Var << " = ";
    printExpr(*O.Rhs, OS);
    OS << "\n";
  }
  for (const Decay &D : S.Decays)
    OS << "    decay " << D.Var << " " << formatNumber(D.Rate) << " " << formatNumber(D.Offset)
       << "\n";
  for (const std::string &T : S.PreTraces)
    OS << "    trace " << T << " pre\n";
  for (const std::string &T : S.PostTraces)
    OS << "    trace " << T << " post\n";
  if (!S.OnPre.empty()) {
    OS << "    on pre ";
    printStmts(S.OnPre, 4);
    OS << "\n";
  }
  if (!S.OnPost.empty()) {
    OS << "    on post ";
    printStmts(S.OnPost, 4);
    OS << "\n";
  }
  if (!S.OnModulator.empty()) {
    OS << "    on modulator ";
    printStmts(S.OnModulator, 4);
    OS << "\n";
  }
  OS << "  }\n";
}

void NetworkPrinter::printValue(const ValueInit &V) {
  switch (V.K) {
  case ValueInit::Kind::Const:
    OS << formatNumber(V.A);
    break;
  case ValueInit::Kind::Uniform:
    OS << "uniform(" << formatNumber(V.A) << ", " << formatNumber(V.B) << ")";
    break;
  case ValueInit::Kind::Normal:
    OS << "normal(" << formatNumber(V.A) << ", " << formatNumber(V.B) << ")";
    break;
  case ValueInit::Kind::Linspace:
    OS << "linspace(" << formatNumber(V.A) << ", " << formatNumber(V.B) << ")";
    break;
  }
  if (V.Quant) {
    const support::fx::Quantizer &Q = *V.Quant;
    OS << " quantize offset " << formatNumber(Q.Offset) << " scale " << formatNumber(Q.Scale)
       << " step " << Q.Step << " range " << Q.Lo << " " << Q.Hi;
  }
}

void NetworkPrinter::printPopulation(const Population &P) {
  OS << "  population " << P.Name << " : " << popKindName(P.Kind);
  if (P.Kind == PopKind::Neuron)
    OS << ' ' << P.Model;
  OS << " [" << P.Size << "]";
  if (P.Prec == Precision::F32)
    OS << " f32";
  bool Empty = P.ParamOverrides.empty() && P.Inits.empty() && P.RingBuffers.empty() &&
               P.Kind == PopKind::Neuron && P.PartitionChunk == 0;
  if (Empty) {
    OS << "\n";
    return;
  }
  OS << " {\n";
  for (const auto &O : P.ParamOverrides)
    OS << "    set " << O.Name << " = " << formatNumber(O.Value) << "\n";
  for (const auto &I : P.Inits) {
    OS << "    init " << I.Var << " = ";
    printValue(I.Value);
    OS << "\n";
  }
  if (P.Kind == PopKind::Poisson && !P.hasRateSchedule())
    OS << "    rate " << formatNumber(P.Rate) << "\n";
  for (size_t R = 0; R < P.RateRows.size(); ++R) {
    OS << "    rates at " << formatNumber(P.RateTimes[R]);
    if (R < P.RateSteps.size())
      OS << " step " << P.RateSteps[R];
    OS << " [";
    for (size_t I = 0; I < P.RateRows[R].size(); ++I)
      OS << (I ? ", " : "") << formatNumber(P.RateRows[R][I]);
    OS << "]\n";
  }
  for (size_t I = 0; I < P.SpikeTimes.size(); ++I) {
    OS << "    spike " << P.SpikeNeurons[I] << " at " << formatNumber(P.SpikeTimes[I]);
    if (I < P.SpikeSteps.size())
      OS << " step " << P.SpikeSteps[I];
    OS << "\n";
  }
  for (const auto &B : P.RingBuffers) {
    OS << "    ring " << B.Port << " " << B.Slots;
    if (B.Groups != 1)
      OS << " groups " << B.Groups;
    OS << "\n";
  }
  if (P.PartitionChunk > 0)
    OS << "    partition chunk " << P.PartitionChunk << "\n";
  OS << "  }\n";
}

void NetworkPrinter::printProjection(const Projection &P) {
  OS << "  projection " << P.Source << " -> " << P.Target << " {\n";
  OS << "    port " << P.Port << "\n";
  OS << "    rule " << ruleName(P.Rule);
  if (P.Rule == RuleKind::FixedProbability)
    OS << "(" << formatNumber(P.P) << ")";
  if (P.Rule == RuleKind::FixedIndegree || P.Rule == RuleKind::FixedOutdegree)
    OS << "(" << P.K << ")";
  OS << "\n    autapses " << (P.Autapses ? "true" : "false") << "\n";
  OS << "    weight ";
  printValue(P.Weight);
  OS << "\n    delay ";
  printValue(P.Delay);
  if (P.DelaySteps >= 0)
    OS << " steps " << P.DelaySteps;
  if (P.MaxDelaySteps >= 0)
    OS << " max " << P.MaxDelaySteps;
  OS << "\n";
  for (size_t K = 0; K < P.ListPre.size(); ++K) {
    OS << "    conn " << P.ListPre[K] << " " << P.ListPost[K];
    if (K < P.ListWeights.size())
      OS << " weight " << formatNumber(P.ListWeights[K]);
    if (K < P.ListDelays.size())
      OS << " delay " << formatNumber(P.ListDelays[K]);
    if (K < P.ListDelaySteps.size())
      OS << " steps " << P.ListDelaySteps[K];
    OS << "\n";
  }
  if (!P.Synapse.empty()) {
    OS << "    synapse " << P.Synapse << "\n";
    for (const auto &O : P.SynapseParams)
      OS << "    set " << O.Name << " = " << formatNumber(O.Value) << "\n";
    for (const auto &I : P.SynapseInits) {
      OS << "    init " << I.Var << " = ";
      printValue(I.Value);
      OS << "\n";
    }
  }
  if (P.DelayAt == Projection::DelayKind::Dendritic)
    OS << "    delay_at dendritic\n";
  if (!P.Modulator.empty())
    OS << "    modulator " << P.Modulator << "\n";
  if (P.MaxDelay > 0)
    OS << "    max_delay " << formatNumber(P.MaxDelay) << "\n";
  if (P.ValuePrec == Precision::F32)
    OS << "    precision f32\n";
  if (P.Store != Storage::Unset) {
    OS << "    storage " << storageName(P.Store);
    if (P.IndexBits != 0)
      OS << " index " << P.IndexBits;
    OS << "\n";
  }
  if (P.Part != Projection::Partition::Unset)
    OS << "    partition "
       << (P.Part == Projection::Partition::ByTarget ? "by_target" : "sequential") << "\n";
  if (P.Chip.Set)
    OS << "    chip_weights exp " << P.Chip.Exp << " bits " << P.Chip.Bits << " sign "
       << support::signModeName(P.Chip.Sign) << " unit " << formatNumber(P.Chip.Unit)
       << (P.Chip.Graded ? " graded" : "") << (P.Chip.PerDelay ? " per_delay" : "")
       << " error " << formatNumber(P.Chip.MaxErr) << " "
       << formatNumber(P.Chip.RmsErr) << "\n";
  OS << "  }\n";
}

void NetworkPrinter::printRecording(const Recording &R) {
  OS << "  record ";
  if (R.K == Recording::Kind::Spikes)
    OS << "spikes " << R.Pop;
  else if (R.K == Recording::Kind::State)
    OS << "state " << R.Pop << "." << R.Var;
  else
    OS << "synapse " << R.Projection << " " << R.Var;
  auto selection = [&](bool IsSlice, uint64_t Lo, uint64_t Hi,
                       const std::vector<uint64_t> &Neurons) {
    if (IsSlice) {
      OS << " [" << Lo << ":" << Hi << "]";
      return;
    }
    OS << " [";
    for (size_t I = 0; I < Neurons.size(); ++I)
      OS << (I ? ", " : "") << Neurons[I];
    OS << "]";
  };
  selection(R.IsSlice, R.Lo, R.Hi, R.Neurons);
  if (R.K == Recording::Kind::Synapse) {
    OS << " ->";
    selection(R.PostIsSlice, R.PostLo, R.PostHi, R.PostNeurons);
  }
  if (R.K == Recording::Kind::Synapse && R.AtEnd) {
    OS << " at end";
  } else if (R.K != Recording::Kind::Spikes) {
    OS << " every " << formatNumber(R.Interval);
    if (R.IntervalSteps >= 0)
      OS << " steps " << R.IntervalSteps;
  }
  OS << "\n";
}

void NetworkPrinter::printInjection(const Injection &I) {
  OS << "  inject " << I.Pop << "." << I.Var << " {\n";
  for (size_t K = 0; K < I.Times.size(); ++K) {
    OS << "    at " << formatNumber(I.Times[K]);
    if (K < I.Steps.size())
      OS << " step " << I.Steps[K];
    if (I.Neurons[K] < 0)
      OS << " all ";
    else
      OS << " neuron " << I.Neurons[K] << " ";
    OS << formatNumber(I.Values[K]) << "\n";
  }
  OS << "  }\n";
}

} // namespace

void printExpr(const Expr &E, llvm::raw_ostream &OS) { printAt(E, PrecSelect, OS); }

std::string exprToString(const Expr &E) {
  std::string S;
  llvm::raw_string_ostream OS(S);
  printExpr(E, OS);
  return S;
}

void print(const Network &N, llvm::raw_ostream &OS) { NetworkPrinter(OS).print(N); }

std::string toString(const Network &N) {
  std::string S;
  llvm::raw_string_ostream OS(S);
  print(N, OS);
  return S;
}

} // namespace snn::ir
