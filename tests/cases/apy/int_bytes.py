# int.to_bytes and int.from_bytes: byte orders, signedness, lengths and
# CPython's errors.
for n, length, order, signed in [
    (0, 1, "big", False), (1, 2, "big", False), (1, 2, "little", False),
    (255, 1, "big", False), (256, 2, "big", False), (-1, 1, "big", True),
    (-128, 1, "little", True), (127, 1, "big", True), (-129, 2, "big", True),
    (2**64 + 5, 9, "little", False), (0, 0, "big", False), (-256, 2, "little", True),
]:
    b = n.to_bytes(length, order, signed=signed)
    print(n, b, int.from_bytes(b, order, signed=signed))
print((65).to_bytes(), (1024).to_bytes(length=2, byteorder="little"))
print(int.from_bytes(b"\x01\x00"), int.from_bytes([1, 2], "little"))
print(int.from_bytes(bytearray(b"\xff\xfe"), byteorder="big", signed=True))
print(int.from_bytes(b""), bool.from_bytes(b"\x01"), type(bool.from_bytes(b"\x00")))

for call in [
    lambda: (256).to_bytes(1, "big"),
    lambda: (-1).to_bytes(1, "big"),
    lambda: (128).to_bytes(1, "big", signed=True),
    lambda: (1).to_bytes(1, "middle"),
    lambda: (1).to_bytes(-1),
    lambda: (1).to_bytes(1, 2),
    lambda: (1).to_bytes("a"),
    lambda: (1).to_bytes(1, "big", True),
    lambda: (1).to_bytes(1, "big", sign=True),
    lambda: int.from_bytes("ab"),
    lambda: int.from_bytes(),
    lambda: int.from_bytes([256]),
    lambda: int.from_bytes(5),
    lambda: int.from_bytes(2.5),
    lambda: int.from_bytes((1, "a")),
]:
    try:
        print(call())
    except Exception as e:
        print(type(e).__name__, e)
