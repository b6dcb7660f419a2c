#!/usr/bin/env python3
"""poisson_counts.py SUMMARY SPIKES.csv POP DURATION_S RATES...: per-generator spike counts of a
Poisson population against their expectations rate * duration.

The spike file may hold only the first generators (the others being too many to record); the
last generator's count is then the population's total from the `snnc run` summary minus the
recorded ones. Prints the counts, each count's deviation in standard deviations and Pearson's
chi-square statistic; fails if a count is more than 5 standard deviations off or chi-square
exceeds its 0.1 % critical value."""
import csv
import math
import sys

summary, path, pop, duration = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
rates = [float(r) for r in sys.argv[5:]]
expected = [r * duration for r in rates]
counts = [0] * len(rates)
with open(path) as f:
    for row in csv.DictReader(f):
        counts[int(row["neuron"])] += 1
total = None
for line in open(summary):
    fields = line.split()
    if len(fields) >= 4 and fields[0] == pop and fields[2] == "poisson":
        total = int(fields[3])
recorded = {int(r["neuron"]) for r in csv.DictReader(open(path))}
missing = [i for i in range(len(rates)) if i not in recorded]
if len(missing) == 1 and total is not None:
    counts[missing[0]] = total - sum(counts)
# Chi-square critical values at p = 0.001 for 1..6 degrees of freedom.
critical = [10.83, 13.82, 16.27, 18.47, 20.52, 22.46][len(rates) - 1]
chi2 = sum((c - e) ** 2 / e for c, e in zip(counts, expected))
ok = chi2 < critical
for i, (c, e) in enumerate(zip(counts, expected)):
    z = (c - e) / math.sqrt(e)
    ok = ok and abs(z) < 5
    print(f"generator {i}: {c} spikes, expected {e:.0f}, z = {z:+.2f}")
print(f"chi-square {chi2:.2f} with {len(rates)} degrees of freedom (critical {critical})")
print("ok" if ok else "FAILED")
sys.exit(0 if ok else 1)
