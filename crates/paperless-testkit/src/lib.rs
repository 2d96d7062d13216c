//! A small, faithful, in-memory [Paperless-ngx](https://docs.paperless-ngx.com) server for tests:
//! a **test double** built on hyper and on the `paperless-types` models.
//!
//! [`TestServer::start`] binds 127.0.0.1 on a free port and gives back its URL and a valid
//! token; [`TestServer::builder`] seeds it first (users, tags, correspondents, document types,
//! storage paths, custom fields, documents with content and files) or loads the demo data set;
//! [`TestServer::inject`] makes chosen requests slow or fail. Nothing is persisted, there is no
//! OCR and no classifier.
//!
//! ```
//! use paperless_testkit::TestServer;
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let server = TestServer::demo().await?;
//! // Point your client at `server.url()` with `Authorization: Token <server.token()>`.
//! println!("Paperless-ngx test server at {} (token {})", server.url(), server.token());
//! assert_eq!(server.documents().len(), 36);
//! server.shutdown().await;
//! # Ok(()) }
//! ```
//!
//! # What it implements
//!
//! Where a client depends on it, it behaves like Paperless-ngx 3.x (checked against the recorded
//! responses of a real server, see `tests/it/conformance.rs`):
//!
//! - **Auth**: `Authorization: Token <token>` and HTTP basic; 401 with DRF's body and
//!   `WWW-Authenticate: Token` otherwise; `POST /api/token/`.
//! - **API versions**: `Accept: application/json; version=9|10` (10 without a version), 406
//!   `Invalid version in "Accept" header.` otherwise, by the rule of
//!   `paperless_types::api_version`; `X-Api-Version: 10` and `X-Version: 3.0.5` on
//!   authenticated answers; API v9 lists add `all`, v9 task lists are plain arrays.
//!   [`TestServerBuilder::api_versions`] and [`TestServerBuilder::release`] make it say it is
//!   another release (`1..=9` and `2.20.15` negotiate like Paperless-ngx 2.20).
//! - **Lists**: `{count, next, previous, results}` with absolute `next`/`previous` links (keys
//!   sorted as Django writes them), `page`/`page_size` (default 25, at most 100 000), 404
//!   `Invalid page.`; django-filter lookups on any listed field (`__icontains`, `__iexact`,
//!   `__istartswith`, `__in`, `__id__all`, `__id__none`, `__isnull`, `__gte`, ...), `id__in`,
//!   `ordering` (several keys, `-` for descending), `fields`, `full_perms`.
//! - **CRUD** with trailing-slash paths for tags, correspondents, document types, storage paths
//!   and custom fields (201 on create, 204 on delete, DRF 400 field errors, the server's
//!   uniqueness error) and documents (no create: uploads make documents).
//! - **Users, groups, saved views, mail accounts, mail rules, workflows, share links**: list,
//!   retrieve, create, `PATCH`, `PUT`, delete with the real serializers' rules (required fields,
//!   unknown ids and permissions, duplicate names, display fields, nested workflow errors),
//!   passwords masked as the server masks them; share links are never changed (405).
//! - **Documents**: `PATCH`/`PUT` (answered in the `full_perms` form), `DELETE` to the trash,
//!   `download/`, `preview/`, `thumb/` with `Content-Disposition`, `notes/`, `next_asn/`,
//!   `metadata/`, `suggestions/` (the matching rules of the correspondents, tags, document
//!   types and storage paths, and the dates in the content), full-text `query=` with
//!   `__search_hit__`, `more_like_id=`, `truncate_content`.
//! - **Bulk edits**: `POST /api/documents/bulk_edit/` (`documents`, or on 3.x `all` +
//!   `filters`) with every method of the real serializer and its validation; the metadata
//!   methods change the stored documents, `delete` moves to the trash; the 3.x operation
//!   endpoints (`rotate/`, `merge/`, `delete/`, `reprocess/`, `edit_pdf/`,
//!   `remove_password/`). `merge` consumes a new document from the originals; the other file
//!   operations are validated and answered but change nothing (there are no PDFs).
//! - **UI settings**: `GET /api/ui_settings/` (the cheap authenticated request clients probe
//!   the server's version with) and `POST` to save them.
//! - **Uploads**: `POST /api/documents/post_document/` (multipart, parsed with multer) answers a
//!   task UUID; the file is consumed at once (text files become the content, other files keep
//!   their bytes and get empty content), and `GET /api/tasks/?task_id=` shows the finished task
//!   in the v10 shape.
//!   Each consumption also sends its six `/ws/status/` frames (0, 20, 70, 90, 95, 100, with the
//!   real server's messages), spaced by [`TestServerBuilder::consume_step`].
//! - **Session login**: the allauth headless browser API (`GET .../browser/v1/config` sets the
//!   CSRF cookie; `POST .../auth/login` with the CSRF pair sets `sessionid`; the real 400 for a
//!   wrong password, Django's 403 without CSRF, MFA with [`TestServerBuilder::mfa_code`], 404
//!   with [`TestServerBuilder::headless_api`]`(false)`).
//! - **Live events**: `/ws/status/` over a hyper upgrade (tokio-tungstenite's server side), 403
//!   without an authenticated session cookie (a token does not open it, as on the real server);
//!   [`TestServer::drop_event_sockets`], [`TestServer::expire_sessions`], [`TestServer::publish`].
//! - **Trash**: `GET /api/trash/`, `POST /api/trash/` to restore or empty.
//! - **Fault injection** per route ([`Fault`], [`Route`]): delay, a status (503, ...), 429 with
//!   `Retry-After`, an HTML 502, a connection dropped mid-body, malformed JSON, a set number of
//!   times; plus a global per-response delay.
//! - **Cost model** ([`ServerCost`], off by default): a time per request and per object in the
//!   answer, and a limited number of workers whose queue serves requests in arrival order, so
//!   the server answers as slowly as a real one ([`ServerCost::paperless_ngx_3_0_5`] is
//!   calibrated on Paperless-ngx 3.0.5 with 2 workers); [`TestServer::load`] reports the
//!   concurrency the server saw.
//! - **Request log**: [`TestServer::requests`] / [`TestServer::take_requests`] list what was
//!   received (method, path, query, `Accept`, body) and the status answered, for assertions.
//!
//! # Where it differs (on purpose)
//!
//! - Every authenticated user sees and may change every object: object permissions are stored
//!   and returned but not enforced, and `user_can_change` is always `true`.
//! - Uploads are consumed synchronously: the task is already `success` when the UUID is
//!   returned; duplicates are accepted (as 3.x does) and listed in `duplicate_documents`.
//! - Full-text search is a plain word match (every term must occur in title, content or notes);
//!   the query syntax (`AND`, ranges, `field:`) is not interpreted and `corrected_query` is
//!   always `null`. `more_like_id` ranks by shared words.
//! - Suggestions come from the matching rules only: `any`, `all`, `literal` and `regex` (Python's
//!   syntax on the `regex` crate; lookarounds, backreferences and atomic groups never match) as
//!   the server evaluates them,
//!   `fuzzy` only when the text contains the match exactly; `auto` (the classifier) never
//!   matches. Dates are found in the common English forms.
//! - Metadata lists no embedded file metadata (there is no PDF or image parser) and `lang` is
//!   always `en`.
//! - Thumbnails are one fixed 1×1 WebP image; documents have one version, no archive file
//!   and no `page_count`.
//! - Users' passwords are not checked by Django's validators; saved views keep their API 9
//!   dashboard flags on the view (3.x: in the UI settings); no mail is fetched and no workflow
//!   runs.
//! - Timestamps the server makes are in UTC (`+00:00`); the recorded server used its local
//!   time zone.
//! - Endpoints not listed above answer like an unknown route of the real server (302 to the
//!   login page).

mod api;
mod context;
mod cost;
mod dates;
mod documents;
mod events;
mod fault;
mod http;
mod listing;
mod matching;
mod objects;
mod python_re;
mod records;
mod release;
mod requests;
mod seed;
mod server;
mod session;
mod store;
mod tasks;
mod trash;
mod ui_settings;
mod util;

pub use context::{LATEST_API_VERSION, SERVER_VERSION};
pub use cost::{Load, ServerCost};
pub use fault::{Fault, FaultHandle, FaultKind, Route};
pub use requests::RecordedRequest;
pub use seed::DEMO_USERS;
pub use server::{StartError, TestServer, TestServerBuilder};

/// The models the server is built on (re-export of `paperless-types`).
pub use paperless_types as types;
