# random with a seed draws exactly the numbers CPython 3.11 draws: the
# generator, every distribution, getstate/setstate and the errors.
import random
random.seed(42)
print(random.random(), random.random())
print(random.randint(1, 10), random.randrange(100), random.randrange(0, 100, 7), random.randrange(10, 0, -3))
print(random.choice("abcdef"), random.choice([1, 2, 3]))
x = list(range(20)); random.shuffle(x); print(x)
print(random.sample(range(100), 5), random.sample(range(10**6), 8), random.sample(["a", "b", "c"], 3))
print(random.sample(["red", "blue"], counts=[4, 2], k=5))
print(random.choices("abc", k=5), random.choices("abc", weights=[1, 5, 10], k=5), random.choices("abc", cum_weights=[1, 2, 3], k=3))
print(random.uniform(1, 2), random.triangular(), random.gauss(0, 1), random.gauss(0, 1), random.normalvariate(), random.expovariate(2))
print(random.lognormvariate(0, 1), random.vonmisesvariate(0, 1), random.gammavariate(0.5, 1), random.gammavariate(2.5, 1), random.gammavariate(1, 2))
print(random.betavariate(2, 3), random.paretovariate(3), random.weibullvariate(1, 2))
print(random.getrandbits(1), random.getrandbits(31), random.getrandbits(32), random.getrandbits(33), random.getrandbits(100), random.getrandbits(0))
print(random.randbytes(5))
s = random.getstate()
a = [random.random() for _ in range(3)]
random.setstate(s)
print(a == [random.random() for _ in range(3)], len(s[1]), s[0])
for seed in [0, 1, -1, 2**32, 2**64 + 3, 12345678901234567890123, 1.5, -2.25, True, 0.0]:
    random.seed(seed)
    print(seed, random.random(), random.randint(0, 1000))
r = random.Random(7)
r2 = random.Random(7)
print(r.random() == r2.random(), r.randint(1, 6), type(r).__name__)
for bad in [lambda: random.randrange(0), lambda: random.randrange(5, 5), lambda: random.randrange(0, 10, 0),
            lambda: random.choice([]), lambda: random.sample(range(3), 4), lambda: random.sample({1, 2}, 1),
            lambda: random.getrandbits(-1), lambda: random.seed([1]), lambda: random.choices("ab", [1], k=1),
            lambda: random.choices("ab", 3), lambda: random.randrange(3, step=2)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
