#!/usr/bin/env python3
"""changes.py STATE.csv COLUMN: each change of a recorded variable, one line per neuron and
step: "neuron N: +D at T ms" (samples must be taken every step)."""
import csv
import sys

last = {}
for row in csv.DictReader(open(sys.argv[1])):
    t, n, v = row["time_ms"], int(row["neuron"]), float(row[sys.argv[2]])
    if n in last and v != last[n]:
        print(f"neuron {n}: {v - last[n]:+g} at {t} ms")
    last[n] = v
