//===- codegen/llvm/BufferPlan.h - memory layout of a compiled network ----------------------===//
//
// The runtime allocates every array a network needs (state, inputs, refractory counters, spike
// lists, input ring buffers, connectivity); generated kernels find them in a table of pointers
// by a compile-time index. BufferPlan assigns those indices from the IR, deterministically, and
// writes the JSON descriptor the runtime builds the network from (docs/runtime-abi.md). It
// decides nothing about the network: sizes, storage formats and delays come from the IR.
//
//===----------------------------------------------------------------------------------------===//
#ifndef SNNC_CODEGEN_LLVM_BUFFERPLAN_H
#define SNNC_CODEGEN_LLVM_BUFFERPLAN_H

#include "ir/Network.h"

#include <nlohmann/json_fwd.hpp>

#include <map>
#include <string>
#include <vector>

namespace snn::codegen {

enum class ElemType { F64, F32, I64, U64, I32, U32, U16, U8 };
const char *elemTypeName(ElemType T);

struct Buffer {
  std::string Name;
  ElemType Type;
  uint64_t Size = 0;   ///< elements; 0 with Dynamic
  bool Dynamic = false;
  const ir::ValueInit *Init = nullptr;
};

/// Buffers of one population.
struct PopBuffers {
  std::map<std::string, int> Vars;  ///< state variable or input -> f64 buffer
  std::vector<std::string> VarOrder; ///< states then inputs, as the C API numbers them
  int Refractory = -1;              ///< i32 steps left (models with a refractory period)
  int Flags = -1;                   ///< u8 fired-this-step (neuron populations)
  int Counts = -1, Random = -1;     ///< u32 (Poisson populations)
  int SpikeIdx = -1, SpikeMult = -1, SpikeCount = -1;
  std::map<std::string, int> Rings; ///< port -> f64 ring buffer of slots x size
  int UpdateKernel = -1;
};

/// Buffers of a projection with a synapse model (docs/runtime-abi.md, "Plastic projections").
struct SynapseBuffers {
  std::vector<std::string> VarOrder; ///< the model's state variables, as the C API numbers them
  std::map<std::string, int> Vars;   ///< per-synapse variable -> dynamic f64 buffer
  std::map<std::string, int> PreTraces, PostTraces; ///< hoisted variable -> f64[source/target]
  int LastUpdate = -1;            ///< dynamic i64: step of each synapse's last event
  int PreLast = -1, PostLast = -1; ///< i64[source/target]: step of the traces' last update
  int Source = -1;                ///< dynamic u32: presynaptic neuron of each synapse
  int PostPtr = -1, PostSyn = -1; ///< by target: u64[target + 1] and dynamic u32 synapse ids
  int PreEvents = -1, PostEvents = -1; ///< u32 event lists the runtime points at each step
  /// Pre events are presynaptic neurons (whole rows reach the synapses at once) or single
  /// synapses (per-synapse arrival times); post events are postsynaptic neurons or synapses.
  bool PreRows = true, PostColumns = true;
  int64_t PreQueueDelay = 0, PostQueueDelay = 0; ///< steps from spike to event (rows/columns)
  /// Steps from the `on pre` event to the target: 0 (axonal), or the delay (dendritic).
  bool DeliverDelayed = false;
  int PostKernel = -1; ///< -1 without `on post`
  int ModulatorKernel = -1; ///< -1 without `on modulator`
};

struct ProjBuffers {
  int RowPtr = -1, Col = -1, Weights = -1, Delays = -1;
  /// u64: the end of each row (row_ptr + 1 for one thread; per thread, the end of the part of
  /// the row whose targets it owns, with row_ptr pointing at that part's start).
  int RowEnd = -1;
  /// u64[2]: the targets [range[0], range[1]) this delivery writes (dense, bitmask, procedural;
  /// all targets for one thread, each thread's own with several).
  int Range = -1;
  /// u64: bitmask storage, ceil(target size / 64) words per source.
  int Bits = -1;
  int Kernel = -1; ///< delivery kernel; the `on pre` kernel of a plastic projection
  bool Plastic = false;
  SynapseBuffers Syn;
};

class BufferPlan {
public:
  explicit BufferPlan(const ir::Network &N);

  const ir::Network &network() const { return N; }
  const std::vector<Buffer> &buffers() const { return Buffers; }
  const PopBuffers &pop(size_t I) const { return Pops[I]; }
  const ProjBuffers &proj(size_t I) const { return Projs[I]; }
  int seedBuffer() const { return Seed; }
  /// Names of kernels in table order ("update.E", "deliver.0.E->I").
  const std::vector<std::string> &kernels() const { return Kernels; }

  /// The JSON descriptor text.
  std::string descriptor() const;

private:
  void planSynapses(size_t K, const ir::SynapseModel &S, const std::string &Base,
                    ProjBuffers &B);
  nlohmann::json synapseJson(size_t K) const;
  nlohmann::json synapseRecordingJson(const ir::Recording &R) const;
  int add(std::string Name, ElemType T, uint64_t Size, const ir::ValueInit *Init = nullptr,
          bool Dynamic = false);

  const ir::Network &N;
  std::vector<Buffer> Buffers;
  std::vector<PopBuffers> Pops;
  std::vector<ProjBuffers> Projs;
  std::vector<std::string> Kernels;
  int Seed = -1;
};

} // namespace snn::codegen

#endif
