// Random.cpp: snn_rt_random_u32 (the random helper that generated kernels call) and stream
// naming. Element i of a call gets word (i mod 4) of block (i / 4, step), so the output for an
// element does not depend on how a range of elements is split between calls.
#include "Support.h"

#include "Errors.h"

#include <string>

namespace snn::rt {

uint32_t streamFor(uint32_t purpose, uint64_t index) {
  if (index >= (uint64_t{1} << 24))
    throwInvalidModel("object index " + std::to_string(index) +
                      " does not fit in a random stream (at most 2^24 - 1)");
  return SNN_STREAM(purpose, index);
}

} // namespace snn::rt

extern "C" void snn_rt_random_u32(uint64_t seed, uint32_t stream, int64_t step, int64_t begin,
                                  int64_t end, uint32_t *out) {
  if (!out || end <= begin)
    return;
  const uint32_t seed32 = static_cast<uint32_t>(seed);
  const uint64_t stepBits = static_cast<uint64_t>(step);
  uint64_t i = static_cast<uint64_t>(begin);
  uint64_t remaining = static_cast<uint64_t>(end) - static_cast<uint64_t>(begin);
  uint32_t *target = out;
  // A partial first block, then whole blocks, then a partial last block.
  while (remaining > 0) {
    snn::rt::RandomBlock block = snn::rt::philoxBlock(seed32, stream, i >> 2, stepBits);
    for (unsigned word = static_cast<unsigned>(i & 3); word < 4 && remaining > 0; ++word) {
      *target++ = block[word];
      ++i;
      --remaining;
    }
  }
}
