#!/usr/bin/env python3
"""Independent reference for the Izhikevich (2003) model under a current step.

Integrates dv/dt = 0.04 v^2 + 5 v + 140 - u + I, du/dt = a (b v - u) (mV, ms) with classical
RK4 at a fine step (default 0.001 ms), the current I = I_amp for t >= t_on (0 before), and the
paper's reset: after each step, if v >= 30: v = c, u += d, and a spike is recorded at the end
of that step. Initial state v = -65, u = b v. Pure Python (no numpy), written from the paper,
not from snnc.
"""

PARAMS = {  # a (1/ms), b, c (mV), d (mV): Izhikevich 2003, Fig. 2
    "RS": (0.02, 0.2, -65.0, 8.0),
    "IB": (0.02, 0.2, -55.0, 4.0),
    "CH": (0.02, 0.2, -50.0, 2.0),
    "FS": (0.1, 0.2, -65.0, 2.0),
    "LTS": (0.02, 0.25, -65.0, 2.0),
}


def simulate(kind, duration=200.0, h=0.001, i_amp=10.0, t_on=10.0):
    a, b, c, d = PARAMS[kind]
    v, u = -65.0, b * -65.0
    n_steps = round(duration / h)
    n_on = round(t_on / h)
    spikes = []
    for k in range(n_steps):
        I = i_amp if k >= n_on else 0.0

        def f(v, u):
            return 0.04 * v * v + 5.0 * v + 140.0 - u + I, a * (b * v - u)

        k1v, k1u = f(v, u)
        k2v, k2u = f(v + 0.5 * h * k1v, u + 0.5 * h * k1u)
        k3v, k3u = f(v + 0.5 * h * k2v, u + 0.5 * h * k2u)
        k4v, k4u = f(v + h * k3v, u + h * k3u)
        v += h / 6.0 * (k1v + 2 * k2v + 2 * k3v + k4v)
        u += h / 6.0 * (k1u + 2 * k2u + 2 * k3u + k4u)
        if v >= 30.0:
            spikes.append((k + 1) * h)
            v = c
            u += d
    return spikes


if __name__ == "__main__":
    import sys
    h = float(sys.argv[1]) if len(sys.argv) > 1 else 0.001
    for kind in PARAMS:
        s = simulate(kind, h=h)
        print(kind, len(s), " ".join(f"{x:.3f}" for x in s))
