//===- frontend/Sema.h - names, types and units of expressions ------------------------------===//
//
// The expression checker turns an AST expression into a typed IR expression: it resolves every
// name through a chain of Scopes (model members, named constants, unit names), checks the types
// (real or boolean) and the physical dimensions of every operation, converts quantities to SI
// and reports each mistake at its source range:
//
//   net.snn:7:31: error: cannot add 'V' and 's'
//
// A failed check returns an empty Typed and has already reported why; callers carry on so that
// one run reports several independent errors.
//
//===----------------------------------------------------------------------------------------===//
#ifndef SNNC_FRONTEND_SEMA_H
#define SNNC_FRONTEND_SEMA_H

#include "frontend/AST.h"
#include "ir/Diagnostics.h"
#include "ir/Expr.h"
#include "ir/Units.h"

#include <functional>
#include <map>
#include <optional>

namespace snn {

/// A checked expression: an IR tree with its dimension, or nothing after an error.
struct Typed {
  ir::ExprPtr E;
  Dim D;
  bool IsBool = false;
  explicit operator bool() const { return E != nullptr; }
};

/// A constant quantity: an SI value and its dimension.
struct Quantity {
  double Value = 0;
  Dim D;
  bool IsBool = false;
};

/// Where names are looked up. Scopes chain to a parent; unit names are the last resort.
class Scope {
public:
  explicit Scope(Scope *Parent = nullptr) : Parent(Parent) {}
  virtual ~Scope() = default;
  /// Resolves `Name` used at `R`. Returns nothing if this scope (or its parents) does not know
  /// it; returns an empty Typed if it knows it but evaluating it failed (already reported).
  std::optional<Typed> lookup(const std::string &Name, llvm::SMRange R);
  /// Every name visible here, for "did you mean" suggestions.
  void collectNames(std::vector<std::string> &Out) const;
  /// Called for `Name` in a context that needs a value per neuron (state variables); a scope
  /// returns a note explaining what a name is when it cannot be used (e.g. in a constant).
  Scope *parent() const { return Parent; }

protected:
  virtual std::optional<Typed> find(const std::string &Name, llvm::SMRange R) = 0;
  virtual void names(std::vector<std::string> &Out) const = 0;

private:
  Scope *Parent;
};

/// A scope of named constants evaluated lazily in declaration context, with cycle detection.
class ExprChecker;
class ConstScope : public Scope {
public:
  ConstScope(Scope *Parent, DiagnosticsEngine &D) : Scope(Parent), Diags(D) {}
  /// The checker used to evaluate the constants (one that resolves `Model.param`).
  void setChecker(ExprChecker *C) { Checker = C; }
  /// Declares `Name`; returns false (after reporting) if it is already declared here.
  bool declare(const ast::Ident &Name, const ast::Expr *Value);
  /// Evaluates every constant (reporting errors in declaration order).
  void evaluateAll();
  std::optional<Quantity> value(const std::string &Name);

protected:
  std::optional<Typed> find(const std::string &Name, llvm::SMRange R) override;
  void names(std::vector<std::string> &Out) const override;

private:
  struct Entry {
    ast::Ident Name;
    const ast::Expr *Value;
    enum { Pending, Busy, Done, Failed } State = Pending;
    Quantity Q;
  };
  std::map<std::string, Entry> Entries;
  std::vector<std::string> Order;
  DiagnosticsEngine &Diags;
  ExprChecker *Checker = nullptr;
};

/// A scope defined by a callback (model members, port weights, builtins).
class FnScope : public Scope {
public:
  using Finder = std::function<std::optional<Typed>(const std::string &, llvm::SMRange)>;
  FnScope(Scope *Parent, Finder F, std::vector<std::string> Names)
      : Scope(Parent), F(std::move(F)), Names(std::move(Names)) {}

protected:
  std::optional<Typed> find(const std::string &Name, llvm::SMRange R) override {
    return F(Name, R);
  }
  void names(std::vector<std::string> &Out) const override {
    Out.insert(Out.end(), Names.begin(), Names.end());
  }

private:
  Finder F;
  std::vector<std::string> Names;
};

/// Resolves `Model.param` member expressions (the default value of a model's parameter).
using MemberResolver =
    std::function<std::optional<Quantity>(const ast::MemberExpr &, DiagnosticsEngine &)>;

class ExprChecker {
public:
  ExprChecker(DiagnosticsEngine &D, MemberResolver Members = nullptr)
      : Diags(D), Members(std::move(Members)) {}

  /// Checks `E` in scope `S`.
  Typed check(const ast::Expr &E, Scope &S);
  /// Checks and requires a real value of dimension `Want`; `What` names it in messages
  /// ("right-hand side of 'dv/dt'").
  Typed checkAs(const ast::Expr &E, Scope &S, const Dim &Want, const llvm::Twine &What);
  /// Checks and requires a boolean condition.
  Typed checkCondition(const ast::Expr &E, Scope &S, const llvm::Twine &What);
  /// Checks and requires a value that does not depend on any variable.
  std::optional<Quantity> evalConstant(const ast::Expr &E, Scope &S, const llvm::Twine &What);
  /// A constant of dimension `Want`.
  std::optional<double> evalConstantAs(const ast::Expr &E, Scope &S, const Dim &Want,
                                       const llvm::Twine &What);
  /// A constant non-negative integer (sizes, indices, counts, seeds) no larger than `Max`.
  std::optional<uint64_t> evalCount(const ast::Expr &E, Scope &S, const llvm::Twine &What,
                                    uint64_t Max);

  /// Converts a declared unit (`: mV/ms`) to its scale and dimension.
  std::optional<UnitInfo> resolveUnit(const ast::UnitSpec &U);

  DiagnosticsEngine &diags() { return Diags; }

private:
  Typed checkName(const ast::NameExpr &N, Scope &S);
  Typed checkNumber(const ast::NumberExpr &N);
  Typed checkBinary(const ast::BinaryExpr &B, Scope &S);
  Typed checkCall(const ast::CallExpr &C, Scope &S);
  void unitError(const ast::Ident &U);

  DiagnosticsEngine &Diags;
  MemberResolver Members;
};

/// Warns when a declaration takes the name of a unit ("ms"): where the name stands alone in an
/// expression it then means the declaration, not the unit.
void warnIfUnitName(const ast::Ident &Name, DiagnosticsEngine &Diags);

/// "'V'" or "a dimensionless number": how messages name a dimension.
std::string describeDim(const Dim &D);

/// " has unit 'V', expected 's'" or " is a dimensionless number, expected 's'": the tail of
/// a message that starts with what was checked ("duration").
std::string unitMismatch(const Dim &Got, const Dim &Want);

/// A number for messages about counts: "3000000000" rather than "3e+09" when it is whole.
std::string formatCount(double V);

/// "1 was given" or "3 were given": the end of an argument-count message.
std::string countGiven(size_t N);

/// The closest name in `Candidates` to `Name`, or "" if none is close.
std::string closestName(llvm::StringRef Name, const std::vector<std::string> &Candidates);

} // namespace snn

#endif
