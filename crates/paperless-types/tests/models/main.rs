//! Every real captured response decodes into its model, re-encodes without losing a field, and
//! every captured request body is reproduced exactly by its payload type.
//!
//! Fixtures are whole captures from a Paperless-ngx 3.0.5 server (`tests/fixtures/*.json`, each
//! `{name, method, path, query, request_body, status, headers, body, ...}`). The mapping from
//! fixture to Rust type lives in the `map_*` modules, one per resource family.

// A test harness: failing loudly (panic/expect) is the point.
#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

mod harness;
mod map_2_20;
mod map_admin;
mod map_documents;
mod ws;

use harness::{Entry, Fixture};

fn all_entries() -> Vec<Entry> {
    let mut all = map_documents::entries();
    all.extend(map_admin::entries());
    all.extend(map_2_20::entries());
    all
}

/// 2.20 captures of API versions 1 to 8, which this crate never asks for (it speaks 9 and
/// 10): integer tag colours, plain-string select options, datetime `created`.
const OLDER_API_VERSIONS: &[&str] = &[
    "2.20/custom_fields.create.v6_select_strings",
    "2.20/custom_fields.retrieve.select.v6",
    "2.20/documents.list.v8_created_datetime",
    "2.20/documents.retrieve.v6_select_index",
    "2.20/documents.retrieve.v7_note_user_int",
    "2.20/tags.create.v1_colour",
    "2.20/version.v1_tags",
];

/// Every 2xx JSON capture of the 2.20.15 server decodes into its model, and re-encoding it
/// loses nothing: the model of its own mapping (`2.20/<name>`, in `map_2_20`), else the model
/// of the 3.0.5 capture of the same request (the two servers' captures share names).
#[test]
fn every_2_20_json_capture_decodes_into_its_model() {
    let entries = all_entries();
    let mut missing = Vec::new();
    let mut failures = Vec::new();
    for fx in Fixture::all_2_20()
        .iter()
        .filter(|fx| fx.is_2xx_json() && !OLDER_API_VERSIONS.contains(&fx.name.as_str()))
    {
        let same_request = fx.name.trim_start_matches("2.20/");
        let entry = entries
            .iter()
            .filter(|e| e.kind == harness::Kind::Response)
            .find(|e| e.fixture == fx.name)
            .or_else(|| {
                entries
                    .iter()
                    .filter(|e| e.kind == harness::Kind::Response)
                    .find(|e| e.fixture == same_request)
            });
        match entry {
            None => missing.push(fx.name.clone()),
            Some(entry) => {
                if let Err(e) = harness::check_response(entry, fx) {
                    failures.push(format!("{}: {e}", fx.name));
                }
            }
        }
    }
    assert!(
        missing.is_empty() && failures.is_empty(),
        "{} 2.20 capture(s) have no model:\n{}\n{} failed:\n{}",
        missing.len(),
        missing.join("\n"),
        failures.len(),
        failures.join("\n")
    );
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
