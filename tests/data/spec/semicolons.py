async def agen():
    yield 1;

if x: y = 1;
elif z: y = 2;
else: y = 3;
while x: x -= 1;
for i in y: pass;
try: pass;
except E: pass;
finally: pass;
with a: pass;
class A: x = 1;
def f(): return 1;
match x:
    case 1: pass;
