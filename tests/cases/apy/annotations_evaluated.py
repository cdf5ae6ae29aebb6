# Annotations are evaluated as CPython 3.11 evaluates them: a function's
# when it is defined (after its defaults, regular parameters before
# positional-only ones), a module's and a class's when the statement runs,
# a local variable's never.
def note(label, value=None):
    print("evaluating", label)
    return value if value is not None else label


def f(a: note("a") = note("default a", 1), /, b: note("b") = 2, *c: note("c"),
      d: note("d"), **e: note("e")) -> note("return"):
    pass


print(f.__annotations__)


def g(x, y=1):
    pass


print(g.__annotations__, g.__annotations__ is g.__annotations__)
g.__annotations__["x"] = int
print(g.__annotations__)


def h():
    inner: note("never") = 5
    return inner


print(h())
count: note("module", int) = 3
label: str
print(__annotations__, count)


class C:
    size: note("class", int) = 1
    name: "str"


print(C.__annotations__)
try:
    def broken(x: UndefinedName):
        pass
except NameError as e:
    print("NameError:", e)
try:
    value: AlsoUndefined = 1
except NameError as e:
    print("NameError:", e)
print("value" in globals(), sorted(__annotations__))
