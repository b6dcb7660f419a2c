//===- passes/MatrixExp.cpp - the matrix exponential ----------------------------------------===//
#include "passes/MatrixExp.h"

#include <algorithm>
#include <cmath>

namespace snn {

static Matrix expmBalanced(const Matrix &In);

Matrix Matrix::identity(size_t N) {
  Matrix I(N);
  for (size_t K = 0; K < N; ++K)
    I(K, K) = 1;
  return I;
}

Matrix Matrix::operator*(const Matrix &B) const {
  Matrix C(N);
  for (size_t I = 0; I < N; ++I)
    for (size_t K = 0; K < N; ++K) {
      double X = (*this)(I, K);
      if (X == 0)
        continue;
      for (size_t J = 0; J < N; ++J)
        C(I, J) += X * B(K, J);
    }
  return C;
}

Matrix Matrix::operator+(const Matrix &B) const {
  Matrix C(N);
  for (size_t I = 0; I < A.size(); ++I)
    C.A[I] = A[I] + B.A[I];
  return C;
}

Matrix Matrix::operator-(const Matrix &B) const {
  Matrix C(N);
  for (size_t I = 0; I < A.size(); ++I)
    C.A[I] = A[I] - B.A[I];
  return C;
}

Matrix Matrix::scaled(double S) const {
  Matrix C(N);
  for (size_t I = 0; I < A.size(); ++I)
    C.A[I] = A[I] * S;
  return C;
}

double Matrix::norm1() const {
  double Best = 0;
  for (size_t J = 0; J < N; ++J) {
    double S = 0;
    for (size_t I = 0; I < N; ++I)
      S += std::fabs((*this)(I, J));
    Best = std::max(Best, S);
  }
  return Best;
}

bool solve(Matrix A, Matrix &B) {
  size_t N = A.N;
  std::vector<size_t> Perm(N);
  for (size_t K = 0; K < N; ++K) {
    size_t P = K;
    for (size_t I = K + 1; I < N; ++I)
      if (std::fabs(A(I, K)) > std::fabs(A(P, K)))
        P = I;
    if (A(P, K) == 0)
      return false;
    if (P != K)
      for (size_t J = 0; J < N; ++J) {
        std::swap(A(P, J), A(K, J));
        std::swap(B(P, J), B(K, J));
      }
    for (size_t I = K + 1; I < N; ++I) {
      double F = A(I, K) / A(K, K);
      if (F == 0)
        continue;
      for (size_t J = K; J < N; ++J)
        A(I, J) -= F * A(K, J);
      for (size_t J = 0; J < N; ++J)
        B(I, J) -= F * B(K, J);
    }
  }
  for (size_t Kp = N; Kp-- > 0;)
    for (size_t J = 0; J < N; ++J) {
      double S = B(Kp, J);
      for (size_t I = Kp + 1; I < N; ++I)
        S -= A(Kp, I) * B(I, J);
      B(Kp, J) = S / A(Kp, Kp);
    }
  return true;
}

/// Balances A by a diagonal similarity B = D^-1 A D with powers of two (exact in floating
/// point), so that rows and columns have comparable norms; returns D. Variables measured in SI
/// units make the coupling terms of neuron models differ by many orders of magnitude (a current
/// in amperes driving a voltage in volts), and an unbalanced matrix loses accuracy in the
/// squaring phase. A column whose row is zero (an input or a constant) is scaled to norm ~1.
static std::vector<double> balance(Matrix &A) {
  size_t N = A.N;
  std::vector<double> D(N, 1.0);
  bool Done = false;
  for (int Iter = 0; !Done && Iter < 100; ++Iter) {
    Done = true;
    for (size_t I = 0; I < N; ++I) {
      double C = 0, R = 0;
      for (size_t J = 0; J < N; ++J)
        if (J != I) {
          C += std::fabs(A(J, I));
          R += std::fabs(A(I, J));
        }
      if (C == 0)
        continue;
      double F = 1;
      if (R == 0) {
        // Free to scale: bring the column to norm ~1.
        int E;
        std::frexp(C, &E);
        F = std::ldexp(1.0, -E);
        if (F == 1)
          continue;
      } else {
        double S = C + R, G = R / 2;
        while (C < G) {
          F *= 2;
          C *= 4;
        }
        G = R * 2;
        while (C > G) {
          F /= 2;
          C /= 4;
        }
        if ((C + R) / F >= 0.95 * S)
          continue;
      }
      Done = false;
      D[I] *= F;
      for (size_t J = 0; J < N; ++J) {
        A(I, J) /= F;
        A(J, I) *= F;
      }
    }
  }
  return D;
}

Matrix expm(const Matrix &Unbalanced) {
  for (double X : Unbalanced.A)
    if (!std::isfinite(X)) {
      Matrix R(Unbalanced.N);
      std::fill(R.A.begin(), R.A.end(), NAN);
      return R;
    }
  Matrix Bal = Unbalanced;
  std::vector<double> D = balance(Bal);
  Matrix R = expmBalanced(Bal);
  // e^A = D e^B D^-1
  for (size_t I = 0; I < R.N; ++I)
    for (size_t J = 0; J < R.N; ++J)
      R(I, J) = R(I, J) * D[I] / D[J];
  return R;
}

Matrix expmBalanced(const Matrix &In) {
  static const double B[] = {64764752532480000.0, 32382376266240000.0, 7771770303897600.0,
                             1187353796428800.0,  129060195264000.0,   10559470521600.0,
                             670442572800.0,      33522128640.0,       1323241920.0,
                             40840800.0,          960960.0,            16380.0,
                             182.0,               1.0};
  const double Theta13 = 5.371920351148152;
  size_t N = In.N;
  double Norm = In.norm1();
  int S = 0;
  if (Norm > Theta13)
    S = static_cast<int>(std::ceil(std::log2(Norm / Theta13)));
  Matrix A = In.scaled(std::ldexp(1.0, -S));
  Matrix I = Matrix::identity(N);
  Matrix A2 = A * A, A4 = A2 * A2, A6 = A4 * A2;
  Matrix U1 = A6.scaled(B[13]) + A4.scaled(B[11]) + A2.scaled(B[9]);
  Matrix U = A * (A6 * U1 + A6.scaled(B[7]) + A4.scaled(B[5]) + A2.scaled(B[3]) + I.scaled(B[1]));
  Matrix V1 = A6.scaled(B[12]) + A4.scaled(B[10]) + A2.scaled(B[8]);
  Matrix V = A6 * V1 + A6.scaled(B[6]) + A4.scaled(B[4]) + A2.scaled(B[2]) + I.scaled(B[0]);
  Matrix R = V + U;
  if (!solve(V - U, R))
    std::fill(R.A.begin(), R.A.end(), NAN);
  for (int K = 0; K < S; ++K)
    R = R * R;
  return R;
}

} // namespace snn
