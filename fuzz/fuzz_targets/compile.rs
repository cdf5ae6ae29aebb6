//! Source text → lexer, parser and resolver: no panic, every span on a character boundary inside the source.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(problem) = apy::harness::compile_invariants(data) {
        panic!("{problem}");
    }
});
