//! Small blocks without a header: allocations of at most [`MAX_SMALL`]
//! bytes come from per-thread free lists, one per 8-byte size class,
//! carved from 64 KiB chunks of the system allocator.
//!
//! glibc's `malloc` puts an 8-byte header before every block and rounds
//! the block to 16 bytes, so a 120-byte task costs 128 bytes and a 64-byte
//! generator 80. A pending asyncio task is half a dozen such objects; here
//! each costs its size rounded to 8, as CPython's own small-object
//! allocator does for Python objects. Larger blocks, and blocks aligned
//! to more than 8 bytes, still go to the system allocator, which returns
//! big freed buffers to the operating system.
//!
//! Free lists are thread-local, so no allocation takes a lock. A block
//! freed on another thread than the one that made it joins that thread's
//! list: chunks are never returned, so a block stays valid memory of its
//! class wherever it is reused. Memory of a thread's lists is not
//! reclaimed when the thread ends (apy runs its interpreter on one thread
//! for the life of the process).

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::ptr::null_mut;

/// The largest size served here.
pub const MAX_SMALL: usize = 256;
/// Size classes are multiples of this (also the alignment they give).
const GRANULE: usize = 8;
const CLASSES: usize = MAX_SMALL / GRANULE;
/// What is taken from the system allocator at a time.
const CHUNK: usize = 64 * 1024;

thread_local! {
    /// The first free block of each class; a free block's first word
    /// holds the next.
    static FREE: [Cell<*mut u8>; CLASSES] = const { [const { Cell::new(null_mut()) }; CLASSES] };
    /// The unused rest of the current chunk: next byte, and its end.
    static BUMP: Cell<(*mut u8, *mut u8)> = const { Cell::new((null_mut(), null_mut())) };
}

/// Whether blocks of `layout` are served here.
#[inline(always)]
pub fn is_small(layout: Layout) -> bool {
    layout.size() <= MAX_SMALL && layout.align() <= GRANULE
}

/// The class of a small size (1..=MAX_SMALL).
#[inline(always)]
fn class_of(size: usize) -> usize {
    size.saturating_sub(1) / GRANULE
}

/// A block for `layout`, which [`is_small`] accepts.
///
/// # Safety
/// As [`GlobalAlloc::alloc`].
#[inline]
pub unsafe fn alloc(layout: Layout) -> *mut u8 {
    let class = class_of(layout.size());
    let popped = FREE.try_with(|free| {
        let head = free[class].get();
        if !head.is_null() {
            // SAFETY: a free block's first word holds the next free block
            // (written by `dealloc`); blocks are at least 8 bytes, 8-aligned.
            free[class].set(unsafe { head.cast::<*mut u8>().read() });
        }
        head
    });
    match popped {
        Ok(head) if !head.is_null() => head,
        Ok(_) => carve((class + 1) * GRANULE),
        // The thread is ending: its lists are gone.
        Err(_) => unsafe { System.alloc(layout) },
    }
}

/// A fresh block of `size` bytes from the current chunk, or a new one.
#[cold]
fn carve(size: usize) -> *mut u8 {
    BUMP.try_with(|bump| {
        let (next, end) = bump.get();
        if (end as usize).wrapping_sub(next as usize) >= size && !next.is_null() {
            bump.set((next.wrapping_add(size), end));
            return next;
        }
        // The old chunk's tail (less than a block) is left unused.
        // SAFETY: a valid non-zero layout.
        let chunk = unsafe { System.alloc(Layout::from_size_align_unchecked(CHUNK, GRANULE)) };
        if chunk.is_null() {
            return chunk;
        }
        bump.set((chunk.wrapping_add(size), chunk.wrapping_add(CHUNK)));
        chunk
    })
    .unwrap_or(null_mut())
}

/// Returns a block [`alloc`] gave for `layout`.
///
/// # Safety
/// As [`GlobalAlloc::dealloc`].
#[inline]
pub unsafe fn dealloc(ptr: *mut u8, layout: Layout) {
    let class = class_of(layout.size());
    // A thread that is ending keeps (leaks) what it frees.
    let _ = FREE.try_with(|free| {
        // SAFETY: the block is at least 8 bytes and 8-aligned, and no
        // longer in use: its first word becomes the list link.
        unsafe { ptr.cast::<*mut u8>().write(free[class].get()) };
        free[class].set(ptr);
    });
}

/// Moves a block between sizes, at least one of which is small.
///
/// # Safety
/// As [`GlobalAlloc::realloc`].
pub unsafe fn realloc(ptr: *mut u8, old: Layout, new_size: usize) -> *mut u8 {
    // SAFETY: the caller guarantees `new_size` makes a valid layout with
    // the old alignment.
    let new = unsafe { Layout::from_size_align_unchecked(new_size, old.align()) };
    if is_small(old) && is_small(new) && class_of(old.size()) == class_of(new_size) {
        return ptr;
    }
    let fresh = if is_small(new) {
        unsafe { alloc(new) }
    } else {
        unsafe { System.alloc(new) }
    };
    if fresh.is_null() {
        return fresh;
    }
    // SAFETY: both blocks hold at least the smaller size and do not overlap.
    unsafe { std::ptr::copy_nonoverlapping(ptr, fresh, old.size().min(new_size)) };
    if is_small(old) {
        unsafe { dealloc(ptr, old) };
    } else {
        unsafe { System.dealloc(ptr, old) };
    }
    fresh
}
