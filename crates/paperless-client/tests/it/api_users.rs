//! `/api/users/` and `/api/groups/` against the captured exchanges.

use paperless_client::api::{Groups, Users};
use paperless_client::types::group::{GroupPatch, NewGroup};
use paperless_client::types::user::{NewUser, UserPatch};
use paperless_client::types::{GroupId, UserId};

use crate::api_fixtures::{
    Capture, Replay, created, deleted, fixture_body, got, listed, refused, replaced, updated,
};
use crate::support::client;

#[tokio::test]
async fn create_a_user() {
    let new = NewUser::new("zz_scratch_user")
        .password("scratch-pass-123")
        .email("zz@example.com")
        .first_name("Zed")
        .last_name("Scratch")
        .is_active(true)
        .is_staff(false)
        .is_superuser(false)
        .groups([GroupId(2)])
        .user_permissions(["view_tag".to_owned()]);
    let user = created::<Users>("users.create", &new).await;
    assert_eq!(user.id, UserId(9));
    assert!(user.password.as_ref().is_some_and(|p| p.is_masked()));
    assert!(
        user.inherited_permissions
            .iter()
            .any(|p| p == "documents.view_customfield")
    );
}

#[tokio::test]
async fn patch_put_delete_a_user() {
    let user = updated::<Users>(
        "users.patch",
        9,
        &UserPatch::new().first_name("Zelda").groups([]),
    )
    .await;
    assert_eq!(user.first_name, "Zelda");
    assert!(user.groups.is_empty());

    let full = UserPatch::new()
        .username("zz_scratch_user")
        .email("zz2@example.com")
        .first_name("Zed")
        .last_name("Put")
        .is_active(false)
        .is_staff(false)
        .is_superuser(false)
        .groups([])
        .user_permissions([]);
    let user = replaced::<Users>("users.put", 9, &full).await;
    assert!(!user.is_active);

    deleted::<Users>("users.delete", 9).await;
}

#[tokio::test]
async fn retrieve_and_list_users() {
    let alice = got::<Users>("users.retrieve", 3).await;
    assert_eq!(alice.username, "alice");
    assert_eq!(alice.groups, [GroupId(1)]);
    let page = listed::<Users>("users.list.page_size2", |l| l.page_size(2)).await;
    assert_eq!(page.count, 3);
    let page = listed::<Users>("users.list", |l| l).await;
    assert!(page.items().contains(&alice));

    let (replay, client) = Replay::start(&["users.retrieve.missing_404"]).await;
    assert_eq!(client.users().get_opt(99999).await.unwrap(), None);
    replay.assert().await;
}

#[tokio::test]
async fn listing_users_needs_permission() {
    let err = refused::<Users, _, _, _>("users.list.as_bob_forbidden", |users| async move {
        users.list().send().await
    })
    .await;
    assert!(err.is_forbidden());
}

#[tokio::test]
async fn username_filters() {
    let mut server = mockito::Server::new_async().await;
    let mock = server
        .mock(
            "GET",
            "/api/users/?username__icontains=li&username__istartswith=a&username__iendswith=e&username__iexact=alice&ordering=username",
        )
        .with_header("content-type", "application/json")
        .with_body(fixture_body("users.list"))
        .expect(1)
        .create_async()
        .await;
    client(&server.url())
        .users()
        .list()
        .username_icontains("li")
        .username_istartswith("a")
        .username_iendswith("e")
        .username_iexact("alice")
        .ordering("username")
        .send()
        .await
        .unwrap();
    mock.assert_async().await;
}

#[tokio::test]
async fn deactivate_totp() {
    // Without TOTP the server answers 404 with a plain-text body.
    let err = refused::<Users, _, _, _>("users.deactivate_totp.not_enabled", |users| async move {
        users.deactivate_totp(9).await
    })
    .await;
    assert!(err.is_not_found());
    assert_eq!(err.as_api().unwrap().detail(), Some("TOTP not found"));

    // With TOTP it answers `true` (server source: `Response(data=True)`).
    let mut server = mockito::Server::new_async().await;
    let mock = server
        .mock("POST", "/api/users/3/deactivate_totp/")
        .match_header("content-type", mockito::Matcher::Missing)
        .match_body("")
        .with_header("content-type", "application/json")
        .with_body("true")
        .expect(1)
        .create_async()
        .await;
    client(&server.url())
        .users()
        .deactivate_totp(3)
        .await
        .unwrap();
    mock.assert_async().await;
}

#[tokio::test]
async fn groups() {
    let group = created::<Groups>(
        "groups.create",
        &NewGroup::new("ZZ scratch group", ["view_document", "view_tag"]),
    )
    .await;
    assert_eq!(group.id, GroupId(7));
    let group = updated::<Groups>(
        "groups.patch",
        7,
        &GroupPatch::new().permissions(["view_document".to_owned()]),
    )
    .await;
    assert_eq!(group.permissions, ["view_document"]);
    let group = replaced::<Groups>(
        "groups.put",
        7,
        &GroupPatch::new()
            .name("ZZ scratch group put")
            .permissions(Vec::new()),
    )
    .await;
    assert!(group.permissions.is_empty());
    deleted::<Groups>("groups.delete", 7).await;

    let family = got::<Groups>("groups.retrieve", 1).await;
    assert_eq!(family.name, "Family");
    let page = listed::<Groups>("groups.list", |l| l).await;
    let names: Vec<&str> = page.items().iter().map(|g| g.name.as_str()).collect();
    assert_eq!(names, ["Accountants", "Family"]);
    assert_eq!(page.items()[1], Capture::load("groups.retrieve").body());
}

#[tokio::test]
async fn group_name_filters() {
    let mut server = mockito::Server::new_async().await;
    let mock = server
        .mock("GET", "/api/groups/?name__istartswith=fam")
        .with_header("content-type", "application/json")
        .with_body(fixture_body("groups.list"))
        .expect(1)
        .create_async()
        .await;
    client(&server.url())
        .groups()
        .list()
        .name_istartswith("fam")
        .send()
        .await
        .unwrap();
    mock.assert_async().await;
}
