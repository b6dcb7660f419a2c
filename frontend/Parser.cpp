//===- frontend/Parser.cpp - .snn text to AST -----------------------------------------------===//
//
// ANTLR positions count code points; SourceMgr locations are byte pointers. A table maps one to
// the other so that carets land under the right character even after non-ASCII comments.
// ANTLR's messages are reworded into the compiler's style ("expected ';', found 'x'").
//
//===----------------------------------------------------------------------------------------===//
#include "frontend/Parser.h"

#include "SnnLexer.h"
#include "SnnParser.h"
#include "antlr4-runtime.h"

#include <cmath>
#include <regex>

namespace snn {

namespace {

/// Deepest bracket nesting accepted; ANTLR's recursive descent would exhaust the stack on
/// pathological inputs long before any real network gets here.
constexpr int MaxNesting = 256;

class SourceMap {
public:
  SourceMap(llvm::StringRef Text) : Base(Text.data()) {
    Offsets.reserve(Text.size() + 1);
    for (size_t I = 0; I < Text.size(); ++I)
      if ((static_cast<unsigned char>(Text[I]) & 0xC0) != 0x80)
        Offsets.push_back(static_cast<uint32_t>(I));
    Offsets.push_back(static_cast<uint32_t>(Text.size()));
  }
  llvm::SMLoc loc(size_t CodePoint) const {
    if (CodePoint >= Offsets.size())
      CodePoint = Offsets.size() - 1;
    return llvm::SMLoc::getFromPointer(Base + Offsets[CodePoint]);
  }
  llvm::SMRange range(antlr4::Token *T) const {
    if (T->getType() == antlr4::Token::EOF)
      return {loc(T->getStartIndex()), loc(T->getStartIndex())};
    return {loc(T->getStartIndex()), loc(T->getStopIndex() + 1)};
  }
  llvm::SMRange range(antlr4::ParserRuleContext *C) const {
    antlr4::Token *Stop = C->getStop() ? C->getStop() : C->getStart();
    size_t End = Stop->getType() == antlr4::Token::EOF ? Stop->getStartIndex()
                                                       : Stop->getStopIndex() + 1;
    if (End < C->getStart()->getStartIndex())
      End = C->getStart()->getStartIndex();
    return {loc(C->getStart()->getStartIndex()), loc(End)};
  }

private:
  const char *Base;
  std::vector<uint32_t> Offsets;
};

std::string friendlyTokens(std::string S) {
  static const std::pair<std::regex, const char *> Subst[] = {
      {std::regex("<EOF>"), "end of file"},
      {std::regex("\\bID\\b"), "a name"},
      {std::regex("\\bNUMBER\\b"), "a number"},
      {std::regex("\\bSTRING\\b"), "a string"},
  };
  for (const auto &[R, T] : Subst)
    S = std::regex_replace(S, R, T);
  if (S.size() > 2 && S.front() == '{' && S.back() == '}')
    S = "one of " + S.substr(1, S.size() - 2);
  return S;
}

std::string rewordSyntaxError(const std::string &Msg) {
  std::smatch M;
  static const std::regex Mismatch("^mismatched input '(.*)' expecting (.*)$");
  static const std::regex Extraneous("^extraneous input '(.*)' expecting (.*)$");
  static const std::regex Missing("^missing (.*) at '(.*)'$");
  static const std::regex NoViable("^no viable alternative at input '(.*)'$");
  auto found = [](const std::string &T) {
    return T == "<EOF>" ? std::string("end of file") : "'" + T + "'";
  };
  if (std::regex_match(Msg, M, Mismatch))
    return "expected " + friendlyTokens(M[2]) + ", found " + found(M[1]);
  if (std::regex_match(Msg, M, Extraneous))
    return "unexpected " + found(M[1]) + "; expected " + friendlyTokens(M[2]);
  if (std::regex_match(Msg, M, Missing))
    return "missing " + friendlyTokens(M[1]) + " before " + found(M[2]);
  if (std::regex_match(Msg, M, NoViable))
    return "syntax error";
  return friendlyTokens(Msg);
}

class ErrorListener : public antlr4::BaseErrorListener {
public:
  ErrorListener(const SourceMap &Map, DiagnosticsEngine &D) : Map(Map), Diags(D) {}
  void syntaxError(antlr4::Recognizer *, antlr4::Token *Offending, size_t, size_t,
                   const std::string &Msg, std::exception_ptr) override {
    llvm::SMRange R = Offending ? Map.range(Offending) : llvm::SMRange();
    std::string Text = rewordSyntaxError(Msg);
    if (Text == "syntax error" && Offending)
      Text = Offending->getType() == antlr4::Token::EOF
                 ? "unexpected end of file"
                 : "unexpected '" + Offending->getText() + "'";
    Diags.error(R, Text);
    Failed = true;
  }
  bool Failed = false;

private:
  const SourceMap &Map;
  DiagnosticsEngine &Diags;
};

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
  void network(SnnParser::NetworkDeclContext *C, ast::NetworkDecl &N);
  ast::VarDecl var(antlr4::ParserRuleContext *C, antlr4::tree::TerminalNode *Name,
                   SnnParser::UnitContext *U, SnnParser::ExprContext *E);

  const SourceMap &Map;
  DiagnosticsEngine &Diags;
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
    Diags.error(range(C), "expression is nested too deeply (more than 2000 levels)");
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
    std::string Text = P->NUMBER()->getText();
    char *End = nullptr;
    double V = std::strtod(Text.c_str(), &End);
    if (!std::isfinite(V)) {
      Diags.error(Map.range(P->NUMBER()->getSymbol()), "number '" + Text + "' is out of range");
      return nullptr;
    }
    std::optional<Ident> U;
    if (P->ID())
      U = ident(P->ID());
    return std::make_unique<NumberExpr>(range(C), V, std::move(U));
  }
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

void Builder::neuron(SnnParser::NeuronDeclContext *C, ast::NeuronDecl &N) {
  N.Name = ident(C->ID());
  N.Range = range(C);
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
      std::string D = P->deriv->getText();
      llvm::SMRange DR = Map.range(P->deriv), TR = Map.range(P->dt);
      O.Lhs = {DR.Start, TR.End};
      O.Range = range(P);
      if (D.size() < 2 || D[0] != 'd') {
        Diags.error(DR, "expected a derivative 'dX/dt' here, found '" + D + "/" +
                            P->dt->getText() + "'");
        continue;
      }
      if (P->dt->getText() != "dt") {
        Diags.error(TR, "derivatives are taken with respect to time: write 'd" + D.substr(1) +
                            "/dt'");
        continue;
      }
      O.Var = {D.substr(1), {llvm::SMLoc::getFromPointer(DR.Start.getPointer() + 1), DR.End}};
      O.Rhs = expr(P->expr());
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
      for (auto *X : P->namedArg())
        D.Options.push_back(namedArg(X));
      D.Range = range(P);
      N.Connects.push_back(std::move(D));
    } else if (auto *P = dynamic_cast<SnnParser::RecordMemberContext *>(M)) {
      ast::RecordDecl D;
      for (auto *I : P->ID())
        D.What.push_back(ident(I));
      for (auto *S : P->popSelect()) {
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
        D.Targets.push_back(std::move(Sel));
      }
      D.Every = P->expr() ? expr(P->expr()) : nullptr;
      D.Range = range(P);
      N.Records.push_back(std::move(D));
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
    } else if (auto *N = D->networkDecl()) {
      F.Networks.emplace_back();
      network(N, F.Networks.back());
    }
  }
}

/// Reports lexical errors and refuses absurd nesting before the parser runs.
bool checkTokens(antlr4::CommonTokenStream &Tokens, const SourceMap &Map,
                 DiagnosticsEngine &Diags) {
  bool Ok = true;
  int Depth = 0, PrefixRun = 0;
  antlr4::Token *Prev = nullptr;
  for (antlr4::Token *T : Tokens.getTokens()) {
    size_t Type = T->getType();
    std::string Text = T->getText();
    if (Type == SnnLexer::ERROR_CHAR) {
      Diags.error(Map.range(T), "unexpected character '" + Text + "'");
      Ok = false;
    } else if (Type == SnnLexer::BAD_STRING) {
      Diags.error(Map.range(T), "unterminated string; add the closing '\"' on the same line");
      Ok = false;
    }
    if (Prev && Prev->getText() == "/" && Text == "*" &&
        Prev->getStopIndex() + 1 == T->getStartIndex()) {
      Diags.error(Map.range(Prev), "unterminated '/*' comment");
      return false;
    }
    if (Text == "(" || Text == "[" || Text == "{") {
      if (++Depth > MaxNesting) {
        Diags.error(Map.range(T), "brackets are nested too deeply (more than " +
                                      llvm::Twine(MaxNesting) + " levels)");
        return false;
      }
    } else if (Text == ")" || Text == "]" || Text == "}") {
      --Depth;
    }
    bool Prefix = Text == "-" || Text == "+" || Type == SnnLexer::NOT || Text == "^" ||
                  Text == "**";
    PrefixRun = Prefix ? PrefixRun + 1 : 0;
    if (PrefixRun > MaxNesting) {
      Diags.error(Map.range(T), "too many operators in a row");
      return false;
    }
    if (T->getChannel() == antlr4::Token::DEFAULT_CHANNEL)
      Prev = T;
    else
      Prev = nullptr;
  }
  return Ok;
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
  ErrorListener Listener(Map, Diags);
  Parser.addErrorListener(&Listener);
  SnnParser::FileContext *Tree = nullptr;
  try {
    Tree = Parser.file();
  } catch (const std::exception &E) {
    Diags.fileError(Path, llvm::Twine("internal parser error: ") + E.what());
    return nullptr;
  }
  if (Listener.Failed)
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
