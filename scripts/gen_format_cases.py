#!/usr/bin/env python3
"""Generates tests/data/format_cases.txt, the oracle for tests/format_cases.rs.

Run with CPython 3.11 (the reference): every expected result below is what
this interpreter prints. Usage:

    python3 scripts/gen_format_cases.py [--seed N] [--scale K] [--out PATH]

--scale multiplies the number of random cases (the checked-in file uses 1);
a larger file can be checked with APY_FORMAT_CASES=PATH cargo test.

File format: one case per line, four tab-separated fields

    kind  value  spec  expected

where `expected` is `=` followed by the result, or `!` followed by
`ExceptionName: message`. Fields are escaped: backslash, tab, newline and CR
as \\\\ \\t \\n \\r; other control or non-printable characters as \\u{hex}.
Kinds:

    repr       value: f64 bits as 0x + 16 hex digits     repr(value)
    float      value: repr(x) (or -nan)    spec          format(x, spec)
    int        value: decimal              spec          format(n, spec)
    bool       value: True/False           spec          format(b, spec)
    str        value: the string           spec          format(s, spec)
    percent    value: ARGS                 spec: format  spec % ARGS
    fparse     value: format string        (empty)       _string.formatter_parser pieces
    fname      value: field name           (empty)       _string.formatter_field_name_split
    strformat  value: ARGS                 spec: format  spec.format(*pos, **kw)

ARGS is `T:` (a tuple), `V:` (a single value) or `D:` (a dict) followed by
items, each terminated by `;`: `i<int>`, `f<float repr>`, `s<str>`, `b1`/`b0`
(bools), or `@key=<item>` for dict entries and keyword arguments.
"""
import _string
import argparse
import math
import random
import struct
import sys

assert sys.version_info[:2] == (3, 11), "the oracle must be CPython 3.11"


def esc(s):
    out = []
    for ch in s:
        o = ord(ch)
        if ch == "\\":
            out.append("\\\\")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif o < 32 or o == 127 or (0x80 <= o < 0xA0) or not ch.isprintable():
            out.append("\\u{%x}" % o)
        else:
            out.append(ch)
    return "".join(out)


def outcome(fn):
    try:
        return "=" + fn()
    except Exception as e:  # noqa: BLE001 - the exception is the expected result
        msg = str(e)
        return "!" + type(e).__name__ + (": " + msg if msg else "")


def float_text(x):
    if math.isnan(x) and math.copysign(1.0, x) < 0:
        return "-nan"
    return repr(x)


def bits_of(x):
    return struct.unpack("<Q", struct.pack("<d", x))[0]


def from_bits(b):
    return struct.unpack("<d", struct.pack("<Q", b))[0]


def enc_val(v):
    if isinstance(v, bool):
        return "b1" if v else "b0"
    if isinstance(v, int):
        return "i%d" % v
    if isinstance(v, float):
        return "f" + float_text(v)
    if isinstance(v, str):
        assert ";" not in v and "@" not in v
        return "s" + v
    raise TypeError(v)


def enc_args(args):
    if isinstance(args, tuple):
        return "T:" + "".join(enc_val(v) + ";" for v in args)
    if isinstance(args, dict):
        return "D:" + "".join("@%s=%s;" % (k, enc_val(v)) for k, v in args.items())
    return "V:" + enc_val(args) + ";"


def enc_call(pos, kw):
    return "T:" + "".join(enc_val(v) + ";" for v in pos) + "".join(
        "@%s=%s;" % (k, enc_val(v)) for k, v in kw.items())


class Writer:
    def __init__(self, path):
        self.f = open(path, "w", encoding="utf-8")
        self.counts = {}
        self.seen = set()

    def case(self, kind, value, spec, expected):
        line = "\t".join((kind, esc(value), esc(spec), esc(expected)))
        if line in self.seen:
            return
        self.seen.add(line)
        self.counts[kind] = self.counts.get(kind, 0) + 1
        self.f.write(line + "\n")


# ---------------------------------------------------------------- floats

SPECIAL_FLOATS = [
    0.0, -0.0, math.inf, -math.inf, math.nan, -math.nan, 5e-324, -5e-324, 1e-323,
    2.2250738585072014e-308, 2.225073858507201e-308, 1.7976931348623157e308,
    -1.7976931348623157e308, 1.0, -1.0, 0.1, 0.2, 0.3, 0.1 + 0.2, 1 / 3, 2 / 3,
    1e16, 1e15, 9999999999999998.0, 1e17, 12345678901234567.0, 123456789012345.0,
    1234567890123456.8, 0.0001, 0.00001, 0.001, 1e-4, 9.999999999999999e-05, 1e22,
    1e23, 2.0**53, 2.0**53 + 2, 2.0**63, 2.0**64, 123456789012345678.0, 0.5, 1.5,
    2.5, 3.5, -0.5, -2.5, 2.675, 0.125, 0.375, 1e300, 1.5e300, 1e-300, 1e100,
    100.0, 1000.0, 1e5, 1e6, 999999.5, 9.5, 99.5, 0.95, 0.05, 0.015, 0.025, 1.005,
    1234567.891, -1234567.891, 3.141592653589793, 2.718281828459045, 6.02214076e23,
    1.602176634e-19, 4.35, 0.045, 8.675, 1e-7, 1.23e-5, 12.0, 120.0, 1e10,
    float(2**1023), 1.1, 2.2, 9.95, 99.95, 0.5e-6, 314.15, 4.5e15, 5e15,
]


def rand_float(rng):
    r = rng.random()
    if r < 0.15:  # any finite bit pattern
        while True:
            x = from_bits(rng.getrandbits(64))
            if math.isfinite(x):
                return x
    if r < 0.35:  # subnormal
        return from_bits(rng.getrandbits(52) | (rng.getrandbits(1) << 63))
    if r < 0.55:  # short decimal
        return float("%s%d.%de%d" % (rng.choice("+-"), rng.randrange(10**rng.randrange(1, 8)),
                                     rng.randrange(1000), rng.randrange(-25, 25)))
    if r < 0.75:  # exact binary fraction: ties at some precision
        k = rng.randrange(1, 12)
        return rng.choice((1, -1)) * rng.randrange(1, 2**rng.randrange(1, 30)) / 2**k
    if r < 0.85:  # near powers of two and ten
        base = 2.0 ** rng.randrange(-1074, 1024) if rng.random() < 0.5 else 10.0 ** rng.randrange(-320, 309)
        return math.nextafter(base, rng.choice((math.inf, -math.inf, base)))
    if r < 0.95:  # moderate magnitudes
        return rng.uniform(-1, 1) * 10.0 ** rng.randrange(-8, 20)
    return float(rng.randrange(-10**6, 10**6))


FILL_ALIGN = ["", "<", ">", "^", "=", "*<", "*>", "*^", "*=", "0<", "0>", "0=", "0^", "x^",
              "€>", "🐍<", " =", "{<", "}>", "<<", "==", ">^"]
SIGNS = ["", "+", "-", " "]
WIDTHS = ["", "0", "1", "3", "5", "8", "10", "12", "16", "20", "25", "01", "05", "010", "020"]
GROUPS = ["", ",", "_"]
PRECS = ["", ".0", ".1", ".2", ".3", ".4", ".5", ".6", ".8", ".10", ".12", ".15", ".16",
         ".17", ".18", ".20", ".25", ".30"]
FLOAT_TYPES = ["", "e", "E", "f", "F", "g", "G", "n", "%"]


def rand_spec(rng, types, alt_types=()):
    parts = [rng.choice(FILL_ALIGN) if rng.random() < 0.5 else "",
             rng.choice(SIGNS) if rng.random() < 0.4 else "",
             "z" if rng.random() < 0.15 else "",
             "#" if rng.random() < 0.2 else "",
             "0" if rng.random() < 0.2 else "",
             rng.choice(WIDTHS) if rng.random() < 0.6 else "",
             rng.choice(GROUPS) if rng.random() < 0.3 else "",
             rng.choice(PRECS) if rng.random() < 0.6 else "",
             rng.choice(types if rng.random() < 0.93 else alt_types or types)]
    return "".join(parts)


SPEC_ALPHABET = "<>=^+- z#0123456789,_.eEfFgGn%xXdobcs*{}"


def junk_spec(rng):
    return "".join(rng.choice(SPEC_ALPHABET) for _ in range(rng.randrange(1, 7)))


def gen_floats(w, rng, scale):
    values = list(SPECIAL_FLOATS)
    for e in range(-1074, 1024, 7):
        p = 2.0**e
        values += [p, math.nextafter(p, 0), math.nextafter(p, math.inf)]
    for e in range(-323, 309, 3):
        values.append(float("1e%d" % e))
    values += [rand_float(rng) for _ in range(5000 * scale)]
    # repr: specials, then random bit patterns and the values above.
    for x in values:
        w.case("repr", "0x%016x" % bits_of(x), "", outcome(lambda: repr(x)))
    for _ in range(6000 * scale):
        x = from_bits(rng.getrandbits(64))
        w.case("repr", "0x%016x" % bits_of(x), "", outcome(lambda: repr(x)))
    # A systematic grid over the special values.
    grid = ["", "e", "f", "g", "%", ".0e", ".0f", ".0g", ".0", ".1", ".3", ".3e", ".3f", ".3g",
            ".17g", ".16e", ".20f", "#", "#.0f", "#.0e", "#.3g", "#g", "z", "z.1f", "+", " ",
            "015", "<15", "^15", "=+15", "010,.2f", ",", "_", ",.0f", "_.3e", "n", ".2%",
            "z.0%", ".25", "E", "F", "G", ".50e", ".60f", ".100g"]
    for x in SPECIAL_FLOATS:
        for spec in grid:
            w.case("float", float_text(x), spec, outcome(lambda: format(x, spec)))
    for x in values:
        for _ in range(3):
            spec = rand_spec(rng, FLOAT_TYPES, ["d", "x", "s", "c", "b", "o", "X", "\x00", "é"])
            w.case("float", float_text(x), spec, outcome(lambda: format(x, spec)))
    # Exact ties at every precision up to the number of binary places.
    for _ in range(1000 * scale):
        k = rng.randrange(1, 20)
        x = rng.randrange(1, 2**rng.randrange(1, 40)) / 2**k
        p = rng.randrange(0, k + 1)
        for spec in (".%df" % p, ".%de" % max(p - 1, 0), ".%dg" % max(p, 1), ".%d%%" % p):
            w.case("float", float_text(x), spec, outcome(lambda: format(x, spec)))
    for _ in range(1500 * scale):
        spec = junk_spec(rng)
        x = rng.choice(values)
        w.case("float", float_text(x), spec, outcome(lambda: format(x, spec)))
    for spec in [".99999999999999999999", "99999999999999999999", ".3000000000", ".2147483648f",
                 "1000000000000000000", ",_", "_,", ",,", "__", ".", ".f", "10.2ff", "z#", "#z",
                 "\x00", ",\x00", "ç", ",ç", " ", "٣", ".٣f", "١٠.٢f"]:
        w.case("float", "1.5", spec, outcome(lambda: format(1.5, spec)))


# ---------------------------------------------------------------- ints

INT_TYPES = ["", "b", "c", "d", "o", "x", "X", "n", "e", "E", "f", "F", "g", "G", "%"]


def rand_int(rng):
    r = rng.random()
    if r < 0.3:
        return rng.randrange(-1000, 1000)
    if r < 0.6:
        return rng.choice((1, -1)) * rng.randrange(10**rng.randrange(1, 20))
    if r < 0.8:
        return rng.choice((1, -1)) * rng.getrandbits(rng.randrange(1, 200))
    if r < 0.85:
        return rng.choice((1, -1)) * (2**rng.randrange(0, 1100) + rng.randrange(-3, 4))
    return rng.randrange(0, 0x110000)


def gen_ints(w, rng, scale):
    special = [0, 1, -1, 7, -7, 10, 255, -255, 1000, 1234, -1234, 12345, 123456, 1234567,
               65, 0x10ffff, 0x110000, -1, 2**31, 2**63 - 1, 2**63, -2**63, -2**63 - 1, 2**64,
               10**16, 10**17, 10**30, -10**30, 2**53 + 1, 2**1024 - 2**970,
               2**1024 - 2**970 - 1, 2**1024, -(2**1024 - 2**971), 10**308, 10**309]
    grid = ["", "d", "b", "o", "x", "X", "#b", "#o", "#x", "#X", "c", "n", "e", "f", "g", "%",
            ".2f", ".3e", "+", " ", "-", ",", "_", "_b", "_x", "#_x", "010,", "09,", "011_",
            "#012_b", "=+12", "^12", "<12", "*>12,", "010", "0=10", "0<10", "0>10", "0^10",
            "+#x", " #o", ".2", "z", "z.1f", "+c", "#c", ",c", ",b", ",x", "_n", ",n",
            "_d", ",d", ",.2f", "_.2e", "0,", "0_", "1,", "010_x", "#010_X", "x<#10_b"]
    for n in special:
        for spec in grid:
            w.case("int", str(n), spec, outcome(lambda: format(n, spec)))
    for _ in range(8000 * scale):
        n = no_surrogate(rand_int(rng))
        spec = rand_spec(rng, INT_TYPES, ["s", "\x00", "é", "a", "i"])
        w.case("int", str(n), spec, outcome(lambda: format(n, spec)))
    for _ in range(1500 * scale):
        n = no_surrogate(rand_int(rng))
        spec = junk_spec(rng)
        w.case("int", str(n), spec, outcome(lambda: format(n, spec)))
    for _ in range(1500 * scale):  # %c over the whole code space, minus surrogates
        n = no_surrogate(rng.randrange(-5, 0x110005))
        spec = rng.choice(["c", "5c", "<3c", "^5c", "=4c", "05c", "*>4c"])
        w.case("int", str(n), spec, outcome(lambda: format(n, spec)))
    for b in (True, False):
        for spec in grid:
            if spec:
                w.case("bool", str(b), spec, outcome(lambda: format(b, spec)))


# ---------------------------------------------------------------- strs

STRINGS = ["", "a", "ab", "abc", "hello", "héllo", "日本語", "🐍🐍", "a b", "  ", "x" * 30,
           "tab\there", "line\nfeed", "mixed é日🐍", "0", "-1", "\x00\x01"]


def gen_strs(w, rng, scale):
    grid = ["", "s", "5", "05", "<5", ">5", "^5", "^6", "*^7", "=5", "0=5", ".2", ".0", "5.2",
            ">10.3s", "+", "-", " ", "#", "z", ",", "_", "d", "x", ",s", "_s", ".", "\x00",
            "é", "🐍^9", "10", "010", "€<4", "0>5"]
    for s in STRINGS:
        for spec in grid:
            w.case("str", s, spec, outcome(lambda: format(s, spec)))
    for _ in range(3000 * scale):
        s = rng.choice(STRINGS)
        spec = rand_spec(rng, ["", "s"], ["d", "r", "\x00"])
        w.case("str", s, spec, outcome(lambda: format(s, spec)))
    for _ in range(800 * scale):
        s = rng.choice(STRINGS)
        spec = junk_spec(rng)
        w.case("str", s, spec, outcome(lambda: format(s, spec)))


# ---------------------------------------------------------------- %

PLAIN_STRS = ["", "a", "abc", "hello world", "héllo", "日本", "🐍", "-5", "+x", "0x1f"]


def no_surrogate(n):
    """Rust strings cannot hold lone surrogates, so the data avoids them."""
    return n + 0x800 if 0xD800 <= n < 0xE000 else n


def rand_value(rng, conv):
    r = rng.random()
    if r < 0.15:
        return rng.choice(PLAIN_STRS)
    if r < 0.25:
        return rng.choice((True, False))
    if conv in "diuoxXc" and r < 0.8:
        return no_surrogate(rand_int(rng) if rng.random() < 0.7 else rng.randrange(-300, 300))
    if r < 0.7:
        return rand_float(rng) if rng.random() < 0.8 else rng.choice(SPECIAL_FLOATS)
    return no_surrogate(rand_int(rng))


def rand_percent_spec(rng):
    conv = rng.choice("sradiuoxXeEfFgGc" + "sdfxg" + "yk%")
    flags = "".join(rng.choice("-+ #0") for _ in range(rng.choice((0, 0, 1, 1, 2, 3))))
    width = rng.choice(["", "", "1", "5", "12", "*", "03"])
    prec = rng.choice(["", "", ".", ".0", ".1", ".3", ".10", ".*", ".25"])
    length = rng.choice(["", "", "", "l", "h", "L"])
    stars = [rng.choice([rng.randrange(-15, 16), rng.randrange(-15, 16), 1.5, "x"])
             for _ in range((width == "*") + (prec == ".*"))]
    return "%" + flags + width + prec + length + conv, conv, stars


def gen_percent(w, rng, scale):
    fixed = [
        ("%s", (1,)), ("%s", ()), ("%s %s", (1,)), ("%s", (1, 2)), ("abc", 5), ("abc", ()),
        ("abc", {"a": 1}), ("%s", {"a": 1}), ("%(a)s", {"a": 1}), ("%(a)s", (1,)),
        ("%(a)s %(b)d", {"a": "x", "b": 2}), ("%(a)s", {}), ("%(a", {"a": 1}),
        ("%(a)", {"a": 1}), ("%((a))s", {"(a)": 5}), ("%(a)s %s", {"a": 1}),
        ("%", ()), ("%", (1,)), ("abc%", (1,)), ("%5", (1,)), ("%.", (1,)), ("%l", (1,)),
        ("%y", ()), ("%y", (1,)), ("%5%", ()), ("%5%", (1,)), ("%%", ()), ("%%%s%%", (1,)),
        ("%*d", (5, 1)), ("%*d", ("x", 1)), ("%*d", (1.5, 1)), ("%.*f", (-3, 1.5)),
        ("%-*d|", (-3, 1)), ("%*d|", (-3, 1)), ("%*", (1,)), ("%*", ()), ("%.*", (1,)),
        ("%c", (65,)), ("%c", ("A",)), ("%c", ("AB",)), ("%c", ("",)), ("%c", (1.5,)),
        ("%c", (-1,)), ("%c", (0x110000,)), ("%c", (2**100,)), ("%5c|%-5c", (65, "B")),
        ("%d", ("x",)), ("%x", (1.5,)), ("%d", (1.9,)), ("%d", (-1.9,)), ("%d", (math.inf,)),
        ("%i", (math.nan,)), ("%f", ("x",)), ("%f", (2**1024,)), ("%f", (2**60,)),
        ("%#o", (8,)), ("%#5.3x", (8,)), ("%#05x", (8,)), ("%+#-8X|", (255,)),
        ("%05s", ("ab",)), ("%+.3s", ("abcd",)), ("%s %s", (True, None and 1 or 2)),
        ("%d", (True,)), ("%.3d", (True,)), ("%r", ("ab",)), ("%a", ("é🐍",)),
        ("%.0g", (123.0,)), ("%#g", (123.0,)), ("%05f", (-math.inf,)), ("%-05d|", (5,)),
        ("%0-5d|", (-5,)), ("% d", (5,)), ("% +d", (5,)), ("%+ d", (-5,)), ("%#x", (-255,)),
        ("%#X", (-255,)), ("%#o", (0,)), ("%#.0o", (0,)), ("%.0d", (0,)), ("%5.0f", (0.5,)),
        ("%ld %hd %Lf", (1, 2, 3.5)), ("%s" * 3, (1, 2, 3)), ("x%sy%sz", ("a", "b")),
        ("%s", ("日本語",)), ("%-6s|", ("日本",)), ("%.1s", ("🐍x",)), ("%10.4f", (math.pi,)),
        ("%-10.2e|", (12345.678,)), ("%+.3g", (0.0001234,)), ("%G", (1e-20,)), ("%F", (math.inf,)),
        ("%E", (math.nan,)), ("%s", (-0.0,)), ("%r", (1e16,)), ("%.3r", (12345,)),
        ("%c", (0x1F40D,)), ("%é", (1,)), ("%\x01", (1,)), ("%" + chr(0x1F40D), (1,)),
        ("ab%(x)sc%%", {"x": 1}), ("%(x)s%(x)r", {"x": "q"}), ("%(x)*d", {"x": 3}),
        ("%.*d", (2**40, 1)), ("%*d", (2**70, 1)), ("%1000000000000000000000d", (1,)),
        ("%.9999999999d", (1,)), ("%s", "abc"), ("%s %s", "ab"), ("%d", 5), ("%(a)s", "abc"),
    ]
    for fmt, args in fixed:
        w.case("percent", enc_args(args), fmt, outcome(lambda: fmt % args))
    for _ in range(8000 * scale):
        pieces, args = [], []
        for _ in range(rng.choice((1, 1, 1, 2, 3))):
            spec, conv, stars = rand_percent_spec(rng)
            pieces.append(rng.choice(["", "", "x", "ab ", "é|"]) + spec)
            args += stars
            args.append(rand_value(rng, conv))
        fmt = "".join(pieces) + rng.choice(["", "", "|", "%%"])
        r = rng.random()
        if r < 0.05 and args:
            args.pop()
        elif r < 0.1:
            args.append(1)
        if len(args) == 1 and not isinstance(args[0], str) and rng.random() < 0.3:
            tup = args[0]
        else:
            tup = tuple(args)
        w.case("percent", enc_args(tup), fmt, outcome(lambda: fmt % tup))


# ---------------------------------------------------------------- str.format

FORMAT_STRINGS = [
    "", "abc", "{}", "{0}", "{} {}", "{0} {1} {0}", "{1}", "{a}", "{a} {b}", "{} {0}", "{0} {}",
    "{{}}", "{{", "}}", "{", "}", "a{", "a}", "{}}", "{{}", "x{0}y}", "{!r}", "{0!r}", "{0!s}",
    "{0!a}", "{0!x}", "{0!}", "{!}", "{0!r:>10}", "{0!rx}", "{0!", "{0:", "{0", "{:}", "{:>5}",
    "{0:{1}}", "{0:>{1}}", "{:{}}", "{:{}.{}f}", "{0:{1}.{2}f}", "{:{:{}}}", "{0:{a}}",
    "{0[0]}", "{0[1]}", "{0[x]}", "{0[}", "{0[]}", "{0.}", "{0.real}", "{0[0]x}", "{0]}",
    "{0[0]]}", "{a[0]}", "{0:{{}}}", "{:{{}}}", "{0:}}", "{a.b}", "{0:d}", "{0:x}", "{0:s}",
    "{:,}", "{:_}", "{:^{}}", "{:*^{}}", "{0:0{1}}", "{} {2}", "{99999999999999999999}",
    "{0[99999999999999999999]}", "{٠}", "{0[١]}", "é{}🐍", "{é}", "{:é^5}", "{0:{}}",
    "{}{:{}}", "{:{}}{}", "{0:{1:{2}}}", "{a!r:{b}}", "{:{}}", "{!s:{}}", "{:{}!r}",
    "{0:{1}{2}}", "{ }", "{a b}", "{:}", "{a}}{{b}", "{{{}}}", "{:{:}}", "{0!r:}",
    "{[0]}", "{.real}", "{0.{1}}", "{0[{1}]}", "{0:%}", "{0:.2%}", "{0:>{1}.{2}}",
]
FIELD_NAMES = ["", "0", "12", "abc", "a.b", "a[0]", "a[x]", "0.a.b[1][k]", "a[", "a[0", "a]",
               "a.", "a..b", "a[]", "a[0]b", "a[0].", "a[0][", "99999999999999999999",
               "0[99999999999999999999]", "٣", "a[٣]", "é.ü", "a[.]", "a[[]", "a.b[c.d]",
               ".a", "[0]", "a[0]]", " ", "a b.c"]


def gen_strformat(w, rng, scale):
    for s in FORMAT_STRINGS + ["{" + n + "}" for n in FIELD_NAMES]:
        w.case("fparse", s, "", outcome(lambda: render_fparse(s)))
    for n in FIELD_NAMES:
        w.case("fname", n, "", render_fname(n))
    arg_sets = [((), {}), ((5,), {}), ((5, 10), {}), ((1.5, 10, 3), {}), (("abc", 7, 2), {}),
                ((12345.678, 12, 2), {"a": "x", "b": 7}), (("xyz",), {"a": 3}),
                ((True, 2.5, -3), {"a": "é🐍", "b": 4}), ((255, 8, "^"), {"a": 1.25})]
    for s in FORMAT_STRINGS:
        for pos, kw in arg_sets:
            w.case("strformat", enc_call(pos, kw), s, outcome(lambda: s.format(*pos, **kw)))
    pieces = ["{}", "{0}", "{1}", "{2}", "{a}", "{b}", "{!r}", "{0!s}", "{:>{}}", "{:{}}",
              "{:.{}f}", "{1:^{2}}", "{a:{b}}", "{:x}", "{:,}", "{0[0]}", "{{", "}}", "-", "é"]
    for _ in range(2000 * scale):
        s = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 5)))
        pos, kw = rng.choice(arg_sets)
        w.case("strformat", enc_call(pos, kw), s, outcome(lambda: s.format(*pos, **kw)))


def render_fparse(s):
    out = []
    for literal, name, spec, conv in _string.formatter_parser(s):
        if literal:
            out.append("L(%s)" % literal)
        if name is not None:
            out.append("F(%s|%s|%s|%s)" % (name, conv or "", spec, "{" in spec))
    return "".join(out)


def render_fname(name):
    try:
        first, rest = _string.formatter_field_name_split(name)
    except Exception as e:  # noqa: BLE001
        return "!%s: %s" % (type(e).__name__, e)
    out = ["I%d" % first if isinstance(first, int) else "N%s" % first]
    try:
        for is_attr, key in rest:
            if is_attr:
                out.append(".%s" % key)
            elif isinstance(key, int):
                out.append("[#%d]" % key)
            else:
                out.append("[%s]" % key)
    except Exception as e:  # noqa: BLE001
        out.append("!%s: %s" % (type(e).__name__, e))
    return "=" + " ".join(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=20240611)
    ap.add_argument("--scale", type=int, default=1)
    ap.add_argument("--out", default="tests/data/format_cases.txt")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    w = Writer(a.out)
    w.f.write("# Generated by scripts/gen_format_cases.py with CPython %s (seed %d, scale %d).\n"
              % (sys.version.split()[0], a.seed, a.scale))
    w.f.write("# kind\tvalue\tspec\texpected (=output or !Exception: message)\n")
    gen_floats(w, rng, a.scale)
    gen_ints(w, rng, a.scale)
    gen_strs(w, rng, a.scale)
    gen_percent(w, rng, a.scale)
    gen_strformat(w, rng, a.scale)
    w.f.close()
    print(", ".join("%s %d" % kv for kv in w.counts.items()), "total", sum(w.counts.values()))


if __name__ == "__main__":
    main()
