//! Errors of a run: one line for the user, the cause chain with `-v`, and an exit code per class.

use std::error::Error as StdError;
use std::fmt;

/// The exit codes, one per class of failure (documented in `docs/cli.md`).
pub mod code {
    /// Everything succeeded.
    pub const OK: i32 = 0;
    /// Anything not in a class below (local files, unexpected answers).
    pub const OTHER: i32 = 1;
    /// Wrong arguments or configuration (clap uses 2 as well).
    pub const USAGE: i32 = 2;
    /// The server refused the credentials or the permission (401, 403).
    pub const AUTH: i32 = 3;
    /// No such object (404).
    pub const NOT_FOUND: i32 = 4;
    /// The server failed or refused the request (other statuses, undecodable answers).
    pub const SERVER: i32 = 5;
    /// The server could not be reached (connect, TLS, timeout, dropped connection).
    pub const NETWORK: i32 = 6;
    /// Some items of a batch failed (upload, download, export, delete).
    pub const PARTIAL: i32 = 7;
}

/// A failed run: what to print and the exit code.
#[derive(Debug)]
pub struct Fail {
    /// The exit code.
    pub code: i32,
    /// The one-line message.
    pub message: String,
    /// The error the message comes from: its causes are printed with `-v`.
    pub source: Option<Box<dyn StdError + Send + Sync>>,
}

impl Fail {
    /// A failure of class `code` with its message.
    pub fn new(code: i32, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            source: None,
        }
    }

    /// Wrong arguments.
    pub fn usage(message: impl Into<String>) -> Self {
        Self::new(code::USAGE, message)
    }

    /// The lines to print: the message, then (verbose) each cause.
    pub fn lines(&self, verbose: bool) -> Vec<String> {
        let mut lines = vec![self.message.clone()];
        if verbose {
            let mut cause: Option<&(dyn StdError + 'static)> = self
                .source
                .as_deref()
                .and_then(|e| (e as &(dyn StdError + 'static)).source());
            while let Some(e) = cause {
                let text = e.to_string();
                if !lines.iter().any(|l| l.ends_with(&text)) {
                    lines.push(format!("  caused by: {text}"));
                }
                cause = e.source();
            }
        }
        lines
    }
}

impl fmt::Display for Fail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// The exit code of a client error.
pub fn class_of(e: &paperless_client::Error) -> i32 {
    use paperless_client::Error as E;
    if e.is_unauthorized() || e.is_forbidden() {
        code::AUTH
    } else if e.is_not_found() {
        code::NOT_FOUND
    } else if e.transport_kind().is_some() {
        code::NETWORK
    } else {
        match e {
            E::Config(_) | E::Invalid(_) | E::Build(_) => code::USAGE,
            E::UploadFile(_) | E::Save(_) => code::OTHER,
            E::Wait(w) => match &**w {
                paperless_client::WaitError::Request { source, .. } => class_of(source),
                _ => code::SERVER,
            },
            _ => code::SERVER,
        }
    }
}

impl From<paperless_client::Error> for Fail {
    fn from(e: paperless_client::Error) -> Self {
        Self {
            code: class_of(&e),
            message: first_line(&e.to_string()),
            source: Some(Box::new(e)),
        }
    }
}

impl From<std::io::Error> for Fail {
    fn from(e: std::io::Error) -> Self {
        Self::new(code::OTHER, e.to_string())
    }
}

impl From<serde_json::Error> for Fail {
    fn from(e: serde_json::Error) -> Self {
        Self::new(code::OTHER, e.to_string())
    }
}

/// The first line of a message (server texts can hold several).
pub fn first_line(text: &str) -> String {
    text.lines().next().unwrap_or_default().to_owned()
}

/// The result of a command.
pub type CliResult<T = ()> = Result<T, Fail>;
