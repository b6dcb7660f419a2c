#!/usr/bin/env python3
"""Reads the output of `snnc run examples/stdp_window.snn --out DIR` and compares the measured
STDP window with the rule's formula (parameters of std/stdp.snn).

Usage: stdp_window.py DIR [--table]
Prints the largest relative error of each rule (and with --table the whole window); exits
with 1 when an error exceeds 1e-6 or the spike times are not the intended ones."""
import csv
import math
import os
import sys

TAU_PLUS = TAU_MINUS = 20e-3
A_PLUS, A_MINUS, W_MAX = 0.01, 0.0105, 1.0  # w in mV
T_POST = 0.150


def read_rows(path):
    with open(path) as f:
        return list(csv.DictReader(f))


def spike_times(path):
    times = {}
    for row in read_rows(path):
        times.setdefault(int(row["neuron"]), []).append(float(row["time_ms"]) * 1e-3)
    return times


def expected(dt, w0, multiplicative):
    if dt >= 0:
        amp = A_PLUS * ((W_MAX - w0) if multiplicative else W_MAX)
        return amp * math.exp(-dt / TAU_PLUS)
    amp = A_MINUS * (w0 if multiplicative else W_MAX)
    return -amp * math.exp(dt / TAU_MINUS)


def main():
    out = sys.argv[1]
    table = "--table" in sys.argv
    pre = spike_times(os.path.join(out, "spikes_pre.csv"))
    ok = True
    for rule, post_name, multiplicative in (("additive", "post_add", False),
                                            ("multiplicative", "post_mul", True)):
        post = spike_times(os.path.join(out, "spikes_%s.csv" % post_name))
        rows = read_rows(os.path.join(out, "synapses_pre_%s_w.csv" % post_name))
        initial = {int(r["pre"]): float(r["w_mV"]) for r in rows if float(r["time_ms"]) == 0}
        final = {int(r["pre"]): float(r["w_mV"]) for r in rows if float(r["time_ms"]) > 0}
        worst = 0.0
        if table:
            print("%s rule:\n%10s %10s %16s %16s %10s" % (rule, "dt_ms", "w0_mV", "dw_mV",
                                                          "formula_mV", "rel_error"))
        for k in sorted(final):
            t_pre, t_post = pre[k], post[k]
            if len(t_pre) != 1 or len(t_post) != 1 or abs(t_post[0] - T_POST) > 1e-9:
                print("pair %d: unexpected spikes pre %s post %s" % (k, t_pre, t_post))
                ok = False
                continue
            dt = t_post[0] - t_pre[0]
            want = expected(dt, initial[k], multiplicative)
            got = final[k] - initial[k]
            error = abs(got - want) / abs(want)
            worst = max(worst, error)
            if table:
                print("%10.1f %10.4f %16.9e %16.9e %10.2e" % (dt * 1e3, initial[k], got, want,
                                                              error))
        print("%s STDP window: %d pairs, dt from -100 to +100 ms, max relative error %.2e" %
              (rule, len(final), worst))
        ok = ok and worst < 1e-6 and len(final) == 201
    print("OK" if ok else "FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
