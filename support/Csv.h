//===- support/Csv.h - how recordings write numbers ------------------------------------------===//
//
// The recordings of `snnc run` (runtime/src/RecordingCsv.cpp) and of `snnc-emu` are the same
// files: times are step * dt in milliseconds with 12 significant digits, values with 15, each in
// the shortest form (like %.<digits>g) from std::to_chars, so the output does not depend on the
// C locale. Both writers format through these functions.
//
//===----------------------------------------------------------------------------------------===//
#ifndef SNNC_SUPPORT_CSV_H
#define SNNC_SUPPORT_CSV_H

#include <charconv>
#include <cstdint>
#include <string>

namespace snn::support::csv {

constexpr int TimeDigits = 12;
constexpr int ValueDigits = 15;

/// Writes Value with Digits significant digits into Buf (at least 64 bytes); returns the length.
inline size_t formatNumber(double Value, int Digits, char *Buf) {
  auto R = std::to_chars(Buf, Buf + 64, Value, std::chars_format::general, Digits);
  return static_cast<size_t>(R.ptr - Buf);
}

inline std::string number(double Value, int Digits) {
  char Buf[64];
  return std::string(Buf, formatNumber(Value, Digits, Buf));
}

/// The time column of step Step at DtMs milliseconds per step.
inline std::string time(int64_t Step, double DtMs) {
  return number(static_cast<double>(Step) * DtMs, TimeDigits);
}

} // namespace snn::support::csv

#endif
