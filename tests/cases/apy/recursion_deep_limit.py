# Any recursion limit the program sets can be reached: with a limit of a
# million, a 150,000-deep recursion returns (apy grows its stack on demand);
# past the limit it is still a clean RecursionError.
import sys

sys.setrecursionlimit(10**6)
print(sys.getrecursionlimit())


def depth(n):
    return 0 if n == 0 else depth(n - 1) + 1


print(depth(150_000))


class Tree:
    def size(self, n):
        for _ in range(1):
            if n:
                return self.size(n - 1) + 1
        return 0


print(Tree().size(50_000))


def gen(n):
    if n:
        yield from gen(n - 1)
    yield n


print(sum(gen(2_000)))

sys.setrecursionlimit(5000)


def runaway(n):
    return runaway(n + 1)


try:
    runaway(0)
except RecursionError as e:
    print("RecursionError:", e)

for bad in (0, -1, 2**31, 2, 1.5):
    try:
        sys.setrecursionlimit(bad)
    except (ValueError, OverflowError, RecursionError, TypeError) as e:
        print(type(e).__name__, e)
print(sys.getrecursionlimit())
