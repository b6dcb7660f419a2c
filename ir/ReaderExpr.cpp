//===- ir/ReaderExpr.cpp - reads expressions and units of the IR text -----------------------===//
//
// Expressions use the printer's precedences (ir/Expr.cpp: binaryOpPrecedence; `not` 3, unary
// minus 7). A minus sign in front of a number literal reads as a negative constant, which is how
// the printer writes one, unless a `^` follows: `-2 ^ x` is -(2 ^ x).
//
//===----------------------------------------------------------------------------------------===//
#include "ir/ReaderImpl.h"

namespace snn::ir {
namespace reader {

std::optional<RefKind> Parser::resolve(Scope &S, llvm::StringRef Name) {
  if (!S.Weight.empty() && Name == S.Weight)
    return RefKind::Weight;
  if (S.Temps.count(Name))
    return RefKind::Temp;
  if (S.States.count(Name))
    return RefKind::State;
  if (S.Inputs.count(Name))
    return RefKind::Input;
  if (S.Params.count(Name))
    return RefKind::Param;
  if (Name == "t")
    return RefKind::Time;
  if (Name == "refractory" && S.AllowRefractory)
    return RefKind::Refractory;
  return std::nullopt;
}

static std::optional<BinaryOp> binaryOpFor(llvm::StringRef T) {
  static const std::pair<const char *, BinaryOp> Ops[] = {
      {"+", BinaryOp::Add}, {"-", BinaryOp::Sub}, {"*", BinaryOp::Mul}, {"/", BinaryOp::Div},
      {"^", BinaryOp::Pow}, {"<", BinaryOp::Lt},  {"<=", BinaryOp::Le}, {">", BinaryOp::Gt},
      {">=", BinaryOp::Ge}, {"==", BinaryOp::Eq}, {"!=", BinaryOp::Ne}, {"and", BinaryOp::And},
      {"or", BinaryOp::Or}};
  for (const auto &[S, Op] : Ops)
    if (T == S)
      return Op;
  return std::nullopt;
}

ExprPtr Parser::parseExpr(Scope &S, int MinPrec) {
  ExprPtr L = parseUnary(S, MinPrec);
  if (!L)
    return nullptr;
  while (true) {
    if (is("?") && MinPrec == 0) {
      llvm::SMLoc Start = L->loc().Start;
      advance();
      ExprPtr T = parseExpr(S, 0);
      if (!T || !expect(":"))
        return nullptr;
      ExprPtr F = parseExpr(S, 0);
      if (!F)
        return nullptr;
      llvm::SMRange R(Start, F->loc().End);
      L = std::make_unique<SelectExpr>(std::move(L), std::move(T), std::move(F), R);
      continue;
    }
    if (Tok.K != Tok::Punct && Tok.K != Tok::Ident)
      return L;
    auto Op = binaryOpFor(Tok.Text);
    if (!Op)
      return L;
    int P = binaryOpPrecedence(*Op);
    if (P < MinPrec || P == 0)
      return L;
    advance();
    int RMin = *Op == BinaryOp::Pow ? P : P + 1;
    ExprPtr R = parseExpr(S, RMin);
    if (!R)
      return nullptr;
    llvm::SMRange Loc(L->loc().Start, R->loc().End);
    L = binary(*Op, std::move(L), std::move(R), Loc);
    // Comparisons do not chain.
    if (isComparison(*Op) && MinPrec <= P) {
      if (Tok.K == Tok::Punct)
        if (auto Next = binaryOpFor(Tok.Text); Next && isComparison(*Next)) {
          fail(Tok.range(), "comparisons cannot be chained; add parentheses");
          return nullptr;
        }
    }
  }
}

ExprPtr Parser::parseUnary(Scope &S, int MinPrec) {
  llvm::SMRange R = Tok.range();
  if (is("-")) {
    advance();
    ExprPtr X = parseExpr(S, 7);
    if (!X)
      return nullptr;
    llvm::SMRange L(R.Start, X->loc().End);
    // `-2` is how the printer writes a negative constant; `-2 ^ x` stays a negation of a power.
    if (const auto *C = llvm::dyn_cast<ConstantExpr>(X.get()); C && !C->isBool())
      return constant(-C->value(), L);
    return std::make_unique<UnaryExpr>(UnaryOp::Neg, std::move(X), L);
  }
  if (is("not")) {
    advance();
    ExprPtr X = parseExpr(S, 3);
    if (!X)
      return nullptr;
    llvm::SMRange L(R.Start, X->loc().End);
    return std::make_unique<UnaryExpr>(UnaryOp::Not, std::move(X), L);
  }
  return parsePrimary(S);
}

ExprPtr Parser::parsePrimary(Scope &S) {
  llvm::SMRange R = Tok.range();
  if (Tok.K == Tok::Number) {
    double V;
    if (!number(V))
      return nullptr;
    return constant(V, R);
  }
  if (accept("(")) {
    ExprPtr E = parseExpr(S, 0);
    if (!E || !expect(")"))
      return nullptr;
    return E;
  }
  if (Tok.K != Tok::Ident) {
    fail(R, "expected an expression" + found());
    return nullptr;
  }
  std::string Name = Tok.Text.str();
  advance();
  if (Name == "true" || Name == "false")
    return ConstantExpr::boolean(Name == "true", R);
  if (accept("(")) {
    auto F = lookupFunc(Name);
    if (!F) {
      fail(R, "unknown function '" + Name + "'");
      return nullptr;
    }
    std::vector<ExprPtr> Args;
    if (!accept(")")) {
      do {
        ExprPtr A = parseExpr(S, 0);
        if (!A)
          return nullptr;
        Args.push_back(std::move(A));
      } while (accept(","));
      if (!expect(")"))
        return nullptr;
    }
    if (Args.size() != funcInfo(*F).Arity) {
      fail(R, "'" + Name + "' takes " + llvm::Twine(funcInfo(*F).Arity) + " argument(s), " +
                  llvm::Twine(Args.size()) + " given");
      return nullptr;
    }
    return std::make_unique<CallExpr>(*F, std::move(Args), R);
  }
  auto K = resolve(S, Name);
  if (!K) {
    fail(R, "unknown name '" + Name + "'");
    return nullptr;
  }
  return ref(*K, Name, R);
}

} // namespace reader

std::optional<Dim> parseDimString(llvm::StringRef S) {
  if (S == "1")
    return Dim();
  Dim Result;
  bool Divide = false;
  while (!S.empty()) {
    size_t End = S.find_first_of("*/");
    llvm::StringRef Factor = S.substr(0, End);
    int Exp = 1;
    size_t Caret = Factor.find('^');
    if (Caret != llvm::StringRef::npos) {
      if (Factor.substr(Caret + 1).getAsInteger(10, Exp))
        return std::nullopt;
      Factor = Factor.substr(0, Caret);
    }
    Dim F;
    static const std::pair<const char *, Dim::Base> Bases[] = {
        {"m", Dim::Metre}, {"kg", Dim::Kilogram}, {"K", Dim::Kelvin}, {"mol", Dim::Mole},
        {"cd", Dim::Candela}};
    bool IsBase = false;
    for (const auto &[N, B] : Bases)
      if (Factor == N) {
        F = Dim::base(B);
        IsBase = true;
      }
    if (!IsBase) {
      auto U = lookupUnit(Factor);
      if (!U || U->Scale != 1.0)
        return std::nullopt;
      F = U->D;
    }
    F = F.pow(Exp);
    Result = Divide ? Result / F : Result * F;
    if (End == llvm::StringRef::npos)
      break;
    Divide = S[End] == '/';
    S = S.substr(End + 1);
  }
  return Result;
}

} // namespace snn::ir
