//! `tags|correspondents|document-types|storage-paths|custom-fields list|show|create|edit|delete`,
//! written once over the client's generic `Endpoint<R>`; `list|show|create|edit|delete` of
//! saved views, users, groups, mail accounts, mail rules and workflows, written once too; share
//! links (`list|show|create|delete`).

use futures_util::TryStreamExt;
use paperless_client::api::ShareLinks;
use paperless_client::chrono::{DateTime, FixedOffset, NaiveDate};
use paperless_client::types::DocumentId;
use paperless_client::types::share_link::{FileVersion, NewShareLink};
use paperless_client::{Creatable, Deletable, Endpoint, HasName, Resource, Updatable};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::Ctx;
use crate::cli::{
    FileVersionArg, ObjectCommand, OtherCommand, RecordCommand, ShareLinkCommand, Shortcut,
};
use crate::fail::{CliResult, Fail, code};
use crate::output::{Printer, columns, print_object};
use crate::server::ask;

/// The default columns of one resource.
fn default_columns(name: &str) -> &'static [&'static str] {
    match name {
        "storage_paths" => &["id", "name", "path", "document_count"],
        "custom_fields" => &["id", "name", "data_type", "document_count"],
        "tags" => &["id", "name", "color", "is_inbox_tag", "document_count"],
        _ => &["id", "name", "document_count"],
    }
}

fn label<R: Resource>() -> String {
    R::NAME.trim_end_matches('s').replace('_', " ")
}

/// The object given by id or exact name.
async fn find<R>(endpoint: &Endpoint<R>, given: &str) -> CliResult<R::Item>
where
    R: HasName,
    R::Id: From<u64>,
{
    let found = match given.parse::<u64>() {
        Ok(id) => endpoint.get_opt(R::Id::from(id)).await?,
        Err(_) => endpoint.find_by_name(given).await?,
    };
    found.ok_or_else(|| Fail::new(code::NOT_FOUND, format!("no {} '{given}'", label::<R>())))
}

fn json_object(text: Option<&str>) -> CliResult<Map<String, Value>> {
    match text {
        None => Ok(Map::new()),
        Some(t) => match serde_json::from_str(t) {
            Ok(Value::Object(m)) => Ok(m),
            Ok(_) => Err(Fail::usage("--json must be a JSON object")),
            Err(e) => Err(Fail::usage(format!("--json: {e}"))),
        },
    }
}

fn payload<T: DeserializeOwned>(map: Map<String, Value>) -> CliResult<T> {
    serde_json::from_value(Value::Object(map)).map_err(|e| Fail::usage(e.to_string()))
}

/// Runs one object command on resource `R`.
pub async fn run<R>(ctx: &mut Ctx, cmd: ObjectCommand) -> CliResult
where
    R: HasName + Creatable + Updatable + Deletable,
    R::Id: From<u64> + Into<u64>,
    R::Item: Serialize,
    R::Create: DeserializeOwned,
    R::Patch: DeserializeOwned,
{
    let endpoint = ctx.client.endpoint::<R>();
    match cmd {
        ObjectCommand::List { name } => {
            let cols = columns(ctx.fields.as_deref(), default_columns(R::NAME));
            let mut list = endpoint.list().ordering("name");
            if let Some(n) = name {
                list = list.name_icontains(n);
            }
            let mut printer = Printer::new(ctx.format, cols);
            let mut items = list.stream();
            while let Some(item) = items.try_next().await? {
                printer.row(&serde_json::to_value(&item)?)?;
            }
            printer.finish()?;
        }
        ObjectCommand::Show { id } => {
            let item = find(&endpoint, &id).await?;
            print_object(ctx.format, &serde_json::to_value(&item)?)?;
        }
        ObjectCommand::Create { name, json } => {
            let mut map = json_object(json.as_deref())?;
            map.insert("name".into(), Value::String(name));
            let new: R::Create = payload(map)?;
            let item = endpoint.create(&new).await?;
            ctx.note(format!(
                "created {} {}",
                label::<R>(),
                crate::names::id_number::<R>(&item)
            ));
            print_object(ctx.format, &serde_json::to_value(&item)?)?;
        }
        ObjectCommand::Edit { id, name, json } => {
            let item = find(&endpoint, &id).await?;
            let mut map = json_object(json.as_deref())?;
            if let Some(n) = name {
                map.insert("name".into(), Value::String(n));
            }
            if map.is_empty() {
                return Err(Fail::usage("nothing to change: give --name or --json"));
            }
            let patch: R::Patch = payload(map)?;
            let item = endpoint.update(R::id_of(&item), &patch).await?;
            print_object(ctx.format, &serde_json::to_value(&item)?)?;
        }
        ObjectCommand::Delete { ids, yes } => {
            let mut found = Vec::new();
            for given in &ids {
                found.push(find(&endpoint, given).await?);
            }
            let names: Vec<String> = found.iter().map(|i| R::name_of(i).to_owned()).collect();
            ask(
                yes,
                &format!("delete {} {}: {}?", found.len(), R::NAME, names.join(", ")),
            )?;
            for item in &found {
                endpoint.delete(R::id_of(item)).await?;
            }
            ctx.note(format!(
                "deleted {} {}",
                found.len(),
                R::NAME.replace('_', " ")
            ));
        }
    }
    Ok(())
}

/// The default columns of the other resources.
fn other_columns(name: &str) -> &'static [&'static str] {
    match name {
        "users" => &["id", "username", "email", "is_superuser", "is_active"],
        "share_links" => &["id", "document", "slug", "expiration", "file_version"],
        "mail_accounts" => &["id", "name", "imap_server", "username"],
        "mail_rules" => &["id", "name", "account", "enabled", "order"],
        "workflows" => &["id", "name", "enabled", "order"],
        "saved_views" => &[
            "id",
            "name",
            "sort_field",
            "sort_reverse",
            "display_mode",
            "owner",
        ],
        _ => &["id", "name"],
    }
}

/// `saved-views|share-links|users|groups|mail-accounts|mail-rules|workflows list|show|delete`.
pub async fn run_other<R>(ctx: &mut Ctx, cmd: OtherCommand) -> CliResult
where
    R: Deletable,
    R::Id: From<u64>,
    R::Item: Serialize,
{
    let endpoint = ctx.client.endpoint::<R>();
    match cmd {
        OtherCommand::List => {
            let cols = columns(ctx.fields.as_deref(), other_columns(R::NAME));
            let mut printer = Printer::new(ctx.format, cols);
            let mut items = endpoint.stream();
            while let Some(item) = items.try_next().await? {
                printer.row(&serde_json::to_value(&item)?)?;
            }
            printer.finish()?;
        }
        OtherCommand::Show { id } => {
            let item = endpoint.get(R::Id::from(id)).await?;
            shown(ctx, &item)?;
        }
        OtherCommand::Delete { ids, yes } => {
            ask(
                yes,
                &format!("delete {} {}?", ids.len(), R::NAME.replace('_', " ")),
            )?;
            for id in &ids {
                endpoint.delete(R::Id::from(*id)).await?;
            }
            ctx.note(format!(
                "deleted {} {}",
                ids.len(),
                R::NAME.replace('_', " ")
            ));
        }
    }
    Ok(())
}

/// Prints one object (the keys of `--fields` only, when given).
fn shown<T: Serialize>(ctx: &Ctx, item: &T) -> CliResult {
    let value = crate::documents::pick(serde_json::to_value(item)?, ctx.fields.as_deref());
    Ok(print_object(ctx.format, &value)?)
}

/// The fields of a create or edit: `--json` with the shortcut (`--name`, `--username`) on top.
fn fields<S: Shortcut>(shortcut: &S, json: Option<&str>) -> CliResult<Map<String, Value>> {
    let mut map = json_object(json)?;
    if let Some((key, value)) = shortcut.field() {
        map.insert(key.to_owned(), Value::String(value));
    }
    Ok(map)
}

/// The fields parsed into a payload of the client, which must send every one of them (a key
/// the payload does not know would otherwise be dropped without a word).
fn typed<T: DeserializeOwned + Serialize>(map: Map<String, Value>) -> CliResult<T> {
    let given = Value::Object(map.clone());
    let typed: T = payload(map)?;
    let sent = serde_json::to_value(&typed)?;
    let mut dropped = Vec::new();
    dropped_keys(&given, &sent, "", &mut dropped);
    if dropped.is_empty() {
        Ok(typed)
    } else {
        Err(Fail::usage(format!(
            "--json: not a field this request can send (or null where it takes none): {}",
            dropped.join(", ")
        )))
    }
}

/// The keys of `given` (nested ones too, as `triggers[0].filter_nmae`) that `sent` lacks.
fn dropped_keys(given: &Value, sent: &Value, path: &str, out: &mut Vec<String>) {
    match (given, sent) {
        (Value::Object(given), Value::Object(sent)) => {
            for (key, value) in given {
                let at = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                match sent.get(key) {
                    Some(inner) => dropped_keys(value, inner, &at, out),
                    None => out.push(at),
                }
            }
        }
        (Value::Array(given), Value::Array(sent)) => {
            for (i, (g, s)) in given.iter().zip(sent).enumerate() {
                dropped_keys(g, s, &format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

/// `saved-views|users|groups|mail-accounts|mail-rules|workflows list|show|create|edit|delete`:
/// the body of a create or edit goes through the client's typed payloads (`NewUser`,
/// `UserPatch`, ...), an edit is one `PATCH` of exactly the fields given.
pub async fn run_record<R, S>(ctx: &mut Ctx, cmd: RecordCommand<S>) -> CliResult
where
    R: Creatable + Updatable + Deletable,
    R::Id: From<u64> + Into<u64>,
    R::Item: Serialize,
    R::Create: DeserializeOwned,
    R::Patch: DeserializeOwned,
    S: Shortcut,
{
    let endpoint = ctx.client.endpoint::<R>();
    match cmd {
        RecordCommand::List => run_other::<R>(ctx, OtherCommand::List).await,
        RecordCommand::Show { id } => run_other::<R>(ctx, OtherCommand::Show { id }).await,
        RecordCommand::Delete { ids, yes } => {
            run_other::<R>(ctx, OtherCommand::Delete { ids, yes }).await
        }
        RecordCommand::Create { shortcut, json } => {
            let new: R::Create = typed(fields(&shortcut, json.as_deref())?)?;
            let item = endpoint.create(&new).await?;
            ctx.note(format!(
                "created {} {}",
                label::<R>(),
                crate::names::id_number::<R>(&item)
            ));
            shown(ctx, &item)
        }
        RecordCommand::Edit { id, shortcut, json } => {
            let map = fields(&shortcut, json.as_deref())?;
            if map.is_empty() {
                return Err(Fail::usage(
                    "nothing to change: give --json or the shortcut",
                ));
            }
            let patch: R::Patch = typed(map)?;
            let item = endpoint.update(R::Id::from(id), &patch).await?;
            shown(ctx, &item)
        }
    }
}

/// An expiration: RFC 3339, or a date (midnight UTC).
fn expiration(text: &str) -> CliResult<DateTime<FixedOffset>> {
    if let Ok(time) = DateTime::parse_from_rfc3339(text) {
        return Ok(time);
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc().fixed_offset())
        .ok_or_else(|| {
            Fail::usage(format!(
                "--expiration {text}: not RFC 3339 (2030-01-01T00:00:00+01:00) or a date (2030-01-01)"
            ))
        })
}

/// `share-links list|show|create|delete`.
pub async fn run_share_links(ctx: &mut Ctx, cmd: ShareLinkCommand) -> CliResult {
    match cmd {
        ShareLinkCommand::List => run_other::<ShareLinks>(ctx, OtherCommand::List).await,
        ShareLinkCommand::Show { id } => {
            run_other::<ShareLinks>(ctx, OtherCommand::Show { id }).await
        }
        ShareLinkCommand::Delete { ids, yes } => {
            run_other::<ShareLinks>(ctx, OtherCommand::Delete { ids, yes }).await
        }
        ShareLinkCommand::Create {
            document,
            expiration: until,
            file_version,
        } => {
            let mut new = NewShareLink::new(DocumentId(document));
            if let Some(version) = file_version {
                new = new.file_version(match version {
                    FileVersionArg::Archive => FileVersion::Archive,
                    FileVersionArg::Original => FileVersion::Original,
                });
            }
            if let Some(text) = until {
                new = new.expiration(expiration(&text)?);
            }
            let link = ctx.client.share_links().create(&new).await?;
            ctx.note(format!("created share link {}: {}", link.id, link.path()));
            shown(ctx, &link)
        }
    }
}
