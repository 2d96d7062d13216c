//! Issue #11 through the client, over real sockets on 127.0.0.1: a stalled download ends in the
//! idle timeout, a redirected write is an error saying where, a `DELETE` retried into a `404`
//! says an earlier attempt may have deleted, broken JSON is not called a version mismatch, and a
//! redirect with `follow_redirects` off says where it points.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bytes::Bytes;
use futures_util::{StreamExt, stream};
use paperless_client::types::tag::NewTag;
use paperless_client::{ApiVersion, Error, Paperless};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::documents_support::{serve_body, stream_body};
use crate::support::{json_response, serve};

/// What would count as a hang: the tests end long before, by the library's own timeouts.
const HANG: Duration = Duration::from_secs(30);

fn client(url: &str) -> Paperless {
    Paperless::builder(url)
        .token("0123456789abcdef")
        .api_version(ApiVersion::V10)
        .build()
        .unwrap()
}

/// A raw HTTP/1.1 server: per connection, reads one request (head and `Content-Length` body),
/// then writes the next scripted answer, or closes without one for `None` (the last entry
/// repeats). Returns its URL and the request heads it saw.
async fn raw_server(script: Vec<Option<String>>) -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    tokio::spawn(async move {
        for n in 0.. {
            let Ok((mut stream, _)) = listener.accept().await else {
                return;
            };
            let mut buf = Vec::new();
            let mut chunk = [0u8; 4096];
            let head_end = loop {
                if let Some(pos) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                    break pos + 4;
                }
                match stream.read(&mut chunk).await {
                    Ok(0) | Err(_) => break 0,
                    Ok(k) => buf.extend_from_slice(&chunk[..k]),
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
                    Ok(k) => buf.extend_from_slice(&chunk[..k]),
                }
            }
            log.lock().unwrap().push(head);
            let answer = script.get(n).or(script.last()).cloned().flatten();
            if let Some(answer) = answer {
                let _ = stream.write_all(answer.as_bytes()).await;
                let _ = stream.shutdown().await;
            }
        }
    });
    (url, seen)
}

fn json_answer(status: &str, body: &str) -> Option<String> {
    Some(format!(
        "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    ))
}

#[tokio::test]
async fn a_download_whose_body_stalls_ends_in_the_idle_timeout() {
    let url = serve_body(|_req| async {
        http::Response::builder()
            .status(200)
            .header("content-type", "application/pdf")
            .header("content-length", "1000000")
            .body(stream_body(
                stream::iter([Ok(Bytes::from_static(b"%PDF-1.7"))])
                    .chain(stream::pending::<std::io::Result<Bytes>>()),
            ))
            .unwrap()
    })
    .await;
    let client = Paperless::builder(&url)
        .token("0123456789abcdef")
        .api_version(ApiVersion::V10)
        .transport(|t| t.idle_timeout(Duration::from_millis(500)))
        .build()
        .unwrap();
    let start = Instant::now();
    let download = client.documents().download(1).await.unwrap();
    let err = tokio::time::timeout(HANG, download.bytes())
        .await
        .expect("the idle timeout ends the read")
        .unwrap_err();
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
    assert!(err.is_timeout(), "{err:?}");
    assert_eq!(
        err.to_string(),
        "GET /api/documents/1/download/ timed out before a complete response arrived"
    );
    // The cause names the setting.
    assert_eq!(
        std::error::Error::source(&err).unwrap().to_string(),
        "the response body stalled: no data arrived for 500ms; raise it with \
         TransportBuilder::idle_timeout if the server is just slow"
    );
}

#[tokio::test]
async fn a_create_redirected_by_302_to_another_origin_is_an_error_and_nothing_is_sent_there() {
    let (other, other_seen) = raw_server(vec![json_answer("200 OK", "[]")]).await;
    let location = format!("{}/api/tags/", other.replace("http://", "http://user:pw@"));
    let (url, _) = raw_server(vec![Some(format!(
        "HTTP/1.1 302 Found\r\nLocation: {location}?token=x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    ))])
    .await;
    let client = Paperless::builder(&url)
        .token("0123456789abcdef")
        .api_version(ApiVersion::V10)
        .transport(|t| t.follow_redirects(5))
        .build()
        .unwrap();
    let err = client
        .tags()
        .create(&NewTag::new("Invoices"))
        .await
        .unwrap_err();
    let Error::Api(api) = &err else {
        panic!("an API error: {err:?}")
    };
    assert_eq!(api.status(), 302);
    let shown = format!("{other}/api/tags/");
    assert_eq!(api.location(), Some(shown.as_str()));
    assert_eq!(
        err.to_string(),
        format!(
            "POST /api/tags/ returned 302 Found. The server redirected this write to {shown}; it \
             was not sent again there: a write follows only a 307 or 308, which keep its method \
             and body (with TransportBuilder::follow_redirects on). Point the base URL at the \
             address the server redirects to."
        )
    );
    assert!(
        other_seen.lock().unwrap().is_empty(),
        "nothing reached the other origin"
    );
}

#[tokio::test]
async fn a_redirect_with_follow_redirects_off_says_where_and_how() {
    let (url, _) = raw_server(vec![Some(
        "HTTP/1.1 302 Found\r\nLocation: https://paperless.example.com/api/tags/1/\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            .to_owned(),
    )])
    .await;
    let err = client(&url).tags().get(1).await.unwrap_err();
    assert_eq!(
        err.to_string(),
        "GET /api/tags/1/ returned 302 Found. The server redirects to \
         https://paperless.example.com/api/tags/1/: point the base URL there (a reverse proxy \
         redirecting http to https is the usual cause), or let the transport follow redirects \
         (TransportBuilder::follow_redirects)."
    );
}

#[tokio::test]
async fn a_delete_retried_into_a_404_says_an_earlier_attempt_may_have_deleted() {
    // The first connection reads the DELETE (the server deletes) and drops without an answer;
    // the retry finds nothing.
    let (url, seen) = raw_server(vec![
        None,
        json_answer(
            "404 Not Found",
            r#"{"detail":"No Tag matches the given query."}"#,
        ),
    ])
    .await;
    let client = Paperless::builder(&url)
        .token("0123456789abcdef")
        .api_version(ApiVersion::V10)
        .transport(|t| {
            t.retry(
                paperless_client::transport::RetryConfig::new()
                    .initial_backoff(Duration::from_millis(10)),
            )
        })
        .build()
        .unwrap();
    let err = client.tags().delete(7).await.unwrap_err();
    assert_eq!(seen.lock().unwrap().len(), 2);
    let Error::Api(api) = &err else {
        panic!("an API error: {err:?}")
    };
    assert!(api.may_have_succeeded_earlier());
    assert_eq!(api.attempt(), 2);
    assert_eq!(
        err.to_string(),
        "DELETE /api/tags/7/ returned 404 Not Found: No Tag matches the given query. This is \
         the answer to attempt 2: an earlier attempt failed after it may have reached the \
         server, so it may have done what was asked (a DELETE that deleted the object) before \
         this one found nothing."
    );
    // A 404 to a first attempt is a plain "not found".
    let (url, _) = raw_server(vec![json_answer(
        "404 Not Found",
        r#"{"detail":"No Tag matches the given query."}"#,
    )])
    .await;
    let err = client_with_retries(&url)
        .tags()
        .delete(7)
        .await
        .unwrap_err();
    let Error::Api(api) = &err else {
        panic!("an API error: {err:?}")
    };
    assert!(!api.may_have_succeeded_earlier());
    assert_eq!(api.attempt(), 1);
}

fn client_with_retries(url: &str) -> Paperless {
    client(url)
}

#[tokio::test]
async fn broken_and_cut_off_json_is_not_called_a_version_mismatch() {
    for (body, what) in [
        (
            r#"{"id": 1, "name": "Inv"#,
            "cut off before the JSON document ends",
        ),
        (r#"{"id": 1,, "name": "x"}"#, "not valid JSON"),
    ] {
        let body = body.to_owned();
        let url = serve(move |_req| {
            let body = body.clone();
            async move { json_response(200, body) }
        })
        .await;
        let err = client(&url).tags().get(1).await.unwrap_err();
        let Error::Decode(decode) = &err else {
            panic!("a decode error: {err:?}")
        };
        assert!(decode.is_malformed(), "{err:?}");
        let message = err.to_string();
        assert!(
            message.starts_with(&format!(
                "tags.get: the 200 OK response to GET /api/tags/1/ is {what} (at JSON path `"
            )),
            "{message}"
        );
        assert!(
            message.ends_with("this is not a version mismatch"),
            "{message}"
        );
        assert!(!message.contains("newer or older"), "{message}");
    }
    // A shape mismatch keeps the hint.
    let url = serve(|_req| async { json_response(200, r#"{"id": "one"}"#.to_owned()) }).await;
    let err = client(&url).tags().get(1).await.unwrap_err();
    let Error::Decode(decode) = &err else {
        panic!("a decode error: {err:?}")
    };
    assert!(!decode.is_malformed());
    assert!(
        err.to_string().contains("The server may be newer or older"),
        "{err}"
    );
}

#[tokio::test]
async fn save_to_a_directory_uses_the_sanitised_name_and_stays_inside() {
    let url = serve(|_req| async {
        http::Response::builder()
            .status(200)
            .header("content-type", "application/pdf")
            .header(
                "content-disposition",
                "attachment; filename=\"evil.pdf\"; filename*=utf-8''..%2F..%2Fevil%00.pdf",
            )
            .body(http_body_util::Full::new(Bytes::from_static(b"%PDF-1.7")))
            .unwrap()
    })
    .await;
    let dir = std::env::temp_dir().join(format!("paperless-rs-save-{}", std::process::id()));
    let inner = dir.join("inner");
    std::fs::create_dir_all(&inner).unwrap();
    let download = client(&url).documents().download(1).await.unwrap();
    assert_eq!(
        download.filename(),
        Some("../../evil\0.pdf"),
        "the raw name is kept"
    );
    assert_eq!(download.safe_filename(), "evil.pdf");
    let written = download.save_to(&inner).await.unwrap();
    assert_eq!(written, 8);
    assert_eq!(std::fs::read(inner.join("evil.pdf")).unwrap(), b"%PDF-1.7");
    assert!(!dir.join("evil.pdf").exists() && !std::env::temp_dir().join("evil.pdf").exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The `TimeoutError` at the root of `err`'s chain.
fn timeout_of(err: &Error) -> &paperless_client::transport::TimeoutError {
    let mut source = std::error::Error::source(err);
    while let Some(e) = source {
        if let Some(t) = e.downcast_ref() {
            return t;
        }
        source = e.source();
    }
    panic!("no TimeoutError in {err:?}")
}

/// A server that reads each request and never answers.
async fn silent() -> String {
    serve(|_req| async {
        std::future::pending::<()>().await;
        json_response(200, String::new())
    })
    .await
}

#[tokio::test]
async fn per_call_timeouts_of_uploads_downloads_and_lists() {
    use paperless_client::api::documents::UploadFile;
    use paperless_client::transport::TimeoutKind;
    let url = silent().await;
    // The transport's attempt timeout stays 60 s: each call's own ends it.
    let client = client(&url);
    let short = Duration::from_millis(300);

    let start = Instant::now();
    let err = client
        .documents()
        .post_document(
            UploadFile::from_bytes(b"%PDF".to_vec(), "a.pdf"),
            &Default::default(),
        )
        .timeout(short)
        .await
        .unwrap_err();
    assert!(start.elapsed() < Duration::from_secs(5));
    assert_eq!(
        (timeout_of(&err).kind(), timeout_of(&err).after()),
        (TimeoutKind::Attempt, short)
    );

    let err = client
        .documents()
        .download(1)
        .timeout(short)
        .await
        .unwrap_err();
    assert_eq!(
        (timeout_of(&err).kind(), timeout_of(&err).after()),
        (TimeoutKind::Attempt, short)
    );

    let err = client
        .tags()
        .list()
        .timeout(short)
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        (timeout_of(&err).kind(), timeout_of(&err).after()),
        (TimeoutKind::Attempt, short)
    );
    let err = client
        .tags()
        .list()
        .timeout(short)
        .stream()
        .next()
        .await
        .unwrap()
        .unwrap_err();
    assert_eq!(timeout_of(&err).kind(), TimeoutKind::Attempt);

    // A download's own idle timeout.
    let url = serve_body(|_req| async {
        http::Response::builder()
            .status(200)
            .header("content-type", "application/pdf")
            .body(stream_body(
                stream::iter([Ok(Bytes::from_static(b"%PDF"))])
                    .chain(stream::pending::<std::io::Result<Bytes>>()),
            ))
            .unwrap()
    })
    .await;
    let download = client_for(&url)
        .documents()
        .download(1)
        .idle_timeout(short)
        .await
        .unwrap();
    let err = download.bytes().await.unwrap_err();
    assert_eq!(
        (timeout_of(&err).kind(), timeout_of(&err).after()),
        (TimeoutKind::ReadIdle, short)
    );
}

fn client_for(url: &str) -> Paperless {
    client(url)
}
