from collections import deque


def check(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, type(e).__name__, e)
    else:
        print(label, "->", r)


d = deque([1, 2, 3])
d.append(4)
d.appendleft(0)
print(d, len(d), d[0], d[-1], d[2], 3 in d, 9 in d, bool(d), bool(deque()))
print(d.pop(), d.popleft(), d)
d.extend("ab")
d.extendleft([7, 8])
print(d, list(d), d.count("a"), d.index(2), d.index(3, 1, 5))
d.rotate(2)
print(d)
d.rotate(-3)
print(d)
d.rotate()
print(d)
d.remove("a")
d.reverse()
print(d)
d.insert(1, "x")
d.insert(-100, "first")
d.insert(100, "last")
print(d)
d[0] = "F"
del d[1]
print(d, d.maxlen)
e = d.copy()
e.clear()
print(e, d == e, len(d))
b = deque(maxlen=3)
for i in range(6):
    b.append(i)
print(b, b.maxlen)
b.appendleft(-1)
print(b)
b.extend([10, 11])
print(b, repr(deque(maxlen=0)), deque(range(10), 4), deque("abc", maxlen=None))
z = deque(maxlen=0)
z.append(1)
print(z, len(z))
print(deque([1, 2]) == deque([1, 2]), deque([1, 2]) == [1, 2], deque([1, 2]) != deque([2, 1]))
print(deque([1, 2]) < deque([1, 3]), deque([1, 2, 3]) >= deque([1, 2]), deque() <= deque())
print(deque([1]) + deque([2, 3]), deque([1, 2]) * 2, 2 * deque("ab"), deque([1, 2], maxlen=3) * 2)
f = deque([1])
f += [2, 3]
print(f, list(reversed(f)), [x * 2 for x in f], sum(f), max(f), sorted(deque([3, 1, 2])))
rec = deque([1])
rec.append(rec)
print(rec)
print(type(d).__name__, type(d), deque)
check("pop", lambda: deque().pop())
check("popleft", lambda: deque().popleft())
check("remove", lambda: deque([1]).remove(9))
check("index", lambda: deque([1, 2]).index(9))
check("index range", lambda: deque([1, 2, 3]).index(2, 0, 1))
check("getitem", lambda: deque([1])[5])
check("getitem str", lambda: deque([1])["a"])
check("getitem slice", lambda: deque([1])[0:1])
check("maxlen", lambda: deque(maxlen=-1))
check("maxlen type", lambda: deque([1], "a"))
check("not iterable", lambda: deque(1))
check("too many", lambda: deque([1], 2, 3))
check("bad kw", lambda: deque(x=1))
check("insert full", lambda: deque([1], maxlen=1).insert(0, 5))
check("insert args", lambda: deque([1]).insert(1))
check("rotate", lambda: deque([1]).rotate("a"))
check("concat", lambda: deque([1]) + [1])
check("hash", lambda: hash(deque()))
check("extend", lambda: deque().extend(1))


def mutate():
    q = deque([1, 2, 3])
    for x in q:
        q.append(x)


check("mutate", mutate)
q = deque()
q.append(("task", 1))
q.append(("task", 2))
while q:
    name, n = q.popleft()
    print("processing", name, n)
deque([1]).pop(1)
