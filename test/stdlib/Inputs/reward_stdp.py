"""Expected weight of reward-stdp.snn (RewardSTDP of std/stdp.snn), from its equations."""
import csv
import math
import os
import sys

out = sys.argv[1]
TAU, TAU_C, A_PLUS, A_MINUS, ETA = 20.0, 1000.0, 1.0, 1.5, 0.01  # ms, mV
with open(os.path.join(out, "spikes_det.csv")) as f:
    post = [float(r["time_ms"]) for r in csv.DictReader(f)]
assert post == [5.1, 20.1], post
pre = [1.0, 30.0]
# c jumps at the post spike at 5.1 (pairing with pre at 1) and at the pre spike at 30 (pairing
# with post at 20.1); then decays to the reward at 300 ms.
c = A_PLUS * math.exp(-(5.1 - 1.0) / TAU) * math.exp(-(300.0 - 5.1) / TAU_C)
# At 30 ms the presynaptic spike sees y = e^(-(30 - 5.1)/20) + e^(-(30 - 20.1)/20).
y = math.exp(-(30.0 - 5.1) / TAU) + math.exp(-(30.0 - 20.1) / TAU)
# ... and the post spike at 20.1 also paired with the pre spike at 1 ms.
c += A_PLUS * math.exp(-(20.1 - 1.0) / TAU) * math.exp(-(300.0 - 20.1) / TAU_C)
c -= A_MINUS * y * math.exp(-(300.0 - 30.0) / TAU_C)
want = 0.5 + ETA * c
with open(os.path.join(out, "synapses_src_det_w.csv")) as f:
    w = {float(r["time_ms"]): float(r["w_mV"]) for r in csv.DictReader(f)}
error = abs(w[300.0] - want) / abs(want)
print("w before the reward %g mV, after %.12g mV, expected %.12g mV, relative error %.2e" %
      (w[200.0], w[300.0], want, error))
print("OK" if error < 1e-9 and w[200.0] == 0.5 else "FAILED")
