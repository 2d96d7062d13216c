//! Building clients: the exact headers each constructor sends, `from_env`'s variables, the
//! token endpoint, the swap points, and transport failures classified through the real stack.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use insta::assert_snapshot;
use mockito::Matcher;
use paperless_client::transport::{ApiVersion, BaseUrl, Body, DEFAULT_USER_AGENT, Proxy};
use paperless_client::types::auth::TokenRequest;
use paperless_client::{Error, Operation, Paperless, PaperlessBuilder, TransportErrorKind};

use crate::captures::{answer_like, fixture};
use crate::support::{Tags, http, json_response, serve, tag_json};

/// The answer of the server-info probe, as captured.
fn probe(server: &mut mockito::Server) -> mockito::Mock {
    answer_like(server.mock("GET", "/api/ui_settings/"), "ui_settings.get")
}

/// A server that accepts connections and never answers.
async fn silent_server() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let mut open = Vec::new();
        while let Ok((stream, _)) = listener.accept().await {
            open.push(stream);
        }
    });
    format!("http://{addr}")
}

#[tokio::test]
async fn new_sends_the_token_and_our_user_agent_and_negotiates_version_10() {
    let mut server = mockito::Server::new_async().await;
    // A client that negotiates probes without a version.
    let m = probe(&mut server)
        .match_header("authorization", "Token 0123456789abcdef")
        .match_header("accept", "application/json")
        .match_header("user-agent", DEFAULT_USER_AGENT)
        .expect(1)
        .create_async()
        .await;

    // A trailing newline (from a file or a variable) is not sent.
    let client = Paperless::new(server.url(), "0123456789abcdef\n").unwrap();
    let info = client.server_info().await.unwrap();

    m.assert_async().await;
    assert_eq!(
        DEFAULT_USER_AGENT,
        concat!("paperless-rs/", env!("CARGO_PKG_VERSION"))
    );
    assert_eq!(info.version, "3.0.5");
    assert_eq!(client.api_version(), Some(ApiVersion::V10));
    assert_eq!(client.base_url().as_str(), server.url());
}

#[tokio::test]
async fn the_builder_sets_version_9_basic_auth_and_a_user_agent() {
    let mut server = mockito::Server::new_async().await;
    let m = probe(&mut server)
        // base64("admin:s3cret")
        .match_header("authorization", "Basic YWRtaW46czNjcmV0")
        .match_header("accept", "application/json; version=9")
        .match_header("user-agent", "my-sync/1.2")
        .expect(1)
        .create_async()
        .await;

    let client = Paperless::builder(format!("{}/api/", server.url()))
        .basic_auth("admin", "s3cret")
        .api_version(ApiVersion::V9)
        .transport(|t| t.user_agent("my-sync/1.2"))
        .page_concurrency(2)
        .ids_page_size(500)
        .build()
        .unwrap();
    client.server_info().await.unwrap();

    m.assert_async().await;
    assert_eq!(client.api_version(), Some(ApiVersion::V9));
    assert_eq!(client.page_concurrency(), 2);
    let debug = format!("{client:?}");
    assert!(debug.contains("ids_page_size: 500"), "{debug}");
    assert!(!format!("{:?}", Paperless::builder("h").basic_auth("a", "s3cret")).contains("s3cret"));
}

#[tokio::test]
async fn the_transport_closure_and_auth_reach_the_transport() {
    let mut server = mockito::Server::new_async().await;
    let m = probe(&mut server)
        .match_header("authorization", Matcher::Missing)
        .match_header("accept", "application/json; version=9")
        .match_header("user-agent", "my-sync/1.2")
        .expect(1)
        .create_async()
        .await;

    let client = Paperless::builder(server.url())
        .token("replaced below")
        .auth(paperless_client::transport::Auth::none())
        // The transport's version only fills in a missing Accept: the client sets its own.
        .transport(|t| t.api_version(ApiVersion::V10).user_agent("my-sync/1.2"))
        .api_version(ApiVersion::V9)
        .build()
        .unwrap();
    client.server_info().await.unwrap();

    m.assert_async().await;
    assert_eq!(client.api_version(), Some(ApiVersion::V9));
}

fn vars(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> + use<> {
    let map: HashMap<String, String> = pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    move |name| map.get(name).cloned()
}

#[tokio::test]
async fn from_vars_reads_url_token_and_api_version() {
    let mut server = mockito::Server::new_async().await;
    let m = probe(&mut server)
        .match_header("authorization", "Token abcdef0123")
        .match_header("accept", "application/json; version=9")
        .expect(1)
        .create_async()
        .await;

    let client = PaperlessBuilder::from_vars(vars(&[
        ("PAPERLESS_URL", &format!("  {}/  ", server.url())),
        ("PAPERLESS_TOKEN", "abcdef0123\n"),
        ("PAPERLESS_API_VERSION", " 9 "),
        ("PAPERLESS_TIMEOUT", ""), // empty: unset
    ]))
    .unwrap()
    .build()
    .unwrap();
    client.server_info().await.unwrap();

    m.assert_async().await;
    assert_eq!(client.api_version(), Some(ApiVersion::V9));
}

#[tokio::test]
async fn from_vars_timeout_bounds_the_whole_call() {
    let url = silent_server().await;
    let client = PaperlessBuilder::from_vars(vars(&[
        ("PAPERLESS_URL", &url),
        ("PAPERLESS_TOKEN", "abcdef0123"),
        ("PAPERLESS_TIMEOUT", "0.3"),
    ]))
    .unwrap()
    .build()
    .unwrap();
    // Not pinned: negotiated by the first request.
    assert_eq!(client.api_version(), None);
    assert!(!client.is_api_version_pinned());

    let started = Instant::now();
    let err = client.server_info().await.unwrap_err();

    assert!(err.is_timeout(), "{err:?}");
    // 0.3 s for the call, not four attempts of 0.3 s plus backoff, nor the 60 s default.
    let took = started.elapsed();
    assert!(
        took >= Duration::from_millis(300) && took < Duration::from_secs(1),
        "{took:?}"
    );
}

#[test]
fn from_vars_names_the_variable_and_never_repeats_the_token() {
    let url = "https://paperless.example.com";
    let cases: &[(&str, &[(&str, &str)])] = &[
        ("no variables", &[]),
        (
            "empty url",
            &[("PAPERLESS_URL", "  "), ("PAPERLESS_TOKEN", "abc")],
        ),
        (
            "bad scheme",
            &[("PAPERLESS_URL", "ftp://host"), ("PAPERLESS_TOKEN", "abc")],
        ),
        (
            "credentials in the url",
            &[
                ("PAPERLESS_URL", "https://admin:hunter2@host"),
                ("PAPERLESS_TOKEN", "abc"),
            ],
        ),
        ("no token", &[("PAPERLESS_URL", url)]),
        (
            "blank token",
            &[("PAPERLESS_URL", url), ("PAPERLESS_TOKEN", " \n")],
        ),
        (
            "token with a space",
            &[
                ("PAPERLESS_URL", url),
                ("PAPERLESS_TOKEN", "\"sekrit token\""),
            ],
        ),
        (
            "api version 11",
            &[
                ("PAPERLESS_URL", url),
                ("PAPERLESS_TOKEN", "abc"),
                ("PAPERLESS_API_VERSION", "11"),
            ],
        ),
        (
            "api version v10",
            &[
                ("PAPERLESS_URL", url),
                ("PAPERLESS_TOKEN", "abc"),
                ("PAPERLESS_API_VERSION", "v10"),
            ],
        ),
        (
            "timeout words",
            &[
                ("PAPERLESS_URL", url),
                ("PAPERLESS_TOKEN", "abc"),
                ("PAPERLESS_TIMEOUT", "30s"),
            ],
        ),
        (
            "timeout zero",
            &[
                ("PAPERLESS_URL", url),
                ("PAPERLESS_TOKEN", "abc"),
                ("PAPERLESS_TIMEOUT", "0"),
            ],
        ),
        (
            "timeout negative",
            &[
                ("PAPERLESS_URL", url),
                ("PAPERLESS_TOKEN", "abc"),
                ("PAPERLESS_TIMEOUT", "-5"),
            ],
        ),
        (
            "timeout not a number",
            &[
                ("PAPERLESS_URL", url),
                ("PAPERLESS_TOKEN", "abc"),
                ("PAPERLESS_TIMEOUT", "NaN"),
            ],
        ),
    ];
    let mut report = String::new();
    for (what, pairs) in cases {
        let err = PaperlessBuilder::from_vars(vars(pairs)).unwrap_err();
        let Error::Config(config) = &err else {
            panic!("{what}: expected a configuration error, got {err:?}")
        };
        let text = err.to_string();
        for secret in ["sekrit", "hunter2"] {
            assert!(
                !text.contains(secret) && !format!("{err:?}").contains(secret),
                "{text}"
            );
        }
        report.push_str(&format!(
            "{what} [{}, missing: {}]\n  {text}\n",
            config.variable(),
            config.is_missing()
        ));
    }
    assert_snapshot!("from_vars_errors", report);
}

#[tokio::test]
async fn generate_api_token_posts_the_credentials_and_returns_the_token() {
    let mut server = mockito::Server::new_async().await;
    let capture = fixture("token.obtain_json");
    // The token view has one answer for all versions: no version, and so no negotiation.
    let m = answer_like(server.mock("POST", "/api/token/"), "token.obtain_json")
        .match_header("authorization", Matcher::Missing)
        .match_header("accept", "application/json")
        .match_header("content-type", "application/json")
        .match_body(Matcher::Exact(
            r#"{"username":"admin","password":"admin-password-123"}"#.to_owned(),
        ))
        .expect(1)
        .create_async()
        .await;

    let token = Paperless::generate_api_token(server.url(), "admin", "admin-password-123")
        .await
        .unwrap();

    m.assert_async().await;
    assert_eq!(token.expose(), capture["body"]["token"].as_str().unwrap());
    assert_eq!(token.expose(), "7ca632c59f81e0760ba536d4024bbd6deed2f25d");
}

#[tokio::test]
async fn generate_api_token_with_a_code_uses_the_builders_transport_but_not_its_credentials() {
    let mut server = mockito::Server::new_async().await;
    let m = answer_like(server.mock("POST", "/api/token/"), "token.obtain_json")
        .match_header("authorization", Matcher::Missing)
        .match_header("accept", "application/json")
        .match_header("user-agent", "my-sync/1.2")
        .match_body(Matcher::Exact(
            r#"{"username":"admin","password":"admin-password-123","code":"123456"}"#.to_owned(),
        ))
        .expect(1)
        .create_async()
        .await;

    let token = Paperless::builder(server.url())
        .token("an old token, not sent")
        .api_version(ApiVersion::V9)
        .transport(|t| t.user_agent("my-sync/1.2"))
        .generate_api_token(&TokenRequest::new("admin", "admin-password-123").code("123456"))
        .await
        .unwrap();

    m.assert_async().await;
    assert_eq!(token.expose(), "7ca632c59f81e0760ba536d4024bbd6deed2f25d");
}

#[tokio::test]
async fn bad_credentials_say_so_without_the_password() {
    let mut server = mockito::Server::new_async().await;
    let _m = answer_like(server.mock("POST", "/api/token/"), "token.bad_credentials")
        .match_body(Matcher::Exact(
            r#"{"username":"admin","password":"wrong"}"#.to_owned(),
        ))
        .create_async()
        .await;

    let err = Paperless::generate_api_token(server.url(), "admin", "wrong")
        .await
        .unwrap_err();

    assert_eq!(err.status(), Some(http::StatusCode::BAD_REQUEST));
    let api = err.as_api().unwrap();
    assert_eq!(api.operation(), Operation::new("token", "obtain"));
    assert_eq!(api.field_errors().len(), 1);
    assert_eq!(api.field_errors()[0].field, "");
    assert_eq!(
        api.field_errors()[0].message,
        "Unable to log in with provided credentials."
    );
    assert!(!err.to_string().contains("wrong"));
    assert_snapshot!("token_bad_credentials", err);
}

#[tokio::test]
async fn build_with_puts_our_layers_over_the_users_bottom_service() {
    let mut server = mockito::Server::new_async().await;
    let m = probe(&mut server)
        .match_header("authorization", "Token 0123456789abcdef")
        .match_header("accept", "application/json")
        .expect(1)
        .create_async()
        .await;

    // The user's bottom service: hyper-util's pool, recording what reaches it.
    type Seen = (Option<Operation>, String, Option<String>);
    let seen: Arc<Mutex<Vec<Seen>>> = Arc::default();
    let record = Arc::clone(&seen);
    let pool = Client::builder(TokioExecutor::new()).build_http::<Body>();
    let bottom = tower::service_fn(move |req: http::Request<Body>| {
        record.lock().unwrap().push((
            req.extensions().get::<Operation>().copied(),
            req.uri().to_string(),
            req.headers()
                .get("authorization")
                .map(|v| v.to_str().unwrap().to_owned()),
        ));
        pool.request(req)
    });

    let client = Paperless::builder(server.url())
        .token("0123456789abcdef")
        .build_with(bottom)
        .unwrap();
    client.server_info().await.unwrap();

    m.assert_async().await;
    let seen = seen.lock().unwrap();
    assert_eq!(
        *seen,
        [(
            // The operation travels as the transport's extension, which names its span.
            Some(Operation::new("server", "info")),
            format!("{}/api/ui_settings/", server.url()),
            Some("Token 0123456789abcdef".to_owned()),
        )]
    );
}

#[tokio::test]
async fn a_from_service_builder_takes_the_client_options_and_sets_accept_itself() {
    let mut server = mockito::Server::new_async().await;
    let m = server
        .mock("GET", "/api/tags/7/")
        // The custom service adds no header: the client sets Accept itself.
        .match_header("accept", "application/json; version=9")
        .match_header("authorization", Matcher::Missing)
        .with_header("content-type", "application/json")
        .with_body(tag_json(7, "Inbox").to_string())
        .expect(1)
        .create_async()
        .await;
    let client = PaperlessBuilder::from_service(http(), BaseUrl::parse(&server.url()).unwrap())
        .api_version(ApiVersion::V9)
        .page_concurrency(2)
        .build()
        .unwrap();
    assert_eq!(
        client.endpoint::<Tags>().get(7).await.unwrap().name,
        "Inbox"
    );
    m.assert_async().await;
    assert_eq!(
        (client.api_version(), client.page_concurrency()),
        (Some(ApiVersion::V9), 2)
    );

    let err = PaperlessBuilder::from_service(http(), BaseUrl::parse(&server.url()).unwrap())
        .max_json_body(0)
        .build()
        .unwrap_err();
    assert!(matches!(err, Error::Invalid(_)), "{err:?}");
}

#[test]
fn an_invalid_url_or_token_is_a_build_error_without_the_token() {
    let err = Paperless::new("ftp://paperless", "abc").unwrap_err();
    assert!(matches!(err, Error::Build(_)), "{err:?}");
    assert_snapshot!("invalid_url", err);

    let err = Paperless::new("https://paperless", "sekrit\ntoken").unwrap_err();
    assert!(matches!(err, Error::Build(_)), "{err:?}");
    assert!(!err.to_string().contains("sekrit") && !format!("{err:?}").contains("sekrit"));

    let err = Paperless::builder("https://paperless")
        .token("abc")
        .ids_page_size(0)
        .build()
        .unwrap_err();
    assert!(matches!(err, Error::Invalid(_)), "{err:?}");
}

#[tokio::test]
async fn a_timeout_of_the_real_transport_is_classified() {
    let url = silent_server().await;
    let client = Paperless::builder(&url)
        .token("abc")
        .timeout(Duration::from_millis(200))
        .transport(|t| t.no_retry())
        .api_version(ApiVersion::V10)
        .build()
        .unwrap();

    let err = client.endpoint::<Tags>().get(7).await.unwrap_err();

    assert!(err.is_timeout(), "{err:?}");
    assert_eq!(err.transport_kind(), Some(TransportErrorKind::Timeout));
    assert!(!err.is_connect() && !err.is_tls() && !err.is_connection_closed());
    let cause = std::error::Error::source(&err).unwrap().to_string();
    assert_eq!(
        cause,
        "the request attempt timed out after 200ms; raise it with TransportBuilder::timeout if the server is just slow"
    );
    assert_snapshot!("real_transport_timeout", err);
}

#[tokio::test]
async fn a_refused_connection_is_classified() {
    // A port that was just free: nothing listens on it.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let client = Paperless::builder(format!("http://{addr}"))
        .token("abc")
        .transport(|t| t.no_retry())
        .api_version(ApiVersion::V10)
        .build()
        .unwrap();

    let err = client.endpoint::<Tags>().get(7).await.unwrap_err();

    assert!(err.is_connect(), "{err:?}");
    assert!(!err.is_timeout());
    assert_snapshot!("connection_refused", err);
}

#[tokio::test]
async fn an_unreadable_token_answer_never_shows_the_token_in_errors() {
    let mut server = mockito::Server::new_async().await;
    // A token of the wrong type: serde's message would quote it ("invalid type: integer ...").
    let _m = server
        .mock("POST", "/api/token/")
        .with_header("content-type", "application/json")
        .with_body(r#"{"token": 7890123456}"#)
        .expect(1)
        .create_async()
        .await;

    let err = Paperless::generate_api_token(server.url(), "admin", "admin-password-123")
        .await
        .unwrap_err();

    let Error::Decode(decode) = &err else {
        panic!("expected a decode error, got {err:?}")
    };
    assert_eq!(decode.json_path(), Some("token"));
    assert_eq!(decode.body(), "");
    assert!(!decode.is_body_truncated());
    assert_eq!(
        err.to_string(),
        "token.obtain: could not decode the 200 OK response to POST /api/token/ at JSON path \
         `token`: a value of an unexpected type or shape at line 1 column 20 (the value is not \
         shown: this answer holds credentials). The server may be newer or older than this crate \
         supports; please report it with the response body"
    );
    let debug = format!("{err:?}");
    assert!(!debug.contains("7890123456"), "{debug}");
}

#[tokio::test]
async fn an_unreadable_profile_never_shows_the_token_in_errors() {
    let mut server = mockito::Server::new_async().await;
    // The token reads fine; a later field does not, so the error would otherwise keep the body.
    let _m = server
        .mock("GET", "/api/profile/")
        .with_header("content-type", "application/json")
        .with_body(
            r#"{"auth_token": "7ca632c59f81e0760ba536d4024bbd6deed2f25d", "is_mfa_enabled": "no"}"#,
        )
        .expect(1)
        .create_async()
        .await;

    let err = crate::support::client(&server.url())
        .profile()
        .get()
        .await
        .unwrap_err();

    let Error::Decode(decode) = &err else {
        panic!("expected a decode error, got {err:?}")
    };
    assert_eq!(decode.json_path(), Some("is_mfa_enabled"));
    assert_eq!(decode.body(), "");
    let shown = format!("{err} {err:?}");
    assert!(!shown.contains("7ca632c5"), "{shown}");
    assert!(!shown.contains("\"no\""), "{shown}");
}

#[test]
fn debug_and_errors_of_every_type_holding_a_secret_hide_it() {
    use paperless_client::types::bulk_edit::RemovePassword;
    use paperless_client::types::mail_account::{
        MailAccountPatch, MailAccountTest, NewMailAccount,
    };
    use paperless_client::types::profile::{ProfilePatch, TotpActivate};
    use paperless_client::types::user::{NewUser, UserPatch};

    const TOKEN: &str = "tok-0c7d2e9a41b6";
    const PASSWORD: &str = "pw-5a8f1e3c9d27";
    let key_pem = "-----BEGIN PRIVATE KEY-----\nS2V5TWF0ZXJpYWw=\n-----END PRIVATE KEY-----\n";

    let token_builder = Paperless::builder("https://paperless.example.com")
        .token(TOKEN)
        .transport(|t| t.client_identity_pem(b"cert", key_pem.as_bytes()));
    let basic_builder =
        Paperless::builder("https://paperless.example.com").basic_auth("alice", PASSWORD);
    let client = Paperless::new("https://paperless.example.com", TOKEN).unwrap();
    // Invalid input that holds a secret: the error describes it, never quotes it.
    let bad_token =
        Paperless::new("https://paperless.example.com", format!("{TOKEN}\n{TOKEN}")).unwrap_err();
    let bad_url = Paperless::new(
        format!("https://alice:{PASSWORD}@paperless.example.com"),
        TOKEN,
    )
    .unwrap_err();
    let vars = HashMap::from([
        ("PAPERLESS_URL", format!("https://alice:{PASSWORD}@host")),
        ("PAPERLESS_TOKEN", TOKEN.to_owned()),
    ]);
    let bad_var = PaperlessBuilder::from_vars(|name| vars.get(name).cloned()).unwrap_err();
    let vars = HashMap::from([
        ("PAPERLESS_URL", "https://host".to_owned()),
        ("PAPERLESS_TOKEN", format!("{TOKEN} {TOKEN}")),
    ]);
    let bad_var_token = PaperlessBuilder::from_vars(|name| vars.get(name).cloned()).unwrap_err();

    let texts = [
        format!("{token_builder:?}"),
        format!("{token_builder:#?}"),
        format!("{basic_builder:?}"),
        format!("{client:?}"),
        format!("{bad_token} {bad_token:?}"),
        format!("{bad_url} {bad_url:?}"),
        format!("{bad_var} {bad_var:?}"),
        format!("{bad_var_token} {bad_var_token:?}"),
        format!("{:?}", TokenRequest::new("admin", PASSWORD).code(TOKEN)),
        format!(
            "{:?}",
            NewMailAccount::new("Mail", "imap.example.com", "me", PASSWORD)
        ),
        format!(
            "{:?}",
            MailAccountTest::new("imap.example.com", "me", PASSWORD)
        ),
        format!("{:?}", MailAccountPatch::new().password(PASSWORD)),
        format!("{:?}", NewUser::new("bob").password(PASSWORD)),
        format!("{:?}", UserPatch::new().password(PASSWORD)),
        format!("{:?}", ProfilePatch::new().password(PASSWORD)),
        format!("{:?}", TotpActivate::new(TOKEN, PASSWORD)),
        format!("{:?}", RemovePassword::new(PASSWORD)),
    ];
    for text in &texts {
        assert!(!text.contains(TOKEN), "{text}");
        assert!(!text.contains(PASSWORD), "{text}");
        assert!(!text.contains("S2V5TWF0ZXJpYWw"), "{text}");
    }
    assert!(texts[0].contains("Auth::Token(<redacted>)"), "{}", texts[0]);
    assert!(texts[2].contains("password: <redacted>"), "{}", texts[2]);
}

#[tokio::test]
async fn proxy_and_no_proxy_reach_the_transport() {
    const PROXY_PASSWORD: &str = "proxy-pw-7e21";
    // An HTTP proxy that answers absolute-form requests itself, recording them.
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = Arc::clone(&seen);
    let proxy = serve(move |req: http::Request<hyper::body::Incoming>| {
        record
            .lock()
            .unwrap()
            .push((req.uri().to_string(), req.headers().clone()));
        async { json_response(200, tag_json(7, "Inbox").to_string()) }
    })
    .await;

    let builder = Paperless::builder("http://paperless.test:8000")
        .token("0123456789abcdef")
        .api_version(ApiVersion::V10)
        .transport(|t| t.no_retry())
        .proxy(Proxy::http(&proxy).basic_auth("alice", PROXY_PASSWORD));
    assert!(!format!("{builder:?}").contains(PROXY_PASSWORD));
    let client = builder.build().unwrap();
    let tag = client.endpoint::<Tags>().get(7).await.unwrap();
    assert_eq!(tag.name, "Inbox");
    {
        let seen = seen.lock().unwrap();
        assert_eq!(seen.len(), 1);
        let (uri, headers) = &seen[0];
        assert_eq!(uri, "http://paperless.test:8000/api/tags/7/");
        // base64("alice:proxy-pw-7e21")
        assert_eq!(
            headers["proxy-authorization"],
            "Basic YWxpY2U6cHJveHktcHctN2UyMQ=="
        );
        assert_eq!(headers["authorization"], "Token 0123456789abcdef");
    }

    // `no_proxy()` wins over the proxy set before it: the server answers directly.
    let mut server = mockito::Server::new_async().await;
    let direct = server
        .mock("GET", "/api/tags/7/")
        .with_header("content-type", "application/json")
        .with_body(tag_json(7, "Direct").to_string())
        .create_async()
        .await;
    let client = Paperless::builder(server.url())
        .token("0123456789abcdef")
        .api_version(ApiVersion::V10)
        .proxy(Proxy::all(&proxy))
        .transport(|t| t.no_proxy())
        .build()
        .unwrap();
    assert_eq!(
        client.endpoint::<Tags>().get(7).await.unwrap().name,
        "Direct"
    );
    direct.assert_async().await;
    assert_eq!(seen.lock().unwrap().len(), 1, "the proxy saw nothing more");

    // An unusable proxy is a build error without its credentials.
    let err = Paperless::builder("https://paperless.example.com")
        .token("abc")
        .proxy(Proxy::all(format!(
            "socks5://alice:{PROXY_PASSWORD}@proxy:1080"
        )))
        .build()
        .unwrap_err();
    assert!(matches!(err, Error::Build(_)), "{err:?}");
    assert!(
        err.to_string().contains("SOCKS proxies are not supported"),
        "{err}"
    );
    assert!(!format!("{err} {err:?}").contains(PROXY_PASSWORD));
}

#[test]
fn from_vars_reads_the_proxy_variables_through_the_same_lookup() {
    // An unsupported proxy in ALL_PROXY, given only through the lookup (not the process
    // environment), must reach the transport and stop the build with a message naming it.
    let err = PaperlessBuilder::from_vars(vars(&[
        ("PAPERLESS_URL", "https://paperless.example.com"),
        ("PAPERLESS_TOKEN", "abcdef0123"),
        ("ALL_PROXY", "socks5://user:secret@proxy.internal:1080"),
    ]))
    .unwrap()
    .build()
    .unwrap_err();
    let text = err.to_string();
    assert!(text.contains("ALL_PROXY"), "{text}");
    assert!(!text.contains("secret"), "{text}");

    let ok = PaperlessBuilder::from_vars(vars(&[
        ("PAPERLESS_URL", "https://paperless.example.com"),
        ("PAPERLESS_TOKEN", "abcdef0123"),
        ("HTTPS_PROXY", "http://proxy.internal:3128"),
    ]))
    .unwrap()
    .build();
    assert!(ok.is_ok(), "{ok:?}");
}
