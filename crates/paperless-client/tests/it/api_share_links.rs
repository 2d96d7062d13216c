//! `/api/share_links/` and `/api/share_link_bundles/` against the captured exchanges.

use chrono::DateTime;
use paperless_client::api::{ShareLinkBundles, ShareLinks};
use paperless_client::types::share_link::{
    FileVersion, NewShareLink, NewShareLinkBundle, ShareLinkBundlePatch, ShareLinkBundleStatus,
};
use paperless_client::types::{DocumentId, ShareLinkBundleId, ShareLinkId};

use crate::api_fixtures::{
    Capture, Replay, created, deleted, fixture_body, got, listed, refused, replaced,
};
use crate::support::client;

#[tokio::test]
async fn create_a_link() {
    let new = NewShareLink::new(DocumentId(72)).file_version(FileVersion::Archive);
    let link = created::<ShareLinks>("share_links.create", &new).await;
    assert_eq!(link.id, ShareLinkId(6));
    assert_eq!(link.expiration, None);
    assert_eq!(
        link.path(),
        "/share/e74COAL8F2nAL5JZgeSloSe7X1MxPYtd15PUtg2k9rL7YQaRMs"
    );
}

#[tokio::test]
async fn delete_retrieve_and_list_links() {
    deleted::<ShareLinks>("share_links.delete", 6).await;
    let link = got::<ShareLinks>("share_links.retrieve", 1).await;
    assert_eq!(link.document, DocumentId(12));
    assert_eq!(link.file_version, FileVersion::Original);
    let page = listed::<ShareLinks>("share_links.list", |l| l).await;
    assert_eq!(page.items(), [link]);
}

#[tokio::test]
async fn link_time_filters_are_sent_as_rfc_3339() {
    let mut server = mockito::Server::new_async().await;
    let mock = server
        .mock(
            "GET",
            "/api/share_links/?created__gte=2026-11-01T00%3A00%3A00%2B01%3A00&expiration__lt=2031-01-01T00%3A00%3A00%2B00%3A00&ordering=expiration",
        )
        .with_header("content-type", "application/json")
        .with_body(fixture_body("share_links.list"))
        .expect(1)
        .create_async()
        .await;
    let since = DateTime::parse_from_rfc3339("2026-11-01T00:00:00+01:00").unwrap();
    let until = DateTime::parse_from_rfc3339("2031-01-01T00:00:00Z")
        .unwrap()
        .to_utc();
    let page = client(&server.url())
        .share_links()
        .list()
        .created_gte(since)
        .expiration_lt(until)
        .ordering("expiration")
        .send()
        .await
        .unwrap();
    mock.assert_async().await;
    assert_eq!(page.count, 1);
}

#[tokio::test]
async fn create_a_bundle() {
    let new = NewShareLinkBundle::new([DocumentId(72), DocumentId(69)])
        .file_version(FileVersion::Archive)
        .expiration_days(7);
    let bundle = created::<ShareLinkBundles>("share_link_bundles.create", &new).await;
    assert_eq!(bundle.id, ShareLinkBundleId(6));
    assert_eq!(bundle.status, ShareLinkBundleStatus::Pending);
    assert_eq!(bundle.documents, [DocumentId(72), DocumentId(69)]);
}

#[tokio::test]
async fn an_empty_bundle_is_refused_by_the_server() {
    let err =
        refused::<ShareLinkBundles, _, _, _>("share_link_bundles.create.empty", |b| async move {
            b.create(&NewShareLinkBundle::new([])).await
        })
        .await;
    let field = &err.as_api().unwrap().field_errors()[0];
    assert_eq!(field.field, "document_ids");
    assert_eq!(field.message, "This list may not be empty.");
}

#[tokio::test]
async fn patch_put_delete_a_bundle() {
    // An update changes only the file version (the server ignores `expiration_days` there).
    let mut server = mockito::Server::new_async().await;
    let patch = server
        .mock("PATCH", "/api/share_link_bundles/6/")
        .match_body(mockito::Matcher::Json(
            serde_json::json!({"file_version": "archive"}),
        ))
        .with_header("content-type", "application/json")
        .with_body(fixture_body("share_link_bundles.patch"))
        .expect(1)
        .create_async()
        .await;
    let bundle = client(&server.url())
        .share_link_bundles()
        .update(
            6,
            &ShareLinkBundlePatch::new().file_version(FileVersion::Archive),
        )
        .await
        .unwrap();
    patch.assert_async().await;
    assert_eq!(bundle.file_version, FileVersion::Archive);
    let full = NewShareLinkBundle::new([DocumentId(72)])
        .file_version(FileVersion::Original)
        .expiration_days(3);
    let bundle = replaced::<ShareLinkBundles>("share_link_bundles.put", 6, &full).await;
    assert_eq!(bundle.file_version, FileVersion::Original);
    // The 3.0.5 server keeps the documents of a bundle on PUT.
    assert_eq!(bundle.documents, [DocumentId(72), DocumentId(69)]);
    deleted::<ShareLinkBundles>("share_link_bundles.delete", 6).await;
}

#[tokio::test]
async fn retrieve_and_list_bundles() {
    let bundle = got::<ShareLinkBundles>("share_link_bundles.retrieve.built", 6).await;
    assert_eq!(bundle.status, ShareLinkBundleStatus::Ready);
    assert_eq!(bundle.size_bytes, Some(9001));
    let bundle = got::<ShareLinkBundles>("share_link_bundles.retrieve", 1).await;
    let page = listed::<ShareLinkBundles>("share_link_bundles.list", |l| l).await;
    assert_eq!(page.items(), [bundle]);
}

#[tokio::test]
async fn rebuild_a_bundle() {
    let (replay, client) = Replay::start(&["share_link_bundles.rebuild"]).await;
    let bundle = client.share_link_bundles().rebuild(6).await.unwrap();
    replay.assert().await;
    assert_eq!(bundle.status, ShareLinkBundleStatus::Pending);
    assert_eq!(bundle.built_at, None);
    assert_eq!(bundle, Capture::load("share_link_bundles.rebuild").body());
}

#[tokio::test]
async fn bundle_filters() {
    let mut server = mockito::Server::new_async().await;
    let mock = server
        .mock(
            "GET",
            "/api/share_link_bundles/?documents=29%2C30&status=ready",
        )
        .with_header("content-type", "application/json")
        .with_body(fixture_body("share_link_bundles.list"))
        .expect(1)
        .create_async()
        .await;
    let bundles = client(&server.url()).share_link_bundles();
    let page = bundles
        .list()
        .documents([DocumentId(29), DocumentId(30)])
        .status(ShareLinkBundleStatus::Ready)
        .send()
        .await
        .unwrap();
    mock.assert_async().await;
    assert_eq!(page.count, 1);

    // An empty document filter would match every bundle: refused, nothing sent.
    let err = bundles
        .list()
        .documents(Vec::<DocumentId>::new())
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, paperless_client::Error::Invalid(_)), "{err}");
}
