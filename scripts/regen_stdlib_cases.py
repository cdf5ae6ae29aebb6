#!/usr/bin/env python3
"""Regenerate the expected outputs of tests/cases/stdlib/ from CPython 3.11.

    python3 scripts/regen_stdlib_cases.py            # every case
    python3 scripts/regen_stdlib_cases.py math_funcs # named cases

Each case runs three times with different PYTHONHASHSEED values; if the runs
differ nothing is written for it. Writes NAME.out (stdout), and for a
non-zero exit NAME.code (the status) and NAME.err (the last stderr line);
stale .code/.err files are removed.
"""

import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(os.path.dirname(HERE), "tests", "cases", "stdlib")


def run(path, seed):
    env = dict(os.environ, PYTHONHASHSEED=str(seed), PYTHONIOENCODING="utf-8",
               PYTHONDONTWRITEBYTECODE="1")
    p = subprocess.run([sys.executable, os.path.basename(path)], cwd=os.path.dirname(path),
                       stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, env=env, timeout=120)
    lines = [l for l in p.stderr.decode("utf-8", "replace").splitlines() if l.strip()]
    return p.returncode, p.stdout, (lines[-1].strip() if lines else "")


def main():
    if sys.version_info[:2] != (3, 11):
        sys.exit("regen_stdlib_cases.py: needs CPython 3.11 (this is %s)" % sys.version.split()[0])
    names = sys.argv[1:] or sorted(f[:-3] for f in os.listdir(CASES) if f.endswith(".py"))
    bad = 0
    for name in names:
        name = os.path.basename(name)
        if name.endswith(".py"):
            name = name[:-3]
        path = os.path.join(CASES, name + ".py")
        runs = [run(path, seed) for seed in (0, 1, 2)]
        if any(r != runs[0] for r in runs[1:]):
            print("NOT DETERMINISTIC, skipped:", name)
            bad += 1
            continue
        code, out, err = runs[0]
        base = os.path.join(CASES, name)
        with open(base + ".out", "wb") as f:
            f.write(out)
        for ext, content in ((".code", "%d\n" % code), (".err", err + "\n")):
            if code != 0:
                with open(base + ext, "w") as f:
                    f.write(content)
            elif os.path.exists(base + ext):
                os.remove(base + ext)
        print("%-40s exit %d, %d bytes" % (name, code, len(out)))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
