import math

print(math.pi, math.e, math.tau, math.inf, -math.inf, math.nan)
print(math.floor(2.5), math.floor(-2.5), math.ceil(2.1), math.ceil(-2.1), math.trunc(-2.9), math.trunc(7))
print(type(math.floor(2.0)).__name__, math.floor(10**20), math.floor(1e20), math.ceil(True), math.floor(-0.0))
print(math.sqrt(2), math.sqrt(0.0), math.sqrt(-0.0), math.sqrt(10**10), math.isqrt(10**20 + 1), math.isqrt(0))
print(math.exp(1), math.exp(-745.2), math.expm1(1e-10), math.exp2(10), math.exp2(0.5))
print(math.log(100), math.log(100, 10), math.log(8, 2), math.log(2**1000), math.log(10**400, 10))
print(math.log2(3), math.log10(2), math.log1p(1e-20), math.log2(2**80), math.log10(10**30))
print(math.sin(1), math.cos(1), math.tan(1), math.asin(0.5), math.acos(0.5), math.atan(1))
print(math.sinh(1), math.cosh(1), math.tanh(1), math.asinh(1), math.acosh(2), math.atanh(0.5))
print(math.atan2(1, -1), math.atan2(-0.0, -1), math.atan2(0, 0), math.hypot(3, 4), math.hypot(1, 1, 1))
print(math.hypot(), math.hypot(-5), math.hypot(1e200, 1e200), math.hypot(1e-200, 1e-200), math.hypot(0.1, 0.2, 0.3))
print(math.dist((0, 0), (3, 4)), math.dist([1.5, 2.5, 3.5], [0.1, 0.2, 0.3]), math.dist((), ()))
print(math.degrees(1), math.radians(90), math.degrees(math.pi / 3), math.radians(45))
print(math.fabs(-2), math.fabs(-0.0), math.copysign(3, -0.0), math.copysign(-1.5, 2))
print(math.fmod(7, 3), math.fmod(-7, 3), math.fmod(7.5, -2), math.fmod(1, math.inf), math.remainder(7, 2), math.remainder(5, 2))
print(math.modf(3.25), math.modf(-3.25), math.modf(-2.0), math.modf(math.inf), math.frexp(0.0), math.frexp(-10.5), math.frexp(5e-324))
print(math.ldexp(0.75, 4), math.ldexp(1, -1074), math.ldexp(1, -1075), math.ldexp(-3.0, 10**20 * -1))
print(math.pow(2, 0.5), math.pow(-2, 3), math.pow(0, 0), math.pow(math.nan, 0), math.pow(1, math.nan), math.pow(-1, math.inf))
print(math.pow(math.inf, -1), math.pow(-math.inf, 3), math.pow(0.5, -math.inf), math.pow(2, -math.inf))
print(math.factorial(0), math.factorial(20), math.factorial(25), math.factorial(True))
print(math.gcd(), math.gcd(0, 0), math.gcd(12, -18), math.gcd(2**100, 6**50), math.lcm(), math.lcm(0, 5), math.lcm(3, 4, 6))
print(math.comb(5, 2), math.comb(5, 7), math.comb(100, 50), math.perm(5), math.perm(5, 2), math.perm(5, 0), math.perm(3, 4))
print(math.prod([]), math.prod(range(1, 11)), math.prod([2, 2.5]), math.prod([[1]], start=2), math.prod((3,), start=0.5))
print(math.fsum([0.1] * 10), sum([0.1] * 10), math.fsum([1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50]))
print(math.fsum([]), math.fsum([1, 2, 3]), math.fsum(iter([0.5, 0.25])), math.fsum([math.inf, 1]), math.fsum([math.nan, 1]))
print(math.isclose(1.0, 1.0 + 1e-10), math.isclose(1, 1.1), math.isclose(1, 1.1, rel_tol=0.2), math.isclose(0, 1e-10, abs_tol=1e-9))
print(math.isclose(math.inf, math.inf), math.isclose(math.inf, 1e308), math.isclose(math.nan, math.nan))
print(math.isfinite(1e308), math.isfinite(math.inf), math.isinf(-math.inf), math.isnan(math.nan), math.isnan(1))
print(math.ulp(1.0), math.ulp(0.0), math.ulp(1e308), math.nextafter(1, 2), math.nextafter(0, -1))
print(math.cbrt(27), math.cbrt(-8), math.cbrt(2), math.erf(0.5), math.erfc(0.5))
print(round(math.sin(math.pi), 12), math.cos(math.pi), math.floor(-1e-300), math.ceil(1e-300))


class Num:
    def __float__(self):
        return 2.25

    def __index__(self):
        return 7

    def __floor__(self):
        return "floor!"


print(math.sqrt(Num()), math.floor(Num()), math.ceil(Num()), math.factorial(Num()), math.gcd(Num(), 14))
print(math.isqrt(Num()), math.comb(Num(), 2), math.log(Num()))
