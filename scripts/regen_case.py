#!/usr/bin/env python3
"""Write the expected files of apy's own golden cases from the oracle.

    scripts/regen_case.py tests/cases/apy/NAME.py [samples/NAME.apy ...]

Runs each program with python3 (CPython 3.11), cwd = its folder, stdin =
/dev/null, 3 times with different PYTHONHASHSEED values, and refuses to
write anything for it if the runs differ. Then writes, beside the program:

  NAME.out    stdout, byte for byte
  NAME.code   the exit status, only when it is non-zero (removed otherwise)
  NAME.err    for a non-zero status with stderr: the unindented traceback lines
              (exception lines and chaining notes) ending with the final
              `Type: message` line; just the class name for syntax errors.
              For status 0 with stderr (warnings, asyncio's "never retrieved"
              reports): its unindented lines, each split where the program's
              folder occurs in it (the lines are matched as substrings in
              order, so the checkout's location does not matter)

`NAME.args` (interpreter arguments, one line) is honoured. A case whose
arguments include `--virtual-time` runs under scripts/vclock.py (a copy of
the shared corpus's CPython reference for the virtual clock), with a
different clock origin on each run, so its output must not depend on the
absolute clock either.
The cases of tests/cases/conformance/ are a copy of the shared corpus: regenerate
them there (its regen.py) and re-copy with scripts/sync_conformance.sh.
Standard library only. Exit status 1 if any case was refused.
"""

import os
import shlex
import subprocess
import sys

ORACLE = "python3"
SEEDS = ("0", "1", "12345")
SYNTAX_CLASSES = ("SyntaxError", "IndentationError", "TabError")


def extra_args(program):
    args_file = os.path.splitext(program)[0] + ".args"
    if not os.path.exists(args_file):
        return []
    with open(args_file, encoding="utf-8") as f:
        lines = f.read().splitlines()
    return shlex.split(lines[0]) if lines else []


VCLOCK = os.path.join(os.path.dirname(os.path.abspath(__file__)), "vclock.py")
VCLOCK_ORIGINS = {"0": "10000.0", "1": "987654.0", "12345": "31536000.0"}


def run_oracle(program, args, seed):
    env = dict(os.environ, PYTHONHASHSEED=seed, PYTHONIOENCODING="utf-8",
               PYTHONDONTWRITEBYTECODE="1")
    if "--virtual-time" in args:
        env["VCLOCK_ORIGIN"] = VCLOCK_ORIGINS[seed]
        args = [VCLOCK] + [a for a in args if a != "--virtual-time"]
    p = subprocess.run([ORACLE] + args + [program], cwd=os.path.dirname(program),
                       stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, env=env, timeout=60)
    return p.returncode, p.stdout, p.stderr


def non_blank(stderr):
    return [l for l in stderr.decode("utf-8", "replace").splitlines() if l.strip()]


def err_summary(stderr):
    lines = non_blank(stderr)
    final = lines[-1].strip() if lines else ""
    head = final.split(":", 1)[0]
    if head in SYNTAX_CLASSES:
        return [head]
    keep = [l.rstrip() for l in lines
            if not l[0].isspace() and l.rstrip() != "Traceback (most recent call last):"]
    if not keep or keep[-1].strip() != final:
        keep.append(final)
    return keep


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


def regen(program):
    program = os.path.abspath(program)
    if not os.path.isfile(program):
        print("NO SUCH FILE %s" % program)
        return False
    args = extra_args(program)
    runs = [run_oracle(program, args, seed) for seed in SEEDS]
    code, out, err = runs[0]
    for code2, out2, err2 in runs[1:]:
        if (code2, out2, err_summary(err2)) != (code, out, err_summary(err)):
            print("NONDETERMINISTIC %s: the runs differ, nothing written" % program)
            return False
    stem = os.path.splitext(program)[0]
    write(stem + ".out", out)
    files = {".code": None, ".err": None}
    if code != 0:
        files[".code"] = b"%d\n" % code
        if err.strip():
            files[".err"] = ("\n".join(err_summary(err)) + "\n").encode("utf-8")
    elif err.strip():
        folder = os.path.dirname(program) + os.sep
        lines = []
        for l in non_blank(err):
            if not l[0].isspace() and l.rstrip() != "Traceback (most recent call last):":
                lines.extend(p.strip() for p in l.rstrip().split(folder) if p.strip())
        files[".err"] = ("\n".join(lines) + "\n").encode("utf-8")
    for ext, data in files.items():
        if data is not None:
            write(stem + ext, data)
        elif os.path.exists(stem + ext):
            os.remove(stem + ext)
    print("wrote %s (exit %d, %d stdout bytes)" % (os.path.relpath(stem), code, len(out)))
    return True


def main(argv):
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0 if argv else 2
    version = subprocess.run([ORACLE, "-c", "import sys; print(sys.version_info[:2])"],
                             stdout=subprocess.PIPE, check=True).stdout.decode().strip()
    if version != "(3, 11)":
        print("regen_case.py: the oracle must be CPython 3.11, %s is %s" % (ORACLE, version))
        return 2
    results = [regen(p) for p in argv]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
