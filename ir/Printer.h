//===- ir/Printer.h - the stable text form of the network IR --------------------------------===//
//
// print() writes a Network as text that ir/Reader.cpp reads back: print -> read -> print gives
// the same bytes. The form is deterministic: declaration order, no pointers, numbers in the
// shortest form that reads back to the same double. docs/ir.md describes the syntax.
//
//===----------------------------------------------------------------------------------------===//
#ifndef SNNC_IR_PRINTER_H
#define SNNC_IR_PRINTER_H

#include "ir/Network.h"

#include "llvm/Support/raw_ostream.h"

#include <string>

namespace snn::ir {

void print(const Network &N, llvm::raw_ostream &OS);
std::string toString(const Network &N);
void printExpr(const Expr &E, llvm::raw_ostream &OS);
std::string exprToString(const Expr &E);
/// The shortest decimal form of V that reads back to exactly V ("0.1", "1e-05", "inf").
std::string formatNumber(double V);

} // namespace snn::ir

#endif
