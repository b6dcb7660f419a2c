//===- passes/QuantizeForTarget.cpp - models and weights onto a chip's integers -------------===//
//
// For chip targets (the target description's "backend": "chip"), every neuron population gets a
// copy of its model rewritten into the chip's integer arithmetic: the chip's parameters (decays,
// threshold, bias as integers), a numeric format per state variable, and an update block of
// fixed-point operations (fx_decay, fx_shift, fx_wrap_once, fx_sat) that the LLVM backend
// compiles for `snnc run --target=...` and that the chip backend writes as a configuration.
// Each projection's weights become integer mantissas with a shared exponent chosen to minimize
// the error (QuantizeLoihi.cpp and the other families). A model or network the target cannot
// run is an error at the source line of the feature, naming the feature and the target's limit.
// Native targets are left alone.
//
//   before:  neuron LIF { ode v = -v / 0.02  threshold v > 0.02  reset { v = 0 }
//                         port in(w : V) { v += w } }
//   after:   neuron LIF.loihi.E { state u : 1 = 0  state v : 1 = 0  state a_in : 1 = 0
//                method fixed_point u, v, a_in
//                update { let u.next = fx_wrap_once(fx_decay(u, 0, 12) + fx_shift(a_in, 6), 24)
//                         u = u.next  v = fx_sat(fx_decay(v, 4076, 12) + u.next + 0, 24)
//                         a_in = 0 }
//                threshold v > 2097152  reset { v = 0 }
//                port in0(w : 1) { a_in += fx_shift(w, 0) }
//                chip loihi_cuba_lif unit 9.5e-09 origin 0 du 4095 dv 20 vth 32768 ... }
//
//===----------------------------------------------------------------------------------------===//
#include "passes/QuantizeForTarget.h"

#include "passes/OdeAnalysis.h"
#include "passes/Passes.h"
#include "support/Random.h"
#include "support/Steps.h"

#include "ir/Printer.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

namespace snn {

namespace quantize {

namespace {

std::string onTarget(const PassContext &Ctx) { return "target '" + Ctx.Target.Name + "'"; }

/// What the target's neuron has besides its membrane potential.
std::string currentsOf(const PassContext &Ctx) {
  switch (Ctx.Target.Family) {
  case support::NeuronFamily::TrueNorth: return "no synaptic current";
  case support::NeuronFamily::SpinnakerLif: return "at most two synaptic currents";
  default: return "at most one synaptic current";
  }
}

/// V (SI) in the display unit of D ("2 mV").
std::string quantity(double V, const Dim &D) {
  UnitInfo U = displayUnitFor(D);
  return shortNumber(V / U.Scale) + (U.Name == "1" ? "" : " " + U.Name);
}

/// Finds `v > c`, `v >= c`, `c < v`, `c <= v` with v a state variable and c a constant.
bool matchThreshold(const ir::Expr &E, std::string &V, double &Theta, bool &Strict) {
  const auto *B = llvm::dyn_cast<ir::BinaryExpr>(&E);
  if (!B)
    return false;
  const ir::Expr *Var = nullptr, *Const = nullptr;
  switch (B->op()) {
  case ir::BinaryOp::Gt: case ir::BinaryOp::Ge:
    Var = &B->lhs();
    Const = &B->rhs();
    Strict = B->op() == ir::BinaryOp::Gt;
    break;
  case ir::BinaryOp::Lt: case ir::BinaryOp::Le:
    Var = &B->rhs();
    Const = &B->lhs();
    Strict = B->op() == ir::BinaryOp::Lt;
    break;
  default:
    return false;
  }
  const auto *R = llvm::dyn_cast<ir::RefExpr>(Var);
  auto C = ir::constantValue(*Const);
  if (!R || R->refKind() != ir::RefKind::State || !C)
    return false;
  V = R->name();
  Theta = *C;
  return true;
}

} // namespace

std::optional<LifShape> recognizeLif(const ir::Network &N, const ir::Population &P,
                                     PassContext &Ctx) {
  const ir::NeuronModel &M = *N.findModel(P.Model);
  DiagnosticsEngine &D = Ctx.Diags;
  LifShape S;
  bool Ok = true;
  // Inputs are constants on a chip (nothing writes them): their defaults.
  std::map<std::string, double> InputValues;
  for (const ir::InputVar &In : M.Inputs)
    InputValues[In.Name] = In.Default;
  for (const ir::Injection &I : N.Injections)
    if (I.Pop == P.Name) {
      D.error(I.Loc, "input '" + I.Var + "' of '" + P.Name + "' is injected from the host; " +
                         onTarget(Ctx) + " has no injected inputs (drive the neurons through "
                         "spike generators)");
      Ok = false;
    }
  if (!M.Threshold) {
    D.error(M.Loc, "model '" + sourceName(M) + "' never fires; " + onTarget(Ctx) +
                       " runs neurons with a spike condition 'v > threshold'");
    return std::nullopt;
  }
  if (!matchThreshold(*M.Threshold, S.V, S.Theta, S.Strict)) {
    D.error(M.ThresholdLoc, "spike condition of '" + sourceName(M) + "' is not of the form 'v > "
                            "constant'; " + onTarget(Ctx) + " fires when the membrane "
                            "potential exceeds a fixed threshold");
    return std::nullopt;
  }
  std::vector<const ir::Ode *> Odes;
  for (const ir::Ode &O : M.Odes)
    Odes.push_back(&O);
  for (const ir::StateVar &St : M.States)
    if (!M.findOde(St.Name)) {
      D.error(St.Loc, "state variable '" + St.Name + "' of '" + sourceName(M) +
                          "' has no differential equation; " + onTarget(Ctx) +
                          " has a membrane potential and " + currentsOf(Ctx));
      Ok = false;
    }
  if (Odes.size() > 3) {
    D.error(M.Loc, "model '" + sourceName(M) + "' has " + llvm::Twine(Odes.size()) +
                       " state variables; " + onTarget(Ctx) + " runs a LIF neuron with a "
                       "membrane potential and " + currentsOf(Ctx));
    return std::nullopt;
  }
  for (const ir::Ode *O : Odes)
    if (O->Var != S.V)
      S.Currents.push_back({O->Var, 0, 0});
  if (S.Currents.size() > 1 && Ctx.Target.Family == support::NeuronFamily::LoihiCubaLif) {
    D.error(M.findOde(S.Currents[1].Name)->Loc,
            "model '" + sourceName(M) + "' has a second synaptic current '" +
                S.Currents[1].Name + "'; " + onTarget(Ctx) + " has one per neuron");
    return std::nullopt;
  }
  if (!S.Currents.empty())
    S.I = S.Currents[0].Name;
  // The equations, affine with constant coefficients.
  auto affine = [&](const ir::Ode &O) -> std::optional<Affine> {
    std::string Why;
    auto A = decomposeAffine(*O.Rhs, Why);
    if (!A) {
      D.error(O.Loc, "d" + O.Var + "/dt of '" + sourceName(M) + "' is not linear with constant "
                     "coefficients (" + Why + "); " + onTarget(Ctx) + " integrates linear "
                     "decays only");
      return std::nullopt;
    }
    for (const auto &[Name, Coef] : A->Input)
      A->Const += Coef * InputValues[Name];
    A->Input.clear();
    return A;
  };
  const ir::Ode *VO = M.findOde(S.V);
  if (!VO) {
    D.error(M.ThresholdLoc, "the spike condition tests '" + S.V + "', which has no "
                            "differential equation");
    return std::nullopt;
  }
  auto AV = affine(*VO);
  if (!AV)
    return std::nullopt;
  for (const auto &[Name, Coef] : AV->State) {
    if (Name == S.V)
      S.Avv = Coef;
    for (LifShape::Current &C : S.Currents)
      if (Name == C.Name)
        C.Avi = Coef;
  }
  S.Cv = AV->Const;
  if (S.Avv > 0) {
    D.error(VO->Loc, "d" + S.V + "/dt grows with " + S.V + "; " + onTarget(Ctx) +
                         " has a leak toward rest only");
    Ok = false;
  }
  for (LifShape::Current &C : S.Currents) {
    const ir::Ode *IO = M.findOde(C.Name);
    auto AI = affine(*IO);
    if (!AI)
      return std::nullopt;
    bool OnlySelf = AI->State.size() == 1 && AI->State.count(C.Name);
    if (AI->Const != 0 || !OnlySelf || !(AI->State[C.Name] < 0)) {
      D.error(IO->Loc, "d" + C.Name + "/dt of '" + sourceName(M) + "' is not a decay '-" +
                           C.Name + " / tau'; the synaptic current of " + onTarget(Ctx) +
                           " decays exponentially toward 0");
      return std::nullopt;
    }
    C.Aii = AI->State[C.Name];
    if (C.Avi == 0) {
      D.error(VO->Loc, "'" + C.Name + "' does not drive d" + S.V + "/dt; " + onTarget(Ctx) +
                           " adds the synaptic current to the membrane potential");
      return std::nullopt;
    }
  }
  if (!S.Currents.empty()) {
    S.Avi = S.Currents[0].Avi;
    S.Aii = S.Currents[0].Aii;
  }
  // Reset: V to a constant (`v = c`), down by a constant (`v -= c`), or nothing; nothing else.
  bool ResetOk = M.Reset.size() <= 1;
  if (M.Reset.size() == 1) {
    const ir::Stmt &St = M.Reset[0];
    auto C = ir::constantValue(*St.Value);
    ResetOk = St.Target == S.V && C &&
              (St.Kind == ir::Stmt::Op::Set || St.Kind == ir::Stmt::Op::Sub);
    if (ResetOk) {
      S.Reset = *C;
      S.ResetBy = St.Kind == ir::Stmt::Op::Set ? LifShape::ResetKind::ToValue
                                               : LifShape::ResetKind::Subtract;
      S.ResetLoc = St.Loc;
    }
  } else {
    S.ResetBy = LifShape::ResetKind::None;
    S.ResetLoc = M.ThresholdLoc;
  }
  if (!ResetOk) {
    llvm::SMRange Loc = M.Reset[0].Loc;
    for (const ir::Stmt &St : M.Reset)
      if (St.Target != S.V || !ir::constantValue(*St.Value))
        Loc = St.Loc;
    D.error(Loc, "the reset of '" + sourceName(M) + "' must set '" + S.V + "' to a constant and "
                 "nothing else; " + onTarget(Ctx) + " resets the membrane potential only");
    return std::nullopt;
  }
  if (S.ResetBy == LifShape::ResetKind::ToValue && !(S.Theta > S.Reset)) {
    const Dim &VD = M.findState(S.V)->D;
    D.error(M.ThresholdLoc, "the threshold (" + quantity(S.Theta, VD) +
                                ") is not above the reset value (" + quantity(S.Reset, VD) +
                                "); " + onTarget(Ctx) + " needs a positive distance between them");
    return std::nullopt;
  }
  // Ports: `X += k * w` with X the potential or the current.
  for (const ir::Port &Po : M.Ports) {
    LifShape::PortEffect E;
    bool PortOk = Po.Body.size() == 1;
    if (PortOk) {
      const ir::Stmt &St = Po.Body[0];
      PortOk = (St.Kind == ir::Stmt::Op::Add || St.Kind == ir::Stmt::Op::Sub) &&
               (St.Target == S.V ||
                std::any_of(S.Currents.begin(), S.Currents.end(),
                            [&](const LifShape::Current &C) { return C.Name == St.Target; }));
      EvalEnv Env;
      std::optional<double> At0, At1, At2;
      if (PortOk && !ir::refersTo(*St.Value, ir::RefKind::State) &&
          !ir::refersTo(*St.Value, ir::RefKind::Refractory) &&
          !ir::refersTo(*St.Value, ir::RefKind::Time)) {
        Env.Temp[Po.WeightName] = 0;
        auto eval = [&](double W) {
          ir::ExprPtr X = St.Value->clone();
          ir::rewrite(X, [&](ir::Expr &Y) -> ir::ExprPtr {
            auto *R = llvm::dyn_cast<ir::RefExpr>(&Y);
            if (R && R->refKind() == ir::RefKind::Weight)
              return ir::constant(W);
            return nullptr;
          });
          return ir::constantValue(*X);
        };
        At0 = eval(0);
        At1 = eval(1);
        At2 = eval(2);
      }
      PortOk = PortOk && At0 && At1 && At2 && *At0 == 0 &&
               std::fabs(*At2 - 2 * *At1) <= 1e-12 * std::fabs(*At1);
      if (PortOk) {
        E.K = St.Kind == ir::Stmt::Op::Sub ? -*At1 : *At1;
        for (size_t C = 0; C < S.Currents.size(); ++C)
          if (S.Currents[C].Name == St.Target)
            E.Current = static_cast<int>(C);
        E.ToCurrent = E.Current >= 0;
      }
    }
    if (!PortOk) {
      D.error(Po.Body.empty() ? Po.Loc : Po.Body[0].Loc,
              "port '" + Po.Name + "' of '" + sourceName(M) + "' must add a constant multiple of the "
              "weight to '" + S.V + "'" + (S.I.empty() ? "" : " or a synaptic current") + "; " +
              onTarget(Ctx) + " sums weighted spikes into its input");
      Ok = false;
      continue;
    }
    S.Ports[Po.Name] = E;
  }
  if (M.RefractoryPeriod) {
    auto T = ir::constantValue(*M.RefractoryPeriod);
    if (T)
      S.RefractorySteps =
          std::max<int64_t>(0, static_cast<int64_t>(support::timeToSteps(*T, N.Sim.Dt)));
    S.RefractoryLoc = M.RefractoryPeriod->loc();
  }
  if (!Ok)
    return std::nullopt;
  return S;
}

double currentToVoltage(double Avv, double Avi, double Aii, double Dt) {
  if (std::fabs(Aii - Avv) < 1e-12 * std::max(std::fabs(Aii), std::fabs(Avv)))
    return Avi * Dt * std::exp(Avv * Dt);
  return Avi * (std::exp(Aii * Dt) - std::exp(Avv * Dt)) / (Aii - Avv);
}

std::pair<double, double> weightRange(const ir::Projection &P) {
  if (!P.ListWeights.empty()) {
    auto [Lo, Hi] = std::minmax_element(P.ListWeights.begin(), P.ListWeights.end());
    return {*Lo, *Hi};
  }
  const ir::ValueInit &W = P.Weight;
  switch (W.K) {
  case ir::ValueInit::Kind::Const: return {W.A, W.A};
  case ir::ValueInit::Kind::Uniform: return {W.A, W.B};
  case ir::ValueInit::Kind::Linspace: return {std::min(W.A, W.B), std::max(W.A, W.B)};
  case ir::ValueInit::Kind::Normal: return {W.A - 4 * W.B, W.A + 4 * W.B};
  }
  return {W.A, W.A};
}

std::vector<double> weightSamples(const ir::Projection &P) {
  if (!P.ListWeights.empty())
    return P.ListWeights;
  const ir::ValueInit &W = P.Weight;
  if (W.K == ir::ValueInit::Kind::Const)
    return {W.A};
  std::vector<double> V;
  for (int K = 0; K <= 1000; ++K) {
    if (W.K == ir::ValueInit::Kind::Normal)
      V.push_back(support::normalAt(0, 0, K, W.A, W.B)); // a fixed sample of the distribution
    else
      V.push_back(W.A + (W.B - W.A) * (K / 1000.0));
  }
  return V;
}

std::pair<double, double> quantizationError(const std::vector<double> &Samples,
                                            const support::fx::Quantizer &Q) {
  double Ref = 0, Max = 0, Sum = 0;
  for (double X : Samples)
    Ref = std::max(Ref, std::fabs(X));
  if (Ref == 0 || Samples.empty())
    return {0, 0};
  for (double X : Samples) {
    double E = std::fabs(double(Q(X)) * Q.Scale + Q.Offset - X) / Ref;
    Max = std::max(Max, E);
    Sum += E * E;
  }
  return {Max, std::sqrt(Sum / double(Samples.size()))};
}

std::optional<WeightFormat> chooseWeightFormat(const ir::Projection &P, const Dim &WeightDim,
                                               double Gain, unsigned InputShift, int MinExp,
                                               PassContext &Ctx) {
  const support::TargetDesc &T = Ctx.Target;
  DiagnosticsEngine &D = Ctx.Diags;
  llvm::SMRange Loc = P.Weight.Loc.isValid() ? P.Weight.Loc : P.Loc;
  auto [WLo, WHi] = weightRange(P);
  double Lo = std::min(WLo * Gain, WHi * Gain), Hi = std::max(WLo * Gain, WHi * Gain);
  WeightFormat F;
  F.Sign = Lo >= 0   ? support::SignMode::Excitatory
           : Hi <= 0 ? support::SignMode::Inhibitory
                     : support::SignMode::Mixed;
  auto stores = [&](support::SignMode M) {
    return std::find(T.SignModes.begin(), T.SignModes.end(), M) != T.SignModes.end();
  };
  if (!stores(F.Sign) && stores(support::SignMode::Mixed))
    F.Sign = support::SignMode::Mixed; // mixed storage holds either sign
  if (!stores(F.Sign)) {
    D.error(Loc, "weights of " + P.name() + " are " + support::signModeName(F.Sign) + "; " +
                     onTarget(Ctx) + " does not store " + support::signModeName(F.Sign) +
                     " weights");
    return std::nullopt;
  }
  F.Bits = T.MantissaBits.back();
  bool Mixed = F.Sign == support::SignMode::Mixed;
  F.Step = int64_t(1) << (T.WeightBits - F.Bits + (Mixed ? 1 : 0));
  const int64_t Max = (int64_t(1) << T.WeightBits) - 1;
  int64_t Top = Max / F.Step * F.Step;
  F.Hi = F.Sign == support::SignMode::Inhibitory ? 0 : Top;
  F.Lo = F.Sign == support::SignMode::Excitatory ? 0 : Mixed ? -(Max + 1) : -Top;
  double Largest = std::max(std::fabs(Lo), std::fabs(Hi));
  if (Largest == 0) {
    F.Exp = std::max(T.WeightExpMin, MinExp);
    return F;
  }
  int First = std::max(T.WeightExpMin, MinExp);
  for (int E = First; E <= T.WeightExpMax; ++E) {
    double Scale = std::ldexp(1.0, E + static_cast<int>(InputShift));
    double Need = Largest / Scale;
    // The largest weight must fit; below the first exponent it may also round to 0.
    if (Need <= double(Top) + 0.5 * double(F.Step)) {
      if (E == First && std::llround(Need / double(F.Step)) == 0) {
        D.error(Loc, "weights of " + P.name() + " (up to " +
                         quantity(std::max(std::fabs(WLo), std::fabs(WHi)), WeightDim) +
                         ") round to 0 on " + onTarget(Ctx) + ": even with weight exponent " +
                         llvm::Twine(First) + " one step of a " + llvm::Twine(F.Bits) +
                         "-bit weight is " + quantity(Scale * double(F.Step) / Gain, WeightDim) +
                         "; raise the weights or lower the threshold [weight-bits]");
        return std::nullopt;
      }
      F.Exp = E;
      return F;
    }
  }
  D.error(Loc, "weights of " + P.name() + " (up to " +
                   quantity(std::max(std::fabs(WLo), std::fabs(WHi)), WeightDim) +
                   ") are too large for " + onTarget(Ctx) + ": at the largest weight exponent " +
                   llvm::Twine(T.WeightExpMax) + " a " + llvm::Twine(T.WeightBits) +
                   "-bit weight reaches " +
                   quantity(std::ldexp(double(Top), T.WeightExpMax + static_cast<int>(InputShift)) /
                                Gain,
                            WeightDim) +
                   "; the ratio of this weight to the threshold does not fit [weight-bits]");
  return std::nullopt;
}

void quantizeWeights(const ir::Network &N, ir::Projection &P, const WeightFormat &F,
                     double Unit) {
  support::fx::Quantizer Q;
  Q.Scale = Unit;
  Q.Step = F.Step;
  Q.Lo = F.Lo;
  Q.Hi = F.Hi;
  auto [MaxErr, RmsErr] = quantizationError(weightSamples(P), Q);
  const ir::Population *Src = N.findPopulation(P.Source);
  const bool Graded = Src && sourceIsGraded(N, *Src);
  if (!P.ListWeights.empty())
    for (double &W : P.ListWeights)
      W = double(Q(W));
  if (P.Weight.K == ir::ValueInit::Kind::Const) {
    P.Weight.A = double(Q(P.Weight.A));
    P.Weight.Quant.reset();
  } else {
    P.Weight.Quant = Q;
  }
  P.Chip.Set = true;
  P.Chip.Exp = F.Exp;
  P.Chip.Bits = F.Bits;
  P.Chip.Sign = F.Sign;
  P.Chip.Unit = Unit;
  P.Chip.Graded = Graded;
  P.Chip.MaxErr = MaxErr;
  P.Chip.RmsErr = RmsErr;
}

support::fx::Quantizer stateQuantizer(double Offset, double Scale, unsigned Bits) {
  support::fx::Quantizer Q;
  Q.Offset = Offset;
  Q.Scale = Scale;
  Q.Hi = (int64_t(1) << (Bits - 1)) - 1;
  Q.Lo = -Q.Hi;
  return Q;
}

void quantizeInit(ir::Population &P, const std::string &Var, const support::fx::Quantizer &Q) {
  for (ir::Population::Init &I : P.Inits)
    if (I.Var == Var) {
      if (I.Value.K == ir::ValueInit::Kind::Const) {
        I.Value.A = double(Q(I.Value.A));
        I.Value.Quant.reset();
      } else {
        I.Value.Quant = Q;
      }
      return;
    }
  ir::ValueInit Zero;
  Zero.A = double(Q(0.0));
  P.Inits.push_back({Var, Zero});
}

std::string freshName(const ir::NeuronModel &M, const std::string &Want) {
  std::string N = Want;
  for (int K = 1; M.findVariable(N) || M.findParam(N); ++K)
    N = Want + "_" + std::to_string(K);
  return N;
}

bool sourceIsGraded(const ir::Network &N, const ir::Population &Source) {
  if (Source.Kind == ir::PopKind::Poisson)
    return true;
  if (Source.Kind != ir::PopKind::SpikeTimes)
    return false;
  std::set<std::pair<int64_t, uint32_t>> Seen;
  for (size_t K = 0; K < Source.SpikeTimes.size(); ++K) {
    int64_t S = std::max<int64_t>(
        1, static_cast<int64_t>(support::timeToSteps(Source.SpikeTimes[K], N.Sim.Dt)));
    if (!Seen.insert({S, Source.SpikeNeurons[K]}).second)
      return true;
  }
  return false;
}

ir::StateVar intState(const std::string &Name, llvm::SMRange Loc) {
  ir::StateVar V;
  V.Name = Name;
  V.Loc = Loc;
  V.Init = ir::constant(0);
  return V;
}

ir::ExprPtr fxCall(ir::Func F, std::vector<ir::ExprPtr> Args) {
  return std::make_unique<ir::CallExpr>(F, std::move(Args));
}

std::string shortNumber(double V) {
  char Buf[32];
  std::snprintf(Buf, sizeof Buf, "%.4g", V);
  return Buf;
}

std::string sourceName(const ir::NeuronModel &M) {
  // fold-constants names its copies "<model>.1", "<model>.2", ...; model names have no dots.
  llvm::StringRef N(M.Name);
  size_t Dot = N.find('.');
  return (Dot == llvm::StringRef::npos ? N : N.substr(0, Dot)).str();
}

} // namespace quantize

namespace {

class QuantizeForTarget : public Pass {
public:
  llvm::StringRef name() const override { return "quantize-for-target"; }
  PassResult run(ir::Network &N, PassContext &Ctx) override {
    PassResult R;
    const support::TargetDesc &T = Ctx.Target;
    if (!T.isChip())
      return R;
    for (ir::Projection &P : N.Projections)
      if (!P.Synapse.empty()) {
        Ctx.Diags.error(P.Loc, "projection " + P.name() + " has the plastic synapse '" +
                                   P.Synapse + "'; target '" + T.Name +
                                   "' runs static synapses only");
        R.Failed = true;
      }
    for (size_t K = 0; K < N.Populations.size(); ++K) {
      ir::Population &P = N.Populations[K];
      if (P.Kind != ir::PopKind::Neuron)
        continue;
      const ir::NeuronModel *M = N.findModel(P.Model);
      if (M && M->Chip.set())
        continue; // already quantized
      auto Shape = quantize::recognizeLif(N, P, Ctx);
      if (!Shape) {
        R.Failed = true;
        continue;
      }
      bool Ok = false;
      switch (T.Family) {
      case support::NeuronFamily::LoihiCubaLif:
        Ok = quantize::quantizeLoihi(N, K, *Shape, Ctx);
        break;
      case support::NeuronFamily::TrueNorth:
        Ok = quantize::quantizeTrueNorth(N, K, *Shape, Ctx);
        break;
      case support::NeuronFamily::SpinnakerLif:
        Ok = quantize::quantizeSpinnaker(N, K, *Shape, Ctx);
        break;
      default:
        Ctx.Diags.error(P.Loc, "target '" + T.Name + "': neuron family '" +
                                   support::neuronFamilyName(T.Family) +
                                   "' has no quantizer");
        break;
      }
      R.Changed |= Ok;
      R.Failed |= !Ok;
      if (!Ok)
        continue;
      // What the chip's neuron has of the model's state can be recorded; nothing else.
      const ir::NeuronModel *Chip = N.findModel(P.Model);
      for (const ir::Recording &Rec : N.Recordings)
        if (Rec.K == ir::Recording::Kind::State && Rec.Pop == P.Name &&
            !Chip->findState(Rec.Var)) {
          std::string Kept;
          for (const ir::StateVar &St : M->States)
            if (Chip->findState(St.Name))
              Kept += (Kept.empty() ? "'" : ", '") + St.Name + "'";
          Ctx.Diags.error(Rec.Loc, "'" + Rec.Var + "' of '" + P.Name + "' has no counterpart on "
                                   "target '" + T.Name + "'; of its variables the chip keeps " +
                                   Kept);
          R.Failed = true;
        }
    }
    // Models no population uses any more.
    std::set<std::string> Used;
    for (const ir::Population &P : N.Populations)
      if (P.Kind == ir::PopKind::Neuron)
        Used.insert(P.Model);
    N.Models.erase(std::remove_if(N.Models.begin(), N.Models.end(),
                                  [&](const auto &M) { return !Used.count(M->Name); }),
                   N.Models.end());
    return R;
  }
};

} // namespace

std::unique_ptr<Pass> createQuantizeForTargetPass() {
  return std::make_unique<QuantizeForTarget>();
}

} // namespace snn
