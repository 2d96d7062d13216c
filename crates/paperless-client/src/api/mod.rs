//! The typed endpoints of the Paperless-ngx REST API: one module per resource.
//!
//! Each module declares its [`Resource`](crate::Resource) type, the accessor on
//! [`Paperless`](crate::Paperless) (`client.tags()`), its typed list filters and its special actions.

// -- documents, tasks, trash --
pub mod documents;
pub mod tasks;
pub mod trash;

// -- other resources --

pub mod bulk_edit_objects;
pub mod config;
pub mod correspondents;
pub mod custom_fields;
pub mod document_types;
pub mod groups;
pub mod logs;
pub mod mail_accounts;
pub mod mail_rules;
pub mod processed_mail;
pub mod profile;
pub mod saved_views;
pub mod search;
pub mod share_link_bundles;
pub mod share_links;
pub mod statistics;
pub mod status;
pub mod storage_paths;
pub mod tags;
pub mod ui_settings;
pub mod users;
pub mod workflow_actions;
pub mod workflow_triggers;
pub mod workflows;

pub use bulk_edit_objects::{BulkEditable, BulkSetPermissions};
pub use config::ConfigEndpoint;
pub use correspondents::Correspondents;
pub use custom_fields::CustomFields;
pub use document_types::DocumentTypes;
pub use groups::Groups;
pub use logs::{LogRequest, LogsEndpoint};
pub use mail_accounts::MailAccounts;
pub use mail_rules::MailRules;
pub use processed_mail::ProcessedMails;
pub use profile::ProfileEndpoint;
pub use saved_views::SavedViews;
pub use search::{Autocomplete, GlobalSearch};
pub use share_link_bundles::ShareLinkBundles;
pub use share_links::ShareLinks;
pub use storage_paths::StoragePaths;
pub use tags::Tags;
pub use ui_settings::UiSettingsEndpoint;
pub use users::Users;
pub use workflow_actions::WorkflowActions;
pub use workflow_triggers::WorkflowTriggers;
pub use workflows::Workflows;

// -- end of resources --
