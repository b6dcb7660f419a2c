#!/usr/bin/python3
"""Writes the networks of the mapping benchmark (docs/mapping.md) into a directory.

  clustered   64 clusters of 250 neurons in one population, p_in = 0.2, p_out = 0.005; a
              neuron's cluster is a random draw (seeded), so index order knows nothing of it
              (connections from a file)
  clustered_pops  the same clusters as 64 populations (index order is cluster order)
  brunel      Brunel's network, 10,000 excitatory and 2,500 inhibitory neurons, p = 0.1
              (SpiNNaker) or 0.02 (Loihi: a core receives at most 4,096 input axons)
  sheet       a 128 x 128 sheet, each neuron connected to those within Chebyshev distance 2
              (24 targets), row-major indices (connections from a file)
  microcircuit  the Potjans-Diesmann microcircuit's 8 populations and connection probabilities,
              neuron numbers scaled by --scale (default 0.1)
  large       100,000 neurons and about 10 million synapses (fixed_probability 0.001), for the
              mapping time

The neuron is a current-based LIF that Loihi and SpiNNaker run (docs/targets.md; TrueNorth has
no synaptic current, see test/chips/truenorth/large-relays.test for TrueNorth); excitatory and
inhibitory projections are separate (SpiNNaker stores one sign per projection). Standard library
only.
"""
import argparse
import random
from pathlib import Path

NEURON = """neuron Cuba {
    state v = 0 mV
    state I = 0 mV
    dv/dt = (I - v) / 20 ms
    dI/dt = -I / 5 ms
    on spike when v > 10 mV { v = 0 mV }
    on receive in(w : mV) { I += w }
}
"""

# Potjans & Diesmann (2014), Table 5: neuron numbers and connection probabilities (rows:
# target, columns: source), in the order L23E L23I L4E L4I L5E L5I L6E L6I.
PD_NAMES = ["L23E", "L23I", "L4E", "L4I", "L5E", "L5I", "L6E", "L6I"]
PD_SIZES = [20683, 5834, 21915, 5479, 4850, 1065, 14395, 2948]
PD_PROBS = [
    [0.1009, 0.1689, 0.0437, 0.0818, 0.0323, 0.0, 0.0076, 0.0],
    [0.1346, 0.1371, 0.0316, 0.0515, 0.0755, 0.0, 0.0042, 0.0],
    [0.0077, 0.0059, 0.0497, 0.135, 0.0067, 0.0003, 0.0453, 0.0],
    [0.0691, 0.0029, 0.0794, 0.1597, 0.0033, 0.0, 0.1057, 0.0],
    [0.1004, 0.0622, 0.0505, 0.0057, 0.0831, 0.3726, 0.0204, 0.0],
    [0.0548, 0.0269, 0.0257, 0.0022, 0.06, 0.3158, 0.0086, 0.0],
    [0.0156, 0.0066, 0.0211, 0.0166, 0.0572, 0.0197, 0.0396, 0.2252],
    [0.0364, 0.001, 0.0034, 0.0005, 0.0277, 0.008, 0.0658, 0.1443],
]

FOOTER = "    simulate 100 ms with dt = 1 ms, seed = 7\n}\n"


def clustered(out, rng, clusters=64, size=250, p_in=0.2, p_out=0.005):
    n = clusters * size
    members = list(range(n))
    rng.shuffle(members)
    cluster_of = [0] * n
    for k in range(clusters):
        for i in members[k * size:(k + 1) * size]:
            cluster_of[i] = k
    by_cluster = [[] for _ in range(clusters)]
    for i in range(n):
        by_cluster[cluster_of[i]].append(i)
    with open(out / "clustered.csv", "w") as f:
        f.write("pre,post\n")
        for i in range(n):
            k = cluster_of[i]
            for j in by_cluster[k]:
                if j != i and rng.random() < p_in:
                    f.write(f"{i},{j}\n")
            # p_out to the other clusters by geometric skipping over all neurons
            j = -1
            while True:
                j += int(rng.expovariate(1.0) / -__import__('math').log(1 - p_out)) + 1
                if j >= n:
                    break
                if cluster_of[j] != k:
                    f.write(f"{i},{j}\n")
    (out / "clustered.snn").write_text(
        NEURON + "network clustered {\n"
        f"    population c = Cuba[{n}]\n"
        "    population drive = poisson[200](rate = 20 Hz)\n"
        '    connect c -> c : from_file("clustered.csv"), weight = 0.5 mV\n'
        "    connect drive -> c : fixed_probability(0.05), weight = 2 mV\n" + FOOTER)


def clustered_pops(out, clusters=64, size=250, p_in=0.2, p_out=0.005):
    lines = [NEURON, "network clustered_pops {"]
    for k in range(clusters):
        lines.append(f"    population c{k} = Cuba[{size}]")
    for k in range(clusters):
        lines.append(f"    connect c{k} -> c{k} : fixed_probability({p_in}), weight = 0.5 mV")
        others = ", ".join(f"c{j}" for j in range(clusters) if j != k)
        lines.append(f"    connect c{k} -> {others} : fixed_probability({p_out}), weight = 0.5 mV")
    (out / "clustered_pops.snn").write_text("\n".join(lines) + "\n" + FOOTER)


def brunel(out, name, p):
    (out / f"{name}.snn").write_text(
        NEURON + f"network {name} {{\n"
        "    population E = Cuba[10000]\n"
        "    population I = Cuba[2500]\n"
        "    population ext = poisson[1000](rate = 10 Hz)\n"
        f"    connect E -> E, I : fixed_probability({p}), weight = 0.2 mV, delay = 1.5 ms\n"
        f"    connect I -> E, I : fixed_probability({p}), weight = -1 mV, delay = 1.5 ms\n"
        "    connect ext -> E, I : fixed_indegree(20), weight = 0.5 mV\n" + FOOTER)


def sheet(out, width=128, radius=2):
    with open(out / "sheet.csv", "w") as f:
        f.write("pre,post\n")
        for y in range(width):
            for x in range(width):
                for dy in range(-radius, radius + 1):
                    for dx in range(-radius, radius + 1):
                        if (dx or dy) and 0 <= x + dx < width and 0 <= y + dy < width:
                            f.write(f"{y * width + x},{(y + dy) * width + x + dx}\n")
    (out / "sheet.snn").write_text(
        NEURON + "network sheet {\n"
        f"    population s = Cuba[{width * width}]\n"
        "    population drive = poisson[128](rate = 20 Hz)\n"
        '    connect s -> s : from_file("sheet.csv"), weight = 1 mV\n'
        "    connect drive -> s : fixed_probability(0.01), weight = 3 mV\n" + FOOTER)


def microcircuit(out, scale):
    lines = [NEURON, "network microcircuit {"]
    sizes = [max(1, round(n * scale)) for n in PD_SIZES]
    for name, n in zip(PD_NAMES, sizes):
        lines.append(f"    population {name} = Cuba[{n}]")
    lines.append("    population th = poisson[100](rate = 15 Hz)")
    for t, row in enumerate(PD_PROBS):
        for s, p in enumerate(row):
            if p > 0:
                w = "0.3 mV" if PD_NAMES[s].endswith("E") else "-1.2 mV"
                lines.append(f"    connect {PD_NAMES[s]} -> {PD_NAMES[t]} : "
                             f"fixed_probability({p}), weight = {w}")
    lines.append("    connect th -> L4E, L4I, L6E, L6I : fixed_probability(0.05), weight = 0.5 mV")
    (out / "microcircuit.snn").write_text("\n".join(lines) + "\n" + FOOTER)


def large(out):
    (out / "large.snn").write_text(
        NEURON + "network large {\n"
        "    population E = Cuba[80000]\n"
        "    population I = Cuba[20000]\n"
        "    connect E -> E, I : fixed_probability(0.001), weight = 0.2 mV\n"
        "    connect I -> E, I : fixed_probability(0.001), weight = -1 mV\n" + FOOTER)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out", help="directory to write into")
    ap.add_argument("--scale", type=float, default=0.1, help="microcircuit neuron scale")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(a.seed)
    clustered(out, rng)
    clustered_pops(out)
    brunel(out, "brunel", 0.1)
    brunel(out, "brunel_sparse", 0.02)
    sheet(out)
    microcircuit(out, a.scale)
    large(out)


if __name__ == "__main__":
    main()
