#!/usr/bin/env python3
"""For every example network and every chip target: either the network fits the target, and then
the native fixed-point run (`snnc run --target=T`) and the emulator on the configuration
(`snnc-emu`) write identical recordings; or snnc refuses it with a diagnostic (its first error
line is printed, without the path). One line per pair.

  all_examples.py SNNC SNNC_EMU EXAMPLES_DIR WORK_DIR TARGET...
"""
import filecmp
import glob
import os
import subprocess
import sys


def same_dirs(a, b):
    cmp = filecmp.dircmp(a, b)
    if cmp.left_only or cmp.right_only:
        return False
    return all(filecmp.cmp(os.path.join(a, f), os.path.join(b, f), shallow=False)
               for f in cmp.common_files)


def main():
    snnc, emu, examples, work = sys.argv[1:5]
    ok = True
    for path in sorted(glob.glob(os.path.join(examples, "*.snn"))):
        name = os.path.basename(path)[:-4]
        for target in sys.argv[5:]:
            out = os.path.join(work, "%s-%s" % (name, target))
            cfg = out + ".chip.json"
            r = subprocess.run([snnc, "--target=" + target, path, "-o", cfg],
                               capture_output=True, text=True, cwd=examples)
            if r.returncode != 0:
                errors = [l for l in r.stderr.splitlines() if ": error: " in l]
                if not errors:
                    print("%s on %s: FAILED without a diagnostic" % (name, target))
                    ok = False
                    continue
                print("%s on %s: refused: %s" % (name, target, errors[0].split(": error: ", 1)[1]))
                continue
            n = subprocess.run([snnc, "run", "--target=" + target, path, "--out", out + "-native"],
                               capture_output=True, text=True, cwd=examples)
            e = subprocess.run([emu, cfg, "--out", out + "-emu"], capture_output=True, text=True)
            if n.returncode or e.returncode:
                print("%s on %s: FAILED to run: %s%s" % (name, target, n.stderr, e.stderr))
                ok = False
                continue
            same = same_dirs(out + "-native", out + "-emu")
            ok &= same
            files = len(os.listdir(out + "-native"))
            print("%s on %s: %s (%d recordings)" % (name, target,
                                                    "native and emulator identical" if same
                                                    else "native and emulator DIFFER", files))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
