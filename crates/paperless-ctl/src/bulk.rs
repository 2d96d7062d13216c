//! `bulk-edit`: one request for many documents, with `--dry-run`.

use paperless_client::types::bulk_edit::{
    BulkEdit, BulkEditOperation, DocumentSelection, RotateDocuments,
};
use paperless_client::types::{CorrespondentId, DocumentId, DocumentTypeId, StoragePathId, TagId};
use serde_json::{Value, json};

use crate::Ctx;
use crate::cli::BulkEditArgs;
use crate::documents::doc_ids;
use crate::fail::{CliResult, Fail};
use crate::names::Kind;
use crate::server::ask;

/// One planned request: its path and JSON body.
enum Planned {
    Edit(BulkEdit),
    Delete(DocumentSelection),
    Reprocess(DocumentSelection),
    Rotate(RotateDocuments),
}

impl Planned {
    fn describe(&self) -> CliResult<Value> {
        Ok(match self {
            Planned::Edit(e) => {
                json!({"POST": "/api/documents/bulk_edit/", "body": serde_json::to_value(e)?})
            }
            Planned::Delete(s) => {
                json!({"POST": "/api/documents/delete/", "body": serde_json::to_value(s)?})
            }
            Planned::Reprocess(s) => {
                json!({"POST": "/api/documents/reprocess/", "body": serde_json::to_value(s)?})
            }
            Planned::Rotate(r) => {
                json!({"POST": "/api/documents/rotate/", "body": serde_json::to_value(r)?})
            }
        })
    }
}

async fn optional<T>(
    ctx: &mut Ctx,
    kind: Kind,
    given: &str,
    wrap: fn(u64) -> T,
) -> CliResult<Option<T>> {
    if given.eq_ignore_ascii_case("none") {
        Ok(None)
    } else {
        Ok(Some(wrap(ctx.names.id(kind, given).await?)))
    }
}

/// `paperless bulk-edit`.
pub async fn bulk_edit(ctx: &mut Ctx, a: BulkEditArgs) -> CliResult {
    let ids: Vec<DocumentId> = if a.ids.is_empty() {
        doc_ids(ctx, &a.filters).await?
    } else {
        a.ids.iter().copied().map(DocumentId).collect()
    };
    let selection = DocumentSelection::documents(ids.iter().copied());
    let mut plan = Vec::new();
    if !a.add_tag.is_empty() || !a.remove_tag.is_empty() {
        let add = ctx.names.ids(Kind::Tag, &a.add_tag).await?;
        let remove = ctx.names.ids(Kind::Tag, &a.remove_tag).await?;
        let op = BulkEditOperation::modify_tags(
            add.into_iter().map(TagId),
            remove.into_iter().map(TagId),
        );
        plan.push(Planned::Edit(BulkEdit::new(selection.clone(), op)));
    }
    if let Some(c) = &a.set_correspondent {
        let id = optional(ctx, Kind::Correspondent, c, CorrespondentId).await?;
        plan.push(Planned::Edit(BulkEdit::new(
            selection.clone(),
            BulkEditOperation::set_correspondent(id),
        )));
    }
    if let Some(c) = &a.set_type {
        let id = optional(ctx, Kind::DocumentType, c, DocumentTypeId).await?;
        plan.push(Planned::Edit(BulkEdit::new(
            selection.clone(),
            BulkEditOperation::set_document_type(id),
        )));
    }
    if let Some(c) = &a.set_storage_path {
        let id = optional(ctx, Kind::StoragePath, c, StoragePathId).await?;
        plan.push(Planned::Edit(BulkEdit::new(
            selection.clone(),
            BulkEditOperation::set_storage_path(id),
        )));
    }
    if let Some(degrees) = a.rotate {
        plan.push(Planned::Rotate(RotateDocuments::new(
            selection.clone(),
            degrees,
        )));
    }
    if a.reprocess {
        plan.push(Planned::Reprocess(selection.clone()));
    }
    if a.delete {
        plan.push(Planned::Delete(selection.clone()));
    }
    if plan.is_empty() {
        return Err(Fail::usage(
            "nothing to do: give an operation (--add-tag, --set-type, --delete, ...)",
        ));
    }
    if ids.is_empty() {
        ctx.note("no documents match");
        return Ok(());
    }
    if a.dry_run {
        println!("would change {} document(s):", ids.len());
        for p in &plan {
            println!("{}", serde_json::to_string(&p.describe()?)?);
        }
        return Ok(());
    }
    if a.delete {
        ask(
            a.yes,
            &format!("move {} document(s) to the trash?", ids.len()),
        )?;
    }
    let documents = ctx.client.documents();
    for p in plan {
        match p {
            Planned::Edit(e) => documents.bulk_edit(&e).await?,
            Planned::Delete(s) => documents.delete_many(&s).await?,
            Planned::Reprocess(s) => documents.reprocess(&s).await?,
            Planned::Rotate(r) => documents.rotate(&r).await?,
        };
    }
    ctx.note(format!("changed {} document(s)", ids.len()));
    Ok(())
}
