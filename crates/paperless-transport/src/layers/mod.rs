//! The public tower layers of the stack, reusable in a custom `ServiceBuilder`.

mod base_url;

pub use base_url::{BaseUrlLayer, BaseUrlService};
