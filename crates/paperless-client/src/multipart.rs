//! The `multipart/form-data` encoder (RFC 7578) of the uploads, written once.
//!
//! A [`Form`] holds text parts and at most a few file parts; a file comes from memory or streams
//! from disk in 64 KiB chunks, so uploading a file of any size costs a bounded amount of memory.
//! The body declares its exact length (hyper sends it as `Content-Length`), since every part's
//! size is known before sending.
//!
//! Names and file names are written as browsers write them (the WHATWG HTML "multipart/form-data
//! encoding algorithm"): `"`, CR and LF become `%22`, `%0D` and `%0A`, and so do the other ASCII
//! control characters (`%09`, ...), which strict parsers refuse in a header; other characters,
//! UTF-8 included, are sent as they are. The boundary is 128 random bits, and it is checked not to
//! occur in any buffered part; a streamed file cannot be checked, but 128 random bits do not
//! occur by accident.
//!
//! Why an encoder of our own rather than a crate: the exact length. With it hyper sends a
//! `Content-Length` instead of chunked transfer encoding, which not every reverse proxy or WSGI
//! server in front of Paperless-ngx accepts for an upload, and a file streamed from disk still
//! costs 64 KiB of memory; the general-purpose encoders either belong to an HTTP client
//! (reqwest's) or produce a stream of unknown length. The parsing side is a crate (`multer`, in
//! the tests and the test kit).

use std::collections::VecDeque;
use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::task::{Context, Poll};
use std::time::{SystemTime, UNIX_EPOCH};

use bytes::{Bytes, BytesMut};
use http::HeaderValue;
use http_body::{Frame, SizeHint};
use paperless_transport::{Body, BoxError};
use tokio::io::{AsyncRead, ReadBuf};

/// How much of a streamed file is read per chunk.
const CHUNK: usize = 64 * 1024;

/// A multipart form under construction.
#[derive(Debug, Default)]
pub(crate) struct Form {
    parts: Vec<Part>,
}

#[derive(Debug)]
struct Part {
    name: String,
    filename: Option<String>,
    content_type: Option<String>,
    body: PartBody,
}

#[derive(Debug)]
enum PartBody {
    Bytes(Bytes),
    File { file: tokio::fs::File, len: u64 },
}

impl Form {
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// Adds a text field.
    pub(crate) fn text(&mut self, name: impl Into<String>, value: impl Into<String>) {
        self.parts.push(Part {
            name: name.into(),
            filename: None,
            content_type: None,
            body: PartBody::Bytes(Bytes::from(value.into())),
        });
    }

    /// Adds a file held in memory.
    pub(crate) fn file_bytes(
        &mut self,
        name: impl Into<String>,
        filename: impl Into<String>,
        content_type: impl Into<String>,
        bytes: Bytes,
    ) {
        self.parts.push(Part {
            name: name.into(),
            filename: Some(filename.into()),
            content_type: Some(content_type.into()),
            body: PartBody::Bytes(bytes),
        });
    }

    /// Adds a file read from disk while the body is sent: exactly `len` bytes are sent, and the
    /// body fails if the file turns out shorter or longer.
    pub(crate) fn file_stream(
        &mut self,
        name: impl Into<String>,
        filename: impl Into<String>,
        content_type: impl Into<String>,
        file: tokio::fs::File,
        len: u64,
    ) {
        self.parts.push(Part {
            name: name.into(),
            filename: Some(filename.into()),
            content_type: Some(content_type.into()),
            body: PartBody::File { file, len },
        });
    }

    /// Encodes the form: its `Content-Type` (with the boundary) and its body. The body is
    /// buffered (and so could be resent) when every part is in memory, and streamed (sent once,
    /// never retried) when a file comes from disk.
    pub(crate) fn finish(self) -> (HeaderValue, Body) {
        let (boundary, segments) = self.encode();
        // The boundary is ASCII letters, digits and '-'; the value is always a valid header.
        let content_type =
            HeaderValue::from_str(&format!("multipart/form-data; boundary={boundary}"))
                .unwrap_or_else(|_| HeaderValue::from_static("multipart/form-data"));
        let streamed = segments.iter().any(|s| matches!(s, Segment::File { .. }));
        let body = if streamed {
            Body::from_stream(MultipartBody::new(segments))
        } else {
            let mut all = BytesMut::new();
            for segment in segments {
                if let Segment::Bytes(bytes) = segment {
                    all.extend_from_slice(&bytes);
                }
            }
            Body::from(all.freeze())
        };
        (content_type, body)
    }

    /// Picks a boundary that occurs in no buffered part and lays out the body.
    fn encode(self) -> (String, VecDeque<Segment>) {
        let mut boundary = random_boundary();
        // A clash is astronomically unlikely; a fresh boundary settles it.
        while self.parts.iter().any(|p| p.contains(&boundary)) {
            boundary = random_boundary();
        }
        let mut segments = VecDeque::new();
        for part in self.parts {
            let mut head = format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{}\"",
                escape(&part.name)
            );
            if let Some(filename) = &part.filename {
                head.push_str(&format!("; filename=\"{}\"", escape(filename)));
            }
            head.push_str("\r\n");
            if let Some(content_type) = &part.content_type {
                head.push_str(&format!("Content-Type: {}\r\n", strip_breaks(content_type)));
            }
            head.push_str("\r\n");
            segments.push_back(Segment::Bytes(Bytes::from(head)));
            match part.body {
                PartBody::Bytes(bytes) => segments.push_back(Segment::Bytes(bytes)),
                PartBody::File { file, len } => segments.push_back(Segment::File {
                    file,
                    remaining: len,
                }),
            }
            segments.push_back(Segment::Bytes(Bytes::from_static(b"\r\n")));
        }
        segments.push_back(Segment::Bytes(Bytes::from(format!("--{boundary}--\r\n"))));
        (boundary, segments)
    }
}

/// The fuzzing entry to the encoder (compiled only with `--cfg fuzzing`, which cargo-fuzz sets):
/// the boundary and the bytes of a buffered form of `fields` (text parts) and one file part
/// `document` named `filename`.
#[cfg(fuzzing)]
#[must_use]
pub fn encode_for_fuzzing(
    fields: &[(String, String)],
    filename: &str,
    content: &[u8],
) -> (String, Vec<u8>) {
    let mut form = Form::new();
    for (name, value) in fields {
        form.text(name.clone(), value.clone());
    }
    form.file_bytes(
        "document",
        filename,
        "application/octet-stream",
        Bytes::copy_from_slice(content),
    );
    let (boundary, segments) = form.encode();
    let mut all = Vec::new();
    for segment in segments {
        if let Segment::Bytes(bytes) = segment {
            all.extend_from_slice(&bytes);
        }
    }
    (boundary, all)
}

impl Part {
    /// Whether `boundary` occurs in the buffered parts of this part.
    fn contains(&self, boundary: &str) -> bool {
        let needle = boundary.as_bytes();
        let found = |hay: &[u8]| hay.windows(needle.len()).any(|w| w == needle);
        found(self.name.as_bytes())
            || self
                .filename
                .as_deref()
                .is_some_and(|f| found(f.as_bytes()))
            || self
                .content_type
                .as_deref()
                .is_some_and(|c| found(c.as_bytes()))
            || matches!(&self.body, PartBody::Bytes(b) if found(b))
    }
}

/// Escapes a field name or file name for a quoted `Content-Disposition` parameter, as browsers
/// do: `"` → `%22`, CR → `%0D`, LF → `%0A`; and, beyond browsers, every other ASCII control
/// character as `%XX` too, since strict header parsers (httparse, hence multer, and some proxies)
/// refuse a header holding one, and a file on disk may be named with one (fuzzing found this).
pub(crate) fn escape(text: &str) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("%22"),
            c if c.is_ascii_control() => {
                let _ = write!(out, "%{:02X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

/// A content type is a header value: line breaks would end the header.
fn strip_breaks(text: &str) -> String {
    text.chars().filter(|c| *c != '\r' && *c != '\n').collect()
}

/// 128 bits from two independently keyed SipHash instances (std's per-process random keys), a
/// counter and the clock: unpredictable enough to never collide with file content by accident.
fn random_boundary() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let mut halves = [0u64; 2];
    for (i, half) in halves.iter_mut().enumerate() {
        let mut hasher = RandomState::new().build_hasher();
        hasher.write_u64(count);
        hasher.write_u128(nanos);
        hasher.write_usize(i);
        *half = hasher.finish();
    }
    format!("paperless-rs-{:016x}{:016x}", halves[0], halves[1])
}

/// One piece of the encoded body.
#[derive(Debug)]
enum Segment {
    Bytes(Bytes),
    File {
        file: tokio::fs::File,
        remaining: u64,
    },
}

/// The streamed body: segments in order, files read chunk by chunk. Its size hint is exact.
#[derive(Debug)]
struct MultipartBody {
    segments: VecDeque<Segment>,
    remaining: u64,
    /// A file that has been read to its declared length, checked for growth once more.
    exhausted: Option<tokio::fs::File>,
}

impl MultipartBody {
    fn new(segments: VecDeque<Segment>) -> Self {
        let remaining = segments
            .iter()
            .map(|s| match s {
                Segment::Bytes(b) => b.len() as u64,
                Segment::File { remaining, .. } => *remaining,
            })
            .sum();
        Self {
            segments,
            remaining,
            exhausted: None,
        }
    }
}

fn changed_size(grew: bool) -> BoxError {
    let what = if grew { "grew" } else { "shrank" };
    Box::new(std::io::Error::other(format!(
        "the uploaded file {what} while it was being sent; upload a file that is not being written to"
    )))
}

impl http_body::Body for MultipartBody {
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        let this = self.get_mut();
        if let Some(file) = this.exhausted.as_mut() {
            // One more read: a file longer than announced would be cut off silently otherwise.
            let mut probe = [0u8; 1];
            let mut buf = ReadBuf::new(&mut probe);
            match Pin::new(file).poll_read(cx, &mut buf) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(Err(e)) => return Poll::Ready(Some(Err(Box::new(e)))),
                Poll::Ready(Ok(())) if !buf.filled().is_empty() => {
                    return Poll::Ready(Some(Err(changed_size(true))));
                }
                Poll::Ready(Ok(())) => this.exhausted = None,
            }
        }
        loop {
            let Some(segment) = this.segments.front_mut() else {
                return Poll::Ready(None);
            };
            match segment {
                Segment::Bytes(bytes) => {
                    let bytes = std::mem::take(bytes);
                    this.segments.pop_front();
                    if bytes.is_empty() {
                        continue;
                    }
                    this.remaining = this.remaining.saturating_sub(bytes.len() as u64);
                    return Poll::Ready(Some(Ok(Frame::data(bytes))));
                }
                Segment::File { file, remaining } => {
                    if *remaining == 0 {
                        if let Some(Segment::File { file, .. }) = this.segments.pop_front() {
                            this.exhausted = Some(file);
                        }
                        return Pin::new(this).poll_frame(cx);
                    }
                    let want = usize::try_from(*remaining).unwrap_or(CHUNK).min(CHUNK);
                    let mut chunk = BytesMut::zeroed(want);
                    let mut buf = ReadBuf::new(&mut chunk);
                    match Pin::new(file).poll_read(cx, &mut buf) {
                        Poll::Pending => return Poll::Pending,
                        Poll::Ready(Err(e)) => return Poll::Ready(Some(Err(Box::new(e)))),
                        Poll::Ready(Ok(())) => {
                            let n = buf.filled().len();
                            if n == 0 {
                                return Poll::Ready(Some(Err(changed_size(false))));
                            }
                            chunk.truncate(n);
                            *remaining -= n as u64;
                            this.remaining = this.remaining.saturating_sub(n as u64);
                            return Poll::Ready(Some(Ok(Frame::data(chunk.freeze()))));
                        }
                    }
                }
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        self.segments.is_empty() && self.exhausted.is_none()
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::with_exact(self.remaining)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http_body_util::BodyExt;

    #[test]
    fn escapes_like_browsers() {
        assert_eq!(escape("a\"b\r\nc.pdf"), "a%22b%0D%0Ac.pdf");
        assert_eq!(escape("Rechnung März.pdf"), "Rechnung März.pdf");
        // Beyond browsers: the other controls, which strict header parsers refuse.
        assert_eq!(escape("a\u{18}b\tc\u{7f}.pdf"), "a%18b%09c%7F.pdf");
    }

    #[test]
    fn boundaries_are_128_bits_and_differ() {
        let a = random_boundary();
        let b = random_boundary();
        assert_ne!(a, b);
        assert_eq!(a.len(), "paperless-rs-".len() + 32);
        assert!(a.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-'));
    }

    #[tokio::test]
    async fn buffered_forms_are_laid_out_exactly() {
        let mut form = Form::new();
        form.text("title", "Scan");
        form.text("tags", "9");
        form.text("tags", "6");
        form.file_bytes(
            "document",
            "a\"b.txt",
            "text/plain",
            Bytes::from_static(b"hello"),
        );
        let (content_type, body) = form.finish();
        assert!(body.is_buffered());
        let ct = content_type.to_str().unwrap_or_default().to_owned();
        let boundary = ct
            .strip_prefix("multipart/form-data; boundary=")
            .unwrap_or_default()
            .to_owned();
        let bytes = body
            .collect()
            .await
            .map(|c| c.to_bytes())
            .unwrap_or_default();
        let expected = format!(
            "--{b}\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nScan\r\n\
             --{b}\r\nContent-Disposition: form-data; name=\"tags\"\r\n\r\n9\r\n\
             --{b}\r\nContent-Disposition: form-data; name=\"tags\"\r\n\r\n6\r\n\
             --{b}\r\nContent-Disposition: form-data; name=\"document\"; filename=\"a%22b.txt\"\r\n\
             Content-Type: text/plain\r\n\r\nhello\r\n--{b}--\r\n",
            b = boundary
        );
        assert_eq!(String::from_utf8_lossy(&bytes), expected);
    }
}
