//===- frontend/Lowering.h - checked AST to network IR --------------------------------------===//
//
// Lowering checks the declarations of all loaded files (main file and imports) and turns the
// chosen network into IR:
//   - frontend/ModelLowering.cpp: neuron models (parameters, state, inputs, `let`, ODEs,
//     spike condition and reset, refractoriness, receive ports);
//   - frontend/NetworkLowering.cpp: constants, populations, projections, recordings and the
//     simulation settings;
//   - frontend/EncoderLowering.cpp: generators and encoders (poisson, spike_times, ttfs,
//     delta), connections from files and injected time series, with their data files.
// Every user mistake is reported at its source range; lowering continues past errors where it
// can, so one run reports many, and returns null if any was reported.
//
//===----------------------------------------------------------------------------------------===//
#ifndef SNNC_FRONTEND_LOWERING_H
#define SNNC_FRONTEND_LOWERING_H

#include "frontend/AST.h"
#include "frontend/DataFiles.h"
#include "frontend/Sema.h"
#include "frontend/SourceLoader.h"
#include "ir/Network.h"

#include <map>
#include <set>
#include <memory>
#include <optional>
#include <set>

namespace snn {

/// Command-line overrides of the `simulate` statement.
struct SimulationOverrides {
  std::optional<double> Dt, Duration;
  std::optional<uint64_t> Seed;
};

class Lowering {
public:
  /// `Loader` finds and loads the data files networks name (none: data files are an error).
  Lowering(DiagnosticsEngine &D, std::vector<const ast::File *> Files, SimulationOverrides O,
           SourceLoader *Loader = nullptr);
  ~Lowering();

  /// Collects file-level constants and models of every file; reports redefinitions.
  bool collectGlobals();
  /// Checks and lowers one network. Returns null if any error was reported.
  std::unique_ptr<ir::Network> lowerNetwork(const ast::NetworkDecl &N);

private:
  // ---- models (ModelLowering.cpp) ----
  /// What lowering knows about one neuron declaration.
  struct ModelInfo {
    const ast::NeuronDecl *Decl = nullptr;
    enum class Kind { Param, State, Input, Let };
    struct Name {
      Kind K;
      size_t Index;
      llvm::SMRange Range;
    };
    std::map<std::string, Name> Names;
    // Parameter defaults: evaluated lazily, cycles detected.
    enum class EvalState { Pending, Busy, Done, Failed };
    std::vector<EvalState> ParamState;
    std::vector<Quantity> ParamValue;
    // State dimensions and lets, computed while lowering.
    std::vector<std::optional<Dim>> StateDim;
    std::vector<EvalState> LetState;
    std::vector<Typed> LetValue;
    // The lowered model.
    bool Lowered = false;
    bool Deriving = false; ///< lowering a derived model's base (cycle detection)
    std::unique_ptr<ir::NeuronModel> Model;
  };

  ModelInfo &info(const ast::NeuronDecl &M);
  std::optional<Quantity> paramDefault(const ast::NeuronDecl &M, const std::string &Name,
                                       llvm::SMRange Use);
  /// Lowers a model once; later calls return the same IR model (or null after errors).
  ir::NeuronModel *lowerModel(const ast::NeuronDecl &M);
  std::optional<Quantity> resolveMember(const ast::MemberExpr &E, DiagnosticsEngine &D);

  // ---- derived models (DerivedModels.cpp): `neuron RS = Izhikevich { a = ... }` ----
  const ast::NeuronDecl *baseDecl(const ast::NeuronDecl &M);
  ir::NeuronModel *lowerDerived(const ast::NeuronDecl &M, ModelInfo &I);
  /// The default of parameter `Member` of M (derived or not), with its dimension.
  std::optional<Quantity> modelParam(const ast::NeuronDecl &M, const ast::Ident &Member,
                                     llvm::SMRange Use);
  void lowerModelBody(const ast::NeuronDecl &M, ModelInfo &I, ir::NeuronModel &Out);
  bool checkPortLinear(const ir::Expr &E, const std::string &W, llvm::SMRange R);
  std::vector<ir::Stmt> lowerStmts(const std::vector<ast::Stmt> &V, Scope &S,
                                   const ast::NeuronDecl &M, ModelInfo &I, bool IsPort,
                                   const std::string &Weight);

  // ---- synapse models (SynapseLowering.cpp) ----
  struct SynapseInfo {
    bool Lowered = false;
    std::unique_ptr<ir::SynapseModel> Model;
    std::optional<Dim> DeliverDim; ///< unit of what `deliver` sends
  };
  /// Lowers a synapse model once; later calls return the same IR (or null after errors).
  ir::SynapseModel *lowerSynapse(const ast::SynapseDecl &S);
  SynapseInfo &synapseInfo(const ast::SynapseDecl &S) { return SynInfos[&S]; }
  /// Applies `synapse = NAME { ... }` and `weight = ...` of a connect to projection P.
  bool lowerSynapseOptions(const ast::ConnectDecl &D, const ast::NamedArg *Weight,
                           const ir::Port &Port, ir::Projection &P, Scope &Consts);

  // ---- networks (NetworkLowering.cpp) ----
  /// What lowering knows while it lowers one network.
  struct NetContext {
    NetContext(Scope *Parent, DiagnosticsEngine &D) : Consts(Parent, D) {}
    const ast::NetworkDecl *Decl = nullptr;
    ConstScope Consts;
    ir::Network *Net = nullptr;
    std::map<std::string, llvm::SMRange> PopRange;
    std::map<std::string, ir::NeuronModel *> PopModel; ///< neuron populations
    std::set<std::string> SpikeRecorded;
    std::map<std::pair<std::string, std::string>, llvm::SMRange> StateRecorded;
    std::map<std::pair<std::string, std::string>, llvm::SMRange> Injected;
    std::map<std::string, llvm::SMRange> RecordFiles; ///< CSV file -> the recording writing it
    std::set<std::pair<std::string, std::string>> Connected; ///< written connects, even failed
    /// Pairs of a connect statement that had errors (a projection between them may be missing).
    std::set<std::pair<std::string, std::string>> FailedConnects;
  };
  /// False (after an error) if another recording already writes File.
  bool claimRecordFile(const std::string &File, llvm::SMRange Range, NetContext &C);
  void lowerPopulation(const ast::PopulationDecl &P, NetContext &C);
  void lowerConnect(const ast::ConnectDecl &D, NetContext &C);
  bool lowerPlasticOptions(const ast::ConnectDecl &D, const ast::NamedArg *Modulator,
                           const ast::NamedArg *Delay, const ast::NamedArg *MaxDelay,
                           std::optional<double> MaxDelayV, const ir::ValueInit &DelayV,
                           ir::Projection &P, NetContext &C);
  void lowerRecord(const ast::RecordDecl &D, NetContext &C);
  void lowerSynapseRecord(const ast::RecordDecl &D, NetContext &C);
  ir::Population *recordedPopulation(const ast::PopSelect &S, NetContext &C);
  bool selectNeurons(const ast::PopSelect &S, const ir::Population &P, NetContext &C,
                     bool &IsSlice, uint64_t &Lo, uint64_t &Hi, std::vector<uint64_t> &Neurons);
  void lowerSimulate(const ast::NetworkDecl &N, NetContext &C);
  std::optional<ir::ValueInit> valueInit(const ast::Expr &E, Scope &S, const Dim &Want,
                                         const llvm::Twine &What, bool AllowRandom);

  // ---- generators, encoders and data files (EncoderLowering.cpp) ----
  /// Lowers `P` if its model is a generator (poisson, spike_times, ttfs, delta) into Pop;
  /// returns false if it is not one.
  bool lowerGenerator(const ast::PopulationDecl &P, NetContext &C, ir::Population &Pop,
                      std::optional<uint64_t> Size);
  void lowerPoisson(const ast::PopulationDecl &P, NetContext &C, ir::Population &Pop,
                    std::optional<uint64_t> Size);
  void lowerSpikeTimes(const ast::PopulationDecl &P, NetContext &C, ir::Population &Pop,
                       std::optional<uint64_t> Size);
  void lowerTtfs(const ast::PopulationDecl &P, NetContext &C, ir::Population &Pop,
                 std::optional<uint64_t> Size);
  void lowerDelta(const ast::PopulationDecl &P, NetContext &C, ir::Population &Pop,
                  std::optional<uint64_t> Size);
  void lowerInject(const ast::InjectDecl &D, NetContext &C);
  /// Opens the data file named by `E` (a string) for `Setting`; reports and returns nothing if
  /// `E` is not a string or the file cannot be loaded.
  std::optional<DataFile> openDataFile(const ast::Expr &E, const llvm::Twine &Setting);
  std::optional<DataFile> openDataFile(llvm::StringRef Path, llvm::SMRange Range);
  /// `connect A -> B : from_file("c.csv")`: reads the synapses of `File` (whose header
  /// `Cols` describes) into P.
  bool lowerConnectionList(DataFile &File, const ConnectionColumns &Cols, const ir::Population &Src,
                           const ir::Population &Tgt, const ir::Port &Port, ir::Projection &P);

  DiagnosticsEngine &Diags;
  std::vector<const ast::File *> Files;
  SimulationOverrides Overrides;
  SourceLoader *Loader;
  std::unique_ptr<ConstScope> Globals;
  std::map<std::string, const ast::NeuronDecl *> Neurons;
  std::map<const ast::NeuronDecl *, std::unique_ptr<ModelInfo>> Infos;
  std::map<std::string, const ast::SynapseDecl *> SynapseDecls;
  std::map<const ast::SynapseDecl *, SynapseInfo> SynInfos;
  ExprChecker Checker;
  double SimDt = 1e-4; ///< the network's time step, the value of `dt` in equations
};

} // namespace snn

#endif
