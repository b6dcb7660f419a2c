#!/usr/bin/env python3
"""window_counts.py SPIKES.csv NEURON:T0:T1:RATE ...: the spikes of NEURON with T0 < t <= T1
(ms) number about RATE * (T1 - T0), within 5 standard deviations (exactly 0 for rate 0)."""
import csv
import math
import sys

rows = [(float(r["time_ms"]), int(r["neuron"])) for r in csv.DictReader(open(sys.argv[1]))]
ok = True
for spec in sys.argv[2:]:
    n, t0, t1, rate = spec.split(":")
    n, t0, t1, rate = int(n), float(t0), float(t1), float(rate)
    count = sum(1 for t, i in rows if i == n and t0 < t <= t1)
    e = rate * (t1 - t0) / 1000
    good = count == 0 if e == 0 else abs(count - e) < 5 * math.sqrt(e)
    ok = ok and good
    print(f"neuron {n} in ({t0:g}, {t1:g}] ms: {count} spikes, expected {e:g}")
print("ok" if ok else "FAILED")
sys.exit(0 if ok else 1)
