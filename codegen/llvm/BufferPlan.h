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

struct ProjBuffers {
  int RowPtr = -1, Col = -1, Weights = -1, Delays = -1;
  int Kernel = -1;
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
