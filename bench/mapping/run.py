#!/usr/bin/python3
"""The mapping benchmark: snnc's partition against slicing in order and a random assignment.

Writes the networks of networks.py into --work, compiles each (network, target) pair with
`snnc --target=T NET.snn --report=mapping --time-passes -o NET.T.chip.json`, parses the report
(docs/mapping.md, "--report=mapping") and prints one row per pair:

  network, neurons, synapses   model neurons (not the host's generators) and all synapses
                               (generators' included), from the configuration
  target                       spinnaker (48-chip board), loihi-nahuku32 (32 chips),
                               truenorth (its rows say why snnc refuses the network)
  cores snnc/order/rand/lb     cores used by snnc's mapping, by slicing each population in
                               index order, by a random assignment, and the lower bound
                               ('x': that mapping breaks a core limit, see the notes)
  traffic -% order, -% rand    how much less spike traffic between cores (messages/s) snnc's
                               mapping has than in order's and random's: 1 - snnc/other;
                               negative = more
  hop -% order                 the same for hop-weighted traffic (messages x mesh hops)
  cut -% order                 the same for the edge cut (synaptic events whose spike crossed
                               cores: what graph partitioners count; not what a chip pays)
  map s                        partition-onto-cores + place-on-mesh (--time-passes)
  compile s                    wall time of the whole compile, configuration written (one run;
                               noisy on a shared machine: report ratios, not absolute times)
  peak GB                      the compile's peak resident memory

A pair that snnc refuses (the network does not fit the target, or the target cannot run the
neuron model) prints the first error line instead of numbers. Then it checks every
configuration written:
  validate   `snnc-emu --validate X.chip.json`, where snnc-emu has that option
  emulate    for networks under --emulate-max-neurons neurons (default 20,000; `large` is never
             emulated): `snnc run --target=T NET --out A` and `snnc-emu X.chip.json --out B`,
             then compares the recording directories byte for byte
  report     self-consistency of the report: the per-core lines are as many as the cores used,
             they hold every neuron, the per-projection traffic adds up to the totals, snnc uses
             no more cores than in order or random and no fewer than the lower bound
The networks as networks.py writes them record nothing and their neurons stay silent; the
copies in --work record every population's spikes and every neuron population's v, and start
v uniform in [0, 11 mV] so that some neurons fire and their spikes travel between cores
(prepare_network; neither changes the mapping).

Three Loihi pairs (clustered, brunel_sparse, microcircuit: the output-axon limit binds there)
take minutes to partition on a 2-core machine, and as long again in `snnc run`; the default
run skips them (the table says so) and stays under about 10 minutes; --full runs them too.

  /usr/bin/python3 bench/mapping/run.py --snnc build/bin/snnc --snnc-emu build/bin/snnc-emu \\
      --work /tmp/mapbench [--only sheet,clustered] [--targets spinnaker] [--markdown] [--full]

Standard library only.
"""
import argparse
import filecmp
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
NETWORKS = ['clustered', 'clustered_pops', 'brunel', 'sheet', 'microcircuit', 'large']
TARGETS = ['spinnaker', 'loihi-nahuku32', 'truenorth']
# Pairs the default run skips: each took 3 to 8 minutes to partition here (2 cores), and as
# long again for `snnc run --target=...` in the emulator check.
SLOW = {('clustered', 'loihi-nahuku32'), ('brunel_sparse', 'loihi-nahuku32'),
        ('microcircuit', 'loihi-nahuku32')}
NO_EMULATION = {'large'}
GENERATORS = {'poisson', 'spike_times'}


def network_for(name, target):
    """Loihi cores take at most 4,096 input axons: Brunel at p = 0.02 there (networks.py)."""
    if name == 'brunel' and target.startswith('loihi'):
        return 'brunel_sparse'
    return name


def populations_of(snn_text):
    """(name, model, size) of every population statement."""
    return [(m.group(1), m.group(2), int(m.group(3))) for m in
            re.finditer(r'^\s*population\s+(\w+)\s*=\s*(\w+)\s*\[(\d+)\]', snn_text, re.M)]


def prepare_network(path):
    """Makes the copy in the work directory checkable: records the spikes of every population
    and the membrane potential v of every neuron population, and starts v uniform in
    [0, 11 mV] (threshold 10 mV) so that about 4% of the neurons fire in the first step:
    the networks as networks.py writes them stay silent for their 100 ms, and only spikes of
    neurons travel the routes between cores that the mapping made. None of this changes the
    mapping (it depends on connections and rates, not on initial values or recordings)."""
    text = path.read_text()
    if re.search(r'^\s*record\s', text, re.M):
        return
    pops = populations_of(text)
    neurons = [n for n, model, _ in pops if model not in GENERATORS]
    lines = '    record spikes of ' + ', '.join(n for n, _, _ in pops) + '\n'
    lines += ''.join(f'    record v of {n}\n' for n in neurons)
    text, count = re.subn(r'^(\s*simulate\b)', lambda m: lines + m.group(1), text, count=1,
                          flags=re.M)
    if count != 1:
        raise SystemExit(f'{path}: no simulate statement to record before')
    for n in neurons:
        text = re.sub(rf'^(\s*population\s+{n}\s*=\s*\w+\s*\[\d+\])\s*$',
                      r'\1 { v = uniform(0 mV, 11 mV) }', text, count=1, flags=re.M)
    path.write_text(text)


def run_cmd(cmd, log_path, timeout):
    """Runs cmd with stdout and stderr into log_path. Returns (rc or None on timeout, wall s,
    peak RSS in bytes). The peak comes from wait4, so it is this child's alone."""
    with open(log_path, 'wb') as log:
        start = time.monotonic()
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True)
        timed_out = threading.Event()

        def kill():
            timed_out.set()
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        wall = time.monotonic() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
    rss = usage.ru_maxrss * 1024  # kilobytes on Linux
    return (None if timed_out.is_set() else proc.returncode), wall, rss


def first_error(text):
    for line in text.splitlines():
        if 'error:' in line:
            return re.sub(r'^\S*/', '', line.strip())  # the file's name without its folder
    lines = [l for l in text.splitlines() if l.strip(' ^~')]
    return lines[-1].strip() if lines else '(no output)'


ROW = re.compile(r'^(snnc|in order|random)\s+(\d+)\s+([0-9.eE+-]+)\s+(\S+)\s+([0-9.eE+-]+)'
                 r'(?:\s+([0-9.eE+-]+))?\s*$')
ROW_FAIL = re.compile(r'^(in order|random)\s+(no mapping.*)$')
CORE_LINE = re.compile(r'^(\d+):(\d+)\s+([\d,]+)/([\d,]+)\s')
PROJ_LINE = re.compile(r'^(\S+->\S+)\s+([0-9.eE+-]+)\s+([0-9.eE+-]+|-)\s*$')


def parse_report(text):
    """The figures of --report=mapping and --time-passes; raises ValueError if absent."""
    r = {'rows': {}, 'fail': {}, 'cores_listed': 0, 'core_neurons': 0, 'core_over': [],
         'proj_snnc': 0.0, 'proj_order': 0.0, 'proj_lines': 0, 'pass_s': {}}
    m = re.search(r'^mapping of network \'([^\']*)\' onto target \'([^\']*)\' \((.*)\):$', text,
                  re.M)
    if not m:
        raise ValueError("no 'mapping of network ... onto target ...' line")
    r['board'] = m.group(3)
    m = re.search(r'^cores used (\d+); at least (\d+) \(binding resource: ([^)]*)\)$', text,
                  re.M)
    if not m:
        raise ValueError("no 'cores used N; at least M (binding resource: ...)' line")
    r['used'], r['bound'], r['binding'] = int(m.group(1)), int(m.group(2)), m.group(3)
    section = None
    for line in text.splitlines():
        if line.startswith('mapping     cores'):
            section = 'mappings'
            continue
        if line.startswith('projection '):
            section = 'projections'
            continue
        if line.startswith('core '):
            section = 'cores'
            continue
        if section == 'mappings':
            m = ROW.match(line)
            if m:
                r['rows'][m.group(1)] = (int(m.group(2)), float(m.group(3)), float(m.group(5)),
                                         float(m.group(6)) if m.group(6) else None)
                continue
            m = ROW_FAIL.match(line)
            if m:
                r['fail'][m.group(1)] = m.group(2)
                continue
        elif section == 'projections':
            m = PROJ_LINE.match(line)
            if m:
                r['proj_snnc'] += float(m.group(2))
                if m.group(3) != '-':  # '-': in order breaks a limit
                    r['proj_order'] += float(m.group(3))
                r['proj_lines'] += 1
                continue
        elif section == 'cores':
            m = CORE_LINE.match(line)
            if m:
                n, cap = int(m.group(3).replace(',', '')), int(m.group(4).replace(',', ''))
                r['cores_listed'] += 1
                r['core_neurons'] += n
                if n > cap:
                    r['core_over'].append(line.split()[0])
                continue
        m = re.match(r'^\s+([0-9.]+)\s+[0-9.]+%\s+([\w-]+)\s*$', line)
        if m:
            r['pass_s'][m.group(2)] = r['pass_s'].get(m.group(2), 0.0) + float(m.group(1))
    if 'snnc' not in r['rows']:
        raise ValueError("no 'snnc' row in the mapping table")
    return r


def config_counts(path):
    """(model neurons, synapses) from a configuration: its populations and projections come
    before its cores (docs/chip-config.md), so only that part is read and parsed; a file laid
    out otherwise is parsed whole."""
    part = []
    with open(path) as f:
        inside = False
        for line in f:
            if line.startswith(' "populations":'):
                inside = True
            elif line.startswith(' "cores":') and inside:
                break
            if inside:
                part.append(line)
    try:
        c = json.loads('{' + ''.join(part).rstrip().rstrip(',') + '}')
    except ValueError:
        with open(path) as f:
            c = json.load(f)
    neurons = sum(p['size'] for p in c['populations'] if p.get('kind') == 'neuron')
    synapses = sum(p.get('synapses', 0) for p in c['projections'])
    return neurons, synapses


def reduction(snnc, other):
    return None if not other else 100.0 * (1.0 - snnc / other)


def first_difference(a, b):
    """None if the directories hold the same files with the same bytes, else the first
    difference in words."""
    fa = sorted(p.relative_to(a).as_posix() for p in a.rglob('*') if p.is_file())
    fb = sorted(p.relative_to(b).as_posix() for p in b.rglob('*') if p.is_file())
    if fa != fb:
        only_a = sorted(set(fa) - set(fb))
        only_b = sorted(set(fb) - set(fa))
        return f'files differ: only native {only_a[:3]}, only emulator {only_b[:3]}'
    if not fa:
        return 'no recordings written'
    for name in fa:
        if not filecmp.cmp(a / name, b / name, shallow=False):
            with open(a / name) as x, open(b / name) as y:
                for i, (lx, ly) in enumerate(zip(x, y), 1):
                    if lx != ly:
                        return f'{name} line {i}: native {lx.strip()!r}, emulator {ly.strip()!r}'
            return f'{name}: one file is longer'
    return None


def fmt_pct(v):
    return '-' if v is None else f'{v:.1f}'


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--snnc', required=True)
    ap.add_argument('--snnc-emu', required=True)
    ap.add_argument('--work', required=True, help='directory for networks, configurations, logs')
    ap.add_argument('--only', default=None,
                    help='comma-separated networks: ' + ', '.join(NETWORKS) +
                    ' (brunel is brunel_sparse on Loihi)')
    ap.add_argument('--targets', default=','.join(TARGETS))
    ap.add_argument('--markdown', action='store_true', help='print the table in markdown')
    ap.add_argument('--full', action='store_true',
                    help='also the Loihi pairs that take many minutes to partition')
    ap.add_argument('--timeout', type=float, default=1200, help='seconds per command')
    ap.add_argument('--emulate-max-neurons', type=int, default=20000)
    ap.add_argument('--duration', default=None,
                    help='override the simulated time of every network (snnc --duration)')
    ap.add_argument('--no-checks', action='store_true', help='the table only')
    ap.add_argument('--keep', action='store_true',
                    help='keep the configurations (hundreds of MB for the larger networks)')
    a = ap.parse_args(argv)

    t_start = time.monotonic()
    snnc, emu = str(Path(a.snnc).resolve()), str(Path(a.snnc_emu).resolve())
    work = Path(a.work).resolve()
    nets, cfgs, logs, recs = work / 'nets', work / 'configs', work / 'logs', work / 'rec'
    for d in (nets, cfgs, logs, recs):
        d.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, str(HERE / 'networks.py'), str(nets)], check=True)
    for f in nets.glob('*.snn'):
        prepare_network(f)

    only = NETWORKS if a.only is None else [n.strip() for n in a.only.split(',') if n.strip()]
    targets = [t.strip() for t in a.targets.split(',') if t.strip()]
    pairs = []
    for name in only:
        for t in targets:
            net = network_for(name, t)
            if not (nets / f'{net}.snn').exists():
                raise SystemExit(f'no network {net!r} (networks.py writes: ' +
                                 ', '.join(sorted(p.stem for p in nets.glob('*.snn'))) + ')')
            pairs.append((net, t))

    help_text = subprocess.run([emu, '--help'], capture_output=True, text=True).stdout
    can_validate = '--validate' in help_text
    extra = [f'--duration={a.duration}'] if a.duration else []

    rows, checks, anomalies = [], [], []
    synapses_of = {}
    for net, t in pairs:
        snn = nets / f'{net}.snn'
        neurons = sum(s for _, m, s in populations_of(snn.read_text()) if m not in GENERATORS)
        row = {'net': net, 'target': t, 'neurons': neurons, 'synapses': None}
        rows.append(row)
        if (net, t) in SLOW and not a.full:
            row['note'] = 'skipped in the default run: 15-40 s to partition, minutes to emulate (--full runs it)'
            print(f'[{net} on {t}] skipped (slow; --full)', file=sys.stderr)
            continue
        cfg = cfgs / f'{net}.{t}.chip.json'
        log = logs / f'{net}.{t}.report.txt'
        cmd = [snnc, f'--target={t}', str(snn), '--report=mapping', '--time-passes',
               '-o', str(cfg)] + extra
        print(f'[{net} on {t}] ' + ' '.join(cmd), file=sys.stderr, flush=True)
        if cfg.exists():
            cfg.unlink()
        rc, wall, rss = run_cmd(cmd, log, a.timeout)
        text = log.read_text(errors='replace')
        row.update(wall=wall, rss=rss)
        if rc is None:
            row['note'] = f'did not finish in {a.timeout:.0f} s'
            anomalies.append(f'{net} on {t}: snnc did not finish in {a.timeout:.0f} s '
                             f'({" ".join(cmd)})')
            continue
        if rc < 0:
            name = signal.Signals(-rc).name if -rc in signal.valid_signals() else str(-rc)
            row['note'] = f'snnc killed by {name} after {wall:.0f} s'
            anomalies.append(f'{net} on {t}: snnc killed by {name} after {wall:.0f} s '
                             f'({" ".join(cmd)}; log {log})')
            continue
        if rc != 0:
            row['note'] = 'refused: ' + first_error(text)
            if rc > 1:
                anomalies.append(f'{net} on {t}: snnc exited with {rc}: {first_error(text)} '
                                 f'({" ".join(cmd)})')
            continue
        try:
            r = parse_report(text)
        except ValueError as e:
            row['note'] = f'report unparseable: {e}'
            anomalies.append(f'{net} on {t}: report unparseable ({e}); see {log}')
            continue
        row['report'] = r
        row['neurons'], row['synapses'] = config_counts(cfg)
        synapses_of[net] = row['synapses']

        # the report's own consistency
        problems = []
        if r['cores_listed'] != r['used']:
            problems.append(f"{r['cores_listed']} per-core lines for {r['used']} cores used")
        if r['core_neurons'] < row['neurons']:
            problems.append(f"the cores hold {r['core_neurons']} of {row['neurons']} neurons")
        if r['core_over']:
            problems.append(f"cores over their neuron limit: {r['core_over'][:5]}")
        if r['rows']['snnc'][0] != r['used']:
            problems.append(f"snnc row says {r['rows']['snnc'][0]} cores, "
                            f"'cores used' {r['used']}")
        if r['used'] < r['bound']:
            problems.append(f"{r['used']} cores used, below the lower bound {r['bound']}")
        if 'in order' in r['rows'] and r['used'] > r['rows']['in order'][0]:
            problems.append(f"snnc uses {r['used']} cores, in order "
                            f"{r['rows']['in order'][0]}")
        if 'random' in r['rows'] and r['used'] > r['rows']['random'][0]:
            problems.append(f"snnc uses {r['used']} cores, the random assignment "
                            f"{r['rows']['random'][0]}")
        for label, total, key in (('snnc', r['rows']['snnc'][1], 'proj_snnc'),
                                  ('in order', r['rows'].get('in order', (0, None))[1],
                                   'proj_order')):
            if total and r['proj_lines'] and abs(r[key] - total) > 1e-3 * total + 1:
                problems.append(f'per-projection traffic of {label} adds up to {r[key]:.4e}, '
                                f'its total is {total:.4e}')
        if problems:
            anomalies += [f'{net} on {t}: {p}' for p in problems]
            checks.append((net, t, 'report', 'INCONSISTENT: ' + '; '.join(problems)))
        else:
            checks.append((net, t, 'report', 'consistent'))

        if a.no_checks:
            if not a.keep:
                cfg.unlink()
            continue
        if can_validate:
            vlog = logs / f'{net}.{t}.validate.txt'
            vrc, vwall, _ = run_cmd([emu, '--validate', str(cfg)], vlog, a.timeout)
            vtext = vlog.read_text(errors='replace').strip()
            if vrc == 0:
                checks.append((net, t, 'validate', re.sub(r'^.*: ', '', vtext.splitlines()[0])
                               + f' ({vwall:.1f} s)'))
            else:
                what = 'timed out' if vrc is None else first_error(vtext)
                checks.append((net, t, 'validate', 'FAILED: ' + what))
                anomalies.append(f'{net} on {t}: snnc-emu --validate {cfg}: {what}')
        if net in NO_EMULATION or row['neurons'] >= a.emulate_max_neurons:
            checks.append((net, t, 'emulate', f"skipped ({row['neurons']} neurons)"))
        else:
            native, emulated = recs / f'{net}.{t}' / 'native', recs / f'{net}.{t}' / 'emu'
            shutil.rmtree(recs / f'{net}.{t}', ignore_errors=True)
            ncmd = [snnc, 'run', f'--target={t}', str(snn), '--no-progress',
                    f'--out={native}'] + extra
            ecmd = [emu, str(cfg), '--out', str(emulated)]
            nrc, nwall, _ = run_cmd(ncmd, logs / f'{net}.{t}.native.txt', a.timeout)
            erc, ewall, _ = run_cmd(ecmd, logs / f'{net}.{t}.emu.txt', a.timeout)
            if nrc != 0 or erc != 0:
                bad = ncmd if nrc != 0 else ecmd
                blog = logs / f'{net}.{t}.{"native" if nrc != 0 else "emu"}.txt'
                what = ('timed out' if (nrc if nrc != 0 else erc) is None
                        else first_error(blog.read_text(errors='replace')))
                checks.append((net, t, 'emulate', 'FAILED: ' + what))
                anomalies.append(f'{net} on {t}: {" ".join(bad)}: {what}')
            else:
                diff = first_difference(native, emulated)
                if diff is None:
                    files = len(list(native.rglob('*.csv')))
                    spikes = sum(int(m.group(1)) for m in re.finditer(
                        r'^\S+\s+\d+\s+neuron\s+(\d+)\s', (logs / f'{net}.{t}.emu.txt')
                        .read_text(errors='replace'), re.M))
                    checks.append((net, t, 'emulate', f'emulator = native ({files} files, '
                                   f'{spikes} neuron spikes; native {nwall:.1f} s, '
                                   f'emulator {ewall:.1f} s)'))
                else:
                    checks.append((net, t, 'emulate', 'MISMATCH: ' + diff))
                    anomalies.append(f'{net} on {t}: emulator != native: {diff} '
                                     f'({" ".join(ncmd)} / {" ".join(ecmd)})')
        if not a.keep:
            cfg.unlink()

    # the table
    head = ['network', 'neurons', 'synapses', 'target', 'cores snnc', 'in order', 'random',
            'lower bound', 'traffic -% vs order', 'traffic -% vs random', 'hop -% vs order',
            'cut -% vs order', 'map s', 'compile s', 'peak GB']
    lines = []
    notes = []
    for row in rows:
        syn = row['synapses'] if row['synapses'] is not None else synapses_of.get(row['net'])
        cells = [row['net'], f"{row['neurons']:,}", '-' if syn is None else f'{syn:,}',
                 row['target']]
        r = row.get('report')
        if r is None:
            lines.append(cells + [row['note']])
            continue
        snnc_row = r['rows']['snnc']
        order = r['rows'].get('in order')
        rand = r['rows'].get('random')
        for label in ('in order', 'random'):
            if label in r['fail']:
                notes.append(f"{row['net']} on {row['target']}, {label}: {r['fail'][label]}")
        m = r['pass_s'].get('partition-onto-cores', 0.0) + r['pass_s'].get('place-on-mesh', 0.0)
        cells += [str(r['used']), str(order[0]) if order else 'x', str(rand[0]) if rand else 'x',
                  f"{r['bound']} ({r['binding']})",
                  fmt_pct(reduction(snnc_row[1], order[1]) if order else None),
                  fmt_pct(reduction(snnc_row[1], rand[1]) if rand else None),
                  fmt_pct(reduction(snnc_row[2], order[2]) if order else None),
                  fmt_pct(reduction(snnc_row[3], order[3])
                          if order and snnc_row[3] is not None and order[3] else None),
                  f'{m:.1f}', f"{row['wall']:.1f}", f"{row['rss'] / 2**30:.1f}"]
        lines.append(cells)
    print()
    if a.markdown:
        print('| ' + ' | '.join(head) + ' |')
        print('|' + '---|' * len(head))
        for c in lines:
            if len(c) < len(head):
                c = c[:4] + [c[4]] + [''] * (len(head) - 5)
            print('| ' + ' | '.join(c) + ' |')
    else:
        short = ['network', 'neurons', 'synapses', 'target', 'snnc', 'order', 'rand', 'bound',
                 '-%ord', '-%rnd', 'hop-%ord', 'map s', 'comp s', 'GB']
        width = [max([len(h)] + [len(c[i]) for c in lines if len(c) == len(head) or i < 4])
                 for i, h in enumerate(short)]
        print('  '.join(h.ljust(w) for h, w in zip(short, width)))
        for c in lines:
            if len(c) < len(head):
                print('  '.join(x.ljust(w) for x, w in zip(c[:4], width)) + '  ' + c[4])
            else:
                print('  '.join(x.ljust(w) if i < 4 else x.rjust(w)
                                for i, (x, w) in enumerate(zip(c, width))))
    if notes:
        print('\n' + '\n'.join(f'x: {n}' for n in notes))
    timed = [row for row in rows if row.get('report')]
    if timed:
        print('\nmapping passes (--time-passes, s):')
        for row in timed:
            p = row['report']['pass_s']
            print(f"  {row['net']:<15} {row['target']:<15} partition-onto-cores "
                  f"{p.get('partition-onto-cores', 0.0):7.2f}  place-on-mesh "
                  f"{p.get('place-on-mesh', 0.0):6.2f}  whole compile {row['wall']:7.1f}")
    if not a.no_checks:
        print('\nchecks:')
        if not can_validate:
            print(f'  validate: skipped for all: {a.snnc_emu} has no --validate option '
                  '(snnc-emu --help does not list it)')
        for net, t, what, result in checks:
            print(f'  {net:<15} {t:<15} {what:<9} {result}')
    if anomalies:
        print('\nanomalies:')
        for x in anomalies:
            print('  ' + x)
    print(f'\ntotal {time.monotonic() - t_start:.0f} s')
    return 1 if anomalies else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
