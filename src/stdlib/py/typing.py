"""typing for apy: enough for annotations and the common runtime helpers.

Subscripted forms are _GenericAlias objects with CPython's reprs. Generic,
Protocol, NamedTuple and TypedDict are classes (apy has no
__mro_entries__), so they can be used as bases.
"""

import collections
import collections.abc
import functools

TYPE_CHECKING = False


def _type_repr(obj):
    if isinstance(obj, type):
        if obj.__module__ == 'builtins':
            return obj.__qualname__
        return f'{obj.__module__}.{obj.__qualname__}'
    if obj is ...:
        return '...'
    if type(obj).__name__ == 'function':
        return obj.__name__
    return repr(obj)


class ForwardRef:
    def __init__(self, arg):
        self.__forward_arg__ = arg

    def __eq__(self, other):
        if not isinstance(other, ForwardRef):
            return NotImplemented
        return self.__forward_arg__ == other.__forward_arg__

    def __hash__(self):
        return hash(self.__forward_arg__)

    def __repr__(self):
        return f'ForwardRef({self.__forward_arg__!r})'


def _type_check(arg):
    if arg is None:
        return type(None)
    if isinstance(arg, str):
        return ForwardRef(arg)
    return arg


class _Final:
    __slots__ = ()


class _SpecialForm(_Final):
    """Any, Union, Optional, ClassVar, ... (printed as typing.NAME)."""

    def __init__(self, name, getitem=None):
        self._name = name
        self._getitem = getitem

    def __repr__(self):
        return 'typing.' + self._name

    def __getitem__(self, parameters):
        if self._getitem is None:
            raise TypeError(f"{self} is not subscriptable")
        return self._getitem(self, parameters)

    def __call__(self, *args, **kwds):
        raise TypeError(f"Cannot instantiate {self!r}")

    def __eq__(self, other):
        return self is other

    def __hash__(self):
        return hash(self._name)

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]


class _GenericAlias(_Final):
    """A subscripted generic: List[int], Box[T], ClassVar[int], ..."""

    def __init__(self, origin, args, name=None):
        if not isinstance(args, tuple):
            args = (args,)
        self.__origin__ = origin
        self.__args__ = tuple(... if a is ... else _type_check(a) for a in args)
        self._name = name
        self.__parameters__ = tuple(a for a in self.__args__ if isinstance(a, TypeVar))

    def __repr__(self):
        if self._name:
            name = 'typing.' + self._name
        else:
            name = _type_repr(self.__origin__)
        if self.__args__ == ((),):
            return f'{name}[()]'
        return f'{name}[{", ".join(_type_repr(a) for a in self.__args__)}]'

    def __eq__(self, other):
        if not isinstance(other, _GenericAlias):
            return NotImplemented
        return (self.__origin__ == other.__origin__
                and self.__args__ == other.__args__)

    def __hash__(self):
        return hash((self.__origin__, self.__args__))

    def __call__(self, *args, **kwargs):
        if self._name and isinstance(self.__origin__, type) and self.__origin__.__module__ in ('builtins', 'collections'):
            raise TypeError(f"Type {self._name} cannot be instantiated; "
                            f"use {self.__origin__.__name__}() instead")
        result = self.__origin__(*args, **kwargs)
        try:
            result.__orig_class__ = self
        except Exception:
            pass
        return result

    def __getitem__(self, args):
        if not isinstance(args, tuple):
            args = (args,)
        subst = dict(zip(self.__parameters__, args))
        new_args = tuple(subst.get(a, a) for a in self.__args__)
        return _GenericAlias(self.__origin__, new_args, self._name)

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]

    def __getattr__(self, attr):
        if attr.startswith('__') and attr.endswith('__'):
            raise AttributeError(attr)
        return getattr(self.__origin__, attr)

    def __instancecheck__(self, obj):
        raise TypeError("Subscripted generics cannot be used with"
                        " class and instance checks")


class _UnionGenericAlias(_GenericAlias):
    def __repr__(self):
        args = self.__args__
        if len(args) == 2:
            if args[0] is type(None):
                return f'typing.Optional[{_type_repr(args[1])}]'
            if args[1] is type(None):
                return f'typing.Optional[{_type_repr(args[0])}]'
        return super().__repr__()

    def __eq__(self, other):
        if not isinstance(other, _UnionGenericAlias):
            return NotImplemented
        return set(self.__args__) == set(other.__args__)

    def __hash__(self):
        return hash(frozenset(self.__args__))


class _SpecialGenericAlias(_Final):
    """The bare aliases List, Dict, ... of typing."""

    def __init__(self, origin, nparams, name):
        self.__origin__ = origin
        self._nparams = nparams
        self._name = name

    def __repr__(self):
        return 'typing.' + self._name

    def __getitem__(self, params):
        if not isinstance(params, tuple):
            params = (params,)
        if self._nparams >= 0 and len(params) != self._nparams:
            raise TypeError(f"Too {'many' if len(params) > self._nparams else 'few'} arguments for {self};"
                            f" actual {len(params)}, expected {self._nparams}")
        return _GenericAlias(self.__origin__, params, self._name)

    def __call__(self, *args, **kwargs):
        raise TypeError(f"Type {self._name} cannot be instantiated; "
                        f"use {self.__origin__.__name__}() instead")

    def __eq__(self, other):
        return self is other

    def __hash__(self):
        return hash(self._name)

    def __getattr__(self, attr):
        if attr.startswith('__') and attr.endswith('__'):
            raise AttributeError(attr)
        return getattr(self.__origin__, attr)

    def __or__(self, other):
        return Union[self, other]


class _TupleAlias(_SpecialGenericAlias):
    def __getitem__(self, params):
        if params == ():
            return _GenericAlias(tuple, ((),), 'Tuple')
        if not isinstance(params, tuple):
            params = (params,)
        return _GenericAlias(tuple, params, 'Tuple')


class _CallableGenericAlias(_GenericAlias):
    def __repr__(self):
        args = self.__args__
        if len(args) == 2 and args[0] is ...:
            return f'typing.Callable[..., {_type_repr(args[1])}]'
        return (f'typing.Callable'
                f'[[{", ".join([_type_repr(a) for a in args[:-1]])}], '
                f'{_type_repr(args[-1])}]')


class _CallableAlias(_SpecialGenericAlias):
    def __getitem__(self, params):
        if not isinstance(params, tuple) or len(params) != 2:
            raise TypeError("Callable must be used as "
                            "Callable[[arg, ...], result].")
        args, result = params
        if args is ...:
            params = (..., result)
        else:
            if not isinstance(args, list):
                raise TypeError(f"Callable[args, result]: args must be a list."
                                f" Got {args}")
            params = (*args, result)
        return _CallableGenericAlias(collections.abc.Callable, params, 'Callable')


def _union_getitem(self, parameters):
    if parameters == ():
        raise TypeError("Cannot take a Union of no types.")
    if not isinstance(parameters, tuple):
        parameters = (parameters,)
    flat = []
    for p in parameters:
        p = _type_check(p)
        if isinstance(p, _UnionGenericAlias):
            flat.extend(p.__args__)
        else:
            flat.append(p)
    params = []
    for p in flat:
        if p not in params:
            params.append(p)
    if len(params) == 1:
        return params[0]
    return _UnionGenericAlias(self, tuple(params))


def _optional_getitem(self, parameters):
    arg = _type_check(parameters)
    return Union[arg, type(None)]


def _simple_getitem(self, parameters):
    return _GenericAlias(self, parameters, self._name)


def _literal_getitem(self, parameters):
    if not isinstance(parameters, tuple):
        parameters = (parameters,)
    alias = _GenericAlias(self, (), self._name)
    alias.__args__ = parameters
    return alias


def _annotated_getitem(self, params):
    if not isinstance(params, tuple) or len(params) < 2:
        raise TypeError("Annotated[...] should be used "
                        "with at least two arguments (a type and an "
                        "annotation).")
    alias = _GenericAlias(self, (params[0],), self._name)
    alias.__metadata__ = params[1:]
    alias.__args__ = params
    alias.__repr__ = None
    return alias


Any = _SpecialForm('Any')
NoReturn = _SpecialForm('NoReturn')
Never = _SpecialForm('Never')
Self = _SpecialForm('Self')
LiteralString = _SpecialForm('LiteralString')
TypeAlias = _SpecialForm('TypeAlias')
ClassVar = _SpecialForm('ClassVar', _simple_getitem)
Final = _SpecialForm('Final', _simple_getitem)
Union = _SpecialForm('Union', _union_getitem)
Optional = _SpecialForm('Optional', _optional_getitem)
Literal = _SpecialForm('Literal', _literal_getitem)
Annotated = _SpecialForm('Annotated', _annotated_getitem)
Concatenate = _SpecialForm('Concatenate', _simple_getitem)
TypeGuard = _SpecialForm('TypeGuard', _simple_getitem)
Required = _SpecialForm('Required', _simple_getitem)
NotRequired = _SpecialForm('NotRequired', _simple_getitem)
Unpack = _SpecialForm('Unpack', _simple_getitem)


class TypeVar(_Final):
    def __init__(self, name, *constraints, bound=None, covariant=False,
                 contravariant=False):
        self.__name__ = name
        if covariant and contravariant:
            raise ValueError("Bivariant types are not supported.")
        self.__covariant__ = bool(covariant)
        self.__contravariant__ = bool(contravariant)
        if constraints and bound is not None:
            raise TypeError("Constraints cannot be combined with bound=...")
        if len(constraints) == 1:
            raise TypeError("A single constraint is not allowed")
        self.__constraints__ = tuple(_type_check(t) for t in constraints)
        self.__bound__ = _type_check(bound) if bound is not None else None

    def __repr__(self):
        if self.__covariant__:
            prefix = '+'
        elif self.__contravariant__:
            prefix = '-'
        else:
            prefix = '~'
        return prefix + self.__name__

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]


class ParamSpec(_Final):
    def __init__(self, name, *, bound=None, covariant=False, contravariant=False):
        self.__name__ = name
        self.args = _SpecialForm(f'{name}.args')
        self.kwargs = _SpecialForm(f'{name}.kwargs')

    def __repr__(self):
        return '~' + self.__name__


class TypeVarTuple(_Final):
    def __init__(self, name):
        self.__name__ = name

    def __repr__(self):
        return self.__name__


AnyStr = TypeVar('AnyStr', bytes, str)
Text = str


class Generic:
    """Abstract base class for generic types."""
    __slots__ = ()

    def __class_getitem__(cls, params):
        if cls is Generic or cls is Protocol:
            return cls
        return _GenericAlias(cls, params)


class Protocol(Generic):
    __slots__ = ()

    def __init_subclass__(cls, *args, **kwargs):
        super().__init_subclass__(*args, **kwargs)
        cls._is_protocol = any(b is Protocol for b in cls.__bases__)


def runtime_checkable(cls):
    return cls


List = _SpecialGenericAlias(list, 1, 'List')
Dict = _SpecialGenericAlias(dict, 2, 'Dict')
Set = _SpecialGenericAlias(set, 1, 'Set')
FrozenSet = _SpecialGenericAlias(frozenset, 1, 'FrozenSet')
Tuple = _TupleAlias(tuple, -1, 'Tuple')
Type = _SpecialGenericAlias(type, 1, 'Type')
Callable = _CallableAlias(collections.abc.Callable, 2, 'Callable')
DefaultDict = _SpecialGenericAlias(collections.defaultdict, 2, 'DefaultDict')
OrderedDict = _SpecialGenericAlias(collections.OrderedDict, 2, 'OrderedDict')
Counter = _SpecialGenericAlias(collections.Counter, 1, 'Counter')
ChainMap = _SpecialGenericAlias(collections.ChainMap, 2, 'ChainMap')
Deque = _SpecialGenericAlias(collections.deque, 1, 'Deque')
Hashable = _SpecialGenericAlias(collections.abc.Hashable, 0, 'Hashable')
Sized = _SpecialGenericAlias(collections.abc.Sized, 0, 'Sized')
Awaitable = _SpecialGenericAlias(collections.abc.Awaitable, 1, 'Awaitable')
Coroutine = _SpecialGenericAlias(collections.abc.Coroutine, 3, 'Coroutine')
AsyncIterable = _SpecialGenericAlias(collections.abc.AsyncIterable, 1, 'AsyncIterable')
AsyncIterator = _SpecialGenericAlias(collections.abc.AsyncIterator, 1, 'AsyncIterator')
AsyncGenerator = _SpecialGenericAlias(collections.abc.AsyncGenerator, 2, 'AsyncGenerator')
Iterable = _SpecialGenericAlias(collections.abc.Iterable, 1, 'Iterable')
Iterator = _SpecialGenericAlias(collections.abc.Iterator, 1, 'Iterator')
Reversible = _SpecialGenericAlias(collections.abc.Reversible, 1, 'Reversible')
Generator = _SpecialGenericAlias(collections.abc.Generator, 3, 'Generator')
Container = _SpecialGenericAlias(collections.abc.Container, 1, 'Container')
Collection = _SpecialGenericAlias(collections.abc.Collection, 1, 'Collection')
AbstractSet = _SpecialGenericAlias(collections.abc.Set, 1, 'AbstractSet')
MutableSet = _SpecialGenericAlias(collections.abc.MutableSet, 1, 'MutableSet')
Mapping = _SpecialGenericAlias(collections.abc.Mapping, 2, 'Mapping')
MutableMapping = _SpecialGenericAlias(collections.abc.MutableMapping, 2, 'MutableMapping')
Sequence = _SpecialGenericAlias(collections.abc.Sequence, 1, 'Sequence')
MutableSequence = _SpecialGenericAlias(collections.abc.MutableSequence, 1, 'MutableSequence')
MappingView = _SpecialGenericAlias(collections.abc.MappingView, 1, 'MappingView')
KeysView = _SpecialGenericAlias(collections.abc.KeysView, 1, 'KeysView')
ItemsView = _SpecialGenericAlias(collections.abc.ItemsView, 2, 'ItemsView')
ValuesView = _SpecialGenericAlias(collections.abc.ValuesView, 1, 'ValuesView')


class SupportsInt(Protocol):
    __slots__ = ()


class SupportsFloat(Protocol):
    __slots__ = ()


class SupportsIndex(Protocol):
    __slots__ = ()


class SupportsAbs(Protocol):
    __slots__ = ()


class SupportsRound(Protocol):
    __slots__ = ()


def cast(typ, val):
    return val


def assert_type(val, typ, /):
    return val


def _overload_dummy(*args, **kwds):
    raise NotImplementedError(
        "You should not call an overloaded function. "
        "A series of @typing.overload-decorated functions "
        "outside a stub module should always be followed "
        "by an implementation that is not @typing.overload-decorated.")


def overload(func):
    return _overload_dummy


def get_overloads(func):
    return []


def final(f):
    try:
        f.__final__ = True
    except (AttributeError, TypeError):
        pass
    return f


def no_type_check(arg):
    return arg


def no_type_check_decorator(decorator):
    return decorator


def dataclass_transform(**kwargs):
    def decorator(cls_or_fn):
        return cls_or_fn
    return decorator


def reveal_type(obj, /):
    import sys
    print(f"Runtime type is {type(obj).__name__!r}", file=sys.stderr)
    return obj


def assert_never(arg, /):
    value = repr(arg)
    if len(value) > 100:
        value = value[:100] + '...'
    raise AssertionError(f"Expected code to be unreachable, but got: {value}")


def get_origin(tp):
    if isinstance(tp, _GenericAlias):
        if isinstance(tp.__origin__, _SpecialForm) and tp.__origin__._name == 'Annotated':
            return tp.__origin__
        return tp.__origin__
    if tp is Generic:
        return Generic
    return None


def get_args(tp):
    if isinstance(tp, _GenericAlias):
        res = tp.__args__
        if isinstance(tp, _CallableGenericAlias) and res[0] is not ...:
            res = (list(res[:-1]), res[-1])
        if res == ((),):
            return ()
        return res
    return ()


def get_type_hints(obj, globalns=None, localns=None, include_extras=False):
    # CPython evaluates string annotations (with eval), also inside
    # generic arguments, and strips Annotated: apy does neither. It does
    # not keep the annotations of functions either.
    if not isinstance(obj, type):
        _apy_unsupported("typing.get_type_hints of anything but a class")
    hints = {}
    for base in reversed(obj.__mro__):
        for name, value in base.__dict__.get('__annotations__', {}).items():
            if value is None:
                value = type(None)
            if not _apy_plain_hint(value):
                _apy_unsupported(
                    "typing.get_type_hints of a string or Annotated annotation "
                    "(CPython evaluates strings)")
            hints[name] = value
    return hints


def _apy_plain_hint(value):
    if isinstance(value, (str, ForwardRef)):
        return False
    if getattr(value, '__metadata__', None) is not None:
        return False
    args = getattr(value, '__args__', None)
    if isinstance(args, tuple):
        return all(_apy_plain_hint(a) for a in args if a is not ...)
    return True


def is_typeddict(tp):
    return isinstance(tp, type) and issubclass(tp, TypedDict) and tp is not TypedDict


class NewType:
    def __init__(self, name, tp):
        self.__qualname__ = name
        if '.' in name:
            name = name.split('.')[-1]
        self.__name__ = name
        self.__supertype__ = tp
        self.__module__ = '__main__'

    def __repr__(self):
        return f'{self.__module__}.{self.__qualname__}'

    def __call__(self, x):
        return x

    def __or__(self, other):
        return Union[self, other]


class NamedTuple:
    """Typed version of namedtuple: subclass it with annotated fields."""

    def __new__(cls, typename=None, fields=None, /, **kwargs):
        if cls is not NamedTuple:
            return object.__new__(cls)
        if fields is None:
            fields = kwargs.items()
        fields = list(fields)
        return collections.namedtuple(typename, [n for n, t in fields])

    def __init_subclass__(cls, **kwargs):
        if NamedTuple not in cls.__bases__:
            return
        types = cls.__dict__.get('__annotations__', {})
        field_names = list(types)
        defaults = []
        for name in field_names:
            if name in cls.__dict__:
                defaults.append(cls.__dict__[name])
            elif defaults:
                raise TypeError(f"Non-default namedtuple field {name} "
                                f"cannot follow default field"
                                f"{'s' if len(defaults) > 1 else ''} "
                                f"{', '.join(field_names[:len(defaults)])}")
        base = collections.namedtuple(cls.__name__, field_names,
                                      defaults=defaults, module=cls.__module__)
        for key, value in base.__dict__.items():
            if key in ('__slots__', '__module__', '__qualname__', '__dict__', '__weakref__'):
                continue
            if key in ('__doc__',) and cls.__dict__.get('__doc__') is not None:
                continue
            if key in cls.__dict__ and key not in field_names:
                continue
            if key == '__new__':
                value.__qualname__ = f'{cls.__qualname__}.__new__'
            setattr(cls, key, value)
        cls.__annotations__ = types
        _apy_register(tuple, cls)


class _TypedDictBase:
    """Base of TypedDict classes: calling one makes a plain dict."""

    def __new__(cls, *args, **kwargs):
        return dict(*args, **kwargs)

    def __init_subclass__(cls, total=True, **kwargs):
        cls.__total__ = total
        annotations = {}
        for base in reversed(cls.__mro__):
            annotations.update(base.__dict__.get('__annotations__', {}))
        cls.__annotations__ = annotations
        keys = frozenset(annotations)
        cls.__required_keys__ = keys if total else frozenset()
        cls.__optional_keys__ = frozenset() if total else keys


TypedDict = _TypedDictBase


def _typeddict_functional(typename, fields=None, /, *, total=True, **kwargs):
    if fields is None:
        fields = kwargs
    ns = {'__annotations__': dict(fields), '__module__': '__main__'}
    return _apy_make_class(typename, (_TypedDictBase,), ns, typename)


class IO(Generic):
    __slots__ = ()


class TextIO(IO):
    __slots__ = ()


class BinaryIO(IO):
    __slots__ = ()


Pattern = _SpecialGenericAlias(str, 1, 'Pattern')
Match = _SpecialGenericAlias(str, 1, 'Match')
