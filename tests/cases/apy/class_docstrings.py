# A class's docstring is its __doc__; a class without one has __doc__ None
# of its own (not its base's), and instances see their class's.
class Documented:
    """What it is for."""

    def method(self):
        "What the method does."

    seen_in_body = __doc__


class Child(Documented):
    pass


class Plain:
    x = 1


class NotADocstring:
    x = 1
    "too late to be a docstring"


print(Documented.__doc__)
print(Documented.seen_in_body)
print(Child.__doc__, Plain.__doc__, NotADocstring.__doc__)
print(Documented().__doc__, Child().__doc__, Plain().__doc__)
print(Documented.method.__doc__)
print("__doc__" in Plain.__dict__, Plain.__dict__["__doc__"])
Plain.__doc__ = "set later"
print(Plain.__doc__, Plain().__doc__)
