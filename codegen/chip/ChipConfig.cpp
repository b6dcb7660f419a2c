//===- codegen/chip/ChipConfig.cpp - building a chip configuration --------------------------===//
#include "codegen/chip/ChipConfig.h"

#include "codegen/llvm/BufferPlan.h"
#include "ir/Printer.h"
#include "snn/runtime.h"
#include "support/Connectivity.h"
#include "support/Error.h"
#include "support/Random.h"
#include "support/Steps.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>

namespace snn::codegen::chip {

using Json = nlohmann::ordered_json;

namespace {

support::ConnectRule::Kind ruleKind(ir::RuleKind K) {
  switch (K) {
  case ir::RuleKind::AllToAll: return support::ConnectRule::Kind::AllToAll;
  case ir::RuleKind::OneToOne: return support::ConnectRule::Kind::OneToOne;
  case ir::RuleKind::FixedProbability: return support::ConnectRule::Kind::FixedProbability;
  case ir::RuleKind::FixedIndegree: return support::ConnectRule::Kind::FixedIndegree;
  case ir::RuleKind::FixedOutdegree: return support::ConnectRule::Kind::FixedOutdegree;
  case ir::RuleKind::List: return support::ConnectRule::Kind::List;
  }
  return support::ConnectRule::Kind::AllToAll;
}

support::DistKind distKind(ir::ValueInit::Kind K) {
  switch (K) {
  case ir::ValueInit::Kind::Const: return support::DistKind::Const;
  case ir::ValueInit::Kind::Uniform: return support::DistKind::Uniform;
  case ir::ValueInit::Kind::Normal: return support::DistKind::Normal;
  case ir::ValueInit::Kind::Linspace: return support::DistKind::Linspace;
  }
  return support::DistKind::Const;
}

/// Value I of Count of V drawn from (Seed, Stream), quantized when V says so: what the runtime
/// writes into the buffer.
double valueOf(const ir::ValueInit &V, uint64_t I, uint64_t Count, uint32_t Seed,
               uint32_t Stream) {
  double X = support::valueAt(distKind(V.K), V.A, V.B, I, Count, Seed, Stream);
  return V.Quant ? double((*V.Quant)(X)) : X;
}

/// One synapse: the projection's source and target neuron, its weight (chip integer) and delay.
struct Synapse {
  uint32_t Pre, Post;
  int64_t Weight;
  int64_t Delay;
};

/// The synapses of projection K, in the runtime's order (CSR by source).
std::vector<Synapse> synapsesOf(const ir::Network &N, size_t K) {
  const ir::Projection &P = N.Projections[K];
  const ir::Population &S = *N.findPopulation(P.Source), &T = *N.findPopulation(P.Target);
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
  const uint32_t Seed = static_cast<uint32_t>(N.Sim.Seed);
  Req.seed = Seed;
  Req.stream = SNN_STREAM(SNN_STREAM_CONNECT, K);
  support::CsrMatrix M = support::buildConnectivity(Req);
  const uint64_t Count = M.synapseCount();
  std::vector<Synapse> Out;
  Out.reserve(Count);
  for (uint32_t R = 0; R < Req.numSources; ++R)
    for (uint64_t J = M.rowPtr[R]; J < M.rowPtr[R + 1]; ++J) {
      Synapse Y;
      Y.Pre = R;
      Y.Post = M.col[J];
      uint64_t L = M.listOrder.empty() ? 0 : M.listOrder[J];
      Y.Weight = !P.ListWeights.empty()
                     ? static_cast<int64_t>(P.ListWeights[L])
                     : static_cast<int64_t>(valueOf(P.Weight, J, Count, Seed,
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

/// What the cores of the partition table hold while the configuration is built.
struct Core {
  const ir::CoreSlice *Slice;
  std::map<std::pair<size_t, uint32_t>, uint32_t> AxonOf; ///< (projection, source) -> axon
  std::vector<std::pair<size_t, uint32_t>> Axons;
  std::vector<uint32_t> SynAxon, SynNeuron;
  std::vector<int64_t> SynWeight, SynDelay;
  std::vector<uint64_t> FanIn; ///< per local neuron
};

/// Bits of synapse memory the synapses of one input axon take under the target's formula.
uint64_t axonBits(const support::TargetDesc &T, uint64_t Synapses, unsigned WeightBits) {
  const support::SynapseCost &C = T.Cost;
  switch (C.K) {
  case support::SynapseCost::Kind::BlockFormula: {
    uint64_t Bits = 0;
    for (uint64_t Left = Synapses; Left > 0;) {
      uint64_t Nb = std::min<uint64_t>(Left, C.MaxPerBlock);
      uint64_t B = Nb * (WeightBits + C.DelayBits + C.TagBits) + C.HeaderBits;
      Bits += (B + C.WordBits - 1) / C.WordBits * C.WordBits;
      Left -= Nb;
    }
    return Bits;
  }
  case support::SynapseCost::Kind::RowsInDram:
    return (C.HeaderWords + Synapses) * C.WordBits;
  case support::SynapseCost::Kind::Crossbar:
  case support::SynapseCost::Kind::None:
    return 0;
  }
  return 0;
}

/// The roles of a family's state variables, in the order of NeuronModel::Formats.
const std::vector<const char *> &familyRoles(support::NeuronFamily F) {
  static const std::vector<const char *> Loihi = {"v", "u", "a_in"};
  static const std::vector<const char *> TrueNorth = {"v"};
  static const std::vector<const char *> Spinnaker = {"v", "exc", "inh"};
  static const std::vector<const char *> None;
  switch (F) {
  case support::NeuronFamily::LoihiCubaLif: return Loihi;
  case support::NeuronFamily::TrueNorth: return TrueNorth;
  case support::NeuronFamily::SpinnakerLif: return Spinnaker;
  case support::NeuronFamily::None: break;
  }
  return None;
}

/// JSON with one member per line and arrays of scalars on one line: readable, and a few times
/// smaller than one value per line.
void writeJson(const Json &J, int Indent, std::string &Out) {
  auto pad = [&](int N) { Out.append(size_t(N), ' '); };
  if (J.is_object()) {
    if (J.empty()) {
      Out += "{}";
      return;
    }
    Out += "{\n";
    size_t I = 0;
    for (auto It = J.begin(); It != J.end(); ++It, ++I) {
      pad(Indent + 1);
      Out += Json(It.key()).dump() + ": ";
      writeJson(It.value(), Indent + 1, Out);
      Out += I + 1 < J.size() ? ",\n" : "\n";
    }
    pad(Indent);
    Out += "}";
    return;
  }
  if (J.is_array()) {
    bool Flat = std::all_of(J.begin(), J.end(), [](const Json &X) {
      return X.is_primitive() ||
             (X.is_array() && std::all_of(X.begin(), X.end(),
                                          [](const Json &Y) { return Y.is_primitive(); }));
    });
    if (Flat) {
      Out += J.dump();
      return;
    }
    Out += "[\n";
    for (size_t I = 0; I < J.size(); ++I) {
      pad(Indent + 1);
      writeJson(J[I], Indent + 1, Out);
      Out += I + 1 < J.size() ? ",\n" : "\n";
    }
    pad(Indent);
    Out += "]";
    return;
  }
  Out += J.dump();
}

std::string count(uint64_t N) {
  std::string S = std::to_string(N), R;
  for (size_t I = 0; I < S.size(); ++I) {
    if (I && (S.size() - I) % 3 == 0)
      R += ',';
    R += S[I];
  }
  return R;
}

} // namespace

std::optional<std::string> buildConfig(const ir::Network &N, const support::TargetDesc &T,
                                       DiagnosticsEngine &D) {
  const uint32_t Seed = static_cast<uint32_t>(N.Sim.Seed);
  BufferPlan Plan(N); // the runtime's buffer numbering names the streams of initial values
  Json Root;
  Root["format"] = "snnc-chip-config";
  Root["version"] = 1;
  Root["network"] = N.Name;
  Root["target"] = Json::parse(support::targetDescToJson(T));
  Root["dt"] = N.Sim.Dt;
  Root["steps"] = static_cast<int64_t>(support::timeToSteps(N.Sim.Duration, N.Sim.Dt));
  Root["seed"] = Seed;

  // Cores of the partition table, and where each neuron lives.
  std::vector<Core> Cores;
  std::map<std::string, std::vector<size_t>> CoresOf;
  for (const ir::CoreSlice &C : N.Cores) {
    CoresOf[C.Pop].push_back(Cores.size());
    Core K;
    K.Slice = &C;
    K.FanIn.assign(C.Hi - C.Lo, 0);
    Cores.push_back(std::move(K));
  }
  auto coreOf = [&](const std::string &Pop, uint32_t Neuron) -> size_t {
    for (size_t C : CoresOf[Pop])
      if (Neuron >= Cores[C].Slice->Lo && Neuron < Cores[C].Slice->Hi)
        return C;
    return ~size_t(0);
  };

  // Populations.
  Json Pops = Json::array();
  for (size_t PI = 0; PI < N.Populations.size(); ++PI) {
    const ir::Population &P = N.Populations[PI];
    Json J;
    J["name"] = P.Name;
    J["size"] = P.Size;
    if (P.Kind == ir::PopKind::Neuron) {
      const ir::NeuronModel &M = *N.findModel(P.Model);
      if (!M.Chip.set()) {
        D.error(P.Loc, "population '" + P.Name + "' was not quantized for target '" + T.Name +
                           "' (run quantize-for-target)");
        return std::nullopt;
      }
      J["kind"] = "neuron";
      J["family"] = support::neuronFamilyName(M.Chip.Family);
      Json Params = Json::object();
      for (const auto &[Name, V] : M.Chip.Params)
        Params[Name] = V;
      J["params"] = Params;
      J["unit"] = M.Chip.Unit;
      J["origin"] = M.Chip.Origin;
      Json Formats = Json::object(), Init = Json::object();
      for (const ir::NumericFormat &F : M.Formats) {
        Formats[F.Var] = {{"bits", F.Bits}, {"overflow", support::overflowName(F.Over)}};
        const ir::Population::Init *I = P.findInit(F.Var);
        int Buffer = Plan.pop(PI).Vars.at(F.Var);
        std::vector<int64_t> Values(P.Size, 0);
        if (I)
          for (uint64_t K = 0; K < P.Size; ++K)
            Values[K] = static_cast<int64_t>(valueOf(I->Value, K, P.Size, Seed,
                                                     SNN_STREAM(SNN_STREAM_INIT, Buffer)));
        Init[F.Var] = Values;
      }
      J["state"] = Formats;
      J["initial"] = Init;
      // The roles of the state variables in the family's equations: the formats are listed in
      // the family's role order.
      Json Roles = Json::object();
      const std::vector<const char *> &Names = familyRoles(M.Chip.Family);
      for (size_t R = 0; R < Names.size() && R < M.Formats.size(); ++R)
        Roles[Names[R]] = M.Formats[R].Var;
      J["roles"] = Roles;
      Json Slices = Json::array();
      for (size_t C : CoresOf[P.Name])
        Slices.push_back({{"core", C}, {"lo", Cores[C].Slice->Lo}, {"hi", Cores[C].Slice->Hi}});
      J["cores"] = Slices;
    } else if (P.Kind == ir::PopKind::Poisson) {
      J["kind"] = "poisson";
      J["stream"] = SNN_STREAM(SNN_STREAM_POISSON, PI);
      if (!P.hasRateSchedule()) {
        J["rate_hz"] = P.Rate;
      } else {
        Json Rows = Json::array();
        for (size_t R = 0; R < P.RateRows.size(); ++R)
          Rows.push_back({{"step", P.RateSteps[R]}, {"rates_hz", P.RateRows[R]}});
        J["schedule"] = Rows;
      }
    } else {
      J["kind"] = "spike_times";
      std::vector<std::pair<int64_t, uint32_t>> S;
      for (size_t K = 0; K < P.SpikeSteps.size(); ++K)
        S.push_back({P.SpikeSteps[K], P.SpikeNeurons[K]});
      std::sort(S.begin(), S.end());
      Json Spikes = Json::array();
      for (const auto &[Step, Neuron] : S)
        Spikes.push_back({Step, Neuron});
      J["spikes"] = Spikes;
    }
    Pops.push_back(J);
  }
  Root["populations"] = Pops;

  // Projections: synapses into the cores of their targets, routes out of their sources.
  Json Projs = Json::array();
  // Routes: (population, neuron) -> list of (core, axon).
  std::map<std::pair<std::string, uint32_t>, std::vector<std::pair<size_t, uint32_t>>> Routes;
  bool Ok = true;
  for (size_t K = 0; K < N.Projections.size(); ++K) {
    const ir::Projection &P = N.Projections[K];
    std::vector<Synapse> Syn;
    try {
      Syn = synapsesOf(N, K);
    } catch (const support::Error &E) {
      D.error(P.Loc, E.what());
      return std::nullopt;
    }
    Projs.push_back({{"name", P.name()},
                     {"source", P.Source},
                     {"target", P.Target},
                     {"weight_exp", P.Chip.Exp},
                     {"weight_bits", P.Chip.Bits},
                     {"sign_mode", support::signModeName(P.Chip.Sign)},
                     {"weight_unit", P.Chip.Unit},
                     {"graded", P.Chip.Graded},
                     {"synapses", Syn.size()}});
    for (const Synapse &Y : Syn) {
      size_t C = coreOf(P.Target, Y.Post);
      Core &Co = Cores[C];
      auto [It, New] = Co.AxonOf.insert({{K, Y.Pre}, static_cast<uint32_t>(Co.Axons.size())});
      if (New) {
        Co.Axons.push_back({K, Y.Pre});
        Routes[{P.Source, Y.Pre}].push_back({C, It->second});
      }
      Co.SynAxon.push_back(It->second);
      Co.SynNeuron.push_back(static_cast<uint32_t>(Y.Post - Co.Slice->Lo));
      Co.SynWeight.push_back(Y.Weight);
      Co.SynDelay.push_back(Y.Delay);
      ++Co.FanIn[Y.Post - Co.Slice->Lo];
    }
  }
  Root["projections"] = Projs;

  // Targets with one delay per source neuron (TrueNorth's axonal delays); the host delays the
  // spikes of its inputs as each axon needs.
  if (T.DelaysPerNeuron) {
    std::map<std::pair<std::string, uint32_t>, std::pair<int64_t, size_t>> DelayOf;
    for (size_t C = 0; C < Cores.size() && Ok; ++C)
      for (size_t K = 0; K < Cores[C].SynAxon.size() && Ok; ++K) {
        auto [Proj, Src] = Cores[C].Axons[Cores[C].SynAxon[K]];
        const ir::Projection &P = N.Projections[Proj];
        if (N.findPopulation(P.Source)->Kind != ir::PopKind::Neuron)
          continue;
        auto [It, New] = DelayOf.insert({{P.Source, Src}, {Cores[C].SynDelay[K], Proj}});
        if (!New && It->second.first != Cores[C].SynDelay[K]) {
          D.error(P.Loc, "neuron " + std::to_string(Src) + " of '" + P.Source +
                             "' sends with delays of " + std::to_string(It->second.first) +
                             " and " + std::to_string(Cores[C].SynDelay[K]) +
                             " steps; target '" + T.Name +
                             "' delays the spikes of a neuron by one value (axonal delays)");
          Ok = false;
        }
      }
  }

  // Cores, with their usage checked against the target's limits.
  Json CoresJson = Json::array();
  for (size_t C = 0; C < Cores.size(); ++C) {
    Core &Co = Cores[C];
    const ir::CoreSlice &S = *Co.Slice;
    const ir::Population &Pop = *N.findPopulation(S.Pop);
    std::string Where = "core " + std::to_string(S.Chip) + ":" + std::to_string(S.Core) + " (" +
                        S.Pop + "[" + std::to_string(S.Lo) + ":" + std::to_string(S.Hi) + "])";
    // Synapse memory per input axon.
    std::vector<uint64_t> PerAxon(Co.Axons.size(), 0);
    for (uint32_t A : Co.SynAxon)
      ++PerAxon[A];
    uint64_t Bits = 0;
    for (size_t A = 0; A < Co.Axons.size(); ++A)
      Bits += axonBits(T, PerAxon[A], N.Projections[Co.Axons[A].first].Chip.Bits);
    // Output axons: the distinct (core, axon) targets of this core's neurons.
    uint64_t OutAxons = 0, MaxTargets = 0;
    for (uint64_t Nn = S.Lo; Nn < S.Hi; ++Nn) {
      auto It = Routes.find({S.Pop, static_cast<uint32_t>(Nn)});
      if (It == Routes.end())
        continue;
      OutAxons += It->second.size();
      MaxTargets = std::max<uint64_t>(MaxTargets, It->second.size());
    }
    // SpiNNaker: a core's ring buffer indexes neuron, synapse type and delay in its bits.
    if (T.Family == support::NeuronFamily::SpinnakerLif) {
      auto bitsFor = [](uint64_t N) {
        unsigned B = 0;
        while ((uint64_t(1) << B) < N)
          ++B;
        return B;
      };
      int64_t MaxDelay = 0;
      for (int64_t Dl : Co.SynDelay)
        MaxDelay = std::max(MaxDelay, Dl);
      unsigned Need = bitsFor(S.Hi - S.Lo) + bitsFor(T.Spinnaker.SynapseTypes) +
                      bitsFor(uint64_t(MaxDelay) + 1);
      if (Need > T.Spinnaker.RingBufferBits) {
        D.error(Pop.Loc, Where + " needs " + std::to_string(Need) +
                             " ring-buffer bits (neurons " + std::to_string(bitsFor(S.Hi - S.Lo)) +
                             ", synapse types " + std::to_string(bitsFor(T.Spinnaker.SynapseTypes)) +
                             ", delays " + std::to_string(bitsFor(uint64_t(MaxDelay) + 1)) +
                             "); target '" + T.Name + "' has " +
                             std::to_string(T.Spinnaker.RingBufferBits));
        Ok = false;
      }
    }
    uint64_t MaxFanIn = Co.FanIn.empty() ? 0 : *std::max_element(Co.FanIn.begin(), Co.FanIn.end());
    auto limit = [&](uint64_t Have, uint64_t Max, const std::string &What) {
      if (Max == 0 || Have <= Max)
        return;
      D.error(Pop.Loc, Where + " needs " + count(Have) + " " + What + "; target '" + T.Name +
                           "' has " + count(Max) + " per core");
      Ok = false;
    };
    limit(Bits, T.SynapseMemoryBits, "bits of synapse memory");
    limit(Co.Axons.size(), T.MaxInAxonsPerCore, "input axons");
    limit(OutAxons, T.MaxOutAxonsPerCore, "output axons");
    if (T.MaxFanInPerNeuron && MaxFanIn > T.MaxFanInPerNeuron) {
      D.error(Pop.Loc, Where + ": a neuron has " + count(MaxFanIn) + " inputs; target '" +
                           T.Name + "' allows " + count(T.MaxFanInPerNeuron) + " per neuron");
      Ok = false;
    }
    if (T.MaxTargetsPerNeuron && MaxTargets > T.MaxTargetsPerNeuron) {
      D.error(Pop.Loc, Where + ": a neuron sends to " + count(MaxTargets) +
                           " axons; target '" + T.Name + "' allows " +
                           count(T.MaxTargetsPerNeuron) + " per neuron (relay neurons are needed)");
      Ok = false;
    }
    Json Axons = Json::array();
    for (const auto &[Proj, Src] : Co.Axons)
      Axons.push_back({Proj, Src});
    CoresJson.push_back({{"chip", S.Chip},
                         {"core", S.Core},
                         {"population", S.Pop},
                         {"lo", S.Lo},
                         {"hi", S.Hi},
                         {"axons", Axons},
                         {"synapses",
                          {{"axon", Co.SynAxon},
                           {"neuron", Co.SynNeuron},
                           {"weight", Co.SynWeight},
                           {"delay", Co.SynDelay}}},
                         {"usage",
                          {{"neurons", S.Hi - S.Lo},
                           {"synapses", Co.SynAxon.size()},
                           {"synapse_bits", Bits},
                           {"in_axons", Co.Axons.size()},
                           {"out_axons", OutAxons},
                           {"max_fan_in", MaxFanIn}}}});
  }
  if (!Ok)
    return std::nullopt;
  Root["cores"] = CoresJson;

  // Routes of every source neuron that reaches a core: [population, neuron, [[core, axon]...]].
  Json RoutesJson = Json::array();
  for (const auto &[Key, To] : Routes) {
    Json T2 = Json::array();
    for (const auto &[C, A] : To)
      T2.push_back({C, A});
    RoutesJson.push_back({Key.first, Key.second, T2});
  }
  Root["routes"] = RoutesJson;

  // Recordings.
  Json Recs = Json::array();
  for (const ir::Recording &R : N.Recordings) {
    if (R.K == ir::Recording::Kind::Synapse)
      continue;
    Json J = {{"population", R.Pop}, {"neurons", R.selected()}};
    if (R.K == ir::Recording::Kind::Spikes) {
      J["kind"] = "spikes";
    } else {
      J["kind"] = "state";
      J["variable"] = R.Var;
      J["every"] = R.IntervalSteps > 0 ? R.IntervalSteps : 1;
    }
    Recs.push_back(J);
  }
  Root["recordings"] = Recs;
  std::string Text;
  writeJson(Root, 0, Text);
  return Text;
}

} // namespace snn::codegen::chip
