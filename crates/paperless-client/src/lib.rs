//! A typed, async client for the [Paperless-ngx](https://docs.paperless-ngx.com) REST API
//! (Paperless-ngx 3.x, API versions 10 and 9).
//!
//! ```no_run
//! use paperless_client::Paperless;
//!
//! # async fn run() -> paperless_client::Result<()> {
//! let client = Paperless::new("https://paperless.example.com", "0123456789abcdef")?;
//! // or: PAPERLESS_URL and PAPERLESS_TOKEN (optionally PAPERLESS_API_VERSION, PAPERLESS_TIMEOUT)
//! let client = Paperless::from_env()?;
//!
//! let server = client.server_info().await?; // checks URL, token and API version in one request
//! println!("Paperless-ngx {} speaks API version {}", server.version, server.api_version);
//! // The API version is negotiated: 10 with Paperless-ngx 3.x, 9 with 2.x.
//! println!("this client speaks {:?}", client.api_version());
//! # Ok(()) }
//! ```
//!
//! - [`Paperless`] is the client: cheap to clone, `Send + Sync`, usable from any tokio runtime.
//!   Build it with [`Paperless::new`], [`Paperless::from_env`] or [`Paperless::builder`]
//!   (shortcuts for credentials, the timeout, a private CA and a proxy, `.transport(|t| ..)` for
//!   every other transport option, and the client options). Its first request negotiates the API
//!   version with the server (one probe; [`PaperlessBuilder::api_version`] pins one instead).
//!   [`Paperless::generate_api_token`] fetches a token with a username and password.
//! - Every collection of the API is a [`Resource`]; [`Paperless::endpoint`] (and the named
//!   accessors built on it) returns its [`Endpoint`]: `get`, `get_opt`, `list`, and the writes
//!   the server allows for it (`create`, `update`, `replace`, `delete`, `edit`).
//! - [`List`] builds list requests with typed filters and ends in `send()` (one [`ListPage`]),
//!   `stream()` (every object, [`Items`]), `pages()` ([`Pages`]), `ids()` or `count()`. Streams
//!   fetch the pages after the first by number, several at a time, in order.
//! - [`Tracked`] (from `edit`) saves exactly the fields you changed.
//! - [`Error`] says what went wrong with method, path, status and the server's message, and what
//!   to do; helpers such as [`Error::is_not_found`], [`Error::is_unauthorized`],
//!   [`Error::is_timeout`] and [`Error::is_connect`] answer the usual questions.
//!
//! The HTTP stack is a tower service ([`transport::HttpClient`]) with two swap points:
//! [`PaperlessBuilder::build_with`] puts this crate's layers (auth, retries, timeouts, JSON
//! buffering, tracing) over a bottom service of yours, and [`Paperless::from_service`] takes any
//! complete service, for example a plain hyper-util client. The guide `docs/client.md` covers
//! both, and `examples/` has a program for each. [`prelude`] imports what most programs need.
//!
//! ```no_run
//! use futures_util::TryStreamExt;
//! use hyper_util::client::legacy::Client;
//! use hyper_util::rt::TokioExecutor;
//! use paperless_client::transport::{BaseUrl, boxed};
//! use paperless_client::types::TagId;
//! use paperless_client::{Paperless, Resource};
//!
//! // A resource: its path, id and model (the crate's own resources look the same).
//! #[derive(Debug, serde::Deserialize)]
//! struct Tag {
//!     id: TagId,
//!     name: String,
//! }
//!
//! enum Tags {}
//!
//! impl Resource for Tags {
//!     type Id = TagId;
//!     type Item = Tag;
//!     const NAME: &'static str = "tags";
//!     const PATH: &'static str = "/api/tags/";
//!     fn id_of(tag: &Tag) -> TagId {
//!         tag.id
//!     }
//! }
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! // Any tower service works; this one sends no token, so the server must allow it (or add the
//! // `Authorization: Token ...` header in a layer of your own).
//! let http = Client::builder(TokioExecutor::new()).build_http();
//! let client = Paperless::from_service(boxed(http), BaseUrl::parse("http://localhost:8000")?);
//! let tags = client.endpoint::<Tags>();
//!
//! let tag = tags.get(1).await?; //                        GET /api/tags/1/
//! let missing = tags.get_opt(999).await?; //               None on 404
//! let all: Vec<Tag> = tags.stream().try_collect().await?; // every page, fetched ahead
//! let ids = tags.ids().await?; //                         GET /api/tags/?page_size=100000&fields=id
//! let page = tags.list().param("name__icontains", "tax").page_size(10).send().await?;
//! println!("{tag:?} {missing:?} {} {} {}", all.len(), ids.len(), page.count);
//! # Ok(()) }
//! ```
//!
//! # Coming from PyPaperless
//!
//! Every call of the PyPaperless README has an equivalent of the same length or shorter;
//! `documents` is the resource's [`Endpoint`] (`client.endpoint::<Documents>()`). The full
//! mapping, special cases included, is in `docs/client.md`.
//!
//! | PyPaperless | paperless-client | Requests |
//! |---|---|---|
//! | `Paperless("localhost:8000", "token")` + `initialize()` | `Paperless::new("localhost:8000", "token")?` | none (nothing to initialize; `server_info()` checks the connection) |
//! | `Paperless(session=PaperlessSession(url, token, ssl=False))` | `Paperless::builder(url).token(t).danger_accept_invalid_certs(true).build()?` | |
//! | `Paperless.generate_api_token(url, user, password)` | `Paperless::generate_api_token(url, user, password).await?` | `POST /api/token/` |
//! | `await paperless.documents(1337)` | `documents.get(1337).await?` | `GET /api/documents/1337/` |
//! | `await paperless.documents.all()` | `documents.ids().await?` | `GET /api/documents/?page_size=100000&fields=id` (one request for most installs; PyPaperless pages through everything) |
//! | `async for item in paperless.documents:` | `while let Some(item) = items.try_next().await? {` with `items = documents.stream()` | the first page, then pages growing to 800, several at a time (`page_concurrency`) |
//! | `aiter(paperless.documents.pages())` | `documents.pages()` | as above |
//! | `paperless.documents.reduce(correspondent__id=1)` | `documents.list().param("correspondent__id", 1)` | `GET /api/documents/?correspondent__id=1` |
//! | `draft = ….draft(name=…); await draft.save()` | `correspondents.create(&new).await?` | `POST /api/correspondents/` |
//! | `item = await ….documents(23); item.title = …; await item.update()` | `let mut item = documents.edit(23).await?; item.title = Some(…); item.save().await?` | `GET`, then `PATCH` with the changed fields only |
//! | `await item.update(only_changed=False)` | `item.replace().await?` | `PUT` with every field |
//! | `item = await ….documents(23); await item.delete()` | `documents.delete(23).await?` | `DELETE /api/documents/23/` (PyPaperless first fetches the item) |

pub mod api;
mod builder;
mod client;
pub mod download;
mod endpoint;
mod error;
mod list;
mod list_page;
#[cfg(fuzzing)]
pub mod multipart;
#[cfg(not(fuzzing))]
mod multipart;
mod operation;
mod paginate;
pub mod prelude;
mod query;
mod request;
mod resource;
mod response;
mod tracked;
mod version;

// -- client construction, server info --
mod connect;
#[cfg(feature = "events")]
pub mod events;
mod server_info;
pub mod session;
// -- end of client construction --

pub use builder::{PaperlessBuilder, WithService, WithTransport};
pub use client::{DEFAULT_MAX_JSON_BODY, Paperless};
pub use endpoint::{Endpoint, Get};
pub use error::{
    ApiError, ConfigError, DecodeError, Error, FieldError, InvalidInput, PaginationError,
    PaginationProblem, Result, SaveError, TransportError, UploadFileError, WaitError,
};
pub use list::List;
pub use list_page::ListPage;
pub use operation::Operation;
pub use paginate::{Items, Pages};
pub use paperless_transport::{ApiVersion, TransportErrorKind};
pub use resource::{
    Creatable, Deletable, HasFields, HasIdFilter, HasName, HasOwner, HasPermissions, Resource,
    Updatable,
};
pub use session::{Session, SessionError, SessionErrorKind, SessionLogin};
pub use tracked::Tracked;
pub use version::{ServerInfo, VersionError};

/// The models of the API (re-export of `paperless-types`).
pub use paperless_types as types;

/// The HTTP transport (re-export of `paperless-transport`): [`transport::BaseUrl`],
/// [`transport::HttpClient`], [`transport::boxed`], the layers.
pub use paperless_transport as transport;

// Crates whose types appear in this crate's API, so that naming one needs no dependency of its
// own: dates of the models and filters, status codes and methods of errors, JSON values of
// untyped fields, and the rustls configuration of `TransportBuilder::tls_config`.
pub use chrono;
pub use http;
pub use rustls;
pub use serde_json;

/// The README's and the guides' code blocks, compiled and run as doctests, so that what the
/// documentation shows keeps working. Blocks that need a server run on the in-memory test
/// server (their set-up lines are hidden with rustdoc's `# ` prefix).
#[cfg(doctest)]
mod guides {
    #[doc = include_str!("../../../README.md")]
    struct Readme;
    #[doc = include_str!("../../../docs/client.md")]
    struct Client;
    #[doc = include_str!("../../../docs/documents.md")]
    struct Documents;
    #[doc = include_str!("../../../docs/resources.md")]
    struct Resources;
    #[doc = include_str!("../../../docs/transport.md")]
    struct Transport;
    #[doc = include_str!("../../../docs/testkit.md")]
    struct Testkit;
    #[cfg(feature = "events")]
    #[doc = include_str!("../../../docs/events.md")]
    struct Events;
}
