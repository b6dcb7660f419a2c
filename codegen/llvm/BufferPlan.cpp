//===- codegen/llvm/BufferPlan.cpp - memory layout of a compiled network --------------------===//
#include "codegen/llvm/BufferPlan.h"

#include <nlohmann/json.hpp>

namespace snn::codegen {

const char *elemTypeName(ElemType T) {
  switch (T) {
  case ElemType::F64: return "f64";
  case ElemType::F32: return "f32";
  case ElemType::I64: return "i64";
  case ElemType::U64: return "u64";
  case ElemType::I32: return "i32";
  case ElemType::U32: return "u32";
  case ElemType::U16: return "u16";
  case ElemType::U8: return "u8";
  }
  return "?";
}

int BufferPlan::add(std::string Name, ElemType T, uint64_t Size, const ir::ValueInit *Init,
                    bool Dynamic) {
  Buffers.push_back({std::move(Name), T, Size, Dynamic, Init});
  return static_cast<int>(Buffers.size() - 1);
}

BufferPlan::BufferPlan(const ir::Network &Net) : N(Net) {
  Seed = add("seed", ElemType::U64, 1);
  for (const ir::Population &P : N.Populations) {
    PopBuffers B;
    uint64_t Size = P.Size;
    if (P.Kind == ir::PopKind::Neuron) {
      const ir::NeuronModel *M = N.findModel(P.Model);
      auto var = [&](const ir::Variable &V) {
        const ir::Population::Init *I = P.findInit(V.Name);
        B.Vars[V.Name] = add(P.Name + "." + V.Name, ElemType::F64, Size, I ? &I->Value : nullptr);
        B.VarOrder.push_back(V.Name);
      };
      for (const ir::StateVar &S : M->States)
        var(S);
      for (const ir::InputVar &I : M->Inputs)
        var(I);
      if (M->RefractoryPeriod)
        B.Refractory = add(P.Name + ".refractory", ElemType::I32, Size);
      for (const auto &R : P.RingBuffers)
        B.Rings[R.Port] = add(P.Name + ".ring." + R.Port, ElemType::F64,
                              Size * static_cast<uint64_t>(R.Slots * R.Groups));
      B.Flags = add(P.Name + ".fired", ElemType::U8, Size);
      B.UpdateKernel = static_cast<int>(Kernels.size());
      Kernels.push_back("update." + P.Name);
    } else if (P.Kind == ir::PopKind::Poisson) {
      B.Counts = add(P.Name + ".counts", ElemType::U32, Size);
      // A rate schedule's kernel draws through the runtime, which needs no buffer for it.
      if (!P.hasRateSchedule())
        B.Random = add(P.Name + ".random", ElemType::U32, Size);
      B.SpikeMult = add(P.Name + ".spike_mult", ElemType::U32, Size);
      B.UpdateKernel = static_cast<int>(Kernels.size());
      Kernels.push_back("update." + P.Name);
    } else {
      B.SpikeMult = add(P.Name + ".spike_mult", ElemType::U32, Size);
    }
    B.SpikeIdx = add(P.Name + ".spike_idx", ElemType::U32, Size);
    B.SpikeCount = add(P.Name + ".spike_count", ElemType::I64, 1);
    Pops.push_back(std::move(B));
  }
  for (size_t K = 0; K < N.Projections.size(); ++K) {
    const ir::Projection &P = N.Projections[K];
    const ir::Population *Src = N.findPopulation(P.Source);
    ProjBuffers B;
    std::string Base = "proj" + std::to_string(K) + "." + P.name();
    if (P.Store == ir::Storage::CSR) {
      B.RowPtr = add(Base + ".row_ptr", ElemType::U64, Src->Size + 1);
      B.Col = add(Base + ".col", P.IndexBits == 16 ? ElemType::U16 : ElemType::U32, 0, nullptr,
                  true);
    }
    const ir::SynapseModel *S = P.Synapse.empty() ? nullptr : N.findSynapse(P.Synapse);
    if ((!P.Weight.isConst() || !P.ListWeights.empty()) && !S)
      B.Weights = add(Base + ".weight",
                      P.ValuePrec == ir::Precision::F32 ? ElemType::F32 : ElemType::F64, 0,
                      nullptr, true);
    if (P.DelaySteps < 0 && !(S && S->hasPlasticDelay()))
      B.Delays = add(Base + ".delay", ElemType::U16, 0, nullptr, true);
    if (P.Store == ir::Storage::CSR && !S)
      B.RowEnd = add(Base + ".row_end", ElemType::U64, 0, nullptr, true);
    if (P.Store == ir::Storage::Bitmask)
      B.Bits = add(Base + ".bits", ElemType::U64, 0, nullptr, true);
    if (P.Store == ir::Storage::Dense || P.Store == ir::Storage::Bitmask ||
        P.Store == ir::Storage::Procedural)
      B.Range = add(Base + ".range", ElemType::U64, 2);
    B.Kernel = static_cast<int>(Kernels.size());
    if (S) {
      planSynapses(K, *S, Base, B);
    } else {
      Kernels.push_back("deliver." + std::to_string(K) + "." + P.name());
    }
    Projs.push_back(B);
  }
}

void BufferPlan::planSynapses(size_t K, const ir::SynapseModel &S, const std::string &Base,
                              ProjBuffers &B) {
  const ir::Projection &P = N.Projections[K];
  const ir::Population *Src = N.findPopulation(P.Source), *Tgt = N.findPopulation(P.Target);
  SynapseBuffers &Y = B.Syn;
  B.Plastic = true;
  auto initOf = [&](const std::string &Var) -> const ir::ValueInit * {
    for (const auto &I : P.SynapseInits)
      if (I.Var == Var)
        return &I.Value;
    return nullptr;
  };
  bool Decaying = false, PreDecaying = false, PostDecaying = false;
  for (const ir::StateVar &V : S.States) {
    Y.VarOrder.push_back(V.Name);
    bool HasOde = S.findOde(V.Name) != nullptr;
    if (S.isPreTrace(V.Name)) {
      Y.PreTraces[V.Name] = add(Base + ".pre." + V.Name, ElemType::F64, Src->Size, initOf(V.Name));
      PreDecaying |= HasOde;
    } else if (S.isPostTrace(V.Name)) {
      Y.PostTraces[V.Name] =
          add(Base + ".post." + V.Name, ElemType::F64, Tgt->Size, initOf(V.Name));
      PostDecaying |= HasOde;
    } else {
      // A plastic delay stays double (the runtime reads it in seconds).
      const bool Single = P.ValuePrec == ir::Precision::F32 && V.Name != "delay";
      Y.Vars[V.Name] = add(Base + ".syn." + V.Name, Single ? ElemType::F32 : ElemType::F64, 0,
                           initOf(V.Name), true);
      Decaying |= HasOde;
    }
  }
  if (Decaying)
    Y.LastUpdate = add(Base + ".last_update", ElemType::I64, 0, nullptr, true);
  if (PreDecaying)
    Y.PreLast = add(Base + ".pre.last_update", ElemType::I64, Src->Size);
  if (PostDecaying)
    Y.PostLast = add(Base + ".post.last_update", ElemType::I64, Tgt->Size);
  Y.Source = add(Base + ".source", Src->Size <= 65536 ? ElemType::U16 : ElemType::U32, 0, nullptr,
                 true);
  bool Dendritic = P.DelayAt == ir::Projection::DelayKind::Dendritic;
  bool Equal = P.DelaySteps >= 0 && !S.hasPlasticDelay();
  Y.PreRows = Dendritic || Equal;
  Y.PreQueueDelay = Dendritic ? 0 : std::max<int64_t>(P.DelaySteps, 0);
  Y.DeliverDelayed = Dendritic;
  Y.PostColumns = !Dendritic || Equal;
  Y.PostQueueDelay = Dendritic ? std::max<int64_t>(P.DelaySteps, 0) : 0;
  Y.PreEvents = add(Base + ".pre_events", ElemType::U32, 0, nullptr, true);
  Kernels.push_back("pre." + std::to_string(K) + "." + P.name());
  if (!S.OnPost.empty()) {
    if (P.Store == ir::Storage::CSR) {
      Y.PostPtr = add(Base + ".post_ptr", ElemType::U64, Tgt->Size + 1);
      Y.PostSyn = add(Base + ".post_syn", ElemType::U32, 0, nullptr, true);
    }
    Y.PostEvents = add(Base + ".post_events", ElemType::U32, 0, nullptr, true);
    Y.PostKernel = static_cast<int>(Kernels.size());
    Kernels.push_back("post." + std::to_string(K) + "." + P.name());
  }
  if (!S.OnModulator.empty()) {
    Y.ModulatorKernel = static_cast<int>(Kernels.size());
    Kernels.push_back("modulator." + std::to_string(K) + "." + P.name());
  }
}

static nlohmann::json distributionJson(const ir::ValueInit &V) {
  switch (V.K) {
  case ir::ValueInit::Kind::Const:
    return {{"kind", "const"}, {"value", V.A}};
  case ir::ValueInit::Kind::Uniform:
    return {{"kind", "uniform"}, {"low", V.A}, {"high", V.B}};
  case ir::ValueInit::Kind::Normal:
    return {{"kind", "normal"}, {"mean", V.A}, {"std", V.B}};
  case ir::ValueInit::Kind::Linspace:
    return {{"kind", "linspace"}, {"first", V.A}, {"last", V.B}};
  }
  return {};
}

static nlohmann::json valueJson(const ir::ValueInit &V) {
  nlohmann::json J = distributionJson(V);
  if (V.Quant)
    J["quantize"] = {{"offset", V.Quant->Offset}, {"scale", V.Quant->Scale},
                     {"step", V.Quant->Step},     {"lo", V.Quant->Lo},
                     {"hi", V.Quant->Hi}};
  return J;
}

nlohmann::json BufferPlan::synapseJson(size_t K) const {
  using nlohmann::json;
  const ir::Projection &P = N.Projections[K];
  const ir::SynapseModel &S = *N.findSynapse(P.Synapse);
  const SynapseBuffers &Y = Projs[K].Syn;
  json Vars = json::array();
  int DelayVar = -1;
  for (const std::string &V : Y.VarOrder) {
    const ir::StateVar *SV = S.findState(V);
    json J = {{"name", V}, {"unit", SV->D.str()}};
    for (const ir::Decay &D : S.Decays)
      if (D.Var == V) {
        J["decay_rate"] = D.Rate;
        J["decay_offset"] = D.Offset;
      }
    if (auto It = Y.Vars.find(V); It != Y.Vars.end()) {
      J["per"] = "synapse";
      J["buffer"] = It->second;
      if (V == "delay")
        DelayVar = It->second;
    } else if (auto It = Y.PreTraces.find(V); It != Y.PreTraces.end()) {
      J["per"] = "source";
      J["buffer"] = It->second;
    } else {
      J["per"] = "target";
      J["buffer"] = Y.PostTraces.at(V);
    }
    Vars.push_back(J);
  }
  return {{"model", S.Name},
          {"deliver", S.deliveredVar()},
          {"variables", Vars},
          {"delay_variable", DelayVar},
          {"last_update", Y.LastUpdate},
          {"pre_last_update", Y.PreLast},
          {"post_last_update", Y.PostLast},
          {"source_buffer", Y.Source},
          {"post_ptr", Y.PostPtr},
          {"post_syn", Y.PostSyn},
          {"pre_events", Y.PreEvents},
          {"pre_events_by", Y.PreRows ? "neuron" : "synapse"},
          {"pre_event_delay", Y.PreQueueDelay},
          {"post_events", Y.PostEvents},
          {"post_events_by", Y.PostColumns ? "neuron" : "synapse"},
          {"post_event_delay", Y.PostQueueDelay},
          {"post_kernel", Y.PostKernel},
          {"modulator", P.Modulator.empty() ? -1 : N.populationIndex(P.Modulator)},
          {"modulator_kernel", Y.ModulatorKernel},
          {"delay_at", Y.DeliverDelayed ? "dendritic" : "axonal"}};
}

nlohmann::json BufferPlan::synapseRecordingJson(const ir::Recording &R) const {
  using nlohmann::json;
  const ir::Projection &P = N.Projections[size_t(R.Projection)];
  const SynapseBuffers &Y = Projs[size_t(R.Projection)].Syn;
  const ir::SynapseModel &S = *N.findSynapse(P.Synapse);
  json J = {{"kind", "synapse"},
            {"population", N.populationIndex(P.Source)},
            {"projection", R.Projection},
            {"variable", std::find(Y.VarOrder.begin(), Y.VarOrder.end(), R.Var) -
                             Y.VarOrder.begin()}};
  auto list = [](const std::vector<uint64_t> &V) {
    json L = json::array();
    for (uint64_t X : V)
      L.push_back(X);
    return L;
  };
  if (!(R.IsSlice && R.Lo == 0 && R.Hi == N.findPopulation(P.Source)->Size))
    J["pre"] = list(R.selected());
  if (!(R.PostIsSlice && R.PostLo == 0 && R.PostHi == N.findPopulation(P.Target)->Size))
    J["post"] = list(R.selectedPost());
  if (R.AtEnd)
    J["at_end"] = true;
  else
    J["every"] = R.IntervalSteps;
  UnitInfo U = displayUnitFor(S.findState(R.Var)->D);
  J["display_unit"] = U.Name;
  J["display_scale"] = 1.0 / U.Scale;
  return J;
}

std::string BufferPlan::descriptor() const {
  using nlohmann::json;
  json D;
  D["abi"] = 1;
  D["network"] = N.Name;
  D["dt"] = N.Sim.Dt;
  D["duration"] = N.Sim.Duration;
  D["seed"] = N.Sim.Seed;
  D["seed_buffer"] = Seed;
  json Bufs = json::array();
  for (const Buffer &B : Buffers) {
    json J = {{"name", B.Name}, {"type", elemTypeName(B.Type)}, {"size", B.Size}};
    if (B.Dynamic)
      J["dynamic"] = true;
    if (B.Init)
      J["init"] = valueJson(*B.Init);
    Bufs.push_back(J);
  }
  D["buffers"] = Bufs;

  json Pops = json::array();
  for (size_t I = 0; I < N.Populations.size(); ++I) {
    const ir::Population &P = N.Populations[I];
    const PopBuffers &B = this->Pops[I];
    json J = {{"name", P.Name}, {"size", P.Size}, {"kind", ir::popKindName(P.Kind)}};
    if (P.PartitionChunk > 0)
      J["partition_chunk"] = P.PartitionChunk;
    json Vars = json::array();
    if (P.Kind == ir::PopKind::Neuron) {
      const ir::NeuronModel *M = N.findModel(P.Model);
      for (const std::string &V : B.VarOrder) {
        const ir::Variable *Var = M->findVariable(V);
        Vars.push_back({{"name", V},
                        {"kind", M->findState(V) ? "state" : "input"},
                        {"unit", Var->D.str()},
                        {"buffer", B.Vars.at(V)}});
      }
      J["flags"] = B.Flags;
    }
    J["variables"] = Vars;
    if (B.UpdateKernel >= 0)
      J["update_kernel"] = B.UpdateKernel;
    if (B.Counts >= 0)
      J["counts"] = B.Counts;
    J["spike_idx"] = B.SpikeIdx;
    if (B.SpikeMult >= 0)
      J["spike_mult"] = B.SpikeMult;
    J["spike_count"] = B.SpikeCount;
    if (P.Kind == ir::PopKind::SpikeTimes) {
      std::vector<std::pair<int64_t, uint32_t>> S;
      for (size_t K = 0; K < P.SpikeSteps.size(); ++K)
        S.push_back({P.SpikeSteps[K], P.SpikeNeurons[K]});
      std::sort(S.begin(), S.end());
      json Steps = json::array(), Neurons = json::array();
      for (const auto &[St, Nr] : S) {
        Steps.push_back(St);
        Neurons.push_back(Nr);
      }
      J["spike_steps"] = Steps;
      J["spike_neurons"] = Neurons;
    }
    Pops.push_back(J);
  }
  D["populations"] = Pops;

  json Projs = json::array();
  for (size_t K = 0; K < N.Projections.size(); ++K) {
    const ir::Projection &P = N.Projections[K];
    const ProjBuffers &B = this->Projs[K];
    json Rule = {{"kind", ir::ruleName(P.Rule)}};
    if (P.Rule == ir::RuleKind::FixedProbability)
      Rule["p"] = P.P;
    if (P.Rule == ir::RuleKind::FixedIndegree || P.Rule == ir::RuleKind::FixedOutdegree)
      Rule["k"] = P.K;
    if (P.Rule == ir::RuleKind::List) {
      Rule["pre"] = P.ListPre;
      Rule["post"] = P.ListPost;
    }
    json J = {{"name", P.name()},
              {"source", N.populationIndex(P.Source)},
              {"target", N.populationIndex(P.Target)},
              {"port", P.Port},
              {"rule", Rule},
              {"autapses", P.Autapses},
              {"storage", ir::storageName(P.Store)},
              {"weight", P.ListWeights.empty() ? valueJson(P.Weight)
                                               : json{{"kind", "list"}, {"values", P.ListWeights}}},
              {"weight_buffer", B.Weights},
              {"delay_buffer", B.Delays},
              {"max_delay_steps", P.MaxDelaySteps},
              {"kernel", B.Kernel}};
    if (P.DelaySteps >= 0)
      J["delay"] = {{"kind", "const"}, {"steps", P.DelaySteps}};
    else if (B.Plastic && N.findSynapse(P.Synapse)->hasPlasticDelay())
      J["delay"] = {{"kind", "variable"}};
    else if (!P.ListDelaySteps.empty())
      J["delay"] = {{"kind", "list"}, {"steps", P.ListDelaySteps}};
    else
      J["delay"] = valueJson(P.Delay);
    if (B.RowPtr >= 0) {
      J["row_ptr"] = B.RowPtr;
      J["col"] = B.Col;
    }
    if (B.RowEnd >= 0)
      J["row_end"] = B.RowEnd;
    if (B.Range >= 0)
      J["range"] = B.Range;
    if (B.Bits >= 0)
      J["bits"] = B.Bits;
    J["partition"] = P.Part == ir::Projection::Partition::ByTarget ? "by_target" : "sequential";
    if (B.Plastic)
      J["plastic"] = synapseJson(K);
    Projs.push_back(J);
  }
  D["projections"] = Projs;

  json Recs = json::array();
  for (const ir::Recording &R : N.Recordings) {
    int PI = N.populationIndex(R.Pop);
    json J = {{"population", PI}};
    if (R.K == ir::Recording::Kind::Synapse) {
      Recs.push_back(synapseRecordingJson(R));
      continue;
    }
    // Without "neurons" the runtime records the whole population.
    if (!(R.IsSlice && R.Lo == 0 && R.Hi == N.Populations[PI].Size)) {
      json Neurons = json::array();
      for (uint64_t X : R.selected())
        Neurons.push_back(X);
      J["neurons"] = Neurons;
    }
    if (R.K == ir::Recording::Kind::Spikes) {
      J["kind"] = "spikes";
    } else {
      J["kind"] = "state";
      const PopBuffers &B = this->Pops[PI];
      int VarIdx = static_cast<int>(
          std::find(B.VarOrder.begin(), B.VarOrder.end(), R.Var) - B.VarOrder.begin());
      J["variable"] = VarIdx;
      J["every"] = R.IntervalSteps;
      const ir::NeuronModel *M = N.findModel(N.Populations[PI].Model);
      const ir::Variable *Var = M->findVariable(R.Var);
      UnitInfo U = displayUnitFor(Var->D);
      J["display_unit"] = U.Name;
      J["display_scale"] = 1.0 / U.Scale;
    }
    Recs.push_back(J);
  }
  D["recordings"] = Recs;

  // Injections: the runtime writes each value into the input's buffer at its step.
  json Injs = json::array();
  for (const ir::Injection &I : N.Injections) {
    int PI = N.populationIndex(I.Pop);
    const PopBuffers &B = this->Pops[PI];
    int VarIdx = static_cast<int>(std::find(B.VarOrder.begin(), B.VarOrder.end(), I.Var) -
                                  B.VarOrder.begin());
    Injs.push_back({{"population", PI},
                    {"variable", VarIdx},
                    {"steps", I.Steps},
                    {"neurons", I.Neurons},
                    {"values", I.Values}});
  }
  if (!Injs.empty())
    D["injections"] = Injs;
  return D.dump();
}

} // namespace snn::codegen
