//! Workflow triggers: the events (and filters) that start a [workflow](crate::workflow).
//!
//! Endpoints:
//! - `GET /api/workflow_triggers/` → [`Page`](crate::Page)`<`[`WorkflowTrigger`]`>`
//! - `GET /api/workflow_triggers/{id}/` → [`WorkflowTrigger`]
//! - `POST /api/workflow_triggers/` with [`NewWorkflowTrigger`] → [`WorkflowTrigger`] (201)
//! - `PUT`/`PATCH /api/workflow_triggers/{id}/` with [`WorkflowTriggerPatch`] → [`WorkflowTrigger`]
//! - `DELETE /api/workflow_triggers/{id}/` → 204, empty body
//!
//! Triggers are usually created and edited inside their workflow (`POST`/`PUT /api/workflows/`).
//! Deleting a workflow leaves its triggers behind as orphans, which these endpoints still serve.
//! See <https://docs.paperless-ngx.com/usage/#workflows>.

use serde::{Deserialize, Serialize};

use crate::ids::{
    CorrespondentId, CustomFieldId, DocumentTypeId, MailRuleId, StoragePathId, TagId,
    WorkflowTriggerId,
};
use crate::matching::MatchingAlgorithm;
use crate::patch::Patch;

crate::open_enum::int_enum! {
    /// The event that starts a workflow (`type`).
    pub enum WorkflowTriggerType {
        /// `1`: consumption of a new file started (before the document exists).
        Consumption => 1,
        /// `2`: a document was added.
        DocumentAdded => 2,
        /// `3`: a document was updated.
        DocumentUpdated => 3,
        /// `4`: a date of a document is reached (see the `schedule_*` fields).
        Scheduled => 4,
    }
}

impl Default for WorkflowTriggerType {
    /// [`WorkflowTriggerType::Consumption`], the server's default.
    fn default() -> Self {
        Self::Consumption
    }
}

crate::open_enum::int_enum! {
    /// Where a consumed document came from (`sources` of consumption triggers).
    pub enum DocumentSource {
        /// `1`: the consumption folder.
        ConsumeFolder => 1,
        /// `2`: an upload through the API (`POST /api/documents/post_document/`).
        ApiUpload => 2,
        /// `3`: a mail rule.
        MailFetch => 3,
        /// `4`: an upload in the web UI.
        WebUi => 4,
    }
}

crate::open_enum::string_enum! {
    /// The document date a scheduled trigger counts from (`schedule_date_field`).
    pub enum ScheduleDateField {
        /// `added`: when the document was added.
        Added => "added",
        /// `created`: the document date.
        Created => "created",
        /// `modified`: when the document was last modified.
        Modified => "modified",
        /// `custom_field`: the date custom field in `schedule_date_custom_field`.
        CustomField => "custom_field",
    }
}

impl Default for ScheduleDateField {
    /// [`ScheduleDateField::Added`], the server's default.
    fn default() -> Self {
        Self::Added
    }
}

/// A workflow trigger as the server returns it.
///
/// Filters left empty (`None` or `[]`) do not restrict the trigger.
///
/// ```
/// use paperless_types::workflow_trigger::{DocumentSource, WorkflowTrigger, WorkflowTriggerType};
///
/// let json = r#"{"id":13,"sources":[1,2,3],"type":3,"filter_path":null,"filter_filename":null,
///   "filter_mailrule":null,"matching_algorithm":0,"match":"","is_insensitive":true,
///   "filter_has_tags":[9],"filter_has_all_tags":[],"filter_has_not_tags":[],
///   "filter_custom_field_query":null,"filter_has_any_correspondents":[],
///   "filter_has_not_correspondents":[],"filter_has_any_document_types":[],
///   "filter_has_not_document_types":[],"filter_has_any_storage_paths":[],
///   "filter_has_not_storage_paths":[],"filter_has_correspondent":null,
///   "filter_has_document_type":null,"filter_has_storage_path":null,"schedule_offset_days":0,
///   "schedule_is_recurring":false,"schedule_recurring_interval_days":1,
///   "schedule_date_field":"added","schedule_date_custom_field":null}"#;
/// let trigger: WorkflowTrigger = serde_json::from_str(json)?;
/// assert_eq!(trigger.trigger_type, WorkflowTriggerType::DocumentUpdated);
/// assert_eq!(trigger.sources[2], DocumentSource::MailFetch);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct WorkflowTrigger {
    /// Primary key.
    pub id: WorkflowTriggerId,
    /// Consumption triggers: only documents from these sources.
    #[serde(default)]
    pub sources: Vec<DocumentSource>,
    /// The event that starts the workflow.
    #[serde(rename = "type")]
    pub trigger_type: WorkflowTriggerType,
    /// Only files whose path matches this wildcard pattern (such as `*/invoices/*`).
    #[serde(default)]
    pub filter_path: Option<String>,
    /// Only files whose name matches this wildcard pattern (such as `*.pdf`), case-insensitively.
    #[serde(default)]
    pub filter_filename: Option<String>,
    /// Only documents fetched by this mail rule.
    #[serde(default)]
    pub filter_mailrule: Option<MailRuleId>,
    /// How [`match`](Self::match) is applied to the document content
    /// ([`MatchingAlgorithm::Auto`] is not allowed here).
    #[serde(default)]
    pub matching_algorithm: MatchingAlgorithm,
    /// Only documents whose content matches this text.
    #[serde(default)]
    pub r#match: String,
    /// Whether content matching ignores case.
    #[serde(default)]
    pub is_insensitive: bool,
    /// Only documents with any of these tags.
    #[serde(default)]
    pub filter_has_tags: Vec<TagId>,
    /// Only documents with all of these tags.
    #[serde(default)]
    pub filter_has_all_tags: Vec<TagId>,
    /// Only documents with none of these tags.
    #[serde(default)]
    pub filter_has_not_tags: Vec<TagId>,
    /// Only documents matching this custom field query (JSON, as in the `custom_field_query`
    /// document filter, e.g. `["Paid", "exact", false]`).
    #[serde(default)]
    pub filter_custom_field_query: Option<String>,
    /// Only documents from any of these correspondents.
    #[serde(default)]
    pub filter_has_any_correspondents: Vec<CorrespondentId>,
    /// Only documents from none of these correspondents.
    #[serde(default)]
    pub filter_has_not_correspondents: Vec<CorrespondentId>,
    /// Only documents of any of these types.
    #[serde(default)]
    pub filter_has_any_document_types: Vec<DocumentTypeId>,
    /// Only documents of none of these types.
    #[serde(default)]
    pub filter_has_not_document_types: Vec<DocumentTypeId>,
    /// Only documents with any of these storage paths.
    #[serde(default)]
    pub filter_has_any_storage_paths: Vec<StoragePathId>,
    /// Only documents with none of these storage paths.
    #[serde(default)]
    pub filter_has_not_storage_paths: Vec<StoragePathId>,
    /// Only documents from this correspondent.
    #[serde(default)]
    pub filter_has_correspondent: Option<CorrespondentId>,
    /// Only documents of this type.
    #[serde(default)]
    pub filter_has_document_type: Option<DocumentTypeId>,
    /// Only documents with this storage path.
    #[serde(default)]
    pub filter_has_storage_path: Option<StoragePathId>,
    /// Scheduled triggers: days after (positive) or before (negative) the date field.
    #[serde(default)]
    pub schedule_offset_days: i64,
    /// Scheduled triggers: whether the workflow repeats.
    #[serde(default)]
    pub schedule_is_recurring: bool,
    /// Scheduled triggers: days between repetitions.
    #[serde(default)]
    pub schedule_recurring_interval_days: u32,
    /// Scheduled triggers: the date the offset counts from.
    #[serde(default)]
    pub schedule_date_field: ScheduleDateField,
    /// Scheduled triggers with [`ScheduleDateField::CustomField`]: the date custom field.
    #[serde(default)]
    pub schedule_date_custom_field: Option<CustomFieldId>,
}

macro_rules! workflow_trigger_payload {
    (
        $(#[$meta:meta])*
        pub struct $name:ident { $($head:tt)* }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
        #[non_exhaustive]
        pub struct $name {
            $($head)*
            /// Consumption triggers: only documents from these sources (server default: consume
            /// folder, API upload and mail fetch).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub sources: Option<Vec<DocumentSource>>,
            /// Only files whose path matches this wildcard pattern.
            #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
            pub filter_path: Patch<String>,
            /// Only files whose name matches this wildcard pattern.
            #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
            pub filter_filename: Patch<String>,
            /// Only documents fetched by this mail rule.
            #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
            pub filter_mailrule: Patch<MailRuleId>,
            /// How `match` is applied to the document content.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub matching_algorithm: Option<MatchingAlgorithm>,
            /// Only documents whose content matches this text.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub r#match: Option<String>,
            /// Whether content matching ignores case.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub is_insensitive: Option<bool>,
            /// Only documents with any of these tags.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub filter_has_tags: Option<Vec<TagId>>,
            /// Only documents with all of these tags.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub filter_has_all_tags: Option<Vec<TagId>>,
            /// Only documents with none of these tags.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub filter_has_not_tags: Option<Vec<TagId>>,
            /// Only documents matching this custom field query (JSON).
            #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
            pub filter_custom_field_query: Patch<String>,
            /// Only documents from any of these correspondents.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub filter_has_any_correspondents: Option<Vec<CorrespondentId>>,
            /// Only documents from none of these correspondents.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub filter_has_not_correspondents: Option<Vec<CorrespondentId>>,
            /// Only documents of any of these types.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub filter_has_any_document_types: Option<Vec<DocumentTypeId>>,
            /// Only documents of none of these types.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub filter_has_not_document_types: Option<Vec<DocumentTypeId>>,
            /// Only documents with any of these storage paths.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub filter_has_any_storage_paths: Option<Vec<StoragePathId>>,
            /// Only documents with none of these storage paths.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub filter_has_not_storage_paths: Option<Vec<StoragePathId>>,
            /// Only documents from this correspondent.
            #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
            pub filter_has_correspondent: Patch<CorrespondentId>,
            /// Only documents of this type.
            #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
            pub filter_has_document_type: Patch<DocumentTypeId>,
            /// Only documents with this storage path.
            #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
            pub filter_has_storage_path: Patch<StoragePathId>,
            /// Scheduled triggers: days after (positive) or before (negative) the date field.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub schedule_offset_days: Option<i64>,
            /// Scheduled triggers: whether the workflow repeats.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub schedule_is_recurring: Option<bool>,
            /// Scheduled triggers: days between repetitions.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub schedule_recurring_interval_days: Option<u32>,
            /// Scheduled triggers: the date the offset counts from.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub schedule_date_field: Option<ScheduleDateField>,
            /// Scheduled triggers: the date custom field.
            #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
            pub schedule_date_custom_field: Patch<CustomFieldId>,
        }

        crate::setters::setters! { $name {
            list sources: DocumentSource;
            patch filter_path: String;
            patch filter_filename: String;
            patch filter_mailrule: MailRuleId;
            opt matching_algorithm: MatchingAlgorithm;
            opt r#match: String;
            opt is_insensitive: bool;
            list filter_has_tags: TagId;
            list filter_has_all_tags: TagId;
            list filter_has_not_tags: TagId;
            patch filter_custom_field_query: String;
            list filter_has_any_correspondents: CorrespondentId;
            list filter_has_not_correspondents: CorrespondentId;
            list filter_has_any_document_types: DocumentTypeId;
            list filter_has_not_document_types: DocumentTypeId;
            list filter_has_any_storage_paths: StoragePathId;
            list filter_has_not_storage_paths: StoragePathId;
            patch filter_has_correspondent: CorrespondentId;
            patch filter_has_document_type: DocumentTypeId;
            patch filter_has_storage_path: StoragePathId;
            opt schedule_offset_days: i64;
            opt schedule_is_recurring: bool;
            opt schedule_recurring_interval_days: u32;
            opt schedule_date_field: ScheduleDateField;
            patch schedule_date_custom_field: CustomFieldId;
        }}
    };
}

workflow_trigger_payload! {
    /// A new workflow trigger: the body of `POST /api/workflow_triggers/`, and an element of
    /// the `triggers` of [`NewWorkflow`](crate::workflow::NewWorkflow) and
    /// [`WorkflowPatch`](crate::workflow::WorkflowPatch).
    ///
    /// Only the [`trigger_type`](Self::trigger_type) is required; every other field left unset
    /// is not sent. Consumption triggers need a file name, path or mail rule filter.
    ///
    /// ```
    /// use paperless_types::TagId;
    /// use paperless_types::workflow_trigger::{NewWorkflowTrigger, WorkflowTriggerType};
    ///
    /// let trigger = NewWorkflowTrigger::new(WorkflowTriggerType::DocumentAdded)
    ///     .filter_has_tags([TagId(9)]);
    /// assert_eq!(serde_json::to_string(&trigger)?, r#"{"type":2,"filter_has_tags":[9]}"#);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub struct NewWorkflowTrigger {
        /// Inside a workflow update: the existing trigger this entry updates in place. `None`
        /// creates a new trigger.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub id: Option<WorkflowTriggerId>,
        /// The event that starts the workflow.
        #[serde(rename = "type")]
        pub trigger_type: WorkflowTriggerType,
    }
}

impl NewWorkflowTrigger {
    /// A trigger for this event, with no filters.
    #[must_use]
    pub fn new(trigger_type: WorkflowTriggerType) -> Self {
        Self {
            trigger_type,
            ..Self::default()
        }
    }
}

crate::setters::setters! { NewWorkflowTrigger {
    opt id: WorkflowTriggerId;
}}

workflow_trigger_payload! {
    /// The body of `PATCH /api/workflow_triggers/{id}/` (partial update) or `PUT` (replace).
    ///
    /// Fields left `None` / [`Patch::Unchanged`] are not sent and keep their value.
    ///
    /// ```
    /// use paperless_types::workflow_trigger::WorkflowTriggerPatch;
    ///
    /// let patch = WorkflowTriggerPatch::new().filter_filename(Some("*.pdf".into()));
    /// assert_eq!(serde_json::to_string(&patch)?, r#"{"filter_filename":"*.pdf"}"#);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub struct WorkflowTriggerPatch {
        /// New event type.
        #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
        pub trigger_type: Option<WorkflowTriggerType>,
    }
}

impl WorkflowTriggerPatch {
    /// A patch that changes nothing yet.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }
}

crate::setters::setters! { WorkflowTriggerPatch {
    opt trigger_type: WorkflowTriggerType;
}}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_trigger_renders_the_captured_create_body() {
        let trigger = NewWorkflowTrigger::new(WorkflowTriggerType::Consumption)
            .sources([DocumentSource::ApiUpload])
            .filter_filename(Some("*.zz".to_owned()));
        assert_eq!(
            serde_json::to_string(&trigger).unwrap(),
            r#"{"type":1,"sources":[2],"filter_filename":"*.zz"}"#
        );
    }

    #[test]
    fn put_body_matches_the_capture() {
        let put = WorkflowTriggerPatch::new()
            .trigger_type(WorkflowTriggerType::DocumentAdded)
            .sources([DocumentSource::ConsumeFolder, DocumentSource::MailFetch])
            .matching_algorithm(MatchingAlgorithm::Any)
            .r#match("zz")
            .is_insensitive(false);
        assert_eq!(
            serde_json::to_string(&put).unwrap(),
            r#"{"type":2,"sources":[1,3],"matching_algorithm":1,"match":"zz","is_insensitive":false}"#
        );
    }
}
