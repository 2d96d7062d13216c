//! Files: downloads, previews, thumbnails, bulk downloads and public share links, with the
//! captured headers; bodies that stream and bodies that break.

use std::time::Duration;

use bytes::Bytes;
use futures_util::StreamExt;
use mockito::Matcher;
use paperless_client::Error;
use paperless_client::download::{Disposition, PublicShares, SaveError};
use paperless_client::transport::BaseUrl;
use paperless_client::types::DocumentId;
use paperless_client::types::bulk_edit::{
    BulkDownload, BulkDownloadCompression, BulkDownloadContent, DocumentSelection,
};

use crate::documents_support::{full_body, mock_capture, serve_body, stream_body, temp_path};
use crate::support::client;

#[tokio::test]
async fn download_reads_type_disposition_name_and_length() {
    let mut server = mockito::Server::new_async().await;
    let (mock, c) = mock_capture(&mut server, "documents.download.pdf").await;
    let file = client(&server.url())
        .documents()
        .download(25)
        .await
        .unwrap();
    assert_eq!(file.content_type(), Some("application/pdf"));
    assert_eq!(file.disposition(), Some(&Disposition::Attachment));
    assert_eq!(
        file.filename(),
        Some("2025-01-31 Northwind Bank Bank statement January 2025.pdf")
    );
    assert_eq!(file.content_length(), Some(2694));
    let bytes = file.bytes().await.unwrap();
    assert_eq!(bytes, c.body_bytes());
    assert!(bytes.starts_with(b"%PDF-1.7"));
    mock.assert_async().await;
}

#[tokio::test]
async fn original_preview_and_thumbnail() {
    let mut server = mockito::Server::new_async().await;
    let (original, _) = mock_capture(&mut server, "documents.download.original_param").await;
    let (preview, c) = mock_capture(&mut server, "documents.preview.text").await;
    let (thumb, _) = mock_capture(&mut server, "documents.thumb.pdf").await;
    let documents = client(&server.url()).documents();

    let png = documents.download(35).original(true).await.unwrap();
    assert_eq!(png.content_type(), Some("image/png"));
    assert_eq!(
        png.filename(),
        Some("2025-05-28 Parking fine (scanned).png")
    );
    assert_eq!(png.bytes().await.unwrap().len(), 16279);

    let text = documents.preview(5).await.unwrap();
    assert_eq!(text.disposition(), Some(&Disposition::Inline));
    let body = text.bytes().await.unwrap();
    assert_eq!(String::from_utf8(body.to_vec()).unwrap(), c.body_string());

    let webp = documents.thumbnail(DocumentId(25)).await.unwrap();
    assert_eq!(webp.content_type(), Some("image/webp"));
    assert_eq!(webp.filename(), Some("0000025.webp"));
    assert!(webp.bytes().await.unwrap().starts_with(b"RIFF"));
    for m in [original, preview, thumb] {
        m.assert_async().await;
    }
}

#[tokio::test]
async fn download_options_are_sent_in_order() {
    let mut server = mockito::Server::new_async().await;
    let mock = server
        .mock(
            "GET",
            "/api/documents/71/download/?original=true&version=76&follow_formatting=true",
        )
        .with_header("content-type", "application/pdf")
        .with_body("%PDF-1.7 v2")
        .expect(1)
        .create_async()
        .await;
    let thumb = server
        .mock("GET", "/api/documents/71/thumb/?version=73")
        .with_header("content-type", "image/webp")
        .with_body("RIFF")
        .expect(1)
        .create_async()
        .await;
    let documents = client(&server.url()).documents();
    let file = documents
        .download(71)
        .original(true)
        .version(76)
        .follow_formatting(true)
        .await
        .unwrap();
    assert_eq!(file.filename(), None);
    assert_eq!(&file.bytes().await.unwrap()[..], b"%PDF-1.7 v2");
    documents.thumbnail(71).version(73).await.unwrap();
    mock.assert_async().await;
    thumb.assert_async().await;
}

#[tokio::test]
async fn a_missing_file_is_not_found() {
    let mut server = mockito::Server::new_async().await;
    let (mock, _) = mock_capture(&mut server, "documents.download.missing_404").await;
    let err = client(&server.url())
        .documents()
        .download(99999)
        .await
        .unwrap_err();
    assert!(err.is_not_found());
    assert_eq!(
        err.to_string(),
        "GET /api/documents/99999/download/ returned 404 Not Found: Not found."
    );
    mock.assert_async().await;
}

#[tokio::test]
async fn save_to_writes_the_file_and_reports_io_errors() {
    let mut server = mockito::Server::new_async().await;
    let (mock, c) = mock_capture(&mut server, "documents.download.image_archived").await;
    let documents = client(&server.url()).documents();
    let path = temp_path("parking.pdf");
    let written = documents
        .download(35)
        .await
        .unwrap()
        .save_to(&path)
        .await
        .unwrap();
    assert_eq!(written, 56017);
    assert_eq!(std::fs::read(&path).unwrap(), c.body_bytes());
    std::fs::remove_file(&path).unwrap();
    mock.assert_async().await;

    let (again, _) = mock_capture(&mut server, "documents.download.image_archived").await;
    let nowhere = temp_path("missing-dir").join("file.pdf");
    let err = documents
        .download(35)
        .await
        .unwrap()
        .save_to(&nowhere)
        .await
        .unwrap_err();
    match &err {
        SaveError::Io { path, source } => {
            assert_eq!(path, &nowhere);
            assert_eq!(source.kind(), std::io::ErrorKind::NotFound);
        }
        other => panic!("expected an I/O error, got {other:?}"),
    }
    assert!(err.to_string().starts_with("cannot write the download to "));
    again.assert_async().await;
}

#[tokio::test]
async fn the_body_streams_as_it_arrives() {
    // The server sends the last chunk only after the client has read the first one: a client
    // that collected the body first would wait forever (and time out here).
    let (release_tx, release_rx) = tokio::sync::oneshot::channel::<()>();
    let release = std::sync::Arc::new(std::sync::Mutex::new(Some(release_rx)));
    let url = serve_body(move |_req| {
        let release = release.lock().unwrap().take();
        async move {
            let first = futures_util::stream::iter([Ok(Bytes::from_static(b"first,"))]);
            let last = futures_util::stream::once(async move {
                if let Some(rx) = release {
                    let _ = rx.await;
                }
                Ok(Bytes::from_static(b"last"))
            });
            http::Response::builder()
                .header("content-type", "application/pdf")
                .header("content-disposition", "attachment; filename=\"big.pdf\"")
                .body(stream_body(first.chain(last)))
                .unwrap()
        }
    })
    .await;
    let mut file = client(&url).documents().download(1).await.unwrap();
    assert_eq!(file.filename(), Some("big.pdf"));
    let first = tokio::time::timeout(Duration::from_secs(5), file.next())
        .await
        .expect("the first chunk arrives before the body is complete")
        .unwrap()
        .unwrap();
    assert_eq!(&first[..], b"first,");
    release_tx.send(()).unwrap();
    let rest = file.next().await.unwrap().unwrap();
    assert_eq!(&rest[..], b"last");
    assert!(file.next().await.is_none());
}

#[tokio::test]
async fn a_body_that_breaks_off_is_a_transport_error() {
    let url = serve_body(|_req| async {
        // The error comes a little later, so that the head and the first chunk are flushed.
        let first = futures_util::stream::iter([Ok(Bytes::from_static(b"0123456789"))]);
        let failure = futures_util::stream::once(async {
            tokio::time::sleep(Duration::from_millis(50)).await;
            Err(std::io::Error::other("disk gone"))
        });
        let chunks = first.chain(failure);
        http::Response::builder()
            .header("content-type", "application/pdf")
            .header("content-length", "100")
            .body(stream_body(chunks))
            .unwrap()
    })
    .await;
    let documents = client(&url).documents();
    let file = documents.download(7).await.unwrap();
    assert_eq!(file.content_length(), Some(100));
    let err = file.bytes().await.unwrap_err();
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    assert_eq!(
        err.to_string(),
        "GET /api/documents/7/download/ failed: the connection closed before the response was complete"
    );

    let path = temp_path("broken.pdf");
    let err = documents
        .download(7)
        .await
        .unwrap()
        .save_to(&path)
        .await
        .unwrap_err();
    assert!(
        matches!(err, SaveError::Download(Error::Transport(_))),
        "{err:?}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), b"0123456789");
    std::fs::remove_file(&path).unwrap();
}

#[tokio::test]
async fn bulk_download_posts_the_options_and_streams_the_zip() {
    let mut server = mockito::Server::new_async().await;
    let (mock, c) = mock_capture(&mut server, "documents.bulk_download.zip").await;
    let request = BulkDownload::new(DocumentSelection::documents([
        DocumentId(4),
        DocumentId(35),
    ]))
    .content(BulkDownloadContent::Both)
    .compression(BulkDownloadCompression::Deflated)
    .follow_formatting(true);
    let zip = client(&server.url())
        .documents()
        .bulk_download(&request)
        .await
        .unwrap();
    assert_eq!(zip.content_type(), Some("application/zip"));
    assert_eq!(zip.filename(), Some("documents.zip"));
    let bytes = zip.bytes().await.unwrap();
    assert_eq!(bytes.len(), 47056);
    assert_eq!(bytes, c.body_bytes());
    mock.assert_async().await;
}

#[tokio::test]
async fn share_links_download_without_credentials() {
    let mut server = mockito::Server::new_async().await;
    let slug = "Zm27svbpH0RPbc7bxXPSfrDObgZnP180FDidCawngJqbFN2PWq";
    let c = crate::documents_support::capture("share.public_download");
    let mock = server
        .mock("GET", format!("/share/{slug}").as_str())
        .match_header("authorization", Matcher::Missing)
        .with_header("content-type", c.header("content-type").unwrap())
        .with_header(
            "content-disposition",
            c.header("content-disposition").unwrap(),
        )
        .with_body(c.body_string())
        .expect(1)
        .create_async()
        .await;
    let (missing, _) = mock_capture(&mut server, "share.public_missing").await;
    let shares = PublicShares::new(BaseUrl::parse(&server.url()).unwrap()).unwrap();

    let file = shares.download(slug).await.unwrap().unwrap();
    assert_eq!(
        file.filename(),
        Some("2024-12-01 ACME Insurance Car insurance policy 2025.txt")
    );
    assert_eq!(file.disposition(), Some(&Disposition::Inline));
    let text = file.bytes().await.unwrap();
    assert!(text.starts_with(b"ACME Insurance - Motor Insurance Policy"));

    assert!(shares.download("doesnotexist").await.unwrap().is_none());
    mock.assert_async().await;
    missing.assert_async().await;
}

#[tokio::test]
async fn share_bundles_name_their_zip_and_say_when_they_are_not_ready() {
    let mut server = mockito::Server::new_async().await;
    let (bundle, _) = mock_capture(&mut server, "share.public_bundle_download").await;
    let pending = server
        .mock("GET", "/share/pendingbundle")
        .with_status(202)
        .with_header("content-type", "text/html; charset=utf-8")
        .with_body("The share link bundle is still being prepared. Please try again later.")
        .expect(1)
        .create_async()
        .await;
    let shares = PublicShares::from_client(client(&server.url()));
    let zip = shares
        .download("QDQS8rzVlV9NE8bID9pCVnhRYPp9axai3OCgtBM1Kdyp5TjMlt")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(zip.filename(), Some("paperless-share-QDQS8rzVlV9N.zip"));
    assert_eq!(zip.disposition(), Some(&Disposition::Attachment));
    assert!(zip.bytes().await.unwrap().starts_with(b"PK\x03\x04"));

    let err = shares.download("pendingbundle").await.unwrap_err();
    assert_eq!(err.status(), Some(http::StatusCode::ACCEPTED));
    // The slug is a credential: the error shows where, not which.
    assert_eq!(
        err.to_string(),
        "GET /share/<slug> returned 202 Accepted: The share link bundle is still being \
         prepared. Please try again later."
    );
    assert!(!format!("{err:?}").contains("pendingbundle"), "{err:?}");
    bundle.assert_async().await;
    pending.assert_async().await;
}

#[tokio::test]
async fn a_download_is_debuggable_without_its_body() {
    let url = serve_body(|_req| async {
        http::Response::builder()
            .header("content-type", "text/plain")
            .body(full_body("secret content"))
            .unwrap()
    })
    .await;
    let file = client(&url).documents().preview(5).await.unwrap();
    let debug = format!("{file:?}");
    assert!(debug.contains("documents.preview"), "{debug}");
    assert!(!debug.contains("secret content"), "{debug}");
}

#[tokio::test]
async fn a_share_slug_that_is_not_one_path_segment_is_refused_unsent() {
    let mut server = mockito::Server::new_async().await;
    let none = server
        .mock("GET", Matcher::Any)
        .expect(0)
        .create_async()
        .await;
    let shares = PublicShares::from_client(client(&server.url()));
    for slug in [
        "../api/documents/",
        "abc/def",
        "abc?page=2",
        "https://paperless.example.com/share/abc",
        "..",
        "",
    ] {
        let err = shares.download(slug).await.unwrap_err();
        assert!(matches!(err, Error::Invalid(_)), "{slug:?}: {err:?}");
        assert_eq!(
            err.to_string(),
            "invalid request, nothing was sent: share.download: a share link slug is the last \
             part of the link (letters and digits), without '/', '?' or the rest of the URL"
        );
    }
    none.assert_async().await;
}
