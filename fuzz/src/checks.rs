//! The properties the fuzz targets check, shared with the regression replay test of the
//! workspace (`crates/paperless-client/tests/it/fuzz_regressions.rs` includes this file), so a
//! regression input is checked exactly as the fuzzer checked it. Each function panics when the
//! property fails; none may panic on any other input.

use paperless_client::download::{parse_content_disposition, sanitize_filename};
use paperless_client::transport::BaseUrl;
use paperless_client::types;

/// A target's property: panics when it fails.
pub type Check = fn(&[u8]);

/// The targets, by name: the directory names under `fuzz/regressions/` and `fuzz/corpus/`.
pub const TARGETS: &[(&str, Check)] = &[
    ("decode_models", decode_models),
    ("custom_field_query", custom_field_query),
    ("base_url", base_url),
    ("content_disposition", content_disposition),
    ("log_lines", log_lines),
    ("monetary", monetary),
];

/// Server bytes into every model a server sends; the first byte picks the model. Whatever
/// decodes re-encodes, and every error body reads into a line.
pub fn decode_models(data: &[u8]) {
    let Some((&pick, body)) = data.split_first() else {
        return;
    };
    fn roundtrip<T: serde::de::DeserializeOwned + serde::Serialize>(body: &[u8]) {
        if let Ok(value) = serde_json::from_slice::<T>(body) {
            let text = serde_json::to_vec(&value).expect("a decoded model re-encodes");
            // What we write, we read.
            serde_json::from_slice::<T>(&text).expect("a re-encoded model decodes");
        }
    }
    match pick % 10 {
        0 => roundtrip::<types::document::Document>(body),
        1 => roundtrip::<types::Page<types::document::Document>>(body),
        2 => roundtrip::<types::task::TaskRecord>(body),
        3 => roundtrip::<types::custom_field::CustomField>(body),
        4 => roundtrip::<types::Page<types::tag::Tag>>(body),
        5 => roundtrip::<types::saved_view::SavedView>(body),
        6 => roundtrip::<types::workflow::Workflow>(body),
        7 => roundtrip::<types::mail_rule::MailRule>(body),
        8 => roundtrip::<Vec<types::custom_field::CustomFieldInstance>>(body),
        _ => {
            let parsed = types::error::ApiErrorBody::parse(body);
            let _ = format!("{parsed:?}");
        }
    }
}

/// A `custom_field_query` text: what parses prints back to the same query.
pub fn custom_field_query(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    use types::custom_field_query::CustomFieldQuery;
    if let Ok(query) = CustomFieldQuery::from_query_string(text) {
        let printed = query.to_string();
        let again = CustomFieldQuery::from_query_string(&printed)
            .unwrap_or_else(|e| panic!("{printed} does not parse again: {e}"));
        assert_eq!(again, query, "{text} -> {printed}");
        let _ = query.to_query_string();
    }
}

/// A base URL and a path: parse(display(base)) == base, and a join never leaves the base's
/// origin or prefix. The input is `base\npath`.
pub fn base_url(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (base, path) = text.split_once('\n').unwrap_or((text, "/api/"));
    let Ok(base) = BaseUrl::parse(base) else {
        return;
    };
    let shown = base.to_string();
    let again = BaseUrl::parse(&shown).unwrap_or_else(|e| panic!("{shown} does not parse: {e}"));
    assert_eq!(again, base, "parse(display(x)) != x for {shown}");
    if let Ok(uri) = base.join(path) {
        assert_eq!(uri.scheme(), Some(base.scheme()), "{uri} left {shown}");
        assert_eq!(
            uri.authority(),
            Some(base.authority()),
            "{uri} left {shown}"
        );
        let prefix = format!("{}/", base.path_prefix());
        assert!(
            uri.path().starts_with(&prefix),
            "{uri} left the prefix of {shown}"
        );
    }
}

/// A `Content-Disposition` value: parsing never panics, and the safe name of whatever it holds
/// is one plain, bounded file name.
pub fn content_disposition(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let (_, name) = parse_content_disposition(&text);
    for raw in [name.as_deref().unwrap_or_default(), &*text] {
        let safe = sanitize_filename(raw);
        assert!(!safe.is_empty(), "{raw:?}");
        assert!(
            safe.len() <= paperless_client::download::MAX_FILENAME_BYTES,
            "{raw:?}"
        );
        assert!(safe != "." && safe != "..", "{raw:?}");
        assert!(
            !safe.contains(['/', '\\']) && !safe.chars().any(char::is_control),
            "{raw:?} -> {safe:?}"
        );
        assert_eq!(sanitize_filename(&safe), safe, "not stable: {raw:?}");
    }
}

/// A server log line: parsing never panics, and its parts are parts of the line.
pub fn log_lines(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for line in text.lines() {
        if let Some(parsed) = types::logs::LogLine::parse(line) {
            assert!(line.contains(parsed.message) && line.contains(parsed.logger));
        }
    }
}

/// A monetary value: what parses prints back to the same value.
pub fn monetary(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    use types::custom_field::Monetary;
    if let Ok(value) = text.parse::<Monetary>() {
        let printed = value.to_string();
        let again: Monetary = printed
            .parse()
            .unwrap_or_else(|e| panic!("{printed} does not parse again: {e}"));
        assert_eq!(again, value, "{text} -> {printed}");
    }
}
