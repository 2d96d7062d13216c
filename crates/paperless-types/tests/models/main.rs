//! Every real captured response decodes into its model, re-encodes without losing a field, and
//! every captured request body is reproduced exactly by its payload type.
//!
//! Fixtures are whole captures from a Paperless-ngx 3.0.5 server (`tests/fixtures/*.json`, each
//! `{name, method, path, query, request_body, status, headers, body, ...}`). The mapping from
//! fixture to Rust type lives in the `map_*` modules, one per resource family.

// A test harness: failing loudly (panic/expect) is the point.
#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

mod harness;
mod map_admin;
mod map_documents;
mod ws;

use harness::{Entry, Fixture};

fn all_entries() -> Vec<Entry> {
    let mut all = map_documents::entries();
    all.extend(map_admin::entries());
    all
}

/// Each mapped response body decodes, and re-encoding it loses nothing the server sent.
#[test]
fn every_mapped_response_decodes_without_loss() {
    let mut failures = Vec::new();
    for entry in all_entries()
        .iter()
        .filter(|e| e.kind == harness::Kind::Response)
    {
        let fx = Fixture::load(entry.fixture);
        if let Err(e) = harness::check_response(entry, &fx) {
            failures.push(format!("{}: {e}", entry.fixture));
        }
    }
    assert!(
        failures.is_empty(),
        "{} fixture(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Each mapped request body is reproduced exactly by its payload type.
#[test]
fn every_mapped_request_body_round_trips_exactly() {
    let mut failures = Vec::new();
    for entry in all_entries()
        .iter()
        .filter(|e| e.kind == harness::Kind::Request)
    {
        let fx = Fixture::load(entry.fixture);
        if let Err(e) = harness::check_request(entry, &fx) {
            failures.push(format!("{}: {e}", entry.fixture));
        }
    }
    assert!(
        failures.is_empty(),
        "{} payload(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Every capture whose response is 2xx JSON has a model mapped to it, so a missing model cannot hide.
#[test]
fn every_json_capture_has_a_model() {
    let entries = all_entries();
    let mut missing = Vec::new();
    for fx in Fixture::all() {
        let mapped = entries
            .iter()
            .any(|e| e.fixture == fx.name && e.kind == harness::Kind::Response);
        if fx.is_2xx_json() && !mapped {
            missing.push(fx.name.clone());
        }
    }
    for e in &entries {
        assert!(
            Fixture::exists(e.fixture),
            "mapping names a fixture that does not exist: {}",
            e.fixture
        );
    }
    assert!(
        missing.is_empty(),
        "{} 2xx JSON capture(s) have no model:\n{}",
        missing.len(),
        missing.join("\n")
    );
}

/// Captured request bodies no payload type reproduces on purpose, because the server ignores
/// what they send: `share_link_bundles.patch` sent `expiration_days`, which an update of a bundle
/// does not apply (`ShareLinkBundlePatch` offers only `file_version`).
const IGNORED_BY_THE_SERVER: &[&str] = &["share_link_bundles.patch"];

/// Every capture with a JSON request body has a payload type mapped to it.
#[test]
fn every_json_request_body_has_a_payload_type() {
    let entries = all_entries();
    let mut missing = Vec::new();
    for fx in Fixture::all() {
        let mapped = entries
            .iter()
            .any(|e| e.fixture == fx.name && e.kind == harness::Kind::Request);
        if fx.has_json_request_body()
            && !mapped
            && !IGNORED_BY_THE_SERVER.contains(&fx.name.as_str())
        {
            missing.push(fx.name.clone());
        }
    }
    assert!(
        missing.is_empty(),
        "{} request body(ies) have no payload type:\n{}",
        missing.len(),
        missing.join("\n")
    );
}

/// Truncated and corrupted bodies fed to every mapped type give an error, never a panic.
#[test]
fn truncated_or_corrupted_json_never_panics() {
    for entry in all_entries() {
        let fx = Fixture::load(entry.fixture);
        let text = match entry.kind {
            harness::Kind::Response => fx.body_text(),
            harness::Kind::Request => fx.request_body_text(),
        };
        for candidate in harness::mutations(&text) {
            // Ok or Err are both fine; the point is that decoding returns.
            let outcome = std::panic::catch_unwind(|| (entry.decode)(&candidate));
            assert!(
                outcome.is_ok(),
                "{}: decoding a mutated body panicked: {candidate:.200}",
                entry.fixture
            );
        }
    }
}
