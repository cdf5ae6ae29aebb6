from enum import Enum, IntEnum, auto, unique, Flag, IntFlag, StrEnum
class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3
    CRIMSON = 1
    def describe(self): return f'{self.name} is {self.value}'
    @classmethod
    def default(cls): return cls.RED
class N(IntEnum):
    ONE = 1
    TWO = 2
class A(Enum):
    X = auto()
    Y = auto()
class S(StrEnum):
    A = auto()
    B = 'bee'
def check(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, type(e).__name__, e)
    else:
        print(label, "->", repr(r))
for name, f in [('Color.RED', lambda: Color.RED), ('str', lambda: str(Color.RED)), ('fstr', lambda: f"{Color.RED}"),
    ('format', lambda: format(Color.RED, ">12")), ('call', lambda: Color(1)), ('getitem', lambda: Color["GREEN"]),
    ('alias', lambda: Color.CRIMSON), ('alias is', lambda: Color.CRIMSON is Color.RED), ('list', lambda: list(Color)),
    ('len', lambda: len(Color)), ('in', lambda: Color.RED in Color), ('bad value', lambda: Color(5)),
    ('bad name', lambda: Color["X"]), ('eq int', lambda: Color.RED == 1), ('lt', lambda: Color.RED < Color.GREEN),
    ('describe', lambda: Color.RED.describe()), ('default', lambda: Color.default()), ('N+1', lambda: N.ONE + 1),
    ('N==1', lambda: N.ONE == 1), ('strN', lambda: str(N.ONE)), ('reprN', lambda: N.ONE), ('fN', lambda: f"{N.TWO}"),
    ('N(2)', lambda: N(2)), ('isint', lambda: isinstance(N.ONE, int)), ('Nlt', lambda: N.ONE < N.TWO),
    ('sorted', lambda: sorted([N.TWO, N.ONE])), ('index', lambda: [1, 2, 3][N.ONE]), ('auto', lambda: (A.X.value, A.Y)),
    ('S.A', lambda: S.A), ('strS', lambda: str(S.A)), ('upper', lambda: S.B.upper()), ('S==', lambda: S.A == "a"),
    ('type', lambda: type(Color.RED)), ('isinstance', lambda: isinstance(Color.RED, Color)),
    ('functional', lambda: list(Enum("Dyn", "A B"))), ('functional pairs', lambda: Enum("Dyn", [("A", 5)]).A),
    ('max', lambda: max(N)), ('sum', lambda: sum(N)), ('dict', lambda: {Color.RED: 1}), ('N*3', lambda: N.ONE * 3),
    ('N/2', lambda: N.TWO / 2), ('int', lambda: int(N.TWO)), ('name', lambda: Color.__name__)]:
    check(name, f)
def extend():
    class E(Color): pass
check('extend', extend)
def uniq():
    @unique
    class U(Enum):
        A = 1
        B = 1
check('unique', uniq)
class P(Enum):
    MERCURY = (3.303e+23, 2.4397e6)
    EARTH = (5.976e+24, 6.37814e6)
    def __init__(self, mass, radius):
        self.mass = mass
        self.radius = radius
print(P.EARTH, P.EARTH.mass, P.EARTH.value, P((3.303e+23, 2.4397e6)))
class Perm(Flag):
    R = 4
    W = 2
    X = 1
print(Perm.R | Perm.W, repr(Perm.R|Perm.W), Perm.R in (Perm.R|Perm.W), list(Perm), Perm(6), bool(Perm(0)), repr(Perm(0)))
class Status(Enum):
    ACTIVE = "active"
    INACTIVE = "inactive"
for s in Status:
    print(s.name, s.value, s)
match Status("active"):
    case Status.ACTIVE:
        print("matched active")
    case _:
        print("no")


class Weekday(IntEnum):
    MON = 1
    TUE = 2
    WED = 3


print(Weekday.TUE + 1, Weekday.WED > Weekday.MON, Weekday(3).name, [d.value for d in Weekday], Weekday.MON in Weekday)
print({Weekday.MON: "start"}[1], range(Weekday.WED), "%d" % 5, Weekday.TUE.bit_length(), abs(-Weekday.TUE))


class Shape(Enum):
    SQUARE = auto()
    CIRCLE = auto()

    @property
    def sides(self):
        return {"SQUARE": 4, "CIRCLE": 0}[self.name]


print([s.sides for s in Shape], Shape.CIRCLE.value, Shape["SQUARE"], Shape(2))


class Planet(Enum):
    EARTH = 1
    MARS = 2

    def __str__(self):
        return self.name.lower()


print(Planet.MARS.value, repr(Planet.MARS), len(Planet), list(Planet)[-1])
Color(42)
