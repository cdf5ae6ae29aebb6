"""The calendar half of `time`, over the C-library primitives of
`timefmt.rs` (`_apy_tm`, `_apy_mktime`, `_apy_strftime`, `_apy_zones`):
`struct_time`, `gmtime`, `localtime`, `mktime`, `asctime`, `ctime`,
`strftime` and the zone constants, with the argument checks of CPython's
Modules/timemodule.c. The clock functions (`time`, `sleep`, ...) are
native and virtual under --virtual-time; so is the "now" of these.

The local-time functions (`localtime`, `mktime`, `ctime`, the zone
constants, `strftime` of the local time or with a zone directive) exist
only when the host's local time is UTC: elsewhere they would show the
program the host's time zone, which the sandbox hides, so they are missing
and their use is apy::unsupported (CPython has them). `gmtime`, and
`asctime` and `strftime` of a given time, always work."""

from collections import namedtuple as _namedtuple

_fields = ('tm_year', 'tm_mon', 'tm_mday', 'tm_hour', 'tm_min', 'tm_sec',
           'tm_wday', 'tm_yday', 'tm_isdst')
_base = _namedtuple('struct_time', _fields)


class struct_time(_base):
    """The time value as returned by gmtime(), localtime(), and strptime(), and
 accepted by asctime(), mktime() and strftime().  May be considered as a
 sequence of 9 integers.

 Note that several fields' values are not the same as those defined by
 the C language standard for struct tm.  For example, the value of the
 field tm_year is the actual year, not year - 1900.  See individual
 fields' descriptions for details."""

    __slots__ = ('tm_zone', 'tm_gmtoff')
    n_fields = 11
    n_sequence_fields = 9
    n_unnamed_fields = 0

    def __new__(cls, sequence, dict=None):
        items = tuple(sequence)
        if len(items) < 9:
            raise TypeError('time.struct_time() takes an at least 9-sequence (%d-sequence given)'
                            % len(items))
        if len(items) > 11:
            raise TypeError('time.struct_time() takes an at most 11-sequence (%d-sequence given)'
                            % len(items))
        self = _base.__new__(cls, *items[:9])
        self.tm_zone = items[9] if len(items) > 9 else None
        self.tm_gmtoff = items[10] if len(items) > 10 else None
        return self

    def __repr__(self):
        return 'time.' + _base.__repr__(self)


struct_time.__module__ = 'time'


def _now(secs):
    return time() if secs is None else secs


def gmtime(secs=None):
    """Convert seconds since the Epoch to a time tuple expressing UTC."""
    return struct_time(_apy_tm(_now(secs), True))


def _localtime(secs=None):
    """Convert seconds since the Epoch to a time tuple expressing local time."""
    return struct_time(_apy_tm(_now(secs), False))


def _tuple_arg(t, func):
    """gettmarg(): nine ints of a tuple (a struct_time adds its zone)."""
    if not isinstance(t, tuple):
        raise TypeError('Tuple or struct_time argument required')
    items = tuple(t)
    if len(items) != 9:
        raise TypeError('%s(): illegal time tuple argument' % func)
    for item in items:
        if not isinstance(item, int):
            raise TypeError("'%s' object cannot be interpreted as an integer"
                            % type(item).__name__)
    if isinstance(t, struct_time):
        return items, t.tm_zone, t.tm_gmtoff
    return items, None, None


def _checked(items):
    """checktm(): CPython's ranges, zeros of month, day and yday allowed."""
    year, mon, mday, hour, minute, sec, wday, yday, isdst = items
    if mon == 0:
        mon = 1
    elif not 1 <= mon <= 12:
        raise ValueError('month out of range')
    if mday == 0:
        mday = 1
    elif not 1 <= mday <= 31:
        raise ValueError('day of month out of range')
    if not 0 <= hour <= 23:
        raise ValueError('hour out of range')
    if not 0 <= minute <= 59:
        raise ValueError('minute out of range')
    if not 0 <= sec <= 61:
        raise ValueError('seconds out of range')
    # C's `%` keeps the sign: a negative weekday other than -1 is refused.
    c_wday = wday + 1 - 7 * int((wday + 1) / 7)
    if c_wday < 0:
        raise ValueError('day of week out of range')
    if yday == 0:
        yday = 1
    elif not 1 <= yday <= 366:
        raise ValueError('day of year out of range')
    return (year, mon, mday, hour, minute, sec, wday, yday, isdst)


def _mktime(t):
    """Convert a time tuple in local time to seconds since the Epoch."""
    items, _, _ = _tuple_arg(t, 'mktime')
    return _apy_mktime(items)


_DAYS = ('Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun')
_MONTHS = ('Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep',
           'Oct', 'Nov', 'Dec')


def asctime(t=None):
    """Convert a time tuple to a string, e.g. 'Sat Jun 06 16:26:11 1998'."""
    if t is None:
        if not _apy_local_is_utc:
            _apy_unsupported("time.asctime() of the local time outside UTC "
                             "(the sandbox hides the host's time zone)")
        t = _localtime()
    items, _, _ = _tuple_arg(t, 'asctime')
    year, mon, mday, hour, minute, sec, wday, _, _ = _checked(items)
    return '%s %s%3d %.2d:%.2d:%.2d %d' % (_DAYS[wday % 7], _MONTHS[mon - 1],
                                           mday, hour, minute, sec, year)


def _zone_directive(format):
    """Does `format` use a directive that reads the local zone (%Z, %z,
    %s, %+)?"""
    i = 0
    while i < len(format) - 1:
        if format[i] == '%':
            if format[i + 1] in 'Zzs+':
                return True
            i += 2
        else:
            i += 1
    return False


def _ctime(secs=None):
    """Convert a time in seconds since the Epoch to a string in local time."""
    return asctime(_localtime(secs))


def strftime(format, t=None):
    """Convert a time tuple to a string according to a format specification."""
    if not isinstance(format, str):
        raise TypeError('strftime() argument 1 must be str, not %s' % type(format).__name__)
    if not _apy_local_is_utc and (t is None or _zone_directive(format)):
        _apy_unsupported("time.strftime() of the local time or zone outside UTC "
                         "(the sandbox hides the host's time zone)")
    if t is None:
        t = _localtime()
    items, zone, gmtoff = _tuple_arg(t, 'strftime')
    year, mon, mday, hour, minute, sec, wday, yday, isdst = _checked(items)
    isdst = -1 if isdst < -1 else 1 if isdst > 1 else isdst
    return _apy_strftime(format, (year, mon, mday, hour, minute, sec, wday, yday, isdst),
                         zone, gmtoff)


if _apy_local_is_utc:
    localtime = _localtime
    mktime = _mktime
    ctime = _ctime
    for _f, _name in ((localtime, 'localtime'), (mktime, 'mktime'), (ctime, 'ctime')):
        _f.__name__ = _f.__qualname__ = _name
    timezone, altzone, daylight, tzname = _apy_zones()
