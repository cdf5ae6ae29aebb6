import functools
from functools import (reduce, partial, wraps, update_wrapper, lru_cache, cache,
                       cached_property, total_ordering, cmp_to_key, singledispatch,
                       partialmethod)


def check(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, type(e).__name__, e)
    else:
        print(label, "->", r)


print(reduce(lambda a, b: a + b, [1, 2, 3, 4]), reduce(lambda a, b: a * b, range(1, 6), 1), reduce(max, [3], 0))
print(reduce(lambda acc, s: acc + len(s), ["ab", "cde"], 0), reduce(lambda a, b: b + a, "abc"))
check("reduce empty", lambda: reduce(max, []))
check("reduce iter", lambda: reduce(max, 5))
check("reduce args", lambda: reduce(max))
check("reduce kw", lambda: reduce(max, [1], initial=2))
check("reduce many", lambda: reduce(max, [1], 2, 3))


def power(base, exp, *, mod=None):
    r = base ** exp
    return r % mod if mod else r


square = partial(power, exp=2)
cube_mod = partial(power, exp=3, mod=10)
print(square(5), cube_mod(7), square(3, exp=3), partial(power, 2)(10))
print(square.func is power, square.args, square.keywords, partial(max, 1, 2).args)
nested = partial(partial(power, 2), 5)
print(nested.func is power, nested.args, nested(), repr(partial(max, 1, key=len)))
print(callable(square), type(square).__name__, isinstance(square, partial))
print(list(map(partial(power, exp=2), range(4))))
check("partial none", lambda: partial())
check("partial not callable", lambda: partial(1))


def logged(func):
    @wraps(func)
    def wrapper(*args, **kwargs):
        """wrapper doc"""
        return func(*args, **kwargs)
    return wrapper


@logged
def add(a, b):
    "Add two numbers."
    return a + b


print(add(2, 3), add.__name__, add.__doc__, add.__qualname__, add.__wrapped__.__name__, add.__module__)


def plain():
    pass


def wrapper2():
    pass


update_wrapper(wrapper2, plain)
print(wrapper2.__name__, wrapper2.__wrapped__ is plain)
plain.custom = 42


@wraps(plain)
def w3():
    pass


print(w3.custom, w3.__name__)


@lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(fib(80), fib.cache_info(), fib.cache_info().hits, fib.cache_parameters())
fib.cache_clear()
print(fib.cache_info())


@lru_cache(maxsize=2)
def sq(x):
    print("computing", x)
    return x * x


print(sq(1), sq(2), sq(1), sq(3), sq(2), sq(1))
print(sq.cache_info(), sq.__name__, sq.__wrapped__(4), type(sq).__name__)


@lru_cache
def ident(x, y=0):
    print("call", x, y)
    return x


ident(1)
ident(1)
ident(1.0)
ident(x=1)
ident(1, y=0)
print(ident.cache_info())


@lru_cache(typed=True)
def typed(x):
    print("typed call", type(x).__name__)
    return x


typed(1)
typed(1.0)
typed(1)
print(typed.cache_info())


@cache
def count_ways(n):
    return 1 if n <= 1 else count_ways(n - 1) + count_ways(n - 2)


print(count_ways(50), count_ways.cache_info())
check("lru unhashable", lambda: fib([1]))
check("lru bad arg", lambda: lru_cache("x"))


class Circle:
    def __init__(self, r):
        self.r = r

    @cached_property
    def area(self):
        print("computing area")
        return 3 * self.r ** 2

    @lru_cache(maxsize=None)
    def scaled(self, k):
        return self.r * k


c = Circle(2)
print(c.area, c.area, c.__dict__, Circle.area.attrname, c.scaled(3), c.scaled(3))
c.area = 100
print(c.area)


@total_ordering
class Version:
    def __init__(self, n):
        self.n = n

    def __eq__(self, other):
        return self.n == other.n

    def __lt__(self, other):
        return self.n < other.n

    def __repr__(self):
        return f"V{self.n}"


print(Version(1) <= Version(2), Version(2) >= Version(2), Version(3) > Version(1), sorted([Version(3), Version(1)]))


@total_ordering
class Rev:
    def __init__(self, n):
        self.n = n

    def __gt__(self, other):
        return self.n > other.n


print(Rev(1) < Rev(2), Rev(1) <= Rev(1), Rev(2) >= Rev(3))


def no_order():
    @total_ordering
    class X:
        pass


check("total_ordering none", no_order)
print(sorted(["banana", "Apple", "cherry"], key=cmp_to_key(lambda a, b: (a.lower() > b.lower()) - (a.lower() < b.lower()))))
print(sorted([3, 1, 2], key=cmp_to_key(lambda a, b: b - a)), max([1, 5, 3], key=cmp_to_key(lambda a, b: a - b)))


@singledispatch
def describe(obj):
    return f"object {obj!r}"


@describe.register(int)
def _(obj):
    return f"int {obj}"


@describe.register(list)
def _(obj):
    return f"list of {len(obj)}"


def describe_str(obj):
    return f"str {obj}"


describe.register(str, describe_str)
print(describe(1), describe(True), describe([1, 2]), describe("s"), describe(1.5), describe(None))
print(describe.dispatch(bool).__name__, describe.registry[object].__name__)
check("singledispatch no args", lambda: describe())


class Cell:
    def __init__(self):
        self.alive = False

    def set_state(self, state):
        self.alive = bool(state)

    set_alive = partialmethod(set_state, True)
    set_dead = partialmethod(set_state, False)


cell = Cell()
cell.set_alive()
print(cell.alive)
cell.set_dead()
print(cell.alive)
reduce(lambda a, b: a + b, [])
