"""copy for apy: shallow and deep copies."""


class Error(Exception):
    pass


error = Error

_atomic = (type(None), int, float, bool, complex, str, bytes, type, range,
           type(Ellipsis), type(NotImplemented), type(len), type(lambda: 0))


def _is_atomic(x):
    cls = type(x)
    return cls in _atomic or isinstance(x, type)


def _reconstruct_instance(x, state_copier):
    cls = type(x)
    y = cls.__new__(cls)
    if hasattr(x, '__dict__') and isinstance(x.__dict__, dict):
        state = x.__dict__
        if hasattr(y, '__setstate__') and not isinstance(y, type):
            y.__setstate__(state_copier(state))
        else:
            for key, value in state_copier(state).items():
                object.__setattr__(y, key, value)
    for klass in cls.__mro__:
        slots = klass.__dict__.get('__slots__', ())
        if isinstance(slots, str):
            slots = (slots,)
        for name in slots:
            if name in ('__dict__', '__weakref__'):
                continue
            if hasattr(x, name):
                object.__setattr__(y, name, state_copier(getattr(x, name)))
    return y


def copy(x):
    cls = type(x)
    if _is_atomic(x):
        return x
    if cls in (list, dict, set):
        return x.copy()
    if cls is tuple or cls is frozenset:
        return x
    copier = getattr(cls, '__copy__', None)
    if copier is not None:
        return copier(x)
    if isinstance(x, dict):
        return x.copy()
    if _apy_is_tuple_like(x):
        return x
    if type(x).__name__ == 'deque':
        return x.copy()
    if hasattr(x, '__dict__') or hasattr(cls, '__slots__'):
        return _reconstruct_instance(x, lambda state: state.copy() if isinstance(state, dict) else state)
    _apy_unsupported(f"copy.copy() of {cls.__name__} objects")


def deepcopy(x, memo=None, _nil=[]):
    if memo is None:
        memo = {}
    d = id(x)
    y = memo.get(d, _nil)
    if y is not _nil:
        return y
    cls = type(x)
    if _is_atomic(x):
        return x
    if cls is list:
        y = []
        memo[d] = y
        for a in x:
            y.append(deepcopy(a, memo))
    elif cls is tuple:
        items = [deepcopy(a, memo) for a in x]
        if d in memo:
            return memo[d]
        y = x
        for k, j in zip(x, items):
            if k is not j:
                y = tuple(items)
                break
    elif cls is set:
        y = set(deepcopy(a, memo) for a in x)
    elif cls is frozenset:
        y = frozenset(deepcopy(a, memo) for a in x)
    elif isinstance(x, dict):
        y = x.copy()
        y.clear()
        memo[d] = y
        for key, value in x.items():
            y[deepcopy(key, memo)] = deepcopy(value, memo)
    else:
        copier = getattr(x, '__deepcopy__', None)
        if copier is not None:
            y = copier(memo)
        elif _apy_is_tuple_like(x):
            y = type(x)(*[deepcopy(a, memo) for a in x])
        elif type(x).__name__ == 'deque':
            y = x.copy()
            y.clear()
            memo[d] = y
            for a in x:
                y.append(deepcopy(a, memo))
        elif hasattr(x, '__dict__') or hasattr(cls, '__slots__'):
            y = cls.__new__(cls)
            memo[d] = y
            state = getattr(x, '__dict__', None)
            if isinstance(state, dict):
                new_state = deepcopy(state, memo)
                if hasattr(y, '__setstate__'):
                    y.__setstate__(new_state)
                else:
                    for key, value in new_state.items():
                        object.__setattr__(y, key, value)
            for klass in cls.__mro__:
                slots = klass.__dict__.get('__slots__', ())
                if isinstance(slots, str):
                    slots = (slots,)
                for name in slots:
                    if name in ('__dict__', '__weakref__'):
                        continue
                    if hasattr(x, name):
                        object.__setattr__(y, name, deepcopy(getattr(x, name), memo))
        else:
            _apy_unsupported(f"copy.deepcopy() of {cls.__name__} objects")
    if y is not x:
        memo[d] = y
        if 'keep' not in memo:
            memo['keep'] = [x]
        else:
            memo['keep'].append(x)
    return y
