//! Pagination benchmark: iterating every document with the paperless client, against a
//! PyPaperless-like client, the best fixed page size and concurrency of a small sweep, and
//! fetching the same pages without parsing them; on a server as slow as a real Paperless-ngx
//! (the testkit's calibrated cost model) and on the fast in-memory server.
//!
//! `cargo xtask bench` (or `cargo bench -p paperless-testkit --bench pagination`) runs it in
//! release mode and prints tables; `cargo xtask bench --quick` runs a short subset. The test
//! server runs in its own process (`paperless-testkit serve --empty --documents N ...`) and each
//! measurement in a fresh child process of this benchmark, so that the peak memory (`VmHWM`) is
//! the client's alone.
//!
//! Under `cargo test` (no `--bench` argument) it runs a quick in-process check instead.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bytes::Bytes;
use futures_util::{StreamExt, TryStreamExt};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use paperless_client::transport::{Auth, BaseUrl, Body, HttpClient, TransportBuilder, boxed};
use paperless_client::{ApiVersion, PaperlessBuilder, Resource};
use paperless_testkit::types::document::Document;
use paperless_testkit::types::{DocumentId, Page};
use paperless_testkit::{ServerCost, TestServer};
use tower::ServiceExt;

/// The fixed page size of the fast-server rows (as before the cost model).
const PAGE_SIZE: u64 = 100;
/// Timed runs per measurement on the fast server (after one warm-up run); the table shows the
/// median. On the cost model one run is taken: it is deterministic up to a few milliseconds.
const RUNS: usize = 5;
/// PyPaperless asks for pages of 150, one after the other.
const PYPAPERLESS_PAGE_SIZE: u64 = 150;
/// The `serve --cost` profile of the calibrated rows.
const CALIBRATED: &str = "paperless-ngx-3.0.5";

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
        parent(args.iter().any(|a| a == "--quick"));
    } else {
        smoke();
    }
}

// ---------------------------------------------------------------------------------------------
// The clients measured.
// ---------------------------------------------------------------------------------------------

/// How a measurement iterates every document.
#[derive(Debug, Clone, PartialEq)]
enum Mode {
    /// The paperless client with its defaults (no page size, the default concurrency).
    Defaults,
    /// The paperless client with `page_size(size).concurrency(concurrency)`.
    Fixed { size: u64, concurrency: usize },
    /// Sequential pages of 150 with plain hyper, parsed into `Page<Document>`, no prefetch.
    PyPaperless,
    /// These GETs through the same transport as the client, `concurrency` at a time, in order,
    /// bodies read but not parsed.
    Raw {
        concurrency: usize,
        targets: Vec<String>,
    },
}

impl Mode {
    fn to_args(&self) -> Vec<String> {
        match self {
            Self::Defaults => vec!["defaults".into()],
            Self::Fixed { size, concurrency } => {
                vec!["fixed".into(), size.to_string(), concurrency.to_string()]
            }
            Self::PyPaperless => vec!["pypaperless".into()],
            Self::Raw {
                concurrency,
                targets,
            } => {
                let mut args = vec!["raw".into(), concurrency.to_string()];
                args.extend(targets.iter().cloned());
                args
            }
        }
    }

    fn from_args(args: &[String]) -> Self {
        match args.first().map(String::as_str) {
            Some("defaults") => Self::Defaults,
            Some("fixed") => Self::Fixed {
                size: args[1].parse().unwrap(),
                concurrency: args[2].parse().unwrap(),
            },
            Some("pypaperless") => Self::PyPaperless,
            Some("raw") => Self::Raw {
                concurrency: args[1].parse().unwrap(),
                targets: args[2..].to_vec(),
            },
            other => panic!("unknown mode {other:?}"),
        }
    }
}

/// What one run saw.
struct Run {
    items: u64,
    first: Duration,
    bytes: u64,
    /// The path and query of every request, in the order they were issued.
    targets: Vec<String>,
}

fn transport(url: &str, token: &str) -> (HttpClient, BaseUrl) {
    let base = BaseUrl::parse(url).unwrap();
    let http = TransportBuilder::new(base.clone())
        .auth(Auth::token(token))
        .build()
        .unwrap();
    (http, base)
}

/// The transport, recording the path and query of every request it sends.
fn recording(http: HttpClient) -> (HttpClient, Arc<Mutex<Vec<String>>>) {
    let log = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&log);
    let service = http.map_request(move |request: http::Request<Body>| {
        let target = request
            .uri()
            .path_and_query()
            .map_or_else(String::new, ToString::to_string);
        sink.lock().unwrap().push(target);
        request
    });
    (boxed(service), log)
}

/// Iterates every document with the client: parsed into `Document`s, counted, dropped.
async fn with_client(http: HttpClient, base: BaseUrl, fixed: Option<(u64, usize)>) -> Run {
    let (http, log) = recording(http);
    let started = Instant::now();
    // Pinned, so that the log (and the timing) holds the list's requests only, no version probe.
    let client = PaperlessBuilder::from_service(http, base)
        .api_version(ApiVersion::V10)
        .build()
        .unwrap();
    let mut list = client.endpoint::<Documents>().list();
    if let Some((size, concurrency)) = fixed {
        list = list.page_size(size).concurrency(concurrency);
    }
    let mut items = list.stream();
    let mut count = 0u64;
    let mut first = Duration::ZERO;
    while let Some(doc) = items.try_next().await.unwrap() {
        if count == 0 {
            first = started.elapsed();
        }
        std::hint::black_box(&doc);
        count += 1;
    }
    let targets = log.lock().unwrap().clone();
    Run {
        items: count,
        first,
        bytes: 0,
        targets,
    }
}

/// A PyPaperless-like client: plain hyper, one page of 150 after the other (following `next`
/// until it is `null`), each parsed into the page envelope of `Document`s.
async fn pypaperless(url: &str, token: &str) -> Run {
    let client: Client<_, Full<Bytes>> = Client::builder(TokioExecutor::new()).build_http();
    let started = Instant::now();
    let (mut count, mut bytes, mut page) = (0u64, 0u64, 1u64);
    let mut first = Duration::ZERO;
    let mut targets = Vec::new();
    loop {
        let target = format!("/api/documents/?page={page}&page_size={PYPAPERLESS_PAGE_SIZE}");
        let request = http::Request::get(format!("{url}{target}"))
            .header("authorization", format!("Token {token}"))
            .header("accept", "application/json; version=10")
            .body(Full::new(Bytes::new()))
            .unwrap();
        targets.push(target);
        let response = client.request(request).await.unwrap();
        assert_eq!(response.status(), 200);
        let body = response.into_body().collect().await.unwrap().to_bytes();
        bytes += body.len() as u64;
        let parsed: Page<Document> = serde_json::from_slice(&body).unwrap();
        if count == 0 {
            first = started.elapsed();
        }
        count += parsed.results.len() as u64;
        std::hint::black_box(&parsed);
        if parsed.next.is_none() {
            break;
        }
        page += 1;
    }
    Run {
        items: count,
        first,
        bytes,
        targets,
    }
}

/// Fetches `targets` through the transport, `concurrency` at a time, in order, reading the bytes
/// without parsing them.
async fn raw(http: HttpClient, targets: &[String], concurrency: usize) -> Run {
    let started = Instant::now();
    let get = |target: String| {
        let http = http.clone();
        async move {
            let request = http::Request::get(target).body(Body::empty()).unwrap();
            let response = http.oneshot(request).await.unwrap();
            assert_eq!(response.status(), 200);
            let bytes = response.into_body().collect().await.unwrap().to_bytes();
            bytes.len() as u64
        }
    };
    let mut pages = futures_util::stream::iter(targets.iter().cloned())
        .map(get)
        .buffered(concurrency.max(1));
    let (mut bytes, mut first) = (0, Duration::ZERO);
    while let Some(read) = pages.next().await {
        if bytes == 0 {
            first = started.elapsed();
        }
        bytes += read;
    }
    Run {
        items: 0,
        first,
        bytes,
        targets: targets.to_vec(),
    }
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

/// One measurement in this (fresh) process:
/// `--child <url> <token> <count> <warmups> <runs> <mode...>`.
fn child(args: &[String]) {
    let [url, token, count, warmups, runs, mode @ ..] = args else {
        panic!("usage: --child <url> <token> <count> <warmups> <runs> <mode...>");
    };
    let count: u64 = count.parse().unwrap();
    let warmups: usize = warmups.parse().unwrap();
    let runs: usize = runs.parse().unwrap();
    let mode = Mode::from_args(mode);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let baseline = proc_status_kib("VmRSS:");
    let mut times = Vec::new();
    let mut firsts = Vec::new();
    let mut last = None;
    for run in 0..warmups + runs {
        let (http, base) = transport(url, token);
        let started = Instant::now();
        let seen = runtime.block_on(async {
            match &mode {
                Mode::Defaults => with_client(http, base, None).await,
                Mode::Fixed { size, concurrency } => {
                    with_client(http, base, Some((*size, *concurrency))).await
                }
                Mode::PyPaperless => pypaperless(url, token).await,
                Mode::Raw {
                    concurrency,
                    targets,
                } => raw(http, targets, *concurrency).await,
            }
        });
        let elapsed = started.elapsed();
        if !matches!(mode, Mode::Raw { .. }) {
            assert_eq!(seen.items, count, "every document was seen");
        }
        if run >= warmups {
            times.push(elapsed);
            firsts.push(seen.first);
        }
        last = Some(seen);
    }
    let last = last.unwrap();
    times.sort();
    firsts.sort();
    println!(
        "RESULT median_us={} best_us={} first_us={} requests={} bytes={} peak_kib={} baseline_kib={}",
        times[times.len() / 2].as_micros(),
        times[0].as_micros(),
        firsts[firsts.len() / 2].as_micros(),
        last.targets.len(),
        last.bytes,
        proc_status_kib("VmHWM:"),
        baseline
    );
    for target in &last.targets {
        println!("TARGET {target}");
    }
}

// ---------------------------------------------------------------------------------------------
// The parent: servers, measurements, tables.
// ---------------------------------------------------------------------------------------------

struct Server {
    process: Child,
    url: String,
    token: String,
    // Kept open so the server's later output never hits a closed pipe.
    _stdout: BufReader<std::process::ChildStdout>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

fn start_server(documents: u64, delay_ms: u64, cost: Option<&str>) -> Server {
    let mut command = Command::new(env!("CARGO_BIN_EXE_paperless-testkit"));
    command
        .args(["serve", "--port", "0", "--empty", "--documents"])
        .arg(documents.to_string())
        .arg("--delay-ms")
        .arg(delay_ms.to_string());
    if let Some(cost) = cost {
        command.args(["--cost", cost]);
    }
    let mut process = command
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
    first: Duration,
    requests: u64,
    bytes: u64,
    peak_kib: u64,
    targets: Vec<String>,
}

fn measure(server: &Server, count: u64, warmups: usize, runs: usize, mode: &Mode) -> Measurement {
    let out = Command::new(std::env::current_exe().unwrap())
        .args(["--child", &server.url, &server.token])
        .arg(count.to_string())
        .arg(warmups.to_string())
        .arg(runs.to_string())
        .args(mode.to_args())
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
        first: Duration::from_micros(field("first_us")),
        requests: field("requests"),
        bytes: field("bytes"),
        peak_kib: field("peak_kib"),
        targets: text
            .lines()
            .filter_map(|l| l.strip_prefix("TARGET "))
            .map(str::to_owned)
            .collect(),
    }
}

fn secs(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1e3)
}

fn mib(kib: u64) -> String {
    format!("{:.1} MiB", kib as f64 / 1024.0)
}

fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64()
}

fn flush() {
    let _ = std::io::stdout().flush();
}

/// The sweep of fixed settings per count on the cost model: (page sizes, concurrencies).
fn sweep(count: u64, quick: bool) -> (Vec<u64>, Vec<usize>) {
    match (count, quick) {
        (_, true) => (vec![500, 1000], vec![2, 4]),
        (c, false) if c <= 10_000 => (vec![150, 500, 1000, 2000], vec![2, 4, 8]),
        _ => (vec![1000, 2000], vec![2, 4]),
    }
}

/// On the calibrated cost model: the defaults, a sweep of fixed settings, a PyPaperless-like
/// client and the raw floor.
fn calibrated(count: u64, quick: bool) {
    let server = start_server(count, 0, Some(CALIBRATED));
    println!(
        "\n### {count} documents, cost model `{CALIBRATED}` ({})\n",
        ServerCost::paperless_ngx_3_0_5()
    );
    println!("| client, settings | requests | time | first item | peak RSS |");
    println!("|---|---:|---:|---:|---:|");
    let row = |name: &str, m: &Measurement| {
        println!(
            "| {name} | {} | {} | {} | {} |",
            m.requests,
            secs(m.median),
            ms(m.first),
            mib(m.peak_kib)
        );
        flush();
    };
    let defaults = measure(&server, count, 0, 1, &Mode::Defaults);
    row(
        "**paperless-rs defaults** (the server's page of 25, then pages doubling to 800; at most 8 pages and 3 200 objects in flight)",
        &defaults,
    );
    let (sizes, concurrencies) = sweep(count, quick);
    let mut best: Option<(u64, usize, Measurement)> = None;
    for &size in &sizes {
        for &concurrency in &concurrencies {
            let m = measure(&server, count, 0, 1, &Mode::Fixed { size, concurrency });
            row(
                &format!("paperless-rs `page_size({size})`, {concurrency} in flight"),
                &m,
            );
            if best.as_ref().is_none_or(|(_, _, b)| m.median < b.median) {
                best = Some((size, concurrency, m));
            }
        }
    }
    // Before issue #14 the defaults were the server's pages of 25, 8 in flight: what a user's
    // `page_size(25)` still does. 200 pages for 5 000 documents; too long to wait for at 50 000.
    let page_25 = (count <= 10_000 && !quick).then(|| {
        let m = measure(
            &server,
            count,
            0,
            1,
            &Mode::Fixed {
                size: 25,
                concurrency: 8,
            },
        );
        row(
            "paperless-rs `page_size(25)`, 8 in flight (the defaults before #14)",
            &m,
        );
        m
    });
    let pypaperless = measure(&server, count, 0, 1, &Mode::PyPaperless);
    row(
        "PyPaperless-like: pages of 150, one after the other (hyper + serde)",
        &pypaperless,
    );
    let floor = measure(
        &server,
        count,
        0,
        1,
        &Mode::Raw {
            concurrency: 1,
            targets: defaults.targets.clone(),
        },
    );
    row(
        "raw floor: the defaults' requests, one after the other, not parsed",
        &floor,
    );
    let (size, concurrency, best) = best.unwrap();
    println!(
        "\nPyPaperless-like / defaults: **{:.2}x** (target >= 2); defaults / best sweep \
         (`page_size({size})`, {concurrency} in flight): **{:.2}x** (target <= 1.1); \
         defaults / raw floor: {:.2}x; first item: defaults {}{}.",
        ratio(pypaperless.median, defaults.median),
        ratio(defaults.median, best.median),
        ratio(defaults.median, floor.median),
        ms(defaults.first),
        page_25.map_or_else(String::new, |m| format!(
            ", `page_size(25)` {} (target: no later)",
            ms(m.first)
        )),
    );
    flush();
}

/// On the fast server (no cost model), with and without a per-response delay: the client against
/// the same requests unparsed, and the defaults' memory as the count grows.
fn fast(quick: bool) {
    let (warmups, runs) = if quick { (1, 1) } else { (1, RUNS) };
    println!(
        "\n### Fast server (no cost model), median of {runs} runs after a warm-up\n\n\
         raw = the same requests as the client (recorded from its run), the same concurrency, bodies read, not parsed.\n"
    );
    println!(
        "| documents | delay | client, settings | requests | raw | client | client/raw | client items/s | client peak RSS | raw peak RSS | JSON read |"
    );
    println!("|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    let mut cases: Vec<(u64, u64, Option<usize>)> = vec![
        (5_000, 0, Some(4)),
        (5_000, 0, None),
        (20_000, 0, Some(4)),
        (20_000, 0, None),
        (100_000, 0, None),
        (5_000, 20, Some(4)),
        (5_000, 20, Some(8)),
        (5_000, 20, None),
        (20_000, 20, Some(4)),
        (20_000, 20, Some(8)),
        (20_000, 20, None),
    ];
    if quick {
        cases.retain(|(count, _, _)| *count == 20_000);
    }
    for (count, delay_ms, concurrency) in cases {
        let server = start_server(count, delay_ms, None);
        let (mode, label, raw_concurrency) = match concurrency {
            Some(c) => (
                Mode::Fixed {
                    size: PAGE_SIZE,
                    concurrency: c,
                },
                format!("`page_size({PAGE_SIZE})`, {c} in flight"),
                c,
            ),
            None => (Mode::Defaults, "defaults".to_owned(), 8),
        };
        // 100 000 documents are there to show that memory stays flat: one run is enough.
        let (warmups, runs) = if count > 20_000 {
            (0, 1)
        } else {
            (warmups, runs)
        };
        let client = measure(&server, count, warmups, runs, &mode);
        let raw = measure(
            &server,
            count,
            warmups,
            runs,
            &Mode::Raw {
                concurrency: raw_concurrency,
                targets: client.targets.clone(),
            },
        );
        println!(
            "| {count} | {delay_ms} ms | {label} | {} | {} | {} (best {}) | {:.2}x | {:.0} | {} | {} | {:.1} MiB |",
            client.requests,
            ms(raw.median),
            ms(client.median),
            ms(client.best),
            ratio(client.median, raw.median),
            count as f64 / client.median.as_secs_f64(),
            mib(client.peak_kib),
            mib(raw.peak_kib),
            raw.bytes as f64 / (1024.0 * 1024.0),
        );
        flush();
    }
}

fn parent(quick: bool) {
    let started = Instant::now();
    println!(
        "# Pagination benchmark{}\n\n\
         Every document of /api/documents/ parsed into paperless_types::document::Document (the raw rows read the bytes only).\n\
         Server: paperless-testkit in its own process; each measurement in a fresh process (peak RSS = its VmHWM).",
        if quick { " (--quick)" } else { "" }
    );
    calibrated(5_000, quick);
    if !quick {
        calibrated(50_000, quick);
    }
    fast(quick);
    println!(
        "\nTotal benchmark time: {:.0} s.",
        started.elapsed().as_secs_f64()
    );
}

/// Under `cargo test`: a quick in-process check that every mode sees every document, on a server
/// with a small cost model.
fn smoke() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let server = TestServer::builder()
            .seed_documents(321)
            .cost(
                ServerCost::free()
                    .per_request(Duration::from_millis(1))
                    .workers(2),
            )
            .start()
            .await
            .unwrap();
        let (http, base) = transport(server.url(), server.token());
        let defaults = with_client(http.clone(), base.clone(), None).await;
        assert_eq!(defaults.items, 321);
        assert_eq!(
            defaults.targets,
            [
                "/api/documents/",
                "/api/documents/?page_size=25&page=2",
                "/api/documents/?page_size=50&page=2",
                "/api/documents/?page_size=100&page=2",
                "/api/documents/?page_size=200&page=2",
            ]
        );
        let fixed = with_client(http.clone(), base, Some((100, 4))).await;
        assert_eq!((fixed.items, fixed.targets.len()), (321, 4));
        let py = pypaperless(server.url(), server.token()).await;
        assert_eq!((py.items, py.targets.len()), (321, 3));
        let floor = raw(http, &defaults.targets, 1).await;
        assert!(
            floor.bytes > 321 * 500,
            "{} bytes for 321 documents",
            floor.bytes
        );
        assert!(server.load().peak_working <= 2);
        server.shutdown().await;
    });
    println!(
        "pagination bench smoke check: 321 documents via the defaults, a fixed size, a PyPaperless-like client and raw GETs (run with --bench to measure)"
    );
}
