#!/usr/bin/env python3
"""check_inject.py STATE_v.csv: the membrane of inject.snn against its closed form.

With R = 100 Mohm and tau = 10 ms, a current I switched on at t0 gives v = R I (1 - e^-(t-t0)/tau)
and, switched off at t1, v(t1) e^-(t-t1)/tau after. Neuron 0: 0.2 nA from 1 to 6 ms; neuron 1:
0.1 nA from 1 ms on."""
import csv
import math
import sys

tau = 10.0  # ms


def pulse(t, amp_mv, t0, t1):
    if t <= t0:
        return 0.0
    if t <= t1:
        return amp_mv * (1 - math.exp(-(t - t0) / tau))
    return pulse(t1, amp_mv, t0, t1) * math.exp(-(t - t1) / tau)


worst = 0.0
for row in csv.DictReader(open(sys.argv[1])):
    t, n, v = float(row["time_ms"]), int(row["neuron"]), float(row["v_mV"])
    want = pulse(t, 20.0, 1, 6) if n == 0 else pulse(t, 10.0, 1, math.inf)
    worst = max(worst, abs(v - want))
print(f"largest deviation from the closed form: {worst:.3g} mV")
print("ok" if worst < 1e-9 else "FAILED")
sys.exit(0 if worst < 1e-9 else 1)
