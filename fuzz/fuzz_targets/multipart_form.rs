//! The `multipart_form` target: see `checks::multipart_form` in `fuzz/src/checks.rs`.
#![no_main]

#[allow(dead_code)]
#[path = "../src/checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::multipart_form(data));
