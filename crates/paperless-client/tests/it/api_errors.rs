//! What the server refuses, as captured: every refusal a typed payload of this crate can
//! produce, with the exact request and the server's messages as the error carries them.

use paperless_client::Error;
use paperless_client::api::{
    Correspondents, CustomFields, DocumentTypes, SavedViews, StoragePaths, Tags, Users, Workflows,
};
use paperless_client::types::config::{ApplicationConfigurationPatch, OutputType};
use paperless_client::types::correspondent::NewCorrespondent;
use paperless_client::types::custom_field::{CustomFieldDataType, NewCustomField};
use paperless_client::types::document_type::NewDocumentType;
use paperless_client::types::matching::MatchingAlgorithm;
use paperless_client::types::saved_view::{DisplayField, NewSavedView};
use paperless_client::types::storage_path::NewStoragePath;
use paperless_client::types::tag::NewTag;
use paperless_client::types::user::NewUser;
use paperless_client::types::workflow::NewWorkflow;
use paperless_client::types::workflow_action::{NewWorkflowAction, WorkflowActionType};
use paperless_client::types::workflow_trigger::{NewWorkflowTrigger, WorkflowTriggerType};

use crate::api_fixtures::{Replay, listed, refused};

/// The field errors as `(field, message)` pairs.
fn fields(err: &Error) -> Vec<(&str, &str)> {
    err.as_api()
        .unwrap()
        .field_errors()
        .iter()
        .map(|f| (f.field.as_str(), f.message.as_str()))
        .collect()
}

const UNIQUE: Option<&str> = Some("Object violates owner / name unique constraint");

#[tokio::test]
async fn duplicate_names() {
    let err = refused::<Correspondents, _, _, _>(
        "correspondents.create.duplicate_name_400",
        |c| async move {
            c.create(
                &NewCorrespondent::new("ZZ scratch correspondent")
                    .r#match("scratch")
                    .matching_algorithm(MatchingAlgorithm::Any),
            )
            .await
        },
    )
    .await;
    assert_eq!(err.as_api().unwrap().detail(), UNIQUE);

    let err = refused::<DocumentTypes, _, _, _>(
        "document_types.create.duplicate_name_400",
        |t| async move {
            t.create(
                &NewDocumentType::new("ZZ scratch type")
                    .r#match("")
                    .matching_algorithm(MatchingAlgorithm::None),
            )
            .await
        },
    )
    .await;
    assert_eq!(err.as_api().unwrap().detail(), UNIQUE);

    let err = refused::<StoragePaths, _, _, _>(
        "storage_paths.create.duplicate_name_400",
        |p| async move {
            p.create(
                &NewStoragePath::new("ZZ scratch path", "scratch/{{ created_year }}/{{ title }}")
                    .matching_algorithm(MatchingAlgorithm::None),
            )
            .await
        },
    )
    .await;
    assert_eq!(err.as_api().unwrap().detail(), UNIQUE);

    let err = refused::<Users, _, _, _>("users.create.duplicate_400", |u| async move {
        u.create(&NewUser::new("alice")).await
    })
    .await;
    assert_eq!(
        fields(&err),
        [("username", "A user with that username already exists.")]
    );
}

#[tokio::test]
async fn invalid_values() {
    let err = refused::<Tags, _, _, _>("tags.create.bad_color", |t| async move {
        t.create(&NewTag::new("ZZ bad color").color("notacolor"))
            .await
    })
    .await;
    assert_eq!(
        fields(&err),
        [("color", "Ensure this field has no more than 7 characters.")]
    );

    let err =
        refused::<CustomFields, _, _, _>("custom_fields.create.invalid_type", |f| async move {
            f.create(&NewCustomField::new(
                "ZZ bad",
                CustomFieldDataType::Other("color".into()),
            ))
            .await
        })
        .await;
    assert_eq!(
        fields(&err),
        [("data_type", "\"color\" is not a valid choice.")]
    );

    let err = refused::<CustomFields, _, _, _>(
        "custom_fields.create.select_without_options",
        |f| async move {
            f.create(&NewCustomField::new(
                "ZZ bad select",
                CustomFieldDataType::Select,
            ))
            .await
        },
    )
    .await;
    assert_eq!(
        err.as_api().unwrap().detail(),
        Some("extra_data.select_options must be a valid list")
    );

    let err = refused::<SavedViews, _, _, _>(
        "saved_views.create.invalid_display_field",
        |v| async move {
            v.create(
                &NewSavedView::new("ZZ bad", [])
                    .display_fields([DisplayField::Other("nope".into())]),
            )
            .await
        },
    )
    .await;
    assert_eq!(fields(&err), [("", "Invalid field: nope")]);

    let err = refused::<Users, _, _, _>("users.create.bad_permission_400", |u| async move {
        u.create(&NewUser::new("zz_bad").user_permissions(["fly_to_moon".to_owned()]))
            .await
    })
    .await;
    assert_eq!(
        fields(&err),
        [(
            "user_permissions",
            "Object with codename=fly_to_moon does not exist."
        )]
    );

    let err =
        refused::<Workflows, _, _, _>("workflows.create.bad_title_template_400", |w| async move {
            w.create(&NewWorkflow::new(
                "ZZ bad tpl",
                [NewWorkflowTrigger::new(WorkflowTriggerType::Consumption)],
                [NewWorkflowAction::new(WorkflowActionType::Assignment)
                    .assign_title(Some("{{ oops".to_owned()))],
            ))
            .await
        })
        .await;
    assert_eq!(
        fields(&err),
        [(
            "triggers[0]",
            "File name, path or mail rule filter are required"
        )]
    );
}

#[tokio::test]
async fn an_invalid_configuration_value() {
    let (replay, client) = Replay::start(&["config.list", "config.patch_invalid"]).await;
    let patch =
        ApplicationConfigurationPatch::new().output_type(Some(OutputType::Other("bogus".into())));
    let err = client.config().update(&patch).await.unwrap_err();
    replay.assert().await;
    assert_eq!(
        err.as_api().unwrap().operation().to_string(),
        "config.update"
    );
    assert_eq!(
        fields(&err),
        [("output_type", "\"bogus\" is not a valid choice.")]
    );
}

#[tokio::test]
async fn missing_objects_are_none() {
    let (replay, client) = Replay::start(&[
        "correspondents.retrieve.missing_404",
        "document_types.retrieve.missing_404",
        "storage_paths.retrieve.missing_404",
    ])
    .await;
    assert!(
        client
            .correspondents()
            .get_opt(99999)
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        client
            .document_types()
            .get_opt(99999)
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        client
            .storage_paths()
            .get_opt(99999)
            .await
            .unwrap()
            .is_none()
    );
    replay.assert().await;
}

#[tokio::test]
async fn the_server_ignores_an_inbox_tag_filter() {
    // Why `List<Tags>` has no `is_inbox_tag` filter: the server answers every tag.
    let page = listed::<Tags>("tags.list.inbox", |l| l.param("is_inbox_tag", true)).await;
    assert_eq!(page.count, 10);
    assert!(page.items().iter().any(|t| !t.is_inbox_tag));
}

#[tokio::test]
async fn lists_as_another_user() {
    // A user who owns nothing sees what was shared with them and unowned objects.
    listed::<Tags>("tags.as_bob", |l| l).await;
    listed::<Correspondents>("correspondents.as_bob", |l| l).await;
    listed::<DocumentTypes>("document_types.as_bob", |l| l).await;
    listed::<StoragePaths>("storage_paths.as_bob", |l| l).await;
}
