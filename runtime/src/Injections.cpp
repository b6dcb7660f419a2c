// Injections.cpp: see Injections.h.
#include "Injections.h"

#include <algorithm>
#include <numeric>

namespace snn::rt {

void Injections::setUp(NetworkDesc &desc, const std::vector<void *> &table) {
  for (InjectionDesc &inj : desc.injections) {
    const PopulationDesc &pop = desc.populations[static_cast<size_t>(inj.population)];
    const VariableDesc &var = pop.variables[static_cast<size_t>(inj.variable)];
    Schedule s;
    s.data = static_cast<double *>(table[static_cast<size_t>(var.buffer)]);
    s.size = pop.size;
    std::vector<size_t> order(inj.steps.size());
    std::iota(order.begin(), order.end(), size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return inj.steps[a] < inj.steps[b]; });
    for (size_t i : order) {
      s.steps.push_back(inj.steps[i]);
      s.neurons.push_back(inj.neurons[i]);
      s.values.push_back(inj.values[i]);
    }
    schedules_.push_back(std::move(s));
    inj = InjectionDesc{inj.population, inj.variable, {}, {}, {}}; // nothing else reads it
  }
}

void Injections::apply(int64_t step) {
  for (Schedule &s : schedules_) {
    for (; s.next < s.steps.size() && s.steps[s.next] <= step; ++s.next) {
      const int64_t neuron = s.neurons[s.next];
      const double value = s.values[s.next];
      if (neuron < 0)
        std::fill(s.data, s.data + s.size, value);
      else
        s.data[neuron] = value;
    }
  }
}

} // namespace snn::rt
