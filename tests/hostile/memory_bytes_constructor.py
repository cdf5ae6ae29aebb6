try:
    x = bytes(10**12)
except MemoryError:
    print("MemoryError")
