//! Workflows: automations that run [actions](crate::workflow_action) on documents when one of
//! their [triggers](crate::workflow_trigger) fires.
//!
//! Endpoints:
//! - `GET /api/workflows/` → [`Page`](crate::Page)`<`[`Workflow`]`>`
//! - `GET /api/workflows/{id}/` → [`Workflow`]
//! - `POST /api/workflows/` with [`NewWorkflow`] → [`Workflow`] (201)
//! - `PUT`/`PATCH /api/workflows/{id}/` with [`WorkflowPatch`] → [`Workflow`]
//! - `DELETE /api/workflows/{id}/` → 204, empty body
//!
//! See <https://docs.paperless-ngx.com/usage/#workflows>.

use serde::{Deserialize, Serialize};

use crate::ids::WorkflowId;
use crate::workflow_action::{NewWorkflowAction, WorkflowAction};
use crate::workflow_trigger::{NewWorkflowTrigger, WorkflowTrigger};

/// A workflow as the server returns it, with its triggers and actions in full.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Workflow {
    /// Primary key.
    pub id: WorkflowId,
    /// Display name; unique.
    pub name: String,
    /// Position among workflows; lower runs first.
    #[serde(default)]
    pub order: i64,
    /// Whether the workflow runs.
    #[serde(default)]
    pub enabled: bool,
    /// The events that start the workflow (any one suffices).
    #[serde(default)]
    pub triggers: Vec<WorkflowTrigger>,
    /// The actions run, in order.
    #[serde(default)]
    pub actions: Vec<WorkflowAction>,
}

/// The body of `POST /api/workflows/`: creates a workflow with its triggers and actions.
///
/// ```
/// use paperless_types::workflow::NewWorkflow;
/// use paperless_types::workflow_action::{NewWorkflowAction, WorkflowActionType};
/// use paperless_types::workflow_trigger::{NewWorkflowTrigger, WorkflowTriggerType};
///
/// let workflow = NewWorkflow::new(
///     "Trash drafts",
///     [NewWorkflowTrigger::new(WorkflowTriggerType::DocumentAdded).filter_filename(Some("draft*".into()))],
///     [NewWorkflowAction::new(WorkflowActionType::MoveToTrash)],
/// )
/// .enabled(true);
/// assert_eq!(
///     serde_json::to_string(&workflow)?,
///     r#"{"name":"Trash drafts","enabled":true,"triggers":[{"type":2,"filter_filename":"draft*"}],"actions":[{"type":6}]}"#
/// );
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct NewWorkflow {
    /// Display name; must be unique.
    pub name: String,
    /// Position among workflows (server default: after the others).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order: Option<i64>,
    /// Whether the workflow runs (server default: `true`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// The triggers to create (required, at least one).
    #[serde(default)]
    pub triggers: Vec<NewWorkflowTrigger>,
    /// The actions to create, in order (required, at least one).
    #[serde(default)]
    pub actions: Vec<NewWorkflowAction>,
}

impl NewWorkflow {
    /// A workflow with these triggers and actions.
    #[must_use]
    pub fn new(
        name: impl Into<String>,
        triggers: impl IntoIterator<Item = NewWorkflowTrigger>,
        actions: impl IntoIterator<Item = NewWorkflowAction>,
    ) -> Self {
        Self {
            name: name.into(),
            order: None,
            enabled: None,
            triggers: triggers.into_iter().collect(),
            actions: actions.into_iter().collect(),
        }
    }
}

crate::setters::setters! { NewWorkflow {
    opt order: i64;
    opt enabled: bool;
}}

/// The body of `PATCH /api/workflows/{id}/` (partial update) or `PUT` (replace).
///
/// Sending [`triggers`](Self::triggers) or [`actions`](Self::actions) replaces the whole list:
/// entries with an `id` update that trigger or action in place, entries without one are created,
/// and triggers or actions left out are detached and deleted.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct WorkflowPatch {
    /// New display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// New position.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order: Option<i64>,
    /// Enables or disables the workflow.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// The complete new list of triggers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub triggers: Option<Vec<NewWorkflowTrigger>>,
    /// The complete new list of actions, in order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actions: Option<Vec<NewWorkflowAction>>,
}

impl WorkflowPatch {
    /// A patch that changes nothing yet.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }
}

crate::setters::setters! { WorkflowPatch {
    opt name: String;
    opt order: i64;
    opt enabled: bool;
    list triggers: NewWorkflowTrigger;
    list actions: NewWorkflowAction;
}}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{TagId, WorkflowActionId, WorkflowTriggerId};
    use crate::matching::MatchingAlgorithm;
    use crate::workflow_action::WorkflowActionType;
    use crate::workflow_trigger::WorkflowTriggerType;

    #[test]
    fn new_workflow_renders_the_captured_create_body() {
        let workflow = NewWorkflow::new(
            "ZZ scratch workflow",
            [
                NewWorkflowTrigger::new(WorkflowTriggerType::DocumentUpdated)
                    .filter_has_tags([TagId(9)])
                    .matching_algorithm(MatchingAlgorithm::None),
            ],
            [
                NewWorkflowAction::new(WorkflowActionType::MoveToTrash),
                NewWorkflowAction::new(WorkflowActionType::Assignment)
                    .assign_title(Some("{{ correspondent }} - {{ created_year }}".to_owned())),
            ],
        )
        .order(9i64)
        .enabled(false);
        assert_eq!(
            serde_json::to_string(&workflow).unwrap(),
            r#"{"name":"ZZ scratch workflow","order":9,"enabled":false,"triggers":[{"type":3,"matching_algorithm":0,"filter_has_tags":[9]}],"actions":[{"type":6},{"type":1,"assign_title":"{{ correspondent }} - {{ created_year }}"}]}"#
        );
    }

    #[test]
    fn put_keeps_existing_triggers_and_actions_by_id() {
        let put = WorkflowPatch::new()
            .name("ZZ scratch workflow (put)")
            .order(11i64)
            .enabled(false)
            .triggers([
                NewWorkflowTrigger::new(WorkflowTriggerType::DocumentUpdated)
                    .id(WorkflowTriggerId(13))
                    .filter_has_tags([TagId(9)]),
            ])
            .actions([NewWorkflowAction::new(WorkflowActionType::Assignment)
                .id(WorkflowActionId(19))
                .assign_title(Some("{{ title }} (checked)".to_owned()))]);
        assert_eq!(
            serde_json::to_string(&put).unwrap(),
            r#"{"name":"ZZ scratch workflow (put)","order":11,"enabled":false,"triggers":[{"id":13,"type":3,"filter_has_tags":[9]}],"actions":[{"id":19,"type":1,"assign_title":"{{ title }} (checked)"}]}"#
        );
    }
}
