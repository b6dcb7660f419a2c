// Errors.cpp: the thread-local last-error string and the translation of exceptions into C error
// codes. Nothing here throws; if even storing the message fails (out of memory), the previous
// message is kept and the code is still returned.
#include "Errors.h"

#include "support/Error.h"

#include <exception>

namespace snn::rt {

namespace {
thread_local std::string lastErrorMessage;
} // namespace

void throwInvalidArgument(const std::string &message) {
  throw RuntimeError(SNN_ERROR_INVALID_ARGUMENT, message);
}

void throwInvalidModel(const std::string &message) {
  throw RuntimeError(SNN_ERROR_INVALID_MODEL, message);
}

void setLastError(const std::string &message) {
  try {
    lastErrorMessage = message;
  } catch (...) {
    // Keep the old message rather than fail while reporting a failure.
  }
}

const char *lastError() { return lastErrorMessage.c_str(); }

int reportCurrentException() noexcept {
  try {
    throw;
  } catch (const RuntimeError &error) {
    setLastError(error.what());
    return error.code();
  } catch (const support::Error &error) {
    setLastError(error.what());
    switch (error.kind()) {
    case support::Error::Kind::InvalidModel: return SNN_ERROR_INVALID_MODEL;
    case support::Error::Kind::OutOfMemory: return SNN_ERROR_OUT_OF_MEMORY;
    case support::Error::Kind::Internal: return SNN_ERROR_INTERNAL;
    }
    return SNN_ERROR_INTERNAL;
  } catch (const std::bad_alloc &) {
    setLastError("out of memory");
    return SNN_ERROR_OUT_OF_MEMORY;
  } catch (const std::exception &error) {
    setLastError(std::string("internal error: ") + error.what());
    return SNN_ERROR_INTERNAL;
  } catch (...) {
    setLastError("internal error: unknown exception");
    return SNN_ERROR_INTERNAL;
  }
}

} // namespace snn::rt
