for b in [b"\xff", b"\xc3(", b"\xe2\x82", b"ab\xf0\x9f\x98", b"\xed\xa0\x80", b"\xf0\x9f\x98x"]:
    try:
        b.decode()
    except UnicodeDecodeError as e:
        print(e)
print(bytes("caf\u00e9", "latin-1"), "caf\u00e9".encode())
