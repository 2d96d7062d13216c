//! `/api/workflows/`, `/api/workflow_triggers/` and `/api/workflow_actions/` against the captured
//! exchanges.

use paperless_client::api::{WorkflowActions, WorkflowTriggers, Workflows};
use paperless_client::types::matching::MatchingAlgorithm;
use paperless_client::types::workflow::{NewWorkflow, WorkflowPatch};
use paperless_client::types::workflow_action::{
    NewWorkflowAction, WorkflowActionPatch, WorkflowActionType,
};
use paperless_client::types::workflow_trigger::{
    DocumentSource, NewWorkflowTrigger, WorkflowTriggerPatch, WorkflowTriggerType,
};
use paperless_client::types::{TagId, WorkflowActionId, WorkflowId, WorkflowTriggerId};

use crate::api_fixtures::{created, deleted, got, listed, refused, replaced, updated};

#[tokio::test]
async fn create_a_workflow_with_its_triggers_and_actions() {
    let new = NewWorkflow::new(
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
    let workflow = created::<Workflows>("workflows.create", &new).await;
    assert_eq!(workflow.id, WorkflowId(8));
    assert_eq!(workflow.triggers[0].id, WorkflowTriggerId(13));
    let actions: Vec<WorkflowActionType> = workflow.actions.iter().map(|a| a.action_type).collect();
    assert_eq!(
        actions,
        [
            WorkflowActionType::MoveToTrash,
            WorkflowActionType::Assignment
        ]
    );
}

#[tokio::test]
async fn patch_put_delete_a_workflow() {
    let workflow = updated::<Workflows>(
        "workflows.patch",
        8,
        &WorkflowPatch::new()
            .name("ZZ scratch workflow (renamed)")
            .order(10i64),
    )
    .await;
    assert_eq!(workflow.order, 10);

    let full = WorkflowPatch::new()
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
    let workflow = replaced::<Workflows>("workflows.put", 8, &full).await;
    assert_eq!(workflow.actions.len(), 1);
    assert_eq!(workflow.actions[0].id, WorkflowActionId(19));

    deleted::<Workflows>("workflows.delete", 8).await;
}

#[tokio::test]
async fn retrieve_and_list_workflows() {
    let workflow = got::<Workflows>("workflows.retrieve", 2).await;
    let page = listed::<Workflows>("workflows.list", |l| l).await;
    assert!(page.items().contains(&workflow));
    got::<Workflows>("workflows.retrieve.disabled_webhook_email", 3).await;

    let err = refused::<Workflows, _, _, _>("workflows.as_bob_forbidden", |w| async move {
        w.list().send().await
    })
    .await;
    assert!(err.is_forbidden());
}

#[tokio::test]
async fn triggers() {
    let new = NewWorkflowTrigger::new(WorkflowTriggerType::Consumption)
        .sources([DocumentSource::ApiUpload])
        .filter_filename(Some("*.zz".to_owned()));
    let trigger = created::<WorkflowTriggers>("workflow_triggers.create", &new).await;
    assert_eq!(trigger.id, WorkflowTriggerId(14));
    assert_eq!(trigger.filter_filename.as_deref(), Some("*.zz"));

    let patch = WorkflowTriggerPatch::new().filter_filename(Some("*.zzz".to_owned()));
    let trigger = updated::<WorkflowTriggers>("workflow_triggers.patch", 14, &patch).await;
    assert_eq!(trigger.filter_filename.as_deref(), Some("*.zzz"));

    let full = WorkflowTriggerPatch::new()
        .trigger_type(WorkflowTriggerType::DocumentAdded)
        .sources([DocumentSource::ConsumeFolder, DocumentSource::MailFetch])
        .matching_algorithm(MatchingAlgorithm::Any)
        .r#match("zz")
        .is_insensitive(false);
    let trigger = replaced::<WorkflowTriggers>("workflow_triggers.put", 14, &full).await;
    assert_eq!(
        trigger.sources,
        [DocumentSource::ConsumeFolder, DocumentSource::MailFetch]
    );
    deleted::<WorkflowTriggers>("workflow_triggers.delete", 14).await;

    let trigger = got::<WorkflowTriggers>("workflow_triggers.retrieve", 13).await;
    let page = listed::<WorkflowTriggers>("workflow_triggers.list", |l| l).await;
    assert!(page.items().contains(&trigger));
    // Deleting a workflow leaves its triggers behind.
    got::<WorkflowTriggers>("workflow_triggers.retrieve.after_workflow_delete", 13).await;
}

#[tokio::test]
async fn actions() {
    let new = NewWorkflowAction::new(WorkflowActionType::Removal).remove_all_tags(true);
    let action = created::<WorkflowActions>("workflow_actions.create", &new).await;
    assert_eq!(action.id, WorkflowActionId(20));
    assert!(action.remove_all_tags);

    let patch = WorkflowActionPatch::new()
        .remove_all_tags(false)
        .remove_tags([TagId(1)]);
    let action = updated::<WorkflowActions>("workflow_actions.patch", 20, &patch).await;
    assert_eq!(action.remove_tags, [TagId(1)]);

    let full = WorkflowActionPatch::new()
        .action_type(WorkflowActionType::Assignment)
        .assign_title(Some("ZZ {{ title }}".to_owned()))
        .assign_tags([TagId(9)]);
    let action = replaced::<WorkflowActions>("workflow_actions.put", 20, &full).await;
    assert_eq!(action.assign_title.as_deref(), Some("ZZ {{ title }}"));
    deleted::<WorkflowActions>("workflow_actions.delete", 20).await;

    let action = got::<WorkflowActions>("workflow_actions.retrieve", 19).await;
    let page = listed::<WorkflowActions>("workflow_actions.list", |l| l).await;
    assert!(page.items().contains(&action));

    let err = refused::<WorkflowActions, _, _, _>(
        "workflow_actions.retrieve.dropped_by_put_404",
        |a| async move { a.get(18).await },
    )
    .await;
    assert!(err.is_not_found());
}
