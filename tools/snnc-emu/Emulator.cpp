//===- tools/snnc-emu/Emulator.cpp - reading a configuration and stepping it ----------------===//
#include "tools/snnc-emu/Emulator.h"

#include "support/Csv.h"
#include "support/FixedPoint.h"
#include "support/Poisson.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace snn::emu {

using Json = nlohmann::json;

namespace {

/// The member Key of object J at Path, or a ConfigError naming it.
const Json &field(const Json &J, const std::string &Path, const char *Key) {
  if (!J.is_object())
    throw ConfigError("'" + Path + "' must be an object");
  auto It = J.find(Key);
  if (It == J.end())
    throw ConfigError("missing field '" + (Path.empty() ? "" : Path + ".") + Key + "'");
  return *It;
}

template <typename T> T get(const Json &J, const std::string &Path, const char *Key) {
  const Json &V = field(J, Path, Key);
  try {
    return V.get<T>();
  } catch (const Json::exception &) {
    throw ConfigError("'" + (Path.empty() ? "" : Path + ".") + Key + "' has the wrong type");
  }
}

std::string at(const std::string &Path, size_t I) { return Path + "[" + std::to_string(I) + "]"; }

} // namespace

Emulator::Emulator(const std::string &Text) {
  Json Root;
  try {
    Root = Json::parse(Text);
  } catch (const Json::parse_error &E) {
    throw ConfigError(std::string("invalid JSON: ") + E.what());
  }
  if (get<std::string>(Root, "", "format") != "snnc-chip-config")
    throw ConfigError("not a chip configuration ('format' is not \"snnc-chip-config\")");
  if (get<int>(Root, "", "version") != 1)
    throw ConfigError("configuration version " + std::to_string(get<int>(Root, "", "version")) +
                      " is not supported (this emulator reads version 1)");
  Name = get<std::string>(Root, "", "network");
  support::TargetDescErrors TE;
  auto T = support::parseTargetDesc(field(Root, "", "target").dump(), TE);
  if (!T)
    throw ConfigError("'target': " + TE.Items.front().Message);
  Target = *T;
  Dt = get<double>(Root, "", "dt");
  DefaultSteps = get<int64_t>(Root, "", "steps");
  Seed = get<uint32_t>(Root, "", "seed");
  if (!(Dt > 0) || DefaultSteps < 0)
    throw ConfigError("'dt' must be positive and 'steps' not negative");

  std::map<std::string, size_t> PopIndex;
  const Json &PJ = field(Root, "", "populations");
  for (size_t I = 0; I < PJ.size(); ++I) {
    std::string Path = at("populations", I);
    const Json &J = PJ[I];
    Population P;
    P.Name = get<std::string>(J, Path, "name");
    P.Size = get<uint32_t>(J, Path, "size");
    std::string Kind = get<std::string>(J, Path, "kind");
    if (Kind == "neuron") {
      P.K = Population::Kind::Neuron;
      ChipPopulation &C = P.Chip;
      std::string Family = get<std::string>(J, Path, "family");
      if (Family != support::neuronFamilyName(Target.Family))
        throw ConfigError("'" + Path + ".family' is \"" + Family + "\", but target '" +
                          Target.Name + "' runs '" + support::neuronFamilyName(Target.Family) +
                          "'");
      C.Family = Target.Family;
      C.Params = get<std::map<std::string, int64_t>>(J, Path, "params");
      C.RoleName = get<std::map<std::string, std::string>>(J, Path, "roles");
      const Json &States = field(J, Path, "state");
      const Json &Init = field(J, Path, "initial");
      for (const auto &[Role, Var] : C.RoleName) {
        const Json &F = field(States, Path + ".state", Var.c_str());
        std::string Over = get<std::string>(F, Path + ".state." + Var, "overflow");
        support::Overflow O = Over == "wrap"        ? support::Overflow::Wrap
                              : Over == "wrap_once" ? support::Overflow::WrapOnce
                                                    : support::Overflow::Saturate;
        C.Format[Role] = {get<unsigned>(F, Path + ".state." + Var, "bits"), O};
        C.State[Role] = get<std::vector<int64_t>>(Init, Path + ".initial", Var.c_str());
        if (C.State[Role].size() != P.Size)
          throw ConfigError("'" + Path + ".initial." + Var + "' has " +
                            std::to_string(C.State[Role].size()) + " values for " +
                            std::to_string(P.Size) + " neurons");
      }
      C.Refractory.assign(P.Size, 0);
    } else if (Kind == "poisson") {
      P.K = Population::Kind::Poisson;
      P.Stream = get<uint32_t>(J, Path, "stream");
      if (J.contains("schedule")) {
        for (const Json &Row : J["schedule"]) {
          P.ScheduleSteps.push_back(get<int64_t>(Row, Path + ".schedule", "step"));
          P.ScheduleRates.push_back(get<std::vector<double>>(Row, Path + ".schedule", "rates_hz"));
        }
      } else {
        P.Rate = get<double>(J, Path, "rate_hz");
        P.Thresholds = support::poissonThresholds(support::poissonCdf(P.Rate * Dt));
      }
    } else if (Kind == "spike_times") {
      P.K = Population::Kind::SpikeTimes;
      for (const Json &S : field(J, Path, "spikes"))
        P.Spikes.push_back({S.at(0).get<int64_t>(), S.at(1).get<uint32_t>()});
      std::sort(P.Spikes.begin(), P.Spikes.end());
    } else {
      throw ConfigError("'" + Path + ".kind' must be \"neuron\", \"poisson\" or \"spike_times\"");
    }
    PopIndex[P.Name] = Pops.size();
    Pops.push_back(std::move(P));
  }
  auto popNamed = [&](const std::string &N, const std::string &Path) {
    auto It = PopIndex.find(N);
    if (It == PopIndex.end())
      throw ConfigError("'" + Path + "' names the unknown population '" + N + "'");
    return It->second;
  };

  const Json &RJ = field(Root, "", "projections");
  for (size_t I = 0; I < RJ.size(); ++I) {
    std::string Path = at("projections", I);
    Projection P;
    P.Name = get<std::string>(RJ[I], Path, "name");
    P.WeightExp = get<int>(RJ[I], Path, "weight_exp");
    P.WeightBits = get<unsigned>(RJ[I], Path, "weight_bits");
    std::string Sign = get<std::string>(RJ[I], Path, "sign_mode");
    if (Sign == "excitatory")
      P.Sign = support::SignMode::Excitatory;
    else if (Sign == "inhibitory")
      P.Sign = support::SignMode::Inhibitory;
    else if (Sign == "mixed")
      P.Sign = support::SignMode::Mixed;
    else
      throw ConfigError("'" + Path + ".sign_mode' must be \"excitatory\", \"inhibitory\" or "
                        "\"mixed\"");
    if (P.WeightBits < 1 || P.WeightBits > Target.WeightBits)
      throw ConfigError("'" + Path + ".weight_bits' must be from 1 to " +
                        std::to_string(Target.WeightBits));
    P.Graded = get<bool>(RJ[I], Path, "graded");
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
  const Json &CJ = field(Root, "", "cores");
  for (size_t I = 0; I < CJ.size(); ++I) {
    std::string Path = at("cores", I);
    const Json &J = CJ[I];
    Core C;
    C.Population = popNamed(get<std::string>(J, Path, "population"), Path + ".population");
    C.Lo = get<uint32_t>(J, Path, "lo");
    C.Hi = get<uint32_t>(J, Path, "hi");
    if (C.Hi < C.Lo || C.Hi > Pops[C.Population].Size)
      throw ConfigError("'" + Path + "' holds neurons outside its population");
    uint32_t Width = C.Hi - C.Lo;
    for (const Json &A : field(J, Path, "axons")) {
      Axon Ax;
      Ax.Projection = A.at(0).get<uint32_t>();
      if (Ax.Projection >= Projs.size())
        throw ConfigError("'" + Path + ".axons' names projection " +
                          std::to_string(Ax.Projection) + ", which does not exist");
      C.Axons.push_back(Ax);
    }
    const Json &S = field(J, Path, "synapses");
    auto Ax = get<std::vector<uint32_t>>(S, Path + ".synapses", "axon");
    auto Ne = get<std::vector<uint32_t>>(S, Path + ".synapses", "neuron");
    auto We = get<std::vector<int64_t>>(S, Path + ".synapses", "weight");
    auto De = get<std::vector<int64_t>>(S, Path + ".synapses", "delay");
    if (Ne.size() != Ax.size() || We.size() != Ax.size() || De.size() != Ax.size())
      throw ConfigError("'" + Path + ".synapses' has columns of different lengths");
    std::map<std::pair<uint32_t, int64_t>, int64_t> Longest;
    for (size_t K = 0; K < Ax.size(); ++K) {
      if (Ax[K] >= C.Axons.size() || Ne[K] >= Width || De[K] < 0)
        throw ConfigError("'" + Path + ".synapses' entry " + std::to_string(K) +
                          " names an axon, neuron or delay out of range");
      Axon &A = C.Axons[Ax[K]];
      A.Neuron.push_back(Ne[K]);
      // The weight as the chip stores it: clipped to its sign mode and truncated to its bits.
      const Projection &Pr = Projs[A.Projection];
      A.Weight.push_back(Target.Family == support::NeuronFamily::LoihiCubaLif
                             ? support::fx::loihiStoredWeight(We[K], Pr.Sign, Pr.WeightBits,
                                                              Target.WeightBits)
                             : We[K]);
      A.Delay.push_back(De[K]);
      A.GroupKeys.push_back(groupKey(A.Projection, De[K]));
      ++Synapses;
      auto [It, New] = C.GroupOf.insert({groupKey(A.Projection, De[K]), C.Groups.size()});
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

  Routes.resize(Pops.size());
  for (size_t P = 0; P < Pops.size(); ++P)
    Routes[P].resize(Pops[P].Size);
  for (const Json &R : field(Root, "", "routes")) {
    size_t P = popNamed(R.at(0).get<std::string>(), "routes");
    uint32_t Nn = R.at(1).get<uint32_t>();
    if (Nn >= Pops[P].Size)
      throw ConfigError("'routes' names neuron " + std::to_string(Nn) + " of '" + Pops[P].Name +
                        "', which has " + std::to_string(Pops[P].Size));
    for (const Json &To : R.at(2)) {
      uint32_t C = To.at(0).get<uint32_t>(), A = To.at(1).get<uint32_t>();
      if (C >= Cores.size() || A >= Cores[C].Axons.size())
        throw ConfigError("'routes' sends to a core or axon that does not exist");
      Routes[P][Nn].push_back({C, A});
    }
  }

  for (const Json &J : field(Root, "", "recordings")) {
    Recording R;
    R.Population = popNamed(get<std::string>(J, "recordings", "population"), "recordings");
    R.Neurons = get<std::vector<uint32_t>>(J, "recordings", "neurons");
    for (uint32_t Nn : R.Neurons)
      if (Nn >= Pops[R.Population].Size)
        throw ConfigError("a recording selects neuron " + std::to_string(Nn) + " of '" +
                          Pops[R.Population].Name + "'");
    R.Spikes = get<std::string>(J, "recordings", "kind") == "spikes";
    if (!R.Spikes) {
      std::string Var = get<std::string>(J, "recordings", "variable");
      R.Every = std::max<int64_t>(1, get<int64_t>(J, "recordings", "every"));
      R.Column = Var;
      for (const auto &[Role, Name] : Pops[R.Population].Chip.RoleName)
        if (Name == Var)
          R.Role = Role;
      if (R.Role.empty())
        throw ConfigError("a recording of '" + Pops[R.Population].Name + "." + Var +
                          "' names no state variable of the chip neuron");
    }
    Recs.push_back(std::move(R));
  }
  record(); // the initial state (step 0)
}

void Emulator::run(int64_t Steps) {
  for (int64_t I = 0; I < Steps; ++I)
    stepOnce();
}

void Emulator::stepOnce() {
  ++Step;
  for (Population &P : Pops)
    P.Fired.clear();
  for (Core &C : Cores)
    updateCore(C);
  // Spikes of each core's neurons, in neuron order per population.
  for (Population &P : Pops)
    std::sort(P.Fired.begin(), P.Fired.end());
  emitGenerators();
  route();
  record();
}

void Emulator::updateCore(Core &C) {
  Population &P = Pops[C.Population];
  const uint32_t Width = C.Hi - C.Lo;
  for (uint32_t I = 0; I < Width; ++I) {
    int64_t In[2] = {0, 0};
    for (InputGroup &G : C.Groups) {
      int64_t &Slot = G.Ring[uint64_t((Step - 1) % int64_t(G.Slots)) * Width + I];
      In[G.Channel] += G.Shifted ? support::fx::shiftFloor(Slot, G.WeightExp) : Slot;
      Slot = 0;
    }
    if (updateNeuron(P.Chip, Target, C.Lo + I, In)) {
      P.Fired.push_back({C.Lo + I, 1});
      ++P.SpikeCount;
    }
  }
}

void Emulator::emitGenerators() {
  for (Population &P : Pops) {
    if (P.K == Population::Kind::Poisson) {
      if (!P.ScheduleSteps.empty()) {
        // The row in force for the interval ((s-1) dt, s dt]: the last starting at or before
        // step s - 1.
        size_t Row = std::upper_bound(P.ScheduleSteps.begin(), P.ScheduleSteps.end(), Step - 1) -
                     P.ScheduleSteps.begin();
        if (Row == 0)
          continue;
        const std::vector<double> &Rates = P.ScheduleRates[Row - 1];
        for (uint32_t I = 0; I < P.Size; ++I) {
          double Rate = Rates[Rates.size() == 1 ? 0 : I];
          uint32_t K = support::poissonScheduleCount(Seed, P.Stream, Step, I, Rate * Dt);
          if (K)
            P.Fired.push_back({I, K});
          P.SpikeCount += K;
        }
      } else {
        for (uint32_t I = 0; I < P.Size; ++I) {
          uint32_t K = support::poissonCountFromWord(
              support::poissonWord(Seed, P.Stream, Step, I), P.Thresholds);
          if (K)
            P.Fired.push_back({I, K});
          P.SpikeCount += K;
        }
      }
    } else if (P.K == Population::Kind::SpikeTimes) {
      while (P.NextSpike < P.Spikes.size() && P.Spikes[P.NextSpike].first < Step)
        ++P.NextSpike;
      while (P.NextSpike < P.Spikes.size() && P.Spikes[P.NextSpike].first == Step) {
        uint32_t Nn = P.Spikes[P.NextSpike].second;
        if (!P.Fired.empty() && P.Fired.back().first == Nn)
          ++P.Fired.back().second;
        else
          P.Fired.push_back({Nn, 1});
        ++P.SpikeCount;
        ++P.NextSpike;
      }
    }
  }
}

void Emulator::route() {
  for (size_t PI = 0; PI < Pops.size(); ++PI)
    for (const auto &[Neuron, Count] : Pops[PI].Fired)
      for (const auto &[CI, AI] : Routes[PI][Neuron]) {
        Core &C = Cores[CI];
        const Axon &A = C.Axons[AI];
        const int64_t Payload = Projs[A.Projection].Graded ? Count : 1;
        const uint32_t Width = C.Hi - C.Lo;
        for (size_t K = 0; K < A.Neuron.size(); ++K) {
          InputGroup &G = C.Groups[C.GroupOf.at(A.GroupKeys[K])];
          uint64_t Slot = uint64_t(Step + A.Delay[K]) % G.Slots;
          G.Ring[Slot * Width + A.Neuron[K]] += A.Weight[K] * Payload;
        }
      }
}

void Emulator::record() {
  for (Recording &R : Recs) {
    const Population &P = Pops[R.Population];
    if (R.Spikes) {
      if (Step == 0)
        continue;
      for (const auto &[Neuron, Count] : P.Fired)
        if (std::find(R.Neurons.begin(), R.Neurons.end(), Neuron) != R.Neurons.end())
          for (uint32_t K = 0; K < Count; ++K)
            R.SpikeRows.push_back({Step, Neuron});
      continue;
    }
    if (Step % R.Every != 0)
      continue;
    R.SampleSteps.push_back(Step);
    const std::vector<int64_t> &V = P.Chip.State.at(R.Role);
    for (uint32_t Nn : R.Neurons)
      R.Samples.push_back(V[Nn]);
  }
}

void Emulator::writeRecordings(const std::string &Dir) const {
  std::filesystem::path Root(Dir);
  std::error_code EC;
  std::filesystem::create_directories(Root, EC);
  if (EC || !std::filesystem::is_directory(Root))
    throw std::runtime_error("cannot create the output directory '" + Dir + "'");
  const double DtMs = Dt * 1000.0;
  auto open = [&](const std::filesystem::path &Path) {
    auto F = std::make_unique<std::ofstream>(Path);
    if (!*F)
      throw std::runtime_error("cannot write '" + Path.string() + "': " + std::strerror(errno));
    return F;
  };
  // One spike file per population, as the runtime writes them.
  std::map<size_t, std::vector<std::pair<int64_t, uint32_t>>> Spikes;
  for (const Recording &R : Recs)
    if (R.Spikes) {
      auto &Rows = Spikes[R.Population];
      Rows.insert(Rows.end(), R.SpikeRows.begin(), R.SpikeRows.end());
    }
  for (auto &[P, Rows] : Spikes) {
    std::stable_sort(Rows.begin(), Rows.end(),
                     [](const auto &A, const auto &B) { return A.first < B.first; });
    auto F = open(Root / ("spikes_" + Pops[P].Name + ".csv"));
    *F << "time_ms,neuron\n";
    for (const auto &[S, Nn] : Rows)
      *F << support::csv::time(S, DtMs) << ',' << Nn << '\n';
    if (!*F)
      throw std::runtime_error("cannot write the spikes of '" + Pops[P].Name + "'");
  }
  for (const Recording &R : Recs) {
    if (R.Spikes)
      continue;
    const Population &P = Pops[R.Population];
    auto F = open(Root / ("state_" + P.Name + "_" + R.Column + ".csv"));
    *F << "time_ms,neuron," << R.Column << "\n";
    for (size_t S = 0; S < R.SampleSteps.size(); ++S)
      for (size_t I = 0; I < R.Neurons.size(); ++I)
        *F << support::csv::time(R.SampleSteps[S], DtMs) << ',' << R.Neurons[I] << ','
           << support::csv::number(double(R.Samples[S * R.Neurons.size() + I]),
                                   support::csv::ValueDigits)
           << '\n';
    if (!*F)
      throw std::runtime_error("cannot write the recording of '" + P.Name + "." + R.Column + "'");
  }
}

} // namespace snn::emu
