//! The `str` object: UTF-8 text with its length in code points cached, so
//! indexing ASCII text is O(1).

use std::cell::Cell;

/// A Python `str`.
pub struct PyStr {
    text: String,
    /// Number of code points.
    char_len: usize,
    /// Cached hash (0 = not computed yet).
    pub hash: Cell<i64>,
}

impl PyStr {
    pub fn new(text: String) -> PyStr {
        let char_len = if text.is_ascii() {
            text.len()
        } else {
            text.chars().count()
        };
        PyStr {
            text,
            char_len,
            hash: Cell::new(0),
        }
    }

    /// Appends `other` in place (for `s += t` when nothing else holds `s`).
    pub fn push_str(&mut self, other: &PyStr) {
        self.text.push_str(&other.text);
        self.char_len += other.char_len;
        self.hash.set(0);
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Length in code points (`len(s)`).
    pub fn char_len(&self) -> usize {
        self.char_len
    }

    pub fn is_ascii(&self) -> bool {
        self.char_len == self.text.len()
    }

    /// The code point at index `i` (0 <= i < char_len).
    pub fn char_at(&self, i: usize) -> Option<char> {
        if self.is_ascii() {
            self.text.as_bytes().get(i).map(|&b| b as char)
        } else {
            self.text.chars().nth(i)
        }
    }

    /// Byte offset of code point index `i` (clamped to the end).
    pub fn byte_offset(&self, i: usize) -> usize {
        if self.is_ascii() {
            i.min(self.text.len())
        } else {
            self.text
                .char_indices()
                .nth(i)
                .map(|(b, _)| b)
                .unwrap_or(self.text.len())
        }
    }

    /// The substring of code points `start..end`.
    pub fn substring(&self, start: usize, end: usize) -> &str {
        if start >= end {
            return "";
        }
        let a = self.byte_offset(start);
        let b = self.byte_offset(end);
        &self.text[a..b]
    }
}
