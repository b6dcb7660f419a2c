//===- support/FixedPoint.h - the integer arithmetic of the chip targets -------------------===//
//
// The operations chips compute with, defined once: the quantizer (compile time), the emulator
// and the constant folder call these; the LLVM backend emits the same operations inline for
// `snnc run --target=...` (codegen/llvm/ExprEmitter.cpp), and a unit test checks the two agree
// on the edge cases (signs, halves, bounds). Values are int64_t; products are formed in 128
// bits, so no operation overflows for any 64-bit operand.
//
//   decayTrunc(x, m, s)  sgn(x) * ((|x| * m) >> s): scaling by m / 2^s, truncated toward zero
//                        (Loihi's decays of u and v)
//   shiftFloor(x, k)     x * 2^k for k >= 0, floor(x / 2^-k) for k < 0 (Loihi's weight_exp,
//                        an arithmetic shift of the summed input)
//   wrap(x, b)           x modulo 2^b into [-2^(b-1), 2^(b-1) - 1] (two's complement)
//   wrapOnce(x, b)       Lava's u: x - 2^b if x > 2^(b-1), then x + 2^b if x <= -2^(b-1)
//   saturate(x, b)       x clipped to [-(2^(b-1) - 1), 2^(b-1) - 1] (Lava's v)
//   roundHalfAway(x)     the nearest integer to a double, halves away from zero
//   mulRound(a, b, f)    (a * b) / 2^f rounded to nearest, halves up (s16.15 products)
//   mulShiftFloor(a,b,f) floor((a * b) / 2^f) (s16.15 times a u0.32 decay factor)
//
//===----------------------------------------------------------------------------------------===//
#ifndef SNNC_SUPPORT_FIXEDPOINT_H
#define SNNC_SUPPORT_FIXEDPOINT_H

#include "support/TargetDesc.h"

#include <cmath>
#include <cstdint>

namespace snn::support::fx {

inline int64_t decayTrunc(int64_t X, int64_t M, unsigned S) {
  __int128 P = static_cast<__int128>(X < 0 ? -static_cast<__int128>(X) : X) * M;
  P >>= S;
  return static_cast<int64_t>(X < 0 ? -P : P);
}

inline int64_t shiftFloor(int64_t X, int K) {
  if (K >= 0)
    return X * (int64_t(1) << K);
  // >> of a negative value is an arithmetic shift (floor) in C++20.
  return X >> (-K);
}

inline int64_t wrap(int64_t X, unsigned B) {
  const uint64_t Mod = uint64_t(1) << B;
  uint64_t U = static_cast<uint64_t>(X) & (Mod - 1);
  return U >= (Mod >> 1) ? static_cast<int64_t>(U) - static_cast<int64_t>(Mod)
                         : static_cast<int64_t>(U);
}

inline int64_t wrapOnce(int64_t X, unsigned B) {
  const int64_t Half = int64_t(1) << (B - 1), Mod = int64_t(1) << B;
  if (X > Half)
    X -= Mod;
  if (X <= -Half)
    X += Mod;
  return X;
}

inline int64_t saturate(int64_t X, unsigned B) {
  const int64_t Max = (int64_t(1) << (B - 1)) - 1;
  return X > Max ? Max : X < -Max ? -Max : X;
}

inline int64_t overflow(int64_t X, unsigned B, Overflow O) {
  switch (O) {
  case Overflow::Wrap: return wrap(X, B);
  case Overflow::WrapOnce: return wrapOnce(X, B);
  case Overflow::Saturate: return saturate(X, B);
  }
  return X;
}

inline int64_t roundHalfAway(double X) { return static_cast<int64_t>(std::llround(X)); }

inline int64_t mulRound(int64_t A, int64_t B, unsigned F) {
  __int128 P = static_cast<__int128>(A) * B;
  return static_cast<int64_t>((P + (static_cast<__int128>(1) << (F - 1))) >> F);
}

/// floor(A * B / 2^F) with a 128-bit product (sPyNNaker's decay_s1615: an s16.15 value times a
/// u0.32 factor).
inline int64_t mulShiftFloor(int64_t A, int64_t B, unsigned F) {
  return static_cast<int64_t>((static_cast<__int128>(A) * B) >> F);
}

/// A weight as Loihi stores it (Lava's clip_weights and truncate_weights): clipped to 8 bits of
/// magnitude for its sign mode (excitatory [0, 255], inhibitory [-255, 0], mixed [-256, 255]),
/// then its low 8 - Bits (+1 if mixed) bits cleared, rounding toward minus infinity (the
/// magnitude of inhibitory weights). WeightBits is the magnitude width (8).
inline int64_t loihiStoredWeight(int64_t W, SignMode Sign, unsigned Bits,
                                 unsigned WeightBits = 8) {
  const int64_t Max = (int64_t(1) << WeightBits) - 1;
  const bool Mixed = Sign == SignMode::Mixed;
  const unsigned Drop = WeightBits - Bits + (Mixed ? 1 : 0);
  switch (Sign) {
  case SignMode::Excitatory:
    W = W < 0 ? 0 : W > Max ? Max : W;
    return (W >> Drop) << Drop;
  case SignMode::Inhibitory: {
    int64_t M = -W;
    M = M < 0 ? 0 : M > Max ? Max : M;
    return -((M >> Drop) << Drop);
  }
  case SignMode::Mixed:
    W = W < -(Max + 1) ? -(Max + 1) : W > Max ? Max : W;
    return (W >> Drop) * (int64_t(1) << Drop);
  }
  return W;
}

/// How a real value becomes a chip integer: x -> clip(Step * roundHalfAway((x - Offset) /
/// (Scale * Step)), Lo, Hi). Weights (Offset 0, Scale: the real weight of one unit, Step: the
/// spacing of the stored values) and initial values (Offset: the value that is 0 on the chip)
/// are quantized with it at compile time and, for values drawn per synapse or neuron, by the
/// runtime and the chip backend from the same draws.
struct Quantizer {
  double Offset = 0;
  double Scale = 1;
  int64_t Step = 1;
  int64_t Lo = INT64_MIN, Hi = INT64_MAX;
  int64_t operator()(double X) const {
    double Q = (X - Offset) / (Scale * static_cast<double>(Step));
    if (!(Q == Q)) // NaN
      return 0;
    double Lim = 9.0e18;
    Q = Q > Lim ? Lim : Q < -Lim ? -Lim : Q;
    int64_t V = Step * roundHalfAway(Q);
    return V < Lo ? Lo : V > Hi ? Hi : V;
  }
};

} // namespace snn::support::fx

#endif
