//===- passes/QuantizeEventTimes.cpp - event times to whole steps ---------------------------===//
//
// Times that the simulation can only honour on its grid become step counts: refractory periods
// (rounded to the nearest step), spike-generator times (the step at which the spike is emitted),
// the times at which a Poisson rate schedule or an injected input changes, and state-recording
// intervals. A time that is not a whole number of steps is rounded with a warning that gives
// both values (for a list of times, on the first one, with a note counting the others).
//
//   before:  refractory 0.002
//   after:   refractory 0.002 steps 20
//
//===----------------------------------------------------------------------------------------===//
#include "passes/Passes.h"
#include "passes/Quantize.h"
#include "support/Poisson.h"

#include "ir/Printer.h"

#include <climits>
#include <cstdio>
#include <cmath>

namespace snn {

namespace {

class QuantizeEventTimes : public Pass {
public:
  llvm::StringRef name() const override { return "quantize-event-times"; }
  PassResult run(ir::Network &N, PassContext &Ctx) override {
    PassResult R;
    double Dt = N.Sim.Dt;
    for (auto &M : N.Models) {
      if (!M->RefractoryPeriod || M->RefractorySteps >= 0)
        continue;
      auto T = ir::constantValue(*M->RefractoryPeriod);
      if (!T) {
        Ctx.Diags.error(M->RefractoryPeriod->loc(),
                        "refractory period of '" + M->Name + "' is not a constant");
        R.Failed = true;
        continue;
      }
      if (*T < 0) {
        Ctx.Diags.error(M->RefractoryPeriod->loc(), "refractory period must not be negative");
        R.Failed = true;
        continue;
      }
      // The refractory counter of every neuron is a 32-bit integer.
      auto S = toSteps(*T, Dt, "refractory period", M->RefractoryPeriod->loc(), Ctx.Diags,
                       INT32_MAX);
      if (!S) {
        R.Failed = true;
        continue;
      }
      M->RefractorySteps = *S;
      R.Changed = true;
    }
    for (ir::Population &P : N.Populations) {
      if (P.Kind == ir::PopKind::Poisson) {
        // Mean spikes per step: the generators draw exactly up to support::MaxPoissonMean.
        double Most = P.hasRateSchedule() ? 0.0 : P.Rate;
        for (const std::vector<double> &Row : P.RateRows)
          for (double X : Row)
            Most = std::max(Most, X);
        if (!(Most * Dt <= support::MaxPoissonMean)) {
          char Mean[32];
          std::snprintf(Mean, sizeof Mean, "%.3g", Most * Dt);
          Ctx.Diags.error(P.Loc, "Poisson rate of '" + P.Name + "' gives " + Mean +
                                     " spikes per step on average; the limit is " +
                                     ir::formatNumber(support::MaxPoissonMean) +
                                     " (lower the rate or split the generators)");
          R.Failed = true;
          continue;
        }
      }
      if (P.hasRateSchedule() && P.RateSteps.empty()) {
        if (!quantizeTimes(P.RateTimes, P.RateLocs, P.Loc, Dt, "rate change time",
                           "'" + P.Name + "'", Ctx.Diags, P.RateSteps)) {
          R.Failed = true;
          continue;
        }
        R.Changed = true;
      }
      if (P.Kind != ir::PopKind::SpikeTimes || !P.SpikeSteps.empty())
        continue;
      std::vector<int64_t> Steps;
      if (!quantizeTimes(P.SpikeTimes, P.SpikeLocs, P.Loc, Dt, "spike time", "'" + P.Name + "'",
                         Ctx.Diags, Steps)) {
        R.Failed = true;
        continue;
      }
      for (size_t K = 0; K < Steps.size(); ++K) {
        if (Steps[K] >= 1)
          continue;
        llvm::SMRange Loc = K < P.SpikeLocs.size() ? P.SpikeLocs[K] : P.Loc;
        Ctx.Diags.warning(Loc, "spike time " + formatTime(P.SpikeTimes[K]) +
                                   " is before the first step; the spike is emitted at " +
                                   formatTime(Dt));
        Steps[K] = 1;
      }
      P.SpikeSteps = std::move(Steps);
      R.Changed = true;
    }
    for (ir::Injection &I : N.Injections) {
      if (!I.Steps.empty())
        continue;
      if (!quantizeTimes(I.Times, I.TimeLocs, I.Loc, Dt, "injection time",
                         "'" + I.Pop + "." + I.Var + "'", Ctx.Diags, I.Steps)) {
        R.Failed = true;
        continue;
      }
      R.Changed = true;
    }
    for (ir::Recording &Rec : N.Recordings) {
      if (Rec.K == ir::Recording::Kind::Spikes || Rec.AtEnd || Rec.IntervalSteps >= 0)
        continue;
      auto Steps = Rec.Interval == 0 ? std::optional<int64_t>(1)
                                     : toSteps(Rec.Interval, Dt, "recording interval", Rec.Loc,
                                               Ctx.Diags);
      if (!Steps) {
        R.Failed = true;
        continue;
      }
      int64_t S = *Steps;
      if (S < 1) {
        Ctx.Diags.warning(Rec.Loc, "recording interval " + formatTime(Rec.Interval) +
                                       " is shorter than dt; recording every step");
        S = 1;
      }
      Rec.IntervalSteps = S;
      R.Changed = true;
    }
    return R;
  }
};

} // namespace

std::unique_ptr<Pass> createQuantizeEventTimesPass() {
  return std::make_unique<QuantizeEventTimes>();
}

} // namespace snn
