//! One JSON size limit (`max_json_body`), and JSON bodies that stall: every JSON answer is read
//! whole inside the attempt, so the library's own timeout ends a stalled read however long the
//! body claims to be (issue #11, item 1), and a body over the limit ends the call at once.
//!
//! Each server is in-process hyper on 127.0.0.1 sending a real body that stops part-way. The
//! outer `tokio::time::timeout` only turns a hang into a failure; the tests pass because the
//! client's 2 s attempt timeout fires (or its limit), which they assert.

use std::future::IntoFuture;
use std::time::Duration;

use bytes::Bytes;
use futures_util::{StreamExt, TryStreamExt, stream};
use paperless_client::{ApiVersion, Error, Paperless, TransportErrorKind};

use crate::documents_support::{TestBody, serve_body, stream_body};

/// The attempt timeout of these tests.
const TIMEOUT: Duration = Duration::from_secs(2);
/// What would count as a hang.
const HANG: Duration = Duration::from_secs(30);

/// `chunks`, then nothing, ever (the connection stays open).
fn stalling(chunks: Vec<Bytes>) -> TestBody {
    stream_body(
        stream::iter(chunks.into_iter().map(Ok)).chain(stream::pending::<std::io::Result<Bytes>>()),
    )
}

/// A server answering every request with 200 `application/json`, `Content-Length: declared`
/// when given (else chunked), then `chunks`, then a stall.
async fn stalling_server(declared: Option<u64>, chunks: Vec<Bytes>) -> String {
    serve_body(move |_req| {
        let chunks = chunks.clone();
        async move {
            let mut response = http::Response::builder()
                .status(200)
                .header("content-type", "application/json");
            if let Some(length) = declared {
                response = response.header("content-length", length);
            }
            response.body(stalling(chunks)).unwrap()
        }
    })
    .await
}

/// A client with a 2 s attempt timeout, no retries (so one attempt ends the call), version 10.
fn client(url: &str) -> Paperless {
    client_reading(url, paperless_client::DEFAULT_MAX_JSON_BODY)
}

/// [`client`] with another `max_json_body`.
fn client_reading(url: &str, max_json_body: usize) -> Paperless {
    Paperless::builder(url)
        .token("0123456789abcdef")
        .api_version(ApiVersion::V10)
        .timeout(TIMEOUT)
        .transport(|t| t.no_retry())
        .max_json_body(max_json_body)
        .build()
        .unwrap()
}

/// The start of a tags page whose body goes on and on.
fn page_start(len: usize) -> Bytes {
    let head = r#"{"count":1,"next":null,"previous":null,"results":[{"id":1,"name":""#;
    let mut text = head.to_owned();
    text.push_str(&"x".repeat(len.saturating_sub(head.len())));
    Bytes::from(text)
}

/// The error `call` ends in; a hang fails the test instead of the client's timeout.
async fn failure<T: std::fmt::Debug>(
    call: impl IntoFuture<Output = paperless_client::Result<T>>,
) -> Error {
    tokio::time::timeout(HANG, call.into_future())
        .await
        .expect("hung: no timeout of the library fired")
        .unwrap_err()
}

/// Checks that `err` is the attempt timeout of `GET path`.
fn assert_attempt_timeout(err: &Error, path: &str) {
    assert!(err.is_timeout(), "{err:?}");
    assert_eq!(err.transport_kind(), Some(TransportErrorKind::Timeout));
    assert_eq!(
        err.to_string(),
        format!("GET {path} timed out before a complete response arrived")
    );
    let cause = std::error::Error::source(err).unwrap().to_string();
    assert_eq!(
        cause,
        "the request attempt timed out after 2s; raise it with TransportBuilder::timeout if the \
         server is just slow"
    );
}

#[tokio::test]
async fn a_2_gib_json_body_that_stalls_is_refused_or_times_out() {
    let url = stalling_server(Some(2_147_483_648), vec![page_start(100)]).await;

    // The default limit (256 MiB): refused from its Content-Length, before reading.
    let err = failure(client(&url).tags().list().send()).await;
    let Error::Decode(decode) = &err else {
        panic!("expected a decode error, got {err:?}")
    };
    assert_eq!(decode.status(), http::StatusCode::OK);
    assert_eq!(
        err.to_string(),
        "tags.list: the 200 OK response to GET /api/tags/ is longer than 268435456 bytes, the \
         most this client reads as JSON. Raise PaperlessBuilder::max_json_body, or ask for \
         smaller pages (page_size) or fewer fields (fields)"
    );

    // A limit above 2 GiB: the read starts, stalls after 100 bytes, and the attempt times out.
    let generous = client_reading(&url, 4 << 30);
    let err = failure(generous.tags().list().send()).await;
    assert_attempt_timeout(&err, "/api/tags/");
}

#[tokio::test]
async fn twenty_mib_declared_then_a_stall_after_1_kib_times_out() {
    let url = stalling_server(Some(20 << 20), vec![page_start(1024)]).await;
    let err = failure(client(&url).tags().get(1)).await;
    assert_attempt_timeout(&err, "/api/tags/1/");
}

#[tokio::test]
async fn seventeen_mib_chunked_then_a_stall_times_out() {
    let chunks: Vec<Bytes> = std::iter::once(page_start(1 << 20))
        .chain((0..16).map(|_| Bytes::from(vec![b'x'; 1 << 20])))
        .collect();
    let url = stalling_server(None, chunks).await;
    let err = failure(client(&url).tags().get(1)).await;
    assert_attempt_timeout(&err, "/api/tags/1/");
}

#[tokio::test]
async fn a_list_stream_whose_page_stalls_yields_the_timeout() {
    let url = stalling_server(Some(20 << 20), vec![page_start(1024)]).await;
    let client = client(&url);
    let mut items = client.tags().stream();
    let err = failure(items.try_next()).await;
    assert_attempt_timeout(&err, "/api/tags/");
    // The stream ends after its error.
    assert!(items.next().await.is_none());
}

#[tokio::test]
async fn a_body_over_the_limit_is_too_large_at_once() {
    // Declared too long: refused before reading (the body never comes).
    let declared = stalling_server(Some(2 << 20), Vec::new()).await;
    // Chunked: refused once the limit is passed, without reading on (the rest never comes).
    let chunked = stalling_server(None, vec![page_start(1 << 20), page_start(1 << 20)]).await;
    for url in [declared, chunked] {
        // The limit ends the call, not the timeout (which would say so).
        let err = failure(client_reading(&url, 1 << 20).tags().get(1)).await;
        let Error::Decode(decode) = &err else {
            panic!("expected a decode error, got {err:?}")
        };
        assert!(!err.is_timeout());
        assert_eq!(decode.json_path(), None);
        assert!(decode.is_body_truncated());
        assert_eq!(
            err.to_string(),
            "tags.get: the 200 OK response to GET /api/tags/1/ is longer than 1048576 bytes, the \
             most this client reads as JSON. Raise PaperlessBuilder::max_json_body, or ask for \
             smaller pages (page_size) or fewer fields (fields)"
        );
    }
}
