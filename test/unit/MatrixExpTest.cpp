// The matrix exponential (scaling and squaring with Padé 13) against closed forms.
#include "passes/MatrixExp.h"

#include <cmath>
#include <gtest/gtest.h>

using namespace snn;

static Matrix make(size_t N, std::initializer_list<double> V) {
  Matrix M(N);
  size_t I = 0;
  for (double X : V)
    M.A[I++] = X;
  return M;
}

static void expectNear(const Matrix &A, const Matrix &B, double RelTol) {
  ASSERT_EQ(A.N, B.N);
  for (size_t I = 0; I < A.A.size(); ++I)
    EXPECT_NEAR(A.A[I], B.A[I], RelTol * std::max(1.0, std::fabs(B.A[I]))) << "entry " << I;
}

TEST(MatrixExp, Diagonal) {
  Matrix E = expm(make(3, {-0.005, 0, 0, 0, -0.02, 0, 0, 0, 1.5}));
  EXPECT_DOUBLE_EQ(E(0, 0), std::exp(-0.005));
  EXPECT_DOUBLE_EQ(E(1, 1), std::exp(-0.02));
  EXPECT_NEAR(E(2, 2) / std::exp(1.5), 1.0, 1e-15);
  EXPECT_EQ(E(0, 1), 0.0);
  EXPECT_EQ(E(2, 0), 0.0);
}

TEST(MatrixExp, NilpotentAndJordanBlock) {
  expectNear(expm(make(2, {0, 1, 0, 0})), make(2, {1, 1, 0, 1}), 1e-15);
  // [[l, 1], [0, l]] -> e^l [[1, 1], [0, 1]]: the repeated-eigenvalue case.
  double L = -0.3;
  double E = std::exp(L);
  expectNear(expm(make(2, {L, 1, 0, L})), make(2, {E, E, 0, E}), 1e-15);
}

TEST(MatrixExp, Rotation) {
  double T = 0.7;
  expectNear(expm(make(2, {0, -T, T, 0})),
             make(2, {std::cos(T), -std::sin(T), std::sin(T), std::cos(T)}), 1e-15);
}

TEST(MatrixExp, LargeNormUsesScalingAndSquaring) {
  // ||A|| far above the Padé range: e^-40 is recovered to full relative accuracy.
  Matrix E = expm(make(1, {-40}));
  EXPECT_NEAR(E(0, 0) / std::exp(-40.0), 1.0, 1e-13);
  Matrix F = expm(make(2, {0, -20, 20, 0}));
  EXPECT_NEAR(F(0, 0), std::cos(20.0), 1e-12);
  EXPECT_NEAR(F(1, 0), std::sin(20.0), 1e-12);
}

TEST(MatrixExp, SolveWithPivoting) {
  Matrix A = make(2, {0, 2, 1, 1});
  Matrix B = make(2, {2, 0, 1, 1});
  ASSERT_TRUE(solve(A, B));
  // A * X = [[2, 0], [1, 1]] -> X = [[0, 1], [1, 0]] ... check A * X reproduces the input.
  Matrix AX = A * B;
  expectNear(AX, make(2, {2, 0, 1, 1}), 1e-15);
  Matrix S = make(2, {1, 2, 2, 4});
  Matrix Bs = make(2, {1, 0, 0, 1});
  EXPECT_FALSE(solve(S, Bs));
}
