"""Helpers shared by the test/stdlib checkers: reading snnc's CSV recordings.

Pure Python (the lit %python may have no numpy). Times in ms, values in the display unit of
the column (mV, nA, nS, ...).
"""
import csv
import os


def read_state(outdir, pop, var, neuron=0):
    """[(time_ms, value)] of one neuron from state_<pop>_<var>.csv."""
    path = os.path.join(outdir, f"state_{pop}_{var}.csv")
    rows = []
    with open(path) as f:
        r = csv.reader(f)
        next(r)
        for t, n, x in r:
            if int(n) == neuron:
                rows.append((float(t), float(x)))
    return rows


def read_spikes(outdir, pop, neuron=None):
    """Spike times (ms) of a population (or of one neuron) from spikes_<pop>.csv."""
    path = os.path.join(outdir, f"spikes_{pop}.csv")
    out = []
    with open(path) as f:
        r = csv.reader(f)
        next(r)
        for t, n in r:
            if neuron is None or int(n) == neuron:
                out.append(float(t))
    return out


def bisect(f, lo, hi, tol=1e-13):
    """A root of f in [lo, hi], where f(lo) and f(hi) have opposite signs."""
    flo = f(lo)
    assert flo * f(hi) <= 0, (lo, hi, flo, f(hi))
    while hi - lo > tol:
        mid = 0.5 * (lo + hi)
        fm = f(mid)
        if (fm <= 0) == (flo <= 0):
            lo, flo = mid, fm
        else:
            hi = mid
    return 0.5 * (lo + hi)


def rk4(f, y, t, h):
    """One classical Runge-Kutta step of y' = f(t, y) for a list y."""
    k1 = f(t, y)
    k2 = f(t + h / 2, [a + h / 2 * k for a, k in zip(y, k1)])
    k3 = f(t + h / 2, [a + h / 2 * k for a, k in zip(y, k2)])
    k4 = f(t + h, [a + h * k for a, k in zip(y, k3)])
    return [a + h / 6 * (p + 2 * q + 2 * r + s) for a, p, q, r, s in zip(y, k1, k2, k3, k4)]
