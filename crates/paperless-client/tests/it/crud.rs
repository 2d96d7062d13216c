//! Single-object reads and the writes: exact requests, exact results.

use mockito::Matcher;
use paperless_client::types::{Patch, PermissionSet, Permissions, TagId, UserId};
use serde_json::json;

use crate::support::{NewTag, Tag, TagPatch, Tags, client, tag_json};

fn tag(id: u64, name: &str) -> Tag {
    Tag {
        id: TagId(id),
        name: name.to_owned(),
        color: "#a6cee3".to_owned(),
        owner: Some(UserId(2)),
        permissions: None,
        document_count: 3,
    }
}

#[tokio::test]
async fn get_sends_a_bare_get_and_decodes_the_object() {
    let mut server = mockito::Server::new_async().await;
    let mock = server
        .mock("GET", "/api/tags/7/")
        .match_header("content-type", Matcher::Missing)
        .match_body("")
        .with_header("content-type", "application/json")
        .with_body(tag_json(7, "Finance").to_string())
        .expect(1)
        .create_async()
        .await;
    let tags = client(&server.url()).endpoint::<Tags>();

    // A plain integer works where the id type is expected.
    let got = tags.get(7).await.unwrap();

    assert_eq!(got, tag(7, "Finance"));
    mock.assert_async().await;
}

#[tokio::test]
async fn get_with_full_perms_and_fields_sends_them_in_order() {
    let mut server = mockito::Server::new_async().await;
    let mut body = tag_json(7, "Finance");
    body["permissions"] =
        json!({"view": {"users": [3], "groups": [1]}, "change": {"users": [], "groups": []}});
    let mock = server
        .mock("GET", "/api/tags/7/?full_perms=true")
        .with_header("content-type", "application/json")
        .with_body(body.to_string())
        .create_async()
        .await;
    let tags = client(&server.url()).endpoint::<Tags>();

    let got = tags.get(TagId(7)).full_perms(true).await.unwrap();

    let mut expected = tag(7, "Finance");
    expected.permissions = Some(Permissions::new(
        PermissionSet::new([UserId(3)], [paperless_client::types::GroupId(1)]),
        PermissionSet::default(),
    ));
    assert_eq!(got, expected);
    mock.assert_async().await;
}

#[tokio::test]
async fn get_opt_turns_404_into_none_and_get_into_not_found() {
    let mut server = mockito::Server::new_async().await;
    let mock = server
        .mock("GET", "/api/tags/99999/")
        .with_status(404)
        .with_header("content-type", "application/json")
        .with_body(r#"{"detail": "No Tag matches the given query."}"#)
        .expect(2)
        .create_async()
        .await;
    let tags = client(&server.url()).endpoint::<Tags>();

    assert_eq!(tags.get_opt(99999).await.unwrap(), None);
    let err = tags.get(99999).await.unwrap_err();
    assert!(err.is_not_found());
    assert_eq!(err.status(), Some(http::StatusCode::NOT_FOUND));
    mock.assert_async().await;
}

#[tokio::test]
async fn get_opt_keeps_other_errors() {
    let mut server = mockito::Server::new_async().await;
    let _mock = server
        .mock("GET", "/api/tags/1/")
        .with_status(403)
        .with_header("content-type", "application/json")
        .with_body(r#"{"detail": "You do not have permission to perform this action."}"#)
        .create_async()
        .await;
    let tags = client(&server.url()).endpoint::<Tags>();

    let err = tags.get_opt(1).await.unwrap_err();
    assert!(err.is_forbidden());
}

#[tokio::test]
async fn create_posts_exactly_the_payload_with_owner_and_permissions() {
    let mut server = mockito::Server::new_async().await;
    let mock = server
        .mock("POST", "/api/tags/")
        .match_header("content-type", "application/json")
        .match_body(Matcher::Exact(
            r##"{"name":"Receipts","color":"#ff0000","owner":2,"set_permissions":{"view":{"users":[3],"groups":[]},"change":{"users":[],"groups":[1]}}}"##.to_owned(),
        ))
        .with_status(201)
        .with_header("content-type", "application/json")
        .with_body(tag_json(11, "Receipts").to_string())
        .expect(1)
        .create_async()
        .await;
    let tags = client(&server.url()).endpoint::<Tags>();

    let created = tags
        .create(&NewTag {
            name: "Receipts".to_owned(),
            color: "#ff0000".to_owned(),
            owner: Some(UserId(2)),
            set_permissions: Some(Permissions::new(
                PermissionSet::new([UserId(3)], []),
                PermissionSet::new([], [paperless_client::types::GroupId(1)]),
            )),
        })
        .await
        .unwrap();

    assert_eq!(created, tag(11, "Receipts"));
    mock.assert_async().await;
}

#[tokio::test]
async fn update_patches_exactly_the_set_fields() {
    let mut server = mockito::Server::new_async().await;
    let mock = server
        .mock("PATCH", "/api/tags/7/")
        .match_header("content-type", "application/json")
        .match_body(Matcher::Exact(
            r#"{"name":"Money","owner":null}"#.to_owned(),
        ))
        .with_header("content-type", "application/json")
        .with_body(tag_json(7, "Money").to_string())
        .expect(1)
        .create_async()
        .await;
    let tags = client(&server.url()).endpoint::<Tags>();

    let patch = TagPatch {
        name: Patch::Set("Money".to_owned()),
        owner: None.into(),
        ..TagPatch::default()
    };
    let updated = tags.update(7, &patch).await.unwrap();

    assert_eq!(updated.name, "Money");
    mock.assert_async().await;
}

#[tokio::test]
async fn replace_puts_the_full_payload() {
    let mut server = mockito::Server::new_async().await;
    let mock = server
        .mock("PUT", "/api/tags/7/")
        .match_header("content-type", "application/json")
        .match_body(Matcher::Exact(
            r##"{"name":"Money","color":"#00ff00"}"##.to_owned(),
        ))
        .with_header("content-type", "application/json")
        .with_body(tag_json(7, "Money").to_string())
        .expect(1)
        .create_async()
        .await;
    let tags = client(&server.url()).endpoint::<Tags>();

    let full = NewTag {
        name: "Money".to_owned(),
        color: "#00ff00".to_owned(),
        owner: None,
        set_permissions: None,
    };
    tags.replace(7, &full).await.unwrap();

    mock.assert_async().await;
}

#[tokio::test]
async fn delete_sends_delete_and_accepts_204() {
    let mut server = mockito::Server::new_async().await;
    let mock = server
        .mock("DELETE", "/api/tags/7/")
        .match_body("")
        .with_status(204)
        .expect(1)
        .create_async()
        .await;
    let tags = client(&server.url()).endpoint::<Tags>();

    tags.delete(7).await.unwrap();

    mock.assert_async().await;
}

#[tokio::test]
async fn a_sub_path_install_prefixes_every_request() {
    let mut server = mockito::Server::new_async().await;
    let mock = server
        .mock("GET", "/paperless/api/tags/7/")
        .with_header("content-type", "application/json")
        .with_body(tag_json(7, "Finance").to_string())
        .expect(1)
        .create_async()
        .await;
    // A trailing `/api/` in the configured URL is tolerated, not doubled.
    let tags = client(&format!("{}/paperless/api/", server.url())).endpoint::<Tags>();

    assert_eq!(tags.get(7).await.unwrap(), tag(7, "Finance"));
    mock.assert_async().await;
}

#[test]
fn the_client_and_its_streams_are_send_sync_and_static() {
    fn send_sync_static<T: Send + Sync + 'static>() {}
    fn send_static<T: Send + 'static>() {}
    send_sync_static::<paperless_client::Paperless>();
    send_sync_static::<paperless_client::Endpoint<Tags>>();
    send_static::<paperless_client::List<Tags>>();
    send_static::<paperless_client::Pages<Tag>>();
    send_static::<paperless_client::Items<Tag>>();
    send_sync_static::<paperless_client::Error>();
    assert!(std::mem::size_of::<paperless_client::Error>() <= 64);
}
