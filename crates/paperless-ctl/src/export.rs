//! `export DIR`: an incremental mirror of the archive.
//!
//! Layout: `DIR/manifest.json`, and per document `DIR/<id>/document.json` (its metadata, names
//! resolved), `DIR/<id>/original.<ext>` and, when the server has one, `DIR/<id>/archive.pdf`.
//! The manifest records each document's `modified` and the SHA-256 of each file written. A run
//! re-fetches a document when its `modified` changed, a file is missing, or a file's checksum no
//! longer matches the manifest; it removes nothing unless `--delete`. The manifest is written
//! (temp file + rename) every few documents and at the end, so an interrupted run resumes where
//! it stopped; files are written to a temporary name and renamed when complete.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use futures_util::TryStreamExt;
use paperless_client::Paperless;
use paperless_client::types::DocumentId;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tokio::sync::Semaphore;

use crate::Ctx;
use crate::cli::ExportArgs;
use crate::documents::doc_stream;
use crate::fail::{CliResult, Fail, code};
use crate::progress::Transfer;

/// The manifest file's content.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Manifest {
    /// By document id.
    documents: BTreeMap<u64, Entry>,
}

/// One exported document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct Entry {
    /// The document's `modified` when it was exported.
    modified: String,
    /// File name (in the document's directory) → SHA-256.
    files: BTreeMap<String, String>,
}

fn sha256_file(path: &Path) -> std::io::Result<String> {
    use sha2::Digest;
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    let mut hasher = sha2::Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)
}

fn save_manifest(dir: &Path, manifest: &Manifest) -> CliResult {
    let text = serde_json::to_vec_pretty(manifest)?;
    write_atomic(&dir.join("manifest.json"), &text)?;
    Ok(())
}

/// Whether the exported files of `entry` are all there with their checksums.
fn intact(dir: &Path, entry: &Entry) -> bool {
    !entry.files.is_empty()
        && entry
            .files
            .iter()
            .all(|(name, sum)| sha256_file(&dir.join(name)).is_ok_and(|s| &s == sum))
}

async fn fetch_file(
    client: &Paperless,
    id: DocumentId,
    original: bool,
    target: &Path,
    transfer: &Transfer,
) -> CliResult<(String, u64)> {
    let download = client
        .documents()
        .download(id)
        .original(original)
        .send()
        .await?;
    let tmp = target.with_extension("part");
    let bytes = crate::files::save_counting(download, &tmp, transfer).await?;
    std::fs::rename(&tmp, target)?;
    Ok((sha256_file(target)?, bytes))
}

/// Exports one document: its files and sidecar. Returns the entry and the bytes fetched.
async fn export_one(
    client: Paperless,
    doc: Value,
    sidecar: Value,
    dir: PathBuf,
    transfer: Arc<Transfer>,
) -> CliResult<(Entry, u64)> {
    let id = doc.get("id").and_then(Value::as_u64).unwrap_or_default();
    let doc_dir = dir.join(id.to_string());
    std::fs::create_dir_all(&doc_dir)?;
    let ext = doc
        .get("original_file_name")
        .and_then(Value::as_str)
        .and_then(|n| n.rsplit_once('.'))
        .map(|(_, e)| crate::files::sanitize(e, "bin"))
        .unwrap_or_else(|| "bin".to_owned());
    let mut entry = Entry {
        modified: crate::output::cell(doc.get("modified")),
        files: BTreeMap::new(),
    };
    let original = format!("original.{ext}");
    let (sum, mut bytes) = fetch_file(
        &client,
        DocumentId(id),
        true,
        &doc_dir.join(&original),
        &transfer,
    )
    .await?;
    // The server's checksum of the original (API 10: the root version's), when it says one.
    let server_sum = doc
        .get("versions")
        .and_then(Value::as_array)
        .and_then(|v| {
            v.iter()
                .find(|v| v.get("id").and_then(Value::as_u64) == Some(id))
        })
        .and_then(|v| v.get("checksum"))
        .and_then(Value::as_str);
    if let Some(expected) = server_sum
        && !expected.eq_ignore_ascii_case(&sum)
    {
        return Err(Fail::new(
            code::SERVER,
            format!("document {id}: the original's checksum {sum} is not the server's {expected}"),
        ));
    }
    entry.files.insert(format!("{id}/{original}"), sum);
    if doc.get("archived_file_name").is_some_and(|v| !v.is_null()) {
        let (sum, n) = fetch_file(
            &client,
            DocumentId(id),
            false,
            &doc_dir.join("archive.pdf"),
            &transfer,
        )
        .await?;
        bytes += n;
        entry.files.insert(format!("{id}/archive.pdf"), sum);
    }
    let text = serde_json::to_vec_pretty(&sidecar)?;
    write_atomic(&doc_dir.join("document.json"), &text)?;
    entry.files.insert(
        format!("{id}/document.json"),
        sha256_file(&doc_dir.join("document.json"))?,
    );
    Ok((entry, bytes))
}

/// `paperless export DIR`.
pub async fn export(ctx: &mut Ctx, a: ExportArgs) -> CliResult {
    let started = Instant::now();
    let dir = a.dir.clone();
    std::fs::create_dir_all(&dir)?;
    let mut manifest: Manifest = match std::fs::read(dir.join("manifest.json")) {
        Ok(bytes) => serde_json::from_slice(&bytes)
            .map_err(|e| Fail::usage(format!("{}: {e}", dir.join("manifest.json").display())))?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Manifest::default(),
        Err(e) => return Err(e.into()),
    };
    if a.delete && a.filters.limit.is_some() {
        return Err(Fail::usage(
            "--delete with --limit would remove every document beyond the limit: drop one of them",
        ));
    }
    let mut items = doc_stream(ctx, &a.filters).await?;
    let mut seen = Vec::new();
    let mut todo = Vec::new();
    let all: Vec<String> = [
        "tags",
        "correspondent",
        "document_type",
        "storage_path",
        "custom_fields",
    ]
    .map(String::from)
    .to_vec();
    let mut unchanged = 0u64;
    while let Some(doc) = items.try_next().await? {
        let value = serde_json::to_value(&doc)?;
        let id = doc.id.0;
        seen.push(id);
        let modified = crate::output::cell(value.get("modified"));
        if let Some(entry) = manifest.documents.get(&id)
            && entry.modified == modified
            && intact(&dir, entry)
        {
            unchanged += 1;
            continue;
        }
        let mut sidecar = value.clone();
        ctx.names.resolve_document(&mut sidecar, &all).await?;
        todo.push((value, sidecar));
    }
    let limit = Arc::new(Semaphore::new(a.jobs.max(1)));
    let transfer = Transfer::new(ctx.progress, "exporting", todo.len() as u64, 0);
    let mut tasks = Vec::new();
    for (doc, sidecar) in todo {
        let id = doc.get("id").and_then(Value::as_u64).unwrap_or_default();
        let (client, dir, limit) = (ctx.client.clone(), dir.clone(), limit.clone());
        let transfer = transfer.clone();
        tasks.push((
            id,
            tokio::spawn(async move {
                let _permit = limit.acquire_owned().await;
                let line = transfer.line(format!("document {id}"));
                let r = export_one(client, doc, sidecar, dir, transfer.clone()).await;
                drop(line);
                transfer.file_done();
                r
            }),
        ));
    }
    let (mut fetched, mut failed, mut bytes) = (0u64, 0u64, 0u64);
    for (i, (id, task)) in tasks.into_iter().enumerate() {
        match task.await {
            Ok(Ok((entry, n))) => {
                fetched += 1;
                bytes += n;
                manifest.documents.insert(id, entry);
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
        if i % 25 == 24 {
            save_manifest(&dir, &manifest)?;
        }
    }
    transfer.finish();
    let mut removed = 0u64;
    if a.delete {
        let gone: Vec<u64> = manifest
            .documents
            .keys()
            .filter(|id| !seen.contains(id))
            .copied()
            .collect();
        for id in gone {
            let _ = std::fs::remove_dir_all(dir.join(id.to_string()));
            manifest.documents.remove(&id);
            removed += 1;
        }
    }
    save_manifest(&dir, &manifest)?;
    let secs = started.elapsed().as_secs_f64().max(0.001);
    let summary = format!(
        "{fetched} fetched ({bytes} bytes, {:.0} documents/s), {unchanged} unchanged, {removed} removed, {failed} failed",
        fetched as f64 / secs
    );
    if failed > 0 {
        return Err(Fail::new(code::PARTIAL, summary));
    }
    ctx.note(summary);
    Ok(())
}
