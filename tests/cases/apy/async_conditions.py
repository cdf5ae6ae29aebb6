# Conditions of `if` and `while` in bodies that suspend: each operand's
# truth is asked once, as CPython's jumps ask it.
import asyncio


class Loud:
    def __init__(self, name, value):
        self.name = name
        self.value = value

    def __bool__(self):
        print("bool", self.name)
        return self.value


class Cmp:
    def __lt__(self, other):
        print("lt")
        return Loud("lt-result", True)


async def main():
    a, b = Loud("a", True), Loud("b", False)
    if a and b:
        await asyncio.sleep(0)
        print("both")
    else:
        await asyncio.sleep(0)
        print("not both")
    n = 0
    while a or b:
        await asyncio.sleep(0)
        n += 1
        if n == 2:
            break
    if not b:
        await asyncio.sleep(0)
        print("not b")
    if Cmp() < 1:
        await asyncio.sleep(0)
        print("lt true")
    x = None
    while x is None:
        x = await asyncio.sleep(0, result=3)
    print(x, x is not None)
    count = 0
    while True:
        await asyncio.sleep(0)
        count += 1
        if count >= 3:
            break
    print(count)


asyncio.run(main())
