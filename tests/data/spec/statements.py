x = 1
x = y = z = 2
x, y = y, x
[a, b] = c
(a, b), c = d
a, *b = c
*a, b = c
a, = b
x += 1; x -= 1; x *= 2; x /= 2; x //= 2; x %= 2; x **= 2; x @= m
x <<= 1; x >>= 1; x &= 1; x |= 1; x ^= 1
x: int
x: int = 1
(x): int = 1
x.y: str = "a"
x[0]: float
obj.attr = 1
obj[i] = 2
obj[i:j] = []
del x
del x, y
del x[0], x.y, (a, b), [c]
pass
assert x
assert x, "message"
raise
raise E
raise E("x") from None
global g1, g2
if a:
    pass
elif b:
    pass
elif c:
    pass
else:
    pass
if a: b = 1
while x:
    x -= 1
    if x: break
    else: continue
else:
    pass
for i in range(10):
    pass
else:
    pass
for i, (j, k) in items: pass
for x, in y: pass
for x in 1, 2, 3: pass
for x in *a, *b: pass
with a: pass
with a as b, c as d: pass
with (a as b, c as d): pass
with (a, b): pass
with (a) as b: pass
with (a, b) as c: pass
with (yield): pass
with a as (b, c): pass
with a as b[0]: pass
with (
    open("a") as f,
    open("b") as g,
): pass
try:
    pass
except ValueError:
    pass
except (TypeError, KeyError) as e:
    pass
except:
    pass
else:
    pass
finally:
    pass
try:
    pass
finally:
    pass
try:
    pass
except* ValueError as eg:
    pass
except* (TypeError, KeyError):
    pass
x = yield
x = yield 1, 2
x = yield from y
yield
yield x
yield from x
await_ = 1
print(x); print(y);
if x:
    pass
# comment
    # indented comment
if y:
    pass
