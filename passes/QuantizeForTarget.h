//===- passes/QuantizeForTarget.h - what the chip quantizers share -------------------------===//
//
// quantize-for-target (QuantizeForTarget.cpp) maps each neuron population onto the neuron of a
// chip target and each projection's weights onto the chip's weight format. The chip families
// (QuantizeLoihi.cpp, QuantizeTrueNorth.cpp, QuantizeSpinnaker.cpp) share:
//  - recognizeLif(): the model as a leaky integrate-and-fire neuron with a membrane potential V,
//    at most one exponentially decaying synaptic current I, a constant threshold, a reset of V
//    to a constant, and ports that add a multiple of the weight to V or I; every feature that
//    does not fit is an error at its source line naming the feature and the target;
//  - weightRange(): the values a projection's weights may take;
//  - the population's new model, named "<model>.<target>.<population>".
//
//===----------------------------------------------------------------------------------------===//
#ifndef SNNC_PASSES_QUANTIZEFORTARGET_H
#define SNNC_PASSES_QUANTIZEFORTARGET_H

#include "passes/Pass.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace snn::quantize {

/// dV/dt = Avv V + sum_c Avi_c I_c + Cv, dI_c/dt = Aii_c I_c; a spike when V > Theta (V >= Theta
/// if !Strict), then V = Reset; a port adds K times the weight to V or to a current. I, Avi and
/// Aii describe the first current (the only one Loihi has).
struct LifShape {
  std::string V, I; ///< I empty: the ports add to V (delta synapses)
  double Avv = 0, Avi = 0, Cv = 0, Aii = 0;
  struct Current {
    std::string Name;
    double Avi = 0, Aii = 0;
  };
  std::vector<Current> Currents; ///< at most 2, in declaration order
  double Theta = 0, Reset = 0;
  bool Strict = true;
  /// How the reset changes V: to the constant Reset, down by Reset (`v -= c`), or not at all.
  enum class ResetKind { ToValue, Subtract, None };
  ResetKind ResetBy = ResetKind::ToValue;
  llvm::SMRange ResetLoc;
  struct PortEffect {
    bool ToCurrent = false;
    int Current = -1; ///< the index into Currents, -1 for V
    double K = 1;
  };
  std::map<std::string, PortEffect> Ports;
  int64_t RefractorySteps = 0;
  llvm::SMRange RefractoryLoc;
};

/// Recognizes the model of population P (after fold-constants and solve-odes) for target T;
/// reports what does not fit and returns nothing then.
std::optional<LifShape> recognizeLif(const ir::Network &N, const ir::Population &P,
                                     PassContext &Ctx);

/// The smallest and largest weight projection P can deliver (normal distributions: mean +- 4
/// standard deviations; lists: their values).
std::pair<double, double> weightRange(const ir::Projection &P);

/// Representative weights of P for the error report: the constant, every listed value, or 1001
/// quantiles of its distribution.
std::vector<double> weightSamples(const ir::Projection &P);

/// The largest and RMS relative error of quantizing the samples with Q (relative to the largest
/// magnitude of the samples).
std::pair<double, double> quantizationError(const std::vector<double> &Samples,
                                            const support::fx::Quantizer &Q);

/// The chip weight format of a projection: the stored values are multiples of Step in [Lo, Hi]
/// and the target adds shift(sum, Exp) to its input.
struct WeightFormat {
  int Exp = 0;
  unsigned Bits = 0;
  support::SignMode Sign = support::SignMode::Excitatory;
  int64_t Step = 1, Lo = 0, Hi = 0;
};

/// Chooses the sign mode, the mantissa width and the smallest exponent at which the weights of P
/// (times Gain, in the chip's input units before the shift InputShift) fit the target's weights;
/// reports when none does (weights in the unit of WeightDim). MinExp raises the lowest exponent
/// allowed.
std::optional<WeightFormat> chooseWeightFormat(const ir::Projection &P, const Dim &WeightDim,
                                               double Gain, unsigned InputShift, int MinExp,
                                               PassContext &Ctx);

/// Replaces P's weights by chip integers (Unit: the real weight of one stored unit): a constant
/// and listed weights at once, distributions through a quantizer the runtime and the chip
/// backend apply to every draw. Sets P.Chip, with the weights' errors and whether the source's
/// spikes are graded.
void quantizeWeights(const ir::Network &N, ir::Projection &P, const WeightFormat &F,
                     double Unit);

/// The quantizer of a state variable's initial value: (x - Offset) / Scale rounded, clipped to
/// Bits signed bits (saturating: +-(2^(Bits-1) - 1)).
support::fx::Quantizer stateQuantizer(double Offset, double Scale, unsigned Bits);

/// Applies Q to a population's initial value of Var (a constant becomes the integer).
void quantizeInit(ir::Population &P, const std::string &Var, const support::fx::Quantizer &Q);

/// A computed value for a message, with 4 significant digits ("90480", "2.635e-06").
std::string shortNumber(double V);

/// The model's name as the source spells it (without the copy number fold-constants adds).
std::string sourceName(const ir::NeuronModel &M);

/// A name for a new state variable that the model does not use yet.
std::string freshName(const ir::NeuronModel &M, const std::string &Want);

/// Whether the spikes of Source can come more than once per step (Poisson counts, repeated
/// spike times): the chip then carries the count as a graded payload.
bool sourceIsGraded(const ir::Network &N, const ir::Population &Source);

/// How much a unit of current present at the start of a step adds to V by the end of it, with
/// the model's exact dynamics (dV/dt = Avv V + Avi I, dI/dt = Aii I): the propagator element
/// Avi (e^(Aii dt) - e^(Avv dt)) / (Aii - Avv) (Avi dt e^(Avv dt) when the rates are equal).
/// The chips add the step's input after their decay, so the native run's effect of an input
/// over its arrival step is what their weights must carry.
double currentToVoltage(double Avv, double Avi, double Aii, double Dt);

/// The chip families.
bool quantizeLoihi(ir::Network &N, size_t PopIndex, const LifShape &S, PassContext &Ctx);
bool quantizeTrueNorth(ir::Network &N, size_t PopIndex, const LifShape &S, PassContext &Ctx);
bool quantizeSpinnaker(ir::Network &N, size_t PopIndex, const LifShape &S, PassContext &Ctx);

/// A TrueNorth neuron that fires in the step one unit of input reaches it and forgets it (no
/// leak, reset to 0): the relay insert-relays copies spikes with (port in0, weight 1).
std::unique_ptr<ir::NeuronModel> trueNorthRelayModel(const support::TargetDesc &T,
                                                     const std::string &Name, llvm::SMRange Loc);

/// The parts of a chip model every family writes the same way.
ir::StateVar intState(const std::string &Name, llvm::SMRange Loc);
ir::ExprPtr fxCall(ir::Func F, std::vector<ir::ExprPtr> Args);

} // namespace snn::quantize

#endif
