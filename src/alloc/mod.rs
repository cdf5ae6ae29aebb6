//! The global allocator: small blocks without glibc's header
//! ([`small`]), and the memory accounting for `--max-memory`: the bytes
//! the interpreter thread holds, and the cap they are checked against.
//!
//! The allocator only counts; it never fails an allocation (a failed
//! allocation aborts a Rust program). The interpreter consults the count
//! where it can raise a clean `MemoryError` instead: before allocating a
//! large object ([`Vm::reserve`](crate::eval::Vm::reserve)), at the
//! periodic checkpoint of loops and calls, and before growing the stack.
//! A single builtin call can therefore pass the cap by what it allocates
//! in small pieces before the next checkpoint.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

mod small;

/// The counting allocator (installed in `lib.rs`).
pub struct Counting;

thread_local! {
    /// Bytes allocated minus bytes freed by this thread (the interpreter
    /// runs on one thread; memory freed by another thread goes negative
    /// there and stays counted here, which errs on the safe side).
    static USED: Cell<isize> = const { Cell::new(0) };
    /// This thread's cap in bytes (`isize::MAX`: none set, the machine's
    /// limit applies).
    static CAP: Cell<isize> = const { Cell::new(isize::MAX) };
    /// A large allocation went over the cap since the last checkpoint.
    static LARGE_OVER: Cell<bool> = const { Cell::new(false) };
}

// SAFETY: a layout `small::is_small` accepts is served by `small` (for
// alloc, dealloc and realloc alike, as the same layout comes back), any
// other by the system allocator; the counters are thread-local cells
// without destructors, usable at any time.
unsafe impl GlobalAlloc for Counting {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        add(layout.size() as isize);
        if small::is_small(layout) {
            unsafe { small::alloc(layout) }
        } else {
            unsafe { System.alloc(layout) }
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        add(layout.size() as isize);
        if small::is_small(layout) {
            let p = unsafe { small::alloc(layout) };
            if !p.is_null() {
                // SAFETY: `p` holds `layout.size()` bytes.
                unsafe { p.write_bytes(0, layout.size()) };
            }
            p
        } else {
            unsafe { System.alloc_zeroed(layout) }
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        add(-(layout.size() as isize));
        if small::is_small(layout) {
            unsafe { small::dealloc(ptr, layout) }
        } else {
            unsafe { System.dealloc(ptr, layout) }
        }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        add(new_size as isize - layout.size() as isize);
        // SAFETY: the caller guarantees a valid layout of `new_size`.
        let new = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        if small::is_small(layout) || small::is_small(new) {
            unsafe { small::realloc(ptr, layout, new_size) }
        } else {
            unsafe { System.realloc(ptr, layout, new_size) }
        }
    }
}

#[inline(always)]
fn add(n: isize) {
    let _ = USED.try_with(|u| u.set(u.get().wrapping_add(n)));
    if n >= LARGE {
        note_large();
    }
}

/// An allocation this big brings the next checkpoint forward: one that
/// goes over the cap is then answered by a `MemoryError` at the next
/// statement or loop step, not only after the checkpoint's countdown
/// (a doubling string passes any cap within a few dozen steps).
const LARGE: isize = 1 << 20;

#[cold]
fn note_large() {
    let over = USED.try_with(Cell::get).unwrap_or(0) > cap();
    if over {
        let _ = LARGE_OVER.try_with(|f| f.set(true));
    }
}

/// Takes the flag that a large allocation went over the cap.
#[inline]
pub fn take_large_over() -> bool {
    LARGE_OVER
        .try_with(|f| {
            let set = f.get();
            if set {
                f.set(false);
            }
            set
        })
        .unwrap_or(false)
}

/// Bytes the current thread holds now.
pub fn used() -> isize {
    USED.with(Cell::get)
}

/// Sets the current thread's cap to `bytes` more than it holds now
/// (`None`: no cap).
pub fn set_cap_from_now(bytes: Option<usize>) {
    let cap = match bytes {
        Some(b) => used().saturating_add(b.min(isize::MAX as usize) as isize),
        None => isize::MAX,
    };
    CAP.with(|c| c.set(cap));
}

/// The cap in force: the one set, else [`machine_limit`].
#[inline]
fn cap() -> isize {
    match CAP.with(Cell::get) {
        isize::MAX => machine_limit(),
        set => set,
    }
}

/// Without `--max-memory`, 90% of the machine's physical memory: past it
/// CPython's `malloc` would fail (a `MemoryError`) or the system would
/// kill the process, while a Rust allocation failure aborts apy. Keeping
/// below it lets `list(range(10**12))` or an endless `append` end in a
/// clean `MemoryError`.
pub fn machine_limit() -> isize {
    static LIMIT: std::sync::OnceLock<isize> = std::sync::OnceLock::new();
    *LIMIT.get_or_init(|| {
        // SAFETY: sysconf only reads system configuration.
        let (pages, page) = unsafe {
            (
                libc::sysconf(libc::_SC_PHYS_PAGES),
                libc::sysconf(libc::_SC_PAGESIZE),
            )
        };
        if pages <= 0 || page <= 0 {
            return isize::MAX;
        }
        let bytes = (pages as i128 * page as i128 * 9 / 10).min(isize::MAX as i128);
        bytes as isize
    })
}

/// Whether the thread holds more than its cap.
#[inline]
pub fn over_cap() -> bool {
    used() > cap()
}

/// Whether `bytes` more fit under the cap.
pub fn fits(bytes: usize) -> bool {
    let b = bytes.min(isize::MAX as usize) as isize;
    used().saturating_add(b) <= cap()
}

/// Counts a stack segment of `bytes` about to be mapped, if it fits.
pub fn try_reserve_stack(bytes: usize) -> bool {
    if !fits(bytes) {
        return false;
    }
    add(bytes as isize);
    true
}

/// Uncounts a stack segment that was unmapped.
pub fn release_stack(bytes: usize) {
    add(-(bytes as isize));
}
