a = [x for x in y]
b = [x for x in y if x if not x]
c = [x * y for x in a for y in b if x != y]
d = {x for x in y}
e = {k: v for k, v in d.items() if v}
f = (x for x in y)
g = [[x for x in row] for row in matrix]
h = [x for x in (1, 2, 3)]
i = [(x, y) for x, y in zip(a, b)]
j = [x async for x in aiter()]
k = [await x for x in y]
l = {x: [y for y in x] for x in z}
m = sum(x for x in y)
n = [x for x in y if (z := x)]
o = [x for *a, x in y]
p = [lambda: x for x in y]
q = [x if x else y for x in z]
r = [x for x in (lambda: y)]
s = [x for x in a or b]
