#!/usr/bin/env python3
"""Checks examples/izhikevich_gallery.snn (std/izhikevich.snn under I = 10 from t = 10 ms)
against independent RK4 integrations written from Izhikevich (2003) (Inputs/izh_ref.py).

Usage: check_izhikevich.py OUTDIR DT_MS

1. Same scheme: classical RK4 at the network's dt, the current held constant over each step,
   spike and reset at the end of the step where v >= 30 mV. snnc must give the same spike
   steps and the same v trace to 1e-3 mV: this pins what snnc computes. (The two differ only
   by rounding, snnc computing in volts and seconds, this script in mV and ms; the upswing of
   every spike amplifies such differences, which reach 1e-4 mV after the 26 spikes of FS and
   stay below 1e-10 mV for RS. A current switched on one step late, or another method, moves
   v by millivolts.)
2. Accuracy: RK4 at 0.001 ms (converged to far better than the tolerances below). For each
   type: the first spike within one step (snnc reports a spike at the end of the step in which
   v crosses 30 mV, so its spike times are late by [0, dt) plus the RK4 error) and the spike
   count over 200 ms within +-1 (each spike is detected late by up to one step and the reset
   happens that much later, so the spike train drifts; the drift is printed).
"""
import sys

from izh_ref import PARAMS, simulate
from stdlib_check import read_spikes, read_state

FINE = 0.001


def main():
    out, dt = sys.argv[1], float(sys.argv[2])
    ok = True
    for kind in PARAMS:
        got = read_spikes(out, kind)
        same = simulate(kind, h=dt)
        same_steps = [round(t / dt) for t in same]
        got_steps = [round(t / dt) for t in got]
        # v trace of the same scheme, sampled every step.
        trace = simulate_trace(kind, dt)
        v = read_state(out, kind, "v")
        verr = max(abs(x - trace[round(t / dt)]) for t, x in v)
        good1 = got_steps == same_steps and verr < 1e-3 and len(v) == 2001  # every 0.1 ms
        fine = simulate(kind, h=FINE)
        d_first = got[0] - fine[0]
        d_count = len(got) - len(fine)
        drift = max(abs(a - b) for a, b in zip(got, fine))
        good2 = -1e-9 < d_first < dt and abs(d_count) <= 1
        print(f"{kind}: same-scheme spikes {'equal' if got_steps == same_steps else 'DIFFERENT'}, "
              f"v error {verr:.1e} mV: {'ok' if good1 else 'FAIL'}; vs dt = {FINE} ms: "
              f"first spike {got[0]:g} vs {fine[0]:.3f} ms ({d_first:+.3f}), count "
              f"{len(got)} vs {len(fine)} ({d_count:+d}), max drift {drift:.2f} ms: "
              f"{'ok' if good2 else 'FAIL'}")
        ok &= good1 and good2
    print("all ok" if ok else "FAILED")
    return 0 if ok else 1


def simulate_trace(kind, h, duration=200.0, i_amp=10.0, t_on=10.0):
    """v at every step of the same scheme as izh_ref.simulate (t = 0 included)."""
    a, b, c, d = PARAMS[kind]
    v, u = -65.0, b * -65.0
    n_on = round(t_on / h)
    vs = [v]
    for k in range(round(duration / h)):
        I = i_amp if k >= n_on else 0.0
        f = lambda v, u: (0.04 * v * v + 5.0 * v + 140.0 - u + I, a * (b * v - u))
        k1v, k1u = f(v, u)
        k2v, k2u = f(v + 0.5 * h * k1v, u + 0.5 * h * k1u)
        k3v, k3u = f(v + 0.5 * h * k2v, u + 0.5 * h * k2u)
        k4v, k4u = f(v + h * k3v, u + h * k3u)
        v += h / 6.0 * (k1v + 2 * k2v + 2 * k3v + k4v)
        u += h / 6.0 * (k1u + 2 * k2u + 2 * k3u + k4u)
        if v >= 30.0:
            v = c
            u += d
        vs.append(v)
    return vs


if __name__ == "__main__":
    sys.exit(main())
