//===- tools/snnc/Driver.h - the steps of the snnc driver -----------------------------------===//
//
// snnc.cpp parses the command line into DriverOptions; Compile.cpp runs the frontend, the pass
// pipeline and the backend up to the stage --emit asks for; Run.cpp JIT-compiles the network,
// simulates it and prints the summary; Report.cpp prints what --report asks for after the
// passes. The pipeline itself lives in passes/Pipeline.cpp.
//
//===----------------------------------------------------------------------------------------===//
#ifndef SNNC_TOOLS_SNNC_DRIVER_H
#define SNNC_TOOLS_SNNC_DRIVER_H

#include "codegen/Backend.h"
#include "frontend/Frontend.h"
#include "passes/PassManager.h"

#include <optional>
#include <map>
#include <string>

namespace snn::driver {

/// --emit: the frontend's and the pipeline's stages, then the backend's artifacts.
enum class Emit { AST, IR, IROpt, LLVM, Asm, Obj, Chip, MappingDot, Default };

/// What --report prints on stderr after the passes.
enum class Report { Storage, Quantization, Mapping };

struct DriverOptions {
  bool Run = false;
  FrontendOptions Front;
  Emit Stage = Emit::Default; ///< Default: the backend's first artifact
  support::TargetDesc Target; ///< --target / --target-file (native by default)
  std::string Output;      ///< -o; empty: default
  std::string Header;      ///< --header; empty: next to the object
  bool DepFile = false;    ///< -MD
  std::string DepPath;     ///< -MF
  std::string PassList;    ///< --passes; empty: default pipeline
  PassManagerOptions PM;
  codegen::CodegenOptions CG;
  std::string OutDir;      ///< run: --out
  bool Progress = false;   ///< run: progress bar on a terminal
  unsigned Threads = 1;    ///< run: --threads
  bool ReportStorage = false; ///< --report=storage
  bool ReportQuantization = false; ///< --report=quantization
  bool ReportMapping = false;      ///< --report=mapping
  std::string RatesFrom;           ///< --rates-from: a directory of spikes_<pop>.csv
};

/// Firing rates per population and neuron read by --rates-from.
using MeasuredRateMap = std::map<std::string, std::vector<double>>;

/// Runs the frontend and the passes for O.Target (the default pipeline, then the passes of
/// `B`), verifies the result and prints the reports asked for. Returns the lowered network, or
/// null after errors; RatesOut (if given) receives the rates --rates-from read.
std::unique_ptr<ir::Network> compileToIR(const DriverOptions &O, DiagnosticsEngine &D,
                                         Frontend &F, const codegen::Backend &B, bool &Stop,
                                         MeasuredRateMap *RatesOut = nullptr);

/// --report=storage: each projection's rule, storage format, synapses and bytes, and a total.
void printStorageReport(const ir::Network &N, llvm::raw_ostream &OS);

/// --report=quantization: per chip population its parameters and their errors, per projection
/// its weight format and weight errors.
void printQuantizationReport(const ir::Network &N, const support::TargetDesc &T,
                             llvm::raw_ostream &OS);

/// --report=mapping: cores used, spike traffic against in-order and random mappings, and the
/// use of every core. Returns false after errors.
bool printMappingReport(const ir::Network &N, const support::TargetDesc &T,
                        const std::map<std::string, std::vector<double>> *Rates,
                        DiagnosticsEngine &D, llvm::raw_ostream &OS);

/// --rates-from: the firing rate of every neuron that DIR's spikes_<pop>.csv files record
/// (spikes over the network's duration). Returns false after errors.
bool readMeasuredRates(const std::string &Dir, const ir::Network &N,
                       std::map<std::string, std::vector<double>> &Rates, DiagnosticsEngine &D);

/// `snnc FILE`: compiles to the stage asked for. Returns the exit code.
int compile(const DriverOptions &O, DiagnosticsEngine &D);

/// `snnc run FILE`: compiles with the JIT and simulates. Returns the exit code.
int run(const DriverOptions &O, DiagnosticsEngine &D);

} // namespace snn::driver

#endif
