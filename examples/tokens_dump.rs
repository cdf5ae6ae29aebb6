//! Prints the token stream of a file: one token per line with its span.
//!
//! Usage: `cargo run --example tokens_dump -- FILE`

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: tokens_dump FILE");
        std::process::exit(2);
    };
    let source = std::fs::read_to_string(&path).unwrap_or_default();
    let tokens = apy::indent::tokenize(&source);
    for (t, s) in tokens.toks.iter().zip(&tokens.spans) {
        println!("{:?} {}..{} {:?}", t, s.start, s.end, &source[s.range()]);
    }
    println!("end: {:?}", tokens.end);
}
