// Expression trees: folding, structural equality, and the text form (print -> read -> print).
#include "ir/Expr.h"
#include "ir/Printer.h"
#include "ir/Reader.h"

#include "llvm/Support/SourceMgr.h"

#include <cmath>
#include <gtest/gtest.h>

using namespace snn;
using namespace snn::ir;

namespace {

/// Reads `Text` as the threshold of a one-variable model and returns it.
ExprPtr readExpr(const std::string &Text, std::string *Errors = nullptr) {
  std::string Net = "network n {\n  simulation dt 0.0001 duration 1 seed 0\n  neuron M {\n"
                    "    param p : 1 = 2\n    state x : 1 = 0\n    input u : 1 = 0\n"
                    "    threshold " + Text + "\n  }\n}\n";
  llvm::SourceMgr SM;
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  DiagnosticsEngine D(SM, OS);
  SM.AddNewSourceBuffer(llvm::MemoryBuffer::getMemBufferCopy(Net), llvm::SMLoc());
  auto N = readNetwork(1, D);
  if (Errors)
    *Errors = OS.str();
  if (!N)
    return nullptr;
  return std::move(N->Models[0]->Threshold);
}

} // namespace

TEST(Expr, FoldsConstantsLikeGeneratedCode) {
  ExprPtr E = binary(BinaryOp::Add, constant(1.5),
                     binary(BinaryOp::Mul, constant(2), constant(3)));
  fold(E);
  ASSERT_TRUE(llvm::isa<ConstantExpr>(*E));
  EXPECT_EQ(llvm::cast<ConstantExpr>(*E).value(), 7.5);

  std::vector<ExprPtr> Args;
  Args.push_back(constant(5));
  Args.push_back(constant(0));
  Args.push_back(constant(2));
  ExprPtr C = std::make_unique<CallExpr>(Func::Clip, std::move(Args));
  EXPECT_EQ(*constantValue(*C), 2.0);
  EXPECT_EQ(evalFunc(Func::Min, {3, 1}), 1.0);
  EXPECT_EQ(evalFunc(Func::Max, {3, 1}), 3.0);
}

TEST(Expr, FoldKeepsVariablesAndSafeIdentities) {
  ExprPtr E = binary(BinaryOp::Mul, ref(RefKind::State, "x"), constant(1));
  fold(E);
  ASSERT_TRUE(llvm::isa<RefExpr>(*E));
  // 0 * x is not folded: x may be infinite or NaN at run time.
  ExprPtr Z = binary(BinaryOp::Mul, constant(0), ref(RefKind::State, "x"));
  fold(Z);
  EXPECT_TRUE(llvm::isa<BinaryExpr>(*Z));
  EXPECT_FALSE(constantValue(*Z).has_value());
}

TEST(Expr, EqualityAndClone) {
  ExprPtr A = binary(BinaryOp::Sub, ref(RefKind::State, "x"), constant(-0.0));
  ExprPtr B = A->clone();
  EXPECT_TRUE(equal(*A, *B));
  ExprPtr C = binary(BinaryOp::Sub, ref(RefKind::State, "x"), constant(0.0));
  EXPECT_FALSE(equal(*A, *C)) << "-0.0 and 0.0 are different constants";
  EXPECT_TRUE(refersTo(*A, RefKind::State, "x"));
  EXPECT_FALSE(refersTo(*A, RefKind::Input));
}

TEST(Expr, NumbersPrintShortestAndExact) {
  for (double V : {0.1, 1e-4, 0.9950124791926823, -65e-3, 1e300, 5e-324, 123456789.0})
    EXPECT_EQ(std::strtod(formatNumber(V).c_str(), nullptr), V) << formatNumber(V);
  EXPECT_EQ(formatNumber(0.1), "0.1");
  EXPECT_EQ(formatNumber(INFINITY), "inf");
}

TEST(Expr, TextFormRoundTripsWithPrecedence) {
  const char *Cases[] = {
      "x > p",
      "x - (p - u) > 1",
      "x - p - u > 1",
      "-x ^ 2 > 1",
      "(-x) ^ 2 > 1",
      "x ^ p ^ 2 > 1",
      "(x ^ p) ^ 2 > 1",
      "(-2) ^ 2 > x",
      "not x > 1 and u < 2 or refractory",
      "not (x > 1 and u < 2)",
      "(x > 1 ? u : p) > 0",
      "x / (p * u) >= -1",
      "exp(-x / p) + clip(u, 0, 1) * max(x, u) != 0",
      "x * (1 + t) == 1e-05",
  };
  for (const char *Text : Cases) {
    std::string Err;
    ExprPtr E = readExpr(Text, &Err);
    ASSERT_NE(E, nullptr) << Text << "\n" << Err;
    std::string Printed = exprToString(*E);
    EXPECT_EQ(Printed, Text);
    ExprPtr Again = readExpr(Printed);
    ASSERT_NE(Again, nullptr) << Printed;
    EXPECT_TRUE(equal(*E, *Again)) << Printed;
  }
}

TEST(Expr, PrecedenceIsRespectedInTrees) {
  // -x ^ 2 is -(x ^ 2); x - (p - u) keeps its parentheses.
  ExprPtr E = readExpr("-x ^ 2 > 1");
  ASSERT_NE(E, nullptr);
  const auto &Cmp = llvm::cast<BinaryExpr>(*E);
  const auto *Neg = llvm::dyn_cast<UnaryExpr>(&Cmp.lhs());
  ASSERT_NE(Neg, nullptr);
  EXPECT_TRUE(llvm::isa<BinaryExpr>(Neg->operand()));
}

TEST(Expr, ReaderReportsUnknownNamesAndBadSyntax) {
  std::string Err;
  EXPECT_EQ(readExpr("y > 1", &Err), nullptr);
  EXPECT_NE(Err.find("unknown name 'y'"), std::string::npos) << Err;
  EXPECT_EQ(readExpr("x > > 1", &Err), nullptr);
  EXPECT_NE(Err.find("expected an expression"), std::string::npos) << Err;
  EXPECT_EQ(readExpr("x < 1 < 2", &Err), nullptr);
  EXPECT_NE(Err.find("comparisons cannot be chained"), std::string::npos) << Err;
}
