"""Checks hetero-delays.snn: spike times of the three target populations and the learned
weights (STDP, A_plus w_max = 0.01 mV, tau_plus = 20 ms). Usage: hetero_delays.py OUTDIR"""
import csv
import math
import os
import sys

out = sys.argv[1]
delays = [1.0 + 0.1 * i for i in range(20)]  # ms, linspace(1 ms, 2.9 ms) over 20 synapses
ok = True
for pop in ("static", "axonal", "dendritic"):
    with open(os.path.join(out, "spikes_%s.csv" % pop)) as f:
        got = {int(r["neuron"]): float(r["time_ms"]) for r in csv.DictReader(f)}
    want = {i: 1.0 + d + 0.1 for i, d in enumerate(delays)}
    if len(got) != 20 or any(abs(got[i] - want[i]) > 1e-9 for i in want):
        print("%s: wrong spikes %s" % (pop, sorted(got.items())))
        ok = False
    else:
        print("%s: 20 targets fire at 1 ms + d + 0.1 ms" % pop)
for pop, lag in (("axonal", lambda d: 0.1), ("dendritic", lambda d: 2 * d + 0.1)):
    with open(os.path.join(out, "synapses_src_%s_w.csv" % pop)) as f:
        w = {int(r["post"]): float(r["w_mV"]) for r in csv.DictReader(f)}
    worst = 0.0
    for i, d in enumerate(delays):
        dw = 0.01 * math.exp(-lag(d) / 20.0)
        worst = max(worst, abs((w[i] - 5.0) - dw) / dw)
    good = worst < 1e-9
    ok = ok and good
    print("%s: 20 weights %s, max relative error %.2e" % (pop, "match" if good else "DIFFER",
                                                         worst))
print("OK" if ok else "FAILED")
sys.exit(0 if ok else 1)
