//! The trash: listing, restoring and emptying, with the captured exchanges.

use futures_util::TryStreamExt;
use mockito::Matcher;
use paperless_client::Error;
use paperless_client::types::DocumentId;
use paperless_client::types::document::Document;
use serde_json::json;

use crate::documents_support::{capture, mock_capture, result_ids};
use crate::support::client;

#[tokio::test]
async fn lists_the_trash() {
    let mut server = mockito::Server::new_async().await;
    let (list, c) = mock_capture(&mut server, "trash.list").await;
    let (small, c2) = mock_capture(&mut server, "trash.list.page_size2").await;
    let trash = client(&server.url()).trash();

    let all: Vec<Document> = trash.stream().try_collect().await.unwrap();
    let ids: Vec<u64> = all.iter().map(|d| d.id.0).collect();
    assert_eq!(ids, result_ids(&c.body));
    assert!(all.iter().all(Document::is_deleted));

    let page = trash.list().page_size(2).send().await.unwrap();
    assert_eq!(page.count, c2.body["count"].as_u64().unwrap());
    assert_eq!(page.next_page(), Some(2));
    list.assert_async().await;
    small.assert_async().await;
}

#[tokio::test]
async fn counts_and_ids() {
    let mut server = mockito::Server::new_async().await;
    let c = capture("trash.list.after");
    let count = server
        .mock("GET", "/api/trash/?page_size=1&fields=id")
        .with_header("content-type", "application/json")
        .with_body(c.body_string())
        .expect(1)
        .create_async()
        .await;
    let ids = server
        .mock("GET", "/api/trash/?page_size=100000&fields=id")
        .with_header("content-type", "application/json")
        .with_body(c.body_string())
        .expect(1)
        .create_async()
        .await;
    let trash = client(&server.url()).trash();
    assert_eq!(trash.count().await.unwrap(), 1);
    assert_eq!(trash.ids().await.unwrap(), [DocumentId(1)]);
    count.assert_async().await;
    ids.assert_async().await;
}

#[tokio::test]
async fn restores_and_empties() {
    let mut server = mockito::Server::new_async().await;
    let (restore, _) = mock_capture(&mut server, "trash.restore").await;
    let (empty, _) = mock_capture(&mut server, "trash.empty_selected").await;
    let (not_in_trash, _) = mock_capture(&mut server, "trash.restore_not_in_trash").await;
    let empty_all = server
        .mock("POST", "/api/trash/")
        .match_body(Matcher::Json(json!({"action": "empty"})))
        .with_header("content-type", "application/json")
        .with_body(r#"{"result": "OK", "doc_ids": [1]}"#)
        .expect(1)
        .create_async()
        .await;
    let trash = client(&server.url()).trash();

    let restored = trash.restore([DocumentId(69)]).await.unwrap();
    assert_eq!(restored.doc_ids, Some(vec![DocumentId(69)]));
    let emptied = trash.empty([69, 70, 71, 72, 74, 75]).await.unwrap();
    assert_eq!(emptied.result, "OK");
    assert_eq!(emptied.doc_ids.unwrap().len(), 6);
    let err = trash.restore([29]).await.unwrap_err();
    assert_eq!(err.status(), Some(http::StatusCode::BAD_REQUEST));
    assert_eq!(
        trash.empty_all().await.unwrap().doc_ids,
        Some(vec![DocumentId(1)])
    );
    let none = trash.empty(Vec::<DocumentId>::new()).await.unwrap_err();
    assert!(matches!(none, Error::Invalid(_)));
    assert_eq!(
        none.to_string(),
        "invalid request, nothing was sent: trash.empty needs at least one document id \
         (empty_all empties the whole trash)"
    );
    for m in [restore, empty, not_in_trash, empty_all] {
        m.assert_async().await;
    }
}
