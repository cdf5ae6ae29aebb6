import typing
class A:
    x: int
    y: None
class B(A):
    z: "list"
print(typing.get_type_hints(A))
