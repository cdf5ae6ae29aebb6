# An uncaught NameError ends with CPython's "Did you mean": the raising
# frame's local names are searched first, then the globals, then the
# builtins (a caught one's str() has no suggestion).
counter = 0


def count(step):
    return countr + step


def total(values):
    running_total = 0
    for v in values:
        running_total += v
    return runing_total


try:
    count(1)
except NameError as e:
    print(e, "|", e.name)
try:
    del prnt
except NameError as e:
    print(e)
total([1, 2])
