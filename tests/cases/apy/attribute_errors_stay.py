# Names CPython 3.11 does not have are still AttributeErrors (and hasattr /
# getattr with a default see them as missing), on modules, builtin values
# and classes.
import itertools
import time

for obj, name in [(itertools, "batched"), (time, "nope"), (1, "foo"), ("s", "bar"), ([], "push"), (str, "nope")]:
    print(hasattr(obj, name), getattr(obj, name, "default"))
    try:
        getattr(obj, name)
    except AttributeError as e:
        print(e)
try:
    from itertools import batched
except ImportError as e:
    print(type(e).__name__)
