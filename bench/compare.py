#!/usr/bin/python3
"""Compare snnc with Brian2 (C++ standalone) on the same networks and print a markdown table.

For each network it measures
  * snnc: `snnc run FILE` (median of --repeats runs): the simulate and build times it prints, the
    spikes, the synapse count, and the peak memory (max RSS from /usr/bin/time -v);
    `snnc FILE -o x.o` timed as the compile time (best of --compile-repeats);
  * Brian2: /work/shared/bench/brian2/bench.py --mode standalone --threads T (median of
    --repeats runs; the first run builds in a fresh directory under /tmp, so its code generation
    + make time is the cold compile time; later runs reuse that build).
and prints one table row per network (and per Brian2 thread count).

Examples (run with /usr/bin/python3, which sees Debian's python3-brian):
  /usr/bin/python3 bench/compare.py                                   # cuba, coba, brunel, brunel4
  /usr/bin/python3 bench/compare.py --networks cuba,coba --repeats 3 --threads 1,2
  /usr/bin/python3 bench/compare.py --no-brian2 --networks brunel,brunel2,brunel4
  /usr/bin/python3 bench/compare.py --no-brian2 --networks bench/networks/scaling/brunel_eta1.snn
  python3 bench/compare.py --quick --no-brian2 --snnc build/bin/snnc  # what the test suite runs

Networks are names from NETWORKS below or paths of .snn files (snnc only). Only the standard
library is used here, so --no-brian2 works with any Python 3.9+; Brian2 itself runs in a separate
process (--brian2-python, default /usr/bin/python3). The exit status is 1 when any network failed
in either simulator (the table marks it), 2 for a usage error.
"""
import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
NETWORK_DIR = HERE / 'networks'
DEFAULT_BRIAN2_SCRIPT = Path('/work/shared/bench/brian2/bench.py')
TIME = '/usr/bin/time'

# name -> .snn file in bench/networks, the bench.py arguments of the Brian2 reference (None: there
# is none), and the simulated time in seconds (None: the file's `simulate` statement).
NETWORKS = {
    'cuba':    dict(file='cuba.snn',    brian2=['--model', 'cuba'], duration=None),
    'coba':    dict(file='coba.snn',    brian2=['--model', 'coba'], duration=None),
    'brunel':  dict(file='brunel.snn',  brian2=['--model', 'brunel'], duration=None),
    'brunel2': dict(file='brunel2.snn', brian2=['--model', 'brunel', '--scale', '2'], duration=None),
    'brunel4': dict(file='brunel4.snn', brian2=['--model', 'brunel', '--scale', '4'], duration=None),
    'cuba10':  dict(file='cuba.snn',    brian2=['--model', 'cuba'], duration=10.0),
    'coba10':  dict(file='coba.snn',    brian2=['--model', 'coba'], duration=10.0),
    'tiny':    dict(file='tiny.snn',    brian2=None, duration=None),
}
DEFAULT_NETWORKS = 'cuba,coba,brunel,brunel4'
QUICK_NETWORKS = 'tiny'


def log(msg):
    print(msg, file=sys.stderr, flush=True)


class Failure(Exception):
    pass


# --- running a command ---------------------------------------------------------------------------

def run_measured(cmd, cwd, timeout):
    """Runs cmd; returns (returncode, stdout, stderr, wall seconds, max RSS in KiB or None,
    CPU seconds (user + system) or None).

    Both come from /usr/bin/time -v (the kernel's rusage of the process, which includes the
    children it waited for); without /usr/bin/time, the same numbers from os.wait4."""
    use_time = os.access(TIME, os.X_OK)
    with tempfile.TemporaryDirectory(prefix='snnc-bench-run-') as tmp:
        tfile = os.path.join(tmp, 'time.txt')
        full = ([TIME, '-v', '-o', tfile] + cmd) if use_time else cmd
        out_path, err_path = os.path.join(tmp, 'out'), os.path.join(tmp, 'err')
        with open(out_path, 'w') as out, open(err_path, 'w') as err:
            t0 = time.perf_counter()
            try:
                proc = subprocess.Popen(full, cwd=cwd, stdout=out, stderr=err,
                                        stdin=subprocess.DEVNULL, start_new_session=True)
            except OSError as e:
                raise Failure(f'cannot run {cmd[0]}: {e.strerror}')
            deadline = t0 + timeout
            while True:
                pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
                if pid:
                    break
                if time.perf_counter() > deadline:
                    os.killpg(proc.pid, 9)  # its own session: /usr/bin/time and what it runs
                    os.wait4(proc.pid, 0)
                    proc.returncode = -9
                    raise Failure(f'timed out after {timeout:g} s')
                time.sleep(0.005)
            wall = time.perf_counter() - t0
            proc.returncode = os.waitstatus_to_exitcode(status) if hasattr(
                os, 'waitstatus_to_exitcode') else (status >> 8)
            # KiB on Linux; with /usr/bin/time, replaced by its report.
            rss_kb, cpu_s = usage.ru_maxrss, usage.ru_utime + usage.ru_stime
        stdout, stderr = open(out_path).read(), open(err_path).read()
        if use_time:
            rss_kb = cpu_s = None
            try:
                report = open(tfile).read()
            except OSError:
                report = ''
            m = re.search(r'Maximum resident set size \(kbytes\): (\d+)', report)
            rss_kb = int(m.group(1)) if m else None
            u = re.search(r'User time \(seconds\): (\S+)', report)
            k = re.search(r'System time \(seconds\): (\S+)', report)
            cpu_s = float(u.group(1)) + float(k.group(1)) if u and k else None
    return proc.returncode, stdout, stderr, wall, rss_kb, cpu_s


def last_lines(text, n=3):
    """The first error message in text, else its last n lines (for the status column)."""
    lines = [l.strip() for l in text.strip().splitlines() if l.strip()]
    errors = [l for l in lines if 'error:' in l]
    return errors[0] if errors else ' / '.join(lines[-n:]) or '(no output)'


# --- snnc ----------------------------------------------------------------------------------------

NET_RE = re.compile(r"^network '([^']*)': (\d+) neurons?, (\d+) synapses?; simulated (\S+) s"
                    r" \((\d+) steps?", re.M)
POP_RE = re.compile(r'^(\S+)\s+(\d+)\s+(neuron|poisson|spike_times)\s+(\d+)\s+(\S+)\s*$', re.M)
WALL_RE = re.compile(r'wall time: compile (\S+) s, build (\S+) s, simulate (\S+) s')


def parse_snnc_run(stdout):
    m = NET_RE.search(stdout)
    w = WALL_RE.search(stdout)
    if not m or not w:
        raise Failure('cannot parse the output of snnc run')
    pops = [dict(name=p[0], size=int(p[1]), kind=p[2], spikes=int(p[3]))
            for p in POP_RE.findall(stdout)]
    return dict(network=m.group(1), neurons=int(m.group(2)), synapses=int(m.group(3)),
                duration_s=float(m.group(4)), steps=int(m.group(5)),
                neuron_spikes=sum(p['spikes'] for p in pops if p['kind'] == 'neuron'),
                populations=pops, jit_compile_s=float(w.group(1)), build_s=float(w.group(2)),
                sim_s=float(w.group(3)))


def snnc_thread_option(snnc):
    """Whether `snnc run --help` lists a --threads option."""
    try:
        p = subprocess.run([snnc, 'run', '--help'], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return re.search(r'--threads\b', p.stdout + p.stderr) is not None


def measure_snnc(args, path, duration, threads, workdir):
    cmd = [args.snnc, 'run', '--no-progress', str(path)]
    if duration is not None:
        cmd.append(f'--duration={duration:g}s')
    if threads is not None:
        cmd.append(f'--threads={threads}')
    runs = []
    for rep in range(args.repeats):
        rc, out, err, wall, rss, cpu = run_measured(cmd, workdir, args.timeout)
        if rc != 0:
            raise Failure(f'snnc run exited with {rc}: {last_lines(err or out)}')
        r = parse_snnc_run(out)
        r.update(wall_s=wall, maxrss_kb=rss, cpu_s=cpu, loadavg=os.getloadavg()[0])
        runs.append(r)
        log(f'  snnc run {path.name} [{rep + 1}/{args.repeats}]: simulate {r["sim_s"]:.3f} s, '
            f'build {r["build_s"]:.3f} s, peak RSS {fmt_mb(rss)} MB')
    res = dict(runs[0])
    res['sim_s'] = statistics.median(r['sim_s'] for r in runs)
    res['build_s'] = statistics.median(r['build_s'] for r in runs)
    res['sim_s_all'] = [r['sim_s'] for r in runs]
    res['build_s_all'] = [r['build_s'] for r in runs]
    res['cpu_s_all'] = [r['cpu_s'] for r in runs]
    rss = [r['maxrss_kb'] for r in runs if r['maxrss_kb'] is not None]
    res['maxrss_kb'] = max(rss) if rss else None
    res['spikes_all'] = [r['neuron_spikes'] for r in runs]
    # Compile to an object file: best of N.
    obj = os.path.join(workdir, 'bench.o')
    times = []
    for _ in range(args.compile_repeats):
        t0 = time.perf_counter()
        p = subprocess.run([args.snnc, str(path), '-o', obj], cwd=workdir, capture_output=True,
                           text=True, timeout=args.timeout)
        dt = time.perf_counter() - t0
        if p.returncode != 0:
            raise Failure(f'snnc -o exited with {p.returncode}: {last_lines(p.stderr or p.stdout)}')
        times.append(dt)
    res['compile_s'] = min(times)
    res['compile_s_all'] = times
    log(f'  snnc {path.name} -o x.o: best of {len(times)} {res["compile_s"]:.3f} s')
    return res


# --- Brian2 --------------------------------------------------------------------------------------

def measure_brian2(args, b2args, duration, threads, scratch):
    bdir = tempfile.mkdtemp(prefix='standalone-', dir=scratch)
    shutil.rmtree(bdir)  # fresh: Brian2 creates it, the first run compiles from nothing
    cmd = [args.brian2_python, str(args.brian2_script)] + b2args + [
        '--duration', f'{duration:g}', '--mode', 'standalone', '--threads', str(threads),
        '--builddir', bdir]
    runs = []
    for rep in range(args.repeats):
        rc, out, err, wall, rss, cpu = run_measured(cmd, scratch, args.timeout)
        if rc != 0:
            raise Failure(f'bench.py exited with {rc}: {last_lines(err or out)}')
        lines = [l for l in out.splitlines() if l.startswith('RESULT ')]
        if not lines:
            raise Failure('bench.py printed no RESULT line')
        r = json.loads(lines[-1][len('RESULT '):])
        r.update(wall_s=wall, maxrss_kb=rss, cpu_s=cpu, loadavg=os.getloadavg()[0])
        runs.append(r)
        log(f'  Brian2 {" ".join(b2args)} T={threads} [{rep + 1}/{args.repeats}]: sim '
            f'{r["sim_s"]:.3f} s, make {r.get("compile_s") or 0:.2f} s, wall {wall:.1f} s')
    res = dict(runs[0])  # the cold run: its compile time
    res['sim_s'] = statistics.median(r['sim_s'] for r in runs)
    res['sim_s_all'] = [r['sim_s'] for r in runs]
    res['rate_hz'] = statistics.median(r['rate_hz'] for r in runs)
    res['n_spikes'] = statistics.median(r['n_spikes'] for r in runs)
    res['n_synapses'] = statistics.median(r['n_synapses'] for r in runs)
    res['compile_cold_s'] = (runs[0].get('codegen_s') or 0) + (runs[0].get('compile_s') or 0)
    rss = [r['maxrss_kb'] for r in runs if r['maxrss_kb'] is not None]
    res['maxrss_kb'] = max(rss) if rss else None
    shutil.rmtree(bdir, ignore_errors=True)
    return res


# --- formatting ----------------------------------------------------------------------------------

def fmt_s(x):
    if x is None:
        return '-'
    if x >= 100:
        return f'{x:.0f}'
    if x >= 0.001:
        return f'{x:.3g}'
    return f'{x:.2g}'


def fmt_mb(kb):
    return '-' if kb is None else f'{kb / 1024:.0f}'


def fmt_e(x):
    return '-' if x is None else f'{x:.3g}'


def fmt_ratio(a, b):
    if a is None or b is None or b <= 0:
        return '-'
    return f'{a / b:.2f}x'


COLUMNS = ['network', 'threads snnc/B2', 'neurons', 'synapses', 'snnc sim s', 'Brian2 sim s',
           'sim speedup', 'snnc compile s', 'Brian2 compile s', 'compile speedup', 'snnc build s',
           'snnc peak RSS MB', 'Brian2 peak RSS MB', 'bytes/synapse (upper bound)',
           'snnc syn events/s', 'Brian2 syn events/s', 'snnc rate Hz', 'Brian2 rate Hz', 'status']


def table_row(row):
    s, b = row.get('snnc'), row.get('brian2')
    cells = dict.fromkeys(COLUMNS, '-')
    cells['network'] = row['label']
    cells['threads snnc/B2'] = f'{row["snnc_threads"] or 1}/{row["b2_threads"] or "-"}'
    if s:
        dur = s['duration_s']
        outdeg = s['synapses'] / s['neurons'] if s['neurons'] else 0.0
        cells.update({
            'neurons': str(s['neurons']), 'synapses': str(s['synapses']),
            'snnc sim s': fmt_s(s['sim_s']), 'snnc compile s': fmt_s(s['compile_s']),
            'snnc build s': fmt_s(s['build_s']), 'snnc peak RSS MB': fmt_mb(s['maxrss_kb']),
            'bytes/synapse (upper bound)': (f'{s["maxrss_kb"] * 1024 / s["synapses"]:.1f}'
                                            if s['maxrss_kb'] and s['synapses'] else '-'),
            'snnc syn events/s': fmt_e(s['neuron_spikes'] * outdeg / s['sim_s'])
            if s['sim_s'] > 0 else '-',
            'snnc rate Hz': f'{s["neuron_spikes"] / s["neurons"] / dur:.2f}'
            if s['neurons'] and dur > 0 else '-',
        })
    if b:
        cells.update({
            'Brian2 sim s': fmt_s(b['sim_s']), 'Brian2 compile s': fmt_s(b['compile_cold_s']),
            'Brian2 peak RSS MB': fmt_mb(b['maxrss_kb']),
            'Brian2 syn events/s': fmt_e(b['n_spikes'] * b['n_synapses'] / b['N'] / b['sim_s'])
            if b['sim_s'] > 0 else '-',
            'Brian2 rate Hz': f'{b["rate_hz"]:.2f}',
        })
        if not s:
            cells['synapses'] = str(int(b['n_synapses']))
            cells['neurons'] = str(b['N'])
    if s and b:
        cells['sim speedup'] = fmt_ratio(b['sim_s'], s['sim_s'])
        cells['compile speedup'] = fmt_ratio(b['compile_cold_s'], s['compile_s'])
    status = []
    if row['snnc_error']:
        status.append(f'snnc FAILED: {row["snnc_error"]}')
    if row['b2_error']:
        status.append(f'Brian2 FAILED: {row["b2_error"]}')
    if not status:
        status.append('ok')
    cells['status'] = '; '.join(status).replace('|', '/')
    return '| ' + ' | '.join(cells[c] for c in COLUMNS) + ' |'


# --- main ----------------------------------------------------------------------------------------

def parse_args(argv):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog='Networks: ' + ', '.join(NETWORKS) + ', or .snn paths.')
    ap.add_argument('--networks', default=None,
                    help=f'comma-separated names or .snn paths (default {DEFAULT_NETWORKS}; '
                         f'--quick: {QUICK_NETWORKS})')
    ap.add_argument('--repeats', type=int, default=1,
                    help='runs per network and simulator; the table shows the median (default 1)')
    ap.add_argument('--compile-repeats', type=int, default=3,
                    help='snnc -o runs; the table shows the best (default 3; --quick: 1)')
    ap.add_argument('--no-brian2', action='store_true', help='measure snnc only')
    ap.add_argument('--snnc', default=None,
                    help='the snnc binary (default: build/bin/snnc of this checkout, else PATH)')
    ap.add_argument('--duration', type=float, default=None,
                    help='simulated time in seconds for every network (default: each network\'s)')
    ap.add_argument('--quick', action='store_true',
                    help='tiny networks and one compile run, for the test suite')
    ap.add_argument('--threads', default='1',
                    help='comma-separated thread counts: Brian2 OpenMP threads; passed to snnc '
                         'only if `snnc run --help` lists --threads (default 1)')
    ap.add_argument('--brian2-script', type=Path, default=DEFAULT_BRIAN2_SCRIPT)
    ap.add_argument('--brian2-python', default='/usr/bin/python3')
    ap.add_argument('--timeout', type=float, default=1800, help='seconds per run (default 1800)')
    ap.add_argument('--json', type=Path, default=None, help='also write the raw results here')
    args = ap.parse_args(argv)
    if args.repeats < 1 or args.compile_repeats < 1:
        ap.error('--repeats and --compile-repeats must be at least 1')
    try:
        args.thread_list = [int(t) for t in args.threads.split(',') if t.strip()]
    except ValueError:
        ap.error(f'--threads: expected numbers like 1,2, got {args.threads!r}')
    if not args.thread_list or min(args.thread_list) < 1:
        ap.error('--threads: thread counts must be at least 1')
    if args.networks is None:
        args.networks = QUICK_NETWORKS if args.quick else DEFAULT_NETWORKS
    if args.quick and '--compile-repeats' not in ' '.join(argv):
        args.compile_repeats = 1
    if args.snnc is None:
        local = HERE.parent / 'build' / 'bin' / 'snnc'
        args.snnc = str(local) if local.exists() else (shutil.which('snnc') or 'snnc')
    # The runs happen in scratch directories: make the path absolute.
    args.snnc = (os.path.abspath(args.snnc) if os.sep in args.snnc
                 else shutil.which(args.snnc) or args.snnc)
    return ap, args


def resolve_networks(ap, spec):
    nets = []
    for item in [s.strip() for s in spec.split(',') if s.strip()]:
        if item in NETWORKS:
            d = NETWORKS[item]
            nets.append(dict(name=item, path=NETWORK_DIR / d['file'], brian2=d['brian2'],
                             duration=d['duration']))
        elif item.endswith('.snn') or os.sep in item:
            p = Path(item)
            if not p.exists():
                ap.error(f'no such network file: {item}')
            nets.append(dict(name=p.stem, path=p.resolve(), brian2=None, duration=None))
        else:
            ap.error(f'unknown network {item!r}; known: {", ".join(NETWORKS)} (or a .snn path)')
    return nets


def machine_line():
    cpu = ''
    try:
        for line in open('/proc/cpuinfo'):
            if line.startswith('model name'):
                cpu = line.split(':', 1)[1].strip()
                break
    except OSError:
        pass
    return f'{platform.node()}: {os.cpu_count()} CPUs {cpu}, load average {os.getloadavg()[0]:.2f}'


def main(argv):
    ap, args = parse_args(argv)
    nets = resolve_networks(ap, args.networks)
    if not (os.access(args.snnc, os.X_OK) or shutil.which(args.snnc)):
        ap.error(f'snnc not found: {args.snnc} (build it or pass --snnc PATH)')
    use_brian2 = not args.no_brian2
    if use_brian2 and any(n['brian2'] for n in nets) and not args.brian2_script.exists():
        ap.error(f'Brian2 script not found: {args.brian2_script} (pass --brian2-script or '
                 '--no-brian2)')
    snnc_threads = snnc_thread_option(args.snnc)
    notes = []
    if any(t != 1 for t in args.thread_list) and not snnc_threads:
        msg = ('snnc has no thread option yet (`snnc run --help` lists no --threads): snnc runs '
               'single-threaded; rows with more threads compare it with Brian2 at that count')
        if not use_brian2:
            msg = ('snnc has no thread option yet (`snnc run --help` lists no --threads); thread '
                   'counts other than 1 are skipped')
        log(msg)
        notes.append(msg)

    scratch = tempfile.mkdtemp(prefix='snnc-bench-', dir='/tmp')
    rows, raw = [], []
    snnc_cache = {}
    try:
        for net in nets:
            for T in args.thread_list:
                duration = args.duration if args.duration is not None else net['duration']
                has_b2 = use_brian2 and net['brian2'] is not None
                s_threads = T if snnc_threads else None
                if T != 1 and not snnc_threads and not has_b2:
                    continue
                label = net['name']
                if args.duration is not None:
                    label += f' ({args.duration:g} s)'
                row = dict(label=label, snnc_threads=s_threads, b2_threads=T, snnc=None,
                           brian2=None, snnc_error=None, b2_error=None)
                log(f'{net["name"]}: threads {T}')
                key = (net['name'], s_threads)
                if key in snnc_cache:
                    row['snnc'], row['snnc_error'] = snnc_cache[key]
                else:
                    workdir = tempfile.mkdtemp(prefix='snnc-', dir=scratch)
                    try:
                        row['snnc'] = measure_snnc(args, net['path'], duration, s_threads, workdir)
                    except Exception as e:  # reported in the table; the next network runs
                        row['snnc_error'] = str(e) if isinstance(e, Failure) else repr(e)
                        log(f'  snnc FAILED: {e}')
                    snnc_cache[key] = (row['snnc'], row['snnc_error'])
                if has_b2:
                    b2_duration = duration
                    if b2_duration is None:
                        b2_duration = row['snnc']['duration_s'] if row['snnc'] else 1.0
                    try:
                        row['brian2'] = measure_brian2(args, net['brian2'], b2_duration, T, scratch)
                    except Exception as e:  # reported in the table; the next network runs
                        row['b2_error'] = str(e) if isinstance(e, Failure) else repr(e)
                        log(f'  Brian2 FAILED: {e}')
                elif use_brian2:
                    row['b2_threads'] = None
                    notes.append(f'{net["name"]}: no Brian2 reference network; snnc only')
                else:
                    row['b2_threads'] = None
                rows.append(row)
                raw.append(dict(network=net['name'], file=str(net['path']), threads=T,
                                snnc=row['snnc'], brian2=row['brian2'],
                                snnc_error=row['snnc_error'], brian2_error=row['b2_error']))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    failed = any(r['snnc_error'] or r['b2_error'] for r in rows)
    print('| ' + ' | '.join(COLUMNS) + ' |')
    print('|' + '---|' * len(COLUMNS))
    for row in rows:
        print(table_row(row))
    print()
    b2ver = next((r['brian2'].get('brian2') for r in rows if r['brian2']), None)
    print(f'Machine: {machine_line()}. snnc: {args.snnc}.'
          + (f' Brian2 {b2ver}, C++ standalone.' if b2ver else ''))
    print(f'Times are the median of {args.repeats} run(s) per simulator; snnc compile = '
          f'`snnc FILE -o x.o`, best of {args.compile_repeats}.')
    print('* sim s: snnc = the "simulate" wall time of `snnc run`; Brian2 = its timer of the run '
          'loop (device._last_run_time). sim speedup = Brian2 sim s / snnc sim s.')
    if use_brian2:
        print('* Brian2 compile s = code generation + make of the first run, in a fresh build '
              'directory (cold); compile speedup = Brian2 compile s / snnc compile s.')
    print('* peak RSS = max RSS of the whole process (/usr/bin/time -v): `snnc run` includes the '
          'JIT compiler; Brian2 includes Python, the C++ compiler and the binary. '
          'bytes/synapse = snnc peak RSS / synapses: an upper bound (it counts everything else '
          'in the process too).')
    print('* syn events/s is an estimate: neuron spikes x mean out-degree (synapses / neurons) '
          '/ sim s; the synapses include those from Poisson generators (Brunel: one per neuron), '
          'generator spikes are not counted.')
    print('* rate Hz = spikes of neuron populations / neurons / simulated time.')
    for n in dict.fromkeys(notes):
        print(f'* {n}')
    loads = [run['loadavg'] for r in rows for k in ('snnc', 'brian2') if r[k]
             for run in [r[k]]]
    if loads:
        print(f'* 1-minute load average after the first run of each row: '
              f'{min(loads):.2f} to {max(loads):.2f} (other processes share the CPUs).')
    if args.repeats > 1:
        print('* sim s of every run:')
        for r in rows:
            parts = [f'{k} ' + ', '.join(fmt_s(x) for x in r[k]['sim_s_all'])
                     for k in ('snnc', 'brian2') if r[k]]
            if parts:
                print(f'  * {r["label"]} ({r["b2_threads"] or 1} thread(s)): ' + '; '.join(parts))
    if failed:
        print('\nSome networks FAILED (see the status column).')
    if args.json:
        args.json.write_text(json.dumps(dict(machine=machine_line(), args=vars(args) | dict(
            brian2_script=str(args.brian2_script), json=str(args.json)), results=raw),
            indent=1, default=str))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
