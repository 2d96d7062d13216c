//! Change tracking: fetch, edit, save only what changed (PATCH), or everything (PUT).

use mockito::Matcher;
use paperless_client::types::{PermissionSet, Permissions, UserId};
use serde_json::json;

use crate::support::{Tags, client, tag_json};

#[tokio::test]
async fn editing_one_field_patches_exactly_that_field() {
    let mut server = mockito::Server::new_async().await;
    let get = server
        .mock("GET", "/api/tags/7/")
        .with_header("content-type", "application/json")
        .with_body(tag_json(7, "Finance").to_string())
        .expect(1)
        .create_async()
        .await;
    let mut answer = tag_json(7, "Money");
    answer["document_count"] = json!(4);
    let patch = server
        .mock("PATCH", "/api/tags/7/")
        .match_header("content-type", "application/json")
        .match_body(Matcher::Exact(r#"{"name":"Money"}"#.to_owned()))
        .with_header("content-type", "application/json")
        .with_body(answer.to_string())
        .expect(1)
        .create_async()
        .await;
    let tags = client(&server.url()).endpoint::<Tags>();

    let mut tag = tags.edit(7).await.unwrap();
    tag.name = "Money".to_owned();
    assert_eq!(
        serde_json::Value::Object(tag.changes().unwrap()),
        json!({"name": "Money"})
    );
    tag.save().await.unwrap();

    // The server's answer is the new state, and nothing is left to save.
    assert_eq!(tag.document_count, 4);
    assert!(!tag.is_changed().unwrap());
    get.assert_async().await;
    patch.assert_async().await;
}

#[tokio::test]
async fn saving_without_changes_sends_nothing() {
    let mut server = mockito::Server::new_async().await;
    let _get = server
        .mock("GET", "/api/tags/7/")
        .with_header("content-type", "application/json")
        .with_body(tag_json(7, "Finance").to_string())
        .create_async()
        .await;
    let patch = server
        .mock("PATCH", Matcher::Any)
        .expect(0)
        .create_async()
        .await;
    let tags = client(&server.url()).endpoint::<Tags>();

    let mut tag = tags.edit(7).await.unwrap();
    tag.name = "Finance".to_owned(); // Assigning the same value is no change.
    tag.save().await.unwrap();

    patch.assert_async().await;
}

#[tokio::test]
async fn cleared_options_and_permissions_are_sent_under_their_write_names() {
    let mut server = mockito::Server::new_async().await;
    let patch = server
        .mock("PATCH", "/api/tags/7/")
        .match_body(Matcher::Json(json!({
            "owner": null,
            "set_permissions": {"view": {"users": [3], "groups": []}, "change": {"users": [], "groups": []}},
        })))
        .with_header("content-type", "application/json")
        .with_body(tag_json(7, "Finance").to_string())
        .expect(1)
        .create_async()
        .await;
    let tags = client(&server.url()).endpoint::<Tags>();

    // Tracking an object fetched earlier (from a list, say).
    let fetched: crate::support::Tag = serde_json::from_value(tag_json(7, "Finance")).unwrap();
    let mut tag = tags.track(fetched).unwrap();
    tag.owner = None;
    tag.permissions = Some(Permissions::new(
        PermissionSet::new([UserId(3)], []),
        PermissionSet::default(),
    ));
    tag.save().await.unwrap();

    patch.assert_async().await;
}

#[tokio::test]
async fn replace_puts_every_field() {
    let mut server = mockito::Server::new_async().await;
    let _get = server
        .mock("GET", "/api/tags/7/")
        .with_header("content-type", "application/json")
        .with_body(tag_json(7, "Finance").to_string())
        .create_async()
        .await;
    let put = server
        .mock("PUT", "/api/tags/7/")
        .match_header("content-type", "application/json")
        .match_body(Matcher::Exact(
            r##"{"color":"#a6cee3","document_count":3,"id":7,"name":"Money","owner":2}"##
                .to_owned(),
        ))
        .with_header("content-type", "application/json")
        .with_body(tag_json(7, "Money").to_string())
        .expect(1)
        .create_async()
        .await;
    let tags = client(&server.url()).endpoint::<Tags>();

    let mut tag = tags.edit(7).await.unwrap();
    tag.name = "Money".to_owned();
    tag.replace().await.unwrap();

    assert_eq!(tag.name, "Money");
    put.assert_async().await;
}

#[tokio::test]
async fn a_failed_save_keeps_the_edits_for_a_retry() {
    let mut server = mockito::Server::new_async().await;
    let _get = server
        .mock("GET", "/api/tags/7/")
        .with_header("content-type", "application/json")
        .with_body(tag_json(7, "Finance").to_string())
        .create_async()
        .await;
    let _patch = server
        .mock("PATCH", "/api/tags/7/")
        .with_status(400)
        .with_header("content-type", "application/json")
        .with_body(r#"{"color": ["Ensure this field has no more than 7 characters."]}"#)
        .create_async()
        .await;
    let tags = client(&server.url()).endpoint::<Tags>();

    let mut tag = tags.edit(7).await.unwrap();
    tag.color = "#12345678".to_owned();
    let err = tag.save().await.unwrap_err();

    let api = err.as_api().unwrap();
    assert_eq!(api.field_errors()[0].field, "color");
    assert_eq!(
        serde_json::Value::Object(tag.changes().unwrap()),
        json!({"color": "#12345678"})
    );
}

#[tokio::test]
async fn a_tracked_object_deletes_itself() {
    let mut server = mockito::Server::new_async().await;
    let delete = server
        .mock("DELETE", "/api/tags/7/")
        .match_body("")
        .with_status(204)
        .expect(1)
        .create_async()
        .await;
    let tags = client(&server.url()).endpoint::<Tags>();

    let fetched: crate::support::Tag = serde_json::from_value(tag_json(7, "Finance")).unwrap();
    tags.track(fetched).unwrap().delete().await.unwrap();

    delete.assert_async().await;
}
