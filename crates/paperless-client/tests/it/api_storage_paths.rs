//! `/api/storage_paths/` against the captured exchanges, including the template test.

use paperless_client::api::StoragePaths;
use paperless_client::types::matching::MatchingAlgorithm;
use paperless_client::types::storage_path::{NewStoragePath, StoragePathPatch, StoragePathTest};
use paperless_client::types::{
    DocumentId, GroupId, PermissionSet, Permissions, StoragePathId, UserId,
};

use crate::api_fixtures::{Replay, created, deleted, fixture_body, got, listed, replaced, updated};

#[tokio::test]
async fn create() {
    let new = NewStoragePath::new("ZZ scratch path", "scratch/{{ created_year }}/{{ title }}")
        .matching_algorithm(MatchingAlgorithm::None);
    let p = created::<StoragePaths>("storage_paths.create", &new).await;
    assert_eq!(p.id, StoragePathId(9));
    assert_eq!(p.path, "scratch/{{ created_year }}/{{ title }}");
}

#[tokio::test]
async fn patch_with_set_permissions() {
    let patch = StoragePathPatch::new()
        .name("ZZ scratch path renamed")
        .set_permissions(Permissions::new(
            PermissionSet::new([UserId(3)], []),
            PermissionSet::new([], [GroupId(1)]),
        ));
    let p = updated::<StoragePaths>("storage_paths.patch", 9, &patch).await;
    assert_eq!(p.name, "ZZ scratch path renamed");
}

#[tokio::test]
async fn put() {
    let full = StoragePathPatch::new()
        .name("ZZ scratch path put")
        .path("scratch/{{ created_year }}/{{ title }}")
        .matching_algorithm(MatchingAlgorithm::None);
    let p = replaced::<StoragePaths>("storage_paths.put", 9, &full).await;
    assert_eq!(p.slug, "zz-scratch-path-put");
}

#[tokio::test]
async fn delete() {
    deleted::<StoragePaths>("storage_paths.delete", 9).await;
}

#[tokio::test]
async fn retrieve() {
    let p = got::<StoragePaths>("storage_paths.retrieve", 2).await;
    assert_eq!(p.path, "taxes/{{ created_year }}/{{ title }}");

    let (replay, client) = Replay::start(&["storage_paths.retrieve.full_perms"]).await;
    let p = client
        .storage_paths()
        .get(1)
        .full_perms(true)
        .await
        .unwrap();
    replay.assert().await;
    assert_eq!(p.name, "Yearly");
    assert!(p.permissions.is_some());
}

#[tokio::test]
async fn lists() {
    listed::<StoragePaths>("storage_paths.list.page_size2", |l| l.page_size(2)).await;
    listed::<StoragePaths>("storage_paths.list.page2", |l| l.page_size(2).page(2)).await;
    listed::<StoragePaths>("storage_paths.list.filter_name_icontains", |l| {
        l.name_icontains("a").ordering_desc("name").page_size(3)
    })
    .await;
    listed::<StoragePaths>("storage_paths.list.full_perms", |l| {
        l.page_size(3).full_perms(true)
    })
    .await;
    let page = listed::<StoragePaths>("storage_paths.list.id_in", |l| {
        l.id_in([StoragePathId(2), StoragePathId(1)])
    })
    .await;
    assert_eq!(page.count, 2);
}

#[tokio::test]
async fn path_filters_are_sent_as_path_lookups() {
    let mut server = mockito::Server::new_async().await;
    let mock = server
        .mock(
            "GET",
            "/api/storage_paths/?path__icontains=year&path__istartswith=%7B%7B&path__iendswith=title+%7D%7D&path__iexact=x",
        )
        .with_header("content-type", "application/json")
        .with_body(fixture_body("storage_paths.list.id_in"))
        .expect(1)
        .create_async()
        .await;
    let client = crate::support::client(&server.url());
    client
        .storage_paths()
        .list()
        .path_icontains("year")
        .path_istartswith("{{")
        .path_iendswith("title }}")
        .path_iexact("x")
        .send()
        .await
        .unwrap();
    mock.assert_async().await;
}

#[tokio::test]
async fn test_renders_a_template() {
    let (replay, client) = Replay::start(&["storage_paths.test"]).await;
    let rendered = client
        .storage_paths()
        .test(&StoragePathTest::new(
            DocumentId(22),
            "{{ correspondent }}/{{ created_year }}/{{ title }}",
        ))
        .await
        .unwrap();
    replay.assert().await;
    assert_eq!(
        rendered.as_deref(),
        Some("Internal Revenue Service/2025/Income tax return 2024.txt")
    );
}

#[tokio::test]
async fn test_of_a_broken_template_is_none() {
    // The server answers 200 with an empty body and no content type.
    let (replay, client) = Replay::start(&["storage_paths.test.invalid_template"]).await;
    let rendered = client
        .storage_paths()
        .test(&StoragePathTest::new(DocumentId(22), "{{ correspondent "))
        .await
        .unwrap();
    replay.assert().await;
    assert_eq!(rendered, None);
}
