// Embeds a compiled network in an application: creates it, steps it, injects input through a
// continuous input variable, and reads the spikes of each step, as a closed-loop controller
// would. Exits with status 0 only if the network behaves as expected:
//   - without input nothing fires;
//   - with a current into the first five sensors, exactly those sensors fire and the motors
//     respond;
//   - after the input is removed, activity stops.
#include "reflex.h"

#include <cstdio>
#include <vector>

namespace {

int fail(const char *What) {
  std::fprintf(stderr, "reflex: %s (%s)\n", What, snn_last_error());
  return 1;
}

/// Steps n times and counts the spikes per neuron of a population, step by step.
void stepAndCount(snn_network *Net, int Steps, int Pop, std::vector<int> &Counts,
                  std::vector<int> &Other, int OtherPop) {
  for (int S = 0; S < Steps; ++S) {
    snn_step(Net, 1);
    const uint32_t *Idx;
    size_t N;
    snn_last_spikes(Net, Pop, &Idx, &N);
    for (size_t K = 0; K < N; ++K)
      ++Counts[Idx[K]];
    snn_last_spikes(Net, OtherPop, &Idx, &N);
    for (size_t K = 0; K < N; ++K)
      ++Other[Idx[K]];
  }
}

} // namespace

int main() {
  snn_options Opts;
  snn_options_init(&Opts);
  snn_network *Net = reflex_create(&Opts);
  if (!Net)
    return fail("cannot create the network");
  const int Sensors = REFLEX_POP_sensors, Motors = REFLEX_POP_motors;
  std::vector<int> S(REFLEX_SIZE_sensors, 0), M(REFLEX_SIZE_motors, 0);

  // 50 ms without input.
  stepAndCount(Net, 500, Sensors, S, M, Motors);
  int Quiet = 0;
  for (int C : S)
    Quiet += C;
  for (int C : M)
    Quiet += C;

  // Inject 0.3 nA into sensors 0..4 (R I = 30 mV above rest, 15 mV above threshold).
  std::vector<double> Current(5, 0.3e-9);
  if (snn_set_state(Net, Sensors, REFLEX_VAR_sensors_I_ext, 0, 5, Current.data()) != 0)
    return fail("cannot set the input");
  std::vector<int> S2(REFLEX_SIZE_sensors, 0), M2(REFLEX_SIZE_motors, 0);
  stepAndCount(Net, 1000, Sensors, S2, M2, Motors);

  // Remove the input and let the network settle.
  std::vector<double> Zero(5, 0.0);
  snn_set_state(Net, Sensors, REFLEX_VAR_sensors_I_ext, 0, 5, Zero.data());
  stepAndCount(Net, 200, Sensors, S, M, Motors); // transient after switching off
  std::vector<int> S3(REFLEX_SIZE_sensors, 0), M3(REFLEX_SIZE_motors, 0);
  stepAndCount(Net, 500, Sensors, S3, M3, Motors);

  double V[2];
  snn_get_state(Net, Motors, REFLEX_VAR_motors_v, 0, 2, V);
  std::printf("time %.1f ms; quiet phase: %d spikes\n", snn_time(Net) * 1e3, Quiet);
  std::printf("stimulated sensors:");
  for (int I = 0; I < 10; ++I)
    std::printf(" %d", S2[I]);
  std::printf("\nmotors: %d %d spikes; after input removed: %d\n", M2[0], M2[1],
              M3[0] + M3[1] + S3[0]);
  std::printf("motor v = %.2f mV, %.2f mV\n", V[0] * 1e3, V[1] * 1e3);

  bool Ok = Quiet == 0 && M2[0] > 0 && M2[1] > 0 && M3[0] + M3[1] == 0;
  for (int I = 0; I < 10; ++I) {
    bool Stimulated = I < 5;
    Ok = Ok && (Stimulated ? S2[I] > 0 : S2[I] == 0) && S3[I] == 0;
  }
  snn_destroy(Net);
  std::puts(Ok ? "reflex: OK" : "reflex: unexpected behaviour");
  return Ok ? 0 : 1;
}
