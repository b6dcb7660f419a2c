#!/usr/bin/env python3
"""Validates chip configurations against docs/chip-config.schema.json (JSON Schema 2020-12,
with Debian's python3-jsonschema) and checks what a schema cannot say: every core's synapse
columns have one length, axons and neurons are in range, routes point at existing axons, the
cores of each population cover its neurons exactly once, and each population's list of its
cores says what the cores hold.

  validate_config.py SCHEMA CONFIG...
"""
import json
import sys

import jsonschema


def check(cfg):
    pops = {p["name"]: p for p in cfg["populations"]}
    covered = {n: [0] * p["size"] for n, p in pops.items() if p["kind"] == "neuron"}
    for i, core in enumerate(cfg["cores"]):
        syn = core["synapses"]
        n = len(syn["axon"])
        width = sum(hi - lo for _, lo, hi in core["neurons"])
        assert all(len(syn[k]) == n for k in ("neuron", "weight", "delay")), "cores[%d]: columns" % i
        assert all(a < len(core["axons"]) for a in syn["axon"]), "cores[%d]: axon out of range" % i
        assert all(x < width for x in syn["neuron"]), "cores[%d]: neuron" % i
        assert core["usage"]["synapses"] == n, "cores[%d]: usage.synapses" % i
        assert core["usage"]["neurons"] == width, "cores[%d]: usage.neurons" % i
        offset = 0
        for pop, lo, hi in core["neurons"]:
            for k in range(lo, hi):
                covered[pop][k] += 1
            listed = [c for c in pops[pop]["cores"] if c["core"] == i and c["lo"] == lo]
            assert len(listed) == 1 and listed[0]["hi"] == hi and listed[0]["offset"] == offset, \
                "cores[%d]: %s[%d:%d] is not in the population's list of cores" % (i, pop, lo, hi)
            offset += hi - lo
    for name, c in covered.items():
        assert all(x == 1 for x in c), "population %s: not covered exactly once by cores" % name
    for pop, neuron, to in cfg["routes"]:
        assert neuron < pops[pop]["size"], "route of %s[%d]" % (pop, neuron)
        for core, axon in to:
            assert cfg["cores"][core]["axons"][axon][1] == neuron, "route of %s[%d]" % (pop, neuron)


def main():
    with open(sys.argv[1]) as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for path in sys.argv[2:]:
        with open(path) as f:
            cfg = json.load(f)
        errors = sorted(validator.iter_errors(cfg), key=lambda e: list(e.path))
        for e in errors[:5]:
            print("%s: %s: %s" % (path, "/".join(str(p) for p in e.path), e.message))
        if errors:
            return 1
        check(cfg)
        print("%s: valid (%d populations, %d cores, %d synapses)" % (
            path.split("/")[-1], len(cfg["populations"]), len(cfg["cores"]),
            sum(len(c["synapses"]["axon"]) for c in cfg["cores"])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
