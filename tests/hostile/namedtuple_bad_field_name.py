import collections
try:
    collections.namedtuple("P", ["x", "__import__('os')"])
except ValueError as e:
    print(e)
