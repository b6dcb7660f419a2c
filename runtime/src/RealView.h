// RealView.h: per-synapse real values stored in double or single precision.
//
// A projection declared with `precision = f32` stores its per-synapse weights and synapse
// variables as f32 (4 bytes instead of 8); kernels compute in double and round when they store.
// The runtime reads and writes such buffers through this view.
#ifndef SNN_RUNTIME_REALVIEW_H
#define SNN_RUNTIME_REALVIEW_H

#include "Descriptor.h"

#include <cstdint>

namespace snn::rt {

struct RealView {
  void *data = nullptr;
  bool single = false; ///< f32, else f64

  RealView() = default;
  RealView(void *d, ScalarType type) : data(d), single(type == ScalarType::F32) {}
  explicit operator bool() const { return data != nullptr; }
  double get(uint64_t i) const {
    return single ? static_cast<double>(static_cast<const float *>(data)[i])
                  : static_cast<const double *>(data)[i];
  }
  void set(uint64_t i, double v) const {
    if (single)
      static_cast<float *>(data)[i] = static_cast<float>(v);
    else
      static_cast<double *>(data)[i] = v;
  }
};

} // namespace snn::rt

#endif
