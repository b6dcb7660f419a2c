//===- ir/ReaderConnections.cpp - reads projections and recordings --------------------------===//
//
// The `projection` and `record` declarations of the IR text form (ir/Printer.cpp writes them):
//
//   projection E -> I {
//     port jump
//     rule fixed_probability(0.1)
//     weight 0.0001
//     delay 0.0015 steps 15 max 15
//     storage csr index 16
//     partition by_target
//   }
//   record spikes E [0:100]
//
//===----------------------------------------------------------------------------------------===//
#include "ir/ReaderImpl.h"

namespace snn::ir {
namespace reader {

bool Parser::parseProjection(Network &N) {
  Projection P;
  P.Loc = Tok.range();
  advance();
  if (!ident(P.Source, "a population name") || !expect("->") ||
      !ident(P.Target, "a population name") || !expect("{"))
    return false;
  while (!Failed && !accept("}")) {
    llvm::SMRange R = Tok.range();
    if (accept("port")) {
      if (!ident(P.Port, "a port name"))
        return false;
    } else if (accept("rule")) {
      std::string Rule;
      llvm::SMRange RR = Tok.range();
      if (!ident(Rule, "a connection rule"))
        return false;
      if (Rule == "all_to_all") {
        P.Rule = RuleKind::AllToAll;
      } else if (Rule == "one_to_one") {
        P.Rule = RuleKind::OneToOne;
      } else if (Rule == "list") {
        P.Rule = RuleKind::List;
      } else if (Rule == "fixed_probability") {
        P.Rule = RuleKind::FixedProbability;
        if (!expect("(") || !number(P.P) || !expect(")"))
          return false;
      } else if (Rule == "fixed_indegree" || Rule == "fixed_outdegree") {
        P.Rule = Rule == "fixed_indegree" ? RuleKind::FixedIndegree : RuleKind::FixedOutdegree;
        if (!expect("(") || !unsignedInt(P.K) || !expect(")"))
          return false;
      } else {
        fail(RR, "unknown connection rule '" + Rule + "'");
        return false;
      }
    } else if (accept("autapses")) {
      if (accept("true"))
        P.Autapses = true;
      else if (accept("false"))
        P.Autapses = false;
      else {
        fail(Tok.range(), "expected 'true' or 'false'" + found());
        return false;
      }
    } else if (accept("weight")) {
      if (!parseValue(P.Weight))
        return false;
    } else if (accept("delay")) {
      if (!parseValue(P.Delay))
        return false;
      if (accept("steps") && !integer(P.DelaySteps))
        return false;
      if (accept("max") && !integer(P.MaxDelaySteps))
        return false;
    } else if (accept("conn")) {
      if (!parseListSynapse(P))
        return false;
    } else if (accept("synapse")) {
      if (!ident(P.Synapse, "a synapse model name"))
        return false;
    } else if (accept("set")) {
      Population::Override O;
      O.Loc = Tok.range();
      if (!ident(O.Name, "a parameter name") || !expect("=") || !number(O.Value))
        return false;
      P.SynapseParams.push_back(O);
    } else if (accept("init")) {
      Population::Init I;
      if (!ident(I.Var, "a state variable name") || !expect("=") || !parseValue(I.Value))
        return false;
      P.SynapseInits.push_back(I);
    } else if (accept("delay_at")) {
      std::string K;
      llvm::SMRange KR = Tok.range();
      if (!ident(K, "'axonal' or 'dendritic'"))
        return false;
      if (K == "axonal")
        P.DelayAt = Projection::DelayKind::Axonal;
      else if (K == "dendritic")
        P.DelayAt = Projection::DelayKind::Dendritic;
      else {
        fail(KR, "expected 'axonal' or 'dendritic'");
        return false;
      }
    } else if (accept("modulator")) {
      if (!ident(P.Modulator, "a population name"))
        return false;
    } else if (accept("max_delay")) {
      if (!number(P.MaxDelay))
        return false;
    } else if (accept("precision")) {
      std::string S;
      llvm::SMRange SR = Tok.range();
      if (!ident(S, "a precision"))
        return false;
      if (S != "f32" && S != "f64") {
        fail(SR, "precision must be f32 or f64");
        return false;
      }
      P.ValuePrec = S == "f32" ? Precision::F32 : Precision::F64;
    } else if (accept("storage")) {
      std::string S;
      llvm::SMRange SR = Tok.range();
      if (!ident(S, "a storage format"))
        return false;
      if (auto F = storageNamed(S)) {
        P.Store = *F;
      } else {
        fail(SR, "unknown storage format '" + S + "'");
        return false;
      }
      if (accept("index")) {
        uint64_t Bits;
        llvm::SMRange BR = Tok.range();
        if (!unsignedInt(Bits))
          return false;
        if (Bits != 16 && Bits != 32) {
          fail(BR, "index bits must be 16 or 32");
          return false;
        }
        P.IndexBits = static_cast<unsigned>(Bits);
      }
    } else if (accept("partition")) {
      std::string S;
      llvm::SMRange SR = Tok.range();
      if (!ident(S, "'by_target' or 'sequential'"))
        return false;
      if (S == "by_target")
        P.Part = Projection::Partition::ByTarget;
      else if (S == "sequential")
        P.Part = Projection::Partition::Sequential;
      else {
        fail(SR, "expected 'by_target' or 'sequential'");
        return false;
      }
    } else if (accept("chip_weights")) {
      int64_t Exp, Bits;
      std::string Sign;
      llvm::SMRange SR;
      if (!expect("exp") || !integer(Exp) || !expect("bits") || !integer(Bits) || !expect("sign"))
        return false;
      SR = Tok.range();
      if (!ident(Sign, "'excitatory', 'inhibitory' or 'mixed'"))
        return false;
      if (Sign == "excitatory")
        P.Chip.Sign = support::SignMode::Excitatory;
      else if (Sign == "inhibitory")
        P.Chip.Sign = support::SignMode::Inhibitory;
      else if (Sign == "mixed")
        P.Chip.Sign = support::SignMode::Mixed;
      else {
        fail(SR, "expected 'excitatory', 'inhibitory' or 'mixed'");
        return false;
      }
      if (!expect("unit") || !number(P.Chip.Unit))
        return false;
      P.Chip.Graded = accept("graded");
      P.Chip.PerDelay = accept("per_delay");
      if (!expect("error") || !number(P.Chip.MaxErr) || !number(P.Chip.RmsErr))
        return false;
      P.Chip.Set = true;
      P.Chip.Exp = static_cast<int>(Exp);
      P.Chip.Bits = static_cast<unsigned>(Bits);
    } else {
      fail(R, "expected a projection member (port, rule, autapses, weight, delay, conn, synapse, "
              "set, init, delay_at, modulator, max_delay, storage, partition, chip_weights)" +
                  found());
      return false;
    }
  }
  N.Projections.push_back(std::move(P));
  return !Failed;
}

bool Parser::parseRecording(Network &N) {
  Recording R;
  R.Loc = Tok.range();
  advance();
  std::string What;
  llvm::SMRange WR = Tok.range();
  if (!ident(What, "'spikes' or 'state'"))
    return false;
  if (What == "spikes") {
    R.K = Recording::Kind::Spikes;
    if (!ident(R.Pop, "a population name"))
      return false;
  } else if (What == "state") {
    R.K = Recording::Kind::State;
    std::string PV;
    llvm::SMRange PR = Tok.range();
    if (!ident(PV, "population.variable"))
      return false;
    size_t Dot = PV.find('.');
    if (Dot == std::string::npos) {
      fail(PR, "expected population.variable");
      return false;
    }
    R.Pop = PV.substr(0, Dot);
    R.Var = PV.substr(Dot + 1);
  } else if (What == "synapse") {
    R.K = Recording::Kind::Synapse;
    if (!integer(R.Projection) || !ident(R.Var, "a synapse variable"))
      return false;
    // The recorded synapses leave the projection's source (printed before recordings).
    if (R.Projection >= 0 && R.Projection < int64_t(N.Projections.size()))
      R.Pop = N.Projections[size_t(R.Projection)].Source;
  } else {
    fail(WR, "expected 'spikes', 'state' or 'synapse'");
    return false;
  }
  auto selection = [&](bool &IsSlice, uint64_t &Lo, uint64_t &Hi,
                       std::vector<uint64_t> &Neurons) {
    if (!expect("["))
      return false;
    uint64_t First;
    if (!unsignedInt(First))
      return false;
    if (accept(":")) {
      IsSlice = true;
      Lo = First;
      return unsignedInt(Hi) && expect("]");
    }
    IsSlice = false;
    Neurons.push_back(First);
    while (accept(",")) {
      uint64_t X;
      if (!unsignedInt(X))
        return false;
      Neurons.push_back(X);
    }
    return expect("]");
  };
  if (!selection(R.IsSlice, R.Lo, R.Hi, R.Neurons))
    return false;
  if (R.K == Recording::Kind::Synapse) {
    if (!expect("->") || !selection(R.PostIsSlice, R.PostLo, R.PostHi, R.PostNeurons))
      return false;
    if (accept("at")) {
      if (!expect("end"))
        return false;
      R.AtEnd = true;
      N.Recordings.push_back(std::move(R));
      return !Failed;
    }
  }
  if (R.K != Recording::Kind::Spikes) {
    if (!expect("every") || !number(R.Interval))
      return false;
    if (accept("steps") && !integer(R.IntervalSteps))
      return false;
  }
  N.Recordings.push_back(std::move(R));
  return !Failed;
}

} // namespace reader
} // namespace snn::ir
