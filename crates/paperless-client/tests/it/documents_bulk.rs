//! Bulk edits and document operations: every captured body, sent by the typed calls.

use mockito::Matcher;
use paperless_client::Error;
use paperless_client::api::documents::Documents;
use paperless_client::types::bulk_edit::{
    BulkEdit, BulkEditOperation, DocumentSelection, EditPdf, EditPdfDocuments, Merge,
    MergeDocuments, PageOperation, RemovePassword, RemovePasswordDocuments, RotateDocuments,
    SetPermissions,
};
use paperless_client::types::custom_field::CustomFieldsToAdd;
use paperless_client::types::outcome::ActionResult;
use paperless_client::types::{
    CorrespondentId, CustomFieldId, DocumentId, DocumentTypeId, PermissionSet, Permissions,
    StoragePathId, TagId, UserId,
};
use paperless_client::{Endpoint, Result};
use serde_json::json;

use crate::documents_support::mock_capture;
use crate::support::client;

fn ids(ids: &[u64]) -> DocumentSelection {
    DocumentSelection::documents(ids.iter().copied().map(DocumentId))
}

type Call = Box<
    dyn Fn(Endpoint<Documents>) -> std::pin::Pin<Box<dyn Future<Output = Result<ActionResult>>>>,
>;

fn bulk(operation: BulkEditOperation) -> Call {
    Box::new(move |d: Endpoint<Documents>| {
        let operation = operation.clone();
        Box::pin(async move { d.bulk(ids(&[69, 72]), operation).await })
    })
}

#[tokio::test]
async fn every_bulk_edit_method_sends_the_captured_body() {
    let permissions = Permissions::new(
        PermissionSet::new([UserId(4)], []),
        PermissionSet::default(),
    );
    let cases: Vec<(&str, Call)> = vec![
        (
            "documents.bulk_edit.add_tag",
            bulk(BulkEditOperation::add_tag(TagId(6))),
        ),
        (
            "documents.bulk_edit.remove_tag",
            bulk(BulkEditOperation::remove_tag(TagId(6))),
        ),
        (
            "documents.bulk_edit.modify_tags",
            bulk(BulkEditOperation::modify_tags([TagId(9)], [TagId(1)])),
        ),
        (
            "documents.bulk_edit.set_correspondent",
            bulk(BulkEditOperation::set_correspondent(CorrespondentId(8))),
        ),
        (
            "documents.bulk_edit.set_document_type",
            bulk(BulkEditOperation::set_document_type(DocumentTypeId(4))),
        ),
        (
            "documents.bulk_edit.set_storage_path",
            bulk(BulkEditOperation::set_storage_path(StoragePathId(1))),
        ),
        (
            "documents.bulk_edit.modify_custom_fields",
            bulk(BulkEditOperation::modify_custom_fields(
                CustomFieldsToAdd::values([
                    (CustomFieldId(4), json!(true)),
                    (CustomFieldId(7), json!("EUR1.00")),
                ]),
                [CustomFieldId(10)],
            )),
        ),
        (
            "documents.bulk_edit.set_permissions",
            bulk(SetPermissions::new(permissions, None).merge(true).into()),
        ),
        (
            "documents.bulk_edit.filters_all",
            Box::new(|d: Endpoint<Documents>| {
                Box::pin(async move {
                    let selection = d.list().title_icontains("ZZ scratch").selection()?;
                    d.bulk(selection, BulkEditOperation::add_tag(TagId(2)))
                        .await
                })
            }),
        ),
        (
            "documents.delete_bulk",
            Box::new(|d: Endpoint<Documents>| {
                Box::pin(async move { d.delete_many(&ids(&[70, 71, 72, 74, 75])).await })
            }),
        ),
        (
            "documents.reprocess",
            Box::new(|d: Endpoint<Documents>| {
                Box::pin(async move { d.reprocess(&ids(&[72])).await })
            }),
        ),
        (
            "documents.rotate",
            Box::new(|d: Endpoint<Documents>| {
                Box::pin(async move { d.rotate(&RotateDocuments::new(ids(&[71]), 90)).await })
            }),
        ),
        (
            "documents.merge",
            Box::new(|d: Endpoint<Documents>| {
                Box::pin(async move {
                    let mut merge = Merge::default();
                    merge.metadata_document_id = Some(DocumentId(71));
                    merge.delete_originals = Some(false);
                    d.merge(&MergeDocuments::new(
                        [DocumentId(71), DocumentId(72)],
                        merge,
                    ))
                    .await
                })
            }),
        ),
        (
            "documents.edit_pdf",
            Box::new(|d: Endpoint<Documents>| {
                Box::pin(async move {
                    let mut edit =
                        EditPdf::new([PageOperation::page(2).rotate(180), PageOperation::page(1)]);
                    edit.update_document = Some(false);
                    edit.include_metadata = Some(true);
                    d.edit_pdf(&EditPdfDocuments::new(DocumentId(71), edit))
                        .await
                })
            }),
        ),
        (
            "documents.remove_password",
            Box::new(|d: Endpoint<Documents>| {
                Box::pin(async move {
                    let mut remove = RemovePassword::new("secret");
                    remove.update_document = Some(false);
                    d.remove_password(&RemovePasswordDocuments::new([DocumentId(72)], remove))
                        .await
                })
            }),
        ),
    ];
    let mut server = mockito::Server::new_async().await;
    let documents = client(&server.url()).documents();
    for (name, call) in cases {
        let (mock, _) = mock_capture(&mut server, name).await;
        let result = call(documents.clone())
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(result.is_ok(), "{name}");
        mock.assert_async().await;
        mock.remove_async().await;
    }
}

#[tokio::test]
async fn bulk_edit_errors_are_api_errors() {
    let mut server = mockito::Server::new_async().await;
    let documents = client(&server.url()).documents();

    let (mock, _) = mock_capture(&mut server, "documents.bulk_edit.invalid_method").await;
    let unknown = BulkEditOperation::Other {
        method: "explode".into(),
        parameters: Some(json!({})),
    };
    let err = documents.bulk(ids(&[69, 72]), unknown).await.unwrap_err();
    assert_eq!(err.as_api().unwrap().field_errors()[0].field, "method");
    mock.assert_async().await;

    let (mock, _) = mock_capture(&mut server, "documents.bulk_edit.unknown_document").await;
    let err = documents
        .bulk(ids(&[99999]), BulkEditOperation::add_tag(TagId(9)))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(http::StatusCode::BAD_REQUEST));
    mock.assert_async().await;

    // API v9's way to delete, still understood by v10 servers.
    let (mock, _) = mock_capture(&mut server, "documents.bulk_edit.delete_legacy").await;
    let err = documents
        .bulk_edit(&BulkEdit::new(ids(&[99999]), BulkEditOperation::Delete))
        .await
        .unwrap_err();
    assert_eq!(
        err.as_api().unwrap().field_errors()[0].message,
        "Some documents in documents don't exist or were specified twice."
    );
    mock.assert_async().await;

    let (mock, _) = mock_capture(&mut server, "documents.edit_pdf.two_documents").await;
    let mut two = EditPdfDocuments::new(DocumentId(71), EditPdf::new([PageOperation::page(1)]));
    two.documents.push(DocumentId(72));
    let err = documents.edit_pdf(&two).await.unwrap_err();
    assert_eq!(err.status(), Some(http::StatusCode::BAD_REQUEST));
    mock.assert_async().await;
}

#[tokio::test]
async fn empty_selections_are_refused_before_sending() {
    let mut server = mockito::Server::new_async().await;
    let mock = server
        .mock("POST", Matcher::Any)
        .expect(0)
        .create_async()
        .await;
    let documents = client(&server.url()).documents();
    let none = DocumentSelection::documents([]);
    for err in [
        documents.delete_many(&none).await.unwrap_err(),
        documents.reprocess(&none).await.unwrap_err(),
        documents
            .bulk(none.clone(), BulkEditOperation::add_tag(TagId(1)))
            .await
            .unwrap_err(),
        documents
            .merge(&MergeDocuments::new([], Merge::default()))
            .await
            .unwrap_err(),
    ] {
        assert!(matches!(err, Error::Invalid(_)), "{err}");
    }
    // A refused filter must not turn "all matching" into "all documents".
    let err = documents
        .list()
        .tags_id_all(Vec::<TagId>::new())
        .selection()
        .unwrap_err();
    assert!(matches!(err, Error::Invalid(_)));
    mock.assert_async().await;
}

#[tokio::test]
async fn a_v9_client_sends_document_operations_as_legacy_bulk_edits() {
    use paperless_client::Paperless;
    use paperless_client::transport::ApiVersion;

    let mut server = mockito::Server::new_async().await;
    let mut expect = |body: serde_json::Value| {
        server
            .mock("POST", "/api/documents/bulk_edit/")
            .match_header("accept", "application/json; version=9")
            .match_body(Matcher::Json(body))
            .with_header("content-type", "application/json")
            .with_body(r#"{"result":"OK"}"#)
            .expect(1)
    };
    let mocks = [
        expect(json!({"documents": [5, 6], "method": "delete"})),
        expect(json!({"documents": [5], "method": "reprocess"})),
        expect(json!({"documents": [71], "method": "rotate", "parameters": {"degrees": 90}})),
    ];
    let mut created = Vec::new();
    for mock in mocks {
        created.push(mock.create_async().await);
    }
    let client = Paperless::builder(server.url())
        .token("t")
        .api_version(ApiVersion::V9)
        .build()
        .unwrap();
    let documents = client.documents();
    assert_eq!(
        documents.delete_many(&ids(&[5, 6])).await.unwrap(),
        ActionResult::ok()
    );
    documents.reprocess(&ids(&[5])).await.unwrap();
    documents
        .rotate(&RotateDocuments::new(ids(&[71]), 90))
        .await
        .unwrap();
    for mock in created {
        mock.assert_async().await;
    }
}
