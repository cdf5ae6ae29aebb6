#!/usr/bin/env python3
"""Regenerate the parser tests' expectations from CPython (python3 must be
CPython 3.11). Run from the repository root:

    python3 scripts/gen_expectations.py

Writes:
  tests/data/syntax_errors.tsv   from tests/data/syntax_errors.txt: for each
                                 case, CPython's error class, message,
                                 position and codeop's "incomplete" verdict
  tests/data/programs.fnv        FNV-1a hashes of CPython's AST dump
                                 (scripts/ast_dump.py) of the conformance programs
  tests/data/spec/*.ast          full AST dumps of tests/data/spec/*.py
  tests/data/grammar_examples.fnv  hashes of CPython's dump of each
                                 "# e.g." example of grammar/python.ebnf
"""
import ast
import codeop
import os
import sys
import warnings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ast_dump  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "tests", "data")


def fnv1a(data: bytes) -> str:
    h = 0xCBF29CE484222325
    for b in data:
        h ^= b
        h = (h * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return "%016x" % h


def split_case(line):
    """The literal and the flags of a case line."""
    flags = []
    code = line
    if "  #! " in line:
        code, _, comment = line.rpartition("  #! ")
        flags = comment.split()
    return eval(code), flags  # our own test data


def incomplete(src):
    try:
        return codeop.compile_command(src, "<case>", "exec") is None
    except (SyntaxError, ValueError, OverflowError):
        return False


def syntax_errors():
    out = []
    with open(os.path.join(DATA, "syntax_errors.txt"), encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            src, flags = split_case(line)
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    compile(src, "<case>", "exec")
            except SyntaxError as e:
                cols = [e.lineno, e.offset, e.end_lineno, e.end_offset]
                cols = ["-" if c is None else str(c) for c in cols]
                row = [src.encode().hex(), type(e).__name__, e.msg] + cols
                row += ["1" if incomplete(src) else "0", ",".join(flags) or "-"]
                out.append("\t".join(row))
                continue
            sys.exit("line %d: compiles without error: %r" % (n, src))
    with open(os.path.join(DATA, "syntax_errors.tsv"), "w", encoding="utf-8") as f:
        f.write("# hex(source)\tclass\tmessage\tlineno\toffset\tend_lineno\tend_offset\tincomplete\tflags\n")
        f.write("\n".join(out) + "\n")
    print("syntax_errors.tsv: %d cases" % len(out))


def programs():
    # The conformance programs, named CATEGORY_NAME.py, except the ones
    # that are syntax errors on purpose.
    root = os.path.join(DATA, "..", "cases", "conformance")
    rows = []
    for category in sorted(os.listdir(root)):
        d = os.path.join(root, category)
        for name in sorted(os.listdir(d)):
            if not name.endswith(".py"):
                continue
            with open(os.path.join(d, name), encoding="utf-8") as f:
                source = f.read()
            try:
                ast.parse(source)
            except SyntaxError:
                continue
            rows.append("%s_%s %s" % (category, name, fnv1a(ast_dump.dump(source).encode())))
    with open(os.path.join(DATA, "programs.fnv"), "w", encoding="utf-8") as f:
        f.write("\n".join(rows) + "\n")
    print("programs.fnv: %d programs" % len(rows))


# Errors CPython's compiler reports that are the resolver's business, not
# the parser's: spec programs may contain these.
RESOLVER_ERRORS = ("outside function", "outside async function", "outside of an asynchronous function",
                   "nonlocal", "global", "outside loop")


def spec():
    d = os.path.join(DATA, "spec")
    n = 0
    for name in sorted(os.listdir(d)):
        if name.endswith(".py"):
            with open(os.path.join(d, name), encoding="utf-8") as f:
                source = f.read()
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    ast.parse(source)
            except SyntaxError as e:
                if not any(r in e.msg for r in RESOLVER_ERRORS):
                    sys.exit("%s: %s (line %s)" % (name, e.msg, e.lineno))
            text = ast_dump.dump(source)
            with open(os.path.join(d, name[:-3] + ".ast"), "w", encoding="utf-8") as f:
                f.write(text)
            n += 1
    print("spec: %d dumps" % n)


def grammar_examples():
    rows = []
    with open(os.path.join(ROOT, "grammar", "python.ebnf"), encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.startswith("# e.g. "):
                continue
            example = line[len("# e.g. "):].rstrip("\n").replace("\u21b5", "\n") + "\n"
            try:
                text = ast_dump.dump(example)
            except SyntaxError as e:
                sys.exit("grammar/python.ebnf:%d: CPython rejects the example: %s" % (n, e))
            rows.append("%s\t%s" % (example.encode().hex(), fnv1a(text.encode())))
    with open(os.path.join(DATA, "grammar_examples.fnv"), "w", encoding="utf-8") as f:
        f.write("\n".join(rows) + "\n")
    print("grammar_examples.fnv: %d examples" % len(rows))


if __name__ == "__main__":
    syntax_errors()
    programs()
    spec()
    grammar_examples()
