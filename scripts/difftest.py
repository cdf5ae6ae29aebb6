#!/usr/bin/env python3
"""Differential test of apy's parser against CPython on randomly edited
programs: both must accept the same programs with the same tree (in the
dump format of scripts/ast_dump.py), or reject them with the same error
class, message and position. A development tool, not part of `cargo test`.

Usage: python3 scripts/difftest.py [N] [SEED]
(builds on target/debug/examples/parse_dump: `cargo build --example parse_dump`)
"""
import os
import random
import subprocess
import sys
import warnings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ast_dump  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "debug", "examples", "parse_dump")
PIECES = ["(", ")", "[", "]", "{", "}", ":", ",", ";", "=", "==", "\n", "\n    ", "\t", "\\", "'", '"',
          "f'{", "}", "#", "*", "**", "lambda", "if", "else", "for", "in", "def", "class", "match", "case",
          "async", "await", "yield", " ", "_", "@", "->", ":=", "...", "not", "import", "from", ".", "del",
          "x", "1", "'s'", "(a, b)", "[1]", "x.y", "f(x)", " as ", "return", "pass", "-", "+", "<", "is"]


RESOLVER = ("outside function", "outside async function", "outside of an asynchronous function",
            "nonlocal", "global", "outside loop", "'await' outside")


def cpython(src):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile(src, "<case>", "exec")
            return ast_dump.dump(src)
    except SyntaxError as e:
        if any(r in e.msg for r in RESOLVER):
            try:
                return ast_dump.dump(src)  # the parser accepts it
            except SyntaxError:
                return None
        return "%s %r %s:%s\n" % (type(e).__name__, e.msg, e.lineno, e.offset)
    except (ValueError, RecursionError, MemoryError) as e:
        return None


def mutate(rng, text):
    for _ in range(rng.randint(1, 3)):
        at = rng.randint(0, len(text))
        r = rng.random()
        if r < 0.4:
            text = text[:at] + rng.choice(PIECES) + text[at:]
        elif r < 0.7:
            text = text[:at] + text[at + rng.randint(1, 6):]
        else:
            text = text[:at] + rng.choice(PIECES) + text[at + rng.randint(0, 3):]
    return text


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
    files = []
    for d in ("tests/data/spec", "tests/cases/conformance/core", "tests/cases/conformance/async"):
        for name in sorted(os.listdir(os.path.join(ROOT, d))):
            if name.endswith(".py"):
                with open(os.path.join(ROOT, d, name), encoding="utf-8") as f:
                    files.append(f.read().splitlines())
    cases = []
    while len(cases) < n:
        lines = rng.choice(files)
        i = rng.randrange(len(lines))
        src = mutate(rng, "\n".join(lines[i:i + rng.randint(1, 8)]) + "\n")
        if "\0" in src:
            continue
        want = cpython(src)
        if want is not None:
            cases.append((src, want))
    out = subprocess.run([BIN, "--batch"], input="\0".join(s for s, _ in cases).encode(),
                         capture_output=True).stdout.decode().split("\0")
    bad = 0
    for (src, want), got in zip(cases, out):
        if want.startswith("SyntaxError") or want.startswith("IndentationError") or want.startswith("TabError"):
            cls, rest = want.split(" ", 1)
            msg, pos = rest.rsplit(" ", 1)
            want_n = (cls, eval(msg), pos.strip())
            parts = got.split(" ", 1)
            if len(parts) == 2 and " " in parts[1]:
                gmsg, gpos = parts[1].rsplit(" ", 1)
                try:
                    got_n = (parts[0], eval(gmsg), gpos.strip())
                except Exception:
                    got_n = got
            else:
                got_n = got
            same = want_n == got_n
        else:
            same = want == got
        if not same:
            bad += 1
            print("=" * 60)
            print(repr(src))
            print("CPython:", want if len(want) < 300 else want[:300])
            print("apy:    ", got if len(got) < 300 else got[:300])
    print("%d of %d differ" % (bad, len(cases)))


if __name__ == "__main__":
    main()
