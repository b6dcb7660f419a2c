//===- frontend/ModelLowering.cpp - neuron models to IR -------------------------------------===//
//
// Checks a `neuron` declaration and builds its ir::NeuronModel:
//   parameter  constant default (may use other parameters' defaults and named constants)
//   state      initial value (may use parameters); its unit is declared or inferred
//   input      a per-neuron value set from outside, 0 unless a default is given
//   let        an inline definition, substituted where it is used (cycles are errors)
//   dX/dt      the right-hand side must have X's unit per second
//   on spike when C { reset }      C is a condition; reset assigns state variables
//   refractory T [freeze a, b]     T is a time; frozen variables default to every ODE variable
//   on receive P(w : U) { x += f } the handler must be proportional to w (weights that arrive
//                                  in one step are summed, then the handler runs once)
//
//===----------------------------------------------------------------------------------------===//
#include "frontend/Lowering.h"

#include "ir/Printer.h"

#include <algorithm>
#include <set>

namespace snn {

namespace {
const std::set<std::string> &builtinNames() {
  static const std::set<std::string> B = {"t", "refractory", "dt"};
  return B;
}
} // namespace


Lowering::ModelInfo &Lowering::info(const ast::NeuronDecl &M) {
  auto &Slot = Infos[&M];
  if (Slot)
    return *Slot;
  Slot = std::make_unique<ModelInfo>();
  ModelInfo &I = *Slot;
  I.Decl = &M;
  auto declare = [&](const ast::Ident &N, ModelInfo::Kind K, size_t Index) {
    if (builtinNames().count(N.Name)) {
      Diags.error(N.Range, "'" + N.Name + "' is a built-in name and cannot be declared");
      return;
    }
    auto [It, New] = I.Names.try_emplace(N.Name, ModelInfo::Name{K, Index, N.Range});
    if (!New) {
      Diags.error(N.Range, "redefinition of '" + N.Name + "' in neuron '" + M.Name.Name + "'");
      Diags.note(It->second.Range, "previous definition is here");
    }
  };
  // Declared in source order, so that a redefinition is reported at the later declaration.
  struct Decl {
    const ast::Ident *Name;
    ModelInfo::Kind K;
    size_t Index;
  };
  std::vector<Decl> Decls;
  for (size_t K = 0; K < M.Params.size(); ++K)
    Decls.push_back({&M.Params[K].Name, ModelInfo::Kind::Param, K});
  for (size_t K = 0; K < M.States.size(); ++K)
    Decls.push_back({&M.States[K].Name, ModelInfo::Kind::State, K});
  for (size_t K = 0; K < M.Inputs.size(); ++K)
    Decls.push_back({&M.Inputs[K].Name, ModelInfo::Kind::Input, K});
  for (size_t K = 0; K < M.Lets.size(); ++K)
    Decls.push_back({&M.Lets[K].Name, ModelInfo::Kind::Let, K});
  std::stable_sort(Decls.begin(), Decls.end(), [](const Decl &A, const Decl &B) {
    return A.Name->Range.Start.getPointer() < B.Name->Range.Start.getPointer();
  });
  for (const Decl &D : Decls) {
    warnIfUnitName(*D.Name, Diags);
    declare(*D.Name, D.K, D.Index);
  }
  I.ParamState.assign(M.Params.size(), ModelInfo::EvalState::Pending);
  I.ParamValue.resize(M.Params.size());
  I.StateDim.resize(M.States.size());
  I.LetState.assign(M.Lets.size(), ModelInfo::EvalState::Pending);
  I.LetValue.resize(M.Lets.size());
  return I;
}

std::optional<Quantity> Lowering::paramDefault(const ast::NeuronDecl &M, const std::string &Name,
                                               llvm::SMRange Use) {
  ModelInfo &I = info(M);
  auto It = I.Names.find(Name);
  if (It == I.Names.end() || It->second.K != ModelInfo::Kind::Param)
    return std::nullopt;
  size_t K = It->second.Index;
  const ast::VarDecl &P = M.Params[K];
  if (I.ParamState[K] == ModelInfo::EvalState::Busy) {
    Diags.error(P.Name.Range, "parameter '" + Name + "' depends on itself");
    Diags.note(Use, "through this use");
    I.ParamState[K] = ModelInfo::EvalState::Failed;
    return std::nullopt;
  }
  if (I.ParamState[K] == ModelInfo::EvalState::Pending) {
    I.ParamState[K] = ModelInfo::EvalState::Busy;
    // Other parameters are visible by their defaults; state and inputs are not.
    FnScope S(
        Globals.get(),
        [&](const std::string &N, llvm::SMRange R) -> std::optional<Typed> {
          auto NIt = I.Names.find(N);
          if (NIt == I.Names.end())
            return std::nullopt;
          if (NIt->second.K != ModelInfo::Kind::Param) {
            Diags.error(R, "the default of parameter '" + Name + "' cannot depend on '" + N +
                               "', which is not a parameter");
            return Typed{};
          }
          auto Q = paramDefault(M, N, R);
          if (!Q)
            return Typed{};
          Typed T;
          T.E = ir::constant(Q->Value, R);
          T.D = Q->D;
          return T;
        },
        {});
    std::optional<Quantity> Q;
    if (P.Value)
      Q = Checker.evalConstant(*P.Value, S, "default value of parameter '" + Name + "'");
    if (Q && Q->IsBool) {
      Diags.error(P.Value->Range, "parameter '" + Name + "' must be a number, not a condition");
      Q.reset();
    }
    if (Q && P.Unit) {
      if (auto U = Checker.resolveUnit(*P.Unit)) {
        if (U->D != Q->D) {
          llvm::StringRef Written(P.Unit->Range.Start.getPointer(),
                                  P.Unit->Range.End.getPointer() -
                                      P.Unit->Range.Start.getPointer());
          std::string Hint;
          if (Q->D.isDimensionless())
            Hint = "; add the unit, e.g. '" + ir::formatNumber(Q->Value) + " " + Written.str() +
                   "'";
          Diags.error(P.Value->Range,
                      "parameter '" + Name + "' is declared in '" + Written + "' but its value " +
                          (Q->D.isDimensionless() ? std::string("is a dimensionless number")
                                                  : "has unit '" + Q->D.str() + "'") +
                          Hint);
          Q.reset();
        }
      } else {
        Q.reset();
      }
    }
    if (I.ParamState[K] == ModelInfo::EvalState::Failed || !Q) {
      I.ParamState[K] = ModelInfo::EvalState::Failed;
    } else {
      I.ParamValue[K] = *Q;
      I.ParamState[K] = ModelInfo::EvalState::Done;
    }
  }
  if (I.ParamState[K] != ModelInfo::EvalState::Done)
    return std::nullopt;
  return I.ParamValue[K];
}

std::optional<Quantity> Lowering::resolveMember(const ast::MemberExpr &E, DiagnosticsEngine &D) {
  auto It = Neurons.find(E.Base.Name);
  if (It == Neurons.end()) {
    D.error(E.Base.Range, "unknown neuron model '" + E.Base.Name + "'");
    return std::nullopt;
  }
  return modelParam(*It->second, E.Member, E.Range);
}

/// True if E is proportional to the weight W: E = W * g with g independent of W. Reports the
/// first offending subexpression otherwise.
bool Lowering::checkPortLinear(const ir::Expr &E, const std::string &W, llvm::SMRange R) {
  // 0: does not involve W, 1: proportional to W, 2: anything else.
  std::function<int(const ir::Expr &)> Cls = [&](const ir::Expr &X) -> int {
    if (!ir::refersTo(X, ir::RefKind::Weight, W))
      return 0;
    switch (X.kind()) {
    case ir::ExprKind::Ref:
      return 1;
    case ir::ExprKind::Unary:
      return Cls(llvm::cast<ir::UnaryExpr>(X).operand()) == 1 ? 1 : 2;
    case ir::ExprKind::Binary: {
      const auto &B = llvm::cast<ir::BinaryExpr>(X);
      int A = Cls(B.lhs()), C = Cls(B.rhs());
      switch (B.op()) {
      case ir::BinaryOp::Add:
      case ir::BinaryOp::Sub:
        return A == 1 && C == 1 ? 1 : 2;
      case ir::BinaryOp::Mul:
        return (A == 1 && C == 0) || (A == 0 && C == 1) ? 1 : 2;
      case ir::BinaryOp::Div:
        return A == 1 && C == 0 ? 1 : 2;
      default:
        return 2;
      }
    }
    case ir::ExprKind::Select: {
      const auto &S = llvm::cast<ir::SelectExpr>(X);
      auto ok = [&](const ir::Expr &Arm) {
        if (Cls(Arm) == 1)
          return true;
        auto V = ir::constantValue(Arm);
        return V && *V == 0;
      };
      return Cls(S.cond()) == 0 && ok(S.trueValue()) && ok(S.falseValue()) ? 1 : 2;
    }
    default:
      return 2;
    }
  };
  if (Cls(E) == 1)
    return true;
  Diags.error(R, "a receive handler must add an amount proportional to the weight '" + W + "'");
  Diags.note(R, "the weights of all spikes that arrive in one step are summed and the handler "
                "runs once with the sum, which is only exact for amounts like '" + W +
                "' or '" + W + " * (E_rev - v)'");
  return false;
}

std::vector<ir::Stmt> Lowering::lowerStmts(const std::vector<ast::Stmt> &V, Scope &S,
                                           const ast::NeuronDecl &M, ModelInfo &I, bool IsPort,
                                           const std::string &Weight) {
  std::vector<ir::Stmt> Out;
  for (const ast::Stmt &St : V) {
    if (St.Op == ast::AssignOp::Deliver) {
      Diags.error(St.Target.Range, "'deliver' belongs in a synapse model's 'on pre'; a neuron "
                                   "sends spikes, and its connections deliver weights");
      continue;
    }
    auto It = I.Names.find(St.Target.Name);
    if (It == I.Names.end()) {
      std::vector<std::string> States;
      for (const auto &SV : M.States)
        States.push_back(SV.Name.Name);
      std::string Hint = closestName(St.Target.Name, States);
      Diags.error(St.Target.Range, "assignment to undeclared variable '" + St.Target.Name + "'" +
                                       (Hint.empty() ? "" : "; did you mean '" + Hint + "'?"));
      continue;
    }
    if (It->second.K != ModelInfo::Kind::State) {
      static const char *KindName[] = {"parameter", "state variable", "input", "definition"};
      Diags.error(St.Target.Range, "cannot assign to " +
                                       std::string(KindName[static_cast<int>(It->second.K)]) +
                                       " '" + St.Target.Name + "'; only state variables change");
      Diags.note(It->second.Range, "declared here");
      continue;
    }
    const auto &TargetDim = I.StateDim[It->second.Index];
    if (!TargetDim)
      continue;
    bool Scaling = St.Op == ast::AssignOp::Mul || St.Op == ast::AssignOp::Div;
    if (IsPort && St.Op != ast::AssignOp::Add && St.Op != ast::AssignOp::Sub) {
      Diags.error(St.Range, "a receive handler can only add to state variables ('+=' or '-=')");
      continue;
    }
    Typed T = Checker.checkAs(*St.Value, S, Scaling ? Dim() : *TargetDim,
                              Scaling ? "a scaling factor" : "value assigned to '" +
                                                                 St.Target.Name + "'");
    if (!T)
      continue;
    if (IsPort && !checkPortLinear(*T.E, Weight, St.Value->Range))
      continue;
    ir::Stmt R;
    R.Target = St.Target.Name;
    R.Value = std::move(T.E);
    R.Loc = St.Range;
    switch (St.Op) {
    case ast::AssignOp::Set: R.Kind = ir::Stmt::Op::Set; break;
    case ast::AssignOp::Add: R.Kind = ir::Stmt::Op::Add; break;
    case ast::AssignOp::Sub: R.Kind = ir::Stmt::Op::Sub; break;
    case ast::AssignOp::Mul: R.Kind = ir::Stmt::Op::Mul; break;
    case ast::AssignOp::Div: R.Kind = ir::Stmt::Op::Div; break;
    case ast::AssignOp::Deliver: break; // rejected above
    }
    Out.push_back(std::move(R));
  }
  return Out;
}

ir::NeuronModel *Lowering::lowerModel(const ast::NeuronDecl &M) {
  ModelInfo &I = info(M);
  if (I.Lowered) {
    if (I.Deriving) {
      Diags.error(M.Name.Range, "neuron '" + M.Name.Name + "' is derived from itself");
      I.Deriving = false; // report the cycle once
    }
    return I.Model.get();
  }
  I.Lowered = true;
  if (M.Base)
    return lowerDerived(M, I);
  unsigned Before = Diags.errorCount();
  auto Out = std::make_unique<ir::NeuronModel>();
  Out->Name = M.Name.Name;
  Out->Loc = M.Name.Range;
  lowerModelBody(M, I, *Out);
  if (Diags.errorCount() == Before)
    I.Model = std::move(Out);
  return I.Model.get();
}

void Lowering::lowerModelBody(const ast::NeuronDecl &M, ModelInfo &I, ir::NeuronModel &Out) {
  // Parameters.
  for (const ast::VarDecl &P : M.Params) {
    auto Q = paramDefault(M, P.Name.Name, P.Name.Range);
    if (!Q)
      continue;
    ir::Param IP;
    IP.Name = P.Name.Name;
    IP.D = Q->D;
    IP.Value = Q->Value;
    IP.Loc = P.Name.Range;
    Out.Params.push_back(IP);
  }

  // Names that refer to parameters (as references, so that populations can override them).
  auto paramRef = [&](size_t K, llvm::SMRange R) -> Typed {
    auto Q = paramDefault(M, M.Params[K].Name.Name, R);
    if (!Q)
      return {};
    Typed T;
    T.E = ir::ref(ir::RefKind::Param, M.Params[K].Name.Name, R);
    T.D = Q->D;
    return T;
  };

  // State variables: initial values may use parameters.
  FnScope InitScope(
      Globals.get(),
      [&](const std::string &N, llvm::SMRange R) -> std::optional<Typed> {
        auto It = I.Names.find(N);
        if (It == I.Names.end())
          return std::nullopt;
        if (It->second.K == ModelInfo::Kind::Param)
          return paramRef(It->second.Index, R);
        Diags.error(R, "an initial value can only use parameters and constants, not '" + N + "'");
        return Typed{};
      },
      {});
  for (size_t K = 0; K < M.States.size(); ++K) {
    const ast::VarDecl &S = M.States[K];
    std::optional<UnitInfo> U;
    if (S.Unit && !(U = Checker.resolveUnit(*S.Unit)))
      continue;
    Typed T = U ? Checker.checkAs(*S.Value, InitScope, U->D,
                                  "initial value of '" + S.Name.Name + "'")
                : Checker.check(*S.Value, InitScope);
    if (!T)
      continue;
    if (T.IsBool) {
      Diags.error(S.Value->Range, "state variable '" + S.Name.Name + "' must be a number");
      continue;
    }
    I.StateDim[K] = T.D;
    ir::StateVar V;
    V.Name = S.Name.Name;
    V.D = T.D;
    V.Init = std::move(T.E);
    V.Loc = S.Name.Range;
    Out.States.push_back(std::move(V));
  }

  // Inputs.
  std::vector<std::optional<Dim>> InputDim(M.Inputs.size());
  for (size_t K = 0; K < M.Inputs.size(); ++K) {
    const ast::VarDecl &In = M.Inputs[K];
    auto U = Checker.resolveUnit(*In.Unit);
    if (!U)
      continue;
    double Default = 0;
    if (In.Value) {
      auto V = Checker.evalConstantAs(*In.Value, *Globals, U->D,
                                      "default of input '" + In.Name.Name + "'");
      if (!V)
        continue;
      Default = *V;
    }
    InputDim[K] = U->D;
    ir::InputVar V;
    V.Name = In.Name.Name;
    V.D = U->D;
    V.Default = Default;
    V.Loc = In.Name.Range;
    Out.Inputs.push_back(V);
  }

  // The scope of equations, conditions and statements.
  std::function<std::optional<Typed>(const std::string &, llvm::SMRange)> FindMember;
  FindMember = [&](const std::string &N, llvm::SMRange R) -> std::optional<Typed> {
    if (N == "t") {
      Typed T;
      T.E = ir::ref(ir::RefKind::Time, "t", R);
      T.D = Dim::time();
      return T;
    }
    if (N == "refractory") {
      Typed T;
      T.E = ir::ref(ir::RefKind::Refractory, "refractory", R);
      T.IsBool = true;
      return T;
    }
    if (N == "dt") {
      Typed T;
      T.E = ir::constant(SimDt, R);
      T.D = Dim::time();
      return T;
    }
    auto It = I.Names.find(N);
    if (It == I.Names.end())
      return std::nullopt;
    size_t K = It->second.Index;
    switch (It->second.K) {
    case ModelInfo::Kind::Param:
      return paramRef(K, R);
    case ModelInfo::Kind::State: {
      if (!I.StateDim[K])
        return Typed{};
      Typed T;
      T.E = ir::ref(ir::RefKind::State, N, R);
      T.D = *I.StateDim[K];
      return T;
    }
    case ModelInfo::Kind::Input: {
      if (!InputDim[K])
        return Typed{};
      Typed T;
      T.E = ir::ref(ir::RefKind::Input, N, R);
      T.D = *InputDim[K];
      return T;
    }
    case ModelInfo::Kind::Let: {
      auto &St = I.LetState[K];
      if (St == ModelInfo::EvalState::Busy) {
        Diags.error(M.Lets[K].Name.Range, "definition of '" + N + "' depends on itself");
        Diags.note(R, "through this use");
        St = ModelInfo::EvalState::Failed;
        return Typed{};
      }
      if (St == ModelInfo::EvalState::Pending) {
        St = ModelInfo::EvalState::Busy;
        FnScope Inner(Globals.get(), FindMember, {});
        Typed T = Checker.check(*M.Lets[K].Value, Inner);
        if (T && ir::nodeCount(*T.E, ir::MaxInlinedNodes) >= ir::MaxInlinedNodes) {
          Diags.error(M.Lets[K].Name.Range,
                      "definition of '" + N + "' expands to more than " +
                          llvm::Twine(ir::MaxInlinedNodes) +
                          " terms once the definitions it uses are substituted; simplify it");
          T = Typed{};
        }
        if (St != ModelInfo::EvalState::Failed && T) {
          I.LetValue[K] = std::move(T);
          St = ModelInfo::EvalState::Done;
        } else {
          St = ModelInfo::EvalState::Failed;
        }
      }
      if (St != ModelInfo::EvalState::Done)
        return Typed{};
      Typed T;
      T.E = I.LetValue[K].E->clone();
      T.D = I.LetValue[K].D;
      T.IsBool = I.LetValue[K].IsBool;
      return T;
    }
    }
    return std::nullopt;
  };
  std::vector<std::string> Visible = {"t", "refractory", "dt"};
  for (const auto &[N, _] : I.Names)
    Visible.push_back(N);
  FnScope ModelScope(Globals.get(), FindMember, Visible);

  // Lets are checked even when unused, so their mistakes are reported.
  for (const ast::ConstDecl &L : M.Lets)
    FindMember(L.Name.Name, L.Name.Range);

  // ODEs.
  std::set<std::string> WithOde;
  for (const ast::OdeDecl &O : M.Odes) {
    auto It = I.Names.find(O.Var.Name);
    if (It == I.Names.end()) {
      Diags.error(O.Var.Range, "ODE for undeclared variable '" + O.Var.Name +
                                   "'; declare it with 'state " + O.Var.Name + " = ...'");
      continue;
    }
    if (It->second.K != ModelInfo::Kind::State) {
      static const char *KindName[] = {"parameter", "state variable", "input", "definition"};
      Diags.error(O.Lhs, "ODE for " + std::string(KindName[static_cast<int>(It->second.K)]) +
                             " '" + O.Var.Name + "'; only state variables can have ODEs");
      Diags.note(It->second.Range, "declared here");
      continue;
    }
    if (!WithOde.insert(O.Var.Name).second) {
      Diags.error(O.Lhs, "second ODE for '" + O.Var.Name + "'");
      continue;
    }
    const auto &D = I.StateDim[It->second.Index];
    if (!D)
      continue;
    Typed T = Checker.checkAs(*O.Rhs, ModelScope, *D / Dim::time(),
                              "right-hand side of 'd" + O.Var.Name + "/dt'");
    if (!T)
      continue;
    Out.Odes.push_back({O.Var.Name, std::move(T.E), O.Range});
  }

  // Spike condition and reset.
  for (size_t K = 0; K < M.Spikes.size(); ++K) {
    const ast::SpikeDecl &S = M.Spikes[K];
    if (K > 0) {
      Diags.error(S.Range, "neuron '" + M.Name.Name + "' has more than one 'on spike' handler");
      Diags.note(M.Spikes[0].Range, "first handler is here");
      continue;
    }
    Typed C = Checker.checkCondition(*S.Condition, ModelScope, "spike condition");
    if (C) {
      Out.Threshold = std::move(C.E);
      Out.ThresholdLoc = S.Condition->Range;
    }
    Out.Reset = lowerStmts(S.Reset, ModelScope, M, I, false, "");
  }

  // Refractoriness.
  for (size_t K = 0; K < M.Refractory.size(); ++K) {
    const ast::RefractoryDecl &R = M.Refractory[K];
    if (K > 0) {
      Diags.error(R.Range, "neuron '" + M.Name.Name + "' has more than one refractory period");
      continue;
    }
    if (M.Spikes.empty()) {
      Diags.error(R.Range, "refractory period without an 'on spike when ...' handler");
      continue;
    }
    Typed T = Checker.checkAs(*R.Period, ModelScope, Dim::time(), "refractory period");
    if (T) {
      if (ir::refersTo(*T.E, ir::RefKind::State) || ir::refersTo(*T.E, ir::RefKind::Input) ||
          ir::refersTo(*T.E, ir::RefKind::Time)) {
        Diags.error(R.Period->Range, "refractory period must be constant (it may use parameters)");
      } else {
        Out.RefractoryPeriod = std::move(T.E);
      }
    }
    for (const ast::Ident &F : R.Freeze) {
      auto It = I.Names.find(F.Name);
      if (It == I.Names.end() || It->second.K != ModelInfo::Kind::State) {
        Diags.error(F.Range, "'" + F.Name + "' is not a state variable of '" + M.Name.Name + "'");
        continue;
      }
      Out.Frozen.push_back(F.Name);
    }
  }

  // The integration method the model asks for.
  for (size_t K = 0; K < M.Methods.size(); ++K) {
    const ast::Ident &Me = M.Methods[K];
    if (K > 0) {
      Diags.error(Me.Range, "neuron '" + M.Name.Name + "' asks for more than one method");
      Diags.note(M.Methods[0].Range, "first method is here");
      continue;
    }
    auto Method = ir::lookupMethod(Me.Name);
    if (Method == ir::Method::FixedPoint)
      Method.reset(); // chip arithmetic, written by quantize-for-target only
    if (!Method) {
      std::vector<std::string> Names = {"rk4", "exact", "exponential_euler", "euler", "rk2"};
      std::string Hint = closestName(Me.Name, Names);
      Diags.error(Me.Range, "unknown integration method '" + Me.Name + "'" +
                                (Hint.empty() ? "" : "; did you mean '" + Hint + "'?"));
      Diags.note(Me.Range, "the methods are exact, exponential_euler, euler, rk2 and rk4");
      continue;
    }
    Out.Requested = *Method;
    Out.RequestedLoc = Me.Range;
  }

  // Receive ports.
  std::set<std::string> Ports;
  for (const ast::ReceiveDecl &R : M.Receives) {
    if (!Ports.insert(R.Port.Name).second) {
      Diags.error(R.Port.Range, "second handler for port '" + R.Port.Name + "'");
      continue;
    }
    if (I.Names.count(R.Weight.Name) || builtinNames().count(R.Weight.Name)) {
      Diags.error(R.Weight.Range, "weight name '" + R.Weight.Name +
                                      "' hides a name of the model; choose another");
      continue;
    }
    if (!R.Unit) {
      Diags.error(R.Weight.Range, "declare the unit of the weight, e.g. 'on receive " +
                                      R.Port.Name + "(" + R.Weight.Name + " : mV)'");
      continue;
    }
    auto U = Checker.resolveUnit(*R.Unit);
    if (!U)
      continue;
    FnScope PortScope(
        &ModelScope,
        [&](const std::string &N, llvm::SMRange Rg) -> std::optional<Typed> {
          if (N != R.Weight.Name)
            return std::nullopt;
          Typed T;
          T.E = ir::ref(ir::RefKind::Weight, N, Rg);
          T.D = U->D;
          return T;
        },
        {R.Weight.Name});
    ir::Port P;
    P.Name = R.Port.Name;
    P.WeightName = R.Weight.Name;
    P.WeightDim = U->D;
    P.Loc = R.Port.Range;
    P.Body = lowerStmts(R.Body, PortScope, M, I, true, R.Weight.Name);
    Out.Ports.push_back(std::move(P));
  }
}

} // namespace snn
