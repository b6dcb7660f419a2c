//===- ir/Expr.h - expression trees of the network IR ---------------------------------------===//
//
// Model equations, thresholds, resets and port handlers are trees of Expr nodes. The set of node
// kinds is closed (ir/Nodes.def); use isa<>/cast<>/dyn_cast<> as in LLVM. Nodes own their
// children through unique_ptr; clone() copies a tree. Values are SI doubles: units are checked
// by the frontend and do not exist in the IR. Every node keeps the source range it came from.
//
// An expression is either real-valued or boolean (comparisons, `and`/`or`/`not`, `refractory`);
// isBoolean() tells which.
//
//===----------------------------------------------------------------------------------------===//
#ifndef SNNC_IR_EXPR_H
#define SNNC_IR_EXPR_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Casting.h"
#include "llvm/Support/SMLoc.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace snn::ir {

enum class ExprKind {
#define SNN_EXPR_NODE(N) N,
#include "ir/Nodes.def"
};

class Expr;
using ExprPtr = std::unique_ptr<Expr>;

class Expr {
public:
  virtual ~Expr() = default;
  ExprKind kind() const { return Kind; }
  llvm::SMRange loc() const { return Loc; }
  void setLoc(llvm::SMRange L) { Loc = L; }
  ExprPtr clone() const;
  bool isBoolean() const;

protected:
  Expr(ExprKind K, llvm::SMRange L) : Kind(K), Loc(L) {}

private:
  ExprKind Kind;
  llvm::SMRange Loc;
};

class ConstantExpr : public Expr {
public:
  explicit ConstantExpr(double V, llvm::SMRange L = {}) : Expr(ExprKind::Constant, L), Value(V) {}
  static ExprPtr boolean(bool B, llvm::SMRange L = {});
  double value() const { return Value; }
  bool isBool() const { return IsBool; }
  static bool classof(const Expr *E) { return E->kind() == ExprKind::Constant; }

private:
  double Value;
  bool IsBool = false;
};

/// What a name in a model refers to.
enum class RefKind {
  Param,      ///< a model parameter (constant per population)
  State,      ///< a state variable (per neuron)
  Input,      ///< a continuous input (per neuron, set from outside)
  Weight,     ///< the summed weight in a port handler
  Temp,       ///< a temporary defined by `let` in an update block
  Time,       ///< `t`: simulation time in seconds
  Refractory, ///< `refractory`: true while the neuron is refractory
};
const char *refKindName(RefKind K);

class RefExpr : public Expr {
public:
  RefExpr(RefKind K, std::string Name, llvm::SMRange L = {})
      : Expr(ExprKind::Ref, L), RK(K), Name(std::move(Name)) {}
  RefKind refKind() const { return RK; }
  const std::string &name() const { return Name; }
  static bool classof(const Expr *E) { return E->kind() == ExprKind::Ref; }

private:
  RefKind RK;
  std::string Name;
};

enum class UnaryOp { Neg, Not };

class UnaryExpr : public Expr {
public:
  UnaryExpr(UnaryOp Op, ExprPtr X, llvm::SMRange L = {})
      : Expr(ExprKind::Unary, L), Op(Op), X(std::move(X)) {}
  UnaryOp op() const { return Op; }
  const Expr &operand() const { return *X; }
  ExprPtr &operandPtr() { return X; }
  static bool classof(const Expr *E) { return E->kind() == ExprKind::Unary; }

private:
  UnaryOp Op;
  ExprPtr X;
};

enum class BinaryOp { Add, Sub, Mul, Div, Pow, Lt, Le, Gt, Ge, Eq, Ne, And, Or };
const char *binaryOpSpelling(BinaryOp Op);
/// Binding strength used by the printer and the IR reader (higher binds tighter).
int binaryOpPrecedence(BinaryOp Op);
bool isComparison(BinaryOp Op);
bool isLogical(BinaryOp Op);

class BinaryExpr : public Expr {
public:
  BinaryExpr(BinaryOp Op, ExprPtr L, ExprPtr R, llvm::SMRange Loc = {})
      : Expr(ExprKind::Binary, Loc), Op(Op), LHS(std::move(L)), RHS(std::move(R)) {}
  BinaryOp op() const { return Op; }
  const Expr &lhs() const { return *LHS; }
  const Expr &rhs() const { return *RHS; }
  ExprPtr &lhsPtr() { return LHS; }
  ExprPtr &rhsPtr() { return RHS; }
  static bool classof(const Expr *E) { return E->kind() == ExprKind::Binary; }

private:
  BinaryOp Op;
  ExprPtr LHS, RHS;
};

class SelectExpr : public Expr {
public:
  SelectExpr(ExprPtr C, ExprPtr T, ExprPtr F, llvm::SMRange L = {})
      : Expr(ExprKind::Select, L), C(std::move(C)), T(std::move(T)), F(std::move(F)) {}
  const Expr &cond() const { return *C; }
  const Expr &trueValue() const { return *T; }
  const Expr &falseValue() const { return *F; }
  ExprPtr &condPtr() { return C; }
  ExprPtr &trueValuePtr() { return T; }
  ExprPtr &falseValuePtr() { return F; }
  static bool classof(const Expr *E) { return E->kind() == ExprKind::Select; }

private:
  ExprPtr C, T, F;
};

/// Built-in functions, with their names and arities. The fx_* functions are the integer
/// arithmetic of chip targets (support/FixedPoint.h), written by quantize-for-target; models
/// cannot call them: fx_decay(x, m, s) = sgn(x) ((|x| m) >> s), fx_shift(x, k) = x 2^k or
/// floor(x / 2^-k), fx_wrap(x, b), fx_wrap_once(x, b) and fx_sat(x, b) keep x in b bits,
/// fx_mul_round(x, m, s) = (x m + 2^(s-1)) >> s and fx_mul_floor(x, m, s) = (x m) >> s (with a
/// 128-bit product).
enum class Func { Exp, Expm1, Log, Log10, Sqrt, Pow, Abs, Min, Max, Clip, Floor, Ceil, Sin, Cos,
                  Tan, Tanh, Exprel, FxDecay, FxShift, FxWrap, FxWrapOnce, FxSat, FxMulRound,
                  FxMulFloor };
/// The last function a model may call (the fx_* functions follow it).
constexpr Func LastModelFunc = Func::Exprel;
inline bool isFixedPointFunc(Func F) { return static_cast<int>(F) > static_cast<int>(LastModelFunc); }
/// Whether the arguments of an fx_* function after its first are integer constants in range
/// (bits 2 to 63, shifts -63 to 62, multipliers of at most 2^62): what the code generator and the
/// constant folder need to compute it without undefined behaviour.
bool fixedPointArgsValid(Func F, const std::vector<double> &Consts);
class CallExpr;
bool fixedPointArgsValid(const CallExpr &C);
struct FuncInfo {
  Func F;
  const char *Name;
  unsigned Arity;
};
const FuncInfo &funcInfo(Func F);
std::optional<Func> lookupFunc(llvm::StringRef Name);
/// Evaluates a built-in function on constant arguments.
double evalFunc(Func F, const std::vector<double> &Args);

class CallExpr : public Expr {
public:
  CallExpr(Func F, std::vector<ExprPtr> Args, llvm::SMRange L = {})
      : Expr(ExprKind::Call, L), F(F), Args(std::move(Args)) {}
  Func func() const { return F; }
  const std::vector<ExprPtr> &args() const { return Args; }
  std::vector<ExprPtr> &args() { return Args; }
  static bool classof(const Expr *E) { return E->kind() == ExprKind::Call; }

private:
  Func F;
  std::vector<ExprPtr> Args;
};

// ---- helpers ------------------------------------------------------------------------------------
inline ExprPtr constant(double V, llvm::SMRange L = {}) {
  return std::make_unique<ConstantExpr>(V, L);
}
inline ExprPtr ref(RefKind K, std::string N, llvm::SMRange L = {}) {
  return std::make_unique<RefExpr>(K, std::move(N), L);
}
inline ExprPtr binary(BinaryOp Op, ExprPtr A, ExprPtr B, llvm::SMRange L = {}) {
  return std::make_unique<BinaryExpr>(Op, std::move(A), std::move(B), L);
}

/// Calls F on every node of the tree, parents before children.
void walk(const Expr &E, const std::function<void(const Expr &)> &F);
/// Replaces, bottom-up, every node for which F returns a new tree.
void rewrite(ExprPtr &E, const std::function<ExprPtr(Expr &)> &F);
/// True if the tree refers to a variable of kind K (and name N, if given).
bool refersTo(const Expr &E, RefKind K, llvm::StringRef N = "");
/// The number of nodes of the tree, counting at most up to Limit (then returns Limit).
size_t nodeCount(const Expr &E, size_t Limit);
/// Definitions (`let`) are substituted where they are used; a definition whose expansion has
/// more nodes than this is an error (chains like `let b = a + a` grow exponentially).
constexpr size_t MaxInlinedNodes = 100000;

/// Structural equality (ignores locations).
bool equal(const Expr &A, const Expr &B);

/// Folds constant subtrees and applies safe algebraic identities (x*1, x+0, 0*x for finite x is
/// NOT folded since x may be inf/nan at run time: only identities that hold for all doubles).
void fold(ExprPtr &E);
/// The value of a tree without variables, if it has one.
std::optional<double> constantValue(const Expr &E);

} // namespace snn::ir

#endif
