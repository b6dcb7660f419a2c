#!/usr/bin/env python3
"""Compares the firing rates of two runs of one network (the summaries `snnc run` and
`snnc-emu` print): for each neuron population, the rates and their relative difference, which
must stay within BOUND (e.g. 0.05 for 5%).

  rates.py FLOAT_SUMMARY FIXED_SUMMARY BOUND
"""
import sys


def rates(path):
    out = {}
    with open(path) as f:
        for line in f:
            parts = line.split()
            if len(parts) == 5 and parts[2] == "neuron":
                out[parts[0]] = float(parts[4])
    return out


def main():
    a, b, bound = rates(sys.argv[1]), rates(sys.argv[2]), float(sys.argv[3])
    ok = bool(a) and a.keys() == b.keys()
    for pop in a:
        diff = abs(b[pop] - a[pop]) / a[pop] if a[pop] else abs(b[pop])
        within = diff <= bound
        ok &= within
        print("%s: float %.2f Hz, fixed %.2f Hz, difference %.1f%% (bound %.0f%%)%s"
              % (pop, a[pop], b[pop], 100 * diff, 100 * bound, "" if within else " EXCEEDED"))
    print("OK" if ok else "OUT OF BOUND")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
