// Injections.h: time series written into input variables (descriptor "injections").
//
// Each entry writes a value into one neuron's input (or every neuron's) once the step counter
// reaches its step: entries of step 0 at creation, entries of step s right after step s has been
// computed, before its recordings are sampled. So the input holds the series' value at each
// step's time, and the integration from (s-1) dt to s dt uses the value at (s-1) dt. Entries of
// one step are applied in descriptor order (a later one wins).
#ifndef SNN_RUNTIME_INJECTIONS_H
#define SNN_RUNTIME_INJECTIONS_H

#include "Descriptor.h"

#include <cstdint>
#include <vector>

namespace snn::rt {

class Injections {
public:
  /// Takes the schedules out of `desc` (sorting each by step, stably); `table` is the buffer table.
  void setUp(NetworkDesc &desc, const std::vector<void *> &table);
  /// Applies every entry whose step is at most `step` and has not been applied yet.
  void apply(int64_t step);

private:
  struct Schedule {
    double *data = nullptr;
    uint32_t size = 0;
    std::vector<int64_t> steps, neurons;
    std::vector<double> values;
    size_t next = 0;
  };
  std::vector<Schedule> schedules_;
};

} // namespace snn::rt

#endif
