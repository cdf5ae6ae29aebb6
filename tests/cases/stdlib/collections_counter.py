from collections import Counter


def check(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, type(e).__name__, e)
    else:
        print(label, "->", r)


c = Counter("abracadabra")
print(c, c["a"], c["z"], len(c), "z" in c, sorted(c), c.most_common(2), c.most_common(0), c.most_common(-1))
print(c.most_common(), c.total(), sorted(c.elements()), list(Counter(a=2, b=0, c=-1, d=1).elements()))
print(Counter(), Counter([]), Counter({"x": 3, "y": 1}), Counter(a=1, b=2), Counter("ab", c=5))
print(Counter([1, 1, 2]) == Counter({1: 2, 2: 1}), Counter(a=1) == Counter(a=1, b=0), Counter(a=1) == {"a": 1})
print(Counter(a=1) <= Counter(a=2), Counter(a=3) <= Counter(a=2), Counter(a=1) < Counter(a=1), Counter(a=1) >= Counter())
c.update("aaz")
c.update({"b": 10})
c.update(q=2)
print(c)
c.subtract("aaaa")
c.subtract({"z": 5})
c.subtract(q=1)
print(c)
a, b = Counter(a=3, b=1, c=0), Counter(a=1, b=2, d=-2)
print(a + b, a - b, a | b, a & b, +b, -b, +Counter(), -Counter(a=1))
x = Counter(a=1)
y = x
x += Counter(a=2, b=1, c=-5)
print(x, y, x is y)
x -= Counter(b=3)
print(x)
x |= Counter(a=1, z=4)
print(x)
x &= Counter(z=2, a=9)
print(x)
w = Counter("hello world")
print(w.most_common(3), [k for k, v in w.items() if v > 1], dict(w))
del w["l"]
print(w, w.get("l"), w.get("o"), w.setdefault("n", 7), w.pop("n"))
print(Counter({"b": 2, "a": 2, "c": 3}), Counter({"x": 1.5, "y": 2.5}), Counter({"x": 0, "y": 0}))
print(repr(Counter(a=1)), str(Counter(a=1)), type(c).__name__, isinstance(c, dict), isinstance(c, Counter))
cc = c.copy()
print(type(cc).__name__, cc == c, cc is c)
words = "the quick brown the lazy the dog quick".split()
for word, n in Counter(words).most_common():
    print(f"{word:>6} {n}")
print(sum(Counter(a=2, b=3).values()), sorted(Counter("mississippi").items()))
check("fromkeys", lambda: Counter.fromkeys("ab"))
check("add dict", lambda: Counter() + {})
check("neg str", lambda: Counter(a="x") + Counter(a=1))
check("args", lambda: Counter("a", "b"))
check("most_common arg", lambda: Counter("a").most_common("x"))
Counter(a=1) - 1
