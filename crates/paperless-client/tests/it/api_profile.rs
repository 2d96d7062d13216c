//! `/api/profile/` (with TOTP and social accounts) and `/api/ui_settings/` against the captured
//! exchanges.

use paperless_client::types::SocialAccountId;
use paperless_client::types::profile::{ProfilePatch, TotpActivate};
use paperless_client::types::ui_settings::UiSettingsUpdate;
use paperless_client::types::{SavedViewId, UserId};

use crate::api_fixtures::{Capture, Replay};

#[tokio::test]
async fn get_and_update_the_profile() {
    let (replay, client) = Replay::start(&["profile.get", "profile.patch"]).await;
    let profile = client.profile();
    let me = profile.get().await.unwrap();
    assert_eq!(me.email, "admin@example.com");
    assert!(me.has_usable_password);
    // The token is there, but never in Debug output.
    let token = me.auth_token.as_ref().unwrap();
    assert_eq!(token.expose(), "7ca632c59f81e0760ba536d4024bbd6deed2f25d");
    assert!(!format!("{me:?}").contains("7ca632c5"));

    let patch = ProfilePatch::new().first_name("Ada").last_name("Admin");
    let me = profile.update(&patch).await.unwrap();
    assert_eq!(me, Capture::load("profile.patch").body());
    replay.assert().await;
}

#[tokio::test]
async fn generate_a_new_token() {
    let (replay, client) = Replay::start(&[
        "profile.generate_auth_token",
        "profile.get.as_alice_new_token",
    ])
    .await;
    let token = client.profile().generate_auth_token().await.unwrap();
    assert_eq!(token.expose(), "15922aa9e7d826bc7dce097bd0f9dc4a025d3f5e");
    assert!(!format!("{token:?}").contains("15922aa9"));
    // The profile then shows the new token.
    let me = client.profile().get().await.unwrap();
    assert_eq!(me.auth_token.as_ref(), Some(&token));
    replay.assert().await;
}

#[tokio::test]
async fn totp_setup_activation_and_removal() {
    let (replay, client) = Replay::start(&[
        "profile.totp.get",
        "profile.totp.post_bad_code",
        "profile.totp.delete_not_enabled",
    ])
    .await;
    let profile = client.profile();

    let setup = profile.totp_setup().await.unwrap();
    assert!(setup.url.expose().starts_with("otpauth://totp/"));
    assert!(setup.qr_svg.contains("<svg"));

    let activation = profile
        .activate_totp(&TotpActivate::new("ABCDEFGHIJKLMNOP", "000000"))
        .await
        .unwrap();
    assert!(!activation.success);
    assert_eq!(activation.recovery_codes, None);

    let err = profile.deactivate_totp().await.unwrap_err();
    assert!(err.is_not_found());
    assert_eq!(err.as_api().unwrap().detail(), Some("TOTP not found"));
    replay.assert().await;
}

#[tokio::test]
async fn social_accounts() {
    let (replay, client) = Replay::start(&[
        "profile.social_account_providers",
        "profile.disconnect_social_account.missing",
    ])
    .await;
    let profile = client.profile();
    assert!(profile.social_account_providers().await.unwrap().is_empty());
    let err = profile.disconnect_social_account(9999).await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(400));
    assert_eq!(
        err.as_api().unwrap().detail(),
        Some("Social account not found")
    );
    replay.assert().await;

    // On success the server answers with the id of the removed account.
    let mut server = mockito::Server::new_async().await;
    let mock = server
        .mock("POST", "/api/profile/disconnect_social_account/")
        .match_body(mockito::Matcher::JsonString(r#"{"id":4}"#.to_owned()))
        .with_header("content-type", "application/json")
        .with_body("4")
        .expect(1)
        .create_async()
        .await;
    let removed = crate::support::client(&server.url())
        .profile()
        .disconnect_social_account(SocialAccountId(4))
        .await
        .unwrap();
    mock.assert_async().await;
    assert_eq!(removed, SocialAccountId(4));
}

#[tokio::test]
async fn ui_settings() {
    let (replay, client) = Replay::start(&["ui_settings.get", "ui_settings.post"]).await;
    let ui = client.ui_settings();
    let current = ui.get().await.unwrap();
    assert_eq!(current.user.id, UserId(2));
    assert_eq!(
        current.dashboard_views(),
        [1, 2, 4, 6, 8, 10].map(SavedViewId)
    );
    assert_eq!(current.sidebar_views(), [SavedViewId(1)]);

    let sent = Capture::load("ui_settings.post");
    let settings = sent.request_body().unwrap()["settings"]
        .as_object()
        .unwrap()
        .clone();
    let saved = ui.save(&UiSettingsUpdate::new(settings)).await.unwrap();
    assert!(saved.success);
    replay.assert().await;
}
