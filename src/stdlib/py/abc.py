"""abc for apy: abstract base classes.

apy has no metaclasses: ABCMeta is accepted as `metaclass=` (classes made
with it refuse instantiation while they have abstract methods), and
`register` is a class method of ABC.
"""


class ABCMeta:
    """Metaclass for defining Abstract Base Classes (ABCs)."""

    def __new__(cls, *args, **kwargs):
        _apy_unsupported("calling abc.ABCMeta directly")

    def register(cls, subclass):
        _apy_register(cls, subclass)
        return subclass


def abstractmethod(funcobj):
    funcobj.__isabstractmethod__ = True
    return funcobj


def abstractclassmethod(callable):
    callable.__isabstractmethod__ = True
    return classmethod(callable)


def abstractstaticmethod(callable):
    callable.__isabstractmethod__ = True
    return staticmethod(callable)


def abstractproperty(fget=None, fset=None, fdel=None, doc=None):
    if fget is not None:
        fget.__isabstractmethod__ = True
    return property(fget, fset, fdel, doc)


class ABC(metaclass=ABCMeta):
    """Helper class that provides a standard way to create an ABC using
    inheritance.
    """
    __slots__ = ()

    @classmethod
    def register(cls, subclass):
        _apy_register(cls, subclass)
        return subclass


def update_abstractmethods(cls):
    return cls


def get_cache_token():
    return 0
