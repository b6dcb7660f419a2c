#!/usr/bin/env python3
"""Checks test/stdlib/adex.snn (std/adex.snn's AdEx) against RK4 integrations written from
Brette & Gerstner (2005). Usage: check_adex.py OUTDIR DT_MS

  C dV/dt = -g_L (V - E_L) + g_L Delta_T exp((V - V_T)/Delta_T) - w + I
  tau_w dw/dt = a (V - E_L) - w;   V > V_peak: V = V_r, w += b   (tested after each step)

1. Same scheme as snnc's (RK4 at dt, exponential evaluated at min(V, V_peak)): equal spike
   steps.
2. Reference: RK4 at 0.001 ms, the paper's equation without the cap (V never gets more than a
   few hundredths of a mV past V_peak in such a step). First spike within one step (snnc's
   spike is reported at the end of the step in which V crosses V_peak), spike count equal, and
   every spike within 1 ms of the reference (the detection delay of [0, dt) per spike, and the
   reset that comes that much later, shift later spikes; the largest shift is printed).
"""
import math
import sys

from stdlib_check import read_spikes

C, G_L, E_L, V_T, D_T = 281.0, 30.0, -70.6, -50.4, 2.0   # pF, nS, mV, mV, mV
V_PEAK = V_T + 5 * D_T
# population: (I nA, tau_w ms, a nS, b nA, V_r mV)
POPS = {
    "rs":    (1.0, 144.0, 4.0, 0.0805, -70.6),    # the paper's (regular spiking)
    "burst": (1.0, 20.0, 4.0, 0.5, V_T + 5.0),    # Brian2 example's bursting set
    "sub":   (0.6, 144.0, 4.0, 0.0805, -70.6),    # below the stationary rheobase 0.627 nA
}
DURATION = 300.0


def simulate(I, tau_w, a, b, V_r, h, cap):
    I_pA, b_pA = I * 1000.0, b * 1000.0

    def f(V, w):
        Ve = min(V, V_PEAK) if cap else V
        # nS * mV = pA; pA / pF = mV/ms
        return ((-G_L * (V - E_L) + G_L * D_T * math.exp((Ve - V_T) / D_T) - w + I_pA) / C,
                (a * (V - E_L) - w) / tau_w)

    V, w = E_L, 0.0
    spikes = []
    for k in range(round(DURATION / h)):
        k1 = f(V, w)
        k2 = f(V + h / 2 * k1[0], w + h / 2 * k1[1])
        k3 = f(V + h / 2 * k2[0], w + h / 2 * k2[1])
        k4 = f(V + h * k3[0], w + h * k3[1])
        V += h / 6 * (k1[0] + 2 * k2[0] + 2 * k3[0] + k4[0])
        w += h / 6 * (k1[1] + 2 * k2[1] + 2 * k3[1] + k4[1])
        if V > V_PEAK:
            spikes.append((k + 1) * h)
            V = V_r
            w += b_pA
    return spikes


def main():
    out, dt = sys.argv[1], float(sys.argv[2])
    ok = True
    for pop, p in POPS.items():
        got = read_spikes(out, pop)
        same = simulate(*p, h=dt, cap=True)
        ref = simulate(*p, h=0.001, cap=False)
        good1 = [round(t / dt) for t in got] == [round(t / dt) for t in same]
        shift = max(abs(x - y) for x, y in zip(got, ref)) if got and ref else 0.0
        d_first = got[0] - ref[0] if got and ref else float("nan")
        good2 = len(got) == len(ref) >= 1 and -1e-9 < d_first < dt and shift < 1.0
        print(f"{pop + ':':6} same scheme {'equal' if good1 else 'DIFFERENT'}; {len(got)} spikes vs "
              f"{len(ref)}, first {got[0]:g} vs {ref[0]:.3f} ms ({d_first:+.3f}), last "
              f"{got[-1]:g} vs {ref[-1]:.3f} ms, largest shift {shift:.3f} ms: "
              f"{'ok' if good1 and good2 else 'FAIL'}")
        ok &= good1 and good2
    print("all ok" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
