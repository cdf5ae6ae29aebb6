"""enum for apy.

apy has no metaclasses: members are made when an Enum subclass is created
(__init_subclass__), and the class-level behaviour of EnumType (calling,
iterating, len, `in`, repr of the class) goes through apy's class hooks.
IntEnum, StrEnum and IntFlag members behave as ints/strs (they hold the
value and delegate to it) and count as instances of int/str.
"""

__all__ = ['EnumType', 'EnumMeta', 'Enum', 'IntEnum', 'StrEnum', 'Flag',
           'IntFlag', 'ReprEnum', 'auto', 'unique', 'property', 'verify',
           'member', 'nonmember', 'FlagBoundary', 'STRICT', 'CONFORM',
           'EJECT', 'KEEP', 'global_flag_repr', 'global_enum_repr',
           'global_str', 'global_enum', 'EnumCheck', 'CONTINUOUS',
           'NAMED_FLAGS', 'UNIQUE', 'pickle_by_global_name',
           'pickle_by_enum_name']

_builtin_property = property


class auto:
    """Instances are replaced with an appropriate value in Enum class suites."""

    _counter = 0

    def __init__(self, value=None):
        self.value = value
        auto._counter += 1
        self._order = auto._counter

    def __repr__(self):
        return "auto(%r)" % (self.value,)


class member:
    def __init__(self, value):
        self.value = value


class nonmember:
    def __init__(self, value):
        self.value = value


def _is_dunder(name):
    return (len(name) > 4 and name[:2] == name[-2:] == '__'
            and name[2] != '_' and name[-3] != '_')


def _is_sunder(name):
    return (len(name) > 2 and name[0] == name[-1] == '_'
            and name[1:2] != '_' and name[-2:-1] != '_')


def _is_private(cls_name, name):
    pattern = '_%s__' % (cls_name, )
    return (len(name) > len(pattern) and name.startswith(pattern)
            and not name.endswith('__'))


def _is_descriptor(obj):
    return (hasattr(obj, '__get__') or hasattr(obj, '__set__')
            or hasattr(obj, '__delete__')
            or type(obj).__name__ in ('function', 'builtin_function_or_method',
                                      'property', 'classmethod', 'staticmethod'))


class EnumType:
    """Stands for the metaclass of enums (apy has no metaclasses)."""


EnumMeta = EnumType

# Defined below; referenced while the base classes themselves are created.
Flag = StrEnum = IntEnum = IntFlag = ReprEnum = None


def _unwrap(value):
    return value._value_ if isinstance(value, (IntEnum, IntFlag)) else value


class Enum:
    """Create a collection of name/value pairs."""

    _member_names_ = []
    _member_map_ = {}
    _value2member_map_ = {}

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        if not last_values:
            return start
        for v in reversed(last_values):
            try:
                return v + 1
            except TypeError:
                pass
        return start

    @classmethod
    def _missing_(cls, value):
        return None

    def __init_subclass__(cls, **kwds):
        _make_members(cls, kwds.pop('boundary', None))

    def __repr__(self):
        return "<%s.%s: %r>" % (self.__class__.__name__, self._name_, self._value_)

    def __str__(self):
        return "%s.%s" % (self.__class__.__name__, self._name_)

    def __format__(self, format_spec):
        return format(str(self), format_spec)

    def __hash__(self):
        return hash(self._name_)

    def __reduce_ex__(self, proto):
        return self.__class__, (self._value_, )

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    @_builtin_property
    def name(self):
        return self._name_

    @_builtin_property
    def value(self):
        return self._value_

    def __class_getitem__(cls, name):
        return cls._member_map_[name]

    def __apy_class_call__(cls, value=None, *args, names=None, module=None,
                           qualname=None, type=None, start=1, boundary=None):
        if args:
            if names is None and len(args) == 1:
                names = args[0]
            else:
                raise TypeError(f"{cls.__name__}() takes at most 2 positional arguments")
        if names is not None:
            return _functional(cls, value, names, module, qualname, type, start)
        if not cls._member_names_ and cls in (Enum, IntEnum, StrEnum, Flag, IntFlag, ReprEnum):
            raise TypeError(f"{cls.__name__}() missing 1 required positional argument: 'names'")
        return _lookup(cls, value)

    def __apy_class_iter__(cls):
        return iter([cls._member_map_[name] for name in cls._member_names_])

    def __apy_class_len__(cls):
        return len(cls._member_names_)

    def __apy_class_contains__(cls, member):
        if not isinstance(member, Enum):
            raise TypeError(
                "unsupported operand type(s) for 'in': '%s' and '%s'" % (
                    type(member).__qualname__, 'EnumType'))
        return isinstance(member, cls) and member._name_ in cls._member_map_

    def __apy_class_repr__(cls):
        if issubclass(cls, Flag):
            return "<flag %r>" % (cls.__name__, )
        return "<enum %r>" % (cls.__name__, )


_apy_class_hooks(Enum)


def _lookup(cls, value):
    if type(value) is cls:
        return value
    try:
        return cls._value2member_map_[value]
    except (KeyError, TypeError):
        pass
    for name in cls._member_names_:
        member = cls._member_map_[name]
        if member._value_ == value:
            return member
    result = cls._missing_(value)
    if isinstance(result, cls):
        return result
    if result is not None:
        raise TypeError('error in %s._missing_: returned %r instead of None or a valid member'
                        % (cls.__name__, result))
    raise ValueError("%r is not a valid %s" % (value, cls.__qualname__))


def _new_member(cls, name, value):
    member = object.__new__(cls)
    init = None
    for klass in cls.__mro__:
        if '__init__' in klass.__dict__:
            init = klass.__dict__['__init__']
            break
    object.__setattr__(member, '_value_', value)
    object.__setattr__(member, '_name_', name)
    object.__setattr__(member, '__objclass__', cls)
    if init is not None and type(init).__name__ == 'function':
        args = value if isinstance(value, tuple) else (value, )
        init(member, *args)
    return member


def _make_members(cls, boundary):
    for base in cls.__mro__[1:]:
        if base.__dict__.get('_member_names_'):
            raise TypeError("<enum %r> cannot extend <enum %r>"
                            % (cls.__name__, base.__name__))
    if '__new__' in cls.__dict__:
        _apy_unsupported("enum classes with a custom __new__")
    members = []
    for name, value in cls.__dict__.items():
        if isinstance(value, nonmember):
            setattr(cls, name, value.value)
            continue
        if isinstance(value, member):
            members.append((name, value.value))
            continue
        if (_is_dunder(name) or _is_sunder(name) or _is_private(cls.__name__, name)
                or _is_descriptor(value) or isinstance(value, type)):
            continue
        members.append((name, value))
    cls._member_names_ = []
    cls._member_map_ = {}
    cls._value2member_map_ = {}
    last_values = []
    is_flag = Flag is not None and issubclass(cls, Flag)
    for index, (name, value) in enumerate(members):
        if isinstance(value, auto):
            if value.value is None:
                value.value = cls._generate_next_value_(name, 1, index, last_values[:])
            value = value.value
        if StrEnum is not None and issubclass(cls, StrEnum) and not isinstance(value, str):
            raise TypeError('%r is not a string' % (value, ))
        last_values.append(value)
        canonical = None
        for existing in cls._member_names_:
            m = cls._member_map_[existing]
            if m._value_ == value:
                canonical = m
                break
        if canonical is not None:
            cls._member_map_[name] = canonical
            setattr(cls, name, canonical)
            continue
        m = _new_member(cls, name, value)
        cls._member_names_.append(name)
        cls._member_map_[name] = m
        try:
            cls._value2member_map_[value] = m
        except TypeError:
            pass
        setattr(cls, name, m)
    if is_flag:
        cls._flag_mask_ = 0
        for name in cls._member_names_:
            v = cls._member_map_[name]._value_
            if isinstance(v, int):
                cls._flag_mask_ |= v
    cls.__members__ = _MembersProxy(cls._member_map_)


class _MembersProxy:
    def __init__(self, mapping):
        self._mapping = mapping

    def __getitem__(self, key):
        return self._mapping[key]

    def __iter__(self):
        return iter(self._mapping)

    def __len__(self):
        return len(self._mapping)

    def __contains__(self, key):
        return key in self._mapping

    def keys(self):
        return self._mapping.keys()

    def values(self):
        return self._mapping.values()

    def items(self):
        return self._mapping.items()

    def get(self, key, default=None):
        return self._mapping.get(key, default)

    def __repr__(self):
        return 'mappingproxy(%r)' % (self._mapping, )


def _functional(cls, class_name, names, module, qualname, type, start):
    if isinstance(names, str):
        names = names.replace(',', ' ').split()
    items = []
    if isinstance(names, (tuple, list)) and names and isinstance(names[0], str):
        last_values = []
        for count, name in enumerate(names):
            value = cls._generate_next_value_(name, start, count, last_values[:])
            last_values.append(value)
            items.append((name, value))
    elif isinstance(names, dict):
        items = list(names.items())
    else:
        items = [(name, value) for name, value in names]
    ns = {'__module__': module or '__main__'}
    for name, value in items:
        ns[name] = value
    bases = (cls, ) if type is None else (type, cls)
    return _apy_make_class(class_name, bases, ns, qualname or class_name)



class ReprEnum(Enum):
    """Only changes the repr(), leaving str() and format() to the mixed-in type."""


def _int_method(name):
    def method(self, *args):
        return getattr(self._value_, name)(*[_unwrap(a) for a in args])
    method.__name__ = name
    return method


class IntEnum(ReprEnum):
    """Enum where members are also (and must be) ints."""

    def __str__(self):
        return str(self._value_)

    def __format__(self, format_spec):
        return format(self._value_, format_spec)

    def __hash__(self):
        return hash(self._value_)

    def __eq__(self, other):
        return self._value_ == _unwrap(other)

    def __ne__(self, other):
        return self._value_ != _unwrap(other)

    def __lt__(self, other):
        return self._value_ < _unwrap(other)

    def __le__(self, other):
        return self._value_ <= _unwrap(other)

    def __gt__(self, other):
        return self._value_ > _unwrap(other)

    def __ge__(self, other):
        return self._value_ >= _unwrap(other)

    def __int__(self):
        return self._value_

    def __index__(self):
        return self._value_

    def __float__(self):
        return float(self._value_)

    def __bool__(self):
        return bool(self._value_)

    def __add__(self, other):
        return self._value_ + _unwrap(other)

    def __radd__(self, other):
        return _unwrap(other) + self._value_

    def __sub__(self, other):
        return self._value_ - _unwrap(other)

    def __rsub__(self, other):
        return _unwrap(other) - self._value_

    def __mul__(self, other):
        return self._value_ * _unwrap(other)

    def __rmul__(self, other):
        return _unwrap(other) * self._value_

    def __truediv__(self, other):
        return self._value_ / _unwrap(other)

    def __rtruediv__(self, other):
        return _unwrap(other) / self._value_

    def __floordiv__(self, other):
        return self._value_ // _unwrap(other)

    def __rfloordiv__(self, other):
        return _unwrap(other) // self._value_

    def __mod__(self, other):
        return self._value_ % _unwrap(other)

    def __rmod__(self, other):
        return _unwrap(other) % self._value_

    def __pow__(self, other):
        return self._value_ ** _unwrap(other)

    def __rpow__(self, other):
        return _unwrap(other) ** self._value_

    def __neg__(self):
        return -self._value_

    def __pos__(self):
        return +self._value_

    def __abs__(self):
        return abs(self._value_)

    def __invert__(self):
        return ~self._value_

    def __and__(self, other):
        return self._value_ & _unwrap(other)

    def __rand__(self, other):
        return _unwrap(other) & self._value_

    def __or__(self, other):
        return self._value_ | _unwrap(other)

    def __ror__(self, other):
        return _unwrap(other) | self._value_

    def __xor__(self, other):
        return self._value_ ^ _unwrap(other)

    def __rxor__(self, other):
        return _unwrap(other) ^ self._value_

    def __lshift__(self, other):
        return self._value_ << _unwrap(other)

    def __rshift__(self, other):
        return self._value_ >> _unwrap(other)

    def __round__(self, ndigits=None):
        return round(self._value_, ndigits)

    def __trunc__(self):
        return self._value_

    def __floor__(self):
        return self._value_

    def __ceil__(self):
        return self._value_

    def __getattr__(self, name):
        if name.startswith('_'):
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        return getattr(self._value_, name)


_apy_register(int, IntEnum)


class StrEnum(ReprEnum):
    """Enum where members are also (and must be) strings."""

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        return name.lower()

    def __str__(self):
        return self._value_

    def __format__(self, format_spec):
        return format(self._value_, format_spec)

    def __hash__(self):
        return hash(self._value_)

    def __eq__(self, other):
        if isinstance(other, StrEnum):
            other = other._value_
        return self._value_ == other

    def __ne__(self, other):
        return not self == other

    def __lt__(self, other):
        return self._value_ < str(other)

    def __le__(self, other):
        return self._value_ <= str(other)

    def __gt__(self, other):
        return self._value_ > str(other)

    def __ge__(self, other):
        return self._value_ >= str(other)

    def __len__(self):
        return len(self._value_)

    def __iter__(self):
        return iter(self._value_)

    def __contains__(self, item):
        return item in self._value_

    def __getitem__(self, index):
        return self._value_[index]

    def __add__(self, other):
        return self._value_ + str(other)

    def __radd__(self, other):
        return other + self._value_

    def __mul__(self, n):
        return self._value_ * n

    def __getattr__(self, name):
        if name.startswith('_'):
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        return getattr(self._value_, name)


_apy_register(str, StrEnum)


class Flag(Enum):
    """Support for flags."""

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        if not count:
            return start if start is not None else 1
        last_value = max(last_values)
        high_bit = last_value.bit_length() - 1
        return 2 ** (high_bit + 1)

    @classmethod
    def _missing_(cls, value):
        if not isinstance(value, int):
            raise ValueError("%r is not a valid %s" % (value, cls.__qualname__))
        mask = cls._flag_mask_
        if value < 0:
            value = value & mask
        if value & ~mask:
            raise ValueError("%r is not a valid %s" % (value, cls.__qualname__))
        names = [name for name in cls._member_names_
                 if cls._member_map_[name]._value_ and
                 cls._member_map_[name]._value_ & value == cls._member_map_[name]._value_]
        pseudo = object.__new__(cls)
        object.__setattr__(pseudo, '_value_', value)
        object.__setattr__(pseudo, '_name_', '|'.join(names) if names else None)
        cls._value2member_map_[value] = pseudo
        return pseudo

    def __repr__(self):
        if self._name_ is None:
            return "<%s: %r>" % (self.__class__.__name__, self._value_)
        return "<%s.%s: %r>" % (self.__class__.__name__, self._name_, self._value_)

    def __str__(self):
        if self._name_ is None:
            return '%s(%r)' % (self.__class__.__name__, self._value_)
        return "%s.%s" % (self.__class__.__name__, self._name_)

    def __hash__(self):
        return hash(self._value_)

    def __bool__(self):
        return bool(self._value_)

    def __contains__(self, other):
        if not isinstance(other, self.__class__):
            raise TypeError(
                "unsupported operand type(s) for 'in': %r and %r" % (
                    type(other).__qualname__, self.__class__.__qualname__))
        return other._value_ & self._value_ == other._value_

    def __iter__(self):
        cls = self.__class__
        members = []
        for name in cls._member_names_:
            v = cls._member_map_[name]._value_
            if v and v & self._value_ == v:
                members.append(cls._member_map_[name])
        return iter(members)

    def __len__(self):
        n = self._value_
        count = 0
        while n:
            count += n & 1
            n >>= 1
        return count

    def __or__(self, other):
        if not isinstance(other, self.__class__):
            return NotImplemented
        return self.__class__(self._value_ | other._value_)

    def __and__(self, other):
        if not isinstance(other, self.__class__):
            return NotImplemented
        return self.__class__(self._value_ & other._value_)

    def __xor__(self, other):
        if not isinstance(other, self.__class__):
            return NotImplemented
        return self.__class__(self._value_ ^ other._value_)

    def __invert__(self):
        return self.__class__(self.__class__._flag_mask_ ^ self._value_)


class IntFlag(Flag):
    """Support for integer-based Flags."""

    def __str__(self):
        return str(self._value_)

    def __format__(self, format_spec):
        return format(self._value_, format_spec)

    def __eq__(self, other):
        return self._value_ == _unwrap(other)

    def __ne__(self, other):
        return self._value_ != _unwrap(other)

    def __int__(self):
        return self._value_

    def __index__(self):
        return self._value_

    def __or__(self, other):
        if isinstance(other, self.__class__):
            other = other._value_
        if not isinstance(other, int):
            return NotImplemented
        return self.__class__(self._value_ | other)

    __ror__ = __or__

    def __and__(self, other):
        if isinstance(other, self.__class__):
            other = other._value_
        if not isinstance(other, int):
            return NotImplemented
        return self.__class__(self._value_ & other)

    __rand__ = __and__


_apy_register(int, IntFlag)


def unique(enumeration):
    duplicates = []
    for name, member in enumeration.__members__.items():
        if name != member.name:
            duplicates.append((name, member.name))
    if duplicates:
        alias_details = ', '.join(
                ["%s -> %s" % (alias, name) for (alias, name) in duplicates])
        raise ValueError('duplicate values found in %r: %s' %
                (enumeration, alias_details))
    return enumeration


property = _builtin_property


class FlagBoundary:
    STRICT = 'strict'
    CONFORM = 'conform'
    EJECT = 'eject'
    KEEP = 'keep'


STRICT, CONFORM, EJECT, KEEP = 'strict', 'conform', 'eject', 'keep'


class EnumCheck:
    CONTINUOUS = 'no skipped integer values'
    NAMED_FLAGS = 'multi-flag aliases may not contain unnamed flags'
    UNIQUE = 'one name per value'


CONTINUOUS, NAMED_FLAGS, UNIQUE = EnumCheck.CONTINUOUS, EnumCheck.NAMED_FLAGS, EnumCheck.UNIQUE


def verify(*checks):
    def decorator(enumeration):
        if UNIQUE in checks:
            unique(enumeration)
        return enumeration
    return decorator


def global_enum(cls, update_str=False):
    _apy_unsupported("enum.global_enum")


def global_enum_repr(self):
    _apy_unsupported("enum.global_enum_repr")


def global_flag_repr(self):
    _apy_unsupported("enum.global_flag_repr")


def global_str(self):
    _apy_unsupported("enum.global_str")


def pickle_by_global_name(self, proto):
    _apy_unsupported("enum.pickle_by_global_name")


def pickle_by_enum_name(self, proto):
    _apy_unsupported("enum.pickle_by_enum_name")
