//! [`Endpoint`], the typed endpoint of one [`Resource`], and [`Paperless::endpoint`]: `get`,
//! `get_opt`, `list`, and the writes the resource's capability markers allow.

use std::fmt;
use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::pin::Pin;

use http::Method;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::client::Paperless;
use crate::error::{InvalidInput, Result};
use crate::list::List;
use crate::operation::Operation;
use crate::paginate::{Items, Pages};
use crate::query::Query;
use crate::request::ApiRequest;
use crate::resource::{
    Creatable, Deletable, HasFields, HasName, HasPermissions, Resource, Updatable,
    is_collection_path, join, object_request,
};
use crate::tracked::Tracked;

impl Paperless {
    /// The typed endpoint of resource `R`: `get`, `list`, and the writes `R` allows.
    ///
    /// The named accessors (`client.tags()`, ...) are shorthands for this; use it directly for a
    /// resource you define yourself by implementing [`Resource`].
    #[must_use]
    pub fn endpoint<R: Resource>(&self) -> Endpoint<R> {
        Endpoint::new(self.clone())
    }
}

impl<R: Resource> Endpoint<R> {
    /// `method path`, operation `R::NAME.action`, for the resource-specific calls of an
    /// endpoint; `path` is relative to the installation root.
    pub(crate) fn request(
        &self,
        action: &'static str,
        method: Method,
        path: impl Into<String>,
    ) -> ApiRequest {
        ApiRequest::new(Operation::new(R::NAME, action), method, path)
    }

    /// `GET path`, operation `R::NAME.action`, with its JSON answer decoded.
    pub(crate) async fn get_json<T: DeserializeOwned>(
        &self,
        action: &'static str,
        path: impl Into<String>,
    ) -> Result<T> {
        self.client
            .json(self.request(action, Method::GET, path))
            .await
    }

    /// `POST path` with `body` as JSON, operation `R::NAME.action`, with its JSON answer decoded.
    pub(crate) async fn post_json<B, T>(
        &self,
        action: &'static str,
        path: impl Into<String>,
        body: &B,
    ) -> Result<T>
    where
        B: Serialize + ?Sized,
        T: DeserializeOwned,
    {
        let request = self.request(action, Method::POST, path).json(body)?;
        self.client.json(request).await
    }

    /// `POST PATH{id}/{action}/`, operation `R::NAME.action`: a custom action of one object
    /// (`/api/mail_accounts/6/process/`). Add a body with `.json(..)`, then send it through
    /// the client.
    pub(crate) fn object_action(&self, id: R::Id, action: &'static str) -> ApiRequest {
        self.request(action, Method::POST, format!("{}{id}/{action}/", R::PATH))
    }

    /// `POST PATH{action}/`, operation `R::NAME.action`: a custom action of the collection
    /// (`/api/storage_paths/test/`).
    pub(crate) fn collection_action(&self, action: &'static str) -> ApiRequest {
        self.request(action, Method::POST, format!("{}{action}/", R::PATH))
    }
}

/// The typed endpoint of one resource: `client.tags()` returns `Endpoint<Tags>`.
///
/// It owns a clone of the client, so it can be stored and moved into tasks. Reads are always
/// there; writes exist only when the resource implements the matching capability trait.
pub struct Endpoint<R> {
    client: Paperless,
    resource: PhantomData<fn() -> R>,
}

impl<R: Resource> Endpoint<R> {
    pub(crate) fn new(client: Paperless) -> Self {
        const {
            assert!(
                is_collection_path(R::PATH),
                "Resource::PATH must start and end with '/', like \"/api/tags/\""
            );
        }
        Self {
            client,
            resource: PhantomData,
        }
    }

    /// The client this endpoint sends through.
    #[must_use]
    pub fn client(&self) -> &Paperless {
        &self.client
    }

    /// One object by primary key: `GET PATH{id}/`. Await it directly, or set options first
    /// ([`Get::full_perms`], [`Get::fields`]).
    ///
    /// # Errors
    /// The returned request fails with [`Error::Api`](crate::Error::Api) and
    /// [`is_not_found`](crate::Error::is_not_found) when there is no such object (or the user may
    /// not see it); see [`Get::send_opt`] / [`Endpoint::get_opt`] for `None` instead.
    pub fn get(&self, id: impl Into<R::Id>) -> Get<R> {
        Get {
            client: self.client.clone(),
            id: id.into(),
            query: Query::default(),
            resource: PhantomData,
        }
    }

    /// One object by primary key, or `None` when the server answers 404.
    ///
    /// # Errors
    /// Every error of [`Endpoint::get`] except 404.
    pub async fn get_opt(&self, id: impl Into<R::Id>) -> Result<Option<R::Item>> {
        self.get(id).send_opt().await
    }

    /// A list request: set filters, then end with `.send()` (one page), `.stream()` (every
    /// object), `.pages()`, `.ids()` or `.count()`.
    pub fn list(&self) -> List<R> {
        List::new(self.client.clone())
    }

    /// Every object, page after page (prefetched): `self.list().stream()`.
    pub fn stream(&self) -> Items<R::Item> {
        self.list().stream()
    }

    /// Every page: `self.list().pages()`.
    pub fn pages(&self) -> Pages<R::Item> {
        self.list().pages()
    }

    /// Every primary key: `self.list().ids()`.
    ///
    /// # Errors
    /// As [`List::ids`].
    pub async fn ids(&self) -> Result<Vec<R::Id>>
    where
        R::Id: From<u64>,
    {
        self.list().ids().await
    }

    /// How many objects there are: `self.list().count()`.
    ///
    /// # Errors
    /// As [`List::count`].
    pub async fn count(&self) -> Result<u64> {
        self.list().count().await
    }
}

impl<R: Creatable> Endpoint<R> {
    /// Creates an object: `POST PATH` with `new` as JSON. Returns the object as the server
    /// stored it (with its id).
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) with [`field_errors`](crate::ApiError::field_errors)
    /// when the server refuses the payload (400), or a 403 without permission.
    pub async fn create(&self, new: &R::Create) -> Result<R::Item> {
        let request =
            ApiRequest::new(Operation::new(R::NAME, "create"), Method::POST, R::PATH).json(new)?;
        self.client.json(request).await
    }
}

impl<R: Updatable> Endpoint<R> {
    /// Changes the fields set in `patch`: `PATCH PATH{id}/` with exactly that payload; the server
    /// leaves every other field as it is. Returns the updated object.
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api): 400 with field errors, 403, or 404.
    pub async fn update(&self, id: impl Into<R::Id>, patch: &R::Patch) -> Result<R::Item> {
        let request = object_request::<R>("update", Method::PATCH, id.into()).json(patch)?;
        self.client.json(request).await
    }

    /// Replaces every writable field: `PUT PATH{id}/` with `full`. Prefer
    /// [`Endpoint::update`], which cannot overwrite what someone else changed meanwhile.
    ///
    /// The fields the server requires on a `PUT` ([`Updatable::REQUIRED_ON_REPLACE`]) are sent
    /// as `null` when `full` leaves them out: for a document, a `replace` without
    /// `correspondent`, `document_type` or `storage_path` removes them.
    ///
    /// Other fields `full` leaves out keep their stored value, with one exception: on tags,
    /// correspondents, document types, storage paths and mail rules (whose name is unique per
    /// owner) a `PUT` without `owner` clears the owner. Give `owner` to keep it.
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api): 400 with field errors, 403, or 404;
    /// [`Error::Invalid`](crate::Error::Invalid) when `full` does not serialize to a JSON object.
    pub async fn replace(&self, id: impl Into<R::Id>, full: &R::Replace) -> Result<R::Item> {
        let request = object_request::<R>("replace", Method::PUT, id.into());
        let request = if R::REQUIRED_ON_REPLACE.is_empty() {
            request.json(full)?
        } else {
            let serde_json::Value::Object(mut body) = serde_json::to_value(full).map_err(|e| {
                InvalidInput::with_source(
                    format!(
                        "the {} replace payload cannot be serialized as JSON",
                        R::NAME
                    ),
                    e,
                )
            })?
            else {
                return Err(InvalidInput::new(format!(
                    "the {} replace payload must serialize to a JSON object",
                    R::NAME
                ))
                .into());
            };
            for key in R::REQUIRED_ON_REPLACE {
                body.entry((*key).to_owned())
                    .or_insert(serde_json::Value::Null);
            }
            request.json(&body)?
        };
        self.client.json(request).await
    }

    /// Fetches an object for editing: edit its fields through `DerefMut`, then
    /// [`Tracked::save`] sends exactly the fields that changed.
    ///
    /// The fields are the model's own, so they have the model's types: a field the server may
    /// leave out or send as `null` is an `Option`, and is set with `Some(..)`. A document's
    /// `title` is one, because a read with [`fields`](crate::Get::fields) leaves it out; its
    /// [`title()`](paperless_types::document::Document::title) method reads it as `&str`.
    ///
    /// ```no_run
    /// # async fn run(client: paperless_client::Paperless) -> paperless_client::Result<()> {
    /// let mut doc = client.documents().edit(23).await?; // GET /api/documents/23/
    /// doc.title = Some("New document title".into());
    /// doc.archive_serial_number = None;
    /// doc.save().await?; // PATCH with these two fields only
    /// # Ok(()) }
    /// ```
    ///
    /// A `PATCH` carries only the changed fields, and the server validates the object as that
    /// `PATCH` leaves it with only what it names. One case where that fails: a workflow trigger
    /// of type consumption (`1`) must name a file name, path or mail rule filter in the same
    /// request (`filter_filename`, `filter_path` or `filter_mailrule`), so saving a change of
    /// one other field of such a trigger answers 400 ("File name, path or mail rule filter are
    /// required"). Send the filter along with the change: [`update`](Endpoint::update) with a
    /// patch naming both, or [`Tracked::replace`], which sends every field.
    ///
    /// # Errors
    /// As [`Endpoint::get`].
    pub async fn edit(&self, id: impl Into<R::Id>) -> Result<Tracked<R>>
    where
        R::Item: Serialize,
    {
        let id = id.into();
        let item = self.get(id).send().await?;
        Tracked::new(self.client.clone(), id, item)
    }

    /// Starts tracking changes to an object fetched earlier (by `get` or a list).
    ///
    /// # Errors
    /// [`Error::Invalid`](crate::Error::Invalid) when the object does not serialize to a JSON
    /// object.
    pub fn track(&self, item: R::Item) -> Result<Tracked<R>>
    where
        R::Item: Serialize,
    {
        Tracked::new(self.client.clone(), R::id_of(&item), item)
    }
}

impl<R: Deletable> Endpoint<R> {
    /// Deletes an object: `DELETE PATH{id}/` (documents go to the trash; everything else is gone).
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api): 403, or 404 when it does not exist.
    pub async fn delete(&self, id: impl Into<R::Id>) -> Result<()> {
        let request = object_request::<R>("delete", Method::DELETE, id.into());
        self.client.no_content(request).await
    }
}

impl<R: HasName> Endpoint<R> {
    /// The object whose name is exactly `name` (case and all), or `None`:
    /// `GET PATH?name__iexact=NAME`, then the exact comparison (the server's filter ignores
    /// case, and names that differ only in case may coexist).
    ///
    /// ```no_run
    /// # async fn run(client: paperless_client::Paperless) -> paperless_client::Result<()> {
    /// if let Some(tag) = client.tags().find_by_name("Invoices").await? {
    ///     println!("tag {}", tag.id);
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As [`List::stream`]: transport, status and decode errors.
    pub async fn find_by_name(&self, name: &str) -> Result<Option<R::Item>> {
        use futures_util::TryStreamExt;
        let mut items = self.list().name_iexact(name).stream();
        let mut folded = None;
        while let Some(item) = items.try_next().await? {
            if R::name_of(&item) == name {
                return Ok(Some(item));
            }
            if folded.is_none() && R::name_of(&item).to_lowercase() == name.to_lowercase() {
                folded = Some(item);
            }
        }
        // Paperless-ngx keeps names unique ignoring case for most objects: a name that differs
        // only in case is the same object to the server, and creating it again would fail.
        Ok(folded)
    }
}

impl<R: HasName + Creatable> Endpoint<R> {
    /// The object named `name` ([`Endpoint::find_by_name`]), or a new one created from
    /// `new()` when there is none. Returns the object and whether it was created.
    ///
    /// When the create fails with a 400 because another client created the name meanwhile, the
    /// object is looked up once more.
    ///
    /// ```no_run
    /// use paperless_client::types::tag::NewTag;
    /// # async fn run(client: paperless_client::Paperless) -> paperless_client::Result<()> {
    /// let (tag, created) = client.tags().get_or_create("Invoices", || NewTag::new("Invoices")).await?;
    /// # let _ = (tag, created); Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As [`Endpoint::find_by_name`] and [`Endpoint::create`].
    pub async fn get_or_create(
        &self,
        name: &str,
        new: impl FnOnce() -> R::Create + Send,
    ) -> Result<(R::Item, bool)> {
        if let Some(item) = self.find_by_name(name).await? {
            return Ok((item, false));
        }
        match self.create(&new()).await {
            Ok(item) => Ok((item, true)),
            Err(e) if e.status() == Some(http::StatusCode::BAD_REQUEST) => {
                match self.find_by_name(name).await? {
                    Some(item) => Ok((item, false)),
                    None => Err(e),
                }
            }
            Err(e) => Err(e),
        }
    }
}

impl<R> Clone for Endpoint<R> {
    fn clone(&self) -> Self {
        Self {
            client: self.client.clone(),
            resource: PhantomData,
        }
    }
}

impl<R: Resource> fmt::Debug for Endpoint<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Endpoint")
            .field("resource", &R::NAME)
            .field("path", &R::PATH)
            .finish()
    }
}

/// A request for one object, from [`Endpoint::get`]. Await it, or call [`Get::send_opt`].
#[must_use = "a request does nothing until it is awaited"]
pub struct Get<R: Resource> {
    client: Paperless,
    id: R::Id,
    query: Query,
    resource: PhantomData<fn() -> R>,
}

impl<R: HasFields> Get<R> {
    /// Restricts the answer to these fields (`fields=id,title`); the model must then tolerate the
    /// missing ones. Only documents have it: the other resources ignore `fields=`
    /// ([`HasFields`]).
    pub fn fields<I, S>(mut self, fields: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.query.set("fields", join(fields));
        self
    }
}

impl<R: Resource> Get<R> {
    /// Adds a raw query parameter, for options this crate does not model yet.
    pub fn param(mut self, key: impl Into<String>, value: impl fmt::Display) -> Self {
        self.query.set(key.into(), value.to_string());
        self
    }

    /// Sends the request.
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) (404 when there is no such object), transport and decode
    /// errors.
    pub async fn send(self) -> Result<R::Item> {
        let request = object_request::<R>("get", Method::GET, self.id).query(&self.query);
        self.client.json(request).await
    }

    /// Sends the request; `None` when the server answers 404.
    ///
    /// # Errors
    /// As [`Get::send`], except 404.
    pub async fn send_opt(self) -> Result<Option<R::Item>> {
        match self.send().await {
            Ok(item) => Ok(Some(item)),
            Err(e) if e.is_not_found() => Ok(None),
            Err(e) => Err(e),
        }
    }
}

impl<R: HasPermissions> Get<R> {
    /// Asks for the full `permissions` block (`full_perms=true`) instead of `user_can_change`.
    pub fn full_perms(mut self, full: bool) -> Self {
        self.query.set("full_perms", full.to_string());
        self
    }
}

impl<R: Resource> IntoFuture for Get<R> {
    type Output = Result<R::Item>;
    type IntoFuture = Pin<Box<dyn Future<Output = Result<R::Item>> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

impl<R: Resource> fmt::Debug for Get<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Get")
            .field("resource", &R::NAME)
            .field("id", &format_args!("{}", self.id))
            .field("query", &self.query)
            .finish()
    }
}
