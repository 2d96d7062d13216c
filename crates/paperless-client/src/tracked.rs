//! [`Tracked`]: fetch, edit, save only what changed.
//!
//! Why `get` returns a plain model and [`Endpoint::edit`](crate::Endpoint::edit) a `Tracked`:
//! most reads never write back, and a plain model is plain data (serializable, comparable,
//! storable, free of any client). Editing needs three more things: the client, the id, and what
//! the object looked like when it was fetched. `Tracked` carries them, so saving is one call
//! without arguments, and the shortest code is also the correct one:
//!
//! ```no_run
//! # async fn run(client: paperless_client::Paperless) -> paperless_client::Result<()> {
//! let mut doc = client.documents().edit(23).await?;
//! doc.title = Some("New document title".into()); // the model's field: Option<String>
//! doc.save().await?; // PATCH /api/documents/23/ {"title":"New document title"}
//! doc.replace().await?; // PUT /api/documents/23/ with every field
//! # Ok(()) }
//! ```
//!
//! A `Tracked` has no setters of its own: its fields are the model's, with the model's types
//! (see [`Endpoint::edit`](crate::Endpoint::edit) for why a document's title is an `Option`).

use std::fmt;
use std::ops::{Deref, DerefMut};

use http::Method;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::client::Paperless;
use crate::error::{InvalidInput, Result};
use crate::resource::{Deletable, Updatable, object_request};

/// An object being edited: it dereferences to the model, and remembers its JSON as fetched.
///
/// [`Tracked::save`] sends `PATCH` with exactly the top-level keys whose JSON changed, so fields
/// someone else changed meanwhile are not overwritten; [`Tracked::replace`] sends `PUT` with every
/// field (PyPaperless's `update(only_changed=False)`). Both then hold the server's answer as the
/// new state. Keys listed in [`Updatable::RENAMED_ON_WRITE`] are sent under their write name
/// (`permissions` → `set_permissions`).
pub struct Tracked<R: Updatable> {
    client: Paperless,
    id: R::Id,
    item: R::Item,
    snapshot: Map<String, Value>,
}

fn to_object<T: Serialize>(item: &T, name: &str) -> Result<Map<String, Value>> {
    match serde_json::to_value(item) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(InvalidInput::new(format!(
            "a tracked {name} object must serialize to a JSON object"
        ))
        .into()),
        Err(e) => Err(InvalidInput::with_source(
            format!("a tracked {name} object cannot be serialized as JSON"),
            e,
        )
        .into()),
    }
}

fn write_key<R: Updatable>(key: String) -> String {
    match R::RENAMED_ON_WRITE.iter().find(|(read, _)| *read == key) {
        Some((_, write)) => (*write).to_owned(),
        None => key,
    }
}

impl<R: Updatable> Tracked<R>
where
    R::Item: Serialize,
{
    pub(crate) fn new(client: Paperless, id: R::Id, item: R::Item) -> Result<Self> {
        let snapshot = to_object(&item, R::NAME)?;
        Ok(Self {
            client,
            id,
            item,
            snapshot,
        })
    }

    /// The object's primary key.
    #[must_use]
    pub fn id(&self) -> R::Id {
        self.id
    }

    /// The payload [`Tracked::save`] would send: every top-level key whose JSON differs from the
    /// fetched state, under its write name. A key that disappeared from the JSON (an `Option`
    /// field skipped when `None`) is sent as `null`.
    ///
    /// # Errors
    /// [`Error::Invalid`](crate::Error::Invalid) when the object no longer serializes to a JSON
    /// object.
    pub fn changes(&self) -> Result<Map<String, Value>> {
        let mut current = to_object(&self.item, R::NAME)?;
        let mut changes = Map::new();
        for (key, old) in &self.snapshot {
            match current.remove(key) {
                Some(new) if new == *old => {}
                Some(new) => {
                    changes.insert(write_key::<R>(key.clone()), new);
                }
                None => {
                    changes.insert(write_key::<R>(key.clone()), Value::Null);
                }
            }
        }
        for (key, new) in current {
            changes.insert(write_key::<R>(key), new);
        }
        Ok(changes)
    }

    /// `true` when [`Tracked::save`] has something to send.
    ///
    /// # Errors
    /// As [`Tracked::changes`].
    pub fn is_changed(&self) -> Result<bool> {
        Ok(!self.changes()?.is_empty())
    }

    /// Sends the changes (`PATCH PATH{id}/` with [`Tracked::changes`]) and takes the server's
    /// answer as the new state. Sends nothing when nothing changed.
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) (400 with field errors, 403, 404), transport and decode
    /// errors; the local edits are kept, so the call can be retried.
    pub async fn save(&mut self) -> Result<()> {
        let changes = self.changes()?;
        if changes.is_empty() {
            return Ok(());
        }
        let request = object_request::<R>("update", Method::PATCH, self.id).json(&changes)?;
        let item = self.client.json(request).await?;
        self.reset(item)
    }

    /// Sends every field (`PUT PATH{id}/`), overwriting the server's state, and takes the
    /// server's answer as the new state. Read-only fields in the payload are ignored by the
    /// server.
    ///
    /// # Errors
    /// As [`Tracked::save`].
    pub async fn replace(&mut self) -> Result<()> {
        let full: Map<String, Value> = to_object(&self.item, R::NAME)?
            .into_iter()
            .map(|(k, v)| (write_key::<R>(k), v))
            .collect();
        let request = object_request::<R>("replace", Method::PUT, self.id).json(&full)?;
        let item = self.client.json(request).await?;
        self.reset(item)
    }

    /// Forgets the local edits' baseline: the current state counts as unchanged.
    ///
    /// # Errors
    /// As [`Tracked::changes`].
    pub fn mark_saved(&mut self) -> Result<()> {
        self.snapshot = to_object(&self.item, R::NAME)?;
        Ok(())
    }

    fn reset(&mut self, item: R::Item) -> Result<()> {
        self.snapshot = to_object(&item, R::NAME)?;
        self.item = item;
        Ok(())
    }

    /// The object, without tracking.
    #[must_use]
    pub fn into_inner(self) -> R::Item {
        self.item
    }
}

impl<R: Updatable + Deletable> Tracked<R> {
    /// Deletes the object: `DELETE PATH{id}/`.
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api): 403, or 404 when it is already gone.
    pub async fn delete(self) -> Result<()> {
        let request = object_request::<R>("delete", Method::DELETE, self.id);
        self.client.no_content(request).await
    }
}

impl<R: Updatable> Deref for Tracked<R> {
    type Target = R::Item;

    fn deref(&self) -> &R::Item {
        &self.item
    }
}

impl<R: Updatable> DerefMut for Tracked<R> {
    fn deref_mut(&mut self) -> &mut R::Item {
        &mut self.item
    }
}

impl<R: Updatable> fmt::Debug for Tracked<R>
where
    R::Item: fmt::Debug,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Tracked")
            .field("resource", &R::NAME)
            .field("id", &format_args!("{}", self.id))
            .field("item", &self.item)
            .finish_non_exhaustive()
    }
}
