#!/usr/bin/env python3
"""Checks the population rates that `snnc run` prints against ranges.

Usage: check_rates.py SUMMARY_FILE POP=LO:HI [POP=LO:HI ...]   (rates in Hz, LO <= rate <= HI)
Prints one line per population with its rate and whether it is in range.
"""
import sys


def main():
    rates = {}
    with open(sys.argv[1]) as f:
        for line in f:
            parts = line.split()
            if len(parts) == 5 and parts[2] in ("neuron", "poisson", "spike_times"):
                rates[parts[0]] = float(parts[4])
    ok = True
    for arg in sys.argv[2:]:
        pop, rng = arg.split("=")
        lo, hi = (float(x) for x in rng.split(":"))
        r = rates[pop]
        good = lo <= r <= hi
        print(f"{pop}: {r:.3f} Hz in [{lo:g}, {hi:g}]: {'ok' if good else 'FAIL'}")
        ok &= good
    print("all ok" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
