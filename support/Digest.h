//===- support/Digest.h - an order-free digest of a set of synapses -------------------------===//
//
// A chip configuration carries, per projection, the sum (mod 2^64) of one 64-bit hash per
// synapse (source, target, stored weight, delay). The sum does not depend on the order or the
// cores the synapses are written to, so the validator (snnc-emu --validate) recomputes it from
// the cores' tables and finds a synapse that is missing, added, moved or changed. The hash is
// splitmix64's finalizer applied to the fields in turn.
//
//===----------------------------------------------------------------------------------------===//
#ifndef SNNC_SUPPORT_DIGEST_H
#define SNNC_SUPPORT_DIGEST_H

#include <cstdint>

namespace snn::support {

inline uint64_t mix64(uint64_t X) {
  X += 0x9E3779B97F4A7C15ull;
  X = (X ^ (X >> 30)) * 0xBF58476D1CE4E5B9ull;
  X = (X ^ (X >> 27)) * 0x94D049BB133111EBull;
  return X ^ (X >> 31);
}

/// The term one synapse adds to its projection's digest.
inline uint64_t synapseDigest(uint32_t Pre, uint32_t Post, int64_t Weight, int64_t Delay) {
  uint64_t H = mix64((uint64_t(Pre) << 32) | Post);
  H = mix64(H ^ uint64_t(Weight));
  return mix64(H ^ uint64_t(Delay));
}

} // namespace snn::support

#endif
