#!/usr/bin/env python3
"""Writes tests/data/str_cases.txt: `str` method calls and CPython 3.11's
answers, replayed against apy by tests/str_cases.rs.

Each line is `EXPR<TAB>RESULT`, where EXPR is a one-line Python expression
and RESULT is `repr()` of its value or `!Type: message` for an exception.
Lines starting with `#` are comments. Run with CPython 3.11:

    python3 scripts/gen_str_cases.py
"""
import sys
from pathlib import Path

assert sys.version_info[:2] == (3, 11), "run with CPython 3.11"

SAMPLES = [
    "",
    " ",
    "a",
    "A",
    "abc",
    "Hello, World!",
    "  spaced  out  ",
    "\t tabs\tand  spaces \n",
    "tab\tsep\tvalues",
    "col1\tc2\t\tc4\nx\ty\r\tz",
    "line1\nline2\r\nline3\rline4\n",
    "a\x0bb\x0cc\x1cd\x1de\x1ef\x85g\u2028h\u2029i",
    "\n\n\r\r\n",
    "ends with newline\n",
    "\x1f\x1c unit sep\x1f",
    "Straße",
    "STRASSE straße",
    "ǅungla ǈ ǋ",
    "ΣΑΣ ΟΔΟΣ",
    "ὈΔΥΣΣΕΎΣ",
    "Σ",
    "aΣ",
    "aΣb",
    "aΣ.",
    "a.Σ",
    "AΣ'",
    "ΣA",
    "İstanbul",
    "ﬁre ﬂy ﬀ",
    "ŉ ǰ ΐ",
    "привет мир",
    "Привет, Мир!",
    "ПРИВЕТ",
    "こんにちは世界",
    "日本語テキスト、句読点。",
    "😀 emoji 🎉 party 👍🏽",
    "mixed ASCII и кириллица 中文",
    "they're bill's friends from the UK",
    "3rd 1st 2nd 10TH",
    "hello world",
    "HELLO WORLD",
    "Hello World",
    "hELLO wORLD",
    "a1b2c3",
    "123",
    "-42",
    "+7",
    "0",
    "١٢٣",
    "½⅓",
    "²³",
    "Ⅻ",
    "\u00a0\u2000\u3000",
    "\u200b",
    "café",
    "e\u0301",
    "\x00\x1f\x7f",
    "_ident",
    "1abc",
    "snake_case_name",
    "CamelCase",
    "a,b,,c,",
    ",,,",
    "a--b--c",
    "aaaa",
    "abcabcabc",
    "www.example.com",
    "x\ty",
    "ǆ",
]

SHORT = [
    "",
    "a",
    "abc",
    "Hello, World!",
    "  spaced  out  ",
    "line1\nline2\r\nline3",
    "Straße",
    "ΣΑΣ ΟΔΟΣ",
    "привет мир",
    "こんにちは世界",
    "😀 emoji 🎉",
    "aaaa",
    "a,b,,c,",
    "abcabcabc",
]

cases = []


def add(expr):
    cases.append(expr)


def r(s):
    return repr(s)


# Case conversion and classification on every sample.
NOARG = [
    "upper", "lower", "casefold", "swapcase", "title", "capitalize",
    "isalpha", "isalnum", "isdecimal", "isdigit", "isnumeric", "isspace",
    "isprintable", "isascii", "isidentifier", "isupper", "islower", "istitle",
    "splitlines", "split", "rsplit", "strip", "lstrip", "rstrip", "expandtabs",
]
for s in SAMPLES:
    for m in NOARG:
        add(f"{r(s)}.{m}()")
    add(f"len({r(s)})")
    add(f"list({r(s)})")
    add(f"str({r(s)})")
    add(f"repr({r(s)})")

# Per-character properties and mappings over a sample of code points.
cps = (list(range(0, 0x250)) + list(range(0x250, 0x3000, 7)) + list(range(0x3000, 0x30000, 53))
       + list(range(0x30000, 0x110000, 1021)))
cps = [c for c in cps if not 0xD800 <= c < 0xE000]
for name in ["isalpha", "isdecimal", "isdigit", "isnumeric", "isspace", "isprintable",
             "isupper", "islower", "istitle", "isidentifier", "isalnum"]:
    for i in range(0, len(cps), 96):
        chunk = "".join(chr(c) for c in cps[i:i + 96])
        add(f"''.join('1' if c.{name}() else '0' for c in {r(chunk)})")
for name in ["upper", "lower", "title", "casefold", "swapcase", "capitalize"]:
    for i in range(0, len(cps), 96):
        chunk = "".join(chr(c) for c in cps[i:i + 96])
        add(f"[c.{name}() for c in {r(chunk)}]")
for i in range(0, len(cps), 96):
    chunk = "".join(chr(c) for c in cps[i:i + 96])
    add(f"[('a' + c).isidentifier() for c in {r(chunk)}]")
    add(f"[('a' + c + 'b').splitlines() for c in {r(chunk)}]")
    add(f"[('a' + c + 'b').split() for c in {r(chunk)}]")
    add(f"[('x' + c + 'Σ' + c).lower() for c in {r(chunk)}]")
    add(f"[(c + 'aB').title() for c in {r(chunk)}]")

# split / rsplit.
SEPS = [None, " ", ",", "a", "ab", "\n", "Σ", "и", "😀", "", 1]
for s in SHORT + ["a b c d e", "  a  b  c  ", "1,2,3,4,5"]:
    for sep in SEPS:
        for maxsplit in [None, -1, 0, 1, 2, 10]:
            for m in ["split", "rsplit"]:
                if maxsplit is None:
                    add(f"{r(s)}.{m}({r(sep)})")
                else:
                    add(f"{r(s)}.{m}({r(sep)}, {maxsplit})")
    add(f"{r(s)}.split(sep=',', maxsplit=1)")
    add(f"{r(s)}.rsplit(maxsplit=1)")
    add(f"{r(s)}.split(maxsplit=0)")
    add(f"{r(s)}.rsplit(sep=None)")
    add(f"{r(s)}.splitlines(True)")
    add(f"{r(s)}.splitlines(keepends=True)")
    add(f"{r(s)}.splitlines(keepends=0)")

# join.
for sep in ["", ",", ", ", "и", "😀", "\n"]:
    for items in [[], ["a"], ["a", "b", "c"], ["привет", "мир"], ["", ""], ["x", "", "y"]]:
        add(f"{r(sep)}.join({items!r})")
        add(f"{r(sep)}.join({tuple(items)!r})")
        add(f"{r(sep)}.join(iter({items!r}))")
    add(f"{r(sep)}.join('abc')")
    add(f"{r(sep)}.join({{'k': 1, 'j': 2}})")
    add(f"{r(sep)}.join(x.upper() for x in 'abc')")
add("','.join(['a', 1])")
add("','.join(['a', 'b', None])")
add("','.join([1])")
add("','.join(1)")
add("','.join(None)")
add("','.join()")
add("','.join('a', 'b')")
add("','.join(iterable=['a'])")
add("''.join(['a'] * 5)")

# strip family.
for s in SHORT + ["xxhixx", "www.example.com", "\x1c\x1d x \x1e\x1f", "\u00a0 a \u3000", "\u200ba\u200b",
                  "<<>>text<>", "ЖжЖ текст жЖ"]:
    for chars in [None, "", "x", "w.", "xh", " ", "<>", "Жж ", "😀", "ao"]:
        for m in ["strip", "lstrip", "rstrip"]:
            if chars is None:
                add(f"{r(s)}.{m}()")
            add(f"{r(s)}.{m}({r(chars)})")

# partition / rpartition.
for s in SHORT + ["key=value=x", "no separator"]:
    for sep in [" ", "=", "a", "ab", "l", "и", "😀", "\n", "Σ", "zzz"]:
        add(f"{r(s)}.partition({r(sep)})")
        add(f"{r(s)}.rpartition({r(sep)})")

# replace.
for s in SHORT + ["banana", "aaa"]:
    for old, new in [("a", "b"), ("a", ""), ("", "-"), ("", ""), ("an", "AN"), ("aa", "x"),
                     ("и", "ИИ"), ("😀", ":)"), ("Σ", "s"), ("zz", "y"), ("abc", "")]:
        add(f"{r(s)}.replace({r(old)}, {r(new)})")
        for count in [-1, 0, 1, 2, 100]:
            add(f"{r(s)}.replace({r(old)}, {r(new)}, {count})")

# find family and count.
WINDOWS = [(0, None), (1, None), (2, None), (-1, None), (-3, None), (5, None), (100, None), (-100, None),
           (0, 0), (0, 2), (1, -1), (2, 4), (-3, -1), (4, 2), (1, 100), (-100, -2), (None, 3), (3, 3),
           (0, -100), (2, 2)]
for s in ["", "abcabc", "hello world", "привет мир привет", "こんにちは世界", "a😀b😀c", "aaaa", "xyz"]:
    subs = ["", "a", "b", "c", "ab", "bc", "o", "l", "ll", "и", "при", "世", "😀", "z", "aa", s]
    for sub in subs:
        for m in ["find", "rfind", "index", "rindex", "count"]:
            add(f"{r(s)}.{m}({r(sub)})")
        for k, (start, end) in enumerate(WINDOWS):
            m = ["find", "rfind", "count", "index", "rindex"][k % 5]
            if end is None:
                add(f"{r(s)}.{m}({r(sub)}, {start!r})")
            else:
                add(f"{r(s)}.{m}({r(sub)}, {start!r}, {end!r})")
            add(f"{r(s)}.{['count', 'find'][k % 2]}({r(sub)}, {start!r}, {end!r})")
        add(f"{r(s)}.find({r(sub)}, None, None)")
        add(f"{r(s)}.rfind({r(sub)}, None, 3)")
        add(f"{r(s)}.find({r(sub)}, True)")

# startswith / endswith.
for s in ["", "hello world", "привет мир", "😀 emoji 🎉", "xyz"]:
    for p in ["", "h", "he", "hello", "d", "world", "при", "мир", "😀", "🎉", "x", "z", "yz", s, s + "!",
              ("he", "wo"), ("x",), (), ("", "q"), ("мир", "z")]:
        for m in ["startswith", "endswith"]:
            add(f"{r(s)}.{m}({r(p)})")
            for start, end in [(0, None), (1, None), (-3, None), (2, 4), (0, -1), (4, 2), (3, 3), (100, None),
                               (-100, 100), (None, None), (None, 2)]:
                if end is None and start is not None:
                    add(f"{r(s)}.{m}({r(p)}, {start!r})")
                else:
                    add(f"{r(s)}.{m}({r(p)}, {start!r}, {end!r})")

# Padding.
for s in ["", "a", "abc", "abcd", "привет", "😀", "日本", "-42", "+7", "42", "-", "+", "a-1", "\t"]:
    for width in [-1, 0, 1, 2, 5, 6, 9, 10]:
        for m in ["center", "ljust", "rjust"]:
            add(f"{r(s)}.{m}({width})")
            for fill in ["*", "ж", "😀", " "]:
                add(f"{r(s)}.{m}({width}, {r(fill)})")
        add(f"{r(s)}.zfill({width})")
for m in ["center", "ljust", "rjust"]:
    add(f"'a'.{m}()")
    add(f"'a'.{m}('5')")
    add(f"'a'.{m}(5, 'ab')")
    add(f"'a'.{m}(5, '')")
    add(f"'a'.{m}(5, 1)")
    add(f"'a'.{m}(5, None)")
    add(f"'a'.{m}(5.0)")
    add(f"'a'.{m}(width=5)")
    add(f"'a'.{m}(5, '*', 1)")
    add(f"'a'.{m}(True)")
    add(f"'a'.{m}(2**63)")
    add(f"'a'.{m}(-2**63)")

# expandtabs.
for s in ["", "a\tb", "\t", "ab\tcd\tef", "abcdefgh\ti", "a\nb\tc", "a\rbc\td", "x\x0bq\tz", "и\tж\t😀\tz",
          "\t\t", "1234567\t8", "12345678\t9"]:
    for tab in [None, 0, 1, 2, 4, 8, -1, -8]:
        if tab is None:
            add(f"{r(s)}.expandtabs()")
        else:
            add(f"{r(s)}.expandtabs({tab})")
            add(f"{r(s)}.expandtabs(tabsize={tab})")

# removeprefix / removesuffix.
for s in ["", "prefix_body", "body.txt", "привет", "😀x😀", "aaa"]:
    for a in ["", "prefix_", ".txt", "при", "вет", "😀", "a", "aa", "aaaa", s]:
        add(f"{r(s)}.removeprefix({r(a)})")
        add(f"{r(s)}.removesuffix({r(a)})")

# maketrans / translate.
TABLES = [
    "str.maketrans('abc', 'xyz')",
    "str.maketrans('abc', 'xyz', 'd')",
    "str.maketrans('', '', 'aeiou')",
    "str.maketrans({'a': 'AA', 'b': None, 'c': 'ж', 100: 101})",
    "str.maketrans({'и': 'i', 'ж': None})",
    "{97: '😀', 98: 120, 99: None}",
    "{}",
    "[None, 'x']",
    "str.maketrans('ab', 'ба')",
]
for t in TABLES:
    add(t)
    for s in ["", "abcd", "abcdef aeiou", "жизнь и ж", "aaa bbb ccc", "\x00\x01", "😀abc"]:
        add(f"{r(s)}.translate({t})")
add("'abc'.translate({97: 1.5})")
add("'abc'.translate({97: -1})")
add("'abc'.translate({97: 0x110000})")
add("'abc'.translate({97: 0x10FFFF})")
add("'abc'.translate({97: 2**70})")
add("'abc'.translate({97: ['x']})")
add("'abc'.translate(1)")
add("''.translate(1)")
add("'abc'.translate()")
add("'abc'.translate({}, 1)")
add("'abc'.translate(table={})")
add("'abc'.translate({97: True, 98: False})")
add("'жabc'.translate({97: 'xy', 1078: 'Ж'})")
add("str.maketrans()")
add("str.maketrans(1)")
add("str.maketrans('ab')")
add("str.maketrans({1.5: 2})")
add("str.maketrans({'ab': 2})")
add("str.maketrans({'': 2})")
add("str.maketrans({True: 'x', 5: 6})")
add("str.maketrans('ab', 'c')")
add("str.maketrans('a', 1)")
add("str.maketrans(1, 'a')")
add("str.maketrans(1, 2)")
add("str.maketrans('a', 'b', 1)")
add("str.maketrans('a', 'b', 'c', 'd')")
add("str.maketrans(x='a')")
add("'zzz'.maketrans('a', 'b')")

# format / format_map.
add("'{} + {} = {}'.format(1, 2, 3)")
add("'{1}{0}'.format('a', 'b')")
add("'{name}!'.format(name='hi')")
add("'{0:>5}|{0:<5}|{0:^5}'.format('ж')")
add("'{:*^9}'.format('😀')")
add("'{x}'.format_map({'x': 'y'})")
add("'{x[0]}-{x[1]}'.format_map({'x': 'ab'})")
add("'{x:>{w}}'.format_map({'x': 'ab', 'w': 5})")
add("'{}'.format_map({})")
add("'{0}'.format_map({})")
add("'{x}'.format_map({})")
add("'{x}'.format_map(1)")
add("'a'.format_map(1)")
add("'a'.format_map()")
add("'{x}'.format_map([1])")
add("'{x}'.format_map({'x': 1}, 2)")
add("str.format('{}', 1)")
add("str.format()")
add("str.format(1)")

# Operators and dunders.
for a in ["", "a", "ж", "😀", "abc", "abd", "ab", "привет"]:
    for b in ["", "a", "ж", "😀", "abc", "abd", "ab"]:
        add(f"({r(a)} < {r(b)}, {r(a)} <= {r(b)}, {r(a)} == {r(b)}, {r(a)} != {r(b)}, {r(a)} > {r(b)}, {r(a)} >= {r(b)})")
        add(f"{r(a)} + {r(b)}")
        add(f"{r(b)} in {r(a)}")
    for n in [-1, 0, 1, 3]:
        add(f"{r(a)} * {n}")
        add(f"{n} * {r(a)}")
add("'a' + 1")
add("1 + 'a'")
add("'a' * 'b'")
add("'a' * 1.5")
add("'a' * True")
add("1 in 'abc'")
add("None in 'abc'")
add("'a' < 1")
add("'a' == 1")
add("'a' != None")
add("str.__len__('abc')")
add("str.__len__('жж')")
add("str.__len__(1)")
add("str.__len__()")
add("'abc'.__len__(1)")
add("str.__contains__('abc', 'b')")
add("str.__contains__('abc', 1)")
add("'abc'.__contains__()")
add("str.__getitem__('abc', 1)")
add("str.__getitem__('abc', 'x')")
add("str.__getitem__('abc', slice(1, None))")
add("str.__add__('a', 'b')")
add("str.__add__('a', 1)")
add("str.__mul__('a', 3)")
add("str.__mul__('a', 'b')")
add("str.__mul__('ab', 2**62)")
add("str.__mul__('ab', 2**63 - 1)")
add("str.__mul__('ab', 2**63)")
add("str.__mul__('ab', -2**63)")
add("str.__mul__('', 2**63 - 1)")
add("'a'.expandtabs(tabsize=None)")
add("'a'.center(None)")
add("str.__rmul__('ab', 2)")
add("str.__mod__('a%sb', 1)")
add("str.__mod__('a', 1)")
add("str.__rmod__('abc', 'x')")
add("str.__rmod__('abc', 1)")
add("str.__rmod__('%s!', '%s?')")
add("str.__eq__('a', 'a')")
add("str.__eq__('a', 1)")
add("str.__ne__('a', 'b')")
add("str.__lt__('a', 'b')")
add("str.__lt__('a', 1)")
add("str.__le__('b', 'b')")
add("str.__gt__('a', 'b')")
add("str.__ge__('a', 'b')")
add("str.__hash__('abc') == hash('abc')")
add("str.__str__('abc')")
add("str.__repr__('a\\nb')")
add("str.__format__('abc', '>5')")
add("str.__format__('abc', '')")
add("str.__format__('abc', 5)")
add("str.__format__('abc', 'd')")
add("'abc'.__format__('^7')")
add("list(str.__iter__('aж😀'))")
add("'abc'.__getnewargs__()")
add("'abc'.__eq__('abc')")
add("'abc'.__ne__('abd')")
add("'abc'.__gt__(5)")
add("str.__eq__(1, 'a')")

# Unbound use.
add("list(map(str.upper, ['a', 'Bc', 'ß']))")
add("list(map(str.strip, [' a ', 'b ']))")
add("sorted(['b', 'A', 'c'], key=str.lower)")
add("list(map(str.split, ['a b', 'c']))")
add("str.join(',', ['a', 'b'])")
add("str.replace('aaa', 'a', 'b', 2)")
add("str.split('a,b', ',')")
add("str.startswith('abc', 'a')")
add("str.center('a', 5, '*')")
add("str.upper()")
add("str.upper(1)")
add("str.upper('a', 1)")
add("str.split(1)")
add("str.split()")
add("str.join()")
add("str.join(1, [])")
add("str.find(None, 'a')")
add("str.center(5, 1)")

# Indexing and slicing.
for s in ["", "abcdefghij", "привет мир", "a😀bж", "こんにちは"]:
    for i in [0, 1, 3, -1, -2, 9, 10, -10, -11, 100, True]:
        add(f"{r(s)}[{i!r}]")
    for a in [None, 0, 1, 3, -2, -100, 100]:
        for b in [None, 0, 2, -1, 5, 100]:
            for step in [None, 1, 2, -1, -2, 3]:
                add(f"{r(s)}[{'' if a is None else a}:{'' if b is None else b}:{'' if step is None else step}]")
for s in ["привет мир, как дела? 😀 ok", "a😀b😀c😀d", "日本語のテキストです"]:
    add(f"(lambda s: [s[i] for i in range(len(s))])({r(s)})")
    add(f"(lambda s: [s[i] for i in reversed(range(len(s)))])({r(s)})")
    add(f"(lambda s: [s[i] for i in [3, -1, 5, 0, -2, 7, 1, -3, 2, 6, 4]])({r(s)})")
    add(f"(lambda s: [s[i:i + 3] for i in range(len(s))])({r(s)})")
    add(f"(lambda s: [s[-i:] + s[:i] for i in range(len(s))])({r(s)})")
    add(f"(lambda s: [s[i::3] + s[i::-2] + s[i:i+7:2] for i in range(len(s))])({r(s)})")
    add(f"(lambda s: [s.find(c, i) for i, c in enumerate(s)])({r(s)})")
    add(f"(lambda s: [s.startswith(c, i) for i, c in enumerate(s[::-1])])({r(s)})")
add("'abc'['x']")
add("'abc'[1.5]")
add("'abc'[None]")
add("'abc'[2**70]")
add("'abc'[-2**70]")
add("'abc'[::0]")
add("'abc'[1:2:0]")
add("'abc'['a':]")
add("'abc'[2**70:]")
add("'abc'[:2**70]")
add("'abc'[::2**70]")
add("'abc'[::-2**70]")

# The constructor.
for v in ["''", "'abc'", "5", "-3", "1.5", "1e100", "None", "True", "[1, 'a']", "('x',)", "{'k': 'v'}",
          "2**100", "{1}", "range(3)", "1.0", "float('inf')", "str", "len"]:
    add(f"str({v})")
add("str()")
add("str(object=5)")
add("str(object='x')")
add("str(x=5)")
add("str(1, 2)")
add("str('abc', 'utf-8')")
add("str(5, 'utf-8')")
add("str(5, errors='strict')")
add("str(encoding='utf-8')")
add("str(errors=1)")
add("str(1, 2, 3, 4)")
add("str('a', object='b')")
add("str.__new__(str, 5)")
add("str.__new__(str)")
add("str.__new__(5)")
add("str.__new__(int, 5)")
add("str.__new__()")
add("type('abc') is str")
add("str('abc') == str('abc')")
for v in ["None", "1", "1.5", "['a']", "('a',)"]:
    for e in ["'a'.replace({v}, 'b')", "'a'.replace('a', {v})", "'a'.removeprefix({v})", "'a'.find({v})",
              "'a'.partition({v})", "'a'.split({v})", "'a'.strip({v})", "'a'.startswith({v})",
              "'a'.center(3, {v})", "'a'.format_map({v})", "'a'.join({v})", "'a'.count({v})",
              "'a'.__format__({v})", "str.maketrans('a', {v})", "str.maketrans({v}, 'a')", "str({v}, 'x')",
              "str('a', {v})", "'a'.zfill({v})", "'a'.expandtabs({v})", "'a'.splitlines({v})",
              "'a' + {v}", "'a' * {v}", "'a'[{v}]", "{v} in 'a'", "'a'.translate({v})", "'abc'[{v}:]"]:
        add(e.format(v=v))

# Argument errors.
ERRS = r"""
'a'.upper(1)
'a'.lower(x=1)
'a'.title(x=1)
'a'.isdigit(1)
'a'.isidentifier(1)
'a'.isascii(1)
'a'.casefold(1)
'a'.swapcase(1, 2)
'a'.split(1,2,3)
'a'.split(1)
'a'.split(x=1)
'a'.split('a', 'b')
'a'.split(maxsplit='b')
'a'.split(maxsplit=1.0)
'a'.split('a', sep='b')
'a'.split('a', 1, maxsplit=1)
'a'.split(None, 2**70)
'a'.split(None, -2**70)
'a'.split(sep=3)
'a'.split('')
'a'.rsplit('')
'a'.rsplit(1,2,3)
'a'.rsplit(x=1)
'a'.rsplit('a', sep='b')
'a b'.split(None, True)
'a'.splitlines(1,2)
'a'.splitlines('x')
'a'.splitlines(keepends=2.5)
'a'.splitlines(2.5)
'a'.splitlines(2**40)
'a'.splitlines(2**70)
'a'.splitlines(x=1)
'a'.splitlines(True, x=1)
'a'.splitlines(None)
'a'.strip(1)
'a'.strip(1,2)
'a'.lstrip(1)
'a'.rstrip(1)
'a'.strip(chars='a')
'a'.partition()
'a'.partition(1)
'a'.partition('')
'a'.rpartition('')
'a'.rpartition(None)
'a'.partition('a', 'b')
'a'.replace()
'a'.replace('a')
'a'.replace(1, 2)
'a'.replace('a', 2)
'a'.replace('a', 'b', 'c')
'a'.replace('a', 'b', 1.5)
'a'.replace('a', 'b', count=1)
'a'.replace('a', 'b', 1, 2)
'abc'.replace('b', 'x', 2**70)
'a'.find()
'a'.find(1)
'a'.find('a', 'b')
'a'.find('a', 1.5)
'a'.find('a', 1, 2, 3)
'a'.find('a', 2**70)
'a'.find('a', -2**70)
'a'.find('a', 0, 2**70)
'a'.find(sub='a')
'a'.index('b')
'a'.rindex('b')
'a'.index(1)
'a'.index()
'a'.rindex('a', 1)
'a'.count()
'a'.count(1)
'a'.count('a', start=1)
'abc'.count('', 2**70)
'a'.startswith()
'a'.startswith(1)
'a'.startswith((1,))
'a'.startswith(('a', 1))
'a'.startswith((1, 'a'))
'a'.endswith((1,))
'a'.endswith(1)
'a'.endswith(['a'])
'a'.startswith('a', 'b')
'a'.startswith('a', 1, 2, 3)
'a'.startswith('a', 2**70)
'a'.startswith(prefix='a')
'a'.zfill()
'a'.zfill('a')
'a'.zfill(width=3)
'a'.zfill(1, 2)
'a'.zfill(2**63)
'a'.expandtabs('a')
'a'.expandtabs(tabsize='a')
'a'.expandtabs(x=1)
'a'.expandtabs(1, 2)
'a\tb'.expandtabs(2**40)
'a\tb'.expandtabs(-2**40)
'a'.expandtabs(2**70)
'a'.expandtabs(1.5)
'a\tb'.expandtabs(True)
'a'.removeprefix(1)
'a'.removeprefix()
'a'.removeprefix('a', 'b')
'a'.removesuffix(1)
'a'.removesuffix(None)
'a'.isidentifier()
''.isidentifier()
'_'.isidentifier()
'class'.isidentifier()
'a b'.isidentifier()
'ℕ'.isidentifier()
'a·b'.isidentifier()
'·a'.isidentifier()
'Ⅻ'.isidentifier()
'℘'.isidentifier()
'a℘'.isidentifier()
'é1'.isidentifier()
'1é'.isidentifier()
'ǅ'.istitle()
'ǅa'.istitle()
'aǅ'.istitle()
'Ǆ'.isupper()
'ǅ'.isupper()
'ǅ'.islower()
'ⓐ'.islower()
'Ⓐ'.isupper()
'ⓐ'.upper()
'ǅ'.swapcase()
'ǅ'.lower()
'ǅ'.upper()
'ǆ'.title()
'ß'.upper()
'ß'.title()
'ß'.capitalize()
'ßa'.title()
'ﬁ'.upper()
'ﬁ'.title()
'ﬁx'.capitalize()
'ŉ'.upper()
'ŉ'.title()
'ΐ'.upper()
'İ'.lower()
'İ'.casefold()
'ẞ'.lower()
'ẞ'.casefold()
'ς'.upper()
'ς'.casefold()
'ΣΣ'.lower()
'ΑΣ ΑΣ'.lower()
'Α\u0345Σ'.lower()
'Α\u0301Σ\u0301'.lower()
'Α\u0301Σ\u0301Α'.lower()
'.Σ.'.lower()
'ΑΣ'.swapcase()
'ΑΣ'.title()
'αΣ'.capitalize()
'ΣΑΣ'.capitalize()
'ΑΣ'.casefold()
'ᾳ'.upper()
'ᾳ'.title()
'ᾼ'.lower()
'ᾼ'.swapcase()
'ᾼ'.istitle()
'hello world'.title()
"they're bill's friends".title()
'3rd 1st'.title()
'a1b2 c3D4'.title()
'ῼ'.title()
'Ǳ'.title()
'ǳ'.capitalize()
'aBc'.capitalize()
'ABC DEF'.capitalize()
'ß'.swapcase()
'ǰ'.upper()
'ǰ'.swapcase()
'\u0130\u0131'.swapcase()
'x'.count('', -100, -200)
'xyz'.count('', 4)
'xyz'.count('', 3)
'xyz'.count('', 1, 2)
'xyz'.find('', 4)
'xyz'.find('', 3)
'xyz'.rfind('', 4)
'xyz'.rfind('', 3)
'xyz'.rfind('', 1, 2)
'xyz'.startswith('', 3)
'xyz'.startswith('', 4)
'xyz'.endswith('', 4)
'xyz'.endswith('', 3)
'xyz'.startswith('', 2, 1)
'xyz'.endswith(('',), 4)
'xyz'.startswith((), 0)
'xyz'.endswith('z', 0, -0)
'a'.encode
'abc'.__class__
'abc'.islower.__name__
str.upper.__name__
"""
for line in ERRS.strip().splitlines():
    add(line)

out_lines = [
    "# str cases: EXPR<TAB>repr(result) or !Type: message. Generated by scripts/gen_str_cases.py",
    f"# from CPython {sys.version.split()[0]}; do not edit.",
]
seen = set()
for expr in cases:
    if expr in seen:
        continue
    seen.add(expr)
    try:
        v = eval(expr)
        if callable(v) and not isinstance(v, type):
            continue
        res = repr(v)
    except Exception as e:
        res = f"!{type(e).__name__}: {e}"
    assert "\n" not in expr and "\t" not in expr, expr
    assert "\n" not in res and "\r" not in res, (expr, res)
    assert not any(0xD800 <= ord(c) < 0xE000 for c in res), expr
    out_lines.append(f"{expr}\t{res}")

out = Path(__file__).resolve().parent.parent / "tests/data/str_cases.txt"
out.write_text("\n".join(out_lines) + "\n", encoding="utf-8")
print(f"{out}: {len(out_lines) - 2} cases")
