def f():
    pass
print("{0.__globals__}".format(f))
