//! The session login (allauth headless browser API) against the test server over a real socket:
//! good, bad password, MFA, headless API off; secrets never in Debug or errors.

use paperless_client::{ApiVersion, Error, Paperless, SessionErrorKind};
use paperless_testkit::TestServer;

fn client(server: &TestServer) -> Paperless {
    Paperless::builder(server.url())
        .token(server.token())
        .api_version(ApiVersion::V10)
        .build()
        .unwrap()
}

fn kind(e: &Error) -> SessionErrorKind {
    match e {
        Error::Session(s) => s.kind(),
        other => panic!("not a session error: {other:?}"),
    }
}

#[tokio::test]
async fn login_keeps_the_session_and_never_shows_its_values() {
    let server = TestServer::start().await.unwrap();
    let client = client(&server);
    let session = client.session_login("admin", "admin").await.unwrap();
    assert_eq!(session.user().username, "admin");
    let id = session.session_id().expose().to_owned();
    let csrf = session.csrf_token().expose().to_owned();
    assert!(!id.is_empty() && !csrf.is_empty());
    for shown in [
        format!("{session:?}"),
        format!("{client:?}"),
        format!("{:?}", client.session()),
        format!("{:?}", client.session_login("admin", "admin")),
    ] {
        assert!(!shown.contains(&id), "{shown}");
        assert!(!shown.contains(&csrf), "{shown}");
    }
    assert!(format!("{:?}", client.session_login("admin", "hunter2")).contains("<redacted>"));
    assert!(!format!("{:?}", client.session_login("admin", "hunter2")).contains("hunter2"));
    assert_eq!(
        client.session().map(|s| s.session_id().expose().to_owned()),
        Some(id)
    );
    // The exact exchange: config, then the login.
    let log: Vec<(String, u16)> = server
        .requests()
        .iter()
        .map(|r| (format!("{} {}", r.method, r.path), r.status))
        .collect();
    assert_eq!(
        log,
        [
            ("GET /api/auth/headless/browser/v1/config".to_owned(), 200),
            (
                "POST /api/auth/headless/browser/v1/auth/login".to_owned(),
                200
            )
        ]
    );
    let login = &server.requests()[1];
    assert_eq!(
        std::str::from_utf8(&login.body).unwrap(),
        r#"{"username":"admin","password":"admin"}"#
    );
}

#[tokio::test]
async fn wrong_password_mfa_and_headless_off_are_clear_errors() {
    let server = TestServer::start().await.unwrap();
    let client = client(&server);
    let err = client.session_login("admin", "wrong-pw").await.unwrap_err();
    assert_eq!(kind(&err), SessionErrorKind::WrongCredentials);
    assert_eq!(
        err.to_string(),
        "session login failed: The username and/or password you specified are not correct."
    );
    assert!(!format!("{err:?}").contains("wrong-pw"));
    assert!(client.session().is_none());

    let mfa = TestServer::builder()
        .mfa_code("admin", "424242")
        .start()
        .await
        .unwrap();
    let c = self::client(&mfa);
    let err = c.session_login("admin", "admin").await.unwrap_err();
    assert_eq!(kind(&err), SessionErrorKind::MfaRequired);
    let err = c
        .session_login("admin", "admin")
        .mfa_code("000000")
        .await
        .unwrap_err();
    assert_eq!(kind(&err), SessionErrorKind::MfaRejected);
    assert!(!err.to_string().contains("000000"));
    let session = c
        .session_login("admin", "admin")
        .mfa_code("424242")
        .await
        .unwrap();
    assert_eq!(session.user().username, "admin");

    let off = TestServer::builder()
        .headless_api(false)
        .start()
        .await
        .unwrap();
    let err = self::client(&off)
        .session_login("admin", "admin")
        .await
        .unwrap_err();
    assert_eq!(kind(&err), SessionErrorKind::HeadlessApiOff);
    assert!(err.to_string().contains("no headless login API"), "{err}");
}

/// Everything `tracing` writes in this test binary, at every level.
fn trace_capture() -> std::sync::Arc<std::sync::Mutex<Vec<u8>>> {
    use std::sync::{Arc, Mutex, OnceLock};
    static BUF: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    struct W(Arc<Mutex<Vec<u8>>>);
    impl std::io::Write for W {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    Arc::clone(BUF.get_or_init(|| {
        let buf = Arc::new(Mutex::new(Vec::new()));
        let writer = Arc::clone(&buf);
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_ansi(false)
            .with_span_events(tracing_subscriber::fmt::format::FmtSpan::FULL)
            .with_writer(move || W(Arc::clone(&writer)))
            .finish();
        tracing::subscriber::set_global_default(subscriber).unwrap();
        buf
    }))
}

#[tokio::test]
async fn no_secret_in_any_trace_debug_or_error() {
    let buf = trace_capture();
    let server = TestServer::builder()
        .user("carol", "carol-secret-pw")
        .mfa_code("carol", "987654")
        .start()
        .await
        .unwrap();
    let client = client(&server);
    let _ = client
        .session_login("carol", "wrong-secret-pw")
        .await
        .unwrap_err();
    let session = client
        .session_login("carol", "carol-secret-pw")
        .mfa_code("987654")
        .await
        .unwrap();
    #[cfg(feature = "events")]
    {
        let events = client.events().await.unwrap();
        server.drop_event_sockets();
        tokio::time::sleep(std::time::Duration::from_millis(400)).await;
        drop(events);
    }
    let text = String::from_utf8_lossy(&buf.lock().unwrap()).into_owned();
    assert!(text.contains("paperless"), "the capture works: {text}");
    for secret in [
        session.session_id().expose(),
        session.csrf_token().expose(),
        "carol-secret-pw",
        "wrong-secret-pw",
        "987654",
    ] {
        assert!(!text.contains(secret), "{secret} in the traces");
        assert!(!format!("{session:?} {client:?}").contains(secret));
    }
    #[cfg(feature = "events")]
    assert!(text.contains("reconnecting"), "{text}");
}
