#!/usr/bin/python3
"""How snnc's simulation cost grows with neurons, synapses, rate and delays.

Runs `snnc run` (only; no Brian2) --repeats times on CUBA/COBA, Brunel at scale 1, 2 and 4 and
the Brunel variants in bench/networks/scaling/ (each differs from brunel.snn in one thing), and
prints a markdown table: the minimum and median simulate time (the minimum is the least
disturbed by other processes on a shared machine), the CPU time of the whole `snnc run` process,
the build time, the peak RSS, the estimated synaptic events (neuron spikes x synapses / neurons)
and an estimate of the CPU time of the simulation alone: the CPU time (user + system) of
`snnc run` minus that of `snnc run --duration=0.1ms` (compile and build, one step), the minimum
of each over the runs. CPU time is much less disturbed than wall time when other processes
share the CPUs. Two per-unit costs come from that estimate:
  ns/event       = sim CPU / synaptic events (all of the step loop charged to the events)
  ns/neuron-step = sim CPU / (neurons x steps) (all of it charged to the neuron updates)
Then marginal memory per synapse between pairs of networks (difference of peak RSS / difference
of synapses). Used for docs/performance.md ("Scaling").

  /usr/bin/python3 bench/scaling.py --snnc build/bin/snnc --repeats 5 [--json out.json]
"""
import argparse
import json
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(Path(__file__).resolve().parent))
import compare  # noqa: E402  (same folder)

NETS = compare.NETWORK_DIR
# (name in the table, .snn file, duration override in s, what differs from brunel.snn)
VARIANTS = [
    ('cuba', NETS / 'cuba.snn', None, 'CUBA (4000 neurons, exponential currents)'),
    ('cuba10', NETS / 'cuba.snn', 10.0, 'CUBA, 10 s'),
    ('coba', NETS / 'coba.snn', None, 'COBA (forward Euler)'),
    ('brunel', NETS / 'brunel.snn', None, '(reference: 12,500 neurons, p = 0.1, delay 1.5 ms)'),
    ('brunel2', NETS / 'brunel2.snn', None, 'scale 2: 25,000 neurons, same in-degree'),
    ('brunel4', NETS / 'brunel4.snn', None, 'scale 4: 50,000 neurons, same in-degree'),
    ('brunel_norec', NETS / 'scaling/brunel_norec.snn', None, 'no recurrent synapses'),
    ('brunel_p005', NETS / 'scaling/brunel_p005.snn', None, 'p = 0.05 (half the synapses)'),
    ('brunel_p02', NETS / 'scaling/brunel_p02.snn', None, 'p = 0.2 (twice the synapses)'),
    ('brunel_eta1', NETS / 'scaling/brunel_eta1.snn', None, 'eta = 1 (lower rate)'),
    ('brunel_eta4', NETS / 'scaling/brunel_eta4.snn', None, 'eta = 4 (higher rate)'),
    ('brunel_d10', NETS / 'scaling/brunel_d10.snn', None, 'delay 10 ms'),
    ('brunel_du3', NETS / 'scaling/brunel_du3.snn', None, 'delays uniform(0.1 ms, 3 ms)'),
    ('brunel_du20', NETS / 'scaling/brunel_du20.snn', None, 'delays uniform(0.1 ms, 20 ms)'),
    ('brunel_wrand', NETS / 'scaling/brunel_wrand.snn', None, 'weights normal(J, 0.1 J) per synapse'),
]
PAIRS = [('brunel', 'brunel4'), ('brunel_p005', 'brunel_p02'), ('brunel', 'brunel_wrand'),
         ('brunel', 'brunel_du3'), ('brunel_norec', 'brunel')]


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--snnc', default=None)
    ap.add_argument('--repeats', type=int, default=5)
    ap.add_argument('--only', default=None, help='comma-separated names from the table')
    ap.add_argument('--timeout', type=float, default=1800)
    ap.add_argument('--json', type=Path, default=None)
    args = ap.parse_args(argv)
    _, cargs = compare.parse_args(['--no-brian2', '--compile-repeats', '1', '--repeats',
                                   str(args.repeats), '--timeout', str(args.timeout)]
                                  + (['--snnc', args.snnc] if args.snnc else []))
    only = set(args.only.split(',')) if args.only else None
    scratch = tempfile.mkdtemp(prefix='snnc-scaling-', dir='/tmp')
    results, failed = {}, False
    try:
        for name, path, duration, what in VARIANTS:
            if only and name not in only:
                continue
            compare.log(name)
            try:
                work = tempfile.mkdtemp(dir=scratch)
                r = compare.measure_snnc(cargs, path, duration, None, work)
                setup = []
                for _ in range(args.repeats):
                    rc, out, err, wall, rss, cpu = compare.run_measured(
                        [cargs.snnc, 'run', '--no-progress', str(path), '--duration=0.1ms'], work,
                        args.timeout)
                    if rc != 0 or cpu is None:
                        raise compare.Failure(f'snnc run --duration=0.1ms: exit {rc}: '
                                              f'{compare.last_lines(err or out)}')
                    setup.append(cpu)
                r['setup_cpu_s_all'] = setup
                compare.log(f'  setup (one step): CPU min {min(setup):.3f} s')
                results[name] = r
            except compare.Failure as e:
                compare.log(f'  FAILED: {e}')
                results[name] = None
                failed = True
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    cols = ['network', 'differs from brunel', 'neurons', 'synapses', 'rate Hz',
            'syn events (est.)', 'sim s min', 'sim s median', 'run CPU s min', 'setup CPU s min',
            'sim CPU s (est.)', 'build s min', 'peak RSS MB', 'ns/event', 'ns/neuron-step']
    print('| ' + ' | '.join(cols) + ' |')
    print('|' + '---|' * len(cols))
    for name, path, duration, what in VARIANTS:
        if name not in results:
            continue
        r = results[name]
        if r is None:
            print(f'| {name} | {what} | FAILED |' + ' |' * (len(cols) - 3))
            continue
        events = r['neuron_spikes'] * r['synapses'] / r['neurons']
        smin = min(r['sim_s_all'])
        cpu = [c for c in r['cpu_s_all'] if c is not None]
        setup = min(r['setup_cpu_s_all'])
        sim_cpu = max(min(cpu) - setup, 0.0) if cpu else None
        cells = [name, what, str(r['neurons']), str(r['synapses']),
                 f'{r["neuron_spikes"] / r["neurons"] / r["duration_s"]:.1f}', f'{events:.3g}',
                 compare.fmt_s(smin), compare.fmt_s(statistics.median(r['sim_s_all'])),
                 compare.fmt_s(min(cpu)) if cpu else '-', compare.fmt_s(setup),
                 compare.fmt_s(sim_cpu), compare.fmt_s(min(r['build_s_all'])),
                 compare.fmt_mb(r['maxrss_kb']),
                 f'{sim_cpu / events * 1e9:.2f}' if events and sim_cpu else '-',
                 f'{sim_cpu / (r["neurons"] * r["steps"]) * 1e9:.1f}' if sim_cpu else '-']
        print('| ' + ' | '.join(cells) + ' |')
    print()
    print(f'{args.repeats} runs each; machine: {compare.machine_line()}; snnc: {cargs.snnc}.')
    for a, b in PAIRS:
        ra, rb = results.get(a), results.get(b)
        if ra and rb and ra['maxrss_kb'] and rb['maxrss_kb'] and rb['synapses'] != ra['synapses']:
            d = (rb['maxrss_kb'] - ra['maxrss_kb']) * 1024 / (rb['synapses'] - ra['synapses'])
            print(f'* peak RSS {a} -> {b}: {(rb["maxrss_kb"] - ra["maxrss_kb"]) / 1024:+.0f} MB '
                  f'for {rb["synapses"] - ra["synapses"]:+d} synapses = {d:.2f} bytes/synapse')
        elif ra and rb and ra['maxrss_kb'] and rb['maxrss_kb']:
            print(f'* peak RSS {a} -> {b} (same synapses): '
                  f'{(rb["maxrss_kb"] - ra["maxrss_kb"]) / 1024:+.0f} MB = '
                  f'{(rb["maxrss_kb"] - ra["maxrss_kb"]) * 1024 / rb["synapses"]:.2f} bytes/synapse')
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, default=str))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
