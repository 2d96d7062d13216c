//! Share links (one document) and share-link bundles (a zip of several documents), both
//! downloadable without login at `/share/{slug}`.
//!
//! Endpoints:
//! - `GET /api/share_links/` → [`Page`](crate::Page)`<`[`ShareLink`]`>`
//! - `GET /api/share_links/{id}/` → [`ShareLink`]
//! - `POST /api/share_links/` with [`NewShareLink`] → [`ShareLink`] (201)
//! - `DELETE /api/share_links/{id}/` → 204 (share links cannot be changed: PUT/PATCH → 405)
//! - `GET /api/documents/{id}/share_links/` → `Vec<`[`ShareLink`]`>` (unexpired links only)
//! - `GET /api/share_link_bundles/` → [`Page`](crate::Page)`<`[`ShareLinkBundle`]`>`
//! - `GET /api/share_link_bundles/{id}/` → [`ShareLinkBundle`]
//! - `POST /api/share_link_bundles/` with [`NewShareLinkBundle`] → [`ShareLinkBundle`] (201;
//!   the zip is then built by a background task)
//! - `PUT /api/share_link_bundles/{id}/` with [`NewShareLinkBundle`] and
//!   `PATCH /api/share_link_bundles/{id}/` with [`ShareLinkBundlePatch`] → [`ShareLinkBundle`]
//! - `POST /api/share_link_bundles/{id}/rebuild/` → [`ShareLinkBundle`] (status back to pending)
//! - `DELETE /api/share_link_bundles/{id}/` → 204
//! - `GET /share/{slug}` (no authentication) → the file or the zip (no model)

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::ids::{DocumentId, ShareLinkBundleId, ShareLinkId};

crate::open_enum::string_enum! {
    /// Which file a share link serves.
    pub enum FileVersion {
        /// The archived (OCRed PDF) version, falling back to the original when there is none.
        /// The server's default.
        Archive => "archive",
        /// The original uploaded file.
        Original => "original",
    }
}

crate::open_enum::string_enum! {
    /// Build state of a share-link bundle's zip file.
    pub enum ShareLinkBundleStatus {
        /// Waiting for the build task.
        Pending => "pending",
        /// The zip is being built.
        Processing => "processing",
        /// The zip is ready for download.
        Ready => "ready",
        /// Building failed; see `last_error`.
        Failed => "failed",
    }
}

/// A public link to one document (`/api/share_links/{id}/`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ShareLink {
    /// Primary key.
    pub id: ShareLinkId,
    /// When the link was created.
    pub created: DateTime<FixedOffset>,
    /// When the link stops working; `None` for never.
    #[serde(default)]
    pub expiration: Option<DateTime<FixedOffset>>,
    /// The random 50-character slug: the link is `{base_url}/share/{slug}`.
    pub slug: String,
    /// The shared document.
    pub document: DocumentId,
    /// Which file the link serves.
    pub file_version: FileVersion,
}

impl ShareLink {
    /// A link that never expires (for servers and tests).
    #[must_use]
    pub fn new(
        id: ShareLinkId,
        created: DateTime<FixedOffset>,
        slug: impl Into<String>,
        document: DocumentId,
        file_version: FileVersion,
    ) -> Self {
        Self {
            id,
            created,
            expiration: None,
            slug: slug.into(),
            document,
            file_version,
        }
    }

    /// The link's path on the server, to join onto the base URL: `/share/{slug}`.
    #[must_use]
    pub fn path(&self) -> String {
        format!("/share/{}", self.slug)
    }
}

/// Body of `POST /api/share_links/`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct NewShareLink {
    /// The document to share (the user needs view permission on it).
    pub document: DocumentId,
    /// Which file to serve; the server defaults to [`FileVersion::Archive`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_version: Option<FileVersion>,
    /// When the link expires; always sent, `null` for never.
    #[serde(default)]
    pub expiration: Option<DateTime<FixedOffset>>,
}

impl NewShareLink {
    /// A link to this document that never expires, serving the server's default file.
    #[must_use]
    pub fn new(document: DocumentId) -> Self {
        Self {
            document,
            file_version: None,
            expiration: None,
        }
    }

    /// Serves this file version.
    #[must_use]
    pub fn file_version(mut self, file_version: FileVersion) -> Self {
        self.file_version = Some(file_version);
        self
    }

    /// Expires the link at this time.
    #[must_use]
    pub fn expiration(mut self, expiration: DateTime<FixedOffset>) -> Self {
        self.expiration = Some(expiration);
        self
    }
}

/// A public link to a zip of several documents (`/api/share_link_bundles/{id}/`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ShareLinkBundle {
    /// Primary key.
    pub id: ShareLinkBundleId,
    /// When the bundle was created.
    pub created: DateTime<FixedOffset>,
    /// When the link stops working; `None` for never.
    #[serde(default)]
    pub expiration: Option<DateTime<FixedOffset>>,
    /// The random 50-character slug: the link is `{base_url}/share/{slug}`.
    pub slug: String,
    /// Which file of each document goes into the zip.
    pub file_version: FileVersion,
    /// Build state of the zip.
    pub status: ShareLinkBundleStatus,
    /// Size of the built zip in bytes; `None` until built.
    #[serde(default)]
    pub size_bytes: Option<u64>,
    /// Why the last build failed, if it did.
    #[serde(default)]
    pub last_error: Option<String>,
    /// When the zip was last built; `None` until built.
    #[serde(default)]
    pub built_at: Option<DateTime<FixedOffset>>,
    /// The bundled documents, in bundle order.
    #[serde(default)]
    pub documents: Vec<DocumentId>,
    /// Number of bundled documents.
    #[serde(default)]
    pub document_count: u64,
}

impl ShareLinkBundle {
    /// A bundle that never expires, not built yet, without documents (for servers and tests).
    #[must_use]
    pub fn new(
        id: ShareLinkBundleId,
        created: DateTime<FixedOffset>,
        slug: impl Into<String>,
        file_version: FileVersion,
        status: ShareLinkBundleStatus,
    ) -> Self {
        Self {
            id,
            created,
            expiration: None,
            slug: slug.into(),
            file_version,
            status,
            size_bytes: None,
            last_error: None,
            built_at: None,
            documents: Vec::new(),
            document_count: 0,
        }
    }

    /// The link's path on the server, to join onto the base URL: `/share/{slug}`.
    #[must_use]
    pub fn path(&self) -> String {
        format!("/share/{}", self.slug)
    }
}

/// Body of `POST /api/share_link_bundles/` (create) and `PUT /api/share_link_bundles/{id}/`.
///
/// On a `PUT` the 3.0.5 server applies only `file_version`: it reads `document_ids` and
/// `expiration_days` only on create, so the bundle keeps its documents and its expiry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct NewShareLinkBundle {
    /// The documents to bundle, in order (not empty, no duplicates).
    pub document_ids: Vec<DocumentId>,
    /// Which file of each document to bundle; the server defaults to [`FileVersion::Archive`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_version: Option<FileVersion>,
    /// Days until the link expires (at least 1); `None` for never.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiration_days: Option<u32>,
}

impl NewShareLinkBundle {
    /// A never-expiring bundle of these documents.
    #[must_use]
    pub fn new(documents: impl IntoIterator<Item = DocumentId>) -> Self {
        Self {
            document_ids: documents.into_iter().collect(),
            file_version: None,
            expiration_days: None,
        }
    }

    /// Bundles this file version of each document.
    #[must_use]
    pub fn file_version(mut self, file_version: FileVersion) -> Self {
        self.file_version = Some(file_version);
        self
    }

    /// Expires the link this many days after creation.
    #[must_use]
    pub fn expiration_days(mut self, days: u32) -> Self {
        self.expiration_days = Some(days);
        self
    }
}

/// Body of `PATCH /api/share_link_bundles/{id}/`: what an update of a bundle can change.
///
/// Only `file_version`: the server's `ShareLinkBundleSerializer` reads `expiration_days` and
/// `document_ids` only when it creates a bundle (it has no `update`), so on an update they
/// answer 200 and change nothing (3.0.5). For another expiry or other documents, create a new
/// bundle and delete the old one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ShareLinkBundlePatch {
    /// New file version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_version: Option<FileVersion>,
}

impl ShareLinkBundlePatch {
    /// An empty patch (changes nothing).
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the file version.
    #[must_use]
    pub fn file_version(mut self, file_version: FileVersion) -> Self {
        self.file_version = Some(file_version);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn to_json<T: Serialize>(v: &T) -> String {
        serde_json::to_string(v).unwrap_or_else(|e| e.to_string())
    }

    #[test]
    fn payloads_serialize_exactly() {
        assert_eq!(
            to_json(&NewShareLink::new(DocumentId(72)).file_version(FileVersion::Archive)),
            r#"{"document":72,"file_version":"archive","expiration":null}"#
        );
        let expires = DateTime::parse_from_rfc3339("2030-01-01T01:00:00+01:00")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            to_json(&NewShareLink::new(DocumentId(12)).expiration(expires)),
            r#"{"document":12,"expiration":"2030-01-01T01:00:00+01:00"}"#
        );
        assert_eq!(
            to_json(
                &NewShareLinkBundle::new([DocumentId(72), DocumentId(69)])
                    .file_version(FileVersion::Archive)
                    .expiration_days(7)
            ),
            r#"{"document_ids":[72,69],"file_version":"archive","expiration_days":7}"#
        );
        assert_eq!(
            to_json(&ShareLinkBundlePatch::new().file_version(FileVersion::Original)),
            r#"{"file_version":"original"}"#
        );
    }

    #[test]
    fn links_know_their_public_path() {
        let link: ShareLink = serde_json::from_str(
            r#"{"id":1,"created":"2026-11-26T20:33:39.598265+01:00","expiration":null,
                "slug":"Zm27svbp","document":12,"file_version":"original"}"#,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(link.path(), "/share/Zm27svbp");
        assert_eq!(link.file_version, FileVersion::Original);
    }
}
