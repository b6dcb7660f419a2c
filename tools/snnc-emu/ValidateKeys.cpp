//===- tools/snnc-emu/ValidateKeys.cpp - the routers' tables of a key/mask target ----------===//
//
// snnc-emu --validate on a target whose routers match packet keys (SpiNNaker; docs/
// chip-config.md, "Routing tables"): each core's key is the one its place gives, no chip holds
// more entries than its router, and the packet of every neuron that sends, walked through the
// tables from its chip (support/KeyRouting.h), reaches every core its route names.
//
//===----------------------------------------------------------------------------------------===//
#include "support/KeyRouting.h"
#include "tools/snnc-emu/ConfigFields.h"
#include "tools/snnc-emu/ValidateTables.h"

#include <cstdio>
#include <set>

namespace snn::emu::validate {

namespace routing = support::routing;
using namespace fields;

namespace {

std::string hex(uint32_t K) {
  char Buf[16];
  std::snprintf(Buf, sizeof Buf, "0x%08x", unsigned(K));
  return Buf;
}

} // namespace

void Validator::checkKeyTables() {
  if (T.Routing != support::RoutingKind::KeyMask)
    return;
  if (!Root.contains("key_tables")) {
    violation("key_tables", "missing; " + target() + " routes spikes by keys", "routing");
    return;
  }
  const Json &KT = array(Root, "", "key_tables");
  std::vector<std::vector<routing::Entry>> Tables(T.Chips);
  for (size_t I = 0; I < KT.size(); ++I) {
    const std::string Path = at("key_tables", I);
    const uint64_t Chip = uint64_t(integer(KT[I], Path, "chip", 0, int64_t(T.Chips) - 1));
    const Json &E = array(KT[I], Path, "entries");
    for (size_t K = 0; K < E.size(); ++K) {
      const std::string EP = at(join(Path, "entries"), K);
      if (!E[K].is_array() || E[K].size() != 3)
        throw ConfigError("'" + EP + "' must be [key, mask, route]");
      routing::Entry X;
      X.Key = uint32_t(integerValue(E[K][0], at(EP, 0), 0, UINT32_MAX));
      X.Mask = uint32_t(integerValue(E[K][1], at(EP, 1), 0, UINT32_MAX));
      X.Route = uint32_t(integerValue(E[K][2], at(EP, 2), 0, UINT32_MAX));
      Tables[Chip].push_back(X);
    }
    if (T.RoutingEntriesPerChip && Tables[Chip].size() > T.RoutingEntriesPerChip)
      violation(Path + " (chip " + str(Chip) + ")",
                "holds " + str(uint64_t(Tables[Chip].size())) + " entries; " + target() +
                    " has " + str(T.RoutingEntriesPerChip) + " per chip",
                "routing-entries");
  }

  // Each core's key, from its place.
  const Json &CJ = array(Root, "", "cores");
  std::vector<uint32_t> Key(Cores.size(), 0);
  std::vector<uint8_t> KeyOk(Cores.size(), 0);
  for (size_t I = 0; I < Cores.size(); ++I) {
    const Core &C = Cores[I];
    if (C.Chip >= T.Chips)
      continue; // reported as [place]
    const auto [X, Y] = T.chipPosition(unsigned(C.Chip));
    const uint32_t Want = routing::keyOf(X, Y, unsigned(C.Place), 0);
    if (!CJ[I].contains("key")) {
      violation(C.Where, "has no key; " + target() + " routes spikes by keys", "routing");
      continue;
    }
    Key[I] = uint32_t(integer(CJ[I], at("cores", I), "key", 0, UINT32_MAX));
    if (Key[I] != Want) {
      violation(C.Where, "key is " + hex(Key[I]) + "; its place (" + str(int64_t(X)) + ", " +
                             str(int64_t(Y)) + ", core " + str(C.Place) + ") gives " + hex(Want),
                "routing");
      continue;
    }
    KeyOk[I] = 1;
  }

  // Every sending neuron's packet, walked.
  const Json &RJ = array(Root, "", "routes");
  for (size_t R = 0; R < RJ.size(); ++R) {
    const Json &E = RJ[R];
    const size_t P = popNamed(E[0].get<std::string>());
    if (P == None || !Pops[P].Neuron || !E[1].is_number_unsigned())
      continue; // bad routes are reported as [routes]; generators send from the host
    const uint64_t N = E[1].get<uint64_t>();
    const size_t Home = N < Pops[P].Size ? Pops[P].coreOf(N) : None;
    if (Home == None || !KeyOk[Home])
      continue;
    const Core &H = Cores[Home];
    uint64_t Local = UINT64_MAX;
    for (const Slice &S : H.Slices)
      if (S.Pop == P && S.Lo <= N && N < S.Hi)
        Local = S.Offset + (N - S.Lo);
    if (Local >= (uint64_t(1) << routing::NeuronBits))
      continue; // a core too wide for its keys is [neurons-per-core]
    std::set<std::pair<unsigned, unsigned>> Want;
    for (const Json &Pair : E[2])
      if (Pair.is_array() && Pair.size() == 2 && Pair[0].is_number_unsigned() &&
          Pair[0].get<uint64_t>() < Cores.size()) {
        const Core &C = Cores[Pair[0].get<uint64_t>()];
        Want.insert({unsigned(C.Chip), unsigned(C.Place)});
      }
    const uint32_t K = Key[Home] + uint32_t(Local);
    std::string Error;
    const auto Reached = routing::walk(T, Tables, unsigned(H.Chip), K, Error);
    const std::string Where = at("routes", R) + " (" + neuronOf(P, N) + ", key " + hex(K) + ")";
    if (!Error.empty()) {
      violation(Where, Error, "routing");
      continue;
    }
    for (const auto &[Chip, Place] : Want)
      if (!std::binary_search(Reached.begin(), Reached.end(), std::make_pair(Chip, Place))) {
        violation(Where,
                  "its packet does not reach core " + str(uint64_t(Chip)) + ":" +
                      str(uint64_t(Place)) + ", which its route names",
                  "routing");
        break;
      }
  }
}

} // namespace snn::emu::validate
