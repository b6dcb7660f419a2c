// The exact propagators chosen by solve-odes, checked against closed-form solutions:
// a LIF under constant current, and a LIF driven by an exponentially decaying current after one
// input, in the regular case tau_m != tau_syn and in the singular case tau_m == tau_syn.
#include "ir/Reader.h"
#include "passes/OdeAnalysis.h"
#include "passes/Passes.h"

#include "llvm/Support/SourceMgr.h"

#include <cmath>
#include <gtest/gtest.h>
#include <map>

using namespace snn;
using namespace snn::ir;

namespace {

double eval(const Expr &E, const std::map<std::string, double> &Vars) {
  switch (E.kind()) {
  case ExprKind::Constant:
    return llvm::cast<ConstantExpr>(E).value();
  case ExprKind::Ref:
    return Vars.at(llvm::cast<RefExpr>(E).name());
  case ExprKind::Unary:
    return -eval(llvm::cast<UnaryExpr>(E).operand(), Vars);
  case ExprKind::Binary: {
    const auto &B = llvm::cast<BinaryExpr>(E);
    double L = eval(B.lhs(), Vars), R = eval(B.rhs(), Vars);
    switch (B.op()) {
    case BinaryOp::Add: return L + R;
    case BinaryOp::Sub: return L - R;
    case BinaryOp::Mul: return L * R;
    case BinaryOp::Div: return L / R;
    default: break;
    }
    break;
  }
  default:
    break;
  }
  ADD_FAILURE() << "unexpected node in an exact update";
  return 0;
}

/// Reads a one-model network, runs solve-odes, and returns the model.
std::unique_ptr<Network> solve(const std::string &Odes, double Dt) {
  std::string Text = "network n {\n  simulation dt " + std::to_string(Dt) +
                     " duration 1 seed 0\n  neuron M {\n    state v : V = 0\n"
                     "    state I : A = 0\n    input J : A = 0\n" + Odes + "  }\n}\n";
  llvm::SourceMgr SM;
  DiagnosticsEngine D(SM);
  SM.AddNewSourceBuffer(llvm::MemoryBuffer::getMemBufferCopy(Text), llvm::SMLoc());
  auto N = readNetwork(1, D);
  EXPECT_NE(N, nullptr);
  PassContext Ctx{D};
  PassResult R = createSolveOdesPass()->run(*N, Ctx);
  EXPECT_FALSE(R.Failed);
  return N;
}

void step(const NeuronModel &M, std::map<std::string, double> &S) {
  std::map<std::string, double> Next = S;
  for (const Stmt &St : M.Update)
    Next[St.Target] = eval(*St.Value, S);
  for (auto &[K, V] : Next)
    S[K] = V;
}

} // namespace

TEST(Propagator, LifUnderConstantCurrentIsExact) {
  // tau dv/dt = -(v - u_rest) + R J with tau = 20 ms, R = 10 Mohm, u_rest = -65 mV.
  auto N = solve("    ode v = (-(v - -0.065) + 10000000 * J) / 0.02\n"
                 "    ode I = -I / 0.005\n", 1e-4);
  const NeuronModel &M = *N->Models[0];
  ASSERT_EQ(M.Groups.size(), 1u);
  ASSERT_EQ(M.Groups[0].M, Method::Exact);
  std::map<std::string, double> S = {{"v", -0.065}, {"I", 0}, {"J", 2e-9}};
  double UInf = -0.065 + 1e7 * 2e-9;
  for (int K = 1; K <= 2000; ++K) {
    step(M, S);
    double T = K * 1e-4;
    double Want = UInf - (UInf - -0.065) * std::exp(-T / 0.02);
    ASSERT_NEAR(S["v"], Want, 1e-12 * std::fabs(Want)) << "step " << K;
  }
}

class ExpCurrent : public ::testing::TestWithParam<double> {};

TEST_P(ExpCurrent, MatchesClosedFormAfterOneInput) {
  // tau_m dv/dt = -v + R I, tau_s dI/dt = -I, I(0) = I0, v(0) = 0.
  double TauM = 0.01, TauS = GetParam(), R = 1e8, I0 = 1e-10, Dt = 1e-4;
  auto N = solve("    ode v = (-v + " + std::to_string(R) + " * I) / " + std::to_string(TauM) +
                     "\n    ode I = -I / " + std::to_string(TauS) + "\n",
                 Dt);
  const NeuronModel &M = *N->Models[0];
  ASSERT_EQ(M.Groups.size(), 1u);
  ASSERT_EQ(M.Groups[0].M, Method::Exact);
  std::map<std::string, double> S = {{"v", 0}, {"I", I0}, {"J", 0}};
  double Peak = 0;
  for (int K = 1; K <= 1000; ++K) {
    step(M, S);
    double T = K * Dt, Want;
    if (TauS == TauM)
      Want = R * I0 * (T / TauM) * std::exp(-T / TauM);
    else
      Want = R * I0 * TauS / (TauS - TauM) * (std::exp(-T / TauS) - std::exp(-T / TauM));
    Peak = std::max(Peak, std::fabs(Want));
    ASSERT_NEAR(S["v"], Want, 1e-9 * Peak) << "step " << K << " tau_s " << TauS;
  }
}

INSTANTIATE_TEST_SUITE_P(Regimes, ExpCurrent, ::testing::Values(0.005, 0.02, 0.01));

TEST(Propagator, NonlinearVariablesFallBackToRk4) {
  // I is linear and independent: exact; v is quadratic: rk4.
  auto N = solve("    ode v = v * v / 0.01\n    ode I = -I / 0.005\n", 1e-4);
  const NeuronModel &M = *N->Models[0];
  ASSERT_EQ(M.Groups.size(), 2u);
  EXPECT_EQ(M.Groups[0].M, Method::Exact);
  EXPECT_EQ(M.Groups[0].Vars, std::vector<std::string>{"I"});
  EXPECT_EQ(M.Groups[1].M, Method::RK4);
  EXPECT_EQ(M.Groups[1].Vars, std::vector<std::string>{"v"});
  // A nonlinear variable that depends on a linear one takes it along into rk4.
  auto N2 = solve("    ode v = v * v / 0.01 + 1e6 * I\n    ode I = -I / 0.005\n", 1e-4);
  ASSERT_EQ(N2->Models[0]->Groups.size(), 1u);
  EXPECT_EQ(N2->Models[0]->Groups[0].M, Method::RK4);
  EXPECT_EQ(N2->Models[0]->Groups[0].Vars, (std::vector<std::string>{"v", "I"}));
}

TEST(Propagator, ConditionallyLinearUsesExponentialEuler) {
  // Gating-like: dv/dt = (1 - v) * a(I) - v * b with I linear: v is linear in v given I.
  auto N = solve("    ode v = (1 - v) * exp(I * 1e9) - v / 0.002\n    ode I = -I / 0.005\n",
                 1e-4);
  const NeuronModel &M = *N->Models[0];
  ASSERT_EQ(M.Groups.size(), 2u);
  EXPECT_EQ(M.Groups[1].M, Method::ExpEuler);
  // One step from v = 0, I = 0: a = -(1 + 500) per second... exact for frozen I:
  // v(h) = (1/501)(1 - exp(-501 h)).
  EvalEnv Env;
  Env.State = {{"v", 0}, {"I", 0}};
  Env.Input = {{"J", 0}};
  for (const Stmt &St : M.Update)
    if (St.Kind == Stmt::Op::Let)
      Env.Temp[St.Target] = *evaluate(*St.Value, Env);
  double A = -(1 + 1 / 0.002);
  double Want = -1 / A * (1 - std::exp(A * 1e-4));
  bool Seen = false;
  for (const Stmt &St : M.Update)
    if (St.Target == "v" && St.Kind == Stmt::Op::Set) {
      EXPECT_NEAR(*evaluate(*St.Value, Env), Want, 1e-15);
      Seen = true;
    }
  EXPECT_TRUE(Seen);
}
