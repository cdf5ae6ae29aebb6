//! Memory accounting for `--max-memory`: a global allocator that counts
//! the bytes the interpreter thread holds, and the cap it is checked
//! against.
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

/// The counting allocator (installed in `lib.rs`).
pub struct Counting;

thread_local! {
    /// Bytes allocated minus bytes freed by this thread (the interpreter
    /// runs on one thread; memory freed by another thread goes negative
    /// there and stays counted here, which errs on the safe side).
    static USED: Cell<isize> = const { Cell::new(0) };
    /// This thread's cap in bytes (`isize::MAX`: none).
    static CAP: Cell<isize> = const { Cell::new(isize::MAX) };
}

// SAFETY: every call is forwarded to the system allocator unchanged; the
// counters are thread-local cells without destructors, usable at any time.
unsafe impl GlobalAlloc for Counting {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        add(layout.size() as isize);
        unsafe { System.alloc(layout) }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        add(layout.size() as isize);
        unsafe { System.alloc_zeroed(layout) }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        add(-(layout.size() as isize));
        unsafe { System.dealloc(ptr, layout) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        add(new_size as isize - layout.size() as isize);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[inline(always)]
fn add(n: isize) {
    let _ = USED.try_with(|u| u.set(u.get().wrapping_add(n)));
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

/// Whether the thread holds more than its cap.
#[inline]
pub fn over_cap() -> bool {
    used() > CAP.with(Cell::get)
}

/// Whether `bytes` more fit under the cap.
pub fn fits(bytes: usize) -> bool {
    let b = bytes.min(isize::MAX as usize) as isize;
    used().saturating_add(b) <= CAP.with(Cell::get)
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
