//! The `status_events` target: see `checks::status_events` in `fuzz/src/checks.rs`.
#![no_main]

#[allow(dead_code)]
#[path = "../src/checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::status_events(data));
