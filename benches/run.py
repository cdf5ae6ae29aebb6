#!/usr/bin/env python3
"""Time the programs of benches/programs/ under CPython and apy.

    cargo build --release && python3 benches/run.py [--reps 5] [--filter fib]

Each program runs once under each interpreter as a warm-up (whose stdout
must be the same for both, else it is reported and skipped), then --reps
times more, alternating between the two. Prints a Markdown table of the
median wall-clock times (start-up included), the ratio apy / CPython
(below 1 means apy is faster) and the median peak resident memory of each
(with GNU time); with pending_tasks and its baseline both run, the peak
memory per pending task (their difference over the program's 100,000
tasks). Standard
library only; timings never go into the tests.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PROGRAMS = os.path.join(HERE, "programs")
PENDING_TASKS = 100_000  # the N of programs/pending_tasks.py
DEFAULT_APY = os.path.join(os.path.dirname(HERE), "target", "release", "apy")


# GNU time reports a child's peak resident memory exactly. (The rusage of a
# child this script forks would not: it starts from this script's own
# resident size, which exec does not reset.)
GNU_TIME = "/usr/bin/time"


def run(cmd, program):
    """Runs one program: (wall seconds, exit status, stdout, stderr, peak
    RSS in KiB or None without GNU time)."""
    with tempfile.NamedTemporaryFile(mode="r") as rss:
        wrap = [GNU_TIME, "-f", "%M", "-o", rss.name] if os.path.exists(GNU_TIME) else []
        t0 = time.perf_counter()
        p = subprocess.run(wrap + cmd + [program], stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=PROGRAMS)
        elapsed = time.perf_counter() - t0
        kib = rss.read().strip().splitlines()
        peak = int(kib[-1]) if wrap and kib and kib[-1].isdigit() else None
        return elapsed, p.returncode, p.stdout, p.stderr, peak


def commands(interpreters, program):
    """The command lines for one program: NAME.args (one line) gives apy's
    arguments; with --virtual-time, CPython runs the program under
    scripts/vclock.py, the reference virtual clock, so that both print the
    same simulated times."""
    args_file = program[:-3] + ".args"
    args = open(args_file, encoding="utf-8").read().split() if os.path.exists(args_file) else []
    cmds = {"CPython": list(interpreters["CPython"]), "apy": interpreters["apy"] + args}
    if "--virtual-time" in args:
        cmds["CPython"].append(os.path.join(os.path.dirname(HERE), "scripts", "vclock.py"))
    return cmds


def describe(program):
    """The first comment line of a program, for the table."""
    with open(program, encoding="utf-8") as f:
        first = f.readline().strip()
    return first.lstrip("# ").rstrip(".") if first.startswith("#") else "(empty program: start-up)"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reps", type=int, default=5, help="timed runs per interpreter (default 5)")
    ap.add_argument("--apy", default=DEFAULT_APY, help="apy binary (default target/release/apy)")
    ap.add_argument("--python", default=sys.executable,
                    help="CPython to compare with (default: the one running this script)")
    ap.add_argument("--filter", default="", help="only programs whose name contains this")
    opts = ap.parse_args()
    if not os.path.exists(opts.apy):
        sys.exit("run.py: %s not found; build it with `cargo build --release`" % opts.apy)
    interpreters = {"CPython": [opts.python], "apy": [os.path.abspath(opts.apy)]}
    version = subprocess.run([opts.python, "-c", "import sys; print(sys.version.split()[0])"],
                             stdout=subprocess.PIPE, text=True).stdout.strip()
    names = sorted(n for n in os.listdir(PROGRAMS) if n.endswith(".py") and opts.filter in n)

    rows = []
    for name in names:
        program = os.path.join(PROGRAMS, name)
        cmds = commands(interpreters, program)
        warm = {k: run(cmd, program) for k, cmd in cmds.items()}
        problems = ["%s exits %d: %s" % (k, r[1], r[3].decode("utf-8", "replace").strip()[-200:])
                    for k, r in warm.items() if r[1] != 0]
        if not problems and warm["CPython"][2] != warm["apy"][2]:
            problems.append("stdout differs between CPython and apy")
        if problems:
            print("skipped %s: %s" % (name, "; ".join(problems)), file=sys.stderr)
            continue
        times = {k: [] for k in interpreters}
        peak = {k: [] for k in interpreters}
        for _ in range(opts.reps):
            for k, cmd in cmds.items():
                r = run(cmd, program)
                times[k].append(r[0])
                peak[k].append(r[4])
        py, apy = statistics.median(times["CPython"]), statistics.median(times["apy"])
        rss = {k: statistics.median(v) / 1024 if None not in v else float("nan")
               for k, v in peak.items()}
        rows.append((name[:-3], describe(program), py, apy, apy / py if py else float("nan"),
                     rss["CPython"], rss["apy"]))
        print("%-14s CPython %7.3f s   apy %7.3f s" % (name[:-3], py, apy), file=sys.stderr)

    print()
    print("Median wall time of %d runs (start-up included); CPython %s, apy %s." % (
        opts.reps, version, os.path.relpath(opts.apy)))
    print()
    print("| program | what it does | CPython (s) | apy (s) | apy / CPython | peak RSS CPython / apy (MB) |")
    print("|---|---|---:|---:|---:|---:|")
    for name, what, py, apy, ratio, py_rss, apy_rss in rows:
        print("| %s | %s | %.3f | %.3f | %.2f | %.1f / %.1f |" % (
            name, what, py, apy, ratio, py_rss, apy_rss))
    by_name = {r[0]: r for r in rows}
    if "pending_tasks" in by_name and "pending_tasks_baseline" in by_name:
        # Memory per pending task: the peak of 100,000 pending tasks less
        # that of the same program with none.
        pending, empty = by_name["pending_tasks"], by_name["pending_tasks_baseline"]
        per_task = {k: (pending[i] - empty[i]) * 1024 * 1024 / PENDING_TASKS
                    for k, i in (("CPython", 5), ("apy", 6))}
        print()
        print("Peak memory per pending task (pending_tasks less its baseline): CPython %.0f bytes, "
              "apy %.0f bytes, apy / CPython %.2f." % (
                  per_task["CPython"], per_task["apy"], per_task["apy"] / per_task["CPython"]))
    return 0 if len(rows) == len(names) else 1


if __name__ == "__main__":
    sys.exit(main())
