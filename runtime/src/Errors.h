// Errors.h: how the runtime reports failures.
//
// Internally every failure is a RuntimeError (a message and an SNN_ERROR_* code) thrown from where
// it is detected. The C API functions catch everything at the boundary (see guarded() below) and
// store the message in a thread-local string that snn_last_error() returns, so no exception ever
// crosses into C code. Messages are lower-case, without a trailing period, and name the object
// concerned in quotes.
#ifndef SNN_RUNTIME_ERRORS_H
#define SNN_RUNTIME_ERRORS_H

#include "snn/runtime.h"

#include <new>
#include <stdexcept>
#include <string>

namespace snn::rt {

/// A failure inside the runtime, carrying the SNN_ERROR_* code the C API returns.
class RuntimeError : public std::runtime_error {
public:
  RuntimeError(int code, const std::string &message) : std::runtime_error(message), code_(code) {}
  /// The SNN_ERROR_* code.
  int code() const { return code_; }

private:
  int code_;
};

/// Throws RuntimeError(SNN_ERROR_INVALID_ARGUMENT, message).
[[noreturn]] void throwInvalidArgument(const std::string &message);
/// Throws RuntimeError(SNN_ERROR_INVALID_MODEL, message).
[[noreturn]] void throwInvalidModel(const std::string &message);

/// Stores `message` as this thread's last error.
void setLastError(const std::string &message);
/// This thread's last error ("" when none).
const char *lastError();

/// Converts the exception being handled into an error code and this thread's last error.
/// Call only from inside a catch block.
int reportCurrentException() noexcept;

/// Runs `body` (returning void); returns SNN_OK, or the error code of whatever it threw.
template <class Body> int guarded(Body &&body) noexcept {
  try {
    body();
    return SNN_OK;
  } catch (...) {
    return reportCurrentException();
  }
}

/// Runs `body` and returns its value, or `onError` when it throws (the error is recorded).
template <class T, class Body> T guardedValue(T onError, Body &&body) noexcept {
  try {
    return body();
  } catch (...) {
    reportCurrentException();
    return onError;
  }
}

} // namespace snn::rt

#endif
