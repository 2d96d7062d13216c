//! The file types Paperless-ngx consumes: the MIME types its parsers accept (the same in 2.x and
//! 3.x), their file name extensions, and which parser reads each.
//!
//! The server decides a file's type from its bytes (libmagic), not from the name or the
//! `Content-Type` of the upload, and refuses a type no parser accepts (`Unsupported mime type`).
//! A client uses this table to label an upload and to tell early that a file will be refused; a
//! test server uses it to type what it is sent.
//!
//! ```
//! use paperless_types::file_type::{FileType, Parser};
//!
//! let scan = FileType::from_file_name("Scan 2025-01-31.PDF").unwrap();
//! assert_eq!(scan.mime_type, "application/pdf");
//! assert_eq!(scan.parser, Parser::Tesseract);
//! assert_eq!(FileType::from_file_name("notes.md"), None);
//! assert_eq!(FileType::from_mime_type("image/jpeg").unwrap().extension(), "jpg");
//! ```

/// The server's parser that consumes a [`FileType`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Parser {
    /// OCR with Tesseract (OCRmyPDF): PDF files and images.
    Tesseract,
    /// Plain text and CSV, read as they are.
    Text,
    /// Office documents, converted by Apache Tika and Gotenberg: only on a server with
    /// `PAPERLESS_TIKA_ENABLED`.
    Tika,
    /// E-mail files (`.eml`).
    Mail,
}

/// One file type Paperless-ngx consumes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FileType {
    /// The MIME type, as the server stores it in a document's `mime_type`.
    pub mime_type: &'static str,
    /// File name extensions of the type, lower case and without the dot; the server's
    /// preferred one (its parser's, used for archive and download names) first.
    pub extensions: &'static [&'static str],
    /// The parser that consumes it.
    pub parser: Parser,
}

const fn file_type(
    mime_type: &'static str,
    extensions: &'static [&'static str],
    parser: Parser,
) -> FileType {
    FileType {
        mime_type,
        extensions,
        parser,
    }
}

/// Every type the server's parsers accept (`supported_mime_types()` of the Tesseract, text, Tika
/// and mail parsers in Paperless-ngx 3.0; the parsers' `mime_types` in 2.20), with the
/// extensions Python's `mimetypes` knows for each. Where one extension has two types (`csv`),
/// the first listed is the one [`FileType::from_extension`] gives.
pub const SUPPORTED: &[FileType] = &[
    file_type("application/pdf", &["pdf"], Parser::Tesseract),
    file_type(
        "image/jpeg",
        &["jpg", "jpeg", "jpe", "jfif"],
        Parser::Tesseract,
    ),
    file_type("image/png", &["png"], Parser::Tesseract),
    file_type("image/tiff", &["tif", "tiff"], Parser::Tesseract),
    file_type("image/gif", &["gif"], Parser::Tesseract),
    file_type("image/bmp", &["bmp"], Parser::Tesseract),
    file_type("image/webp", &["webp"], Parser::Tesseract),
    file_type("image/heic", &["heic"], Parser::Tesseract),
    file_type("text/plain", &["txt", "text"], Parser::Text),
    file_type("text/csv", &["csv"], Parser::Text),
    file_type("application/csv", &["csv"], Parser::Text),
    file_type("application/msword", &["doc", "dot"], Parser::Tika),
    file_type(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        &["docx"],
        Parser::Tika,
    ),
    file_type("application/vnd.ms-excel", &["xls"], Parser::Tika),
    file_type(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        &["xlsx"],
        Parser::Tika,
    ),
    file_type(
        "application/vnd.ms-powerpoint",
        &["ppt", "pps"],
        Parser::Tika,
    ),
    file_type(
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        &["pptx"],
        Parser::Tika,
    ),
    file_type(
        "application/vnd.openxmlformats-officedocument.presentationml.slideshow",
        &["ppsx"],
        Parser::Tika,
    ),
    file_type(
        "application/vnd.oasis.opendocument.presentation",
        &["odp"],
        Parser::Tika,
    ),
    file_type(
        "application/vnd.oasis.opendocument.spreadsheet",
        &["ods"],
        Parser::Tika,
    ),
    file_type(
        "application/vnd.oasis.opendocument.text",
        &["odt"],
        Parser::Tika,
    ),
    file_type(
        "application/vnd.oasis.opendocument.graphics",
        &["odg"],
        Parser::Tika,
    ),
    file_type("text/rtf", &["rtf"], Parser::Tika),
    file_type("message/rfc822", &["eml"], Parser::Mail),
];

impl FileType {
    /// The type of a MIME type the server accepts (parameters such as `; charset=utf-8` and
    /// letter case ignored); `None` for a type it refuses.
    #[must_use]
    pub fn from_mime_type(mime_type: &str) -> Option<&'static FileType> {
        let essence = mime_type.split(';').next().unwrap_or_default().trim();
        SUPPORTED
            .iter()
            .find(|t| t.mime_type.eq_ignore_ascii_case(essence))
    }

    /// The type of a file name extension (without the dot, any case); `None` when no type the
    /// server accepts has it.
    #[must_use]
    pub fn from_extension(extension: &str) -> Option<&'static FileType> {
        SUPPORTED.iter().find(|t| {
            t.extensions
                .iter()
                .any(|e| e.eq_ignore_ascii_case(extension))
        })
    }

    /// The type of a file by the extension of its name (`Scan.PDF`, `a.b.jpeg`); `None` without
    /// an extension or for one no accepted type has.
    #[must_use]
    pub fn from_file_name(file_name: &str) -> Option<&'static FileType> {
        let (_, extension) = file_name.rsplit_once('.')?;
        Self::from_extension(extension)
    }

    /// The server's preferred extension of the type (without the dot).
    #[must_use]
    pub fn extension(&self) -> &'static str {
        self.extensions.first().copied().unwrap_or_default()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn every_type_has_a_preferred_extension_and_is_found_by_it() {
        for t in SUPPORTED {
            assert!(!t.extension().is_empty(), "{t:?}");
            let by_mime = FileType::from_mime_type(t.mime_type).unwrap();
            assert_eq!(by_mime, t);
            for e in t.extensions {
                assert_eq!(e.to_ascii_lowercase(), *e);
                // `csv` has two types; the first listed wins.
                let found = FileType::from_extension(e).unwrap();
                assert!(found == t || *e == "csv", "{e}");
            }
        }
    }

    #[test]
    fn lookups_ignore_case_and_parameters() {
        let text = FileType::from_mime_type("Text/Plain; charset=utf-8").unwrap();
        assert_eq!((text.mime_type, text.parser), ("text/plain", Parser::Text));
        assert_eq!(
            FileType::from_file_name("a.b.JPEG").unwrap().mime_type,
            "image/jpeg"
        );
        assert_eq!(
            FileType::from_extension("csv").unwrap().mime_type,
            "text/csv"
        );
        assert_eq!(FileType::from_file_name("README"), None);
        assert_eq!(FileType::from_file_name("page.html"), None);
        assert_eq!(FileType::from_mime_type("text/html"), None);
        assert_eq!(
            FileType::from_file_name("letter.docx").unwrap().parser,
            Parser::Tika
        );
    }
}
