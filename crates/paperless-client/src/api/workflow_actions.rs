//! Workflow actions: `/api/workflow_actions/`, [`Paperless::workflow_actions`].
//!
//! | Call | Request |
//! |---|---|
//! | `actions.get(19).await?` | `GET /api/workflow_actions/19/` |
//! | `actions.list().send().await?` | `GET /api/workflow_actions/` |
//! | `actions.create(&NewWorkflowAction::new(WorkflowActionType::Removal)).await?` | `POST /api/workflow_actions/` |
//! | `actions.update(19, &patch).await?` | `PATCH /api/workflow_actions/19/` |
//! | `actions.replace(19, &patch).await?` | `PUT /api/workflow_actions/19/` |
//! | `actions.delete(19).await?` | `DELETE /api/workflow_actions/19/` |
//!
//! Actions are usually created and changed inside their workflow ([`Paperless::workflows`]);
//! a workflow update that leaves an action out deletes it. The list has no filters.

use paperless_types::WorkflowActionId;
use paperless_types::workflow_action::{NewWorkflowAction, WorkflowAction, WorkflowActionPatch};

use crate::client::Paperless;
use crate::endpoint::Endpoint;
use crate::resource::{Creatable, Deletable, Resource, Updatable};

/// The workflow actions collection, `/api/workflow_actions/`: [`WorkflowAction`] objects,
/// created with [`NewWorkflowAction`], changed with [`WorkflowActionPatch`] (`PATCH` and `PUT`).
#[derive(Debug)]
pub enum WorkflowActions {}

impl Resource for WorkflowActions {
    type Id = WorkflowActionId;
    type Item = WorkflowAction;
    const NAME: &'static str = "workflow_actions";
    const PATH: &'static str = "/api/workflow_actions/";
    fn id_of(action: &WorkflowAction) -> WorkflowActionId {
        action.id
    }
}

impl Creatable for WorkflowActions {
    type Create = NewWorkflowAction;
}

impl Updatable for WorkflowActions {
    type Patch = WorkflowActionPatch;
    type Replace = WorkflowActionPatch;
}

impl Deletable for WorkflowActions {}

impl Paperless {
    /// Workflow actions, one by one (`/api/workflow_actions/`).
    ///
    /// ```no_run
    /// # async fn run(client: paperless_client::Paperless) -> paperless_client::Result<()> {
    /// use paperless_client::types::TagId;
    /// use paperless_client::types::workflow_action::WorkflowActionPatch;
    ///
    /// let patch = WorkflowActionPatch::new().remove_tags([TagId(1)]);
    /// let action = client.workflow_actions().update(20, &patch).await?;
    /// println!("{:?}", action.remove_tags);
    /// # Ok(()) }
    /// ```
    #[must_use]
    pub fn workflow_actions(&self) -> Endpoint<WorkflowActions> {
        self.endpoint()
    }
}
