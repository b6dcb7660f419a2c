//===- tools/snnc-emu/Families.cpp - the neuron arithmetic of each chip family --------------===//
//
// Written from the chips' equations (docs/targets.md; Lava's PyLifModelBitAcc for Loihi), not
// from the compiler's IR: the emulator is the second, independent implementation that the
// native fixed-point runs are checked against.
//
//===----------------------------------------------------------------------------------------===//
#include "tools/snnc-emu/Emulator.h"

#include "support/FixedPoint.h"

#include <algorithm>

namespace snn::emu {

namespace fx = support::fx;

namespace {

/// Loihi CUBA LIF, one step: u decays (truncated toward zero) and takes the input, v decays and
/// takes u and the bias, v saturates, spikes above vth << 6 and resets to 0. While refractory,
/// v holds and the neuron does not fire.
bool loihi(ChipPopulation &P, const support::TargetDesc &T, size_t I, const int64_t In[2]) {
  const int64_t A = fx::wrap(In[0], 32); // the summed input port is 32-bit
  const support::LoihiNeuron &L = T.Loihi;
  const int64_t One = int64_t(1) << L.DecayBits;
  int64_t &U = P.State.at("u")[I], &V = P.State.at("v")[I];
  const auto &UF = P.Format.at("u"), &VF = P.Format.at("v");
  const int64_t Du = P.Params.at("du"), Dv = P.Params.at("dv");
  const int64_t Bias = fx::shiftFloor(P.Params.at("bias_mant"), int(P.Params.at("bias_exp")));
  U = fx::overflow(fx::decayTrunc(U, One - Du - L.UDecayOffset, L.DecayBits) +
                       fx::shiftFloor(A, int(L.InputShift)),
                   UF.first, UF.second);
  int64_t &Rc = P.Refractory[I];
  const bool Held = Rc > 0;
  if (!Held)
    V = fx::overflow(fx::decayTrunc(V, One - Dv - L.VDecayOffset, L.DecayBits) + U + Bias,
                     VF.first, VF.second);
  const int64_t Left = Held ? Rc - 1 : 0;
  const int64_t Vth = P.Params.at("vth") << L.ThresholdShift;
  const bool Fire = Left == 0 && (L.Cmp == support::Compare::Greater ? V > Vth : V >= Vth);
  if (Fire) {
    V = 0;
    Rc = P.Params.count("refractory") ? P.Params.at("refractory") : 0;
  } else {
    Rc = Left;
  }
  return Fire;
}

/// TrueNorth, deterministic modes: V takes the weights of the active axons, then the leak; it
/// saturates at -beta (kappa = 1) and keeps 20 bits; a spike at V >= alpha resets V to R (mode
/// 0), lowers it by alpha (mode 1) or leaves it (mode 2).
bool trueNorth(ChipPopulation &P, const support::TargetDesc &T, size_t I, const int64_t In[2]) {
  const support::TrueNorthNeuron &TN = T.TN;
  int64_t &V = P.State.at("v")[I];
  const auto &VF = P.Format.at("v");
  const int64_t Alpha = P.Params.at("alpha"), Beta = P.Params.at("beta");
  V += In[0];
  V = fx::overflow(std::max(V + P.Params.at("leak"), -Beta), VF.first, VF.second);
  const bool Fire = TN.Cmp == support::Compare::GreaterEqual ? V >= Alpha : V > Alpha;
  if (Fire) {
    switch (P.Params.at("reset_mode")) {
    case 0: V = P.Params.at("reset"); break;
    case 1: V -= Alpha; break;
    default: break;
    }
  }
  return Fire;
}

/// sPyNNaker's IF_curr_exp in s16.15: the step's weights (shifted per synapse type, scaled by
/// init) join the inputs; V moves toward alpha = I R + V_rest unless refractory; a spike at
/// V >= V_thresh resets V; the inputs decay.
bool spinnaker(ChipPopulation &P, const support::TargetDesc &T, size_t I, const int64_t In[2]) {
  const unsigned F = T.Spinnaker.FractionBits;
  int64_t &V = P.State.at("v")[I], &E = P.State.at("exc")[I], &H = P.State.at("inh")[I];
  const auto &VF = P.Format.at("v"), &EF = P.Format.at("exc"), &HF = P.Format.at("inh");
  E += fx::mulShiftFloor(fx::shiftFloor(In[0], int(P.Params.at("shift_exc"))),
                         P.Params.at("init_exc"), 32);
  H += fx::mulShiftFloor(fx::shiftFloor(In[1], int(P.Params.at("shift_inh"))),
                         P.Params.at("init_inh"), 32);
  int64_t &Rc = P.Refractory[I];
  const bool Held = Rc > 0;
  if (!Held) {
    const int64_t Alpha = fx::mulRound(E - H, P.Params.at("r"), F) + P.Params.at("v_rest");
    V = fx::overflow(Alpha - fx::mulRound(Alpha - V, P.Params.at("exp_tc"), F), VF.first,
                     VF.second);
  }
  E = fx::overflow(fx::mulShiftFloor(E, P.Params.at("decay_exc"), 32), EF.first, EF.second);
  H = fx::overflow(fx::mulShiftFloor(H, P.Params.at("decay_inh"), 32), HF.first, HF.second);
  const int64_t Left = Held ? Rc - 1 : 0;
  const int64_t Th = P.Params.at("v_thresh");
  const bool Fire =
      Left == 0 && (T.Spinnaker.Cmp == support::Compare::GreaterEqual ? V >= Th : V > Th);
  if (Fire) {
    V = P.Params.at("v_reset");
    Rc = P.Params.at("refractory");
  } else {
    Rc = Left;
  }
  return Fire;
}

} // namespace

bool updateNeuron(ChipPopulation &P, const support::TargetDesc &T, size_t I, const int64_t In[2]) {
  switch (P.Family) {
  case support::NeuronFamily::LoihiCubaLif:
    return loihi(P, T, I, In);
  case support::NeuronFamily::TrueNorth:
    return trueNorth(P, T, I, In);
  case support::NeuronFamily::SpinnakerLif:
    return spinnaker(P, T, I, In);
  case support::NeuronFamily::None:
    break;
  }
  throw ConfigError(std::string("no emulation of neuron family '") +
                    support::neuronFamilyName(P.Family) + "'");
}

} // namespace snn::emu
