//===- ir/Synapses.cpp - the synapses a projection makes ------------------------------------===//
#include "ir/Synapses.h"

#include "snn/runtime.h"
#include "support/Random.h"
#include "support/Steps.h"

namespace snn::ir {

namespace {

support::ConnectRule::Kind ruleKind(RuleKind K) {
  switch (K) {
  case RuleKind::AllToAll: return support::ConnectRule::Kind::AllToAll;
  case RuleKind::OneToOne: return support::ConnectRule::Kind::OneToOne;
  case RuleKind::FixedProbability: return support::ConnectRule::Kind::FixedProbability;
  case RuleKind::FixedIndegree: return support::ConnectRule::Kind::FixedIndegree;
  case RuleKind::FixedOutdegree: return support::ConnectRule::Kind::FixedOutdegree;
  case RuleKind::List: return support::ConnectRule::Kind::List;
  }
  return support::ConnectRule::Kind::AllToAll;
}

support::DistKind distKind(ValueInit::Kind K) {
  switch (K) {
  case ValueInit::Kind::Const: return support::DistKind::Const;
  case ValueInit::Kind::Uniform: return support::DistKind::Uniform;
  case ValueInit::Kind::Normal: return support::DistKind::Normal;
  case ValueInit::Kind::Linspace: return support::DistKind::Linspace;
  }
  return support::DistKind::Const;
}

} // namespace

double initialValue(const ValueInit &V, uint64_t I, uint64_t Count, uint32_t Seed,
                    uint32_t Stream) {
  double X = support::valueAt(distKind(V.K), V.A, V.B, I, Count, Seed, Stream);
  return V.Quant ? double((*V.Quant)(X)) : X;
}

support::ConnectivityRequest connectivityRequest(const Network &N, size_t K) {
  const Projection &P = N.Projections[K];
  const Population &S = *N.findPopulation(P.Source), &T = *N.findPopulation(P.Target);
  support::ConnectivityRequest Req;
  Req.name = P.name();
  Req.rule.kind = ruleKind(P.Rule);
  Req.rule.p = P.P;
  Req.rule.k = static_cast<uint32_t>(P.K);
  Req.rule.pre = P.ListPre;
  Req.rule.post = P.ListPost;
  Req.numSources = static_cast<uint32_t>(S.Size);
  Req.numTargets = static_cast<uint32_t>(T.Size);
  Req.excludeSelf = !P.Autapses && P.Source == P.Target;
  Req.seed = static_cast<uint32_t>(N.Sim.Seed);
  Req.stream = SNN_STREAM(SNN_STREAM_CONNECT, K);
  return Req;
}

std::vector<SynapseRow> projectionSynapses(const Network &N, size_t K) {
  const Projection &P = N.Projections[K];
  support::ConnectivityRequest Req = connectivityRequest(N, K);
  const uint32_t Seed = Req.seed;
  support::CsrMatrix M = support::buildConnectivity(Req);
  const uint64_t Count = M.synapseCount();
  std::vector<SynapseRow> Out;
  Out.reserve(Count);
  for (uint32_t R = 0; R < Req.numSources; ++R)
    for (uint64_t J = M.rowPtr[R]; J < M.rowPtr[R + 1]; ++J) {
      SynapseRow Y;
      Y.Pre = R;
      Y.Post = M.col[J];
      uint64_t L = M.listOrder.empty() ? 0 : M.listOrder[J];
      Y.Weight = !P.ListWeights.empty()
                     ? static_cast<int64_t>(P.ListWeights[L])
                     : static_cast<int64_t>(initialValue(P.Weight, J, Count, Seed,
                                                         SNN_STREAM(SNN_STREAM_WEIGHT, K)));
      if (P.DelaySteps >= 0)
        Y.Delay = P.DelaySteps;
      else if (!P.ListDelaySteps.empty())
        Y.Delay = P.ListDelaySteps[L];
      else
        Y.Delay = support::timeToStepsClipped(
            support::valueAt(distKind(P.Delay.K), P.Delay.A, P.Delay.B, J, Count, Seed,
                             SNN_STREAM(SNN_STREAM_DELAY, K)),
            N.Sim.Dt, 0, P.MaxDelaySteps);
      Out.push_back(Y);
    }
  return Out;
}

} // namespace snn::ir
