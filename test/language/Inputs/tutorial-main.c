#include <stdio.h>
#include "net.h"

int main(void) {
  snn_network *net = tutorial_create(NULL);     /* NULL: the seed of the 'simulate' statement */
  if (!net) {
    fprintf(stderr, "%s\n", snn_last_error());
    return 1;
  }

  /* Inject 0.1 nA into the first 100 excitatory neurons (values are SI: amperes). */
  double current[100];
  for (int i = 0; i < 100; ++i)
    current[i] = 0.1e-9;
  snn_set_state(net, TUTORIAL_POP_E, TUTORIAL_VAR_E_I_ext, 0, 100, current);

  /* Run 1 s in steps of 100 ms and report the spikes of each chunk. */
  uint64_t before = 0;
  for (int chunk = 0; chunk < 10; ++chunk) {
    snn_run(net, 0.1);
    uint64_t total = snn_spike_count(net, TUTORIAL_POP_E);
    printf("t = %4.0f ms: %6llu spikes in E\n", snn_time(net) * 1e3,
           (unsigned long long)(total - before));
    before = total;
  }

  double v[3];
  snn_get_state(net, TUTORIAL_POP_E, TUTORIAL_VAR_E_v, 0, 3, v);
  printf("v of E[0:3] = %.2f %.2f %.2f mV\n", v[0] * 1e3, v[1] * 1e3, v[2] * 1e3);

  snn_write_recordings(net, "c-results");
  snn_destroy(net);
  return 0;
}
