#!/usr/bin/env python3
"""Generate tests/data/set_cases.txt: CPython 3.11's answers for random
sequences of set and dict operations, replayed by tests/set_table.rs.

Run with the reference interpreter (CPython 3.11, 64-bit):

    python3 scripts/gen_set_cases.py > tests/data/set_cases.txt

Only values whose hashes CPython does not randomize are used (ints, bools,
floats without NaN, tuples of those), so the output is deterministic.

Format: one record per line, fields separated by " | ". Values and lists
are written as Python reprs. Sets live in registers named a, b, c, d.

    hash | VALUE | HASH                  hash(VALUE) == HASH
    case | NAME                          start of a set case (registers empty)
    build | R | LIST                     R = set(LIST)
    display | R | LIST                   R = {LIST[0], LIST[1], ...} (a display)
    fromdict | R | LIST                  R = set(dict.fromkeys(LIST))
    new | R                              R = set()
    add | R | V        discard | R | V   clear | R
    pop | R | V                          R.pop() returned V
    popsum | R | N | SUM                 N pops; checksum of the popped values
    copy | R | S                         S = R.copy()
    update | R | S                       R.update(S)       (also R |= S)
    update_iter | R | LIST               R.update(LIST)
    update_dict | R | LIST               R.update(dict.fromkeys(LIST))
    union | R | S | T                    T = R | S
    inter | R | S | T                    T = R & S
    diff | R | S | T                     T = R - S
    symdiff | R | S | T                  T = R ^ S
    inter_iter | R | LIST | T            T = R.intersection(LIST)
    diff_iter | R | LIST | T             T = R.difference(LIST)
    symdiff_iter | R | LIST | T          T = R.symmetric_difference(LIST)
    diff_dict | R | LIST | T             T = R.difference(dict.fromkeys(LIST))
    symdiff_dict | R | LIST | T          T = R.symmetric_difference(dict.fromkeys(LIST))
    iand | R | S       isub | R | S      ixor | R | S      (R &= S, ...)
    iand_iter | R | LIST                 R.intersection_update(LIST)
    isub_iter | R | LIST                 R.difference_update(LIST)
    ixor_iter | R | LIST                 R.symmetric_difference_update(LIST)
    ixor_dict | R | LIST                 R.symmetric_difference_update(dict.fromkeys(LIST))
    subset | R | S | BOOL                R <= S
    disjoint | R | S | BOOL              R.isdisjoint(S)
    equal | R | S | BOOL                 R == S
    addrange | R | START | STOP | STEP   for i in range(...): R.add(i)
    discardrange | R | START | STOP | STEP
    walk | R | NEWLIST | VISITED         iterate R; at each element remove it and
                                         add the next NEWLIST value; VISITED lists
                                         the elements seen, then the error message
    expect | R | LIST                    list(R) == LIST
    expectsum | R | LEN | SUM            len(R) == LEN and checksum(R) == SUM
    fhash | R | HASH                     hash(frozenset(R)) == HASH
    dcase | NAME                         start of a dict case (one dict)
    dset | K | V       ddel | K          dclear
    dpopitem | K                         d.popitem() removed key K
    dcopy                                d = d.copy()
    dwalk | NEWLIST | VISITED            like walk, for the dict
    dexpect | LIST                       list(d.items()) == LIST
"""

import random
import sys

MASK = (1 << 64) - 1
REGS = "abcd"


def checksum(values):
    """Order-sensitive checksum of a sequence, from the elements' hashes."""
    c = 0
    for x in values:
        c = ((c ^ (hash(x) & MASK)) * 1099511628211 + 1) & MASK
    return c


def src(v):
    """Source text of a constant (inf has no literal: 1e999 folds to it)."""
    if isinstance(v, float) and v in (float("inf"), float("-inf")):
        return "1e999" if v > 0 else "-1e999"
    if isinstance(v, tuple):
        inner = ", ".join(src(x) for x in v)
        return "(" + inner + ("," if len(v) == 1 else "") + ")"
    return repr(v)


def rand_scalar(rng):
    k = rng.randrange(14)
    if k == 0:
        return rng.randint(-20, 100)
    if k == 1:
        return rng.randint(0, 60) * 8
    if k == 2:
        return rng.randint(-10, 40) * 64
    if k == 3:
        return rng.choice([2**61 - 1, 2**61, 2**61 + 1, -(2**61), 2**62 + 5, 2**63])
    if k == 4:
        return rng.choice([1, -1]) * (2**64 + rng.randint(-3, 300)) * rng.choice([1, 2**70])
    if k == 5:
        return rng.choice([True, False])
    if k == 6:
        return rng.randint(-40, 80) / 2
    if k == 7:
        return float(rng.randint(-10, 100))
    if k == 8:
        return rng.choice([0.0, -0.0, float("inf"), float("-inf"), 1e16, 1e300,
                           5e-324, 2.0**61, 2.0**70, -2.0**64, 0.1, 1 / 3])
    if k == 9:
        return rng.choice([-1, -2, 1, 0, 1.0, 0.0, True, False])
    if k == 10:
        return rng.randint(0, 200) * 1024 + rng.randint(0, 3)
    if k == 11:
        return rng.randint(0, 10) * 2**61 + rng.randint(-2, 2)
    if k == 12:
        return rng.random() * 1000
    return rng.randint(-(2**40), 2**40)


def rand_value(rng, depth=0):
    if depth < 2 and rng.random() < 0.15:
        return tuple(rand_value(rng, depth + 1) for _ in range(rng.randint(0, 3)))
    return rand_scalar(rng)


class Gen:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.out = []

    def emit(self, *fields):
        self.out.append(" | ".join(str(f) for f in fields))

    def pick_list(self, pool, lo=0, hi=12):
        return [self.rng.choice(pool) for _ in range(self.rng.randint(lo, hi))]

    def expect(self, regs, r):
        s = regs[r]
        if len(s) > 300:
            self.emit("expectsum", r, len(s), checksum(s))
        else:
            self.emit("expect", r, repr(list(s)))

    def set_case(self, name, nops, pool_size):
        rng = self.rng
        pool = [rand_value(rng) for _ in range(pool_size)]
        regs = {r: set() for r in REGS}
        self.emit("case", name)
        for _ in range(nops):
            op = rng.choice(OPS)
            r, s, t = rng.choice(REGS), rng.choice(REGS), rng.choice(REGS)
            if rng.random() < 0.85 and s == r:
                s = rng.choice(REGS)
            if op == "build":
                lst = self.pick_list(pool, 0, 25)
                regs[r] = set(lst)
                self.emit(op, r, repr(lst))
            elif op == "display":
                lst = self.pick_list(pool, 1, 20)
                regs[r] = eval("{" + ", ".join(src(v) for v in lst) + "}")
                self.emit(op, r, repr(lst))
            elif op == "fromdict":
                lst = self.pick_list(pool, 0, 25)
                regs[r] = set(dict.fromkeys(lst))
                self.emit(op, r, repr(lst))
            elif op == "new":
                regs[r] = set()
                self.emit(op, r)
            elif op in ("add", "discard"):
                for _ in range(rng.randint(1, 6)):
                    v = rng.choice(pool)
                    getattr(regs[r], op)(v)
                    self.emit(op, r, repr(v))
            elif op == "clear":
                regs[r].clear()
                self.emit(op, r)
            elif op == "pop":
                for _ in range(rng.randint(1, 4)):
                    if regs[r]:
                        self.emit(op, r, repr(regs[r].pop()))
            elif op == "copy":
                regs[t] = regs[r].copy()
                self.emit(op, r, t)
                r = t
            elif op == "update":
                regs[r].update(regs[s])
                self.emit(op, r, s)
            elif op in ("update_iter", "update_dict", "iand_iter", "isub_iter",
                        "ixor_iter", "ixor_dict"):
                lst = self.pick_list(pool)
                arg = dict.fromkeys(lst) if op.endswith("dict") else lst
                meth = {"update_iter": "update", "update_dict": "update",
                        "iand_iter": "intersection_update",
                        "isub_iter": "difference_update",
                        "ixor_iter": "symmetric_difference_update",
                        "ixor_dict": "symmetric_difference_update"}[op]
                getattr(regs[r], meth)(arg)
                self.emit(op, r, repr(lst))
            elif op in ("union", "inter", "diff", "symdiff"):
                x, y = regs[r], regs[s]
                regs[t] = {"union": x.__or__, "inter": x.__and__,
                           "diff": x.__sub__, "symdiff": x.__xor__}[op](y)
                self.emit(op, r, s, t)
                r = t
            elif op in ("inter_iter", "diff_iter", "symdiff_iter", "diff_dict",
                        "symdiff_dict"):
                lst = self.pick_list(pool)
                arg = dict.fromkeys(lst) if op.endswith("dict") else lst
                meth = {"inter": "intersection", "diff": "difference",
                        "symdiff": "symmetric_difference"}[op.split("_")[0]]
                regs[t] = getattr(regs[r], meth)(arg)
                self.emit(op, r, repr(lst), t)
                r = t
            elif op in ("iand", "isub", "ixor"):
                x = regs[r]
                if op == "iand":
                    x &= regs[s]
                elif op == "isub":
                    x -= regs[s]
                else:
                    x ^= regs[s]
                self.emit(op, r, s)
            elif op in ("subset", "disjoint", "equal"):
                x, y = regs[r], regs[s]
                res = {"subset": x <= y, "disjoint": x.isdisjoint(y), "equal": x == y}[op]
                self.emit(op, r, s, res)
                continue
            elif op == "walk":
                new = self.pick_list(pool, 26, 26)
                self.emit(op, r, repr(new), repr(walk(regs[r], new)))
            elif op == "fhash":
                self.emit(op, r, hash(frozenset(regs[r])))
                continue
            self.expect(regs, r)

    def big_case(self, name):
        rng = self.rng
        s = set()
        self.emit("case", name)
        n = rng.choice([1000, 5000, 20000, 60000, 90000])
        step = rng.choice([1, 1, 3, 8, 1024, 2**20 + 1])
        start = rng.randint(-1000, 1000)
        s.update(range(start, start + n * step, step))
        self.emit("addrange", "a", start, start + n * step, step)
        self.expect({"a": s}, "a")
        d0 = start + rng.randint(0, n // 2) * step
        dstep = step * rng.choice([1, 2, 5])
        dstop = d0 + rng.randint(0, n) * step
        for i in range(d0, dstop, dstep):
            s.discard(i)
        self.emit("discardrange", "a", d0, dstop, dstep)
        self.expect({"a": s}, "a")
        k = rng.randint(0, len(s) // 3)
        popped = [s.pop() for _ in range(k)]
        self.emit("popsum", "a", k, checksum(popped))
        self.expect({"a": s}, "a")
        a2 = start + 7
        s.update(range(a2, a2 + n // 2 * step, step))
        self.emit("addrange", "a", a2, a2 + n // 2 * step, step)
        self.expect({"a": s}, "a")
        b = set(range(start, start + n // 3))
        self.emit("addrange", "b", start, start + n // 3, 1)
        self.expect({"b": b}, "b")
        regs = {"a": s, "b": b}
        for op, f in (("union", set.__or__), ("inter", set.__and__),
                      ("diff", set.__sub__), ("symdiff", set.__xor__)):
            for x, y in (("a", "b"), ("b", "a")):
                regs["c"] = f(regs[x], regs[y])
                self.emit(op, x, y, "c")
                self.expect(regs, "c")
        regs["c"] = s.copy()
        self.emit("copy", "a", "c")
        self.expect(regs, "c")
        regs["b"] -= s
        self.emit("isub", "b", "a")
        self.expect(regs, "b")

    def dict_case(self, name, nops, pool_size):
        rng = self.rng
        pool = [rand_value(rng) for _ in range(pool_size)]
        d = {}
        self.emit("dcase", name)
        for _ in range(nops):
            k = rng.random()
            if k < 0.45:
                key, val = rng.choice(pool), rng.randint(0, 999)
                d[key] = val
                self.emit("dset", repr(key), val)
            elif k < 0.7:
                key = rng.choice(pool)
                if key in d:
                    del d[key]
                    self.emit("ddel", repr(key))
            elif k < 0.8:
                if d:
                    self.emit("dpopitem", repr(d.popitem()[0]))
            elif k < 0.83:
                d.clear()
                self.emit("dclear")
            elif k < 0.88:
                d = d.copy()
                self.emit("dcopy")
            else:
                new = self.pick_list(pool, 26, 26)
                self.emit("dwalk", repr(new), repr(walk(d, new)))
            self.emit("dexpect", repr(list(d.items())))


def walk(container, new):
    """Iterate `container`, replacing each element seen by the next value of
    `new`; return the elements seen and the error that ended the loop."""
    seen = []
    new = iter(new)
    try:
        for x in container:
            seen.append(x)
            if len(seen) > 25:
                seen.append("stopped")
                break
            v = next(new)
            if isinstance(container, dict):
                del container[x]
                container[v] = 0
            else:
                container.remove(x)
                container.add(v)
    except RuntimeError as e:
        seen.append(str(e))
    return seen


OPS = (["build"] * 3 + ["display"] * 3 + ["fromdict", "new", "clear", "copy",
       "walk", "fhash"] + ["add"] * 6 + ["discard"] * 4 + ["pop"] * 3 +
       ["update"] * 2 + ["update_iter", "update_dict", "iand_iter", "isub_iter",
       "ixor_iter", "ixor_dict", "inter_iter", "diff_iter", "symdiff_iter",
       "diff_dict", "symdiff_dict", "subset", "disjoint", "equal"] +
       ["union", "inter", "diff", "symdiff", "iand", "isub", "ixor"] * 2)


def main():
    g = Gen(20240611)
    rng = random.Random(7)
    values = set()
    for _ in range(3000):
        values.add(rand_value(rng))
    for v in [0, 1, -1, -2, 2**61 - 2, 2**61 - 1, 2**61, -(2**61), 2**64, -(2**64),
              10**30, -(10**30), 1.5, -1.5, 0.5, 1e-300, 1e308, -0.0, 0.0,
              float("inf"), float("-inf"), (), (1,), (1, 2), ((),), (-1,),
              (-2,), (1.0, True), ((1, 2), (3, (4,))), True, False]:
        values.add(v)
    for v in sorted(values, key=repr):
        g.emit("hash", repr(v), hash(v))
    for i in range(1000):
        g.set_case(f"small{i}", rng.randint(5, 40), rng.randint(3, 20))
    for i in range(200):
        g.set_case(f"medium{i}", rng.randint(20, 80), rng.randint(20, 120))
    for i in range(12):
        g.big_case(f"big{i}")
    for i in range(250):
        g.dict_case(f"dict{i}", rng.randint(5, 60), rng.randint(3, 30))
    sys.stdout.write("\n".join(g.out) + "\n")


if __name__ == "__main__":
    main()
