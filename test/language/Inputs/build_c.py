"""Builds a C program against a network compiled by snnc (used by tutorial-embed.test).

usage: build_c.py SNNC SRCROOT MAIN.c OUTDIR
OUTDIR holds net.o and net.h; the program is written to OUTDIR/sim. The runtime library is
the libsnnrt.a of the same build as SNNC (<build>/bin/snnc -> <build>/lib/libsnnrt.a).
"""
import os
import shutil
import subprocess
import sys

snnc, srcroot, main_c, outdir = sys.argv[1:5]
lib = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(snnc))), "lib", "libsnnrt.a")
if not os.path.exists(lib):
    sys.exit("no runtime library at " + lib)
cc = shutil.which("cc") or shutil.which("gcc") or shutil.which("clang")
if cc is None:
    sys.exit("no C compiler")
cmd = [cc, "-O2", "-I", os.path.join(srcroot, "runtime", "include"), "-I", outdir, main_c,
       os.path.join(outdir, "net.o"), lib, "-lstdc++", "-lm", "-o", os.path.join(outdir, "sim")]
subprocess.run(cmd, check=True)
