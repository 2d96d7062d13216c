//! The integration tests of paperless-transport: one binary, real sockets on loopback.

// Test helpers may unwrap: a failure there is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod idle;
mod proxy;
mod retry;
mod secrets;
mod support;
mod swap;
mod timeouts;
mod tls;
mod wire;
mod writes;
