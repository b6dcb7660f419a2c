#!/usr/bin/env python3
"""Checks the PSPs of test/stdlib/lif-exp-psp.snn and lif-alpha-psp.snn against closed forms.

Usage: check_psp.py OUTDIR exp|alpha

Written from the equations of std/lif.snn (NEST's iaf_psc_exp / iaf_psc_alpha), not from snnc:
a current-based LIF, dv/dt = -(v - E_L)/tau_m + I/C_m, after one input of weight w at t0:
  exp:    I(t) = w e^(-t/ts)
          v - E_L = w R ts/(ts - tm) (e^(-t/ts) - e^(-t/tm)), R = tm/C;  ts == tm: (w/C) t e^(-t/tm)
  alpha:  I(t) = w (t/ts) e^(1 - t/ts)
          v - E_L = (w e/(C ts)) e^(-t/tm) (1 - e^(-k t)(1 + k t))/k^2, k = 1/ts - 1/tm;
          ts == tm: (w e/(C ts)) e^(-t/tm) t^2/2
(t = time since t0 = 2 ms, when the input acts: a generator spike at 1 ms over a 1 ms delay;
the handler adds it at the start of the step from t0 to t0 + dt, so the state recorded at t0 is
the state just before it, see docs/language.md "What one step does"). The error is the largest
|v_snnc - v_exact| over all recorded steps (also those up to t0, where v must be E_L and the
current 0), relative to the peak |v - E_L|.
For alpha the PSP peak (dv/dt = 0, i.e. I/C = (v - E_L)/tm, solved by bisection) is compared
with the recorded trace: the grid maximum must be one of the two steps around the true peak
time, and a parabola through the three samples around it must give the peak time within
0.005 ms and the amplitude within 1e-4 (relative).
"""
import math
import sys

from stdlib_check import bisect, read_state

TOL = 1e-9
E_L = -70.0
T0 = 2.0  # ms: when the input acts (generator at 1 ms, delay 1 ms)

# population: (tau_m ms, tau_syn ms, C_m pF, w pA, current variable)
POPS = {
    "exp": {
        "std": (10.0, 2.0, 250.0, 500.0, "I_ex"),
        "same": (10.0, 10.0, 250.0, 500.0, "I_ex"),
        "inh": (20.0, 5.0, 200.0, -800.0, "I_in"),
    },
    "alpha": {
        "std": (10.0, 2.0, 250.0, 500.0, "I_ex"),
        "same": (10.0, 10.0, 250.0, 300.0, "I_ex"),
        "inh": (20.0, 5.0, 200.0, -800.0, "I_in"),
    },
}


def exact(kind, tm, ts, C, w):
    """(v - E_L in mV, I in pA) as functions of t (ms since the input acts)."""
    wc = w / C  # pA/pF = mV/ms
    if kind == "exp":
        cur = lambda t: w * math.exp(-t / ts)
        if ts == tm:
            psp = lambda t: wc * t * math.exp(-t / tm)
        else:
            psp = lambda t: wc * tm * ts / (ts - tm) * (math.exp(-t / ts) - math.exp(-t / tm))
    else:
        cur = lambda t: w * (t / ts) * math.exp(1 - t / ts)
        A = wc * math.e / ts
        if ts == tm:
            psp = lambda t: A * math.exp(-t / tm) * t * t / 2
        else:
            k = 1 / ts - 1 / tm
            psp = lambda t: A * math.exp(-t / tm) * (1 - math.exp(-k * t) * (1 + k * t)) / (k * k)
    return psp, cur


def main():
    out, kind = sys.argv[1], sys.argv[2]
    ok = True
    for pop, (tm, ts, C, w, cvar) in POPS[kind].items():
        psp, cur = exact(kind, tm, ts, C, w)
        v = read_state(out, pop, "v")
        I = read_state(out, pop, cvar)
        # Both are 0 up to t0 (the sample at t0 is taken just before the input acts).
        f = lambda t: psp(t - T0) if t > T0 + 1e-9 else 0.0
        g = lambda t: cur(t - T0) if t > T0 + 1e-9 else 0.0
        times = [t for t, _ in v]
        peak = max(abs(f(t)) for t in times)
        err = max(abs((x - E_L) - f(t)) for t, x in v) / peak
        ipeak = max(abs(g(t)) for t, _ in I)
        ierr = max(abs(x * 1000 - g(t)) for t, x in I) / ipeak  # recorded in nA
        good = err < TOL and ierr < TOL and len(v) > 100
        print(f"{pop + ':':5} max error {err:.2e} of peak {peak:.6f} mV; current {ierr:.2e}: "
              f"{'ok' if good else 'FAIL'}")
        ok &= good
        if kind == "alpha":
            # The current peaks at w at t = ts (a grid point here).
            i_at = dict((round(t * 10), x * 1000) for t, x in I)[round((T0 + ts) * 10)]
            good = abs(i_at - w) <= TOL * abs(w)
            print(f"       current at t0 + tau_syn = {i_at:.9f} pA (w = {w} pA): "
                  f"{'ok' if good else 'FAIL'}")
            ok &= good
            # True peak: I/C = (v - E_L)/tm.
            deriv = lambda s: cur(s) / C - psp(s) / tm
            tp = bisect(deriv, 1e-9, 10 * max(tm, ts))
            vp = psp(tp)
            dev = [(t, x - E_L) for t, x in v]
            j = max(range(len(dev)), key=lambda i: abs(dev[i][1]))
            (ta, ya), (tb, yb), (tc, yc) = dev[j - 1], dev[j], dev[j + 1]
            h = tb - ta
            den = ya - 2 * yb + yc
            off = 0.5 * h * (ya - yc) / den
            t_est = tb + off - T0
            v_est = yb - 0.25 * (ya - yc) * off / h
            grid_ok = abs((tb - T0) - tp) < h * (1 + 1e-9)
            dt_err = t_est - tp
            dv_rel = (v_est - vp) / abs(vp)
            good = grid_ok and abs(dt_err) < 0.005 and abs(dv_rel) < 1e-4
            print(f"       peak: exact t = {tp:.6f} ms, v - E_L = {vp:.9f} mV; grid max at "
                  f"{tb - T0:.1f} ms; interpolated t error {dt_err:+.2e} ms, amplitude error "
                  f"{dv_rel:+.2e}: {'ok' if good else 'FAIL'}")
            ok &= good
    print("all ok" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
