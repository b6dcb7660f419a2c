//===- tools/snnc-emu/ConfigFields.h - reading the fields of a configuration ----------------===//
//
// The emulator (Config.cpp) and the validator (Validate.cpp) read a configuration's JSON with
// these helpers: each returns the field or throws a ConfigError naming it by its path
// ("'cores[3].synapses.delay[7]' must be from 0 to 62, got 100"), so that a malformed file is
// reported the same way whichever of the two reads it.
//
//===----------------------------------------------------------------------------------------===//
#ifndef SNNC_TOOLS_SNNC_EMU_CONFIGFIELDS_H
#define SNNC_TOOLS_SNNC_EMU_CONFIGFIELDS_H

#include "tools/snnc-emu/Emulator.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace snn::emu::fields {

using Json = nlohmann::json;

inline std::string join(const std::string &Path, const std::string &Key) {
  return Path.empty() ? Key : Path + "." + Key;
}
inline std::string at(const std::string &Path, size_t I) {
  return Path + "[" + std::to_string(I) + "]";
}

/// The member Key of object J at Path, or a ConfigError naming it.
inline const Json &field(const Json &J, const std::string &Path, const std::string &Key) {
  if (!J.is_object())
    throw ConfigError("'" + (Path.empty() ? std::string("the configuration") : Path) +
                      "' must be an object");
  auto It = J.find(Key);
  if (It == J.end())
    throw ConfigError("missing field '" + join(Path, Key) + "'");
  return *It;
}

inline const Json &array(const Json &J, const std::string &Path, const std::string &Key) {
  const Json &V = field(J, Path, Key);
  if (!V.is_array())
    throw ConfigError("'" + join(Path, Key) + "' must be an array");
  return V;
}

inline std::string string(const Json &J, const std::string &Path, const std::string &Key) {
  const Json &V = field(J, Path, Key);
  if (!V.is_string())
    throw ConfigError("'" + join(Path, Key) + "' must be a string");
  return V.get<std::string>();
}

/// An integer in [Lo, Hi]; What names it in the message.
inline int64_t integerValue(const Json &V, const std::string &What, int64_t Lo, int64_t Hi) {
  if (!V.is_number_integer())
    throw ConfigError("'" + What + "' must be an integer");
  if (V.is_number_unsigned() && V.get<uint64_t>() > uint64_t(INT64_MAX))
    throw ConfigError("'" + What + "' must be from " + std::to_string(Lo) + " to " +
                      std::to_string(Hi));
  int64_t X = V.get<int64_t>();
  if (X < Lo || X > Hi)
    throw ConfigError("'" + What + "' must be from " + std::to_string(Lo) + " to " +
                      std::to_string(Hi) + ", got " + std::to_string(X));
  return X;
}

inline int64_t integer(const Json &J, const std::string &Path, const std::string &Key, int64_t Lo,
                       int64_t Hi) {
  return integerValue(field(J, Path, Key), join(Path, Key), Lo, Hi);
}

/// A projection's `sign_mode`.
inline support::SignMode signMode(const Json &J, const std::string &Path) {
  const std::string Sign = string(J, Path, "sign_mode");
  if (Sign == "excitatory")
    return support::SignMode::Excitatory;
  if (Sign == "inhibitory")
    return support::SignMode::Inhibitory;
  if (Sign == "mixed")
    return support::SignMode::Mixed;
  throw ConfigError("'" + Path +
                    ".sign_mode' must be \"excitatory\", \"inhibitory\" or \"mixed\"");
}

/// The format and version of a configuration checked, and its target description read.
inline support::TargetDesc readConfigTarget(const Json &Root) {
  if (string(Root, "", "format") != "snnc-chip-config")
    throw ConfigError("not a chip configuration ('format' is not \"snnc-chip-config\")");
  if (integer(Root, "", "version", 0, INT32_MAX) != 1)
    throw ConfigError("configuration version " + field(Root, "", "version").dump() +
                      " is not supported (this emulator reads version 1)");
  support::TargetDescErrors TE;
  auto T = support::parseTargetDesc(field(Root, "", "target").dump(), TE);
  if (!T)
    throw ConfigError("'target': " + TE.Items.front().Message);
  if (!T->isChip())
    throw ConfigError("'target' is '" + T->Name + "', not a chip");
  return *T;
}

} // namespace snn::emu::fields

#endif
