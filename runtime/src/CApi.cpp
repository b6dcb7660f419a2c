// CApi.cpp: the C API for creating, destroying and stepping networks, options, errors and timing
// (snn/runtime.h). Every function checks its arguments and converts any failure into an error code
// (or a neutral return value) plus snn_last_error(); no exception leaves these functions.
#include "CApiSupport.h"

#include "support/Steps.h"

#include <cmath>
#include <cstdio>
#include <limits>

using namespace snn::rt;

namespace {

std::string shortNumber(double V) {
  char Buf[32];
  std::snprintf(Buf, sizeof(Buf), "%g", V);
  return Buf;
}

/// duration / dt as a step count (the rounding rule of support/Steps.h), or throws when it is negative or too large.
uint64_t stepsFor(const snn_network &net, double duration, const char *function) {
  if (!std::isfinite(duration) || duration < 0)
    throwInvalidArgument(std::string(function) + ": duration must be a finite, non-negative " +
                         "number of seconds, got " + shortNumber(duration));
  const double steps = snn::support::timeToSteps(duration, net.desc.dt);
  if (steps >= 9.2e18)
    throwInvalidArgument(std::string(function) + ": " + shortNumber(duration) + " s is " +
                         shortNumber(steps) + " steps of dt = " + shortNumber(net.desc.dt) +
                         " s; the limit is 9.2e18 steps");
  return static_cast<uint64_t>(steps);
}

} // namespace

extern "C" {

void snn_options_init(snn_options *opts) {
  if (!opts)
    return;
  *opts = snn_options{};
  opts->struct_size = sizeof(snn_options);
}

snn_network *snn_create(const snn_model *model, const snn_options *opts) {
  return guardedValue<snn_network *>(nullptr, [&] {
    checkNotNull(model, "model", "snn_create");
    return snn_network::create(*model, opts).release();
  });
}

void snn_destroy(snn_network *net) { delete net; }

const char *snn_last_error(void) { return lastError(); }

int snn_step(snn_network *net, uint64_t n) {
  return guarded([&] {
    checkNetwork(net, "snn_step");
    net->advance(n);
  });
}

int snn_run(snn_network *net, double duration) {
  return guarded([&] {
    const uint64_t steps = stepsFor(checkNetwork(net, "snn_run"), duration, "snn_run");
    net->advance(steps);
  });
}

int snn_run_default(snn_network *net) {
  return guarded([&] {
    const snn_network &checked = checkNetwork(net, "snn_run_default");
    net->advance(stepsFor(checked, checked.desc.duration, "snn_run_default"));
  });
}

uint64_t snn_current_step(const snn_network *net) {
  return guardedValue<uint64_t>(0,
                                [&] { return checkNetwork(net, "snn_current_step").currentStep; });
}

double snn_time(const snn_network *net) {
  return guardedValue(0.0, [&] {
    const snn_network &checked = checkNetwork(net, "snn_time");
    return static_cast<double>(checked.currentStep) * checked.desc.dt;
  });
}

double snn_dt(const snn_network *net) {
  return guardedValue(0.0, [&] { return checkNetwork(net, "snn_dt").desc.dt; });
}

double snn_default_duration(const snn_network *net) {
  return guardedValue(0.0, [&] { return checkNetwork(net, "snn_default_duration").desc.duration; });
}

uint64_t snn_seed(const snn_network *net) {
  return guardedValue<uint64_t>(0, [&] { return uint64_t{checkNetwork(net, "snn_seed").seed}; });
}

const char *snn_network_name(const snn_network *net) {
  return guardedValue<const char *>(
      "", [&] { return checkNetwork(net, "snn_network_name").desc.name.c_str(); });
}

double snn_build_seconds(const snn_network *net) {
  return guardedValue(0.0, [&] { return checkNetwork(net, "snn_build_seconds").buildSeconds; });
}

double snn_simulate_seconds(const snn_network *net) {
  return guardedValue(0.0,
                      [&] { return checkNetwork(net, "snn_simulate_seconds").simulateSeconds; });
}

} // extern "C"
