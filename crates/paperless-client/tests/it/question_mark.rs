//! `?` works in a function returning `paperless_client::Result` for every fallible call: an
//! upload file that cannot be opened, a download that cannot be saved, a wait that fails. Each
//! error keeps its detail inside the crate's `Error`.

use paperless_client::api::documents::UploadFile;
use paperless_client::types::task::TaskUuid;
use paperless_client::{ApiVersion, Error, Paperless, SaveError, WaitError};
use paperless_testkit::TestServer;

use crate::support::client;

fn temp_path(name: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(format!("paperless-rs-qm-{}-{name}", std::process::id()))
}

/// The user's code: every call with `?`.
async fn upload(client: &Paperless, path: &std::path::Path) -> paperless_client::Result<()> {
    let file = UploadFile::open(path).await?;
    let document = client
        .documents()
        .post_document(file, &Default::default())
        .await?
        .wait()
        .await?;
    drop(document);
    Ok(())
}

async fn save(client: &Paperless, id: u64, to: &std::path::Path) -> paperless_client::Result<u64> {
    let written = client.documents().download(id).await?.save_to(to).await?;
    Ok(written)
}

async fn wait(client: &Paperless, task: &str) -> paperless_client::Result<()> {
    client.tasks().wait(&TaskUuid::from(task)).await?;
    Ok(())
}

#[tokio::test]
async fn question_mark_on_upload_file_open() {
    let server = TestServer::start().await.unwrap();
    let client = Paperless::new(server.url(), server.token()).unwrap();
    let missing = temp_path("no-such-file.pdf");

    let err = upload(&client, &missing).await.unwrap_err();

    let Error::UploadFile(file) = &err else {
        panic!("expected an upload file error, got {err:?}")
    };
    assert_eq!(file.path(), Some(missing.as_path()));
    assert_eq!(file.io_error().kind(), std::io::ErrorKind::NotFound);
    assert_eq!(
        err.to_string(),
        format!("cannot read the file to upload {missing:?}; check that it exists and is readable")
    );
    // Nothing was sent, not even the version probe.
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn question_mark_on_save_to() {
    let mut doc = paperless_client::types::document::Document::new(7.into());
    doc.content = Some("Total: EUR 42.00".into());
    let server = TestServer::builder().document(doc).start().await.unwrap();
    let client = Paperless::builder(server.url())
        .token(server.token())
        .api_version(ApiVersion::V10)
        .build()
        .unwrap();
    let nowhere = temp_path("missing-dir").join("file.pdf");

    let id = 7;

    let err = save(&client, id, &nowhere).await.unwrap_err();

    let Error::Save(save) = &err else {
        panic!("expected a save error, got {err:?}")
    };
    let SaveError::Io { path, source } = &**save else {
        panic!("expected an I/O error, got {save:?}")
    };
    assert_eq!(path, &nowhere);
    assert_eq!(source.kind(), std::io::ErrorKind::NotFound);
    assert!(err.to_string().starts_with("cannot write the download to "));
    let sent: Vec<String> = server.requests().iter().map(ToString::to_string).collect();
    assert_eq!(sent, [format!("GET /api/documents/{id}/download/")]);
}

#[tokio::test]
async fn question_mark_on_wait() {
    let mut server = mockito::Server::new_async().await;
    let broken = server
        .mock("GET", "/api/tasks/?task_id=broken")
        .with_status(500)
        .with_body("boom")
        .expect(1)
        .create_async()
        .await;

    let err = wait(&client(&server.url()), "broken").await.unwrap_err();

    let Error::Wait(wait_error) = &err else {
        panic!("expected a wait error, got {err:?}")
    };
    assert!(
        matches!(**wait_error, WaitError::Request { .. }),
        "{wait_error:?}"
    );
    assert_eq!(wait_error.task_id().as_str(), "broken");
    assert_eq!(
        err.to_string(),
        "could not follow task broken; the task itself may still finish: wait again with this id"
    );
    // The helpers see the failed poll inside.
    assert_eq!(err.status(), Some(http::StatusCode::INTERNAL_SERVER_ERROR));
    assert_eq!(err.as_api().map(|a| a.path()), Some("/api/tasks/"));
    broken.assert_async().await;
}
