//===- tools/snnc/ReportQuantization.cpp - what quantizing for a chip cost ------------------===//
//
// `--report=quantization` prints, on stderr after the passes, for a chip target: per neuron
// population, the chip neuron's integer parameters, the real value of one unit of the membrane
// potential and the relative error of each parameter (decay factors, bias) against the model;
// per projection, the weight format (exponent, bits, sign mode), the real weight of one unit,
// and the largest and RMS error of the quantized weights relative to the largest weight (over
// every listed weight, or 1001 values spread over a distribution).
//
//   quantization of network 'n' for target 'loihi':
//   population  neuron          unit of v       parameters                  errors
//   E           loihi_cuba_lif  9.5367e-09 V    du 4095 dv 20 vth 32768 ... v_decay 1.2e-05 ...
//   projection  exponent  bits  sign        unit of weight  max error  rms error
//   E->I               2     8  excitatory  6.1035e-07      0.12%      0.08%
//
//===----------------------------------------------------------------------------------------===//
#include "tools/snnc/Driver.h"

#include "llvm/Support/FormatVariadic.h"

namespace snn::driver {

void printQuantizationReport(const ir::Network &N, const support::TargetDesc &T,
                             llvm::raw_ostream &OS) {
  if (!T.isChip()) {
    OS << "quantization of network '" << N.Name << "': nothing to report; target '" << T.Name
       << "' computes in floating point\n";
    return;
  }
  OS << "quantization of network '" << N.Name << "' for target '" << T.Name << "':\n";
  OS << llvm::formatv("{0,-12} {1,-15} {2,-14} {3}\n", "population", "neuron", "unit of v",
                      "parameters / relative errors");
  for (const ir::Population &P : N.Populations) {
    if (P.Kind != ir::PopKind::Neuron)
      continue;
    const ir::NeuronModel *M = N.findModel(P.Model);
    if (!M || !M->Chip.set())
      continue;
    std::string Params, Errors;
    for (const auto &[Name, V] : M->Chip.Params)
      Params += (Params.empty() ? "" : " ") + Name + " " + std::to_string(V);
    for (const auto &[Name, E] : M->Chip.Errors)
      Errors += (Errors.empty() ? "" : ", ") + Name + " " + llvm::formatv("{0:e2}", E).str();
    OS << llvm::formatv("{0,-12} {1,-15} {2,-14} {3}\n", P.Name,
                        support::neuronFamilyName(M->Chip.Family),
                        llvm::formatv("{0:e4} V", M->Chip.Unit).str(), Params);
    OS << llvm::formatv("{0,-12} {1,-15} {2,-14} {3}\n", "", "", "", Errors);
  }
  OS << llvm::formatv("{0,-12} {1,8} {2,5}  {3,-11} {4,-15} {5,10} {6,10}\n", "projection",
                      "exponent", "bits", "sign", "unit of weight", "max error", "rms error");
  for (const ir::Projection &P : N.Projections) {
    if (!P.Chip.Set)
      continue;
    OS << llvm::formatv("{0,-12} {1,8} {2,5}  {3,-11} {4,-15} {5,9:P2} {6,9:P2}\n", P.name(),
                        P.Chip.Exp, P.Chip.Bits, support::signModeName(P.Chip.Sign),
                        llvm::formatv("{0:e4}", P.Chip.Unit).str(), P.Chip.MaxErr,
                        P.Chip.RmsErr);
  }
}

} // namespace snn::driver
