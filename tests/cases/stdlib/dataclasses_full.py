from dataclasses import (dataclass, field, fields, asdict, astuple, replace,
                         is_dataclass, FrozenInstanceError, InitVar, KW_ONLY,
                         make_dataclass, MISSING)
from typing import ClassVar, List, Optional


def check(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, type(e).__name__, e)
    else:
        print(label, "->", r)


@dataclass
class Point:
    x: int
    y: int = 0


p = Point(1, 2)
print(p, Point(3), Point(x=1, y=5), p == Point(1, 2), p != Point(1, 3), p == (1, 2))
print(Point.__match_args__, Point.__doc__, [f.name for f in fields(Point)], is_dataclass(p), is_dataclass(Point), is_dataclass(1))
print(fields(p)[1].default, fields(p)[0].type, fields(p)[0].default is MISSING, Point.__init__.__qualname__, Point.__repr__.__qualname__)
check("missing", lambda: Point())
check("too many", lambda: Point(1, 2, 3))
check("unexpected", lambda: Point(1, z=3))
check("dup", lambda: Point(1, x=3))
check("lt", lambda: Point(1) < Point(2))
check("hash", lambda: hash(Point(1)))


@dataclass(order=True, frozen=True)
class Version:
    major: int
    minor: int = 0
    patch: int = 0


vs = [Version(1, 2), Version(1, 0, 5), Version(0, 9)]
print(sorted(vs), max(vs), Version(1) <= Version(1, 0), hash(Version(1)) == hash(Version(1)), len({Version(1), Version(1)}))
check("frozen set", lambda: setattr(vs[0], "major", 5))
check("frozen new attr", lambda: setattr(vs[0], "other", 5))
check("frozen del", lambda: delattr(vs[0], "major"))
check("frozen error type", lambda: issubclass(FrozenInstanceError, AttributeError))
check("order other", lambda: Version(1) < Point(1))


@dataclass
class Inventory:
    owner: str
    items: list = field(default_factory=list)
    tags: dict = field(default_factory=dict, repr=False)
    count: int = field(default=0, compare=False)

    def add(self, x):
        self.items.append(x)
        self.count += 1
        return self


a = Inventory("ann").add("sword")
b = Inventory("bob")
print(a, b, a.items is not b.items, Inventory("x", count=5) == Inventory("x"))
print(asdict(a), astuple(a), replace(a, owner="cat"), replace(p, y=10))
check("replace bad", lambda: replace(p, z=1))


@dataclass
class Node:
    value: int
    children: List["Node"] = field(default_factory=list)
    parent: Optional["Node"] = field(default=None, repr=False)


root = Node(1)
child = Node(2, parent=root)
root.children.append(child)
print(root, asdict(Node(5)))
loop = Node(3)
loop.children.append(loop)
print(loop)


@dataclass
class WithPost:
    a: int
    b: int = field(init=False)
    scale: InitVar[int] = 2

    def __post_init__(self, scale):
        self.b = self.a * scale


print(WithPost(3), WithPost(3, 10), [f.name for f in fields(WithPost)])
check("init=False arg", lambda: WithPost(1, 2, 3))
check("replace init=False", lambda: replace(WithPost(1), b=5))


@dataclass
class Base:
    x: int
    y: str = "base"


@dataclass
class Derived(Base):
    z: float = 1.5
    x: int = 10


print(Derived(), Derived(1, "a", 2.5), [f.name for f in fields(Derived)], isinstance(Derived(), Base))


@dataclass(kw_only=True)
class Opts:
    verbose: bool = False
    level: int


print(Opts(level=3), Opts(level=1, verbose=True))
check("kw_only positional", lambda: Opts(1))


@dataclass
class Mixed:
    a: int
    _: KW_ONLY
    b: int = 2
    c: int


print(Mixed(1, c=3), Mixed.__match_args__)


@dataclass
class Counter:
    total: ClassVar[int] = 0
    name: str

    def __post_init__(self):
        Counter.total += 1


Counter("a")
Counter("b")
print(Counter.total, [f.name for f in fields(Counter)])


@dataclass(eq=False)
class Ident:
    v: int


print(Ident(1) == Ident(1), hash(Ident(1)) is not None)


@dataclass(unsafe_hash=True)
class Hashable:
    v: int
    w: list = field(default_factory=list, hash=False)


print(hash(Hashable(1)) == hash(Hashable(1)), Hashable(1) == Hashable(1))


@dataclass(repr=False)
class NoRepr:
    v: int


print(repr(NoRepr(1)).startswith("<__main__.NoRepr object at"))


@dataclass
class Empty:
    pass


print(Empty(), Empty() == Empty(), fields(Empty), Empty.__doc__)


class Outer:
    @dataclass
    class Inner:
        v: int = 0


print(Outer.Inner(), Outer.Inner.__qualname__)

P3 = make_dataclass("P3", [("x", int), "z", ("y", int, field(default=0))])
print(P3(1, z=3), [f.name for f in fields(P3)])


@dataclass(slots=True)
class Slotted:
    x: int
    y: int = 0


s = Slotted(1)
print(s, Slotted.__slots__)
check("slots new attr", lambda: setattr(s, "z", 1))
def mutable_default():
    @dataclass
    class X:
        v: list = []


def mutable_default_dict():
    @dataclass
    class Y:
        d: dict = {}


check("mutable default", mutable_default)
check("mutable default dict", mutable_default_dict)
check("both defaults", lambda: field(default=1, default_factory=list))
check("fields non-dataclass", lambda: fields(1))
check("asdict non-dataclass", lambda: asdict(1))
print(repr(field(default=1)).split(",default_factory")[0])


def define_bad():
    @dataclass
    class Bad:
        a: int = 1
        b: int


check("non-default after default", define_bad)


def define_bad_frozen():
    @dataclass
    class A:
        v: int

    @dataclass(frozen=True)
    class B(A):
        w: int


check("frozen inheritance", define_bad_frozen)


def define_order_no_eq():
    @dataclass(order=True, eq=False)
    class C:
        v: int


check("order without eq", define_order_no_eq)


@dataclass
class Temp:
    celsius: float

    @property
    def fahrenheit(self):
        return self.celsius * 9 / 5 + 32


t = Temp(100)
print(t.fahrenheit, t)
t.celsius = 0
print(t.fahrenheit, t)
vs[0].major = 7
