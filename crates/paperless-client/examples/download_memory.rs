//! Peak memory of a large download: an in-process server streams a 200 MiB "PDF", the client
//! downloads it through the default transport three ways (reading the stream, `save_to` a file,
//! and, with `--collect`, `bytes()`), and the process's peak resident set size (`VmHWM` in
//! `/proc/self/status`, Linux) is printed before and after each.
//!
//! ```text
//! cargo run --example download_memory                     # stream and save_to, 200 MiB
//! cargo run --example download_memory -- --collect         # also bytes(), for contrast
//! cargo run --example download_memory -- --size-mib 16     # a smaller file (CI runs this)
//! ```
//!
//! Streaming keeps the peak flat (a few chunks in flight) whatever the file size; collecting
//! raises it by the file size.

use std::convert::Infallible;
use std::time::Instant;

use bytes::Bytes;
use futures_util::{StreamExt, stream};
use http_body_util::StreamBody;
use hyper::body::Frame;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use paperless_client::transport::{BaseUrl, TransportBuilder};
use paperless_client::{ApiVersion, PaperlessBuilder};

/// The default size of the download, in MiB.
const DEFAULT_MIB: u64 = 200;
const CHUNK: usize = 64 * 1024;

/// `--size-mib N`: the download's size in MiB (whole chunks of 64 KiB).
fn size_arg() -> Result<u64, String> {
    let args: Vec<String> = std::env::args().collect();
    let mib = match args.iter().position(|a| a == "--size-mib") {
        Some(i) => args
            .get(i + 1)
            .and_then(|v| v.parse::<u64>().ok())
            .filter(|m| *m > 0)
            .ok_or("--size-mib needs a number of MiB greater than 0")?,
        None => DEFAULT_MIB,
    };
    Ok(mib * 1024 * 1024)
}

/// Peak resident set size in KiB, from `/proc/self/status`.
fn peak_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn report(label: &str, before: Option<u64>, started: Instant, bytes: u64) {
    let after = peak_kib();
    let mib = |k: u64| k as f64 / 1024.0;
    match (before, after) {
        (Some(b), Some(a)) => println!(
            "{label:<10} {:>6.1} MiB in {:>5.2} s; peak RSS {:>6.1} MiB -> {:>6.1} MiB (+{:.1} MiB)",
            bytes as f64 / 1024.0 / 1024.0,
            started.elapsed().as_secs_f64(),
            mib(b),
            mib(a),
            mib(a.saturating_sub(b)),
        ),
        _ => println!("{label}: {bytes} bytes (VmHWM is not available on this system)"),
    }
}

/// Serves `size` bytes of a shared 64 KiB chunk (refcounted: the server allocates nothing per
/// request) as `application/pdf`.
async fn serve(size: u64) -> Result<String, Box<dyn std::error::Error>> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let chunk = Bytes::from(vec![b'x'; CHUNK]);
    tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            let chunk = chunk.clone();
            tokio::spawn(async move {
                let service = service_fn(move |_req| {
                    let chunk = chunk.clone();
                    async move {
                        let count = usize::try_from(size / CHUNK as u64).unwrap_or(0);
                        let frames = stream::repeat(chunk)
                            .take(count)
                            .map(|c| Ok::<_, Infallible>(Frame::data(c)));
                        http::Response::builder()
                            .header("content-type", "application/pdf")
                            .header("content-length", size.to_string())
                            .header(
                                "content-disposition",
                                "attachment; filename=\"big.pdf\"; filename*=utf-8''big.pdf",
                            )
                            .body(StreamBody::new(frames))
                    }
                });
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(tcp), service)
                    .await;
            });
        }
    });
    Ok(format!("http://{addr}"))
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let collect = std::env::args().any(|a| a == "--collect");
    let size = size_arg()?;
    let url = serve(size).await?;
    let base = BaseUrl::parse(&url)?;
    // The server below answers every request with the file, so the version is pinned: no probe.
    let client = PaperlessBuilder::from_service(TransportBuilder::new(base.clone()).build()?, base)
        .api_version(ApiVersion::V10)
        .build()?;
    let documents = client.documents();
    println!("baseline peak RSS: {:?} KiB", peak_kib());

    // 1. Reading the stream chunk by chunk.
    let before = peak_kib();
    let started = Instant::now();
    let mut file = documents.download(1).await?;
    let mut total = 0u64;
    while let Some(chunk) = file.next().await {
        total += chunk?.len() as u64;
    }
    assert_eq!(total, size);
    report("stream", before, started, total);

    // 2. save_to: streamed to disk.
    let path = std::env::temp_dir().join(format!(
        "paperless-download-memory-{}.pdf",
        std::process::id()
    ));
    let before = peak_kib();
    let started = Instant::now();
    let written = documents.download(1).await?.save_to(&path).await?;
    std::fs::remove_file(&path)?;
    assert_eq!(written, size);
    report("save_to", before, started, written);

    // 3. For contrast: bytes() holds the whole file.
    if collect {
        let before = peak_kib();
        let started = Instant::now();
        let all = documents.download(1).await?.bytes().await?;
        report("bytes()", before, started, all.len() as u64);
    }
    Ok(())
}
