from collections import namedtuple


def check(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, type(e).__name__, e)
    else:
        print(label, "->", r)


Point = namedtuple("Point", ["x", "y"])
p = Point(1, y=2)
print(p, p.x + p.y, p[0], p[-1], p._asdict(), p._replace(x=9), tuple(p), list(p), len(p))
x, y = p
print(x, y, Point._fields, Point.__name__, type(p).__name__, Point.__doc__, Point.x.__doc__)
print(p == (1, 2), (1, 2) == p, p != (1, 3), p == Point(1, 2), p == [1, 2])
print(p < (1, 3), p > Point(0, 5), sorted([Point(2, 1), Point(1, 5), Point(1, 2)]), max(Point(1, 2), Point(1, 3)))
print(p + (3,), (0,) + p, p * 2, 2 * p, p[:1], p[::-1], 2 in p, p.count(1), p.index(2), str(p), f"{p!r:>20}")
print(isinstance(p, tuple), isinstance(p, Point), issubclass(Point, tuple), {p: "point"}[p], hash(p) == hash(Point(1, 2)))
Color = namedtuple("Color", "red green blue", defaults=[0, 255])
print(Color(1), Color(1, 2), Color._field_defaults, Color._make([3, 4, 5]), Color(red=1, blue=2))
Pair = namedtuple("Pair", "a, b")
print(Pair(1, 2), Pair._fields, namedtuple("Empty", "")(), namedtuple("One", "v")(5))
R = namedtuple("R", "a _b a def", rename=True)
print(R._fields, R(1, 2, 3, 4))
print(Point.__match_args__, Point.__new__.__doc__, p.__getnewargs__())
d = {"x": 3, "y": 4}
print(Point(**d), Point(*[5, 6]), Point._make(range(2)))


class Vector(namedtuple("Vector", "x y")):
    __slots__ = ()

    def __abs__(self):
        return (self.x ** 2 + self.y ** 2) ** 0.5

    def __add__(self, other):
        return Vector(self.x + other.x, self.y + other.y)


v = Vector(3, 4)
print(v, abs(v), v + Vector(1, 1), isinstance(v, tuple), v._replace(y=0), type(v._replace(y=0)).__name__)

def where(pt):
    match pt:
        case Point(x=0, y=0):
            return "origin"
        case Point(x, 0):
            return f"on x axis at {x}"
        case Point():
            return "elsewhere"
print(where(Point(0, 0)), where(Point(5, 0)), where(Point(1, 1)))
for pt in [Point(1, 2), Point(3, 4)]:
    print("{} {}".format(*pt), "%s-%s" % (pt.x, pt.y))
check("missing", lambda: Point(1))
check("too many", lambda: Point(1, 2, 3))
check("dup", lambda: Point(1, x=2))
check("unexpected", lambda: Point(1, q=2))
check("make", lambda: Point._make([1]))
check("replace", lambda: p._replace(q=1))
check("setattr", lambda: setattr(p, "x", 5))
check("new attr", lambda: setattr(p, "z", 5))
check("index", lambda: p[5])
check("index type", lambda: p["a"])
check("concat", lambda: p + [1])
check("lt", lambda: p < 3)
check("index missing", lambda: p.index(9))
check("underscore", lambda: namedtuple("A", "a _b"))
check("dup field", lambda: namedtuple("A", "a a"))
check("keyword", lambda: namedtuple("A", "a def"))
check("identifier", lambda: namedtuple("A", "a 1b"))
check("type name", lambda: namedtuple("1A", "a"))
check("defaults", lambda: namedtuple("A", "a b", defaults=[1, 2, 3]))
p.x = 10
