// RuntimeSynapseTest.cpp: the synapse functions of the C API (snn_find_projection,
// snn_synapse_variable_*, snn_get_synapses, snn_get_synapse_values, snn_set_synapse_values,
// snn_get_weights) on a hand-written network with a plastic projection, whose kernels stand in for
// generated `on pre`/`on post` code. Checks endpoints in storage order (CSR with empty rows and
// identity storage), lazily decayed reads against the closed form, hoisted traces read through
// their neuron, that reads change nothing, set-then-get, that a write restarts the lazy updates of
// the other decaying variables, plastic delays, and every error path.
#include "RuntimeTestSupport.h"

#include <cmath>
#include <cstdint>
#include <limits>

using namespace snn::rt;
using namespace snn::rt::test;

namespace {

// Buffer indices, as a compiler would bake them into the kernels.
constexpr int kBflags = 4;
constexpr int kW = 12, kZ = 13, kU = 14, kDelay = 15, kX = 16, kY = 17;
constexpr int kLast = 18, kPreLast = 19, kPostLast = 20, kSource = 21, kPreEvents = 24,
              kPostEvents = 25;
constexpr int kQrowPtr = 26, kQcol = 27, kQweight = 28;
constexpr double kDt = 0.001;

// Decay coefficients of the synapse variables (dx/dt = rate x + offset between events).
constexpr double kZrate = -50, kZoffset = 2; // z: per synapse
constexpr double kUrate = -10;               // u: per synapse
constexpr double kXrate = -100;              // x: per presynaptic neuron
constexpr double kYoffset = 3;               // y: per postsynaptic neuron, rate 0

/// The closed form of dx/dt = rate x + offset over `steps` steps from `x`.
double decay(double x, double rate, double offset, int64_t steps) {
  const double delta = static_cast<double>(steps) * kDt;
  if (rate == 0)
    return x + offset * delta;
  const double e = std::exp(rate * delta);
  return x * e + offset / rate * (e - 1.0);
}

/// B's update: neuron 1 fires at step 4, neuron 0 at step 8.
void updateB(void *const *bufs, int64_t step, int64_t begin, int64_t end) {
  auto *flags = static_cast<uint8_t *>(bufs[kBflags]);
  for (int64_t i = begin; i < end; ++i)
    flags[i] = (step == 4 && i == 1) || (step == 8 && i == 0) ? 1 : 0;
}

/// `on pre` of A->B, one event per synapse: z += 1, w += 0.1 mV, x (of the source) += 1, with
/// the decaying variables first brought up to the event's step.
void preAB(void *const *bufs, int64_t step, int64_t begin, int64_t end) {
  auto *events = static_cast<const uint32_t *>(bufs[kPreEvents]);
  auto *source = static_cast<const uint32_t *>(bufs[kSource]);
  auto *w = static_cast<double *>(bufs[kW]);
  auto *z = static_cast<double *>(bufs[kZ]);
  auto *u = static_cast<double *>(bufs[kU]);
  auto *x = static_cast<double *>(bufs[kX]);
  auto *last = static_cast<int64_t *>(bufs[kLast]);
  auto *preLast = static_cast<int64_t *>(bufs[kPreLast]);
  for (int64_t e = begin; e < end; ++e) {
    const uint32_t j = events[e], i = source[j];
    z[j] = decay(z[j], kZrate, kZoffset, step - last[j]) + 1;
    u[j] = decay(u[j], kUrate, 0, step - last[j]);
    last[j] = step;
    w[j] += 1e-4;
    x[i] = decay(x[i], kXrate, 0, step - preLast[i]) + 1;
    preLast[i] = step;
  }
}

/// `on post` of A->B, one event per postsynaptic neuron: y += 1.
void postAB(void *const *bufs, int64_t step, int64_t begin, int64_t end) {
  auto *events = static_cast<const uint32_t *>(bufs[kPostEvents]);
  auto *y = static_cast<double *>(bufs[kY]);
  auto *postLast = static_cast<int64_t *>(bufs[kPostLast]);
  for (int64_t e = begin; e < end; ++e) {
    const uint32_t t = events[e];
    y[t] = decay(y[t], 0, kYoffset, step - postLast[t]) + 1;
    postLast[t] = step;
  }
}

void nothing(void *const *, int64_t, int64_t, int64_t) {}

const std::vector<snn_kernel_fn> kKernels = {updateB, preAB, postAB, nothing};

/// A (3 spike-time generators: 0 at step 2, 2 at step 5) -> B (2 neurons) through a plastic
/// all-to-all projection with a plastic delay of 2 ms; three static projections: C -> B
/// (fixed_probability, drawn weights, many empty rows), A -> A (identity storage, constant
/// weight) and a second A -> B.
Json synapseDescriptor() {
  return Json::parse(R"({
    "abi": 1, "network": "synapses", "dt": 0.001, "seed": 7, "seed_buffer": 0,
    "buffers": [
      {"name": "seed", "type": "u64", "size": 1},
      {"name": "A.spike_idx", "type": "u32", "size": 3},
      {"name": "A.spike_mult", "type": "u32", "size": 3},
      {"name": "A.spike_count", "type": "i64", "size": 1},
      {"name": "B.flags", "type": "u8", "size": 2},
      {"name": "B.spike_idx", "type": "u32", "size": 2},
      {"name": "B.spike_count", "type": "i64", "size": 1},
      {"name": "C.spike_idx", "type": "u32", "size": 40},
      {"name": "C.spike_mult", "type": "u32", "size": 40},
      {"name": "C.spike_count", "type": "i64", "size": 1},
      {"name": "P.row_ptr", "type": "u64", "size": 4},
      {"name": "P.col", "type": "u32", "size": 0, "dynamic": true},
      {"name": "P.syn.w", "type": "f64", "size": 0, "dynamic": true,
       "init": {"kind": "const", "value": 5e-4}},
      {"name": "P.syn.z", "type": "f64", "size": 0, "dynamic": true},
      {"name": "P.syn.u", "type": "f64", "size": 0, "dynamic": true,
       "init": {"kind": "const", "value": 1}},
      {"name": "P.syn.delay", "type": "f64", "size": 0, "dynamic": true,
       "init": {"kind": "const", "value": 0.002}},
      {"name": "P.pre.x", "type": "f64", "size": 3},
      {"name": "P.post.y", "type": "f64", "size": 2},
      {"name": "P.last_update", "type": "i64", "size": 0, "dynamic": true},
      {"name": "P.pre.last_update", "type": "i64", "size": 3},
      {"name": "P.post.last_update", "type": "i64", "size": 2},
      {"name": "P.source", "type": "u32", "size": 0, "dynamic": true},
      {"name": "P.post_ptr", "type": "u64", "size": 3},
      {"name": "P.post_syn", "type": "u32", "size": 0, "dynamic": true},
      {"name": "P.pre_events", "type": "u32", "size": 0, "dynamic": true},
      {"name": "P.post_events", "type": "u32", "size": 0, "dynamic": true},
      {"name": "Q.row_ptr", "type": "u64", "size": 41},
      {"name": "Q.col", "type": "u32", "size": 0, "dynamic": true},
      {"name": "Q.weight", "type": "f64", "size": 0, "dynamic": true},
      {"name": "R.row_ptr", "type": "u64", "size": 4},
      {"name": "R.col", "type": "u32", "size": 0, "dynamic": true}
    ],
    "populations": [
      {"name": "A", "size": 3, "kind": "spike_times", "spike_steps": [2, 5],
       "spike_neurons": [0, 2], "spike_idx": 1, "spike_mult": 2, "spike_count": 3},
      {"name": "B", "size": 2, "kind": "neuron", "update_kernel": 0, "flags": 4,
       "spike_idx": 5, "spike_count": 6},
      {"name": "C", "size": 40, "kind": "spike_times", "spike_steps": [], "spike_neurons": [],
       "spike_idx": 7, "spike_mult": 8, "spike_count": 9}
    ],
    "projections": [
      {"name": "A->B", "source": 0, "target": 1, "rule": {"kind": "all_to_all"},
       "storage": "csr", "row_ptr": 10, "col": 11, "weight": {"kind": "const", "value": 5e-4},
       "delay": {"kind": "const", "steps": 2}, "max_delay_steps": 5, "kernel": 1,
       "plastic": {
         "model": "Test",
         "deliver": "w",
         "variables": [
           {"name": "w", "unit": "V", "per": "synapse", "buffer": 12},
           {"name": "z", "per": "synapse", "buffer": 13, "decay_rate": -50, "decay_offset": 2},
           {"name": "u", "per": "synapse", "buffer": 14, "decay_rate": -10, "decay_offset": 0},
           {"name": "delay", "unit": "s", "per": "synapse", "buffer": 15},
           {"name": "x", "per": "source", "buffer": 16, "decay_rate": -100},
           {"name": "y", "per": "target", "buffer": 17, "decay_rate": 0, "decay_offset": 3}],
         "delay_variable": 15, "last_update": 18, "pre_last_update": 19,
         "post_last_update": 20, "source_buffer": 21, "post_ptr": 22, "post_syn": 23,
         "pre_events": 24, "pre_events_by": "synapse", "pre_event_delay": 0,
         "post_events": 25, "post_events_by": "neuron", "post_event_delay": 0,
         "post_kernel": 2, "delay_at": "axonal"}},
      {"name": "C->B", "source": 2, "target": 1, "rule": {"kind": "fixed_probability", "p": 0.3},
       "row_ptr": 26, "col": 27,
       "weight": {"kind": "normal", "mean": 1e-3, "std": 1e-4}, "weight_buffer": 28,
       "delay": {"kind": "const", "steps": 1}, "max_delay_steps": 1, "kernel": 3},
      {"name": "A->A", "source": 0, "target": 0, "rule": {"kind": "one_to_one"},
       "storage": "identity", "weight": {"kind": "const", "value": 2e-3},
       "delay": {"kind": "const", "steps": 0}, "max_delay_steps": 0, "kernel": 3},
      {"name": "A->B", "source": 0, "target": 1, "rule": {"kind": "all_to_all"},
       "row_ptr": 29, "col": 30, "weight": {"kind": "const", "value": -1e-3},
       "delay": {"kind": "const", "steps": 1}, "max_delay_steps": 1, "kernel": 3}
    ]
  })");
}

// Variable indices of A->B, and its synapses: j = 2 * pre + post.
constexpr int kVarW = 0, kVarZ = 1, kVarU = 2, kVarDelay = 3, kVarX = 4, kVarY = 5;
constexpr uint64_t kSynapses = 6;

NetworkPtr makeNetwork() { return createNetwork(synapseDescriptor(), kKernels); }

/// Every value of synapse variable `var` of A->B through snn_get_synapse_values.
std::vector<double> valuesOf(const snn_network *net, int var) {
  std::vector<double> values(kSynapses);
  EXPECT_EQ(snn_get_synapse_values(net, 0, var, 0, kSynapses, values.data()), SNN_OK)
      << snn_last_error();
  return values;
}

template <class T> std::vector<T> bufferCopy(const snn_network *net, int index, size_t n) {
  const T *data = bufferOf<T>(net, index);
  return std::vector<T>(data, data + n);
}

TEST(RuntimeSynapses, FindsProjectionsAndSynapseVariables) {
  NetworkPtr net = makeNetwork();
  ASSERT_TRUE(net) << snn_last_error();
  snn_network *n = net.get();
  EXPECT_EQ(snn_find_projection(n, "A->B"), 0); // the first of the two
  EXPECT_EQ(snn_find_projection(n, "C->B"), 1);
  EXPECT_EQ(snn_find_projection(n, "A->A"), 2);
  EXPECT_EQ(snn_find_projection(n, "B->A"), -1);
  EXPECT_EQ(snn_synapse_variable_count(n, 0), 6);
  EXPECT_EQ(snn_synapse_variable_count(n, 1), 0); // no synapse model
  EXPECT_EQ(snn_synapse_variable_count(n, 2), 0);
  const char *names[] = {"w", "z", "u", "delay", "x", "y"};
  const char *units[] = {"V", "1", "1", "s", "1", "1"};
  for (int v = 0; v < 6; ++v) {
    EXPECT_EQ(snn_find_synapse_variable(n, 0, names[v]), v);
    EXPECT_STREQ(snn_synapse_variable_name(n, 0, v), names[v]);
    EXPECT_STREQ(snn_synapse_variable_unit(n, 0, v), units[v]);
  }
  EXPECT_EQ(snn_find_synapse_variable(n, 0, "v"), -1);
  EXPECT_EQ(snn_find_synapse_variable(n, 1, "w"), -1); // a static projection has none
}

TEST(RuntimeSynapses, EndpointsFollowStorageOrder) {
  NetworkPtr net = makeNetwork();
  ASSERT_TRUE(net) << snn_last_error();
  snn_network *n = net.get();
  // The plastic all-to-all projection: j = 2 * pre + post.
  std::vector<uint32_t> pre(kSynapses), post(kSynapses);
  ASSERT_EQ(snn_get_synapses(n, 0, 0, kSynapses, pre.data(), post.data()), SNN_OK);
  EXPECT_EQ(pre, (std::vector<uint32_t>{0, 0, 1, 1, 2, 2}));
  EXPECT_EQ(post, (std::vector<uint32_t>{0, 1, 0, 1, 0, 1}));

  // C->B against its CSR buffers, for every subrange, with either output missing.
  const uint64_t count = snn_projection_synapse_count(n, 1);
  const uint64_t *rowPtr = bufferOf<uint64_t>(n, kQrowPtr);
  const uint32_t *col = bufferOf<uint32_t>(n, kQcol);
  std::vector<uint32_t> expectedPre;
  int emptyRows = 0;
  for (uint32_t i = 0; i < 40; ++i) {
    emptyRows += rowPtr[i] == rowPtr[i + 1];
    expectedPre.insert(expectedPre.end(), rowPtr[i + 1] - rowPtr[i], i);
  }
  ASSERT_EQ(expectedPre.size(), count);
  ASSERT_GT(emptyRows, 2) << "the test needs empty rows";
  ASSERT_GT(count, 10u);
  for (uint64_t first = 0; first <= count; ++first) {
    for (uint64_t len : {uint64_t{0}, uint64_t{1}, uint64_t{3}, count - first}) {
      if (first + len > count)
        continue;
      std::vector<uint32_t> p(len + 1, 99), q(len + 1, 99);
      ASSERT_EQ(snn_get_synapses(n, 1, first, len, p.data(), q.data()), SNN_OK);
      for (uint64_t k = 0; k < len; ++k) {
        EXPECT_EQ(p[k], expectedPre[first + k]) << "synapse " << first + k;
        EXPECT_EQ(q[k], col[first + k]) << "synapse " << first + k;
      }
      EXPECT_EQ(p[len], 99u); // nothing written past the range
      ASSERT_EQ(snn_get_synapses(n, 1, first, len, p.data(), nullptr), SNN_OK);
      ASSERT_EQ(snn_get_synapses(n, 1, first, len, nullptr, q.data()), SNN_OK);
      ASSERT_EQ(snn_get_synapses(n, 1, first, len, nullptr, nullptr), SNN_OK);
    }
  }
  // Identity storage: synapse i is i -> i.
  ASSERT_EQ(snn_projection_synapse_count(n, 2), 3u);
  std::vector<uint32_t> ip(2), iq(2);
  ASSERT_EQ(snn_get_synapses(n, 2, 1, 2, ip.data(), iq.data()), SNN_OK);
  EXPECT_EQ(ip, (std::vector<uint32_t>{1, 2}));
  EXPECT_EQ(iq, (std::vector<uint32_t>{1, 2}));
}

TEST(RuntimeSynapses, WeightsOfStaticAndPlasticProjections) {
  NetworkPtr net = makeNetwork();
  ASSERT_TRUE(net) << snn_last_error();
  snn_network *n = net.get();
  const uint64_t count = snn_projection_synapse_count(n, 1);
  std::vector<double> drawn(count);
  ASSERT_EQ(snn_get_weights(n, 1, 0, count, drawn.data()), SNN_OK) << snn_last_error();
  EXPECT_EQ(drawn, bufferCopy<double>(n, kQweight, count)); // drawn per synapse
  std::vector<double> constant(3);
  ASSERT_EQ(snn_get_weights(n, 2, 0, 3, constant.data()), SNN_OK);
  EXPECT_EQ(constant, std::vector<double>(3, 2e-3));
  ASSERT_EQ(snn_get_weights(n, 3, 2, 3, constant.data()), SNN_OK);
  EXPECT_EQ(constant, std::vector<double>(3, -1e-3));
  // The plastic projection: its variable w, as learned.
  std::vector<double> w(kSynapses);
  ASSERT_EQ(snn_get_weights(n, 0, 0, kSynapses, w.data()), SNN_OK);
  EXPECT_EQ(w, std::vector<double>(kSynapses, 5e-4));
  ASSERT_EQ(snn_step(n, 4), SNN_OK); // A0's spike of step 2 reaches synapses 0, 1 at step 4
  ASSERT_EQ(snn_get_weights(n, 0, 0, kSynapses, w.data()), SNN_OK);
  const double learned = 5e-4 + 1e-4;
  EXPECT_EQ(w, (std::vector<double>{learned, learned, 5e-4, 5e-4, 5e-4, 5e-4}));
  EXPECT_EQ(w, valuesOf(n, kVarW));

  // The weight is the variable `on pre` delivers, whatever its name.
  Json desc = synapseDescriptor();
  desc["projections"][0]["plastic"]["variables"][0]["name"] = "g";
  desc["projections"][0]["plastic"]["deliver"] = "g";
  NetworkPtr renamed = createNetwork(desc, kKernels);
  ASSERT_TRUE(renamed) << snn_last_error();
  ASSERT_EQ(snn_get_weights(renamed.get(), 0, 0, 1, w.data()), SNN_OK) << snn_last_error();
  EXPECT_EQ(w[0], 5e-4);

  // A synapse model that delivers an expression has no single weight variable.
  desc["projections"][0]["plastic"].erase("deliver");
  NetworkPtr other = createNetwork(desc, kKernels);
  ASSERT_TRUE(other) << snn_last_error();
  EXPECT_EQ(snn_get_weights(other.get(), 0, 0, 1, w.data()), SNN_ERROR_INVALID_ARGUMENT);
  EXPECT_TRUE(lastErrorMentions("snn_get_weights: the synapse model 'Test' of 'A->B' delivers "
                                "an expression, not a variable"));
}

TEST(RuntimeSynapses, ReadsBringDecayingVariablesUpToTheCurrentStep) {
  NetworkPtr net = makeNetwork();
  ASSERT_TRUE(net) << snn_last_error();
  snn_network *n = net.get();
  // Before any step every decaying variable is as initialized (nothing has elapsed).
  EXPECT_EQ(valuesOf(n, kVarZ), std::vector<double>(kSynapses, 0.0));
  EXPECT_EQ(valuesOf(n, kVarU), std::vector<double>(kSynapses, 1.0));
  EXPECT_EQ(valuesOf(n, kVarDelay), std::vector<double>(kSynapses, 0.002));

  // Step 4: A0's spike (step 2, delay 2 steps) reaches synapses 0 and 1; B1 fires.
  ASSERT_EQ(snn_step(n, 6), SNN_OK);
  const std::vector<int64_t> last = bufferCopy<int64_t>(n, kLast, kSynapses);
  EXPECT_EQ(last, (std::vector<int64_t>{4, 4, 0, 0, 0, 0}));
  const double z4 = decay(0, kZrate, kZoffset, 4) + 1;
  const double zNever = decay(0, kZrate, kZoffset, 6);
  const double z6 = decay(z4, kZrate, kZoffset, 2);
  std::vector<double> z = valuesOf(n, kVarZ);
  for (uint64_t j = 0; j < kSynapses; ++j)
    EXPECT_DOUBLE_EQ(z[j], j < 2 ? z6 : zNever) << "synapse " << j;
  EXPECT_GT(zNever, 0.0); // the offset moves z even without events
  std::vector<double> u = valuesOf(n, kVarU);
  for (uint64_t j = 0; j < kSynapses; ++j)
    EXPECT_DOUBLE_EQ(u[j],
                     j < 2 ? decay(decay(1, kUrate, 0, 4), kUrate, 0, 2) : decay(1, kUrate, 0, 6))
        << "synapse " << j;
  // Hoisted traces, read through each synapse's neuron: x of A0 got two events at step 4.
  std::vector<double> x = valuesOf(n, kVarX);
  const double x0 = decay(2, kXrate, 0, 2);
  EXPECT_DOUBLE_EQ(x[0], x0);
  EXPECT_DOUBLE_EQ(x[1], x0);
  for (uint64_t j = 2; j < kSynapses; ++j)
    EXPECT_EQ(x[j], 0.0);
  // y of B1 jumped at step 4 (rate 0: it grows by offset * elapsed time); B0 never fired.
  std::vector<double> y = valuesOf(n, kVarY);
  const double y1 = decay(decay(0, 0, kYoffset, 4) + 1, 0, kYoffset, 2);
  const double y0 = decay(0, 0, kYoffset, 6);
  for (uint64_t j = 0; j < kSynapses; ++j)
    EXPECT_DOUBLE_EQ(y[j], j % 2 ? y1 : y0) << "synapse " << j;

  // A subrange reads the same values.
  double part[3];
  ASSERT_EQ(snn_get_synapse_values(n, 0, kVarZ, 1, 3, part), SNN_OK);
  EXPECT_EQ(std::vector<double>(part, part + 3), std::vector<double>(z.begin() + 1, z.begin() + 4));

  // Reading changed nothing: stored values and update steps are as the kernels left them.
  EXPECT_EQ(bufferCopy<int64_t>(n, kLast, kSynapses), last);
  EXPECT_EQ(bufferCopy<double>(n, kZ, kSynapses)[0], z4);
  EXPECT_EQ(bufferCopy<double>(n, kZ, kSynapses)[2], 0.0);
  EXPECT_EQ(bufferCopy<double>(n, kX, 3), (std::vector<double>{2, 0, 0}));
  EXPECT_EQ(bufferCopy<int64_t>(n, kPreLast, 3), (std::vector<int64_t>{4, 0, 0}));
  EXPECT_EQ(bufferCopy<int64_t>(n, kPostLast, 2), (std::vector<int64_t>{0, 4}));
}

TEST(RuntimeSynapses, SetThenGetAndTheNextEventsSeeTheValues) {
  NetworkPtr net = makeNetwork();
  ASSERT_TRUE(net) << snn_last_error();
  snn_network *n = net.get();
  ASSERT_EQ(snn_step(n, 6), SNN_OK);
  const std::vector<double> uBefore = valuesOf(n, kVarU);

  // Writing w (which does not decay) to synapses 1 and 2 brings their z and u up to step 6 and
  // restarts their lazy updates there; the values read stay the same.
  const std::vector<double> zBefore = valuesOf(n, kVarZ);
  const double w[2] = {7e-4, 8e-4};
  ASSERT_EQ(snn_set_synapse_values(n, 0, kVarW, 1, 2, w), SNN_OK) << snn_last_error();
  EXPECT_EQ(valuesOf(n, kVarW), (std::vector<double>{5e-4 + 1e-4, 7e-4, 8e-4, 5e-4, 5e-4, 5e-4}));
  EXPECT_EQ(bufferCopy<int64_t>(n, kLast, kSynapses), (std::vector<int64_t>{4, 6, 6, 0, 0, 0}));
  EXPECT_EQ(bufferCopy<double>(n, kZ, kSynapses)[2], zBefore[2]); // stored as of step 6
  EXPECT_EQ(bufferCopy<double>(n, kU, kSynapses)[1], uBefore[1]);
  EXPECT_EQ(valuesOf(n, kVarZ), zBefore);
  EXPECT_EQ(valuesOf(n, kVarU), uBefore);

  // z decays: synapses 0 and 4 get new values; u of those synapses is brought up to step 6 and
  // their last update becomes 6, so u reads the same and evolves as before.
  const double z0 = 5, z4 = 10;
  ASSERT_EQ(snn_set_synapse_values(n, 0, kVarZ, 0, 1, &z0), SNN_OK);
  ASSERT_EQ(snn_set_synapse_values(n, 0, kVarZ, 4, 1, &z4), SNN_OK);
  EXPECT_EQ(bufferCopy<int64_t>(n, kLast, kSynapses), (std::vector<int64_t>{6, 6, 6, 0, 6, 0}));
  std::vector<double> z = valuesOf(n, kVarZ);
  EXPECT_EQ(z[0], 5.0);
  EXPECT_EQ(z[4], 10.0);
  EXPECT_DOUBLE_EQ(z[1], decay(decay(0, kZrate, kZoffset, 4) + 1, kZrate, kZoffset, 2));
  EXPECT_EQ(bufferCopy<double>(n, kU, kSynapses)[0], uBefore[0]);
  EXPECT_EQ(valuesOf(n, kVarU), uBefore);

  // Step 7: A2's spike (step 5) reaches synapses 4 and 5; the event starts from the set value.
  ASSERT_EQ(snn_step(n, 2), SNN_OK);
  z = valuesOf(n, kVarZ);
  EXPECT_DOUBLE_EQ(z[0], decay(5, kZrate, kZoffset, 2));
  EXPECT_DOUBLE_EQ(z[4], decay(decay(10, kZrate, kZoffset, 1) + 1, kZrate, kZoffset, 1));
  EXPECT_DOUBLE_EQ(z[5], decay(decay(0, kZrate, kZoffset, 7) + 1, kZrate, kZoffset, 1));
  const std::vector<double> u = valuesOf(n, kVarU);
  for (uint64_t j = 0; j < kSynapses; ++j)
    EXPECT_NEAR(u[j], std::exp(kUrate * 8 * kDt), 1e-15) << "synapse " << j;

  // An empty write is allowed and changes nothing.
  const std::vector<int64_t> last = bufferCopy<int64_t>(n, kLast, kSynapses);
  EXPECT_EQ(snn_set_synapse_values(n, 0, kVarZ, kSynapses, 0, nullptr), SNN_OK);
  EXPECT_EQ(bufferCopy<int64_t>(n, kLast, kSynapses), last);

  // Hoisted traces belong to a neuron, not to a synapse.
  const double one = 1;
  EXPECT_EQ(snn_set_synapse_values(n, 0, kVarX, 0, 1, &one), SNN_ERROR_INVALID_ARGUMENT);
  EXPECT_TRUE(lastErrorMentions("'x' of 'A->B' is stored once per presynaptic neuron"));
  EXPECT_EQ(snn_set_synapse_values(n, 0, kVarY, 0, 1, &one), SNN_ERROR_INVALID_ARGUMENT);
  EXPECT_TRUE(lastErrorMentions("'y' of 'A->B' is stored once per postsynaptic neuron"));
  EXPECT_EQ(bufferCopy<double>(n, kX, 3)[0], 2.0);
}

TEST(RuntimeSynapses, SettingThePlasticDelayMovesLaterEvents) {
  NetworkPtr net = makeNetwork();
  ASSERT_TRUE(net) << snn_last_error();
  snn_network *n = net.get();
  // A2 spikes at step 5: synapse 4 keeps 2 ms (event at 7), synapse 5 gets 4 ms (event at 9).
  const double delay = 0.004;
  ASSERT_EQ(snn_set_synapse_values(n, 0, kVarDelay, 5, 1, &delay), SNN_OK) << snn_last_error();
  EXPECT_EQ(valuesOf(n, kVarDelay),
            (std::vector<double>{0.002, 0.002, 0.002, 0.002, 0.002, 0.004}));
  ASSERT_EQ(snn_step(n, 8), SNN_OK);
  EXPECT_EQ(bufferCopy<int64_t>(n, kLast, kSynapses), (std::vector<int64_t>{4, 4, 0, 0, 7, 0}));
  ASSERT_EQ(snn_step(n, 1), SNN_OK);
  EXPECT_EQ(bufferCopy<int64_t>(n, kLast, kSynapses), (std::vector<int64_t>{4, 4, 0, 0, 7, 9}));
  EXPECT_EQ(bufferOf<double>(n, kDelay)[5], 0.004);
}

TEST(RuntimeSynapses, NullNetworkEverywhere) {
  double value = 0;
  uint32_t index = 0;
  EXPECT_EQ(snn_find_projection(nullptr, "A->B"), -1);
  EXPECT_TRUE(lastErrorMentions("snn_find_projection: net is NULL"));
  EXPECT_EQ(snn_synapse_variable_count(nullptr, 0), -1);
  EXPECT_TRUE(lastErrorMentions("snn_synapse_variable_count: net is NULL"));
  EXPECT_EQ(snn_find_synapse_variable(nullptr, 0, "w"), -1);
  EXPECT_TRUE(lastErrorMentions("snn_find_synapse_variable: net is NULL"));
  EXPECT_STREQ(snn_synapse_variable_name(nullptr, 0, 0), "");
  EXPECT_TRUE(lastErrorMentions("snn_synapse_variable_name: net is NULL"));
  EXPECT_STREQ(snn_synapse_variable_unit(nullptr, 0, 0), "");
  EXPECT_TRUE(lastErrorMentions("snn_synapse_variable_unit: net is NULL"));
  EXPECT_EQ(snn_get_synapses(nullptr, 0, 0, 1, &index, &index), SNN_ERROR_INVALID_ARGUMENT);
  EXPECT_TRUE(lastErrorMentions("snn_get_synapses: net is NULL"));
  EXPECT_EQ(snn_get_synapse_values(nullptr, 0, 0, 0, 1, &value), SNN_ERROR_INVALID_ARGUMENT);
  EXPECT_TRUE(lastErrorMentions("snn_get_synapse_values: net is NULL"));
  EXPECT_EQ(snn_set_synapse_values(nullptr, 0, 0, 0, 1, &value), SNN_ERROR_INVALID_ARGUMENT);
  EXPECT_TRUE(lastErrorMentions("snn_set_synapse_values: net is NULL"));
  EXPECT_EQ(snn_get_weights(nullptr, 0, 0, 1, &value), SNN_ERROR_INVALID_ARGUMENT);
  EXPECT_TRUE(lastErrorMentions("snn_get_weights: net is NULL"));
}

TEST(RuntimeSynapses, BadIndicesNamesAndRanges) {
  NetworkPtr net = makeNetwork();
  ASSERT_TRUE(net) << snn_last_error();
  snn_network *n = net.get();
  double values[8] = {};
  uint32_t pre[8] = {}, post[8] = {};
  EXPECT_EQ(snn_find_projection(n, nullptr), -1);
  EXPECT_TRUE(lastErrorMentions("snn_find_projection: name is NULL"));
  EXPECT_EQ(snn_find_synapse_variable(n, 0, nullptr), -1);
  EXPECT_TRUE(lastErrorMentions("snn_find_synapse_variable: name is NULL"));
  EXPECT_EQ(snn_find_synapse_variable(n, 4, "w"), -1);
  EXPECT_TRUE(lastErrorMentions("projection index 4 is out of range (the network has 4 "
                                "projections)"));
  EXPECT_EQ(snn_synapse_variable_count(n, -1), -1);
  EXPECT_TRUE(lastErrorMentions("snn_synapse_variable_count: projection index -1"));

  // Variables of a static projection, and variable indices out of range.
  EXPECT_STREQ(snn_synapse_variable_name(n, 1, 0), "");
  EXPECT_TRUE(lastErrorMentions("snn_synapse_variable_name: projection 'C->B' has no synapse "
                                "variables (it has no synapse model)"));
  EXPECT_STREQ(snn_synapse_variable_unit(n, 0, 6), "");
  EXPECT_TRUE(lastErrorMentions("snn_synapse_variable_unit: synapse variable index 6 is out of "
                                "range ('A->B' has 6 synapse variables)"));
  EXPECT_STREQ(snn_synapse_variable_name(n, 0, -1), "");
  EXPECT_EQ(snn_get_synapse_values(n, 2, 0, 0, 1, values), SNN_ERROR_INVALID_ARGUMENT);
  EXPECT_TRUE(lastErrorMentions("projection 'A->A' has no synapse variables"));
  EXPECT_EQ(snn_set_synapse_values(n, 3, 0, 0, 1, values), SNN_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(snn_get_synapse_values(n, 0, 7, 0, 1, values), SNN_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(snn_set_synapse_values(n, 0, -2, 0, 1, values), SNN_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(snn_get_synapses(n, 9, 0, 1, pre, post), SNN_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(snn_get_weights(n, -1, 0, 1, values), SNN_ERROR_INVALID_ARGUMENT);

  // Ranges: past the end, overflowing, and empty ones at the end.
  const uint64_t max = std::numeric_limits<uint64_t>::max();
  EXPECT_EQ(snn_get_synapse_values(n, 0, kVarW, 5, 2, values), SNN_ERROR_INVALID_ARGUMENT);
  EXPECT_TRUE(lastErrorMentions("snn_get_synapse_values: synapses [5, 7) are outside 'A->B' "
                                "(6 synapses)"));
  EXPECT_EQ(snn_get_synapses(n, 0, max, 2, pre, post), SNN_ERROR_INVALID_ARGUMENT);
  EXPECT_TRUE(lastErrorMentions("synapses [18446744073709551615, 18446744073709551615 + 2) are "
                                "outside 'A->B'"));
  EXPECT_EQ(snn_get_weights(n, 0, 2, max, values), SNN_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(snn_set_synapse_values(n, 0, kVarW, 1, max, values), SNN_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(snn_get_synapses(n, 2, 4, 0, pre, post), SNN_ERROR_INVALID_ARGUMENT); // 3 synapses
  EXPECT_EQ(snn_get_synapses(n, 2, 3, 0, nullptr, nullptr), SNN_OK);
  EXPECT_EQ(snn_get_synapse_values(n, 0, kVarZ, kSynapses, 0, nullptr), SNN_OK);
  EXPECT_EQ(snn_get_weights(n, 1, 0, 0, nullptr), SNN_OK);

  // Output and input pointers.
  EXPECT_EQ(snn_get_synapse_values(n, 0, kVarW, 0, 1, nullptr), SNN_ERROR_INVALID_ARGUMENT);
  EXPECT_TRUE(lastErrorMentions("snn_get_synapse_values: out is NULL"));
  EXPECT_EQ(snn_set_synapse_values(n, 0, kVarW, 0, 1, nullptr), SNN_ERROR_INVALID_ARGUMENT);
  EXPECT_TRUE(lastErrorMentions("snn_set_synapse_values: values is NULL"));
  EXPECT_EQ(snn_get_weights(n, 1, 0, 1, nullptr), SNN_ERROR_INVALID_ARGUMENT);
  EXPECT_TRUE(lastErrorMentions("snn_get_weights: out is NULL"));

  // Failed writes changed nothing.
  EXPECT_EQ(valuesOf(n, kVarW), std::vector<double>(kSynapses, 5e-4));
  EXPECT_EQ(bufferCopy<int64_t>(n, kLast, kSynapses), std::vector<int64_t>(kSynapses, 0));
}

} // namespace
