//! The `decode_models` target: see `checks::decode_models` in `fuzz/src/checks.rs`.
#![no_main]

#[allow(dead_code)]
#[path = "../src/checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::decode_models(data));
