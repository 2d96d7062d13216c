//! Workflows: `/api/workflows/`, [`Paperless::workflows`].
//!
//! | Call | Request |
//! |---|---|
//! | `workflows.get(2).await?` | `GET /api/workflows/2/` |
//! | `workflows.list().send().await?` | `GET /api/workflows/` |
//! | `workflows.create(&NewWorkflow::new(name, triggers, actions)).await?` | `POST /api/workflows/` |
//! | `workflows.update(2, &WorkflowPatch::new().enabled(false)).await?` | `PATCH /api/workflows/2/` |
//! | `workflows.replace(2, &patch).await?` | `PUT /api/workflows/2/` |
//! | `workflows.delete(2).await?` | `DELETE /api/workflows/2/` |
//!
//! A workflow carries its triggers and actions in full; sending `triggers` or `actions` in an
//! update replaces the whole list (entries with an `id` are updated in place, the others
//! created, the missing ones deleted). The list has no filters.

use paperless_types::WorkflowId;
use paperless_types::workflow::{NewWorkflow, Workflow, WorkflowPatch};

use crate::client::Paperless;
use crate::endpoint::Endpoint;
use crate::resource::{Creatable, Deletable, Resource, Updatable};

/// The workflows collection, `/api/workflows/`: [`Workflow`] objects, created with
/// [`NewWorkflow`], changed with [`WorkflowPatch`] (`PATCH` and `PUT`).
#[derive(Debug)]
pub enum Workflows {}

impl Resource for Workflows {
    type Id = WorkflowId;
    type Item = Workflow;
    const NAME: &'static str = "workflows";
    const PATH: &'static str = "/api/workflows/";
    fn id_of(workflow: &Workflow) -> WorkflowId {
        workflow.id
    }
}

impl Creatable for Workflows {
    type Create = NewWorkflow;
}

impl Updatable for Workflows {
    type Patch = WorkflowPatch;
    type Replace = WorkflowPatch;
}

impl Deletable for Workflows {}

impl Paperless {
    /// Workflows: actions the server runs on documents when a trigger fires
    /// (`/api/workflows/`).
    ///
    /// ```no_run
    /// # async fn run(client: paperless_client::Paperless) -> paperless_client::Result<()> {
    /// use paperless_client::types::workflow::NewWorkflow;
    /// use paperless_client::types::workflow_action::{NewWorkflowAction, WorkflowActionType};
    /// use paperless_client::types::workflow_trigger::{NewWorkflowTrigger, WorkflowTriggerType};
    ///
    /// let workflow = NewWorkflow::new(
    ///     "Trash drafts",
    ///     [NewWorkflowTrigger::new(WorkflowTriggerType::DocumentAdded)
    ///         .filter_filename(Some("draft*".into()))],
    ///     [NewWorkflowAction::new(WorkflowActionType::MoveToTrash)],
    /// );
    /// let workflow = client.workflows().create(&workflow).await?;
    /// println!("workflow {} has trigger {}", workflow.id, workflow.triggers[0].id);
    /// # Ok(()) }
    /// ```
    #[must_use]
    pub fn workflows(&self) -> Endpoint<Workflows> {
        self.endpoint()
    }
}
