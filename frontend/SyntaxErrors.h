//===- frontend/SyntaxErrors.h - source positions and syntax errors of the .snn parser -------===//
//
// Private to the parser (Parser.cpp, SyntaxErrors.cpp): the map from ANTLR's code-point
// positions to the source buffer, the check of the token stream before parsing (lexical errors,
// absurd nesting), and the listener that turns ANTLR's syntax errors into the compiler's
// diagnostics (what was expected, misspelled keywords, unclosed brackets).
//
//===----------------------------------------------------------------------------------------===//
#ifndef SNNC_FRONTEND_SYNTAXERRORS_H
#define SNNC_FRONTEND_SYNTAXERRORS_H

#include "ir/Diagnostics.h"

#include "antlr4-runtime.h"

#include <memory>
#include <vector>

namespace snn {

/// Deepest bracket nesting accepted; ANTLR's recursive descent would exhaust the stack on
/// pathological inputs long before any real network gets here.
constexpr int MaxNesting = 256;

/// Source ranges of tokens and rule contexts (ANTLR counts code points, the buffer bytes).
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

/// Reports lexical errors and refuses absurd nesting before the parser runs.
bool checkTokens(antlr4::CommonTokenStream &Tokens, const SourceMap &Map, DiagnosticsEngine &Diags);

/// The listener that reports the parser's syntax errors; sets `Failed` on the first.
std::unique_ptr<antlr4::ANTLRErrorListener>
makeSyntaxErrorListener(const SourceMap &Map, DiagnosticsEngine &Diags,
                        antlr4::CommonTokenStream &Tokens, bool &Failed);

} // namespace snn

#endif
