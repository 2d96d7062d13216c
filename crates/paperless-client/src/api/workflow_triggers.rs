//! Workflow triggers: `/api/workflow_triggers/`, [`Paperless::workflow_triggers`].
//!
//! | Call | Request |
//! |---|---|
//! | `triggers.get(13).await?` | `GET /api/workflow_triggers/13/` |
//! | `triggers.list().send().await?` | `GET /api/workflow_triggers/` |
//! | `triggers.create(&NewWorkflowTrigger::new(WorkflowTriggerType::Consumption)).await?` | `POST /api/workflow_triggers/` |
//! | `triggers.update(13, &patch).await?` | `PATCH /api/workflow_triggers/13/` |
//! | `triggers.replace(13, &patch).await?` | `PUT /api/workflow_triggers/13/` |
//! | `triggers.delete(13).await?` | `DELETE /api/workflow_triggers/13/` |
//!
//! Triggers are usually created and changed inside their workflow ([`Paperless::workflows`]);
//! these endpoints reach them one by one, including triggers left behind by a deleted
//! workflow. The list has no filters.

use paperless_types::WorkflowTriggerId;
use paperless_types::workflow_trigger::{
    NewWorkflowTrigger, WorkflowTrigger, WorkflowTriggerPatch,
};

use crate::client::Paperless;
use crate::endpoint::Endpoint;
use crate::resource::{Creatable, Deletable, Resource, Updatable};

/// The workflow triggers collection, `/api/workflow_triggers/`: [`WorkflowTrigger`] objects,
/// created with [`NewWorkflowTrigger`], changed with [`WorkflowTriggerPatch`] (`PATCH` and
/// `PUT`).
#[derive(Debug)]
pub enum WorkflowTriggers {}

impl Resource for WorkflowTriggers {
    type Id = WorkflowTriggerId;
    type Item = WorkflowTrigger;
    const NAME: &'static str = "workflow_triggers";
    const PATH: &'static str = "/api/workflow_triggers/";
    fn id_of(trigger: &WorkflowTrigger) -> WorkflowTriggerId {
        trigger.id
    }
}

impl Creatable for WorkflowTriggers {
    type Create = NewWorkflowTrigger;
}

impl Updatable for WorkflowTriggers {
    type Patch = WorkflowTriggerPatch;
    type Replace = WorkflowTriggerPatch;
}

impl Deletable for WorkflowTriggers {}

impl Paperless {
    /// Workflow triggers, one by one (`/api/workflow_triggers/`).
    ///
    /// ```no_run
    /// # async fn run(client: paperless_client::Paperless) -> paperless_client::Result<()> {
    /// use paperless_client::types::workflow_trigger::WorkflowTriggerPatch;
    ///
    /// let patch = WorkflowTriggerPatch::new().filter_filename(Some("*.pdf".into()));
    /// let trigger = client.workflow_triggers().update(13, &patch).await?;
    /// println!("{:?}", trigger.filter_filename);
    /// # Ok(()) }
    /// ```
    #[must_use]
    pub fn workflow_triggers(&self) -> Endpoint<WorkflowTriggers> {
        self.endpoint()
    }
}
