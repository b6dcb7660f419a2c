//===- tools/snnc/Run.cpp - snnc run FILE: compile in-process and simulate ------------------===//
//
// Compiles the network with the JIT, builds it with the runtime, simulates the duration of its
// `simulate` statement (or --duration), prints one line per population (neurons, spikes, mean
// rate in Hz) and the wall times, and writes the recordings as CSV files into --out.
//
//===----------------------------------------------------------------------------------------===//
#include "tools/snnc/Driver.h"

#include "codegen/llvm/LLVMBackend.h"
#include "snn/runtime.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <memory>

namespace snn::driver {

namespace {
struct NetDeleter {
  void operator()(snn_network *N) const { snn_destroy(N); }
};
} // namespace

int run(const DriverOptions &O, DiagnosticsEngine &D) {
  auto T0 = std::chrono::steady_clock::now();
  // The target's backend adds its passes; the simulation itself is native code in any case
  // (for a chip target, with the chip's integer arithmetic).
  std::unique_ptr<codegen::Backend> B = codegen::createBackend(O.Target);
  if (!B) {
    D.toolError("no backend serves target '" + O.Target.Name + "'");
    return 1;
  }
  Frontend F(D, O.Front);
  bool Stop = false;
  std::unique_ptr<ir::Network> N = compileToIR(O, D, F, *B, Stop);
  if (!N)
    return 1;
  if (!(N->Sim.Duration > 0)) {
    if (O.Front.Overrides.Duration)
      D.toolError("nothing to simulate: --duration is 0");
    else
      D.error(N->Loc, "nothing to simulate: network '" + N->Name +
                          "' has no 'simulate' statement (or its duration is 0); add one or "
                          "pass --duration");
    return 1;
  }
  if (O.Target.isChip() && !codegen::checkChipLowered(*N, O.Target, /*Placed=*/false, D))
    return 1;
  auto Ctx = std::make_unique<llvm::LLVMContext>();
  std::unique_ptr<llvm::Module> M = codegen::buildModule(*N, *Ctx, D);
  if (!M)
    return 1;
  auto Jit = codegen::JitNetwork::create(std::move(M), std::move(Ctx), N->Name, O.CG.OptLevel, D);
  if (!Jit)
    return 1;
  double CompileSecs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - T0).count();

  snn_options Opts;
  snn_options_init(&Opts);
  Opts.progress = O.Progress ? 1 : 0;
  Opts.threads = static_cast<int32_t>(O.Threads);
  std::unique_ptr<snn_network, NetDeleter> Net(snn_create(Jit->model(), &Opts));
  if (!Net) {
    D.toolError(llvm::Twine("cannot build network '") + N->Name + "': " + snn_last_error());
    return 1;
  }
  if (snn_run_default(Net.get()) != 0) {
    D.toolError(llvm::Twine("simulation failed: ") + snn_last_error());
    return 1;
  }
  double Duration = snn_time(Net.get());
  llvm::raw_ostream &OS = llvm::outs();
  uint64_t Neurons = 0;
  for (int P = 0; P < snn_population_count(Net.get()); ++P)
    if (snn_population_kind(Net.get(), P) == 0)
      Neurons += snn_population_size(Net.get(), P);
  OS << "network '" << N->Name << "': " << Neurons << (Neurons == 1 ? " neuron, " : " neurons, ")
     << snn_total_synapse_count(Net.get()) << " synapses; simulated "
     << llvm::format("%g", Duration) << " s (" << snn_current_step(Net.get()) << " steps of "
     << llvm::format("%g", snn_dt(Net.get()) * 1e3) << " ms), seed " << snn_seed(Net.get())
     << "\n";
  OS << "population             size kind               spikes    rate (Hz)\n";
  static const char *Kinds[] = {"neuron", "poisson", "spike_times"};
  for (int P = 0; P < snn_population_count(Net.get()); ++P) {
    uint32_t Size = snn_population_size(Net.get(), P);
    uint64_t Spikes = snn_spike_count(Net.get(), P);
    double Rate = Duration > 0 ? double(Spikes) / double(Size) / Duration : 0.0;
    int Kind = snn_population_kind(Net.get(), P);
    OS << llvm::format("%-16s %10u %-12s %12llu %12.3f\n", snn_population_name(Net.get(), P),
                       Size, Kinds[Kind < 0 ? 0 : Kind], (unsigned long long)Spikes, Rate);
  }
  OS << llvm::format("wall time: compile %.3f s, build %.3f s, simulate %.3f s\n", CompileSecs,
                     snn_build_seconds(Net.get()), snn_simulate_seconds(Net.get()));
  if (!O.OutDir.empty()) {
    if (snn_write_recordings(Net.get(), O.OutDir.c_str()) != 0) {
      D.toolError(llvm::Twine("cannot write recordings: ") + snn_last_error());
      return 1;
    }
    if (snn_recording_count(Net.get()) == 0)
      D.toolWarning("network '" + N->Name + "' records nothing; add 'record spikes of ...' to "
                    "write files into '" + O.OutDir + "'");
    else
      OS << "recordings written to " << O.OutDir << "\n";
  }
  OS.flush();
  return D.hasErrors() ? 1 : 0;
}

} // namespace snn::driver
