//! `cargo xtask bench cli`: the `paperless` binary (release build) against the test server in its
//! own process (`paperless-testkit serve`, seeded in bulk), each run a fresh CLI process:
//!
//! - `documents list -o ndjson` over 10 000, 50 000 and 100 000 documents: wall time,
//!   documents/s and the CLI's peak RSS (`VmHWM` of `/proc/<pid>/status`, read every
//!   millisecond while it runs: the high-water mark only grows, so the last reading is the peak
//!   up to the last millisecond);
//! - `export DIR` of 1 000 documents: a first run into an empty directory (files/s) and a second
//!   run that must fetch nothing;
//! - the time from starting `documents list -o ndjson` to its first line on stdout.
//!
//! Standard library only, like the rest of xtask; Linux for the RSS column (elsewhere it shows
//! `-`).

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The test server, a child process, killed when dropped.
struct Server {
    process: Child,
    url: String,
    token: String,
    // Kept open so that the server's later output never hits a closed pipe.
    _stdout: BufReader<std::process::ChildStdout>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

fn start_server(bin: &Path, args: &[&str]) -> Result<Server, String> {
    let started = Instant::now();
    let mut process = Command::new(bin.join("paperless-testkit"))
        .args(["serve", "--port", "0"])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("could not start paperless-testkit: {e}"))?;
    let mut stdout = BufReader::new(process.stdout.take().ok_or("no stdout")?);
    let (mut url, mut token) = (String::new(), String::new());
    let mut line = String::new();
    while url.is_empty() || token.is_empty() {
        line.clear();
        let n = stdout
            .read_line(&mut line)
            .map_err(|e| format!("reading the server's output: {e}"))?;
        if n == 0 {
            let _ = process.kill();
            return Err("the test server exited before printing its address".to_owned());
        }
        if let Some(u) = line.trim().strip_prefix("url=") {
            url = u.to_owned();
        } else if let Some(t) = line.trim().strip_prefix("token=") {
            token = t.to_owned();
        }
    }
    eprintln!(
        "server {} up in {:.1} s",
        args.join(" "),
        started.elapsed().as_secs_f64()
    );
    Ok(Server {
        process,
        url,
        token,
        _stdout: stdout,
    })
}

/// One CLI run.
struct Run {
    wall: Duration,
    first_line: Option<Duration>,
    lines: u64,
    peak_kib: Option<u64>,
    stderr: String,
}

/// `VmHWM` of a running process, in KiB.
fn vm_hwm(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Runs `paperless ARGS` against `server`; stdout is read (and counted) as it arrives.
fn cli(bin: &Path, server: &Server, args: &[&str]) -> Result<Run, String> {
    let started = Instant::now();
    let mut child = Command::new(bin.join("paperless"))
        .args(args)
        .env_clear()
        .env("PAPERLESS_URL", &server.url)
        .env("PAPERLESS_TOKEN", &server.token)
        .env("PAPERLESS_API_VERSION", "10")
        .env(
            "PAPERLESS_CONFIG",
            std::env::temp_dir().join("paperless-bench-none.toml"),
        )
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not start paperless: {e}"))?;
    let pid = child.id();
    let mut stdout = child.stdout.take().ok_or("no stdout")?;
    let reader = std::thread::spawn(move || {
        let mut buf = vec![0u8; 256 * 1024];
        let (mut lines, mut first) = (0u64, None);
        while let Ok(n) = stdout.read(&mut buf) {
            if n == 0 {
                break;
            }
            let newlines = buf[..n].iter().filter(|b| **b == b'\n').count() as u64;
            if first.is_none() && newlines > 0 {
                first = Some(started.elapsed());
            }
            lines += newlines;
        }
        (lines, first)
    });
    let mut stderr = child.stderr.take().ok_or("no stderr")?;
    let err_reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    let mut peak = None;
    let status = loop {
        if let Some(kib) = vm_hwm(pid) {
            peak = Some(peak.map_or(kib, |p: u64| p.max(kib)));
        }
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) => std::thread::sleep(Duration::from_millis(1)),
            Err(e) => return Err(format!("waiting for paperless: {e}")),
        }
    };
    let wall = started.elapsed();
    let (lines, first_line) = reader.join().map_err(|_| "the stdout reader panicked")?;
    let stderr = err_reader
        .join()
        .map_err(|_| "the stderr reader panicked")?;
    if !status.success() {
        return Err(format!(
            "paperless {} failed ({status}): {stderr}",
            args.join(" ")
        ));
    }
    Ok(Run {
        wall,
        first_line,
        lines,
        peak_kib: peak,
        stderr,
    })
}

fn median(mut values: Vec<Duration>) -> Duration {
    values.sort();
    values.get(values.len() / 2).copied().unwrap_or_default()
}

fn mib(kib: Option<u64>) -> String {
    kib.map_or_else(|| "-".to_owned(), |k| format!("{:.1}", k as f64 / 1024.0))
}

fn count_files(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| {
            let path = e.path();
            if path.is_dir() { count_files(&path) } else { 1 }
        })
        .sum()
}

/// Runs the CLI benchmark and prints its tables. `quick`: 10 000 documents only, fewer runs.
pub fn run(root: &Path, quick: bool) -> Result<(), String> {
    crate::cargo(
        &[
            "build",
            "--release",
            "-p",
            "paperless-ctl",
            "--bin",
            "paperless",
            "-p",
            "paperless-testkit",
            "--bin",
            "paperless-testkit",
        ],
        &[],
    )?;
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map_or_else(|| root.join("target"), |dir| root.join(dir));
    let bin = target.join("release");
    let sizes: &[u64] = if quick {
        &[10_000]
    } else {
        &[10_000, 50_000, 100_000]
    };
    let runs = if quick { 1 } else { 5 };
    let cores = std::thread::available_parallelism().map_or(0, usize::from);

    let load = std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_owned))
        .unwrap_or_else(|| "-".to_owned());
    println!(
        "\n## CLI benchmark (`paperless`, release build; test server in its own process; {cores} cores, load average {load} at the start)\n"
    );
    println!(
        "### `paperless documents list -o ndjson` (the demo data set plus N generated documents; {runs} runs after a warm-up)\n"
    );
    println!(
        "| documents | wall time, median (best) | documents/s, median (best) | peak RSS of the CLI (MiB) |"
    );
    println!("|---:|---:|---:|---:|");
    let mut first_lines = Vec::new();
    for &n in sizes {
        let server = start_server(&bin, &["--documents", &n.to_string()])?;
        let args = ["documents", "list", "-o", "ndjson"];
        // One warm-up run (the server's first answers, the page cache of the binary).
        let warm = cli(&bin, &server, &args)?;
        let mut walls = Vec::new();
        let mut peak = warm.peak_kib;
        let mut lines = warm.lines;
        for _ in 0..runs {
            let r = cli(&bin, &server, &args)?;
            walls.push(r.wall);
            peak = peak.max(r.peak_kib);
            lines = r.lines;
        }
        let best = walls.iter().min().copied().unwrap_or_default();
        let wall = median(walls);
        let rate = |d: Duration| lines as f64 / d.as_secs_f64().max(1e-9);
        println!(
            "| {lines} | {:.2} s ({:.2} s) | {:.0} ({:.0}) | {} |",
            wall.as_secs_f64(),
            best.as_secs_f64(),
            rate(wall),
            rate(best),
            mib(peak)
        );
        if n == sizes[0] {
            // (c) start to first line, on the smallest server.
            for _ in 0..if quick { 3 } else { 10 } {
                let r = cli(&bin, &server, &args)?;
                if let Some(t) = r.first_line {
                    first_lines.push(t);
                }
            }
        }
    }

    let export_docs = 1_000;
    let server = start_server(&bin, &["--empty", "--documents", &export_docs.to_string()])?;
    let dir = std::env::temp_dir().join(format!("paperless-bench-export-{}", std::process::id()));
    let d = dir.to_string_lossy().into_owned();
    let (mut firsts, mut seconds) = (Vec::new(), Vec::new());
    let (mut files, mut first_peak, mut second_peak) = (0, None, None);
    let (mut first_summary, mut second_summary) = (String::new(), String::new());
    for _ in 0..if quick { 1 } else { 3 } {
        let _ = std::fs::remove_dir_all(&dir);
        let first = cli(&bin, &server, &["export", &d])?;
        files = count_files(&dir);
        let second = cli(&bin, &server, &["export", &d])?;
        let _ = std::fs::remove_dir_all(&dir);
        if !second.stderr.starts_with("0 fetched") {
            return Err(format!(
                "the second export fetched something: {}",
                second.stderr.trim()
            ));
        }
        firsts.push(first.wall);
        seconds.push(second.wall);
        first_peak = first_peak.max(first.peak_kib);
        second_peak = second_peak.max(second.peak_kib);
        first_summary = first.stderr.trim().to_owned();
        second_summary = second.stderr.trim().to_owned();
    }
    let rounds = firsts.len();
    let (first_wall, second_wall) = (median(firsts), median(seconds));
    println!(
        "\n### `paperless export DIR` of {export_docs} documents (one original each; median of {rounds} rounds)\n"
    );
    println!(
        "| run | wall time | documents fetched | documents/s | files written | peak RSS of the CLI (MiB) |"
    );
    println!("|---|---:|---:|---:|---:|---:|");
    println!(
        "| first (empty DIR) | {:.2} s | {export_docs} | {:.0} | {files} | {} |",
        first_wall.as_secs_f64(),
        export_docs as f64 / first_wall.as_secs_f64().max(1e-9),
        mib(first_peak),
    );
    println!(
        "| second (nothing changed) | {:.2} s | 0 | - | the manifest | {} |",
        second_wall.as_secs_f64(),
        mib(second_peak),
    );
    println!(
        "\nfiles written: each document's original and `document.json`, and the manifest. Summaries: \"{}\"; \"{}\".",
        first_summary, second_summary
    );

    println!(
        "\n### Process start to the first line of `documents list -o ndjson` ({} documents)\n",
        sizes[0]
    );
    let count = first_lines.len();
    let mut sorted = first_lines.clone();
    sorted.sort();
    let best = sorted.first().copied().unwrap_or_default();
    println!("| runs | median | best |");
    println!("|---:|---:|---:|");
    println!(
        "| {count} | {:.1} ms | {:.1} ms |",
        median(first_lines).as_secs_f64() * 1e3,
        best.as_secs_f64() * 1e3
    );
    Ok(())
}
