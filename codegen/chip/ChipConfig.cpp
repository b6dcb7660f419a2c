//===- codegen/chip/ChipConfig.cpp - building a chip configuration --------------------------===//
#include "codegen/chip/ChipConfig.h"

#include "codegen/chip/CoreTables.h"
#include "codegen/chip/DesignRules.h"
#include "codegen/chip/KeyTables.h"
#include "codegen/llvm/BufferPlan.h"
#include "ir/Synapses.h"
#include "ir/Printer.h"
#include "snn/runtime.h"
#include "support/Steps.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

namespace snn::codegen::chip {

using Json = nlohmann::ordered_json;

namespace {

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

  std::optional<ChipTables> Tables = buildCoreTables(N, T, D);
  if (!Tables || !checkDesignRules(N, T, *Tables, D))
    return std::nullopt;
  const std::vector<CoreTable> &Cores = Tables->Cores;
  std::optional<KeyTables> Keys;
  if (T.Routing == support::RoutingKind::KeyMask) {
    Keys = buildKeyTables(N, T, *Tables, D);
    if (!Keys)
      return std::nullopt;
  }

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
            Values[K] = static_cast<int64_t>(ir::initialValue(
                I->Value, K, P.Size, Seed, SNN_STREAM(SNN_STREAM_INIT, Buffer)));
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
      for (size_t C = 0; C < Cores.size(); ++C)
        for (size_t S = 0; S < Cores[C].Slices.size(); ++S)
          if (Cores[C].Slices[S]->Pop == P.Name)
            Slices.push_back({{"core", C},
                              {"lo", Cores[C].Slices[S]->Lo},
                              {"hi", Cores[C].Slices[S]->Hi},
                              {"offset", Cores[C].Offsets[S]}});
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

  // Projections, with the count and digest of their synapses (support/Digest.h).
  Json Projs = Json::array();
  for (size_t K = 0; K < N.Projections.size(); ++K) {
    const ir::Projection &P = N.Projections[K];
    Projs.push_back({{"name", P.name()},
                     {"source", P.Source},
                     {"target", P.Target},
                     {"weight_exp", P.Chip.Exp},
                     {"weight_bits", P.Chip.Bits},
                     {"sign_mode", support::signModeName(P.Chip.Sign)},
                     {"weight_unit", P.Chip.Unit},
                     {"graded", P.Chip.Graded},
                     {"synapses", Tables->ProjectionSynapses[K]},
                     {"digest", Tables->ProjectionDigest[K]}});
  }
  Root["projections"] = Projs;

  // Cores: the neurons they hold, their input axons, synapses and usage.
  Json CoresJson = Json::array();
  for (const CoreTable &C : Cores) {
    Json Neurons = Json::array();
    for (const ir::CoreSlice *S : C.Slices)
      Neurons.push_back({S->Pop, S->Lo, S->Hi});
    Json Axons = Json::array();
    for (const auto &[Proj, Src] : C.Axons)
      Axons.push_back({Proj, Src});
    const CoreUsage &U = C.Use;
    CoresJson.push_back({{"chip", C.Chip},
                         {"core", C.Core},
                         {"neurons", Neurons},
                         {"axons", Axons},
                         {"synapses",
                          {{"axon", C.SynAxon},
                           {"neuron", C.SynNeuron},
                           {"weight", C.SynWeight},
                           {"delay", C.SynDelay}}},
                         {"usage",
                          {{"neurons", U.Neurons},
                           {"synapses", U.Synapses},
                           {"synapse_bits", U.SynapseBits},
                           {"in_axons", U.InAxons},
                           {"out_axons", U.OutAxons},
                           {"max_fan_in", U.MaxFanIn}}}});
    if (Keys)
      CoresJson.back()["key"] = Keys->CoreKey[CoresJson.size() - 1];
  }
  Root["cores"] = CoresJson;

  // The routers' tables of a key/mask target: per chip, [key, mask, route] in match order.
  if (Keys) {
    Json TablesJson = Json::array();
    for (size_t Chip = 0; Chip < Keys->Chips.size(); ++Chip) {
      if (Keys->Chips[Chip].empty())
        continue;
      Json Entries = Json::array();
      for (const support::routing::Entry &E : Keys->Chips[Chip])
        Entries.push_back({E.Key, E.Mask, E.Route});
      TablesJson.push_back({{"chip", Chip},
                            {"uncompressed", Keys->Uncompressed[Chip]},
                            {"entries", Entries}});
    }
    Root["key_tables"] = TablesJson;
  }

  // Routes of every source neuron that reaches a core: [population, neuron, [[core, axon]...]].
  Json RoutesJson = Json::array();
  for (size_t P = 0; P < N.Populations.size(); ++P)
    for (size_t Nn = 0; Nn < Tables->Routes[P].size(); ++Nn) {
      const auto &To = Tables->Routes[P][Nn];
      if (To.empty())
        continue;
      Json T2 = Json::array();
      for (const auto &[C, A] : To)
        T2.push_back({C, A});
      RoutesJson.push_back({N.Populations[P].Name, Nn, T2});
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
