//! Workflow actions: what a [workflow](crate::workflow) does to the documents that trigger it.
//!
//! Endpoints:
//! - `GET /api/workflow_actions/` → [`Page`](crate::Page)`<`[`WorkflowAction`]`>`
//! - `GET /api/workflow_actions/{id}/` → [`WorkflowAction`]
//! - `POST /api/workflow_actions/` with [`NewWorkflowAction`] → [`WorkflowAction`] (201)
//! - `PUT`/`PATCH /api/workflow_actions/{id}/` with [`WorkflowActionPatch`] → [`WorkflowAction`]
//! - `DELETE /api/workflow_actions/{id}/` → 204, empty body
//!
//! Actions are usually created and edited inside their workflow (`POST`/`PUT /api/workflows/`);
//! a workflow `PUT` that leaves an action out deletes it. Templates (titles, e-mail, webhook)
//! use the placeholders documented at <https://docs.paperless-ngx.com/usage/#workflow-placeholders>.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::ids::{
    CorrespondentId, CustomFieldId, DocumentTypeId, GroupId, StoragePathId, TagId, UserId,
    WorkflowActionEmailId, WorkflowActionId, WorkflowActionWebhookId,
};
use crate::patch::Patch;
use crate::secret::Secret;

crate::open_enum::int_enum! {
    /// What a workflow action does (`type`).
    pub enum WorkflowActionType {
        /// `1`: assign title, tags, correspondent, type, storage path, owner, permissions or
        /// custom fields (the `assign_*` fields).
        Assignment => 1,
        /// `2`: remove tags, correspondents, ..., permissions (the `remove_*` fields).
        Removal => 2,
        /// `3`: send an e-mail ([`WorkflowAction::email`]).
        Email => 3,
        /// `4`: call a webhook ([`WorkflowAction::webhook`]).
        Webhook => 4,
        /// `5`: remove the password protection of a PDF, trying [`WorkflowAction::passwords`].
        PasswordRemoval => 5,
        /// `6`: move the document to the trash.
        MoveToTrash => 6,
    }
}

impl Default for WorkflowActionType {
    /// [`WorkflowActionType::Assignment`], the server's default.
    fn default() -> Self {
        Self::Assignment
    }
}

/// The e-mail an [`WorkflowActionType::Email`] action sends.
///
/// ```
/// use paperless_types::workflow_action::WorkflowActionEmail;
///
/// let email = WorkflowActionEmail::new("New: {{doc_title}}", "See {{doc_url}}", "me@example.com")
///     .include_document(true);
/// assert_eq!(
///     serde_json::to_string(&email)?,
///     r#"{"subject":"New: {{doc_title}}","body":"See {{doc_url}}","to":"me@example.com","include_document":true}"#
/// );
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct WorkflowActionEmail {
    /// Primary key; set by the server. Send it back to update these settings in place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<WorkflowActionEmailId>,
    /// The subject template.
    pub subject: String,
    /// The body template.
    pub body: String,
    /// Recipient addresses, comma-separated.
    pub to: String,
    /// Whether the document file is attached.
    #[serde(default)]
    pub include_document: bool,
}

impl WorkflowActionEmail {
    /// An e-mail with these templates and recipients, without the document attached.
    #[must_use]
    pub fn new(subject: impl Into<String>, body: impl Into<String>, to: impl Into<String>) -> Self {
        Self {
            id: None,
            subject: subject.into(),
            body: body.into(),
            to: to.into(),
            include_document: false,
        }
    }
}

crate::setters::setters! { WorkflowActionEmail {
    opt id: WorkflowActionEmailId;
    val include_document: bool;
}}

/// The HTTP request a [`WorkflowActionType::Webhook`] action sends (always a `POST`).
///
/// ```
/// use paperless_types::workflow_action::WorkflowActionWebhook;
///
/// let hook = WorkflowActionWebhook::new("https://hooks.example.com/paperless")
///     .params([("title".to_owned(), "{{doc_title}}".to_owned())])
///     .as_json(true);
/// assert_eq!(
///     serde_json::to_string(&hook)?,
///     r#"{"url":"https://hooks.example.com/paperless","use_params":true,"as_json":true,"params":{"title":"{{doc_title}}"},"body":null,"headers":null,"include_document":false}"#
/// );
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct WorkflowActionWebhook {
    /// Primary key; set by the server. Send it back to update these settings in place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<WorkflowActionWebhookId>,
    /// The URL called.
    pub url: String,
    /// Whether the request carries [`params`](Self::params) (as form fields or JSON) instead of
    /// [`body`](Self::body).
    #[serde(default)]
    pub use_params: bool,
    /// Whether the parameters are sent as a JSON object instead of form fields.
    #[serde(default)]
    pub as_json: bool,
    /// Parameter names and value templates.
    #[serde(default)]
    pub params: Option<BTreeMap<String, String>>,
    /// The body template, used when [`use_params`](Self::use_params) is `false`.
    #[serde(default)]
    pub body: Option<String>,
    /// Extra request headers.
    #[serde(default)]
    pub headers: Option<BTreeMap<String, String>>,
    /// Whether the document file is sent along.
    #[serde(default)]
    pub include_document: bool,
}

impl WorkflowActionWebhook {
    /// A webhook calling this URL with an empty body.
    #[must_use]
    pub fn new(url: impl Into<String>) -> Self {
        Self {
            url: url.into(),
            ..Self::default()
        }
    }

    /// Sends these parameters (and sets [`use_params`](Self::use_params)).
    #[must_use]
    pub fn params(mut self, params: impl IntoIterator<Item = (String, String)>) -> Self {
        self.use_params = true;
        self.params = Some(params.into_iter().collect());
        self
    }

    /// Sends these extra headers.
    #[must_use]
    pub fn headers(mut self, headers: impl IntoIterator<Item = (String, String)>) -> Self {
        self.headers = Some(headers.into_iter().collect());
        self
    }
}

crate::setters::setters! { WorkflowActionWebhook {
    opt id: WorkflowActionWebhookId;
    val as_json: bool;
    opt body: String;
    val include_document: bool;
}}

/// A workflow action as the server returns it.
///
/// Only the fields that belong to the action's [`action_type`](Self::action_type) matter; the
/// server sends all of them (empty or `false` for the others).
///
/// ```
/// use paperless_types::workflow_action::{WorkflowAction, WorkflowActionType};
///
/// let json = r#"{"id":20,"type":2,"assign_title":null,"assign_tags":[],
///   "assign_correspondent":null,"assign_document_type":null,"assign_storage_path":null,
///   "assign_owner":null,"assign_view_users":[],"assign_view_groups":[],"assign_change_users":[],
///   "assign_change_groups":[],"assign_custom_fields":[],"assign_custom_fields_values":{},
///   "remove_all_tags":true,"remove_tags":[],"remove_all_correspondents":false,
///   "remove_correspondents":[],"remove_all_document_types":false,"remove_document_types":[],
///   "remove_all_storage_paths":false,"remove_storage_paths":[],"remove_custom_fields":[],
///   "remove_all_custom_fields":false,"remove_all_owners":false,"remove_owners":[],
///   "remove_all_permissions":false,"remove_view_users":[],"remove_view_groups":[],
///   "remove_change_users":[],"remove_change_groups":[],"email":null,"webhook":null,
///   "passwords":null}"#;
/// let action: WorkflowAction = serde_json::from_str(json)?;
/// assert_eq!(action.action_type, WorkflowActionType::Removal);
/// assert!(action.remove_all_tags);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct WorkflowAction {
    /// Primary key.
    pub id: WorkflowActionId,
    /// What the action does.
    #[serde(rename = "type")]
    pub action_type: WorkflowActionType,
    /// Assignment: the title template.
    #[serde(default)]
    pub assign_title: Option<String>,
    /// Assignment: tags to add.
    #[serde(default)]
    pub assign_tags: Vec<TagId>,
    /// Assignment: the correspondent to set.
    #[serde(default)]
    pub assign_correspondent: Option<CorrespondentId>,
    /// Assignment: the document type to set.
    #[serde(default)]
    pub assign_document_type: Option<DocumentTypeId>,
    /// Assignment: the storage path to set.
    #[serde(default)]
    pub assign_storage_path: Option<StoragePathId>,
    /// Assignment: the owner to set.
    #[serde(default)]
    pub assign_owner: Option<UserId>,
    /// Assignment: users granted view permission.
    #[serde(default)]
    pub assign_view_users: Vec<UserId>,
    /// Assignment: groups granted view permission.
    #[serde(default)]
    pub assign_view_groups: Vec<GroupId>,
    /// Assignment: users granted change permission.
    #[serde(default)]
    pub assign_change_users: Vec<UserId>,
    /// Assignment: groups granted change permission.
    #[serde(default)]
    pub assign_change_groups: Vec<GroupId>,
    /// Assignment: custom fields to add to the document.
    #[serde(default)]
    pub assign_custom_fields: Vec<CustomFieldId>,
    /// Assignment: values for the added custom fields, by field id (`null` adds the field
    /// without a value).
    #[serde(default)]
    pub assign_custom_fields_values: Option<BTreeMap<CustomFieldId, serde_json::Value>>,
    /// Removal: remove every tag.
    #[serde(default)]
    pub remove_all_tags: bool,
    /// Removal: tags to remove.
    #[serde(default)]
    pub remove_tags: Vec<TagId>,
    /// Removal: unset the correspondent, whichever it is.
    #[serde(default)]
    pub remove_all_correspondents: bool,
    /// Removal: unset the correspondent if it is one of these.
    #[serde(default)]
    pub remove_correspondents: Vec<CorrespondentId>,
    /// Removal: unset the document type, whichever it is.
    #[serde(default)]
    pub remove_all_document_types: bool,
    /// Removal: unset the document type if it is one of these.
    #[serde(default)]
    pub remove_document_types: Vec<DocumentTypeId>,
    /// Removal: unset the storage path, whichever it is.
    #[serde(default)]
    pub remove_all_storage_paths: bool,
    /// Removal: unset the storage path if it is one of these.
    #[serde(default)]
    pub remove_storage_paths: Vec<StoragePathId>,
    /// Removal: custom fields to remove.
    #[serde(default)]
    pub remove_custom_fields: Vec<CustomFieldId>,
    /// Removal: remove every custom field.
    #[serde(default)]
    pub remove_all_custom_fields: bool,
    /// Removal: unset the owner, whoever it is.
    #[serde(default)]
    pub remove_all_owners: bool,
    /// Removal: unset the owner if it is one of these.
    #[serde(default)]
    pub remove_owners: Vec<UserId>,
    /// Removal: remove every view and change permission.
    #[serde(default)]
    pub remove_all_permissions: bool,
    /// Removal: users losing view permission.
    #[serde(default)]
    pub remove_view_users: Vec<UserId>,
    /// Removal: groups losing view permission.
    #[serde(default)]
    pub remove_view_groups: Vec<GroupId>,
    /// Removal: users losing change permission.
    #[serde(default)]
    pub remove_change_users: Vec<UserId>,
    /// Removal: groups losing change permission.
    #[serde(default)]
    pub remove_change_groups: Vec<GroupId>,
    /// E-mail actions: the e-mail sent.
    #[serde(default)]
    pub email: Option<WorkflowActionEmail>,
    /// Webhook actions: the request sent.
    #[serde(default)]
    pub webhook: Option<WorkflowActionWebhook>,
    /// Password removal actions: the passwords tried, in order.
    #[serde(default)]
    pub passwords: Option<Vec<Secret>>,
}

macro_rules! workflow_action_payload {
    (
        $(#[$meta:meta])*
        pub struct $name:ident { $($head:tt)* }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
        #[non_exhaustive]
        pub struct $name {
            $($head)*
            /// Assignment: the title template.
            #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
            pub assign_title: Patch<String>,
            /// Assignment: tags to add.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub assign_tags: Option<Vec<TagId>>,
            /// Assignment: the correspondent to set.
            #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
            pub assign_correspondent: Patch<CorrespondentId>,
            /// Assignment: the document type to set.
            #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
            pub assign_document_type: Patch<DocumentTypeId>,
            /// Assignment: the storage path to set.
            #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
            pub assign_storage_path: Patch<StoragePathId>,
            /// Assignment: the owner to set.
            #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
            pub assign_owner: Patch<UserId>,
            /// Assignment: users granted view permission.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub assign_view_users: Option<Vec<UserId>>,
            /// Assignment: groups granted view permission.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub assign_view_groups: Option<Vec<GroupId>>,
            /// Assignment: users granted change permission.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub assign_change_users: Option<Vec<UserId>>,
            /// Assignment: groups granted change permission.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub assign_change_groups: Option<Vec<GroupId>>,
            /// Assignment: custom fields to add.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub assign_custom_fields: Option<Vec<CustomFieldId>>,
            /// Assignment: values for the added custom fields, by field id.
            #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
            pub assign_custom_fields_values: Patch<BTreeMap<CustomFieldId, serde_json::Value>>,
            /// Removal: remove every tag.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub remove_all_tags: Option<bool>,
            /// Removal: tags to remove.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub remove_tags: Option<Vec<TagId>>,
            /// Removal: unset the correspondent, whichever it is.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub remove_all_correspondents: Option<bool>,
            /// Removal: unset the correspondent if it is one of these.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub remove_correspondents: Option<Vec<CorrespondentId>>,
            /// Removal: unset the document type, whichever it is.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub remove_all_document_types: Option<bool>,
            /// Removal: unset the document type if it is one of these.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub remove_document_types: Option<Vec<DocumentTypeId>>,
            /// Removal: unset the storage path, whichever it is.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub remove_all_storage_paths: Option<bool>,
            /// Removal: unset the storage path if it is one of these.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub remove_storage_paths: Option<Vec<StoragePathId>>,
            /// Removal: custom fields to remove.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub remove_custom_fields: Option<Vec<CustomFieldId>>,
            /// Removal: remove every custom field.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub remove_all_custom_fields: Option<bool>,
            /// Removal: unset the owner, whoever it is.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub remove_all_owners: Option<bool>,
            /// Removal: unset the owner if it is one of these.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub remove_owners: Option<Vec<UserId>>,
            /// Removal: remove every view and change permission.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub remove_all_permissions: Option<bool>,
            /// Removal: users losing view permission.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub remove_view_users: Option<Vec<UserId>>,
            /// Removal: groups losing view permission.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub remove_view_groups: Option<Vec<GroupId>>,
            /// Removal: users losing change permission.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub remove_change_users: Option<Vec<UserId>>,
            /// Removal: groups losing change permission.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub remove_change_groups: Option<Vec<GroupId>>,
            /// E-mail actions: the e-mail to send (required for them).
            #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
            pub email: Patch<WorkflowActionEmail>,
            /// Webhook actions: the request to send (required for them).
            #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
            pub webhook: Patch<WorkflowActionWebhook>,
            /// Password removal actions: the passwords to try (required for them, non-empty).
            #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
            pub passwords: Patch<Vec<Secret>>,
        }

        crate::setters::setters! { $name {
            patch assign_title: String;
            list assign_tags: TagId;
            patch assign_correspondent: CorrespondentId;
            patch assign_document_type: DocumentTypeId;
            patch assign_storage_path: StoragePathId;
            patch assign_owner: UserId;
            list assign_view_users: UserId;
            list assign_view_groups: GroupId;
            list assign_change_users: UserId;
            list assign_change_groups: GroupId;
            list assign_custom_fields: CustomFieldId;
            patch assign_custom_fields_values: BTreeMap<CustomFieldId, serde_json::Value>;
            opt remove_all_tags: bool;
            list remove_tags: TagId;
            opt remove_all_correspondents: bool;
            list remove_correspondents: CorrespondentId;
            opt remove_all_document_types: bool;
            list remove_document_types: DocumentTypeId;
            opt remove_all_storage_paths: bool;
            list remove_storage_paths: StoragePathId;
            list remove_custom_fields: CustomFieldId;
            opt remove_all_custom_fields: bool;
            opt remove_all_owners: bool;
            list remove_owners: UserId;
            opt remove_all_permissions: bool;
            list remove_view_users: UserId;
            list remove_view_groups: GroupId;
            list remove_change_users: UserId;
            list remove_change_groups: GroupId;
            patch email: WorkflowActionEmail;
            patch webhook: WorkflowActionWebhook;
            patch passwords: Vec<Secret>;
        }}
    };
}

workflow_action_payload! {
    /// A new workflow action: the body of `POST /api/workflow_actions/`, and an element of the
    /// `actions` of [`NewWorkflow`](crate::workflow::NewWorkflow) and
    /// [`WorkflowPatch`](crate::workflow::WorkflowPatch).
    ///
    /// Only the [`action_type`](Self::action_type) is required; every other field left unset is
    /// not sent.
    ///
    /// ```
    /// use paperless_types::TagId;
    /// use paperless_types::workflow_action::{NewWorkflowAction, WorkflowActionType};
    ///
    /// let action = NewWorkflowAction::new(WorkflowActionType::Assignment)
    ///     .assign_title(Some("{{ correspondent }} {{ created_year }}".into()))
    ///     .assign_tags([TagId(4)]);
    /// assert_eq!(
    ///     serde_json::to_string(&action)?,
    ///     r#"{"type":1,"assign_title":"{{ correspondent }} {{ created_year }}","assign_tags":[4]}"#
    /// );
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub struct NewWorkflowAction {
        /// Inside a workflow update: the existing action this entry updates in place. `None`
        /// creates a new action.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub id: Option<WorkflowActionId>,
        /// What the action does.
        #[serde(rename = "type")]
        pub action_type: WorkflowActionType,
    }
}

impl NewWorkflowAction {
    /// An action of this type that changes nothing yet.
    #[must_use]
    pub fn new(action_type: WorkflowActionType) -> Self {
        Self {
            action_type,
            ..Self::default()
        }
    }
}

crate::setters::setters! { NewWorkflowAction {
    opt id: WorkflowActionId;
}}

workflow_action_payload! {
    /// The body of `PATCH /api/workflow_actions/{id}/` (partial update) or `PUT` (replace).
    ///
    /// Fields left `None` / [`Patch::Unchanged`] are not sent and keep their value.
    ///
    /// ```
    /// use paperless_types::TagId;
    /// use paperless_types::workflow_action::WorkflowActionPatch;
    ///
    /// let patch = WorkflowActionPatch::new().remove_all_tags(false).remove_tags([TagId(1)]);
    /// assert_eq!(serde_json::to_string(&patch)?, r#"{"remove_all_tags":false,"remove_tags":[1]}"#);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub struct WorkflowActionPatch {
        /// New action type.
        #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
        pub action_type: Option<WorkflowActionType>,
    }
}

impl WorkflowActionPatch {
    /// A patch that changes nothing yet.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }
}

crate::setters::setters! { WorkflowActionPatch {
    opt action_type: WorkflowActionType;
}}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_match_the_captures() {
        assert_eq!(
            serde_json::to_string(
                &NewWorkflowAction::new(WorkflowActionType::Removal).remove_all_tags(true)
            )
            .unwrap(),
            r#"{"type":2,"remove_all_tags":true}"#
        );
        assert_eq!(
            serde_json::to_string(
                &WorkflowActionPatch::new()
                    .action_type(WorkflowActionType::Assignment)
                    .assign_title(Some("ZZ {{ title }}".to_owned()))
                    .assign_tags([TagId(9)])
            )
            .unwrap(),
            r#"{"type":1,"assign_title":"ZZ {{ title }}","assign_tags":[9]}"#
        );
    }

    #[test]
    fn custom_field_values_are_keyed_by_id() {
        let action = NewWorkflowAction::new(WorkflowActionType::Assignment)
            .assign_custom_fields([CustomFieldId(3)])
            .assign_custom_fields_values(Some(BTreeMap::from([(
                CustomFieldId(3),
                serde_json::json!("2025-01-31"),
            )])));
        let json = serde_json::to_string(&action).unwrap();
        assert_eq!(
            json,
            r#"{"type":1,"assign_custom_fields":[3],"assign_custom_fields_values":{"3":"2025-01-31"}}"#
        );
        let back: NewWorkflowAction = serde_json::from_str(&json).unwrap();
        assert_eq!(back, action);
    }

    #[test]
    fn passwords_are_redacted_in_debug() {
        let action = NewWorkflowAction::new(WorkflowActionType::PasswordRemoval)
            .passwords(Some(vec![Secret::new("pdf-pass")]));
        assert!(!format!("{action:?}").contains("pdf-pass"));
        assert_eq!(
            serde_json::to_string(&action).unwrap(),
            r#"{"type":5,"passwords":["pdf-pass"]}"#
        );
    }
}
