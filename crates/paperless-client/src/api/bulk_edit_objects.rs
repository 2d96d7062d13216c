//! Bulk operations on tags, correspondents, document types and storage paths:
//! `POST /api/bulk_edit_objects/`.
//!
//! | Call | Body |
//! |---|---|
//! | `client.tags().bulk_delete([TagId(20)]).await?` | `{"objects":[20],"object_type":"tags","operation":"delete"}` |
//! | `client.correspondents().bulk_set_permissions([1, 8]).permissions(p).merge(true).await?` | `{"objects":[1,8],"object_type":"correspondents","operation":"set_permissions","permissions":…,"merge":true}` |
//! | `client.tags().list().name_istartswith("old").bulk_delete().await?` | `{"all":true,"filters":{"name__istartswith":"old"},"object_type":"tags","operation":"delete"}` |
//! | `client.bulk_edit_objects(&body).await?` | any [`BulkEditObjects`] |
//!
//! The `all` + `filters` form (from a filtered [`List`]) needs API v10 and applies to every
//! object the user may change that matches the list's filters; for tags the server adds the
//! descendants of every matching tag.

use std::fmt;
use std::future::{Future, IntoFuture};
use std::pin::Pin;

use http::Method;
use paperless_types::UserId;
use paperless_types::bulk_edit_objects::{BulkEditObjects, BulkObjectOperation, BulkObjectType};
use paperless_types::outcome::ActionResult;
use paperless_types::permissions::Permissions;

use crate::api::correspondents::Correspondents;
use crate::api::document_types::DocumentTypes;
use crate::api::storage_paths::StoragePaths;
use crate::api::tags::Tags;
use crate::client::Paperless;
use crate::endpoint::Endpoint;
use crate::error::{InvalidInput, Result};
use crate::list::List;
use crate::operation::Operation;
use crate::request::ApiRequest;
use crate::resource::Resource;

const PATH: &str = "/api/bulk_edit_objects/";

/// A resource that `POST /api/bulk_edit_objects/` operates on: [`Tags`], [`Correspondents`],
/// [`DocumentTypes`] and [`StoragePaths`]. Gives their endpoints `bulk_delete` and
/// `bulk_set_permissions`, and their filtered lists the same for every matching object.
pub trait BulkEditable: Resource {
    /// The `object_type` the server knows the resource by.
    const OBJECT_TYPE: BulkObjectType;
}

impl BulkEditable for Tags {
    const OBJECT_TYPE: BulkObjectType = BulkObjectType::Tags;
}
impl BulkEditable for Correspondents {
    const OBJECT_TYPE: BulkObjectType = BulkObjectType::Correspondents;
}
impl BulkEditable for DocumentTypes {
    const OBJECT_TYPE: BulkObjectType = BulkObjectType::DocumentTypes;
}
impl BulkEditable for StoragePaths {
    const OBJECT_TYPE: BulkObjectType = BulkObjectType::StoragePaths;
}

impl Paperless {
    /// Sends any bulk operation on tags, correspondents, document types or storage paths
    /// (`POST /api/bulk_edit_objects/`). The typed shorthands
    /// ([`Endpoint::bulk_delete`](Endpoint#method.bulk_delete), `bulk_set_permissions`) build
    /// the body for you.
    ///
    /// ```no_run
    /// # async fn run(client: paperless_client::Paperless) -> paperless_client::Result<()> {
    /// use paperless_client::types::bulk_edit_objects::{BulkEditObjects, BulkObjectType};
    /// use paperless_client::types::TagId;
    ///
    /// let body = BulkEditObjects::delete(BulkObjectType::Tags, [TagId(20), TagId(21)]);
    /// client.bulk_edit_objects(&body).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api): 400 with field errors when an id does not exist or the
    /// object type is unknown, 403 when the user may not change or delete one of the objects;
    /// transport and decode errors.
    pub async fn bulk_edit_objects(&self, body: &BulkEditObjects) -> Result<ActionResult> {
        let action = match body.operation {
            BulkObjectOperation::Delete => "delete",
            BulkObjectOperation::SetPermissions => "set_permissions",
            _ => "edit",
        };
        let request = ApiRequest::new(
            Operation::new("bulk_edit_objects", action),
            Method::POST,
            PATH,
        )
        .json(body)?;
        self.json(request).await
    }
}

fn raw_ids<R>(ids: impl IntoIterator<Item = impl Into<R::Id>>) -> Vec<u64>
where
    R: BulkEditable,
    R::Id: Into<u64>,
{
    ids.into_iter().map(|id| id.into().into()).collect()
}

impl<R> Endpoint<R>
where
    R: BulkEditable,
    R::Id: Into<u64>,
{
    /// Deletes these objects in one request (`POST /api/bulk_edit_objects/`, operation
    /// `delete`).
    ///
    /// ```no_run
    /// # async fn run(client: paperless_client::Paperless) -> paperless_client::Result<()> {
    /// use paperless_client::types::TagId;
    ///
    /// client.tags().bulk_delete([TagId(20), TagId(21)]).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Invalid`](crate::Error::Invalid) for an empty id list (nothing is sent); as
    /// [`Paperless::bulk_edit_objects`].
    pub async fn bulk_delete(
        &self,
        ids: impl IntoIterator<Item = impl Into<R::Id>>,
    ) -> Result<ActionResult> {
        let body = BulkEditObjects::delete(R::OBJECT_TYPE, raw_ids::<R>(ids));
        send_for::<R>(self.client(), "bulk_delete", body).await
    }

    /// Changes the owner and/or the permissions of these objects in one request
    /// (`POST /api/bulk_edit_objects/`, operation `set_permissions`); set them on the returned
    /// builder, then await it.
    ///
    /// ```no_run
    /// # async fn run(client: paperless_client::Paperless) -> paperless_client::Result<()> {
    /// use paperless_client::types::{GroupId, PermissionSet, Permissions};
    ///
    /// let family = Permissions::new(PermissionSet::new([], [GroupId(1)]), PermissionSet::default());
    /// client
    ///     .correspondents()
    ///     .bulk_set_permissions([1, 8])
    ///     .permissions(family)
    ///     .merge(true) // add to the existing permissions
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn bulk_set_permissions(
        &self,
        ids: impl IntoIterator<Item = impl Into<R::Id>>,
    ) -> BulkSetPermissions {
        let body = BulkEditObjects::set_permissions(R::OBJECT_TYPE, raw_ids::<R>(ids));
        BulkSetPermissions::new(self.client().clone(), R::NAME, body, None)
    }
}

impl<R: BulkEditable> List<R> {
    /// Deletes every object matching this list's filters, in one request
    /// (`POST /api/bulk_edit_objects/` with `all` and the list's filters; API v10). Paging,
    /// ordering and `full_perms` are not filters and are left out. For tags, the server also
    /// deletes the descendants of every matching tag.
    ///
    /// ```no_run
    /// # async fn run(client: paperless_client::Paperless) -> paperless_client::Result<()> {
    /// client.tags().list().name_istartswith("zz ").bulk_delete().await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Invalid`](crate::Error::Invalid), with nothing sent, when the list has no filter
    /// (that would delete every object; send [`BulkEditObjects::all_matching`] with an empty
    /// filter map through [`Paperless::bulk_edit_objects`] if that is what you want) or refused
    /// builder input; as [`Paperless::bulk_edit_objects`].
    pub async fn bulk_delete(self) -> Result<ActionResult> {
        self.bulk_all(BulkObjectOperation::Delete).send().await
    }

    /// Changes the owner and/or permissions of every object matching this list's filters
    /// (`POST /api/bulk_edit_objects/` with `all` and the list's filters; API v10); set them on
    /// the returned builder, then await it. Refused like [`List::bulk_delete`] when the list
    /// has no filter.
    pub fn bulk_set_permissions(self) -> BulkSetPermissions {
        self.bulk_all(BulkObjectOperation::SetPermissions)
    }

    fn bulk_all(self, operation: BulkObjectOperation) -> BulkSetPermissions {
        let action = match operation {
            BulkObjectOperation::Delete => "bulk_delete",
            _ => "bulk_set_permissions",
        };
        let client = self.client().clone();
        let (filters, invalid) = match self.filters() {
            Ok(filters) if filters.is_empty() => (
                filters,
                Some(Invalid::Message(format!(
                    "{}.{action}: the list has no filter, so this would apply to every object; \
                     filter the list, or send BulkEditObjects::all_matching with an empty filter \
                     map through Paperless::bulk_edit_objects",
                    R::NAME
                ))),
            ),
            Ok(filters) => (filters, None),
            Err(e) => (serde_json::Map::new(), Some(Invalid::Error(Box::new(e)))),
        };
        let body = BulkEditObjects::all_matching(R::OBJECT_TYPE, operation, filters);
        BulkSetPermissions::new(client, R::NAME, body, invalid)
    }
}

/// Input refused before sending.
enum Invalid {
    Message(String),
    Error(Box<crate::Error>),
}

async fn send_for<R: Resource>(
    client: &Paperless,
    action: &'static str,
    body: BulkEditObjects,
) -> Result<ActionResult> {
    if body.all != Some(true) && body.objects.as_ref().is_none_or(Vec::is_empty) {
        return Err(
            InvalidInput::new(format!("{}.{action} needs at least one id", R::NAME)).into(),
        );
    }
    client.bulk_edit_objects(&body).await
}

/// A bulk permission change (or a filtered bulk delete), from `bulk_set_permissions` on an
/// endpoint or a filtered list. Set the owner and/or permissions, then await it or call
/// [`BulkSetPermissions::send`].
#[must_use = "a request does nothing until it is awaited"]
pub struct BulkSetPermissions {
    client: Paperless,
    resource: &'static str,
    body: BulkEditObjects,
    invalid: Option<Invalid>,
}

impl BulkSetPermissions {
    fn new(
        client: Paperless,
        resource: &'static str,
        body: BulkEditObjects,
        invalid: Option<Invalid>,
    ) -> Self {
        Self {
            client,
            resource,
            body,
            invalid,
        }
    }

    /// The new owner of every object (`owner`); `None` makes them unowned. With
    /// [`merge`](Self::merge), only objects without an owner get it, and `None` changes nothing.
    pub fn owner(mut self, owner: Option<UserId>) -> Self {
        self.body = self.body.owner(owner);
        self
    }

    /// The view and change permissions (`permissions`): they replace the current ones, or with
    /// [`merge`](Self::merge) are added to them.
    pub fn permissions(mut self, permissions: Permissions) -> Self {
        self.body = self.body.permissions(permissions);
        self
    }

    /// Adds to the existing permissions and keeps existing owners (`merge=true`) instead of
    /// replacing them (server default: `false`).
    pub fn merge(mut self, merge: bool) -> Self {
        self.body = self.body.merge(merge);
        self
    }

    /// The body that [`BulkSetPermissions::send`] posts.
    #[must_use]
    pub fn body(&self) -> &BulkEditObjects {
        &self.body
    }

    /// Sends the request.
    ///
    /// # Errors
    /// [`Error::Invalid`](crate::Error::Invalid), with nothing sent, for an empty id list, an
    /// unfiltered list, or a permission change that sets neither owner nor permissions; as
    /// [`Paperless::bulk_edit_objects`].
    pub async fn send(self) -> Result<ActionResult> {
        match self.invalid {
            Some(Invalid::Message(message)) => return Err(InvalidInput::new(message).into()),
            Some(Invalid::Error(error)) => return Err(*error),
            None => {}
        }
        if self.body.operation == BulkObjectOperation::SetPermissions
            && self.body.owner.is_unchanged()
            && self.body.permissions.is_none()
        {
            return Err(InvalidInput::new(format!(
                "{}.bulk_set_permissions sets nothing: give an owner and/or permissions",
                self.resource
            ))
            .into());
        }
        if self.body.all != Some(true) && self.body.objects.as_ref().is_none_or(Vec::is_empty) {
            return Err(InvalidInput::new(format!(
                "{}.bulk_set_permissions needs at least one id",
                self.resource
            ))
            .into());
        }
        self.client.bulk_edit_objects(&self.body).await
    }
}

impl IntoFuture for BulkSetPermissions {
    type Output = Result<ActionResult>;
    type IntoFuture = Pin<Box<dyn Future<Output = Result<ActionResult>> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

impl fmt::Debug for BulkSetPermissions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BulkSetPermissions")
            .field("resource", &self.resource)
            .field("body", &self.body)
            .finish_non_exhaustive()
    }
}
