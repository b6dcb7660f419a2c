/* Reads and writes the synapses of pair-basic.snn through the C API (used by capi-weights.test):
 * one STDP synapse pre -> post with w (per synapse), x (presynaptic trace) and y (postsynaptic
 * trace). The pairing at 11 ms (arrival) / 15.1 ms (postsynaptic spike) teaches
 * dw = 0.02 mV * exp(-4.1 ms / 16.8 ms). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "net.h"

static int failures = 0;

static void expect(int ok, const char *what) {
  if (!ok) {
    printf("FAILED: %s (last error: %s)\n", what, snn_last_error());
    ++failures;
  }
}

/* |got - want| <= 1e-12 |want| */
static void expectClose(double got, double want, const char *what) {
  if (!(fabs(got - want) <= 1e-12 * fabs(want))) {
    printf("FAILED: %s = %.17g, expected %.17g\n", what, got, want);
    ++failures;
  }
}

static double value(const snn_network *net, int proj, int var) {
  double v = NAN;
  expect(snn_get_synapse_values(net, proj, var, 0, 1, &v) == SNN_OK, "snn_get_synapse_values");
  return v;
}

int main(void) {
  snn_network *net = pairing_create(NULL);
  if (!net) {
    printf("FAILED: %s\n", snn_last_error());
    return 1;
  }
  const int proj = snn_find_projection(net, "pre->post");
  expect(proj == 0 && proj == PAIRING_PROJ_pre_post, "snn_find_projection(\"pre->post\")");
  expect(snn_find_projection(net, "kick->post") == 1, "snn_find_projection(\"kick->post\")");
  expect(snn_projection_synapse_count(net, proj) == 1, "one synapse");
  expect(snn_synapse_variable_count(net, proj) == 3, "three synapse variables");
  expect(snn_synapse_variable_count(net, 1) == 0, "a static projection has no variables");
  expect(snn_find_synapse_variable(net, proj, "y") == PAIRING_SYNVAR_pre_post_y &&
             snn_synapse_variable_count(net, proj) == PAIRING_NUM_SYNVARS_pre_post,
         "the header's synapse variable constants");
  const int w = snn_find_synapse_variable(net, proj, "w");
  const int x = snn_find_synapse_variable(net, proj, "x");
  const int y = snn_find_synapse_variable(net, proj, "y");
  expect(w >= 0 && x >= 0 && y >= 0, "w, x and y exist");
  expect(strcmp(snn_synapse_variable_unit(net, proj, w), "V") == 0, "w is in volts");
  expect(strcmp(snn_synapse_variable_name(net, proj, x), "x") == 0, "the name of x");
  uint32_t pre = 99, post = 99;
  expect(snn_get_synapses(net, proj, 0, 1, &pre, &post) == SNN_OK && pre == 0 && post == 0,
         "the synapse connects pre[0] -> post[0]");

  /* 15 ms: the presynaptic spike arrived at 11 ms (x = 1 then, decaying since); no pairing yet. */
  expect(snn_run(net, 0.015) == SNN_OK, "run to 15 ms");
  expectClose(value(net, proj, w), 0.5e-3, "w at 15 ms");
  expectClose(value(net, proj, x), exp(-4.0 / 16.8), "x at 15 ms");

  /* 20 ms: the postsynaptic spike at 15.1 ms potentiated w by A_plus * w_max * x(15.1 ms). */
  expect(snn_run(net, 0.005) == SNN_OK, "run to 20 ms");
  const double learned = 0.5e-3 + 0.02e-3 * exp(-4.1 / 16.8);
  double weight = 0;
  expect(snn_get_weights(net, proj, 0, 1, &weight) == SNN_OK, "snn_get_weights");
  expectClose(weight, learned, "learned weight");
  expectClose(value(net, proj, w), learned, "w at 20 ms");
  expectClose(value(net, proj, x), exp(-9.0 / 16.8), "x at 20 ms");
  expectClose(value(net, proj, y), exp(-4.9 / 33.7), "y at 20 ms");
  double kick = 0;
  expect(snn_get_weights(net, 1, 0, 1, &kick) == SNN_OK, "static weight");
  expectClose(kick, 5e-3, "weight of kick -> post");
  printf("learned w = %.15g mV\n", weight * 1e3);

  /* Writing: w per synapse is allowed, the presynaptic trace x is not. */
  const double reset = 0.3e-3;
  expect(snn_set_synapse_values(net, proj, w, 0, 1, &reset) == SNN_OK, "set w");
  expectClose(value(net, proj, w), 0.3e-3, "w after setting it");
  expect(snn_set_synapse_values(net, proj, x, 0, 1, &reset) == SNN_ERROR_INVALID_ARGUMENT,
         "setting x fails");
  expect(strstr(snn_last_error(), "once per presynaptic neuron") != NULL,
         "the error says where x is stored");
  expect(snn_run(net, 0.010) == SNN_OK, "run to 30 ms");
  expectClose(value(net, proj, w), 0.3e-3, "w stays without spikes");

  snn_destroy(net);
  if (failures == 0)
    printf("capi-weights: OK\n");
  return failures == 0 ? 0 : 1;
}
