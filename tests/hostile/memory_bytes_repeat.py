try:
    x = b"x" * 10**12
except MemoryError:
    print("MemoryError")
