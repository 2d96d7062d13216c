//! Typed primary keys: one newtype per resource, so a `TagId` can never be passed where a
//! `DocumentId` is expected. Every id is `#[serde(transparent)]`: on the wire it is the plain integer.

use serde::{Deserialize, Serialize};

macro_rules! define_ids {
    ($($(#[$meta:meta])* $name:ident;)*) => {$(
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub u64);

        impl $name {
            /// The raw integer primary key.
            #[must_use]
            pub const fn get(self) -> u64 {
                self.0
            }
        }

        impl From<u64> for $name {
            fn from(id: u64) -> Self {
                Self(id)
            }
        }

        impl From<$name> for u64 {
            fn from(id: $name) -> Self {
                id.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                std::fmt::Display::fmt(&self.0, f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::num::ParseIntError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.parse().map(Self)
            }
        }
    )*};
}

define_ids! {
    /// Primary key of a document (`/api/documents/{id}/`).
    DocumentId;
    /// Primary key of a tag (`/api/tags/{id}/`).
    TagId;
    /// Primary key of a correspondent (`/api/correspondents/{id}/`).
    CorrespondentId;
    /// Primary key of a document type (`/api/document_types/{id}/`).
    DocumentTypeId;
    /// Primary key of a storage path (`/api/storage_paths/{id}/`).
    StoragePathId;
    /// Primary key of a custom field definition (`/api/custom_fields/{id}/`).
    CustomFieldId;
    /// Primary key of a custom field *instance* attached to a document.
    CustomFieldInstanceId;
    /// Primary key of a saved view (`/api/saved_views/{id}/`).
    SavedViewId;
    /// Primary key of a share link (`/api/share_links/{id}/`).
    ShareLinkId;
    /// Primary key of a share-link bundle (`/api/share_link_bundles/{id}/`).
    ShareLinkBundleId;
    /// Primary key of a user (`/api/users/{id}/`).
    UserId;
    /// Primary key of a group (`/api/groups/{id}/`).
    GroupId;
    /// Primary key of a mail account (`/api/mail_accounts/{id}/`).
    MailAccountId;
    /// Primary key of a mail rule (`/api/mail_rules/{id}/`).
    MailRuleId;
    /// Primary key of a processed mail record (`/api/processed_mail/{id}/`).
    ProcessedMailId;
    /// Primary key of a workflow (`/api/workflows/{id}/`).
    WorkflowId;
    /// Primary key of a workflow trigger (`/api/workflow_triggers/{id}/`).
    WorkflowTriggerId;
    /// Primary key of a workflow action (`/api/workflow_actions/{id}/`).
    WorkflowActionId;
    /// Primary key of a task record (`/api/tasks/{id}/`); the Celery UUID is [`crate::task::TaskUuid`].
    TaskId;
    /// Primary key of a document note (`/api/documents/{id}/notes/`).
    NoteId;
    /// Primary key of the application configuration row (`/api/config/{id}/`, normally 1).
    ConfigId;
    /// Primary key of the e-mail settings of a workflow action (`email.id` in `/api/workflow_actions/`).
    WorkflowActionEmailId;
    /// Primary key of the webhook settings of a workflow action (`webhook.id` in `/api/workflow_actions/`).
    WorkflowActionWebhookId;
    /// Primary key of a social (OAuth/OpenID) login connected to a user (`/api/profile/`).
    SocialAccountId;
}
