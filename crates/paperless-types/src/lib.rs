//! Serde models of the [Paperless-ngx](https://docs.paperless-ngx.com) REST API.
//!
//! Every resource, request payload and response of Paperless-ngx 3.x (API versions 10 and 9) as
//! plain data: no I/O, no async runtime, no HTTP client. A server can embed these types as well as a
//! client, so every model both serializes and deserializes.
//!
//! Compatibility rules, relied on throughout:
//! - unknown JSON fields are ignored, so a newer server never breaks parsing;
//! - every enum of server values has an `Other` variant that keeps an unknown value as sent;
//! - each resource has its own id type ([`ids`]), transparent on the wire;
//! - partial-update payloads use [`Patch`] to tell "leave unchanged", "set to null" and "set";
//! - where the server's OpenAPI schema and its real responses disagree, the models follow the
//!   real responses.
//!
//! ```
//! use paperless_types::{Page, TagId};
//!
//! let json = r#"{"count":2,"next":null,"previous":null,"results":[1,2]}"#;
//! let page: Page<TagId> = serde_json::from_str(json)?;
//! assert_eq!(page.results, [TagId(1), TagId(2)]);
//! # Ok::<(), serde_json::Error>(())
//! ```

mod open_enum;

pub mod api_version;
pub mod ids;
pub mod page;
pub mod patch;
pub mod permissions;

// -- documents family (documents, notes, custom fields, tasks, trash, share links, bulk edits) --
pub mod bulk_edit;
pub mod custom_field;
pub mod custom_field_query;
pub mod custom_field_set;
pub mod document;
pub mod error;
pub mod event;
pub mod file_type;
pub mod post_document;
pub mod share_link;
pub mod task;
pub mod trash;

// -- admin family (tags, correspondents, ..., users, mail, workflows, config, profile, status) --

mod setters;

pub mod allauth;
pub mod auth;
pub mod bulk_edit_objects;
pub mod config;
pub mod correspondent;
pub mod document_type;
pub mod group;
pub mod logs;
pub mod mail_account;
pub mod mail_rule;
pub mod matching;
pub mod options;
pub mod outcome;
pub mod processed_mail;
pub mod profile;
pub mod saved_view;
pub mod search;
pub mod secret;
pub mod statistics;
pub mod status;
pub mod storage_path;
pub mod tag;
pub mod ui_settings;
pub mod user;
pub mod workflow;
pub mod workflow_action;
pub mod workflow_trigger;

// -- end of resource modules --

pub use api_version::ApiVersion;
pub use ids::*;
pub use page::Page;
pub use patch::Patch;
pub use permissions::{PermissionSet, Permissions};
