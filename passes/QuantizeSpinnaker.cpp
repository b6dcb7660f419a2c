//===- passes/QuantizeSpinnaker.cpp - a LIF population onto sPyNNaker's IF_curr_exp ---------===//
//
// sPyNNaker's current-based LIF with exponential synapses (chips.md section 4; sPyNNaker
// neuron_model_lif_impl.h, exp_synapse_utils.h, decay.h), in s16.15 fixed point (1.0 = 2^15):
//   exc += decay_s1615(ring_exc << shift_exc, init)      (the step's summed 16-bit weights)
//   inh += decay_s1615(ring_inh << shift_inh, init)
//   if not refractory:
//     alpha = round(I * R) + V_rest,   I = exc - inh + I_offset
//     V = alpha - round(exp_TC * (alpha - V))
//   spike when V >= V_thresh; then V = V_reset and the refractory count restarts
//   exc = decay_s1615(exc, decay),  inh likewise
// with decay_s1615(x, d) = (x * d) >> 32 (d a u0.32 factor) and round() to nearest, halves up.
// exp_TC = exp(-dt / tau_m) in s16.15; per synapse type decay = exp(-dt / tau_s) in u0.32 and
// init = ((tau_s / dt in s16.15) * (1 - decay)) >> 15, the factor sPyNNaker gives an input so
// that its charge matches the continuous synapse.
//
// A model fits when it has a leak (tau_m), one or two exponentially decaying currents (with
// two, one takes the excitatory weights and the other the inhibitory ones; with one, each
// projection goes to the input of its sign, both decaying with its tau), a reset to a
// constant. The membrane potential is in mV and the inputs are the potential they drive (mV),
// so R is 1. Weights are 16-bit magnitudes, excitatory or inhibitory per projection; every
// projection of one sign into a population shares that synapse type's shift (sPyNNaker's
// ring-buffer left shift), chosen as the smallest that holds the largest weight, so the error
// of a weight is at most half of one 16-bit step.
//
//===----------------------------------------------------------------------------------------===//
#include "passes/QuantizeForTarget.h"

#include "ir/Printer.h"

#include <algorithm>
#include <cmath>

namespace snn::quantize {

namespace {

template <typename... T> std::vector<ir::ExprPtr> args(T... A) {
  std::vector<ir::ExprPtr> V;
  (V.push_back(std::move(A)), ...);
  return V;
}
ir::ExprPtr num(double V) { return ir::constant(V); }
ir::ExprPtr st(const std::string &N) { return ir::ref(ir::RefKind::State, N); }
ir::ExprPtr tmp(const std::string &N) { return ir::ref(ir::RefKind::Temp, N); }
ir::ExprPtr bin(ir::BinaryOp Op, ir::ExprPtr A, ir::ExprPtr B) {
  return ir::binary(Op, std::move(A), std::move(B));
}

} // namespace

bool quantizeSpinnaker(ir::Network &N, size_t PopIndex, const LifShape &S, PassContext &Ctx) {
  const support::TargetDesc &T = Ctx.Target;
  const support::SpinnakerNeuron &SN = T.Spinnaker;
  DiagnosticsEngine &D = Ctx.Diags;
  ir::Population &P = N.Populations[PopIndex];
  const ir::NeuronModel &M = *N.findModel(P.Model);
  const std::string On = "target '" + T.Name + "'";
  const double Dt = N.Sim.Dt;
  const double One = std::ldexp(1.0, SN.FractionBits);
  const unsigned Bits = SN.IntegerBits + SN.FractionBits + 1;

  if (S.I.empty()) {
    D.error(M.Loc, "model '" + sourceName(M) + "' has delta synapses (ports add to '" + S.V +
                       "'); " + On + " runs current-based exponential synapses (IF_curr_exp)");
    return false;
  }
  if (S.Avv >= 0) {
    D.error(M.findOde(S.V)->Loc, "d" + S.V + "/dt of '" + sourceName(M) + "' has no leak; " + On +
                                     " integrates a leaky membrane (tau_m)");
    return false;
  }
  if (S.ResetBy != LifShape::ResetKind::ToValue) {
    D.error(S.ResetLoc, "the reset of '" + sourceName(M) + "' does not set '" + S.V +
                            "' to a constant; " + On + " resets to V_reset");
    return false;
  }
  if (S.RefractorySteps > int64_t(SN.RefractoryMax)) {
    D.error(S.RefractoryLoc, "refractory period of '" + sourceName(M) + "' is " +
                                 llvm::Twine(S.RefractorySteps) + " steps; " + On +
                                 " counts at most " + llvm::Twine(SN.RefractoryMax));
    return false;
  }

  for (const LifShape::Current &C : S.Currents)
    if (const ir::Population::Init *I0 = P.findInit(C.Name))
      if (!I0->Value.isConst() || I0->Value.A != 0) {
        D.error(I0->Value.Loc.isValid() ? I0->Value.Loc : P.Loc,
                "'" + P.Name + "' starts with a synaptic current; on " + On +
                    " the inputs of a neuron start at 0");
        return false;
      }

  // Channels: sPyNNaker's excitatory and inhibitory inputs. With one current, each projection
  // goes to the channel of its sign; with two, each current is one channel.
  const double TauM = -1 / S.Avv;
  std::vector<size_t> Into;
  std::vector<int> ChannelOf(N.Projections.size(), 0);
  int CurrentOf[2] = {-1, -1}; // the current of each channel
  for (size_t K = 0; K < N.Projections.size(); ++K) {
    ir::Projection &Pr = N.Projections[K];
    if (Pr.Target != P.Name || !Pr.Synapse.empty())
      continue;
    const LifShape::PortEffect &E = S.Ports.at(Pr.Port);
    auto [Lo, Hi] = weightRange(Pr);
    double G = E.K * S.Currents[E.Current].Avi;
    double A = std::min(Lo * G, Hi * G), B = std::max(Lo * G, Hi * G);
    llvm::SMRange Loc = Pr.Weight.Loc.isValid() ? Pr.Weight.Loc : Pr.Loc;
    if (A < 0 && B > 0) {
      D.error(Loc, "weights of " + Pr.name() + " have both signs; " + On +
                       " makes a projection excitatory or inhibitory (split it in two)");
      return false;
    }
    int Ch = B > 0 ? 0 : 1;
    if (CurrentOf[Ch] >= 0 && CurrentOf[Ch] != E.Current) {
      D.error(Loc, std::string(Ch ? "inhibitory" : "excitatory") + " weights of " + Pr.name() +
                       " reach '" + S.Currents[E.Current].Name + "', other " +
                       (Ch ? "inhibitory" : "excitatory") + " weights reach '" +
                       S.Currents[CurrentOf[Ch]].Name + "'; " + On +
                       " has one synaptic current of each sign");
      return false;
    }
    CurrentOf[Ch] = E.Current;
    ChannelOf[K] = Ch;
    Into.push_back(K);
  }
  if (S.Currents.size() == 2 && CurrentOf[0] == CurrentOf[1] && CurrentOf[0] >= 0) {
    D.error(M.findOde(S.Currents[1 - CurrentOf[0]].Name)->Loc,
            "'" + S.Currents[1 - CurrentOf[0]].Name + "' of '" + sourceName(M) +
                "' receives nothing while '" + S.Currents[CurrentOf[0]].Name +
                "' receives both signs; " + On + " has one synaptic current of each sign");
    return false;
  }
  for (int Ch = 0; Ch < 2; ++Ch)
    if (CurrentOf[Ch] < 0) // an unused channel decays like the other current
      CurrentOf[Ch] = CurrentOf[1 - Ch] >= 0 ? (S.Currents.size() == 2 ? 1 - CurrentOf[1 - Ch]
                                                                          : CurrentOf[1 - Ch])
                                               : 0;

  // Parameters in s16.15 with the potential in mV and the inputs as the potential they drive
  // (mV), so R is 1.
  const double Max = std::ldexp(1.0, SN.IntegerBits);
  const double VRest = S.Cv * TauM;
  auto fits = [&](double V, const char *What) {
    if (std::fabs(V) < Max)
      return true;
    D.error(M.findOde(S.V)->Loc, std::string(What) + " of '" + sourceName(M) + "' is " +
                                     shortNumber(V) + " mV; " + On + " holds values below " +
                                     shortNumber(Max) + " in s" +
                                     std::to_string(SN.IntegerBits) + "." +
                                     std::to_string(SN.FractionBits));
    return false;
  };
  if (!fits(VRest / 1e-3, "the resting potential") || !fits(S.Theta / 1e-3, "the threshold") ||
      !fits(S.Reset / 1e-3, "the reset potential"))
    return false;
  const int64_t VRestQ = std::llround(VRest / 1e-3 * One);
  // V_thresh as the chip compares (V >= V_thresh, or V > V_thresh for a variant); on integers
  // `v > theta` is `v >= theta + 1`.
  const bool ChipGe = SN.Cmp == support::Compare::GreaterEqual;
  const int64_t ThetaQ = std::llround(S.Theta / 1e-3 * One);
  const int64_t VThresh = ChipGe ? ThetaQ + (S.Strict ? 1 : 0) : ThetaQ - (S.Strict ? 0 : 1);
  const int64_t VReset = std::llround(S.Reset / 1e-3 * One);
  const int64_t RQ = std::llround(One);
  const int64_t ExpTC = std::llround(std::exp(-Dt / TauM) * One);
  const double U32 = std::ldexp(1.0, 32);
  int64_t Decay[2], Init[2];
  for (int Ch = 0; Ch < 2; ++Ch) {
    double TauS = -1 / S.Currents[CurrentOf[Ch]].Aii;
    Decay[Ch] = std::min<int64_t>(std::llround(std::exp(-Dt / TauS) * U32),
                                  (int64_t(1) << 32) - 1);
    int64_t TauOverTs = std::llround(TauS / Dt * One);
    Init[Ch] = std::min<int64_t>(
        static_cast<int64_t>((static_cast<__int128>(TauOverTs) * ((int64_t(1) << 32) - Decay[Ch])) >>
                             SN.FractionBits),
        (int64_t(1) << 32) - 1);
  }

  auto NM = std::make_unique<ir::NeuronModel>();
  NM->Name = sourceName(M) + "." + T.Name + "." + P.Name;
  NM->Loc = M.Loc;
  const std::string V = S.V;
  const std::string Exc = S.Currents.size() == 2 ? S.Currents[CurrentOf[0]].Name
                                                 : freshName(M, S.I + "_exc");
  const std::string Inh = S.Currents.size() == 2 ? S.Currents[CurrentOf[1]].Name
                                                 : freshName(M, S.I + "_inh");
  NM->States.push_back(intState(V, M.findState(V)->Loc));
  NM->States.push_back(intState(Exc, M.findState(S.Currents[CurrentOf[0]].Name)->Loc));
  NM->States.push_back(intState(Inh, M.findState(S.Currents[CurrentOf[1]].Name)->Loc));

  // Weights: per channel, the smallest shift that holds every weight of that channel.
  const double WMax = std::ldexp(1.0, SN.WeightBits) - 1;
  // mV of input per stored unit at shift 0: (w << shift) * init >> 32, in s16.15.
  double PerWeight[2];
  for (int Ch = 0; Ch < 2; ++Ch)
    PerWeight[Ch] = double(Init[Ch]) / U32 / One;
  // mV of input per unit of model weight: the chip adds (1 - exp_TC) * input to V in the step
  // the input arrives and decays the input after, so an input carries what the model's current
  // adds to V over that step (the propagator) over (1 - exp(-dt / tau_m)); then V and the
  // currents follow the model's exact discrete dynamics, up to quantization.
  const double OneMinusBeta = 1 - std::exp(-Dt / TauM);
  auto effect = [&](const ir::Projection &Pr) {
    const LifShape::PortEffect &E = S.Ports.at(Pr.Port);
    const LifShape::Current &C = S.Currents[E.Current];
    return E.K * currentToVoltage(S.Avv, C.Avi, C.Aii, Dt) / OneMinusBeta / 1e-3;
  };
  double Largest[2] = {0, 0};
  for (size_t K : Into) {
    auto [Lo, Hi] = weightRange(N.Projections[K]);
    double G = effect(N.Projections[K]);
    Largest[ChannelOf[K]] =
        std::max(Largest[ChannelOf[K]], std::max(std::fabs(Lo * G), std::fabs(Hi * G)));
  }
  int Shift[2] = {0, 0};
  for (int Ch = 0; Ch < 2; ++Ch) {
    double Need = Largest[Ch] / PerWeight[Ch];
    while (Need / std::ldexp(1.0, Shift[Ch]) > WMax + 0.5 && Shift[Ch] < T.WeightExpMax)
      ++Shift[Ch];
    if (Need / std::ldexp(1.0, Shift[Ch]) > WMax + 0.5) {
      D.error(P.Loc, "weights into '" + P.Name + "' move its input by up to " +
                         shortNumber(Largest[Ch]) + " mV; " + On + " holds at most " +
                         shortNumber(WMax * std::ldexp(PerWeight[Ch], T.WeightExpMax)) +
                         " mV (16-bit weights shifted by " + llvm::Twine(T.WeightExpMax) + ")");
      return false;
    }
  }
  for (size_t K : Into) {
    ir::Projection &Pr = N.Projections[K];
    int Ch = ChannelOf[K];
    // The model weight of one stored unit (negative for inhibitory weights: they are stored as
    // magnitudes and subtracted).
    double WUnit = std::ldexp(PerWeight[Ch], Shift[Ch]) / effect(Pr) * (Ch ? -1 : 1);
    WeightFormat F;
    F.Exp = Shift[Ch];
    F.Bits = SN.WeightBits;
    F.Sign = Ch ? support::SignMode::Inhibitory : support::SignMode::Excitatory;
    F.Step = 1;
    F.Lo = 0;
    F.Hi = int64_t(WMax);
    quantizeWeights(N, Pr, F, WUnit);
    Pr.Port = Ch ? "inh" : "exc";
  }
  for (int Ch = 0; Ch < 2; ++Ch) {
    ir::Port Po;
    Po.Name = Ch == 0 ? "exc" : "inh";
    Po.Loc = M.Ports.empty() ? M.Loc : M.Ports[0].Loc;
    Po.Body.push_back(
        {ir::Stmt::Op::Add, Ch == 0 ? Exc : Inh,
         fxCall(ir::Func::FxMulFloor,
                args(fxCall(ir::Func::FxShift, args(ir::ref(ir::RefKind::Weight, "w"),
                                                    num(Shift[Ch]))),
                     num(double(Init[Ch])), num(32))),
         Po.Loc});
    NM->Ports.push_back(std::move(Po));
  }

  // The update: alpha from this step's current, V toward alpha, then the currents decay.
  auto wrap = [&](ir::ExprPtr X) { return fxCall(ir::Func::FxWrap, args(std::move(X), num(Bits))); };
  NM->Update.push_back(
      {ir::Stmt::Op::Let, "alpha",
       bin(ir::BinaryOp::Add,
           fxCall(ir::Func::FxMulRound,
                  args(bin(ir::BinaryOp::Sub, st(Exc), st(Inh)), num(double(RQ)),
                       num(SN.FractionBits))),
           num(double(VRestQ))),
       M.Loc});
  NM->Update.push_back(
      {ir::Stmt::Op::Set, V,
       wrap(bin(ir::BinaryOp::Sub, tmp("alpha"),
                fxCall(ir::Func::FxMulRound,
                       args(bin(ir::BinaryOp::Sub, tmp("alpha"), st(V)), num(double(ExpTC)),
                            num(SN.FractionBits))))),
       M.Loc});
  NM->Update.push_back(
      {ir::Stmt::Op::Set, Exc,
       wrap(fxCall(ir::Func::FxMulFloor, args(st(Exc), num(double(Decay[0])), num(32)))), M.Loc});
  NM->Update.push_back(
      {ir::Stmt::Op::Set, Inh,
       wrap(fxCall(ir::Func::FxMulFloor, args(st(Inh), num(double(Decay[1])), num(32)))), M.Loc});
  ir::OdeGroup G;
  G.M = ir::Method::FixedPoint;
  G.Vars = {V, Exc, Inh};
  NM->Groups.push_back(G);
  NM->Threshold = ir::binary(ChipGe ? ir::BinaryOp::Ge : ir::BinaryOp::Gt, st(V),
                             num(double(VThresh)), M.ThresholdLoc);
  NM->ThresholdLoc = M.ThresholdLoc;
  NM->Reset.push_back({ir::Stmt::Op::Set, V, num(double(VReset)), S.ResetLoc});
  if (S.RefractorySteps > 0) {
    NM->RefractoryPeriod = M.RefractoryPeriod->clone();
    NM->Frozen = {V};
  }
  NM->Chip.Family = support::NeuronFamily::SpinnakerLif;
  NM->Chip.Unit = 1e-3 / One;
  NM->Chip.Origin = 0;
  NM->Chip.Params = {{"v_rest", VRestQ},       {"v_thresh", VThresh},   {"v_reset", VReset},
                     {"r", RQ},                {"exp_tc", ExpTC},       {"decay_exc", Decay[0]},
                     {"init_exc", Init[0]},    {"decay_inh", Decay[1]}, {"init_inh", Init[1]},
                     {"shift_exc", Shift[0]},  {"shift_inh", Shift[1]},
                     {"refractory", S.RefractorySteps}};
  auto tauErr = [&](double Chip, double Exact) {
    return Chip <= 0 || Chip >= 1 ? 1.0 : std::fabs(std::log(Exact) / std::log(Chip) - 1);
  };
  NM->Chip.Errors = {{"tau_" + V, tauErr(double(ExpTC) / One, std::exp(-Dt / TauM))}};
  for (int Ch = 0; Ch < 2; ++Ch)
    NM->Chip.Errors.push_back(
        {"tau_" + std::string(Ch ? "inh" : "exc"),
         tauErr(double(Decay[Ch]) / U32, std::exp(Dt * S.Currents[CurrentOf[Ch]].Aii))});
  NM->Formats = {{V, Bits, support::Overflow::Wrap},
                 {Exc, Bits, support::Overflow::Wrap},
                 {Inh, Bits, support::Overflow::Wrap}};
  // Initial values in s16.15: the potential in mV; both inputs start at 0.
  quantizeInit(P, V, stateQuantizer(0, 1e-3 / One, Bits));
  P.Inits.erase(std::remove_if(P.Inits.begin(), P.Inits.end(),
                               [&](const ir::Population::Init &I) {
                                 return std::any_of(S.Currents.begin(), S.Currents.end(),
                                                    [&](const LifShape::Current &C) {
                                                      return C.Name == I.Var;
                                                    });
                               }),
                P.Inits.end());
  quantizeInit(P, Exc, stateQuantizer(0, 1, Bits));
  quantizeInit(P, Inh, stateQuantizer(0, 1, Bits));
  P.Model = NM->Name;
  N.Models.push_back(std::move(NM));
  return true;
}

} // namespace snn::quantize
