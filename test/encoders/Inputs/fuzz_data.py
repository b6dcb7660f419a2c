"""Runs snnc on networks whose data files are broken in generated ways, and checks that every run
ends with exit code 0 (the file happened to be valid) or 1 with an 'error:' diagnostic: never a
crash (a signal), a hang, or a failure without a message.

usage: fuzz_data.py SNNC WORKDIR

For each kind of data file (spikes, rate table, injected input, delta signal, connections) a
valid file is mutated with a fixed seed: fields replaced by odd numbers and words, lines
deleted, duplicated or swapped, bytes inserted (commas, quotes, NUL, invalid UTF-8, CR), and
the file truncated.
"""
import os
import random
import subprocess
import sys

snnc, workdir = sys.argv[1], sys.argv[2]
os.makedirs(workdir, exist_ok=True)

NETWORK = """neuron N {
    state v = 0 mV
    input I : nA
    dv/dt = (-v + 100 Mohm * I) / (10 ms)
    on spike when v > 10 mV { v = 0 mV }
    on receive in(w : mV) { v += w }
}
network fuzz {
    population s = spike_times[3](file = "spikes.csv")
    population p = poisson[3](rate_table = "rates.csv")
    population d = delta[4](file = "signal.csv", threshold = 0.5)
    population n = N[3]
    connect s -> n : from_file("conn.csv"), weight = 1 mV
    inject "current.csv" into n.I
    simulate 5 ms
}
"""
VALID = {
    "spikes.csv": b"time_ms,neuron\n0.5,0\n1,2\n1,2\n2.5,1\n",
    "rates.csv": b"time_ms,rate_Hz_0,rate_Hz_1,rate_Hz_2\n0,10,20,30\n1,0,5,50\n",
    "signal.csv": b"time_ms,x_0,x_1\n0,0,0\n1,0.6,-0.2\n2,1.7,-1\n",
    "conn.csv": b"pre,post,weight_mV,delay_ms\n0,1,1,0.5\n2,2,-1,1\n",
    "current.csv": b"time_ms,neuron,I_nA\n0,0,0.1\n1,2,0.2\n",
}
ODD = [b"", b"-", b"1e999", b"-0", b"nan", b"inf", b"0x10", b"1,5", b"\"1\"", b"99999999999999999999",
       b"4294967296", b"-1", b"1e-400", b"  ", b"ms", b"\xff", b"\x00", b"\r", b"time_ms", b"neuron",
       b"#", b"3e2", b".", b"1.", b".5e", b"+7"]


def mutate(rng, data):
    lines = data.split(b"\n")
    for _ in range(rng.randrange(1, 4)):
        op = rng.randrange(6)
        i = rng.randrange(len(lines))
        if op == 0:  # replace a field
            fields = lines[i].split(b",")
            fields[rng.randrange(len(fields))] = rng.choice(ODD)
            lines[i] = b",".join(fields)
        elif op == 1:
            del lines[i]
            if not lines:
                lines = [b""]
        elif op == 2:
            lines.insert(i, lines[i])
        elif op == 3:
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == 4:
            pos = rng.randrange(len(lines[i]) + 1)
            lines[i] = lines[i][:pos] + rng.choice([b",", b"\"", b"\x00", b"\xc3", b"\r", b"_", b" "]) + lines[i][pos:]
        else:
            joined = b"\n".join(lines)
            return joined[: rng.randrange(len(joined) + 1)]
    return b"\n".join(lines)


rng = random.Random(4321)
count = bad = 0
with open(os.path.join(workdir, "net.snn"), "w") as f:
    f.write(NETWORK)
for case in range(150):
    target = rng.choice(sorted(VALID))
    for name, data in VALID.items():
        with open(os.path.join(workdir, name), "wb") as f:
            f.write(mutate(rng, data) if name == target else data)
    cmd = [snnc, "run", os.path.join(workdir, "net.snn")] if case % 5 == 0 else \
          [snnc, "--emit=ir-opt", "-o", os.devnull, os.path.join(workdir, "net.snn")]
    try:
        r = subprocess.run(cmd, capture_output=True, timeout=60)
    except subprocess.TimeoutExpired:
        print("case %d (%s): hang" % (case, target))
        bad += 1
        continue
    count += 1
    err = r.stderr.decode("utf-8", "replace")
    if r.returncode == 0 and "error:" not in err:
        continue
    if r.returncode == 1 and "error:" in err:
        continue
    bad += 1
    print("case %d (%s): exit code %d\n%s" % (case, target, r.returncode, err[-2000:]))
print("data files: %d inputs, %s" % (count, "all handled cleanly" if bad == 0 else "%d FAILED" % bad))
sys.exit(1 if bad else 0)
