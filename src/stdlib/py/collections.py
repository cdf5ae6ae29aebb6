"""collections for apy.

deque, defaultdict, OrderedDict and Counter are implemented in Rust
(_collections). Named tuples are classes whose instances behave as tuples
(apy's classes cannot derive from tuple): they hold their items in a real
tuple and are registered as virtual subclasses of tuple.
"""

from _collections import deque, defaultdict, OrderedDict, Counter
import _collections_abc
import _collections_abc as abc

_collections_abc.MutableSequence.register(deque)

_KEYWORDS = frozenset([
    'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await',
    'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except',
    'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is',
    'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try',
    'while', 'with', 'yield',
])


class _tuplegetter:
    """The descriptor of a named tuple field."""

    __slots__ = ('_index', '__doc__')

    def __init__(self, index, doc):
        self._index = index
        self.__doc__ = doc

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        return instance._apy_items[self._index]

    def __set__(self, instance, value):
        raise AttributeError("can't set attribute")

    def __delete__(self, instance):
        raise AttributeError("can't delete attribute")


def _items_of(obj):
    """The items of a tuple or named tuple, or None."""
    if type(obj) is tuple:
        return obj
    if _apy_is_tuple_like(obj):
        return obj._apy_items
    return None


def _tuple_new(cls, iterable):
    self = object.__new__(cls)
    object.__setattr__(self, '_apy_items', tuple(iterable))
    return self


def _nt_len(self):
    return len(self._apy_items)

def _nt_getitem(self, index):
    return self._apy_items[index]

def _nt_iter(self):
    return iter(self._apy_items)

def _nt_contains(self, value):
    return value in self._apy_items

def _nt_eq(self, other):
    items = _items_of(other)
    if items is None:
        return NotImplemented
    return self._apy_items == items

def _nt_ne(self, other):
    items = _items_of(other)
    if items is None:
        return NotImplemented
    return self._apy_items != items

def _nt_lt(self, other):
    items = _items_of(other)
    if items is None:
        return NotImplemented
    return self._apy_items < items

def _nt_le(self, other):
    items = _items_of(other)
    if items is None:
        return NotImplemented
    return self._apy_items <= items

def _nt_gt(self, other):
    items = _items_of(other)
    if items is None:
        return NotImplemented
    return self._apy_items > items

def _nt_ge(self, other):
    items = _items_of(other)
    if items is None:
        return NotImplemented
    return self._apy_items >= items

def _nt_hash(self):
    return hash(self._apy_items)

def _nt_add(self, other):
    items = _items_of(other)
    if items is None:
        raise TypeError(f'can only concatenate tuple (not "{type(other).__name__}") to tuple')
    return self._apy_items + items

def _nt_radd(self, other):
    items = _items_of(other)
    if items is None:
        return NotImplemented
    return items + self._apy_items

def _nt_mul(self, n):
    if not isinstance(n, int):
        return NotImplemented
    return self._apy_items * n

def _nt_count(self, value):
    return self._apy_items.count(value)

def _nt_index(self, value, start=0, stop=9223372036854775807):
    return self._apy_items.index(value, start, stop)

def _nt_getnewargs(self):
    return self._apy_items

def _nt_reversed(self):
    return reversed(self._apy_items)


def namedtuple(typename, field_names, *, rename=False, defaults=None, module=None):
    if isinstance(field_names, str):
        field_names = field_names.replace(',', ' ').split()
    field_names = list(map(str, field_names))
    typename = str(typename)

    if rename:
        seen = set()
        for index, name in enumerate(field_names):
            if (not _apy_isidentifier(name)
                or name in _KEYWORDS
                or name.startswith('_')
                or name in seen):
                field_names[index] = f'_{index}'
            seen.add(name)

    for name in [typename] + field_names:
        if type(name) is not str:
            raise TypeError('Type names and field names must be strings')
        if not _apy_isidentifier(name):
            raise ValueError('Type names and field names must be valid '
                             f'identifiers: {name!r}')
        if name in _KEYWORDS:
            raise ValueError('Type names and field names cannot be a '
                             f'keyword: {name!r}')

    seen = set()
    for name in field_names:
        if name.startswith('_') and not rename:
            raise ValueError('Field names cannot start with an underscore: '
                             f'{name!r}')
        if name in seen:
            raise ValueError(f'Encountered duplicate field name: {name!r}')
        seen.add(name)

    field_defaults = {}
    if defaults is not None:
        defaults = tuple(defaults)
        if len(defaults) > len(field_names):
            raise TypeError('Got more default values than field names')
        field_defaults = dict(reversed(list(zip(reversed(field_names),
                                                reversed(defaults)))))

    field_names = tuple(field_names)
    num_fields = len(field_names)
    arg_list = ', '.join(field_names)
    if num_fields == 1:
        arg_list += ','
    repr_fmt = '(' + ', '.join(f'{name}=%r' for name in field_names) + ')'

    # __new__ with the fields as parameters, for CPython's argument errors.
    ns = {'_tuple_new': _tuple_new}
    params = []
    n_plain = num_fields - (len(defaults) if defaults else 0)
    for i, name in enumerate(field_names):
        if i < n_plain:
            params.append(name)
        else:
            ns[f'_apy_default_{i}'] = defaults[i - n_plain]
            params.append(f'{name}=_apy_default_{i}')
    items = ', '.join(field_names) + (',' if num_fields == 1 else '')
    source = (f'def __new__(_cls, {", ".join(params)}):\n'
              f'    return _tuple_new(_cls, ({items}))\n')
    if num_fields == 0:
        source = 'def __new__(_cls):\n    return _tuple_new(_cls, ())\n'
    _apy_exec(source, ns)
    __new__ = ns['__new__']
    __new__.__qualname__ = f'{typename}.__new__'
    __new__.__doc__ = f'Create new instance of {typename}({arg_list})'

    @classmethod
    def _make(cls, iterable):
        result = _tuple_new(cls, iterable)
        if len(result._apy_items) != num_fields:
            raise TypeError(f'Expected {num_fields} arguments, got {len(result._apy_items)}')
        return result

    def _replace(self, /, **kwds):
        result = self._make(map(kwds.pop, field_names, self))
        if kwds:
            raise ValueError(f'Got unexpected field names: {list(kwds)!r}')
        return result

    def __repr__(self):
        return self.__class__.__name__ + repr_fmt % self._apy_items

    def _asdict(self):
        return dict(zip(self._fields, self._apy_items))

    for method in (__repr__, _replace, _asdict):
        method.__qualname__ = f'{typename}.{method.__name__}'

    class_namespace = {
        '__doc__': f'{typename}({arg_list})',
        '__slots__': ('_apy_items',),
        '_fields': field_names,
        '_field_defaults': field_defaults,
        '__new__': __new__,
        '_make': _make,
        '_replace': _replace,
        '__repr__': __repr__,
        '_asdict': _asdict,
        '__getnewargs__': _nt_getnewargs,
        '__match_args__': field_names,
        '__len__': _nt_len,
        '__getitem__': _nt_getitem,
        '__iter__': _nt_iter,
        '__reversed__': _nt_reversed,
        '__contains__': _nt_contains,
        '__eq__': _nt_eq,
        '__ne__': _nt_ne,
        '__lt__': _nt_lt,
        '__le__': _nt_le,
        '__gt__': _nt_gt,
        '__ge__': _nt_ge,
        '__hash__': _nt_hash,
        '__add__': _nt_add,
        '__radd__': _nt_radd,
        '__mul__': _nt_mul,
        '__rmul__': _nt_mul,
        'count': _nt_count,
        'index': _nt_index,
    }
    for index, name in enumerate(field_names):
        class_namespace[name] = _tuplegetter(index, f'Alias for field number {index}')
    if module is None:
        module = '__main__'
    class_namespace['__module__'] = module
    result = _apy_make_class(typename, (object,), class_namespace, typename)
    _apy_register(tuple, result)
    return result


class _ChainMapView:
    def __init__(self, mapping, kind):
        self._mapping = mapping
        self._kind = kind

    def __len__(self):
        return len(self._mapping)

    def __iter__(self):
        m = self._mapping
        if self._kind == 'KeysView':
            return iter(m)
        if self._kind == 'ValuesView':
            return (m[key] for key in m)
        return ((key, m[key]) for key in m)

    def __contains__(self, item):
        if self._kind == 'KeysView':
            return item in self._mapping
        return item in list(self)

    def __repr__(self):
        return f'{self._kind}({self._mapping!r})'


class ChainMap:
    def __init__(self, *maps):
        self.maps = list(maps) or [{}]

    def __missing__(self, key):
        raise KeyError(key)

    def __getitem__(self, key):
        for mapping in self.maps:
            try:
                return mapping[key]
            except KeyError:
                pass
        return self.__missing__(key)

    def get(self, key, default=None):
        return self[key] if key in self else default

    def __len__(self):
        return len(set().union(*self.maps))

    def __iter__(self):
        d = {}
        for mapping in reversed(self.maps):
            d.update({key: None for key in mapping})
        return iter(d)

    def __contains__(self, key):
        return any(key in m for m in self.maps)

    def __bool__(self):
        return any(self.maps)

    def __repr__(self):
        return f'{self.__class__.__name__}({", ".join(map(repr, self.maps))})'

    def __eq__(self, other):
        if isinstance(other, ChainMap):
            other = dict(other.items())
        elif not isinstance(other, dict):
            return NotImplemented
        return dict(self.items()) == other

    @classmethod
    def fromkeys(cls, iterable, value=None):
        return cls({key: value for key in iterable})

    def copy(self):
        return self.__class__(self.maps[0].copy(), *self.maps[1:])

    __copy__ = copy

    def new_child(self, m=None, **kwargs):
        if m is None:
            m = kwargs
        elif kwargs:
            m.update(kwargs)
        return self.__class__(m, *self.maps)

    @property
    def parents(self):
        return self.__class__(*self.maps[1:])

    def __setitem__(self, key, value):
        self.maps[0][key] = value

    def __delitem__(self, key):
        try:
            del self.maps[0][key]
        except KeyError:
            raise KeyError(f'Key not found in the first mapping: {key!r}')

    def popitem(self):
        try:
            return self.maps[0].popitem()
        except KeyError:
            raise KeyError('No keys found in the first mapping.')

    def pop(self, key, *args):
        try:
            return self.maps[0].pop(key, *args)
        except KeyError:
            raise KeyError(f'Key not found in the first mapping: {key!r}')

    def clear(self):
        self.maps[0].clear()

    def keys(self):
        return _ChainMapView(self, 'KeysView')

    def values(self):
        return _ChainMapView(self, 'ValuesView')

    def items(self):
        return _ChainMapView(self, 'ItemsView')

    def update(self, other=(), /, **kwds):
        self.maps[0].update(other, **kwds)

    def setdefault(self, key, default=None):
        if key not in self:
            self[key] = default
        return self[key]

    def __or__(self, other):
        if not isinstance(other, (dict, ChainMap)):
            return NotImplemented
        m = self.copy()
        m.maps[0].update(other)
        return m

    def __ior__(self, other):
        self.maps[0].update(other)
        return self


class UserDict:
    def __init__(self, dict=None, /, **kwargs):
        self.data = {}
        if dict is not None:
            self.update(dict)
        if kwargs:
            self.update(kwargs)

    def __len__(self):
        return len(self.data)

    def __getitem__(self, key):
        if key in self.data:
            return self.data[key]
        if hasattr(self.__class__, "__missing__"):
            return self.__class__.__missing__(self, key)
        raise KeyError(key)

    def __setitem__(self, key, item):
        self.data[key] = item

    def __delitem__(self, key):
        del self.data[key]

    def __iter__(self):
        return iter(self.data)

    def __contains__(self, key):
        return key in self.data

    def __repr__(self):
        return repr(self.data)

    def __eq__(self, other):
        if isinstance(other, UserDict):
            other = other.data
        return self.data == other

    def get(self, key, default=None):
        if key in self:
            return self[key]
        return default

    def keys(self):
        return self.data.keys()

    def values(self):
        return [self[k] for k in self.data]

    def items(self):
        return [(k, self[k]) for k in self.data]

    def update(self, other=(), /, **kwds):
        if hasattr(other, 'keys'):
            for key in other.keys():
                self[key] = other[key]
        else:
            for key, value in other:
                self[key] = value
        for key, value in kwds.items():
            self[key] = value

    def pop(self, key, *default):
        if key in self:
            value = self[key]
            del self[key]
            return value
        if default:
            return default[0]
        raise KeyError(key)

    def setdefault(self, key, default=None):
        if key not in self:
            self[key] = default
        return self[key]

    def clear(self):
        self.data.clear()

    def copy(self):
        inst = self.__class__.__new__(self.__class__)
        inst.__dict__.update(self.__dict__)
        inst.__dict__["data"] = self.data.copy()
        return inst


class UserList:
    def __init__(self, initlist=None):
        self.data = []
        if initlist is not None:
            if type(initlist) == type(self.data):
                self.data[:] = initlist
            elif isinstance(initlist, UserList):
                self.data[:] = initlist.data[:]
            else:
                self.data = list(initlist)

    def __repr__(self):
        return repr(self.data)

    def __lt__(self, other):
        return self.data < self.__cast(other)

    def __le__(self, other):
        return self.data <= self.__cast(other)

    def __eq__(self, other):
        return self.data == self.__cast(other)

    def __gt__(self, other):
        return self.data > self.__cast(other)

    def __ge__(self, other):
        return self.data >= self.__cast(other)

    def __cast(self, other):
        return other.data if isinstance(other, UserList) else other

    def __contains__(self, item):
        return item in self.data

    def __len__(self):
        return len(self.data)

    def __iter__(self):
        return iter(self.data)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return self.__class__(self.data[i])
        return self.data[i]

    def __setitem__(self, i, item):
        self.data[i] = item

    def __delitem__(self, i):
        del self.data[i]

    def __add__(self, other):
        if isinstance(other, UserList):
            return self.__class__(self.data + other.data)
        elif isinstance(other, type(self.data)):
            return self.__class__(self.data + other)
        return self.__class__(self.data + list(other))

    def __iadd__(self, other):
        if isinstance(other, UserList):
            self.data += other.data
        else:
            self.data += list(other)
        return self

    def __mul__(self, n):
        return self.__class__(self.data * n)

    __rmul__ = __mul__

    def append(self, item):
        self.data.append(item)

    def insert(self, i, item):
        self.data.insert(i, item)

    def pop(self, i=-1):
        return self.data.pop(i)

    def remove(self, item):
        self.data.remove(item)

    def clear(self):
        self.data.clear()

    def copy(self):
        return self.__class__(self)

    def count(self, item):
        return self.data.count(item)

    def index(self, item, *args):
        return self.data.index(item, *args)

    def reverse(self):
        self.data.reverse()

    def sort(self, /, *args, **kwds):
        self.data.sort(*args, **kwds)

    def extend(self, other):
        if isinstance(other, UserList):
            self.data.extend(other.data)
        else:
            self.data.extend(other)
