# Suspended generators are closed when their last reference goes, in the
# order CPython releases them: dict values and frame locals first to last,
# list and tuple items last to first; a generator dropped while another one
# closes is closed inside that close.


def g(i):
    try:
        yield i
    finally:
        print("close", i)


d = {i: g(i) for i in range(6, 9)}
for v in d.values():
    next(v)
d = None  # 8 is still referenced by v
print("-- list")
items = [g(i) for i in range(3)]
for v in items:
    next(v)
items = None
print("-- tuple")
t = tuple(g(i) for i in range(3, 6))
for v in t:
    next(v)
t = None
print("-- attributes")


class O:
    pass


o = O()
o.a = g(10)
o.b = g(11)
next(o.a)
next(o.b)
o = None
print("-- locals")


def f():
    x = g(20)
    y = g(21)
    next(x)
    next(y)


f()
print("-- nested")


def outer():
    inner = g(30)
    next(inner)
    try:
        yield 0
    finally:
        print("outer closing")
        inner = None
        print("outer closed")


o = outer()
next(o)
o = None
print("-- end")
