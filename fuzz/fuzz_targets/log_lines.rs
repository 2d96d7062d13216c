//! The `log_lines` target: see `checks::log_lines` in `fuzz/src/checks.rs`.
#![no_main]

#[allow(dead_code)]
#[path = "../src/checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::log_lines(data));
