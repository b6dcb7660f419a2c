//===- ir/ReaderData.cpp - reads the data of encoders and data files ------------------------===//
//
// The parts of the IR text form that hold data rather than structure: the rate schedule of a
// Poisson population, the explicit synapses of a `list` projection and the time series of an
// injection. Their syntax, as ir/Printer.cpp writes it:
//
//   rates at 0.1 step 1000 [5, 10, 20]            (in a population)
//   conn 3 7 weight 0.001 delay 0.002 steps 20    (in a projection; weight and delay optional)
//   inject E.I_ext {                              (a declaration)
//     at 0.001 step 10 all 1e-09
//     at 0.002 step 20 neuron 3 2e-09
//   }
//
// `step N` is present once quantize-event-times (quantize-delays for `steps`) has run.
//
//===----------------------------------------------------------------------------------------===//
#include "ir/ReaderImpl.h"

namespace snn::ir::reader {

bool Parser::parseRateRow(Population &P) {
  double T;
  if (!expect("at") || !number(T))
    return false;
  if (accept("step")) {
    int64_t S;
    if (!integer(S))
      return false;
    if (P.RateSteps.size() != P.RateRows.size()) {
      fail(Tok.range(), "every rate row needs a step once one has one");
      return false;
    }
    P.RateSteps.push_back(S);
  }
  std::vector<double> Row;
  if (!expect("["))
    return false;
  if (!is("]")) {
    do {
      double R;
      if (!number(R))
        return false;
      Row.push_back(R);
    } while (accept(","));
  }
  if (!expect("]"))
    return false;
  P.RateTimes.push_back(T);
  P.RateRows.push_back(std::move(Row));
  return true;
}

bool Parser::parseListSynapse(Projection &P) {
  uint64_t Pre, Post;
  llvm::SMRange R = Tok.range();
  if (!unsignedInt(Pre) || !unsignedInt(Post))
    return false;
  if (Pre > 0xFFFFFFFFull || Post > 0xFFFFFFFFull) {
    fail(R, "neuron index does not fit in 32 bits");
    return false;
  }
  size_t K = P.ListPre.size();
  P.ListPre.push_back(static_cast<uint32_t>(Pre));
  P.ListPost.push_back(static_cast<uint32_t>(Post));
  // Weights, delays and their steps are given for every synapse or for none.
  auto consistent = [&](size_t Have, const char *What) {
    if (Have == K)
      return true;
    fail(R, llvm::Twine("'") + What + "' must be given for every synapse of the list or for none");
    return false;
  };
  if (accept("weight")) {
    double W;
    if (!consistent(P.ListWeights.size(), "weight") || !number(W))
      return false;
    P.ListWeights.push_back(W);
  }
  if (accept("delay")) {
    double D;
    if (!consistent(P.ListDelays.size(), "delay") || !number(D))
      return false;
    P.ListDelays.push_back(D);
  }
  if (accept("steps")) {
    int64_t S;
    if (!consistent(P.ListDelaySteps.size(), "steps") || !integer(S))
      return false;
    P.ListDelaySteps.push_back(S);
  }
  return true;
}

bool Parser::parseInjection(Network &N) {
  Injection I;
  I.Loc = Tok.range();
  advance();
  std::string PV;
  llvm::SMRange PR = Tok.range();
  if (!ident(PV, "population.variable"))
    return false;
  size_t Dot = PV.find('.');
  if (Dot == std::string::npos) {
    fail(PR, "expected population.variable");
    return false;
  }
  I.Pop = PV.substr(0, Dot);
  I.Var = PV.substr(Dot + 1);
  if (!expect("{"))
    return false;
  while (!Failed && !accept("}")) {
    double T, V;
    llvm::SMRange R = Tok.range();
    if (!expect("at") || !number(T))
      return false;
    if (accept("step")) {
      int64_t S;
      if (!integer(S))
        return false;
      if (I.Steps.size() != I.Times.size()) {
        fail(R, "every entry needs a step once one has one");
        return false;
      }
      I.Steps.push_back(S);
    }
    int64_t Neuron = -1;
    if (accept("neuron")) {
      uint64_t X;
      llvm::SMRange NR = Tok.range();
      if (!unsignedInt(X))
        return false;
      if (X > 0xFFFFFFFFull) {
        fail(NR, "neuron index " + llvm::Twine(X) + " does not fit in 32 bits");
        return false;
      }
      Neuron = static_cast<int64_t>(X);
    } else if (!expect("all")) {
      return false;
    }
    if (!number(V))
      return false;
    I.Times.push_back(T);
    I.Neurons.push_back(Neuron);
    I.Values.push_back(V);
  }
  if (!I.Steps.empty() && I.Steps.size() != I.Times.size()) {
    fail(I.Loc, "every entry needs a step once one has one");
    return false;
  }
  N.Injections.push_back(std::move(I));
  return !Failed;
}

} // namespace snn::ir::reader
