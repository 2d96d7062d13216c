//! Downloaded files: [`Download`], a streamed response body with what its headers say about it,
//! and [`PublicShares`], the unauthenticated client for public share links.
//!
//! Every file endpoint (`download/`, `preview/`, `thumb/`, `bulk_download/`, `/share/{slug}`)
//! answers with a [`Download`]. Its body is never collected by this crate: it is a stream of
//! [`Bytes`] chunks as they arrive, so memory stays bounded whatever the file size. Read it as a
//! [`Stream`], write it to a file with [`Download::save_to`], or collect it with
//! [`Download::bytes`] when the file is known to be small.
//!
//! ```no_run
//! # async fn run(client: paperless_client::Paperless) -> Result<(), Box<dyn std::error::Error>> {
//! let file = client.documents().download(23).await?; //   GET /api/documents/23/download/
//! println!("{:?} {:?}", file.filename(), file.content_type());
//! let written = file.save_to("invoice.pdf").await?; //      streamed to disk
//! # let _ = written; Ok(()) }
//! ```

use std::fmt;
use std::path::Path;
use std::pin::Pin;
use std::task::{Context as TaskContext, Poll};

use bytes::{Bytes, BytesMut};
use futures_core::Stream;
use http::header::{ACCEPT, CONTENT_DISPOSITION, CONTENT_LENGTH, CONTENT_TYPE, HeaderValue};
use http::{HeaderMap, Method, StatusCode};
use http_body::Body as _;
use paperless_transport::{BaseUrl, BuildError, ResponseBody, TransportBuilder};
use tokio::io::AsyncWriteExt;

use crate::client::Paperless;
pub use crate::error::SaveError;
use crate::error::{Error, InvalidInput, Result};
use crate::operation::Operation;
use crate::request::{ApiRequest, is_path_segment};
use crate::response::{Context, Success, api_error};

/// Whether the server wants the file shown or saved (`Content-Disposition`'s type).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Disposition {
    /// `inline`: meant to be displayed (previews, thumbnails, share links).
    Inline,
    /// `attachment`: meant to be saved (downloads).
    Attachment,
    /// Another type, lowercased.
    Other(String),
}

/// A file the server is sending: its content type, disposition, file name and length from the
/// response headers, and its body as a stream of chunks.
///
/// The body is read only as the stream is polled; dropping the `Download` closes the connection
/// (or returns it to the pool once read). It implements [`Stream`] of `Result<Bytes>`; a
/// connection that fails mid-body yields [`Error::Transport`]. Downloads are not covered by the
/// transport's per-attempt timeout (which ends when the response head arrives): wrap slow reads
/// in your own timeout if you need one.
pub struct Download {
    ctx: Context,
    status: StatusCode,
    headers: HeaderMap,
    disposition: Option<Disposition>,
    filename: Option<String>,
    body: ResponseBody,
    done: bool,
}

impl Download {
    pub(crate) fn new(success: Success) -> Self {
        let (ctx, response) = success.into_parts();
        let (parts, body) = response.into_parts();
        let (disposition, filename) = parts
            .headers
            .get(CONTENT_DISPOSITION)
            .map(|v| parse_content_disposition(&String::from_utf8_lossy(v.as_bytes())))
            .unwrap_or_default();
        Self {
            ctx,
            status: parts.status,
            headers: parts.headers,
            disposition,
            filename,
            body,
            done: false,
        }
    }

    /// The response's `Content-Type`, such as `application/pdf` or `image/webp`.
    #[must_use]
    pub fn content_type(&self) -> Option<&str> {
        self.headers
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
    }

    /// Whether the file is meant to be shown (`inline`) or saved (`attachment`).
    #[must_use]
    pub fn disposition(&self) -> Option<&Disposition> {
        self.disposition.as_ref()
    }

    /// The file name the server suggests: the RFC 5987 `filename*` parameter when present
    /// (decoded from its charset), else `filename` (RFC 6266).
    ///
    /// It comes from the server as it is and may contain path separators, `..` or control
    /// characters: never join it onto a directory; use [`Download::safe_filename`] for that.
    #[must_use]
    pub fn filename(&self) -> Option<&str> {
        self.filename.as_deref()
    }

    /// The server's file name made safe to create in a directory: only its last path component
    /// (after `/` or `\`), without control characters, with characters that Windows forbids in
    /// names (`<>:"|?*`) replaced by `_`, without leading or trailing dots and spaces, at most
    /// [`MAX_FILENAME_BYTES`] bytes (the extension kept), and `download` when nothing usable is
    /// left or the server sent no name. [`Download::save_to`] of a directory uses it.
    #[must_use]
    pub fn safe_filename(&self) -> String {
        sanitize_filename(self.filename.as_deref().unwrap_or_default())
    }

    /// The body's length in bytes from `Content-Length`, when the server sends one (not for
    /// compressed or chunked bodies).
    #[must_use]
    pub fn content_length(&self) -> Option<u64> {
        self.headers
            .get(CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse().ok())
    }

    /// The HTTP status of the response (200, or 206 for a range).
    #[must_use]
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// Every response header.
    #[must_use]
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// Reads the whole body into memory. Use it for thumbnails and small files; prefer the
    /// stream or [`Download::save_to`] for documents of unknown size.
    ///
    /// # Errors
    /// [`Error::Transport`] when the connection fails before the body is complete.
    pub async fn bytes(mut self) -> Result<Bytes> {
        let capacity = self
            .content_length()
            .and_then(|n| usize::try_from(n.min(64 * 1024 * 1024)).ok())
            .unwrap_or(0);
        let mut all = BytesMut::with_capacity(capacity);
        while let Some(chunk) = futures_util::StreamExt::next(&mut self).await {
            all.extend_from_slice(&chunk?);
        }
        Ok(all.freeze())
    }

    /// Writes the body to a new file at `path` (replacing an existing one) as it arrives, chunk
    /// by chunk, and returns the number of bytes written. When `path` is an existing directory,
    /// the file is created in it under [`Download::safe_filename`], never outside it. The file
    /// is flushed before returning; after an error it holds what arrived so far.
    ///
    /// # Errors
    /// [`SaveError::Download`] when the connection fails, [`SaveError::Io`] when the file
    /// cannot be created or written.
    pub async fn save_to(mut self, path: impl AsRef<Path>) -> Result<u64, SaveError> {
        let path = path.as_ref();
        let joined;
        let path = if tokio::fs::metadata(path).await.is_ok_and(|m| m.is_dir()) {
            joined = path.join(self.safe_filename());
            joined.as_path()
        } else {
            path
        };
        let io = |source| SaveError::Io {
            path: path.to_path_buf(),
            source,
        };
        let mut file = tokio::fs::File::create(path).await.map_err(io)?;
        let mut written = 0u64;
        while let Some(chunk) = futures_util::StreamExt::next(&mut self).await {
            let chunk = chunk.map_err(SaveError::Download)?;
            file.write_all(&chunk).await.map_err(io)?;
            written += chunk.len() as u64;
        }
        file.flush().await.map_err(io)?;
        Ok(written)
    }
}

impl Stream for Download {
    type Item = Result<Bytes>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut TaskContext<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if this.done {
                return Poll::Ready(None);
            }
            match Pin::new(&mut this.body).poll_frame(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(None) => {
                    this.done = true;
                    return Poll::Ready(None);
                }
                Poll::Ready(Some(Err(e))) => {
                    this.done = true;
                    return Poll::Ready(Some(Err(this.ctx.transport(e))));
                }
                Poll::Ready(Some(Ok(frame))) => {
                    // Trailers carry no file content.
                    if let Ok(data) = frame.into_data()
                        && !data.is_empty()
                    {
                        return Poll::Ready(Some(Ok(data)));
                    }
                }
            }
        }
    }
}

impl fmt::Debug for Download {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Download")
            .field("operation", &format_args!("{}", self.ctx.operation))
            .field("status", &self.status)
            .field("content_type", &self.content_type())
            .field("disposition", &self.disposition)
            .field("filename", &self.filename)
            .field("content_length", &self.content_length())
            .finish_non_exhaustive()
    }
}

/// Sends a request whose answer is a file.
pub(crate) async fn fetch(client: &Paperless, request: ApiRequest) -> Result<Download> {
    Ok(Download::new(client.execute(request).await?))
}

/// Downloads public share links (`GET /share/{slug}`) without credentials.
///
/// Share links need no login: the slug is the credential. The transport adds the client's
/// `Authorization` header to **every** request it sends (its auth layer overrides whatever a
/// request carries), and no layer above it can take the header off again, so a share download
/// through your authenticated [`Paperless`] would hand your API token to whoever serves the
/// link. `PublicShares` therefore sends through its own client, built without credentials.
///
/// ```no_run
/// use paperless_client::download::PublicShares;
/// use paperless_client::transport::BaseUrl;
///
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// let shares = PublicShares::new(BaseUrl::parse("https://paperless.example.com")?)?;
/// if let Some(file) = shares.download("Zm27svbpH0RPbc7bxXPSfrDObgZnP180FDidCawngJqbFN2PWq").await? {
///     file.save_to("shared.pdf").await?;
/// }
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct PublicShares {
    client: Paperless,
}

impl PublicShares {
    /// Share downloads from the installation at `base`, over the default transport
    /// ([`TransportBuilder`] defaults, no credentials).
    ///
    /// # Errors
    /// [`BuildError`] when the transport cannot be built (an `https` base URL without trusted
    /// roots).
    pub fn new(base: BaseUrl) -> Result<Self, BuildError> {
        let service = TransportBuilder::new(base.clone()).build()?;
        Ok(Self {
            client: Paperless::from_service(service, base),
        })
    }

    /// Share downloads through `client`, which must have been built **without** credentials
    /// (for example `TransportBuilder::new(base).auth(Auth::none())` with your TLS options, then
    /// [`Paperless::from_service`]).
    #[must_use]
    pub fn from_client(client: Paperless) -> Self {
        Self { client }
    }

    /// Downloads the file or zip bundle behind `slug` (the last part of a share link,
    /// [`ShareLink::slug`](paperless_types::share_link::ShareLink::slug)).
    ///
    /// Returns `None` when the link does not exist or has expired: the server then redirects to
    /// its login page (302) instead of answering 404.
    ///
    /// # Errors
    /// [`Error::Invalid`] for a slug that is not one plain path segment (letters, digits, `_`,
    /// `-`, `.`), such as a whole link or one with `/` or `?` in it (nothing is sent);
    /// [`Error::Api`] with status 202 while a bundle's zip is still being built (try again
    /// later), 503 when building it failed; transport errors.
    pub async fn download(&self, slug: &str) -> Result<Option<Download>> {
        if !is_path_segment(slug) {
            // The slug is a credential: the message describes it, never quotes it.
            return Err(InvalidInput::new(
                "share.download: a share link slug is the last part of the link (letters and \
                 digits), without '/', '?' or the rest of the URL",
            )
            .into());
        }
        // The slug is a credential: errors and traces show `/share/<slug>`.
        let request = ApiRequest::new(
            Operation::new("share", "download"),
            Method::GET,
            format!("/share/{slug}"),
        )
        .shown_path("/share/<slug>")
        // A file, not an API answer: no version to ask for, and so no negotiation (whose probe
        // needs the credentials this client does not have).
        .header(ACCEPT, HeaderValue::from_static("*/*"));
        let success = match self.client.execute(request).await {
            Ok(success) => success,
            Err(e) if e.status() == Some(StatusCode::FOUND) => return Ok(None),
            Err(e) => return Err(e),
        };
        let (ctx, response) = success.into_parts();
        if response.status() == StatusCode::ACCEPTED {
            return Err(Error::Api(
                api_error(ctx, response, self.client.known_server()).await,
            ));
        }
        Ok(Some(Download::new(Success::from_parts(ctx, response))))
    }
}

/// Reads `Content-Disposition` (RFC 6266): the type, and the file name from `filename*`
/// (RFC 5987/8187, preferred) or `filename`.
/// The longest name, in bytes, [`Download::safe_filename`] returns (file systems allow 255).
pub const MAX_FILENAME_BYTES: usize = 200;

/// The name used when the server's is missing or has nothing usable.
const FALLBACK_FILENAME: &str = "download";

/// [`Download::safe_filename`]'s rule, on any text. Public for the fuzz targets only.
#[doc(hidden)]
pub fn sanitize_filename(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = last
        .chars()
        .filter(|c| !c.is_control())
        .map(|c| match c {
            '<' | '>' | ':' | '"' | '|' | '?' | '*' => '_',
            c => c,
        })
        .collect();
    let trimmed = cleaned.trim_matches(|c: char| c == '.' || c.is_whitespace());
    if trimmed.is_empty() {
        return FALLBACK_FILENAME.to_owned();
    }
    if trimmed.len() <= MAX_FILENAME_BYTES {
        return trimmed.to_owned();
    }
    // Keep a short extension; cut the stem at a character boundary.
    let (stem, ext) = match trimmed.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && ext.len() <= 16 => (stem, Some(ext)),
        _ => (trimmed, None),
    };
    let room = MAX_FILENAME_BYTES - ext.map_or(0, |e| e.len() + 1);
    let mut end = room.min(stem.len());
    while !stem.is_char_boundary(end) {
        end -= 1;
    }
    let stem = stem[..end].trim_end_matches(|c: char| c == '.' || c.is_whitespace());
    let stem = if stem.is_empty() {
        FALLBACK_FILENAME
    } else {
        stem
    };
    match ext {
        Some(ext) => format!("{stem}.{ext}"),
        None => stem.to_owned(),
    }
}

/// Reads a `Content-Disposition` value: its type and its file name (`filename*` first).
/// Public for the fuzz targets only.
#[doc(hidden)]
pub fn parse_content_disposition(value: &str) -> (Option<Disposition>, Option<String>) {
    let mut params = split_params(value).into_iter();
    let disposition = params.next().and_then(|(kind, _)| {
        let kind = kind.trim().to_ascii_lowercase();
        match kind.as_str() {
            "" => None,
            "inline" => Some(Disposition::Inline),
            "attachment" => Some(Disposition::Attachment),
            _ => Some(Disposition::Other(kind)),
        }
    });
    let mut plain = None;
    let mut extended = None;
    for (name, value) in params {
        let Some(value) = value else { continue };
        match name.trim().to_ascii_lowercase().as_str() {
            "filename*" => extended = extended.or_else(|| decode_ext_value(&value)),
            "filename" => plain = plain.or(Some(value)),
            _ => {}
        }
    }
    let filename = extended.or_else(|| plain.map(|p| unquote_single(&p)));
    (disposition, filename.filter(|f| !f.is_empty()))
}

/// Splits `type; a=b; c="d;e"` into `(name, value)` pairs, honouring quoted strings and their
/// backslash escapes. The first pair is the type, without value.
fn split_params(header: &str) -> Vec<(String, Option<String>)> {
    let mut out = Vec::new();
    let mut chars = header.chars().peekable();
    loop {
        let mut name = String::new();
        while let Some(&c) = chars.peek() {
            if c == ';' || c == '=' {
                break;
            }
            name.push(c);
            chars.next();
        }
        let value = if chars.peek() == Some(&'=') {
            chars.next();
            while chars.peek().is_some_and(|c| *c == ' ' || *c == '\t') {
                chars.next();
            }
            let mut value = String::new();
            if chars.peek() == Some(&'"') {
                chars.next();
                while let Some(c) = chars.next() {
                    match c {
                        '"' => break,
                        '\\' => {
                            if let Some(escaped) = chars.next() {
                                value.push(escaped);
                            }
                        }
                        c => value.push(c),
                    }
                }
                // Skip anything between the closing quote and the next ';'.
                while chars.peek().is_some_and(|c| *c != ';') {
                    chars.next();
                }
            } else {
                while let Some(&c) = chars.peek() {
                    if c == ';' {
                        break;
                    }
                    value.push(c);
                    chars.next();
                }
                value = value.trim().to_owned();
            }
            Some(value)
        } else {
            None
        };
        out.push((name.trim().to_owned(), value));
        if chars.next().is_none() {
            break;
        }
    }
    out
}

/// Decodes an RFC 8187 `ext-value`: `charset'language'percent-encoded`. UTF-8 and ISO-8859-1
/// are understood; anything else (or invalid UTF-8) yields `None`, so `filename` is used.
fn decode_ext_value(value: &str) -> Option<String> {
    let mut pieces = value.splitn(3, '\'');
    let charset = pieces.next()?.trim().to_ascii_lowercase();
    let _language = pieces.next()?;
    let encoded = pieces.next()?;
    let bytes = percent_decode(encoded)?;
    match charset.as_str() {
        "utf-8" => String::from_utf8(bytes).ok(),
        "iso-8859-1" => Some(bytes.into_iter().map(char::from).collect()),
        _ => None,
    }
}

/// The bytes of RFC 8187's `value-chars`; `None` when a `%` is not followed by two hex digits
/// (the `ext-value` is malformed, and the plain `filename` is used instead).
fn percent_decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    let well_formed = bytes.iter().enumerate().all(|(i, &b)| {
        b != b'%'
            || bytes
                .get(i + 1..i + 3)
                .is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit))
    });
    well_formed.then(|| percent_encoding::percent_decode(bytes).collect())
}

/// Paperless-ngx writes the share bundle's `filename` in single quotes (`filename='x.zip'`),
/// which RFC 6266 does not know; drop them.
fn unquote_single(value: &str) -> String {
    match value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')) {
        Some(inner) => inner.to_owned(),
        None => value.to_owned(),
    }
}

#[cfg(test)]
mod sanitize_tests {
    use super::{MAX_FILENAME_BYTES, sanitize_filename};

    #[test]
    fn names_lose_paths_controls_and_reserved_characters() {
        assert_eq!(sanitize_filename("../../evil\0.pdf"), "evil.pdf");
        assert_eq!(sanitize_filename("..\\..\\win.pdf"), "win.pdf");
        assert_eq!(sanitize_filename("a:b?.pdf"), "a_b_.pdf");
        assert_eq!(sanitize_filename(".."), "download");
        assert_eq!(sanitize_filename("dir/"), "download");
        assert_eq!(sanitize_filename(""), "download");
        assert_eq!(sanitize_filename(" .hidden. "), "hidden");
        let long = format!("{}.pdf", "é".repeat(300));
        let safe = sanitize_filename(&long);
        assert!(
            safe.len() <= MAX_FILENAME_BYTES && safe.ends_with(".pdf"),
            "{safe}"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(v: &str) -> (Option<Disposition>, Option<String>) {
        parse_content_disposition(v)
    }

    #[test]
    fn reads_the_headers_paperless_sends() {
        assert_eq!(
            parse(
                "attachment; filename=\"2025-01-31 Northwind Bank Bank statement January 2025.pdf\"; filename*=utf-8''2025-01-31%20Northwind%20Bank%20Bank%20statement%20January%202025.pdf"
            ),
            (
                Some(Disposition::Attachment),
                Some("2025-01-31 Northwind Bank Bank statement January 2025.pdf".to_owned())
            )
        );
        assert_eq!(
            parse("inline; filename=\"0000025.webp\""),
            (Some(Disposition::Inline), Some("0000025.webp".to_owned()))
        );
        assert_eq!(
            parse(
                "attachment; filename='paperless-share-QDQS8rzVlV9N.zip'; filename*=utf-8''paperless-share-QDQS8rzVlV9N.zip"
            ),
            (
                Some(Disposition::Attachment),
                Some("paperless-share-QDQS8rzVlV9N.zip".to_owned())
            )
        );
        assert_eq!(
            parse("attachment; filename='bundle.zip'"),
            (Some(Disposition::Attachment), Some("bundle.zip".to_owned()))
        );
    }

    #[test]
    fn prefers_the_extended_name_and_decodes_it() {
        // The ASCII fallback Paperless writes drops the umlaut; filename* keeps it.
        assert_eq!(
            parse("attachment; filename=\"Rechnung Marz.pdf\"; filename*=UTF-8''Rechnung%20M%C3%A4rz.pdf").1,
            Some("Rechnung März.pdf".to_owned())
        );
        assert_eq!(
            parse("attachment; filename*=iso-8859-1'de'M%E4rz.pdf").1,
            Some("März.pdf".to_owned())
        );
        // Invalid encodings fall back to `filename`.
        assert_eq!(
            parse("attachment; filename*=utf-8''%FF%FE.pdf; filename=\"x.pdf\"").1,
            Some("x.pdf".to_owned())
        );
        assert_eq!(
            parse("attachment; filename*=koi8-r''x.pdf; filename=plain.pdf").1,
            Some("plain.pdf".to_owned())
        );
    }

    #[test]
    fn handles_quoting_and_odd_input() {
        assert_eq!(
            parse(r#"attachment; filename="a \"quoted\"; name.pdf""#).1,
            Some(r#"a "quoted"; name.pdf"#.to_owned())
        );
        assert_eq!(
            parse("INLINE;FILENAME=report.pdf"),
            (Some(Disposition::Inline), Some("report.pdf".to_owned()))
        );
        assert_eq!(
            parse("form-data; name=x"),
            (Some(Disposition::Other("form-data".to_owned())), None)
        );
        assert_eq!(parse(""), (None, None));
        assert_eq!(parse("attachment; filename=\"\"").1, None);
        assert_eq!(parse("attachment; filename*=utf-8''%4").1, None);
    }

    #[test]
    fn malformed_escapes_in_the_extended_name_fall_back_to_the_plain_name() {
        // percent_encoding alone would keep "%zz" and "%4" as text; RFC 8187 allows only
        // `%` and two hex digits, so the header's plain `filename` is taken instead.
        for value in ["Rechnung%zz.pdf", "Rechnung%4", "%", "a%2", "%g0.pdf"] {
            assert_eq!(
                parse(&format!(
                    "attachment; filename*=utf-8''{value}; filename=\"fallback.pdf\""
                ))
                .1,
                Some("fallback.pdf".to_owned()),
                "{value}"
            );
        }
        // Escapes of any case, and of bytes that make UTF-8 together.
        assert_eq!(
            parse("attachment; filename*=UTF-8''%e2%82%ac%2Fx.pdf").1,
            Some("€/x.pdf".to_owned())
        );
        // Literal characters outside attr-char (a space, sent by some servers) are kept.
        assert_eq!(
            parse("attachment; filename*=utf-8''two words.pdf").1,
            Some("two words.pdf".to_owned())
        );
    }
}
