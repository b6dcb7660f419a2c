//===- frontend/AST.h - the syntax tree of a .snn file --------------------------------------===//
//
// The AST mirrors what the user wrote, with a source range on every node, and nothing resolved:
// names are strings, units are spellings. frontend/Sema.cpp checks it and frontend/Lower.cpp
// turns it into the network IR. frontend/ASTPrinter.cpp prints it for --emit=ast.
//
//===----------------------------------------------------------------------------------------===//
#ifndef SNNC_FRONTEND_AST_H
#define SNNC_FRONTEND_AST_H

#include "llvm/Support/Casting.h"
#include "llvm/Support/SMLoc.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace snn::ast {

using llvm::SMRange;

/// A name with the range it was written at.
struct Ident {
  std::string Name;
  SMRange Range;
};

// ---- expressions --------------------------------------------------------------------------------
enum class ExprKind { Number, Bool, Name, Member, Unary, Binary, Cond, Call, List, String };

class Expr {
public:
  virtual ~Expr() = default;
  ExprKind kind() const { return Kind; }
  SMRange Range;

protected:
  Expr(ExprKind K, SMRange R) : Range(R), Kind(K) {}

private:
  ExprKind Kind;
};
using ExprPtr = std::unique_ptr<Expr>;

/// `20`, `20 ms`, `1.5e-3 mV`: a number with an optional unit written after it.
struct NumberExpr : Expr {
  NumberExpr(SMRange R, double V, std::optional<Ident> U, int UnitExp = 1)
      : Expr(ExprKind::Number, R), Value(V), Unit(std::move(U)), UnitExp(UnitExp) {}
  double Value;
  std::optional<Ident> Unit;
  int UnitExp; ///< `16 mV^2`: the exponent binds to the unit

  static bool classof(const Expr *E) { return E->kind() == ExprKind::Number; }
};

struct BoolExpr : Expr {
  BoolExpr(SMRange R, bool V) : Expr(ExprKind::Bool, R), Value(V) {}
  bool Value;
  static bool classof(const Expr *E) { return E->kind() == ExprKind::Bool; }
};

struct NameExpr : Expr {
  NameExpr(SMRange R, std::string N) : Expr(ExprKind::Name, R), Name(std::move(N)) {}
  std::string Name;
  static bool classof(const Expr *E) { return E->kind() == ExprKind::Name; }
};

/// `LIF.tau_m`: a parameter's default value read from a model.
struct MemberExpr : Expr {
  MemberExpr(SMRange R, Ident B, Ident M)
      : Expr(ExprKind::Member, R), Base(std::move(B)), Member(std::move(M)) {}
  Ident Base, Member;
  static bool classof(const Expr *E) { return E->kind() == ExprKind::Member; }
};

enum class UnaryOp { Neg, Plus, Not };
struct UnaryExpr : Expr {
  UnaryExpr(SMRange R, UnaryOp Op, ExprPtr X) : Expr(ExprKind::Unary, R), Op(Op), X(std::move(X)) {}
  UnaryOp Op;
  ExprPtr X;
  static bool classof(const Expr *E) { return E->kind() == ExprKind::Unary; }
};

enum class BinaryOp { Add, Sub, Mul, Div, Pow, Lt, Le, Gt, Ge, Eq, Ne, And, Or };
const char *spelling(BinaryOp Op);

struct BinaryExpr : Expr {
  BinaryExpr(SMRange R, BinaryOp Op, SMRange OpR, ExprPtr L, ExprPtr Rhs)
      : Expr(ExprKind::Binary, R), Op(Op), OpRange(OpR), L(std::move(L)), R(std::move(Rhs)) {}
  BinaryOp Op;
  SMRange OpRange;
  ExprPtr L, R;
  static bool classof(const Expr *E) { return E->kind() == ExprKind::Binary; }
};

struct CondExpr : Expr {
  CondExpr(SMRange R, ExprPtr C, ExprPtr T, ExprPtr F)
      : Expr(ExprKind::Cond, R), C(std::move(C)), T(std::move(T)), F(std::move(F)) {}
  ExprPtr C, T, F;
  static bool classof(const Expr *E) { return E->kind() == ExprKind::Cond; }
};

struct CallExpr : Expr {
  CallExpr(SMRange R, Ident Callee, std::vector<ExprPtr> Args)
      : Expr(ExprKind::Call, R), Callee(std::move(Callee)), Args(std::move(Args)) {}
  Ident Callee;
  std::vector<ExprPtr> Args;
  static bool classof(const Expr *E) { return E->kind() == ExprKind::Call; }
};

/// `[1 ms, 2 ms]`: only meaningful as a generator argument.
struct ListExpr : Expr {
  ListExpr(SMRange R, std::vector<ExprPtr> E) : Expr(ExprKind::List, R), Elems(std::move(E)) {}
  std::vector<ExprPtr> Elems;
  static bool classof(const Expr *E) { return E->kind() == ExprKind::List; }
};

/// `"rates.csv"`: a data file name (only meaningful as a generator setting or rule argument).
struct StringExpr : Expr {
  StringExpr(SMRange R, std::string V) : Expr(ExprKind::String, R), Value(std::move(V)) {}
  std::string Value; ///< without the quotes
  static bool classof(const Expr *E) { return E->kind() == ExprKind::String; }
};

// ---- units in declarations ----------------------------------------------------------------------
/// `: mV/ms`: factors with exponents (negative for division).
struct UnitSpec {
  struct Factor {
    Ident Name; ///< a unit name, or "1"
    int Exp;
  };
  std::vector<Factor> Factors;
  SMRange Range;
};

// ---- statements ---------------------------------------------------------------------------------
enum class AssignOp { Set, Add, Sub, Mul, Div, Deliver };
/// `x op= value`, or `deliver value` (Op == Deliver, no target) in a synapse's `on pre`.
struct Stmt {
  Ident Target;
  AssignOp Op = AssignOp::Set;
  ExprPtr Value;
  SMRange Range;
};

// ---- declarations -------------------------------------------------------------------------------
struct ConstDecl {
  Ident Name;
  ExprPtr Value;
};

struct ImportDecl {
  std::string Path;
  SMRange Range;
};

struct VarDecl {
  Ident Name;
  std::optional<UnitSpec> Unit;
  ExprPtr Value; ///< may be null for inputs without a default
  SMRange Range;
};

struct OdeDecl {
  Ident Var;      ///< the `v` of `dv/dt`
  SMRange Lhs;    ///< `dv/dt`
  ExprPtr Rhs;
  SMRange Range;
};

struct SpikeDecl {
  ExprPtr Condition;
  std::vector<Stmt> Reset;
  SMRange Range;
};

struct RefractoryDecl {
  ExprPtr Period;
  std::vector<Ident> Freeze;
  SMRange Range;
};

struct ReceiveDecl {
  Ident Port;
  Ident Weight;
  std::optional<UnitSpec> Unit;
  std::vector<Stmt> Body;
  SMRange Range;
};

struct NamedArg {
  Ident Name;
  ExprPtr Value;
};

struct NeuronDecl {
  Ident Name;
  SMRange Range;
  std::vector<VarDecl> Params, States, Inputs;
  std::vector<ConstDecl> Lets;
  std::vector<OdeDecl> Odes;
  std::vector<SpikeDecl> Spikes;          ///< at most one is valid
  std::vector<RefractoryDecl> Refractory; ///< at most one is valid
  std::vector<ReceiveDecl> Receives;
  std::vector<Ident> Methods;             ///< `method rk4`; at most one is valid
  /// `neuron RS = Izhikevich { a = ... }`: a model derived from Base with other parameter
  /// defaults (then every member list above is empty).
  std::optional<Ident> Base;
  std::vector<NamedArg> BaseOverrides;
};

struct PopulationDecl {
  Ident Name, Model;
  ExprPtr Size;
  bool HasArgs = false;
  std::vector<NamedArg> Args;  ///< `(rate = ...)`
  std::vector<NamedArg> Inits; ///< `{ v = ..., tau = ... }`
  SMRange Range;
};

struct ConnectDecl {
  std::vector<Ident> Sources, Targets;
  Ident Rule;
  std::vector<ExprPtr> RuleArgs;
  SMRange RuleRange;
  std::vector<NamedArg> Options;
  std::optional<Ident> Synapse;           ///< `synapse = STDP { A_plus = 0.02 }`
  std::vector<NamedArg> SynapseArgs;
  SMRange Range;
};

struct PopSelect {
  Ident Pop;
  enum class Kind { All, Slice, List } K = Kind::All;
  ExprPtr Lo, Hi;              ///< Slice (either may be null)
  std::vector<ExprPtr> List;   ///< List
  SMRange Range;
};

struct RecordDecl {
  std::vector<Ident> What; ///< "spikes" or variable names
  std::vector<PopSelect> Targets;
  std::optional<PopSelect> Post; ///< `record w of A -> B`: synapse variables
  ExprPtr Every;
  bool AtEnd = false;            ///< `at end`
  SMRange AtEndRange;
  SMRange Range;
};

/// `inject "current.csv" into E.I_ext`: a time series written into an input variable.
struct InjectDecl {
  std::string Path;
  SMRange PathRange; ///< the string, quotes included
  Ident Pop, Var;
  SMRange Range;
};

struct SimulateDecl {
  ExprPtr Duration;
  std::vector<NamedArg> Options;
  SMRange Range;
};

/// A synapse model: per-synapse state, ODEs integrated between events, `on pre` / `on post`.
struct SynapseDecl {
  Ident Name;
  SMRange Range;
  std::vector<VarDecl> Params, States;
  std::vector<ConstDecl> Lets;
  std::vector<OdeDecl> Odes;
  std::vector<std::vector<Stmt>> OnPre, OnPost, OnModulator; ///< at most one of each is valid
  std::vector<SMRange> OnPreRanges, OnPostRanges, OnModulatorRanges;
};

struct NetworkDecl {
  Ident Name;
  SMRange Range;
  std::vector<ConstDecl> Consts;
  std::vector<PopulationDecl> Populations;
  std::vector<ConnectDecl> Connects;
  std::vector<RecordDecl> Records;
  std::vector<InjectDecl> Injects;
  std::vector<SimulateDecl> Simulates;
};

/// One parsed file.
struct File {
  std::string Path;
  unsigned BufferID = 0;
  std::vector<ImportDecl> Imports;
  std::vector<ConstDecl> Consts;
  std::vector<NeuronDecl> Neurons;
  std::vector<SynapseDecl> Synapses;
  std::vector<NetworkDecl> Networks;
};

/// Prints the tree (--emit=ast): one node per line, indented, with line:col of each node.
void print(const File &F, const llvm::SourceMgr &SM, llvm::raw_ostream &OS);

} // namespace snn::ast

#endif
