//===- support/Random.h - counter-based random numbers -------------------------------------===//
//
// The counter-based random numbers every random draw of snnc comes from: the runtime's
// connectivity, values and Poisson counts, the chip backends and the emulator (the generated
// kernels compute the same Philox blocks inline; the emulator's bit-exact agreement with native
// runs driven by Poisson generators, test/chips/loihi/brunel.test, keeps the two equal).
//
// A draw is a pure function of (seed, stream, counter): Philox4x32-10 from Random123 with key
// (seed, stream) applied to a 128-bit counter. A stream names a purpose and an object,
// SNN_STREAM(purpose, index) with the SNN_STREAM_* purposes of snn/runtime.h. A counter is written
// (a, b) with two 64-bit halves and laid out as the words (lo(a), lo(b), hi(b), hi(a)), so that
// snn_rt_random_u32's counter (i / 4, step_lo, step_hi, 0) is counter (i / 4, step).
// Conversions: uniformOpen01 maps two words to a double in the open interval (0, 1) with 53
// random bits; standardNormal uses Box-Muller on the four words of one block. CounterStream reads
// the words of the blocks (a, 0), (a, 1), ... in order, for algorithms that need a variable number
// of draws per object (a row of a connectivity matrix).
//
//===----------------------------------------------------------------------------------------===//
#ifndef SNNC_SUPPORT_RANDOM_H
#define SNNC_SUPPORT_RANDOM_H

#include <Random123/philox.h>

#include <array>
#include <cmath>
#include <cstdint>

namespace snn::support {

/// The four 32-bit words of one Philox block.
using RandomBlock = std::array<uint32_t, 4>;

/// Philox4x32-10 with key (seed, stream) at counter (a, b).
inline RandomBlock philoxBlock(uint32_t seed, uint32_t stream, uint64_t a, uint64_t b) {
  r123::Philox4x32 philox;
  r123::Philox4x32::ctr_type counter = {{static_cast<uint32_t>(a), static_cast<uint32_t>(b),
                                         static_cast<uint32_t>(b >> 32),
                                         static_cast<uint32_t>(a >> 32)}};
  r123::Philox4x32::key_type key = {{seed, stream}};
  r123::Philox4x32::ctr_type out = philox(counter, key);
  return {out[0], out[1], out[2], out[3]};
}

/// A double in (0, 1) from 53 bits of two words: k / 2^53 for k = 1 .. 2^53 - 1, and 2^-54 in
/// place of 0 (so never exactly 0 or 1).
inline double uniformOpen01(uint32_t high, uint32_t low) {
  uint64_t bits = (static_cast<uint64_t>(high) << 21) ^ (static_cast<uint64_t>(low) >> 11);
  return bits != 0 ? static_cast<double>(bits) * 0x1p-53 : 0x1p-54;
}

/// A standard normal draw from one block (Box-Muller, cosine branch).
inline double standardNormal(const RandomBlock &block) {
  double radius = std::sqrt(-2.0 * std::log(uniformOpen01(block[0], block[1])));
  double angle = 6.283185307179586476925286766559 * uniformOpen01(block[2], block[3]);
  return radius * std::cos(angle);
}

/// Uniform on [low, high) at element `i` of (seed, stream): counter (i, 0), words 0 and 1.
inline double uniformAt(uint32_t seed, uint32_t stream, uint64_t i, double low, double high) {
  RandomBlock block = philoxBlock(seed, stream, i, 0);
  double value = low + (high - low) * uniformOpen01(block[0], block[1]);
  return value < high || !(high > low) ? value : std::nextafter(high, low); // rounding up to high
}

/// Normal(mean, std) at element `i` of (seed, stream): counter (i, 0), all four words.
inline double normalAt(uint32_t seed, uint32_t stream, uint64_t i, double mean, double std) {
  return mean + std * standardNormal(philoxBlock(seed, stream, i, 0));
}

/// What a per-element value is drawn from.
enum class DistKind : uint8_t { Const, Uniform, Normal, Linspace };

/// Element i of `count` values of a distribution (const: a; uniform [a, b); normal (mean a,
/// std b); linspace from a to b) drawn from (seed, stream): the values the runtime fills
/// buffers with, before any conversion to the buffer's type.
inline double valueAt(DistKind kind, double a, double b, uint64_t i, uint64_t count,
                      uint32_t seed, uint32_t stream) {
  switch (kind) {
  case DistKind::Const:
    return a;
  case DistKind::Uniform:
    return uniformAt(seed, stream, i, a, b);
  case DistKind::Normal:
    return normalAt(seed, stream, i, a, b);
  case DistKind::Linspace:
    if (count < 2)
      return a;
    if (i + 1 == count)
      return b;
    return a + (b - a) * (static_cast<double>(i) / static_cast<double>(count - 1));
  }
  return a;
}

/// The words of blocks (a, 0), (a, 1), ... of (seed, stream), in order.
class CounterStream {
public:
  CounterStream(uint32_t seed, uint32_t stream, uint64_t a) : seed_(seed), stream_(stream), a_(a) {}

  /// The next 32 random bits.
  uint32_t nextWord() {
    if (used_ == 4) {
      block_ = philoxBlock(seed_, stream_, a_, nextBlock_++);
      used_ = 0;
    }
    return block_[used_++];
  }

  /// A double in (0, 1) from the next two words.
  double nextUniform() {
    uint32_t high = nextWord();
    return uniformOpen01(high, nextWord());
  }

  /// An integer uniform on [0, n), n >= 1, without bias (Lemire's multiply-and-reject).
  uint32_t nextBelow(uint32_t n) {
    uint64_t product = static_cast<uint64_t>(nextWord()) * n;
    uint32_t low = static_cast<uint32_t>(product);
    if (low < n) {
      uint32_t threshold = static_cast<uint32_t>(-n) % n;
      while (low < threshold) {
        product = static_cast<uint64_t>(nextWord()) * n;
        low = static_cast<uint32_t>(product);
      }
    }
    return static_cast<uint32_t>(product >> 32);
  }

private:
  uint32_t seed_;
  uint32_t stream_;
  uint64_t a_;
  uint64_t nextBlock_ = 0;
  RandomBlock block_{};
  unsigned used_ = 4;
};

} // namespace snn::support

#endif
