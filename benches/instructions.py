#!/usr/bin/env python3
"""Compare two apy builds by the instructions they execute, not by time.

    python3 benches/instructions.py OLD_APY NEW_APY [--filter NAME]

Runs each program of benches/programs/ (those without a NAME.args file)
under `valgrind --tool=callgrind` with both binaries and prints a Markdown
table of instruction counts and the ratio new / old. Instruction counts
repeat exactly for the same binary and input, whatever else the machine is
doing, so this measures the cost of a change (such as the limit checks of
issue 7) on a shared, noisy machine where wall times move by 30%.
Needs valgrind; standard library only.
"""

import argparse
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PROGRAMS = os.path.join(HERE, "programs")


def instructions(apy, program):
    p = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", apy, program],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        cwd=PROGRAMS, text=True)
    m = re.search(r"Collected : (\d+)", p.stderr)
    if p.returncode != 0 or not m:
        sys.exit("instructions.py: %s %s failed:\n%s" % (apy, program, p.stderr[-500:]))
    return int(m.group(1))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("--filter", default="")
    opts = ap.parse_args()
    names = sorted(n[:-3] for n in os.listdir(PROGRAMS)
                   if n.endswith(".py") and opts.filter in n
                   and not os.path.exists(os.path.join(PROGRAMS, n[:-3] + ".args")))
    print("| program | old (instructions) | new (instructions) | new / old |")
    print("|---|---:|---:|---:|")
    for name in names:
        program = os.path.join(PROGRAMS, name + ".py")
        old = instructions(os.path.abspath(opts.old), program)
        new = instructions(os.path.abspath(opts.new), program)
        print("| %s | %d | %d | %.3f |" % (name, old, new, new / old), flush=True)


if __name__ == "__main__":
    main()
