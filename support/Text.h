//===- support/Text.h - numbers as messages and reports print them --------------------------===//
#ifndef SNNC_SUPPORT_TEXT_H
#define SNNC_SUPPORT_TEXT_H

#include <cstdint>
#include <string>

namespace snn::support {

/// N with thousands separated by commas ("1,048,576"), as diagnostics and reports print
/// counts.
inline std::string withCommas(uint64_t N) {
  const std::string S = std::to_string(N);
  std::string R;
  for (size_t I = 0; I < S.size(); ++I) {
    if (I && (S.size() - I) % 3 == 0)
      R += ',';
    R += S[I];
  }
  return R;
}

} // namespace snn::support

#endif
