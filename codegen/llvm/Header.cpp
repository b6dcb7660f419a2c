//===- codegen/llvm/Header.cpp - the C header of a compiled network -------------------------===//
//
// The header is all an application needs besides <snn/runtime.h>: the model symbol, a
// create function, and enumerators for population and variable indices so that calls such as
// snn_get_state(net, BRUNEL_POP_E, BRUNEL_VAR_E_v, ...) are checked by the C compiler instead of
// looked up by name at run time.
//
//===----------------------------------------------------------------------------------------===//
#include "codegen/llvm/BufferPlan.h"
#include "codegen/llvm/LLVMBackend.h"

#include "ir/Printer.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <map>

namespace snn::codegen {

std::optional<std::string> writeHeader(const ir::Network &N, llvm::StringRef SourceName,
                                       DiagnosticsEngine &Diags) {
  std::string S;
  llvm::raw_string_ostream OS(S);
  std::string Up = llvm::StringRef(N.Name).upper();
  std::string Guard = "SNN_NETWORK_" + Up + "_H";
  BufferPlan Plan(N);
  // Every C name the header defines, to report two entities that would get the same name.
  std::map<std::string, std::string> Names;
  bool Ok = true;
  auto name = [&](std::string C, const std::string &What) {
    auto [It, New] = Names.try_emplace(C, What);
    if (!New) {
      Diags.error(N.Loc, "the C header would define '" + C + "' for both " + It->second +
                             " and " + What + "; rename one of them");
      Ok = false;
    }
    return C;
  };
  OS << "/* " << N.Name << ".h: C API of the spiking network '" << N.Name << "', compiled by snnc"
     << " from " << SourceName << ".\n"
     << " * Generated file: do not edit. Link the object file and libsnnrt (CMake:\n"
     << " * snnc_add_network). All values are SI units (s, V, A, S, F, ohm, Hz). */\n"
     << "#ifndef " << Guard << "\n#define " << Guard << "\n\n"
     << "#include <snn/runtime.h>\n\n"
     << "#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n"
     << "/** The compiled network; pass it to snn_create(). */\n"
     << "extern const snn_model " << N.Name << "_model;\n\n"
     << "/** Creates an instance; `opts` may be NULL (default seed " << N.Sim.Seed
     << ", no progress bar).\n *  Returns NULL on failure (see snn_last_error()). */\n"
     << "static inline snn_network *" << N.Name << "_create(const snn_options *opts) {\n"
     << "  return snn_create(&" << N.Name << "_model, opts);\n}\n\n"
     << "#define " << Up << "_DT " << ir::formatNumber(N.Sim.Dt) << " /* seconds */\n"
     << "#define " << Up << "_DURATION " << ir::formatNumber(N.Sim.Duration)
     << " /* seconds, of the 'simulate' statement */\n\n"
     << "/* Populations: indices for the snn_* functions. */\nenum {\n";
  for (size_t I = 0; I < N.Populations.size(); ++I)
    OS << "  " << name(Up + "_POP_" + N.Populations[I].Name,
                       "population '" + N.Populations[I].Name + "'")
       << " = " << I << ", /* " << ir::popKindName(N.Populations[I].Kind) << " */\n";
  OS << "  " << Up << "_NUM_POPULATIONS = " << N.Populations.size() << "\n};\n\n";
  OS << "/* Population sizes. */\n";
  for (const ir::Population &P : N.Populations)
    OS << "#define " << name(Up + "_SIZE_" + P.Name, "population '" + P.Name + "'") << " "
       << P.Size << "u\n";
  for (size_t I = 0; I < N.Populations.size(); ++I) {
    const ir::Population &P = N.Populations[I];
    if (P.Kind != ir::PopKind::Neuron)
      continue;
    const ir::NeuronModel *M = N.findModel(P.Model);
    OS << "\n/* Variables of population " << P.Name << " (snn_get_state / snn_set_state). */\n"
       << "enum {\n";
    const PopBuffers &B = Plan.pop(I);
    for (size_t K = 0; K < B.VarOrder.size(); ++K) {
      const std::string &V = B.VarOrder[K];
      const ir::Variable *Var = M->findVariable(V);
      OS << "  " << name(Up + "_VAR_" + P.Name + "_" + V, "'" + P.Name + "." + V + "'") << " = "
         << K << ", /* " << (M->findState(V) ? "state" : "input") << ", " << Var->D.str()
         << " */\n";
    }
    OS << "  " << name(Up + "_NUM_VARS_" + P.Name, "population '" + P.Name + "'") << " = "
       << B.VarOrder.size() << "\n};\n";
  }
  // Projections: A -> B is <NET>_PROJ_A_B; a second projection A -> B gets the suffix _2, ...
  std::map<std::string, int> Seen;
  std::vector<std::string> ProjNames;
  for (const ir::Projection &P : N.Projections) {
    std::string Base = P.Source + "_" + P.Target;
    int K = ++Seen[Base];
    ProjNames.push_back(K == 1 ? Base : Base + "_" + std::to_string(K));
  }
  if (!N.Projections.empty()) {
    OS << "\n/* Projections (snn_projection_synapse_count, snn_get_weights, ...). */\nenum {\n";
    for (size_t I = 0; I < N.Projections.size(); ++I)
      OS << "  " << name(Up + "_PROJ_" + ProjNames[I], "projection " + N.Projections[I].name())
         << " = " << I << ", /* " << N.Projections[I].name()
         << (N.Projections[I].Synapse.empty() ? "" : ", synapse " + N.Projections[I].Synapse)
         << " */\n";
    OS << "  " << Up << "_NUM_PROJECTIONS = " << N.Projections.size() << "\n};\n";
  }
  for (size_t I = 0; I < N.Projections.size(); ++I) {
    const ir::Projection &P = N.Projections[I];
    if (P.Synapse.empty())
      continue;
    const ir::SynapseModel *S = N.findSynapse(P.Synapse);
    const SynapseBuffers &Y = Plan.proj(I).Syn;
    OS << "\n/* Synapse variables of projection " << P.name()
       << " (snn_get_synapse_values / snn_set_synapse_values). */\nenum {\n";
    for (size_t K = 0; K < Y.VarOrder.size(); ++K) {
      const std::string &V = Y.VarOrder[K];
      OS << "  " << name(Up + "_SYNVAR_" + ProjNames[I] + "_" + V, "'" + V + "' of " + P.name())
         << " = " << K << ", /* " << S->findState(V)->D.str()
         << (S->isPreTrace(V)    ? ", per presynaptic neuron"
             : S->isPostTrace(V) ? ", per postsynaptic neuron"
                                 : "")
         << " */\n";
    }
    OS << "  " << name(Up + "_NUM_SYNVARS_" + ProjNames[I], "projection " + P.name()) << " = "
       << Y.VarOrder.size() << "\n};\n";
  }
  OS << "\n#ifdef __cplusplus\n}\n#endif\n#endif /* " << Guard << " */\n";
  if (!Ok)
    return std::nullopt;
  return S;
}

} // namespace snn::codegen
