//! `paperless`: a command-line tool for Paperless-ngx, built on `paperless-client`.
//!
//! Every command and option is described in `docs/cli.md`.

mod bulk;
mod cli;
mod conn;
mod documents;
mod export;
mod fail;
mod files;
mod names;
mod objects;
mod output;
mod progress;
mod server;

use std::io::IsTerminal;

use paperless_client::api;

use crate::cli::{Cli, Command};
use crate::fail::{CliResult, Fail, code};

/// What every command gets: the client, the output options, the name cache.
#[derive(Debug)]
pub struct Ctx {
    /// The client.
    pub client: paperless_client::Paperless,
    /// The output format.
    pub format: output::Format,
    /// `--fields`.
    pub fields: Option<String>,
    /// `--quiet`.
    pub quiet: bool,
    /// Progress bars on stderr (a terminal, not quiet).
    pub progress: bool,
    /// Names for ids, fetched once per run.
    pub names: names::Names,
}

impl Ctx {
    /// A line for the user on stderr, unless `--quiet`.
    pub fn note(&self, text: impl AsRef<str>) {
        if !self.quiet {
            eprintln!("{}", text.as_ref());
        }
    }
}

fn main() {
    let cli = cli::parse();
    let verbose = cli.verbose;
    let no_color = cli.no_color || std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => exit(&Fail::new(code::OTHER, e.to_string()), verbose, no_color),
    };
    let result = runtime.block_on(run(cli, no_color));
    // The runtime is dropped without waiting for tasks still blocked on stdin or a socket.
    runtime.shutdown_background();
    match result {
        Ok(()) => std::process::exit(code::OK),
        Err(fail) => exit(&fail, verbose, no_color),
    }
}

fn exit(fail: &Fail, verbose: bool, no_color: bool) -> ! {
    let color = !no_color && std::io::stderr().is_terminal();
    for (i, line) in fail.lines(verbose).iter().enumerate() {
        if i == 0 && color {
            eprintln!("\x1b[31merror:\x1b[0m {line}");
        } else if i == 0 {
            eprintln!("error: {line}");
        } else {
            eprintln!("{line}");
        }
    }
    std::process::exit(fail.code)
}

async fn run(cli: Cli, _no_color: bool) -> CliResult {
    // A table on a terminal and in pipes alike: scripts choose json, ndjson or csv.
    let format = cli.output.unwrap_or(output::Format::Table);
    match cli.command {
        Command::Completions { shell } => {
            let mut cmd = cli::command();
            clap_complete::generate(shell, &mut cmd, "paperless", &mut std::io::stdout());
            return Ok(());
        }
        Command::Login { username } => {
            let line = conn::login(&cli.connect, username).await?;
            if !cli.quiet {
                println!("{line}");
            }
            return Ok(());
        }
        Command::Logout => {
            let line = conn::logout(cli.connect.profile.as_deref())?;
            if !cli.quiet {
                println!("{line}");
            }
            return Ok(());
        }
        _ => {}
    }
    let connection = cli.connect.connect().await?;
    let client = connection.client.clone();
    let mut ctx = Ctx {
        names: names::Names::new(client.clone()),
        client,
        format,
        fields: cli.fields.clone(),
        quiet: cli.quiet,
        progress: !cli.quiet && std::io::stderr().is_terminal(),
    };
    let result = match cli.command {
        Command::Status => server::status(&mut ctx).await,
        Command::Info => server::info(&mut ctx).await,
        Command::Documents(cmd) => documents::run(&mut ctx, cmd).await,
        Command::Upload(args) => files::upload(&mut ctx, args).await,
        Command::Download(args) => files::download(&mut ctx, args).await,
        Command::Export(args) => export::export(&mut ctx, args).await,
        Command::BulkEdit(args) => bulk::bulk_edit(&mut ctx, *args).await,
        Command::Tags(cmd) => {
            objects::run::<paperless_client::api::tags::Tags>(&mut ctx, cmd).await
        }
        Command::Correspondents(cmd) => {
            objects::run::<paperless_client::api::correspondents::Correspondents>(&mut ctx, cmd)
                .await
        }
        Command::DocumentTypes(cmd) => {
            objects::run::<paperless_client::api::document_types::DocumentTypes>(&mut ctx, cmd)
                .await
        }
        Command::StoragePaths(cmd) => {
            objects::run::<paperless_client::api::storage_paths::StoragePaths>(&mut ctx, cmd).await
        }
        Command::CustomFields(cmd) => {
            objects::run::<paperless_client::api::custom_fields::CustomFields>(&mut ctx, cmd).await
        }
        Command::SavedViews(cmd) => objects::run_record::<api::SavedViews, _>(&mut ctx, cmd).await,
        Command::ShareLinks(cmd) => objects::run_share_links(&mut ctx, cmd).await,
        Command::Users(cmd) => objects::run_record::<api::Users, _>(&mut ctx, cmd).await,
        Command::Groups(cmd) => objects::run_record::<api::Groups, _>(&mut ctx, cmd).await,
        Command::MailAccounts(cmd) => {
            objects::run_record::<api::MailAccounts, _>(&mut ctx, cmd).await
        }
        Command::MailRules(cmd) => objects::run_record::<api::MailRules, _>(&mut ctx, cmd).await,
        Command::Workflows(cmd) => objects::run_record::<api::Workflows, _>(&mut ctx, cmd).await,
        Command::Tasks(cmd) => server::tasks(&mut ctx, cmd).await,
        Command::Trash(cmd) => server::trash(&mut ctx, cmd).await,
        Command::Logs { name, limit } => server::logs(&mut ctx, name, limit).await,
        Command::Completions { .. } | Command::Login { .. } | Command::Logout => Ok(()),
    };
    drop(connection);
    result
}
