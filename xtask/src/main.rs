//! Project automation, run as `cargo xtask <command>` (see `.cargo/config.toml`).
//!
//! Commands:
//! - `ci`: everything CI checks, in order, stopping at the first failure.
//! - `deps-check`: verify that `paperless-types` depends on nothing that does I/O.
//! - `examples`: build every example of `paperless-client` once, then run each with nothing
//!   configured (they start the in-memory test server), the tour also with API version 9.
//! - `bench [pagination|cli] [--quick]`: the benchmarks (release builds), printing tables; without
//!   a name both: `pagination` (the client's pagination on the test server's cost model) and `cli`
//!   (the `paperless` binary: listing 10 000 to 100 000 documents, exporting 1 000, start-up;
//!   `bench_cli.rs`). `--quick` runs a short subset of each.
//! - `fuzz [SECONDS]`: builds the libFuzzer targets of `fuzz/` (cargo-fuzz, `RUSTC_BOOTSTRAP=1`
//!   on the stable toolchain), then runs each for SECONDS (default 60) on a corpus seeded from
//!   `fuzz/seeds/` and `fuzz/regressions/` (not part of `ci`, which replays the regressions in a
//!   normal test; needs `cargo install cargo-fuzz`).
//! - `msrv`: `cargo check` of every target with the minimum supported Rust (1.88), installing
//!   that toolchain with rustup first (not part of `ci`: it downloads a toolchain).
//!
//! This crate has no dependencies on purpose: it must build in seconds on a fresh machine.

mod bench_cli;

use std::io::BufRead as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

/// Crates that must never appear in `paperless-types`' normal dependency tree.
const IO_CRATES: &[&str] = &[
    "tokio",
    "hyper",
    "hyper-util",
    "tower",
    "http",
    "rustls",
    "mio",
    "socket2",
];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("ci") => ci(),
        Some("deps-check") => deps_check(),
        Some("bench") => bench(&args[1..]),
        Some("examples") => examples(),
        Some("msrv") => msrv(),
        Some("fuzz") => FuzzPlan::from_args(&args[1..]).and_then(|plan| fuzz(&plan)),
        _ => {
            eprintln!(
                "usage: cargo xtask <ci|deps-check|examples|bench [pagination|cli] [--quick]|fuzz [SECONDS] [--runs N] [TARGET...]|msrv>"
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Runs a cargo command, echoing it first; fails when it exits non-zero.
fn cargo(args: &[&str], env: &[(&str, &str)]) -> Result<(), String> {
    eprintln!("\n==> cargo {}", args.join(" "));
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let status = Command::new(cargo)
        .args(args)
        .envs(env.iter().copied())
        .status()
        .map_err(|e| format!("could not start cargo: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`cargo {}` failed ({status})", args.join(" ")))
    }
}

fn ci() -> Result<(), String> {
    cargo(&["fmt", "--all", "--", "--check"], &[])?;
    cargo(
        &[
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
        &[],
    )?;
    deps_check()?;
    cargo(&["test", "--workspace", "--all-targets"], &[])?;
    cargo(&["test", "--workspace", "--doc"], &[])?;
    // The README's main command and every other example, as a newcomer runs them (right after
    // the tests, whose build they reuse).
    examples()?;
    // Optional features that the workspace test run does not enable.
    cargo(
        &[
            "test",
            "-p",
            "paperless-transport",
            "--features",
            "gzip",
            "--test",
            "it",
        ],
        &[],
    )?;
    // The client's websocket feature: its lints and its tests (session, events, upload waits).
    cargo(
        &[
            "clippy",
            "-p",
            "paperless-client",
            "--features",
            "events",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
        &[],
    )?;
    cargo(
        &[
            "test",
            "-p",
            "paperless-client",
            "--features",
            "events",
            "--test",
            "it",
        ],
        &[],
    )?;
    // docs/events.md's code blocks need the feature.
    cargo(
        &[
            "test",
            "-p",
            "paperless-client",
            "--features",
            "events",
            "--doc",
            "guides::Events",
        ],
        &[],
    )?;
    // The client forwards the feature: it must build with it.
    cargo(
        &[
            "check",
            "-p",
            "paperless-client",
            "--features",
            "gzip",
            "--lib",
        ],
        &[],
    )?;
    cargo(
        &["doc", "--workspace", "--no-deps"],
        &[("RUSTDOCFLAGS", "-D warnings")],
    )?;
    Ok(())
}

/// What `cargo xtask fuzz` runs: for how long, and which targets (all when none is named).
struct FuzzPlan {
    /// `-max_total_time=S` or `-runs=N`, per target.
    limit: String,
    /// Target names; empty for every target.
    targets: Vec<String>,
}

impl FuzzPlan {
    const USAGE: &'static str = "usage: cargo xtask fuzz [SECONDS] [--runs N] [TARGET...]";

    fn from_args(args: &[String]) -> Result<Self, String> {
        let mut plan = Self {
            limit: "-max_total_time=60".to_owned(),
            targets: Vec::new(),
        };
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            if arg == "--runs" {
                let runs: u64 = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .ok_or_else(|| format!("--runs needs a number; {}", Self::USAGE))?;
                plan.limit = format!("-runs={runs}");
            } else if let Ok(seconds) = arg.parse::<u64>() {
                plan.limit = format!("-max_total_time={seconds}");
            } else if arg.starts_with('-') {
                return Err(format!("unknown option {arg}; {}", Self::USAGE));
            } else {
                plan.targets.push(arg.clone());
            }
        }
        Ok(plan)
    }
}

/// Builds every fuzz target, then runs each (for `SECONDS`, or `--runs N` executions) on its
/// corpus (`fuzz/corpus/<target>`, topped up from `fuzz/seeds/<target>` and
/// `fuzz/regressions/<target>`), stopping at the first crash. Ends with a table of each target's
/// executions, time and rate, read from libFuzzer's final stats.
fn fuzz(plan: &FuzzPlan) -> Result<(), String> {
    let dir = workspace_root()?.join("fuzz");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let in_fuzz = |args: &[&str]| -> Result<String, String> {
        eprintln!("\n==> (in fuzz/) cargo {}", args.join(" "));
        let mut child = Command::new(&cargo)
            .args(args)
            .current_dir(&dir)
            .env("RUSTC_BOOTSTRAP", "1")
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("could not start cargo: {e}"))?;
        // libFuzzer reports on stderr: shown as it comes, and kept for the summary.
        let mut kept = String::new();
        if let Some(stderr) = child.stderr.take() {
            for line in std::io::BufReader::new(stderr)
                .lines()
                .map_while(Result::ok)
            {
                eprintln!("{line}");
                if line.starts_with("stat::") || line.starts_with("Done ") {
                    kept.push_str(&line);
                    kept.push('\n');
                }
            }
        }
        let status = child.wait().map_err(|e| format!("cargo: {e}"))?;
        if status.success() {
            Ok(kept)
        } else {
            Err(format!("`cargo {}` failed ({status})", args.join(" ")))
        }
    };
    in_fuzz(&["fuzz", "build", "-s", "none"])?;
    let mut targets: Vec<String> = std::fs::read_dir(dir.join("fuzz_targets"))
        .map_err(|e| format!("cannot read fuzz/fuzz_targets: {e}"))?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter_map(|name| name.strip_suffix(".rs").map(str::to_owned))
        .filter(|name| plan.targets.is_empty() || plan.targets.contains(name))
        .collect();
    targets.sort();
    if let Some(unknown) = plan.targets.iter().find(|t| !targets.contains(t)) {
        return Err(format!("no fuzz target {unknown} in fuzz/fuzz_targets"));
    }
    let mut summary = Vec::new();
    for target in &targets {
        let corpus = dir.join("corpus").join(target);
        std::fs::create_dir_all(&corpus).map_err(|e| format!("{}: {e}", corpus.display()))?;
        for source in ["seeds", "regressions"] {
            let Ok(entries) = std::fs::read_dir(dir.join(source).join(target)) else {
                continue;
            };
            for entry in entries.flatten() {
                let to = corpus.join(format!("{source}-{}", entry.file_name().to_string_lossy()));
                std::fs::copy(entry.path(), &to).map_err(|e| format!("{}: {e}", to.display()))?;
            }
        }
        let corpus = corpus.to_string_lossy().into_owned();
        let started = Instant::now();
        let stats = in_fuzz(&[
            "fuzz",
            "run",
            "-s",
            "none",
            target,
            &corpus,
            "--",
            &plan.limit,
            "-print_final_stats=1",
        ])?;
        let stat = |name: &str| {
            stats
                .lines()
                .find_map(|l| l.strip_prefix(&format!("stat::{name}:")))
                .map(|v| v.trim().to_owned())
                .unwrap_or_else(|| "?".to_owned())
        };
        // libFuzzer's own time ("Done N runs in S second(s)"), without cargo fuzz's rebuild;
        // the wall time when it is missing.
        let seconds = stats
            .lines()
            .find_map(|l| {
                l.split(" in ")
                    .nth(1)?
                    .split(' ')
                    .next()?
                    .parse::<f64>()
                    .ok()
            })
            .unwrap_or_else(|| started.elapsed().as_secs_f64())
            .max(1.0);
        let runs = stat("number_of_executed_units");
        let rate = runs
            .parse::<f64>()
            .map_or("?".to_owned(), |r| format!("{:.0}", r / seconds));
        summary.push(format!(
            "| `{target}` | {runs} | {seconds:.0} | {rate} | {} | none |",
            stat("peak_rss_mb")
        ));
    }
    println!("\n| target | executions | seconds | per second | peak RSS (MB) | crashes |");
    println!("|---|---:|---:|---:|---:|---|");
    for line in summary {
        println!("{line}");
    }
    Ok(())
}

/// Where the examples `examples` runs live (those of `paperless-client`).
const EXAMPLES_DIR: &str = "crates/paperless-client/examples";
/// The longest one example may run before it counts as failed.
const EXAMPLE_TIMEOUT: Duration = Duration::from_secs(120);
/// Variables that would point an example at a real server.
const SERVER_VARS: &[&str] = &[
    "PAPERLESS_URL",
    "PAPERLESS_TOKEN",
    "PAPERLESS_API_VERSION",
    "PAPERLESS_TIMEOUT",
    "PAPERLESS_USERNAME",
    "PAPERLESS_PASSWORD",
    "PAPERLESS_MFA_CODE",
    "PAPERLESS_TESTKIT_RELEASE",
];

/// Builds the examples in one `cargo build`, then runs each binary with no server configured:
/// each starts the in-memory test server with demo data. The tour runs three times: with API
/// versions 10 and 9, and against the test server as Paperless-ngx 2.20.15.
fn examples() -> Result<(), String> {
    let root = workspace_root()?;
    let mut names: Vec<String> = std::fs::read_dir(root.join(EXAMPLES_DIR))
        .map_err(|e| format!("cannot list {EXAMPLES_DIR}: {e}"))?
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            (path.extension()? == "rs")
                .then(|| path.file_stem()?.to_str().map(str::to_owned))
                .flatten()
        })
        .collect();
    names.sort();
    if names.is_empty() {
        return Err(format!("no examples in {EXAMPLES_DIR}"));
    }
    // The whole workspace, so that features unify as in `cargo test --workspace --all-targets`:
    // right after it, nothing is rebuilt.
    cargo(&["build", "--workspace", "--examples"], &[])?;
    // Examples behind a feature of the client (`required-features`).
    cargo(
        &[
            "build",
            "-p",
            "paperless-client",
            "--features",
            "events",
            "--example",
            "events",
        ],
        &[],
    )?;
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map_or_else(|| root.join("target"), |dir| root.join(dir));
    let bin_dir = target.join("debug").join("examples");

    let mut runs: Vec<(String, &[(&str, &str)])> =
        names.iter().map(|n| (n.clone(), &[][..])).collect();
    runs.push(("tour".to_owned(), &[("PAPERLESS_API_VERSION", "9")][..]));
    // And against a test server that answers as Paperless-ngx 2.20.15.
    runs.push((
        "tour".to_owned(),
        &[("PAPERLESS_TESTKIT_RELEASE", "2.20.15")][..],
    ));
    let mut failed = Vec::new();
    for (name, env) in &runs {
        let label = match env.first() {
            Some((key, value)) => format!("{name} ({key}={value})"),
            None => name.clone(),
        };
        let binary = bin_dir.join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
        match run_example(&root, &binary, env) {
            Ok(elapsed) => eprintln!("example {label}: ok ({} ms)", elapsed.as_millis()),
            Err(e) => {
                eprintln!("example {label}: FAILED: {e}");
                failed.push(label);
            }
        }
    }
    let passed = runs.len() - failed.len();
    // The plain closing line CI reads.
    println!("examples: {passed} passed, {} failed", failed.len());
    if failed.is_empty() {
        Ok(())
    } else {
        Err(format!("examples failed: {}", failed.join(", ")))
    }
}

/// Runs one example binary in `dir`, its output shown only when it fails.
fn run_example(dir: &Path, binary: &Path, env: &[(&str, &str)]) -> Result<Duration, String> {
    let started = Instant::now();
    let mut command = Command::new(binary);
    command
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for var in SERVER_VARS {
        command.env_remove(var);
    }
    command.envs(env.iter().copied());
    let mut child = command
        .spawn()
        .map_err(|e| format!("could not start {}: {e}", binary.display()))?;
    // Read the output on threads so that a chatty example never blocks on a full pipe.
    let out = child.stdout.take().map(read_to_end);
    let err = child.stderr.take().map(read_to_end);
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Ok(status),
            Ok(None) if started.elapsed() > EXAMPLE_TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                break Err(format!(
                    "still running after {} s",
                    EXAMPLE_TIMEOUT.as_secs()
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => break Err(format!("could not wait for it: {e}")),
        }
    };
    let output = |reader: Option<std::thread::JoinHandle<String>>| {
        reader.and_then(|r| r.join().ok()).unwrap_or_default()
    };
    let (stdout, stderr) = (output(out), output(err));
    match status {
        Ok(status) if status.success() => Ok(started.elapsed()),
        Ok(status) => Err(format!("{status}\n{stdout}{stderr}")),
        Err(e) => Err(format!("{e}\n{stdout}{stderr}")),
    }
}

fn read_to_end(mut pipe: impl std::io::Read + Send + 'static) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut text = String::new();
        let _ = pipe.read_to_string(&mut text);
        text
    })
}

/// The workspace root: the parent of this crate's directory.
fn workspace_root() -> Result<PathBuf, String> {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .ok_or_else(|| "xtask has no parent directory".to_owned())
}

/// `cargo bench -p paperless-testkit --bench pagination` (release profile): on the testkit's
/// cost model calibrated on Paperless-ngx 3.0.5 (5 000 and 50 000 documents), the client's
/// defaults against a sweep of fixed page sizes and concurrencies, a PyPaperless-like client and
/// the raw floor; on the fast server (5 000 to 100 000 documents, no delay and 20 ms), the client
/// against the same requests unparsed. About 8 minutes; `quick` runs a subset.
///
/// Then (or alone, with `cli`) the CLI benchmark of `bench_cli.rs`.
fn bench(args: &[String]) -> Result<(), String> {
    let quick = args.iter().any(|a| a == "--quick");
    let names: Vec<&str> = args
        .iter()
        .map(String::as_str)
        .filter(|a| *a != "--quick")
        .collect();
    let (pagination, cli) = match names.as_slice() {
        [] => (true, true),
        ["pagination"] => (true, false),
        ["cli"] => (false, true),
        _ => return Err("usage: cargo xtask bench [pagination|cli] [--quick]".to_owned()),
    };
    if pagination {
        let mut args = vec!["bench", "-p", "paperless-testkit", "--bench", "pagination"];
        if quick {
            args.extend(["--", "--quick"]);
        }
        cargo(&args, &[])?;
    }
    if cli {
        bench_cli::run(&workspace_root()?, quick)?;
    }
    Ok(())
}

/// The minimum supported Rust version, as `rust-version` in the workspace manifest says.
const MSRV: &str = "1.88";

fn msrv() -> Result<(), String> {
    eprintln!("\n==> rustup toolchain install {MSRV} --profile minimal");
    let status = Command::new("rustup")
        .args(["toolchain", "install", MSRV, "--profile", "minimal"])
        .status()
        .map_err(|e| format!("could not start rustup: {e}"))?;
    if !status.success() {
        return Err(format!("installing Rust {MSRV} failed ({status})"));
    }
    // A target directory of its own: artifacts of two compilers would only evict each other.
    let target = format!("target/msrv-{MSRV}");
    let toolchain = format!("+{MSRV}");
    eprintln!("\n==> cargo {toolchain} check --workspace --all-targets");
    let status = Command::new("cargo")
        .args([
            toolchain.as_str(),
            "check",
            "--workspace",
            "--all-targets",
            "--target-dir",
            &target,
        ])
        .env_remove("RUSTUP_TOOLCHAIN")
        .env_remove("CARGO")
        .env_remove("RUSTC")
        .status()
        .map_err(|e| format!("could not start cargo: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("the workspace does not build with Rust {MSRV}"))
    }
}

fn deps_check() -> Result<(), String> {
    eprintln!("\n==> cargo tree -p paperless-types -e normal");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let out = Command::new(cargo)
        .args([
            "tree",
            "-p",
            "paperless-types",
            "-e",
            "normal",
            "--prefix",
            "none",
            "--format",
            "{p}",
        ])
        .output()
        .map_err(|e| format!("could not start cargo tree: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "cargo tree failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let tree = String::from_utf8_lossy(&out.stdout);
    let offending: Vec<&str> = tree
        .lines()
        .filter(|line| {
            line.split_whitespace()
                .next()
                .is_some_and(|name| IO_CRATES.contains(&name))
        })
        .collect();
    if offending.is_empty() {
        eprintln!(
            "paperless-types depends on no I/O crate ({} crates in its tree)",
            tree.lines().count()
        );
        Ok(())
    } else {
        Err(format!(
            "paperless-types must not depend on I/O crates, found: {}",
            offending.join(", ")
        ))
    }
}
