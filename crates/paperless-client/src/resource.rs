//! The one resource mechanism: the [`Resource`] trait and its capability markers, which the
//! generic [`Endpoint`](crate::Endpoint) every resource accessor returns is built on
//! (`endpoint.rs`).
//!
//! A resource is a type (usually an empty enum) that names a collection of the REST API and its
//! models. Adding one is a handful of lines:
//!
//! ```
//! use paperless_client::{
//!     Creatable, Deletable, HasIdFilter, HasName, HasPermissions, Resource, Updatable,
//! };
//! use paperless_client::types::TagId;
//! # #[derive(serde::Serialize, serde::Deserialize)] pub struct Tag { id: TagId, name: String }
//! # #[derive(serde::Serialize)] pub struct NewTag;
//! # #[derive(serde::Serialize)] pub struct TagPatch;
//!
//! /// `/api/tags/`.
//! pub enum Tags {}
//!
//! impl Resource for Tags {
//!     type Id = TagId;
//!     type Item = Tag;
//!     const NAME: &'static str = "tags";
//!     const PATH: &'static str = "/api/tags/";
//!     fn id_of(tag: &Tag) -> TagId {
//!         tag.id
//!     }
//! }
//! impl Creatable for Tags {
//!     type Create = NewTag;
//! }
//! impl Updatable for Tags {
//!     type Patch = TagPatch;
//!     type Replace = NewTag;
//!     const RENAMED_ON_WRITE: &'static [(&'static str, &'static str)] =
//!         &[("permissions", "set_permissions")];
//! }
//! impl Deletable for Tags {}
//! impl HasPermissions for Tags {}
//! impl HasName for Tags {
//!     fn name_of(tag: &Tag) -> &str {
//!         &tag.name
//!     }
//! }
//! impl HasIdFilter for Tags {}
//! ```
//!
//! Operations a resource does not allow do not exist on its endpoint: share links are not
//! [`Updatable`], so `update` on them does not compile:
//!
//! ```compile_fail,E0599
//! # use paperless_client::{Creatable, Endpoint, Resource};
//! # use paperless_client::types::ShareLinkId;
//! # #[derive(serde::Deserialize)] struct ShareLink { id: ShareLinkId }
//! enum ShareLinks {}
//! impl Resource for ShareLinks {
//!     type Id = ShareLinkId;
//!     type Item = ShareLink;
//!     const NAME: &'static str = "share_links";
//!     const PATH: &'static str = "/api/share_links/";
//!     fn id_of(link: &ShareLink) -> ShareLinkId { link.id }
//! }
//! async fn rename(links: Endpoint<ShareLinks>) {
//!     links.update(1, &()).await; // error: no method `update` (ShareLinks is not Updatable)
//! }
//! ```
//!
//! Resource-specific list filters are added as `impl List<Tags> { ... }` blocks,
//! resource-specific calls as `impl Endpoint<Documents> { ... }`.

use std::fmt;

use http::Method;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::operation::Operation;
use crate::request::ApiRequest;

/// A collection of the Paperless-ngx REST API (`/api/tags/`) and the model of its objects.
///
/// Implement it on an uninhabited type (`pub enum Tags {}`), then add the capability markers the
/// server allows: [`Creatable`], [`Updatable`], [`Deletable`]; [`HasPermissions`] for owned
/// objects; and [`HasIdFilter`] / [`HasName`] / [`HasOwner`] for the list filters the server
/// really applies (it silently ignores unknown ones, which would return every object).
pub trait Resource: Send + Sync + 'static {
    /// The primary key type, such as [`TagId`](paperless_types::TagId); its `Display` form is put
    /// into the object's path (`/api/tags/{id}/`).
    type Id: Copy + fmt::Display + DeserializeOwned + Send + Sync + 'static;
    /// The object as the server sends it (`GET /api/tags/{id}/`, list results).
    type Item: DeserializeOwned + Send + 'static;
    /// The resource's name in operation names and errors, as in the URL: `"tags"`,
    /// `"document_types"`.
    const NAME: &'static str;
    /// The collection's path relative to the installation root, starting and ending with `/`:
    /// `"/api/tags/"`. Objects live at `PATH` + id + `/`.
    const PATH: &'static str;
    /// The primary key of an object (its `id` field).
    fn id_of(item: &Self::Item) -> Self::Id;
}

/// The server creates objects of this resource with `POST PATH`.
pub trait Creatable: Resource {
    /// The creation payload (`NewTag`): the fields a client may set, including `owner` and
    /// `set_permissions` for owned objects.
    type Create: Serialize + Sync;
}

/// The server updates objects of this resource with `PATCH` and `PUT PATH{id}/`.
pub trait Updatable: Resource {
    /// The partial-update payload (`TagPatch`): every field optional, absent fields are left
    /// unchanged by the server.
    type Patch: Serialize + Sync;
    /// The full-update payload for `PUT`: every writable field (often the creation payload).
    type Replace: Serialize + Sync;
    /// Top-level keys that the server reads under one name and writes under another, as
    /// `(read, write)` pairs. [`Tracked`](crate::Tracked) renames them when it sends changes; owned objects use
    /// `[("permissions", "set_permissions")]` (read with `full_perms=true`, written as
    /// `set_permissions`). Default: none.
    const RENAMED_ON_WRITE: &'static [(&'static str, &'static str)] = &[];
    /// Top-level keys the server requires on a full update (`PUT`) although they may be
    /// `null`. [`Endpoint::replace`](crate::Endpoint::replace) sends each one the payload leaves
    /// out as `null`; documents list `correspondent`, `document_type` and `storage_path` (the
    /// server's `DocumentSerializer` answers `400 This field is required.` without them).
    /// Default: none.
    const REQUIRED_ON_REPLACE: &'static [&'static str] = &[];
}

/// The server deletes objects of this resource with `DELETE PATH{id}/`.
pub trait Deletable: Resource {}

/// Objects of this resource have an owner and object permissions (Paperless-ngx's
/// `OwnedObjectSerializer`: tags, correspondents, document types, storage paths, saved views, mail
/// accounts and rules, documents): [`Get::full_perms`](crate::Get::full_perms) and [`List::full_perms`](crate::List::full_perms) ask for the full
/// `permissions` block instead of `user_can_change`, and the create and update payloads take
/// `owner` and `set_permissions`.
///
/// Every [`HasOwner`] resource has it; implement it directly for owned objects whose lists do not
/// filter by owner.
pub trait HasPermissions: Resource {}

impl<R: HasOwner> HasPermissions for R {}

/// Lists of this resource filter by owner: `owner__id`, `owner__id__in` and `owner__isnull`
/// ([`List::owner_id`](crate::List::owner_id) and friends). Implies [`HasPermissions`].
///
/// On Paperless-ngx 3.x only documents have these filters: the lists of tags, correspondents and
/// the other owned objects ignore them (and would answer with every object), so those resources
/// implement [`HasPermissions`] only.
pub trait HasOwner: Resource {}

/// Objects of this resource have a `name`: lists take the `name__icontains`, `name__iexact`,
/// `name__istartswith` and `name__iendswith` filters, and the endpoint finds one by its exact
/// name ([`Endpoint::find_by_name`](crate::Endpoint::find_by_name),
/// [`Endpoint::get_or_create`](crate::Endpoint::get_or_create)).
pub trait HasName: Resource {
    /// The object's name.
    fn name_of(item: &Self::Item) -> &str;
}

/// Lists of this resource filter by primary key (`id__in`, [`List::id_in`](crate::List::id_in)).
///
/// Paperless-ngx 3.x has this filter on documents, tags, correspondents, document types, storage
/// paths and custom fields. The other lists (users, groups, saved views, mail, workflows, share
/// links) ignore it and would answer with every object, so they do not implement this trait.
pub trait HasIdFilter: Resource {}

/// The server applies `fields=` to this resource's answers ([`List::fields`](crate::List::fields),
/// [`Get::fields`](crate::Get::fields)).
///
/// Only documents do (their serializer is Paperless-ngx's `DynamicFieldsModelSerializer`); every
/// other collection ignores the parameter and sends whole objects, so it does not implement this
/// trait.
pub trait HasFields: Resource {}

/// `true` for paths that start and end with `/`; checked at compile time for every resource.
pub(crate) const fn is_collection_path(path: &str) -> bool {
    let bytes = path.as_bytes();
    match (bytes.first(), bytes.last()) {
        (Some(b'/'), Some(b'/')) => bytes.len() > 1,
        _ => false,
    }
}

/// The object path `PATH{id}/`.
pub(crate) fn object_path<R: Resource>(id: R::Id) -> String {
    format!("{}{id}/", R::PATH)
}

/// `method PATH{id}/`, operation `R::NAME.action`: the one way the reads and writes of one
/// object (`get`, `update`, `replace`, `delete`, and the same calls of [`Tracked`]) are built.
pub(crate) fn object_request<R: Resource>(
    action: &'static str,
    method: Method,
    id: R::Id,
) -> ApiRequest {
    ApiRequest::new(
        Operation::new(R::NAME, action),
        method,
        object_path::<R>(id),
    )
}

/// Joins values with commas, as Paperless-ngx's `__in` and `fields` parameters expect.
pub(crate) fn join<I, S>(values: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut out = String::new();
    for v in values {
        if !out.is_empty() {
            out.push(',');
        }
        out.push_str(v.as_ref());
    }
    out
}
