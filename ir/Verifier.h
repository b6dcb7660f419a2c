//===- ir/Verifier.h - checks the invariants of the network IR ------------------------------===//
//
// verify() checks a Network for structural consistency (names resolve, kinds match, sizes and
// indices are in range, decisions made by passes are coherent) and reports each violation as an
// error. It runs after every pass under --verify-each, so a broken invariant is reported by the
// pass that broke it; `Context` (e.g. "after pass 'solve-odes'") is appended to each message.
//
//===----------------------------------------------------------------------------------------===//
#ifndef SNNC_IR_VERIFIER_H
#define SNNC_IR_VERIFIER_H

#include "ir/Diagnostics.h"
#include "ir/Network.h"

namespace snn::ir {

/// Returns true if the network is well formed; otherwise reports errors and returns false.
bool verify(const Network &N, DiagnosticsEngine &Diags, llvm::StringRef Context = "");

} // namespace snn::ir

#endif
