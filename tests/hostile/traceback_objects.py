import sys
try:
    1 / 0
except ZeroDivisionError as e:
    tb = e.__traceback__
    print(type(tb).__name__, tb is not None, sys.exc_info()[2] is tb, e.__traceback__ is tb)
print(ValueError().__traceback__)
class CM:
    def __enter__(self):
        return self
    def __exit__(self, t, e, tb):
        print(t.__name__, type(tb).__name__)
        return True
with CM():
    raise KeyError(1)
e = ValueError("v")
print(e.with_traceback(None) is e, e.__traceback__)
