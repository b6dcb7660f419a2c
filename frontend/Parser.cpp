//===- frontend/Parser.cpp - .snn text to AST -----------------------------------------------===//
//
// Lexes and parses a file with the ANTLR-generated parser and builds the AST from the parse tree,
// with source ranges. Positions and syntax errors are handled in SyntaxErrors.cpp: ANTLR
// positions count code points and SourceMgr locations are byte pointers (a table maps one to the
// other so that carets land under the right character even after non-ASCII comments); ANTLR's
// messages are reworded into the compiler's style ("expected ';', found 'x'", "unknown keyword
// 'stat'; did you mean 'state'?"), a bracket left open gets a "to match this '('" note, and after
// a syntax error nothing more is reported until the parser reaches the next member keyword.
//
//===----------------------------------------------------------------------------------------===//
#include "frontend/Parser.h"

#include "frontend/Sema.h"
#include "frontend/SyntaxErrors.h"

#include "SnnLexer.h"
#include "SnnParser.h"
#include "antlr4-runtime.h"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace snn {

namespace {

/// Builds the AST from a parse tree.
class Builder {
public:
  Builder(const SourceMap &Map, DiagnosticsEngine &D) : Map(Map), Diags(D) {}

  void file(SnnParser::FileContext *C, ast::File &F);

private:
  ast::Ident ident(antlr4::tree::TerminalNode *N) { return ident(N->getSymbol()); }
  ast::Ident ident(antlr4::Token *T) { return {T->getText(), Map.range(T)}; }
  llvm::SMRange range(antlr4::ParserRuleContext *C) { return Map.range(C); }

  ast::ExprPtr expr(SnnParser::ExprContext *C, int Depth = 0);
  ast::ExprPtr primary(SnnParser::PrimaryContext *C, int Depth);
  ast::ExprPtr binary(antlr4::ParserRuleContext *C, ast::BinaryOp Op, antlr4::Token *OpTok,
                      SnnParser::ExprContext *L, SnnParser::ExprContext *R, int Depth);
  std::optional<ast::UnitSpec> unit(SnnParser::UnitContext *C);
  void unitInto(SnnParser::UnitContext *C, int Sign, std::vector<ast::UnitSpec::Factor> &Out);
  std::vector<ast::Stmt> block(SnnParser::BlockContext *C);
  ast::ConstDecl constItem(SnnParser::ConstItemContext *C);
  ast::NamedArg namedArg(SnnParser::NamedArgContext *C);
  void neuron(SnnParser::NeuronDeclContext *C, ast::NeuronDecl &N);
  void synapse(SnnParser::SynapseDeclContext *C, ast::SynapseDecl &S);
  bool derivative(antlr4::Token *Deriv, antlr4::Token *Dt, antlr4::ParserRuleContext *C,
                  SnnParser::ExprContext *E, ast::OdeDecl &O);
  void network(SnnParser::NetworkDeclContext *C, ast::NetworkDecl &N);
  ast::VarDecl var(antlr4::ParserRuleContext *C, antlr4::tree::TerminalNode *Name,
                   SnnParser::UnitContext *U, SnnParser::ExprContext *E);

  const SourceMap &Map;
  DiagnosticsEngine &Diags;
  bool TooDeep = false;
};

ast::ExprPtr Builder::binary(antlr4::ParserRuleContext *C, ast::BinaryOp Op,
                             antlr4::Token *OpTok, SnnParser::ExprContext *L,
                             SnnParser::ExprContext *R, int Depth) {
  auto LE = expr(L, Depth + 1);
  auto RE = expr(R, Depth + 1);
  if (!LE || !RE)
    return nullptr;
  llvm::SMRange OpR = OpTok ? Map.range(OpTok) : llvm::SMRange();
  return std::make_unique<ast::BinaryExpr>(range(C), Op, OpR, std::move(LE), std::move(RE));
}

static antlr4::Token *tokenBetween(antlr4::ParserRuleContext *C) {
  // The operator token of `expr AND expr` style alternatives: the second child.
  if (C->children.size() >= 2)
    if (auto *T = dynamic_cast<antlr4::tree::TerminalNode *>(C->children[1]))
      return T->getSymbol();
  return nullptr;
}

ast::ExprPtr Builder::expr(SnnParser::ExprContext *C, int Depth) {
  if (!C)
    return nullptr;
  if (Depth > 2000) {
    // Reported once: every enclosing level would fail the same way.
    if (!TooDeep)
      Diags.error(range(C), "expression is nested too deeply (more than 2000 levels); split it "
                            "into several 'const' or 'let' definitions");
    TooDeep = true;
    return nullptr;
  }
  using namespace ast;
  if (auto *P = dynamic_cast<SnnParser::PrimaryExprContext *>(C))
    return primary(P->primary(), Depth + 1);
  if (auto *P = dynamic_cast<SnnParser::PowerExprContext *>(C))
    return binary(C, BinaryOp::Pow, P->op, P->expr(0), P->expr(1), Depth);
  if (auto *P = dynamic_cast<SnnParser::UnaryExprContext *>(C)) {
    auto X = expr(P->expr(), Depth + 1);
    if (!X)
      return nullptr;
    return std::make_unique<UnaryExpr>(range(C), P->op->getText() == "-" ? UnaryOp::Neg
                                                                          : UnaryOp::Plus,
                                       std::move(X));
  }
  if (auto *P = dynamic_cast<SnnParser::NotExprContext *>(C)) {
    auto X = expr(P->expr(), Depth + 1);
    if (!X)
      return nullptr;
    return std::make_unique<UnaryExpr>(range(C), UnaryOp::Not, std::move(X));
  }
  if (auto *P = dynamic_cast<SnnParser::MulExprContext *>(C))
    return binary(C, P->op->getText() == "*" ? BinaryOp::Mul : BinaryOp::Div, P->op, P->expr(0),
                  P->expr(1), Depth);
  if (auto *P = dynamic_cast<SnnParser::AddExprContext *>(C))
    return binary(C, P->op->getText() == "+" ? BinaryOp::Add : BinaryOp::Sub, P->op, P->expr(0),
                  P->expr(1), Depth);
  if (auto *P = dynamic_cast<SnnParser::CompareExprContext *>(C)) {
    std::string Op = P->op->getText();
    BinaryOp B = Op == "<"    ? BinaryOp::Lt
                 : Op == "<=" ? BinaryOp::Le
                 : Op == ">"  ? BinaryOp::Gt
                 : Op == ">=" ? BinaryOp::Ge
                 : Op == "==" ? BinaryOp::Eq
                              : BinaryOp::Ne;
    return binary(C, B, P->op, P->expr(0), P->expr(1), Depth);
  }
  if (auto *P = dynamic_cast<SnnParser::AndExprContext *>(C))
    return binary(C, BinaryOp::And, tokenBetween(C), P->expr(0), P->expr(1), Depth);
  if (auto *P = dynamic_cast<SnnParser::OrExprContext *>(C))
    return binary(C, BinaryOp::Or, tokenBetween(C), P->expr(0), P->expr(1), Depth);
  if (auto *P = dynamic_cast<SnnParser::CondExprContext *>(C)) {
    auto A = expr(P->expr(0), Depth + 1), B = expr(P->expr(1), Depth + 1),
         D = expr(P->expr(2), Depth + 1);
    if (!A || !B || !D)
      return nullptr;
    return std::make_unique<CondExpr>(range(C), std::move(A), std::move(B), std::move(D));
  }
  Diags.error(range(C), "unsupported expression");
  return nullptr;
}

ast::ExprPtr Builder::primary(SnnParser::PrimaryContext *C, int Depth) {
  using namespace ast;
  if (!C)
    return nullptr;
  if (auto *P = dynamic_cast<SnnParser::QuantityContext *>(C)) {
    std::string Text = P->NUMBER(0)->getText();
    char *End = nullptr;
    double V = std::strtod(Text.c_str(), &End);
    if (!std::isfinite(V)) {
      Diags.error(Map.range(P->NUMBER(0)->getSymbol()), "number '" + Text + "' is out of range");
      return nullptr;
    }
    std::optional<Ident> U;
    int Exp = 1;
    if (P->ID())
      U = ident(P->ID());
    if (P->power) {
      if (llvm::StringRef(P->power->getText()).getAsInteger(10, Exp) || Exp == 0 ||
          std::abs(Exp) > 16) {
        Diags.error(Map.range(P->power), "the exponent of a unit must be a whole number from 1 "
                                         "to 16");
        return nullptr;
      }
      if (P->sign)
        Exp = -Exp;
    }
    return std::make_unique<NumberExpr>(range(C), V, std::move(U), Exp);
  }
  if (dynamic_cast<SnnParser::InfLitContext *>(C))
    return std::make_unique<NumberExpr>(range(C), INFINITY, std::nullopt);
  if (dynamic_cast<SnnParser::NanLitContext *>(C))
    return std::make_unique<NumberExpr>(range(C), NAN, std::nullopt);
  if (dynamic_cast<SnnParser::RefractoryRefContext *>(C))
    return std::make_unique<NameExpr>(range(C), "refractory");
  if (dynamic_cast<SnnParser::TrueLitContext *>(C))
    return std::make_unique<BoolExpr>(range(C), true);
  if (dynamic_cast<SnnParser::FalseLitContext *>(C))
    return std::make_unique<BoolExpr>(range(C), false);
  if (auto *P = dynamic_cast<SnnParser::CallContext *>(C)) {
    std::vector<ExprPtr> Args;
    for (auto *A : P->expr()) {
      auto E = expr(A, Depth + 1);
      if (!E)
        return nullptr;
      Args.push_back(std::move(E));
    }
    return std::make_unique<CallExpr>(range(C), ident(P->ID()), std::move(Args));
  }
  if (auto *P = dynamic_cast<SnnParser::MemberContext *>(C))
    return std::make_unique<MemberExpr>(range(C), ident(P->ID(0)), ident(P->ID(1)));
  if (auto *P = dynamic_cast<SnnParser::NameContext *>(C))
    return std::make_unique<NameExpr>(range(C), P->ID()->getText());
  if (auto *P = dynamic_cast<SnnParser::ParenContext *>(C))
    return expr(P->expr(), Depth + 1);
  if (auto *P = dynamic_cast<SnnParser::ListContext *>(C)) {
    std::vector<ExprPtr> Elems;
    for (auto *A : P->expr()) {
      auto E = expr(A, Depth + 1);
      if (!E)
        return nullptr;
      Elems.push_back(std::move(E));
    }
    return std::make_unique<ListExpr>(range(C), std::move(Elems));
  }
  if (auto *P = dynamic_cast<SnnParser::StringLitContext *>(C)) {
    std::string S = P->STRING()->getText();
    return std::make_unique<StringExpr>(range(C), S.substr(1, S.size() - 2));
  }
  Diags.error(range(C), "unsupported expression");
  return nullptr;
}

void Builder::unitInto(SnnParser::UnitContext *C, int Sign,
                       std::vector<ast::UnitSpec::Factor> &Out) {
  auto Factors = C->unitFactor();
  for (size_t I = 0; I < Factors.size(); ++I) {
    int S = Sign;
    if (I > 0 && C->op[I - 1]->getText() == "/")
      S = -Sign;
    auto *F = Factors[I];
    int Exp = 1;
    if (F->power) {
      if (llvm::StringRef(F->power->getText()).getAsInteger(10, Exp)) {
        Diags.error(Map.range(F->power), "unit exponent must be an integer");
        Exp = 1;
      }
      if (F->sign)
        Exp = -Exp;
    }
    auto *B = F->unitBase();
    if (B->unit()) {
      std::vector<ast::UnitSpec::Factor> Inner;
      unitInto(B->unit(), 1, Inner);
      for (auto &X : Inner) {
        X.Exp *= Exp * S;
        Out.push_back(X);
      }
      continue;
    }
    antlr4::Token *T = B->ID() ? B->ID()->getSymbol() : B->NUMBER()->getSymbol();
    Out.push_back({ident(T), Exp * S});
  }
}

std::optional<ast::UnitSpec> Builder::unit(SnnParser::UnitContext *C) {
  if (!C)
    return std::nullopt;
  ast::UnitSpec U;
  U.Range = range(C);
  unitInto(C, 1, U.Factors);
  return U;
}

std::vector<ast::Stmt> Builder::block(SnnParser::BlockContext *C) {
  std::vector<ast::Stmt> Out;
  for (auto *S : C->stmt()) {
    ast::Stmt St;
    if (S->DELIVER()) {
      St.Target = {"", Map.range(S->DELIVER()->getSymbol())};
      St.Op = ast::AssignOp::Deliver;
      St.Value = expr(S->expr());
      St.Range = range(S);
      if (St.Value)
        Out.push_back(std::move(St));
      continue;
    }
    St.Target = ident(S->ID());
    std::string Op = S->op->getText();
    St.Op = Op == "="    ? ast::AssignOp::Set
            : Op == "+=" ? ast::AssignOp::Add
            : Op == "-=" ? ast::AssignOp::Sub
            : Op == "*=" ? ast::AssignOp::Mul
                         : ast::AssignOp::Div;
    St.Value = expr(S->expr());
    St.Range = range(S);
    if (St.Value)
      Out.push_back(std::move(St));
  }
  return Out;
}

ast::ConstDecl Builder::constItem(SnnParser::ConstItemContext *C) {
  return {ident(C->ID()), expr(C->expr())};
}

ast::NamedArg Builder::namedArg(SnnParser::NamedArgContext *C) {
  return {ident(C->ID()), expr(C->expr())};
}

ast::VarDecl Builder::var(antlr4::ParserRuleContext *C, antlr4::tree::TerminalNode *Name,
                          SnnParser::UnitContext *U, SnnParser::ExprContext *E) {
  ast::VarDecl V;
  V.Name = ident(Name);
  V.Unit = unit(U);
  V.Value = E ? expr(E) : nullptr;
  V.Range = range(C);
  return V;
}

bool Builder::derivative(antlr4::Token *Deriv, antlr4::Token *Dt, antlr4::ParserRuleContext *C,
                         SnnParser::ExprContext *E, ast::OdeDecl &O) {
  std::string D = Deriv->getText();
  llvm::SMRange DR = Map.range(Deriv), TR = Map.range(Dt);
  O.Lhs = {DR.Start, TR.End};
  O.Range = range(C);
  if (D.size() < 2 || D[0] != 'd') {
    Diags.error(DR, "expected a derivative 'dX/dt' here, found '" + D + "/" + Dt->getText() + "'");
    return false;
  }
  if (Dt->getText() != "dt") {
    Diags.error(TR, "derivatives are taken with respect to time: write 'd" + D.substr(1) + "/dt'");
    return false;
  }
  O.Var = {D.substr(1), {llvm::SMLoc::getFromPointer(DR.Start.getPointer() + 1), DR.End}};
  O.Rhs = expr(E);
  return true;
}

void Builder::synapse(SnnParser::SynapseDeclContext *C, ast::SynapseDecl &S) {
  S.Name = ident(C->ID());
  S.Range = range(C);
  for (auto *M : C->synapseMember()) {
    if (auto *P = dynamic_cast<SnnParser::SynParamMemberContext *>(M)) {
      S.Params.push_back(var(P, P->ID(), P->unit(), P->expr()));
    } else if (auto *P = dynamic_cast<SnnParser::SynStateMemberContext *>(M)) {
      S.States.push_back(var(P, P->ID(), P->unit(), P->expr()));
    } else if (auto *P = dynamic_cast<SnnParser::SynLetMemberContext *>(M)) {
      S.Lets.push_back({ident(P->ID()), expr(P->expr())});
    } else if (auto *P = dynamic_cast<SnnParser::SynOdeMemberContext *>(M)) {
      ast::OdeDecl O;
      if (derivative(P->deriv, P->dt, P, P->expr(), O))
        S.Odes.push_back(std::move(O));
    } else if (auto *P = dynamic_cast<SnnParser::OnEventMemberContext *>(M)) {
      std::string E = P->event->getText();
      if (E == "pre") {
        S.OnPre.push_back(block(P->block()));
        S.OnPreRanges.push_back(range(P));
      } else if (E == "post") {
        S.OnPost.push_back(block(P->block()));
        S.OnPostRanges.push_back(range(P));
      } else if (E == "modulator") {
        S.OnModulator.push_back(block(P->block()));
        S.OnModulatorRanges.push_back(range(P));
      } else {
        Diags.error(Map.range(P->event), "a synapse handles 'on pre', 'on post' and 'on "
                                         "modulator', not 'on " + E + "'");
      }
    }
  }
}

void Builder::neuron(SnnParser::NeuronDeclContext *C, ast::NeuronDecl &N) {
  N.Name = ident(C->ID(0));
  N.Range = range(C);
  if (C->base) {
    N.Base = ident(C->base);
    if (auto *I = C->popInits())
      for (auto *X : I->namedArg())
        N.BaseOverrides.push_back(namedArg(X));
    return;
  }
  for (auto *M : C->neuronMember()) {
    if (auto *P = dynamic_cast<SnnParser::ParamMemberContext *>(M)) {
      N.Params.push_back(var(P, P->ID(), P->unit(), P->expr()));
    } else if (auto *P = dynamic_cast<SnnParser::StateMemberContext *>(M)) {
      N.States.push_back(var(P, P->ID(), P->unit(), P->expr()));
    } else if (auto *P = dynamic_cast<SnnParser::InputMemberContext *>(M)) {
      N.Inputs.push_back(var(P, P->ID(), P->unit(), P->expr()));
    } else if (auto *P = dynamic_cast<SnnParser::LetMemberContext *>(M)) {
      N.Lets.push_back({ident(P->ID()), expr(P->expr())});
    } else if (auto *P = dynamic_cast<SnnParser::OdeMemberContext *>(M)) {
      ast::OdeDecl O;
      if (derivative(P->deriv, P->dt, P, P->expr(), O))
        N.Odes.push_back(std::move(O));
    } else if (auto *P = dynamic_cast<SnnParser::SpikeMemberContext *>(M)) {
      N.Spikes.push_back({expr(P->expr()), block(P->block()), range(P)});
    } else if (auto *P = dynamic_cast<SnnParser::RefractoryMemberContext *>(M)) {
      ast::RefractoryDecl R;
      R.Period = expr(P->expr());
      for (auto *I : P->ID())
        R.Freeze.push_back(ident(I));
      R.Range = range(P);
      N.Refractory.push_back(std::move(R));
    } else if (auto *P = dynamic_cast<SnnParser::MethodMemberContext *>(M)) {
      N.Methods.push_back(ident(P->ID()));
    } else if (auto *P = dynamic_cast<SnnParser::ReceiveMemberContext *>(M)) {
      ast::ReceiveDecl R;
      R.Port = ident(P->port);
      R.Weight = ident(P->weight);
      R.Unit = unit(P->unit());
      R.Body = block(P->block());
      R.Range = range(P);
      N.Receives.push_back(std::move(R));
    }
  }
}

void Builder::network(SnnParser::NetworkDeclContext *C, ast::NetworkDecl &N) {
  N.Name = ident(C->ID());
  N.Range = range(C);
  for (auto *M : C->networkMember()) {
    if (auto *P = dynamic_cast<SnnParser::NetConstContext *>(M)) {
      for (auto *I : P->constDecl()->constItem())
        N.Consts.push_back(constItem(I));
    } else if (auto *P = dynamic_cast<SnnParser::PopulationMemberContext *>(M)) {
      ast::PopulationDecl D;
      D.Name = ident(P->ID(0));
      D.Model = ident(P->mdl);
      D.Size = expr(P->sz);
      if (auto *A = P->popArgs()) {
        D.HasArgs = true;
        for (auto *X : A->namedArg())
          D.Args.push_back(namedArg(X));
      }
      if (auto *I = P->popInits())
        for (auto *X : I->namedArg())
          D.Inits.push_back(namedArg(X));
      D.Range = range(P);
      N.Populations.push_back(std::move(D));
    } else if (auto *P = dynamic_cast<SnnParser::ConnectMemberContext *>(M)) {
      ast::ConnectDecl D;
      for (auto *I : P->popList(0)->ID())
        D.Sources.push_back(ident(I));
      for (auto *I : P->popList(1)->ID())
        D.Targets.push_back(ident(I));
      D.Rule = ident(P->ruleName);
      llvm::SMLoc RuleEnd = D.Rule.Range.End;
      for (auto *E : P->expr()) {
        D.RuleArgs.push_back(expr(E));
        RuleEnd = range(E).End;
      }
      if (!P->expr().empty())
        RuleEnd = llvm::SMLoc::getFromPointer(RuleEnd.getPointer() + 1); // the ')'
      D.RuleRange = {D.Rule.Range.Start, RuleEnd};
      for (auto *O : P->connectOption()) {
        if (auto *X = dynamic_cast<SnnParser::PlainOptionContext *>(O)) {
          D.Options.push_back(namedArg(X->namedArg()));
        } else if (auto *X = dynamic_cast<SnnParser::SynapseOptionContext *>(O)) {
          if (D.Synapse) {
            Diags.error(Map.range(X->syn), "the synapse model is given twice");
            continue;
          }
          D.Synapse = ident(X->syn);
          if (auto *I = X->popInits())
            for (auto *A : I->namedArg())
              D.SynapseArgs.push_back(namedArg(A));
        }
      }
      D.Range = range(P);
      N.Connects.push_back(std::move(D));
    } else if (auto *P = dynamic_cast<SnnParser::RecordMemberContext *>(M)) {
      ast::RecordDecl D;
      for (auto *I : P->ID())
        if (I->getSymbol() != P->atKw && I->getSymbol() != P->endKw)
          D.What.push_back(ident(I));
      auto select = [&](SnnParser::PopSelectContext *S) {
        ast::PopSelect Sel;
        Sel.Pop = ident(S->ID());
        Sel.Range = range(S);
        if (auto *X = dynamic_cast<SnnParser::SliceSelectorContext *>(S->selector())) {
          Sel.K = ast::PopSelect::Kind::Slice;
          Sel.Lo = X->lo ? expr(X->lo) : nullptr;
          Sel.Hi = X->hi ? expr(X->hi) : nullptr;
        } else if (auto *X = dynamic_cast<SnnParser::ListSelectorContext *>(S->selector())) {
          Sel.K = ast::PopSelect::Kind::List;
          for (auto *E : X->expr())
            Sel.List.push_back(expr(E));
        }
        return Sel;
      };
      for (auto *S : P->popSelect())
        if (S != P->post)
          D.Targets.push_back(select(S));
      if (P->post) {
        D.Post = select(P->post);
        if (D.Targets.size() > 1)
          Diags.error(range(P->post), "a synapse recording takes one selection on each side of "
                                      "'->'; write one 'record' per projection");
      }
      D.Every = P->expr() ? expr(P->expr()) : nullptr;
      if (P->atKw) {
        D.AtEndRange = {Map.range(P->atKw).Start, Map.range(P->endKw).End};
        if (P->atKw->getText() != "at" || P->endKw->getText() != "end")
          Diags.error(D.AtEndRange, "expected 'every INTERVAL' or 'at end' after the selection");
        else
          D.AtEnd = true;
      }
      D.Range = range(P);
      N.Records.push_back(std::move(D));
    } else if (auto *P = dynamic_cast<SnnParser::InjectMemberContext *>(M)) {
      ast::InjectDecl D;
      std::string S = P->path->getText();
      D.Path = S.substr(1, S.size() - 2);
      D.PathRange = Map.range(P->path);
      D.Pop = ident(P->pop);
      D.Var = ident(P->var);
      D.Range = range(P);
      N.Injects.push_back(std::move(D));
    } else if (auto *P = dynamic_cast<SnnParser::SimulateMemberContext *>(M)) {
      ast::SimulateDecl D;
      D.Duration = expr(P->expr());
      for (auto *X : P->namedArg())
        D.Options.push_back(namedArg(X));
      D.Range = range(P);
      N.Simulates.push_back(std::move(D));
    }
  }
}

void Builder::file(SnnParser::FileContext *C, ast::File &F) {
  for (auto *D : C->decl()) {
    if (auto *I = D->importDecl()) {
      std::string S = I->STRING()->getText();
      F.Imports.push_back({S.substr(1, S.size() - 2), Map.range(I->STRING()->getSymbol())});
    } else if (auto *K = D->constDecl()) {
      for (auto *I : K->constItem())
        F.Consts.push_back(constItem(I));
    } else if (auto *N = D->neuronDecl()) {
      F.Neurons.emplace_back();
      neuron(N, F.Neurons.back());
    } else if (auto *Sy = D->synapseDecl()) {
      F.Synapses.emplace_back();
      synapse(Sy, F.Synapses.back());
    } else if (auto *N = D->networkDecl()) {
      F.Networks.emplace_back();
      network(N, F.Networks.back());
    }
  }
}

} // namespace

std::unique_ptr<ast::File> parseFile(unsigned BufferID, llvm::StringRef Path,
                                     DiagnosticsEngine &Diags) {
  llvm::StringRef Text = Diags.sourceMgr().getMemoryBuffer(BufferID)->getBuffer();
  SourceMap Map(Text);
  std::unique_ptr<antlr4::ANTLRInputStream> Input;
  try {
    Input = std::make_unique<antlr4::ANTLRInputStream>(Text.str());
  } catch (const std::exception &) {
    Diags.fileError(Path, "not valid UTF-8 text");
    return nullptr;
  }
  SnnLexer Lexer(Input.get());
  Lexer.removeErrorListeners();
  antlr4::CommonTokenStream Tokens(&Lexer);
  Tokens.fill();
  if (!checkTokens(Tokens, Map, Diags))
    return nullptr;

  SnnParser Parser(&Tokens);
  Parser.removeErrorListeners();
  bool SyntaxFailed = false;
  std::unique_ptr<antlr4::ANTLRErrorListener> Listener =
      makeSyntaxErrorListener(Map, Diags, Tokens, SyntaxFailed);
  Parser.addErrorListener(Listener.get());
  SnnParser::FileContext *Tree = nullptr;
  try {
    Tree = Parser.file();
  } catch (const std::exception &E) {
    Diags.fileError(Path, llvm::Twine("internal parser error: ") + E.what());
    return nullptr;
  }
  if (SyntaxFailed)
    return nullptr;

  auto F = std::make_unique<ast::File>();
  F->Path = Path.str();
  F->BufferID = BufferID;
  unsigned Before = Diags.errorCount();
  Builder(Map, Diags).file(Tree, *F);
  if (Diags.errorCount() != Before)
    return nullptr;
  return F;
}

} // namespace snn
