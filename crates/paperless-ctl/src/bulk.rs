//! `bulk-edit`: one request for many documents, with `--dry-run`.

use paperless_client::api::documents::DocumentOperation;
use paperless_client::types::bulk_edit::{
    BulkEdit, BulkEditOperation, DocumentSelection, Merge, MergeDocuments, RotateDocuments,
    SetPermissions,
};
use paperless_client::types::custom_field::CustomFieldsToAdd;
use paperless_client::types::permissions::{PermissionSet, Permissions};
use paperless_client::types::{
    CorrespondentId, CustomFieldId, DocumentId, DocumentTypeId, GroupId, StoragePathId, TagId,
    UserId,
};
use serde_json::json;

use crate::Ctx;
use crate::cli::BulkEditArgs;
use crate::documents::{doc_ids, json_or_text};
use crate::fail::{CliResult, Fail};
use crate::names::Kind;
use crate::server::ask;

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
        plan.push(DocumentOperation::BulkEdit(BulkEdit::new(
            selection.clone(),
            op,
        )));
    }
    if let Some(c) = &a.set_correspondent {
        let id = optional(ctx, Kind::Correspondent, c, CorrespondentId).await?;
        plan.push(DocumentOperation::BulkEdit(BulkEdit::new(
            selection.clone(),
            BulkEditOperation::set_correspondent(id),
        )));
    }
    if let Some(c) = &a.set_type {
        let id = optional(ctx, Kind::DocumentType, c, DocumentTypeId).await?;
        plan.push(DocumentOperation::BulkEdit(BulkEdit::new(
            selection.clone(),
            BulkEditOperation::set_document_type(id),
        )));
    }
    if let Some(c) = &a.set_storage_path {
        let id = optional(ctx, Kind::StoragePath, c, StoragePathId).await?;
        plan.push(DocumentOperation::BulkEdit(BulkEdit::new(
            selection.clone(),
            BulkEditOperation::set_storage_path(id),
        )));
    }
    if !a.set_custom_field.is_empty() || !a.remove_custom_field.is_empty() {
        let mut values = Vec::new();
        for cf in &a.set_custom_field {
            let (name, value) = cf.split_once('=').ok_or_else(|| {
                Fail::usage(format!("--set-custom-field '{cf}': expected NAME=VALUE"))
            })?;
            let id = ctx.names.id(Kind::CustomField, name).await?;
            values.push((CustomFieldId(id), json_or_text(value)));
        }
        let remove = ctx
            .names
            .ids(Kind::CustomField, &a.remove_custom_field)
            .await?;
        let add = if values.is_empty() {
            CustomFieldsToAdd::ids([])
        } else {
            CustomFieldsToAdd::values(values)
        };
        plan.push(DocumentOperation::BulkEdit(BulkEdit::new(
            selection.clone(),
            BulkEditOperation::modify_custom_fields(add, remove.into_iter().map(CustomFieldId)),
        )));
    }
    if a.set_permissions {
        let owner = match a.set_owner.as_deref() {
            None if !a.merge_permissions => {
                return Err(Fail::usage(
                    "--set-permissions replaces the owner too: give --set-owner ID (or none), or add with --merge-permissions",
                ));
            }
            None => None,
            Some(o) => optional(ctx, Kind::User, o, UserId).await?,
        };
        let view_users = ctx.names.ids(Kind::User, &a.view_users).await?;
        let change_users = ctx.names.ids(Kind::User, &a.change_users).await?;
        let view_groups = ctx.names.ids(Kind::Group, &a.view_groups).await?;
        let change_groups = ctx.names.ids(Kind::Group, &a.change_groups).await?;
        let set = |users: Vec<u64>, groups: Vec<u64>| {
            PermissionSet::new(
                users.into_iter().map(UserId),
                groups.into_iter().map(GroupId),
            )
        };
        let permissions = Permissions::new(
            set(view_users, view_groups),
            set(change_users, change_groups),
        );
        let mut op = SetPermissions::new(permissions, owner);
        if a.merge_permissions {
            op = op.merge(true);
        }
        plan.push(DocumentOperation::BulkEdit(BulkEdit::new(
            selection.clone(),
            op,
        )));
    }
    if a.merge {
        if ids.len() == 1 {
            return Err(Fail::usage(
                "--merge needs at least two documents (one matched)",
            ));
        }
        let mut merge = Merge::default();
        merge.metadata_document_id = a.metadata_from.map(DocumentId);
        if a.delete_originals {
            merge.delete_originals = Some(true);
        }
        plan.push(DocumentOperation::Merge(MergeDocuments::new(
            ids.iter().copied(),
            merge,
        )));
    }
    if let Some(degrees) = a.rotate {
        plan.push(DocumentOperation::Rotate(RotateDocuments::new(
            selection.clone(),
            degrees,
        )));
    }
    if a.reprocess {
        plan.push(DocumentOperation::Reprocess(selection.clone()));
    }
    if a.delete {
        plan.push(DocumentOperation::Delete(selection.clone()));
    }
    if plan.is_empty() {
        return Err(Fail::usage(
            "nothing to do: give an operation (--add-tag, --set-type, --set-custom-field, --set-permissions, --merge, --delete, ...)",
        ));
    }
    if ids.is_empty() {
        ctx.note("no documents match");
        return Ok(());
    }
    let documents = ctx.client.documents();
    if a.dry_run {
        // What would be sent, as the client sends it to this server's API version (on API 9
        // every operation goes as a `bulk_edit` method).
        println!("would change {} document(s):", ids.len());
        for operation in &plan {
            let request = documents.describe(operation).await?;
            let line = json!({request.method().as_str(): request.path(), "body": request.body()});
            println!("{}", serde_json::to_string(&line)?);
        }
        return Ok(());
    }
    if a.delete {
        ask(
            a.yes,
            &format!("move {} document(s) to the trash?", ids.len()),
        )?;
    } else if a.delete_originals {
        ask(
            a.yes,
            &format!(
                "merge {} document(s) and move them to the trash?",
                ids.len()
            ),
        )?;
    }
    for operation in &plan {
        documents.apply(operation).await?;
    }
    ctx.note(format!("changed {} document(s)", ids.len()));
    Ok(())
}
