//! Source text → a whole run on the virtual clock under tight limits: no panic, no hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(problem) = apy::harness::run_limited(data) {
        panic!("{problem}");
    }
});
