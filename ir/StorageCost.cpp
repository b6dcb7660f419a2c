//===- ir/StorageCost.cpp - synapse counts and bytes of a projection's storage --------------===//
#include "ir/StorageCost.h"

#include <cmath>

namespace snn::ir {

bool excludesSelf(const Projection &P) { return !P.Autapses && P.Source == P.Target; }

double expectedSynapses(const Network &N, const Projection &P) {
  const Population *S = N.findPopulation(P.Source), *T = N.findPopulation(P.Target);
  if (!S || !T)
    return 0;
  const double NS = static_cast<double>(S->Size), NT = static_cast<double>(T->Size);
  const double PerRow = excludesSelf(P) && NT > 0 ? NT - 1 : NT;
  switch (P.Rule) {
  case RuleKind::AllToAll: return NS * PerRow;
  case RuleKind::OneToOne: return excludesSelf(P) ? 0 : NS;
  case RuleKind::FixedProbability: return NS * PerRow * std::clamp(P.P, 0.0, 1.0);
  case RuleKind::FixedIndegree: return NT * static_cast<double>(P.K);
  case RuleKind::FixedOutdegree: return NS * static_cast<double>(P.K);
  case RuleKind::List: return static_cast<double>(P.ListPre.size());
  }
  return 0;
}

bool hasWeightArray(const Projection &P) {
  return P.Synapse.empty() && (!P.Weight.isConst() || !P.ListWeights.empty());
}

bool hasDelayArray(const Network &N, const Projection &P) {
  if (P.DelaySteps >= 0)
    return false;
  const SynapseModel *S = P.Synapse.empty() ? nullptr : N.findSynapse(P.Synapse);
  if (S && S->hasPlasticDelay())
    return false;
  // After quantize-delays (MaxDelaySteps set) a delay without a constant step count is an
  // array, as the code generator plans it; before, a random or listed delay will be one.
  if (P.MaxDelaySteps >= 0)
    return true;
  return !P.Delay.isConst() || !P.ListDelays.empty();
}

StorageCost storageCost(const Network &N, const Projection &P, Storage F, unsigned IndexBits) {
  StorageCost C;
  C.Synapses = expectedSynapses(N, P);
  const Population *S = N.findPopulation(P.Source), *T = N.findPopulation(P.Target);
  if (!S || !T)
    return C;
  const double NS = static_cast<double>(S->Size), NT = static_cast<double>(T->Size);
  const double Real = P.ValuePrec == Precision::F32 ? 4.0 : 8.0; // bytes of a stored value
  double PerSynapse = (hasWeightArray(P) ? Real : 0.0) + (hasDelayArray(N, P) ? 2.0 : 0.0);
  if (const SynapseModel *M = P.Synapse.empty() ? nullptr : N.findSynapse(P.Synapse)) {
    bool Decaying = false;
    for (const StateVar &V : M->States)
      if (!M->isPreTrace(V.Name) && !M->isPostTrace(V.Name)) {
        PerSynapse += V.Name == "delay" ? 8 : Real; // one value per synapse
        Decaying |= M->findOde(V.Name) != nullptr;
      }
    PerSynapse += S->Size <= 65536 ? 2 : 4;  // the synapse's source
    PerSynapse += Decaying ? 8 : 0;          // when it was last brought up to date
    PerSynapse += M->OnPost.empty() ? 0 : 4; // its place in the column of its target
  }
  switch (F) {
  case Storage::Unset:
  case Storage::Identity:
    C.Bytes = C.Synapses * PerSynapse;
    break;
  case Storage::CSR: {
    unsigned Bits = IndexBits ? IndexBits : (T->Size <= 65536 ? 16 : 32);
    // Indices, row starts and (static synapses) row ends.
    C.Bytes = C.Synapses * (Bits / 8.0 + PerSynapse) + 8 * (NS + 1) + (P.Synapse.empty() ? 8 * NS : 0);
    break;
  }
  case Storage::Dense: // every pair but i -> i without autapses
    C.Bytes = C.Synapses * PerSynapse;
    break;
  case Storage::Bitmask:
    C.Bytes = NS * std::ceil(NT / 64) * 8;
    break;
  case Storage::Procedural:
    C.Bytes = 0;
    break;
  }
  return C;
}

std::string storageUnsuitable(const Network &N, const Projection &P, Storage F) {
  const bool Plastic = !P.Synapse.empty();
  const bool ConstWeight = P.Weight.isConst() && P.ListWeights.empty();
  const bool ConstDelay = !hasDelayArray(N, P);
  switch (F) {
  case Storage::Unset:
  case Storage::CSR:
    return "";
  case Storage::Identity:
    return P.Rule == RuleKind::OneToOne ? "" : "is for one_to_one connections only";
  case Storage::Dense:
    if (P.Rule != RuleKind::AllToAll)
      return "is for all_to_all connections only";
    return Plastic ? "cannot hold synapses with a synapse model" : "";
  case Storage::Bitmask:
    if (P.Rule == RuleKind::List)
      return "cannot hold a list of connections (pairs may repeat)";
    if (Plastic)
      return "cannot hold synapses with a synapse model";
    if (!ConstWeight || !ConstDelay)
      return "needs the same weight and delay for every synapse";
    return "";
  case Storage::Procedural:
    if (P.Rule != RuleKind::FixedProbability)
      return "is for fixed_probability connections only";
    if (Plastic)
      return "cannot hold synapses with a synapse model";
    if (!ConstWeight || !ConstDelay)
      return "needs the same weight and delay for every synapse";
    return "";
  }
  return "";
}

} // namespace snn::ir
