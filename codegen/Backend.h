//===- codegen/Backend.h - what every backend shares -----------------------------------------===//
//
// A backend reads a network that has been through the default pass pipeline and produces
// something that runs it: native code (codegen/llvm/) or, later, core configurations for
// neuromorphic chips (codegen/chip/<target>/). Backends decide nothing about the network:
// methods, delays in steps, storage formats and numeric formats are read from the IR.
//
// checkLowered() is the shared precondition: every decision a backend needs must be made.
//
//===----------------------------------------------------------------------------------------===//
#ifndef SNNC_CODEGEN_BACKEND_H
#define SNNC_CODEGEN_BACKEND_H

#include "ir/Diagnostics.h"
#include "ir/Network.h"

#include <string>

namespace snn::codegen {

/// Options shared by backends that produce machine code.
struct CodegenOptions {
  std::string Triple; ///< empty: the host
  std::string CPU;    ///< empty: the host CPU ("native")
  std::string Features;
  int OptLevel = 2;   ///< 0..3
};

/// Reports (and returns false) if a decision that backends read is still unset: an ODE system
/// without a method, a delay or refractory period not in steps, a projection without a storage
/// format.
bool checkLowered(const ir::Network &N, DiagnosticsEngine &Diags);

} // namespace snn::codegen

#endif
