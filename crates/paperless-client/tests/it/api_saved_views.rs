//! `/api/saved_views/` against the captured exchanges, with API v10 and v9.

use paperless_client::api::SavedViews;
use paperless_client::transport::{ApiVersion, BaseUrl, TransportBuilder};
use paperless_client::types::saved_view::{
    DisplayField, DisplayMode, FilterRule, FilterRuleType, NewSavedView, SavedViewPatch,
};
use paperless_client::types::{CustomFieldId, Permissions, SavedViewId, UserId};
use paperless_client::{Paperless, PaperlessBuilder};

use crate::api_fixtures::{Capture, Replay, created, deleted, got, listed, replaced, updated};

fn scratch_rules() -> Vec<FilterRule> {
    vec![
        FilterRule::new(FilterRuleType::Title, "scratch"),
        FilterRule::new(
            FilterRuleType::CustomFieldsQuery,
            r#"["Paid", "exact", true]"#,
        ),
    ]
}

/// A client speaking API v9 (Paperless-ngx 2.x) through the crate's own transport stack.
fn v9_client(url: &str) -> Paperless {
    let base = BaseUrl::parse(url).unwrap();
    let http = TransportBuilder::new(base.clone())
        .no_retry()
        .build()
        .unwrap();
    PaperlessBuilder::from_service(http, base)
        .api_version(ApiVersion::V9)
        .build()
        .unwrap()
}

#[tokio::test]
async fn create() {
    let new = NewSavedView::new("ZZ scratch view", scratch_rules())
        .sort_field("title")
        .sort_reverse(false)
        .display_mode(DisplayMode::LargeCards)
        .display_fields([DisplayField::Title, DisplayField::Tags, DisplayField::Notes]);
    let view = created::<SavedViews>("saved_views.create", &new).await;
    assert_eq!(view.id, SavedViewId(11));
    assert_eq!(view.filter_rules, scratch_rules());
    // API v10 has no dashboard flags on saved views.
    assert_eq!(view.show_on_dashboard, None);
}

#[tokio::test]
async fn patch() {
    let patch = SavedViewPatch::new()
        .name("ZZ scratch view 2")
        .page_size(Some(10));
    let view = updated::<SavedViews>("saved_views.patch", 11, &patch).await;
    assert_eq!(view.page_size, Some(10));
}

#[tokio::test]
async fn put_clears_the_nullable_fields() {
    let full = SavedViewPatch::new()
        .name("ZZ scratch view put")
        .sort_field(None)
        .sort_reverse(false)
        .filter_rules([FilterRule::new(FilterRuleType::FulltextQuery, "telekom")])
        .page_size(None)
        .display_mode(None)
        .display_fields(None);
    let view = replaced::<SavedViews>("saved_views.put", 11, &full).await;
    assert_eq!(view.sort_field, None);
    assert_eq!(view.display_fields, None);
}

#[tokio::test]
async fn delete() {
    deleted::<SavedViews>("saved_views.delete", 11).await;
}

#[tokio::test]
async fn retrieve_and_list() {
    let view = got::<SavedViews>("saved_views.retrieve", 1).await;
    assert_eq!(view.name, "Open invoices");
    let page = listed::<SavedViews>("saved_views.list", |l| l).await;
    assert!(page.items().iter().any(|v| v.id == SavedViewId(1)));

    let (replay, client) = Replay::start(&["saved_views.retrieve.full_perms"]).await;
    let view = client.saved_views().get(1).full_perms(true).await.unwrap();
    replay.assert().await;
    assert_eq!(view.permissions, Some(Permissions::default()));
    assert_eq!(view.owner, Some(UserId(2)));
    assert_eq!(
        view.display_fields
            .as_deref()
            .map(|f| f[3].custom_field_id()),
        Some(Some(CustomFieldId(7)))
    );
}

#[tokio::test]
async fn api_v9_keeps_the_dashboard_flags() {
    let mut server = mockito::Server::new_async().await;
    let mut mocks = Vec::new();
    for name in [
        "saved_views.list.v9",
        "saved_views.create.v9_with_dashboard",
    ] {
        let capture = Capture::load(name);
        let path_and_query = capture.path_and_query();
        let mut mock = server
            .mock(capture.method(), path_and_query.as_str())
            .match_header("accept", capture.accept());
        if let Some(body) = capture.request_body() {
            mock = mock.match_body(mockito::Matcher::JsonString(body.to_string()));
        }
        let mock = mock
            .with_status(usize::from(capture.status()))
            .with_header("content-type", "application/json")
            .with_body(capture.body_text())
            .expect(1)
            .create_async()
            .await;
        mocks.push(mock);
    }
    assert_eq!(
        Capture::load("saved_views.list.v9").accept(),
        "application/json; version=9"
    );
    let views = v9_client(&server.url()).saved_views();

    let page = views.list().send().await.unwrap();
    assert_eq!(page.all.as_deref(), Some(&[2, 1][..]));
    let inbox = &page.items()[0];
    assert_eq!(inbox.name, "Inbox (last 90 days)");
    assert_eq!(inbox.show_on_dashboard, Some(true));
    assert_eq!(inbox.show_in_sidebar, Some(false));

    let new = NewSavedView::new("ZZ scratch v9 view", [])
        .show_on_dashboard(true)
        .show_in_sidebar(false)
        .sort_field("created")
        .sort_reverse(true);
    let view = views.create(&new).await.unwrap();
    assert_eq!(view.id, SavedViewId(12));
    assert_eq!(view.show_on_dashboard, Some(true));
    assert_eq!(view.show_in_sidebar, Some(false));
    for mock in mocks {
        mock.assert_async().await;
    }
}
