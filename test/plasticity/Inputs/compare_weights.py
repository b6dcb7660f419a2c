"""Compares recorded weights of a double- and a single-precision run (precision.test).

Prints "ok" when every single-precision weight differs from the double one by more than zero
somewhere (so single precision was used) and by at most 1e-5 relative everywhere.
"""
import csv
import sys


def weights(path):
    with open(path, newline='') as f:
        return [float(row['w_mV']) for row in csv.DictReader(f)]


double, single = weights(sys.argv[1]), weights(sys.argv[2])
if len(double) != len(single) or not double:
    sys.exit(f'different or no synapses: {len(double)} and {len(single)}')
worst = max(abs(a - b) / max(abs(a), 1e-12) for a, b in zip(double, single))
if worst == 0:
    sys.exit('identical weights: single precision was not used')
if worst > 1e-5:
    sys.exit(f'largest relative difference {worst:.3g} exceeds 1e-5')
print('ok', f'{worst:.3g}')
