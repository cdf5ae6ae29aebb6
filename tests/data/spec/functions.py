def f(): pass
def f(a, b): return a + b
def f(a, b=1, *args, c, d=2, **kwargs) -> int:
    return a
def f(a, /, b, *, c): pass
def f(a=1, /, b=2): pass
def f(*, a): pass
def f(*args): pass
def f(**kwargs): pass
def f(a: int, b: "str" = "x", *args: int, c: float = 1.0, **kw: dict) -> None: pass
def f(
    a,
    b,
): pass
@decorator
def f(): pass
@a.b.c
@d(1, 2)
@e[0]
@(lambda f: f)
def g(): pass
async def f():
    await x
    async for i in y:
        pass
    async with a as b:
        pass
    return [i async for i in y]
class A: pass
class B(A): pass
class C(A, B, metaclass=M, **kw): pass
class D():
    x = 1
    def method(self):
        return self.x
    @property
    def p(self): return 1
    @staticmethod
    async def s(): pass
@dataclass
class E:
    x: int
    y: int = 0
def outer():
    x = 1
    def inner():
        nonlocal x
        global y
        x += 1
    return inner
def gen():
    yield 1
    yield from range(3)
    x = yield
lambda: (yield)
def f(a, b, /): pass
def f(a, *, b=1, c): pass
