//===- codegen/llvm/ExprEmitter.h - IR expressions to LLVM values ---------------------------===//
//
// Emits an ir::Expr as straight-line LLVM IR (no branches: conditionals become `select`, so
// loops that contain them still vectorize). Names are looked up in an Env filled by the kernel
// emitter. Comparisons are ordered (`!=` unordered), as in C; min, max and clip are selects
// with the semantics of ir::evalFunc, so constant folding and generated code agree. Small
// integer powers are expanded into multiplications.
//
//===----------------------------------------------------------------------------------------===//
#ifndef SNNC_CODEGEN_LLVM_EXPREMITTER_H
#define SNNC_CODEGEN_LLVM_EXPREMITTER_H

#include "ir/Expr.h"

#include "llvm/IR/IRBuilder.h"

#include <map>
#include <string>

namespace snn::codegen {

/// Values of the names an expression may use.
struct Env {
  std::map<std::string, llvm::Value *> State, Input, Temp;
  llvm::Value *Weight = nullptr;
  llvm::Value *Time = nullptr;       ///< f64 seconds
  llvm::Value *Refractory = nullptr; ///< i1
};

class ExprEmitter {
public:
  ExprEmitter(llvm::IRBuilder<> &B, llvm::Module &M) : B(B), M(M) {}
  /// Emits E; real values are double, booleans i1.
  llvm::Value *emit(const ir::Expr &E, const Env &Vars);

private:
  llvm::Value *call(const char *Name, llvm::ArrayRef<llvm::Value *> Args);
  llvm::Value *intrinsic(llvm::Intrinsic::ID ID, llvm::ArrayRef<llvm::Value *> Args);
  llvm::Value *fixedPoint(const ir::CallExpr &C, llvm::ArrayRef<llvm::Value *> A);
  llvm::Value *power(llvm::Value *X, const ir::Expr &Exp, const Env &Vars);

  llvm::IRBuilder<> &B;
  llvm::Module &M;
};

} // namespace snn::codegen

#endif
