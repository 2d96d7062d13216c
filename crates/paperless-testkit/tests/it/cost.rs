//! The cost model ([`ServerCost`]): requests beyond the worker count wait their turn, first come
//! first served, and every answer takes its modelled time. On tokio's paused clock, so the
//! modelled seconds pass instantly and the tests assert the model, not the machine's speed.

use std::time::Duration;

use futures_util::future::join_all;
use paperless_testkit::{Load, ServerCost, TestServer};
use tokio::time::Instant;

use crate::support::Http;

const MS: Duration = Duration::from_millis(1);

async fn server(documents: usize, cost: ServerCost) -> TestServer {
    TestServer::builder()
        .seed_documents(documents)
        .cost(cost)
        .start()
        .await
        .unwrap()
}

/// Waits (a bounded number of steps) until the server has received `n` requests.
async fn arrived(server: &TestServer, n: u64) {
    for _ in 0..10_000 {
        if server.request_count() >= n {
            return;
        }
        tokio::task::yield_now().await;
    }
    panic!(
        "the server received {} requests, not {n}",
        server.request_count()
    );
}

#[tokio::test(start_paused = true)]
async fn requests_beyond_the_workers_wait_and_each_costs_its_time() {
    let cost = ServerCost::free().per_request(100 * MS).workers(2);
    let server = server(0, cost).await;
    let http = Http::new(server.url());
    let started = Instant::now();

    let answers = join_all((0..6).map(|_| {
        let http = http.clone();
        let token = server.token().to_owned();
        async move {
            let answer = http.get(&token, "/api/ui_settings/").await;
            (answer.status, started.elapsed())
        }
    }))
    .await;

    assert!(answers.iter().all(|(status, _)| *status == 200));
    let mut done: Vec<Duration> = answers.iter().map(|(_, at)| *at).collect();
    done.sort();
    // Two at a time, 100 ms each: answers at 100, 100, 200, 200, 300, 300 ms at the earliest.
    for (i, at) in done.iter().enumerate() {
        let round = u32::try_from(i / 2 + 1).unwrap();
        assert!(*at >= round * 100 * MS, "answer {i} after {at:?}");
    }
    let load = server.load();
    assert_eq!(load.peak_working, 2, "{load:?}");
    assert!(load.peak_in_flight > 2, "{load:?}");
    assert!(load.queued >= 1, "{load:?}");
}

#[tokio::test(start_paused = true)]
async fn queued_requests_are_served_in_arrival_order() {
    // One worker: a cheap request that arrives later still waits for the costly one before it.
    let cost = ServerCost::free()
        .per_request(10 * MS)
        .per_object(MS)
        .workers(1);
    let server = server(60, cost).await;
    let http = Http::new(server.url());
    let sizes = [50, 1, 20, 1];
    let mut calls = Vec::new();
    for (i, size) in sizes.into_iter().enumerate() {
        let http = http.clone();
        let token = server.token().to_owned();
        calls.push(tokio::spawn(async move {
            http.get(
                &token,
                &format!("/api/documents/?page_size={size}&fields=id"),
            )
            .await
            .status
        }));
        arrived(&server, i as u64 + 1).await;
    }
    for call in calls {
        assert_eq!(call.await.unwrap(), 200);
    }

    // The log is in the order the answers were ready.
    let answered: Vec<String> = server.requests().iter().map(|r| r.query.clone()).collect();
    let sent: Vec<String> = sizes
        .iter()
        .map(|size| format!("page_size={size}&fields=id"))
        .collect();
    assert_eq!(answered, sent);
    assert_eq!(server.load().peak_working, 1);
    assert_eq!(server.load().queued, 3);
}

#[tokio::test(start_paused = true)]
async fn without_a_worker_limit_a_cheap_request_overtakes_a_costly_one() {
    // The contrast to the test above: the order there comes from the queue.
    let cost = ServerCost::free().per_request(10 * MS).per_object(MS);
    let server = server(60, cost).await;
    let http = Http::new(server.url());
    let token = server.token().to_owned();
    let slow = tokio::spawn({
        let (http, token) = (http.clone(), token.clone());
        async move {
            http.get(&token, "/api/documents/?page_size=50")
                .await
                .status
        }
    });
    arrived(&server, 1).await;
    assert_eq!(
        http.get(&token, "/api/documents/?page_size=1").await.status,
        200
    );
    assert_eq!(slow.await.unwrap(), 200);

    let answered: Vec<String> = server.requests().iter().map(|r| r.query.clone()).collect();
    assert_eq!(answered, ["page_size=1", "page_size=50"]);
    assert_eq!(server.load().peak_working, 2);
    assert_eq!(server.load().queued, 0);
}

#[tokio::test(start_paused = true)]
async fn a_list_page_costs_the_fixed_part_plus_each_object() {
    let server = server(300, ServerCost::paperless_ngx_3_0_5()).await;
    let http = Http::new(server.url());
    let token = server.token();

    for (target, objects) in [
        ("/api/documents/?page_size=150", 150),
        ("/api/documents/?page_size=150&page=2&fields=id", 150),
        ("/api/documents/", 25),
        ("/api/documents/7/", 1),
        ("/api/documents/7/download/", 0),
    ] {
        let started = Instant::now();
        let answer = http.get(token, target).await;
        let took = started.elapsed();
        assert_eq!(answer.status, 200, "{target}");
        let modelled = 100 * MS + objects * Duration::from_micros(900);
        assert!(
            took >= modelled,
            "{target}: {took:?}, modelled {modelled:?}"
        );
    }
}

#[tokio::test]
async fn the_default_server_costs_nothing_and_counts_its_load() {
    let server = server(10, ServerCost::default()).await;
    let http = Http::new(server.url());
    assert_eq!(server.load(), Load::default());
    let answers = join_all((0..4).map(|_| http.get(server.token(), "/api/documents/"))).await;
    assert!(answers.iter().all(|a| a.status == 200));
    let load = server.load();
    assert!(
        load.peak_in_flight >= 1 && load.peak_in_flight <= 4,
        "{load:?}"
    );
    assert_eq!(load.queued, 0);
}
