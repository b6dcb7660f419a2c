//===- frontend/Parser.h - .snn text to AST -------------------------------------------------===//
//
// parseFile() runs the ANTLR lexer and parser on one source buffer and builds the AST. Lexical
// errors (a stray character, an unterminated string or comment) and syntax errors are reported
// through the DiagnosticsEngine with clang-style locations; ANTLR's error recovery lets one run
// report several syntax errors. Inputs nested deeper than the parser can take are refused with
// a diagnostic instead of exhausting the stack.
//
//===----------------------------------------------------------------------------------------===//
#ifndef SNNC_FRONTEND_PARSER_H
#define SNNC_FRONTEND_PARSER_H

#include "frontend/AST.h"
#include "ir/Diagnostics.h"

#include <memory>

namespace snn {

/// Parses buffer `BufferID`. Returns null if there were lexical or syntax errors.
std::unique_ptr<ast::File> parseFile(unsigned BufferID, llvm::StringRef Path,
                                     DiagnosticsEngine &Diags);

} // namespace snn

#endif
