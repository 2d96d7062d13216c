//! The typed endpoints of the Paperless-ngx REST API: one module per resource.
//!
//! Each module declares its [`Resource`](crate::Resource) type, the accessor on
//! [`Paperless`](crate::Paperless) (`client.tags()`), its typed list filters and its special actions.

// -- documents, tasks, trash --
pub mod documents;
pub mod tasks;
pub mod trash;

// -- other resources --

// -- end of resources --
