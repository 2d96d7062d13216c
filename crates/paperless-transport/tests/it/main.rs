//! The integration tests of paperless-transport: one binary, real sockets on loopback.

mod retry;
mod secrets;
mod support;
mod swap;
mod timeouts;
mod tls;
mod wire;
