//! How long `post_document(..).wait()` takes to return after the server finished consuming:
//! through `/ws/status/` events (a client with a session) and through polling `/api/tasks/` at
//! the default interval (500 ms), against the in-memory test server over 127.0.0.1.
//!
//! The test server spaces each upload's six consume frames by a step and marks the task done
//! (`date_done`) when it sends the last one; the latency is from that instant to `wait()`
//! returning with the document.
//!
//! ```text
//! cargo bench -p paperless-client --features events --bench wait_latency --profile dev
//! ```

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::Duration;

use paperless_client::api::documents::UploadFile;
use paperless_client::types::post_document::NewDocument;
use paperless_client::{ApiVersion, Paperless};
use paperless_testkit::TestServer;

const UPLOADS: usize = 20;
const STEP: Duration = Duration::from_millis(25);

async fn latencies(server: &TestServer, client: &Paperless) -> Vec<f64> {
    let mut out = Vec::with_capacity(UPLOADS);
    for i in 0..UPLOADS {
        let file = UploadFile::from_bytes(format!("bench {i}").into_bytes(), "bench.txt");
        let task = client
            .documents()
            .post_document(file, &NewDocument::new())
            .await
            .unwrap();
        task.wait().await.unwrap();
        let returned = chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::now());
        let record = server
            .tasks()
            .into_iter()
            .find(|t| &t.task_id == task.task_id())
            .unwrap();
        let done = record.date_done.unwrap();
        let ms = (returned - done.to_utc()).num_microseconds().unwrap() as f64 / 1000.0;
        out.push(ms);
    }
    out.sort_by(f64::total_cmp);
    out
}

fn summary(name: &str, v: &[f64]) {
    let mean = v.iter().sum::<f64>() / v.len() as f64;
    let pct = |p: f64| v[((v.len() - 1) as f64 * p).round() as usize];
    println!(
        "| {name:<22} | {:>8.1} | {:>8.1} | {:>8.1} | {:>8.1} |",
        pct(0.5),
        mean,
        pct(0.9),
        v[v.len() - 1]
    );
}

#[tokio::main]
async fn main() {
    let server = TestServer::builder()
        .consume_step(STEP)
        .start()
        .await
        .unwrap();
    let build = || {
        Paperless::builder(server.url())
            .token(server.token())
            .api_version(ApiVersion::V10)
            .build()
            .unwrap()
    };
    let polling = build();
    let evented = build();
    evented.session_login("admin", "admin").await.unwrap();

    println!(
        "wait() latency after the server finished consuming, {UPLOADS} uploads each, consume step {} ms (ms)",
        STEP.as_millis()
    );
    println!("| path                   |   median |     mean |      p90 |      max |");
    println!("|------------------------|---------:|---------:|---------:|---------:|");
    summary("events (/ws/status/)", &latencies(&server, &evented).await);
    summary("polling (500 ms)", &latencies(&server, &polling).await);
}
