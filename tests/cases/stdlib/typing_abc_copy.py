import copy
from abc import ABC, ABCMeta, abstractmethod
from collections.abc import Iterable, Iterator, Sequence, Mapping, MutableMapping, Hashable, Sized, Callable
import collections.abc
from typing import (Any, Optional, Union, List, Dict, Tuple, Set, Callable as TCallable, Iterable as TIterable,
                    TypeVar, Generic, Protocol, NamedTuple, TypedDict, TYPE_CHECKING, cast, overload,
                    ClassVar, Literal, Final, get_origin, get_args, AsyncIterator, Awaitable, Coroutine)


def check(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, type(e).__name__, e)
    else:
        print(label, "->", r)


T = TypeVar("T")
K = TypeVar("K", bound=int)
print(Any, Optional[int], Union[int, str], Union[int, None], Union[int, str, None], Union[int], List, List[int])
print(Dict[str, int], Tuple[int, ...], Tuple[()], TCallable[[int, str], bool], TCallable[..., int], T, K, List[T])
print(Literal[1, "a"], ClassVar[int], Optional[List[int]], TIterable[int], Coroutine[Any, Any, int], AsyncIterator[str])
print(TYPE_CHECKING, cast(int, "x"), get_origin(List[int]), get_args(Dict[str, int]), get_args(Optional[int]))
print(Optional[int] == Union[int, None], List[int] == List[int], Dict[str, List[Tuple[int, float]]], List["Node"])


class Stack(Generic[T]):
    def __init__(self) -> None:
        self.items: List[T] = []

    def push(self, item: T) -> None:
        self.items.append(item)

    def pop(self) -> T:
        return self.items.pop()


s: Stack[int] = Stack[int]()
s.push(1)
s.push(2)
print(s.pop(), s.items, Stack[str], isinstance(s, Stack))


class Greeter(Protocol):
    def greet(self) -> str: ...


class English:
    def greet(self) -> str:
        return "hello"


def welcome(g: Greeter) -> str:
    return g.greet()


print(welcome(English()))


class Employee(NamedTuple):
    name: str
    dept: str = "eng"
    salary: float = 0.0

    def describe(self) -> str:
        return f"{self.name} ({self.dept})"


e = Employee("ann")
print(e, e.describe(), e._fields, e._asdict(), e._replace(salary=1.5), isinstance(e, tuple), e[0], Employee._field_defaults)
check("namedtuple order", lambda: exec_bad_namedtuple())


def exec_bad_namedtuple():
    class Bad(NamedTuple):
        a: int = 1
        b: int


class Movie(TypedDict):
    title: str
    year: int


m = Movie(title="Alien", year=1979)
print(m, type(m).__name__, m["year"])


@overload
def f(x: int) -> int: ...


@overload
def f(x: str) -> str: ...


def f(x):
    return x


print(f(3), f("s"))


class Shape(ABC):
    @abstractmethod
    def area(self) -> float: ...

    @abstractmethod
    def perimeter(self) -> float: ...

    def describe(self):
        return f"{type(self).__name__} area={self.area()}"


class Square(Shape):
    def __init__(self, side):
        self.side = side

    def area(self):
        return self.side ** 2

    def perimeter(self):
        return 4 * self.side


class Partial(Shape):
    def area(self):
        return 0


print(Square(3).describe(), isinstance(Square(1), Shape), issubclass(Square, ABC))
check("abstract", lambda: Shape())
check("partial abstract", lambda: Partial())


class Plugin(metaclass=ABCMeta):
    @abstractmethod
    def run(self): ...


check("metaclass abstract", lambda: Plugin())


@Shape.register
class Virtual:
    pass


print(isinstance(Virtual(), Shape), issubclass(Virtual, Shape))
print(isinstance([], Iterable), isinstance(5, Iterable), isinstance((1,), Sequence), isinstance({}, Mapping), isinstance({}, MutableMapping))
print(isinstance([], Hashable), isinstance(1, Hashable), isinstance(iter([]), Iterator), isinstance([], Iterator), isinstance(len, Callable))
print(isinstance("x", Sized), isinstance(range(3), Sequence), isinstance(e, Sequence), collections.abc.Iterable)


class Countdown:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n


print(isinstance(Countdown(2), Iterator), isinstance(Countdown(2), Iterable), list(Countdown(3)))


class Registry(MutableMapping):
    def __init__(self):
        self._d = {}

    def __getitem__(self, k):
        return self._d[k]

    def __setitem__(self, k, v):
        self._d[k] = v

    def __delitem__(self, k):
        del self._d[k]

    def __iter__(self):
        return iter(self._d)

    def __len__(self):
        return len(self._d)


r = Registry()
r["a"] = 1
r.update(b=2)
print(dict(r), r.get("z", 0), "a" in r, r.pop("a"), list(r.keys()), list(r.items()), r.setdefault("c", 3), len(r))

original = {"a": [1, 2], "b": {"c": [3]}}
shallow = copy.copy(original)
deep = copy.deepcopy(original)
shallow["a"].append(99)
deep["b"]["c"].append(100)
print(original, shallow, deep)


class Box:
    def __init__(self, items):
        self.items = items


b = Box([1, [2, 3]])
b2 = copy.copy(b)
b3 = copy.deepcopy(b)
b2.items.append(4)
b3.items[1].append(5)
print(b.items, b2.items is b.items, b3.items)
cyc = [1]
cyc.append(cyc)
dc = copy.deepcopy(cyc)
print(dc[1] is dc, dc[0], copy.copy((1, 2)), copy.deepcopy(Employee("z")), copy.copy(5), copy.deepcopy("s"))
Shape()
