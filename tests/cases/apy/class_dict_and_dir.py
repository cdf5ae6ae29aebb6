# What a class's __dict__ lists (no __qualname__; the __dict__ and
# __weakref__ slots type.__new__ adds where the best base lacks them, then
# __doc__ and __hash__), and dir() of classes, instances, builtin values,
# exceptions and asyncio classes, as CPython 3.11 shows them.
import asyncio


class Plain:
    x = 1

    def method(self):
        return self.x


class Documented:
    "A docstring."

    def __eq__(self, other):
        return True


class Child(Plain):
    y = 2


class Mixin:
    pass


class Both(Child, Mixin):
    pass


class Empty:
    __slots__ = ()


class AfterSlots(Empty):
    pass


class Error(Exception):
    pass


class MixedError(Mixin, Error):
    pass


class Outer:
    class Inner:
        pass


for c in (Plain, Documented, Child, Both, AfterSlots, Error, MixedError, Outer, Outer.Inner):
    print(c.__name__, list(c.__dict__))
print("__qualname__" in Plain.__dict__, Outer.Inner.__qualname__, Plain.__qualname__)
print(Plain.__dict__["__dict__"], Plain.__dict__["__weakref__"])
print(Plain.__weakref__, Child.__weakref__, Error.__weakref__)
print(type(Plain.__dict__["__dict__"]).__name__)
p = Plain()
p.z = 3
print(p.__dict__, p.__weakref__, Child().__dict__)
try:
    p.__weakref__ = 1
except AttributeError as e:
    print("AttributeError:", e)
print(sorted(vars(Child)))

for obj in (Plain, p, Child, Child(), Both, Documented(), Error, Error("x"), MixedError):
    print(dir(obj))
for obj in (1, "s", [], {}, (), None, 1.5, True, len, ValueError("v"), int, object, object()):
    print(type(obj).__name__, len(dir(obj)), dir(obj)[:3], dir(obj)[-3:])


class MyQueue(asyncio.Queue):
    def extra(self):
        pass


print(dir(asyncio.Queue) == dir(asyncio.Queue()), len(dir(asyncio.Queue)))
print([n for n in dir(MyQueue) if n not in dir(asyncio.Queue)])
print(len(dir(asyncio.Event)), len(dir(asyncio.Lock)), len(dir(asyncio.Future)))


async def main():
    t = asyncio.current_task()
    print(len(dir(t)), len(dir(asyncio.get_running_loop().create_future())))


asyncio.run(main())
