# A hundred thousand generators still suspended at exit are closed one
# after another (not each inside the previous one's close), quickly.

N = 100_000


def g(i, box, n):
    # Only locals here: at exit apy clears the globals before it closes
    # the generators.
    try:
        yield i
    finally:
        box[0] += 1
        if box[0] == n:
            print("all", n, "closed")


box = [0]
gens = [g(i, box, N) for i in range(N)]
for x in gens:
    next(x)
del x
print("end of program")
