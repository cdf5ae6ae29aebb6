import operator
def f():
    pass
print(operator.attrgetter("__globals__")(f))
