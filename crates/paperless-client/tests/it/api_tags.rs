//! `/api/tags/` against the captured exchanges, plus change tracking on a real tag.

use mockito::Matcher;
use paperless_client::api::Tags;
use paperless_client::types::matching::MatchingAlgorithm;
use paperless_client::types::tag::{NewTag, Tag, TagPatch};
use paperless_client::types::{GroupId, PermissionSet, Permissions, TagId, UserId};
use serde_json::json;

use crate::api_fixtures::{
    Capture, Replay, created, deleted, fixture_body, got, listed, refused, replaced, updated,
};

fn share_with_bob_and_family() -> Permissions {
    Permissions::new(
        PermissionSet::new([UserId(3)], []),
        PermissionSet::new([], [GroupId(1)]),
    )
}

#[tokio::test]
async fn create() {
    let new = NewTag::new("ZZ scratch tag")
        .color("#123456")
        .is_inbox_tag(false)
        .matching_algorithm(MatchingAlgorithm::Literal)
        .r#match("scratch literal")
        .parent(TagId(9));
    let tag = created::<Tags>("tags.create", &new).await;
    assert_eq!(tag.id, TagId(19));
    assert_eq!(tag.slug, "zz-scratch-tag");
    assert_eq!(tag.text_color, "#ffffff");
    assert_eq!(tag.parent, Some(TagId(9)));
    // The answer to a create has no document count.
    assert_eq!(tag.document_count, None);
}

#[tokio::test]
async fn patch_with_set_permissions() {
    let patch = TagPatch::new()
        .name("ZZ scratch tag renamed")
        .set_permissions(share_with_bob_and_family());
    let tag = updated::<Tags>("tags.patch", 19, &patch).await;
    assert_eq!(tag.name, "ZZ scratch tag renamed");
    assert_eq!(tag.document_count, Some(0));
}

#[tokio::test]
async fn put() {
    let full = TagPatch::new()
        .name("ZZ scratch tag put")
        .color("#123456")
        .is_inbox_tag(false)
        .matching_algorithm(MatchingAlgorithm::Literal)
        .r#match("scratch literal")
        .parent(Some(TagId(9)));
    let tag = replaced::<Tags>("tags.put", 19, &full).await;
    assert_eq!(tag.slug, "zz-scratch-tag-put");
    assert_eq!(tag.owner, None);
}

#[tokio::test]
async fn delete() {
    deleted::<Tags>("tags.delete", 19).await;
}

#[tokio::test]
async fn retrieve_with_nested_children() {
    let tag = got::<Tags>("tags.retrieve", 3).await;
    assert_eq!(tag.name, "Finance");
    assert!(tag.is_root());
    let children: Vec<(&str, Option<TagId>)> = tag
        .children
        .iter()
        .map(|c| (c.name.as_str(), c.parent))
        .collect();
    assert_eq!(
        children,
        [("Paid", Some(TagId(3))), ("Tax 2024", Some(TagId(3)))]
    );
}

#[tokio::test]
async fn retrieve_with_full_perms() {
    let (replay, client) = Replay::start(&["tags.retrieve.full_perms"]).await;
    let tag = client.tags().get(9).full_perms(true).await.unwrap();
    replay.assert().await;
    assert_eq!(tag.user_can_change, None);
    assert_eq!(
        tag.permissions,
        Some(Permissions::new(
            PermissionSet::new([UserId(3)], []),
            PermissionSet::new([UserId(3)], []),
        ))
    );
    assert_eq!(tag, Capture::load("tags.retrieve.full_perms").body::<Tag>());
}

#[tokio::test]
async fn missing_is_none() {
    let (replay, client) = Replay::start(&["tags.retrieve.missing_404"]).await;
    assert_eq!(client.tags().get_opt(99999).await.unwrap(), None);
    replay.assert().await;
}

#[tokio::test]
async fn list_pages() {
    let first = listed::<Tags>("tags.list.page_size2", |l| l.page_size(2)).await;
    assert_eq!(first.count, 10);
    assert_eq!(first.page_count(), Some(5));
    assert_eq!(first.next_page(), Some(2));

    let second = listed::<Tags>("tags.list.page2", |l| l.page_size(2).page(2)).await;
    assert_eq!(second.number(), 2);
    let names: Vec<&str> = second.items().iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["Home", "Important"]);
}

#[tokio::test]
async fn list_filters() {
    let page = listed::<Tags>("tags.list.filter_name_icontains", |l| {
        l.name_icontains("a").ordering_desc("name").page_size(3)
    })
    .await;
    assert!(
        page.items()
            .iter()
            .all(|t| t.name.to_lowercase().contains('a'))
    );

    let page = listed::<Tags>("tags.list.id_in", |l| l.id_in([3u64, 9])).await;
    let ids: Vec<TagId> = page.items().iter().map(|t| t.id).collect();
    assert_eq!(ids, [TagId(3), TagId(9)]);

    let page = listed::<Tags>("tags.list.is_root", |l| l.is_root(true).page_size(3)).await;
    assert_eq!(page.count, 8);
    assert!(page.items().iter().all(Tag::is_root));
}

#[tokio::test]
async fn list_with_full_perms() {
    let page = listed::<Tags>("tags.list.full_perms", |l| l.page_size(3).full_perms(true)).await;
    assert!(
        page.items()
            .iter()
            .all(|t| t.permissions.is_some() && t.user_can_change.is_none())
    );
}

#[tokio::test]
async fn duplicate_name_is_a_readable_error() {
    let new = NewTag::new("ZZ scratch tag")
        .color("#123456")
        .is_inbox_tag(false)
        .matching_algorithm(MatchingAlgorithm::Literal)
        .r#match("scratch literal")
        .parent(TagId(9));
    let err = refused::<Tags, _, _, _>("tags.create.duplicate_name_400", |tags| async move {
        tags.create(&new).await
    })
    .await;
    assert_eq!(
        err.as_api().unwrap().detail(),
        Some("Object violates owner / name unique constraint")
    );
}

#[tokio::test]
async fn editing_one_field_of_a_fetched_tag_patches_exactly_that_field() {
    let (mut replay, client) = Replay::start(&["tags.retrieve"]).await;
    let mut answer: serde_json::Value =
        serde_json::from_str(&fixture_body("tags.retrieve")).unwrap();
    answer["name"] = json!("Money");
    answer["slug"] = json!("money");
    let patch = replay
        .server
        .mock("PATCH", "/api/tags/3/")
        .match_header("content-type", "application/json")
        .match_body(Matcher::Exact(r#"{"name":"Money"}"#.to_owned()))
        .with_header("content-type", "application/json")
        .with_body(answer.to_string())
        .expect(1)
        .create_async()
        .await;

    let mut tag = client.tags().edit(3).await.unwrap();
    tag.name = "Money".to_owned();
    tag.save().await.unwrap();

    replay.assert().await;
    patch.assert_async().await;
    assert_eq!(tag.slug, "money");
    assert!(!tag.is_changed().unwrap());
    // Nothing left to send: no further request (the mocks expect exactly one each).
    tag.save().await.unwrap();
    patch.assert_async().await;
}

#[tokio::test]
async fn replacing_a_fetched_tag_puts_every_field() {
    let (mut replay, client) = Replay::start(&["tags.retrieve"]).await;
    let mut expected: serde_json::Value =
        serde_json::from_str(&fixture_body("tags.retrieve")).unwrap();
    expected["name"] = json!("Money");
    // Every writable field is in the body (the server ignores the read-only ones).
    for field in [
        "name",
        "color",
        "match",
        "matching_algorithm",
        "is_insensitive",
        "is_inbox_tag",
        "owner",
        "parent",
    ] {
        assert!(expected.get(field).is_some(), "{field}");
    }
    let put = replay
        .server
        .mock("PUT", "/api/tags/3/")
        .match_header("content-type", "application/json")
        .match_body(Matcher::JsonString(expected.to_string()))
        .with_header("content-type", "application/json")
        .with_body(expected.to_string())
        .expect(1)
        .create_async()
        .await;

    let mut tag = client.tags().edit(3).await.unwrap();
    tag.name = "Money".to_owned();
    tag.replace().await.unwrap();

    replay.assert().await;
    put.assert_async().await;
    assert_eq!(tag.name, "Money");
}

#[tokio::test]
async fn changed_permissions_of_a_tag_read_with_full_perms_are_sent_as_set_permissions() {
    let (mut replay, client) = Replay::start(&["tags.retrieve.full_perms"]).await;
    let patch = replay
        .server
        .mock("PATCH", "/api/tags/9/")
        .match_body(Matcher::JsonString(
            r#"{"set_permissions":{"view":{"users":[3],"groups":[]},"change":{"users":[],"groups":[1]}}}"#
                .to_owned(),
        ))
        .with_header("content-type", "application/json")
        .with_body(fixture_body("tags.retrieve.full_perms"))
        .expect(1)
        .create_async()
        .await;
    let tags = client.tags();

    let fetched = tags.get(9).full_perms(true).await.unwrap();
    let mut tag = tags.track(fetched).unwrap();
    tag.permissions = Some(share_with_bob_and_family());
    tag.save().await.unwrap();

    replay.assert().await;
    patch.assert_async().await;
}
