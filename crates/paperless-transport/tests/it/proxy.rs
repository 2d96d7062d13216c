//! Proxies, against an in-process HTTP proxy on loopback that tunnels `CONNECT`, forwards
//! absolute-form requests, refuses or stays silent, and records what it saw.

use std::error::Error as StdError;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use paperless_transport::{
    Auth, BaseUrl, BoxError, BuildError, Proxy, ProxyError, TransportBuilder, TransportErrorKind,
    classify,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use crate::support::{get, send, send_text};
use crate::tls::{https_server, pki};

const TOKEN: &str = "tok-5d2e8a41c97b";
const PASSWORD: &str = "proxy-pw-93be1f";

/// What the test proxy does with each connection, after reading one request head.
#[derive(Clone, Copy)]
enum Mode {
    /// `CONNECT host:port`: answers 200 and relays bytes both ways to 127.0.0.1:port.
    /// `GET http://host:port/path`: sends it on to 127.0.0.1:port in origin form, without
    /// `Proxy-Authorization`, with `Connection: close`, and relays the answer.
    Forward,
    /// Answers with this status line and no body, then closes.
    Refuse(&'static str),
    /// Never answers.
    Silent,
}

/// An HTTP proxy on 127.0.0.1. It resolves every host name to 127.0.0.1, so a base URL such as
/// `http://paperless.test:PORT` is reachable through it and nowhere else.
struct TestProxy {
    addr: SocketAddr,
    /// Each request head, as received (request line and headers).
    heads: Arc<Mutex<Vec<String>>>,
    /// Every byte a client sent into a tunnel after `CONNECT`.
    tunnelled: Arc<Mutex<Vec<u8>>>,
}

impl TestProxy {
    async fn start(mode: Mode) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let heads = Arc::new(Mutex::new(Vec::new()));
        let tunnelled = Arc::new(Mutex::new(Vec::new()));
        let (h, t) = (Arc::clone(&heads), Arc::clone(&tunnelled));
        tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                let (h, t) = (Arc::clone(&h), Arc::clone(&t));
                tokio::spawn(async move { handle(stream, mode, h, t).await });
            }
        });
        Self {
            addr,
            heads,
            tunnelled,
        }
    }

    fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    fn heads(&self) -> Vec<String> {
        self.heads.lock().unwrap().clone()
    }
}

async fn handle(
    mut client: TcpStream,
    mode: Mode,
    heads: Arc<Mutex<Vec<String>>>,
    tunnelled: Arc<Mutex<Vec<u8>>>,
) {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(pos) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break pos + 4;
        }
        match client.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let rest = buf[head_end..].to_vec();
    heads.lock().unwrap().push(head.clone());

    match mode {
        Mode::Refuse(status) => {
            let answer = format!(
                "HTTP/1.1 {status}\r\nProxy-Authenticate: Basic realm=\"test\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
            let _ = client.write_all(answer.as_bytes()).await;
            let _ = client.shutdown().await;
            return;
        }
        Mode::Silent => {
            tokio::time::sleep(Duration::from_secs(30)).await;
            return;
        }
        Mode::Forward => {}
    }

    let mut lines = head.split("\r\n");
    let request_line = lines.next().unwrap();
    let mut parts = request_line.split(' ');
    let (method, target) = (parts.next().unwrap(), parts.next().unwrap());
    if method == "CONNECT" {
        let port: u16 = target.rsplit_once(':').unwrap().1.parse().unwrap();
        let upstream = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
        client
            .write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")
            .await
            .unwrap();
        relay(client, upstream, rest, Some(tunnelled)).await;
    } else {
        let uri: http::Uri = target.parse().unwrap();
        let port = uri.port_u16().unwrap_or(80);
        let path = uri.path_and_query().unwrap().as_str();
        let mut forwarded = format!("{method} {path} HTTP/1.1\r\n");
        for line in lines.filter(|l| !l.is_empty()) {
            let name = line.split(':').next().unwrap().to_ascii_lowercase();
            if name != "proxy-authorization" && name != "connection" {
                forwarded.push_str(line);
                forwarded.push_str("\r\n");
            }
        }
        forwarded.push_str("Connection: close\r\n\r\n");
        let mut upstream = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
        upstream.write_all(forwarded.as_bytes()).await.unwrap();
        relay(client, upstream, rest, None).await;
    }
}

/// Relays bytes both ways until the upstream closes, recording what the client sends.
async fn relay(
    client: TcpStream,
    upstream: TcpStream,
    early: Vec<u8>,
    record: Option<Arc<Mutex<Vec<u8>>>>,
) {
    let (mut client_r, mut client_w) = client.into_split();
    let (mut upstream_r, mut upstream_w) = upstream.into_split();
    let record_early = record.clone();
    let up = tokio::spawn(async move {
        if let Some(record) = &record_early {
            record.lock().unwrap().extend_from_slice(&early);
        }
        if upstream_w.write_all(&early).await.is_err() {
            return;
        }
        let mut chunk = [0u8; 16384];
        loop {
            match client_r.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => {
                    if let Some(record) = &record_early {
                        record.lock().unwrap().extend_from_slice(&chunk[..n]);
                    }
                    if upstream_w.write_all(&chunk[..n]).await.is_err() {
                        return;
                    }
                }
            }
        }
    });
    let _ = tokio::io::copy(&mut upstream_r, &mut client_w).await;
    let _ = client_w.shutdown().await;
    up.abort();
}

/// The `Proxy-Authorization` value for `user`/`password`.
fn basic(user: &str, password: &str) -> String {
    let value = Auth::basic(user, password).header_value().unwrap().unwrap();
    value.to_str().unwrap().to_owned()
}

/// Every message of an error's `source()` chain, joined.
fn chain(err: &BoxError) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(e) = source {
        text.push_str(" / ");
        text.push_str(&e.to_string());
        source = e.source();
    }
    text
}

/// The [`ProxyError`] in an error's `source()` chain.
fn proxy_error(err: &BoxError) -> &ProxyError {
    let mut current: Option<&(dyn StdError + 'static)> = Some(&**err);
    while let Some(e) = current {
        if let Some(found) = e.downcast_ref::<ProxyError>() {
            return found;
        }
        current = e.source();
    }
    panic!("no ProxyError in {err:?}");
}

fn builder(url: &str) -> TransportBuilder {
    TransportBuilder::new(BaseUrl::parse(url).unwrap())
        .no_retry()
        .auth(Auth::token(TOKEN))
}

#[tokio::test]
async fn http_goes_to_the_proxy_in_absolute_form_with_proxy_authorization() {
    let mut server = mockito::Server::new_async().await;
    let port = server.socket_address().port();
    let mock = server
        .mock("GET", "/api/tags/?page=1")
        .match_header("authorization", format!("Token {TOKEN}").as_str())
        .match_header("host", format!("paperless.test:{port}").as_str())
        .with_body("through the proxy")
        .expect(2)
        .create_async()
        .await;
    let proxy = TestProxy::start(Mode::Forward).await;
    let client = builder(&format!("http://paperless.test:{port}"))
        .proxy(Proxy::http(proxy.url()).basic_auth("alice", PASSWORD))
        .build()
        .unwrap();

    for _ in 0..2 {
        assert_eq!(
            send_text(&client, get("/api/tags/?page=1")).await,
            (200, "through the proxy".to_owned())
        );
    }
    mock.assert_async().await;

    let heads = proxy.heads();
    assert_eq!(heads.len(), 2, "{heads:?}");
    for head in &heads {
        let head = head.to_ascii_lowercase();
        assert!(
            head.starts_with(&format!(
                "get http://paperless.test:{port}/api/tags/?page=1 http/1.1\r\n"
            )),
            "{head}"
        );
        assert!(
            head.contains(&format!(
                "\r\nproxy-authorization: {}\r\n",
                basic("alice", PASSWORD).to_ascii_lowercase()
            )),
            "{head}"
        );
    }
    assert!(proxy.tunnelled.lock().unwrap().is_empty());
}

#[tokio::test]
async fn credentials_in_the_proxy_url_are_sent_and_percent_decoded() {
    let mut server = mockito::Server::new_async().await;
    let port = server.socket_address().port();
    let mock = server
        .mock("GET", "/api/")
        .with_body("ok")
        .create_async()
        .await;
    let proxy = TestProxy::start(Mode::Forward).await;
    let url = format!("http://bob:p%40ss%2Fword@{}", proxy.addr);
    let client = builder(&format!("http://paperless.test:{port}"))
        .proxy(Proxy::all(url))
        .build()
        .unwrap();
    assert_eq!(send_text(&client, get("/api/")).await.0, 200);
    mock.assert_async().await;
    let head = proxy.heads().remove(0).to_ascii_lowercase();
    assert!(
        head.contains(&format!(
            "\r\nproxy-authorization: {}\r\n",
            basic("bob", "p@ss/word").to_ascii_lowercase()
        )),
        "{head}"
    );
}

#[tokio::test]
async fn https_tunnels_through_connect_and_the_proxy_never_sees_the_token() {
    let pki = pki();
    let (url, seen) = https_server(&pki, false).await;
    let port: u16 = url.rsplit_once(':').unwrap().1.parse().unwrap();
    let proxy = TestProxy::start(Mode::Forward).await;
    let client = builder(&format!("https://paperless.test:{port}"))
        .add_root_certificate_pem(pki.ca_pem.as_bytes())
        .proxy(Proxy::https(format!(
            "http://alice:{PASSWORD}@{}",
            proxy.addr
        )))
        .build()
        .unwrap();

    // Two requests, one tunnel: the pooled connection is reused.
    for _ in 0..2 {
        assert_eq!(
            send_text(&client, get("/api/")).await,
            (200, "secure".to_owned())
        );
    }

    let heads = proxy.heads();
    assert_eq!(heads.len(), 1, "{heads:?}");
    assert_eq!(
        heads[0],
        format!(
            "CONNECT paperless.test:{port} HTTP/1.1\r\nHost: paperless.test:{port}\r\nProxy-Authorization: {}\r\n\r\n",
            basic("alice", PASSWORD)
        )
    );
    let tunnelled = proxy.tunnelled.lock().unwrap().clone();
    assert!(tunnelled.len() > 100, "TLS records went through the tunnel");
    let needle = TOKEN.as_bytes();
    assert!(
        !tunnelled.windows(needle.len()).any(|w| w == needle),
        "the token crossed the proxy in the clear"
    );

    // The server got the token, over HTTP/2 negotiated inside the tunnel, and no proxy
    // credentials.
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 2);
    for request in seen.iter() {
        assert_eq!(request.headers["authorization"], format!("Token {TOKEN}"));
        assert!(request.headers.get("proxy-authorization").is_none());
        assert_eq!(request.version, http::Version::HTTP_2);
        assert_eq!(request.uri, format!("https://paperless.test:{port}/api/"));
    }
}

#[tokio::test]
async fn no_proxy_matches_go_direct() {
    let mut server = mockito::Server::new_async().await;
    let mock = server
        .mock("GET", "/api/")
        .with_body("direct")
        .expect(2)
        .create_async()
        .await;
    let proxy = TestProxy::start(Mode::Forward).await;
    for exclusion in ["127.0.0.1", "10.0.0.0/8, 127.0.0.0/8"] {
        let client = builder(&server.url())
            .proxy(Proxy::all(proxy.url()).no_proxy(exclusion))
            .build()
            .unwrap();
        assert_eq!(
            send_text(&client, get("/api/")).await,
            (200, "direct".to_owned())
        );
    }
    mock.assert_async().await;
    assert!(proxy.heads().is_empty(), "{:?}", proxy.heads());
}

#[tokio::test]
async fn proxies_from_variables_apply_and_never_to_loopback() {
    let mut server = mockito::Server::new_async().await;
    let port = server.socket_address().port();
    let mock = server
        .mock("GET", "/api/")
        .with_body("ok")
        .expect(2)
        .create_async()
        .await;
    let proxy = TestProxy::start(Mode::Forward).await;
    let proxy_url = proxy.url();
    let vars = move |name: &str| (name == "HTTP_PROXY").then(|| proxy_url.clone());

    let through = builder(&format!("http://paperless.test:{port}"))
        .proxy(Proxy::from_vars(&vars))
        .build()
        .unwrap();
    assert_eq!(send_text(&through, get("/api/")).await.0, 200);
    assert_eq!(proxy.heads().len(), 1);

    let loopback = builder(&server.url())
        .proxy(Proxy::from_vars(&vars))
        .build()
        .unwrap();
    assert_eq!(send_text(&loopback, get("/api/")).await.0, 200);
    assert_eq!(proxy.heads().len(), 1, "loopback went direct");
    mock.assert_async().await;

    // `no_proxy()` ignores whatever proxy was set.
    let direct = builder(&format!("http://paperless.test:{port}"))
        .proxy(Proxy::from_vars(&vars))
        .no_proxy();
    assert!(format!("{direct:?}").contains("proxy: Off"), "{direct:?}");
}

#[tokio::test]
async fn a_refusal_of_connect_is_a_connect_error_naming_the_proxy() {
    for (status, detail) in [
        (
            "407 Proxy Authentication Required",
            "proxy authorization required",
        ),
        ("403 Forbidden", "unsuccessful"),
    ] {
        let proxy = TestProxy::start(Mode::Refuse(status)).await;
        let client = builder("https://paperless.test:8443")
            .proxy(Proxy::https(format!(
                "http://alice:{PASSWORD}@{}",
                proxy.addr
            )))
            .build()
            .unwrap();
        let err = send(&client, get("/api/")).await.unwrap_err();
        assert_eq!(classify(&*err), TransportErrorKind::Connect, "{err:?}");
        let text = chain(&err);
        assert!(
            text.contains(&format!(
                "the proxy {} refused to open a tunnel to paperless.test:8443; check the proxy credentials",
                proxy.url()
            )),
            "{text}"
        );
        assert!(text.contains(detail), "{text}");
        let found = proxy_error(&err);
        assert!(found.is_refused());
        assert_eq!(found.proxy(), proxy.url());
        assert_eq!(found.target(), "paperless.test:8443");
        assert!(!text.contains(PASSWORD), "{text}");
        assert!(!format!("{err:?}").contains(PASSWORD), "{err:?}");
        assert_eq!(proxy.heads().len(), 1, "no_retry: one CONNECT");
    }
}

#[tokio::test]
async fn a_refused_connect_is_retried_like_any_connect_failure() {
    let proxy = TestProxy::start(Mode::Refuse("407 Proxy Authentication Required")).await;
    let client = TransportBuilder::new(BaseUrl::parse("https://paperless.test:8443").unwrap())
        .retry(crate::support::fast_retry())
        .proxy(Proxy::https(proxy.url()))
        .build()
        .unwrap();
    let err = send(&client, get("/api/")).await.unwrap_err();
    assert!(proxy_error(&err).is_refused());
    assert_eq!(proxy.heads().len(), 4, "1 attempt + 3 retries");
}

#[tokio::test]
async fn an_unreachable_proxy_is_a_connect_error() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    for base in ["https://paperless.test:8443", "http://paperless.test:8000"] {
        let client = builder(base)
            .proxy(Proxy::all(format!("http://{addr}")))
            .build()
            .unwrap();
        let err = send(&client, get("/api/")).await.unwrap_err();
        assert_eq!(classify(&*err), TransportErrorKind::Connect, "{err:?}");
        let text = chain(&err);
        assert!(
            text.contains(&format!("cannot connect to the proxy http://{addr}")),
            "{text}"
        );
        assert!(!proxy_error(&err).is_refused());
    }
}

#[tokio::test]
async fn the_connect_timeout_covers_a_proxy_that_never_answers_connect() {
    let proxy = TestProxy::start(Mode::Silent).await;
    let client = builder("https://paperless.test:8443")
        .proxy(Proxy::https(proxy.url()))
        .connect_timeout(Duration::from_millis(300))
        .timeout(None)
        .total_timeout(None)
        .build()
        .unwrap();
    let start = Instant::now();
    let result = tokio::time::timeout(Duration::from_secs(5), send(&client, get("/api/"))).await;
    let elapsed = start.elapsed();
    let err = result.expect("the connect timeout fired").unwrap_err();
    assert_eq!(classify(&*err), TransportErrorKind::Timeout, "{err:?}");
    assert!(elapsed >= Duration::from_millis(290), "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(3), "{elapsed:?}");
    let text = chain(&err);
    assert!(
        text.contains("did not open a tunnel to paperless.test:8443 within 300ms"),
        "{text}"
    );
    assert_eq!(proxy.heads().len(), 1);
}

#[test]
fn an_unusable_proxy_is_a_build_error_without_credentials() {
    let err = builder("https://paperless.example.com")
        .proxy(Proxy::all(format!("socks5://alice:{PASSWORD}@proxy:1080")))
        .build()
        .unwrap_err();
    assert!(
        matches!(
            err,
            BuildError::InvalidProxy {
                setting: "Proxy::all",
                ..
            }
        ),
        "{err}"
    );
    assert_eq!(
        err.to_string(),
        "invalid proxy URL \"socks5://***@proxy:1080\" in Proxy::all: SOCKS proxies are not \
         supported; give it as http://host:port, or http://user:password@host:port"
    );
    assert!(!format!("{err:?}").contains(PASSWORD));

    let vars = |name: &str| (name == "https_proxy").then(|| format!("https://u:{PASSWORD}@p"));
    let err = builder("https://paperless.example.com")
        .proxy(Proxy::from_vars(vars))
        .build()
        .unwrap_err();
    let text = err.to_string();
    assert!(
        text.starts_with("invalid proxy URL \"https://***@p\" in https_proxy: TLS to the proxy"),
        "{text}"
    );
    assert!(
        text.ends_with("call TransportBuilder::no_proxy() to ignore the environment"),
        "{text}"
    );

    // build_with takes the user's service as is: the proxy is not looked at.
    let bottom = tower::service_fn(|_req: http::Request<paperless_transport::Body>| async {
        Ok::<_, std::convert::Infallible>(http::Response::new(
            http_body_util::Empty::<bytes::Bytes>::new(),
        ))
    });
    assert!(
        builder("https://paperless.example.com")
            .proxy(Proxy::all("socks5://proxy:1080"))
            .build_with(bottom)
            .is_ok()
    );
}

#[test]
fn debug_of_proxies_and_builders_hides_proxy_credentials() {
    let proxy = Proxy::all(format!("http://alice:{PASSWORD}@proxy.internal:3128"))
        .no_proxy(".lan")
        .basic_auth("bob", "other-pw-41d9");
    let builder = builder("https://paperless.example.com").proxy(proxy.clone());
    for text in [
        format!("{proxy:?}"),
        format!("{proxy:#?}"),
        format!("{builder:?}"),
        format!("{builder:#?}"),
    ] {
        assert!(!text.contains(PASSWORD), "{text}");
        assert!(!text.contains("other-pw-41d9"), "{text}");
        assert!(!text.contains("alice"), "{text}");
        assert!(text.contains("http://proxy.internal:3128"), "{text}");
        assert!(text.contains("<redacted>"), "{text}");
    }
}
