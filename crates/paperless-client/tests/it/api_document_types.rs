//! `/api/document_types/` against the captured exchanges.

use paperless_client::api::DocumentTypes;
use paperless_client::types::document_type::{DocumentTypePatch, NewDocumentType};
use paperless_client::types::matching::MatchingAlgorithm;
use paperless_client::types::{DocumentTypeId, GroupId, PermissionSet, Permissions, UserId};

use crate::api_fixtures::{Replay, created, deleted, got, listed, replaced, updated};

#[tokio::test]
async fn create() {
    let new = NewDocumentType::new("ZZ scratch type")
        .r#match("")
        .matching_algorithm(MatchingAlgorithm::None);
    let t = created::<DocumentTypes>("document_types.create", &new).await;
    assert_eq!(t.id, DocumentTypeId(11));
    assert_eq!(t.slug, "zz-scratch-type");
}

#[tokio::test]
async fn patch_with_set_permissions() {
    let patch = DocumentTypePatch::new()
        .name("ZZ scratch type renamed")
        .set_permissions(Permissions::new(
            PermissionSet::new([UserId(3)], []),
            PermissionSet::new([], [GroupId(1)]),
        ));
    let t = updated::<DocumentTypes>("document_types.patch", 11, &patch).await;
    assert_eq!(t.name, "ZZ scratch type renamed");
}

#[tokio::test]
async fn put() {
    let full = DocumentTypePatch::new()
        .name("ZZ scratch type put")
        .r#match("")
        .matching_algorithm(MatchingAlgorithm::None);
    let t = replaced::<DocumentTypes>("document_types.put", 11, &full).await;
    assert_eq!(t.owner, None);
}

#[tokio::test]
async fn delete() {
    deleted::<DocumentTypes>("document_types.delete", 11).await;
}

#[tokio::test]
async fn retrieve() {
    let t = got::<DocumentTypes>("document_types.retrieve", 1).await;
    assert_eq!(t.name, "Invoice");
    assert_eq!(t.document_count, Some(9));

    let (replay, client) = Replay::start(&["document_types.retrieve.full_perms"]).await;
    let t = client
        .document_types()
        .get(3)
        .full_perms(true)
        .await
        .unwrap();
    replay.assert().await;
    assert_eq!(t.permissions, Some(Permissions::default()));
}

#[tokio::test]
async fn lists() {
    let page = listed::<DocumentTypes>("document_types.list.page_size2", |l| l.page_size(2)).await;
    assert_eq!(page.items().len(), 2);
    listed::<DocumentTypes>("document_types.list.page2", |l| l.page_size(2).page(2)).await;
    listed::<DocumentTypes>("document_types.list.filter_name_icontains", |l| {
        l.name_icontains("a").ordering_desc("name").page_size(3)
    })
    .await;
    listed::<DocumentTypes>("document_types.list.full_perms", |l| {
        l.page_size(3).full_perms(true)
    })
    .await;
    let page = listed::<DocumentTypes>("document_types.list.id_in", |l| l.id_in([1u64, 3])).await;
    let names: Vec<&str> = page.items().iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["Bank Statement", "Invoice"]);
}
