//! Markdown → `apy check` of the document: no panic, a verdict for every block.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(problem) = apy::harness::check_markdown(data) {
        panic!("{problem}");
    }
});
