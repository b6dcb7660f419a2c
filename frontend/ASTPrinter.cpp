//===- frontend/ASTPrinter.cpp - prints the syntax tree (--emit=ast) ------------------------===//
//
// One node per line, children indented by two spaces, each with `<line:col>` of its start, in
// the style of clang's -ast-dump. Numbers are printed as written (value and unit spelling).
//
//===----------------------------------------------------------------------------------------===//
#include "frontend/AST.h"

#include "ir/Printer.h"

#include "llvm/Support/SourceMgr.h"

namespace snn::ast {

const char *spelling(BinaryOp Op) {
  switch (Op) {
  case BinaryOp::Add: return "+";
  case BinaryOp::Sub: return "-";
  case BinaryOp::Mul: return "*";
  case BinaryOp::Div: return "/";
  case BinaryOp::Pow: return "^";
  case BinaryOp::Lt: return "<";
  case BinaryOp::Le: return "<=";
  case BinaryOp::Gt: return ">";
  case BinaryOp::Ge: return ">=";
  case BinaryOp::Eq: return "==";
  case BinaryOp::Ne: return "!=";
  case BinaryOp::And: return "and";
  case BinaryOp::Or: return "or";
  }
  return "?";
}

namespace {

class Printer {
public:
  Printer(const llvm::SourceMgr &SM, llvm::raw_ostream &OS) : SM(SM), OS(OS) {}

  void file(const File &F);

private:
  llvm::raw_ostream &line(int Depth, llvm::StringRef Label, SMRange R) {
    OS.indent(Depth * 2) << Label;
    if (R.Start.isValid()) {
      auto [L, C] = SM.getLineAndColumn(R.Start);
      OS << " <" << L << ":" << C << ">";
    }
    return OS;
  }
  void expr(const Expr &E, int D);
  void stmts(const std::vector<Stmt> &V, int D);
  void unit(const std::optional<UnitSpec> &U) {
    if (!U)
      return;
    OS << " : ";
    for (size_t I = 0; I < U->Factors.size(); ++I) {
      const auto &F = U->Factors[I];
      OS << (I ? "*" : "") << F.Name.Name;
      if (F.Exp != 1)
        OS << "^" << F.Exp;
    }
  }
  void var(const char *Kind, const VarDecl &V, int D) {
    line(D, Kind, V.Range) << " '" << V.Name.Name << "'";
    unit(V.Unit);
    OS << "\n";
    if (V.Value)
      expr(*V.Value, D + 1);
  }
  void named(const std::vector<NamedArg> &V, int D) {
    for (const NamedArg &A : V) {
      line(D, "Arg", A.Name.Range) << " '" << A.Name.Name << "'\n";
      expr(*A.Value, D + 1);
    }
  }

  const llvm::SourceMgr &SM;
  llvm::raw_ostream &OS;
};

void Printer::expr(const Expr &E, int D) {
  switch (E.kind()) {
  case ExprKind::Number: {
    const auto &N = llvm::cast<NumberExpr>(E);
    line(D, "Number", E.Range) << " " << ir::formatNumber(N.Value);
    if (N.Unit)
      OS << " " << N.Unit->Name;
    if (N.Unit && N.UnitExp != 1)
      OS << "^" << N.UnitExp;
    OS << "\n";
    return;
  }
  case ExprKind::Bool:
    line(D, "Bool", E.Range) << " " << (llvm::cast<BoolExpr>(E).Value ? "true" : "false") << "\n";
    return;
  case ExprKind::Name:
    line(D, "Name", E.Range) << " '" << llvm::cast<NameExpr>(E).Name << "'\n";
    return;
  case ExprKind::Member: {
    const auto &M = llvm::cast<MemberExpr>(E);
    line(D, "Member", E.Range) << " '" << M.Base.Name << "." << M.Member.Name << "'\n";
    return;
  }
  case ExprKind::Unary: {
    const auto &U = llvm::cast<UnaryExpr>(E);
    line(D, "Unary", E.Range) << " '"
                              << (U.Op == UnaryOp::Neg ? "-" : U.Op == UnaryOp::Plus ? "+" : "not")
                              << "'\n";
    expr(*U.X, D + 1);
    return;
  }
  case ExprKind::Binary: {
    const auto &B = llvm::cast<BinaryExpr>(E);
    line(D, "Binary", E.Range) << " '" << spelling(B.Op) << "'\n";
    expr(*B.L, D + 1);
    expr(*B.R, D + 1);
    return;
  }
  case ExprKind::Cond: {
    const auto &C = llvm::cast<CondExpr>(E);
    line(D, "Conditional", E.Range) << "\n";
    expr(*C.C, D + 1);
    expr(*C.T, D + 1);
    expr(*C.F, D + 1);
    return;
  }
  case ExprKind::Call: {
    const auto &C = llvm::cast<CallExpr>(E);
    line(D, "Call", E.Range) << " '" << C.Callee.Name << "'\n";
    for (const ExprPtr &A : C.Args)
      expr(*A, D + 1);
    return;
  }
  case ExprKind::List: {
    const auto &L = llvm::cast<ListExpr>(E);
    line(D, "List", E.Range) << " (" << L.Elems.size() << " elements)\n";
    for (const ExprPtr &A : L.Elems)
      expr(*A, D + 1);
    return;
  }
  case ExprKind::String:
    line(D, "String", E.Range) << " \"" << llvm::cast<StringExpr>(E).Value << "\"\n";
    return;
  }
}

void Printer::stmts(const std::vector<Stmt> &V, int D) {
  static const char *Ops[] = {"=", "+=", "-=", "*=", "/="};
  for (const Stmt &S : V) {
    line(D, "Assign", S.Range) << " '" << S.Target.Name << "' '" << Ops[static_cast<int>(S.Op)]
                               << "'\n";
    expr(*S.Value, D + 1);
  }
}

void Printer::file(const File &F) {
  line(0, "File", {}) << " '" << F.Path << "'\n";
  for (const ImportDecl &I : F.Imports)
    line(1, "Import", I.Range) << " \"" << I.Path << "\"\n";
  for (const ConstDecl &C : F.Consts) {
    line(1, "Const", C.Name.Range) << " '" << C.Name.Name << "'\n";
    expr(*C.Value, 2);
  }
  for (const NeuronDecl &N : F.Neurons) {
    line(1, "Neuron", N.Range) << " '" << N.Name.Name << "'";
    if (N.Base)
      OS << " derived from '" << N.Base->Name << "'";
    OS << "\n";
    named(N.BaseOverrides, 2);
    for (const Ident &M : N.Methods)
      line(2, "Method", M.Range) << " '" << M.Name << "'\n";
    for (const VarDecl &V : N.Params)
      var("Parameter", V, 2);
    for (const VarDecl &V : N.States)
      var("State", V, 2);
    for (const VarDecl &V : N.Inputs)
      var("Input", V, 2);
    for (const ConstDecl &L : N.Lets) {
      line(2, "Let", L.Name.Range) << " '" << L.Name.Name << "'\n";
      expr(*L.Value, 3);
    }
    for (const OdeDecl &O : N.Odes) {
      line(2, "ODE", O.Range) << " 'd" << O.Var.Name << "/dt'\n";
      expr(*O.Rhs, 3);
    }
    for (const SpikeDecl &S : N.Spikes) {
      line(2, "OnSpike", S.Range) << "\n";
      expr(*S.Condition, 3);
      stmts(S.Reset, 3);
    }
    for (const RefractoryDecl &R : N.Refractory) {
      line(2, "Refractory", R.Range);
      for (const Ident &F : R.Freeze)
        OS << " freeze '" << F.Name << "'";
      OS << "\n";
      expr(*R.Period, 3);
    }
    for (const ReceiveDecl &R : N.Receives) {
      line(2, "OnReceive", R.Range) << " '" << R.Port.Name << "' weight '" << R.Weight.Name
                                    << "'";
      unit(R.Unit);
      OS << "\n";
      stmts(R.Body, 3);
    }
  }
  for (const NetworkDecl &N : F.Networks) {
    line(1, "Network", N.Range) << " '" << N.Name.Name << "'\n";
    for (const ConstDecl &C : N.Consts) {
      line(2, "Const", C.Name.Range) << " '" << C.Name.Name << "'\n";
      expr(*C.Value, 3);
    }
    for (const PopulationDecl &P : N.Populations) {
      line(2, "Population", P.Range) << " '" << P.Name.Name << "' of '" << P.Model.Name << "'\n";
      expr(*P.Size, 3);
      named(P.Args, 3);
      named(P.Inits, 3);
    }
    for (const ConnectDecl &C : N.Connects) {
      line(2, "Connect", C.Range) << " ";
      for (size_t I = 0; I < C.Sources.size(); ++I)
        OS << (I ? ", " : "") << "'" << C.Sources[I].Name << "'";
      OS << " ->";
      for (size_t I = 0; I < C.Targets.size(); ++I)
        OS << (I ? ", " : " ") << "'" << C.Targets[I].Name << "'";
      OS << " rule '" << C.Rule.Name << "'\n";
      for (const ExprPtr &A : C.RuleArgs)
        expr(*A, 3);
      named(C.Options, 3);
    }
    for (const RecordDecl &R : N.Records) {
      line(2, "Record", R.Range);
      for (const Ident &W : R.What)
        OS << " '" << W.Name << "'";
      OS << " of";
      for (const PopSelect &S : R.Targets)
        OS << " '" << S.Pop.Name << "'";
      OS << "\n";
      if (R.Every)
        expr(*R.Every, 3);
    }
    for (const InjectDecl &I : N.Injects)
      line(2, "Inject", I.Range) << " \"" << I.Path << "\" into '" << I.Pop.Name << "."
                                 << I.Var.Name << "'\n";
    for (const SimulateDecl &S : N.Simulates) {
      line(2, "Simulate", S.Range) << "\n";
      expr(*S.Duration, 3);
      named(S.Options, 3);
    }
  }
}

} // namespace

void print(const File &F, const llvm::SourceMgr &SM, llvm::raw_ostream &OS) {
  Printer(SM, OS).file(F);
}

} // namespace snn::ast
