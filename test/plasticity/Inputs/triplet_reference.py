"""Reference for triplet-protocols.snn: the triplet STDP model of Pfister & Gerstner (2006),
all-to-all, evaluated from its equations. Between spikes every trace decays exactly
(r1: tau_plus, r2: tau_x, o1: tau_minus, o2: tau_y); at a presynaptic spike
    w -= w_max * o1 * (A2_minus + A3_minus * r2);  r1 += 1;  r2 += 1
and at a postsynaptic spike
    w += w_max * r1 * (A2_plus + A3_plus * o2);    o1 += 1;  o2 += 1
(the triplet terms use the other trace of the same side before its jump; a presynaptic spike
in the same step as a postsynaptic one counts first). Usage: triplet_reference.py OUTDIR"""
import csv
import math
import os
import sys

TAU_PLUS, TAU_MINUS, TAU_X, TAU_Y = 16.8e-3, 33.7e-3, 101e-3, 125e-3
A2P, A3P, A2M, A3M = 5e-10, 6.2e-3, 7e-3, 2.3e-4
W_MAX, W0 = 100.0, 50.0  # mV
FREQS = [1, 10, 20, 40, 50]
PAIRS = 60


def triplet(pre, post):
    events = sorted([(t, 0) for t in pre] + [(t, 1) for t in post])
    r1 = r2 = o1 = o2 = 0.0
    w = W0
    last = 0.0
    for t, kind in events:
        d = t - last
        r1 *= math.exp(-d / TAU_PLUS)
        r2 *= math.exp(-d / TAU_X)
        o1 *= math.exp(-d / TAU_MINUS)
        o2 *= math.exp(-d / TAU_Y)
        last = t
        if kind == 0:
            w = min(max(w - W_MAX * o1 * (A2M + A3M * r2), 0.0), W_MAX)
            r1 += 1
            r2 += 1
        else:
            w = min(max(w + W_MAX * r1 * (A2P + A3P * o2), 0.0), W_MAX)
            o1 += 1
            o2 += 1
    return w - W0


def spikes(path):
    with open(path) as f:
        return [float(row["time_ms"]) * 1e-3 for row in csv.DictReader(f)]


def main():
    out = sys.argv[1]
    worst = 0.0
    gains = {}
    for f in FREQS:
        for sign, name in ((1, "p"), (-1, "m")):
            period = 1.0 / f
            pre = [0.1 + k * period for k in range(PAIRS)]
            post = [t + sign * 0.010 for t in pre]
            got_pre = spikes(os.path.join(out, "spikes_pre_%d%s.csv" % (f, name)))
            got_post = spikes(os.path.join(out, "spikes_post_%d%s.csv" % (f, name)))
            for want, got in ((pre, got_pre), (post, got_post)):
                if len(want) != len(got) or any(abs(a - b) > 1e-9 for a, b in zip(want, got)):
                    sys.exit("spike train of protocol %d Hz %+d ms differs: %s..." %
                             (f, sign * 10, got[:3]))
            with open(os.path.join(out, "synapses_pre_%d%s_post_%d%s_w.csv" % (f, name, f, name))) as fh:
                w = float(next(csv.DictReader(fh))["w_mV"])
            expected = triplet(pre, post)
            error = abs((w - W0) - expected) / abs(expected)
            worst = max(worst, error)
            gains[(f, sign)] = expected
            print("protocol %d Hz %+d ms: dw %.12g mV expected %.12g mV (relative error %.2e)" %
                  (f, sign * 10, w - W0, expected, error))
    print("max relative error %.2e %s 1e-09" % (worst, "below" if worst < 1e-9 else "ABOVE"))
    # Potentiation grows with the pairing frequency (at 40 and 50 Hz it reaches w_max).
    grows = all(gains[(a, 1)] <= gains[(b, 1)] for a, b in zip(FREQS, FREQS[1:]))
    print("potentiation grows with frequency for +10 ms: %s" % ("yes" if grows else "no"))
    if worst >= 1e-9:
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
