//===- passes/QuantizeLoihi.cpp - a LIF population onto Loihi's CUBA LIF --------------------===//
//
// Loihi's neuron (Lava's PyLifModelBitAcc; docs/targets.md) per step:
//   u = wrap(trunc0(u (2^12 - du - 1) / 2^12) + (a_in << 6))
//   v = sat(trunc0(v (2^12 - dv) / 2^12) + u + (bias_mant << bias_exp))
//   spike when v > vth << 6, then v = 0
// where a_in sums, per incoming projection, shift(sum of the step's weight mantissas, weight_exp).
//
// The mapping from a LIF model (recognizeLif):
//  - the chip's 0 is the reset potential; one unit of v is (threshold - reset) / 2^21, so the
//    threshold is exact and v can fall 4 thresholds below reset before it saturates (fewer
//    units when a weight moves the neuron by more than the largest weight the chip stores);
//  - dv = round(2^12 (1 - exp(-dt / tau_m))), du likewise from the current's tau (delta
//    synapses: du = 4095, so u carries only the step's input);
//  - the current enters v as u each step, and an input as a: Loihi adds the step's input
//    after its decay, so a weight carries what the input adds to v over its arrival step in the
//    model (a jump times exp(-dt / tau_m); a current through the exact propagator), and u holds
//    the current as I P21 / alpha: then v and the current follow the model's exact discrete
//    dynamics, up to the quantization of the decays;
//  - the bias gives the model's resting potential as the chip's steady state;
//  - weights: per projection the sign mode, 8-bit mantissas and the smallest weight_exp that
//    holds the largest weight; with a negative weight_exp and delays that differ between
//    synapses the input is summed per delay (Lava shifts each delay's sum separately).
// The relative errors of the time constants and the bias are kept in the IR for
// --report=quantization.
//
//===----------------------------------------------------------------------------------------===//
#include "passes/QuantizeForTarget.h"

#include "ir/Printer.h"

#include <algorithm>
#include <cmath>

namespace snn::quantize {

namespace {

ir::ExprPtr call(ir::Func F, std::vector<ir::ExprPtr> Args) { return fxCall(F, std::move(Args)); }
template <typename... T> std::vector<ir::ExprPtr> args(T... A) {
  std::vector<ir::ExprPtr> V;
  (V.push_back(std::move(A)), ...);
  return V;
}
ir::ExprPtr state(const std::string &N) { return ir::ref(ir::RefKind::State, N); }
ir::ExprPtr num(double V) { return ir::constant(V); }
ir::ExprPtr add(ir::ExprPtr A, ir::ExprPtr B) {
  return ir::binary(ir::BinaryOp::Add, std::move(A), std::move(B));
}
ir::ExprPtr overflow(ir::ExprPtr X, unsigned Bits, support::Overflow O) {
  ir::Func F = O == support::Overflow::Wrap       ? ir::Func::FxWrap
               : O == support::Overflow::WrapOnce ? ir::Func::FxWrapOnce
                                                  : ir::Func::FxSat;
  return call(F, args(std::move(X), num(Bits)));
}

bool varyingDelays(const ir::Projection &P) {
  return !P.ListDelays.empty() || !P.Delay.isConst();
}

double relErr(double Chip, double Exact) {
  return Exact == 0 ? std::fabs(Chip) : std::fabs(Chip - Exact) / std::fabs(Exact);
}

/// The relative error of the time constant a decay factor per step gives (1: the chip does not
/// decay at all where the model does; 0 when neither decays).
double tauErr(double Chip, double Exact) {
  if (Exact >= 1)
    return Chip >= 1 ? 0 : 1;
  if (Chip >= 1 || Chip <= 0)
    return 1;
  return relErr(std::log(Exact) / std::log(Chip), 1.0);
}

} // namespace

bool quantizeLoihi(ir::Network &N, size_t PopIndex, const LifShape &S, PassContext &Ctx) {
  const support::TargetDesc &T = Ctx.Target;
  const support::LoihiNeuron &L = T.Loihi;
  DiagnosticsEngine &D = Ctx.Diags;
  ir::Population &P = N.Populations[PopIndex];
  const ir::NeuronModel &M = *N.findModel(P.Model);
  const std::string On = "target '" + T.Name + "'";
  const double Dt = N.Sim.Dt;
  const int64_t One = int64_t(1) << L.DecayBits;

  if (S.ResetBy != LifShape::ResetKind::ToValue) {
    D.error(S.ResetLoc, S.ResetBy == LifShape::ResetKind::None
                            ? "model '" + sourceName(M) + "' does not reset '" + S.V +
                                  "' after a spike; " + On + " resets it to a constant"
                            : "the reset of '" + sourceName(M) + "' lowers '" + S.V + "'; " + On +
                                  " sets it to a constant");
    return false;
  }
  if (S.RefractorySteps > int64_t(L.RefractoryMax)) {
    D.error(S.RefractoryLoc,
            L.RefractoryMax == 0
                ? "refractory period of '" + sourceName(M) + "' (" + llvm::Twine(S.RefractorySteps) +
                      " steps); " + On + " has none (Lava's bit-accurate LIF); remove "
                      "'refractory' to run the model there"
                : "refractory period of '" + sourceName(M) + "' is " +
                      llvm::Twine(S.RefractorySteps) + " steps; " + On + " counts at most " +
                      llvm::Twine(L.RefractoryMax));
    return false;
  }
  for (const auto &[Name, E] : S.Ports)
    if (!S.I.empty() && !E.ToCurrent) {
      D.error(M.findPort(Name)->Loc, "port '" + Name + "' changes '" + S.V + "' directly; on " +
                                         On + " input reaches the membrane potential through "
                                         "the synaptic current '" + S.I + "'");
      return false;
    }

  // Decays.
  // What an input of one unit of weight adds to v by the end of its arrival step in the model
  // (the native run): a jump decays for a step (beta); a current drives v (the propagator).
  // Loihi adds the step's input after decaying, so its weights carry these gains.
  const double Beta = std::exp(S.Avv * Dt);
  const double AlphaExact = S.I.empty() ? 0.0 : std::exp(S.Aii * Dt);
  const double P21 = S.I.empty() ? 0.0 : currentToVoltage(S.Avv, S.Avi, S.Aii, Dt);
  auto inGain = [&](const LifShape::PortEffect &E) { return E.K * (E.ToCurrent ? P21 : Beta); };

  // Threshold and the unit of v: the threshold at 2^21 units (v may fall 4 thresholds below
  // reset before it saturates), or lower when the largest weight would not fit the largest
  // weight the chip stores (255 << (7 + 6) units of u).
  double Ratio = 0; // the largest weight's effect on u, in thresholds
  for (const ir::Projection &Pr : N.Projections)
    if (Pr.Target == P.Name && Pr.Synapse.empty()) {
      auto [Lo, Hi] = weightRange(Pr);
      const LifShape::PortEffect &E = S.Ports.at(Pr.Port);
      double Effect = std::max(std::fabs(Lo), std::fabs(Hi)) * std::fabs(inGain(E)) /
                      (S.Theta - S.Reset);
      Ratio = std::max(Ratio, Effect);
    }
  const double Widest = std::ldexp(double((int64_t(1) << T.WeightBits) - 1),
                                   T.WeightExpMax + static_cast<int>(L.InputShift));
  int64_t VthMant = std::min<int64_t>((int64_t(1) << (L.StateBits - 3)) >> L.ThresholdShift,
                                      (int64_t(1) << L.ThresholdMantissaBits) - 1);
  if (Ratio > 0)
    VthMant = std::min<int64_t>(
        VthMant, static_cast<int64_t>(std::floor(Widest / Ratio)) >> L.ThresholdShift);
  if (VthMant < 1) {
    D.error(M.ThresholdLoc, "a weight into '" + P.Name + "' moves the neuron " +
                                shortNumber(Ratio) + " times the distance from reset to "
                                "threshold; " + On + " stores at most " +
                                shortNumber(Widest / double(int64_t(1) << L.ThresholdShift)) +
                                " times it");
    return false;
  }
  const int64_t VthInt = VthMant << L.ThresholdShift;
  const double Unit = (S.Theta - S.Reset) / double(VthInt);

  const int64_t Dv =
      std::clamp<int64_t>(std::llround(double(One) * (1 - Beta)) - L.VDecayOffset, 0, One - 1);
  const double BetaChip = double(One - Dv - L.VDecayOffset) / double(One);
  int64_t Du;
  if (S.I.empty()) {
    Du = One - L.UDecayOffset;
    if (Du > One - 1) {
      D.error(M.Loc, "model '" + sourceName(M) + "' has delta synapses (ports add to '" + S.V +
                         "'); " + On + " cannot clear its current each step (u_decay_offset "
                         "is 0)");
      return false;
    }
  } else {
    Du = std::clamp<int64_t>(std::llround(double(One) * (1 - AlphaExact)) - L.UDecayOffset, 0,
                             One - 1);
  }
  const double AlphaChip = double(One - Du - L.UDecayOffset) / double(One);

  // Bias: the constant drive, measured from the reset potential.
  const double Drive = S.Cv + S.Avv * S.Reset;
  const double B = S.Avv != 0 ? (-Drive / S.Avv) * (1 - BetaChip) / Unit : Drive * Dt / Unit;
  const int64_t MantMax = (int64_t(1) << (L.BiasMantissaBits - 1)) - 1;
  int64_t BiasMant = 0;
  int BiasExp = -1;
  for (unsigned E = 0; E <= L.BiasExponentMax; ++E) {
    int64_t Mt = std::llround(std::ldexp(B, -static_cast<int>(E)));
    if (std::llabs(Mt) <= MantMax) {
      BiasMant = Mt;
      BiasExp = static_cast<int>(E);
      break;
    }
  }
  if (BiasExp < 0) {
    D.error(M.findOde(S.V)->Loc,
            "the constant drive of '" + P.Name + "' moves '" + S.V + "' by " +
                shortNumber(B) + " units per step; " + On + " reaches at most " +
                llvm::Twine(MantMax << L.BiasExponentMax) + " (bias mantissa " +
                llvm::Twine(L.BiasMantissaBits) + " bits, exponent up to " +
                llvm::Twine(L.BiasExponentMax) + ")");
    return false;
  }
  const double BiasChip = std::ldexp(double(BiasMant), BiasExp);

  // The new model.
  auto NM = std::make_unique<ir::NeuronModel>();
  NM->Name = sourceName(M) + "." + T.Name + "." + P.Name;
  NM->Loc = M.Loc;
  const std::string V = S.V, U = S.I.empty() ? freshName(M, "u") : S.I,
                    A = freshName(M, "a_in");
  for (const ir::StateVar &St : M.States)
    NM->States.push_back(intState(St.Name, St.Loc));
  if (S.I.empty())
    NM->States.push_back(intState(U, M.Loc));
  NM->States.push_back(intState(A, M.Loc));

  // Weights, one port (and accumulator input) per incoming projection.
  for (size_t K = 0; K < N.Projections.size(); ++K) {
    ir::Projection &Pr = N.Projections[K];
    if (Pr.Target != P.Name || !Pr.Synapse.empty())
      continue; // plastic projections were reported
    const LifShape::PortEffect &E = S.Ports.at(Pr.Port);
    double Gain = inGain(E) / Unit;
    auto F = chooseWeightFormat(Pr, M.findPort(Pr.Port)->WeightDim, Gain, L.InputShift,
                                T.WeightExpMin, Ctx);
    if (!F)
      return false;
    double WUnit = std::ldexp(1.0, F->Exp + static_cast<int>(L.InputShift)) / Gain;
    quantizeWeights(N, Pr, *F, WUnit);
    // Lava shifts the sum of each delay apart: with a right shift the sums must stay apart.
    Pr.Chip.PerDelay = F->Exp < 0 && varyingDelays(Pr);
    ir::Port Po;
    Po.Name = "in" + std::to_string(K);
    Po.Loc = M.findPort(Pr.Port)->Loc;
    // Each projection's shifted sum, and their total, are 32-bit (Lava's int32 ports).
    Po.Body.push_back(
        {ir::Stmt::Op::Add, A,
         overflow(call(ir::Func::FxShift, args(ir::ref(ir::RefKind::Weight, "w"), num(F->Exp))),
                  32, support::Overflow::Wrap),
         Po.Loc});
    Pr.Port = Po.Name;
    NM->Ports.push_back(std::move(Po));
  }

  // The update block: u, then v from the new u, then the accumulator is cleared.
  const std::string UNext = U + ".next";
  NM->Update.push_back(
      {ir::Stmt::Op::Let, UNext,
       overflow(add(call(ir::Func::FxDecay, args(state(U), num(double(One - Du - L.UDecayOffset)),
                                                 num(L.DecayBits))),
                    call(ir::Func::FxShift,
                         args(overflow(state(A), 32, support::Overflow::Wrap), num(L.InputShift)))),
                L.StateBits, L.UOverflow),
       M.Loc});
  NM->Update.push_back({ir::Stmt::Op::Set, U, ir::ref(ir::RefKind::Temp, UNext), M.Loc});
  NM->Update.push_back(
      {ir::Stmt::Op::Set, V,
       overflow(add(add(call(ir::Func::FxDecay,
                             args(state(V), num(double(One - Dv - L.VDecayOffset)),
                                  num(L.DecayBits))),
                        ir::ref(ir::RefKind::Temp, UNext)),
                    num(BiasChip)),
                L.StateBits, L.VOverflow),
       M.Loc});
  NM->Update.push_back({ir::Stmt::Op::Set, A, num(0), M.Loc});
  ir::OdeGroup G;
  G.M = ir::Method::FixedPoint;
  for (const ir::StateVar &St : NM->States)
    G.Vars.push_back(St.Name);
  NM->Groups.push_back(G);
  NM->Threshold = ir::binary(L.Cmp == support::Compare::Greater ? ir::BinaryOp::Gt
                                                                : ir::BinaryOp::Ge,
                             state(V), num(double(VthInt)), M.ThresholdLoc);
  NM->ThresholdLoc = M.ThresholdLoc;
  NM->Reset.push_back({ir::Stmt::Op::Set, V, num(0), M.Reset[0].Loc});
  if (S.RefractorySteps > 0) {
    NM->RefractoryPeriod = M.RefractoryPeriod->clone();
    NM->Frozen = {V};
  }
  NM->Chip.Family = support::NeuronFamily::LoihiCubaLif;
  NM->Chip.Unit = Unit;
  NM->Chip.Origin = S.Reset;
  NM->Chip.Params = {{"du", Du},           {"dv", Dv},
                     {"vth", VthMant},     {"bias_mant", BiasMant},
                     {"bias_exp", BiasExp}, {"refractory", S.RefractorySteps}};
  NM->Chip.Errors = {{"tau_" + V, tauErr(BetaChip, Beta)}};
  if (!S.I.empty())
    NM->Chip.Errors.push_back({"tau_" + U, tauErr(AlphaChip, AlphaExact)});
  NM->Chip.Errors.push_back({"bias", relErr(BiasChip, B)});
  NM->Chip.Errors.push_back({"threshold", 0.0});
  if (!S.Strict && L.Cmp == support::Compare::Greater)
    NM->Chip.Errors.push_back({"threshold_compare_ge_as_gt", 1.0 / double(VthInt)});
  NM->Formats = {{V, L.StateBits, L.VOverflow},
                 {U, L.StateBits, L.UOverflow},
                 {A, 32, support::Overflow::Wrap}};

  // Initial values in chip units.
  quantizeInit(P, V, stateQuantizer(S.Reset, Unit, L.StateBits));
  // u holds the current as what it adds to v in a step: u = I P21 / alpha (in units of v).
  quantizeInit(P, U,
               stateQuantizer(0, S.I.empty() ? Unit : Unit * AlphaExact / P21, L.StateBits));
  quantizeInit(P, A, stateQuantizer(0, 1, 32));
  P.Model = NM->Name;
  N.Models.push_back(std::move(NM));
  return true;
}

} // namespace snn::quantize
