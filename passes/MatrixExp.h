//===- passes/MatrixExp.h - the matrix exponential ------------------------------------------===//
//
// expm() computes e^A for a small dense matrix by scaling and squaring with the degree-13 Padé
// approximant (Higham 2005), accurate to a few ulps relative to ||e^A|| for the well-scaled
// matrices of neuron models. It needs no special case for repeated eigenvalues, which is why
// snnc integrates a LIF with an exponential current exactly even when tau_m == tau_syn.
//
//===----------------------------------------------------------------------------------------===//
#ifndef SNNC_PASSES_MATRIXEXP_H
#define SNNC_PASSES_MATRIXEXP_H

#include <cstddef>
#include <vector>

namespace snn {

/// A dense row-major square matrix.
struct Matrix {
  size_t N = 0;
  std::vector<double> A;
  explicit Matrix(size_t N = 0) : N(N), A(N * N, 0.0) {}
  static Matrix identity(size_t N);
  double &operator()(size_t I, size_t J) { return A[I * N + J]; }
  double operator()(size_t I, size_t J) const { return A[I * N + J]; }
  Matrix operator*(const Matrix &B) const;
  Matrix operator+(const Matrix &B) const;
  Matrix operator-(const Matrix &B) const;
  Matrix scaled(double S) const;
  double norm1() const;
};

/// Solves A X = B by LU decomposition with partial pivoting. Returns false if A is singular.
bool solve(Matrix A, Matrix &B);

/// e^A. A matrix with a non-finite entry gives a matrix of NaNs (callers check finiteness).
Matrix expm(const Matrix &A);

} // namespace snn

#endif
