//! The `custom_field_query` target: see `checks::custom_field_query` in `fuzz/src/checks.rs`.
#![no_main]

#[allow(dead_code)]
#[path = "../src/checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::custom_field_query(data));
