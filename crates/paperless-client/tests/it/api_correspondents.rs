//! `/api/correspondents/` against the captured exchanges.

use paperless_client::api::Correspondents;
use paperless_client::types::correspondent::{CorrespondentPatch, NewCorrespondent};
use paperless_client::types::matching::MatchingAlgorithm;
use paperless_client::types::{CorrespondentId, GroupId, PermissionSet, Permissions, UserId};

use crate::api_fixtures::{Replay, created, deleted, fixture_body, got, listed, replaced, updated};

#[tokio::test]
async fn create() {
    let new = NewCorrespondent::new("ZZ scratch correspondent")
        .r#match("scratch")
        .matching_algorithm(MatchingAlgorithm::Any);
    let c = created::<Correspondents>("correspondents.create", &new).await;
    assert_eq!(c.id, CorrespondentId(13));
    assert_eq!(c.owner, Some(UserId(2)));
}

#[tokio::test]
async fn patch_with_set_permissions() {
    let patch = CorrespondentPatch::new()
        .name("ZZ scratch correspondent renamed")
        .set_permissions(Permissions::new(
            PermissionSet::new([UserId(3)], []),
            PermissionSet::new([], [GroupId(1)]),
        ));
    let c = updated::<Correspondents>("correspondents.patch", 13, &patch).await;
    assert_eq!(c.slug, "zz-scratch-correspondent-renamed");
}

#[tokio::test]
async fn put() {
    let full = CorrespondentPatch::new()
        .name("ZZ scratch correspondent put")
        .r#match("scratch")
        .matching_algorithm(MatchingAlgorithm::Any);
    let c = replaced::<Correspondents>("correspondents.put", 13, &full).await;
    assert_eq!(c.name, "ZZ scratch correspondent put");
}

#[tokio::test]
async fn delete() {
    deleted::<Correspondents>("correspondents.delete", 13).await;
}

#[tokio::test]
async fn retrieve_has_the_last_correspondence() {
    let c = got::<Correspondents>("correspondents.retrieve", 3).await;
    assert_eq!(c.name, "Telekom Mobile");
    assert_eq!(
        c.last_correspondence.map(|d| d.to_string()).as_deref(),
        Some("2025-04-05")
    );
    assert_eq!(c.matching_algorithm, MatchingAlgorithm::Auto);
}

#[tokio::test]
async fn full_perms_on_one_object_and_on_a_list() {
    let (replay, client) = Replay::start(&["correspondents.retrieve.full_perms"]).await;
    let c = client
        .correspondents()
        .get(7)
        .full_perms(true)
        .await
        .unwrap();
    replay.assert().await;
    assert_eq!(
        c.permissions,
        Some(Permissions::new(
            PermissionSet::new([UserId(3)], [GroupId(2)]),
            PermissionSet::new([UserId(3)], []),
        ))
    );
    assert_eq!(c.user_can_change, None);

    let page = listed::<Correspondents>("correspondents.list.full_perms", |l| {
        l.page_size(3).full_perms(true)
    })
    .await;
    assert_eq!(page.count, 8);
    let first = &page.items()[0];
    assert_eq!(first.name, "ACME Insurance");
    assert_eq!(
        first.permissions,
        Some(Permissions::new(
            PermissionSet::new([UserId(3)], [GroupId(1)]),
            PermissionSet::default(),
        ))
    );
}

#[tokio::test]
async fn list_pages_and_filters() {
    let page = listed::<Correspondents>("correspondents.list.page_size2", |l| l.page_size(2)).await;
    assert_eq!(page.items().len(), 2);
    let page =
        listed::<Correspondents>("correspondents.list.page2", |l| l.page_size(2).page(2)).await;
    assert_eq!(page.number(), 2);
    let page = listed::<Correspondents>("correspondents.list.filter_name_icontains", |l| {
        l.name_icontains("a").ordering_desc("name").page_size(3)
    })
    .await;
    let names: Vec<&str> = page.items().iter().map(|c| c.name.as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort_by_key(|n| std::cmp::Reverse(n.to_lowercase()));
    assert_eq!(names, sorted);
    let page = listed::<Correspondents>("correspondents.list.id_in", |l| {
        l.id_in([CorrespondentId(3), CorrespondentId(7)])
    })
    .await;
    let ids: Vec<CorrespondentId> = page.items().iter().map(|c| c.id).collect();
    assert_eq!(ids, [CorrespondentId(7), CorrespondentId(3)]);
}

#[tokio::test]
async fn last_correspondence_is_asked_for_explicitly() {
    let mut server = mockito::Server::new_async().await;
    let mock = server
        .mock(
            "GET",
            "/api/correspondents/?last_correspondence=true&ordering=-last_correspondence",
        )
        .with_header("content-type", "application/json")
        .with_body(fixture_body("correspondents.list.id_in"))
        .expect(1)
        .create_async()
        .await;
    let client = crate::support::client(&server.url());
    let page = client
        .correspondents()
        .list()
        .last_correspondence()
        .ordering_desc("last_correspondence")
        .send()
        .await
        .unwrap();
    mock.assert_async().await;
    assert_eq!(page.count, 2);
}
