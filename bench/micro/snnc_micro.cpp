//===- bench/micro/snnc_micro.cpp - Google Benchmark micro-benchmarks of snnc's stages ------===//
//
// For the networks of bench/networks, times each stage of `snnc run` on its own:
//   Lower/<net>   frontend (parse, check, lower) + the default pass pipeline, to lowered IR;
//   Jit/<net>     LLVM module building + JIT compilation (ORC) of the lowered IR;
//   Build/<net>   snn_create + snn_destroy: memory, connectivity, initial values;
//   Step/<net>    snn_step of 100 steps on a built network (counter: simulated steps/s);
//   Deliver/<format>  the delivery kernel of one projection stored as csr, bitmask,
//                 procedural (40,000 Poisson sources at 10 Hz -> 10,000 targets with p = 0.1,
//                 or p = 0.6 for "bitmask-dense" and "csr-dense") or dense (all_to_all,
//                 4,000 -> 10,000): 100 steps (counter: synaptic events/s);
//   Machine/scatter/<threads>  a yardstick of the machine, not of snnc: each thread adds 1 into
//                 its own 400 KB array at pseudo-random places (no data shared), as delivery
//                 does; the ratio of the 2- and 1-thread rates is what a second thread can give
//                 memory-bound work on this machine at this time (counter: adds/s);
//   Update/<model> the update kernel of 100,000 neurons of a standard model, no input:
//                 100 steps (counter: neuron updates/s).
// Built with -DSNNC_BUILD_BENCHMARKS=ON; run e.g.
//   build/bin/snnc-micro-bench --benchmark_filter='Step/.*'
// Brunel (15.6 M synapses) is registered for Step only: one Build takes about 0.3 s.
//
//===----------------------------------------------------------------------------------------===//
#include "codegen/llvm/LLVMBackend.h"
#include "frontend/Frontend.h"
#include "ir/Verifier.h"
#include "passes/Pipeline.h"
#include "snn/runtime.h"

#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

using namespace snn;

namespace {

/// The diagnostics (and the sources they point into) must outlive the IR built from them.
struct Compilation {
  llvm::SourceMgr SM;
  DiagnosticsEngine Diags{SM};
  std::unique_ptr<ir::Network> Net;
};

[[noreturn]] void fail(const std::string &What) {
  std::fprintf(stderr, "snnc-micro-bench: %s\n", What.c_str());
  std::exit(1);
}

std::string networkPath(const std::string &Name) {
  if (Name.find('/') != std::string::npos)
    return Name; // a generated network
  return std::string(SNNC_BENCH_NETWORKS) + "/" + Name + ".snn";
}

/// Writes `Text` to a file of the temporary directory and returns its path.
std::string writeNetwork(const std::string &Name, const std::string &Text) {
  const char *Dir = std::getenv("TMPDIR");
  std::string Path = std::string(Dir && *Dir ? Dir : "/tmp") + "/snnc-micro-" + Name + ".snn";
  std::FILE *F = std::fopen(Path.c_str(), "w");
  if (!F || std::fputs(Text.c_str(), F) < 0 || std::fclose(F) != 0)
    fail("cannot write " + Path);
  return Path;
}

/// One projection from 40,000 Poisson sources (or 4,000 for all_to_all) onto 10,000 targets
/// that only sum their input, stored as `Format`.
std::string deliveryNetwork(const std::string &Format, const std::string &Rule) {
  const bool All = Rule == "all_to_all";
  return "neuron Sink {\n"
         "    state v = 0 mV\n"
         "    on receive in(w : mV) { v += w }\n"
         "}\n"
         "network delivery {\n"
         "    population src = poisson[" + std::string(All ? "4000" : "40000") +
         "](rate = 10 Hz)\n"
         "    population T = Sink[10000]\n"
         "    connect src -> T : " + Rule + ", weight = 0.1 mV, delay = 1.5 ms, storage = " +
         Format + "\n"
         "    simulate 1 s\n"
         "}\n";
}

std::string updateNetwork(const std::string &Model) {
  return "import \"std/all.snn\"\n"
         "network updates {\n"
         "    population P = " + Model + "[100000]\n"
         "    simulate 1 s\n"
         "}\n";
}

/// Frontend + default pipeline; exits on errors (the networks are known to compile).
std::unique_ptr<Compilation> lower(const std::string &Name) {
  auto C = std::make_unique<Compilation>();
  FrontendOptions O;
  O.Input = networkPath(Name);
  O.StdlibDir = SNNC_STDLIB_DIR;
  Frontend F(C->Diags, O);
  if (!F.parse())
    fail("cannot parse " + O.Input);
  C->Net = F.lower();
  if (!C->Net || !ir::verify(*C->Net, C->Diags, "after the frontend"))
    fail("cannot lower " + O.Input);
  PassManager PM;
  buildDefaultPipeline(PM);
  PassContext Ctx{C->Diags};
  if (!PM.run(*C->Net, Ctx))
    fail("the pass pipeline failed on " + O.Input);
  return C;
}

std::unique_ptr<codegen::JitNetwork> jit(Compilation &C) {
  auto Ctx = std::make_unique<llvm::LLVMContext>();
  std::unique_ptr<llvm::Module> M = codegen::buildModule(*C.Net, *Ctx, C.Diags);
  if (!M)
    fail("cannot build the module of " + C.Net->Name);
  auto J = codegen::JitNetwork::create(std::move(M), std::move(Ctx), C.Net->Name,
                                       codegen::CodegenOptions{}.OptLevel, C.Diags);
  if (!J)
    fail("cannot JIT-compile " + C.Net->Name);
  return J;
}

struct NetDeleter {
  void operator()(snn_network *N) const { snn_destroy(N); }
};
using NetPtr = std::unique_ptr<snn_network, NetDeleter>;

NetPtr build(const codegen::JitNetwork &J) {
  snn_options Opts;
  snn_options_init(&Opts);
  NetPtr N(snn_create(J.model(), &Opts));
  if (!N)
    fail(std::string("snn_create failed: ") + snn_last_error());
  return N;
}

void BM_Lower(benchmark::State &S, std::string Name) {
  for (auto _ : S) {
    auto C = lower(Name);
    benchmark::DoNotOptimize(C->Net.get());
  }
}

void BM_Jit(benchmark::State &S, std::string Name) {
  auto C = lower(Name);
  for (auto _ : S) {
    auto J = jit(*C);
    benchmark::DoNotOptimize(J->model());
  }
}

void BM_Build(benchmark::State &S, std::string Name) {
  auto C = lower(Name);
  auto J = jit(*C);
  uint64_t Synapses = 0;
  for (auto _ : S) {
    NetPtr N = build(*J);
    Synapses = snn_total_synapse_count(N.get());
  }
  S.counters["synapses"] = double(Synapses);
  S.counters["synapses/s"] =
      benchmark::Counter(double(Synapses), benchmark::Counter::kIsIterationInvariantRate);
}

constexpr uint64_t Steps = 100; ///< steps per iteration of the stepping benchmarks

/// Lowers, compiles and builds the network at `Name`, then times Steps steps per iteration;
/// returns the network for the caller's counters.
NetPtr stepBenchmark(benchmark::State &S, const std::string &Name,
                     const std::function<void(snn_network *)> &BeforeTiming = nullptr) {
  auto C = lower(Name);
  auto J = jit(*C);
  NetPtr N = build(*J);
  if (BeforeTiming)
    BeforeTiming(N.get());
  for (auto _ : S)
    if (snn_step(N.get(), Steps) != 0)
      fail(std::string("snn_step failed: ") + snn_last_error());
  return N;
}

void BM_Step(benchmark::State &S, std::string Name) {
  stepBenchmark(S, Name);
  S.counters["steps/s"] =
      benchmark::Counter(double(Steps), benchmark::Counter::kIsIterationInvariantRate);
}

/// 100 steps of a network of one projection; counts the synaptic events its source's spikes
/// caused (spikes x synapses per source).
void BM_Deliver(benchmark::State &S, std::string Path) {
  double PerSource = 0;
  uint64_t Before = 0;
  NetPtr N = stepBenchmark(S, Path, [&](snn_network *Net) {
    PerSource = double(snn_total_synapse_count(Net)) / double(snn_population_size(Net, 0));
    Before = snn_spike_count(Net, 0);
  });
  S.counters["events/s"] = benchmark::Counter(
      double(snn_spike_count(N.get(), 0) - Before) * PerSource, benchmark::Counter::kIsRate);
}

void BM_Update(benchmark::State &S, std::string Path) {
  stepBenchmark(S, Path);
  S.counters["updates/s"] = benchmark::Counter(double(Steps) * 100000.0,
                                               benchmark::Counter::kIsIterationInvariantRate);
}

void BM_Scatter(benchmark::State &S, unsigned Threads) {
  constexpr size_t Size = 50000;         // doubles per thread: 400 KB
  constexpr uint64_t Adds = 20'000'000; // per iteration, split among the threads
  std::vector<std::vector<double>> Arrays(Threads, std::vector<double>(Size, 0.0));
  for (auto _ : S) {
    std::vector<std::thread> Workers;
    for (unsigned T = 0; T < Threads; ++T)
      Workers.emplace_back([&, T] {
        double *A = Arrays[T].data();
        uint32_t X = 12345 + T;
        for (uint64_t I = 0; I < Adds / Threads; ++I) {
          X = X * 1664525u + 1013904223u;
          A[(X >> 8) % Size] += 1.0;
        }
      });
    for (std::thread &W : Workers)
      W.join();
  }
  benchmark::DoNotOptimize(Arrays[0][0]);
  S.counters["adds/s"] =
      benchmark::Counter(double(Adds), benchmark::Counter::kIsIterationInvariantRate);
}

} // namespace

int main(int argc, char **argv) {
  codegen::initializeLLVMTargets();
  for (const char *Net : {"tiny", "cuba", "coba", "brunel"}) {
    std::string Name = Net;
    bool Small = Name != "brunel";
    if (Small) {
      benchmark::RegisterBenchmark(("Lower/" + Name).c_str(), BM_Lower, Name)
          ->Unit(benchmark::kMillisecond);
      benchmark::RegisterBenchmark(("Jit/" + Name).c_str(), BM_Jit, Name)
          ->Unit(benchmark::kMillisecond);
      benchmark::RegisterBenchmark(("Build/" + Name).c_str(), BM_Build, Name)
          ->Unit(benchmark::kMillisecond);
    }
    benchmark::RegisterBenchmark(("Step/" + Name).c_str(), BM_Step, Name)
        ->Unit(benchmark::kMillisecond);
  }
  const std::pair<const char *, const char *> Deliveries[] = {
      {"csr", "fixed_probability(0.1)"},        {"bitmask", "fixed_probability(0.1)"},
      {"procedural", "fixed_probability(0.1)"}, {"csr-dense", "fixed_probability(0.6)"},
      {"bitmask-dense", "fixed_probability(0.6)"}, {"dense", "all_to_all"}};
  for (const auto &[Name, Rule] : Deliveries) {
    std::string Format = Name;
    Format = Format.substr(0, Format.find('-'));
    benchmark::RegisterBenchmark(("Deliver/" + std::string(Name)).c_str(), BM_Deliver,
                                 writeNetwork(std::string("deliver-") + Name,
                                              deliveryNetwork(Format, Rule)))
        ->Unit(benchmark::kMillisecond);
  }
  for (unsigned Threads : {1u, 2u})
    benchmark::RegisterBenchmark(("Machine/scatter/" + std::to_string(Threads)).c_str(),
                                 BM_Scatter, Threads)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
  for (const char *Model : {"LIF", "LIFCondExp", "Izhikevich", "AdEx", "HodgkinHuxley"})
    benchmark::RegisterBenchmark(("Update/" + std::string(Model)).c_str(), BM_Update,
                                 writeNetwork(std::string("update-") + Model, updateNetwork(Model)))
        ->Unit(benchmark::kMillisecond);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv))
    return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
