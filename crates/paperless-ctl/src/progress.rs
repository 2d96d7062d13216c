//! Progress on stderr for uploads and downloads: one bar of the bytes moved and the files done,
//! and below it a line per file in flight (its bytes, then, for uploads, the consumption until the
//! document id or the failure arrives).
//!
//! Drawn only when stderr is a terminal and not `--quiet` (`Ctx::progress`); otherwise every bar
//! is hidden and costs next to nothing.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

/// The bar of a batch of transfers and its per-file lines.
#[derive(Debug)]
pub struct Transfer {
    multi: MultiProgress,
    total: ProgressBar,
    verb: &'static str,
    files: u64,
    done: AtomicU64,
    visible: bool,
}

fn style(template: &str) -> ProgressStyle {
    ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar())
}

impl Transfer {
    /// A batch of `files` transfers ("uploading", "downloading") of `bytes` known so far.
    pub fn new(visible: bool, verb: &'static str, files: u64, bytes: u64) -> Arc<Self> {
        let target = if visible {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        };
        let multi = MultiProgress::with_draw_target(target);
        let total = multi.add(ProgressBar::new(bytes));
        total.set_style(style(
            "{msg} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec}",
        ));
        let this = Self {
            multi,
            total,
            verb,
            files,
            done: AtomicU64::new(0),
            visible,
        };
        this.update_message();
        Arc::new(this)
    }

    fn update_message(&self) {
        let done = self.done.load(Ordering::Relaxed);
        self.total
            .set_message(format!("{} {done}/{} files", self.verb, self.files));
    }

    /// More bytes to move (a length learnt late: a `Content-Length`, a multipart body's framing).
    pub fn add_length(&self, bytes: u64) {
        self.total.inc_length(bytes);
    }

    /// Bytes moved.
    pub fn moved(&self, bytes: u64) {
        self.total.inc(bytes);
    }

    /// One file finished (whatever its outcome).
    pub fn file_done(&self) {
        self.done.fetch_add(1, Ordering::Relaxed);
        self.update_message();
    }

    /// A line for one file in flight, below the bar, until dropped.
    pub fn line(&self, message: String) -> FileLine {
        let bar = self.multi.add(ProgressBar::new_spinner());
        bar.set_style(style("  {spinner} {msg}"));
        bar.set_message(message);
        if self.visible {
            bar.enable_steady_tick(Duration::from_millis(120));
        }
        FileLine(bar)
    }

    /// Prints a result line on stdout without tearing the bars.
    pub fn println(&self, line: &str) {
        if self.visible {
            self.multi.suspend(|| println!("{line}"));
        } else {
            println!("{line}");
        }
    }

    /// Prints a line on stderr without tearing the bars.
    pub fn eprintln(&self, line: &str) {
        if self.visible {
            self.multi.suspend(|| eprintln!("{line}"));
        } else {
            eprintln!("{line}");
        }
    }

    /// Removes the bars.
    pub fn finish(&self) {
        self.total.finish_and_clear();
        let _ = self.multi.clear();
    }
}

/// One file's line; cleared when dropped.
#[derive(Debug)]
pub struct FileLine(ProgressBar);

impl FileLine {
    /// Changes the line's text.
    pub fn set(&self, message: String) {
        self.0.set_message(message);
    }
}

impl Drop for FileLine {
    fn drop(&mut self) {
        self.0.finish_and_clear();
    }
}

/// Counts an upload's bytes as `UploadProgress::Sent` reports them (cumulative, of a total
/// that includes the multipart framing) into `transfer`, and shows them on `line`.
#[derive(Debug)]
pub struct SentCounter {
    transfer: Arc<Transfer>,
    line: FileLine,
    name: String,
    file_len: u64,
    last: AtomicU64,
    /// The whole request body's length, once known.
    body_len: AtomicU64,
    framing_added: AtomicBool,
}

impl SentCounter {
    /// A counter for one file of `file_len` bytes (already counted in the transfer's length).
    pub fn new(transfer: Arc<Transfer>, line: FileLine, name: String, file_len: u64) -> Self {
        Self {
            transfer,
            line,
            name,
            file_len,
            last: AtomicU64::new(0),
            body_len: AtomicU64::new(0),
            framing_added: AtomicBool::new(false),
        }
    }

    /// `sent` of `total` bytes of the request body are out.
    pub fn sent(&self, sent: u64, total: u64) {
        if !self.framing_added.swap(true, Ordering::Relaxed) {
            self.body_len.store(total, Ordering::Relaxed);
            self.transfer
                .add_length(total.saturating_sub(self.file_len));
        }
        let before = self.last.fetch_max(sent, Ordering::Relaxed);
        self.transfer.moved(sent.saturating_sub(before));
        let percent = (sent * 100).checked_div(total).unwrap_or(100);
        self.line.set(format!("{}: sending {percent}%", self.name));
    }

    /// Counts what the file's body did not report as sent (a skipped or failed upload), so that
    /// the bar still reaches its end.
    pub fn settle(&self) {
        let sent = self.last.load(Ordering::Relaxed);
        let body = self.body_len.load(Ordering::Relaxed).max(self.file_len);
        self.transfer.moved(body.saturating_sub(sent));
        self.last.store(body, Ordering::Relaxed);
    }

    /// The file's name as shown.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The file's line (for the consumption that follows the upload).
    pub fn line(&self) -> &FileLine {
        &self.line
    }
}
