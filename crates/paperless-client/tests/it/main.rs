//! Integration tests of paperless-client: a real hyper-util client over 127.0.0.1 sockets,
//! against mockito or a small in-process hyper server.

// Tests may unwrap, also in helpers and closures outside `#[test]` functions.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod crud;
mod errors;
mod pagination;
mod pagination_defaults;
mod support;
mod tracking;

// -- client construction, server info --
mod captures;
mod client;
#[cfg(feature = "events")]
mod events;
mod fuzz_regressions;
mod json_limits;
mod negotiation;
mod question_mark;
mod reliability;
mod server_info;
mod session;

// -- documents, tasks, trash --
mod documents;
mod documents_bulk;
mod documents_files;
mod documents_query;
mod documents_support;
mod documents_upload;
mod helpers;
mod server_2x;
mod tasks;
mod trash;

// -- other resources --

mod api_bulk_edit_objects;
mod api_config;
mod api_correspondents;
mod api_custom_fields;
mod api_document_types;
mod api_errors;
mod api_fixtures;
mod api_mail;
mod api_profile;
mod api_saved_views;
mod api_share_links;
mod api_status;
mod api_storage_paths;
mod api_tags;
mod api_users;
mod api_workflows;

// -- stateful flows on paperless-testkit --
mod testkit_flows;

// -- end of modules --
