//! `POST /api/bulk_edit_objects/` against the captured exchanges: by ids, by a filtered list,
//! and raw.

use mockito::Matcher;
use paperless_client::Error;
use paperless_client::types::bulk_edit_objects::{BulkEditObjects, BulkObjectType};
use paperless_client::types::{
    CorrespondentId, GroupId, PermissionSet, Permissions, TagId, UserId,
};

use crate::api_fixtures::Replay;
use crate::support::client;

#[tokio::test]
async fn delete_by_ids() {
    let (replay, client) = Replay::start(&["bulk_edit_objects.delete"]).await;
    let result = client.tags().bulk_delete([TagId(20)]).await.unwrap();
    replay.assert().await;
    assert!(result.is_ok());
}

#[tokio::test]
async fn set_permissions_by_ids_with_merge() {
    let (replay, client) = Replay::start(&["bulk_edit_objects.set_permissions"]).await;
    let result = client
        .correspondents()
        .bulk_set_permissions([CorrespondentId(1), CorrespondentId(8)])
        .owner(None)
        .permissions(Permissions::new(
            PermissionSet::new([UserId(3)], [GroupId(1)]),
            PermissionSet::default(),
        ))
        .merge(true)
        .await
        .unwrap();
    replay.assert().await;
    assert!(result.is_ok());
}

#[tokio::test]
async fn an_unknown_object_type_is_refused_by_the_server() {
    let (replay, client) = Replay::start(&["bulk_edit_objects.invalid"]).await;
    let body = BulkEditObjects::delete(BulkObjectType::Other("nonsense".into()), [1u64]);
    let err = client.bulk_edit_objects(&body).await.unwrap_err();
    replay.assert().await;
    let api = err.as_api().unwrap();
    assert_eq!(api.operation().to_string(), "bulk_edit_objects.delete");
    assert_eq!(api.field_errors()[0].field, "object_type");
    assert_eq!(
        api.field_errors()[0].message,
        "\"nonsense\" is not a valid choice."
    );
}

#[tokio::test]
async fn a_filtered_list_sends_all_with_its_filters_only() {
    let mut server = mockito::Server::new_async().await;
    let delete = server
        .mock("POST", "/api/bulk_edit_objects/")
        .match_header("content-type", "application/json")
        .match_body(Matcher::JsonString(
            r#"{"all":true,"filters":{"name__istartswith":"zz ","is_root":"true"},"object_type":"tags","operation":"delete"}"#
                .to_owned(),
        ))
        .with_header("content-type", "application/json")
        .with_body(r#"{"result": "OK"}"#)
        .expect(1)
        .create_async()
        .await;
    let owner = server
        .mock("POST", "/api/bulk_edit_objects/")
        .match_body(Matcher::JsonString(
            r#"{"all":true,"filters":{"path__icontains":"old"},"object_type":"storage_paths","operation":"set_permissions","owner":2}"#
                .to_owned(),
        ))
        .with_header("content-type", "application/json")
        .with_body(r#"{"result": "OK"}"#)
        .expect(1)
        .create_async()
        .await;
    let client = client(&server.url());

    // Paging, ordering and full_perms shape answers; they are not filters and are left out.
    client
        .tags()
        .list()
        .name_istartswith("zz ")
        .page_size(5)
        .ordering("name")
        .full_perms(true)
        .is_root(true)
        .bulk_delete()
        .await
        .unwrap();
    client
        .storage_paths()
        .list()
        .path_icontains("old")
        .bulk_set_permissions()
        .owner(Some(UserId(2)))
        .await
        .unwrap();

    delete.assert_async().await;
    owner.assert_async().await;
}

#[tokio::test]
async fn requests_that_would_do_nothing_or_everything_are_refused() {
    let mut server = mockito::Server::new_async().await;
    let none = server
        .mock("POST", Matcher::Any)
        .expect(0)
        .create_async()
        .await;
    let client = client(&server.url());

    let unfiltered = client.tags().list().page_size(10).bulk_delete().await;
    let no_ids = client.tags().bulk_delete(Vec::<TagId>::new()).await;
    let nothing_to_set = client.correspondents().bulk_set_permissions([1u64]).await;
    let no_ids_to_set = client
        .document_types()
        .bulk_set_permissions(Vec::<u64>::new())
        .owner(None)
        .await;
    let bad_list = client
        .tags()
        .list()
        .id_in(Vec::<u64>::new())
        .bulk_set_permissions()
        .owner(None)
        .await;

    for (what, result) in [
        ("unfiltered", unfiltered),
        ("no ids", no_ids),
        ("nothing to set", nothing_to_set),
        ("no ids to set", no_ids_to_set),
        ("bad list", bad_list),
    ] {
        let err = result.unwrap_err();
        assert!(matches!(err, Error::Invalid(_)), "{what}: {err}");
    }
    none.assert_async().await;
    let err = client.tags().list().bulk_delete().await.unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid request, nothing was sent: tags.bulk_delete: the list has no filter, so this \
         would apply to every object; filter the list, or send BulkEditObjects::all_matching \
         with an empty filter map through Paperless::bulk_edit_objects"
    );
}
