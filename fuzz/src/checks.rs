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
    ("status_events", status_events),
    #[cfg(fuzzing)]
    ("multipart_form", multipart_form),
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

/// A `/ws/status/` frame: whatever decodes into a [`types::event::StatusEvent`] re-encodes to a
/// frame that decodes to the same event.
pub fn status_events(data: &[u8]) {
    use types::event::StatusEvent;
    if let Ok(event) = serde_json::from_slice::<StatusEvent>(data) {
        let text = serde_json::to_vec(&event).expect("a decoded event re-encodes");
        let again: StatusEvent = serde_json::from_slice(&text).unwrap_or_else(|e| {
            panic!(
                "{} does not decode again: {e}",
                String::from_utf8_lossy(&text)
            )
        });
        assert_eq!(again, event);
    }
}

/// The upload encoder: a form of text fields and a file, parsed back by `multer` (the parser the
/// test server uses), gives every field and the file back: names and file names as browsers
/// escape them, values and content byte for byte. The input is `filename NUL content NUL value
/// NUL value ...`; the field names are the ones uploads send. Only with `--cfg fuzzing`: the
/// encoder is private to the client otherwise.
#[cfg(fuzzing)]
pub fn multipart_form(data: &[u8]) {
    const NAMES: &[&str] = &["title", "tags", "created", "correspondent", "custom_fields"];
    let mut pieces = data.split(|b| *b == 0);
    let filename = String::from_utf8_lossy(pieces.next().unwrap_or_default()).into_owned();
    let content = pieces.next().unwrap_or_default().to_vec();
    let fields: Vec<(String, String)> = pieces
        .enumerate()
        .map(|(i, v)| {
            (
                NAMES[i % NAMES.len()].to_owned(),
                String::from_utf8_lossy(v).into_owned(),
            )
        })
        .collect();
    let (boundary, body) =
        paperless_client::multipart::encode_for_fuzzing(&fields, &filename, &content);
    let stream = futures_util::stream::once(async move {
        Ok::<_, std::convert::Infallible>(bytes::Bytes::from(body))
    });
    let mut form = multer::Multipart::new(stream, boundary);
    futures_executor::block_on(async {
        for (name, value) in &fields {
            let field = form
                .next_field()
                .await
                .expect("a text part parses")
                .expect("a text part");
            assert_eq!(field.name(), Some(name.as_str()));
            assert_eq!(field.file_name(), None);
            let got = field.bytes().await.expect("a text part's value");
            assert_eq!(&got[..], value.as_bytes());
        }
        let file = form
            .next_field()
            .await
            .expect("the file part parses")
            .expect("the file part");
        assert_eq!(file.name(), Some("document"));
        // `"` and the ASCII controls as `%XX` (browsers escape `"`, CR and LF).
        let escaped: String = filename
            .chars()
            .map(|c| match c {
                '"' | '\0'..='\u{1f}' | '\u{7f}' => format!("%{:02X}", u32::from(c)),
                c => c.to_string(),
            })
            .collect();
        // A backslash goes as it is, as browsers send it and as Django (the server) reads it;
        // multer alone takes it for a quoted-pair escape, so such names are not compared.
        if !filename.contains('\\') {
            assert_eq!(file.file_name(), Some(escaped.as_str()), "{filename:?}");
        }
        let got = file.bytes().await.expect("the file's content");
        assert_eq!(&got[..], &content[..]);
        assert!(form.next_field().await.expect("the end parses").is_none());
    });
}
