s = "\u00e9" * 100000
print(len(repr(s)), repr(s)[:5])
