# CPython counts the C-level recursion of repr, f-strings and comparisons
# against the recursion limit, with Python frames: deeply nested data fails
# to print or compare at the depth where CPython's does, with its message.


def nest(n, wrap=lambda x: [x], base=None):
    x = [] if base is None else base
    for _ in range(n):
        x = wrap(x)
    return x


def attempt(label, op):
    try:
        r = op()
        print(label, "ok", len(r) if isinstance(r, str) else r)
    except RecursionError as e:
        print(label, "RecursionError:", e)


# From module level (the module frame and `attempt` count).
for n in (990, 994, 995, 996, 997, 998, 1000):
    attempt(f"repr {n}", lambda: repr(nest(n)))
    attempt(f"fstring {n}", lambda: f"{nest(n)}")
    attempt(f"== {n}", lambda: nest(n) == nest(n))
    attempt(f"< {n}", lambda: nest(n) < nest(n))
    attempt(f"in {n}", lambda: nest(n) in [nest(n)])
    attempt(f"tuple repr {n}", lambda: repr(nest(n, lambda x: (x,), ())))
    attempt(f"tuple == {n}", lambda: nest(n, lambda x: (x,), ()) == nest(n, lambda x: (x,), ()))
    attempt(f"dict repr {n}", lambda: repr(nest(n, lambda x: {1: x}, {})))
    attempt(f"dict == {n}", lambda: nest(n, lambda x: {1: x}, {}) == nest(n, lambda x: {1: x}, {}))
for n in (490, 496, 497, 498, 500):
    attempt(f"frozenset repr {n}", lambda: repr(nest(n, lambda x: frozenset([x]), frozenset())))


# Deeper in the stack, the same data fails sooner.
def down(k, op):
    return op() if k == 0 else down(k - 1, op)


for n in range(940, 946):
    attempt(f"repr {n} under 50 frames", lambda: down(50, lambda: repr(nest(n))))


# print() at the top level of the data and at the limit.
for n in (996, 997):
    try:
        print(nest(n) == nest(n), len(str(nest(n))))
    except RecursionError as e:
        print(n, "RecursionError:", e)

# A user __repr__ counts its frame as well as the repr level.


class Node:
    def __init__(self, child):
        self.child = child

    def __repr__(self):
        return f"Node({self.child!r})"


for n in (480, 494, 495, 496, 497, 498, 500):
    attempt(f"Node repr {n}", lambda: repr(nest(n, Node, None)))

# Self-containing data is not deep: it prints with [...] and {...}.
a = [1]
a.append(a)
d = {"d": None}
d["d"] = d
print(a, d, repr(a) == str(a))

# Hashing deep tuples is not limited (CPython's tuplehash does not count).
t = nest(5000, lambda x: (x,), ())
print(hash(t) == hash(nest(5000, lambda x: (x,), ())))

# Deep recursion that prints at each level stops where CPython's does: the
# print at the deepest frame fails first.
last = []


def count(n):
    print(n, end=" " if n % 100 else "\n")
    last.append(n)
    count(n + 1)


try:
    count(0)
except RecursionError as e:
    print()
    print("stopped after", last[-1], e)
