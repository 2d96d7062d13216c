//! `upload` and `download`.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use paperless_client::WaitError;
use paperless_client::api::documents::{UploadFile, UploadProgress};
use paperless_client::download::Download;
use paperless_client::types::post_document::NewDocument;
use paperless_client::types::{CorrespondentId, DocumentId, DocumentTypeId, StoragePathId, TagId};
use tokio::sync::Semaphore;

use crate::Ctx;
use crate::cli::{DownloadArgs, UploadArgs};
use crate::documents::doc_ids;
use crate::fail::{CliResult, Fail, code};
use crate::names::Kind;
use crate::progress::{SentCounter, Transfer};

fn collect(paths: &[PathBuf], recursive: bool, out: &mut Vec<PathBuf>) -> CliResult {
    for p in paths {
        let meta =
            std::fs::metadata(p).map_err(|e| Fail::usage(format!("{}: {e}", p.display())))?;
        if meta.is_dir() {
            if !recursive {
                return Err(Fail::usage(format!(
                    "{} is a directory: pass --recursive",
                    p.display()
                )));
            }
            let mut entries: Vec<PathBuf> = std::fs::read_dir(p)?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|e| {
                    !e.file_name()
                        .is_some_and(|n| n.to_string_lossy().starts_with('.'))
                })
                .collect();
            entries.sort();
            collect(&entries, recursive, out)?;
        } else {
            out.push(p.clone());
        }
    }
    Ok(())
}

/// The outcome of one file.
enum Outcome {
    Consumed(DocumentId, String),
    Queued(String),
    Duplicate(Option<DocumentId>),
    Skipped(DocumentId),
    Failed(String),
}

/// `paperless upload`.
pub async fn upload(ctx: &mut Ctx, a: UploadArgs) -> CliResult {
    let mut files = Vec::new();
    collect(&a.paths, a.recursive, &mut files)?;
    let wait = if a.no_wait {
        false
    } else {
        a.wait || std::io::IsTerminal::is_terminal(&std::io::stdout())
    };
    let mut meta = NewDocument::new();
    if let Some(t) = &a.title {
        meta = meta.title(t.clone());
    }
    if !a.tag.is_empty() {
        let ids = ctx.names.ids(Kind::Tag, &a.tag).await?;
        meta = meta.tags(ids.into_iter().map(TagId));
    }
    if let Some(c) = &a.correspondent {
        meta = meta.correspondent(CorrespondentId(ctx.names.id(Kind::Correspondent, c).await?));
    }
    if let Some(c) = &a.document_type {
        meta = meta.document_type(DocumentTypeId(ctx.names.id(Kind::DocumentType, c).await?));
    }
    if let Some(c) = &a.storage_path {
        meta = meta.storage_path(StoragePathId(ctx.names.id(Kind::StoragePath, c).await?));
    }
    if let Some(asn) = a.asn {
        meta = meta.archive_serial_number(asn);
    }
    if let Some(c) = &a.created {
        let date = c
            .parse()
            .map_err(|_| Fail::usage(format!("--created '{c}': expected YYYY-MM-DD")))?;
        meta = meta.created(date);
    }
    let meta = Arc::new(meta);
    let limit = Arc::new(Semaphore::new(a.jobs.max(1)));
    let bytes: u64 = files
        .iter()
        .map(|p| std::fs::metadata(p).map_or(0, |m| m.len()))
        .sum();
    let transfer = Transfer::new(ctx.progress, "uploading", files.len() as u64, bytes);
    let mut tasks = Vec::new();
    for path in files.clone() {
        let client = ctx.client.clone();
        let meta = meta.clone();
        let limit = limit.clone();
        let transfer = transfer.clone();
        let (skip, timeout) = (a.skip_existing, a.timeout);
        tasks.push(tokio::spawn(async move {
            let _permit = limit.acquire_owned().await;
            let outcome = upload_one(&client, &path, &meta, skip, wait, timeout, &transfer).await;
            transfer.file_done();
            outcome
        }));
    }
    let (mut consumed, mut queued, mut duplicate, mut failed, mut skipped) = (0, 0, 0, 0, 0);
    for (path, task) in files.iter().zip(tasks) {
        let outcome = task
            .await
            .unwrap_or_else(|e| Outcome::Failed(format!("interrupted: {e}")));
        let name = path.display();
        let line = match outcome {
            Outcome::Consumed(id, title) => {
                consumed += 1;
                format!("{name}: document {id} \"{title}\"")
            }
            Outcome::Queued(task) => {
                queued += 1;
                format!("{name}: queued as task {task}")
            }
            Outcome::Duplicate(of) => {
                duplicate += 1;
                match of {
                    Some(d) => format!("{name}: duplicate of document {d}"),
                    None => format!("{name}: duplicate"),
                }
            }
            Outcome::Skipped(of) => {
                skipped += 1;
                format!("{name}: skipped, already on the server as document {of}")
            }
            Outcome::Failed(why) => {
                failed += 1;
                format!("{name}: failed: {why}")
            }
        };
        if !ctx.quiet {
            transfer.println(&line);
        }
    }
    transfer.finish();
    let summary = if wait {
        format!("{consumed} consumed, {duplicate} duplicate, {failed} failed, {skipped} skipped")
    } else {
        format!("{queued} queued, {failed} failed, {skipped} skipped")
    };
    if failed + duplicate > 0 {
        return Err(Fail::new(code::PARTIAL, summary));
    }
    ctx.note(summary);
    Ok(())
}

async fn upload_one(
    client: &paperless_client::Paperless,
    path: &Path,
    meta: &NewDocument,
    skip: bool,
    wait: bool,
    timeout: u64,
    transfer: &Arc<Transfer>,
) -> Outcome {
    let name = path.display().to_string();
    let file_len = std::fs::metadata(path).map_or(0, |m| m.len());
    let counter = Arc::new(SentCounter::new(
        transfer.clone(),
        transfer.line(format!("{name}: opening")),
        name.clone(),
        file_len,
    ));
    let outcome = upload_steps(client, path, meta, skip, wait, timeout, &counter).await;
    // Whatever happened, the file's bytes are done with: the bar reaches its end.
    counter.settle();
    outcome
}

async fn upload_steps(
    client: &paperless_client::Paperless,
    path: &Path,
    meta: &NewDocument,
    skip: bool,
    wait: bool,
    timeout: u64,
    counter: &Arc<SentCounter>,
) -> Outcome {
    let name = path.display();
    let mut file = match UploadFile::open(path).await {
        Ok(f) => f,
        Err(e) => return Outcome::Failed(e.to_string()),
    };
    let documents = client.documents();
    if skip {
        counter
            .line()
            .set(format!("{name}: looking up its checksum"));
        match documents.find_duplicate(&mut file).await {
            Ok(Some(id)) => return Outcome::Skipped(id),
            Ok(None) => {}
            Err(e) => return Outcome::Failed(crate::fail::first_line(&e.to_string())),
        }
    }
    let progress = counter.clone();
    let file = file.on_progress(move |p| match p {
        UploadProgress::Sent { sent, total } => progress.sent(sent, total),
        UploadProgress::Server(step) => progress.line().set(format!(
            "{}: {} ({}/{})",
            progress.name(),
            step.message,
            step.progress,
            step.max_progress
        )),
        _ => {}
    });
    let task = match documents.post_document(file, meta).await {
        Ok(t) => t,
        Err(e) => return Outcome::Failed(crate::fail::first_line(&e.to_string())),
    };
    if !wait {
        return Outcome::Queued(task.task_id().as_str().to_owned());
    }
    counter.line().set(format!("{name}: consuming"));
    match task
        .wait()
        .poll_interval(Duration::from_millis(200))
        .timeout(Duration::from_secs(timeout))
        .send()
        .await
    {
        Ok(doc) => {
            if let Some(d) = doc.duplicate_documents.first() {
                return Outcome::Duplicate(Some(d.id));
            }
            Outcome::Consumed(doc.id, doc.title().to_owned())
        }
        Err(WaitError::Duplicate { duplicate_of, .. }) => Outcome::Duplicate(Some(duplicate_of)),
        Err(WaitError::Failed { message, .. }) => {
            Outcome::Failed(crate::fail::first_line(&message))
        }
        Err(e) => Outcome::Failed(e.to_string()),
    }
}

/// A server-given file name made safe for one directory: no path separators, no `..`, no
/// control characters, not empty, at most 190 bytes (the extension kept; a collision suffix stays under 200).
pub fn sanitize(name: &str, fallback: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').trim().to_owned();
    let cleaned = if cleaned.is_empty() || cleaned.chars().all(|c| c == '_' || c == '.') {
        fallback.to_owned()
    } else {
        cleaned
    };
    shorten(&cleaned, 190)
}

fn shorten(name: &str, max: usize) -> String {
    if name.len() <= max {
        return name.to_owned();
    }
    let (stem, ext) = match name.rfind('.') {
        Some(i) if name.len() - i <= 10 && i > 0 => (&name[..i], &name[i..]),
        _ => (name, ""),
    };
    let mut cut = max - ext.len();
    while !stem.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}{ext}", &stem[..cut])
}

/// A path in `dir` for `name` that exists nowhere yet: `name`, `name (1)`, ... Reserves it by
/// creating it empty, so concurrent downloads cannot pick the same one.
pub fn unique_path(dir: &Path, name: &str) -> std::io::Result<PathBuf> {
    let (stem, ext) = match name.rfind('.') {
        Some(i) if i > 0 => (&name[..i], &name[i..]),
        _ => (name, ""),
    };
    for n in 0..10_000 {
        let candidate = if n == 0 {
            dir.join(name)
        } else {
            dir.join(format!("{stem} ({n}){ext}"))
        };
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&candidate)
        {
            Ok(_) => return Ok(candidate),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other("no free file name"))
}

/// Fetches one file of `id` into `dir`: a temporary file renamed when complete.
pub async fn download_one(
    client: &paperless_client::Paperless,
    id: DocumentId,
    dir: &Path,
    kind: FileKind,
    transfer: &Transfer,
) -> CliResult<(PathBuf, u64)> {
    let documents = client.documents();
    let download = match kind {
        FileKind::Archived => documents.download(id).send().await?,
        FileKind::Original => documents.download(id).original(true).send().await?,
        FileKind::Preview => documents.preview(id).send().await?,
        FileKind::Thumbnail => documents.thumbnail(id).send().await?,
    };
    let fallback = format!("document-{id}");
    let name = sanitize(download.filename().unwrap_or(&fallback), &fallback);
    let tmp = dir.join(format!(".paperless-{id}-{}.part", std::process::id()));
    let line = transfer.line(format!("{name}: downloading"));
    let bytes = save_counting(download, &tmp, transfer).await;
    drop(line);
    let bytes = match bytes {
        Ok(n) => n,
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            return Err(e);
        }
    };
    let target = unique_path(dir, &name)?;
    if let Err(e) = std::fs::rename(&tmp, &target) {
        let _ = std::fs::remove_file(&tmp);
        let _ = std::fs::remove_file(&target);
        return Err(e.into());
    }
    Ok((target, bytes))
}

/// Writes a download to `path` chunk by chunk, counting its bytes into `transfer` (its length
/// from `Content-Length` when the server sends one, else as the bytes arrive).
pub async fn save_counting(
    mut download: Download,
    path: &Path,
    transfer: &Transfer,
) -> CliResult<u64> {
    use futures_util::StreamExt;
    use tokio::io::AsyncWriteExt;
    let known = download.content_length();
    if let Some(len) = known {
        transfer.add_length(len);
    }
    let io = |e: std::io::Error| Fail::new(code::OTHER, format!("{}: {e}", path.display()));
    let mut file = tokio::fs::File::create(path).await.map_err(io)?;
    let mut written = 0u64;
    while let Some(chunk) = download.next().await {
        let chunk = chunk?;
        file.write_all(&chunk).await.map_err(io)?;
        let n = chunk.len() as u64;
        written += n;
        if known.is_none_or(|len| written > len) {
            transfer.add_length(n);
        }
        transfer.moved(n);
    }
    file.flush().await.map_err(io)?;
    Ok(written)
}

/// Which file of a document.
#[derive(Debug, Clone, Copy)]
pub enum FileKind {
    /// The archived PDF (or the original when there is none).
    Archived,
    /// The original upload.
    Original,
    /// The preview.
    Preview,
    /// The thumbnail.
    Thumbnail,
}

/// `paperless download`.
pub async fn download(ctx: &mut Ctx, a: DownloadArgs) -> CliResult {
    let kind = if a.thumbnail {
        FileKind::Thumbnail
    } else if a.preview {
        FileKind::Preview
    } else if a.original {
        FileKind::Original
    } else {
        FileKind::Archived
    };
    std::fs::create_dir_all(&a.dir)?;
    let ids: Vec<DocumentId> = if a.ids.is_empty() {
        doc_ids(ctx, &a.filters).await?
    } else {
        a.ids.iter().copied().map(DocumentId).collect()
    };
    let limit = Arc::new(Semaphore::new(a.jobs.max(1)));
    let transfer = Transfer::new(ctx.progress, "downloading", ids.len() as u64, 0);
    let mut tasks = Vec::new();
    for id in ids.clone() {
        let client = ctx.client.clone();
        let dir = a.dir.clone();
        let limit = limit.clone();
        let transfer = transfer.clone();
        tasks.push(tokio::spawn(async move {
            let _permit = limit.acquire_owned().await;
            let r = download_one(&client, id, &dir, kind, &transfer).await;
            transfer.file_done();
            r
        }));
    }
    let (mut ok, mut failed, mut total) = (0, 0, 0u64);
    for (id, task) in ids.iter().zip(tasks) {
        match task.await {
            Ok(Ok((path, bytes))) => {
                ok += 1;
                total += bytes;
                if !ctx.quiet {
                    transfer.println(&path.display().to_string());
                }
            }
            Ok(Err(e)) => {
                failed += 1;
                transfer.eprintln(&format!("document {id}: {e}"));
            }
            Err(e) => {
                failed += 1;
                transfer.eprintln(&format!("document {id}: {e}"));
            }
        }
    }
    transfer.finish();
    let summary = format!("{ok} downloaded ({total} bytes), {failed} failed");
    if failed > 0 {
        return Err(Fail::new(code::PARTIAL, summary));
    }
    ctx.note(summary);
    Ok(())
}
