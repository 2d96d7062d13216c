//! The rules of the record resources (users, groups, saved views, mail, workflows, share links)
//! that no capture shows on its own: state across requests, masks, cascades, filters.

use bytes::Bytes;
use serde_json::{Value, json};

use crate::support::{Answer, Http, demo};

/// Sends `body` as JSON with the admin token.
async fn send(http: &Http, token: &str, method: &str, path: &str, body: Value) -> Answer {
    http.send(
        method,
        path,
        &[("authorization", format!("Token {token}"))],
        Some(("application/json", Bytes::from(body.to_string()))),
    )
    .await
}

fn ids(page: &Value) -> Vec<u64> {
    page["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_u64().unwrap())
        .collect()
}

#[tokio::test]
async fn users_mask_passwords_log_in_and_filter_by_username_only() {
    let server = demo().await;
    let http = Http::new(server.url());
    let token = server.token();
    let created = send(
        &http,
        token,
        "POST",
        "/api/users/",
        json!({"username": "carol", "password": "carol-pass-123", "groups": [1]}),
    )
    .await;
    assert_eq!(created.status, 201);
    let user = created.json();
    assert_eq!(user["password"], "*".repeat(89));
    assert_eq!(user["groups"], json!([1]));
    // The group's permissions, as `app_label.codename`.
    assert!(
        user["inherited_permissions"]
            .as_array()
            .unwrap()
            .contains(&json!("documents.add_document"))
    );
    // The new user logs in with the password; a mask sent back keeps it.
    let id = user["id"].as_u64().unwrap();
    let masked = send(
        &http,
        token,
        "PATCH",
        &format!("/api/users/{id}/"),
        json!({"password": "**********", "first_name": "Carol"}),
    )
    .await;
    assert_eq!(masked.status, 200);
    let login = http
        .send(
            "POST",
            "/api/token/",
            &[],
            Some((
                "application/json",
                Bytes::from(json!({"username": "carol", "password": "carol-pass-123"}).to_string()),
            )),
        )
        .await;
    assert_eq!(
        login.status,
        200,
        "{}",
        String::from_utf8_lossy(&login.body)
    );
    // Without a password: ten stars, and no login with an empty one.
    let bare = send(
        &http,
        token,
        "POST",
        "/api/users/",
        json!({"username": "dave"}),
    )
    .await
    .json();
    assert_eq!(bare["password"], "**********");
    let empty = http
        .send(
            "POST",
            "/api/token/",
            &[],
            Some((
                "application/json",
                Bytes::from(json!({"username": "dave", "password": ""}).to_string()),
            )),
        )
        .await;
    assert_eq!(empty.status, 400);
    // A rename onto another user's name is refused; an unknown group too.
    let clash = send(
        &http,
        token,
        "PATCH",
        &format!("/api/users/{id}/"),
        json!({"username": "bob", "groups": [99]}),
    )
    .await;
    assert_eq!(
        clash.json(),
        json!({"username": ["A user with that username already exists."], "groups": ["Invalid pk \"99\" - object does not exist."]})
    );
    // `username__icontains` filters, `id__in` is ignored (not in the filterset), order by name.
    let found = http
        .get(token, "/api/users/?username__icontains=AR")
        .await
        .json();
    assert_eq!(ids(&found), [id]);
    let all = http.get(token, "/api/users/?id__in=2").await.json();
    assert_eq!(all["count"], 5);
    let names: Vec<&str> = all["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["username"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["admin", "alice", "bob", "carol", "dave"]);
    let reversed = http
        .get(token, "/api/users/?ordering=-username")
        .await
        .json();
    assert_eq!(reversed["results"][0]["username"], "dave");
}

#[tokio::test]
async fn groups_are_unique_and_leave_their_members_when_deleted() {
    let server = demo().await;
    let http = Http::new(server.url());
    let token = server.token();
    let dup = send(
        &http,
        token,
        "POST",
        "/api/groups/",
        json!({"name": "Family", "permissions": []}),
    )
    .await;
    assert_eq!(
        dup.json(),
        json!({"name": ["group with this name already exists."]})
    );
    assert_eq!(
        http.get(token, "/api/users/3/").await.json()["groups"],
        json!([1])
    );
    assert_eq!(
        http.send(
            "DELETE",
            "/api/groups/1/",
            &[("authorization", format!("Token {token}"))],
            None
        )
        .await
        .status,
        204
    );
    let alice = http.get(token, "/api/users/3/").await.json();
    assert_eq!(alice["groups"], json!([]));
    assert_eq!(alice["inherited_permissions"], json!([]));
}

#[tokio::test]
async fn saved_views_check_custom_field_columns_and_keep_flags_for_api_9() {
    let server = demo().await;
    let http = Http::new(server.url());
    let token = server.token();
    let missing_field = send(
        &http,
        token,
        "POST",
        "/api/saved_views/",
        json!({"name": "x", "filter_rules": [], "display_fields": ["title", "custom_field_99"]}),
    )
    .await;
    assert_eq!(
        missing_field.json(),
        json!({"non_field_errors": ["Invalid field: custom_field_99"]})
    );
    let ok = send(
        &http,
        token,
        "POST",
        "/api/saved_views/",
        json!({"name": "x", "filter_rules": [], "display_fields": ["custom_field_3"]}),
    )
    .await;
    assert_eq!(ok.status, 201);
    // An empty list of columns is stored as none; API 10 sends no dashboard flags.
    let id = ok.json()["id"].as_u64().unwrap();
    let cleared = send(
        &http,
        token,
        "PATCH",
        &format!("/api/saved_views/{id}/"),
        json!({"display_fields": []}),
    )
    .await
    .json();
    assert_eq!(cleared["display_fields"], Value::Null);
    assert!(cleared.get("show_on_dashboard").is_none());
    let v9 = http
        .send(
            "GET",
            &format!("/api/saved_views/{id}/"),
            &[
                ("authorization", format!("Token {token}")),
                ("accept", "application/json; version=9".into()),
            ],
            None,
        )
        .await
        .json();
    assert_eq!(
        (
            v9["show_on_dashboard"].clone(),
            v9["show_in_sidebar"].clone()
        ),
        (json!(false), json!(false))
    );
}

#[tokio::test]
async fn mail_accounts_keep_masked_passwords_and_take_their_rules_along() {
    let server = demo().await;
    let http = Http::new(server.url());
    let token = server.token();
    let dup = send(&http, token, "POST", "/api/mail_accounts/", json!({"name": "Personal IMAP", "imap_server": "h", "username": "u", "password": "p", "imap_security": 7})).await;
    assert_eq!(
        dup.json(),
        json!({"name": ["mail account with this name already exists."], "imap_security": ["\"7\" is not a valid choice."]})
    );
    // The mask sent back keeps the stored password (19 characters: 19 stars).
    let kept = send(
        &http,
        token,
        "PATCH",
        "/api/mail_accounts/1/",
        json!({"password": "**********"}),
    )
    .await
    .json();
    assert_eq!(kept["password"], "*".repeat(19));
    let changed = send(
        &http,
        token,
        "PATCH",
        "/api/mail_accounts/1/",
        json!({"password": "short"}),
    )
    .await
    .json();
    assert_eq!(changed["password"], "*".repeat(10));
    // Tagging needs a parameter; ages are bounded.
    let no_tag = send(
        &http,
        token,
        "POST",
        "/api/mail_rules/",
        json!({"name": "r", "account": 1, "action": 5}),
    )
    .await;
    assert_eq!(
        no_tag.json(),
        json!({"non_field_errors": ["An action parameter is required."]})
    );
    let old = send(
        &http,
        token,
        "POST",
        "/api/mail_rules/",
        json!({"name": "r", "account": 1, "maximum_age": 40000}),
    )
    .await;
    assert_eq!(
        old.json(),
        json!({"maximum_age": ["Maximum mail age is unreasonably large."]})
    );
    // The folder defaults to INBOX; deleting the account deletes its rules.
    let rule = send(
        &http,
        token,
        "POST",
        "/api/mail_rules/",
        json!({"name": "r", "account": 1}),
    )
    .await
    .json();
    assert_eq!(rule["folder"], "INBOX");
    assert_eq!(
        http.send(
            "DELETE",
            "/api/mail_accounts/1/",
            &[("authorization", format!("Token {token}"))],
            None
        )
        .await
        .status,
        204
    );
    assert_eq!(http.get(token, "/api/mail_rules/").await.json()["count"], 0);
}

#[tokio::test]
async fn workflows_check_nested_triggers_and_actions() {
    let server = demo().await;
    let http = Http::new(server.url());
    let token = server.token();
    let bad = send(
        &http,
        token,
        "POST",
        "/api/workflows/",
        json!({"name": "w", "triggers": [{"type": 2}, {"type": 9}], "actions": [{"type": 7}]}),
    )
    .await;
    assert_eq!(
        bad.json(),
        json!({"triggers": [{}, {"type": ["\"9\" is not a valid choice."]}], "actions": [{"type": ["\"7\" is not a valid choice."]}]})
    );
    let made = send(
        &http,
        token,
        "POST",
        "/api/workflows/",
        json!({"name": "w", "triggers": [{"type": 2}], "actions": [{"type": 6}]}),
    )
    .await;
    assert_eq!(made.status, 201);
    let made = made.json();
    // New nested objects get ids after the demo set's; a list filter is ignored.
    assert_eq!(made["triggers"][0]["sources"], json!([1, 2, 3]));
    assert_eq!(
        ids(&http
            .get(token, "/api/workflows/?name__icontains=zzz")
            .await
            .json())
        .len(),
        4
    );
}

#[tokio::test]
async fn share_links_are_made_for_live_documents_and_never_changed() {
    let server = demo().await;
    let http = Http::new(server.url());
    let token = server.token();
    let bad = send(
        &http,
        token,
        "POST",
        "/api/share_links/",
        json!({"document": 7, "file_version": "thumb"}),
    )
    .await;
    assert_eq!(
        bad.json(),
        json!({"file_version": ["\"thumb\" is not a valid choice."]})
    );
    let link = send(
        &http,
        token,
        "POST",
        "/api/share_links/",
        json!({"document": 7}),
    )
    .await
    .json();
    assert_eq!(link["file_version"], "archive");
    let id = link["id"].as_u64().unwrap();
    let put = send(
        &http,
        token,
        "PUT",
        &format!("/api/share_links/{id}/"),
        json!({"document": 7}),
    )
    .await;
    assert_eq!(put.status, 405);
    assert_eq!(put.header("allow"), Some("GET, DELETE, HEAD, OPTIONS"));
    let later = http
        .get(
            token,
            "/api/share_links/?expiration__gt=2029-01-01T00:00:00Z",
        )
        .await
        .json();
    assert_eq!(ids(&later), [1]);
}

#[tokio::test]
async fn required_fields_missing_null_or_blank_are_worded_as_drf_does() {
    let server = demo().await;
    let http = Http::new(server.url());
    let token = server.token();
    for path in ["/api/groups/", "/api/tags/"] {
        let answer = send(&http, token, "POST", path, json!({"name": ""})).await;
        assert_eq!(answer.status, 400, "{path}");
        assert_eq!(
            answer.json()["name"],
            json!(["This field may not be blank."]),
            "{path}"
        );
        let answer = send(&http, token, "POST", path, json!({"name": null})).await;
        assert_eq!(
            answer.json()["name"],
            json!(["This field may not be null."]),
            "{path}"
        );
    }
    let list = send(&http, token, "POST", "/api/workflows/", json!([1])).await;
    assert_eq!(
        list.json(),
        json!({"non_field_errors": ["Invalid data. Expected a dictionary, but got list."]})
    );
}
