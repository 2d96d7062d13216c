//! Secrets stay secret: Debug, errors, tracing output, redirects, `next` links.

use http::Request;
use mockito::Matcher;
use paperless_transport::{Auth, BaseUrl, Body, BuildError};

use crate::support::{Capture, builder, get, send_text};

const TOKEN: &str = "tok-7f3a9c1e5b2d";
const PASSWORD: &str = "pw-e8d1c4b7a2f9";

#[test]
fn debug_of_every_public_type_hides_the_secrets() {
    let key_pem = "-----BEGIN PRIVATE KEY-----\nS2V5TWF0ZXJpYWw=\n-----END PRIVATE KEY-----\n";
    let token_builder = builder("https://paperless.example.com")
        .auth(Auth::token(TOKEN))
        .client_identity_pem(b"cert", key_pem.as_bytes());
    let basic_builder =
        builder("https://paperless.example.com").auth(Auth::basic("alice", PASSWORD));
    let client = builder("https://paperless.example.com")
        .auth(Auth::token(TOKEN))
        .build()
        .unwrap();
    let texts = [
        format!("{:?}", Auth::token(TOKEN)),
        format!("{:?}", Auth::basic("alice", PASSWORD)),
        format!("{token_builder:?}"),
        format!("{token_builder:#?}"),
        format!("{basic_builder:?}"),
        format!("{client:?}"),
        format!("{:?}", Auth::token(TOKEN).header_value().unwrap()),
    ];
    for text in &texts {
        assert!(!text.contains(TOKEN), "{text}");
        assert!(!text.contains(PASSWORD), "{text}");
        assert!(!text.contains("S2V5TWF0ZXJpYWw"), "{text}");
    }
    assert_eq!(texts[0], "Auth::Token(<redacted>)");
    assert!(texts[2].contains("Auth::Token(<redacted>)"), "{}", texts[2]);
    assert!(texts[4].contains("password: <redacted>"), "{}", texts[4]);
    // A sensitive header value prints as "Sensitive".
    assert_eq!(texts[6], "Some(Sensitive)");
}

#[test]
fn build_errors_never_quote_the_secret() {
    for auth in [
        Auth::token(format!("{TOKEN}\nX-Injected: 1")),
        Auth::token(format!("{TOKEN}\u{7f}")),
        Auth::token(format!("{TOKEN}\u{e9}")),
        Auth::basic("alice:smith", PASSWORD),
    ] {
        let shown = format!("{auth:?}");
        let Err(err) = builder("https://paperless.example.com").auth(auth).build() else {
            panic!("accepted: {shown}");
        };
        assert!(matches!(err, BuildError::InvalidHeader { .. }), "{err}");
        assert!(!err.to_string().contains(TOKEN), "{err}");
        assert!(!err.to_string().contains(PASSWORD), "{err}");
        assert!(!format!("{err:?}").contains(TOKEN), "{err:?}");
    }
}

#[tokio::test]
async fn tracing_output_never_contains_credentials_or_queries() {
    let mut server = mockito::Server::new_async().await;
    let mock = server
        .mock("GET", "/api/documents/?query=private%20medical%20letter")
        .with_status(404)
        .expect(2)
        .create_async()
        .await;
    let capture = Capture::start();
    for auth in [Auth::token(TOKEN), Auth::basic("alice", PASSWORD)] {
        let client = builder(&server.url()).auth(auth).build().unwrap();
        let req = Request::get("/api/documents/?query=private%20medical%20letter")
            .body(Body::empty())
            .unwrap();
        assert_eq!(send_text(&client, req).await.0, 404);
    }
    mock.assert_async().await;
    // The spans were there, with the path, the status and the failure...
    let ours = capture.lines_with("url.path=\"/api/documents/\"");
    assert!(ours.contains("paperless.http"), "{ours}");
    assert!(ours.contains("request failed status=404"), "{ours}");
    // ...but nothing captured (from any test, at any level) holds the credentials (raw or
    // base64) or the search terms.
    let logs = capture.text();
    // ...but never the credentials (raw or base64) nor the search terms.
    let basic_b64 = Auth::basic("alice", PASSWORD)
        .header_value()
        .unwrap()
        .unwrap();
    let basic_b64 = basic_b64.to_str().unwrap().trim_start_matches("Basic ");
    for secret in [TOKEN, PASSWORD, basic_b64, "private", "medical"] {
        assert!(!logs.contains(secret), "{secret} leaked: {logs}");
    }
}

#[tokio::test]
async fn a_shown_path_replaces_a_secret_path_in_the_traces() {
    let mut server = mockito::Server::new_async().await;
    let slug = "Zq8sharelinkslugX4";
    let mock = server
        .mock("GET", format!("/share/{slug}").as_str())
        .with_status(200)
        .with_body("file")
        .expect(1)
        .create_async()
        .await;
    let capture = Capture::start();
    let client = builder(&server.url()).build().unwrap();
    let mut req = Request::get(format!("/share/{slug}"))
        .body(Body::empty())
        .unwrap();
    req.extensions_mut()
        .insert(paperless_transport::layers::ShownPath::new("/share/<slug>"));
    assert_eq!(send_text(&client, req).await.0, 200);
    mock.assert_async().await;
    let ours = capture.lines_with("url.path=\"/share/<slug>\"");
    assert!(ours.contains("paperless.http"), "{ours}");
    assert!(
        !capture.text().contains(slug),
        "the slug leaked: {}",
        capture.text()
    );
}

#[tokio::test]
async fn cross_origin_redirect_never_receives_the_authorization_header() {
    let mut origin = mockito::Server::new_async().await;
    let mut other = mockito::Server::new_async().await;
    let redirect = origin
        .mock("GET", "/api/documents/1/download/")
        .match_header("authorization", format!("Token {TOKEN}").as_str())
        .with_status(302)
        .with_header("location", &format!("{}/files/1.pdf", other.url()))
        .expect(1)
        .create_async()
        .await;
    let landed_without_auth = other
        .mock("GET", "/files/1.pdf")
        .match_header("authorization", Matcher::Missing)
        .with_status(200)
        .with_body("%PDF")
        .expect(1)
        .create_async()
        .await;
    let client = builder(&origin.url())
        .auth(Auth::token(TOKEN))
        .follow_redirects(5)
        .build()
        .unwrap();
    assert_eq!(
        send_text(&client, get("/api/documents/1/download/")).await,
        (200, "%PDF".to_owned())
    );
    redirect.assert_async().await;
    landed_without_auth.assert_async().await;
}

#[tokio::test]
async fn same_origin_redirect_keeps_auth_and_redirects_are_off_by_default() {
    let mut server = mockito::Server::new_async().await;
    let redirect = server
        .mock("GET", "/api/tags")
        .with_status(301)
        .with_header("location", "/api/tags/")
        .expect(2)
        .create_async()
        .await;
    let target = server
        .mock("GET", "/api/tags/")
        .match_header("authorization", format!("Token {TOKEN}").as_str())
        .with_status(200)
        .with_body("[]")
        .expect(1)
        .create_async()
        .await;
    let following = builder(&server.url())
        .auth(Auth::token(TOKEN))
        .follow_redirects(1)
        .build()
        .unwrap();
    assert_eq!(
        send_text(&following, get("/api/tags")).await,
        (200, "[]".to_owned())
    );
    let default = builder(&server.url())
        .auth(Auth::token(TOKEN))
        .build()
        .unwrap();
    assert_eq!(send_text(&default, get("/api/tags")).await.0, 301);
    redirect.assert_async().await;
    target.assert_async().await;
}

#[test]
fn relativize_never_keeps_a_foreign_host() {
    let base = BaseUrl::parse("https://paperless.example.com/paperless").unwrap();
    for next in [
        "https://evil.example.net/paperless/api/documents/?page=2",
        "http://evil.example.net:8443/api/documents/?page=2",
        "//evil.example.net/api/documents/?page=2",
        "https://user:pw@evil.example.net/api/documents/?page=2",
    ] {
        let Some(rel) = base.relativize(next) else {
            continue;
        };
        let joined = base.join(&rel).unwrap();
        assert_eq!(
            joined.authority().map(|a| a.as_str()),
            Some("paperless.example.com"),
            "{next} -> {joined}"
        );
        assert_eq!(joined.scheme_str(), Some("https"));
        assert!(!joined.to_string().contains("evil"), "{next} -> {joined}");
    }
    assert_eq!(
        base.relativize("http://internal:8000/paperless/api/documents/?page=2")
            .as_deref(),
        Some("/api/documents/?page=2")
    );
}
