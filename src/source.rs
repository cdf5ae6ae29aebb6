//! Getting a program's text as CPython gets it: the command line's
//! arguments, a file or stdin decoded by PEP 263's rules (a UTF-8 byte
//! order mark, a `coding:` cookie on line 1 or 2, UTF-8 otherwise), with
//! CPython's messages for what cannot be decoded: invalid UTF-8, NUL
//! bytes, unknown or conflicting encodings, a missing file, a directory.
//! An encoding apy cannot decode exactly is `apy::unsupported`, never a
//! guess.

use std::ffi::OsString;

use crate::diagnostics::{EXIT_UNSUPPORTED, exit_status, render_compile_error, use_color};
use crate::errors::CompileError;

/// Why a program's text could not be had.
#[derive(Debug)]
pub enum SourceError {
    /// A whole report for stderr, and the exit status.
    Report(String, i32),
    /// A syntax error in the text (decoded as far as it goes), rendered
    /// as the parser's are.
    Syntax(String, CompileError),
}

impl SourceError {
    /// Prints the error for the program `name`; returns the exit status.
    pub fn report(&self, name: &str) -> i32 {
        match self {
            SourceError::Report(text, status) => {
                eprint!("{text}");
                *status
            }
            SourceError::Syntax(text, e) => {
                eprint!("{}", render_compile_error(name, text, e, use_color()));
                exit_status(e)
            }
        }
    }

    fn unsupported(what: &str) -> SourceError {
        SourceError::Report(
            format!("apy::unsupported: apy does not support {what}\n"),
            EXIT_UNSUPPORTED,
        )
    }
}

/// The command line as strings. An argument that is not UTF-8 gets
/// CPython's answer: for the code of `-c`, its "Unable to decode the
/// command" error (exit 1); anywhere else `apy::unsupported` (CPython's
/// `sys.argv` would hold a lone surrogate, which apy's strings cannot).
pub fn command_line(args: impl IntoIterator<Item = OsString>) -> Result<Vec<String>, SourceError> {
    let mut out: Vec<String> = Vec::new();
    for arg in args {
        match arg.into_string() {
            Ok(s) => out.push(s),
            Err(raw) => {
                use std::os::unix::ffi::OsStrExt;
                let bytes = raw.as_bytes();
                let after_c = out.len() > 1 && out.last().is_some_and(|a| a == "-c");
                let attached = bytes.starts_with(b"-c");
                if after_c || (attached && out.len() == 1) {
                    let code = if attached && !after_c {
                        &bytes[2..]
                    } else {
                        bytes
                    };
                    return Err(undecodable_command(code));
                }
                return Err(SourceError::unsupported(
                    "a command-line argument that is not UTF-8",
                ));
            }
        }
    }
    Ok(out)
}

/// CPython's error for a `-c` program that is not UTF-8: it decodes the
/// argument with `surrogateescape` and cannot encode the result back.
fn undecodable_command(code: &[u8]) -> SourceError {
    let (valid, bad) = split_invalid(code);
    let position = valid.chars().count();
    SourceError::Report(
        format!(
            "Unable to decode the command from the command line:\n\
             UnicodeEncodeError: 'utf-8' codec can't encode character '\\udc{bad:02x}' \
             in position {position}: surrogates not allowed\n"
        ),
        1,
    )
}

/// The valid UTF-8 prefix of `bytes` and the byte after it (`bytes` must
/// not be valid UTF-8).
fn split_invalid(bytes: &[u8]) -> (&str, u8) {
    match std::str::from_utf8(bytes) {
        Ok(s) => (s, 0),
        Err(e) => {
            let at = e.valid_up_to();
            let prefix = std::str::from_utf8(&bytes[..at]).unwrap_or_default();
            (prefix, bytes.get(at).copied().unwrap_or(0))
        }
    }
}

/// Reads and decodes the program file `path`, with CPython's messages
/// when it cannot be opened (`apy: can't open file ...`, exit 2) or run
/// (a directory).
pub fn read_file(path: &str) -> Result<String, SourceError> {
    let shown = absolute(path);
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => {
            return Err(if std::path::Path::new(path).join("__main__.py").exists() {
                SourceError::unsupported("running a directory's __main__.py")
            } else {
                SourceError::Report(
                    format!("apy: can't find '__main__' module in '{shown}'\n"),
                    1,
                )
            });
        }
        _ => {}
    }
    match std::fs::read(path) {
        Ok(bytes) => decode(&bytes, &shown),
        Err(e) => Err(SourceError::Report(
            format!(
                "apy: can't open file '{shown}': [Errno {}] {}\n",
                e.raw_os_error().unwrap_or(2),
                os_error_text(&e)
            ),
            2,
        )),
    }
}

/// Reads the program from stdin (to its end) and decodes it.
pub fn read_stdin() -> Result<String, SourceError> {
    use std::io::Read;
    let mut bytes = Vec::new();
    if let Err(e) = std::io::stdin().read_to_end(&mut bytes) {
        return Err(SourceError::Report(
            format!(
                "apy: cannot read the program from stdin: [Errno {}] {}\n",
                e.raw_os_error().unwrap_or(5),
                os_error_text(&e)
            ),
            2,
        ));
    }
    decode(&bytes, "<stdin>")
}

/// `path` as CPython shows the script it runs (`__file__`, tracebacks,
/// messages): the working directory joined in front of a relative path,
/// nothing else changed.
pub fn absolute(path: &str) -> String {
    if path.starts_with('/') {
        return path.to_owned();
    }
    match std::env::current_dir() {
        Ok(dir) => format!("{}/{path}", dir.display()),
        Err(_) => path.to_owned(),
    }
}

/// The `strerror` text of an I/O error (Rust adds " (os error N)").
pub fn os_error_text(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.rfind(" (os error ") {
        Some(i) => text[..i].to_owned(),
        None => text,
    }
}

/// The source encodings of PEP 263 apy decodes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Encoding {
    Utf8,
    Latin1,
}

/// Decodes the bytes of a program file (or stdin), shown as `name` in
/// messages, as CPython's tokenizer does.
pub fn decode(bytes: &[u8], name: &str) -> Result<String, SourceError> {
    let (bom, body) = match bytes.strip_prefix(b"\xef\xbb\xbf") {
        Some(rest) => (true, rest),
        None => (false, bytes),
    };
    let declared = match coding_cookie(body) {
        None => None,
        Some(cookie) => Some(match (normal_name(&cookie), bom) {
            (Some(Encoding::Utf8), _) => Encoding::Utf8,
            // With a BOM, CPython compares the normalized name with "utf-8".
            (Some(Encoding::Latin1), true) => {
                return Err(report_syntax(
                    "encoding problem: iso-8859-1 with BOM".into(),
                ));
            }
            (None, true) => {
                return Err(report_syntax(format!(
                    "encoding problem: {cookie} with BOM"
                )));
            }
            (Some(Encoding::Latin1), false) => Encoding::Latin1,
            (None, false) => match codec_alias(&cookie) {
                Some(e) => e,
                None => {
                    return Err(SourceError::unsupported(&format!(
                        "the source encoding '{cookie}' (only UTF-8 and Latin-1 are)"
                    )));
                }
            },
        }),
    };
    let nul = body.iter().position(|&b| b == 0);
    let invalid = match declared {
        Some(Encoding::Latin1) => None,
        _ => std::str::from_utf8(body).err().map(|e| e.valid_up_to()),
    };
    match (nul, invalid) {
        (Some(at), i) if i.is_none_or(|i| at < i) => {
            let text = lossy(body, declared);
            let at = text_offset(body, at, declared);
            return Err(SourceError::Syntax(
                text,
                CompileError::syntax(
                    "source code cannot contain null bytes",
                    crate::ast::Span::new(at, at),
                ),
            ));
        }
        (_, Some(at)) => {
            if bom || declared.is_some() {
                // CPython reports these only where a token holds them
                // (invalid bytes in a comment pass): not reproduced.
                return Err(SourceError::unsupported(
                    "source that declares UTF-8 but is not UTF-8",
                ));
            }
            let line = line_number(&body[..at]);
            return Err(report_syntax(format!(
                "Non-UTF-8 code starting with '\\x{:02x}' in file {name} on line {line}, \
                 but no encoding declared; see https://peps.python.org/pep-0263/ for details",
                body[at]
            )));
        }
        _ => {}
    }
    Ok(lossy(body, declared))
}

/// A `SyntaxError` CPython prints without a source line.
fn report_syntax(message: String) -> SourceError {
    SourceError::Report(format!("SyntaxError: {message}\n"), 1)
}

/// The text of `bytes` in `encoding` (invalid UTF-8 replaced).
fn lossy(bytes: &[u8], encoding: Option<Encoding>) -> String {
    match encoding {
        Some(Encoding::Latin1) => bytes.iter().map(|&b| b as char).collect(),
        _ => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// The byte offset in the decoded text of byte `at` of `bytes`.
fn text_offset(bytes: &[u8], at: usize, encoding: Option<Encoding>) -> usize {
    lossy(&bytes[..at], encoding).len()
}

/// The 1-based line of the end of `before` (`\n`, `\r\n` and a lone `\r`
/// each end a line, as CPython counts them).
fn line_number(before: &[u8]) -> usize {
    let mut line = 1;
    let mut i = 0;
    while i < before.len() {
        match before[i] {
            b'\n' => line += 1,
            b'\r' if before.get(i + 1) != Some(&b'\n') => line += 1,
            _ => {}
        }
        i += 1;
    }
    line
}

/// The encoding named by a PEP 263 cookie on line 1, or on line 2 after
/// a line 1 that holds only a comment or blanks (CPython's
/// `check_coding_spec`).
fn coding_cookie(source: &[u8]) -> Option<String> {
    let mut rest = source;
    for _ in 0..2 {
        let end = rest
            .iter()
            .position(|&b| b == b'\n' || b == b'\r')
            .map_or(rest.len(), |i| i + 1);
        let line = &rest[..end];
        if let Some(name) = coding_spec(line) {
            return Some(name);
        }
        let code = line
            .iter()
            .take_while(|&&b| b != b'#' && b != b'\n' && b != b'\r')
            .any(|&b| !matches!(b, b' ' | b'\t' | b'\x0c'));
        if code {
            return None;
        }
        rest = &rest[end..];
        if rest.first() == Some(&b'\n') && line.last() == Some(&b'\r') {
            rest = &rest[1..];
        }
    }
    None
}

/// CPython's `get_coding_spec`: in a line that is only a comment,
/// `coding[:=]` followed by blanks and a name of `[-\w.]`.
fn coding_spec(line: &[u8]) -> Option<String> {
    let size = line.len();
    let mut i = 0;
    while i + 6 < size {
        if line[i] == b'#' {
            break;
        }
        if !matches!(line[i], b' ' | b'\t' | b'\x0c') {
            return None;
        }
        i += 1;
    }
    while i + 6 < size {
        if &line[i..i + 6] == b"coding" && matches!(line.get(i + 6), Some(b':' | b'=')) {
            let mut t = i + 7;
            while matches!(line.get(t), Some(b' ' | b'\t')) {
                t += 1;
            }
            let begin = t;
            while line
                .get(t)
                .is_some_and(|&c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.'))
            {
                t += 1;
            }
            if begin < t {
                return Some(String::from_utf8_lossy(&line[begin..t]).into_owned());
            }
        }
        i += 1;
    }
    None
}

/// The encoding a cookie names, as CPython's `get_normal_name` and codec
/// aliases read it; `None` for one apy does not decode.
fn normal_name(cookie: &str) -> Option<Encoding> {
    let head: String = cookie
        .chars()
        .take(12)
        .map(|c| {
            if c == '_' {
                '-'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect();
    if head == "utf-8" || head.starts_with("utf-8-") {
        return Some(Encoding::Utf8);
    }
    if ["latin-1", "iso-8859-1", "iso-latin-1"].contains(&head.as_str())
        || ["latin-1-", "iso-8859-1-", "iso-latin-1-"]
            .iter()
            .any(|p| head.starts_with(p))
    {
        return Some(Encoding::Latin1);
    }
    None
}

/// The codec a cookie names through Python's codec aliases (after
/// `encodings.normalize_encoding`), when it is UTF-8 or Latin-1.
fn codec_alias(cookie: &str) -> Option<Encoding> {
    let mut name = String::new();
    for c in cookie.chars() {
        if c.is_ascii_alphanumeric() || c == '.' {
            name.push(c.to_ascii_lowercase());
        } else if !name.ends_with('_') {
            name.push('_');
        }
    }
    const UTF8: &[&str] = &[
        "cp65001",
        "u8",
        "utf",
        "utf8",
        "utf8_ucs2",
        "utf8_ucs4",
        "utf_8",
    ];
    const LATIN1: &[&str] = &[
        "8859",
        "cp819",
        "csisolatin1",
        "ibm819",
        "iso8859",
        "iso8859_1",
        "iso_8859_1",
        "iso_8859_1_1987",
        "iso_ir_100",
        "l1",
        "latin",
        "latin1",
        "latin_1",
    ];
    if UTF8.contains(&name.as_str()) {
        Some(Encoding::Utf8)
    } else if LATIN1.contains(&name.as_str()) {
        Some(Encoding::Latin1)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(bytes: &[u8]) -> String {
        match decode(bytes, "/t/x.py") {
            Ok(text) => format!("ok {text:?}"),
            Err(SourceError::Report(text, status)) => format!("{status} {}", text.trim_end()),
            Err(SourceError::Syntax(_, e)) => format!("syntax {e:?}"),
        }
    }

    // The expected words are CPython 3.11.7's for the same bytes.
    #[test]
    fn non_utf8_without_declaration_names_byte_and_line() {
        assert_eq!(
            message(b"x = 1\ny = '\xff'\n"),
            "1 SyntaxError: Non-UTF-8 code starting with '\\xff' in file /t/x.py on line 2, \
             but no encoding declared; see https://peps.python.org/pep-0263/ for details"
        );
        assert!(message(b"x = 1\ry = 2\r\xff\n").contains("on line 3,"));
    }

    #[test]
    fn cookies_on_the_first_two_lines() {
        assert_eq!(
            message(b"# -*- coding: latin-1 -*-\nx = '\xe9'\n"),
            "ok \"# -*- coding: latin-1 -*-\\nx = '\u{e9}'\\n\""
        );
        assert!(message(b"\n# vim: set fileencoding=iso_8859_1 :\n'\xe9'").starts_with("ok"));
        assert!(message(b"print(1)\n# coding: latin-1\n'\xe9'").contains("on line 3"));
        assert!(message(b"#!/x\n#!/y\n# coding: latin-1\n'\xe9'").contains("on line 4"));
        assert!(message(b"# codingX: latin-1\n'\xe9'").contains("Non-UTF-8"));
        assert!(message(b"# coding: utf-8-sig\n'\xc3\xa9'").starts_with("ok"));
        assert!(message(b"# coding: cp1252\n'\x80'").contains("apy::unsupported"));
        assert!(message(b"# coding: UTF8\n'\xc3\xa9'").starts_with("ok"));
        assert!(message(b"# coding: UTF8\n'\xff'").contains("apy::unsupported"));
    }

    #[test]
    fn bom_and_conflicting_cookie() {
        assert_eq!(message(b"\xef\xbb\xbfprint(1)\n"), "ok \"print(1)\\n\"");
        assert_eq!(
            message(b"\xef\xbb\xbf# coding: latin-1\nprint(1)\n"),
            "1 SyntaxError: encoding problem: iso-8859-1 with BOM"
        );
        assert_eq!(
            message(b"\xef\xbb\xbf# coding: foo\nprint(1)\n"),
            "1 SyntaxError: encoding problem: foo with BOM"
        );
    }

    #[test]
    fn first_of_nul_and_invalid_byte_wins() {
        assert!(message(b"x = = 1\ny = 2\0\n").contains("null bytes"));
        assert!(message(b"x = 1\n\xff = 2\n\0").contains("Non-UTF-8"));
    }

    #[test]
    fn undecodable_command_counts_characters() {
        let SourceError::Report(text, 1) = undecodable_command(b"x = 1\ny = \"\xff\"\n") else {
            panic!("not a report");
        };
        assert!(text.ends_with(
            "UnicodeEncodeError: 'utf-8' codec can't encode character '\\udcff' in position 11: surrogates not allowed\n"
        ));
    }
}
