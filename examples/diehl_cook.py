#!/usr/bin/env python3
"""Classification accuracy of examples/diehl_cook.snn, from its recorded spikes.

Each excitatory neuron is assigned the digit for which its mean spike count over the LABEL
presentations is highest (neurons silent then stay unassigned); a TEST presentation is
classified as the digit whose assigned neurons fire most on average (no spike at all: counted
as wrong). Usage: diehl_cook.py OUTDIR [LABELS.csv] [--min PERCENT]

For scale: a classifier that compares each test image with the mean image of each digit over
the learning presentations gets 79 % on this data set (the digits are shifted by up to one
pixel in each direction, which blurs the mean images); the nearest learning image, 100 %."""
import csv
import os
import sys
from collections import defaultdict

PRESENTATION_MS = 200.0


def main():
    out = sys.argv[1]
    labels_path = sys.argv[2] if len(sys.argv) > 2 and sys.argv[2] != "--min" else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "data", "digits_labels.csv")
    with open(labels_path) as f:
        shown = [r for r in csv.DictReader(line for line in f if not line.startswith("#"))]
    with open(os.path.join(out, "synapses_pixels_exc_w.csv")) as f:
        n_exc = 1 + max(int(r["post"]) for r in csv.DictReader(f))
    counts = defaultdict(lambda: [0] * n_exc)  # presentation -> spikes per neuron
    with open(os.path.join(out, "spikes_exc.csv")) as f:
        for r in csv.DictReader(f):
            k = int(float(r["time_ms"]) // PRESENTATION_MS)
            counts[k][int(r["neuron"])] += 1

    per_class = [[0.0] * 10 for _ in range(n_exc)]
    seen = [0] * 10
    learn_spikes = 0
    for p in shown:
        k, digit = int(p["presentation"]), int(p["digit"])
        if p["phase"] == "train":
            learn_spikes += sum(counts[k])
        if p["phase"] != "label":
            continue
        seen[digit] += 1
        for n in range(n_exc):
            per_class[n][digit] += counts[k][n]
    assigned = []
    for n in range(n_exc):
        means = [per_class[n][d] / seen[d] if seen[d] else 0.0 for d in range(10)]
        assigned.append(max(range(10), key=lambda d: means[d]) if max(means) > 0 else None)

    correct = total = silent = 0
    for p in shown:
        if p["phase"] != "test":
            continue
        k, digit = int(p["presentation"]), int(p["digit"])
        total += 1
        if sum(counts[k]) == 0:
            silent += 1
            continue
        score = []
        for d in range(10):
            members = [n for n in range(n_exc) if assigned[n] == d]
            score.append(sum(counts[k][n] for n in members) / len(members) if members else -1)
        correct += max(range(10), key=lambda d: score[d]) == digit
    classes = sorted({d for d in assigned if d is not None})
    print("neurons assigned per digit: " +
          " ".join("%d:%d" % (d, assigned.count(d)) for d in range(10)) +
          " (unassigned %d)" % assigned.count(None))
    print("digits with neurons: %d of 10; spikes while learning: %d" % (len(classes),
                                                                       learn_spikes))
    print("test presentations: %d, silent: %d" % (total, silent))
    accuracy = 100.0 * correct / total
    print("accuracy: %.1f %% (%d of %d; chance 10 %%)" % (accuracy, correct, total))
    if "--min" in sys.argv:
        minimum = float(sys.argv[sys.argv.index("--min") + 1])
        print("accuracy %s %.1f %%" % ("at least" if accuracy >= minimum else "BELOW", minimum))
        sys.exit(0 if accuracy >= minimum else 1)


if __name__ == "__main__":
    main()
