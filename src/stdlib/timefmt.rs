//! The calendar half of `time` (`localtime`, `gmtime`, `mktime`,
//! `strftime` and the time-zone constants), through the C library as
//! CPython's `Modules/timemodule.c` does, so dates, zone names and
//! `strftime` directives come out exactly as there. `py/time.py` builds
//! `struct_time` and the argument checks on these primitives.

use crate::builtins::add_module_fn;
use crate::eval::protocol::type_name;
use crate::eval::{Args, PyResult, Vm};
use crate::value::{ModuleObj, Value};

/// Adds the primitives to the native module `m` (named `time`).
pub fn install(m: &ModuleObj) {
    m.dict.borrow_mut().insert(
        crate::intern::Sym::new("_apy_local_is_utc"),
        Value::Bool(local_zone_is_utc()),
    );
    add_module_fn(m, "time", "_apy_tm", tm);
    add_module_fn(m, "time", "_apy_mktime", mktime);
    add_module_fn(m, "time", "_apy_strftime", strftime);
    add_module_fn(m, "time", "_apy_zones", zones);
}

unsafe extern "C" {
    fn tzset();
}

/// Whether the host's local time is UTC (no `TZ` or a UTC one, and UTC
/// zone data) all year. Only then does `py/time.py` offer the local-time
/// functions: elsewhere their answers would show the program the host's
/// time zone, which the sandbox hides (the program sees no environment),
/// so they are `apy::unsupported`; UTC reveals nothing a program could not
/// assume.
fn local_zone_is_utc() -> bool {
    // SAFETY: reads TZ and the zone data into the C library's own state, as
    // CPython's time module does when it starts.
    unsafe { tzset() };
    const HALF_YEAR: libc::time_t = 183 * 24 * 3600;
    let now = wall_now();
    [now, now + HALF_YEAR].iter().all(|secs| {
        let mut t = empty_tm();
        // SAFETY: valid pointers for the call.
        let ok = unsafe { !libc::localtime_r(secs, &mut t).is_null() };
        ok && t.tm_gmtoff == 0
            && t.tm_isdst == 0
            && matches!(zone_of(&t).as_str(), "UTC" | "GMT" | "UCT")
    })
}

fn wall_now() -> libc::time_t {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as libc::time_t)
        .unwrap_or(0)
}

/// `time_t` of a Python number, rounding toward minus infinity as
/// `_PyTime_ObjectToTime_t(..., _PyTime_ROUND_FLOOR)`.
fn to_time_t(vm: &Vm, v: &Value) -> PyResult<libc::time_t> {
    let out_of_range = || vm.overflow_error("timestamp out of range for platform time_t");
    match v {
        Value::Int(i) => Ok(*i as libc::time_t),
        Value::Bool(b) => Ok(*b as libc::time_t),
        Value::BigInt(_) => Err(out_of_range()),
        Value::Float(f) => {
            if f.is_nan() {
                return Err(vm.value_error("Invalid value NaN (not a number)"));
            }
            let floor = f.floor();
            if !(-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(&floor) {
                return Err(out_of_range());
            }
            Ok(floor as libc::time_t)
        }
        other => Err(vm.type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            type_name(vm, other)
        ))),
    }
}

fn empty_tm() -> libc::tm {
    // SAFETY: `tm` is plain C data; all-zero is a valid value (the zone
    // pointer null).
    unsafe { std::mem::zeroed() }
}

/// The zone name a `tm` points at.
fn zone_of(t: &libc::tm) -> String {
    if t.tm_zone.is_null() {
        return String::new();
    }
    // SAFETY: the C library set `tm_zone` to a NUL-terminated string that
    // lives as long as the time-zone data (static in glibc).
    unsafe { std::ffi::CStr::from_ptr(t.tm_zone) }
        .to_string_lossy()
        .into_owned()
}

/// `_apy_tm(secs, utc)`: `(year, mon, mday, hour, min, sec, wday, yday,
/// isdst, zone, gmtoff)` with Python's conventions (Monday = 0, yday from
/// 1), for `gmtime`/`localtime`.
fn tm(vm: &Vm, args: Args) -> PyResult<Value> {
    let secs = to_time_t(vm, args.pos.first().unwrap_or(&Value::Int(0)))?;
    let utc = matches!(args.pos.get(1), Some(Value::Bool(true)));
    let mut t = empty_tm();
    // SAFETY: both pointers are valid for the call; the `_r` variants
    // write only into `t`.
    let ok = unsafe {
        if utc {
            !libc::gmtime_r(&secs, &mut t).is_null()
        } else {
            !libc::localtime_r(&secs, &mut t).is_null()
        }
    };
    if !ok {
        return Err(vm.overflow_error("timestamp out of range for platform time_t"));
    }
    Ok(Value::tuple(vec![
        Value::Int(t.tm_year as i64 + 1900),
        Value::Int(t.tm_mon as i64 + 1),
        Value::Int(t.tm_mday as i64),
        Value::Int(t.tm_hour as i64),
        Value::Int(t.tm_min as i64),
        Value::Int(t.tm_sec as i64),
        Value::Int((t.tm_wday as i64 + 6) % 7),
        Value::Int(t.tm_yday as i64 + 1),
        Value::Int(t.tm_isdst as i64),
        Value::str(&zone_of(&t)),
        Value::Int(t.tm_gmtoff),
    ]))
}

/// A C `tm` from the nine checked ints of a time tuple (Python's
/// conventions), as `gettmarg` fills it.
fn tm_of(vm: &Vm, v: &Value) -> PyResult<libc::tm> {
    let Value::Tuple(items) = v else {
        return Err(vm.type_error("Tuple or struct_time argument required"));
    };
    let mut f = [0i64; 9];
    for (slot, item) in f.iter_mut().zip(items.items.iter()) {
        *slot = crate::builtins::arg_int(vm, item)?;
    }
    let c = |x: i64| x.clamp(i32::MIN as i64, i32::MAX as i64) as libc::c_int;
    let mut t = empty_tm();
    t.tm_year = c(f[0] - 1900);
    t.tm_mon = c(f[1] - 1);
    t.tm_mday = c(f[2]);
    t.tm_hour = c(f[3]);
    t.tm_min = c(f[4]);
    t.tm_sec = c(f[5]);
    t.tm_wday = c((f[6] + 1) % 7);
    t.tm_yday = c(f[7] - 1);
    t.tm_isdst = c(f[8]);
    Ok(t)
}

/// `_apy_mktime(tuple9)`: seconds since the epoch of a local time.
fn mktime(vm: &Vm, args: Args) -> PyResult<Value> {
    let mut t = tm_of(vm, args.pos.first().unwrap_or(&Value::None))?;
    // CPython's sentinel: mktime() leaves tm_wday alone on failure.
    t.tm_wday = -1;
    // SAFETY: `t` is a valid `tm`; mktime normalises it in place.
    let secs = unsafe { libc::mktime(&mut t) };
    if secs == -1 && t.tm_wday == -1 {
        return Err(vm.overflow_error("mktime argument out of range"));
    }
    Ok(Value::Float(secs as f64))
}

/// `_apy_strftime(format, tuple9, zone, gmtoff)`: C `strftime` of a
/// checked time tuple, growing the buffer as CPython does.
fn strftime(vm: &Vm, args: Args) -> PyResult<Value> {
    let Some(Value::Str(format)) = args.pos.first() else {
        return Err(vm.type_error("strftime() argument 1 must be str"));
    };
    let mut t = tm_of(vm, args.pos.get(1).unwrap_or(&Value::None))?;
    let zone = match args.pos.get(2) {
        Some(Value::Str(z)) => Some(z.as_str().to_owned()),
        _ => None,
    };
    if let Some(Value::Int(off)) = args.pos.get(3) {
        t.tm_gmtoff = *off as libc::c_long;
    }
    let zone_c = zone.and_then(|z| std::ffi::CString::new(z).ok());
    if let Some(z) = &zone_c {
        t.tm_zone = z.as_ptr();
    }
    let Ok(fmt) = std::ffi::CString::new(format.as_str()) else {
        return Err(vm.value_error("embedded null character"));
    };
    if format.as_str().is_empty() {
        return Ok(Value::str(""));
    }
    let mut size = 1024usize;
    loop {
        let mut buf = vec![0u8; size];
        // SAFETY: `buf` has `size` bytes, `fmt` is NUL-terminated and `t`
        // (with its zone pointer, alive in `zone_c`) valid for the call.
        let n = unsafe { libc::strftime(buf.as_mut_ptr().cast(), size, fmt.as_ptr(), &t) };
        if n > 0 || size >= 256 * format.as_str().len() {
            buf.truncate(n);
            return Ok(Value::str(&String::from_utf8_lossy(&buf)));
        }
        size *= 2;
    }
}

/// `_apy_zones()`: `(timezone, altzone, daylight, tzname)` as CPython's
/// `init_timezone` derives them from January and July of this year.
fn zones(vm: &Vm, _args: Args) -> PyResult<Value> {
    const YEAR: libc::time_t = (365 * 24 + 6) * 3600;
    let now = super::clock_of(vm).wall() as libc::time_t;
    let jan = (now / YEAR) * YEAR;
    let sample = |secs: libc::time_t| {
        let mut t = empty_tm();
        // SAFETY: valid pointers for the call.
        unsafe { libc::localtime_r(&secs, &mut t) };
        (-t.tm_gmtoff, zone_of(&t))
    };
    let (janzone, janname) = sample(jan);
    let (julyzone, julyname) = sample(jan + YEAR / 2);
    let (timezone, altzone, names) = if janzone < julyzone {
        (julyzone, janzone, (julyname, janname))
    } else {
        (janzone, julyzone, (janname, julyname))
    };
    Ok(Value::tuple(vec![
        Value::Int(timezone),
        Value::Int(altzone),
        Value::Int((janzone != julyzone) as i64),
        Value::tuple(vec![Value::str(&names.0), Value::str(&names.1)]),
    ]))
}
