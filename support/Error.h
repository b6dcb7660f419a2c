//===- support/Error.h - failures of the shared semantics ----------------------------------===//
//
// The functions of support/ throw support::Error (a message and a kind) where the runtime would
// report an invalid model or a lack of memory; the runtime turns it into its C error codes, the
// compiler and the emulator into diagnostics. Messages are lower-case and name the object.
//
//===----------------------------------------------------------------------------------------===//
#ifndef SNNC_SUPPORT_ERROR_H
#define SNNC_SUPPORT_ERROR_H

#include <stdexcept>
#include <string>

namespace snn::support {

class Error : public std::runtime_error {
public:
  enum class Kind { InvalidModel, OutOfMemory, Internal };
  Error(Kind K, const std::string &Message) : std::runtime_error(Message), K(K) {}
  Kind kind() const { return K; }

private:
  Kind K;
};

} // namespace snn::support

#endif
