// RuntimeTestSupport.h: helpers for the runtime's whole-network tests: building an snn_model from
// a descriptor (nlohmann::json) and hand-written kernels, owning the created network, reading
// buffers and files. Tests include runtime/src headers, so they may look at a network's buffers.
#ifndef SNN_TEST_RUNTIMETESTSUPPORT_H
#define SNN_TEST_RUNTIMETESTSUPPORT_H

#include "Network.h"

#include "snn/runtime.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

namespace snn::rt::test {

using Json = nlohmann::json;

/// Owns a network created by snn_create.
using NetworkPtr = std::unique_ptr<snn_network, void (*)(snn_network *)>;

/// The model for `descriptor` and `kernels`; both must outlive the returned struct's use.
inline snn_model makeModel(const std::string &descriptor,
                           const std::vector<snn_kernel_fn> &kernels) {
  snn_model model{};
  model.abi_version = SNN_ABI_VERSION;
  model.num_kernels = static_cast<uint32_t>(kernels.size());
  model.descriptor = descriptor.data();
  model.descriptor_size = descriptor.size();
  model.kernels = kernels.data();
  return model;
}

/// snn_create on `descriptor` and `kernels`; null (with snn_last_error set) on failure.
inline NetworkPtr createNetwork(const Json &descriptor, const std::vector<snn_kernel_fn> &kernels,
                                const snn_options *opts = nullptr) {
  const std::string text = descriptor.dump();
  const snn_model model = makeModel(text, kernels);
  return NetworkPtr(snn_create(&model, opts), snn_destroy);
}

/// Element pointer of buffer `index` of `net`.
template <class T> T *bufferOf(const snn_network *net, int index) {
  return static_cast<T *>(net->table[static_cast<size_t>(index)]);
}

/// The values of variable `var` of population `pop` through snn_get_state.
inline std::vector<double> stateOf(const snn_network *net, int pop, int var) {
  std::vector<double> values(snn_population_size(net, pop));
  EXPECT_EQ(snn_get_state(net, pop, var, 0, static_cast<uint32_t>(values.size()), values.data()),
            SNN_OK)
      << snn_last_error();
  return values;
}

/// The whole content of a file ("" when it cannot be read).
inline std::string readFile(const std::filesystem::path &path) {
  std::ifstream in(path);
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

/// A new, empty directory under the test temporary directory.
inline std::filesystem::path freshDirectory(const std::string &name) {
  static std::atomic<int> counter{0};
  std::filesystem::path dir =
      std::filesystem::path(::testing::TempDir()) /
      ("snnrt-" + name + "-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
  std::filesystem::remove_all(dir);
  return dir;
}

/// True when snn_last_error() contains `text`.
inline ::testing::AssertionResult lastErrorMentions(const std::string &text) {
  std::string message = snn_last_error();
  if (message.find(text) != std::string::npos)
    return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << "last error \"" << message << "\" does not mention \"" << text << "\"";
}

} // namespace snn::rt::test

#endif
