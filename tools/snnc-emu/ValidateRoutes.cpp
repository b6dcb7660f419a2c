//===- tools/snnc-emu/ValidateRoutes.cpp - placement, routes, totals and digests ------------===//
//
// The checks of snnc-emu --validate that need every core read (ValidateTables.h): each neuron
// population's neurons on exactly one core, as its list of cores says; each route from an
// existing source to axons that carry that source, each axon reached by one route; each core's
// output axons, targets per neuron and the usage it claims; each projection's synapse count and
// digest (support/Digest.h) against the synapses the cores hold.
//
//===----------------------------------------------------------------------------------------===//
#include "tools/snnc-emu/ConfigFields.h"
#include "tools/snnc-emu/ValidateTables.h"

#include <array>

namespace snn::emu::validate {

using namespace fields;

/// Every neuron of every neuron population on exactly one core, as its list of cores says.
void Validator::checkPlacement() {
  for (size_t PI = 0; PI < Pops.size(); ++PI) {
    Population &P = Pops[PI];
    if (!P.Neuron)
      continue;
    const std::string Where = "population '" + P.Name + "'";
    auto neurons = [](uint64_t Lo, uint64_t Hi) {
      return Hi - Lo == 1 ? "neuron " + str(Lo) + " is"
                          : "neurons " + str(Lo) + " to " + str(Hi - 1) + " are";
    };
    auto core = [&](size_t C) {
      return "core " + str(Cores[C].Chip) + ":" + str(Cores[C].Place) + " (cores[" +
             str(uint64_t(C)) + "])";
    };
    std::sort(P.Parts.begin(), P.Parts.end(),
              [](const Population::Part &A, const Population::Part &B) {
                return std::tie(A.Lo, A.Hi, A.Core) < std::tie(B.Lo, B.Hi, B.Core);
              });
    uint64_t Covered = 0;
    size_t Last = None; // the part that reaches furthest so far
    for (size_t K = 0; K < P.Parts.size(); ++K) {
      Population::Part &S = P.Parts[K];
      if (S.Lo > Covered)
        violation(Where, neurons(Covered, S.Lo) + " on no core", "placement");
      else if (S.Lo < Covered)
        violation(Where,
                  neurons(S.Lo, std::min(S.Hi, Covered)) +
                      (P.Parts[Last].Core == S.Core
                           ? " twice on " + core(S.Core)
                           : " on " + core(std::min(P.Parts[Last].Core, S.Core)) + " and " +
                                 core(std::max(P.Parts[Last].Core, S.Core))),
                  "placement");
      if (S.Hi > Covered) {
        Covered = S.Hi;
        Last = K;
      }
      S.Furthest = Last;
    }
    if (Covered < P.Size)
      violation(Where, neurons(Covered, P.Size) + " on no core", "placement");

    // Its own list of cores: the same (core, lo, hi, offset) entries.
    const std::string Path = at("populations", PI);
    const Json &LJ = array(Root.at("populations").at(PI), Path, "cores");
    using Entry = std::array<uint64_t, 4>;
    std::vector<Entry> Listed, Held;
    for (size_t K = 0; K < LJ.size(); ++K) {
      const std::string E = at(Path + ".cores", K);
      Listed.push_back({uint64_t(integer(LJ[K], E, "core", 0, MaxIndex)),
                        uint64_t(integer(LJ[K], E, "lo", 0, MaxIndex)),
                        uint64_t(integer(LJ[K], E, "hi", 0, MaxIndex)),
                        uint64_t(integer(LJ[K], E, "offset", 0, MaxIndex))});
    }
    for (const Population::Part &S : P.Parts)
      Held.push_back({uint64_t(S.Core), S.Lo, S.Hi, S.Offset});
    std::sort(Listed.begin(), Listed.end());
    std::sort(Held.begin(), Held.end());
    std::vector<Entry> OnlyListed, OnlyHeld;
    std::set_difference(Listed.begin(), Listed.end(), Held.begin(), Held.end(),
                        std::back_inserter(OnlyListed));
    std::set_difference(Held.begin(), Held.end(), Listed.begin(), Listed.end(),
                        std::back_inserter(OnlyHeld));
    auto slice = [&](const Entry &E) {
      return "[" + str(E[1]) + ":" + str(E[2]) + "] on cores[" + str(E[0]) + "] at offset " +
             str(E[3]);
    };
    for (const Entry &E : OnlyListed)
      violation(Where,
                "'cores' lists " + P.Name + slice(E) + ", which " +
                    (E[0] < Cores.size() ? "that core does not hold" : "is no core"),
                "population-cores");
    for (const Entry &E : OnlyHeld)
      violation(Where, "'cores' does not list " + P.Name + slice(E), "population-cores");
  }
}

/// Routes from existing sources to the axons that carry them; each axon reached once.
void Validator::checkRoutes() {
  const Json &RJ = array(Root, "", "routes");
  Out.Routes = RJ.size();
  for (size_t R = 0; R < RJ.size(); ++R) {
    // Paths and places are spelt out only for a message.
    auto path = [R] { return at("routes", R); };
    const Json &E = RJ[R];
    if (!E.is_array() || E.size() != 3 || !E[0].is_string() || !E[2].is_array())
      throw ConfigError("'" + path() + "' must be [population, neuron, [[core, axon], ...]]");
    const std::string &Name = E[0].get_ref<const std::string &>();
    const uint64_t N = uint64_t(integerValue(E[1], path() + "[1]", 0, MaxIndex));
    const size_t P = popNamed(Name);
    if (P == None) {
      violation(path(), "'" + Name + "' is no population", "routes");
      continue;
    }
    if (N >= Pops[P].Size) {
      violation(path(),
                neuronOf(P, N) + " does not exist ('" + Name + "' has " +
                    plural(Pops[P].Size, "neuron", "neurons") + ")",
                "routes");
      continue;
    }
    auto where = [&] { return path() + " (" + neuronOf(P, N) + ")"; };
    const Json &To = E[2];
    for (size_t K = 0; K < To.size(); ++K) {
      const Json &Pair = To[K];
      auto index = [&](size_t X) {
        if (Pair[X].is_number_unsigned() && Pair[X].get<uint64_t>() <= uint64_t(MaxIndex))
          return Pair[X].get<uint64_t>();
        return uint64_t(integerValue(Pair[X], at(at(path() + "[2]", K), X), 0, MaxIndex));
      };
      if (!Pair.is_array() || Pair.size() != 2)
        throw ConfigError("'" + at(path() + "[2]", K) + "' must be [core, axon]");
      const uint64_t CI = index(0), A = index(1);
      auto pair = [&] { return "target [" + str(CI) + ", " + str(A) + "]"; };
      if (CI >= Cores.size()) {
        violation(where(),
                  pair() + " names no core (the file has " + plural(Cores.size(), "core", "cores") +
                      ")",
                  "routes");
        continue;
      }
      Core &C = Cores[CI];
      if (A >= C.Axons.size()) {
        violation(where(),
                  pair() + ": " + C.Where + " has no axon " + str(A) + " (it has " +
                      str(uint64_t(C.Axons.size())) + ")",
                  "routes");
        continue;
      }
      if (!C.AxonOk[A])
        continue; // reported with the axon
      const auto [Proj, Src] = C.Axons[A];
      if (Projs[Proj].Source != P || Src != N) {
        violation(where(),
                  pair() + " is axon " + str(A) + " of " + C.Where + ", which carries " +
                      neuronOf(Projs[Proj].Source, Src) + " through '" + Projs[Proj].Name + "'",
                  "routes");
        continue;
      }
      ++C.Reached[A];
    }
    // Output axons of the core that holds a chip neuron (generators send from the host).
    const size_t Home = Pops[P].Neuron ? Pops[P].coreOf(N) : None;
    if (Home != None) {
      Core &H = Cores[Home];
      H.OutAxons += To.size();
      if (To.size() > H.MaxTargets) {
        H.MaxTargets = To.size();
        H.TargetsPop = P;
        H.TargetsNeuron = N;
      }
    }
  }
}

void Validator::checkCoreTotals(Core &C) {
  First Unreached, Twice;
  for (size_t A = 0; A < C.Axons.size(); ++A) {
    if (!C.AxonOk[A] || C.Reached[A] == 1)
      continue;
    const auto [P, Src] = C.Axons[A];
    const std::string Is = "axon " + str(uint64_t(A)) + " ([" + str(P) + ", " + str(Src) +
                           "]: " + neuronOf(Projs[P].Source, Src) + " through '" + Projs[P].Name +
                           "') is reached by ";
    if (C.Reached[A] == 0)
      Unreached.add([&] { return std::pair(Is + "no route", std::string()); });
    else
      Twice.add(
          [&] { return std::pair(Is + str(uint64_t(C.Reached[A])) + " routes", std::string()); });
  }
  report(C.Where, Unreached, "axon", "routes");
  report(C.Where, Twice, "axon", "routes");
  if (T.MaxOutAxonsPerCore && C.OutAxons > T.MaxOutAxonsPerCore)
    violation(C.Where,
              "sends to " + str(C.OutAxons) + " (core, axon) targets" +
                  perCore(T.MaxOutAxonsPerCore),
              "out-axons");
  if (T.MaxTargetsPerNeuron && C.MaxTargets > T.MaxTargetsPerNeuron)
    violation(C.Where,
              neuronOf(C.TargetsPop, C.TargetsNeuron) + " sends to " + str(C.MaxTargets) +
                  " axons; " + target() + " allows " + str(T.MaxTargetsPerNeuron) + " per neuron",
              "fan-out");
  // What the file claims the core uses.
  const std::pair<const char *, uint64_t> Actual[] = {
      {"neurons", C.Width},      {"synapses", C.Synapses},
      {"synapse_bits", C.Bits},  {"in_axons", uint64_t(C.Axons.size())},
      {"out_axons", C.OutAxons}, {"max_fan_in", C.MaxFanIn}};
  for (const auto &[Key, Value] : Actual) {
    const Json &V = field(*C.Usage, C.Path + ".usage", Key);
    if (!V.is_number_integer())
      throw ConfigError("'" + C.Path + ".usage." + Key + "' must be an integer");
    if (!C.TableOk && Key != std::string("neurons") && Key != std::string("in_axons") &&
        Key != std::string("out_axons"))
      continue; // no synapses were counted
    if (V.is_number_unsigned() ? V.get<uint64_t>() != Value : V.get<int64_t>() != int64_t(Value))
      violation(C.Where,
                "usage." + std::string(Key) + " says " + V.dump() + "; the tables give " +
                    str(Value),
                "usage");
  }
}

/// Each projection's count and digest against the synapses the cores hold.
void Validator::checkProjections() {
  for (const Projection &P : Projs) {
    const std::string Where = "projection '" + P.Name + "'";
    if (P.Synapses != P.ClaimedSynapses)
      violation(Where,
                "'synapses' says " + str(P.ClaimedSynapses) + "; the cores hold " + str(P.Synapses),
                "synapse-count");
    if (P.Digest != P.ClaimedDigest)
      violation(Where,
                "'digest' says " + str(P.ClaimedDigest) + "; the cores' synapses give " +
                    str(P.Digest),
                "digest");
  }
}

} // namespace snn::emu::validate
