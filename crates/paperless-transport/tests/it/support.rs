//! Test servers and helpers: raw scripted TCP servers (for dropped and silent connections), an
//! in-process hyper server (IPv6, TLS), a counting tower layer and a tracing capture.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use http::{Request, Response};
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use paperless_transport::{BaseUrl, Body, HttpClient, RetryConfig, TransportBuilder};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// A retry configuration with short waits, for fast tests.
pub fn fast_retry() -> RetryConfig {
    RetryConfig::new()
        .initial_backoff(Duration::from_millis(10))
        .max_backoff(Duration::from_millis(50))
}

/// A builder for `url` with fast retries.
pub fn builder(url: &str) -> TransportBuilder {
    TransportBuilder::new(BaseUrl::parse(url).unwrap()).retry(fast_retry())
}

/// A GET request for an origin-form path.
pub fn get(path: &str) -> Request<Body> {
    Request::get(path).body(Body::empty()).unwrap()
}

/// A request with any method and body.
pub fn req(method: &str, path: &str, body: Body) -> Request<Body> {
    Request::builder()
        .method(method)
        .uri(path)
        .body(body)
        .unwrap()
}

/// Sends a request through the client.
pub async fn send(
    client: &HttpClient,
    req: Request<Body>,
) -> Result<Response<paperless_transport::ResponseBody>, paperless_transport::BoxError> {
    use tower::ServiceExt;
    client.clone().oneshot(req).await
}

/// Sends a request and collects the response: status and body text.
pub async fn send_text(client: &HttpClient, req: Request<Body>) -> (u16, String) {
    let res = send(client, req).await.unwrap();
    let status = res.status().as_u16();
    let body = res.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8(body.to_vec()).unwrap())
}

/// What a [`RawServer`] does with one connection, after reading one request from it.
#[derive(Clone)]
pub enum Script {
    /// Writes these bytes, then closes the connection.
    Reply(String),
    /// Closes the connection without answering (the keep-alive race, seen from the client).
    Close,
    /// Keeps the connection open and never answers.
    Hang,
    /// Writes these bytes (a head and part of a body), then keeps the connection open and
    /// silent.
    ReplyThenHang(String),
    /// Waits, then writes these bytes and closes the connection.
    ReplyAfter(Duration, String),
}

/// A TCP server on 127.0.0.1 that reads one HTTP/1.1 request per connection and follows a
/// script, one entry per connection (the last entry repeats). It records every request head.
pub struct RawServer {
    pub addr: SocketAddr,
    pub requests: Arc<Mutex<Vec<String>>>,
}

impl RawServer {
    pub async fn start(scripts: Vec<Script>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&requests);
        tokio::spawn(async move {
            let mut n = 0usize;
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                let script = scripts
                    .get(n)
                    .or(scripts.last())
                    .cloned()
                    .unwrap_or(Script::Close);
                n += 1;
                let seen = Arc::clone(&seen);
                tokio::spawn(async move { serve_raw(stream, script, seen).await });
            }
        });
        Self { addr, requests }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn count(&self) -> usize {
        self.requests.lock().unwrap().len()
    }
}

async fn serve_raw(mut stream: TcpStream, script: Script, seen: Arc<Mutex<Vec<String>>>) {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    // Read the head, then as many body bytes as Content-Length says.
    let head_end = loop {
        if let Some(pos) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break pos + 4;
        }
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let length = head
        .lines()
        .find_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse::<usize>().ok())?
        })
        .unwrap_or(0);
    while buf.len() < head_end + length {
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => break,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    }
    seen.lock().unwrap().push(head);
    match script {
        Script::Reply(bytes) => {
            let _ = stream.write_all(bytes.as_bytes()).await;
            let _ = stream.flush().await;
            let _ = stream.shutdown().await;
        }
        Script::Close => drop(stream),
        Script::Hang => {
            tokio::time::sleep(Duration::from_secs(30)).await;
            drop(stream);
        }
        Script::ReplyAfter(wait, bytes) => {
            tokio::time::sleep(wait).await;
            let _ = stream.write_all(bytes.as_bytes()).await;
            let _ = stream.flush().await;
            let _ = stream.shutdown().await;
        }
        Script::ReplyThenHang(bytes) => {
            let _ = stream.write_all(bytes.as_bytes()).await;
            let _ = stream.flush().await;
            tokio::time::sleep(Duration::from_secs(30)).await;
            drop(stream);
        }
    }
}

/// A complete JSON response that closes the connection.
pub fn json_reply(body: &str) -> Script {
    Script::Reply(format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    ))
}

/// A server answering `[]` as JSON after `wait`, every time; its URL.
pub async fn slow_json_server(wait: Duration) -> String {
    let body = "[]";
    let reply = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let server = RawServer::start(vec![Script::ReplyAfter(wait, reply)]).await;
    server.url()
}

/// A JSON response head promising `promised` bytes, then only `partial`, then a close.
pub fn truncated_json(promised: usize, partial: &str) -> Script {
    Script::Reply(format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {promised}\r\n\r\n{partial}"
    ))
}

/// What the in-process hyper server saw of one request.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    pub uri: String,
    pub version: http::Version,
    pub headers: http::HeaderMap,
    /// How many certificates the TLS client presented (0 over plain TCP).
    pub client_certs: usize,
}

type Handler = Arc<dyn Fn(&Seen) -> Response<Full<Bytes>> + Send + Sync>;

/// Serves HTTP/1.1 and HTTP/2 (hyper-util `auto`) on `listener`, over `tls` when given,
/// recording each request.
pub async fn serve_hyper(
    listener: TcpListener,
    tls: Option<tokio_rustls::TlsAcceptor>,
    handler: Handler,
) -> Arc<Mutex<Vec<Seen>>> {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = Arc::clone(&seen);
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                return;
            };
            let handler = Arc::clone(&handler);
            let record = Arc::clone(&record);
            let tls = tls.clone();
            tokio::spawn(async move {
                let service = move |client_certs: usize| {
                    hyper::service::service_fn(move |req: Request<Incoming>| {
                        let seen = Seen {
                            method: req.method().to_string(),
                            uri: req.uri().to_string(),
                            version: req.version(),
                            headers: req.headers().clone(),
                            client_certs,
                        };
                        record.lock().unwrap().push(seen.clone());
                        let res = handler(&seen);
                        async move { Ok::<_, Infallible>(res) }
                    })
                };
                let builder = hyper_util::server::conn::auto::Builder::new(
                    hyper_util::rt::TokioExecutor::new(),
                );
                match tls {
                    None => {
                        let io = hyper_util::rt::TokioIo::new(stream);
                        let _ = builder.serve_connection(io, service(0)).await;
                    }
                    Some(acceptor) => {
                        let Ok(tls_stream) = acceptor.accept(stream).await else {
                            return;
                        };
                        let certs = tls_stream
                            .get_ref()
                            .1
                            .peer_certificates()
                            .map_or(0, <[_]>::len);
                        let io = hyper_util::rt::TokioIo::new(tls_stream);
                        let _ = builder.serve_connection(io, service(certs)).await;
                    }
                }
            });
        }
    });
    seen
}

/// A response with this status and text body.
pub fn text(status: u16, body: &'static str) -> Response<Full<Bytes>> {
    Response::builder()
        .status(status)
        .body(Full::new(Bytes::from_static(body.as_bytes())))
        .unwrap()
}

/// A tower layer that counts the requests passing through it (the user middleware of the
/// swap-point tests).
#[derive(Clone, Default)]
pub struct CountLayer {
    pub count: Arc<AtomicUsize>,
}

impl CountLayer {
    pub fn get(&self) -> usize {
        self.count.load(Ordering::SeqCst)
    }
}

impl<S> tower::Layer<S> for CountLayer {
    type Service = Count<S>;
    fn layer(&self, inner: S) -> Count<S> {
        Count {
            inner,
            count: Arc::clone(&self.count),
        }
    }
}

#[derive(Clone)]
pub struct Count<S> {
    inner: S,
    count: Arc<AtomicUsize>,
}

impl<S, R> tower::Service<R> for Count<S>
where
    S: tower::Service<R>,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = S::Future;
    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }
    fn call(&mut self, req: R) -> S::Future {
        self.count.fetch_add(1, Ordering::SeqCst);
        self.inner.call(req)
    }
}

/// Captures everything `tracing` writes (all levels, every thread) into one buffer shared by the
/// whole test binary. A global subscriber (rather than a per-test `set_default`) avoids tracing's
/// per-callsite interest cache dropping events of tests running in parallel; tests pick their own
/// lines by a path only they use.
pub struct Capture {
    buf: Arc<Mutex<Vec<u8>>>,
}

static CAPTURE: std::sync::OnceLock<Arc<Mutex<Vec<u8>>>> = std::sync::OnceLock::new();

impl Capture {
    pub fn start() -> Self {
        let buf = CAPTURE.get_or_init(|| {
            let buf = Arc::new(Mutex::new(Vec::new()));
            let writer = Arc::clone(&buf);
            let subscriber = tracing_subscriber::fmt()
                .with_max_level(tracing::Level::TRACE)
                .with_ansi(false)
                .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
                .with_writer(move || CaptureWriter(Arc::clone(&writer)))
                .finish();
            tracing::subscriber::set_global_default(subscriber).unwrap();
            buf
        });
        Self {
            buf: Arc::clone(buf),
        }
    }

    /// Everything captured so far, from every test.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.buf.lock().unwrap()).into_owned()
    }

    /// The captured lines that mention `needle`.
    pub fn lines_with(&self, needle: &str) -> String {
        self.text()
            .lines()
            .filter(|l| l.contains(needle))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

struct CaptureWriter(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for CaptureWriter {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(data);
        Ok(data.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
