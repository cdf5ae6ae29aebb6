from contextlib import contextmanager, suppress, nullcontext, closing, ExitStack, ContextDecorator, AbstractContextManager


def check(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, type(e).__name__, e)
    else:
        print(label, "->", r)


@contextmanager
def tag(name):
    print(f"<{name}>")
    try:
        yield name.upper()
    finally:
        print(f"</{name}>")


with tag("b") as t:
    print("inside", t)

with tag("outer"), tag("inner") as i:
    print("nested", i)


@contextmanager
def catching():
    try:
        yield
    except ValueError as e:
        print("caught", e)


with catching():
    raise ValueError("boom")
print("after suppressed")


def uncaught():
    with catching():
        raise KeyError("k")


check("not caught", uncaught)


@contextmanager
def no_yield():
    if False:
        yield


def use_no_yield():
    with no_yield():
        pass


check("no yield", use_no_yield)


@contextmanager
def two_yields():
    yield 1
    yield 2


def use_two():
    with two_yields():
        pass


check("two yields", use_two)


@contextmanager
def transaction(log):
    log.append("begin")
    try:
        yield log
        log.append("commit")
    except Exception:
        log.append("rollback")
        raise


log = []
with transaction(log):
    log.append("work")
print(log)
log = []
check("rollback", lambda: exec_in(log))


def exec_in(log):
    with transaction(log):
        raise RuntimeError("fail")


print(log)


@contextmanager
def converting():
    try:
        yield
    except ZeroDivisionError:
        raise ValueError("converted")


def use_converting():
    with converting():
        1 / 0


check("converted", use_converting)


@tag("deco")
def decorated(x):
    print("running", x)
    return x * 2


print(decorated(21))
print(decorated(1))

with suppress(KeyError, IndexError):
    {}["missing"]
print("suppressed KeyError")
with suppress(ZeroDivisionError):
    pass
check("suppress other", lambda: exec_suppress())


def exec_suppress():
    with suppress(KeyError):
        raise TypeError("not suppressed")


with nullcontext(5) as v:
    print("nullcontext", v)
with nullcontext() as v:
    print("nullcontext", v)


class Resource:
    def __init__(self, name):
        self.name = name

    def close(self):
        print("closing", self.name)


with closing(Resource("r1")) as r:
    print("using", r.name)


class CM:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress

    def __enter__(self):
        print("enter", self.name)
        return self.name

    def __exit__(self, *exc):
        print("exit", self.name, exc[0].__name__ if exc[0] else None)
        return self.suppress


with ExitStack() as stack:
    names = [stack.enter_context(CM(n)) for n in "abc"]
    stack.callback(print, "callback", 1, sep="-")
    print("entered", names)

with ExitStack() as stack:
    stack.enter_context(CM("s", suppress=True))
    stack.enter_context(CM("t"))
    raise ValueError("inside stack")
print("stack suppressed")

with ExitStack() as stack:
    stack.push(CM("pushed"))
    stack.push(lambda *exc: print("push callable", exc[0]))
    moved = stack.pop_all()
print("popped")
moved.close()


def stack_error():
    with ExitStack() as stack:
        stack.callback(print, "cleanup runs")
        raise KeyError("stack")


check("stack error", stack_error)
check("enter_context bad", lambda: ExitStack().enter_context(5))


class Timer(ContextDecorator):
    def __enter__(self):
        print("start")
        return self

    def __exit__(self, *exc):
        print("stop")
        return False


@Timer()
def timed():
    print("timed body")


timed()


class MyCM(AbstractContextManager):
    def __exit__(self, *exc):
        print("MyCM exit")


with MyCM() as m:
    print(type(m).__name__)

with tag("final"):
    raise RuntimeError("escapes")
