#!/usr/bin/env python3
"""Checks the spike steps of test/run/lif-exact.snn against the analytic LIF solution.

Usage: check_lif_exact.py OUTDIR DT_MS
Independent of the compiler: the expected steps come from the closed-form crossing time.
"""
import csv
import math
import sys

out, dt = sys.argv[1], float(sys.argv[2])
tau, R, u_rest, theta, v_reset, t_ref = 20.0, 10.0, -65.0, -50.0, -65.0, 2.0  # ms, Mohm, mV
currents = {"P1": 1.53, "P2": 1.6, "P3": 2.0, "P4": 3.7, "P5": 12.3}  # nA
duration = 2000.0  # ms
steps_total = round(duration / dt)
ref_steps = round(t_ref / dt)
failures = 0
for pop, current in currents.items():
    u_inf = u_rest + R * current
    T = tau * math.log((u_inf - v_reset) / (u_inf - theta))
    x = T / dt
    assert abs(x - round(x)) > 1e-4, f"{pop}: T/dt = {x} is too close to an integer for this test"
    first = math.ceil(x)
    expected = []
    s = first
    while s <= steps_total:
        expected.append(s)
        s += ref_steps + math.ceil(x)
    with open(f"{out}/spikes_{pop}.csv") as f:
        rows = list(csv.DictReader(f))
    got = [round(float(r["time_ms"]) / dt) for r in rows]
    if got != expected:
        failures += 1
        print(f"{pop} (I = {current} nA, dt = {dt} ms): expected {len(expected)} spikes at steps "
              f"{expected[:5]}..., got {len(got)} at {got[:5]}...")
    else:
        print(f"{pop}: {len(got)} spikes at the predicted steps (first {got[0]}, isi {ref_steps} + {math.ceil(x)})")
sys.exit(1 if failures else 0)
