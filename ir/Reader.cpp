//===- ir/Reader.cpp - reads the text form of the network IR --------------------------------===//
//
// A hand-written lexer and recursive-descent parser for the syntax ir/Printer.cpp produces.
// This file has the lexer and the declarations (network, models, populations, projections,
// recordings); ir/ReaderExpr.cpp has expressions and units; ir/ReaderData.cpp the data of
// encoders and data files (rate schedules, synapse lists, injections).
//
//===----------------------------------------------------------------------------------------===//
#include "ir/ReaderImpl.h"

#include "llvm/ADT/StringExtras.h"

#include <cmath>
#include <cstdlib>

namespace snn::ir {
namespace reader {

Token Lexer::next() {
  // Skip blanks and `;` comments.
  while (Cur < End) {
    if (*Cur == ';') {
      while (Cur < End && *Cur != '\n')
        ++Cur;
    } else if (llvm::isSpace(*Cur)) {
      ++Cur;
    } else {
      break;
    }
  }
  Token T;
  if (Cur >= End) {
    T.Text = llvm::StringRef(End, 0);
    return T;
  }
  const char *B = Cur;
  auto make = [&](Tok K) {
    T.K = K;
    T.Text = llvm::StringRef(B, Cur - B);
    return T;
  };
  if (llvm::isAlpha(*Cur) || *Cur == '_') {
    while (Cur < End && (llvm::isAlnum(*Cur) || *Cur == '_' || *Cur == '.'))
      ++Cur;
    llvm::StringRef S(B, Cur - B);
    if (S == "inf" || S == "nan")
      return make(Tok::Number);
    return make(Tok::Ident);
  }
  if (llvm::isDigit(*Cur)) {
    while (Cur < End && (llvm::isDigit(*Cur) || *Cur == '.'))
      ++Cur;
    if (Cur < End && (*Cur == 'e' || *Cur == 'E')) {
      ++Cur;
      if (Cur < End && (*Cur == '+' || *Cur == '-'))
        ++Cur;
      while (Cur < End && llvm::isDigit(*Cur))
        ++Cur;
    }
    return make(Tok::Number);
  }
  static const char *Two[] = {"+=", "-=", "*=", "/=", "<=", ">=", "==", "!=", "->"};
  for (const char *P : Two)
    if (Cur + 1 < End && Cur[0] == P[0] && Cur[1] == P[1]) {
      Cur += 2;
      return make(Tok::Punct);
    }
  if (llvm::StringRef("{}()[]:,=+-*/^<>?").contains(*Cur)) {
    ++Cur;
    return make(Tok::Punct);
  }
  ++Cur;
  return make(Tok::Error);
}

bool Parser::ident(std::string &Out, const char *What) {
  if (Tok.K != Tok::Ident) {
    fail(Tok.range(), llvm::Twine("expected ") + What + found());
    return false;
  }
  Out = Tok.Text.str();
  advance();
  return true;
}

bool Parser::number(double &Out) {
  bool Neg = false;
  llvm::SMLoc Start = Tok.range().Start;
  if (is("-")) {
    Neg = true;
    advance();
  }
  if (Tok.K != Tok::Number) {
    fail(Tok.range(), "expected a number" + found());
    return false;
  }
  std::string S = Tok.Text.str();
  if (S == "inf") {
    Out = INFINITY;
  } else if (S == "nan") {
    Out = NAN;
  } else {
    char *EndP = nullptr;
    Out = std::strtod(S.c_str(), &EndP);
    if (EndP != S.c_str() + S.size()) {
      fail({Start, Tok.range().End}, "malformed number '" + S + "'");
      return false;
    }
  }
  if (Neg)
    Out = -Out;
  advance();
  return true;
}

bool Parser::integer(int64_t &Out) {
  double V;
  llvm::SMRange R = Tok.range();
  if (!number(V))
    return false;
  if (V != std::floor(V) || std::fabs(V) > 9.0e15) {
    fail(R, "expected an integer");
    return false;
  }
  Out = static_cast<int64_t>(V);
  return true;
}

bool Parser::unsignedInt(uint64_t &Out) {
  llvm::SMRange R = Tok.range();
  if (Tok.K != Tok::Number || Tok.Text.getAsInteger(10, Out)) {
    fail(R, "expected a non-negative integer" + found());
    return false;
  }
  advance();
  return true;
}

bool Parser::dim(Dim &Out) {
  // A unit is written without spaces by the printer, but the lexer splits it into tokens:
  // factors separated by '*' and '/', each a name or '1' with an optional '^' exponent.
  llvm::SMRange R = Tok.range();
  std::string Text;
  while (true) {
    if (Tok.K != Tok::Ident && Tok.K != Tok::Number) {
      fail(Tok.range(), "expected a unit" + found());
      return false;
    }
    Text += Tok.Text.str();
    advance();
    if (is("^")) {
      Text += "^";
      advance();
      if (is("-")) {
        Text += "-";
        advance();
      }
      if (Tok.K != Tok::Number) {
        fail(Tok.range(), "expected an exponent" + found());
        return false;
      }
      Text += Tok.Text.str();
      advance();
    }
    if (is("*") || is("/")) {
      Text += Tok.Text.str();
      advance();
      continue;
    }
    break;
  }
  auto D = parseDimString(Text);
  if (!D) {
    fail(R, "unknown unit '" + Text + "'");
    return false;
  }
  Out = *D;
  return true;
}

std::unique_ptr<Network> Parser::parseNetwork() {
  auto N = std::make_unique<Network>();
  N->Loc = Tok.range();
  if (!expect("network") || !ident(N->Name, "a network name") || !expect("{"))
    return nullptr;
  while (!Failed && !is("}")) {
    if (Tok.K == Tok::Eof) {
      fail(Tok.range(), "expected '}' at end of input");
      break;
    }
    if (is("simulation"))
      parseSimulation(*N);
    else if (is("neuron"))
      parseNeuron(*N);
    else if (is("synapse"))
      parseSynapse(*N);
    else if (is("population"))
      parsePopulation(*N);
    else if (is("projection"))
      parseProjection(*N);
    else if (is("record"))
      parseRecording(*N);
    else if (is("inject"))
      parseInjection(*N);
    else if (accept("core")) {
      CoreSlice C;
      int64_t Chip, Core;
      uint64_t Lo, Hi;
      if (integer(Chip) && integer(Core) && ident(C.Pop, "a population name") && expect("[") &&
          unsignedInt(Lo) && expect(":") && unsignedInt(Hi) && expect("]")) {
        C.Chip = static_cast<uint32_t>(Chip);
        C.Core = static_cast<uint32_t>(Core);
        C.Lo = Lo;
        C.Hi = Hi;
        N->Cores.push_back(C);
      }
    } else
      fail(Tok.range(), "expected a declaration (simulation, neuron, synapse, population, "
                        "projection, record, inject, core)" +
                            found());
  }
  if (Failed)
    return nullptr;
  advance(); // '}'
  if (Tok.K != Tok::Eof) {
    fail(Tok.range(), "unexpected text after the network");
    return nullptr;
  }
  return N;
}

bool Parser::parseSimulation(Network &N) {
  N.Sim.Loc = Tok.range();
  advance();
  int64_t Seed = 0;
  if (!expect("dt") || !number(N.Sim.Dt) || !expect("duration") || !number(N.Sim.Duration) ||
      !expect("seed") || !integer(Seed))
    return false;
  N.Sim.Seed = static_cast<uint64_t>(Seed);
  return true;
}

bool Parser::parseNeuron(Network &N) {
  auto M = std::make_unique<NeuronModel>();
  M->Loc = Tok.range();
  advance();
  if (!ident(M->Name, "a model name") || !expect("{"))
    return false;
  Scope S;
  while (!Failed && !accept("}")) {
    llvm::SMRange R = Tok.range();
    if (accept("param")) {
      Param P;
      P.Loc = Tok.range();
      if (!ident(P.Name, "a parameter name") || !expect(":") || !dim(P.D) || !expect("=") ||
          !number(P.Value))
        return false;
      S.Params.insert(P.Name);
      M->Params.push_back(P);
    } else if (accept("state")) {
      StateVar V;
      V.Loc = Tok.range();
      if (!ident(V.Name, "a state variable name") || !expect(":") || !dim(V.D) || !expect("="))
        return false;
      S.States.insert(V.Name);
      V.Init = parseExpr(S);
      if (!V.Init)
        return false;
      M->States.push_back(std::move(V));
    } else if (accept("input")) {
      InputVar V;
      V.Loc = Tok.range();
      if (!ident(V.Name, "an input name") || !expect(":") || !dim(V.D) || !expect("=") ||
          !number(V.Default))
        return false;
      S.Inputs.insert(V.Name);
      M->Inputs.push_back(V);
    } else if (accept("ode")) {
      Ode O;
      O.Loc = Tok.range();
      if (!ident(O.Var, "a state variable name") || !expect("="))
        return false;
      O.Rhs = parseExpr(S);
      if (!O.Rhs)
        return false;
      M->Odes.push_back(std::move(O));
    } else if (accept("solver")) {
      std::string Name;
      M->RequestedLoc = Tok.range();
      if (!ident(Name, "a method name"))
        return false;
      auto Me = lookupMethod(Name);
      if (!Me) {
        fail(M->RequestedLoc, "unknown method '" + Name + "'");
        return false;
      }
      M->Requested = *Me;
    } else if (accept("method")) {
      std::string Name;
      llvm::SMRange MR = Tok.range();
      if (!ident(Name, "a method name"))
        return false;
      auto Me = lookupMethod(Name);
      if (!Me) {
        fail(MR, "unknown method '" + Name + "'");
        return false;
      }
      OdeGroup G;
      G.M = *Me;
      do {
        std::string V;
        if (!ident(V, "a state variable name"))
          return false;
        G.Vars.push_back(V);
      } while (accept(","));
      M->Groups.push_back(std::move(G));
    } else if (accept("update")) {
      Scope US = S;
      if (!parseStmts(M->Update, US, /*AllowLet=*/true))
        return false;
    } else if (accept("threshold")) {
      M->ThresholdLoc = Tok.range();
      M->Threshold = parseExpr(S);
      if (!M->Threshold)
        return false;
    } else if (accept("reset")) {
      if (!parseStmts(M->Reset, S, false))
        return false;
    } else if (accept("refractory")) {
      M->RefractoryPeriod = parseExpr(S);
      if (!M->RefractoryPeriod)
        return false;
      if (accept("steps") && !integer(M->RefractorySteps))
        return false;
      if (accept("freeze")) {
        do {
          std::string V;
          if (!ident(V, "a state variable name"))
            return false;
          M->Frozen.push_back(V);
        } while (accept(","));
      }
    } else if (accept("port")) {
      Port P;
      P.Loc = Tok.range();
      if (!ident(P.Name, "a port name") || !expect("(") || !ident(P.WeightName, "a weight name") ||
          !expect(":") || !dim(P.WeightDim) || !expect(")"))
        return false;
      Scope PS = S;
      PS.Weight = P.WeightName;
      if (!parseStmts(P.Body, PS, false))
        return false;
      M->Ports.push_back(std::move(P));
    } else if (accept("chip")) {
      std::string Family;
      llvm::SMRange FR = Tok.range();
      if (!ident(Family, "a chip neuron family"))
        return false;
      bool Known = false;
      for (auto F : {support::NeuronFamily::LoihiCubaLif, support::NeuronFamily::TrueNorth,
                     support::NeuronFamily::SpinnakerLif})
        if (Family == support::neuronFamilyName(F)) {
          M->Chip.Family = F;
          Known = true;
        }
      if (!Known) {
        fail(FR, "unknown chip neuron family '" + Family + "'");
        return false;
      }
      if (!expect("unit") || !number(M->Chip.Unit) || !expect("origin") ||
          !number(M->Chip.Origin) || !expect("{"))
        return false;
      while (!accept("}")) {
        std::string Name;
        if (accept("error")) {
          double E;
          if (!ident(Name, "a parameter name") || !number(E))
            return false;
          M->Chip.Errors.push_back({Name, E});
          continue;
        }
        int64_t V;
        if (!ident(Name, "a parameter name or '}'") || !integer(V))
          return false;
        M->Chip.Params.push_back({Name, V});
      }
    } else if (accept("format")) {
      NumericFormat F;
      std::string Type, Over;
      llvm::SMRange TR;
      if (!ident(F.Var, "a state variable name"))
        return false;
      TR = Tok.range();
      if (!ident(Type, "an integer type (i24, ...)"))
        return false;
      unsigned Bits = 0;
      if (Type.size() < 2 || Type[0] != 'i' || llvm::StringRef(Type).substr(1).getAsInteger(10, Bits) ||
          Bits < 2 || Bits > 63) {
        fail(TR, "expected an integer type of 2 to 63 bits (i24, ...)");
        return false;
      }
      F.Bits = Bits;
      TR = Tok.range();
      if (!ident(Over, "'wrap', 'wrap_once' or 'saturate'"))
        return false;
      if (Over == "wrap")
        F.Over = support::Overflow::Wrap;
      else if (Over == "wrap_once")
        F.Over = support::Overflow::WrapOnce;
      else if (Over == "saturate")
        F.Over = support::Overflow::Saturate;
      else {
        fail(TR, "expected 'wrap', 'wrap_once' or 'saturate'");
        return false;
      }
      M->Formats.push_back(F);
    } else {
      fail(R, "expected a model member (param, state, input, ode, solver, method, update, "
              "threshold, reset, refractory, port, chip, format)" + found());
      return false;
    }
  }
  N.Models.push_back(std::move(M));
  return !Failed;
}

bool Parser::parseSynapse(Network &N) {
  auto Syn = std::make_unique<SynapseModel>();
  Syn->Loc = Tok.range();
  advance();
  if (!ident(Syn->Name, "a synapse name") || !expect("{"))
    return false;
  Scope S;
  S.AllowRefractory = false;
  while (!Failed && !accept("}")) {
    if (accept("param")) {
      Param P;
      P.Loc = Tok.range();
      if (!ident(P.Name, "a parameter name") || !expect(":") || !dim(P.D) || !expect("=") ||
          !number(P.Value))
        return false;
      S.Params.insert(P.Name);
      Syn->Params.push_back(P);
    } else if (accept("state")) {
      StateVar V;
      V.Loc = Tok.range();
      if (!ident(V.Name, "a state variable name") || !expect(":") || !dim(V.D) || !expect("="))
        return false;
      S.States.insert(V.Name);
      V.Init = parseExpr(S);
      if (!V.Init)
        return false;
      Syn->States.push_back(std::move(V));
    } else if (accept("ode")) {
      Ode O;
      O.Loc = Tok.range();
      if (!ident(O.Var, "a state variable name") || !expect("="))
        return false;
      O.Rhs = parseExpr(S);
      if (!O.Rhs)
        return false;
      Syn->Odes.push_back(std::move(O));
    } else if (accept("decay")) {
      Decay D;
      if (!ident(D.Var, "a state variable name") || !number(D.Rate) || !number(D.Offset))
        return false;
      Syn->Decays.push_back(D);
    } else if (accept("trace")) {
      std::string V, Side;
      llvm::SMRange SR;
      if (!ident(V, "a state variable name"))
        return false;
      SR = Tok.range();
      if (!ident(Side, "'pre' or 'post'"))
        return false;
      if (Side == "pre")
        Syn->PreTraces.push_back(V);
      else if (Side == "post")
        Syn->PostTraces.push_back(V);
      else {
        fail(SR, "expected 'pre' or 'post'");
        return false;
      }
    } else if (accept("on")) {
      llvm::SMRange R = Tok.range();
      if (accept("pre")) {
        if (!parseStmts(Syn->OnPre, S, false, /*AllowDeliver=*/true))
          return false;
      } else if (accept("post")) {
        if (!parseStmts(Syn->OnPost, S, false))
          return false;
      } else if (accept("modulator")) {
        if (!parseStmts(Syn->OnModulator, S, false))
          return false;
      } else {
        fail(R, "expected 'pre', 'post' or 'modulator'" + found());
        return false;
      }
    } else {
      fail(Tok.range(), "expected a synapse member (param, state, ode, decay, trace, on)" + found());
      return false;
    }
  }
  N.Synapses.push_back(std::move(Syn));
  return !Failed;
}

bool Parser::parseStmts(std::vector<Stmt> &Out, Scope &S, bool AllowLet, bool AllowDeliver) {
  if (!expect("{"))
    return false;
  while (!Failed && !accept("}")) {
    Stmt St;
    St.Loc = Tok.range();
    if (AllowDeliver && accept("deliver")) {
      St.Kind = Stmt::Op::Deliver;
      St.Value = parseExpr(S);
      if (!St.Value)
        return false;
      Out.push_back(std::move(St));
      continue;
    }
    if (AllowLet && accept("let")) {
      St.Kind = Stmt::Op::Let;
      if (!ident(St.Target, "a temporary name") || !expect("="))
        return false;
      St.Value = parseExpr(S);
      if (!St.Value)
        return false;
      S.Temps.insert(St.Target);
      Out.push_back(std::move(St));
      continue;
    }
    if (!ident(St.Target, "a statement"))
      return false;
    static const std::pair<const char *, Stmt::Op> Ops[] = {
        {"=", Stmt::Op::Set}, {"+=", Stmt::Op::Add}, {"-=", Stmt::Op::Sub},
        {"*=", Stmt::Op::Mul}, {"/=", Stmt::Op::Div}};
    bool Matched = false;
    for (const auto &[Sp, Op] : Ops)
      if (accept(Sp)) {
        St.Kind = Op;
        Matched = true;
        break;
      }
    if (!Matched) {
      fail(Tok.range(), "expected an assignment operator" + found());
      return false;
    }
    St.Value = parseExpr(S);
    if (!St.Value)
      return false;
    Out.push_back(std::move(St));
  }
  return !Failed;
}

bool Parser::parseValue(ValueInit &V) {
  V.Loc = Tok.range();
  if (is("uniform") || is("normal") || is("linspace")) {
    V.K = is("uniform")  ? ValueInit::Kind::Uniform
          : is("normal") ? ValueInit::Kind::Normal
                         : ValueInit::Kind::Linspace;
    advance();
    if (!(expect("(") && number(V.A) && expect(",") && number(V.B) && expect(")")))
      return false;
  } else {
    V.K = ValueInit::Kind::Const;
    if (!number(V.A))
      return false;
  }
  if (accept("quantize")) {
    support::fx::Quantizer Q;
    if (!(expect("offset") && number(Q.Offset) && expect("scale") && number(Q.Scale) &&
          expect("step") && integer(Q.Step) && expect("range") && integer(Q.Lo) &&
          integer(Q.Hi)))
      return false;
    V.Quant = Q;
  }
  return true;
}

bool Parser::parsePopulation(Network &N) {
  Population P;
  advance();
  P.Loc = Tok.range();
  std::string Kind;
  llvm::SMRange KR;
  if (!ident(P.Name, "a population name") || !expect(":"))
    return false;
  KR = Tok.range();
  if (!ident(Kind, "a population kind"))
    return false;
  if (Kind == "neuron") {
    P.Kind = PopKind::Neuron;
    if (!ident(P.Model, "a model name"))
      return false;
  } else if (Kind == "poisson") {
    P.Kind = PopKind::Poisson;
  } else if (Kind == "spike_times") {
    P.Kind = PopKind::SpikeTimes;
  } else {
    fail(KR, "unknown population kind '" + Kind + "'");
    return false;
  }
  if (!expect("[") || !unsignedInt(P.Size) || !expect("]"))
    return false;
  if (accept("f32"))
    P.Prec = Precision::F32;
  if (accept("{")) {
    while (!Failed && !accept("}")) {
      if (accept("set")) {
        Population::Override O;
        O.Loc = Tok.range();
        if (!ident(O.Name, "a parameter name") || !expect("=") || !number(O.Value))
          return false;
        P.ParamOverrides.push_back(O);
      } else if (accept("init")) {
        Population::Init I;
        if (!ident(I.Var, "a state variable name") || !expect("=") || !parseValue(I.Value))
          return false;
        P.Inits.push_back(I);
      } else if (accept("rate")) {
        if (!number(P.Rate))
          return false;
      } else if (accept("rates")) {
        if (!parseRateRow(P))
          return false;
      } else if (accept("spike")) {
        uint64_t Neuron;
        double T;
        llvm::SMRange NR = Tok.range();
        if (!unsignedInt(Neuron))
          return false;
        if (Neuron > 0xFFFFFFFFull) {
          fail(NR, "neuron index " + llvm::Twine(Neuron) + " does not fit in 32 bits");
          return false;
        }
        if (!expect("at") || !number(T))
          return false;
        P.SpikeNeurons.push_back(static_cast<uint32_t>(Neuron));
        P.SpikeTimes.push_back(T);
        if (accept("step")) {
          int64_t St;
          if (!integer(St))
            return false;
          P.SpikeSteps.push_back(St);
        }
      } else if (accept("ring")) {
        Population::PortBuffer B;
        if (!ident(B.Port, "a port name") || !integer(B.Slots))
          return false;
        if (accept("groups") && !integer(B.Groups))
          return false;
        P.RingBuffers.push_back(B);
      } else if (accept("partition")) {
        if (!expect("chunk") || !unsignedInt(P.PartitionChunk))
          return false;
      } else {
        fail(Tok.range(), "expected a population member (set, init, rate, rates, spike, ring, "
                          "partition)" + found());
        return false;
      }
    }
  }
  N.Populations.push_back(std::move(P));
  return !Failed;
}

} // namespace reader

std::unique_ptr<Network> readNetwork(unsigned BufferID, DiagnosticsEngine &Diags) {
  llvm::StringRef Buf = Diags.sourceMgr().getMemoryBuffer(BufferID)->getBuffer();
  reader::Parser P(Buf, Diags);
  return P.parseNetwork();
}

} // namespace snn::ir
