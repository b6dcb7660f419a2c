// Network.h: snn_network, a built network and everything the C API asks of it.
//
// create() builds a network from a model (Network.cpp): it parses the descriptor, allocates every
// buffer (64-byte aligned, zero-filled), writes the effective seed into the seed buffer, applies
// the buffers' `init`, builds each projection's connectivity, weights and delays, and sets up the
// spike lists, injections and recordings. advance() runs steps in the documented order (Step.cpp).
// Once created, the buffer table never changes, so kernels and queries may keep pointers into it.
// Members are public so that the C API layer (CApi*.cpp) can read them; only these files and the
// tests use this header.
#ifndef SNN_RUNTIME_NETWORK_H
#define SNN_RUNTIME_NETWORK_H

#include "snn/runtime.h"

#include "Support.h"
#include "Descriptor.h"
#include "Plasticity.h"
#include "Threads.h"
#include "Injections.h"
#include "Recording.h"
#include "SpikeLists.h"

#include <cstdint>
#include <memory>
#include <vector>

struct snn_network {
  /// A delivery kernel and the spike count of its source population.
  struct Delivery {
    snn_kernel_fn kernel = nullptr;
    const int64_t *sourceCount = nullptr;
  };

  /// Builds the network of `model` (opts may be null: defaults). Throws RuntimeError.
  static std::unique_ptr<snn_network> create(const snn_model &model, const snn_options *opts);

  /// Runs `steps` steps (Step.cpp), drawing a progress bar when requested.
  void advance(uint64_t steps);

  /// The values of variable `var` of population `pop` (an f64 buffer of population size).
  double *variableData(int pop, int var) const;

  /// What buildConnectivity needs to make the synapses of projection `index`.
  snn::rt::ConnectivityRequest connectivityRequest(size_t index) const;
  /// The synapses of projection `index` in CSR form: its own arrays for storage "csr", else
  /// built on first use (the same synapses, rows ascending) and kept (CApiSynapses.cpp).
  const snn::rt::CsrMatrix &synapseMatrix(size_t index) const;

  snn::rt::NetworkDesc desc;
  uint32_t seed = 0;                          ///< the effective seed
  std::vector<snn::rt::AlignedBlock> storage; ///< one block per buffer
  std::vector<uint64_t> bufferSizes;          ///< elements per buffer (dynamic ones once built)
  std::vector<void *> table;                  ///< the `bufs` argument of every kernel
  std::vector<snn_kernel_fn> updateKernels;   ///< per population (null for spike-time generators)
  std::vector<snn::rt::PopulationSpikes> populations;
  std::vector<Delivery> deliveries;    ///< per projection
  /// Per projection: the event queues of a projection with a synapse model (else null).
  std::vector<std::unique_ptr<snn::rt::PlasticProjection>> plasticProjections;
  std::vector<uint64_t> synapseCounts; ///< per projection
  std::unique_ptr<snn::rt::Recordings> recordings;
  snn::rt::Injections injections; ///< time series written into inputs
  uint64_t currentStep = 0;
  unsigned threads = 1;                           ///< snn_options.threads (Threads.h)
  std::unique_ptr<snn::rt::WorkerPool> pool;      ///< with more than one thread
  std::vector<snn::rt::ThreadShare> shares;       ///< per thread
  std::vector<size_t> parallelProjections;        ///< "by_target", in order
  std::vector<size_t> sequentialProjections;      ///< the others, in order
  bool progress = false;
  double buildSeconds = 0;
  double simulateSeconds = 0;

  /// Per population: the last step's spikes expanded by multiplicity (snn_last_spikes of
  /// generators), and the step it was expanded for (-1: never).
  mutable std::vector<std::vector<uint32_t>> expandedSpikes;
  mutable std::vector<int64_t> expandedAt;
  /// Per projection whose storage is not csr: its synapses in CSR form, once asked for.
  mutable std::vector<std::unique_ptr<snn::rt::CsrMatrix>> materialized;

private:
  std::vector<snn_kernel_fn> postKernels_; ///< per projection: its `on post` kernel, or null
  std::vector<snn_kernel_fn> modulatorKernels_; ///< per projection: `on modulator`, or null
  void allocateBuffers();
  void initializeBuffers();
  void buildProjection(size_t index);
  /// Per-synapse variables, presynaptic indices, the postsynaptic index and the event queues of
  /// a plastic projection (Plasticity.cpp).
  void buildPlastic(size_t index, uint64_t synapses, snn_kernel_fn preKernel,
                    snn_kernel_fn postKernel, snn_kernel_fn modulatorKernel);
  void setUpPopulations();
  /// Splits populations and by-target projections among the threads (Parallel.cpp).
  void setUpThreads();
  /// Runs one step (Step.cpp).
  void stepOnce();
  /// The phases of a step run by thread t (Step.cpp).
  void updatePhase(unsigned t, int64_t step);
  void assemblePhase(unsigned t, int64_t step);
  void deliverPhase(unsigned t, int64_t step);
};

#endif
