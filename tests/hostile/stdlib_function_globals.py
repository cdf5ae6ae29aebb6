import dataclasses
ns = dataclasses.fields.__globals__
print(sorted(ns))
