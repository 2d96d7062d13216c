//! The names almost every program needs, in one import:
//!
//! ```no_run
//! use paperless_client::prelude::*;
//!
//! # async fn run() -> Result<()> {
//! let client = Paperless::from_env()?;
//! let mut tags = client.tags().stream();
//! while let Some(tag) = tags.try_next().await? { // TryStreamExt
//!     println!("{}", tag.name);
//! }
//! let first_three: Vec<_> = client.documents().stream().take(3).collect().await; // StreamExt
//! # drop(first_three);
//! # Ok(()) }
//! ```
//!
//! It holds the client and its builder, the error and result types, the stream traits the
//! list streams are read with ([`TryStreamExt`], [`StreamExt`]), and the traits whose methods a
//! program calls ([`DocumentRef`], and [`Resource`] with its
//! capability markers for resources of your own).

pub use futures_util::{StreamExt, TryStreamExt};

pub use crate::api::documents::DocumentRef;
pub use crate::{
    ApiVersion, Creatable, Deletable, Endpoint, Error, HasFields, HasIdFilter, HasName, HasOwner,
    HasPermissions, List, Paperless, PaperlessBuilder, Resource, Result, Updatable,
};
