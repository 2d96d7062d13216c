//! Lists: exact queries, prefetching by page number, following (rebased) `next` links, loop
//! guards, errors mid-way, `ids()` and `count()`.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::{StreamExt, TryStreamExt};
use mockito::Matcher;
use paperless_client::types::TagId;
use paperless_client::{Error, PaginationProblem};
use serde_json::json;

use crate::support::{Documents, Tags, builder, client, json_response, page_json, serve, tag_json};

fn tags(range: std::ops::RangeInclusive<u64>) -> Vec<serde_json::Value> {
    range.map(|i| tag_json(i, &format!("Tag {i}"))).collect()
}

fn names(items: &[crate::support::Tag]) -> Vec<String> {
    items.iter().map(|t| t.name.clone()).collect()
}

#[tokio::test]
async fn send_fetches_one_page_with_the_exact_query() {
    let mut server = mockito::Server::new_async().await;
    let mock = server
        .mock(
            "GET",
            "/api/tags/?name__icontains=a+b&ordering=-name&page_size=2&page=2&owner__id=2&id__in=3%2C7%2C9%2C11%2C12",
        )
        .match_body("")
        .with_header("content-type", "application/json")
        .with_body(page_json(
            5,
            Some("http://127.0.0.1:8000/api/tags/?id__in=3%2C7%2C9%2C11%2C12&name__icontains=a+b&ordering=-name&owner__id=2&page=3&page_size=2"),
            Some("http://127.0.0.1:8000/api/tags/?id__in=3%2C7%2C9%2C11%2C12&name__icontains=a+b&ordering=-name&owner__id=2&page_size=2"),
            vec![tag_json(9, "Tag 9"), tag_json(11, "Tag 11")],
        ))
        .expect(1)
        .create_async()
        .await;
    let tags = client(&server.url()).endpoint::<Tags>();

    let page = tags
        .list()
        .name_icontains("a b")
        .ordering("name")
        .ordering_desc("name") // replaces, in place
        .page_size(2)
        .page(2)
        .owner_id(2)
        .id_in([3u64, 7, 9, 11, 12])
        .send()
        .await
        .unwrap();

    assert_eq!(page.number(), 2);
    assert_eq!(page.count, 5);
    assert_eq!(page.page_count(), Some(3));
    assert_eq!(page.next_page(), Some(3));
    assert_eq!(
        page.items().iter().map(|t| t.id).collect::<Vec<_>>(),
        [TagId(9), TagId(11)]
    );
    mock.assert_async().await;
}

#[tokio::test]
async fn pages_are_fetched_by_number_whatever_host_next_names() {
    let mut server = mockito::Server::new_async().await;
    let wrong = "https://paperless.example.com:8443/api/tags/";
    let first = json_mock(
        &mut server,
        "/api/tags/?page_size=2",
        page_json(
            5,
            Some(&format!("{wrong}?page=2&page_size=2")),
            None,
            tags(1..=2),
        ),
        1,
    )
    .await;
    let second = json_mock(
        &mut server,
        "/api/tags/?page_size=2&page=2",
        page_json(
            5,
            Some(&format!("{wrong}?page=3&page_size=2")),
            Some(&format!("{wrong}?page_size=2")),
            tags(3..=4),
        ),
        1,
    )
    .await;
    let third = json_mock(
        &mut server,
        "/api/tags/?page_size=2&page=3",
        page_json(
            5,
            None,
            Some(&format!("{wrong}?page=2&page_size=2")),
            tags(5..=5),
        ),
        1,
    )
    .await;
    let tags = client(&server.url()).endpoint::<Tags>();

    let pages: Vec<_> = tags
        .list()
        .page_size(2)
        .pages()
        .try_collect()
        .await
        .unwrap();

    let numbers: Vec<u64> = pages.iter().map(|p| p.number()).collect();
    assert_eq!(numbers, [1, 2, 3]);
    let all: Vec<_> = pages.into_iter().flatten().collect();
    assert_eq!(names(&all), ["Tag 1", "Tag 2", "Tag 3", "Tag 4", "Tag 5"]);
    first.assert_async().await;
    second.assert_async().await;
    third.assert_async().await;
}

#[tokio::test]
async fn next_links_without_page_numbers_are_followed_rebased_on_the_base_url() {
    let mut server = mockito::Server::new_async().await;
    let first = json_mock(
        &mut server,
        "/paperless/api/documents/?query=tax",
        page_json(
            3,
            // Wrong scheme, host and port, as a misconfigured proxy advertises them.
            Some("https://wrong.example:9999/paperless/api/documents/?cursor=abc&query=tax"),
            None,
            vec![json!({"id": 1})],
        ),
        1,
    )
    .await;
    let second = json_mock(
        &mut server,
        "/paperless/api/documents/?cursor=abc&query=tax",
        page_json(
            3,
            // A proxy that rewrote the sub-path away: the path from /api/ on is kept.
            Some("http://internal:8000/api/documents/?cursor=def&query=tax"),
            None,
            vec![json!({"id": 2})],
        ),
        1,
    )
    .await;
    let third = json_mock(
        &mut server,
        "/paperless/api/documents/?cursor=def&query=tax",
        page_json(3, None, None, vec![json!({"id": 3})]),
        1,
    )
    .await;
    let docs = client(&format!("{}/paperless", server.url())).endpoint::<Documents>();

    let pages: Vec<_> = docs
        .list()
        .param("query", "tax")
        .pages()
        .try_collect()
        .await
        .unwrap();

    assert_eq!(
        pages.iter().map(|p| p.number()).collect::<Vec<_>>(),
        [1, 2, 3]
    );
    let ids: Vec<u64> = pages
        .into_iter()
        .flatten()
        .map(|d| d["id"].as_u64().unwrap())
        .collect();
    assert_eq!(ids, [1, 2, 3]);
    first.assert_async().await;
    second.assert_async().await;
    third.assert_async().await;
}

#[tokio::test]
async fn a_repeating_next_link_ends_the_stream_with_an_error() {
    let mut server = mockito::Server::new_async().await;
    let _first = server
        .mock("GET", "/api/documents/")
        .with_header("content-type", "application/json")
        .with_body(page_json(
            9,
            Some("http://h/api/documents/?cursor=a"),
            None,
            vec![json!({"id": 1})],
        ))
        .create_async()
        .await;
    let again = server
        .mock("GET", "/api/documents/?cursor=a")
        .with_header("content-type", "application/json")
        .with_body(page_json(
            9,
            Some("http://h/api/documents/?cursor=a"),
            None,
            vec![json!({"id": 2})],
        ))
        .expect(1)
        .create_async()
        .await;
    let docs = client(&server.url()).endpoint::<Documents>();

    let mut items = docs.stream();
    assert_eq!(items.next().await.unwrap().unwrap()["id"], 1);
    assert_eq!(items.next().await.unwrap().unwrap()["id"], 2);
    let err = items.next().await.unwrap().unwrap_err();
    let Error::Pagination(p) = &err else {
        panic!("expected a pagination error, got {err:?}")
    };
    assert_eq!(p.problem(), PaginationProblem::RepeatedPage);
    assert_eq!(p.page(), Some(3));
    assert!(items.next().await.is_none());
    again.assert_async().await;
}

#[tokio::test]
async fn a_proxy_dropping_the_page_number_is_detected_not_repeated() {
    let mut server = mockito::Server::new_async().await;
    // Whatever the query, the "proxy" hands back page 1.
    let any = server
        .mock("GET", "/api/tags/")
        .match_query(Matcher::Any)
        .with_header("content-type", "application/json")
        .with_body(page_json(
            4,
            Some("http://h/api/tags/?page=2&page_size=2"),
            None,
            tags(1..=2),
        ))
        .expect(2)
        .create_async()
        .await;
    let tags = client(&server.url()).endpoint::<Tags>();

    let results: Vec<_> = tags.list().page_size(2).stream().collect().await;

    assert_eq!(results.len(), 3);
    assert_eq!(results[0].as_ref().unwrap().name, "Tag 1");
    assert_eq!(results[1].as_ref().unwrap().name, "Tag 2");
    let Err(Error::Pagination(p)) = &results[2] else {
        panic!("expected a pagination error, got {:?}", results[2])
    };
    assert_eq!(p.problem(), PaginationProblem::WrongPage);
    assert_eq!(p.page(), Some(2));
    insta::assert_snapshot!("pagination_wrong_page", p);
    any.assert_async().await;
}

/// What the in-process server saw.
#[derive(Default)]
struct Seen {
    pages: Mutex<Vec<u64>>,
    in_flight: AtomicUsize,
    max_in_flight: AtomicUsize,
}

/// A server with `count` tags in pages of `page_size` (5 when not asked for). Page 2 is the
/// slowest, so a client that does not keep order would yield it late.
async fn slow_paged_server(count: u64, seen: Arc<Seen>) -> String {
    serve(move |req: http::Request<hyper::body::Incoming>| {
        let seen = seen.clone();
        async move {
            let query = req.uri().query().unwrap_or("").to_owned();
            let page: u64 = query
                .split('&')
                .find_map(|kv| kv.strip_prefix("page="))
                .map_or(1, |v| v.parse().unwrap());
            let size: u64 = query
                .split('&')
                .find_map(|kv| kv.strip_prefix("page_size="))
                .map_or(5, |v| v.parse().unwrap());
            seen.pages.lock().unwrap().push(page);
            let now = seen.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
            seen.max_in_flight.fetch_max(now, Ordering::SeqCst);
            let delay = if page == 2 { 150 } else { 40 };
            tokio::time::sleep(Duration::from_millis(delay)).await;
            seen.in_flight.fetch_sub(1, Ordering::SeqCst);
            let last = count.div_ceil(size);
            let first_id = (page - 1) * size + 1;
            let last_id = (page * size).min(count);
            let next = (page < last)
                .then(|| format!("http://h/api/tags/?page={}&page_size={size}", page + 1));
            json_response(
                200,
                page_json(count, next.as_deref(), None, tags(first_id..=last_id)),
            )
        }
    })
    .await
}

#[tokio::test]
async fn prefetch_runs_ahead_with_bounded_concurrency_and_keeps_server_order() {
    let seen = Arc::new(Seen::default());
    let url = slow_paged_server(90, seen.clone()).await;
    let tags = client(&url).endpoint::<Tags>();

    let all: Vec<_> = tags
        .list()
        .page_size(5)
        .stream()
        .try_collect()
        .await
        .unwrap();

    let expected: Vec<String> = (1..=90).map(|i| format!("Tag {i}")).collect();
    assert_eq!(names(&all), expected);
    let mut pages = seen.pages.lock().unwrap().clone();
    pages.sort_unstable();
    assert_eq!(
        pages,
        (1..=18).collect::<Vec<u64>>(),
        "every page exactly once"
    );
    assert_eq!(
        seen.max_in_flight.load(Ordering::SeqCst),
        8,
        "default concurrency"
    );
}

#[tokio::test]
async fn concurrency_one_fetches_one_page_at_a_time() {
    let seen = Arc::new(Seen::default());
    let url = slow_paged_server(12, seen.clone()).await;
    let tags = client(&url).endpoint::<Tags>();

    let all: Vec<_> = tags
        .list()
        .page_size(5)
        .concurrency(1)
        .stream()
        .try_collect()
        .await
        .unwrap();

    assert_eq!(all.len(), 12);
    assert_eq!(*seen.pages.lock().unwrap(), [1, 2, 3]);
    assert_eq!(seen.max_in_flight.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_failing_middle_page_ends_the_stream_with_its_error() {
    let mut server = mockito::Server::new_async().await;
    let page = |n: u64| {
        let next = (n < 5).then(|| format!("http://h/api/tags/?page={}&page_size=2", n + 1));
        page_json(10, next.as_deref(), None, tags(n * 2 - 1..=n * 2))
    };
    let _p1 = server
        .mock("GET", "/api/tags/?page_size=2")
        .with_header("content-type", "application/json")
        .with_body(page(1))
        .create_async()
        .await;
    let _p2 = server
        .mock("GET", "/api/tags/?page_size=2&page=2")
        .with_header("content-type", "application/json")
        .with_body(page(2))
        .create_async()
        .await;
    let _p3 = server
        .mock("GET", "/api/tags/?page_size=2&page=3")
        .with_status(500)
        .with_header("content-type", "text/html; charset=utf-8")
        .with_body("<!doctype html><html><head><title>Server Error (500)</title></head><body><h1>Server Error (500)</h1></body></html>")
        .create_async()
        .await;
    let _p4 = server
        .mock("GET", "/api/tags/?page_size=2&page=4")
        .with_header("content-type", "application/json")
        .with_body(page(4))
        .create_async()
        .await;
    let _p5 = server
        .mock("GET", "/api/tags/?page_size=2&page=5")
        .with_header("content-type", "application/json")
        .with_body(page(5))
        .create_async()
        .await;
    let tags = client(&server.url()).endpoint::<Tags>();

    let results: Vec<_> = tags.list().page_size(2).stream().collect().await;

    let ok: Vec<String> = results
        .iter()
        .take_while(|r| r.is_ok())
        .map(|r| r.as_ref().unwrap().name.clone())
        .collect();
    assert_eq!(ok, ["Tag 1", "Tag 2", "Tag 3", "Tag 4"]);
    assert_eq!(results.len(), 5, "the error is the last item: {results:?}");
    let err = results[4].as_ref().unwrap_err();
    assert_eq!(err.status(), Some(http::StatusCode::INTERNAL_SERVER_ERROR));
    assert_eq!(err.as_api().unwrap().path(), "/api/tags/");
}

#[tokio::test]
async fn a_list_that_shrinks_while_read_ends_where_the_server_says() {
    let mut server = mockito::Server::new_async().await;
    let _p1 = server
        .mock("GET", "/api/tags/?page_size=2")
        .with_header("content-type", "application/json")
        .with_body(page_json(
            6,
            Some("http://h/api/tags/?page=2&page_size=2"),
            None,
            tags(1..=2),
        ))
        .create_async()
        .await;
    // Two tags were deleted meanwhile: page 2 is now the last one.
    let _p2 = server
        .mock("GET", "/api/tags/?page_size=2&page=2")
        .with_header("content-type", "application/json")
        .with_body(page_json(
            4,
            None,
            Some("http://h/api/tags/?page_size=2"),
            tags(3..=4),
        ))
        .create_async()
        .await;
    let p3 = server
        .mock("GET", "/api/tags/?page_size=2&page=3")
        .with_status(404)
        .with_header("content-type", "application/json")
        .with_body(r#"{"detail": "Invalid page."}"#)
        .expect_at_most(1)
        .create_async()
        .await;
    let tags = client(&server.url()).endpoint::<Tags>();

    let all: Vec<_> = tags
        .list()
        .page_size(2)
        .stream()
        .try_collect()
        .await
        .unwrap();

    assert_eq!(names(&all), ["Tag 1", "Tag 2", "Tag 3", "Tag 4"]);
    p3.assert_async().await;
}

#[tokio::test]
async fn a_list_that_grows_while_read_is_followed_to_its_new_end() {
    let mut server = mockito::Server::new_async().await;
    let _p1 = server
        .mock("GET", "/api/tags/?page_size=2")
        .with_header("content-type", "application/json")
        .with_body(page_json(
            4,
            Some("http://h/api/tags/?page=2&page_size=2"),
            None,
            tags(1..=2),
        ))
        .create_async()
        .await;
    let _p2 = server
        .mock("GET", "/api/tags/?page_size=2&page=2")
        .with_header("content-type", "application/json")
        .with_body(page_json(
            5,
            Some("http://h/api/tags/?page=3&page_size=2"),
            None,
            tags(3..=4),
        ))
        .create_async()
        .await;
    let p3 = server
        .mock("GET", "/api/tags/?page=3&page_size=2")
        .with_header("content-type", "application/json")
        .with_body(page_json(5, None, None, tags(5..=5)))
        .expect(1)
        .create_async()
        .await;
    let tags = client(&server.url()).endpoint::<Tags>();

    let pages: Vec<_> = tags
        .list()
        .page_size(2)
        .pages()
        .try_collect()
        .await
        .unwrap();

    assert_eq!(
        pages.iter().map(|p| p.number()).collect::<Vec<_>>(),
        [1, 2, 3]
    );
    assert_eq!(pages.iter().map(|p| p.items().len()).sum::<usize>(), 5);
    p3.assert_async().await;
}

#[tokio::test]
async fn ids_asks_for_id_only_pages_and_collects_every_page() {
    let mut server = mockito::Server::new_async().await;
    let p1 = json_mock(
        &mut server,
        "/api/tags/?name__icontains=a&page_size=2&fields=id",
        page_json(
            3,
            Some("http://h/api/tags/?fields=id&name__icontains=a&page=2&page_size=2"),
            None,
            vec![json!({"id": 3}), json!({"id": 7})],
        ),
        1,
    )
    .await;
    let p2 = server
        .mock(
            "GET",
            "/api/tags/?name__icontains=a&page_size=2&fields=id&page=2",
        )
        .with_header("content-type", "application/json")
        .with_body(page_json(3, None, None, vec![json!({"id": 9})]))
        .expect(1)
        .create_async()
        .await;
    let client = builder(&server.url()).ids_page_size(2).build().unwrap();

    // A page set on the list does not restrict ids().
    let ids = client
        .endpoint::<Tags>()
        .list()
        .name_icontains("a")
        .page(3)
        .ids()
        .await
        .unwrap();

    assert_eq!(ids, [TagId(3), TagId(7), TagId(9)]);
    p1.assert_async().await;
    p2.assert_async().await;
}

#[tokio::test]
async fn ids_uses_the_all_field_of_api_v9_in_one_request() {
    let mut server = mockito::Server::new_async().await;
    let p1 = json_mock(
        &mut server,
        "/api/tags/?page_size=100000&fields=id",
        json!({
            "count": 4,
            "next": "http://h/api/tags/?fields=id&page=2&page_size=100000",
            "previous": null,
            "all": [3, 7, 9, 1],
            "results": [{"id": 3}, {"id": 7}],
        })
        .to_string(),
        1,
    )
    .await;
    let p2 = server
        .mock("GET", Matcher::Any)
        .expect(0)
        .create_async()
        .await;
    let tags = client(&server.url()).endpoint::<Tags>();

    assert_eq!(
        tags.ids().await.unwrap(),
        [TagId(3), TagId(7), TagId(9), TagId(1)]
    );
    p1.assert_async().await;
    p2.assert_async().await;
}

#[tokio::test]
async fn count_asks_for_one_id_only_object() {
    let mut server = mockito::Server::new_async().await;
    let mock = json_mock(
        &mut server,
        "/api/tags/?owner__isnull=true&page_size=1&fields=id",
        page_json(
            42,
            Some("http://h/api/tags/?fields=id&owner__isnull=true&page=2&page_size=1"),
            None,
            vec![json!({"id": 5})],
        ),
        1,
    )
    .await;
    let tags = client(&server.url()).endpoint::<Tags>();

    assert_eq!(tags.list().owner_isnull(true).count().await.unwrap(), 42);
    mock.assert_async().await;
}

#[tokio::test]
async fn refused_input_sends_nothing() {
    let mut server = mockito::Server::new_async().await;
    let none = server
        .mock("GET", Matcher::Any)
        .expect(0)
        .create_async()
        .await;
    let tags = client(&server.url()).endpoint::<Tags>();

    let err = tags
        .list()
        .id_in(Vec::<u64>::new())
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Invalid(_)), "{err:?}");
    let err = tags
        .list()
        .page(0)
        .stream()
        .next()
        .await
        .unwrap()
        .unwrap_err();
    assert!(matches!(err, Error::Invalid(_)), "{err:?}");
    let err = tags
        .list()
        .owner_id_in(Vec::<u64>::new())
        .ids()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Invalid(_)), "{err:?}");
    none.assert_async().await;
}

#[tokio::test]
async fn an_unusable_next_link_ends_the_stream_with_an_error() {
    let mut server = mockito::Server::new_async().await;
    let _first = server
        .mock("GET", "/api/documents/")
        .with_header("content-type", "application/json")
        .with_body(page_json(
            9,
            Some("not a link"),
            None,
            vec![json!({"id": 1})],
        ))
        .create_async()
        .await;
    let docs = client(&server.url()).endpoint::<Documents>();

    let pages: Vec<_> = docs.pages().collect().await;

    assert_eq!(pages.len(), 2);
    assert_eq!(pages[0].as_ref().unwrap().items().len(), 1);
    let Err(Error::Pagination(p)) = &pages[1] else {
        panic!("expected a pagination error, got {:?}", pages[1])
    };
    assert_eq!(p.problem(), PaginationProblem::UnusableLink);
    insta::assert_snapshot!("pagination_unusable_link", p);
}

#[tokio::test]
async fn page_numbers_at_the_top_of_u64_do_not_overflow() {
    // A server whose `next` names page u64::MAX, and whose page there links on without a number.
    let mut server = mockito::Server::new_async().await;
    let first = server
        .mock("GET", "/api/documents/")
        .with_header("content-type", "application/json")
        .with_body(page_json(
            3,
            Some("http://h/api/documents/?page=18446744073709551615"),
            None,
            vec![json!({"id": 1})],
        ))
        .expect(1)
        .create_async()
        .await;
    let last_number = json_mock(
        &mut server,
        "/api/documents/?page=18446744073709551615",
        page_json(
            3,
            Some("http://h/api/documents/?cursor=z"),
            None,
            vec![json!({"id": 2})],
        ),
        2,
    )
    .await;
    let cursor = json_mock(
        &mut server,
        "/api/documents/?cursor=z",
        page_json(3, None, None, vec![json!({"id": 3})]),
        1,
    )
    .await;
    let docs = client(&server.url()).endpoint::<Documents>();

    let pages: Vec<_> = docs.pages().try_collect().await.unwrap();
    assert_eq!(
        pages.iter().map(|p| p.number()).collect::<Vec<_>>(),
        [1, u64::MAX, u64::MAX]
    );
    assert_eq!(
        pages.iter().map(|p| p.next_page()).collect::<Vec<_>>(),
        [Some(2), None, None]
    );
    let ids: Vec<u64> = pages
        .into_iter()
        .flatten()
        .map(|d| d["id"].as_u64().unwrap())
        .collect();
    assert_eq!(ids, [1, 2, 3]);

    // The same page asked for by the user.
    let page = docs.list().page(u64::MAX).send().await.unwrap();
    assert_eq!((page.number(), page.next_page()), (u64::MAX, None));
    first.assert_async().await;
    last_number.assert_async().await;
    cursor.assert_async().await;
}

#[test]
fn a_list_prints_its_parameter_names_but_not_their_values() {
    let docs = client("http://localhost:8000").endpoint::<Documents>();
    let list = docs.list().param("query", "salary Jane Doe").page_size(10);
    assert_eq!(
        format!("{list:?}"),
        r#"List { resource: "documents", params: ["query", "page_size"], concurrency: 8, invalid: None }"#
    );
}

/// A mockito mock answering `GET path` with a JSON `body`, expected `hits` times.
async fn json_mock(
    server: &mut mockito::ServerGuard,
    path: &str,
    body: impl ToString,
    hits: usize,
) -> mockito::Mock {
    server
        .mock("GET", path)
        .with_header("content-type", "application/json")
        .with_body(body.to_string())
        .expect(hits)
        .create_async()
        .await
}
