#!/usr/bin/env python3
"""Checks test/stdlib/lif-delta.snn (std/lif.snn's LIF, NEST iaf_psc_delta) against closed
forms. Usage: check_lif.py OUTDIR DT_MS

jump:  one input of 5 mV acting at t0 = 2 ms (generator at 1 ms, delay 1 ms; the sample at t0
       is taken just before it acts): v = E_L + 5 mV e^(-(t - t0)/tau_m) for t > t0, to 1e-9
       of 5 mV.
drive: I_e = 500 pA: from V_reset, v(t) = v_inf - (v_inf - V_reset) e^(-t/tau_m) with
       v_inf = E_L + tau_m I_e / C_m reaches V_th after T = tau_m ln((v_inf - V_reset) /
       (v_inf - V_th)); the first spike is at step ceil(T/dt), every later one
       N + ceil(T/dt) steps after the previous (v held for N = t_ref/dt steps, then free from
       V_reset): exact steps.
refr:  a 20 mV input acting at 2 ms makes it spike at the end of that step, at 2 ms + dt; v is
       then held for the N steps up to 4 ms + dt. 10 mV inputs acting at 2.5 ms and at 4 ms (the
       start of the last held step at dt = 0.1 ms) are dropped, as in NEST; one acting at
       4.1 ms, after the held steps, is kept: v = V_reset + 10 mV e^(-dt/tau_m) at 4.1 ms + dt.
"""
import math
import sys

from stdlib_check import read_spikes, read_state

TAU_M, C_M, E_L, V_TH, V_RESET, T_REF = 10.0, 250.0, -70.0, -55.0, -70.0, 2.0


def main():
    out, dt = sys.argv[1], float(sys.argv[2])
    ok = True
    # jump
    v = read_state(out, "jump", "v")
    f = lambda t: E_L + (5.0 * math.exp(-(t - 2.0) / TAU_M) if t > 2.0 + 1e-9 else 0.0)
    err = max(abs(x - f(t)) for t, x in v) / 5.0
    good = err < 1e-9 and len(v) > 100
    print(f"jump: max error {err:.2e} of 5 mV: {'ok' if good else 'FAIL'}")
    ok &= good
    # drive
    I_e, duration = 500.0, 200.0
    v_inf = E_L + TAU_M * I_e / C_M
    T = TAU_M * math.log((v_inf - V_RESET) / (v_inf - V_TH))
    x = T / dt
    assert abs(x - round(x)) > 1e-6
    n = math.ceil(x)
    N = round(T_REF / dt)
    want = list(range(n, round(duration / dt) + 1, N + n))
    got = [round(t / dt) for t in read_spikes(out, "drive")]
    good = got == want
    print(f"drive: {len(got)} spikes, predicted {len(want)} (first at step {n}, then every "
          f"{N} + {n}): {'all steps equal' if good else 'DIFFERENT'}: {'ok' if good else 'FAIL'}")
    ok &= good
    # refr
    spikes = read_spikes(out, "refr")
    v = dict((round(t / dt), x) for t, x in read_state(out, "refr", "v"))
    s = lambda t: round(t / dt)
    kept = V_RESET + 10.0 * math.exp(-dt / TAU_M)
    after = [v[s(2.5) + 1], v[s(4.0) + 1], v[s(4.1) + 1]]
    good = (spikes == [2.0 + dt] and after[0] == V_RESET and after[1] == V_RESET and
            v[s(4.1)] == V_RESET and abs(after[2] - kept) < 1e-9)
    print(f"refr: spikes {spikes}, v after the inputs at 2.5 and 4 ms {after[0]}, {after[1]} mV "
          f"(dropped), after the input at 4.1 ms {after[2]:.9f} mV (kept): "
          f"{'ok' if good else 'FAIL'}")
    ok &= good
    print("all ok" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
