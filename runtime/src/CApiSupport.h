// CApiSupport.h: argument checks shared by the C API files (CApi.cpp, CApiQueries.cpp,
// CApiSynapses.cpp).
// Each check throws RuntimeError(SNN_ERROR_INVALID_ARGUMENT) with a message naming the function
// and the bad argument; the C functions catch it through guarded()/guardedValue() (Errors.h).
#ifndef SNN_RUNTIME_CAPISUPPORT_H
#define SNN_RUNTIME_CAPISUPPORT_H

#include "Errors.h"
#include "Network.h"

#include <string>

namespace snn::rt {

/// `net`, or throws when it is NULL.
inline const snn_network &checkNetwork(const snn_network *net, const char *function) {
  if (!net)
    throwInvalidArgument(std::string(function) + ": net is NULL");
  return *net;
}

/// The population `pop` of `net`, or throws when the index is out of range.
inline const PopulationDesc &checkPopulation(const snn_network &net, int pop,
                                             const char *function) {
  const size_t count = net.desc.populations.size();
  if (pop < 0 || static_cast<size_t>(pop) >= count)
    throwInvalidArgument(std::string(function) + ": population index " + std::to_string(pop) +
                         " is out of range (the network has " + std::to_string(count) +
                         " populations)");
  return net.desc.populations[static_cast<size_t>(pop)];
}

/// Variable `var` of population `pop`, or throws.
inline const VariableDesc &checkVariable(const snn_network &net, int pop, int var,
                                         const char *function) {
  const PopulationDesc &population = checkPopulation(net, pop, function);
  const size_t count = population.variables.size();
  if (var < 0 || static_cast<size_t>(var) >= count)
    throwInvalidArgument(std::string(function) + ": variable index " + std::to_string(var) +
                         " is out of range ('" + population.name + "' has " +
                         std::to_string(count) + " variables)");
  return population.variables[static_cast<size_t>(var)];
}

/// Projection `proj` of `net`, or throws.
inline const ProjectionDesc &checkProjection(const snn_network &net, int proj,
                                             const char *function) {
  const size_t count = net.desc.projections.size();
  if (proj < 0 || static_cast<size_t>(proj) >= count)
    throwInvalidArgument(std::string(function) + ": projection index " + std::to_string(proj) +
                         " is out of range (the network has " + std::to_string(count) +
                         " projections)");
  return net.desc.projections[static_cast<size_t>(proj)];
}

/// Throws when `pointer` is NULL; `name` is the parameter's name.
inline void checkNotNull(const void *pointer, const char *name, const char *function) {
  if (!pointer)
    throwInvalidArgument(std::string(function) + ": " + name + " is NULL");
}

} // namespace snn::rt

#endif
