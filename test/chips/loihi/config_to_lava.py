#!/usr/bin/env python3
"""Turns a Loihi configuration written by `snnc --target=loihi` (docs/chip-config.md) into the
network description of ../shared/tools/lava/lava_ref.py, which runs it through Intel Lava's
bit-accurate Loihi models (PyLifModelBitAcc, PyDenseModelBitAcc, PyDelayDenseModelBitAcc).

  config_to_lava.py NET.chip.json LAVA_NET.json

Populations of chip neurons become LIF processes (du, dv, vth, bias_mant, bias_exp), spike-time
generators RingBuffer inputs, and each projection a Dense (a DelayDense when a delay is not 0)
with its weight matrix gathered from the synapse tables of the cores, its weight_exp, weight
bits and sign mode; graded projections carry spike counts as payloads. Step s of snnc (the
first update is step 1) is Lava's 0-based step s - 1. Lava starts every neuron at u = v = 0,
so the configuration must too. Used to make the golden files of the suite (make_goldens.sh);
the suite itself does not need Lava.
"""
import json
import sys
from collections import Counter


def convert(cfg):
    pops = {p["name"]: p for p in cfg["populations"]}
    net = {"steps": cfg["steps"], "inputs": [], "lif": [], "dense": []}
    for p in cfg["populations"]:
        if p["kind"] == "spike_times":
            counts = Counter((s, i) for s, i in p["spikes"])
            spikes = [[s - 1, i] + ([c] if c > 1 else []) for (s, i), c in sorted(counts.items())]
            net["inputs"].append({"name": p["name"], "size": p["size"], "spikes": spikes})
        elif p["kind"] == "neuron":
            for role, var in p["roles"].items():
                if role != "a_in" and any(p["initial"][var]):
                    sys.exit("population %s starts at %s != 0; Lava starts at 0" % (p["name"], var))
            pr = p["params"]
            if pr.get("refractory", 0):
                sys.exit("population %s has a refractory period; Lava's LIF has none" % p["name"])
            net["lif"].append({"name": p["name"], "size": p["size"], "du": pr["du"],
                               "dv": pr["dv"], "vth": pr["vth"], "bias_mant": pr["bias_mant"],
                               "bias_exp": pr["bias_exp"]})
        else:
            sys.exit("population %s is %s; the goldens use spike-time inputs" % (p["name"], p["kind"]))
    for k, pj in enumerate(cfg["projections"]):
        ns, nt = pops[pj["source"]]["size"], pops[pj["target"]]["size"]
        w = [[0] * ns for _ in range(nt)]
        d = [[0] * ns for _ in range(nt)]
        for core in cfg["cores"]:
            if core["population"] != pj["target"]:
                continue
            syn = core["synapses"]
            for a, n, wt, dl in zip(syn["axon"], syn["neuron"], syn["weight"], syn["delay"]):
                proj, src = core["axons"][a]
                if proj != k:
                    continue
                t = core["lo"] + n
                if w[t][src] and d[t][src] != dl:
                    sys.exit("projection %s has two synapses %d -> %d with different delays"
                             % (pj["name"], src, t))
                w[t][src] += wt
                d[t][src] = dl
        entry = {"from": pj["source"], "to": pj["target"], "weights": w,
                 "weight_exp": pj["weight_exp"], "num_weight_bits": pj["weight_bits"],
                 "sign_mode": pj["sign_mode"],
                 "delays": d if any(any(r) for r in d) else None,
                 "num_message_bits": 8 if pj["graded"] else 0}
        net["dense"].append(entry)
    return net


if __name__ == "__main__":
    with open(sys.argv[1]) as f:
        cfg = json.load(f)
    with open(sys.argv[2], "w") as f:
        json.dump(convert(cfg), f)
