//! The test server as Paperless-ngx 2.20.15 (`TestServerBuilder::paperless_2_20`): where its
//! answers differ from 3.0.5, as the 2.20 captures and `DIFF_VS_3.md` record them.

use paperless_testkit::TestServer;
use serde_json::json;

use crate::support::{Http, multipart};

async fn server_2x() -> TestServer {
    TestServer::builder()
        .paperless_2_20()
        .demo()
        .start()
        .await
        .unwrap()
}

#[tokio::test]
async fn versions_headers_and_the_3x_only_routes() {
    let server = server_2x().await;
    let http = Http::new(server.url());
    let auth = |accept: &str| {
        vec![
            ("authorization", format!("Token {}", server.token())),
            ("accept", accept.to_owned()),
        ]
    };
    let v10 = http
        .send(
            "GET",
            "/api/tags/",
            &auth("application/json; version=10"),
            None,
        )
        .await;
    assert_eq!(v10.status, 406);
    assert_eq!(
        v10.json(),
        json!({"detail": "Invalid version in \"Accept\" header."})
    );
    let v1 = http
        .send(
            "GET",
            "/api/tags/",
            &auth("application/json; version=1"),
            None,
        )
        .await;
    assert_eq!(v1.status, 200);
    assert_eq!(v1.header("x-version"), Some("2.20.15"));
    assert_eq!(v1.header("x-api-version"), Some("9"));
    // No version: the newest, 9, whose pages carry `all`.
    let page = http
        .get(server.token(), "/api/tags/?page_size=1")
        .await
        .json();
    assert!(page["all"].is_array());

    // 3.x document operations are matched as `documents/{id}/`; other 3.x routes fall through
    // to the login page.
    let rotate = http
        .json(
            server.token(),
            "POST",
            "/api/documents/rotate/",
            &json!({"documents": [1]}),
        )
        .await;
    assert_eq!(rotate.status, 405);
    assert_eq!(
        rotate.json(),
        json!({"detail": "Method \"POST\" not allowed."})
    );
    for path in ["/api/documents/1/root/", "/api/share_link_bundles/"] {
        let answer = http.get(server.token(), path).await;
        assert_eq!(answer.status, 302, "{path}");
        assert_eq!(
            answer.header("location"),
            Some(format!("/accounts/login/?next={path}").as_str())
        );
    }
}

#[tokio::test]
async fn documents_have_no_3x_keys_and_md5_checksums() {
    let server = server_2x().await;
    let http = Http::new(server.url());
    let list = http
        .get(server.token(), "/api/documents/?page_size=1")
        .await
        .json();
    let id = list["results"][0]["id"].as_u64().unwrap();
    for key in ["versions", "root_document", "duplicate_documents"] {
        assert!(list["results"][0].get(key).is_none(), "{key}");
    }
    let doc = http
        .get(server.token(), &format!("/api/documents/{id}/"))
        .await
        .json();
    for key in ["versions", "root_document", "duplicate_documents"] {
        assert!(doc.get(key).is_none(), "{key}");
    }
    assert!(doc.get("title").is_some());
    let meta = http
        .get(server.token(), &format!("/api/documents/{id}/metadata/"))
        .await
        .json();
    let checksum = meta["original_checksum"].as_str().unwrap();
    assert_eq!(checksum.len(), 32, "{checksum}");
}

#[tokio::test]
async fn uploads_leave_legacy_tasks_and_duplicates_fail() {
    let server = server_2x().await;
    let http = Http::new(server.url());
    let auth = [("authorization", format!("Token {}", server.token()))];
    let upload = |name: &'static str| {
        let (content_type, body) = multipart(
            &[("title", "Receipt")],
            Some((name, "text/plain", b"a 2.x receipt")),
        );
        let http = http.clone();
        let auth = auth.clone();
        async move {
            let answer = http
                .send(
                    "POST",
                    "/api/documents/post_document/",
                    &auth,
                    Some((&content_type, body)),
                )
                .await;
            assert_eq!(answer.status, 200);
            answer.json().as_str().unwrap().to_owned()
        }
    };
    let first = upload("receipt.txt").await;
    let tasks = http
        .get(server.token(), &format!("/api/tasks/?task_id={first}"))
        .await
        .json();
    let task = &tasks[0];
    assert_eq!(task["type"], "auto_task");
    assert_eq!(task["status"], "SUCCESS");
    assert_eq!(task["task_name"], "consume_file");
    let id = task["related_document"]
        .as_str()
        .unwrap()
        .parse::<u64>()
        .unwrap();
    assert!(task.get("duplicate_documents").is_none());
    assert_eq!(
        task["result"],
        json!(format!("Success. New document id {id} created"))
    );

    let second = upload("again.txt").await;
    let tasks = http
        .get(server.token(), &format!("/api/tasks/?task_id={second}"))
        .await
        .json();
    let task = &tasks[0];
    assert_eq!(task["status"], "FAILURE");
    assert_eq!(task["related_document"], json!(id.to_string()));
    assert_eq!(
        task["result"],
        json!(format!(
            "again.txt: Not consuming again.txt: It is a duplicate of Receipt (#{id})."
        ))
    );

    // The status filter takes 2.x's upper-case states only; task_type is ignored.
    let bad = http.get(server.token(), "/api/tasks/?status=failure").await;
    assert_eq!(bad.status, 400);
    assert_eq!(
        bad.json(),
        json!({"status": ["Select a valid choice. failure is not one of the available choices."]})
    );
    let failed = http
        .get(server.token(), "/api/tasks/?status=FAILURE")
        .await
        .json();
    assert_eq!(failed.as_array().unwrap().len(), 1);
    let all = http.get(server.token(), "/api/tasks/").await.json();
    let typed = http
        .get(server.token(), "/api/tasks/?task_type=train_classifier")
        .await
        .json();
    assert_eq!(all, typed);
}

#[tokio::test]
async fn tasks_run_takes_the_2x_body_and_answers_the_result() {
    let server = server_2x().await;
    let http = Http::new(server.url());
    let run = |body: serde_json::Value| {
        let http = http.clone();
        let token = server.token().to_owned();
        async move { http.json(&token, "POST", "/api/tasks/run/", &body).await }
    };
    let done = run(json!({"task_name": "check_sanity"})).await;
    assert_eq!(done.status, 200);
    assert_eq!(done.json(), json!({"result": "No issues detected."}));
    let done = run(json!({"task_name": "train_classifier"})).await;
    assert_eq!(done.json(), json!({"result": null}));
    let refused = run(json!({"task_type": "train_classifier"})).await;
    assert_eq!(refused.status, 400);
    assert_eq!(
        refused.json(),
        json!({"task_name": ["This field is required."]})
    );
}
