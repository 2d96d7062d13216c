//! The real `paperless` binary against the test server over a socket: the exact requests (the
//! server's request log) and the exact output (insta snapshots).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use paperless_client::types::DocumentId;
use paperless_client::types::document::DocumentPatch;
use paperless_testkit::{Fault, Route, TestServer};

/// The binary with the server's address and token, API version 10 (no negotiation probe in the
/// logs), no colours, and a config file of its own.
fn paperless(server: &TestServer, config: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_paperless"));
    cmd.env_clear()
        .env("PAPERLESS_URL", server.url())
        .env("PAPERLESS_TOKEN", server.token())
        .env("PAPERLESS_API_VERSION", "10")
        .env("PAPERLESS_CONFIG", config)
        .env("NO_COLOR", "1");
    cmd
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(cmd: &mut Command, args: &[&str]) -> Run {
    let Output {
        status,
        stdout,
        stderr,
    } = cmd.args(args).output().unwrap();
    Run {
        code: status.code().unwrap_or(-1),
        stdout: String::from_utf8(stdout).unwrap(),
        stderr: String::from_utf8(stderr).unwrap(),
    }
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("paperless-ctl-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `METHOD target status` of each request since the last call.
fn log(server: &TestServer) -> Vec<String> {
    server
        .take_requests()
        .iter()
        .map(|r| format!("{r} {}", r.status))
        .collect()
}

async fn demo() -> (TestServer, PathBuf) {
    let server = TestServer::demo().await.unwrap();
    let _ = server.take_requests();
    // A config directory of each test's own: the tests of this file run at once.
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    (server, temp_dir(&format!("config{n}")).join("config.toml"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn documents_list_table_resolves_names_with_one_request_per_kind() {
    let (server, config) = demo().await;
    let out = run(
        &mut paperless(&server, &config),
        &[
            "documents",
            "list",
            "--tag",
            "Finance",
            "--sort",
            "created",
            "--limit",
            "6",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!("documents_list_table", out.stdout);
    assert_eq!(
        log(&server),
        [
            "GET /api/tags/ 200",
            "GET /api/documents/?tags__id__all=3&ordering=created&page_size=6 200",
            "GET /api/correspondents/ 200",
            "GET /api/document_types/ 200",
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn json_and_ndjson_with_fields() {
    let (server, config) = demo().await;
    let args = [
        "documents",
        "list",
        "--type",
        "Invoice",
        "--limit",
        "3",
        "--fields",
        "id,title,tags",
    ];
    let json = run(
        &mut paperless(&server, &config),
        &[&args[..], &["-o", "json"]].concat(),
    );
    assert_eq!(json.code, 0, "{}", json.stderr);
    insta::assert_snapshot!("documents_list_json", json.stdout);
    let ndjson = run(
        &mut paperless(&server, &config),
        &[&args[..], &["-o", "ndjson"]].concat(),
    );
    insta::assert_snapshot!("documents_list_ndjson", ndjson.stdout);
    // Each line is one object; the JSON document is the same objects in an array.
    let lines: Vec<serde_json::Value> = ndjson
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let array: Vec<serde_json::Value> = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(lines, array);
    let csv = run(
        &mut paperless(&server, &config),
        &["tags", "list", "-o", "csv", "--name", "a"],
    );
    insta::assert_snapshot!("tags_list_csv", csv.stdout);
    let md = run(
        &mut paperless(&server, &config),
        &["storage-paths", "list", "-o", "markdown"],
    );
    insta::assert_snapshot!("storage_paths_markdown", md.stdout);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn show_and_content_and_objects() {
    let (server, config) = demo().await;
    let show = run(
        &mut paperless(&server, &config),
        &[
            "documents",
            "show",
            "7",
            "--fields",
            "id,title,correspondent,tags,custom_fields",
        ],
    );
    assert_eq!(show.code, 0, "{}", show.stderr);
    insta::assert_snapshot!("documents_show", show.stdout);
    let content = run(
        &mut paperless(&server, &config),
        &["documents", "content", "7"],
    );
    assert!(content.stdout.contains("Telekom"), "{}", content.stdout);
    let _ = log(&server);
    let created = run(
        &mut paperless(&server, &config),
        &[
            "tags",
            "create",
            "Receipts",
            "--json",
            r##"{"color": "#ff0000"}"##,
            "-o",
            "json",
        ],
    );
    assert_eq!(created.code, 0, "{}", created.stderr);
    let tag: serde_json::Value = serde_json::from_str(&created.stdout).unwrap();
    assert_eq!(tag["color"], "#ff0000");
    let edit = run(
        &mut paperless(&server, &config),
        &["tags", "edit", "Receipts", "--name", "Bills"],
    );
    assert_eq!(edit.code, 0, "{}", edit.stderr);
    let delete = run(
        &mut paperless(&server, &config),
        &["tags", "delete", "Bills", "--yes"],
    );
    assert_eq!(delete.code, 0, "{}", delete.stderr);
    let id = tag["id"].as_u64().unwrap();
    let requests = server.take_requests();
    let lines: Vec<String> = requests
        .iter()
        .map(|r| format!("{r} {}", r.status))
        .collect();
    assert_eq!(
        lines,
        [
            "POST /api/tags/ 201".to_owned(),
            "GET /api/tags/?name__iexact=Receipts 200".to_owned(),
            format!("PATCH /api/tags/{id}/ 200"),
            "GET /api/tags/?name__iexact=Bills 200".to_owned(),
            format!("DELETE /api/tags/{id}/ 204"),
        ]
    );
    assert_eq!(
        requests[0].json().unwrap(),
        serde_json::json!({"name": "Receipts", "color": "#ff0000"})
    );
    assert_eq!(
        requests[2].json().unwrap(),
        serde_json::json!({"name": "Bills"})
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn edit_sends_exactly_what_changed() {
    let (server, config) = demo().await;
    let out = run(
        &mut paperless(&server, &config),
        &[
            "documents",
            "edit",
            "7",
            "--title",
            "Phone bill",
            "--add-tag",
            "Finance",
            "--remove-tag",
            "Inbox",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let requests = server.take_requests();
    let last = requests.last().unwrap();
    assert_eq!(last.to_string(), "PATCH /api/documents/7/");
    assert_eq!(
        last.json().unwrap(),
        serde_json::json!({"title": "Phone bill", "tags": [2, 3]})
    );
    assert_eq!(
        server.document(7).unwrap().title.as_deref(),
        Some("Phone bill")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn upload_reports_consumed_duplicate_skipped_and_failed() {
    let (server, config) = demo().await;
    let dir = temp_dir("upload");
    std::fs::write(dir.join("a.txt"), "A new letter about the garden fence.").unwrap();
    std::fs::write(dir.join("b.txt"), "Another letter about the roof.").unwrap();

    let first = run(
        &mut paperless(&server, &config),
        &["upload", "--wait", "-j", "1", "-r", dir.to_str().unwrap()],
    );
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert!(
        first.stdout.contains("a.txt: document 37 \"a\""),
        "{}",
        first.stdout
    );
    assert!(
        first.stdout.contains("b.txt: document 38 \"b\""),
        "{}",
        first.stdout
    );
    assert_eq!(
        first.stderr,
        "2 consumed, 0 duplicate, 0 failed, 0 skipped\n"
    );
    let _ = log(&server);

    // The same files again: the server consumes them and names the originals as duplicates.
    let again = run(
        &mut paperless(&server, &config),
        &["upload", "--wait", dir.join("a.txt").to_str().unwrap()],
    );
    assert_eq!(again.code, 7);
    assert!(
        again.stdout.contains("a.txt: duplicate of document 37"),
        "{}",
        again.stdout
    );
    assert_eq!(
        again.stderr,
        "error: 0 consumed, 1 duplicate, 0 failed, 0 skipped\n"
    );
    let _ = log(&server);

    // --skip-existing: one checksum lookup per file, no upload.
    let skip = run(
        &mut paperless(&server, &config),
        &[
            "upload",
            "--wait",
            "--skip-existing",
            dir.join("b.txt").to_str().unwrap(),
        ],
    );
    assert_eq!(skip.code, 0, "{}", skip.stderr);
    assert!(
        skip.stdout
            .contains("b.txt: skipped, already on the server as document 38")
    );
    let requests = log(&server);
    assert_eq!(requests.len(), 1);
    assert!(
        requests[0].starts_with("GET /api/documents/?checksum__iexact="),
        "{requests:?}"
    );

    // A failing upload: reported, exit code 7, the others still done.
    std::fs::write(dir.join("c.txt"), "A third letter.").unwrap();
    let fault = server.inject(
        Route::post("/api/documents/post_document/"),
        Fault::status(500).times(1),
    );
    let failed = run(
        &mut paperless(&server, &config),
        &[
            "upload",
            "--wait",
            "-j",
            "1",
            dir.join("c.txt").to_str().unwrap(),
        ],
    );
    drop(fault);
    assert_eq!(failed.code, 7);
    assert!(
        failed
            .stdout
            .contains("c.txt: failed: POST /api/documents/post_document/ returned 500"),
        "{}",
        failed.stdout
    );
    assert_eq!(
        failed.stderr,
        "error: 0 consumed, 0 duplicate, 1 failed, 0 skipped\n"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn download_keeps_hostile_names_inside_the_directory() {
    let (server, config) = demo().await;
    let client = paperless_client::Paperless::builder(server.url())
        .token(server.token())
        .build()
        .unwrap();
    let hostile = format!("../../x\u{0}{}", "a".repeat(300));
    let mut patch = DocumentPatch::default();
    patch.title = Some(hostile);
    client
        .documents()
        .update(DocumentId(7), &patch)
        .await
        .unwrap();
    let root = temp_dir("download");
    let dir = root.join("out");
    for _ in 0..2 {
        let out = run(
            &mut paperless(&server, &config),
            &["download", "7", "-O", dir.to_str().unwrap()],
        );
        assert_eq!(out.code, 0, "{}", out.stderr);
    }
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 2, "{names:?}");
    for name in &names {
        assert!(
            !name.contains('/') && !name.contains('\0') && !name.starts_with('.'),
            "{name}"
        );
        assert!(name.len() <= 200, "{}", name.len());
        assert!(name.ends_with(".txt"), "{name}");
        assert_eq!(
            std::fs::read(dir.join(name)).unwrap(),
            server.file(7).unwrap().as_ref()
        );
    }
    // No clobbering: the second download got a suffix.
    assert!(names.iter().any(|n| n.contains(" (1).txt")), "{names:?}");
    // Nothing outside DIR.
    let outside: Vec<_> = std::fs::read_dir(&root).unwrap().collect();
    assert_eq!(outside.len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn errors_have_one_line_and_an_exit_code_per_class() {
    let (server, config) = demo().await;
    let missing = run(
        &mut paperless(&server, &config),
        &["documents", "show", "999"],
    );
    assert_eq!(missing.code, 4);
    assert_eq!(missing.stderr.lines().count(), 1, "{}", missing.stderr);
    assert!(
        missing
            .stderr
            .starts_with("error: GET /api/documents/999/ returned 404"),
        "{}",
        missing.stderr
    );

    let auth = run(
        paperless(&server, &config).env("PAPERLESS_TOKEN", "wrong"),
        &["tags", "list"],
    );
    assert_eq!(auth.code, 3, "{}", auth.stderr);

    let closed = run(
        paperless(&server, &config).env("PAPERLESS_URL", "http://127.0.0.1:9"),
        &["tags", "list", "-v"],
    );
    assert_eq!(closed.code, 6, "{}", closed.stderr);
    assert!(
        closed.stderr.lines().count() >= 2,
        "the cause chain with -v: {}",
        closed.stderr
    );

    let usage = run(
        &mut paperless(&server, &config),
        &["documents", "show", "x"],
    );
    assert_eq!(usage.code, 2);

    let unconfigured = run(
        paperless(&server, &config)
            .env_remove("PAPERLESS_URL")
            .env_remove("PAPERLESS_TOKEN"),
        &["tags", "list"],
    );
    assert_eq!(unconfigured.code, 2);
    assert!(
        unconfigured.stderr.contains("paperless login"),
        "{}",
        unconfigured.stderr
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn login_stores_a_private_profile_that_later_commands_use() {
    let (server, config) = demo().await;
    let login = run(
        paperless(&server, &config)
            .env_remove("PAPERLESS_URL")
            .env_remove("PAPERLESS_TOKEN"),
        &[
            "login",
            "--profile",
            "home",
            "--url",
            server.url(),
            "--token",
            server.token(),
        ],
    );
    assert_eq!(login.code, 0, "{}", login.stderr);
    assert!(
        login
            .stdout
            .starts_with("logged in to Paperless-ngx 3.0.5 as profile 'home'")
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&config).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let text = std::fs::read_to_string(&config).unwrap();
    assert!(
        text.contains("[profiles.home]") && text.contains("default = \"home\""),
        "{text}"
    );
    let tags = run(
        paperless(&server, &config)
            .env_remove("PAPERLESS_URL")
            .env_remove("PAPERLESS_TOKEN"),
        &[
            "tags", "list", "-o", "csv", "--fields", "name", "--name", "tax",
        ],
    );
    assert_eq!(tags.code, 0, "{}", tags.stderr);
    assert_eq!(tags.stdout, "name\nTax 2024\n");
    let logout = run(&mut paperless(&server, &config), &["logout"]);
    assert_eq!(logout.stdout, "logged out of profile 'home'\n");
    assert!(!std::fs::read_to_string(&config).unwrap().contains("home"));
}

#[test]
fn completions_and_demo_need_no_server() {
    let out = Command::new(env!("CARGO_BIN_EXE_paperless"))
        .args(["completions", "bash"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("paperless"));
    let demo = Command::new(env!("CARGO_BIN_EXE_paperless"))
        .env_clear()
        .args([
            "--demo", "tags", "list", "-o", "csv", "--fields", "id,name", "--name", "inb",
        ])
        .output()
        .unwrap();
    assert!(demo.status.success());
    assert_eq!(String::from_utf8_lossy(&demo.stdout), "id,name\n1,Inbox\n");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn export_is_incremental_and_verifies_checksums() {
    let (server, config) = demo().await;
    let dir = temp_dir("export");
    let d = dir.to_str().unwrap();
    let first = run(
        &mut paperless(&server, &config),
        &["export", d, "--tag", "Health"],
    );
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert!(first.stderr.starts_with("3 fetched ("), "{}", first.stderr);
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("manifest.json")).unwrap()).unwrap();
    let ids: Vec<&String> = manifest["documents"].as_object().unwrap().keys().collect();
    assert_eq!(ids, ["16", "17", "18"]);
    let sidecar: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("18/document.json")).unwrap()).unwrap();
    assert_eq!(
        sidecar["correspondent"],
        "Dr. Maria Schmidt Dental Practice"
    );
    assert_eq!(
        std::fs::read(dir.join("18/original.txt")).unwrap(),
        server.file(18).unwrap().as_ref()
    );
    let _ = log(&server);

    // Nothing changed: nothing but the list is fetched.
    let second = run(
        &mut paperless(&server, &config),
        &["export", d, "--tag", "Health"],
    );
    assert_eq!(second.code, 0, "{}", second.stderr);
    assert!(
        second.stderr.starts_with("0 fetched (0 bytes"),
        "{}",
        second.stderr
    );
    assert!(
        second.stderr.contains("3 unchanged, 0 removed, 0 failed"),
        "{}",
        second.stderr
    );
    assert_eq!(
        log(&server),
        [
            "GET /api/tags/ 200",
            "GET /api/documents/?tags__id__all=7 200"
        ]
    );

    // A changed document and a damaged file are fetched again; nothing else is.
    let client = paperless_client::Paperless::builder(server.url())
        .token(server.token())
        .build()
        .unwrap();
    let mut patch = DocumentPatch::default();
    patch.title = Some("Dentist reminder".into());
    client
        .documents()
        .update(DocumentId(18), &patch)
        .await
        .unwrap();
    std::fs::write(dir.join("16/original.txt"), "damaged").unwrap();
    let _ = log(&server);
    let third = run(
        &mut paperless(&server, &config),
        &["export", d, "--tag", "Health"],
    );
    assert!(third.stderr.starts_with("2 fetched ("), "{}", third.stderr);
    let mut fetched: Vec<String> = log(&server)
        .into_iter()
        .filter(|l| l.contains("/download/"))
        .collect();
    fetched.sort();
    assert_eq!(
        fetched,
        [
            "GET /api/documents/16/download/?original=true 200",
            "GET /api/documents/18/download/?original=true 200",
        ]
    );
    assert_eq!(
        std::fs::read(dir.join("16/original.txt")).unwrap(),
        server.file(16).unwrap().as_ref()
    );
    let sidecar: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("18/document.json")).unwrap()).unwrap();
    assert_eq!(sidecar["title"], "Dentist reminder");

    // --delete removes what no longer matches; without it nothing is removed.
    let narrower = run(
        &mut paperless(&server, &config),
        &["export", d, "--tag", "Health", "--correspondent", "4"],
    );
    assert!(narrower.stderr.contains("0 removed"), "{}", narrower.stderr);
    let pruned = run(
        &mut paperless(&server, &config),
        &[
            "export", d, "--tag", "Health", "--title", "Dentist", "--delete",
        ],
    );
    assert!(pruned.stderr.contains("2 removed"), "{}", pruned.stderr);
    assert!(!dir.join("16").exists() && dir.join("18").exists());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bulk_edit_dry_run_sends_nothing_and_the_real_run_one_request() {
    let (server, config) = demo().await;
    let args = [
        "bulk-edit",
        "--tag",
        "Health",
        "--add-tag",
        "Paid",
        "--remove-tag",
        "Inbox",
    ];
    let dry = run(
        &mut paperless(&server, &config),
        &[&args[..], &["--dry-run"]].concat(),
    );
    assert_eq!(dry.code, 0, "{}", dry.stderr);
    insta::assert_snapshot!("bulk_edit_dry_run", dry.stdout);
    assert!(log(&server).iter().all(|l| l.starts_with("GET ")));
    // The real run: one request, and its effect on the server's documents.
    let real = run(&mut paperless(&server, &config), &args);
    assert_eq!(real.code, 0, "{}", real.stderr);
    assert_eq!(real.stdout, "");
    assert_eq!(real.stderr, "changed 3 document(s)\n");
    let requests = server.take_requests();
    let posts: Vec<_> = requests
        .iter()
        .filter(|r| r.to_string().starts_with("POST"))
        .collect();
    assert_eq!(posts.len(), 1);
    assert_eq!(posts[0].to_string(), "POST /api/documents/bulk_edit/");
    assert_eq!(
        posts[0].json().unwrap(),
        serde_json::json!({"documents": [18, 17, 16], "method": "modify_tags",
            "parameters": {"add_tags": [5], "remove_tags": [1]}})
    );
    // "Paid" (5) is a child of "Finance" (3): the server adds the parent too.
    for id in [18, 17, 16] {
        let tags: Vec<u64> = server
            .document(id)
            .unwrap()
            .tags
            .iter()
            .map(|t| t.0)
            .collect();
        assert!(tags.contains(&5) && tags.contains(&3), "{id}: {tags:?}");
        assert!(!tags.contains(&1), "{id}: {tags:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tasks_and_trash() {
    let (server, config) = demo().await;
    let dir = temp_dir("tasks");
    std::fs::write(dir.join("note.txt"), "A short note.").unwrap();
    let queued = run(
        &mut paperless(&server, &config),
        &[
            "upload",
            "--no-wait",
            dir.join("note.txt").to_str().unwrap(),
        ],
    );
    assert_eq!(queued.code, 0, "{}", queued.stderr);
    let uuid = queued.stdout.trim().rsplit(' ').next().unwrap().to_owned();
    assert_eq!(queued.stderr, "1 queued, 0 failed, 0 skipped\n");
    let wait = run(
        &mut paperless(&server, &config),
        &["tasks", "wait", &uuid, "-o", "json"],
    );
    assert_eq!(wait.code, 0, "{}", wait.stderr);
    let task: serde_json::Value = serde_json::from_str(&wait.stdout).unwrap();
    assert_eq!(task["status"], "success");
    let list = run(
        &mut paperless(&server, &config),
        &[
            "tasks",
            "list",
            "-o",
            "csv",
            "--fields",
            "task_type,status,related_document_ids",
        ],
    );
    assert!(
        list.stdout.contains("consume_file,success,37"),
        "{}",
        list.stdout
    );

    let trash = run(
        &mut paperless(&server, &config),
        &["trash", "list", "-o", "csv", "--fields", "id,title"],
    );
    assert_eq!(trash.stdout, "id,title\n1,Pipeline smoke test\n");
    let restore = run(&mut paperless(&server, &config), &["trash", "restore", "1"]);
    assert_eq!(restore.code, 0, "{}", restore.stderr);
    let empty = run(
        &mut paperless(&server, &config),
        &["trash", "list", "-o", "json"],
    );
    assert_eq!(empty.stdout, "[]\n");
    let refused = run(&mut paperless(&server, &config), &["trash", "empty"]);
    assert_eq!(
        refused.code, 2,
        "asks, and without a terminal needs --yes: {}",
        refused.stderr
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_interrupted_upload_loses_nothing_and_the_rerun_completes() {
    let (server, config) = demo().await;
    let dir = temp_dir("interrupted");
    for i in 0..4 {
        std::fs::write(
            dir.join(format!("scan{i}.txt")),
            format!("Scanned page number {i}."),
        )
        .unwrap();
    }
    server.set_response_delay(std::time::Duration::from_millis(150));
    let d = dir.to_str().unwrap();
    let mut child = paperless(&server, &config)
        .args(["upload", "--wait", "-j", "1", "--skip-existing", "-r", d])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(700)).await;
    child.kill().unwrap();
    let killed = child.wait_with_output().unwrap();
    assert!(!killed.status.success());
    server.set_response_delay(std::time::Duration::ZERO);

    let rerun = run(
        &mut paperless(&server, &config),
        &["upload", "--wait", "-j", "1", "--skip-existing", "-r", d],
    );
    assert_eq!(rerun.code, 0, "{}{}", rerun.stdout, rerun.stderr);
    // Every file is on the server exactly once.
    let docs = server.documents();
    for i in 0..4 {
        let text = format!("Scanned page number {i}.");
        let copies = docs
            .iter()
            .filter(|d| {
                server
                    .file(d.id.0)
                    .is_some_and(|f| f.as_ref() == text.as_bytes())
            })
            .count();
        assert_eq!(copies, 1, "scan{i}.txt: {}", rerun.stdout);
    }
}

// ---- Issue 13: create and edit of saved views, users, groups, mail accounts, mail rules,
// ---- workflows; share links. (One block: keep these tests together, at the end.)

/// A server's request log since the last call: `METHOD target status` and the JSON body.
fn log_with_bodies(server: &TestServer) -> Vec<(String, serde_json::Value)> {
    server
        .take_requests()
        .iter()
        .map(|r| {
            (
                format!("{r} {}", r.status),
                r.json().unwrap_or(serde_json::Value::Null),
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn record_lists_show_the_demo_users_and_saved_views() {
    let (server, config) = demo().await;
    let users = run(&mut paperless(&server, &config), &["users", "list"]);
    assert_eq!(users.code, 0, "{}", users.stderr);
    insta::assert_snapshot!("users_list_table", users.stdout);
    let views = run(&mut paperless(&server, &config), &["saved-views", "list"]);
    assert_eq!(views.code, 0, "{}", views.stderr);
    insta::assert_snapshot!("saved_views_list_table", views.stdout);
    assert_eq!(
        log(&server),
        ["GET /api/users/ 200", "GET /api/saved_views/ 200"]
    );
}

/// A create's arguments, its request line and body, an edit's arguments, its line and body.
type Case<'a> = (
    &'a [&'a str],
    &'a str,
    serde_json::Value,
    &'a [&'a str],
    &'a str,
    serde_json::Value,
);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn record_create_and_edit_send_the_typed_bodies() {
    use serde_json::json;
    let (server, config) = demo().await;
    let cases: [Case; 6] = [
        (
            &[
                "users",
                "create",
                "--username",
                "carol",
                "--json",
                r#"{"password": "carol-pass-123", "groups": [1]}"#,
            ],
            "POST /api/users/ 201",
            json!({"username": "carol", "password": "carol-pass-123", "groups": [1]}),
            &[
                "users",
                "edit",
                "5",
                "--json",
                r#"{"first_name": "Carol", "is_staff": true}"#,
            ],
            "PATCH /api/users/5/ 200",
            json!({"first_name": "Carol", "is_staff": true}),
        ),
        (
            &[
                "groups",
                "create",
                "--name",
                "Tax",
                "--json",
                r#"{"permissions": ["view_tag"]}"#,
            ],
            "POST /api/groups/ 201",
            json!({"name": "Tax", "permissions": ["view_tag"]}),
            &["groups", "edit", "3", "--name", "Taxes"],
            "PATCH /api/groups/3/ 200",
            json!({"name": "Taxes"}),
        ),
        (
            &[
                "saved-views",
                "create",
                "--name",
                "Bills",
                "--json",
                r#"{"filter_rules": [{"rule_type": 0, "value": "bill"}]}"#,
            ],
            "POST /api/saved_views/ 201",
            json!({"name": "Bills", "filter_rules": [{"rule_type": 0, "value": "bill"}]}),
            &[
                "saved-views",
                "edit",
                "3",
                "--json",
                r#"{"sort_field": "title", "page_size": null}"#,
            ],
            "PATCH /api/saved_views/3/ 200",
            json!({"sort_field": "title", "page_size": null}),
        ),
        (
            &[
                "mail-accounts",
                "create",
                "--name",
                "Work",
                "--json",
                r#"{"imap_server": "imap.example.com", "username": "me", "password": "imap-pass-1"}"#,
            ],
            "POST /api/mail_accounts/ 201",
            json!({"name": "Work", "imap_server": "imap.example.com", "username": "me", "password": "imap-pass-1"}),
            &[
                "mail-accounts",
                "edit",
                "2",
                "--json",
                r#"{"imap_port": 993}"#,
            ],
            "PATCH /api/mail_accounts/2/ 200",
            json!({"imap_port": 993}),
        ),
        (
            &[
                "mail-rules",
                "create",
                "--name",
                "Bills",
                "--json",
                r#"{"account": 2, "folder": "INBOX.Bills"}"#,
            ],
            "POST /api/mail_rules/ 201",
            json!({"name": "Bills", "account": 2, "folder": "INBOX.Bills"}),
            &[
                "mail-rules",
                "edit",
                "2",
                "--json",
                r#"{"enabled": false, "filter_subject": null}"#,
            ],
            "PATCH /api/mail_rules/2/ 200",
            json!({"enabled": false, "filter_subject": null}),
        ),
        (
            &[
                "workflows",
                "create",
                "--name",
                "Trash drafts",
                "--json",
                r#"{"triggers": [{"type": 2, "filter_filename": "draft*"}], "actions": [{"type": 6}]}"#,
            ],
            "POST /api/workflows/ 201",
            json!({"name": "Trash drafts", "triggers": [{"type": 2, "filter_filename": "draft*"}], "actions": [{"type": 6}]}),
            &["workflows", "edit", "4", "--json", r#"{"enabled": false}"#],
            "PATCH /api/workflows/4/ 200",
            json!({"enabled": false}),
        ),
    ];
    for (create, create_line, create_body, edit, edit_line, edit_body) in cases {
        let created = run(
            &mut paperless(&server, &config),
            &[create, &["-o", "json"]].concat(),
        );
        assert_eq!(created.code, 0, "{create:?}: {}", created.stderr);
        let object: serde_json::Value = serde_json::from_str(&created.stdout).unwrap();
        let edited = run(
            &mut paperless(&server, &config),
            &[edit, &["-o", "json"]].concat(),
        );
        assert_eq!(edited.code, 0, "{edit:?}: {}", edited.stderr);
        let changed: serde_json::Value = serde_json::from_str(&edited.stdout).unwrap();
        assert_eq!(
            log_with_bodies(&server),
            [
                (create_line.to_owned(), create_body),
                (edit_line.to_owned(), edit_body.clone())
            ],
            "{create:?}"
        );
        // The answers are the server's objects: the created one, then it with the change.
        assert_eq!(changed["id"], object["id"]);
        for (key, value) in edit_body.as_object().unwrap() {
            assert_eq!(&changed[key], value, "{edit:?}: {key}");
        }
    }
    // The exact output of one edit, as `key  value` lines; the note on stderr.
    let renamed = run(
        &mut paperless(&server, &config),
        &["groups", "edit", "3", "--name", "Tax office"],
    );
    assert_eq!(
        renamed.stdout,
        "id           3\nname         Tax office\npermissions  view_tag\n"
    );
    let created = run(
        &mut paperless(&server, &config),
        &[
            "groups",
            "create",
            "--name",
            "Auditors",
            "--json",
            r#"{"permissions": []}"#,
            "--fields",
            "id,name",
        ],
    );
    assert_eq!(
        (created.stdout.as_str(), created.stderr.as_str()),
        ("id    4\nname  Auditors\n", "created group 4\n")
    );
    let _ = log(&server);

    // Share links: create only, from flags.
    let link = run(
        &mut paperless(&server, &config),
        &[
            "share-links",
            "create",
            "--document",
            "7",
            "--file-version",
            "original",
            "--expiration",
            "2030-01-01",
            "-o",
            "json",
        ],
    );
    assert_eq!(link.code, 0, "{}", link.stderr);
    let made: serde_json::Value = serde_json::from_str(&link.stdout).unwrap();
    assert_eq!(
        log_with_bodies(&server),
        [(
            "POST /api/share_links/ 201".to_owned(),
            json!({"document": 7, "file_version": "original", "expiration": "2030-01-01T00:00:00Z"})
        )]
    );
    assert_eq!(made["document"], 7);
    assert_eq!(
        link.stderr,
        format!(
            "created share link 2: /share/{}\n",
            made["slug"].as_str().unwrap()
        )
    );
    let no_edit = run(
        &mut paperless(&server, &config),
        &["share-links", "edit", "2"],
    );
    assert_eq!(no_edit.code, 2);
    assert!(log(&server).is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn record_writes_the_server_refuses_show_its_field_messages() {
    let (server, config) = demo().await;
    let taken = run(
        &mut paperless(&server, &config),
        &["users", "create", "--username", "alice"],
    );
    assert_eq!((taken.code, taken.stdout.as_str()), (5, ""));
    assert_eq!(
        taken.stderr,
        "error: POST /api/users/ returned 400 Bad Request: username: A user with that username already exists.\n"
    );
    let no_account = run(
        &mut paperless(&server, &config),
        &[
            "mail-rules",
            "create",
            "--name",
            "x",
            "--json",
            r#"{"account": 99, "folder": "INBOX"}"#,
        ],
    );
    assert_eq!(no_account.code, 5);
    assert_eq!(
        no_account.stderr,
        "error: POST /api/mail_rules/ returned 400 Bad Request: account: Invalid pk \"99\" - object does not exist.\n"
    );
    assert_eq!(
        log(&server),
        ["POST /api/users/ 400", "POST /api/mail_rules/ 400"]
    );
    // A key the payload does not know is refused before anything is sent.
    let typo = run(
        &mut paperless(&server, &config),
        &["users", "edit", "3", "--json", r#"{"frist_name": "A"}"#],
    );
    assert_eq!(typo.code, 2);
    assert_eq!(
        typo.stderr,
        "error: --json: not a field this request can send (or null where it takes none): frist_name\n"
    );
    let nested = run(
        &mut paperless(&server, &config),
        &[
            "workflows",
            "edit",
            "1",
            "--json",
            r#"{"triggers": [{"type": 1, "filter_nmae": "*.pdf"}]}"#,
        ],
    );
    assert_eq!(nested.code, 2);
    assert!(
        nested.stderr.ends_with(": triggers[0].filter_nmae\n"),
        "{}",
        nested.stderr
    );
    assert!(log(&server).is_empty());

    // Paperless-ngx 2.x requires the dashboard flags of a saved view: the server says which.
    let old = TestServer::builder()
        .paperless_2_20()
        .demo()
        .start()
        .await
        .unwrap();
    let _ = old.take_requests();
    let missing = run(
        paperless(&old, &config).env("PAPERLESS_API_VERSION", "9"),
        &[
            "saved-views",
            "create",
            "--name",
            "Bills",
            "--json",
            r#"{"filter_rules": []}"#,
        ],
    );
    assert_eq!(missing.code, 5, "{}", missing.stderr);
    // In the serializer's field order, as the server sends them (not sorted).
    assert_eq!(
        missing.stderr,
        "error: POST /api/saved_views/ returned 400 Bad Request: show_on_dashboard: This field is required. show_in_sidebar: This field is required.\n"
    );
    assert_eq!(
        log_with_bodies(&old),
        [(
            "POST /api/saved_views/ 400".to_owned(),
            serde_json::json!({"name": "Bills", "filter_rules": []})
        )]
    );
}

// ---------------------------------------------------------------------------------------------
// Branch `clibench`: export --limit, bulk-edit custom fields / permissions / merge,
// upload --skip-existing lookups.
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn export_limit_exports_only_that_many_documents_and_fetches_one_page() {
    let (server, config) = demo().await;
    let dir = temp_dir("export-limit");
    let d = dir.to_str().unwrap();
    let out = run(
        &mut paperless(&server, &config),
        &["export", d, "--sort", "id", "--limit", "2"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.starts_with("2 fetched ("), "{}", out.stderr);
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("manifest.json")).unwrap()).unwrap();
    let ids: Vec<&String> = manifest["documents"].as_object().unwrap().keys().collect();
    assert_eq!(ids, ["2", "3"]);
    let mut requests = log(&server);
    requests.sort();
    assert_eq!(
        requests,
        [
            "GET /api/correspondents/ 200",
            "GET /api/custom_fields/ 200",
            "GET /api/document_types/ 200",
            "GET /api/documents/2/download/?original=true 200",
            "GET /api/documents/3/download/?original=true 200",
            "GET /api/documents/?ordering=id&page_size=2 200",
            "GET /api/storage_paths/ 200",
            "GET /api/tags/ 200",
        ]
    );
    // Documents beyond the limit are not "gone": --delete with --limit is refused.
    let refused = run(
        &mut paperless(&server, &config),
        &["export", d, "--limit", "2", "--delete"],
    );
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert_eq!(
        refused.stderr,
        "error: --delete with --limit would remove every document beyond the limit: drop one of them\n"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bulk_edit_and_download_limit_select_only_that_many_documents() {
    let (server, config) = demo().await;
    let dry = run(
        &mut paperless(&server, &config),
        &[
            "bulk-edit",
            "--tag",
            "Health",
            "--limit",
            "2",
            "--add-tag",
            "7",
            "--dry-run",
        ],
    );
    assert_eq!(dry.code, 0, "{}", dry.stderr);
    assert_eq!(
        dry.stdout,
        "would change 2 document(s):\n\
         {\"POST\":\"/api/documents/bulk_edit/\",\"body\":{\"documents\":[18,17],\"method\":\"modify_tags\",\"parameters\":{\"add_tags\":[7],\"remove_tags\":[]}}}\n"
    );
    assert_eq!(
        log(&server),
        [
            "GET /api/tags/ 200",
            "GET /api/documents/?tags__id__all=7&page_size=2&fields=id 200",
        ]
    );
    let dir = temp_dir("download-limit");
    let out = run(
        &mut paperless(&server, &config),
        &[
            "download",
            "--tag",
            "7",
            "--limit",
            "1",
            "-O",
            dir.to_str().unwrap(),
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        log(&server),
        [
            "GET /api/documents/?tags__id__all=7&page_size=1&fields=id 200",
            "GET /api/documents/18/download/ 200",
        ]
    );
}

/// The `POST`s of the request log since the last call: target and JSON body.
fn posts(server: &TestServer) -> Vec<(String, serde_json::Value)> {
    server
        .take_requests()
        .iter()
        .filter(|r| r.to_string().starts_with("POST"))
        .map(|r| (r.to_string(), r.json().unwrap()))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bulk_edit_custom_fields_permissions_and_merge_send_the_servers_bodies() {
    use serde_json::json;
    let (server, config) = demo().await;
    let dry = run(
        &mut paperless(&server, &config),
        &[
            "bulk-edit",
            "--id",
            "8,7",
            "--set-custom-field",
            "Paid=true",
            "--set-custom-field",
            "amount=EUR12.50",
            "--remove-custom-field",
            "Due Date",
            "--set-permissions",
            "--set-owner",
            "3",
            "--view-users",
            "3,4",
            "--change-groups",
            "1",
            "--merge",
            "--metadata-from",
            "7",
            "--dry-run",
        ],
    );
    assert_eq!(dry.code, 0, "{}", dry.stderr);
    insta::assert_snapshot!("bulk_edit_dry_run_fields_permissions_merge", dry.stdout);
    assert_eq!(log(&server), ["GET /api/custom_fields/ 200"]);

    // The real runs: one request each with exactly the dry run's body, and its effect.
    let field = |id: u64, field: u64| {
        server
            .document(id)
            .unwrap()
            .custom_fields
            .iter()
            .find(|f| f.field.0 == field)
            .map(|f| f.value.clone())
    };
    let fields = run(
        &mut paperless(&server, &config),
        &[
            "bulk-edit",
            "--id",
            "8,7",
            "--set-custom-field",
            "Paid=true",
            "--remove-custom-field",
            "3",
        ],
    );
    assert_eq!(fields.code, 0, "{}", fields.stderr);
    assert_eq!(fields.stderr, "changed 2 document(s)\n");
    assert_eq!(
        posts(&server),
        [(
            "POST /api/documents/bulk_edit/".to_owned(),
            json!({"documents": [8, 7], "method": "modify_custom_fields",
                "parameters": {"add_custom_fields": {"4": true}, "remove_custom_fields": [3]}})
        )]
    );
    for id in [8, 7] {
        assert_eq!(field(id, 4), Some(json!(true)), "{id}");
        assert_eq!(field(id, 3), None, "{id}");
    }
    let only_remove = run(
        &mut paperless(&server, &config),
        &["bulk-edit", "--id", "8", "--remove-custom-field", "Paid"],
    );
    assert_eq!(only_remove.code, 0, "{}", only_remove.stderr);
    assert_eq!(
        posts(&server),
        [(
            "POST /api/documents/bulk_edit/".to_owned(),
            json!({"documents": [8], "method": "modify_custom_fields",
                "parameters": {"add_custom_fields": [], "remove_custom_fields": [4]}})
        )]
    );
    assert_eq!(field(8, 4), None);
    assert_eq!(field(7, 4), Some(json!(true)));
    let permissions = |id: u64| {
        let doc = server.document(id).unwrap();
        let p = doc.permissions.unwrap();
        let ids = |users: &[paperless_client::types::UserId]| users.iter().map(|u| u.0).collect();
        let groups =
            |groups: &[paperless_client::types::GroupId]| groups.iter().map(|g| g.0).collect();
        let sets: [Vec<u64>; 4] = [
            ids(&p.view.users),
            groups(&p.view.groups),
            ids(&p.change.users),
            groups(&p.change.groups),
        ];
        (doc.owner.map(|o| o.0), sets)
    };

    let replace = run(
        &mut paperless(&server, &config),
        &[
            "bulk-edit",
            "--id",
            "8,7",
            "--set-permissions",
            "--set-owner",
            "none",
            "--view-users",
            "3,4",
        ],
    );
    assert_eq!(replace.code, 0, "{}", replace.stderr);
    assert_eq!(
        posts(&server),
        [(
            "POST /api/documents/bulk_edit/".to_owned(),
            json!({"documents": [8, 7], "method": "set_permissions", "parameters": {
                "set_permissions": {"view": {"users": [3, 4], "groups": []},
                    "change": {"users": [], "groups": []}},
                "owner": null}})
        )]
    );
    for id in [8, 7] {
        assert_eq!(
            permissions(id),
            (None, [vec![3, 4], vec![], vec![], vec![]])
        );
    }
    let add = run(
        &mut paperless(&server, &config),
        &[
            "bulk-edit",
            "--id",
            "8",
            "--set-permissions",
            "--merge-permissions",
            "--change-groups",
            "2",
        ],
    );
    assert_eq!(add.code, 0, "{}", add.stderr);
    assert_eq!(
        posts(&server),
        [(
            "POST /api/documents/bulk_edit/".to_owned(),
            json!({"documents": [8], "method": "set_permissions", "parameters": {
                "set_permissions": {"view": {"users": [], "groups": []},
                    "change": {"users": [], "groups": [2]}},
                "owner": null, "merge": true}})
        )]
    );
    // Merged into what was there; change grants view too.
    assert_eq!(
        permissions(8),
        (None, [vec![3, 4], vec![2], vec![], vec![2]])
    );
    // Without --merge-permissions the server sets the owner too (to none when not given): the
    // owner must be said.
    let no_owner = run(
        &mut paperless(&server, &config),
        &[
            "bulk-edit",
            "--id",
            "8",
            "--set-permissions",
            "--view-users",
            "3",
        ],
    );
    assert_eq!(no_owner.code, 2, "{}", no_owner.stderr);
    assert_eq!(
        no_owner.stderr,
        "error: --set-permissions replaces the owner too: give --set-owner ID (or none), or add with --merge-permissions\n"
    );
    assert!(posts(&server).is_empty());

    // --merge: the documents in the order given; --delete-originals asks first.
    let merge_args = ["bulk-edit", "--id", "8,7", "--merge", "--delete-originals"];
    let unconfirmed = run(&mut paperless(&server, &config), &merge_args);
    assert_eq!(unconfirmed.code, 2, "{}", unconfirmed.stderr);
    assert!(posts(&server).is_empty());
    let merge = run(
        &mut paperless(&server, &config),
        &[&merge_args[..], &["--yes"]].concat(),
    );
    assert_eq!(merge.code, 0, "{}", merge.stderr);
    assert_eq!(merge.stderr, "changed 2 document(s)\n");
    assert_eq!(
        posts(&server),
        [(
            "POST /api/documents/merge/".to_owned(),
            json!({"documents": [8, 7], "delete_originals": true})
        )]
    );
    // The test server consumes the merged file as a new document and trashes the originals.
    let merged: Vec<_> = server
        .documents()
        .into_iter()
        .filter(|d| d.original_file_name.as_deref() == Some("8_7_merged.pdf"))
        .collect();
    assert_eq!(merged.len(), 1);
    assert_eq!(merged[0].title(), "8_7_merged");
    for id in [8, 7] {
        assert!(server.document(id).unwrap().deleted_at.is_some(), "{id}");
    }
    // API 9 (Paperless-ngx 2.x) has merge only as a bulk_edit method: the client sends that.
    let v9 = run(
        paperless(&server, &config).env("PAPERLESS_API_VERSION", "9"),
        &[
            "bulk-edit",
            "--id",
            "6,5",
            "--merge",
            "--delete-originals",
            "--yes",
        ],
    );
    assert_eq!(v9.code, 0, "{}", v9.stderr);
    assert_eq!(
        posts(&server),
        [(
            "POST /api/documents/bulk_edit/".to_owned(),
            json!({"documents": [6, 5], "method": "merge",
                "parameters": {"delete_originals": true}})
        )]
    );
    let one = run(
        &mut paperless(&server, &config),
        &["bulk-edit", "--id", "8", "--merge"],
    );
    assert_eq!(one.code, 2, "{}", one.stderr);
    assert_eq!(
        one.stderr,
        "error: --merge needs at least two documents (one matched)\n"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn upload_skip_existing_looks_up_each_checksum_once_and_uploads_only_new_files() {
    use sha2::Digest;
    let (server, config) = demo().await;
    let dir = temp_dir("skip-existing");
    let known = "A letter the server already has.";
    let fresh = "A letter the server has never seen.";
    std::fs::write(dir.join("a-known.txt"), known).unwrap();
    std::fs::write(dir.join("b-fresh.txt"), fresh).unwrap();
    let first = run(
        &mut paperless(&server, &config),
        &[
            "upload",
            "--wait",
            dir.join("a-known.txt").to_str().unwrap(),
        ],
    );
    assert_eq!(first.code, 0, "{}", first.stderr);
    let _ = log(&server);
    let sha = |text: &str| -> String {
        sha2::Sha256::digest(text.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    };
    let out = run(
        &mut paperless(&server, &config),
        &[
            "upload",
            "--no-wait",
            "--skip-existing",
            "-j",
            "1",
            "-r",
            dir.to_str().unwrap(),
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", out.stdout);
    assert!(
        lines[0].ends_with("a-known.txt: skipped, already on the server as document 37"),
        "{}",
        out.stdout
    );
    assert!(
        lines[1].contains("b-fresh.txt: queued as task "),
        "{}",
        out.stdout
    );
    assert_eq!(out.stderr, "1 queued, 0 failed, 1 skipped\n");
    // One lookup per file (the server's checksum filter has no `__in`), one upload.
    assert_eq!(
        log(&server),
        [
            format!(
                "GET /api/documents/?checksum__iexact={}&fields=id&page_size=1 200",
                sha(known)
            ),
            format!(
                "GET /api/documents/?checksum__iexact={}&fields=id&page_size=1 200",
                sha(fresh)
            ),
            "POST /api/documents/post_document/ 200".to_owned(),
        ]
    );
}

/// A dry run prints the request as the client sends it to the server's API version: on API 9
/// (a 2.x server, negotiated; or a 3.x server pinned to 9) the operations go as `bulk_edit`
/// methods.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bulk_edit_dry_run_prints_the_request_of_the_servers_api_version() {
    let args = [
        "bulk-edit",
        "--id",
        "8,7",
        "--rotate",
        "90",
        "--merge",
        "--dry-run",
    ];
    let v10 = "would change 2 document(s):\n\
        {\"POST\":\"/api/documents/merge/\",\"body\":{\"documents\":[8,7]}}\n\
        {\"POST\":\"/api/documents/rotate/\",\"body\":{\"degrees\":90,\"documents\":[8,7]}}\n";
    let v9 = "would change 2 document(s):\n\
        {\"POST\":\"/api/documents/bulk_edit/\",\"body\":{\"documents\":[8,7],\"method\":\"merge\",\"parameters\":{}}}\n\
        {\"POST\":\"/api/documents/bulk_edit/\",\"body\":{\"documents\":[8,7],\"method\":\"rotate\",\"parameters\":{\"degrees\":90}}}\n";

    // 3.0.5, API 10.
    let (server, config) = demo().await;
    let dry = run(&mut paperless(&server, &config), &args);
    assert_eq!(dry.code, 0, "{}", dry.stderr);
    assert_eq!(dry.stdout, v10);
    assert!(log(&server).is_empty());

    // 3.0.5 pinned to API 9, by the environment and by the flag.
    let dry = run(
        paperless(&server, &config).env("PAPERLESS_API_VERSION", "9"),
        &args,
    );
    assert_eq!(dry.code, 0, "{}", dry.stderr);
    assert_eq!(dry.stdout, v9);
    let dry = run(
        &mut paperless(&server, &config),
        &[&["--api-version", "9"], &args[..]].concat(),
    );
    assert_eq!(dry.code, 0, "{}", dry.stderr);
    assert_eq!(dry.stdout, v9);
    assert!(log(&server).is_empty());

    // 2.20.15, the version negotiated: one probe, nothing sent.
    let old = TestServer::builder()
        .paperless_2_20()
        .demo()
        .start()
        .await
        .unwrap();
    let _ = old.take_requests();
    let dry = run(
        paperless(&old, &config).env_remove("PAPERLESS_API_VERSION"),
        &args,
    );
    assert_eq!(dry.code, 0, "{}", dry.stderr);
    assert_eq!(dry.stdout, v9);
    assert_eq!(log(&old), ["GET /api/ui_settings/ 200"]);
}

/// `--set-owner`, `--view-users`, `--change-users` take usernames, `--view-groups` and
/// `--change-groups` group names (or ids): each list fetched once per run, as for tags.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bulk_edit_permissions_resolve_usernames_and_group_names_once() {
    let (server, config) = demo().await;
    let args = [
        "bulk-edit",
        "--id",
        "8,7",
        "--set-permissions",
        "--set-owner",
        "alice",
        "--view-users",
        "bob,Alice,2",
        "--change-users",
        "bob",
        "--view-groups",
        "Family,accountants",
        "--change-groups",
        "Accountants",
    ];
    let dry = run(
        &mut paperless(&server, &config),
        &[&args[..], &["--dry-run"]].concat(),
    );
    assert_eq!(dry.code, 0, "{}", dry.stderr);
    assert_eq!(
        dry.stdout,
        "would change 2 document(s):\n\
         {\"POST\":\"/api/documents/bulk_edit/\",\"body\":{\"documents\":[8,7],\"method\":\"set_permissions\",\"parameters\":{\"owner\":3,\"set_permissions\":{\"change\":{\"groups\":[2],\"users\":[4]},\"view\":{\"groups\":[1,2],\"users\":[4,3,2]}}}}}\n"
    );
    assert_eq!(
        log(&server),
        ["GET /api/users/ 200", "GET /api/groups/ 200"]
    );

    // The real run sends that body, and the test server applies it.
    let real = run(&mut paperless(&server, &config), &args);
    assert_eq!(real.code, 0, "{}", real.stderr);
    assert_eq!(
        posts(&server),
        [(
            "POST /api/documents/bulk_edit/".to_owned(),
            serde_json::json!({"documents": [8, 7], "method": "set_permissions", "parameters": {
                "set_permissions": {"view": {"users": [4, 3, 2], "groups": [1, 2]},
                    "change": {"users": [4], "groups": [2]}},
                "owner": 3}})
        )]
    );

    // Ids need no lookup; an unknown name is "not found" (exit 4) and nothing is sent.
    let ids = run(
        &mut paperless(&server, &config),
        &[
            "bulk-edit",
            "--id",
            "8",
            "--set-permissions",
            "--set-owner",
            "3",
            "--view-groups",
            "1",
            "--dry-run",
        ],
    );
    assert_eq!(ids.code, 0, "{}", ids.stderr);
    assert!(log(&server).is_empty());
    for (flag, name, message) in [
        ("--set-owner", "carol", "error: no user named 'carol'\n"),
        ("--change-users", "carol", "error: no user named 'carol'\n"),
        ("--view-groups", "Tax", "error: no group named 'Tax'\n"),
    ] {
        let mut given = vec!["bulk-edit", "--id", "8", "--set-permissions", flag, name];
        if flag != "--set-owner" {
            given.extend(["--set-owner", "none"]);
        }
        let unknown = run(&mut paperless(&server, &config), &given);
        assert_eq!(unknown.code, 4, "{flag}: {}", unknown.stderr);
        assert_eq!(unknown.stderr, message, "{flag}");
        assert!(posts(&server).is_empty(), "{flag}");
    }
}

/// Each resource's `create --help` says what its `--json` needs, not every resource's fields.
#[test]
fn create_json_help_is_each_resources_own() {
    let json_help = |resource: &str| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_paperless"));
        cmd.env_clear();
        let out = run(&mut cmd, &[resource, "create", "--help"]);
        assert_eq!(out.code, 0, "{resource}: {}", out.stderr);
        let mut lines = out.stdout.lines();
        lines.find(|l| l.trim() == "--json <JSON>");
        lines.next().unwrap().trim().to_owned()
    };
    assert_eq!(
        json_help("storage-paths"),
        r#"JSON of more fields; "path" is required: {"path": "{{ created_year }}/{{ title }}"}"#
    );
    assert_eq!(
        json_help("groups"),
        r#"JSON of the fields; "permissions" is required: {"permissions": ["view_document", "view_tag"]}"#
    );
    assert_eq!(
        json_help("mail-accounts"),
        r#"JSON of the fields; "imap_server", "username" and "password" are required: {"imap_server": "imap.example.com", "username": "me", "password": "..."}"#
    );
    let all: Vec<String> = [
        "tags",
        "correspondents",
        "document-types",
        "storage-paths",
        "custom-fields",
        "saved-views",
        "users",
        "groups",
        "mail-accounts",
        "mail-rules",
        "workflows",
    ]
    .into_iter()
    .map(json_help)
    .collect();
    for (i, help) in all.iter().enumerate() {
        assert!(!all[..i].contains(help), "shared: {help}");
    }
    assert!(all[4].contains(r#""data_type" is required"#), "{}", all[4]);
    assert!(
        all[5].contains(r#""filter_rules" is required"#),
        "{}",
        all[5]
    );
}
