//! Replays every input in `fuzz/regressions/<target>/` through the property of its fuzz target
//! (the same `fuzz/src/checks.rs` the targets run), so a bug fuzzing found stays fixed without
//! cargo-fuzz or a nightly toolchain.

#[allow(dead_code, clippy::expect_used, clippy::panic)]
#[path = "../../../../fuzz/src/checks.rs"]
mod checks;

use std::path::Path;

#[test]
fn every_fuzz_regression_input_passes_its_targets_check() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/regressions");
    let mut replayed = 0;
    for (target, check) in checks::TARGETS {
        let dir = root.join(target);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            let data = std::fs::read(&path).unwrap();
            let outcome = std::panic::catch_unwind(|| check(&data));
            assert!(outcome.is_ok(), "{target}: {} fails again", path.display());
            replayed += 1;
        }
    }
    // The bugs issue #11 names are among them.
    assert!(
        replayed >= 3,
        "only {replayed} regression inputs found under {}",
        root.display()
    );
}

#[test]
fn the_checks_hold_for_the_captured_fixtures() {
    // Every real capture through every model of `decode_models`: the seeds of its corpus.
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../paperless-types/tests/fixtures");
    let mut checked = 0;
    for entry in std::fs::read_dir(fixtures).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let capture: serde_json::Value =
                serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
            let body = match &capture["body"] {
                serde_json::Value::Null => continue,
                serde_json::Value::String(text) => text.clone().into_bytes(),
                json => serde_json::to_vec(json).unwrap(),
            };
            for pick in 0..10u8 {
                let mut data = vec![pick];
                data.extend_from_slice(&body);
                checks::decode_models(&data);
            }
            checked += 1;
        }
    }
    // The 3.0.5 captures with a body (the 2.20 ones are in a subdirectory): not a vacuous pass.
    assert!(checked >= 300, "only {checked} captured bodies checked");
}

#[test]
fn the_status_event_check_holds_for_the_captured_frames() {
    // The seeds of `status_events`: every frame of the captured `/ws/status/` session.
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../paperless-types/tests/fixtures/ws/ws.status.session_frames.json");
    let capture: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    let frames = capture["frames"].as_array().unwrap();
    for frame in frames {
        checks::status_events(&serde_json::to_vec(&frame["frame"]).unwrap());
    }
    assert!(frames.len() >= 10, "only {} frames", frames.len());
}
