#!/usr/bin/env python3
"""Reads the output of `snnc run examples/delay_learning.snn --out DIR` and prints, for every
presentation of the pattern, when each input spike reaches the detector (spike time plus the
synapse's delay at the start of the presentation, rounded to the step like the runtime) and the
spread of those arrival times. Usage: delay_learning.py DIR [--all]"""
import csv
import math
import os
import sys

PERIOD_MS = 50.0
DT_MS = 0.1


def rows(path):
    with open(path) as f:
        return list(csv.DictReader(f))


def main():
    out = sys.argv[1]
    delays = {}  # (presentation start in ms, input) -> delay in ms
    for r in rows(os.path.join(out, "synapses_pattern_detector_delay.csv")):
        delays[(round(float(r["time_ms"]) / PERIOD_MS), int(r["pre"]))] = float(r["delay_ms"])
    spreads = []
    for k in range(max(p for p, _ in delays) + 1):
        arrivals = []
        for r in rows(os.path.join(out, "spikes_pattern.csv")):
            t = float(r["time_ms"])
            if int(t // PERIOD_MS) != k:
                continue
            d = delays[(k, int(r["neuron"]))]
            steps = math.floor(d / DT_MS + 0.5)  # halves away from zero (d >= 0)
            arrivals.append(t + steps * DT_MS)
        if arrivals:
            spreads.append((k, max(arrivals) - min(arrivals), len(arrivals)))
    fired = len(rows(os.path.join(out, "spikes_detector.csv")))
    for k, spread, n in spreads if "--all" in sys.argv else spreads[:1] + spreads[-1:]:
        print("presentation %2d: %d arrivals, spread %.1f ms (%d steps)" %
              (k, n, spread, round(spread / DT_MS)))
    # The first presentation from which every spread stays below one step. Delays move in half
    # steps (eta = 0.5), so a delay may sit on a rounding boundary for a few presentations.
    below = [s < DT_MS - 1e-9 for _, s, _ in spreads]
    first_aligned = None
    for i in range(len(spreads) - 1, -1, -1):
        if not below[i]:
            break
        first_aligned = spreads[i][0]
    print("spread before learning %.1f ms, after %d presentations %.1f ms; below one step from "
          "presentation %s on; the detector fired %d times" %
          (spreads[0][1], len(spreads), spreads[-1][1], first_aligned, fired))
    # Aligned for good over at least the last quarter of the presentations.
    aligned = first_aligned is not None and first_aligned <= spreads[-1][0] - len(spreads) // 4
    print("OK" if aligned else "NOT ALIGNED")
    sys.exit(0 if aligned else 1)


if __name__ == "__main__":
    main()
