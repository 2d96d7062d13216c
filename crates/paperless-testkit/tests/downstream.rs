//! How a user of paperless-rs tests their own code: a function that takes a `Paperless` client,
//! run against a seeded test server, including an outage the transport's retry absorbs.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::Duration;

use futures_util::TryStreamExt;
use paperless_client::transport::{Auth, BaseUrl, RetryConfig, TransportBuilder};
use paperless_client::{Paperless, Resource};
use paperless_testkit::types::document::Document;
use paperless_testkit::types::tag::Tag;
use paperless_testkit::types::{DocumentId, TagId};
use paperless_testkit::{Fault, Route, TestServer};

// ---- the user's code -------------------------------------------------------------------------

/// `/api/documents/`, as the user's application declares it.
enum Documents {}

impl Resource for Documents {
    type Id = DocumentId;
    type Item = Document;
    const NAME: &'static str = "documents";
    const PATH: &'static str = "/api/documents/";
    fn id_of(doc: &Document) -> DocumentId {
        doc.id
    }
}

/// The server applies `fields=` to documents.
impl paperless_client::HasFields for Documents {}

/// The function under test: the titles of the documents with tag `tag` whose content mentions
/// `word`, sorted.
async fn titles_mentioning(
    client: &Paperless,
    tag: TagId,
    word: &str,
) -> paperless_client::Result<Vec<String>> {
    let docs: Vec<Document> = client
        .endpoint::<Documents>()
        .list()
        .param("tags__id__all", tag)
        .param("content__icontains", word)
        .fields(["id", "title"])
        .stream()
        .try_collect()
        .await?;
    let mut titles: Vec<String> = docs.into_iter().map(|d| d.title().to_owned()).collect();
    titles.sort();
    Ok(titles)
}

/// How the application builds its client; tests pass the test server's URL and token.
fn connect(url: &str, token: &str) -> Paperless {
    let base = BaseUrl::parse(url).unwrap();
    let transport = TransportBuilder::new(base.clone())
        .auth(Auth::token(token))
        // Short backoffs keep the test fast; the defaults are meant for real servers.
        .retry(RetryConfig::new().initial_backoff(Duration::from_millis(10)))
        .build()
        .unwrap();
    Paperless::from_service(transport, base)
}

// ---- the user's tests ------------------------------------------------------------------------

fn document(id: u64, title: &str, content: &str, tags: &[u64]) -> Document {
    let mut doc = Document::new(DocumentId(id));
    doc.title = Some(title.to_owned());
    doc.content = Some(content.to_owned());
    doc.tags = tags.iter().copied().map(TagId).collect();
    doc
}

async fn seeded_server() -> TestServer {
    let mut invoices = Tag::default();
    invoices.id = TagId(1);
    invoices.name = "Invoices".into();
    TestServer::builder()
        .tag(invoices)
        .document(document(
            1,
            "Power bill March",
            "Electricity: EUR 80, due 1 April",
            &[1],
        ))
        .document(document(
            2,
            "Power bill April",
            "Electricity: EUR 75, due 1 May",
            &[1],
        ))
        .document(document(3, "Water bill", "Water: EUR 20, due 1 May", &[1]))
        .document(document(
            4,
            "Electricity tariff letter",
            "New electricity tariffs",
            &[],
        ))
        .seed_documents(60) // unrelated documents around them
        .start()
        .await
        .unwrap()
}

#[tokio::test]
async fn finds_the_tagged_documents_that_mention_a_word() {
    let server = seeded_server().await;
    let client = connect(server.url(), server.token());
    let titles = titles_mentioning(&client, TagId(1), "electricity")
        .await
        .unwrap();
    assert_eq!(titles, ["Power bill April", "Power bill March"]);
    let none = titles_mentioning(&client, TagId(1), "gas").await.unwrap();
    assert!(none.is_empty());
}

#[tokio::test]
async fn a_short_outage_is_absorbed_by_the_transport_s_retry() {
    let server = seeded_server().await;
    let client = connect(server.url(), server.token());
    // The next two document list requests fail with 503, as during a server restart.
    let outage = server.inject(Route::get("/api/documents/"), Fault::status(503).times(2));
    let titles = titles_mentioning(&client, TagId(1), "due 1 may")
        .await
        .unwrap();
    assert_eq!(titles, ["Power bill April", "Water bill"]);
    assert_eq!(outage.hits(), 2, "both failures were seen and retried");
}

#[tokio::test]
async fn a_longer_outage_reaches_the_caller_as_an_error() {
    let server = seeded_server().await;
    let client = connect(server.url(), server.token());
    server.inject(Route::get("/api/documents/"), Fault::status(503).always());
    let err = titles_mentioning(&client, TagId(1), "electricity")
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(503));
    // The version negotiation's probe, then one attempt and three retries (the transport's
    // default budget).
    assert_eq!(server.request_count(), 5);
}
