//! The helpers a command line needs: find by exact name and get-or-create on every named
//! resource, the SHA-256 duplicate pre-check of an upload, the total count of an item stream and
//! the AI chat call. Against the test server (request log) and, for the chat, mockito.

use futures_util::TryStreamExt;
use paperless_client::api::documents::UploadFile;
use paperless_client::types::DocumentId;
use paperless_client::types::correspondent::NewCorrespondent;
use paperless_client::types::document::ChatRequest;
use paperless_client::types::tag::NewTag;
use paperless_client::{ApiVersion, Paperless};
use paperless_testkit::TestServer;

fn client(server: &TestServer) -> Paperless {
    Paperless::builder(server.url())
        .token(server.token())
        .api_version(ApiVersion::V10)
        .build()
        .unwrap()
}

fn targets(server: &TestServer) -> Vec<String> {
    server
        .take_requests()
        .iter()
        .map(|r| format!("{r} {}", r.status))
        .collect()
}

#[tokio::test]
async fn find_by_name_is_exact_and_sends_one_filtered_list() {
    let server = TestServer::demo().await.unwrap();
    let client = client(&server);
    let tag = client
        .tags()
        .find_by_name("Finance")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(tag.id.0, 3);
    // Case differs: the server holds names unique ignoring case, so it is the same tag.
    let folded = client
        .tags()
        .find_by_name("finance")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(folded.id.0, 3);
    assert!(client.tags().find_by_name("Fin").await.unwrap().is_none());
    let ct = client
        .correspondents()
        .find_by_name("Northwind Bank")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(ct.id.0, 7);
    assert_eq!(
        targets(&server),
        [
            "GET /api/tags/?name__iexact=Finance 200",
            "GET /api/tags/?name__iexact=finance 200",
            "GET /api/tags/?name__iexact=Fin 200",
            "GET /api/correspondents/?name__iexact=Northwind+Bank 200",
        ]
    );
}

#[tokio::test]
async fn get_or_create_finds_or_creates_once() {
    let server = TestServer::demo().await.unwrap();
    let client = client(&server);
    let (tag, created) = client
        .tags()
        .get_or_create("Finance", || NewTag::new("Finance"))
        .await
        .unwrap();
    assert_eq!((tag.id.0, created), (3, false));
    let (new, created) = client
        .tags()
        .get_or_create("Receipts 2025", || NewTag::new("Receipts 2025"))
        .await
        .unwrap();
    assert!(created);
    assert_eq!(new.name, "Receipts 2025");
    let (again, created) = client
        .tags()
        .get_or_create("Receipts 2025", || NewTag::new("Receipts 2025"))
        .await
        .unwrap();
    assert_eq!((again.id, created), (new.id, false));
    let (c, created) = client
        .correspondents()
        .get_or_create("Acme Ltd", || NewCorrespondent::new("Acme Ltd"))
        .await
        .unwrap();
    assert!(created);
    assert_eq!(c.name, "Acme Ltd");
    assert_eq!(
        targets(&server),
        [
            "GET /api/tags/?name__iexact=Finance 200",
            "GET /api/tags/?name__iexact=Receipts+2025 200",
            "POST /api/tags/ 201",
            "GET /api/tags/?name__iexact=Receipts+2025 200",
            "GET /api/correspondents/?name__iexact=Acme+Ltd 200",
            "POST /api/correspondents/ 201",
        ]
    );
}

#[tokio::test]
async fn sha256_of_bytes_and_files_and_the_file_still_uploads_whole() {
    let dir = std::env::temp_dir().join(format!("plrs-sha-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("a.txt");
    std::fs::write(&path, b"abc").unwrap();
    let abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    assert_eq!(
        UploadFile::from_bytes(b"abc".to_vec(), "a.txt")
            .sha256()
            .await
            .unwrap(),
        abc
    );
    let mut file = UploadFile::open(&path).await.unwrap();
    assert_eq!(file.sha256().await.unwrap(), abc);
    // Twice: the file was put back at its start.
    assert_eq!(file.sha256().await.unwrap(), abc);

    let server = TestServer::demo().await.unwrap();
    let client = client(&server);
    let documents = client.documents();
    assert_eq!(documents.find_duplicate(&mut file).await.unwrap(), None);
    let task = documents
        .post_document(file, &Default::default())
        .await
        .unwrap();
    let doc = task
        .wait()
        .poll_interval(std::time::Duration::from_millis(10))
        .await
        .unwrap();
    assert_eq!(server.file(doc.id.0).unwrap().as_ref(), b"abc");
    let mut again = UploadFile::open(&path).await.unwrap();
    assert_eq!(
        documents.find_duplicate(&mut again).await.unwrap(),
        Some(doc.id)
    );
    let log = targets(&server);
    assert_eq!(
        log.first().unwrap(),
        &format!("GET /api/documents/?checksum__iexact={abc}&fields=id&page_size=1 200")
    );
    assert_eq!(
        log.last().unwrap(),
        &format!("GET /api/documents/?checksum__iexact={abc}&fields=id&page_size=1 200")
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn item_streams_know_their_total_after_the_first_page() {
    let server = TestServer::builder()
        .seed_documents(60)
        .start()
        .await
        .unwrap();
    let client = client(&server);
    let mut items = client.documents().list().page_size(25).stream();
    assert_eq!(items.total_count(), None);
    let first = items.try_next().await.unwrap();
    assert!(first.is_some());
    assert_eq!(items.total_count(), Some(60));
    let rest: Vec<_> = items.try_collect().await.unwrap();
    assert_eq!(rest.len(), 59);
}

#[tokio::test]
async fn chat_posts_the_question_and_streams_the_answer() {
    let mut server = mockito::Server::new_async().await;
    let mock = server
        .mock("POST", "/api/documents/chat/")
        .match_body(mockito::Matcher::JsonString(
            r#"{"q":"When is the rent due?","document_id":12}"#.into(),
        ))
        .with_header("content-type", "text/event-stream")
        .with_body("The rent is due on the first.")
        .create_async()
        .await;
    let disabled = server
        .mock("POST", "/api/documents/chat/")
        .match_body(mockito::Matcher::JsonString(r#"{"q":"Hi"}"#.into()))
        .with_status(400)
        .with_body("AI is required for this feature")
        .create_async()
        .await;
    let client = Paperless::builder(server.url())
        .token("t")
        .api_version(ApiVersion::V10)
        .build()
        .unwrap();
    let answer = client
        .documents()
        .chat(&ChatRequest::new("When is the rent due?").document_id(DocumentId(12)))
        .await
        .unwrap();
    assert_eq!(answer.content_type(), Some("text/event-stream"));
    assert_eq!(
        answer.bytes().await.unwrap().as_ref(),
        b"The rent is due on the first."
    );
    let err = client
        .documents()
        .chat(&ChatRequest::new("Hi"))
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(400));
    assert!(err.to_string().contains("AI is required"), "{err}");
    mock.assert_async().await;
    disabled.assert_async().await;
}
