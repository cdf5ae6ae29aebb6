def g():
    yield 1
it = g()
next(it)
print(it.gi_frame.f_back)
