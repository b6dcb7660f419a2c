#!/usr/bin/env python3
"""Checks test/stdlib/lif-cond.snn (LIFCondExp and LIFCondAlpha of std/lif.snn) against a fine
reference integration. Usage: check_cond.py OUTDIR DT_MS

The reference integrates the equations of NEST's iaf_cond_exp / iaf_cond_alpha (written here
from those, not from snnc) with RK4 at h = 0.001 ms after one input at t0 = 2 ms (the
conductance jumps by w, or for alpha its derivative by w e/tau, at t0):
  C_m dv/dt = -g_L (v - E_L) - g_ex (v - E_ex) - g_in (v - E_in) + I_e
The error is max |v_snnc - v_ref| over the recorded steps, relative to the PSP peak |v - E_L|.
snnc integrates v with exponential Euler, which holds g_ex, g_in at their start-of-step values
over each step: a first-order error that is large when tau_syn is not much longer than dt
(NEST's default tau_syn_ex = 0.2 ms). The tolerances below are the errors measured at
dt = 0.1 ms and 0.01 ms with 30 % headroom (docs/stdlib.md), so a change of method or of the
equations shows.

drive: LIFCondExp with I_e = 300 pA and no input: with g = 0 the v equation is linear with a
constant coefficient and exponential Euler is exact, so the spike steps are the analytic ones.
"""
import math
import sys

from stdlib_check import read_spikes, read_state, rk4

C_M, G_L, E_L, E_EX, E_IN, V_TH, V_RESET, T_REF = 250.0, 16.6667, -70.0, 0.0, -85.0, -55.0, -60.0, 2.0
T0 = 2.0
# population: (kind, port, w nS, tau_syn ms, tolerance at dt 0.1 ms, at dt 0.01 ms)
POPS = {
    "exp_ex":     ("exp", "ex", 20.0, 0.2, 0.35, 0.033),
    "exp_in":     ("exp", "in", 20.0, 2.0, 0.031, 0.0031),
    "exp_slow":   ("exp", "ex", 20.0, 5.0, 0.0113, 0.00113),
    "alpha_ex":   ("alpha", "ex", 20.0, 0.2, 0.16, 0.013),
    "alpha_in":   ("alpha", "in", 20.0, 2.0, 0.018, 0.0018),
    "alpha_slow": ("alpha", "ex", 5.0, 5.0, 0.0084, 0.00084),
}


def reference(kind, port, w, tau, t_end, h=0.001):
    """v(t) (mV) at multiples of h after t0 (index k: t0 + k h)."""
    E = E_EX if port == "ex" else E_IN

    def f(t, y):
        v, g, x = y
        return [(-G_L * (v - E_L) - g * (v - E)) / C_M, -g / tau + x, -x / tau]

    y = [E_L, w, 0.0] if kind == "exp" else [E_L, 0.0, w * math.e / tau]
    vs = [y[0]]
    for k in range(round(t_end / h)):
        y = rk4(f, y, k * h, h)
        vs.append(y[0])
    return vs


def main():
    out, dt = sys.argv[1], float(sys.argv[2])
    ok = True
    h = 0.001
    ratio = round(dt / h)
    for pop, (kind, port, w, tau, tol1, tol01) in POPS.items():
        tol = tol1 if dt > 0.05 else tol01
        v = read_state(out, pop, "v")
        t_end = v[-1][0] - T0
        ref = reference(kind, port, w, tau, t_end)
        peak = max(abs(x - E_L) for x in ref)
        errs = []
        for t, x in v:
            k = round((t - T0) / dt)
            want = E_L if k < 0 else ref[k * ratio]
            errs.append(abs(x - want))
        err = max(errs) / peak
        good = err < tol
        print(f"{pop + ':':11} {kind} {port} tau_syn {tau} ms: max error {err:.2e} of peak "
              f"{peak:.4f} mV (tolerance {tol:g}): {'ok' if good else 'FAIL'}")
        ok &= good
    # drive
    I_e = 300.0
    v_inf = E_L + I_e / G_L
    tau_m = C_M / G_L
    N = round(T_REF / dt)

    def crossing(v0):
        return tau_m * math.log((v_inf - v0) / (v_inf - V_TH))

    want, s = [], 0
    x = crossing(E_L) / dt
    s = math.ceil(x)
    n = math.ceil(crossing(V_RESET) / dt)
    while s * dt <= 100.0 + 1e-9:
        want.append(s)
        s += N + n
    got = [round(t / dt) for t in read_spikes(out, "drive")]
    good = got == want
    print(f"drive: {len(got)} spikes, predicted {len(want)}: "
          f"{'all steps equal' if good else 'DIFFERENT'}: {'ok' if good else 'FAIL'}")
    ok &= good
    print("all ok" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
