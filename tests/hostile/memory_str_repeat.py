try:
    x = "x" * 10**12
except MemoryError:
    print("MemoryError")
x = "ab" * 2**62
