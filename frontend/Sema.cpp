//===- frontend/Sema.cpp - names, types and units of expressions ----------------------------===//
//
// Dimension rules: `+ - < <= > >= == !=`, min, max, clip and the arms of `?:` need equal
// dimensions; `* /` combine them; `x ^ n` needs a constant integer n (or 1/2, 1/3) when x has a
// dimension; sqrt halves exponents; exp, log, trigonometric functions need dimensionless
// arguments. Booleans come from comparisons, `and`, `or`, `not`, `true`, `false`.
//
//===----------------------------------------------------------------------------------------===//
#include "frontend/Sema.h"

#include "ir/Printer.h"

#include <algorithm>
#include <cmath>

namespace snn {

std::string describeDim(const Dim &D) {
  if (D.isDimensionless())
    return "a dimensionless number";
  return "'" + D.str() + "'";
}

/// Edit distance with adjacent transpositions ("tua" -> "tau" is one edit), case-sensitive.
static unsigned editDistance(llvm::StringRef A, llvm::StringRef B) {
  std::vector<std::vector<unsigned>> D(A.size() + 1, std::vector<unsigned>(B.size() + 1));
  for (size_t I = 0; I <= A.size(); ++I)
    D[I][0] = I;
  for (size_t J = 0; J <= B.size(); ++J)
    D[0][J] = J;
  for (size_t I = 1; I <= A.size(); ++I)
    for (size_t J = 1; J <= B.size(); ++J) {
      unsigned Cost = A[I - 1] == B[J - 1] ? 0 : 1;
      D[I][J] = std::min({D[I - 1][J] + 1, D[I][J - 1] + 1, D[I - 1][J - 1] + Cost});
      if (I > 1 && J > 1 && A[I - 1] == B[J - 2] && A[I - 2] == B[J - 1])
        D[I][J] = std::min(D[I][J], D[I - 2][J - 2] + 1);
    }
  return D[A.size()][B.size()];
}

std::string formatCount(double V) {
  if (V == std::floor(V) && std::fabs(V) < 1e18) {
    char Buf[32];
    snprintf(Buf, sizeof(Buf), "%.0f", V);
    return Buf;
  }
  return ir::formatNumber(V);
}

std::string countGiven(size_t N) {
  return std::to_string(N) + (N == 1 ? " was given" : " were given");
}

std::string unitMismatch(const Dim &Got, const Dim &Want) {
  return (Got.isDimensionless() ? std::string(" is a dimensionless number")
                                : " has unit '" + Got.str() + "'") +
         ", expected " + describeDim(Want);
}

std::string closestName(llvm::StringRef Name, const std::vector<std::string> &Candidates) {
  std::string Best;
  unsigned BestD = ~0u;
  unsigned Limit = Name.size() <= 3 ? 1 : 2;
  // Very long names are never typos of short ones; skip the quadratic distance for them.
  if (Name.size() > 256)
    return Best;
  for (const std::string &C : Candidates) {
    if (C == Name || C.size() > Name.size() + Limit || Name.size() > C.size() + Limit)
      continue;
    unsigned D = llvm::StringRef(C).equals_insensitive(Name) ? 0 : editDistance(Name, C);
    if (D <= Limit && D < BestD) {
      BestD = D;
      Best = C;
    }
  }
  return Best;
}

// ---- scopes -------------------------------------------------------------------------------------

std::optional<Typed> Scope::lookup(const std::string &Name, llvm::SMRange R) {
  for (Scope *S = this; S; S = S->Parent)
    if (auto T = S->find(Name, R))
      return T;
  return std::nullopt;
}

void Scope::collectNames(std::vector<std::string> &Out) const {
  for (const Scope *S = this; S; S = S->Parent)
    S->names(Out);
}

void warnIfUnitName(const ast::Ident &Name, DiagnosticsEngine &Diags) {
  if (Name.Name != "1" && lookupUnit(Name.Name))
    Diags.warning(Name.Range, "'" + Name.Name + "' is also a unit; where it stands alone in an "
                              "expression it now means this declaration ('5 " + Name.Name +
                              "' still means the unit)");
}

bool ConstScope::declare(const ast::Ident &Name, const ast::Expr *Value) {
  warnIfUnitName(Name, Diags);
  auto [It, New] = Entries.try_emplace(Name.Name);
  if (!New) {
    Diags.error(Name.Range, "redefinition of constant '" + Name.Name + "'");
    Diags.note(It->second.Name.Range, "previous definition is here");
    return false;
  }
  It->second.Name = Name;
  It->second.Value = Value;
  Order.push_back(Name.Name);
  return true;
}

std::optional<Typed> ConstScope::find(const std::string &Name, llvm::SMRange R) {
  auto It = Entries.find(Name);
  if (It == Entries.end())
    return std::nullopt;
  Entry &E = It->second;
  if (E.State == Entry::Busy) {
    Diags.error(E.Name.Range, "constant '" + Name + "' depends on itself");
    Diags.note(R, "through this use");
    E.State = Entry::Failed;
    return Typed{};
  }
  if (E.State == Entry::Pending) {
    E.State = Entry::Busy;
    ExprChecker Local(Diags);
    ExprChecker &C = Checker ? *Checker : Local;
    std::optional<Quantity> Q;
    if (E.Value)
      Q = C.evalConstant(*E.Value, *this, "constant '" + Name + "'");
    if (E.State == Entry::Failed || !Q) {
      E.State = Entry::Failed;
    } else {
      E.Q = *Q;
      E.State = Entry::Done;
    }
  }
  if (E.State != Entry::Done)
    return Typed{};
  Typed T;
  T.E = E.Q.IsBool ? ir::ConstantExpr::boolean(E.Q.Value != 0, R) : ir::constant(E.Q.Value, R);
  T.D = E.Q.D;
  T.IsBool = E.Q.IsBool;
  return T;
}

void ConstScope::names(std::vector<std::string> &Out) const {
  Out.insert(Out.end(), Order.begin(), Order.end());
}

void ConstScope::evaluateAll() {
  for (const std::string &N : Order)
    find(N, Entries[N].Name.Range);
}

std::optional<Quantity> ConstScope::value(const std::string &Name) {
  auto It = Entries.find(Name);
  if (It == Entries.end())
    return std::nullopt;
  find(Name, It->second.Name.Range);
  if (It->second.State != Entry::Done)
    return std::nullopt;
  return It->second.Q;
}

// ---- expressions --------------------------------------------------------------------------------

void ExprChecker::unitError(const ast::Ident &U) {
  std::string Hint = suggestUnit(U.Name);
  if (!Hint.empty())
    Diags.error(U.Range, "unknown unit '" + U.Name + "'; did you mean '" + Hint + "'?");
  else
    Diags.error(U.Range, "unknown unit '" + U.Name + "'");
}

std::optional<UnitInfo> ExprChecker::resolveUnit(const ast::UnitSpec &U) {
  UnitInfo R{"", 1.0, Dim()};
  bool Ok = true;
  for (const auto &F : U.Factors) {
    auto I = lookupUnit(F.Name.Name);
    if (!I) {
      unitError(F.Name);
      Ok = false;
      continue;
    }
    R.Scale *= std::pow(I->Scale, F.Exp);
    R.D = R.D * I->D.pow(F.Exp);
  }
  if (!Ok)
    return std::nullopt;
  return R;
}

Typed ExprChecker::checkNumber(const ast::NumberExpr &N) {
  Typed T;
  double V = N.Value;
  if (N.Unit) {
    auto U = lookupUnit(N.Unit->Name);
    if (!U) {
      unitError(*N.Unit);
      return {};
    }
    V *= std::pow(U->Scale, N.UnitExp);
    T.D = U->D.pow(N.UnitExp);
  }
  T.E = ir::constant(V, N.Range);
  return T;
}

Typed ExprChecker::checkName(const ast::NameExpr &N, Scope &S) {
  if (auto T = S.lookup(N.Name, N.Range)) {
    if (T->E)
      T->E->setLoc(N.Range);
    return std::move(*T);
  }
  // A bare unit name is that unit's value: `5 mV/ms` reads as (5 mV) / (1 ms).
  if (auto U = lookupUnit(N.Name)) {
    Typed T;
    T.E = ir::constant(U->Scale, N.Range);
    T.D = U->D;
    return T;
  }
  std::vector<std::string> Names;
  S.collectNames(Names);
  std::string Hint = closestName(N.Name, Names);
  if (!Hint.empty())
    Diags.error(N.Range, "unknown name '" + N.Name + "'; did you mean '" + Hint + "'?");
  else
    Diags.error(N.Range, "unknown name '" + N.Name + "'");
  return {};
}

static ir::BinaryOp irOp(ast::BinaryOp Op) {
  switch (Op) {
  case ast::BinaryOp::Add: return ir::BinaryOp::Add;
  case ast::BinaryOp::Sub: return ir::BinaryOp::Sub;
  case ast::BinaryOp::Mul: return ir::BinaryOp::Mul;
  case ast::BinaryOp::Div: return ir::BinaryOp::Div;
  case ast::BinaryOp::Pow: return ir::BinaryOp::Pow;
  case ast::BinaryOp::Lt: return ir::BinaryOp::Lt;
  case ast::BinaryOp::Le: return ir::BinaryOp::Le;
  case ast::BinaryOp::Gt: return ir::BinaryOp::Gt;
  case ast::BinaryOp::Ge: return ir::BinaryOp::Ge;
  case ast::BinaryOp::Eq: return ir::BinaryOp::Eq;
  case ast::BinaryOp::Ne: return ir::BinaryOp::Ne;
  case ast::BinaryOp::And: return ir::BinaryOp::And;
  case ast::BinaryOp::Or: return ir::BinaryOp::Or;
  }
  return ir::BinaryOp::Add;
}

Typed ExprChecker::checkBinary(const ast::BinaryExpr &B, Scope &S) {
  Typed L = check(*B.L, S), R = check(*B.R, S);
  if (!L || !R)
    return {};
  llvm::SMRange Ranges[] = {B.L->Range, B.R->Range};
  auto report = [&](const llvm::Twine &Msg) {
    Diags.report(Severity::Error, B.OpRange.Start, Msg, Ranges);
  };
  Typed T;
  switch (B.Op) {
  case ast::BinaryOp::And:
  case ast::BinaryOp::Or:
    if (!L.IsBool || !R.IsBool) {
      report(llvm::Twine("operands of '") + ast::spelling(B.Op) + "' must be conditions");
      return {};
    }
    T.IsBool = true;
    break;
  default:
    if (L.IsBool || R.IsBool) {
      report(llvm::Twine("operator '") + ast::spelling(B.Op) +
             "' needs numbers, not conditions");
      return {};
    }
    break;
  }
  switch (B.Op) {
  case ast::BinaryOp::Add:
  case ast::BinaryOp::Sub:
    if (L.D != R.D) {
      if (B.Op == ast::BinaryOp::Add)
        report("cannot add " + describeDim(L.D) + " and " + describeDim(R.D));
      else
        report("cannot subtract " + describeDim(R.D) + " from " + describeDim(L.D));
      return {};
    }
    T.D = L.D;
    break;
  case ast::BinaryOp::Lt: case ast::BinaryOp::Le: case ast::BinaryOp::Gt:
  case ast::BinaryOp::Ge: case ast::BinaryOp::Eq: case ast::BinaryOp::Ne:
    if (L.D != R.D) {
      report("cannot compare " + describeDim(L.D) + " with " + describeDim(R.D));
      return {};
    }
    T.IsBool = true;
    break;
  case ast::BinaryOp::Mul:
    T.D = L.D * R.D;
    break;
  case ast::BinaryOp::Div:
    T.D = L.D / R.D;
    break;
  case ast::BinaryOp::Pow: {
    if (!R.D.isDimensionless()) {
      Diags.error(B.R->Range, "exponent must be dimensionless, not " + describeDim(R.D));
      return {};
    }
    if (L.D.isDimensionless()) {
      T.D = L.D;
      break;
    }
    auto N = ir::constantValue(*R.E);
    if (!N) {
      Diags.error(B.R->Range, "the exponent of a quantity with unit " + describeDim(L.D) +
                                  " must be a constant");
      return {};
    }
    std::optional<Dim> D;
    if (*N == std::round(*N) && std::fabs(*N) <= 16)
      D = L.D.pow(static_cast<int>(*N));
    else if (*N == 0.5)
      D = L.D.root(2);
    else if (std::fabs(*N - 1.0 / 3.0) < 1e-15)
      D = L.D.root(3);
    if (!D) {
      Diags.error(B.R->Range, "raising " + describeDim(L.D) + " to the power " +
                                  ir::formatNumber(*N) + " does not give a unit");
      return {};
    }
    T.D = *D;
    break;
  }
  default:
    break;
  }
  T.E = ir::binary(irOp(B.Op), std::move(L.E), std::move(R.E), B.Range);
  return T;
}

Typed ExprChecker::checkCall(const ast::CallExpr &C, Scope &S) {
  const std::string &Name = C.Callee.Name;
  if (Name == "uniform" || Name == "normal") {
    Diags.error(C.Range, "'" + Name + "' draws random numbers; it can only be the whole value of "
                         "an initial value, a weight or a delay");
    return {};
  }
  if (Name == "linspace") {
    Diags.error(C.Range, "'linspace' spreads values over the elements of a population or "
                         "connection; it can only be the whole value of an initial value, a "
                         "weight, a delay or spike times");
    return {};
  }
  auto F = ir::lookupFunc(Name);
  if (F && ir::isFixedPointFunc(*F))
    F.reset(); // the integer arithmetic of chip targets is written by the compiler only
  if (!F) {
    std::vector<std::string> Known = {"uniform", "normal", "linspace"};
    for (int I = 0; I <= static_cast<int>(ir::LastModelFunc); ++I)
      Known.push_back(ir::funcInfo(static_cast<ir::Func>(I)).Name);
    std::string Hint = closestName(Name, Known);
    Diags.error(C.Callee.Range, "unknown function '" + Name + "'" +
                                    (Hint.empty() ? "" : "; did you mean '" + Hint + "'?"));
    return {};
  }
  const ir::FuncInfo &Info = ir::funcInfo(*F);
  if (C.Args.size() != Info.Arity) {
    Diags.error(C.Range, "'" + Name + "' takes " + llvm::Twine(Info.Arity) + " argument" +
                             (Info.Arity == 1 ? "" : "s") + ", but " +
                             countGiven(C.Args.size()));
    return {};
  }
  std::vector<Typed> A;
  for (const ast::ExprPtr &X : C.Args) {
    A.push_back(check(*X, S));
    if (!A.back())
      return {};
    if (A.back().IsBool) {
      Diags.error(X->Range, "argument of '" + Name + "' must be a number, not a condition");
      return {};
    }
  }
  Typed T;
  switch (*F) {
  case ir::Func::Exp: case ir::Func::Expm1: case ir::Func::Log: case ir::Func::Log10:
  case ir::Func::Sin: case ir::Func::Cos: case ir::Func::Tan: case ir::Func::Tanh:
  case ir::Func::Exprel:
    if (!A[0].D.isDimensionless()) {
      Diags.error(C.Args[0]->Range, "argument of '" + Name + "' must be dimensionless, not " +
                                        describeDim(A[0].D));
      return {};
    }
    break;
  case ir::Func::Sqrt: {
    auto D = A[0].D.root(2);
    if (!D) {
      Diags.error(C.Args[0]->Range, "the square root of " + describeDim(A[0].D) +
                                        " does not give a unit");
      return {};
    }
    T.D = *D;
    break;
  }
  case ir::Func::Pow: {
    // pow(x, n): the same rules as x ^ n.
    if (!A[1].D.isDimensionless()) {
      Diags.error(C.Args[1]->Range, "exponent must be dimensionless, not " + describeDim(A[1].D));
      return {};
    }
    if (!A[0].D.isDimensionless()) {
      auto N = ir::constantValue(*A[1].E);
      if (!N || *N != std::round(*N) || std::fabs(*N) > 16) {
        Diags.error(C.Args[1]->Range, "the exponent of a quantity with unit " +
                                          describeDim(A[0].D) + " must be a constant integer");
        return {};
      }
      T.D = A[0].D.pow(static_cast<int>(*N));
    }
    break;
  }
  case ir::Func::Abs: case ir::Func::Floor: case ir::Func::Ceil:
    T.D = A[0].D;
    break;
  case ir::Func::FxDecay: case ir::Func::FxShift: case ir::Func::FxWrap:
  case ir::Func::FxWrapOnce: case ir::Func::FxSat: case ir::Func::FxMulRound:
  case ir::Func::FxMulFloor:
    break; // not reached: rejected above
  case ir::Func::Min: case ir::Func::Max: case ir::Func::Clip:
    for (size_t I = 1; I < A.size(); ++I)
      if (A[I].D != A[0].D) {
        Diags.error(C.Args[I]->Range, "arguments of '" + Name + "' must have the same unit: " +
                                          describeDim(A[0].D) + " and " + describeDim(A[I].D));
        return {};
      }
    T.D = A[0].D;
    break;
  }
  std::vector<ir::ExprPtr> Args;
  for (Typed &X : A)
    Args.push_back(std::move(X.E));
  T.E = std::make_unique<ir::CallExpr>(*F, std::move(Args), C.Range);
  return T;
}

Typed ExprChecker::check(const ast::Expr &E, Scope &S) {
  switch (E.kind()) {
  case ast::ExprKind::Number:
    return checkNumber(llvm::cast<ast::NumberExpr>(E));
  case ast::ExprKind::Bool: {
    Typed T;
    T.E = ir::ConstantExpr::boolean(llvm::cast<ast::BoolExpr>(E).Value, E.Range);
    T.IsBool = true;
    return T;
  }
  case ast::ExprKind::Name:
    return checkName(llvm::cast<ast::NameExpr>(E), S);
  case ast::ExprKind::Member: {
    const auto &M = llvm::cast<ast::MemberExpr>(E);
    if (!Members) {
      Diags.error(E.Range, "'" + M.Base.Name + "." + M.Member.Name +
                               "' cannot be used here; refer to parameters by their name");
      return {};
    }
    auto Q = Members(M, Diags);
    if (!Q)
      return {};
    Typed T;
    T.E = ir::constant(Q->Value, E.Range);
    T.D = Q->D;
    return T;
  }
  case ast::ExprKind::Unary: {
    const auto &U = llvm::cast<ast::UnaryExpr>(E);
    Typed X = check(*U.X, S);
    if (!X)
      return {};
    if (U.Op == ast::UnaryOp::Not) {
      if (!X.IsBool) {
        Diags.error(U.X->Range, "operand of 'not' must be a condition");
        return {};
      }
      X.E = std::make_unique<ir::UnaryExpr>(ir::UnaryOp::Not, std::move(X.E), E.Range);
      return X;
    }
    if (X.IsBool) {
      Diags.error(U.X->Range, "cannot negate a condition; use 'not'");
      return {};
    }
    if (U.Op == ast::UnaryOp::Neg)
      X.E = std::make_unique<ir::UnaryExpr>(ir::UnaryOp::Neg, std::move(X.E), E.Range);
    return X;
  }
  case ast::ExprKind::Binary:
    return checkBinary(llvm::cast<ast::BinaryExpr>(E), S);
  case ast::ExprKind::Cond: {
    const auto &C = llvm::cast<ast::CondExpr>(E);
    Typed K = check(*C.C, S), A = check(*C.T, S), B = check(*C.F, S);
    if (!K || !A || !B)
      return {};
    if (!K.IsBool) {
      Diags.error(C.C->Range, "condition of '?:' must be a comparison or a logical expression");
      return {};
    }
    if (A.IsBool != B.IsBool || A.D != B.D) {
      llvm::SMRange Ranges[] = {C.T->Range, C.F->Range};
      Diags.report(Severity::Error, C.T->Range.Start,
                   "the two results of '?:' differ: " +
                       (A.IsBool ? std::string("a condition") : describeDim(A.D)) + " and " +
                       (B.IsBool ? std::string("a condition") : describeDim(B.D)),
                   Ranges);
      return {};
    }
    Typed T;
    T.D = A.D;
    T.IsBool = A.IsBool;
    T.E = std::make_unique<ir::SelectExpr>(std::move(K.E), std::move(A.E), std::move(B.E),
                                           E.Range);
    return T;
  }
  case ast::ExprKind::Call:
    return checkCall(llvm::cast<ast::CallExpr>(E), S);
  case ast::ExprKind::List:
    Diags.error(E.Range, "a list is not allowed here");
    return {};
  case ast::ExprKind::String:
    Diags.error(E.Range, "a string is not a value; strings only name data files");
    return {};
  }
  return {};
}

Typed ExprChecker::checkAs(const ast::Expr &E, Scope &S, const Dim &Want,
                           const llvm::Twine &What) {
  Typed T = check(E, S);
  if (!T)
    return {};
  if (T.IsBool) {
    Diags.error(E.Range, What + " must be a number, not a condition");
    return {};
  }
  if (T.D != Want) {
    std::string Hint;
    // A plain number is most likely missing its unit.
    if (!Want.isDimensionless() && T.D.isDimensionless()) {
      if (auto V = ir::constantValue(*T.E))
        Hint = "; add a unit, e.g. '" + ir::formatNumber(*V) + " " + displayUnitFor(Want).Name +
               "'";
    } else if (!T.D.isDimensionless() && T.D == Want * Dim::time()) {
      Hint = "; divide by a time constant, e.g. '/ tau'";
    }
    Diags.error(E.Range, What + unitMismatch(T.D, Want) + Hint);
    return {};
  }
  return T;
}

Typed ExprChecker::checkCondition(const ast::Expr &E, Scope &S, const llvm::Twine &What) {
  Typed T = check(E, S);
  if (!T)
    return {};
  if (!T.IsBool) {
    Diags.error(E.Range, What + " must be a condition (a comparison such as 'v > theta')");
    return {};
  }
  return T;
}

std::optional<Quantity> ExprChecker::evalConstant(const ast::Expr &E, Scope &S,
                                                  const llvm::Twine &What) {
  Typed T = check(E, S);
  if (!T)
    return std::nullopt;
  auto V = ir::constantValue(*T.E);
  if (!V) {
    std::string Var;
    ir::walk(*T.E, [&](const ir::Expr &X) {
      if (const auto *R = llvm::dyn_cast<ir::RefExpr>(&X))
        if (Var.empty())
          Var = R->name();
    });
    Diags.error(E.Range, What + " must be a constant, but it depends on '" + Var + "'");
    return std::nullopt;
  }
  if (!T.IsBool && !std::isfinite(*V)) {
    Diags.error(E.Range, What + " is not a finite number (" + ir::formatNumber(*V) + ")");
    return std::nullopt;
  }
  return Quantity{*V, T.D, T.IsBool};
}

std::optional<double> ExprChecker::evalConstantAs(const ast::Expr &E, Scope &S, const Dim &Want,
                                                  const llvm::Twine &What) {
  auto Q = evalConstant(E, S, What);
  if (!Q)
    return std::nullopt;
  if (Q->IsBool) {
    Diags.error(E.Range, What + " must be a number, not a condition");
    return std::nullopt;
  }
  if (Q->D != Want) {
    std::string Hint;
    if (!Want.isDimensionless() && Q->D.isDimensionless())
      Hint = "; add a unit, e.g. '" + ir::formatNumber(Q->Value) + " " +
             displayUnitFor(Want).Name + "'";
    Diags.error(E.Range, What + unitMismatch(Q->D, Want) + Hint);
    return std::nullopt;
  }
  return Q->Value;
}

std::optional<uint64_t> ExprChecker::evalCount(const ast::Expr &E, Scope &S,
                                               const llvm::Twine &What, uint64_t Max) {
  auto V = evalConstantAs(E, S, Dim(), What);
  if (!V)
    return std::nullopt;
  if (*V < 0 || *V != std::floor(*V)) {
    Diags.error(E.Range, What + " must be a whole number >= 0, not " + ir::formatNumber(*V));
    return std::nullopt;
  }
  if (*V > static_cast<double>(Max)) {
    Diags.error(E.Range, What + " " + formatCount(*V) + " is too large (the limit is " +
                             llvm::Twine(Max) + ")");
    return std::nullopt;
  }
  return static_cast<uint64_t>(*V);
}

} // namespace snn
