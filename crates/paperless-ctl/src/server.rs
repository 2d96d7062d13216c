//! `status`, `info`, `tasks`, `trash`, `logs`.

use std::time::Duration;

use futures_util::TryStreamExt;
use paperless_client::types::task::TaskUuid;
use serde_json::{Value, json};

use crate::Ctx;
use crate::cli::{TasksCommand, TrashCommand};
use crate::fail::{CliResult, Fail, code};
use crate::output::{Printer, columns, print_object};

/// `paperless status`: reachability, versions and the document count; the server's system
/// status (`/api/status/`, storage, database, tasks) when the user may read it.
pub async fn status(ctx: &mut Ctx) -> CliResult {
    let info = ctx.client.server_info().await?;
    let documents = ctx.client.documents().count().await?;
    let mut value = json!({
        "url": ctx.client.base_url().to_string(),
        "server_version": info.version,
        "api_version": info.api_version,
        "documents": documents,
    });
    match ctx.client.status().await {
        Ok(status) => {
            if let (Some(map), Value::Object(more)) =
                (value.as_object_mut(), serde_json::to_value(&status)?)
            {
                for (k, v) in more {
                    map.entry(k).or_insert(v);
                }
            }
        }
        Err(e) => {
            value["system_status"] = Value::from(crate::fail::first_line(&e.to_string()));
        }
    }
    print_object(ctx.format, &value)?;
    Ok(())
}

/// `paperless info`: the server version, API versions and the user.
pub async fn info(ctx: &mut Ctx) -> CliResult {
    let info = ctx.client.server_info().await?;
    let ui = ctx.client.ui_settings().get().await?;
    let value = json!({
        "url": ctx.client.base_url().to_string(),
        "server_version": info.version,
        "api_version": info.api_version,
        "user": ui.user.username,
        "user_id": ui.user.id,
        "superuser": ui.user.is_superuser,
    });
    print_object(ctx.format, &value)?;
    Ok(())
}

fn confirm(question: &str) -> CliResult<bool> {
    use std::io::{BufRead, IsTerminal, Write};
    if !std::io::stdin().is_terminal() {
        return Err(Fail::usage(format!("{question}: pass --yes to confirm")));
    }
    eprint!("{question} [y/N] ");
    std::io::stderr().flush()?;
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(matches!(line.trim(), "y" | "Y" | "yes"))
}

/// Asks unless `yes`; a refusal ends the run.
pub fn ask(yes: bool, question: &str) -> CliResult {
    if yes || confirm(question)? {
        Ok(())
    } else {
        Err(Fail::new(code::OTHER, "cancelled"))
    }
}

/// `paperless tasks ...`.
pub async fn tasks(ctx: &mut Ctx, cmd: TasksCommand) -> CliResult {
    let tasks = ctx.client.tasks();
    match cmd {
        TasksCommand::List { pending } => {
            let mut list = tasks.list();
            if pending {
                list = list.acknowledged(false);
            }
            let cols = columns(
                ctx.fields.as_deref(),
                &[
                    "id",
                    "task_id",
                    "task_file_name",
                    "status",
                    "related_document",
                ],
            );
            let mut printer = Printer::new(ctx.format, cols);
            let mut items = list.stream();
            while let Some(task) = items.try_next().await? {
                printer.row(&serde_json::to_value(&task)?)?;
            }
            printer.finish()?;
        }
        TasksCommand::Show { uuid } => {
            let task = tasks
                .by_uuid(&TaskUuid::from(uuid.as_str()))
                .await?
                .ok_or_else(|| Fail::new(code::NOT_FOUND, format!("no task {uuid}")))?;
            print_object(ctx.format, &serde_json::to_value(&task)?)?;
        }
        TasksCommand::Wait { uuid, timeout } => {
            let task = tasks
                .wait(&TaskUuid::from(uuid.as_str()))
                .poll_interval(Duration::from_millis(250))
                .timeout(Duration::from_secs(timeout))
                .send()
                .await
                .map_err(|e| Fail::from(paperless_client::Error::from(e)))?;
            print_object(ctx.format, &serde_json::to_value(&task)?)?;
        }
        TasksCommand::Ack { ids, all } => {
            let n = if all {
                tasks.acknowledge_all().await?
            } else if ids.is_empty() {
                return Err(Fail::usage("give task ids or --all"));
            } else {
                tasks
                    .acknowledge(ids.into_iter().map(paperless_client::types::TaskId))
                    .await?
            };
            ctx.note(format!("acknowledged {n} task(s)"));
        }
    }
    Ok(())
}

/// `paperless trash ...`.
pub async fn trash(ctx: &mut Ctx, cmd: TrashCommand) -> CliResult {
    let trash = ctx.client.trash();
    match cmd {
        TrashCommand::List => {
            let cols = columns(ctx.fields.as_deref(), &["id", "title", "deleted_at"]);
            let mut printer = Printer::new(ctx.format, cols);
            let mut items = trash.stream();
            while let Some(doc) = items.try_next().await? {
                printer.row(&serde_json::to_value(&doc)?)?;
            }
            printer.finish()?;
        }
        TrashCommand::Restore { ids } => {
            let n = ids.len();
            trash
                .restore(ids.into_iter().map(paperless_client::types::DocumentId))
                .await?;
            ctx.note(format!("restored {n} document(s)"));
        }
        TrashCommand::Empty { ids, yes } => {
            if ids.is_empty() {
                ask(yes, "delete every document in the trash for good?")?;
                trash.empty_all().await?;
                ctx.note("emptied the trash");
            } else {
                ask(yes, &format!("delete {} document(s) for good?", ids.len()))?;
                let n = ids.len();
                trash
                    .empty(ids.into_iter().map(paperless_client::types::DocumentId))
                    .await?;
                ctx.note(format!("deleted {n} document(s) for good"));
            }
        }
    }
    Ok(())
}

/// `paperless logs [NAME]`.
pub async fn logs(ctx: &mut Ctx, name: Option<String>, limit: Option<u64>) -> CliResult {
    let logs = ctx.client.logs();
    match name {
        None => {
            for n in logs.names().await? {
                println!("{}", serde_json::to_value(&n)?.as_str().unwrap_or_default());
            }
        }
        Some(name) => {
            let log = serde_json::from_value(Value::String(name))?;
            let mut request = logs.get(log);
            if let Some(n) = limit {
                request = request.limit(n);
            }
            for line in request.send().await? {
                println!("{line}");
            }
        }
    }
    Ok(())
}
