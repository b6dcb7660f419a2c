//===- ir/ReaderImpl.h - internals of the IR text reader ------------------------------------===//
//
// The lexer, the name scope and the recursive-descent parser shared by ir/Reader.cpp
// (declarations) and ir/ReaderExpr.cpp (expressions). Not part of the IR's public interface.
//
//===----------------------------------------------------------------------------------------===//
#ifndef SNNC_IR_READERIMPL_H
#define SNNC_IR_READERIMPL_H

#include "ir/Reader.h"

#include <set>
#include <string>

namespace snn::ir::reader {

enum class Tok { Eof, Ident, Number, Punct, Error };

struct Token {
  Tok K = Tok::Eof;
  llvm::StringRef Text;
  llvm::SMRange range() const {
    return {llvm::SMLoc::getFromPointer(Text.begin()), llvm::SMLoc::getFromPointer(Text.end())};
  }
};

class Lexer {
public:
  explicit Lexer(llvm::StringRef Buf) : Cur(Buf.begin()), End(Buf.end()) {}
  Token next();

private:
  const char *Cur, *End;
};

/// What names mean inside the model or synapse being read.
struct Scope {
  std::set<std::string, std::less<>> Params, States, Inputs, Temps;
  std::string Weight;
  bool AllowRefractory = true;
};

class Parser {
public:
  Parser(llvm::StringRef Buf, DiagnosticsEngine &D) : Lex(Buf), Diags(D) { advance(); }
  std::unique_ptr<Network> parseNetwork();

private:
  // tokens
  void advance() { Tok = Lex.next(); }
  bool is(llvm::StringRef S) const {
    return (Tok.K == Tok::Punct || Tok.K == Tok::Ident) && Tok.Text == S;
  }
  bool accept(llvm::StringRef S) {
    if (!is(S))
      return false;
    advance();
    return true;
  }
  bool expect(llvm::StringRef S) {
    if (accept(S))
      return true;
    fail(Tok.range(), "expected '" + S + "'" + found());
    return false;
  }
  std::string found() const {
    if (Tok.K == Tok::Eof)
      return " at end of input";
    return ", found '" + Tok.Text.str() + "'";
  }
  void fail(llvm::SMRange R, const llvm::Twine &Msg) {
    if (!Failed)
      Diags.error(R, Msg);
    Failed = true;
  }
  bool ident(std::string &Out, const char *What);
  bool number(double &Out);
  bool integer(int64_t &Out);
  bool unsignedInt(uint64_t &Out);
  bool dim(Dim &Out);

  // declarations
  bool parseSimulation(Network &N);
  bool parseNeuron(Network &N);
  bool parseSynapse(Network &N);
  bool parsePopulation(Network &N);
  bool parseProjection(Network &N);
  bool parseRecording(Network &N);
  // data of encoders and data files (ReaderData.cpp)
  bool parseRateRow(Population &P);
  bool parseListSynapse(Projection &P);
  bool parseInjection(Network &N);
  bool parseStmts(std::vector<Stmt> &Out, Scope &S, bool AllowLet, bool AllowDeliver = false);
  bool parseValue(ValueInit &V);

  // expressions
  ExprPtr parseExpr(Scope &S, int MinPrec = 0);
  ExprPtr parseUnary(Scope &S, int MinPrec);
  ExprPtr parsePrimary(Scope &S);
  std::optional<RefKind> resolve(Scope &S, llvm::StringRef Name);

  Lexer Lex;
  Token Tok;
  DiagnosticsEngine &Diags;
  bool Failed = false;
};

} // namespace snn::ir::reader

#endif
