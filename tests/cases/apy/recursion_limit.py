# Deep recursion ends in RecursionError (never a crash of the interpreter),
# and the program can carry on afterwards.
import sys


def depth(n):
    return depth(n + 1) + 1


try:
    depth(0)
except RecursionError as e:
    print("caught:", e)

print(sys.getrecursionlimit())


def nested(n):
    return 0 if n == 0 else 1 + nested(n - 1)


print(nested(900))
