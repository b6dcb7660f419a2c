"""Runs snnc on generated broken inputs and checks that each run ends with exit code 1 and an
'error:' diagnostic: never a crash (a signal), a hang, or a silent success.

usage: fuzz.py SNNC WORKDIR MODE [SOURCE]
  truncate  every prefix of SOURCE at a multiple of 50 bytes
  random    random byte strings (fixed seed)
  mutate    SOURCE with tokens deleted, duplicated or swapped (fixed seed)
  longline  very long lines of several kinds
"""
import os
import random
import re
import subprocess
import sys

snnc, workdir, mode = sys.argv[1], sys.argv[2], sys.argv[3]
source = open(sys.argv[4], "rb").read() if len(sys.argv) > 4 else b""
os.makedirs(workdir, exist_ok=True)


def cases():
    rng = random.Random(1234)
    if mode == "truncate":
        for n in range(0, len(source), 50):
            yield source[:n]
    elif mode == "random":
        for _ in range(60):
            yield bytes(rng.randrange(256) for _ in range(rng.randrange(1, 400)))
        alphabet = b"network neuron {}()[]=+-*/^<>:;,.'\"\n\t 0123456789 ms mV Hz ->"
        for _ in range(60):
            yield bytes(rng.choice(alphabet) for _ in range(rng.randrange(1, 400)))
    elif mode == "mutate":
        tokens = re.findall(rb"\s+|//[^\n]*|[A-Za-z_]\w*|\d+(?:\.\d*)?|->|.", source)
        for _ in range(80):
            t = list(tokens)
            for _ in range(rng.randrange(1, 4)):
                i = rng.randrange(len(t))
                op = rng.randrange(3)
                if op == 0:
                    t[i] = b""
                elif op == 1:
                    t[i] = t[i] + t[i]
                else:
                    t[i] = t[rng.randrange(len(t))]
            data = b"".join(t)
            if data != source:
                yield data
    elif mode == "longline":
        yield b"network n { const x = " + b"1 + " * 50000 + b"1 }\n"
        yield b"network n { const y = " + b"x" * 200000 + b" }\n"
        yield b"network n { const x = 1 }" + b" " * 300000 + b"@\n"
        yield b"// " + b"a" * 500000  # a comment line and no network
        yield b"network n { const x = \"" + b"s" * 100000 + b"\n}\n"


count = 0
for i, data in enumerate(cases()):
    path = os.path.join(workdir, "case%d.snn" % i)
    with open(path, "wb") as f:
        f.write(data)
    try:
        r = subprocess.run([snnc, "--emit=ir", "-o", os.devnull, path], capture_output=True,
                           timeout=60)
    except subprocess.TimeoutExpired:
        print("HANG on", path)
        sys.exit(1)
    err = r.stderr.decode("utf-8", "replace")
    if r.returncode == 0:
        # A mutation may still be a valid network; that is fine if nothing was reported.
        if mode == "mutate" and "error:" not in err:
            count += 1
            continue
        print("exit code 0 on", path)
        sys.exit(1)
    if r.returncode != 1:
        print("exit code %d on %s" % (r.returncode, path))
        print(err[-2000:])
        sys.exit(1)
    if "error:" not in err:
        print("no diagnostic on", path)
        sys.exit(1)
    count += 1
print("%s: %d inputs, all rejected cleanly" % (mode, count))
