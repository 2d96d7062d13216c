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
                .with_filter_has_tags([TagId(9)])
                .with_matching_algorithm(MatchingAlgorithm::None),
        ],
        [
            NewWorkflowAction::new(WorkflowActionType::MoveToTrash),
            NewWorkflowAction::new(WorkflowActionType::Assignment)
                .with_assign_title(Some("{{ correspondent }} - {{ created_year }}".to_owned())),
        ],
    )
    .with_order(9i64)
    .with_enabled(false);
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
            .with_name("ZZ scratch workflow (renamed)")
            .with_order(10i64),
    )
    .await;
    assert_eq!(workflow.order, 10);

    let full = WorkflowPatch::new()
        .with_name("ZZ scratch workflow (put)")
        .with_order(11i64)
        .with_enabled(false)
        .with_triggers([
            NewWorkflowTrigger::new(WorkflowTriggerType::DocumentUpdated)
                .with_id(WorkflowTriggerId(13))
                .with_filter_has_tags([TagId(9)]),
        ])
        .with_actions([NewWorkflowAction::new(WorkflowActionType::Assignment)
            .with_id(WorkflowActionId(19))
            .with_assign_title(Some("{{ title }} (checked)".to_owned()))]);
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
        .with_sources([DocumentSource::ApiUpload])
        .with_filter_filename(Some("*.zz".to_owned()));
    let trigger = created::<WorkflowTriggers>("workflow_triggers.create", &new).await;
    assert_eq!(trigger.id, WorkflowTriggerId(14));
    assert_eq!(trigger.filter_filename.as_deref(), Some("*.zz"));

    let patch = WorkflowTriggerPatch::new().with_filter_filename(Some("*.zzz".to_owned()));
    let trigger = updated::<WorkflowTriggers>("workflow_triggers.patch", 14, &patch).await;
    assert_eq!(trigger.filter_filename.as_deref(), Some("*.zzz"));

    let full = WorkflowTriggerPatch::new()
        .with_trigger_type(WorkflowTriggerType::DocumentAdded)
        .with_sources([DocumentSource::ConsumeFolder, DocumentSource::MailFetch])
        .with_matching_algorithm(MatchingAlgorithm::Any)
        .with_match("zz")
        .with_is_insensitive(false);
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
    let new = NewWorkflowAction::new(WorkflowActionType::Removal).with_remove_all_tags(true);
    let action = created::<WorkflowActions>("workflow_actions.create", &new).await;
    assert_eq!(action.id, WorkflowActionId(20));
    assert!(action.remove_all_tags);

    let patch = WorkflowActionPatch::new()
        .with_remove_all_tags(false)
        .with_remove_tags([TagId(1)]);
    let action = updated::<WorkflowActions>("workflow_actions.patch", 20, &patch).await;
    assert_eq!(action.remove_tags, [TagId(1)]);

    let full = WorkflowActionPatch::new()
        .with_action_type(WorkflowActionType::Assignment)
        .with_assign_title(Some("ZZ {{ title }}".to_owned()))
        .with_assign_tags([TagId(9)]);
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
