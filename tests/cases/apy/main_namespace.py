"""The __main__ namespace of a script: CPython's names, in CPython's order."""
print(__doc__)
print(dir())
print(list(globals()))
print(len(globals()), len(vars()), len(locals()))
print(__name__, __package__, __spec__, __cached__, __annotations__)
x: int = 1
print(__annotations__, globals()["__annotations__"] is __annotations__)
print([k for k in globals() if not k.startswith("__")])
print("__builtins__" in dir(), "__loader__" in globals())


def f():
    return dir()


print(f())
