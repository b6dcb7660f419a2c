#!/usr/bin/env python3
"""Checks the usage examples of docs/stdlib.md: every ```snn block that defines a network must
compile (snnc --emit=ir-opt), and its network must be the one of the same name in the usage
tests (test/stdlib/usage-*.snn), comments and spacing aside, so the documented code is the
tested code.

Usage: check_doc_examples.py DOC SNNC WORKDIR USAGE_FILE...
"""
import os
import re
import subprocess
import sys


def networks(text):
    """{name: body without comments and whitespace} of every network in text."""
    text = re.sub(r"//[^\n]*", "", text)
    out = {}
    for m in re.finditer(r"network\s+(\w+)\s*\{", text):
        depth, i = 1, m.end()
        while depth:
            depth += {"{": 1, "}": -1}.get(text[i], 0)
            i += 1
        out[m.group(1)] = re.sub(r"\s+", "", text[m.end():i])
    return out


def main():
    doc, snnc, work = sys.argv[1:4]
    tested = {}
    for path in sys.argv[4:]:
        with open(path) as f:
            tested.update(networks(f.read()))
    with open(doc) as f:
        blocks = re.findall(r"```snn\n(.*?)```", f.read(), re.S)
    os.makedirs(work, exist_ok=True)
    ok, count = True, 0
    for k, block in enumerate(blocks):
        nets = networks(block)
        if not nets:
            continue
        count += 1
        path = os.path.join(work, f"example{k}.snn")
        with open(path, "w") as f:
            f.write(block)
        r = subprocess.run([snnc, "--emit=ir-opt", path, "-o", os.devnull],
                           capture_output=True, text=True)
        for name, body in nets.items():
            same = tested.get(name) == body
            good = r.returncode == 0 and same
            print(f"{name}: {'compiles' if r.returncode == 0 else 'DOES NOT COMPILE'}, "
                  f"{'same as the test' if same else 'DIFFERENT FROM THE TEST'}: "
                  f"{'ok' if good else 'FAIL'}")
            if r.returncode:
                print(r.stderr)
            ok &= good
    print(f"{count} examples: {'all ok' if ok else 'FAILED'}")
    return 0 if ok and count else 1


if __name__ == "__main__":
    sys.exit(main())
