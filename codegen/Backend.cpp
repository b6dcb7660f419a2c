//===- codegen/Backend.cpp - what every backend shares ---------------------------------------===//
#include "codegen/Backend.h"

#include "codegen/llvm/LLVMBackend.h"

namespace snn::codegen {

const char *artifactName(Artifact A) {
  switch (A) {
  case Artifact::LLVMIR: return "llvm";
  case Artifact::Assembly: return "asm";
  case Artifact::Object: return "obj";
  case Artifact::ChipConfig: return "chip";
  }
  return "?";
}

std::unique_ptr<Backend> createBackend(const support::TargetDesc &T) {
  switch (T.Backend) {
  case support::BackendKind::Native:
    return createLLVMBackend();
  case support::BackendKind::Chip:
    return createChipBackend(T);
  }
  return nullptr;
}

bool checkLowered(const ir::Network &N, DiagnosticsEngine &Diags) {
  bool Ok = true;
  for (const auto &M : N.Models) {
    if (!M->Odes.empty() && !M->solved()) {
      Diags.error(M->Loc, "model '" + M->Name + "' has no integration method (run solve-odes)");
      Ok = false;
    }
    if (M->RefractoryPeriod && M->RefractorySteps < 0) {
      Diags.error(M->Loc, "refractory period of '" + M->Name +
                              "' is not in steps (run quantize-event-times)");
      Ok = false;
    }
    if (!M->Params.empty()) {
      Diags.error(M->Loc, "model '" + M->Name + "' still has parameters (run fold-constants)");
      Ok = false;
    }
  }
  for (const ir::Population &P : N.Populations) {
    if (P.Kind == ir::PopKind::SpikeTimes && P.SpikeSteps.size() != P.SpikeTimes.size()) {
      Diags.error(P.Loc, "spike times of '" + P.Name + "' are not in steps "
                         "(run quantize-event-times)");
      Ok = false;
    }
    if (P.RateSteps.size() != P.RateTimes.size()) {
      Diags.error(P.Loc, "the rate schedule of '" + P.Name +
                             "' is not in steps "
                             "(run quantize-event-times)");
      Ok = false;
    }
  }
  for (const ir::Projection &P : N.Projections)
    if (P.Store == ir::Storage::Unset || P.MaxDelaySteps < 0 ||
        P.ListDelaySteps.size() != P.ListDelays.size()) {
      Diags.error(P.Loc, "projection " + P.name() + " has no storage format or delay in steps "
                         "(run select-synapse-storage and quantize-delays)");
      Ok = false;
    }
  for (const ir::Injection &I : N.Injections)
    if (I.Steps.size() != I.Times.size()) {
      Diags.error(I.Loc, "the injection into " + I.Pop + "." + I.Var +
                             " is not in steps (run quantize-event-times)");
      Ok = false;
    }
  for (const ir::Recording &R : N.Recordings)
    if (R.K == ir::Recording::Kind::State && R.IntervalSteps < 1) {
      Diags.error(R.Loc, "recording interval is not in steps (run quantize-event-times)");
      Ok = false;
    }
  return Ok;
}

} // namespace snn::codegen
