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
