# Operators, precedence and associativity.
a = 1 + 2 * 3 - 4 / 5 // 6 % 7 @ m
b = -2 ** 2, 2 ** -1, 2 ** 3 ** 2, (-2) ** 2, -x ** -y ** z
c = ~x + +y - -z
d = a << 1 >> 2 & 3 ^ 4 | 5
e = a < b <= c > d >= e == f != g
f = a in b, a not in b, a is b, a is not b, not a in b
g = not not a and b or c and not d
h = a if b else c if d else e
i = lambda: 0
j = lambda x, y=1, *args, z, w=2, **kw: x + y
k = lambda x, /, y: (x, y)
l = (yield)
m = x.y.z, x[1], x[1:2], x[::3], x[1:2, ::3], x[...], x[:, None], x[1,], x[a:b:c]
n = f(), f(1, 2), f(*a, **k), f(a=1, *b, c=2, **d), f(x for x in y), f(1)(2)[3].a
o = (1,), (), (1, 2), [1, 2,], {}, {1}, {1: 2, **d, 3: 4}, {*a, *b}, [*a, *b]
p = (a := 1), [y := 2, y ** 2], f(z := 3)
q = await_ = match = case = _ = 1
r = a.b(c)[d](e).f
s = ...
t = x if y else lambda: z
u = (x for x in y), [x for x in y], {x for x in y}, {k: v for k, v in items}
v = 1 if x else 2, 3
w = x[a:=1]
y = print(*args, sep='', end="\n")
z = not -1
aa = -(1)
bb = (a)(b)
cc = (a).b
dd = ((a), (b)), (((c)))
ee = a or b or c
ff = a and b and c or d
gg = [1, 2][0:1][0]
hh = x[*a]
ii = x[*a, b]
