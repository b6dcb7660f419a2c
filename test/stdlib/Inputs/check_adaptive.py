#!/usr/bin/env python3
"""Checks the spike steps of test/stdlib/adaptive-threshold.snn (LIFAdaptiveThreshold under a
constant current) against an independent computation.

Usage: check_adaptive.py OUTDIR DT_MS

Between spikes both variables have closed forms (from std/adaptive.snn's equations):
  v(t)     = v_inf + (v_start - v_inf) e^(-(t - t_start)/tau_m),  v_inf = E_L + tau_m I_e / C_m
  theta(t) = theta0 + (theta_f - theta0) e^(-(t - t_f)/tau_adapt)
Each crossing v = theta is found by bisection (v - theta increases between spikes: v rises,
theta decays), then quantized as docs/language.md ("What one step does") specifies: the state
at step s is the solution at s dt (v and theta are integrated exactly), the neuron spikes at
the first step s with v >= theta, i.e. s = ceil(T / dt) for the crossing time T; the reset
sets v = V_reset at s dt and theta jumps by q there; v is held for the N = t_ref/dt refractory
steps, so it starts again from V_reset at (s + N) dt while theta keeps decaying from s dt.
The predicted steps must match snnc's exactly: both sides sample the same closed-form
solution at the same grid points, so they can only differ if a crossing lies within
rounding error (~1e-12 steps) of a grid point; the checker asserts every crossing is at
least 1e-6 steps away from one.
"""
import math
import sys

from stdlib_check import bisect, read_spikes

# population: (I_e pA, q mV, tau_adapt ms); the rest are std/adaptive.snn defaults.
POPS = {"A": (1000.0, 2.0, 100.0), "B": (600.0, 5.0, 50.0)}
TAU_M, C_M, E_L, V_RESET, T_REF, THETA0 = 10.0, 250.0, -70.0, -70.0, 2.0, -55.0
DURATION = 500.0


def predict(I_e, q, tau_a, dt):
    n_ref = round(T_REF / dt)
    v_inf = E_L + TAU_M * I_e / C_M
    t_start, v_start = 0.0, E_L      # v runs freely from here
    t_f, theta_f = 0.0, THETA0       # theta relaxes from theta_f at t_f
    steps = []
    while True:
        v = lambda t: v_inf + (v_start - v_inf) * math.exp(-(t - t_start) / TAU_M)
        th = lambda t: THETA0 + (theta_f - THETA0) * math.exp(-(t - t_f) / tau_a)
        h = lambda t: v(t) - th(t)
        hi = t_start + 50 * max(TAU_M, tau_a)
        if h(hi) <= 0:
            break
        T = bisect(h, t_start, hi)
        x = T / dt
        assert abs(x - round(x)) > 1e-6, f"crossing {T} ms is too close to a grid point"
        s = math.ceil(x)
        if s * dt > DURATION + 1e-9:
            break
        steps.append(s)
        theta_f, t_f = th(s * dt) + q, s * dt
        t_start, v_start = (s + n_ref) * dt, V_RESET
    return steps


def main():
    out, dt = sys.argv[1], float(sys.argv[2])
    ok = True
    for pop, (I_e, q, tau_a) in POPS.items():
        want = predict(I_e, q, tau_a, dt)
        got = [round(t / dt) for t in read_spikes(out, pop)]
        isi = [(b - a) * dt for a, b in zip(want, want[1:])]
        # Adaptation: the first intervals grow, the last is much longer than the first (later ones
        # settle, up to one step of quantization jitter).
        lengthens = isi[0] < isi[1] < isi[2] < isi[3] and isi[-1] > 1.5 * isi[0]
        good = got == want and len(want) >= 5 and lengthens
        print(f"{pop}: {len(got)} spikes, predicted {len(want)}; "
              f"{'all steps equal' if got == want else 'DIFFERENT'}; ISI "
              f"{isi[0]:.1f} -> {isi[1]:.1f} -> {isi[2]:.1f} ... {isi[-1]:.1f} ms: "
              f"{'ok' if good else 'FAIL'}")
        if got != want:
            diff = next(i for i, (a, b) in enumerate(zip(got + [None] * len(want), want)) if a != b)
            print(f"   first difference at spike {diff}: got {got[diff:diff + 3]}, "
                  f"want {want[diff:diff + 3]}")
        ok &= good
    print("all ok" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
