#!/usr/bin/env python3
"""Wall time of `apy check` on 100 Markdown documents (four copies of the
shared doccheck corpus in tests/doccheck), best of --reps runs.

    cargo build --release && python3 benches/check_docs.py [--reps 5]

The issue's target: well under a second when the snippets sleep only
virtually (the default in `apy check`). Standard library only.
"""

import argparse
import glob
import os
import shutil
import subprocess
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--apy", default=os.path.join(ROOT, "target", "release", "apy"))
    opts = ap.parse_args()
    docs = sorted(glob.glob(os.path.join(ROOT, "tests", "doccheck", "*.md")))
    with tempfile.TemporaryDirectory() as tmp:
        n = 0
        for copy in range(4):
            for d in docs:
                stem = os.path.splitext(os.path.basename(d))[0]
                shutil.copy(d, os.path.join(tmp, "%s_%d.md" % (stem, copy)))
                n += 1
        times = []
        for _ in range(opts.reps):
            t0 = time.perf_counter()
            p = subprocess.run([opts.apy, "check", tmp], stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True)
            times.append(time.perf_counter() - t0)
        summary = p.stdout.strip().splitlines()[-1] if p.stdout.strip() else "(no output)"
    print("%d documents: best %.3f s, median %.3f s (%s)"
          % (n, min(times), sorted(times)[len(times) // 2], summary))


if __name__ == "__main__":
    main()
