//===- passes/QuantizeTrueNorth.cpp - an integrate-and-fire population onto TrueNorth -------===//
//
// TrueNorth's neuron (chips.md section 3, deterministic modes) per tick:
//   V += the signed weight s[G] of every active axon of type G connected to the neuron
//   V += lambda                                  (a linear leak: a constant per tick)
//   V = max(V, -beta)                            (negative threshold, saturating: kappa = 1)
//   spike when V >= alpha; then V = R (reset mode 0), V -= alpha (mode 1) or V unchanged (2)
// V is a 20-bit signed integer, weights and leak 9-bit signed, alpha and beta 18-bit.
//
// A model fits when it has delta synapses and no leak toward rest: dv/dt constant (the leak
// lambda per tick, positive or negative), no synaptic current, no refractory period. One unit of
// V is the largest of threshold / (2^18 - 1), largest weight / 255 and |leak per tick| / 255,
// so every one fits and the resolution is as fine as it can be. A strict condition `v > theta`
// becomes alpha = theta + 1 unit (exact on integers; theta and theta - 1 for a variant that
// fires at V > alpha). Each projection into a population is one
// axon type (a core has 4); its weight must be the same for all synapses onto one neuron (a
// constant, or listed weights that agree per target), since TrueNorth stores one weight per
// (neuron, axon type) and a binary crossbar.
//
//===----------------------------------------------------------------------------------------===//
#include "passes/QuantizeForTarget.h"

#include "ir/Printer.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace snn::quantize {

bool quantizeTrueNorth(ir::Network &N, size_t PopIndex, const LifShape &S, PassContext &Ctx) {
  const support::TargetDesc &T = Ctx.Target;
  const support::TrueNorthNeuron &TN = T.TN;
  DiagnosticsEngine &D = Ctx.Diags;
  ir::Population &P = N.Populations[PopIndex];
  const ir::NeuronModel &M = *N.findModel(P.Model);
  const std::string On = "target '" + T.Name + "'";
  const double Dt = N.Sim.Dt;

  if (!S.I.empty()) {
    D.error(M.findOde(S.I)->Loc, "'" + S.I + "' of '" + sourceName(M) + "' is a synaptic current; " +
                                     On + " has none: spikes change the membrane potential "
                                     "directly (delta synapses)");
    return false;
  }
  if (S.Avv != 0) {
    D.error(M.findOde(S.V)->Loc,
            "d" + S.V + "/dt of '" + sourceName(M) + "' decays exponentially (tau = " +
                shortNumber(-1 / S.Avv * 1e3) + " ms); " + On +
                " leaks linearly, by a constant per tick (write d" + S.V + "/dt = constant)");
    return false;
  }
  if (S.RefractorySteps > 0) {
    D.error(S.RefractoryLoc, "refractory period of '" + sourceName(M) + "'; " + On +
                                 " has no refractory period");
    return false;
  }

  // The unit of V: threshold, weights and leak all fit, with the finest resolution.
  const double Origin = S.ResetBy == LifShape::ResetKind::ToValue ? S.Reset : 0.0;
  const double Theta = S.Theta - Origin;
  const int64_t AlphaMax = (int64_t(1) << TN.ThresholdBits) - 1;
  const int64_t WMax = (int64_t(1) << (TN.WeightBits - 1)) - 1;
  const int64_t LeakMax = (int64_t(1) << (TN.LeakBits - 1)) - 1;
  const double LeakPerTick = S.Cv * Dt;
  double Largest = 0;
  for (const ir::Projection &Pr : N.Projections)
    if (Pr.Target == P.Name && Pr.Synapse.empty()) {
      auto [Lo, Hi] = weightRange(Pr);
      Largest = std::max(Largest, std::max(std::fabs(Lo), std::fabs(Hi)) *
                                      std::fabs(S.Ports.at(Pr.Port).K));
    }
  double Unit = std::max({std::fabs(Theta) / double(AlphaMax - 1), Largest / double(WMax),
                          std::fabs(LeakPerTick) / double(LeakMax)});
  if (!(Unit > 0) || !(Theta > 0)) {
    D.error(M.ThresholdLoc, "the threshold of '" + sourceName(M) + "' must be above " +
                                (S.ResetBy == LifShape::ResetKind::ToValue ? "the reset value"
                                                                           : "0") +
                                " on " + On);
    return false;
  }
  const int64_t ThetaInt = std::llround(Theta / Unit);
  // alpha as the chip compares: V >= alpha (TrueNorth) or V > alpha (a variant); on integers
  // `v > theta` is `v >= theta + 1`.
  const bool ChipGe = TN.Cmp == support::Compare::GreaterEqual;
  const int64_t Alpha = ChipGe ? (S.Strict ? ThetaInt + 1 : ThetaInt)
                               : (S.Strict ? ThetaInt : ThetaInt - 1);
  // The threshold must stay a threshold: at least one unit, and reachable by V (state_bits).
  const int64_t VMax = (int64_t(1) << (TN.StateBits - 1)) - 1;
  if (Alpha < 1 || Alpha > std::min(AlphaMax, VMax)) {
    D.error(M.ThresholdLoc,
            "the threshold of '" + sourceName(M) + "' becomes " + llvm::Twine(Alpha) +
                " units of V on " + On + " (one unit is " + shortNumber(Unit * 1e3) +
                " mV, set by the largest weight or leak), outside 1 to " +
                llvm::Twine(std::min(AlphaMax, VMax)) +
                "; lower the weights or leak relative to the threshold");
    return false;
  }
  const int64_t Lambda = std::llround(LeakPerTick / Unit);
  const int64_t Beta = AlphaMax; // V saturates at -beta: as far as 18 bits allow
  const int Mode = S.ResetBy == LifShape::ResetKind::ToValue ? 0
                   : S.ResetBy == LifShape::ResetKind::Subtract ? 1
                                                                : 2;
  if (Mode == 1 && std::fabs(S.Reset - S.Theta) > 1e-12 * std::fabs(S.Theta)) {
    D.error(S.ResetLoc, "the reset of '" + sourceName(M) + "' lowers '" + S.V +
                            "' by another value than the threshold; " + On +
                            " subtracts exactly its threshold (reset mode 1)");
    return false;
  }

  auto NM = std::make_unique<ir::NeuronModel>();
  NM->Name = sourceName(M) + "." + T.Name + "." + P.Name;
  NM->Loc = M.Loc;
  NM->States.push_back(intState(S.V, M.findState(S.V)->Loc));

  // Weights: one axon type per projection, one weight per (neuron, type).
  unsigned Types = 0;
  for (size_t K = 0; K < N.Projections.size(); ++K) {
    ir::Projection &Pr = N.Projections[K];
    if (Pr.Target != P.Name || !Pr.Synapse.empty())
      continue;
    llvm::SMRange Loc = Pr.Weight.Loc.isValid() ? Pr.Weight.Loc : Pr.Loc;
    ++Types;
    const double K2 = S.Ports.at(Pr.Port).K;
    bool PerTarget = Pr.Weight.isConst() && Pr.ListWeights.empty();
    if (!PerTarget && !Pr.ListWeights.empty()) {
      std::map<uint32_t, double> Seen;
      PerTarget = true;
      for (size_t J = 0; J < Pr.ListWeights.size() && PerTarget; ++J) {
        auto [It, New] = Seen.insert({Pr.ListPost[J], Pr.ListWeights[J]});
        PerTarget = New || It->second == Pr.ListWeights[J];
      }
    }
    if (!PerTarget) {
      D.error(Loc, "weights of " + Pr.name() + " differ between the synapses onto one neuron; " +
                       On + " stores one weight per neuron and axon type (a binary crossbar): "
                       "give the projection one weight, or list the same weight for each target");
      return false;
    }
    auto [WLo, WHi] = weightRange(Pr);
    double Lo = std::min(WLo * K2, WHi * K2), Hi = std::max(WLo * K2, WHi * K2);
    WeightFormat F;
    F.Exp = 0;
    F.Bits = T.WeightBits; // magnitude bits (and a sign)
    F.Sign = Lo >= 0 ? support::SignMode::Excitatory
             : Hi <= 0 ? support::SignMode::Inhibitory
                       : support::SignMode::Mixed;
    F.Step = 1;
    F.Lo = -WMax;
    F.Hi = WMax;
    double WUnit = Unit / K2;
    quantizeWeights(N, Pr, F, WUnit);
    ir::Port Po;
    Po.Name = "in" + std::to_string(K);
    Po.Loc = M.findPort(Pr.Port)->Loc;
    Po.Body.push_back({ir::Stmt::Op::Add, S.V, ir::ref(ir::RefKind::Weight, "w"), Po.Loc});
    Pr.Port = Po.Name;
    NM->Ports.push_back(std::move(Po));
  }
  if (Types > TN.AxonTypes) {
    D.error(P.Loc, "'" + P.Name + "' receives " + llvm::Twine(Types) + " projections; " + On +
                       " distinguishes " + llvm::Twine(TN.AxonTypes) +
                       " axon types (one per projection into a population)");
    return false;
  }

  // V += lambda, saturate at -beta, keep 20 bits; spike at alpha; reset by the mode.
  NM->Update.push_back(
      {ir::Stmt::Op::Set, S.V,
       fxCall(ir::Func::FxWrap,
              [&] {
                std::vector<ir::ExprPtr> A;
                std::vector<ir::ExprPtr> MaxArgs;
                MaxArgs.push_back(ir::binary(ir::BinaryOp::Add, ir::ref(ir::RefKind::State, S.V),
                                             ir::constant(double(Lambda))));
                MaxArgs.push_back(ir::constant(-double(Beta)));
                A.push_back(std::make_unique<ir::CallExpr>(ir::Func::Max, std::move(MaxArgs)));
                A.push_back(ir::constant(TN.StateBits));
                return A;
              }()),
       M.Loc});
  ir::OdeGroup G;
  G.M = ir::Method::FixedPoint;
  G.Vars = {S.V};
  NM->Groups.push_back(G);
  NM->Threshold = ir::binary(ChipGe ? ir::BinaryOp::Ge : ir::BinaryOp::Gt,
                             ir::ref(ir::RefKind::State, S.V), ir::constant(double(Alpha)),
                             M.ThresholdLoc);
  NM->ThresholdLoc = M.ThresholdLoc;
  if (Mode == 0)
    NM->Reset.push_back({ir::Stmt::Op::Set, S.V, ir::constant(0), S.ResetLoc});
  else if (Mode == 1)
    NM->Reset.push_back({ir::Stmt::Op::Sub, S.V, ir::constant(double(Alpha)), S.ResetLoc});
  NM->Chip.Family = support::NeuronFamily::TrueNorth;
  NM->Chip.Unit = Unit;
  NM->Chip.Origin = Origin;
  NM->Chip.Params = {{"alpha", Alpha}, {"beta", Beta},         {"leak", Lambda},
                     {"reset_mode", Mode}, {"reset", 0},        {"kappa", 1}};
  double LeakErr = LeakPerTick == 0 ? 0
                                    : std::fabs(double(Lambda) * Unit - LeakPerTick) /
                                          std::fabs(LeakPerTick);
  double ThetaErr = std::fabs(double(ThetaInt) * Unit - Theta) / Theta;
  NM->Chip.Errors = {{"leak", LeakErr}, {"threshold", ThetaErr}};
  NM->Formats = {{S.V, TN.StateBits, support::Overflow::Wrap}};
  quantizeInit(P, S.V, stateQuantizer(Origin, Unit, TN.StateBits));
  P.Model = NM->Name;
  N.Models.push_back(std::move(NM));
  return true;
}

std::unique_ptr<ir::NeuronModel> trueNorthRelayModel(const support::TargetDesc &T,
                                                     const std::string &Name, llvm::SMRange Loc) {
  const support::TrueNorthNeuron &TN = T.TN;
  const int64_t Beta = (int64_t(1) << TN.ThresholdBits) - 1;
  // One unit of input fires the relay in the step it arrives: V >= 1 (or V > 0).
  const int64_t Alpha = TN.Cmp == support::Compare::GreaterEqual ? 1 : 0;
  auto NM = std::make_unique<ir::NeuronModel>();
  NM->Name = Name;
  NM->Loc = Loc;
  NM->States.push_back(intState("v", Loc));
  ir::Port Po;
  Po.Name = "in0";
  Po.Loc = Loc;
  Po.Body.push_back({ir::Stmt::Op::Add, "v", ir::ref(ir::RefKind::Weight, "w"), Loc});
  NM->Ports.push_back(std::move(Po));
  std::vector<ir::ExprPtr> MaxArgs;
  MaxArgs.push_back(ir::binary(ir::BinaryOp::Add, ir::ref(ir::RefKind::State, "v"),
                               ir::constant(0)));
  MaxArgs.push_back(ir::constant(-double(Beta)));
  std::vector<ir::ExprPtr> WrapArgs;
  WrapArgs.push_back(std::make_unique<ir::CallExpr>(ir::Func::Max, std::move(MaxArgs)));
  WrapArgs.push_back(ir::constant(TN.StateBits));
  NM->Update.push_back({ir::Stmt::Op::Set, "v", fxCall(ir::Func::FxWrap, std::move(WrapArgs)), Loc});
  ir::OdeGroup G;
  G.M = ir::Method::FixedPoint;
  G.Vars = {"v"};
  NM->Groups.push_back(G);
  NM->Threshold = ir::binary(TN.Cmp == support::Compare::GreaterEqual ? ir::BinaryOp::Ge
                                                                      : ir::BinaryOp::Gt,
                             ir::ref(ir::RefKind::State, "v"), ir::constant(double(Alpha)), Loc);
  NM->ThresholdLoc = Loc;
  NM->Reset.push_back({ir::Stmt::Op::Set, "v", ir::constant(0), Loc});
  NM->Chip.Family = support::NeuronFamily::TrueNorth;
  NM->Chip.Unit = 1;
  NM->Chip.Origin = 0;
  NM->Chip.Params = {{"alpha", Alpha}, {"beta", Beta},  {"leak", 0},
                     {"reset_mode", 0}, {"reset", 0},   {"kappa", 1}};
  NM->Formats = {{"v", TN.StateBits, support::Overflow::Wrap}};
  return NM;
}

} // namespace snn::quantize
