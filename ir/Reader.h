//===- ir/Reader.h - reads the text form of the network IR ----------------------------------===//
//
// readNetwork() parses what ir/Printer.cpp writes. Names in expressions are resolved against the
// enclosing model (parameters, state, inputs, `let` temporaries, the port weight, `t`,
// `refractory`); an unknown name, a malformed number or a missing token is an error at its
// location in the IR text, reported through the DiagnosticsEngine. Structural invariants
// (populations that name existing models, ...) are the verifier's job, not the reader's.
//
//===----------------------------------------------------------------------------------------===//
#ifndef SNNC_IR_READER_H
#define SNNC_IR_READER_H

#include "ir/Diagnostics.h"
#include "ir/Network.h"

#include <memory>

namespace snn::ir {

/// Parses the buffer `BufferID` of the engine's SourceMgr. Returns null after reporting errors.
std::unique_ptr<Network> readNetwork(unsigned BufferID, DiagnosticsEngine &Diags);

/// Reads a unit written by Dim::str() ("V", "V/s", "kg*m^2*s^-3*A^-1", "1").
std::optional<Dim> parseDimString(llvm::StringRef S);

} // namespace snn::ir

#endif
