//! The tour of paperless-rs: every section of the PyPaperless README, in Rust. Each step prints
//! the Rust call, the HTTP requests it sent (when the tour runs on the test server, which logs
//! them) and its result.
//!
//! ```text
//! cargo run --example tour                      # an in-memory Paperless-ngx with demo data
//! PAPERLESS_URL=https://paperless.example.com PAPERLESS_TOKEN=... cargo run --example tour
//! PAPERLESS_URL=... PAPERLESS_TOKEN=... cargo run --example tour -- --write --document 23
//! ```
//!
//! With `PAPERLESS_URL` and `PAPERLESS_TOKEN` set, the client is `Paperless::from_env()`'s
//! (`PAPERLESS_API_VERSION=9` selects API version 9, also on the test server) and the tour only
//! reads, unless `--write` is given: then it creates, changes and deletes its own objects (a
//! correspondent, a note, an uploaded document, emptied from the trash at the end) and changes
//! one document's title and puts it back. On the test server, a throwaway, it always writes.
//! `--document N` chooses the document the per-document sections use.
//!
//! The exit status is 1 when any step failed.

#[path = "common/mod.rs"]
mod common;

use std::error::Error;
use std::fmt::Display;
use std::future::IntoFuture;
use std::process::ExitCode;

use futures_util::{StreamExt, TryStreamExt};
use paperless_client::api::documents::UploadFile;
use paperless_client::download::Download;
use paperless_client::types::correspondent::NewCorrespondent;
use paperless_client::types::matching::MatchingAlgorithm;
use paperless_client::types::post_document::NewDocument;
use paperless_client::types::{CorrespondentId, DocumentId};

type BoxError = Box<dyn Error>;

/// Runs and prints the steps, and remembers the failures.
struct Tour<'a> {
    server: &'a common::Server,
    writes: bool,
    steps: usize,
    failures: Vec<String>,
}

impl Tour<'_> {
    fn section(&self, title: &str) {
        println!("\n## {title}\n");
    }

    /// Runs one call: prints `code`, the requests it sent, and `show(result)` or the error.
    async fn step<T, E: Into<BoxError>>(
        &mut self,
        code: &str,
        call: impl IntoFuture<Output = Result<T, E>>,
        show: impl FnOnce(&T) -> String,
    ) -> Option<T> {
        self.steps += 1;
        if let Some(server) = self.server.test_server() {
            let _ = server.take_requests();
        }
        println!("{code}");
        let result = call.await.map_err(Into::into);
        self.print_requests();
        match result {
            Ok(value) => {
                println!("    = {}", show(&value));
                Some(value)
            }
            Err(error) => {
                println!("    FAILED: {error}");
                self.failures.push(format!("{code}: {error}"));
                None
            }
        }
    }

    /// The requests the test server received during the step (the first three of many).
    fn print_requests(&self) {
        let Some(server) = self.server.test_server() else {
            return;
        };
        let log = server.take_requests();
        let shown = if log.len() > 4 { 3 } else { log.len() };
        for request in log.iter().take(shown) {
            println!("    {request} -> {}", request.status);
        }
        if log.len() > shown {
            println!("    ... and {} more requests", log.len() - shown);
        }
    }

    /// Whether a write section runs; prints why not otherwise.
    fn may_write(&self, what: &str) -> bool {
        if !self.writes {
            println!("(not run: {what} changes data; pass --write to run it on your server)");
        }
        self.writes
    }
}

/// `--document N`.
fn document_arg() -> Result<Option<u64>, String> {
    let args: Vec<String> = std::env::args().collect();
    match args.iter().position(|a| a == "--document") {
        None => Ok(None),
        Some(i) => args
            .get(i + 1)
            .and_then(|v| v.parse().ok())
            .map(Some)
            .ok_or_else(|| "--document needs a document id".to_owned()),
    }
}

fn list<T: Display>(items: &[T], max: usize) -> String {
    let shown: Vec<String> = items.iter().take(max).map(ToString::to_string).collect();
    let more = if items.len() > max { ", ..." } else { "" };
    format!("[{}{more}]", shown.join(", "))
}

fn describe(file: &Download) -> String {
    format!(
        "{} {:?}, {:?}, {} bytes",
        file.content_type().unwrap_or("(no content type)"),
        file.filename().unwrap_or("(no file name)"),
        file.disposition(),
        file.content_length()
            .map_or_else(|| "unknown".to_owned(), |n| n.to_string()),
    )
}

/// Reads a download's body to the end, chunk by chunk; returns its length.
async fn drain(mut file: Download) -> Result<u64, BoxError> {
    let mut total = 0;
    while let Some(chunk) = file.next().await {
        total += chunk?.len() as u64;
    }
    Ok(total)
}

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("tour: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The tour; `Ok(false)` when a step failed.
async fn run() -> Result<bool, BoxError> {
    let chosen = document_arg()?;
    let (client, server) = common::connect().await?;
    let writes = server.writes_allowed();
    let mut tour = Tour {
        server: &server,
        writes,
        steps: 0,
        failures: Vec::new(),
    };
    let documents = client.documents();

    println!("paperless-rs tour: the PyPaperless README, section by section, in Rust");
    println!("server: {}", server.describe());
    println!(
        "mode: {}",
        if server.is_test_server() {
            "reads and writes (a throwaway server)"
        } else if writes {
            "reads and writes (--write)"
        } else {
            "read-only (pass --write to run the write sections)"
        }
    );

    tour.section("Initialization");
    if server.is_test_server() {
        println!(
            "let client = PaperlessBuilder::from_vars(/* the test server's URL and token */)?.build()?;"
        );
    } else {
        println!("let client = Paperless::from_env()?;   // PAPERLESS_URL, PAPERLESS_TOKEN");
    }
    println!("    (no request: nothing to initialize)");
    tour.step(
        "client.server_info().await?",
        client.server_info(),
        |info| {
            format!(
                "Paperless-ngx {}, newest API version {}; this client asks for {}",
                info.version,
                info.api_version,
                client.api_version().map_or_else(
                    || "none of this crate's versions".to_owned(),
                    |v| v.to_string()
                )
            )
        },
    )
    .await;

    // The document the per-document sections use: --document, 23 on the demo data (as in the
    // PyPaperless README), else the newest one.
    let id = match (chosen, server.is_test_server()) {
        (Some(id), _) => Some(DocumentId(id)),
        (None, true) => Some(DocumentId(23)),
        (None, false) => tour
            .step(
                "documents.list().page_size(1).fields([\"id\"]).send().await?",
                documents.list().page_size(1).fields(["id"]).send(),
                |page| format!("{} documents; the newest is used below", page.count),
            )
            .await
            .and_then(|page| page.items().first().map(|d| d.id)),
    };
    let Some(id) = id else {
        if tour.failures.is_empty() {
            println!("\nThe server has no documents: the rest of the tour needs one.");
        } else {
            println!("\nNo document to continue with: the rest of the tour needs one.");
        }
        return Ok(summary(&tour));
    };

    // ---------------------------------------------------------------------------------------
    tour.section("Requesting data: getting one item by primary key");
    let document = tour
        .step(
            &format!("documents.get({id}).await?"),
            documents.get(id),
            |d| {
                format!(
                    "Document {} {:?}: correspondent {}, document type {}, tags {}, has_search_hit {}",
                    d.id,
                    d.title(),
                    d.correspondent.map_or_else(|| "none".to_owned(), |c| c.to_string()),
                    d.document_type.map_or_else(|| "none".to_owned(), |t| t.to_string()),
                    list(&d.tags, 10),
                    d.has_search_hit()
                )
            },
        )
        .await;
    if let Some(type_id) = document.as_ref().and_then(|d| d.document_type) {
        let title = document.as_ref().map_or("", |d| d.title()).to_owned();
        tour.step(
            &format!("client.document_types().get({type_id}).await?"),
            client.document_types().get(type_id),
            |t| format!("Document '{title}' is a(n) {}.", t.name),
        )
        .await;
    }

    tour.section("Requesting data: retrieving a list of primary keys");
    tour.step("documents.ids().await?", documents.ids(), |ids| {
        format!("{} ids: {}", ids.len(), list(ids, 12))
    })
    .await;

    tour.section("Requesting data: iterating over resource items");
    let correspondent = document
        .as_ref()
        .and_then(|d| d.correspondent)
        .unwrap_or(CorrespondentId(1));
    tour.step(
        &format!(
            "let mut items = documents.stream(); while let Some(item) = items.try_next().await? {{ if item.correspondent == Some({correspondent}) {{ count += 1 }} }}"
        ),
        async {
            let (mut count, mut total) = (0, 0);
            let mut items = documents.stream();
            while let Some(item) = items.try_next().await? {
                total += 1;
                if item.correspondent == Some(correspondent) {
                    count += 1;
                }
            }
            Ok::<_, BoxError>((count, total))
        },
        |(count, total)| {
            format!(
                "{count} of {total} documents are currently stored for correspondent {correspondent}."
            )
        },
    )
    .await;

    tour.section("Requesting data: iterating over pages");
    let mut page_iter = documents.pages();
    for _ in 0..2 {
        tour.step(
            "page_iter.try_next().await?   // let mut page_iter = documents.pages();",
            page_iter.try_next(),
            |page| match page {
                Some(page) => format!(
                    "page {} of {}: {} items (page.number(), page.items())",
                    page.number(),
                    page.page_count().unwrap_or(1),
                    page.items().len()
                ),
                None => "no more pages".to_owned(),
            },
        )
        .await;
    }
    drop(page_iter);

    tour.section("Requesting data: reducing http requests (filters)");
    tour.step(
        &format!(
            "documents.list().param(\"correspondent__id\", {correspondent}).stream().try_collect::<Vec<_>>().await?"
        ),
        documents
            .list()
            .param("correspondent__id", correspondent)
            .stream()
            .try_collect::<Vec<_>>(),
        |docs| {
            format!(
                "{} documents are currently stored for correspondent {correspondent}.",
                docs.len()
            )
        },
    )
    .await;
    tour.step(
        &format!("documents.list().correspondent_id({correspondent}).ids().await?"),
        documents.list().correspondent_id(correspondent).ids(),
        |ids| format!("the same documents by the typed filter: {}", list(ids, 12)),
    )
    .await;

    // ---------------------------------------------------------------------------------------
    tour.section("Manipulating data: creating new items");
    let mut created = None;
    if tour.may_write("creating a correspondent") {
        let name = format!(
            "New correspondent (paperless-rs tour {})",
            std::process::id()
        );
        let draft = NewCorrespondent::new(name.clone())
            .matching_algorithm(MatchingAlgorithm::Any)
            .r#match(r#"any word "or small strings" match"#)
            .is_insensitive(false);
        created = tour
            .step(
                &format!(
                    "client.correspondents().create(&NewCorrespondent::new({name:?}).matching_algorithm(MatchingAlgorithm::Any).r#match(r#\"any word \"or small strings\" match\"#).is_insensitive(false)).await?"
                ),
                client.correspondents().create(&draft),
                |c| {
                    format!(
                        "correspondent {} {:?}, matching {:?} {:?}",
                        c.id, c.name, c.matching_algorithm, c.r#match
                    )
                },
            )
            .await;
    }

    tour.section("Manipulating data: updating existing items");
    if tour.may_write("updating a document") {
        let item = tour
            .step(
                &format!("let mut item = documents.edit({id}).await?;"),
                documents.edit(id),
                |item| format!("tracking document {} {:?}", item.id, item.title()),
            )
            .await;
        if let Some(mut item) = item {
            let old_title = item.title.clone();
            item.title = Some("New document title".to_owned());
            println!("item.title = Some(\"New document title\".into());");
            match item.changes() {
                Ok(changes) => println!(
                    "    item.changes() = {}",
                    serde_json::Value::Object(changes)
                ),
                Err(e) => println!("    item.changes() failed: {e}"),
            }
            tour.step(
                "item.save().await?   // PATCH: the changed fields only",
                item.save(),
                |()| "saved".to_owned(),
            )
            .await;
            tour.step(
                "item.replace().await?   // PUT: every field",
                item.replace(),
                |()| "replaced".to_owned(),
            )
            .await;
            println!("    item.title() = {:?}", item.title());
            item.title = old_title;
            tour.step(
                "item.title = old_title; item.save().await?   // put it back",
                item.save(),
                |()| "saved".to_owned(),
            )
            .await;
            println!("    item.title() = {:?}", item.title());
        }
    }

    tour.section("Manipulating data: deleting items");
    if let Some(created) = &created {
        tour.step(
            &format!("client.correspondents().delete({}).await?", created.id),
            client.correspondents().delete(created.id),
            |()| "deleted (204 No Content)".to_owned(),
        )
        .await;
        tour.step(
            &format!("client.correspondents().get_opt({}).await?", created.id),
            async {
                match client.correspondents().get_opt(created.id).await? {
                    None => Ok(None::<()>),
                    Some(_) => Err(BoxError::from("the deleted correspondent is still there")),
                }
            },
            |_| "None: it is gone".to_owned(),
        )
        .await;
        println!("(documents are deleted the same way: see the upload section below)");
    } else {
        tour.may_write("deleting");
    }

    // ---------------------------------------------------------------------------------------
    tour.section("Special cases: document binary data");
    tour.step(
        &format!("documents.download({id}).await?   // then read the stream to the end"),
        async {
            let file = documents.download(id).await?;
            let shown = describe(&file);
            let read = drain(file).await?;
            Ok::<_, BoxError>(format!("{shown}; read {read} bytes"))
        },
        Clone::clone,
    )
    .await;
    tour.step(
        &format!("documents.preview({id}).await?   // dropped unread: the body is never fetched"),
        documents.preview(id),
        describe,
    )
    .await;
    if let Some(document) = &document {
        tour.step(
            "documents.thumbnail(&document).await?.bytes().await?   // an already fetched item",
            async { documents.thumbnail(document).await?.bytes().await },
            |bytes| format!("{} bytes of image", bytes.len()),
        )
        .await;
    }

    tour.section("Special cases: document metadata");
    tour.step(
        &format!("documents.metadata({id}).await?"),
        documents.metadata(id),
        |m| {
            format!(
                "{:?}, {} bytes, {}, checksum {}, archive version: {}, lang {:?}",
                m.original_filename.as_deref().unwrap_or("?"),
                m.original_size.unwrap_or(0),
                m.original_mime_type.as_deref().unwrap_or("?"),
                m.original_checksum.as_deref().unwrap_or("?"),
                m.has_archive_version,
                m.lang.as_deref().unwrap_or("?"),
            )
        },
    )
    .await;

    tour.section("Special cases: document notes");
    tour.step(
        &format!("documents.notes({id}).await?"),
        documents.notes(id),
        |notes| {
            format!(
                "{} note(s): {}",
                notes.len(),
                list(
                    &notes
                        .iter()
                        .map(|n| format!("#{} {:?}", n.id, n.note))
                        .collect::<Vec<_>>(),
                    3
                )
            )
        },
    )
    .await;
    if tour.may_write("adding a note") {
        let after = tour
            .step(
                &format!("documents.add_note({id}, \"Lorem ipsum\").await?"),
                documents.add_note(id, "Lorem ipsum"),
                |added| format!("the document has {} note(s) now", added.notes.len()),
            )
            .await;
        let note = after.map(|added| added.note);
        if let Some(note) = note {
            tour.step(
                &format!("documents.delete_note({id}, {}).await?", note.id),
                documents.delete_note(id, note.id),
                |notes| format!("deleted; {} note(s) remain", notes.len()),
            )
            .await;
        }
    }

    tour.section("Special cases: document searching");
    let hits = tour
        .step(
            "documents.search(\"type:invoice\").stream().try_collect::<Vec<_>>().await?",
            documents
                .search("type:invoice")
                .stream()
                .try_collect::<Vec<_>>(),
            |hits| {
                let top: Vec<String> = hits
                    .iter()
                    .take(3)
                    .map(|d| {
                        let score = d.search_hit.as_ref().map_or(0.0, |h| h.score);
                        format!("{} matched query by {score}", d.id)
                    })
                    .collect();
                format!("{} documents; {}", hits.len(), top.join(", "))
            },
        )
        .await;
    let like = hits.as_ref().and_then(|h| h.first()).map_or(id, |d| d.id);
    tour.step(
        &format!("documents.more_like({like}).send().await?   // the first page"),
        documents.more_like(like).send(),
        |page| {
            format!(
                "{} similar documents, first {}",
                page.count,
                list(&page.items().iter().map(|d| d.id).collect::<Vec<_>>(), 5)
            )
        },
    )
    .await;

    tour.section("Special cases: document suggestions");
    tour.step(
        &format!("documents.suggestions({id}).await?"),
        documents.suggestions(id),
        |s| {
            format!(
                "correspondents {}, tags {}, document types {}, storage paths {}, dates {}",
                list(&s.correspondents, 5),
                list(&s.tags, 5),
                list(&s.document_types, 5),
                list(&s.storage_paths, 5),
                list(&s.dates, 5)
            )
        },
    )
    .await;

    tour.section("Special cases: next available ASN");
    tour.step("documents.next_asn().await?", documents.next_asn(), |asn| {
        asn.to_string()
    })
    .await;

    // ---------------------------------------------------------------------------------------
    tour.section("Uploading a document and waiting for it");
    if tour.may_write("uploading a document") {
        let text = format!(
            "paperless-rs tour upload {}\nInvoice number: TOUR-0001\nTotal amount due: EUR 12.34\n",
            std::process::id()
        );
        let task = tour
            .step(
                "documents.post_document(UploadFile::from_bytes(text, \"tour.txt\"), &NewDocument::new().title(\"paperless-rs tour\")).await?",
                documents.post_document(
                    UploadFile::from_bytes(text.clone().into_bytes(), "tour.txt"),
                    &NewDocument::new().title("paperless-rs tour"),
                ),
                |task| format!("queued as task {}", task.task_id()),
            )
            .await;
        let uploaded = match task {
            Some(task) => {
                tour.step("task.wait().await?", task.wait(), |doc| {
                    format!("consumed as document {} {:?}", doc.id, doc.title())
                })
                .await
            }
            None => None,
        };
        if let Some(uploaded) = uploaded {
            let new_id = uploaded.id;
            tour.step(
                &format!("documents.download({new_id}).await?.bytes().await?"),
                async {
                    let bytes = documents.download(new_id).await?.bytes().await?;
                    if bytes.as_ref() == text.as_bytes() {
                        Ok(bytes.len())
                    } else {
                        Err(BoxError::from(
                            "the downloaded file differs from the uploaded one",
                        ))
                    }
                },
                |n| format!("{n} bytes, the same as uploaded"),
            )
            .await;
            tour.step(
                &format!("documents.delete({new_id}).await?   // to the trash"),
                documents.delete(new_id),
                |()| "deleted".to_owned(),
            )
            .await;
            tour.step(
                &format!("documents.get_opt({new_id}).await?"),
                async {
                    match documents.get_opt(new_id).await? {
                        None => Ok(()),
                        Some(_) => Err(BoxError::from("the deleted document is still there")),
                    }
                },
                |()| "None: it is in the trash".to_owned(),
            )
            .await;
            tour.step(
                &format!("client.trash().empty([{new_id}]).await?   // for good"),
                client.trash().empty([new_id]),
                |result| {
                    let ids = result.doc_ids.clone().unwrap_or_default();
                    format!("{}, documents {}", result.result, list(&ids, 5))
                },
            )
            .await;
        }
    }

    Ok(summary(&tour))
}

/// Prints the outcome; `true` when every step passed.
fn summary(tour: &Tour<'_>) -> bool {
    println!();
    if tour.failures.is_empty() {
        println!("tour: all {} steps passed", tour.steps);
        true
    } else {
        println!(
            "tour: {} of {} steps failed:",
            tour.failures.len(),
            tour.steps
        );
        for failure in &tour.failures {
            println!("  - {failure}");
        }
        false
    }
}
