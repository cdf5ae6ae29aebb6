#!/usr/bin/env python3
"""Print CPython's AST of a Python file in the dump format of
apy's `parser::dump` (src/parser/dump.rs), one node per line.

Usage: python3 scripts/ast_dump.py FILE
The tests compare apy's dump of each test program with the output of this
script, recorded in tests/data/ast/*.ast by scripts/gen_expectations.py.
"""
import ast
import struct
import sys

OPS = {
    ast.Add: "Add", ast.Sub: "Sub", ast.Mult: "Mult", ast.MatMult: "MatMult",
    ast.Div: "Div", ast.Mod: "Mod", ast.Pow: "Pow", ast.LShift: "LShift",
    ast.RShift: "RShift", ast.BitOr: "BitOr", ast.BitXor: "BitXor",
    ast.BitAnd: "BitAnd", ast.FloorDiv: "FloorDiv",
    ast.Invert: "Invert", ast.Not: "Not", ast.UAdd: "UAdd", ast.USub: "USub",
    ast.Eq: "Eq", ast.NotEq: "NotEq", ast.Lt: "Lt", ast.LtE: "LtE",
    ast.Gt: "Gt", ast.GtE: "GtE", ast.Is: "Is", ast.IsNot: "IsNot",
    ast.In: "In", ast.NotIn: "NotIn", ast.And: "And", ast.Or: "Or",
}


def esc_str(s):
    out = []
    for c in s:
        if " " <= c <= "~" and c != "\\":
            out.append(c)
        else:
            out.append("\\u{%x}" % ord(c))
    return "".join(out)


def esc_bytes(b):
    out = []
    for c in b:
        if 0x20 <= c <= 0x7E and c != 0x5C:
            out.append(chr(c))
        else:
            out.append("\\x%02x" % c)
    return "".join(out)


def bits(f):
    return "%016x" % struct.unpack("<Q", struct.pack("<d", f))[0]


def const(v):
    if v is None:
        return "None"
    if v is True:
        return "True"
    if v is False:
        return "False"
    if v is Ellipsis:
        return "Ellipsis"
    if isinstance(v, int):
        return "int:%d" % v
    if isinstance(v, float):
        return "float:" + bits(v)
    if isinstance(v, complex):
        return "complex:" + bits(v.imag)
    if isinstance(v, str):
        return "str:" + esc_str(v)
    if isinstance(v, bytes):
        return "bytes:" + esc_bytes(v)
    raise TypeError(type(v))


class Dumper:
    def __init__(self):
        self.out = []

    def line(self, depth, field, label, node=None):
        s = "  " * depth + field + ": " + label
        if node is not None:
            s += " @%d:%d-%d:%d" % (node.lineno, node.col_offset, node.end_lineno, node.end_col_offset)
        self.out.append(s)

    def stmts(self, depth, field, body):
        for i, s in enumerate(body):
            self.stmt(depth, "%s[%d]" % (field, i), s)

    def exprs(self, depth, field, xs):
        for i, x in enumerate(xs):
            self.expr(depth, "%s[%d]" % (field, i), x)

    def opt(self, depth, field, x):
        if x is not None:
            self.expr(depth, field, x)

    def stmt(self, depth, field, s):
        d = depth + 1
        t = type(s)
        if t is ast.Expr:
            self.line(depth, field, "Expr", s)
            self.expr(d, "value", s.value)
        elif t is ast.Assign:
            self.line(depth, field, "Assign", s)
            self.exprs(d, "targets", s.targets)
            self.expr(d, "value", s.value)
        elif t is ast.AugAssign:
            self.line(depth, field, "AugAssign " + OPS[type(s.op)], s)
            self.expr(d, "target", s.target)
            self.expr(d, "value", s.value)
        elif t is ast.AnnAssign:
            self.line(depth, field, "AnnAssign simple=%d" % s.simple, s)
            self.expr(d, "target", s.target)
            self.expr(d, "annotation", s.annotation)
            self.opt(d, "value", s.value)
        elif t in (ast.Pass, ast.Break, ast.Continue):
            self.line(depth, field, t.__name__, s)
        elif t is ast.Return:
            self.line(depth, field, "Return", s)
            self.opt(d, "value", s.value)
        elif t is ast.Delete:
            self.line(depth, field, "Delete", s)
            self.exprs(d, "targets", s.targets)
        elif t in (ast.Global, ast.Nonlocal):
            self.line(depth, field, "%s %s" % (t.__name__, " ".join(s.names)), s)
        elif t is ast.Assert:
            self.line(depth, field, "Assert", s)
            self.expr(d, "test", s.test)
            self.opt(d, "msg", s.msg)
        elif t is ast.Raise:
            self.line(depth, field, "Raise", s)
            self.opt(d, "exc", s.exc)
            self.opt(d, "cause", s.cause)
        elif t in (ast.If, ast.While):
            self.line(depth, field, t.__name__, s)
            self.expr(d, "test", s.test)
            self.stmts(d, "body", s.body)
            self.stmts(d, "orelse", s.orelse)
        elif t in (ast.For, ast.AsyncFor):
            self.line(depth, field, "For async=%d" % (t is ast.AsyncFor), s)
            self.expr(d, "target", s.target)
            self.expr(d, "iter", s.iter)
            self.stmts(d, "body", s.body)
            self.stmts(d, "orelse", s.orelse)
        elif t in (ast.With, ast.AsyncWith):
            self.line(depth, field, "With async=%d" % (t is ast.AsyncWith), s)
            for i, item in enumerate(s.items):
                self.line(d, "items[%d]" % i, "withitem")
                self.expr(d + 1, "context_expr", item.context_expr)
                self.opt(d + 1, "optional_vars", item.optional_vars)
            self.stmts(d, "body", s.body)
        elif t in (ast.Try, ast.TryStar):
            self.line(depth, field, "Try star=%d" % (t is ast.TryStar), s)
            self.stmts(d, "body", s.body)
            for i, h in enumerate(s.handlers):
                self.line(d, "handlers[%d]" % i, "ExceptHandler name=%s" % (h.name or "-"), h)
                self.opt(d + 1, "type", h.type)
                self.stmts(d + 1, "body", h.body)
            self.stmts(d, "orelse", s.orelse)
            self.stmts(d, "finalbody", s.finalbody)
        elif t in (ast.FunctionDef, ast.AsyncFunctionDef):
            self.line(depth, field, "FunctionDef %s async=%d" % (s.name, t is ast.AsyncFunctionDef), s)
            self.exprs(d, "decorator_list", s.decorator_list)
            self.args(d, s.args)
            self.opt(d, "returns", s.returns)
            self.stmts(d, "body", s.body)
        elif t is ast.ClassDef:
            self.line(depth, field, "ClassDef " + s.name, s)
            self.exprs(d, "decorator_list", s.decorator_list)
            self.exprs(d, "bases", s.bases)
            self.keywords(d, s.keywords)
            self.stmts(d, "body", s.body)
        elif t is ast.Import:
            self.line(depth, field, "Import", s)
            self.aliases(d, s.names)
        elif t is ast.ImportFrom:
            self.line(depth, field, "ImportFrom module=%s level=%d" % (s.module or "-", s.level), s)
            names = [] if (len(s.names) == 1 and s.names[0].name == "*") else s.names
            self.aliases(d, names)
        elif t is ast.Match:
            self.line(depth, field, "Match", s)
            self.expr(d, "subject", s.subject)
            for i, c in enumerate(s.cases):
                self.line(d, "cases[%d]" % i, "match_case")
                self.pattern(d + 1, "pattern", c.pattern)
                self.opt(d + 1, "guard", c.guard)
                self.stmts(d + 1, "body", c.body)
        else:
            raise TypeError(t)

    def aliases(self, depth, names):
        for i, a in enumerate(names):
            self.line(depth, "names[%d]" % i, "alias %s as %s" % (a.name, a.asname or "-"), a)

    def keywords(self, depth, kws):
        for i, k in enumerate(kws):
            self.line(depth, "keywords[%d]" % i, "keyword %s" % (k.arg or "**"), k)
            self.expr(depth + 1, "value", k.value)

    def args(self, depth, a):
        self.line(depth, "args", "arguments")
        d = depth + 1
        positional = a.posonlyargs + a.args
        defaults = [None] * (len(positional) - len(a.defaults)) + list(a.defaults)
        for i, p in enumerate(a.posonlyargs):
            self.arg(d, "posonlyargs[%d]" % i, p, defaults[i])
        for i, p in enumerate(a.args):
            self.arg(d, "args[%d]" % i, p, defaults[len(a.posonlyargs) + i])
        if a.vararg:
            self.arg(d, "vararg", a.vararg, None)
        for i, p in enumerate(a.kwonlyargs):
            self.arg(d, "kwonlyargs[%d]" % i, p, a.kw_defaults[i])
        if a.kwarg:
            self.arg(d, "kwarg", a.kwarg, None)

    def arg(self, depth, field, a, default):
        self.line(depth, field, "arg " + a.arg, a)
        self.opt(depth + 1, "annotation", a.annotation)
        self.opt(depth + 1, "default", default)

    def fstring(self, depth, field, node, with_pos):
        self.line(depth, field, "FString", node if with_pos else None)
        # Merge adjacent constants (CPython already does, but be safe).
        items = []
        for v in node.values:
            if isinstance(v, ast.Constant):
                if items and isinstance(items[-1], str):
                    items[-1] += v.value
                else:
                    items.append(v.value)
            else:
                items.append(v)
        for i, v in enumerate(items):
            if isinstance(v, str):
                self.line(depth + 1, "values[%d]" % i, "lit " + esc_str(v))
            else:
                conv = "-" if v.conversion == -1 else chr(v.conversion)
                self.line(depth + 1, "values[%d]" % i, "Field conv=" + conv)
                self.expr(depth + 2, "value", v.value)
                if v.format_spec is not None:
                    self.fstring(depth + 2, "format_spec", v.format_spec, False)

    def expr(self, depth, field, x):
        d = depth + 1
        t = type(x)
        if t is ast.Name:
            self.line(depth, field, "Name " + x.id, x)
        elif t is ast.Constant:
            self.line(depth, field, "Constant " + const(x.value), x)
        elif t is ast.JoinedStr:
            self.fstring(depth, field, x, True)
        elif t is ast.BoolOp:
            self.line(depth, field, "BoolOp " + OPS[type(x.op)], x)
            self.exprs(d, "values", x.values)
        elif t is ast.NamedExpr:
            self.line(depth, field, "NamedExpr " + x.target.id, x)
            self.expr(d, "value", x.value)
        elif t is ast.BinOp:
            self.line(depth, field, "BinOp " + OPS[type(x.op)], x)
            self.expr(d, "left", x.left)
            self.expr(d, "right", x.right)
        elif t is ast.UnaryOp:
            self.line(depth, field, "UnaryOp " + OPS[type(x.op)], x)
            self.expr(d, "operand", x.operand)
        elif t is ast.Lambda:
            self.line(depth, field, "Lambda", x)
            self.args(d, x.args)
            self.expr(d, "body", x.body)
        elif t is ast.IfExp:
            self.line(depth, field, "IfExp", x)
            self.expr(d, "test", x.test)
            self.expr(d, "body", x.body)
            self.expr(d, "orelse", x.orelse)
        elif t is ast.Dict:
            self.line(depth, field, "Dict", x)
            for i, (k, v) in enumerate(zip(x.keys, x.values)):
                if k is None:
                    self.line(d, "keys[%d]" % i, "**")
                else:
                    self.expr(d, "keys[%d]" % i, k)
                self.expr(d, "values[%d]" % i, v)
        elif t in (ast.Set, ast.List, ast.Tuple):
            self.line(depth, field, t.__name__, x)
            self.exprs(d, "elts", x.elts)
        elif t in (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp):
            self.line(depth, field, t.__name__, x)
            if t is ast.DictComp:
                self.expr(d, "key", x.key)
                self.expr(d, "value", x.value)
            else:
                self.expr(d, "elt", x.elt)
            for i, g in enumerate(x.generators):
                self.line(d, "generators[%d]" % i, "comprehension async=%d" % g.is_async)
                self.expr(d + 1, "target", g.target)
                self.expr(d + 1, "iter", g.iter)
                self.exprs(d + 1, "ifs", g.ifs)
        elif t is ast.Await:
            self.line(depth, field, "Await", x)
            self.expr(d, "value", x.value)
        elif t is ast.Yield:
            self.line(depth, field, "Yield", x)
            self.opt(d, "value", x.value)
        elif t is ast.YieldFrom:
            self.line(depth, field, "YieldFrom", x)
            self.expr(d, "value", x.value)
        elif t is ast.Compare:
            self.line(depth, field, "Compare " + " ".join(OPS[type(o)] for o in x.ops), x)
            self.expr(d, "left", x.left)
            self.exprs(d, "comparators", x.comparators)
        elif t is ast.Call:
            self.line(depth, field, "Call", x)
            self.expr(d, "func", x.func)
            self.exprs(d, "args", x.args)
            self.keywords(d, x.keywords)
        elif t is ast.Attribute:
            self.line(depth, field, "Attribute " + x.attr, x)
            self.expr(d, "value", x.value)
        elif t is ast.Subscript:
            self.line(depth, field, "Subscript", x)
            self.expr(d, "value", x.value)
            self.expr(d, "slice", x.slice)
        elif t is ast.Starred:
            self.line(depth, field, "Starred", x)
            self.expr(d, "value", x.value)
        elif t is ast.Slice:
            self.line(depth, field, "Slice", x)
            for name in ("lower", "upper", "step"):
                self.opt(d, name, getattr(x, name))
        else:
            raise TypeError(t)

    def pattern(self, depth, field, p):
        d = depth + 1
        t = type(p)

        def pats(name, ps):
            for i, q in enumerate(ps):
                self.pattern(d, "%s[%d]" % (name, i), q)

        if t is ast.MatchValue:
            self.line(depth, field, "MatchValue", p)
            self.expr(d, "value", p.value)
        elif t is ast.MatchSingleton:
            self.line(depth, field, "MatchSingleton " + const(p.value), p)
        elif t is ast.MatchSequence:
            self.line(depth, field, "MatchSequence", p)
            pats("patterns", p.patterns)
        elif t is ast.MatchMapping:
            self.line(depth, field, "MatchMapping rest=%s" % (p.rest or "-"), p)
            self.exprs(d, "keys", p.keys)
            pats("patterns", p.patterns)
        elif t is ast.MatchClass:
            self.line(depth, field, "MatchClass kwd=" + ",".join(p.kwd_attrs), p)
            self.expr(d, "cls", p.cls)
            pats("patterns", p.patterns)
            pats("kwd_patterns", p.kwd_patterns)
        elif t is ast.MatchStar:
            self.line(depth, field, "MatchStar " + (p.name or "-"), p)
        elif t is ast.MatchAs:
            self.line(depth, field, "MatchAs name=" + (p.name or "-"), p)
            if p.pattern is not None:
                self.pattern(d, "pattern", p.pattern)
        elif t is ast.MatchOr:
            self.line(depth, field, "MatchOr", p)
            pats("patterns", p.patterns)
        else:
            raise TypeError(t)


def dump(source):
    tree = ast.parse(source)
    d = Dumper()
    d.stmts(0, "body", tree.body)
    return "\n".join(d.out) + ("\n" if d.out else "")


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as f:
        sys.stdout.write(dump(f.read()))
