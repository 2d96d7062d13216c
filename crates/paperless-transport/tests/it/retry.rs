//! Retry: what is retried, how often, how long it waits.

use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::BodyExt;
use paperless_transport::layers::{JsonTooLargeError, MaxJsonBody};
use paperless_transport::{Body, RetryConfig, TransportErrorKind, classify};

use crate::support::{
    Capture, RawServer, Script, builder, fast_retry, get, json_reply, req, send, send_text,
    truncated_json,
};

#[tokio::test]
async fn get_after_503_then_200_succeeds_with_two_requests() {
    let mut server = mockito::Server::new_async().await;
    let unavailable = server
        .mock("GET", "/api/retried-tags/")
        .with_status(503)
        .expect(1)
        .create_async()
        .await;
    let ok = server
        .mock("GET", "/api/retried-tags/")
        .with_status(200)
        .with_body("[]")
        .expect(1)
        .create_async()
        .await;
    let capture = Capture::start();
    let client = builder(&server.url()).build().unwrap();
    assert_eq!(
        send_text(&client, get("/api/retried-tags/")).await,
        (200, "[]".to_owned())
    );
    unavailable.assert_async().await;
    ok.assert_async().await;
    // One span per attempt, numbered: the first saw the 503 (a failure), the second the 200.
    let logs = capture.lines_with("url.path=\"/api/retried-tags/\"");
    let first: Vec<_> = logs.lines().filter(|l| l.contains("attempt=1")).collect();
    let second: Vec<_> = logs.lines().filter(|l| l.contains("attempt=2")).collect();
    assert!(
        first.iter().any(|l| l.contains("response status=503")),
        "{logs}"
    );
    assert!(
        first
            .iter()
            .any(|l| l.contains("request failed status=503")),
        "{logs}"
    );
    assert!(
        second.iter().any(|l| l.contains("response status=200")),
        "{logs}"
    );
    assert!(
        !second.iter().any(|l| l.contains("request failed")),
        "{logs}"
    );
    assert!(!logs.contains("attempt=3"), "{logs}");
}

#[tokio::test]
async fn post_after_503_is_not_retried() {
    let mut server = mockito::Server::new_async().await;
    let mock = server
        .mock("POST", "/api/documents/post_document/")
        .with_status(503)
        .expect(1)
        .create_async()
        .await;
    let client = builder(&server.url()).build().unwrap();
    let (status, _) = send_text(
        &client,
        req("POST", "/api/documents/post_document/", Body::from("x")),
    )
    .await;
    assert_eq!(status, 503);
    mock.assert_async().await;
}

#[tokio::test]
async fn patch_after_502_is_not_retried() {
    let mut server = mockito::Server::new_async().await;
    let mock = server
        .mock("PATCH", "/api/tags/1/")
        .with_status(502)
        .expect(1)
        .create_async()
        .await;
    let client = builder(&server.url()).build().unwrap();
    let (status, _) = send_text(&client, req("PATCH", "/api/tags/1/", Body::from("{}"))).await;
    assert_eq!(status, 502);
    mock.assert_async().await;
}

#[tokio::test]
async fn put_and_delete_are_retried_with_their_body() {
    let mut server = mockito::Server::new_async().await;
    let put_fail = server
        .mock("PUT", "/api/tags/1/")
        .match_body(r#"{"name":"a"}"#)
        .with_status(504)
        .expect(1)
        .create_async()
        .await;
    let put_ok = server
        .mock("PUT", "/api/tags/1/")
        .match_body(r#"{"name":"a"}"#)
        .with_status(200)
        .expect(1)
        .create_async()
        .await;
    let del_fail = server
        .mock("DELETE", "/api/tags/1/")
        .with_status(502)
        .expect(1)
        .create_async()
        .await;
    let del_ok = server
        .mock("DELETE", "/api/tags/1/")
        .with_status(204)
        .expect(1)
        .create_async()
        .await;
    let client = builder(&server.url()).build().unwrap();
    let put = send_text(
        &client,
        req("PUT", "/api/tags/1/", Body::from(r#"{"name":"a"}"#)),
    )
    .await;
    assert_eq!(put.0, 200);
    let delete = send_text(&client, req("DELETE", "/api/tags/1/", Body::empty())).await;
    assert_eq!(delete.0, 204);
    for m in [put_fail, put_ok, del_fail, del_ok] {
        m.assert_async().await;
    }
}

#[tokio::test]
async fn streaming_body_is_not_retried() {
    let mut server = mockito::Server::new_async().await;
    let mock = server
        .mock("PUT", "/api/documents/1/")
        .match_body("streamed")
        .with_status(503)
        .expect(1)
        .create_async()
        .await;
    let client = builder(&server.url()).build().unwrap();
    let body = Body::from_stream(http_body_util::Full::new(Bytes::from_static(b"streamed")));
    assert!(!body.is_buffered());
    let (status, _) = send_text(&client, req("PUT", "/api/documents/1/", body)).await;
    assert_eq!(status, 503);
    mock.assert_async().await;
}

#[tokio::test]
async fn retry_after_one_second_is_honoured() {
    let mut server = mockito::Server::new_async().await;
    let limited = server
        .mock("GET", "/api/")
        .with_status(429)
        .with_header("retry-after", "1")
        .expect(1)
        .create_async()
        .await;
    let ok = server
        .mock("GET", "/api/")
        .with_status(200)
        .expect(1)
        .create_async()
        .await;
    let client = builder(&server.url()).build().unwrap();
    let start = Instant::now();
    assert_eq!(send_text(&client, get("/api/")).await.0, 200);
    let elapsed = start.elapsed();
    // The backoff alone would be ≤ 50 ms; the server asked for 1 s; the cap is 30 s.
    assert!(elapsed >= Duration::from_millis(900), "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(5), "{elapsed:?}");
    limited.assert_async().await;
    ok.assert_async().await;
}

#[tokio::test]
async fn retry_after_beyond_the_cap_returns_the_response() {
    let mut server = mockito::Server::new_async().await;
    let limited = server
        .mock("GET", "/api/")
        .with_status(429)
        .with_header("retry-after", "3600")
        .expect(1)
        .create_async()
        .await;
    let client = builder(&server.url())
        .retry(fast_retry().max_retry_after(Duration::from_secs(2)))
        .build()
        .unwrap();
    let start = Instant::now();
    assert_eq!(send_text(&client, get("/api/")).await.0, 429);
    assert!(start.elapsed() < Duration::from_secs(1));
    limited.assert_async().await;
}

#[tokio::test]
async fn attempts_are_bounded() {
    let mut server = mockito::Server::new_async().await;
    let mock = server
        .mock("GET", "/api/")
        .with_status(503)
        .expect(3)
        .create_async()
        .await;
    let client = builder(&server.url())
        .retry(fast_retry().max_retries(2))
        .build()
        .unwrap();
    assert_eq!(send_text(&client, get("/api/")).await.0, 503);
    mock.assert_async().await;
}

#[tokio::test]
async fn no_retry_and_zero_retries_send_once() {
    let mut server = mockito::Server::new_async().await;
    let mock = server
        .mock("GET", "/api/")
        .with_status(503)
        .expect(2)
        .create_async()
        .await;
    let off = builder(&server.url()).no_retry().build().unwrap();
    assert_eq!(send_text(&off, get("/api/")).await.0, 503);
    let zero = builder(&server.url())
        .retry(RetryConfig::new().max_retries(0))
        .build()
        .unwrap();
    assert_eq!(send_text(&zero, get("/api/")).await.0, 503);
    mock.assert_async().await;
}

#[tokio::test]
async fn other_statuses_are_not_retried() {
    let mut server = mockito::Server::new_async().await;
    let mock = server
        .mock("GET", "/api/")
        .with_status(500)
        .expect(1)
        .create_async()
        .await;
    let client = builder(&server.url()).build().unwrap();
    assert_eq!(send_text(&client, get("/api/")).await.0, 500);
    mock.assert_async().await;
}

#[tokio::test]
async fn closed_connection_before_response_is_retried_for_get_not_post() {
    // The keep-alive race as the client sees it: the connection closes before any response.
    let server = RawServer::start(vec![Script::Close, json_reply(r#"{"ok":true}"#)]).await;
    let client = builder(&server.url()).build().unwrap();
    assert_eq!(
        send_text(&client, get("/api/")).await,
        (200, r#"{"ok":true}"#.to_owned())
    );
    assert_eq!(server.count(), 2);

    let server = RawServer::start(vec![Script::Close, json_reply("{}")]).await;
    let client = builder(&server.url()).build().unwrap();
    let err = send(&client, req("POST", "/api/tags/", Body::from("{}")))
        .await
        .unwrap_err();
    assert_eq!(
        classify(&*err),
        TransportErrorKind::ConnectionClosed,
        "{err:?}"
    );
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn connection_dropped_mid_json_body_is_retried_for_get() {
    let full = r#"{"count":1,"results":[{"id":1,"name":"Invoices"}]}"#;
    let server = RawServer::start(vec![
        truncated_json(full.len(), r#"{"count":1,"res"#),
        json_reply(full),
    ])
    .await;
    let client = builder(&server.url()).build().unwrap();
    assert_eq!(
        send_text(&client, get("/api/tags/")).await,
        (200, full.to_owned())
    );
    assert_eq!(server.count(), 2);
    let heads = server.requests.lock().unwrap().clone();
    assert!(
        heads
            .iter()
            .all(|h| h.starts_with("GET /api/tags/ HTTP/1.1\r\n")),
        "{heads:?}"
    );
}

#[tokio::test]
async fn connection_dropped_mid_body_on_post_is_not_retried() {
    let full = r#"{"id":7}"#;
    let server = RawServer::start(vec![truncated_json(100, r#"{"id""#), json_reply(full)]).await;
    let client = builder(&server.url()).build().unwrap();
    // The JSON answer is read inside the attempt, so the break shows as the call's error; a POST
    // is never resent.
    let err = send(&client, req("POST", "/api/tags/", Body::from("{}")))
        .await
        .unwrap_err();
    assert_eq!(
        classify(&*err),
        TransportErrorKind::ConnectionClosed,
        "{err:?}"
    );
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn downloads_stay_streamed_and_are_not_buffered() {
    // A non-JSON body is handed over after the head: the truncation shows while reading it.
    let server = RawServer::start(vec![
        Script::Reply(
            "HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\nContent-Length: 50\r\n\r\n%PDF-1.7"
                .to_owned(),
        ),
        json_reply("{}"),
    ])
    .await;
    let client = builder(&server.url()).build().unwrap();
    let res = send(&client, get("/api/documents/1/download/"))
        .await
        .unwrap();
    assert_eq!(res.headers()["content-type"], "application/pdf");
    let err = res.into_body().collect().await.unwrap_err();
    assert_eq!(classify(&*err), TransportErrorKind::ConnectionClosed);
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn json_longer_than_the_requests_limit_fails_fast_and_is_not_retried() {
    let full = format!(r#"{{"content":"{}"}}"#, "x".repeat(10_000));
    let chunked: String = full
        .as_bytes()
        .chunks(1000)
        .map(|c| format!("{:x}\r\n{}\r\n", c.len(), String::from_utf8_lossy(c)))
        .collect();
    let server = RawServer::start(vec![Script::Reply(format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n{chunked}0\r\n\r\n"
    ))])
    .await;
    let client = builder(&server.url()).retry(fast_retry()).build().unwrap();

    // Under the limit: one chunk, whole.
    let (status, text) = send_text(&client, get("/api/documents/1/")).await;
    assert_eq!((status, text.len()), (200, full.len()));

    // Over it: the attempt fails once the limit is passed, and is not retried.
    let mut request = get("/api/documents/1/");
    request.extensions_mut().insert(MaxJsonBody::new(2_500));
    let err = send(&client, request).await.unwrap_err();
    let too_large = err.downcast_ref::<JsonTooLargeError>().unwrap();
    assert_eq!(
        (too_large.limit(), too_large.declared_length()),
        (2_500, None)
    );
    assert_eq!(
        err.to_string(),
        "the JSON response body is longer than 2500 bytes (more arrived), the most this client \
         reads as JSON; raise the limit (max_json_body), or ask for smaller pages or fewer fields"
    );
    assert_eq!(server.count(), 2);
}
