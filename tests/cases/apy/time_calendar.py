# The calendar half of time (struct_time, gmtime, strftime, asctime, the
# argument checks), in ways that do not depend on the machine's time zone.
import time
print(time.struct_time.__doc__ is not None, time.struct_time.n_fields, time.struct_time.n_sequence_fields, time.struct_time.n_unnamed_fields)
t = time.gmtime(0)
print(repr(t), t.tm_zone, t.tm_gmtoff, len(t), t[:3], t.tm_year, type(t).__name__, type(t).__module__)
g = time.gmtime(1_700_000_000.75)
print(g, g == time.gmtime(1_700_000_000), tuple(g), g.tm_yday)
print(time.asctime(t), time.asctime(time.gmtime(1e9)), time.asctime((2020, 2, 29, 23, 59, 60, 5, 60, 0)))
print(time.mktime(time.localtime(12345)))
for fmt in ['%Y-%m-%d %H:%M:%S', '%X', '%x', '%c', '%a %A %b %B %j %U %W %w %y %p %I %Z %z %%', '', 'plain', '%G-W%V-%u', '%e|%C|%D|%F|%R|%T|%n|%t|%h']:
    print(repr(time.strftime(fmt, g)))
print(time.strftime('%z', (2020, 1, 1, 0, 0, 0, 0, 1, 0)))
print(time.strftime('%Y', (2020, 0, 0, 0, 0, 0, 0, 0, 0)), time.strftime('%a', (2020, 1, 1, 0, 0, 0, -1, 1, 0)))
for bad in [lambda: time.strftime('%Y', (1, 2)), lambda: time.strftime('%Y', (2020, 13, 1, 0, 0, 0, 0, 1, 0)),
            lambda: time.strftime('%Y', (2020, 1, 32, 0, 0, 0, 0, 1, 0)), lambda: time.strftime('%Y', (2020, 1, 1, 24, 0, 0, 0, 1, 0)),
            lambda: time.strftime('%Y', (2020, 1, 1, 0, 60, 0, 0, 1, 0)), lambda: time.strftime('%Y', (2020, 1, 1, 0, 0, 62, 0, 1, 0)),
            lambda: time.strftime('%Y', (2020, 1, 1, 0, 0, 0, -2, 1, 0)), lambda: time.strftime('%Y', (2020, 1, 1, 0, 0, 0, 0, 367, 0)),
            lambda: time.asctime((2020, 1, 1, 0, 0, 0, 0, 1)), lambda: time.localtime('x'), lambda: time.strftime(1),
            lambda: time.strftime('%Y', 5), lambda: time.strftime('%Y', [2020, 1, 1, 0, 0, 0, 0, 1, 0]),
            lambda: time.mktime((1, 2)), lambda: time.struct_time((1, 2, 3)), lambda: time.struct_time(range(12)),
            lambda: time.strftime('%Y', (2020.0, 1, 1, 0, 0, 0, 0, 1, 0)), lambda: time.gmtime(float('nan')),
            lambda: time.gmtime(1e20), lambda: time.localtime(2**70)]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)
print(type(time.timezone), type(time.altzone), time.daylight in (0, 1), len(time.tzname))
print(type(time.localtime()), len(time.ctime()), len(time.asctime()))
print(time.struct_time((1, 2, 3, 4, 5, 6, 7, 8, 9)), time.struct_time((1, 2, 3, 4, 5, 6, 7, 8, 9, 'X', 5)).tm_zone)
print(isinstance(t, tuple), t.count(0), t.index(1970), list(t)[6:], t + (1,), t[::-1][:2])
print(sorted(n for n in ['asctime', 'ctime', 'gmtime', 'localtime', 'mktime', 'strftime', 'struct_time', 'time', 'sleep'] if hasattr(time, n)))
