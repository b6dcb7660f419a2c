//===- passes/QuantizeDelays.cpp - synaptic delays to steps, ring-buffer sizes --------------===//
//
// A spike emitted at step s with a delay of d steps reaches its target's input at step s + d and
// its state at step s + d + 1, so every delay becomes a whole number of steps d >= 0. The range
// of d comes from the target (delays.min_steps .. delays.max_steps of its description: 0 ..
// 65535 natively, 0 .. 62 on Loihi). A constant delay that is not a multiple of dt is rounded with a warning; a delay
// shorter than one step is raised to one step with a warning. For a random delay the largest
// possible value is computed (uniform: its upper bound; normal: mean + 4 standard deviations,
// where draws are clipped). Each target port then gets a ring buffer with one slot more than
// the longest delay into it. Plastic delays (a synapse variable `delay`) take the projection's
// max_delay as their longest. Delays listed per synapse (connections from a file) are rounded
// one by one.
//
//   before:  projection E -> I { ... delay 0.0015 }
//   after:   projection E -> I { ... delay 0.0015 steps 15 max 15 }
//            population I : neuron LIF [2500] { ... ring jump 16 }
//
//===----------------------------------------------------------------------------------------===//
#include "passes/Passes.h"
#include "passes/Quantize.h"
#include "support/Steps.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace snn {

namespace {

/// The shortest delay of P in steps (its constant delay, its listed minimum, or the lower end of
/// its distribution).
int64_t shortestSteps(const ir::Projection &P, double Dt) {
  if (P.DelaySteps >= 0)
    return P.DelaySteps;
  if (!P.ListDelaySteps.empty())
    return *std::min_element(P.ListDelaySteps.begin(), P.ListDelaySteps.end());
  switch (P.Delay.K) {
  case ir::ValueInit::Kind::Uniform:
    return std::max<int64_t>(0, static_cast<int64_t>(support::timeToSteps(P.Delay.A, Dt)));
  case ir::ValueInit::Kind::Linspace:
    return std::max<int64_t>(
        0, static_cast<int64_t>(support::timeToSteps(std::min(P.Delay.A, P.Delay.B), Dt)));
  default:
    return 0; // normal draws are clipped at 0
  }
}

class QuantizeDelays : public Pass {
public:
  llvm::StringRef name() const override { return "quantize-delays"; }
  PassResult run(ir::Network &N, PassContext &Ctx) override {
    PassResult R;
    double Dt = N.Sim.Dt;
    const int64_t MaxDelaySteps = Ctx.Target.MaxDelaySteps;
    const int64_t MinDelaySteps = Ctx.Target.MinDelaySteps;
    // "on target 'loihi'" for chips, where the limit is the hardware's.
    std::string On = Ctx.Target.isChip() ? " on target '" + Ctx.Target.Name + "'" : "";
    std::map<std::pair<std::string, std::string>, int64_t> Longest;
    std::set<std::pair<std::string, std::string>> PerDelay; // ports summed per delay
    for (ir::Projection &P : N.Projections) {
      if (P.MaxDelaySteps < 0) {
        R.Changed = true;
        llvm::SMRange Loc = P.Delay.Loc.isValid() ? P.Delay.Loc : P.Loc;
        double LongestSecs = P.Delay.A;
        const ir::SynapseModel *S = P.Synapse.empty() ? nullptr : N.findSynapse(P.Synapse);
        if (S && S->hasPlasticDelay()) {
          // Plastic delays: per synapse, up to the declared maximum.
          llvm::SMRange MaxLoc = P.MaxDelayLoc.isValid() ? P.MaxDelayLoc : P.Loc;
          if (!(P.MaxDelay / Dt <= double(MaxDelaySteps) + 0.5)) {
            Ctx.Diags.error(MaxLoc, "'max_delay' is " + formatTime(P.MaxDelay) +
                                        ", longer than the limit of " +
                                        llvm::Twine(MaxDelaySteps) + " steps (" +
                                        formatTime(MaxDelaySteps * Dt) + " at dt = " +
                                        formatTime(Dt) + ")" + On + " [delay-range]");
            R.Failed = true;
            continue;
          }
          auto Steps = toSteps(P.MaxDelay, Dt, "maximum delay", MaxLoc, Ctx.Diags);
          if (!Steps) {
            R.Failed = true;
            continue;
          }
          P.DelaySteps = -1;
          P.MaxDelaySteps = *Steps;
          LongestSecs = P.MaxDelay;
        } else if (!P.ListDelays.empty()) {
          // Listed delays (from a file): one per synapse, into a per-synapse buffer.
          if (!quantizeTimes(P.ListDelays, P.ListDelayLocs, Loc, Dt, "delay",
                             "projection " + P.name(), Ctx.Diags, P.ListDelaySteps)) {
            R.Failed = true;
            continue;
          }
          P.DelaySteps = -1;
          P.MaxDelaySteps = 0;
          for (size_t K = 0; K < P.ListDelaySteps.size(); ++K)
            if (P.ListDelaySteps[K] > P.MaxDelaySteps) {
              P.MaxDelaySteps = P.ListDelaySteps[K];
              LongestSecs = P.ListDelays[K];
              if (K < P.ListDelayLocs.size())
                Loc = P.ListDelayLocs[K];
            }
        } else if (P.Delay.isConst()) {
          auto Steps = toSteps(P.Delay.A, Dt, "delay", Loc, Ctx.Diags);
          if (!Steps) {
            R.Failed = true;
            continue;
          }
          int64_t S = *Steps;
          P.DelaySteps = S;
          P.MaxDelaySteps = S;
        } else {
          double Hi = P.Delay.K == ir::ValueInit::Kind::Uniform    ? P.Delay.B
                      : P.Delay.K == ir::ValueInit::Kind::Linspace ? std::max(P.Delay.A, P.Delay.B)
                                                                   : P.Delay.A + 4 * P.Delay.B;
          P.DelaySteps = -1;
          double Steps = support::timeToSteps(Hi, Dt);
          P.MaxDelaySteps = !(Steps <= double(MaxDelaySteps)) ? MaxDelaySteps + 1
                                                               : std::max<int64_t>(0, Steps);
          LongestSecs = Hi;
        }
        if (P.MaxDelaySteps > MaxDelaySteps) {
          Ctx.Diags.error(Loc, "delay of up to " + formatTime(LongestSecs) +
                                   " is longer than the limit of " +
                                   llvm::Twine(MaxDelaySteps) + " steps (" +
                                   formatTime(MaxDelaySteps * Dt) + " at dt = " +
                                   formatTime(Dt) + ")" + On + " [delay-range]");
          R.Failed = true;
          continue;
        }
        if (MinDelaySteps > 0 && shortestSteps(P, Dt) < MinDelaySteps) {
          Ctx.Diags.error(Loc, "delay of " + formatTime(shortestSteps(P, Dt) * Dt) +
                                   " is shorter than the limit of " +
                                   llvm::Twine(MinDelaySteps) + " steps (" +
                                   formatTime(MinDelaySteps * Dt) + " at dt = " +
                                   formatTime(Dt) + ")" + On + " [delay-range]");
          R.Failed = true;
          continue;
        }
      }
      int64_t &L = Longest[{P.Target, P.Port}];
      L = std::max(L, P.MaxDelaySteps);
      if (P.Chip.PerDelay)
        PerDelay.insert({P.Target, P.Port});
    }
    for (ir::Population &Pop : N.Populations) {
      if (Pop.Kind != ir::PopKind::Neuron)
        continue;
      const ir::NeuronModel *M = N.findModel(Pop.Model);
      if (!M)
        continue;
      std::vector<ir::Population::PortBuffer> Buffers;
      for (const ir::Port &Port : M->Ports) {
        auto It = Longest.find({Pop.Name, Port.Name});
        if (It != Longest.end())
          Buffers.push_back({Port.Name, It->second + 2,
                             PerDelay.count({Pop.Name, Port.Name}) ? It->second + 1 : 1});
      }
      if (Buffers.size() != Pop.RingBuffers.size() ||
          !std::equal(Buffers.begin(), Buffers.end(), Pop.RingBuffers.begin(),
                      [](const auto &A, const auto &B) {
                        return A.Port == B.Port && A.Slots == B.Slots && A.Groups == B.Groups;
                      }))
        R.Changed = true;
      Pop.RingBuffers = std::move(Buffers);
    }
    return R;
  }
};

} // namespace

std::unique_ptr<Pass> createQuantizeDelaysPass() { return std::make_unique<QuantizeDelays>(); }

} // namespace snn
