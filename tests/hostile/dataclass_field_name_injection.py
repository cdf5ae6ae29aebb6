from dataclasses import dataclass
class A:
    __annotations__ = {"x=print('injected') or 1": int}
A = dataclass(A)
print(A())
