//! Integration tests of paperless-testkit: real sockets on 127.0.0.1, a plain hyper-util client
//! or the paperless client.

// Tests may unwrap, also in helpers and closures outside `#[test]` functions.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod behaviour;
mod bulk;
mod conformance;
mod cost;
mod events;
mod faults;
mod records;
mod release_2x;
mod support;
