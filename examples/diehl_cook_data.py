#!/usr/bin/env python3
"""Generates the small digits data set of examples/diehl_cook.snn (deterministic).

Digits 0-9 are drawn from a 5x7 pixel font into an 8x8 image at a random offset (1-2 columns,
0-1 rows), then every pixel is flipped with a small probability (on -> off 10 %, off -> on 3 %).
Each image is shown for 150 ms as Poisson rates (RATE_ON for a pixel that is on, 0 otherwise),
followed by 50 ms of silence. The presentations come in three phases: TRAIN (learning),
LABEL (learning switched off; each excitatory neuron is assigned the class it answers most) and
TEST (accuracy). Writes:
  data/digits_rates.csv    time_ms,rate_Hz_0..rate_Hz_63 (the rate table of the input layer)
  data/digits_labels.csv   presentation,phase,start_ms,digit
Usage: diehl_cook_data.py [OUTDIR]   (default: data/ next to this script)"""
import os
import random
import sys

FONT = {  # 5 columns x 7 rows
    0: ["01110", "10001", "10011", "10101", "11001", "10001", "01110"],
    1: ["00100", "01100", "00100", "00100", "00100", "00100", "01110"],
    2: ["01110", "10001", "00001", "00010", "00100", "01000", "11111"],
    3: ["11111", "00010", "00100", "00010", "00001", "10001", "01110"],
    4: ["00010", "00110", "01010", "10010", "11111", "00010", "00010"],
    5: ["11111", "10000", "11110", "00001", "00001", "10001", "01110"],
    6: ["00110", "01000", "10000", "11110", "10001", "10001", "01110"],
    7: ["11111", "00001", "00010", "00100", "01000", "01000", "01000"],
    8: ["01110", "10001", "10001", "01110", "10001", "10001", "01110"],
    9: ["01110", "10001", "10001", "01111", "00001", "00010", "01100"],
}
SIDE = 8
TRAIN, LABEL, TEST = 1200, 300, 300
SHOW_MS, REST_MS = 150, 50
RATE_ON = 200  # Hz
FLIP_OFF, FLIP_ON = 0.10, 0.03


def image(digit, rng):
    pixels = [0] * (SIDE * SIDE)
    dx, dy = rng.randint(1, 2), rng.randint(0, 1)
    for r, row in enumerate(FONT[digit]):
        for c, bit in enumerate(row):
            if bit == "1":
                pixels[(r + dy) * SIDE + c + dx] = 1
    for i, p in enumerate(pixels):
        if rng.random() < (FLIP_OFF if p else FLIP_ON):
            pixels[i] = 1 - p
    return pixels


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "data")
    os.makedirs(out, exist_ok=True)
    rng = random.Random(2015)
    rates = ["# Poisson rates of the 64 input pixels, piecewise constant (diehl_cook_data.py).",
             "time_ms," + ",".join("rate_Hz_%d" % i for i in range(SIDE * SIDE))]
    labels = ["# The digit of each presentation (diehl_cook_data.py).",
              "presentation,phase,start_ms,digit"]
    silence = ",".join(["0"] * (SIDE * SIDE))
    t = 0
    phases = ["train"] * TRAIN + ["label"] * LABEL + ["test"] * TEST
    for k, phase in enumerate(phases):
        digit = k % 10 if phase == "train" else rng.randrange(10)
        if phase == "train" and k % 10 == 0:  # a shuffled round of the ten digits
            order = list(range(10))
            rng.shuffle(order)
        if phase == "train":
            digit = order[k % 10]
        pixels = image(digit, rng)
        rates.append("%d,%s" % (t, ",".join(str(RATE_ON * p) for p in pixels)))
        rates.append("%d,%s" % (t + SHOW_MS, silence))
        labels.append("%d,%s,%d,%d" % (k, phase, t, digit))
        t += SHOW_MS + REST_MS
    with open(os.path.join(out, "digits_rates.csv"), "w") as f:
        f.write("\n".join(rates) + "\n")
    with open(os.path.join(out, "digits_labels.csv"), "w") as f:
        f.write("\n".join(labels) + "\n")


if __name__ == "__main__":
    main()
