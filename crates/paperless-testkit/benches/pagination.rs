//! Pagination benchmark: iterating every document with the paperless client, against fetching
//! the same pages without parsing them.
//!
//! `cargo xtask bench` (or `cargo bench -p paperless-testkit --bench pagination`) runs it in
//! release mode and prints a table. The test server runs in its own process
//! (`paperless-testkit serve --empty --documents N --delay-ms D`) and each measurement in a fresh
//! child process of this benchmark, so that the peak memory (`VmHWM`) is the client's alone.
//!
//! Under `cargo test` (no `--bench` argument) it runs a quick in-process check instead.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use futures_util::{StreamExt, TryStreamExt};
use http_body_util::BodyExt;
use paperless_client::transport::{Auth, BaseUrl, Body, HttpClient, TransportBuilder};
use paperless_client::{Paperless, Resource};
use paperless_testkit::TestServer;
use paperless_testkit::types::DocumentId;
use paperless_testkit::types::document::Document;
use tower::ServiceExt;

const PAGE_SIZE: u64 = 100;
/// Timed runs per measurement (after one warm-up run); the table shows the median.
const RUNS: usize = 5;

/// `/api/documents/` with the full `paperless-types` model.
enum Documents {}

impl Resource for Documents {
    type Id = DocumentId;
    type Item = Document;
    const NAME: &'static str = "documents";
    const PATH: &'static str = "/api/documents/";
    fn id_of(doc: &Document) -> DocumentId {
        doc.id
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--child") {
        child(&args[1..]);
    } else if args.iter().any(|a| a == "--bench") {
        parent();
    } else {
        smoke();
    }
}

fn transport(url: &str, token: &str) -> (HttpClient, BaseUrl) {
    let base = BaseUrl::parse(url).unwrap();
    let http = TransportBuilder::new(base.clone())
        .auth(Auth::token(token))
        .build()
        .unwrap();
    (http, base)
}

/// Iterates every document with the client: parsed into `Document`s, counted, dropped.
async fn with_client(http: HttpClient, base: BaseUrl, concurrency: usize) -> (u64, u64) {
    let client = Paperless::from_service(http, base);
    let items = client
        .endpoint::<Documents>()
        .list()
        .page_size(PAGE_SIZE)
        .concurrency(concurrency)
        .stream();
    let count = items
        .try_fold(0u64, |n, doc| async move {
            std::hint::black_box(&doc);
            Ok(n + 1)
        })
        .await
        .unwrap();
    (count, 0)
}

/// Fetches the same pages (page 1 first, then the rest with the same concurrency, in order)
/// through the same transport, reading the bytes without parsing them.
async fn raw(http: HttpClient, count: u64, concurrency: usize) -> (u64, u64) {
    let get = |page: u64| {
        let http = http.clone();
        async move {
            let request =
                http::Request::get(format!("/api/documents/?page_size={PAGE_SIZE}&page={page}"))
                    .body(Body::empty())
                    .unwrap();
            let response = http.oneshot(request).await.unwrap();
            assert_eq!(response.status(), 200);
            let bytes = response.into_body().collect().await.unwrap().to_bytes();
            bytes.len() as u64
        }
    };
    let pages = count.div_ceil(PAGE_SIZE).max(1);
    let mut total = get(1).await;
    let rest: Vec<u64> = futures_util::stream::iter(2..=pages)
        .map(get)
        .buffered(concurrency)
        .collect()
        .await;
    total += rest.iter().sum::<u64>();
    (count, total)
}

fn proc_status_kib(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

/// One measurement in this (fresh) process: `--child <client|raw> <url> <token> <count> <concurrency>`.
fn child(args: &[String]) {
    let [mode, url, token, count, concurrency] = args else {
        panic!("usage: --child <client|raw> <url> <token> <count> <concurrency>");
    };
    let count: u64 = count.parse().unwrap();
    let concurrency: usize = concurrency.parse().unwrap();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let baseline = proc_status_kib("VmRSS:");
    let mut times = Vec::new();
    let mut bytes = 0;
    for run in 0..=RUNS {
        let (http, base) = transport(url, token);
        let started = Instant::now();
        let (items, read) = runtime.block_on(async {
            match mode.as_str() {
                "client" => with_client(http, base, concurrency).await,
                _ => raw(http, count, concurrency).await,
            }
        });
        let elapsed = started.elapsed();
        assert_eq!(items, count, "every document was seen");
        bytes = read;
        if run > 0 {
            times.push(elapsed);
        }
    }
    times.sort();
    println!(
        "RESULT median_us={} best_us={} bytes={} peak_kib={} baseline_kib={}",
        times[times.len() / 2].as_micros(),
        times[0].as_micros(),
        bytes,
        proc_status_kib("VmHWM:"),
        baseline
    );
}

struct Server {
    process: Child,
    url: String,
    token: String,
    // Kept open so the server's later output never hits a closed pipe.
    _stdout: BufReader<std::process::ChildStdout>,
}

fn start_server(documents: u64, delay_ms: u64) -> Server {
    let mut process = Command::new(env!("CARGO_BIN_EXE_paperless-testkit"))
        .args(["serve", "--port", "0", "--empty", "--documents"])
        .arg(documents.to_string())
        .arg("--delay-ms")
        .arg(delay_ms.to_string())
        .stdout(Stdio::piped())
        .spawn()
        .expect("the paperless-testkit binary runs");
    let mut stdout = BufReader::new(process.stdout.take().unwrap());
    let (mut url, mut token) = (String::new(), String::new());
    let mut line = String::new();
    while url.is_empty() || token.is_empty() {
        line.clear();
        assert!(stdout.read_line(&mut line).unwrap() > 0, "server exited");
        if let Some(u) = line.trim().strip_prefix("url=") {
            url = u.to_owned();
        } else if let Some(t) = line.trim().strip_prefix("token=") {
            token = t.to_owned();
        }
    }
    Server {
        process,
        url,
        token,
        _stdout: stdout,
    }
}

struct Measurement {
    median: Duration,
    best: Duration,
    bytes: u64,
    peak_kib: u64,
}

fn measure(server: &Server, mode: &str, count: u64, concurrency: usize) -> Measurement {
    let out = Command::new(std::env::current_exe().unwrap())
        .args(["--child", mode, &server.url, &server.token])
        .arg(count.to_string())
        .arg(concurrency.to_string())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "child failed: {text}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let line = text.lines().find(|l| l.starts_with("RESULT")).unwrap();
    let field = |name: &str| -> u64 {
        line.split_whitespace()
            .find_map(|kv| kv.strip_prefix(&format!("{name}=")))
            .unwrap()
            .parse()
            .unwrap()
    };
    Measurement {
        median: Duration::from_micros(field("median_us")),
        best: Duration::from_micros(field("best_us")),
        bytes: field("bytes"),
        peak_kib: field("peak_kib"),
    }
}

fn parent() {
    println!(
        "Pagination benchmark: every document in pages of {PAGE_SIZE}, median of {RUNS} runs after a warm-up.\n\
         client = paperless client stream() into paperless_types::document::Document; raw = the same GETs, bytes read, not parsed.\n\
         Server: paperless-testkit in its own process; each measurement in a fresh process (peak = its VmHWM).\n"
    );
    println!(
        "| documents | delay | concurrency | raw | client | client/raw | client items/s | client peak RSS | raw peak RSS | JSON read |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (count, delay_ms, concurrency) in [
        (5_000, 0, 4),
        (20_000, 0, 4),
        (5_000, 20, 4),
        (20_000, 20, 4),
        (5_000, 20, 8),
        (20_000, 20, 8),
    ] {
        let mut server = start_server(count, delay_ms);
        let raw = measure(&server, "raw", count, concurrency);
        let client = measure(&server, "client", count, concurrency);
        let _ = server.process.kill();
        let _ = server.process.wait();
        println!(
            "| {count} | {delay_ms} ms | {concurrency} | {:.0} ms | {:.0} ms (best {:.0}) | {:.2}x | {:.0} | {:.1} MiB | {:.1} MiB | {:.1} MiB |",
            raw.median.as_secs_f64() * 1e3,
            client.median.as_secs_f64() * 1e3,
            client.best.as_secs_f64() * 1e3,
            client.median.as_secs_f64() / raw.median.as_secs_f64(),
            count as f64 / client.median.as_secs_f64(),
            client.peak_kib as f64 / 1024.0,
            raw.peak_kib as f64 / 1024.0,
            raw.bytes as f64 / (1024.0 * 1024.0),
        );
    }
}

/// Under `cargo test`: a quick in-process check that both paths see every document.
fn smoke() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let server = TestServer::builder()
            .seed_documents(321)
            .start()
            .await
            .unwrap();
        let (http, base) = transport(server.url(), server.token());
        let (items, _) = with_client(http.clone(), base, 4).await;
        assert_eq!(items, 321);
        let (_, bytes) = raw(http, 321, 4).await;
        assert!(bytes > 321 * 500, "{bytes} bytes for 321 documents");
        server.shutdown().await;
    });
    println!(
        "pagination bench smoke check: 321 documents via client and raw GETs (run with --bench to measure)"
    );
}
