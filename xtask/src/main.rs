//! Project automation, run as `cargo xtask <command>` (see `.cargo/config.toml`).
//!
//! Commands:
//! - `ci`: everything CI checks, in order, stopping at the first failure.
//! - `deps-check`: verify that `paperless-types` depends on nothing that does I/O.
//! - `bench`: the pagination benchmark (release build), printing a table.
//!
//! This crate has no dependencies on purpose: it must build in seconds on a fresh machine.

use std::process::{Command, ExitCode};

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
        Some("bench") => bench(),
        _ => {
            eprintln!("usage: cargo xtask <ci|deps-check|bench>");
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
    cargo(
        &["doc", "--workspace", "--no-deps"],
        &[("RUSTDOCFLAGS", "-D warnings")],
    )?;
    Ok(())
}

/// `cargo bench -p paperless-testkit --bench pagination` (release profile): the testkit serves
/// 5 000 and 20 000 documents, the client iterates them, and a table compares it with raw page
/// fetches.
fn bench() -> Result<(), String> {
    cargo(
        &["bench", "-p", "paperless-testkit", "--bench", "pagination"],
        &[],
    )
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
