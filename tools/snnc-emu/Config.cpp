//===- tools/snnc-emu/Config.cpp - reading and checking a chip configuration ----------------===//
//
// Every field the emulator uses is checked before the first step: presence and type, the ranges
// of the family's parameters and of the state formats (from the target description the
// configuration carries), indices of neurons, axons, cores and projections, delays within the
// target's range, generator rates within what the draws handle. A configuration that fails
// any check is a ConfigError naming the field, never a crash or an endless run.
//
//===----------------------------------------------------------------------------------------===//
#include "tools/snnc-emu/ConfigFields.h"
#include "tools/snnc-emu/Emulator.h"

#include "support/FixedPoint.h"
#include "support/Poisson.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

namespace snn::emu {

using namespace fields;

namespace {

double number(const Json &J, const std::string &Path, const std::string &Key) {
  const Json &V = field(J, Path, Key);
  if (!V.is_number() || !std::isfinite(V.get<double>()))
    throw ConfigError("'" + join(Path, Key) + "' must be a finite number");
  return V.get<double>();
}

std::vector<int64_t> integers(const Json &J, const std::string &Path, const std::string &Key,
                              int64_t Lo, int64_t Hi) {
  const Json &A = array(J, Path, Key);
  std::vector<int64_t> Out;
  Out.reserve(A.size());
  for (size_t I = 0; I < A.size(); ++I) {
    const Json &V = A[I];
    // The path is spelt out only for the message of a value out of range.
    if (V.is_number_integer() && (!V.is_number_unsigned() || V.get<uint64_t>() <= INT64_MAX) &&
        V.get<int64_t>() >= Lo && V.get<int64_t>() <= Hi)
      Out.push_back(V.get<int64_t>());
    else
      Out.push_back(integerValue(V, at(join(Path, Key), I), Lo, Hi));
  }
  return Out;
}

/// The largest magnitude of a signed integer of Bits bits.
int64_t signedMax(unsigned Bits) { return (int64_t(1) << (Bits - 1)) - 1; }
int64_t unsignedMax(unsigned Bits) { return (int64_t(1) << Bits) - 1; }

/// The parameters of a family, with their ranges from the target description.
std::vector<std::tuple<const char *, int64_t, int64_t>> familyParams(const support::TargetDesc &T) {
  const int64_t I32 = int64_t(INT32_MAX), U32 = int64_t(UINT32_MAX);
  switch (T.Family) {
  case support::NeuronFamily::LoihiCubaLif: {
    const support::LoihiNeuron &L = T.Loihi;
    return {{"du", 0, unsignedMax(L.DecayBits)},
            {"dv", 0, unsignedMax(L.DecayBits)},
            {"vth", 0, unsignedMax(L.ThresholdMantissaBits)},
            {"bias_mant", -signedMax(L.BiasMantissaBits), signedMax(L.BiasMantissaBits)},
            {"bias_exp", 0, int64_t(L.BiasExponentMax)},
            {"refractory", 0, int64_t(L.RefractoryMax)}};
  }
  case support::NeuronFamily::TrueNorth: {
    const support::TrueNorthNeuron &N = T.TN;
    return {{"alpha", 0, unsignedMax(N.ThresholdBits)},
            {"beta", 0, unsignedMax(N.ThresholdBits)},
            {"leak", -signedMax(N.LeakBits), signedMax(N.LeakBits)},
            {"reset_mode", 0, 2},
            {"reset", -signedMax(N.StateBits), signedMax(N.StateBits)},
            {"kappa", 0, 1}};
  }
  case support::NeuronFamily::SpinnakerLif:
    return {{"v_rest", -I32, I32},    {"v_thresh", -I32, I32},  {"v_reset", -I32, I32},
            {"r", -I32, I32},         {"exp_tc", 0, I32},       {"decay_exc", 0, U32},
            {"init_exc", 0, U32},     {"decay_inh", 0, U32},    {"init_inh", 0, U32},
            {"shift_exc", 0, 31},     {"shift_inh", 0, 31},
            {"refractory", 0, int64_t(T.Spinnaker.RefractoryMax)}};
  case support::NeuronFamily::None:
    break;
  }
  return {};
}

std::vector<const char *> familyRoles(support::NeuronFamily F) {
  switch (F) {
  case support::NeuronFamily::LoihiCubaLif: return {"v", "u", "a_in"};
  case support::NeuronFamily::TrueNorth: return {"v"};
  case support::NeuronFamily::SpinnakerLif: return {"v", "exc", "inh"};
  case support::NeuronFamily::None: break;
  }
  return {};
}

} // namespace

nlohmann::json parseConfig(const std::string &Text) {
  try {
    return Json::parse(Text);
  } catch (const Json::parse_error &E) {
    throw ConfigError(std::string("invalid JSON: ") + E.what());
  }
}

Emulator::Emulator(const std::string &Text) : Emulator(parseConfig(Text)) {}

Emulator::Emulator(const nlohmann::json &Root) {
  Target = readConfigTarget(Root);
  Name = string(Root, "", "network");
  Dt = number(Root, "", "dt");
  if (!(Dt > 0) || Dt > 1e3)
    throw ConfigError("'dt' must be positive (and at most 1000 s)");
  DefaultSteps = integer(Root, "", "steps", 0, int64_t(1) << 40);
  Seed = static_cast<uint32_t>(integer(Root, "", "seed", 0, UINT32_MAX));

  // Populations.
  std::map<std::string, size_t> PopIndex;
  const Json &PJ = array(Root, "", "populations");
  for (size_t I = 0; I < PJ.size(); ++I) {
    std::string Path = at("populations", I);
    const Json &J = PJ[I];
    Population P;
    P.Name = string(J, Path, "name");
    P.Size = static_cast<uint32_t>(integer(J, Path, "size", 0, UINT32_MAX));
    std::string Kind = string(J, Path, "kind");
    if (Kind == "neuron") {
      P.K = Population::Kind::Neuron;
      ChipPopulation &C = P.Chip;
      std::string Family = string(J, Path, "family");
      if (Family != support::neuronFamilyName(Target.Family))
        throw ConfigError("'" + Path + ".family' is \"" + Family + "\", but target '" +
                          Target.Name + "' runs '" + support::neuronFamilyName(Target.Family) +
                          "'");
      C.Family = Target.Family;
      const Json &Params = field(J, Path, "params");
      for (const auto &[Key, Lo, Hi] : familyParams(Target))
        C.Params[Key] = Params.is_object() && !Params.contains(Key) && std::string(Key) == "refractory"
                            ? 0
                            : integer(Params, Path + ".params", Key, Lo, Hi);
      const Json &Roles = field(J, Path, "roles");
      const Json &States = field(J, Path, "state");
      const Json &Init = field(J, Path, "initial");
      for (const char *Role : familyRoles(Target.Family)) {
        std::string Var = string(Roles, Path + ".roles", Role);
        C.RoleName[Role] = Var;
        const Json &F = field(States, Path + ".state", Var);
        std::string FPath = Path + ".state." + Var;
        std::string Over = string(F, FPath, "overflow");
        support::Overflow O;
        if (Over == "wrap")
          O = support::Overflow::Wrap;
        else if (Over == "wrap_once")
          O = support::Overflow::WrapOnce;
        else if (Over == "saturate")
          O = support::Overflow::Saturate;
        else
          throw ConfigError("'" + FPath + ".overflow' must be \"wrap\", \"wrap_once\" or "
                            "\"saturate\"");
        unsigned Bits = static_cast<unsigned>(integer(F, FPath, "bits", 2, 63));
        C.Format[Role] = {Bits, O};
        C.State[Role] = integers(Init, Path + ".initial", Var, -signedMax(Bits) - 1,
                                 signedMax(Bits));
        if (C.State[Role].size() != P.Size)
          throw ConfigError("'" + Path + ".initial." + Var + "' has " +
                            std::to_string(C.State[Role].size()) + " values for " +
                            std::to_string(P.Size) + " neurons");
      }
      C.Refractory.assign(P.Size, 0);
    } else if (Kind == "poisson") {
      P.K = Population::Kind::Poisson;
      P.Stream = static_cast<uint32_t>(integer(J, Path, "stream", 0, UINT32_MAX));
      auto rate = [&](double R, const std::string &What) {
        if (!(R >= 0) || !(R * Dt <= support::MaxPoissonMean)) {
          char Limit[64];
          std::snprintf(Limit, sizeof Limit, "%g Hz (%g spikes per step)",
                        support::MaxPoissonMean / Dt, support::MaxPoissonMean);
          throw ConfigError("'" + What + "' must be from 0 to " + Limit);
        }
        return R;
      };
      if (J.contains("schedule")) {
        const Json &Rows = array(J, Path, "schedule");
        for (size_t R = 0; R < Rows.size(); ++R) {
          std::string RPath = at(Path + ".schedule", R);
          int64_t Step = integer(Rows[R], RPath, "step", 0, int64_t(1) << 40);
          if (!P.ScheduleSteps.empty() && Step < P.ScheduleSteps.back())
            throw ConfigError("'" + RPath + ".step' is before the row above it");
          const Json &Rates = array(Rows[R], RPath, "rates_hz");
          if (Rates.size() != 1 && Rates.size() != P.Size)
            throw ConfigError("'" + RPath + ".rates_hz' has " + std::to_string(Rates.size()) +
                              " rates; give 1 or one per generator (" + std::to_string(P.Size) +
                              ")");
          std::vector<double> Row;
          for (size_t K = 0; K < Rates.size(); ++K) {
            if (!Rates[K].is_number())
              throw ConfigError("'" + at(RPath + ".rates_hz", K) + "' must be a number");
            Row.push_back(rate(Rates[K].get<double>(), at(RPath + ".rates_hz", K)));
          }
          P.ScheduleSteps.push_back(Step);
          P.ScheduleRates.push_back(std::move(Row));
        }
      } else {
        P.Rate = rate(number(J, Path, "rate_hz"), Path + ".rate_hz");
        P.Thresholds = support::poissonThresholds(support::poissonCdf(P.Rate * Dt));
      }
    } else if (Kind == "spike_times") {
      P.K = Population::Kind::SpikeTimes;
      const Json &S = array(J, Path, "spikes");
      for (size_t K = 0; K < S.size(); ++K) {
        std::string SPath = at(Path + ".spikes", K);
        if (!S[K].is_array() || S[K].size() != 2)
          throw ConfigError("'" + SPath + "' must be [step, neuron]");
        int64_t Step = integerValue(S[K][0], SPath + "[0]", 0, int64_t(1) << 40);
        int64_t Nn = integerValue(S[K][1], SPath + "[1]", 0, int64_t(P.Size) - 1);
        P.Spikes.push_back({Step, static_cast<uint32_t>(Nn)});
      }
      std::sort(P.Spikes.begin(), P.Spikes.end());
    } else {
      throw ConfigError("'" + Path + ".kind' must be \"neuron\", \"poisson\" or \"spike_times\"");
    }
    if (!PopIndex.insert({P.Name, Pops.size()}).second)
      throw ConfigError("'" + Path + ".name': two populations are named '" + P.Name + "'");
    Pops.push_back(std::move(P));
  }
  auto popNamed = [&](const std::string &N, const std::string &Path) {
    auto It = PopIndex.find(N);
    if (It == PopIndex.end())
      throw ConfigError("'" + Path + "' names the unknown population '" + N + "'");
    return It->second;
  };

  // Projections.
  const Json &RJ = array(Root, "", "projections");
  for (size_t I = 0; I < RJ.size(); ++I) {
    std::string Path = at("projections", I);
    Projection P;
    P.Name = string(RJ[I], Path, "name");
    P.WeightExp = static_cast<int>(
        integer(RJ[I], Path, "weight_exp", Target.WeightExpMin, Target.WeightExpMax));
    P.WeightBits = static_cast<unsigned>(integer(RJ[I], Path, "weight_bits", 1, Target.WeightBits));
    P.Sign = signMode(RJ[I], Path);
    const Json &G = field(RJ[I], Path, "graded");
    if (!G.is_boolean())
      throw ConfigError("'" + Path + ".graded' must be true or false");
    P.Graded = G.get<bool>();
    Projs.push_back(P);
  }

  // Input groups: one per projection, one per (projection, delay) when its exponent is
  // negative (Lava shifts the sum of each delay separately); on SpiNNaker one per synapse type.
  const bool Spinnaker = Target.Family == support::NeuronFamily::SpinnakerLif;
  auto groupKey = [&](uint32_t Proj, int64_t Delay) -> std::pair<uint32_t, int64_t> {
    if (Spinnaker)
      return {Projs[Proj].Sign == support::SignMode::Inhibitory ? 1u : 0u, -2};
    return {Proj, Projs[Proj].WeightExp < 0 ? Delay : -1};
  };

  // Cores.
  std::map<size_t, std::vector<uint8_t>> Placed; // population -> neuron already on a core
  const int64_t WMax = int64_t(1) << 31;
  const Json &CJ = array(Root, "", "cores");
  for (size_t I = 0; I < CJ.size(); ++I) {
    std::string Path = at("cores", I);
    const Json &J = CJ[I];
    Core C;
    const Json &NJ = array(J, Path, "neurons");
    std::set<size_t> PopsHere;
    for (size_t K = 0; K < NJ.size(); ++K) {
      std::string NPath = at(Path + ".neurons", K);
      if (!NJ[K].is_array() || NJ[K].size() != 3 || !NJ[K][0].is_string())
        throw ConfigError("'" + NPath + "' must be [population, lo, hi]");
      CoreSlice S;
      S.Population = popNamed(NJ[K][0].get<std::string>(), NPath + "[0]");
      Population &Pop = Pops[S.Population];
      if (Pop.K != Population::Kind::Neuron)
        throw ConfigError("'" + NPath + "[0]' is a generator; cores hold chip neurons");
      S.Lo = static_cast<uint32_t>(integerValue(NJ[K][1], NPath + "[1]", 0, Pop.Size));
      S.Hi = static_cast<uint32_t>(integerValue(NJ[K][2], NPath + "[2]", S.Lo, Pop.Size));
      S.Offset = C.Width;
      C.Width += S.Hi - S.Lo;
      if (C.Width > Target.MaxNeuronsPerCore)
        throw ConfigError("'" + Path + ".neurons' holds " + std::to_string(C.Width) +
                          "+ neurons; target '" + Target.Name + "' has " +
                          std::to_string(Target.MaxNeuronsPerCore) + " per core");
      std::vector<uint8_t> &On = Placed[S.Population];
      On.resize(Pop.Size, 0);
      for (uint32_t Nn = S.Lo; Nn < S.Hi; ++Nn)
        if (On[Nn]++)
          throw ConfigError("'" + NPath + "': neuron " + std::to_string(Nn) + " of '" + Pop.Name +
                            "' is on two cores");
      PopsHere.insert(S.Population);
      C.Slices.push_back(S);
    }
    if (Target.MaxPopulationsPerCore && PopsHere.size() > Target.MaxPopulationsPerCore)
      throw ConfigError("'" + Path + ".neurons' holds " + std::to_string(PopsHere.size()) +
                        " populations; target '" + Target.Name + "' has " +
                        std::to_string(Target.MaxPopulationsPerCore) + " per core");
    const uint32_t Width = C.Width;
    const Json &Axons = array(J, Path, "axons");
    for (size_t A = 0; A < Axons.size(); ++A) {
      std::string APath = at(Path + ".axons", A);
      if (!Axons[A].is_array() || Axons[A].size() != 2)
        throw ConfigError("'" + APath + "' must be [projection, source neuron]");
      Axon Ax;
      Ax.Projection = static_cast<uint32_t>(
          integerValue(Axons[A][0], APath + "[0]", 0, int64_t(Projs.size()) - 1));
      C.Axons.push_back(Ax);
    }
    const Json &S = field(J, Path, "synapses");
    std::string SPath = Path + ".synapses";
    auto Ax = integers(S, SPath, "axon", 0, int64_t(C.Axons.size()) - 1);
    auto Ne = integers(S, SPath, "neuron", 0, int64_t(Width) - 1);
    auto We = integers(S, SPath, "weight", -WMax, WMax);
    auto De = integers(S, SPath, "delay", Target.MinDelaySteps, Target.MaxDelaySteps);
    if (Ne.size() != Ax.size() || We.size() != Ax.size() || De.size() != Ax.size())
      throw ConfigError("'" + SPath + "' has columns of different lengths");
    for (size_t K = 0; K < Ax.size(); ++K) {
      Axon &A = C.Axons[size_t(Ax[K])];
      A.Neuron.push_back(static_cast<uint32_t>(Ne[K]));
      // The weight as the chip stores it: clipped to its sign mode and truncated to its bits.
      const Projection &Pr = Projs[A.Projection];
      A.Weight.push_back(Target.Family == support::NeuronFamily::LoihiCubaLif
                             ? support::fx::loihiStoredWeight(We[K], Pr.Sign, Pr.WeightBits,
                                                              Target.WeightBits)
                             : We[K]);
      A.Delay.push_back(De[K]);
      A.GroupKeys.push_back(groupKey(A.Projection, De[K]));
      ++Synapses;
      auto [It, New] = C.GroupOf.insert({A.GroupKeys.back(), C.Groups.size()});
      if (New) {
        InputGroup G;
        G.WeightExp = Pr.WeightExp;
        G.Channel = Spinnaker && Pr.Sign == support::SignMode::Inhibitory ? 1 : 0;
        G.Shifted = !Spinnaker;
        C.Groups.push_back(G);
      }
      InputGroup &G = C.Groups[It->second];
      G.Slots = std::max<uint64_t>(G.Slots, uint64_t(De[K]) + 2);
    }
    for (InputGroup &G : C.Groups)
      G.Ring.assign(G.Slots * Width, 0);
    Cores.push_back(std::move(C));
  }
  for (size_t P = 0; P < Pops.size(); ++P)
    if (Pops[P].K == Population::Kind::Neuron) {
      std::vector<uint8_t> &On = Placed[P];
      On.resize(Pops[P].Size, 0);
      auto Missing = std::find(On.begin(), On.end(), 0);
      if (Missing != On.end())
        throw ConfigError("neuron " + std::to_string(Missing - On.begin()) + " of '" +
                          Pops[P].Name + "' is on no core");
    }

  // Routes.
  Routes.resize(Pops.size());
  for (size_t P = 0; P < Pops.size(); ++P)
    Routes[P].resize(Pops[P].Size);
  const Json &RoutesJ = array(Root, "", "routes");
  for (size_t R = 0; R < RoutesJ.size(); ++R) {
    std::string Path = at("routes", R);
    const Json &E = RoutesJ[R];
    if (!E.is_array() || E.size() != 3 || !E[0].is_string() || !E[2].is_array())
      throw ConfigError("'" + Path + "' must be [population, neuron, [[core, axon], ...]]");
    size_t P = popNamed(E[0].get<std::string>(), Path + "[0]");
    uint32_t Nn = static_cast<uint32_t>(
        integerValue(E[1], Path + "[1]", 0, int64_t(Pops[P].Size) - 1));
    for (size_t K = 0; K < E[2].size(); ++K) {
      const Json &To = E[2][K];
      std::string TPath = at(Path + "[2]", K);
      if (!To.is_array() || To.size() != 2)
        throw ConfigError("'" + TPath + "' must be [core, axon]");
      uint32_t C = static_cast<uint32_t>(
          integerValue(To[0], TPath + "[0]", 0, int64_t(Cores.size()) - 1));
      uint32_t A = static_cast<uint32_t>(
          integerValue(To[1], TPath + "[1]", 0, int64_t(Cores[C].Axons.size()) - 1));
      Routes[P][Nn].push_back({C, A});
    }
  }

  // Recordings.
  const Json &RecJ = array(Root, "", "recordings");
  for (size_t I = 0; I < RecJ.size(); ++I) {
    std::string Path = at("recordings", I);
    const Json &J = RecJ[I];
    Recording R;
    R.Population = popNamed(string(J, Path, "population"), Path + ".population");
    for (int64_t Nn : integers(J, Path, "neurons", 0, int64_t(Pops[R.Population].Size) - 1))
      R.Neurons.push_back(static_cast<uint32_t>(Nn));
    std::string Kind = string(J, Path, "kind");
    if (Kind != "spikes" && Kind != "state")
      throw ConfigError("'" + Path + ".kind' must be \"spikes\" or \"state\"");
    R.Spikes = Kind == "spikes";
    if (!R.Spikes) {
      std::string Var = string(J, Path, "variable");
      R.Every = integer(J, Path, "every", 1, int64_t(1) << 40);
      R.Column = Var;
      for (const auto &[Role, Name] : Pops[R.Population].Chip.RoleName)
        if (Name == Var)
          R.Role = Role;
      if (R.Role.empty())
        throw ConfigError("'" + Path + ".variable': '" + Pops[R.Population].Name + "." + Var +
                          "' is no state variable of its chip neurons");
    }
    Recs.push_back(std::move(R));
  }
  record(); // the initial state (step 0)
}

} // namespace snn::emu
