#!/usr/bin/env python3
"""check_poisson.py SPIKES.csv N EXPECTED: total within 5 sigma, per-neuron Fano factor ~1."""
import csv
import math
import sys

path, n, expected = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
counts = [0] * n
with open(path) as f:
    for row in csv.DictReader(f):
        counts[int(row["neuron"])] += 1
total = sum(counts)
mean = total / n
var = sum((c - mean) ** 2 for c in counts) / (n - 1)
print(f"total {total} (expected {expected:.0f}), per-generator mean {mean:.2f}, variance {var:.2f}")
ok = abs(total - expected) <= 5 * math.sqrt(expected) and abs(var / mean - 1) < 0.10
sys.exit(0 if ok else 1)
