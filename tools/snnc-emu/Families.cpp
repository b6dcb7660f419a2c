//===- tools/snnc-emu/Families.cpp - the neuron arithmetic of each chip family --------------===//
//
// Written from the chips' equations (docs/targets.md; Lava's PyLifModelBitAcc for Loihi), not
// from the compiler's IR: the emulator is the second, independent implementation that the
// native fixed-point runs are checked against.
//
//===----------------------------------------------------------------------------------------===//
#include "tools/snnc-emu/Emulator.h"

#include "support/FixedPoint.h"

namespace snn::emu {

namespace fx = support::fx;

namespace {

/// Loihi CUBA LIF, one step: u decays (truncated toward zero) and takes the input, v decays and
/// takes u and the bias, v saturates, spikes above vth << 6 and resets to 0. While refractory,
/// v holds and the neuron does not fire.
bool loihi(ChipPopulation &P, const support::TargetDesc &T, size_t I, int64_t A) {
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

} // namespace

bool updateNeuron(ChipPopulation &P, const support::TargetDesc &T, size_t I, int64_t A) {
  switch (P.Family) {
  case support::NeuronFamily::LoihiCubaLif:
    return loihi(P, T, I, A);
  case support::NeuronFamily::TrueNorth:
  case support::NeuronFamily::SpinnakerLif:
  case support::NeuronFamily::None:
    break;
  }
  throw ConfigError(std::string("no emulation of neuron family '") +
                    support::neuronFamilyName(P.Family) + "'");
}

} // namespace snn::emu
