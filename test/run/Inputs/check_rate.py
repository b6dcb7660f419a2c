#!/usr/bin/env python3
"""Compares the mean firing rate of the neuron populations printed by `snnc run` with a
reference figure.

Usage: check_rate.py REFERENCE_HZ TOLERANCE SUMMARY...
Each SUMMARY is the stdout of one `snnc run`. The rate of one run is the spike count of all
neuron populations divided by their size and the simulated time; runs (different seeds) are
averaged. Fails if the average differs from REFERENCE_HZ by more than TOLERANCE (relative).
"""
import re
import sys

ref, tol = float(sys.argv[1]), float(sys.argv[2])
rates = []
for path in sys.argv[3:]:
    text = open(path).read()
    duration = float(re.search(r"simulated ([0-9.eE+-]+) s", text).group(1))
    spikes = neurons = 0
    for name, size, kind, count in re.findall(r"^(\S+)\s+(\d+)\s+(\w+)\s+(\d+)\s+[0-9.]+$", text, re.M):
        if kind == "neuron":
            spikes += int(count)
            neurons += int(size)
    rates.append(spikes / neurons / duration)
mean = sum(rates) / len(rates)
print("rates: " + ", ".join(f"{r:.2f}" for r in rates) + f" Hz; mean {mean:.2f} Hz; reference {ref} Hz")
if abs(mean - ref) > tol * ref:
    print(f"mean rate {mean:.2f} Hz is not within {tol:.0%} of {ref} Hz")
    sys.exit(1)
