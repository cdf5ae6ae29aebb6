//! Code point index → byte offset for non-ASCII strings.
//!
//! `PyStr` is UTF-8, so finding code point `i` means walking the text.
//! Programs that scan a string by index (`while i < len(s): c = s[i]`,
//! `s.startswith(p, i)`) would walk it again for every step; a per-thread
//! cursor remembers the last position found in the last string used, so a
//! scan walks only the distance between successive indexes.

use std::cell::RefCell;
use std::rc::Rc;

use crate::value::PyStr;

thread_local! {
    /// The last string indexed (kept alive, so the pointer stays its
    /// identity) and a known `(code point index, byte offset)` in it.
    static CURSOR: RefCell<Option<(Rc<PyStr>, usize, usize)>> = const { RefCell::new(None) };
}

/// The byte offset of code point `idx` of `s` (the end for `idx >= len`).
pub fn byte_offset(s: &Rc<PyStr>, idx: usize) -> usize {
    let text = s.as_str();
    if s.is_ascii() {
        return idx.min(text.len());
    }
    let len = s.char_len();
    if idx >= len {
        return text.len();
    }
    // Start from the nearest known point: the start, the end, or the cursor.
    let mut from = (0, 0);
    if len - idx < idx {
        from = (len, text.len());
    }
    let cursor = CURSOR.with(|c| match &*c.borrow() {
        Some((t, ci, bi)) if Rc::ptr_eq(t, s) => Some((*ci, *bi)),
        _ => None,
    });
    if let Some((ci, bi)) = cursor
        && ci.abs_diff(idx) < from.0.abs_diff(idx)
    {
        from = (ci, bi);
    }
    let (ci, bi) = from;
    let off = if idx >= ci {
        match text[bi..].char_indices().nth(idx - ci) {
            Some((o, _)) => bi + o,
            None => text.len(),
        }
    } else {
        match text[..bi].char_indices().nth_back(ci - idx - 1) {
            Some((o, _)) => o,
            None => 0,
        }
    };
    CURSOR.with(|c| *c.borrow_mut() = Some((s.clone(), idx, off)));
    off
}

/// The code point at index `idx < len(s)`.
pub fn char_at(s: &Rc<PyStr>, idx: usize) -> char {
    let text = s.as_str();
    if s.is_ascii() {
        return text.as_bytes().get(idx).map_or('\0', |&b| b as char);
    }
    let off = byte_offset(s, idx);
    text[off..].chars().next().unwrap_or('\0')
}

/// Byte offsets of the code point indexes `a` and `b` (each clamped to the
/// end of the text; `b < a` gives `b == a`).
pub fn byte_span(s: &Rc<PyStr>, a: usize, b: usize) -> (usize, usize) {
    let ba = byte_offset(s, a);
    if b <= a {
        return (ba, ba);
    }
    (ba, byte_offset(s, b))
}
