// Distributions.h: filling arrays from a Distribution (buffer initial values, per-synapse weights
// and delays).
//
// Element i of a random fill is drawn at counter (i, 0) of the given stream (uniformAt/normalAt of
// Random.h), so a value depends only on the seed, the stream and i. Integer targets take
// floor(draw) for uniform distributions (uniform on the integers of [low, high) when both are
// integers) and the nearest integer (halves away from zero) otherwise, clipped to the type's range.
#ifndef SNN_RUNTIME_DISTRIBUTIONS_H
#define SNN_RUNTIME_DISTRIBUTIONS_H

#include "Descriptor.h"

#include <cstdint>

namespace snn::rt {

/// Fills `count` elements of `type` at `data` from `dist`, drawing from (seed, stream).
void fillFromDistribution(ScalarType type, void *data, uint64_t count, const Distribution &dist,
                          uint32_t seed, uint32_t stream);

/// A delay in seconds as whole steps by the one rounding rule (support/Steps.h: nearest, halves
/// up), clipped to [0, maxSteps].
uint16_t delayToSteps(double seconds, double dt, uint32_t maxSteps);

/// Fills `count` delays (in steps) drawn in seconds from `seconds`, converted by delayToSteps().
void fillDelaySteps(uint16_t *out, uint64_t count, const Distribution &seconds, double dt,
                    uint32_t maxSteps, uint32_t seed, uint32_t stream);

} // namespace snn::rt

#endif
