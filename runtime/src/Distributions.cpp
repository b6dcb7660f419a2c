// Distributions.cpp: the fills of Distributions.h. One template per element type keeps the inner
// loops free of type dispatch.
#include "Distributions.h"

#include "Support.h"

#include "support/Steps.h"

#include <cmath>
#include <limits>
#include <type_traits>

namespace snn::rt {

namespace {

/// Converts a draw to T (see the header for the integer rule).
template <class T> T toElement(double value, bool uniform) {
  if constexpr (std::is_floating_point_v<T>) {
    return static_cast<T>(value);
  } else {
    double integral = uniform ? std::floor(value) : std::round(value);
    constexpr double low = static_cast<double>(std::numeric_limits<T>::min());
    constexpr double high = static_cast<double>(std::numeric_limits<T>::max());
    if (integral <= low)
      return std::numeric_limits<T>::min();
    if (integral >= high)
      return std::numeric_limits<T>::max();
    return static_cast<T>(integral);
  }
}

/// Value i of `count` of dist as a double (before any conversion to the buffer's type).
double drawAt(const Distribution &dist, uint64_t i, uint64_t count, uint32_t seed,
              uint32_t stream) {
  return support::valueAt(dist.kind, dist.first, dist.second, i, count, seed, stream);
}

template <class T>
void fillTyped(T *out, uint64_t count, const Distribution &dist, uint32_t seed, uint32_t stream) {
  if (dist.quantize) {
    // Chip integers: each value drawn as below (in double), then quantized.
    const support::fx::Quantizer &q = *dist.quantize;
    for (uint64_t i = 0; i < count; ++i)
      out[i] = static_cast<T>(q(drawAt(dist, i, count, seed, stream)));
    return;
  }
  switch (dist.kind) {
  case Distribution::Kind::Const: {
    const T value = toElement<T>(dist.first, false);
    for (uint64_t i = 0; i < count; ++i)
      out[i] = value;
    break;
  }
  case Distribution::Kind::Uniform:
    for (uint64_t i = 0; i < count; ++i) {
      out[i] = toElement<T>(uniformAt(seed, stream, i, dist.first, dist.second), true);
      // A draw just below `high` may round up to it in single precision: [low, high) holds.
      if constexpr (std::is_same_v<T, float>)
        if (dist.second > dist.first && !(static_cast<double>(out[i]) < dist.second))
          out[i] = std::nextafter(static_cast<float>(dist.second),
                                  static_cast<float>(dist.first));
    }
    break;
  case Distribution::Kind::Normal:
    for (uint64_t i = 0; i < count; ++i)
      out[i] = toElement<T>(normalAt(seed, stream, i, dist.first, dist.second), false);
    break;
  case Distribution::Kind::Linspace:
    for (uint64_t i = 0; i < count; ++i)
      out[i] = toElement<T>(drawAt(dist, i, count, seed, stream), false);
    break;
  }
}

} // namespace

void fillFromDistribution(ScalarType type, void *data, uint64_t count, const Distribution &dist,
                          uint32_t seed, uint32_t stream) {
  switch (type) {
  case ScalarType::F64:
    return fillTyped(static_cast<double *>(data), count, dist, seed, stream);
  case ScalarType::F32:
    return fillTyped(static_cast<float *>(data), count, dist, seed, stream);
  case ScalarType::I64:
    return fillTyped(static_cast<int64_t *>(data), count, dist, seed, stream);
  case ScalarType::U64:
    return fillTyped(static_cast<uint64_t *>(data), count, dist, seed, stream);
  case ScalarType::I32:
    return fillTyped(static_cast<int32_t *>(data), count, dist, seed, stream);
  case ScalarType::U32:
    return fillTyped(static_cast<uint32_t *>(data), count, dist, seed, stream);
  case ScalarType::U16:
    return fillTyped(static_cast<uint16_t *>(data), count, dist, seed, stream);
  case ScalarType::U8:
    return fillTyped(static_cast<uint8_t *>(data), count, dist, seed, stream);
  }
}

uint16_t delayToSteps(double seconds, double dt, uint32_t maxSteps) {
  return static_cast<uint16_t>(support::timeToStepsClipped(seconds, dt, 0, maxSteps));
}

void fillDelaySteps(uint16_t *out, uint64_t count, const Distribution &seconds, double dt,
                    uint32_t maxSteps, uint32_t seed, uint32_t stream) {
  for (uint64_t i = 0; i < count; ++i) {
    out[i] = delayToSteps(drawAt(seconds, i, count, seed, stream), dt, maxSteps);
  }
}

} // namespace snn::rt
