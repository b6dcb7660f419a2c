#!/usr/bin/env python3
"""Writes a copy of a chip configuration with edits applied, for the tests of
`snnc-emu --validate`. Each edit is a name and its arguments; PATH is dot-separated keys and
list indices (`cores.0.usage.neurons`, `target.core.max_neurons`), VALUE is JSON.

  corrupt.py IN OUT EDIT ARGS... [EDIT ARGS...]

  set PATH VALUE           replace (or add) the value at PATH
  del PATH                 remove the list element or object member at PATH
  append PATH VALUE        append VALUE to the list at PATH
  remove-synapse CORE K    remove synapse K of core CORE (all four columns)
  shift-weight CORE K D    add D to the weight of synapse K of core CORE
"""
import json
import sys


def walk(cfg, path):
    """The container holding PATH's last step, and that step."""
    keys = [int(k) if k.lstrip("-").isdigit() else k for k in path.split(".")]
    node = cfg
    for k in keys[:-1]:
        node = node[k]
    return node, keys[-1]


def main():
    src, dst, args = sys.argv[1], sys.argv[2], sys.argv[3:]
    with open(src) as f:
        cfg = json.load(f)
    while args:
        edit = args.pop(0)
        if edit == "set":
            node, key = walk(cfg, args.pop(0))
            node[key] = json.loads(args.pop(0))
        elif edit == "del":
            node, key = walk(cfg, args.pop(0))
            del node[key]
        elif edit == "append":
            node, key = walk(cfg, args.pop(0))
            node[key].append(json.loads(args.pop(0)))
        elif edit == "remove-synapse":
            syn = cfg["cores"][int(args.pop(0))]["synapses"]
            k = int(args.pop(0))
            for column in ("axon", "neuron", "weight", "delay"):
                del syn[column][k]
        elif edit == "shift-weight":
            syn = cfg["cores"][int(args.pop(0))]["synapses"]
            k = int(args.pop(0))
            syn["weight"][k] += int(args.pop(0))
        else:
            sys.exit("corrupt.py: unknown edit '%s'" % edit)
    with open(dst, "w") as f:
        json.dump(cfg, f)


if __name__ == "__main__":
    main()
