//===- support/TargetDesc.cpp - reading and writing target descriptions ---------------------===//
//
// Every field is optional unless docs/targets.md says otherwise; a field that is present must
// have the right type and range. Unknown fields are errors (a misspelt limit must not be
// silently ignored), with a did-you-mean among the fields of that object.
//
//===----------------------------------------------------------------------------------------===//
#include "support/TargetDesc.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <set>

namespace snn::support {

using Json = nlohmann::json;

const char *neuronFamilyName(NeuronFamily F) {
  switch (F) {
  case NeuronFamily::None: return "none";
  case NeuronFamily::LoihiCubaLif: return "loihi_cuba_lif";
  case NeuronFamily::TrueNorth: return "truenorth";
  case NeuronFamily::SpinnakerLif: return "spinnaker_lif";
  }
  return "?";
}

const char *overflowName(Overflow O) {
  switch (O) {
  case Overflow::Wrap: return "wrap";
  case Overflow::WrapOnce: return "wrap_once";
  case Overflow::Saturate: return "saturate";
  }
  return "?";
}

const char *signModeName(SignMode M) {
  switch (M) {
  case SignMode::Excitatory: return "excitatory";
  case SignMode::Inhibitory: return "inhibitory";
  case SignMode::Mixed: return "mixed";
  }
  return "?";
}

namespace {

/// Edit distance, for did-you-mean on field names.
unsigned distance(const std::string &A, const std::string &B) {
  std::vector<unsigned> Row(B.size() + 1);
  for (size_t J = 0; J <= B.size(); ++J)
    Row[J] = static_cast<unsigned>(J);
  for (size_t I = 1; I <= A.size(); ++I) {
    unsigned Diag = Row[0];
    Row[0] = static_cast<unsigned>(I);
    for (size_t J = 1; J <= B.size(); ++J) {
      unsigned Up = Row[J];
      Row[J] = std::min({Row[J] + 1, Row[J - 1] + 1, Diag + (A[I - 1] == B[J - 1] ? 0u : 1u)});
      Diag = Up;
    }
  }
  return Row[B.size()];
}

/// Reads the fields of one JSON object, recording what was read and every problem.
class Fields {
public:
  Fields(const Json &J, std::string Path, TargetDescErrors &E) : J(J), Path(std::move(Path)), E(E) {
    if (!J.is_object())
      error(this->Path.empty() ? "a target description must be a JSON object"
                               : "'" + this->Path + "' must be an object");
  }
  ~Fields() {
    if (!J.is_object())
      return;
    for (auto It = J.begin(); It != J.end(); ++It) {
      if (Known.count(It.key()))
        continue;
      std::string Hint;
      unsigned Best = 3;
      for (const std::string &K : Known)
        if (unsigned D = distance(It.key(), K); D < Best) {
          Best = D;
          Hint = K;
        }
      error("unknown field '" + name(It.key()) + "'" +
            (Hint.empty() ? "" : "; did you mean '" + name(Hint) + "'?"));
    }
  }

  std::string name(const std::string &Key) const { return Path.empty() ? Key : Path + "." + Key; }
  void error(const std::string &Msg) { E.Items.push_back({Msg, -1}); }

  /// The member Key (null when absent or null), marking Key as known.
  const Json *get(const std::string &Key) {
    Known.insert(Key);
    if (!J.is_object())
      return nullptr;
    auto It = J.find(Key);
    return It == J.end() || It->is_null() ? nullptr : &*It;
  }

  bool has(const std::string &Key) { return get(Key) != nullptr; }

  void string(const std::string &Key, std::string &Out, bool Required = false) {
    const Json *V = get(Key);
    if (!V) {
      if (Required)
        error("missing field '" + name(Key) + "'");
      return;
    }
    if (!V->is_string())
      return error("'" + name(Key) + "' must be a string");
    Out = V->get<std::string>();
  }

  template <typename T> void integer(const std::string &Key, T &Out, int64_t Lo, int64_t Hi) {
    const Json *V = get(Key);
    if (!V)
      return;
    if (!V->is_number_integer() || V->get<int64_t>() < Lo || V->get<int64_t>() > Hi)
      return error("'" + name(Key) + "' must be an integer from " + std::to_string(Lo) + " to " +
                   std::to_string(Hi) + ", got " + V->dump());
    Out = static_cast<T>(V->get<int64_t>());
  }

  template <typename E>
  void choice(const std::string &Key, E &Out, const std::vector<std::pair<const char *, E>> &Names) {
    const Json *V = get(Key);
    if (!V)
      return;
    std::string List;
    for (size_t I = 0; I < Names.size(); ++I)
      List += std::string(I ? (I + 1 == Names.size() ? " or " : ", ") : "") + "'" +
              Names[I].first + "'";
    if (V->is_string())
      for (const auto &[N, Val] : Names)
        if (V->get<std::string>() == N) {
          Out = Val;
          return;
        }
    error("'" + name(Key) + "' must be " + List + ", got " + V->dump());
  }

  const Json &json() const { return J; }

private:
  const Json &J;
  std::string Path;
  TargetDescErrors &E;
  std::set<std::string> Known;
};

constexpr int64_t Big = 1000000000;

const std::vector<std::pair<const char *, Overflow>> OverflowNames = {
    {"wrap", Overflow::Wrap}, {"wrap_once", Overflow::WrapOnce}, {"saturate", Overflow::Saturate}};
const std::vector<std::pair<const char *, Compare>> CompareNames = {
    {"gt", Compare::Greater}, {"ge", Compare::GreaterEqual}};

void readCore(const Json &J, TargetDesc &T, TargetDescErrors &E) {
  Fields F(J, "core", E);
  F.integer("max_neurons", T.MaxNeuronsPerCore, 1, Big);
  F.integer("max_in_axons", T.MaxInAxonsPerCore, 1, Big);
  F.integer("max_out_axons", T.MaxOutAxonsPerCore, 1, Big);
  F.integer("max_fan_in_per_neuron", T.MaxFanInPerNeuron, 1, Big);
  F.integer("max_targets_per_neuron", T.MaxTargetsPerNeuron, 1, Big);
  F.integer("synapse_memory_bits", T.SynapseMemoryBits, 1, int64_t(1) << 50);
  F.integer("max_populations", T.MaxPopulationsPerCore, 1, Big);
  if (const Json *C = F.get("synapse_cost")) {
    Fields S(*C, "core.synapse_cost", E);
    SynapseCost &K = T.Cost;
    S.choice("kind", K.K,
             {{"block_formula", SynapseCost::Kind::BlockFormula},
              {"crossbar", SynapseCost::Kind::Crossbar},
              {"rows_in_dram", SynapseCost::Kind::RowsInDram}});
    if (!S.has("kind"))
      S.error("missing field 'core.synapse_cost.kind'");
    S.integer("word_bits", K.WordBits, 1, 1024);
    S.integer("header_bits", K.HeaderBits, 0, 1024);
    S.integer("max_per_block", K.MaxPerBlock, 1, 1 << 20);
    S.integer("delay_bits", K.DelayBits, 0, 32);
    S.integer("tag_bits", K.TagBits, 0, 32);
    S.integer("rows", K.Rows, 1, 1 << 20);
    S.integer("cols", K.Cols, 1, 1 << 20);
    S.integer("header_words", K.HeaderWords, 0, 1024);
    if (K.K == SynapseCost::Kind::Crossbar && (K.Rows == 0 || K.Cols == 0))
      S.error("a crossbar needs 'core.synapse_cost.rows' and 'core.synapse_cost.cols'");
  }
}

void readNeuron(const Json &J, TargetDesc &T, TargetDescErrors &E) {
  Fields F(J, "neuron", E);
  F.choice("model", T.Family,
           {{"loihi_cuba_lif", NeuronFamily::LoihiCubaLif},
            {"truenorth", NeuronFamily::TrueNorth},
            {"spinnaker_lif", NeuronFamily::SpinnakerLif}});
  if (!F.has("model"))
    F.error("missing field 'neuron.model'");
  switch (T.Family) {
  case NeuronFamily::LoihiCubaLif: {
    LoihiNeuron &L = T.Loihi;
    F.integer("decay_bits", L.DecayBits, 1, 16);
    F.integer("u_decay_offset", L.UDecayOffset, 0, 1);
    F.integer("v_decay_offset", L.VDecayOffset, 0, 1);
    F.integer("state_bits", L.StateBits, 8, 32);
    F.choice("u_overflow", L.UOverflow, OverflowNames);
    F.choice("v_overflow", L.VOverflow, OverflowNames);
    F.integer("input_shift", L.InputShift, 0, 16);
    F.integer("bias_mantissa_bits", L.BiasMantissaBits, 2, 24);
    F.integer("bias_exponent_max", L.BiasExponentMax, 0, 16);
    F.integer("threshold_mantissa_bits", L.ThresholdMantissaBits, 1, 24);
    F.integer("threshold_shift", L.ThresholdShift, 0, 16);
    F.choice("threshold_compare", L.Cmp, CompareNames);
    F.integer("refractory_max_steps", L.RefractoryMax, 0, 255);
    if (L.ThresholdShift + 3 >= L.StateBits)
      F.error("'neuron.threshold_shift' (" + std::to_string(L.ThresholdShift) +
              ") must be at least 4 below 'neuron.state_bits' (" + std::to_string(L.StateBits) +
              ")");
    if (L.ThresholdMantissaBits + L.ThresholdShift > L.StateBits)
      F.error("'neuron.threshold_mantissa_bits' + 'neuron.threshold_shift' (" +
              std::to_string(L.ThresholdMantissaBits + L.ThresholdShift) +
              ") exceeds 'neuron.state_bits' (" + std::to_string(L.StateBits) + ")");
    break;
  }
  case NeuronFamily::TrueNorth: {
    TrueNorthNeuron &N = T.TN;
    F.integer("state_bits", N.StateBits, 8, 32);
    F.integer("weight_bits", N.WeightBits, 2, 16);
    F.integer("axon_types", N.AxonTypes, 1, 16);
    F.integer("leak_bits", N.LeakBits, 2, 16);
    F.integer("threshold_bits", N.ThresholdBits, 2, 31);
    F.choice("threshold_compare", N.Cmp, CompareNames);
    if (N.ThresholdBits >= N.StateBits)
      F.error("'neuron.threshold_bits' (" + std::to_string(N.ThresholdBits) +
              ") must be below 'neuron.state_bits' (" + std::to_string(N.StateBits) +
              "): V must be able to reach the threshold");
    if (N.WeightBits > N.StateBits || N.LeakBits > N.StateBits)
      F.error("'neuron.weight_bits' and 'neuron.leak_bits' must not exceed 'neuron.state_bits'");
    break;
  }
  case NeuronFamily::SpinnakerLif: {
    SpinnakerNeuron &S = T.Spinnaker;
    F.integer("fraction_bits", S.FractionBits, 1, 30);
    F.integer("integer_bits", S.IntegerBits, 1, 30);
    F.integer("synapse_types", S.SynapseTypes, 2, 2);
    F.integer("weight_bits", S.WeightBits, 1, 16);
    F.integer("ring_buffer_bits", S.RingBufferBits, 1, 24);
    F.choice("threshold_compare", S.Cmp, CompareNames);
    F.integer("refractory_max_steps", S.RefractoryMax, 0, 65535);
    if (S.FractionBits + S.IntegerBits > 31)
      F.error("'neuron.integer_bits' + 'neuron.fraction_bits' must be at most 31");
    break;
  }
  case NeuronFamily::None:
    break;
  }
}

} // namespace

uint64_t axonSynapseBits(const SynapseCost &C, uint64_t Synapses, unsigned WeightBits) {
  switch (C.K) {
  case SynapseCost::Kind::BlockFormula: {
    // Full blocks of MaxPerBlock synapses, then one block of the rest; each rounded up to words.
    auto block = [&](uint64_t Nb) {
      uint64_t B = Nb * (WeightBits + C.DelayBits + C.TagBits) + C.HeaderBits;
      return (B + C.WordBits - 1) / C.WordBits * C.WordBits;
    };
    const uint64_t Full = Synapses / C.MaxPerBlock, Rest = Synapses % C.MaxPerBlock;
    return Full * block(C.MaxPerBlock) + (Rest ? block(Rest) : 0);
  }
  case SynapseCost::Kind::RowsInDram:
    return Synapses ? (C.HeaderWords + Synapses) * C.WordBits : 0;
  case SynapseCost::Kind::Crossbar:
  case SynapseCost::Kind::None:
    return 0;
  }
  return 0;
}

std::pair<int, int> TargetDesc::chipPosition(unsigned Chip) const {
  if (Chip < ChipXY.size())
    return ChipXY[Chip];
  return {int(Chip), 0};
}

unsigned TargetDesc::chipHops(unsigned A, unsigned B) const {
  auto [AX, AY] = chipPosition(A);
  auto [BX, BY] = chipPosition(B);
  int DX = BX - AX, DY = BY - AY;
  if (Links == ChipLinks::Hexagonal && ((DX > 0 && DY > 0) || (DX < 0 && DY < 0)))
    return unsigned(std::max(std::abs(DX), std::abs(DY))); // the diagonal link (1, 1)
  return unsigned(std::abs(DX) + std::abs(DY));
}

unsigned TargetDesc::hops(unsigned ChipA, unsigned CoreA, unsigned ChipB, unsigned CoreB) const {
  if (Links == ChipLinks::Hexagonal || !MeshWidth)
    return chipHops(ChipA, ChipB);
  auto [AX, AY] = chipPosition(ChipA);
  auto [BX, BY] = chipPosition(ChipB);
  const int64_t MH = MeshHeight ? MeshHeight : 1;
  int64_t GX1 = int64_t(AX) * MeshWidth + CoreA % MeshWidth, GY1 = int64_t(AY) * MH + CoreA / MeshWidth;
  int64_t GX2 = int64_t(BX) * MeshWidth + CoreB % MeshWidth, GY2 = int64_t(BY) * MH + CoreB / MeshWidth;
  return unsigned(std::abs(GX1 - GX2) + std::abs(GY1 - GY2));
}

const TargetDesc &nativeTarget() {
  static const TargetDesc T = [] {
    TargetDesc D;
    D.Name = "native";
    D.Description = "this machine: native code through LLVM, in double precision";
    return D;
  }();
  return T;
}

std::optional<TargetDesc> parseTargetDesc(std::string_view Text, TargetDescErrors &E) {
  Json J;
  try {
    J = Json::parse(Text.begin(), Text.end());
  } catch (const Json::parse_error &PE) {
    std::string Msg = PE.what();
    // "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error ..."
    if (size_t K = Msg.find("syntax error"); K != std::string::npos)
      Msg = Msg.substr(K);
    E.Items.push_back({"invalid JSON: " + Msg, static_cast<int64_t>(PE.byte) - 1});
    return std::nullopt;
  }
  TargetDesc T;
  {
    Fields F(J, "", E);
    F.string("name", T.Name, true);
    F.string("description", T.Description);
    if (const Json *S = F.get("sources")) {
      if (!S->is_array())
        F.error("'sources' must be a list of strings");
      else
        for (const Json &X : *S) {
          if (!X.is_string()) {
            F.error("'sources' must be a list of strings");
            break;
          }
          T.Sources.push_back(X.get<std::string>());
        }
    }
    F.choice("backend", T.Backend, {{"native", BackendKind::Native}, {"chip", BackendKind::Chip}});
    if (!F.has("backend"))
      F.error("missing field 'backend'");
    if (const Json *D = F.get("delays")) {
      Fields DF(*D, "delays", E);
      DF.integer("min_steps", T.MinDelaySteps, 0, 65535);
      DF.integer("max_steps", T.MaxDelaySteps, 0, 65535);
      std::string Gran = "per_synapse";
      DF.string("granularity", Gran);
      if (Gran != "per_synapse" && Gran != "per_neuron")
        DF.error("'delays.granularity' must be 'per_synapse' or 'per_neuron', got \"" + Gran +
                 "\"");
      T.DelaysPerNeuron = Gran == "per_neuron";
      if (T.MinDelaySteps > T.MaxDelaySteps)
        DF.error("'delays.min_steps' (" + std::to_string(T.MinDelaySteps) +
                 ") exceeds 'delays.max_steps' (" + std::to_string(T.MaxDelaySteps) + ")");
    }
    if (const Json *I = F.get("index_bits")) {
      T.IndexBits.clear();
      if (!I->is_array() || I->empty())
        F.error("'index_bits' must be a list of 16 and/or 32");
      else
        for (const Json &X : *I) {
          if (!X.is_number_integer() || (X.get<int64_t>() != 16 && X.get<int64_t>() != 32)) {
            F.error("'index_bits' must be a list of 16 and/or 32, got " + I->dump());
            break;
          }
          T.IndexBits.push_back(static_cast<unsigned>(X.get<int64_t>()));
        }
      std::sort(T.IndexBits.begin(), T.IndexBits.end());
    }
    if (const Json *Top = F.get("topology")) {
      Fields TF(*Top, "topology", E);
      TF.integer("chips", T.Chips, 1, 1 << 20);
      TF.integer("cores_per_chip", T.CoresPerChip, 1, 1 << 20);
      TF.integer("mesh_width", T.MeshWidth, 1, 1 << 20);
      TF.integer("mesh_height", T.MeshHeight, 1, 1 << 20);
      TF.choice("chip_links", T.Links,
                {{"mesh", ChipLinks::Mesh}, {"hexagonal", ChipLinks::Hexagonal}});
      if (const Json *G = TF.get("chip_grid")) {
        bool Bad = !G->is_array();
        std::set<std::pair<int, int>> Seen;
        if (!Bad)
          for (const Json &X : *G) {
            if (!X.is_array() || X.size() != 2 || !X[0].is_number_integer() ||
                !X[1].is_number_integer() || X[0].get<int64_t>() < 0 ||
                X[1].get<int64_t>() < 0 || X[0].get<int64_t>() > 255 ||
                X[1].get<int64_t>() > 255) {
              Bad = true;
              break;
            }
            std::pair<int, int> XY{int(X[0].get<int64_t>()), int(X[1].get<int64_t>())};
            if (!Seen.insert(XY).second) {
              TF.error("'topology.chip_grid' places two chips at [" + std::to_string(XY.first) +
                       ", " + std::to_string(XY.second) + "]");
              break;
            }
            T.ChipXY.push_back(XY);
          }
        if (Bad)
          TF.error("'topology.chip_grid' must be a list of [x, y] with x and y from 0 to 255");
        else if (T.ChipXY.size() != T.Chips)
          TF.error("'topology.chip_grid' places " + std::to_string(T.ChipXY.size()) +
                   " chips; 'topology.chips' is " + std::to_string(T.Chips));
      }
      if (T.MeshWidth && T.MeshHeight && uint64_t(T.MeshWidth) * T.MeshHeight < T.CoresPerChip)
        TF.error("'topology.mesh_width' x 'topology.mesh_height' (" +
                 std::to_string(uint64_t(T.MeshWidth) * T.MeshHeight) +
                 ") is less than 'topology.cores_per_chip' (" + std::to_string(T.CoresPerChip) +
                 ")");
    }
    if (const Json *C = F.get("core"))
      readCore(*C, T, E);
    if (const Json *R = F.get("routing")) {
      Fields RF(*R, "routing", E);
      RF.choice("table", T.Routing,
                {{"axons", RoutingKind::Axons}, {"key_mask", RoutingKind::KeyMask}});
      RF.integer("entries_per_chip", T.RoutingEntriesPerChip, 1, Big);
      if (T.Routing == RoutingKind::KeyMask) {
        if (!T.RoutingEntriesPerChip)
          RF.error("a key_mask router needs 'routing.entries_per_chip'");
        // Keys are chip x (8 bits), chip y (8), core (5), neuron (11).
        if (T.CoresPerChip > 32 || T.MaxNeuronsPerCore > 2048)
          RF.error("'routing.table' \"key_mask\" keys hold 32 cores per chip and 2048 neurons "
                   "per core");
      }
    }
    if (const Json *W = F.get("weights")) {
      Fields WF(*W, "weights", E);
      WF.integer("bits", T.WeightBits, 1, 31);
      if (const Json *M = WF.get("mantissa_bits")) {
        if (!M->is_array() || M->empty())
          WF.error("'weights.mantissa_bits' must be a list of integers from 1 to 'weights.bits'");
        else
          for (const Json &X : *M) {
            if (!X.is_number_integer() || X.get<int64_t>() < 1 || X.get<int64_t>() > 31) {
              WF.error("'weights.mantissa_bits' must be a list of integers from 1 to "
                       "'weights.bits', got " + M->dump());
              break;
            }
            T.MantissaBits.push_back(static_cast<unsigned>(X.get<int64_t>()));
          }
        std::sort(T.MantissaBits.begin(), T.MantissaBits.end());
      }
      WF.integer("exponent_min", T.WeightExpMin, -31, 31);
      WF.integer("exponent_max", T.WeightExpMax, -31, 31);
      if (const Json *S = WF.get("sign_modes")) {
        bool Bad = !S->is_array() || S->empty();
        if (!Bad)
          for (const Json &X : *S) {
            std::string N = X.is_string() ? X.get<std::string>() : "";
            if (N == "excitatory")
              T.SignModes.push_back(SignMode::Excitatory);
            else if (N == "inhibitory")
              T.SignModes.push_back(SignMode::Inhibitory);
            else if (N == "mixed")
              T.SignModes.push_back(SignMode::Mixed);
            else
              Bad = true;
          }
        if (Bad)
          WF.error("'weights.sign_modes' must be a list of 'excitatory', 'inhibitory' and "
                   "'mixed'");
      }
      if (T.WeightExpMin > T.WeightExpMax)
        WF.error("'weights.exponent_min' exceeds 'weights.exponent_max'");
      for (unsigned B : T.MantissaBits)
        if (B > T.WeightBits) {
          WF.error("'weights.mantissa_bits' has " + std::to_string(B) +
                   ", more than 'weights.bits' (" + std::to_string(T.WeightBits) + ")");
          break;
        }
    }
    if (const Json *N = F.get("neuron"))
      readNeuron(*N, T, E);
  }
  if (T.isChip()) {
    auto need = [&](bool Ok, const char *Field) {
      if (!Ok)
        E.Items.push_back({std::string("a chip target needs '") + Field + "'", -1});
    };
    need(T.CoresPerChip > 0, "topology.cores_per_chip");
    need(T.MaxNeuronsPerCore > 0, "core.max_neurons");
    need(T.Family != NeuronFamily::None, "neuron.model");
    need(T.WeightBits > 0, "weights.bits");
  } else if (T.Family != NeuronFamily::None) {
    E.Items.push_back({"'neuron' describes chip arithmetic; a native target has none", -1});
  }
  if (!E.empty())
    return std::nullopt;
  if (T.MantissaBits.empty() && T.WeightBits)
    T.MantissaBits = {T.WeightBits};
  if (T.SignModes.empty())
    T.SignModes = {SignMode::Excitatory, SignMode::Inhibitory, SignMode::Mixed};
  return T;
}

std::string targetDescToJson(const TargetDesc &T) {
  Json J;
  J["name"] = T.Name;
  if (!T.Description.empty())
    J["description"] = T.Description;
  if (!T.Sources.empty())
    J["sources"] = T.Sources;
  J["backend"] = T.isChip() ? "chip" : "native";
  J["delays"] = {{"min_steps", T.MinDelaySteps},
                 {"max_steps", T.MaxDelaySteps},
                 {"granularity", T.DelaysPerNeuron ? "per_neuron" : "per_synapse"}};
  if (!T.isChip()) {
    J["index_bits"] = T.IndexBits;
    return J.dump(2);
  }
  Json Top = {{"chips", T.Chips}, {"cores_per_chip", T.CoresPerChip}};
  if (T.MeshWidth)
    Top["mesh_width"] = T.MeshWidth;
  if (T.MeshHeight)
    Top["mesh_height"] = T.MeshHeight;
  Top["chip_links"] = T.Links == ChipLinks::Mesh ? "mesh" : "hexagonal";
  if (!T.ChipXY.empty()) {
    Json G = Json::array();
    for (const auto &[X, Y] : T.ChipXY)
      G.push_back({X, Y});
    Top["chip_grid"] = G;
  }
  J["topology"] = Top;
  J["routing"] = {{"table", T.Routing == RoutingKind::Axons ? "axons" : "key_mask"}};
  if (T.RoutingEntriesPerChip)
    J["routing"]["entries_per_chip"] = T.RoutingEntriesPerChip;
  Json Core = {{"max_neurons", T.MaxNeuronsPerCore}};
  auto opt = [&](Json &O, const char *K, uint64_t V) {
    if (V)
      O[K] = V;
  };
  opt(Core, "max_in_axons", T.MaxInAxonsPerCore);
  opt(Core, "max_out_axons", T.MaxOutAxonsPerCore);
  opt(Core, "max_fan_in_per_neuron", T.MaxFanInPerNeuron);
  opt(Core, "max_targets_per_neuron", T.MaxTargetsPerNeuron);
  opt(Core, "synapse_memory_bits", T.SynapseMemoryBits);
  opt(Core, "max_populations", T.MaxPopulationsPerCore);
  const SynapseCost &C = T.Cost;
  switch (C.K) {
  case SynapseCost::Kind::None:
    break;
  case SynapseCost::Kind::BlockFormula:
    Core["synapse_cost"] = {{"kind", "block_formula"}, {"word_bits", C.WordBits},
                            {"header_bits", C.HeaderBits}, {"max_per_block", C.MaxPerBlock},
                            {"delay_bits", C.DelayBits}, {"tag_bits", C.TagBits}};
    break;
  case SynapseCost::Kind::Crossbar:
    Core["synapse_cost"] = {{"kind", "crossbar"}, {"rows", C.Rows}, {"cols", C.Cols}};
    break;
  case SynapseCost::Kind::RowsInDram:
    Core["synapse_cost"] = {{"kind", "rows_in_dram"}, {"word_bits", C.WordBits},
                            {"header_words", C.HeaderWords}};
    break;
  }
  J["core"] = Core;
  Json Signs = Json::array();
  for (SignMode M : T.SignModes)
    Signs.push_back(signModeName(M));
  J["weights"] = {{"bits", T.WeightBits},     {"mantissa_bits", T.MantissaBits},
                  {"exponent_min", T.WeightExpMin}, {"exponent_max", T.WeightExpMax},
                  {"sign_modes", Signs}};
  auto cmp = [](Compare C) { return C == Compare::Greater ? "gt" : "ge"; };
  Json N = {{"model", neuronFamilyName(T.Family)}};
  switch (T.Family) {
  case NeuronFamily::LoihiCubaLif: {
    const LoihiNeuron &L = T.Loihi;
    N.update({{"decay_bits", L.DecayBits},
              {"u_decay_offset", L.UDecayOffset},
              {"v_decay_offset", L.VDecayOffset},
              {"state_bits", L.StateBits},
              {"u_overflow", overflowName(L.UOverflow)},
              {"v_overflow", overflowName(L.VOverflow)},
              {"input_shift", L.InputShift},
              {"bias_mantissa_bits", L.BiasMantissaBits},
              {"bias_exponent_max", L.BiasExponentMax},
              {"threshold_mantissa_bits", L.ThresholdMantissaBits},
              {"threshold_shift", L.ThresholdShift},
              {"threshold_compare", cmp(L.Cmp)},
              {"refractory_max_steps", L.RefractoryMax}});
    break;
  }
  case NeuronFamily::TrueNorth:
    N.update({{"state_bits", T.TN.StateBits},
              {"weight_bits", T.TN.WeightBits},
              {"axon_types", T.TN.AxonTypes},
              {"leak_bits", T.TN.LeakBits},
              {"threshold_bits", T.TN.ThresholdBits},
              {"threshold_compare", cmp(T.TN.Cmp)}});
    break;
  case NeuronFamily::SpinnakerLif:
    N.update({{"fraction_bits", T.Spinnaker.FractionBits},
              {"integer_bits", T.Spinnaker.IntegerBits},
              {"synapse_types", T.Spinnaker.SynapseTypes},
              {"weight_bits", T.Spinnaker.WeightBits},
              {"ring_buffer_bits", T.Spinnaker.RingBufferBits},
              {"threshold_compare", cmp(T.Spinnaker.Cmp)},
              {"refractory_max_steps", T.Spinnaker.RefractoryMax}});
    break;
  case NeuronFamily::None:
    break;
  }
  J["neuron"] = N;
  return J.dump(2);
}

} // namespace snn::support
