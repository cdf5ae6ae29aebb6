//! The recursion limit and the stack it stands for.
//!
//! CPython 3.11 has one counter for Python frames and the C-level
//! recursion of its object protocols (`Py_EnterRecursiveCall`): `repr` and
//! `str` of each nested container, each rich comparison of containers,
//! calls of the builtins it checks. [`Vm::enter_c`] bumps the same counter
//! as a Python call, so a deeply nested list fails to print at the depth
//! where CPython's does, with its message.
//!
//! The Rust stack is not what bounds the depth: [`guarded`] runs deep
//! work on a fresh stack segment when the current one runs low, so any
//! recursion limit the program sets can be reached, bounded only by
//! memory (a segment that cannot be had is a `MemoryError`).

use super::exc::ExcKind;
use super::{DepthGuard, PyResult, Vm};

/// Suffix of the `RecursionError` of nested reprs.
pub const IN_REPR: &str = " while getting the repr of an object";
/// Suffix of the `RecursionError` of nested `str()`.
pub const IN_STR: &str = " while getting the str of an object";
/// Suffix of the `RecursionError` of nested comparisons.
pub const IN_COMPARISON: &str = " in comparison";
/// Suffix of the `RecursionError` of builtin calls CPython checks.
pub const IN_CALL: &str = " while calling a Python object";

/// Stack a step of the evaluator may use between two checks: the deepest
/// path from one guarded call boundary to the next (a Python call through
/// a builtin and the suspending evaluator, in a debug build) fits in it.
const RED_ZONE: usize = 1 << 20;

/// Size of each extra stack segment.
const SEGMENT: usize = 64 << 20;

impl Vm {
    /// Enters a level of C-level recursion (a nested repr, comparison or
    /// checked builtin call), sharing the Python call depth's limit.
    #[inline]
    pub fn enter_c(&self, what: &'static str) -> PyResult<DepthGuard<'_>> {
        let d = self.depth.get();
        if d + 1 >= self.recursion_limit.get() {
            return Err(self.recursion_error(what));
        }
        self.depth.set(d + 1);
        Ok(DepthGuard(&self.depth))
    }

    /// Fails as CPython does when `levels` more levels would pass the
    /// limit (work that enters and leaves them without nesting).
    #[inline]
    pub fn check_depth(&self, levels: u32, what: &'static str) -> PyResult<()> {
        if self.depth.get() + levels >= self.recursion_limit.get() {
            return Err(self.recursion_error(what));
        }
        Ok(())
    }

    #[cold]
    pub fn recursion_error(&self, what: &str) -> super::Exc {
        self.new_exc(
            ExcKind::RecursionError,
            format!("maximum recursion depth exceeded{what}"),
        )
    }
}

/// How many levels a call of builtin `b` adds in CPython 3.11, and the
/// message of the level that fails: its `METH_O`/`METH_NOARGS`/
/// `METH_VARARGS` functions and methods are checked calls (one level),
/// its fast-call ones are not; `min`/`max` compare inside theirs. Only
/// the common builtins are listed; the others count nothing.
fn builtin_levels(b: &crate::value::func::BuiltinFunction) -> (u32, &'static str) {
    match (b.owner, b.name) {
        (None, "min" | "max") => (2, IN_COMPARISON),
        (
            None,
            "abs" | "all" | "any" | "ascii" | "bin" | "callable" | "chr" | "hash" | "hex" | "id"
            | "oct" | "ord" | "repr" | "round" | "sorted" | "zip" | "dir" | "vars",
        ) => (1, IN_CALL),
        (Some("list"), "append" | "count" | "index" | "remove" | "copy" | "clear" | "reverse")
        | (Some("dict"), "keys" | "values" | "items" | "copy" | "clear")
        | (
            Some("str"),
            "join" | "upper" | "lower" | "format" | "startswith" | "endswith" | "isdigit"
            | "isalpha" | "isspace" | "title" | "capitalize",
        ) => (1, IN_CALL),
        (Some("int"), "__new__") => (1, IN_CALL),
        (Some("range"), "__new__") => (1, IN_COMPARISON),
        _ => (0, ""),
    }
}

impl Vm {
    /// Checks that a call of builtin `b` fits under the recursion limit as
    /// CPython counts it (see [`builtin_levels`]); only consulted near the
    /// limit, so the table costs nothing on ordinary calls.
    #[inline(always)]
    pub fn check_builtin_call(&self, b: &crate::value::func::BuiltinFunction) -> PyResult<()> {
        if self.depth.get() + 2 >= self.recursion_limit.get() {
            return self.check_builtin_near_limit(b);
        }
        Ok(())
    }

    #[cold]
    #[inline(never)]
    fn check_builtin_near_limit(&self, b: &crate::value::func::BuiltinFunction) -> PyResult<()> {
        let (levels, what) = builtin_levels(b);
        match levels {
            0 => Ok(()),
            1 => self.check_depth(1, what),
            _ => {
                self.check_depth(1, IN_CALL)?;
                self.check_depth(levels, what)
            }
        }
    }
}

/// Runs `f`, first moving to a new stack segment if less than
/// [`RED_ZONE`] bytes of stack are left. Call boundaries and the recursive
/// protocols (repr, comparison, hash) go through here, so recursion is
/// bounded by the recursion limit and memory, never by the thread's stack.
#[inline(always)]
pub fn guarded<R>(vm: &Vm, f: impl FnOnce() -> PyResult<R>) -> PyResult<R> {
    match stacker::remaining_stack() {
        Some(left) if left >= RED_ZONE => f(),
        _ => grow(vm, f),
    }
}

#[cold]
#[inline(never)]
fn grow<R>(vm: &Vm, f: impl FnOnce() -> PyResult<R>) -> PyResult<R> {
    if !crate::alloc::try_reserve_stack(SEGMENT) || !can_map(SEGMENT) {
        return Err(vm.new_exc_args(ExcKind::MemoryError, vec![]));
    }
    let r = stacker::grow(SEGMENT, f);
    crate::alloc::release_stack(SEGMENT);
    r
}

/// Whether `bytes` of stack can be mapped now: stacker panics when its
/// mapping fails, so the mapping is tried first.
fn can_map(bytes: usize) -> bool {
    // SAFETY: an anonymous private mapping, unmapped right away; no memory
    // is touched.
    unsafe {
        let p = libc::mmap(
            std::ptr::null_mut(),
            bytes,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
            -1,
            0,
        );
        if p == libc::MAP_FAILED {
            return false;
        }
        libc::munmap(p, bytes);
        true
    }
}
