//===- tools/snnc-emu/Validate.cpp - checking a chip configuration against its target -------===//
//
// The checks of `snnc-emu --validate` (docs/chip-config.md, "Validating a configuration"). The
// file's JSON is read once; each core is checked as it is read (its place, slices, axons and
// synapse table, recomputing its synapse memory by support::axonSynapseBits, its fan-in and
// the digest terms of its synapses), then (ValidateRoutes.cpp) the placement of every
// population, the routes, each core's totals and usage, and each projection's synapse count
// and digest. A configuration without violations is then read as the emulator reads it.
//
// It assumes nothing of the file beyond its JSON shape (a field of the wrong type is a
// ConfigError, as the emulator reports it); every cross-reference and every number the file
// claims is recomputed. It guarantees a cost linear in the size of the file, apart from sorting
// the slices of each population and the axons of each core: a configuration of ten million
// synapses validates in seconds. Problems of one kind on one core (a thousand synapses with bad
// weights) are one violation naming the first and counting the rest.
//
//===----------------------------------------------------------------------------------------===//
#include "tools/snnc-emu/Validate.h"

#include "support/Digest.h"
#include "tools/snnc-emu/ConfigFields.h"
#include "tools/snnc-emu/Emulator.h"
#include "tools/snnc-emu/ValidateTables.h"

namespace snn::emu {

namespace validate {

using namespace fields;

namespace {

unsigned bitsFor(uint64_t N) {
  unsigned B = 0;
  while (B < 64 && (uint64_t(1) << B) < N)
    ++B;
  return B;
}

/// Counts per index below Size: an array when Size is small enough for the entries counted,
/// else a hash map (a file may claim a core of 2^40 neurons).
class Tally {
public:
  Tally(uint64_t Size, uint64_t Entries)
      : Dense(Size <= std::max<uint64_t>(uint64_t(1) << 22, 4 * Entries)) {
    if (Dense)
      Counts.assign(Size, 0);
  }
  uint64_t add(uint64_t I) { return Dense ? ++Counts[I] : ++Sparse[I]; }

private:
  bool Dense;
  std::vector<uint32_t> Counts;
  std::unordered_map<uint64_t, uint64_t> Sparse;
};

} // namespace

Validation Validator::run() {
  readTarget();
  readPopulations();
  readProjections();
  const Json &CJ = array(Root, "", "cores");
  Cores.resize(CJ.size());
  std::unordered_map<uint64_t, size_t> AtPlace;
  for (size_t I = 0; I < CJ.size(); ++I) {
    readCore(I, CJ[I]);
    Core &C = Cores[I];
    if (C.Chip < T.Chips && C.Place < T.CoresPerChip) {
      auto [It, New] = AtPlace.insert({C.Chip * T.CoresPerChip + C.Place, I});
      if (!New)
        violation(C.Where, "cores[" + str(It->second) + "] is at the same place", "place");
    }
  }
  checkPlacement();
  checkRoutes();
  checkKeyTables();
  for (size_t I = 0; I < Cores.size(); ++I)
    checkCoreTotals(Cores[I]);
  checkProjections();
  Out.Populations = Pops.size();
  Out.Cores = Cores.size();
  if (Out.valid())
    Emulator Check(Root); // the rest of the file, as the emulator reads it
  return std::move(Out);
}

void Validator::violation(const std::string &Where, const std::string &What, const char *Rule) {
  if (Out.Count++ < MaxShown)
    Out.Violations.push_back(Where + ": " + What + " [" + Rule + "]");
}

/// One violation for the problems F of one kind on one core (Item: "synapse", "axon").
void Validator::report(const std::string &Where, const First &F, const std::string &Item,
                       const char *Rule) {
  if (F.Count)
    violation(Where,
              F.What +
                  (F.Count > 1 ? " (and " + str(F.Count - 1) + " more " + Item +
                                     (F.Count > 2 ? "s" : "") + ")"
                               : "") +
                  F.Limit,
              Rule);
}

void Validator::readTarget() { T = readConfigTarget(Root); }

void Validator::readPopulations() {
  const Json &PJ = array(Root, "", "populations");
  for (size_t I = 0; I < PJ.size(); ++I) {
    const std::string Path = at("populations", I);
    Population P;
    P.Name = string(PJ[I], Path, "name");
    P.Size = uint64_t(integer(PJ[I], Path, "size", 0, UINT32_MAX));
    const std::string Kind = string(PJ[I], Path, "kind");
    if (Kind != "neuron" && Kind != "poisson" && Kind != "spike_times")
      throw ConfigError("'" + Path + ".kind' must be \"neuron\", \"poisson\" or \"spike_times\"");
    P.Neuron = Kind == "neuron";
    auto [It, New] = PopIndex.insert({P.Name, I});
    if (!New)
      violation(Path, "the name '" + P.Name + "' is taken by populations[" + str(It->second) + "]",
                "populations");
    Pops.push_back(std::move(P));
  }
}

void Validator::readProjections() {
  const Json &RJ = array(Root, "", "projections");
  for (size_t I = 0; I < RJ.size(); ++I) {
    const std::string Path = at("projections", I);
    const Json &J = RJ[I];
    Projection P;
    P.Name = string(J, Path, "name");
    P.SourceName = string(J, Path, "source");
    P.TargetName = string(J, Path, "target");
    const std::string Where = "projection '" + P.Name + "'";
    P.Source = popNamed(P.SourceName);
    if (P.Source == None)
      violation(Where, "source '" + P.SourceName + "' is no population", "projections");
    P.Target = popNamed(P.TargetName);
    if (P.Target == None)
      violation(Where, "target '" + P.TargetName + "' is no population", "projections");
    else if (!Pops[P.Target].Neuron)
      violation(Where, "target '" + P.TargetName + "' is a generator; synapses end on chip neurons",
                "projections");
    const int64_t Exp = integer(J, Path, "weight_exp", -64, 64);
    const int64_t Bits = integer(J, Path, "weight_bits", 0, 64);
    P.Sign = signMode(J, Path);
    P.ClaimedSynapses = uint64_t(integer(J, Path, "synapses", 0, INT64_MAX));
    const Json &D = field(J, Path, "digest");
    if (!D.is_number_unsigned() && !(D.is_number_integer() && D.get<int64_t>() >= 0))
      throw ConfigError("'" + Path + ".digest' must be an integer from 0 to 2^64 - 1");
    P.ClaimedDigest = D.get<uint64_t>();
    checkFormat(Where, P, Exp, Bits);
    Projs.push_back(std::move(P));
  }
}

/// The weight format of a projection, and the weights it stores (docs/targets.md).
void Validator::checkFormat(const std::string &Where, Projection &P, int64_t Exp, int64_t Bits) {
  if (Exp < T.WeightExpMin || Exp > T.WeightExpMax) {
    P.FormatOk = false;
    violation(Where,
              "weight_exp is " + str(Exp) + "; " + target() + " has " +
                  str(int64_t(T.WeightExpMin)) + " to " + str(int64_t(T.WeightExpMax)),
              "weight-format");
  }
  if (std::find(T.MantissaBits.begin(), T.MantissaBits.end(), Bits) == T.MantissaBits.end()) {
    P.FormatOk = false;
    std::string List;
    for (size_t K = 0; K < T.MantissaBits.size(); ++K)
      List += (K ? K + 1 == T.MantissaBits.size() ? " or " : ", " : "") +
              str(uint64_t(T.MantissaBits[K]));
    violation(Where, "weight_bits is " + str(Bits) + "; " + target() + " stores " + List,
              "weight-format");
  }
  if (std::find(T.SignModes.begin(), T.SignModes.end(), P.Sign) == T.SignModes.end()) {
    P.FormatOk = false;
    std::string List;
    for (size_t K = 0; K < T.SignModes.size(); ++K)
      List += std::string(K ? K + 1 == T.SignModes.size() ? " and " : ", " : "") +
              support::signModeName(T.SignModes[K]);
    violation(Where,
              std::string("sign_mode is '") + support::signModeName(P.Sign) + "'; " + target() +
                  " stores " + List + " weights",
              "weight-format");
  }
  if (!P.FormatOk)
    return;
  P.Bits = unsigned(Bits);
  const bool Exc = P.Sign == support::SignMode::Excitatory;
  const bool Inh = P.Sign == support::SignMode::Inhibitory;
  switch (T.Family) {
  case support::NeuronFamily::LoihiCubaLif: {
    // Lava's clip_weights and truncate_weights (support::fx::loihiStoredWeight).
    const int64_t Max = (int64_t(1) << T.WeightBits) - 1;
    const bool Mixed = P.Sign == support::SignMode::Mixed;
    P.Step = int64_t(1) << (T.WeightBits - P.Bits + (Mixed ? 1 : 0));
    const int64_t Top = Max / P.Step * P.Step;
    P.Lo = Exc ? 0 : Mixed ? -(Max + 1) : -Top;
    P.Hi = Inh ? 0 : Top;
    break;
  }
  case support::NeuronFamily::TrueNorth: {
    const int64_t Max = (int64_t(1) << (T.TN.WeightBits - 1)) - 1; // signed per axon type
    P.Lo = Exc ? 0 : -Max;
    P.Hi = Inh ? 0 : Max;
    break;
  }
  case support::NeuronFamily::SpinnakerLif: // magnitudes; the synapse type gives the sign
    P.Lo = 0;
    P.Hi = (int64_t(1) << T.Spinnaker.WeightBits) - 1;
    break;
  case support::NeuronFamily::None:
    break;
  }
}

void Validator::readCore(size_t I, const Json &J) {
  Core &C = Cores[I];
  const std::string Path = C.Path = at("cores", I);
  C.Chip = uint64_t(integer(J, Path, "chip", 0, INT64_MAX));
  C.Place = uint64_t(integer(J, Path, "core", 0, INT64_MAX));
  const Json &NJ = array(J, Path, "neurons");
  for (size_t K = 0; K < NJ.size(); ++K) {
    const std::string NPath = at(Path + ".neurons", K);
    if (!NJ[K].is_array() || NJ[K].size() != 3 || !NJ[K][0].is_string())
      throw ConfigError("'" + NPath + "' must be [population, lo, hi]");
    Slice S;
    S.PopName = NJ[K][0].get<std::string>();
    S.Lo = uint64_t(integerValue(NJ[K][1], NPath + "[1]", 0, MaxIndex));
    S.Hi = uint64_t(integerValue(NJ[K][2], NPath + "[2]", 0, MaxIndex));
    S.Offset = C.Width;
    C.Width += S.Hi > S.Lo ? S.Hi - S.Lo : 0;
    C.Slices.push_back(S);
  }
  C.Where = "core " + str(C.Chip) + ":" + str(C.Place) + " (cores[" + str(uint64_t(I)) + "]";
  for (size_t K = 0; K < C.Slices.size(); ++K) {
    if (K == 3) {
      C.Where += ", ... " + str(uint64_t(C.Slices.size() - 3)) + " more slices";
      break;
    }
    const Slice &S = C.Slices[K];
    C.Where += (K ? ", " : ": ") + S.PopName + "[" + str(S.Lo) + ":" + str(S.Hi) + "]";
  }
  C.Where += ")";
  if (C.Chip >= T.Chips)
    violation(C.Where,
              "chip " + str(C.Chip) + " does not exist; " + target() + " has " +
                  plural(T.Chips, "chip", "chips"),
              "place");
  if (C.Place >= T.CoresPerChip)
    violation(C.Where,
              "core " + str(C.Place) + " does not exist; " + target() + " has " +
                  str(uint64_t(T.CoresPerChip)) + " cores per chip",
              "place");
  checkSlices(I);
  C.Usage = &field(J, Path, "usage");
  if (!C.Usage->is_object())
    throw ConfigError("'" + Path + ".usage' must be an object");

  // Input axons: each a (projection, source neuron), listed once.
  const Json &AJ = array(J, Path, "axons");
  First NoProjection, BeyondSource, Repeated;
  std::vector<std::pair<uint64_t, size_t>> Keys;
  for (size_t A = 0; A < AJ.size(); ++A) {
    const Json &E = AJ[A];
    auto index = [&](size_t K) { // the path is spelt out only for a message
      if (E[K].is_number_unsigned() && E[K].get<uint64_t>() <= uint64_t(MaxIndex))
        return E[K].get<uint64_t>();
      return uint64_t(integerValue(E[K], at(at(Path + ".axons", A), K), 0, MaxIndex));
    };
    if (!E.is_array() || E.size() != 2)
      throw ConfigError("'" + at(Path + ".axons", A) + "' must be [projection, source neuron]");
    const uint64_t P = index(0), Src = index(1);
    C.Axons.push_back({P, Src});
    auto Is = [&] {
      return "axons[" + str(uint64_t(A)) + "] is [" + str(P) + ", " + str(Src) + "]";
    };
    bool Ok = P < Projs.size() && Projs[P].Source != None;
    if (P >= Projs.size())
      NoProjection.add([&] {
        return std::pair(Is() + "; there is no projection " + str(P) + " (the file has " +
                             str(uint64_t(Projs.size())) + ")",
                         std::string());
      });
    else if (Ok && Src >= Pops[Projs[P].Source].Size) {
      Ok = false;
      BeyondSource.add([&] {
        const Population &S = Pops[Projs[P].Source];
        return std::pair(Is() + "; source '" + S.Name + "' of projection '" + Projs[P].Name +
                             "' has " + plural(S.Size, "neuron", "neurons"),
                         std::string());
      });
    }
    C.AxonOk.push_back(Ok);
    if (Ok)
      Keys.push_back({(P << 32) | Src, A});
  }
  std::sort(Keys.begin(), Keys.end());
  for (size_t K = 1; K < Keys.size(); ++K)
    if (Keys[K].first == Keys[K - 1].first)
      Repeated.add([&] {
        const auto [P, Src] = C.Axons[Keys[K].second];
        return std::pair("axons[" + str(uint64_t(Keys[K].second)) + "] repeats axons[" +
                             str(uint64_t(Keys[K - 1].second)) + "] ([" + str(P) + ", " + str(Src) +
                             "])",
                         std::string());
      });
  report(C.Where, NoProjection, "axon", "axons");
  report(C.Where, BeyondSource, "axon", "axons");
  report(C.Where, Repeated, "axon", "axons");
  uint64_t MaxInAxons = T.MaxInAxonsPerCore ? T.MaxInAxonsPerCore : UINT64_MAX;
  if (T.Cost.K == support::SynapseCost::Kind::Crossbar) // an input axon per crossbar row
    MaxInAxons = std::min<uint64_t>(MaxInAxons, T.Cost.Rows);
  if (C.Axons.size() > MaxInAxons)
    violation(C.Where,
              "receives from " + str(uint64_t(C.Axons.size())) + " input axons" +
                  perCore(MaxInAxons),
              "in-axons");
  C.Reached.assign(C.Axons.size(), 0);
  Out.Axons += C.Axons.size();
  checkSynapses(C, field(J, Path, "synapses"), Path + ".synapses");
}

/// The slices of core I: existing neuron populations, within them, and how many.
void Validator::checkSlices(size_t I) {
  Core &C = Cores[I];
  std::vector<size_t> Distinct; // the populations of the valid slices
  for (size_t K = 0; K < C.Slices.size(); ++K) {
    Slice &S = C.Slices[K];
    const std::string Is = "neurons[" + str(uint64_t(K)) + "]";
    const size_t P = popNamed(S.PopName);
    if (P == None)
      violation(C.Where, Is + " names '" + S.PopName + "', which is no population", "slices");
    else if (!Pops[P].Neuron)
      violation(C.Where, Is + " holds '" + S.PopName + "', a generator; cores hold chip neurons",
                "slices");
    else if (S.Lo > S.Hi)
      violation(C.Where,
                Is + " is " + S.PopName + "[" + str(S.Lo) + ":" + str(S.Hi) +
                    "]; its lo is above its hi",
                "slices");
    else if (S.Hi > Pops[P].Size)
      violation(C.Where,
                Is + " is " + S.PopName + "[" + str(S.Lo) + ":" + str(S.Hi) + "]; '" + S.PopName +
                    "' has " + plural(Pops[P].Size, "neuron", "neurons"),
                "slices");
    else {
      S.Pop = P;
      if (S.Hi > S.Lo)
        Pops[P].Parts.push_back({S.Lo, S.Hi, I, S.Offset});
      Distinct.push_back(P);
    }
  }
  std::sort(Distinct.begin(), Distinct.end());
  Distinct.erase(std::unique(Distinct.begin(), Distinct.end()), Distinct.end());
  uint64_t MaxNeurons = T.MaxNeuronsPerCore;
  if (T.Cost.K == support::SynapseCost::Kind::Crossbar) // a neuron per crossbar column
    MaxNeurons = std::min<uint64_t>(MaxNeurons, T.Cost.Cols);
  if (C.Width > MaxNeurons)
    violation(C.Where, "holds " + str(C.Width) + " neurons" + perCore(MaxNeurons),
              "neurons-per-core");
  if (T.MaxPopulationsPerCore && Distinct.size() > T.MaxPopulationsPerCore)
    violation(C.Where,
              "holds neurons of " + str(uint64_t(Distinct.size())) + " populations" +
                  perCore(T.MaxPopulationsPerCore),
              "populations-per-core");
}

/// One column of a synapse table; a value that is not an integer is a ConfigError.
std::vector<int64_t> Validator::column(const Json &S, const std::string &Path, const char *Key) {
  const Json &A = array(S, Path, Key);
  std::vector<int64_t> Out(A.size());
  for (size_t K = 0; K < A.size(); ++K) {
    const Json &V = A[K];
    if (!V.is_number_integer() || (V.is_number_unsigned() && V.get<uint64_t>() > INT64_MAX))
      throw ConfigError("'" + at(join(Path, Key), K) + "' must be an integer");
    Out[K] = V.get<int64_t>();
  }
  return Out;
}

void Validator::checkSynapses(Core &C, const Json &S, const std::string &Path) {
  const std::vector<int64_t> Ax = column(S, Path, "axon"), Ne = column(S, Path, "neuron"),
                             We = column(S, Path, "weight"), De = column(S, Path, "delay");
  Out.Synapses += Ax.size();
  if (Ne.size() != Ax.size() || We.size() != Ax.size() || De.size() != Ax.size()) {
    C.TableOk = false;
    violation(C.Where,
              "synapse columns have different lengths (axon " + str(uint64_t(Ax.size())) +
                  ", neuron " + str(uint64_t(Ne.size())) + ", weight " + str(uint64_t(We.size())) +
                  ", delay " + str(uint64_t(De.size())) + ")",
              "synapses");
    return;
  }
  C.Synapses = Ax.size();
  First BadAxon, BadNeuron, BadDelay, BadWeight, BadTarget;
  std::vector<uint64_t> PerAxon(C.Axons.size(), 0);
  // On targets with one delay per neuron: each axon's delay (-2 after two were found).
  std::vector<int64_t> AxonDelay(T.DelaysPerNeuron ? C.Axons.size() : 0, -1);
  Tally FanIn(C.Width, Ax.size());
  int64_t MaxDelay = 0;
  for (size_t K = 0; K < Ax.size(); ++K) {
    auto Syn = [K] { return "synapse " + std::to_string(K); };
    if (Ax[K] < 0 || uint64_t(Ax[K]) >= C.Axons.size()) {
      BadAxon.add([&] {
        return std::pair(Syn() + ": axon " + str(Ax[K]) + " does not exist (the core has " +
                             plural(C.Axons.size(), "axon", "axons") + ")",
                         std::string());
      });
      continue;
    }
    const size_t A = size_t(Ax[K]);
    ++PerAxon[A]; // a row of the axon's synapse table, whatever its neuron
    if (Ne[K] < 0 || uint64_t(Ne[K]) >= C.Width) {
      BadNeuron.add([&] {
        return std::pair(Syn() + ": neuron " + str(Ne[K]) + " does not exist (the core holds " +
                             plural(C.Width, "neuron", "neurons") + ")",
                         std::string());
      });
      continue;
    }
    const int64_t W = We[K], D = De[K];
    if (D < T.MinDelaySteps || D > T.MaxDelaySteps)
      BadDelay.add([&] {
        return std::pair(Syn() + " has a delay of " + str(D) + " steps",
                         "; " + target() + " has delays of " + str(T.MinDelaySteps) + " to " +
                             str(T.MaxDelaySteps) + " steps");
      });
    MaxDelay = std::max(MaxDelay, D);
    if (uint64_t F = FanIn.add(uint64_t(Ne[K])); F > C.MaxFanIn) {
      C.MaxFanIn = F;
      C.FanInNeuron = uint64_t(Ne[K]);
    }
    if (!C.AxonOk[A])
      continue;
    const auto [P, Src] = C.Axons[A];
    Projection &Pr = Projs[P];
    if (Pr.FormatOk && (W < Pr.Lo || W > Pr.Hi || W % Pr.Step != 0))
      BadWeight.add([&] {
        return std::pair(Syn() + " (projection '" + Pr.Name + "', " +
                             support::signModeName(Pr.Sign) + ", " + str(uint64_t(Pr.Bits)) +
                             " bits) has weight " + str(W),
                         "; " + target() + " stores " +
                             (Pr.Step > 1 ? "multiples of " + str(Pr.Step) + " from " : "") +
                             str(Pr.Lo) + " to " + str(Pr.Hi));
      });
    if (T.DelaysPerNeuron && Pops[Pr.Source].Neuron) {
      if (AxonDelay[A] == -1) {
        AxonDelay[A] = D;
      } else if (AxonDelay[A] >= 0 && AxonDelay[A] != D) {
        delayPerNeuron(Pr.Source, Src, AxonDelay[A], D);
        AxonDelay[A] = -2;
      }
    }
    const auto [Post, PostNeuron] = C.neuron(uint64_t(Ne[K]));
    if (Post == None)
      continue;
    if (Pr.Target != None && Pops[Pr.Target].Neuron && Post != Pr.Target)
      BadTarget.add([&] {
        return std::pair(Syn() + " of projection '" + Pr.Name + "' ends on " +
                             neuronOf(Post, PostNeuron) + "; the projection's target is '" +
                             Pr.TargetName + "'",
                         std::string());
      });
    ++Pr.Synapses;
    Pr.Digest += support::synapseDigest(uint32_t(Src), uint32_t(PostNeuron), W, D);
  }
  report(C.Where, BadAxon, "synapse", "synapses");
  report(C.Where, BadNeuron, "synapse", "synapses");
  report(C.Where, BadDelay, "synapse", "delay-range");
  report(C.Where, BadWeight, "synapse", "weight-range");
  report(C.Where, BadTarget, "synapse", "synapses");

  for (size_t A = 0; A < C.Axons.size(); ++A) {
    const uint64_t P = C.Axons[A].first;
    C.Bits += support::axonSynapseBits(
        T.Cost, PerAxon[A], P < Projs.size() && Projs[P].FormatOk ? Projs[P].Bits : T.WeightBits);
    if (T.DelaysPerNeuron && C.AxonOk[A] && AxonDelay[A] >= 0 && Pops[Projs[P].Source].Neuron) {
      auto [It, New] = Pops[Projs[P].Source].Delay.insert({C.Axons[A].second, AxonDelay[A]});
      if (!New && It->second != AxonDelay[A])
        delayPerNeuron(Projs[P].Source, C.Axons[A].second, It->second, AxonDelay[A]);
    }
  }
  if (T.SynapseMemoryBits && C.Bits > T.SynapseMemoryBits)
    violation(C.Where,
              "needs " + str(C.Bits) + " bits of synapse memory" + perCore(T.SynapseMemoryBits),
              "synapse-memory");
  if (T.MaxFanInPerNeuron && C.MaxFanIn > T.MaxFanInPerNeuron) {
    const auto [P, N] = C.neuron(C.FanInNeuron);
    violation(C.Where,
              (P == None ? "local neuron " + str(C.FanInNeuron) : neuronOf(P, N)) + " has " +
                  str(C.MaxFanIn) + " inputs; " + target() + " allows " + str(T.MaxFanInPerNeuron) +
                  " per neuron",
              "fan-in");
  }
  if (T.Family == support::NeuronFamily::SpinnakerLif) {
    // The input ring buffer is indexed by neuron, synapse type and delay (DesignRules.cpp).
    const unsigned NB = bitsFor(C.Width), TB = bitsFor(T.Spinnaker.SynapseTypes),
                   DB = bitsFor(uint64_t(MaxDelay) + 1);
    if (NB + TB + DB > T.Spinnaker.RingBufferBits)
      violation(C.Where,
                "needs " + str(uint64_t(NB + TB + DB)) + " ring-buffer bits (neurons " +
                    str(uint64_t(NB)) + ", synapse types " + str(uint64_t(TB)) + ", delays " +
                    str(uint64_t(DB)) + "); " + target() + " has " +
                    str(uint64_t(T.Spinnaker.RingBufferBits)),
                "ring-buffer-bits");
  }
}

void Validator::delayPerNeuron(size_t Pop, uint64_t N, int64_t A, int64_t B) {
  violation("population '" + Pops[Pop].Name + "'",
            "neuron " + str(N) + " sends with delays of " + str(A) + " and " + str(B) + " steps; " +
                target() + " delays the spikes of a neuron by one value (axonal delays)",
            "delay-per-neuron");
}

} // namespace validate

Validation validateConfig(const std::string &JsonText, size_t MaxShown) {
  const nlohmann::json Root = parseConfig(JsonText);
  return validate::Validator(Root, MaxShown).run();
}

} // namespace snn::emu
