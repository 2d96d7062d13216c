//! Integration tests of paperless-client: a real hyper-util client over 127.0.0.1 sockets,
//! against mockito or a small in-process hyper server.

// Tests may unwrap, also in helpers and closures outside `#[test]` functions.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod crud;
mod errors;
mod pagination;
mod support;
mod tracking;

// -- client construction, server info --

// -- documents, tasks, trash --
mod documents;
mod documents_bulk;
mod documents_files;
mod documents_query;
mod documents_support;
mod documents_upload;
mod tasks;
mod trash;

// -- other resources --

// -- end of modules --
