//! The idle timeout (a body that moves no data) and per-request timeouts, over raw sockets.

use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::{BodyExt, StreamBody};
use paperless_transport::layers::{AttemptTimeout, IdleTimeout};
use paperless_transport::{Body, TimeoutError, TimeoutKind, TransportErrorKind, classify};

use crate::support::{RawServer, Script, builder, get, req, send};

/// A 200 with a PDF head promising 1 MB, 4 bytes of it, then silence.
fn stalled_download() -> Script {
    Script::ReplyThenHang(
        "HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\nContent-Length: 1000000\r\n\r\n%PDF"
            .to_owned(),
    )
}

#[tokio::test]
async fn a_download_that_stalls_ends_with_the_idle_timeout() {
    let server = RawServer::start(vec![stalled_download()]).await;
    let client = builder(&server.url())
        .idle_timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let response = send(&client, get("/api/documents/1/download/"))
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let start = Instant::now();
    let err = response.into_body().collect().await.unwrap_err();
    let elapsed = start.elapsed();
    assert!(elapsed >= Duration::from_millis(290), "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(3), "{elapsed:?}");
    assert_eq!(classify(&*err), TransportErrorKind::Timeout);
    let timeout = err.downcast_ref::<TimeoutError>().expect("a TimeoutError");
    assert_eq!(timeout.kind(), TimeoutKind::ReadIdle);
    assert_eq!(
        err.to_string(),
        "the response body stalled: no data arrived for 300ms; raise it with \
         TransportBuilder::idle_timeout if the server is just slow"
    );
}

#[tokio::test]
async fn the_idle_timeout_is_on_by_default_and_a_request_can_set_its_own() {
    // The default (60 s) is on; a request's `IdleTimeout` replaces it.
    let server = RawServer::start(vec![stalled_download()]).await;
    let client = builder(&server.url()).build().unwrap();
    let mut request = get("/api/documents/1/download/");
    request
        .extensions_mut()
        .insert(IdleTimeout(Some(Duration::from_millis(200))));
    let response = send(&client, request).await.unwrap();
    let start = Instant::now();
    let err = response.into_body().collect().await.unwrap_err();
    assert!(start.elapsed() < Duration::from_secs(3));
    let timeout = err.downcast_ref::<TimeoutError>().expect("a TimeoutError");
    assert_eq!(
        (timeout.kind(), timeout.after()),
        (TimeoutKind::ReadIdle, Duration::from_millis(200))
    );
}

#[tokio::test]
async fn a_slow_reader_is_never_cut_off() {
    // Only the time spent waiting for data counts: a caller that reads late still gets it.
    let server = RawServer::start(vec![Script::Reply(
        "HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\nContent-Length: 4\r\n\r\n%PDF"
            .to_owned(),
    )])
    .await;
    let client = builder(&server.url())
        .idle_timeout(Duration::from_millis(100))
        .build()
        .unwrap();
    let response = send(&client, get("/api/documents/1/download/"))
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(400)).await;
    let body = response.into_body().collect().await.unwrap().to_bytes();
    assert_eq!(&body[..], b"%PDF");
}

#[tokio::test]
async fn an_upload_the_server_stops_reading_ends_with_the_idle_timeout() {
    // The server reads the head and nothing of the (chunked) body; 64 MiB cannot fit in the
    // socket buffers, so the connection stops taking data.
    let server = RawServer::start(vec![Script::Hang]).await;
    let client = builder(&server.url())
        .timeout(None)
        .idle_timeout(Duration::from_millis(400))
        .build()
        .unwrap();
    let chunks = (0..1024).map(|_| {
        Ok::<_, std::io::Error>(http_body::Frame::data(Bytes::from(vec![0u8; 64 * 1024])))
    });
    let body = Body::from_stream(StreamBody::new(futures_util::stream::iter(chunks)));
    let start = Instant::now();
    let err = send(&client, req("POST", "/api/documents/post_document/", body))
        .await
        .unwrap_err();
    let elapsed = start.elapsed();
    assert!(elapsed >= Duration::from_millis(390), "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(5), "{elapsed:?}");
    assert_eq!(classify(&*err), TransportErrorKind::Timeout);
    let timeout = err.downcast_ref::<TimeoutError>().expect("a TimeoutError");
    assert_eq!(timeout.kind(), TimeoutKind::WriteIdle);
    assert_eq!(
        err.to_string(),
        "the server stopped reading the request body: nothing was sent for 400ms; raise it \
         with TransportBuilder::idle_timeout if the server is just slow"
    );
    assert_eq!(server.count(), 1, "an upload is never resent");
}

#[tokio::test]
async fn a_request_sets_its_own_attempt_timeout() {
    let server = RawServer::start(vec![Script::Hang]).await;
    let client = builder(&server.url()).no_retry().build().unwrap();
    let mut request = get("/api/tags/");
    request
        .extensions_mut()
        .insert(AttemptTimeout(Some(Duration::from_millis(250))));
    let start = Instant::now();
    let err = send(&client, request).await.unwrap_err();
    assert!(start.elapsed() < Duration::from_secs(3));
    let timeout = err.downcast_ref::<TimeoutError>().expect("a TimeoutError");
    assert_eq!(
        (timeout.kind(), timeout.after()),
        (TimeoutKind::Attempt, Duration::from_millis(250))
    );
}

#[tokio::test]
async fn a_longer_attempt_timeout_of_a_request_raises_its_total_timeout() {
    // The answer comes after 500 ms; the builder's total timeout is 200 ms, the request's
    // attempt timeout 3 s: the call succeeds.
    let server = crate::support::slow_json_server(Duration::from_millis(500)).await;
    let client = builder(&server)
        .no_retry()
        .total_timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    let mut request = get("/api/tags/");
    request
        .extensions_mut()
        .insert(AttemptTimeout(Some(Duration::from_secs(3))));
    let response = send(&client, request).await.unwrap();
    assert_eq!(response.status(), 200);
    // Without it, the total timeout fires.
    let err = send(&client, get("/api/tags/")).await.unwrap_err();
    let timeout = err.downcast_ref::<TimeoutError>().expect("a TimeoutError");
    assert_eq!(timeout.kind(), TimeoutKind::Total);
}

#[tokio::test]
async fn a_json_body_that_stalls_ends_in_the_idle_timeout_even_without_attempt_timeouts() {
    // 20 MiB declared, 1 KiB sent, then silence; no attempt or total timeout: the idle timeout
    // ends the read inside the attempt.
    let head = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n[{}",
        20 << 20,
        "0,".repeat(512)
    );
    let server = RawServer::start(vec![Script::ReplyThenHang(head)]).await;
    let client = builder(&server.url())
        .no_retry()
        .timeout(None)
        .total_timeout(None)
        .idle_timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let start = Instant::now();
    let err = send(&client, get("/api/documents/")).await.unwrap_err();
    assert!(
        start.elapsed() < Duration::from_secs(3),
        "{:?}",
        start.elapsed()
    );
    let timeout = err.downcast_ref::<TimeoutError>().expect("a TimeoutError");
    assert_eq!(timeout.kind(), TimeoutKind::ReadIdle);
}
