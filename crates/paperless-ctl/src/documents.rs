//! `documents list|search|show|content|metadata|history|suggestions|notes|edit|delete`.

use futures_util::stream::BoxStream;
use futures_util::{StreamExt, TryStreamExt};
use paperless_client::List;
use paperless_client::api::documents::Documents;
use paperless_client::types::DocumentId;
use paperless_client::types::document::{Document, DocumentPatch};
use serde_json::{Map, Value, json};

use crate::Ctx;
use crate::cli::{DocFilters, DocumentsCommand, EditArgs};
use crate::fail::{CliResult, Fail};
use crate::names::Kind;
use crate::output::{Printer, columns, print_object};
use crate::server::ask;

/// The columns of a document list.
pub const DOC_COLUMNS: &[&str] = &[
    "id",
    "title",
    "correspondent",
    "document_type",
    "tags",
    "created",
];

/// The list request of `filters` (names resolved to ids).
pub async fn doc_list(ctx: &mut Ctx, f: &DocFilters) -> CliResult<List<Documents>> {
    let mut list = ctx.client.documents().list();
    if !f.tag.is_empty() {
        let ids = ctx.names.ids(Kind::Tag, &f.tag).await?;
        list = list.param("tags__id__all", join(&ids));
    }
    if !f.not_tag.is_empty() {
        let ids = ctx.names.ids(Kind::Tag, &f.not_tag).await?;
        list = list.param("tags__id__none", join(&ids));
    }
    for (given, kind, key) in [
        (&f.correspondent, Kind::Correspondent, "correspondent__id"),
        (&f.document_type, Kind::DocumentType, "document_type__id"),
        (&f.storage_path, Kind::StoragePath, "storage_path__id"),
    ] {
        if let Some(g) = given {
            let id = ctx.names.id(kind, g).await?;
            list = list.param(key, id);
        }
    }
    if let Some(o) = f.owner {
        list = list.param("owner__id", o);
    }
    let text = [
        (&f.created_after, "created__date__gt"),
        (&f.created_before, "created__date__lt"),
        (&f.added_after, "added__date__gt"),
        (&f.title, "title__icontains"),
        (&f.content, "content__icontains"),
        (&f.query, "query"),
    ];
    for (value, key) in text {
        if let Some(v) = value {
            list = list.param(key, v);
        }
    }
    if let Some(asn) = f.asn {
        list = list.param("archive_serial_number", asn);
    }
    if let Some(id) = f.more_like {
        list = list.param("more_like_id", id);
    }
    if !f.custom_field.is_empty() {
        let mut atoms = Vec::new();
        for q in &f.custom_field {
            let mut parts = q.splitn(3, ' ');
            let (Some(name), Some(op)) = (parts.next(), parts.next()) else {
                return Err(Fail::usage(format!(
                    "--custom-field '{q}': expected 'NAME OP VALUE'"
                )));
            };
            let value = parts.next().map_or(Value::Bool(true), json_or_text);
            atoms.push(json!([name, op, value]));
        }
        let query = if atoms.len() == 1 {
            atoms.remove(0)
        } else {
            json!(["AND", atoms])
        };
        list = list.param("custom_field_query", query);
    }
    if let Some(s) = &f.sort {
        list = list.param("ordering", s);
    }
    if let Some(limit) = f.limit {
        list = list.page_size(limit.clamp(1, 100_000));
    }
    Ok(list)
}

/// The documents `filters` select, as a stream: with `--limit N` one page of N (nothing fetched
/// beyond it), else every page.
pub async fn doc_stream(
    ctx: &mut Ctx,
    f: &DocFilters,
) -> CliResult<BoxStream<'static, paperless_client::Result<Document>>> {
    let list = doc_list(ctx, f).await?;
    Ok(if f.limit.is_some() {
        let items = list.send().await?.into_items();
        futures_util::stream::iter(items.into_iter().map(Ok)).boxed()
    } else {
        list.stream().boxed()
    })
}

/// The ids of the documents `filters` select: with `--limit N` the first N (one page of ids),
/// else all of them.
pub async fn doc_ids(ctx: &mut Ctx, f: &DocFilters) -> CliResult<Vec<DocumentId>> {
    let list = doc_list(ctx, f).await?;
    Ok(if f.limit.is_some() {
        let page = list.fields(["id"]).send().await?;
        page.into_items().iter().map(|d| d.id).collect()
    } else {
        list.ids().await?
    })
}

fn join(ids: &[u64]) -> String {
    ids.iter().map(u64::to_string).collect::<Vec<_>>().join(",")
}

/// A command-line value: JSON when it parses (`12`, `true`), else text.
pub fn json_or_text(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.to_owned()))
}

async fn list(ctx: &mut Ctx, filters: &DocFilters) -> CliResult {
    let cols = columns(ctx.fields.as_deref(), DOC_COLUMNS);
    let list = doc_list(ctx, filters).await?;
    let mut printer = Printer::new(ctx.format, cols.clone());
    if filters.limit.is_some() {
        // One page of exactly that size: nothing fetched beyond the limit.
        for doc in list.send().await?.into_items() {
            let mut value = serde_json::to_value(&doc)?;
            ctx.names.resolve_document(&mut value, &cols).await?;
            printer.row(&value)?;
        }
    } else {
        let mut items = list.stream();
        // A count on stderr while the rows go to a file or a pipe (the stream knows the total
        // once the first page is in).
        let bar = (ctx.progress && !std::io::IsTerminal::is_terminal(&std::io::stdout()))
            .then(indicatif::ProgressBar::no_length);
        while let Some(doc) = items.try_next().await? {
            if let (Some(b), Some(total)) = (&bar, items.total_count())
                && b.length().is_none()
            {
                b.set_length(total);
            }
            let mut value = serde_json::to_value(&doc)?;
            ctx.names.resolve_document(&mut value, &cols).await?;
            printer.row(&value)?;
            if let Some(b) = &bar {
                b.inc(1);
            }
        }
        if let Some(b) = bar {
            b.finish_and_clear();
        }
    }
    printer.finish()?;
    Ok(())
}

/// Runs a documents command.
pub async fn run(ctx: &mut Ctx, cmd: DocumentsCommand) -> CliResult {
    let documents = ctx.client.documents();
    match cmd {
        DocumentsCommand::List(filters) => list(ctx, &filters).await?,
        DocumentsCommand::Search { text, mut filters } => {
            filters.query = Some(text);
            list(ctx, &filters).await?;
        }
        DocumentsCommand::Show { id } => {
            let doc = documents.get(DocumentId(id)).await?;
            let mut value = serde_json::to_value(&doc)?;
            let all: Vec<String> = [
                "tags",
                "correspondent",
                "document_type",
                "storage_path",
                "custom_fields",
            ]
            .map(String::from)
            .to_vec();
            ctx.names.resolve_document(&mut value, &all).await?;
            if let Some(map) = value.as_object_mut() {
                map.remove("content");
                if let Some(Value::Array(notes)) = map.get_mut("notes") {
                    let texts: Vec<Value> = notes
                        .iter()
                        .map(|n| Value::from(crate::output::cell(n.get("note"))))
                        .collect();
                    *notes = texts;
                }
            }
            let value = pick(value, ctx.fields.as_deref());
            print_object(ctx.format, &value)?;
        }
        DocumentsCommand::Content { id } => {
            let doc = documents
                .get(DocumentId(id))
                .fields(["id", "content"])
                .await?;
            println!("{}", doc.content.unwrap_or_default());
        }
        DocumentsCommand::Metadata { id } => {
            let meta = documents.metadata(DocumentId(id)).send().await?;
            print_object(ctx.format, &serde_json::to_value(&meta)?)?;
        }
        DocumentsCommand::History { id } => {
            let history = documents.history(DocumentId(id)).await?;
            let cols = columns(ctx.fields.as_deref(), &["timestamp", "action", "changes"]);
            let mut printer = Printer::new(ctx.format, cols);
            for entry in history {
                printer.row(&serde_json::to_value(&entry)?)?;
            }
            printer.finish()?;
        }
        DocumentsCommand::Suggestions { id } => {
            let s = documents.suggestions(DocumentId(id)).await?;
            print_object(ctx.format, &serde_json::to_value(&s)?)?;
        }
        DocumentsCommand::Notes { id, action } => {
            let doc = DocumentId(id);
            match action.first().map(String::as_str) {
                None => {}
                Some("add") if action.len() > 1 => {
                    documents.add_note(doc, action[1..].join(" ")).await?;
                }
                Some("delete") if action.len() == 2 => {
                    let note: u64 = action[1]
                        .parse()
                        .map_err(|_| Fail::usage("notes delete NOTE_ID: the note's id"))?;
                    documents
                        .delete_note(doc, paperless_client::types::NoteId(note))
                        .await?;
                }
                Some(_) => return Err(Fail::usage("notes ID [add TEXT | delete NOTE_ID]")),
            }
            let cols = columns(ctx.fields.as_deref(), &["id", "created", "user", "note"]);
            let mut printer = Printer::new(ctx.format, cols);
            for note in documents.notes(doc).await? {
                let mut v = serde_json::to_value(&note)?;
                if let Some(user) = v.get("user").and_then(|u| u.get("username")).cloned() {
                    v["user"] = user;
                }
                printer.row(&v)?;
            }
            printer.finish()?;
        }
        DocumentsCommand::Edit(args) => edit(ctx, args).await?,
        DocumentsCommand::Delete { ids, yes } => {
            ask(
                yes,
                &format!("move {} document(s) to the trash?", ids.len()),
            )?;
            for id in &ids {
                documents.delete(DocumentId(*id)).await?;
            }
            ctx.note(format!("moved {} document(s) to the trash", ids.len()));
        }
    }
    Ok(())
}

/// The keys `--fields` names, in its order (every key without it).
pub(crate) fn pick(value: Value, fields: Option<&str>) -> Value {
    let Some(fields) = fields else { return value };
    let cols = columns(Some(fields), &[]);
    let mut map = Map::new();
    for c in cols {
        map.insert(c.clone(), value.get(&c).cloned().unwrap_or(Value::Null));
    }
    Value::Object(map)
}

async fn optional_id(ctx: &mut Ctx, kind: Kind, given: &str) -> CliResult<Value> {
    if given.eq_ignore_ascii_case("none") {
        Ok(Value::Null)
    } else {
        Ok(Value::from(ctx.names.id(kind, given).await?))
    }
}

async fn edit(ctx: &mut Ctx, a: EditArgs) -> CliResult {
    let documents = ctx.client.documents();
    let mut patch = Map::new();
    if let Some(t) = &a.title {
        patch.insert("title".into(), Value::from(t.clone()));
    }
    for (given, kind, key) in [
        (&a.correspondent, Kind::Correspondent, "correspondent"),
        (&a.document_type, Kind::DocumentType, "document_type"),
        (&a.storage_path, Kind::StoragePath, "storage_path"),
    ] {
        if let Some(g) = given {
            patch.insert(key.into(), optional_id(ctx, kind, g).await?);
        }
    }
    if let Some(asn) = a.asn {
        patch.insert("archive_serial_number".into(), Value::from(asn));
    }
    if let Some(c) = &a.created {
        patch.insert("created".into(), Value::from(c.clone()));
    }
    if !a.add_tag.is_empty() || !a.remove_tag.is_empty() || !a.custom_field.is_empty() {
        let doc = documents.get(DocumentId(a.id)).await?;
        if !a.add_tag.is_empty() || !a.remove_tag.is_empty() {
            let add = ctx.names.ids(Kind::Tag, &a.add_tag).await?;
            let remove = ctx.names.ids(Kind::Tag, &a.remove_tag).await?;
            let mut tags: Vec<u64> = doc.tags.iter().map(|t| t.0).collect();
            let before = tags.clone();
            tags.retain(|t| !remove.contains(t));
            for t in add {
                if !tags.contains(&t) {
                    tags.push(t);
                }
            }
            if tags != before {
                patch.insert("tags".into(), json!(tags));
            }
        }
        if !a.custom_field.is_empty() {
            let mut fields = serde_json::to_value(&doc.custom_fields)?;
            let list = fields
                .as_array_mut()
                .ok_or_else(|| Fail::usage("custom fields"))?;
            for cf in &a.custom_field {
                let (name, value) = cf
                    .split_once('=')
                    .ok_or_else(|| Fail::usage(format!("--custom-field '{cf}': NAME=VALUE")))?;
                let id = ctx.names.id(Kind::CustomField, name).await?;
                let value = json_or_text(value);
                match list
                    .iter_mut()
                    .find(|f| f.get("field").and_then(Value::as_u64) == Some(id))
                {
                    Some(f) => f["value"] = value,
                    None => list.push(json!({"field": id, "value": value})),
                }
            }
            patch.insert("custom_fields".into(), fields);
        }
    }
    if patch.is_empty() {
        ctx.note("nothing to change");
        return Ok(());
    }
    let patch: DocumentPatch =
        serde_json::from_value(Value::Object(patch)).map_err(|e| Fail::usage(e.to_string()))?;
    let doc = documents.update(DocumentId(a.id), &patch).await?;
    ctx.note(format!("updated document {}: {}", doc.id, doc.title()));
    Ok(())
}
