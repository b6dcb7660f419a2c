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
  const uint32_t Width = C.Width;
  for (const CoreSlice &S : C.Slices) {
  Population &P = Pops[S.Population];
  for (uint32_t I = S.Offset; I < S.Offset + (S.Hi - S.Lo); ++I) {
    int64_t In[2] = {0, 0};
    for (InputGroup &G : C.Groups) {
      int64_t &Slot = G.Ring[uint64_t((Step - 1) % int64_t(G.Slots)) * Width + I];
      if (!G.Shifted)
        In[G.Channel] += Slot;
      else if (Target.Family == support::NeuronFamily::LoihiCubaLif)
        In[G.Channel] += support::fx::wrap(support::fx::shiftFloor(Slot, G.WeightExp), 32);
      else
        In[G.Channel] += support::fx::shiftFloor(Slot, G.WeightExp);
      Slot = 0;
    }
    const uint32_t Neuron = S.Lo + (I - S.Offset);
    if (updateNeuron(P.Chip, Target, Neuron, In)) {
      P.Fired.push_back({Neuron, 1});
      ++P.SpikeCount;
    }
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
        const uint32_t Width = C.Width;
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
