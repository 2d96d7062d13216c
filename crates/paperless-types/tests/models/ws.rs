//! The `/ws/status/` captures (`tests/fixtures/ws/`): every frame decodes into its event model and
//! re-encodes to the same JSON; the browser login exchanges decode into the allauth models.

use paperless_types::allauth::{
    HeadlessConfig, HeadlessErrorBody, HeadlessResponse, HeadlessSession, LoginRequest,
};
use paperless_types::event::{ProgressStatus, StatusEvent};
use paperless_types::{DocumentId, UserId};
use serde_json::Value;

fn load(name: &str) -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/ws")
        .join(format!("{name}.json"));
    serde_json::from_str(&std::fs::read_to_string(&path).expect("fixture")).expect("json")
}

#[test]
fn every_captured_frame_decodes_in_order_and_round_trips() {
    let capture = load("ws.status.session_frames");
    let frames = capture["frames"].as_array().expect("frames");
    let events: Vec<StatusEvent> = frames
        .iter()
        .map(|f| {
            let event: StatusEvent = serde_json::from_value(f["frame"].clone()).expect("decodes");
            assert_eq!(serde_json::to_value(&event).expect("encodes"), f["frame"]);
            event
        })
        .collect();
    let steps: Vec<(String, u32, String)> = events
        .iter()
        .filter_map(|e| match e {
            StatusEvent::StatusUpdate(u) => {
                Some((u.status.to_string(), u.progress, u.message.clone()))
            }
            _ => None,
        })
        .collect();
    let expected = [
        ("STARTED", 0, "new_file"),
        ("WORKING", 20, "parsing_document"),
        ("WORKING", 70, "generating_thumbnail"),
        ("WORKING", 90, "parse_date"),
        ("WORKING", 95, "save_document"),
        ("SUCCESS", 100, "finished"),
        ("STARTED", 0, "new_file"),
        ("WORKING", 20, "parsing_document"),
        ("FAILED", 100, "InputFileError: "),
    ];
    let expected: Vec<(String, u32, String)> = expected
        .iter()
        .map(|(s, p, m)| ((*s).to_owned(), *p, (*m).to_owned()))
        .collect();
    assert_eq!(steps, expected);

    let StatusEvent::StatusUpdate(done) = &events[5] else {
        panic!("{:?}", events[5])
    };
    assert_eq!(done.status, ProgressStatus::Success);
    assert!(done.is_final());
    assert_eq!(done.document_id, Some(DocumentId(68)));
    assert_eq!(done.owner_id, Some(UserId(2)));
    assert_eq!(
        done.task_id.as_ref().map(|t| t.as_str()),
        Some("d7b438a0-e724-4e72-91cd-81a78349fee6")
    );
    let StatusEvent::DocumentUpdated(updated) = &events[6] else {
        panic!("{:?}", events[6])
    };
    assert_eq!(updated.document_id, DocumentId(68));
    assert_eq!(
        updated.modified.to_rfc3339(),
        "2026-12-02T06:44:25.621818+00:00"
    );
}

#[test]
fn unknown_and_deleted_events_are_kept() {
    let other: StatusEvent =
        serde_json::from_str(r#"{"type":"chat_reply","data":{"x":1}}"#).expect("decodes");
    assert_eq!(other.event_type(), "chat_reply");
    assert_eq!(
        serde_json::to_string(&other).expect("encodes"),
        r#"{"type":"chat_reply","data":{"x":1}}"#
    );
    let deleted: StatusEvent =
        serde_json::from_str(r#"{"type":"documents_deleted","data":{"documents":[3,4]}}"#)
            .expect("decodes");
    let StatusEvent::DocumentsDeleted(d) = deleted else {
        panic!("{deleted:?}")
    };
    assert_eq!(d.documents, [DocumentId(3), DocumentId(4)]);
    // A known type with broken data is an error naming the type, never a silent `Other`.
    let err = serde_json::from_str::<StatusEvent>(r#"{"type":"status_update","data":{}}"#)
        .expect_err("broken");
    assert!(err.to_string().contains("status_update"), "{err}");
}

#[test]
fn the_browser_login_exchanges_decode() {
    let config = load("headless.browser.config");
    let c: HeadlessResponse<HeadlessConfig> =
        serde_json::from_value(config["body"].clone()).expect("config");
    assert_eq!(c.data.account.login_methods, ["username"]);

    let login = load("headless.browser.login");
    let request: LoginRequest =
        serde_json::from_str(login["request_body"].as_str().expect("body")).expect("request");
    assert_eq!(request.username, "admin");
    assert_eq!(
        serde_json::to_string(&request).expect("encodes"),
        login["request_body"].as_str().expect("body")
    );
    let session: HeadlessResponse<HeadlessSession> =
        serde_json::from_value(login["body"].clone()).expect("session");
    assert_eq!(session.data.user.username, "admin");
    assert_eq!(session.data.methods[0].method, "password");
    assert_eq!(session.meta.map(|m| m.is_authenticated), Some(true));
    let mut back = serde_json::to_value(
        serde_json::from_value::<HeadlessResponse<HeadlessSession>>(login["body"].clone())
            .expect("session"),
    )
    .expect("encodes");
    assert_eq!(back.take(), login["body"]);

    let bad = load("headless.browser.login_bad_password");
    let body: HeadlessErrorBody = serde_json::from_value(bad["body"].clone()).expect("errors");
    assert_eq!(body.status, 400);
    assert_eq!(body.errors[0].code, "username_password_mismatch");
    assert_eq!(body.errors[0].param.as_deref(), Some("password"));
    assert_eq!(serde_json::to_value(&body).expect("encodes"), bad["body"]);
}
