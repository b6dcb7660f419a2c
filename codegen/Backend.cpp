//===- codegen/Backend.cpp - what every backend shares ---------------------------------------===//
#include "codegen/Backend.h"

#include "codegen/llvm/LLVMBackend.h"

#include <algorithm>

namespace snn::codegen {

const char *artifactName(Artifact A) {
  switch (A) {
  case Artifact::LLVMIR: return "llvm";
  case Artifact::Assembly: return "asm";
  case Artifact::Object: return "obj";
  case Artifact::ChipConfig: return "chip";
  case Artifact::MappingDot: return "mapping-dot";
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

bool checkChipLowered(const ir::Network &N, const support::TargetDesc &T, bool Placed,
                      DiagnosticsEngine &Diags) {
  bool Ok = true;
  for (const ir::Population &P : N.Populations) {
    if (P.Kind != ir::PopKind::Neuron)
      continue;
    const ir::NeuronModel *M = N.findModel(P.Model);
    if (!M || M->Chip.Family != T.Family) {
      Diags.error(P.Loc, "population '" + P.Name + "' is not in the integer arithmetic of target '" +
                             T.Name + "' (the pass list has no quantize-for-target)");
      Ok = false;
      continue;
    }
    if (!Placed)
      continue;
    std::vector<std::pair<uint64_t, uint64_t>> Slices;
    for (const ir::CoreSlice &C : N.Cores)
      if (C.Pop == P.Name)
        Slices.push_back({C.Lo, C.Hi});
    std::sort(Slices.begin(), Slices.end());
    uint64_t Next = 0;
    bool Covered = true;
    for (const auto &[Lo, Hi] : Slices) {
      Covered &= Lo == Next && Hi > Lo;
      Next = Hi;
    }
    if (!Covered || Next != P.Size) {
      Diags.error(P.Loc, "the neurons of '" + P.Name + "' are not each on one core (the pass list "
                         "has no partition-onto-cores, or the partition table is wrong)");
      Ok = false;
    }
  }
  return Ok;
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
