try:
    x = [0] * 10**11
except MemoryError:
    print("MemoryError")
x = [1, 2] * 10**11
