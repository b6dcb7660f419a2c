//===- frontend/SyntaxErrors.cpp - syntax errors of the .snn parser in the compiler's words --===//
#include "frontend/SyntaxErrors.h"

#include "frontend/Sema.h"

#include "SnnLexer.h"
#include "SnnParser.h"

#include <cctype>
#include <regex>

namespace snn {

namespace {

/// Keywords a declaration or member starts with: a syntax error is not reported again until
/// the parser has reached one of them (ANTLR's recovery otherwise reports every token of the
/// rest of a broken member as a new error).
bool startsMember(size_t Type) {
  switch (Type) {
  case SnnLexer::IMPORT: case SnnLexer::CONST: case SnnLexer::NEURON: case SnnLexer::NETWORK:
  case SnnLexer::PARAMETER: case SnnLexer::STATE: case SnnLexer::INPUT: case SnnLexer::LET:
  case SnnLexer::ON: case SnnLexer::REFRACTORY: case SnnLexer::POPULATION:
  case SnnLexer::CONNECT: case SnnLexer::RECORD: case SnnLexer::SIMULATE:
  case SnnLexer::INJECT:
    return true;
  default:
    return false;
  }
}

/// The items of an ANTLR token set ("{'(', ID}" or "'('") as the user reads them.
std::vector<std::string> expectedItems(std::string S) {
  if (S.size() > 2 && S.front() == '{' && S.back() == '}')
    S = S.substr(1, S.size() - 2);
  std::vector<std::string> Out;
  size_t I = 0;
  while (I < S.size()) {
    while (I < S.size() && (S[I] == ' ' || S[I] == ','))
      ++I;
    if (I >= S.size())
      break;
    size_t J = I;
    if (S[I] == '\'') {
      J = S.find('\'', I + 1);
      J = J == std::string::npos ? S.size() : J + 1;
    } else {
      while (J < S.size() && S[J] != ',')
        ++J;
    }
    std::string Item = S.substr(I, J - I);
    if (Item == "<EOF>")
      Item = "end of file";
    else if (Item == "ID")
      Item = "a name";
    else if (Item == "NUMBER")
      Item = "a number";
    else if (Item == "STRING")
      Item = "a string";
    Out.push_back(Item);
    I = J;
  }
  return Out;
}

bool contains(const std::vector<std::string> &V, const std::string &X) {
  return std::find(V.begin(), V.end(), X) != V.end();
}

/// "')'", "')' or ','", "an expression", "one of '}', 'const', ...".
std::string describeExpected(const std::vector<std::string> &Items) {
  // Everything an expression can start with: say so rather than listing it.
  if (contains(Items, "a number") && contains(Items, "a name") && contains(Items, "'('") &&
      contains(Items, "'not'")) {
    std::vector<std::string> Rest;
    for (const std::string &I : Items)
      if (I != "a number" && I != "a name" && I != "'('" && I != "'['" && I != "'-'" &&
          I != "'+'" && I != "'true'" && I != "'false'" && I != "'not'" && I != "'inf'" &&
          I != "'nan'" && I != "'refractory'" && I != "a string")
        Rest.push_back(I);
    std::string R = "an expression";
    for (const std::string &I : Rest)
      R += " or " + I;
    return R;
  }
  // In a neuron body a name can only start `dX/dt = ...`.
  if (contains(Items, "'parameter'") && contains(Items, "'state'") && contains(Items, "a name")) {
    std::vector<std::string> Named;
    for (const std::string &I : Items)
      Named.push_back(I == "a name" ? "'dX/dt'" : I);
    return describeExpected(Named);
  }
  if (Items.size() == 1)
    return Items[0];
  if (Items.size() == 2)
    return Items[0] + " or " + Items[1];
  std::string R = "one of ";
  for (size_t I = 0; I < Items.size(); ++I)
    R += (I ? ", " : "") + Items[I];
  return R;
}

class ErrorListener : public antlr4::BaseErrorListener {
public:
  ErrorListener(const SourceMap &Map, DiagnosticsEngine &D, antlr4::CommonTokenStream &Tokens,
                bool &Failed)
      : Failed(Failed), Map(Map), Diags(D), Tokens(Tokens) {}

  void syntaxError(antlr4::Recognizer *Rec, antlr4::Token *Offending, size_t, size_t,
                   const std::string &Msg, std::exception_ptr) override {
    Failed = true;
    if (!Offending) {
      Diags.error(llvm::SMRange(), Msg);
      return;
    }
    // An unknown word where a neuron member starts is parsed as the start of `dX/dt = ...`, so
    // the error comes at the token after it; the word itself is what is wrong.
    SnnParser::OdeMemberContext *Ode = nullptr;
    if (auto *P = dynamic_cast<antlr4::Parser *>(Rec))
      if (auto *O = dynamic_cast<SnnParser::OdeMemberContext *>(P->getContext()))
        if (O->getStart() && Offending->getTokenIndex() == O->getStart()->getTokenIndex() + 1 &&
            Offending->getText() != "/")
          Ode = O;
    size_t Index = Ode ? Ode->getStart()->getTokenIndex() : Offending->getTokenIndex();
    if (Reported && !memberStartsBetween(LastIndex, Index))
      return; // a follow-on error of the same broken member
    Reported = true;
    LastIndex = Index;

    std::smatch M;
    static const std::regex Mismatch("^mismatched input '(.*)' expecting (.*)$");
    static const std::regex Extraneous("^extraneous input '(.*)' expecting (.*)$");
    static const std::regex Missing("^missing (.*) at '(.*)'$");
    std::string Found = Offending->getType() == antlr4::Token::EOF
                            ? std::string("end of file")
                            : "'" + Offending->getText() + "'";
    llvm::SMRange R = rangeOf(Offending);

    // `stat v = 0 mV` would read "missing '/' before 'v'"; say what a member looks like.
    if (Ode) {
      antlr4::Token *Word = Ode->getStart();
      static const std::vector<std::string> Keywords = {"parameter", "state", "input", "let",
                                                        "on", "refractory"};
      std::string Hint = closestName(Word->getText(), Keywords);
      if (!Hint.empty())
        Diags.error(Map.range(Word), "unknown keyword '" + Word->getText() +
                                         "'; did you mean '" + Hint + "'?");
      else
        Diags.error(Map.range(Word),
                    "expected a neuron member ('parameter', 'state', 'input', 'let', "
                    "'dX/dt = ...', 'on spike', 'on receive' or 'refractory'), found '" +
                        Word->getText() + "'");
      return;
    }

    std::vector<std::string> Items;
    std::string Text;
    if (std::regex_match(Msg, M, Mismatch)) {
      Items = expectedItems(M[2]);
      Text = "expected " + describeExpected(Items) + ", found " + Found;
    } else if (std::regex_match(Msg, M, Extraneous)) {
      Items = expectedItems(M[2]);
      Text = "unexpected " + Found + "; expected " + describeExpected(Items);
    } else if (std::regex_match(Msg, M, Missing)) {
      Items = expectedItems(M[1]);
      Text = "missing " + describeExpected(Items) + " before " + Found;
    } else if (auto *P = dynamic_cast<antlr4::Parser *>(Rec)) {
      // "no viable alternative": say what could have come here.
      Items = expectedItems(P->getExpectedTokens().toString(P->getVocabulary()));
      Text = "unexpected " + Found;
      if (!Items.empty())
        Text += "; expected " + describeExpected(Items);
    } else {
      Text = "unexpected " + Found;
    }
    // A misspelled keyword: `popluation P = ...`.
    if (Offending->getType() == SnnLexer::ID) {
      std::vector<std::string> Keywords;
      for (const std::string &I : Items)
        if (I.size() > 2 && I.front() == '\'' && std::isalpha(static_cast<unsigned char>(I[1])))
          Keywords.push_back(I.substr(1, I.size() - 2));
      std::string Hint = closestName(Offending->getText(), Keywords);
      if (!Hint.empty()) {
        Diags.error(R, "unknown keyword " + Found + "; did you mean '" + Hint + "'?");
        return;
      }
    }
    Diags.error(R, Text);
    // A bracket left open: the error shows up at a closing bracket of another kind, at the
    // start of the next declaration or at the end of the file.
    size_t Type = Offending->getType();
    std::string OT = Offending->getText();
    if (Type == antlr4::Token::EOF || OT == ")" || OT == "]" || OT == "}" ||
        Type == SnnLexer::NEURON || Type == SnnLexer::NETWORK || Type == SnnLexer::IMPORT)
      noteUnclosed(Offending, Items);
  }
  bool &Failed;

private:
  /// Errors at the end of the file point just past the last token, on a line with text.
  llvm::SMRange rangeOf(antlr4::Token *T) {
    if (T->getType() == antlr4::Token::EOF)
      if (antlr4::Token *Last = previousToken(T->getTokenIndex())) {
        llvm::SMLoc End = Map.range(Last).End;
        return {End, End};
      }
    return Map.range(T);
  }

  antlr4::Token *previousToken(size_t Index) {
    for (size_t I = Index; I-- > 0;) {
      antlr4::Token *T = Tokens.get(I);
      if (T->getChannel() == antlr4::Token::DEFAULT_CHANNEL)
        return T;
    }
    return nullptr;
  }

  bool memberStartsBetween(size_t From, size_t To) {
    for (size_t I = From + 1; I <= To && I < Tokens.size(); ++I)
      if (startsMember(Tokens.get(I)->getType()))
        return true;
    return false;
  }

  /// When a closing bracket was expected, points at the bracket it would close.
  void noteUnclosed(antlr4::Token *Offending, const std::vector<std::string> &Items) {
    std::vector<antlr4::Token *> Open;
    for (size_t I = 0; I < Offending->getTokenIndex() && I < Tokens.size(); ++I) {
      antlr4::Token *T = Tokens.get(I);
      if (T->getChannel() != antlr4::Token::DEFAULT_CHANNEL)
        continue;
      std::string X = T->getText();
      if (X == "(" || X == "[" || X == "{")
        Open.push_back(T);
      else if ((X == ")" || X == "]" || X == "}") && !Open.empty())
        Open.pop_back();
    }
    if (Open.empty())
      return;
    std::string O = Open.back()->getText();
    std::string Close = O == "(" ? "')'" : O == "[" ? "']'" : "'}'";
    if (contains(Items, Close))
      Diags.note(Map.range(Open.back()), "to match this '" + O + "'");
  }

  const SourceMap &Map;
  DiagnosticsEngine &Diags;
  antlr4::CommonTokenStream &Tokens;
  bool Reported = false;
  size_t LastIndex = 0;
};

} // namespace

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

std::unique_ptr<antlr4::ANTLRErrorListener>
makeSyntaxErrorListener(const SourceMap &Map, DiagnosticsEngine &Diags,
                        antlr4::CommonTokenStream &Tokens, bool &Failed) {
  return std::make_unique<ErrorListener>(Map, Diags, Tokens, Failed);
}

} // namespace snn
