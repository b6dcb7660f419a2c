#!/usr/bin/env python3
"""Compares two spike files (time_ms,neuron): the spikes of LATER must be those of EARLIER
shifted by SHIFT ms, except those the shift moves past the end of the run (DURATION ms).

  shifted_spikes.py EARLIER.csv LATER.csv SHIFT DURATION
"""
import sys


def read(path):
    with open(path) as f:
        next(f)
        return sorted((float(t), int(n)) for t, n in (line.strip().split(",") for line in f if line.strip()))


def main():
    earlier, later = read(sys.argv[1]), read(sys.argv[2])
    shift, duration = float(sys.argv[3]), float(sys.argv[4])
    expected = sorted((round(t + shift, 9), n) for t, n in earlier if t + shift <= duration + 1e-9)
    got = [(round(t, 9), n) for t, n in later]
    if expected == got:
        print("%d spikes, %g ms later" % (len(got), shift))
        return 0
    missing = sorted(set(expected) - set(got))[:5]
    extra = sorted(set(got) - set(expected))[:5]
    print("differ: expected %d spikes, got %d; missing %s; unexpected %s"
          % (len(expected), len(got), missing, extra))
    return 1


if __name__ == "__main__":
    sys.exit(main())
