#!/usr/bin/env python3
"""Compares the recordings of `snnc run --target=loihi` or `snnc-emu` with a golden file of
Intel Lava's bit-accurate Loihi models (made by make_goldens.sh), bit for bit.

  compare_lava.py GOLDEN.json OUT_DIR DT_MS POP[:V[:U]] ...

For each population POP: its spikes (spikes_POP.csv) must be Lava's, step for step, and when V
(and U) name recorded variables, state_POP_V.csv (state_POP_U.csv) must hold Lava's v (u) for
every neuron at every step. snnc's step s is Lava's step s - 1. Prints one line per population
and "OK", or the first difference and exits with 1.
"""
import csv
import json
import os
import sys


def read_csv(path):
    with open(path) as f:
        return list(csv.DictReader(f))


def main():
    golden_path, out, dt_ms = sys.argv[1], sys.argv[2], float(sys.argv[3])
    with open(golden_path) as f:
        gold = json.load(f)
    ok = True
    for spec in sys.argv[4:]:
        parts = spec.split(":")
        pop, vname, uname = parts[0], parts[1] if len(parts) > 1 else "", parts[2] if len(parts) > 2 else ""
        want = sorted(tuple(s) for s in gold["spikes"][pop])
        got = sorted((round(float(r["time_ms"]) / dt_ms) - 1, int(r["neuron"]))
                     for r in read_csv(os.path.join(out, "spikes_%s.csv" % pop)))
        if want != got:
            extra = sorted(set(got) - set(want))[:5]
            missing = sorted(set(want) - set(got))[:5]
            print("%s: spikes differ from Lava's: %d vs %d; extra %s, missing %s"
                  % (pop, len(got), len(want), extra, missing))
            ok = False
        line = "%s: %d steps, %d spikes" % (pop, len(gold["v"][pop]), len(want))
        for var, key in ((vname, "v"), (uname, "u")):
            if not var:
                continue
            rows = read_csv(os.path.join(out, "state_%s_%s.csv" % (pop, var)))
            vals = {}
            for r in rows:
                vals[(round(float(r["time_ms"]) / dt_ms), int(r["neuron"]))] = float(r[var])
            for k, step in enumerate(gold[key][pop]):
                for i, x in enumerate(step):
                    y = vals.get((k + 1, i))
                    if y is None or y != x:
                        print("%s: %s of neuron %d at step %d is %s, Lava's %s is %d"
                              % (pop, var, i, k + 1, y, key, x))
                        ok = False
                        break
                else:
                    continue
                break
            line += ", %s equal" % key
        print(line)
    print("OK" if ok else "DIFFERENT")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
