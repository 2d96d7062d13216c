//! The default pagination plan (no `page_size` from the user): the list's own first page, then
//! pages that double from the server's page size (25) up to 800 objects, every page starting
//! where the previous one ended. The exact requests (from the test server's log, over a real
//! socket), every object exactly once and in order, at and around the page boundaries; a page
//! failing mid-way; a server that ignores `page_size`; the user's page size.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use futures_util::{StreamExt, TryStreamExt};
use paperless_client::types::DocumentId;
use paperless_client::{ApiVersion, Error, PaginationProblem, Paperless};
use paperless_testkit::TestServer;

use crate::support::{Documents, Tags, client, json_response, page_json, serve, tag_json};

/// The server's page size, where the default plan starts.
const FIRST: u64 = 25;
/// The page size the default plan grows to.
const LARGE: u64 = 800;

/// A client of the test server with the API version pinned, so that the log holds the list's
/// requests only (no negotiation probe).
fn testkit_client(server: &TestServer) -> Paperless {
    Paperless::builder(server.url())
        .token(server.token())
        .api_version(ApiVersion::V10)
        .build()
        .unwrap()
}

/// The queries the default plan sends for a list of `count` objects, written out independently
/// of the client's code: page 1 as the list asks for it, then page 2 of 25, 50, 100, 200, 400,
/// 800 (each as large as everything before it), then pages 3, 4, ... of 800.
fn default_plan(count: u64) -> Vec<String> {
    let mut queries = vec![String::new()];
    let (mut covered, mut size) = (FIRST, FIRST);
    while covered < count {
        let page = covered / size + 1;
        queries.push(format!("page_size={size}&page={page}"));
        covered += size;
        size = (size * 2).min(LARGE);
    }
    queries
}

/// The documents in the server's default order (newest `created` first, then the higher id).
fn server_order(server: &TestServer) -> Vec<DocumentId> {
    let mut docs = server.documents();
    docs.sort_by_key(|d| std::cmp::Reverse((d.created, d.id)));
    docs.iter().map(|d| d.id).collect()
}

/// Streams every document; returns the ids seen and the queries the server received, sorted by
/// the plan's order (they arrive several at a time).
async fn stream_all(
    server: &TestServer,
    concurrency: Option<usize>,
) -> (Vec<DocumentId>, Vec<String>) {
    let mut list = testkit_client(server).endpoint::<Documents>().list();
    if let Some(c) = concurrency {
        list = list.concurrency(c);
    }
    let ids: Vec<DocumentId> = list
        .stream()
        .map_ok(|d| DocumentId(d["id"].as_u64().unwrap()))
        .try_collect()
        .await
        .unwrap();
    let log = server.take_requests();
    assert!(
        log.iter()
            .all(|r| r.path == "/api/documents/" && r.status == 200),
        "{log:?}"
    );
    (ids, log.into_iter().map(|r| r.query).collect())
}

#[tokio::test]
async fn the_default_plan_grows_pages_and_reads_every_object_once_in_order() {
    let server = TestServer::start().await.unwrap();
    let mut seeded = 0;
    for count in [
        0, 1, 24, 25, 26, 49, 50, 51, 99, 100, 101, 799, 800, 801, 1599, 1600, 1601, 1625, 2400,
        2401, 4000,
    ] {
        server.seed_documents(count - seeded);
        seeded = count;
        let expected = server_order(&server);
        assert_eq!(expected.len(), count);

        let (ids, mut queries) = stream_all(&server, None).await;

        assert_eq!(ids, expected, "{count} documents: every one once, in order");
        let plan = default_plan(u64::try_from(count).unwrap());
        // The first page is asked for alone; the rest may arrive in any order.
        assert_eq!(
            queries.first(),
            Some(&String::new()),
            "{count}: {queries:?}"
        );
        let position: BTreeMap<&String, usize> =
            plan.iter().enumerate().map(|(i, q)| (q, i)).collect();
        queries.sort_by_key(|q| position.get(q).copied().unwrap_or(usize::MAX));
        assert_eq!(queries, plan, "{count} documents");
        // At most 8 pages (the default concurrency), 4 large pages' worth of objects.
        assert!(server.load().peak_in_flight <= 8, "{:?}", server.load());
    }
}

#[tokio::test]
async fn the_exact_requests_for_two_large_pages_and_a_bit() {
    let server = TestServer::builder()
        .seed_documents(2 * 800 + 25)
        .start()
        .await
        .unwrap();
    let expected = server_order(&server);

    // One page at a time: the log is in the order sent.
    let (ids, queries) = stream_all(&server, Some(1)).await;

    assert_eq!(ids, expected);
    assert_eq!(
        queries,
        [
            "",
            "page_size=25&page=2",
            "page_size=50&page=2",
            "page_size=100&page=2",
            "page_size=200&page=2",
            "page_size=400&page=2",
            "page_size=800&page=2",
            "page_size=800&page=3",
        ]
    );
    assert_eq!(server.load().peak_in_flight, 1);
}

#[tokio::test]
async fn a_start_page_without_a_size_grows_from_where_it_ends() {
    let server = TestServer::builder()
        .seed_documents(300)
        .start()
        .await
        .unwrap();
    let expected = server_order(&server);
    let docs = testkit_client(&server).endpoint::<Documents>();

    let ids: Vec<DocumentId> = docs
        .list()
        .page(3)
        .concurrency(1)
        .stream()
        .map_ok(|d| DocumentId(d["id"].as_u64().unwrap()))
        .try_collect()
        .await
        .unwrap();

    // Page 3 of 25 holds objects 50..75; a page starting at 75 may hold 75, one at 150, 150.
    assert_eq!(ids, expected[50..]);
    let queries: Vec<String> = server
        .take_requests()
        .into_iter()
        .map(|r| r.query)
        .collect();
    assert_eq!(
        queries,
        ["page=3", "page=2&page_size=75", "page=2&page_size=150"]
    );
}

#[tokio::test]
async fn a_user_page_size_keeps_pages_of_that_size() {
    let server = TestServer::builder()
        .seed_documents(101)
        .start()
        .await
        .unwrap();
    let expected = server_order(&server);
    let docs = testkit_client(&server).endpoint::<Documents>();

    let pages: Vec<_> = docs
        .list()
        .page_size(25)
        .concurrency(1)
        .pages()
        .try_collect()
        .await
        .unwrap();

    let sizes: Vec<(u64, Option<u64>, usize)> = pages
        .iter()
        .map(|p| (p.number(), p.page_size(), p.items().len()))
        .collect();
    assert_eq!(
        sizes,
        [
            (1, Some(25), 25),
            (2, Some(25), 25),
            (3, Some(25), 25),
            (4, Some(25), 25),
            (5, Some(25), 1)
        ]
    );
    let ids: Vec<DocumentId> = pages
        .into_iter()
        .flatten()
        .map(|d| DocumentId(d["id"].as_u64().unwrap()))
        .collect();
    assert_eq!(ids, expected);
    let queries: Vec<String> = server
        .take_requests()
        .into_iter()
        .map(|r| r.query)
        .collect();
    assert_eq!(
        queries,
        [
            "page_size=25",
            "page_size=25&page=2",
            "page_size=25&page=3",
            "page_size=25&page=4",
            "page_size=25&page=5"
        ]
    );
}

#[tokio::test]
async fn default_pages_report_their_own_number_and_size() {
    let server = TestServer::builder()
        .seed_documents(130)
        .start()
        .await
        .unwrap();
    let docs = testkit_client(&server).endpoint::<Documents>();

    let pages: Vec<_> = docs.pages().try_collect().await.unwrap();

    let sizes: Vec<(u64, Option<u64>, usize)> = pages
        .iter()
        .map(|p| (p.number(), p.page_size(), p.items().len()))
        .collect();
    // Objects 0..25, 25..50, 50..100, 100..130 (of a page of 100 starting at 100).
    assert_eq!(
        sizes,
        [
            (1, Some(25), 25),
            (2, Some(25), 25),
            (2, Some(50), 50),
            (2, Some(100), 30)
        ]
    );
}

fn tags(range: std::ops::Range<u64>) -> Vec<serde_json::Value> {
    range.map(|i| tag_json(i, &format!("Tag {i}"))).collect()
}

/// A mockito mock (not yet created) answering `GET path` with a JSON page of a 200-tag list.
fn page_mock(
    server: &mut mockito::ServerGuard,
    path: &str,
    next: Option<&str>,
    results: Vec<serde_json::Value>,
) -> mockito::Mock {
    server
        .mock("GET", path)
        .with_header("content-type", "application/json")
        .with_body(page_json(200, next, None, results))
}

#[tokio::test]
async fn a_page_failing_mid_way_is_yielded_after_the_pages_before_it() {
    let mut server = mockito::Server::new_async().await;
    let first = page_mock(
        &mut server,
        "/api/tags/",
        Some("http://h/api/tags/?page=2"),
        tags(1..26),
    )
    .expect(1)
    .create_async()
    .await;
    let second = page_mock(
        &mut server,
        "/api/tags/?page_size=25&page=2",
        Some("http://h/api/tags/?page=3&page_size=25"),
        tags(26..51),
    )
    .expect(1)
    .create_async()
    .await;
    let failing = server
        .mock("GET", "/api/tags/?page_size=50&page=2")
        .with_status(500)
        .with_header("content-type", "application/json")
        .with_body(r#"{"detail": "database is locked"}"#)
        .expect(1)
        .create_async()
        .await;
    // Fetched ahead (or not, depending on timing), never yielded.
    let after = page_mock(
        &mut server,
        "/api/tags/?page_size=100&page=2",
        Some("http://h/api/tags/?page=3&page_size=100"),
        tags(101..201),
    )
    .expect_at_most(1)
    .create_async()
    .await;
    let tags_endpoint = client(&server.url()).endpoint::<Tags>();

    let results: Vec<_> = tags_endpoint.stream().collect().await;

    let ok: Vec<String> = results
        .iter()
        .take_while(|r| r.is_ok())
        .map(|r| r.as_ref().unwrap().name.clone())
        .collect();
    let expected: Vec<String> = (1..51).map(|i| format!("Tag {i}")).collect();
    assert_eq!(ok, expected, "objects 1 to 50, none skipped");
    assert_eq!(results.len(), 51, "the error is the last item");
    let Err(Error::Api(api)) = &results[50] else {
        panic!("expected the page's error, got {:?}", results[50])
    };
    assert_eq!(api.status().as_u16(), 500);
    assert!(api.to_string().contains("database is locked"), "{api}");
    first.assert_async().await;
    second.assert_async().await;
    failing.assert_async().await;
    after.assert_async().await;
}

#[tokio::test]
async fn a_server_that_ignores_the_page_size_is_detected_not_misread() {
    // Page 2 "of 50" comes back as page 2 of 25: objects 26..50 again, and 51..100 would be
    // skipped. The stream stops there with a pagination error.
    let mut server = mockito::Server::new_async().await;
    let _first = page_mock(
        &mut server,
        "/api/tags/",
        Some("http://h/api/tags/?page=2"),
        tags(1..26),
    )
    .create_async()
    .await;
    let _second = page_mock(
        &mut server,
        "/api/tags/?page_size=25&page=2",
        Some("http://h/api/tags/?page=3"),
        tags(26..51),
    )
    .create_async()
    .await;
    let _ignored = page_mock(
        &mut server,
        "/api/tags/?page_size=50&page=2",
        Some("http://h/api/tags/?page=3"),
        tags(26..51),
    )
    .create_async()
    .await;
    let _rest = page_mock(
        &mut server,
        "/api/tags/?page_size=100&page=2",
        Some("http://h/api/tags/?page=3"),
        tags(51..76),
    )
    .create_async()
    .await;
    let tags_endpoint = client(&server.url()).endpoint::<Tags>();

    let results: Vec<_> = tags_endpoint.stream().collect().await;

    assert_eq!(results.iter().take_while(|r| r.is_ok()).count(), 50);
    assert_eq!(results.len(), 51);
    let Err(Error::Pagination(p)) = &results[50] else {
        panic!("expected a pagination error, got {:?}", results[50])
    };
    assert_eq!(p.problem(), PaginationProblem::WrongPage);
    assert_eq!(p.page(), Some(2));
}

/// A server of `count` tags that honours `page` and `page_size` (25 by default), answers each
/// page after 20 ms and records the most objects it was asked for at once.
async fn weighing_server(count: u64, peak: Arc<(AtomicU64, AtomicU64, AtomicU64)>) -> String {
    serve(move |req: http::Request<hyper::body::Incoming>| {
        let peak = peak.clone();
        async move {
            let query = req.uri().query().unwrap_or("").to_owned();
            let param = |name: &str, default: u64| {
                query
                    .split('&')
                    .find_map(|kv| kv.strip_prefix(name))
                    .map_or(default, |v| v.parse().unwrap())
            };
            let (page, size) = (param("page=", 1), param("page_size=", FIRST));
            let (in_flight, most, pages) = (&peak.0, &peak.1, &peak.2);
            let now = in_flight.fetch_add(size, Ordering::SeqCst) + size;
            most.fetch_max(now, Ordering::SeqCst);
            pages.fetch_add(1, Ordering::SeqCst);
            tokio::time::sleep(Duration::from_millis(20)).await;
            in_flight.fetch_sub(size, Ordering::SeqCst);
            let start = (page - 1) * size;
            let end = (start + size).min(count);
            let next = (end < count)
                .then(|| format!("http://h/api/tags/?page={}&page_size={size}", page + 1));
            json_response(
                200,
                page_json(count, next.as_deref(), None, tags(start + 1..end + 1)),
            )
        }
    })
    .await
}

#[tokio::test]
async fn the_default_plan_keeps_four_large_pages_of_objects_in_flight_at_most() {
    let peak = Arc::new((AtomicU64::new(0), AtomicU64::new(0), AtomicU64::new(0)));
    let url = weighing_server(6_000, peak.clone()).await;

    let all: Vec<_> = client(&url)
        .endpoint::<Tags>()
        .stream()
        .try_collect()
        .await
        .unwrap();

    let expected: Vec<u64> = (1..=6_000).collect();
    assert_eq!(all.iter().map(|t| t.id.0).collect::<Vec<_>>(), expected);
    let most = peak.1.load(Ordering::SeqCst);
    // 25 + 50 + ... + 400 + 3 × 800 (the ramp and the first large pages go out together),
    // then never more than 4 large pages asked for at once.
    assert!(most <= 4 * LARGE, "{most} objects in flight");
    assert!(
        most > LARGE,
        "{most} objects in flight: the plan should run ahead"
    );
    // Page 1, 25 .. 400 (5), then pages of 800 from 800 on (7).
    assert_eq!(peak.2.load(Ordering::SeqCst), 1 + 5 + 7);
}
