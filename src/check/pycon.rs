//! Interactive-session (`pycon`) blocks: `>>> ` starts an example, `... `
//! (or a bare `...`) continues it, and the lines after it up to a blank
//! line or the next `>>>` are its expected output.

/// One example of a session.
#[derive(Clone, Debug, PartialEq)]
pub struct Example {
    /// The source, prompts removed, each line ending in `\n`.
    pub source: String,
    /// Index (in the block's content lines) of the `>>>` line.
    pub first: usize,
    /// For each source line, the length of the prompt removed from it.
    pub prompt_lens: Vec<usize>,
    /// The expected output lines.
    pub want: Vec<String>,
    /// Index of the first expected-output line (just after the source).
    pub want_first: usize,
}

impl Example {
    /// The expected output as one text.
    pub fn want_text(&self) -> String {
        self.want.join("\n")
    }

    /// The expected output announces an exception: a traceback.
    pub fn wants_traceback(&self) -> bool {
        self.want
            .first()
            .is_some_and(|l| l.starts_with("Traceback (most recent call last):"))
    }
}

fn tail(s: &str, n: usize) -> &str {
    s.get(n..).unwrap_or("")
}

/// The examples of a session block, given its content lines.
pub fn parse<S: AsRef<str>>(body: &[S]) -> Vec<Example> {
    let mut examples = Vec::new();
    let mut i = 0;
    while i < body.len() {
        let line = body[i].as_ref();
        if !line.starts_with(">>>") {
            i += 1;
            continue;
        }
        let first = i;
        let prompt = if line.starts_with(">>> ") { 4 } else { 3 };
        let mut src = vec![tail(line, prompt).to_owned()];
        let mut prompt_lens = vec![prompt];
        i += 1;
        while i < body.len() {
            let l = body[i].as_ref();
            if l.starts_with("... ") || l == "..." {
                src.push(tail(l, 4).to_owned());
                prompt_lens.push(4.min(l.len()));
                i += 1;
            } else {
                break;
            }
        }
        let want_first = i;
        let mut want = Vec::new();
        while i < body.len() {
            let l = body[i].as_ref();
            if l.trim().is_empty() || l.starts_with(">>>") {
                break;
            }
            want.push(l.to_owned());
            i += 1;
        }
        examples.push(Example {
            source: src.join("\n") + "\n",
            first,
            prompt_lens,
            want,
            want_first,
        });
    }
    examples
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples() {
        let body = [
            "intro",
            ">>> x = 1",
            ">>> def f():",
            "...     return 2",
            "...",
            ">>> f()",
            "2",
            "",
            "after",
            ">>>x",
        ];
        let ex = parse(&body);
        assert_eq!(ex.len(), 4);
        assert_eq!(ex[0].source, "x = 1\n");
        assert_eq!(ex[1].source, "def f():\n    return 2\n\n");
        assert_eq!(ex[1].prompt_lens, vec![4, 4, 3]);
        assert_eq!(ex[2].want, vec!["2".to_owned()]);
        assert_eq!(ex[2].want_first, 6);
        assert_eq!(ex[3].source, "x\n");
    }
}
