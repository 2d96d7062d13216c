//! The command line: every command and option (clap derive).

use std::path::PathBuf;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::conn::ConnectArgs;
use crate::output::Format;

/// The `--json` help of each resource's `create`: what that resource needs besides the name, and
/// an example (the clap derive shares one `ObjectCommand`/`RecordCommand` between resources,
/// so [`command`] sets these texts per resource).
const CREATE_JSON_HELP: &[(&str, &str)] = &[
    (
        "tags",
        r##"JSON of more fields, none required: {"color": "#ff0000", "is_inbox_tag": true, "parent": 3, "match": "invoice", "matching_algorithm": 1}"##,
    ),
    (
        "correspondents",
        r#"JSON of more fields, none required: {"match": "acme", "matching_algorithm": 1, "is_insensitive": true}"#,
    ),
    (
        "document-types",
        r#"JSON of more fields, none required: {"match": "invoice", "matching_algorithm": 1}"#,
    ),
    (
        "storage-paths",
        r#"JSON of more fields; "path" is required: {"path": "{{ created_year }}/{{ title }}"}"#,
    ),
    (
        "custom-fields",
        r#"JSON of more fields; "data_type" is required: {"data_type": "monetary", "extra_data": {"default_currency": "EUR"}}; a select needs {"extra_data": {"select_options": [{"label": "Red"}]}}"#,
    ),
    (
        "saved-views",
        r#"JSON of the fields; "filter_rules" is required (on Paperless-ngx 2.x also "show_on_dashboard" and "show_in_sidebar"): {"filter_rules": [{"rule_type": 0, "value": "bill"}]}"#,
    ),
    (
        "users",
        r#"JSON of the fields (the username with --username): {"password": "...", "groups": [1], "is_superuser": false}"#,
    ),
    (
        "groups",
        r#"JSON of the fields; "permissions" is required: {"permissions": ["view_document", "view_tag"]}"#,
    ),
    (
        "mail-accounts",
        r#"JSON of the fields; "imap_server", "username" and "password" are required: {"imap_server": "imap.example.com", "username": "me", "password": "..."}"#,
    ),
    (
        "mail-rules",
        r#"JSON of the fields; "account" is required ("folder" defaults to INBOX): {"account": 2, "folder": "INBOX.Bills", "action": 3}"#,
    ),
    (
        "workflows",
        r#"JSON of the fields; "triggers" and "actions" are required: {"triggers": [{"type": 2, "filter_filename": "draft*"}], "actions": [{"type": 6}]}"#,
    ),
];

/// The command line: [`Cli`]'s clap command with each resource's own `create --json` help.
pub fn command() -> clap::Command {
    let mut cmd = Cli::command();
    for (resource, help) in CREATE_JSON_HELP {
        cmd = cmd.mut_subcommand(resource, |c| {
            c.mut_subcommand("create", |c| c.mut_arg("json", |a| a.help(*help)))
        });
    }
    cmd
}

/// Parses the process's arguments with [`command`] (clap's usage errors and `--help` exit here).
pub fn parse() -> Cli {
    Cli::from_arg_matches(&command().get_matches()).unwrap_or_else(|e| e.exit())
}

/// paperless: work with a Paperless-ngx server from the command line.
#[derive(Debug, Parser)]
#[command(name = "paperless", version, about, max_term_width = 100)]
pub struct Cli {
    /// How to connect.
    #[command(flatten)]
    pub connect: ConnectArgs,
    /// Output format.
    #[arg(long, short = 'o', global = true, value_enum)]
    pub output: Option<Format>,
    /// The columns (or JSON keys) to show, comma-separated.
    #[arg(long, global = true)]
    pub fields: Option<String>,
    /// Print nothing but the results and errors.
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// Print the cause chain of an error.
    #[arg(long, short, global = true)]
    pub verbose: bool,
    /// No colours (also with NO_COLOR set).
    #[arg(long, global = true)]
    pub no_color: bool,
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// The server's health: versions, storage, database, tasks.
    Status,
    /// The server version, API versions and the user.
    Info,
    /// Prints a shell completion script.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Stores a profile (URL and token) in the config file.
    Login {
        /// Log in with this user name and a password instead of a token.
        #[arg(long)]
        username: Option<String>,
    },
    /// Removes a profile from the config file.
    Logout,
    /// Documents: list, search, show, edit, delete ...
    #[command(subcommand, visible_alias = "docs")]
    Documents(DocumentsCommand),
    /// Uploads files and waits for them to be consumed.
    Upload(UploadArgs),
    /// Downloads documents' files.
    Download(DownloadArgs),
    /// Mirrors the archive into a directory, incrementally.
    Export(ExportArgs),
    /// Changes many documents at once.
    BulkEdit(Box<BulkEditArgs>),
    /// Tags.
    #[command(subcommand)]
    Tags(ObjectCommand),
    /// Correspondents.
    #[command(subcommand)]
    Correspondents(ObjectCommand),
    /// Document types.
    #[command(subcommand)]
    DocumentTypes(ObjectCommand),
    /// Storage paths.
    #[command(subcommand)]
    StoragePaths(ObjectCommand),
    /// Custom fields.
    #[command(subcommand)]
    CustomFields(ObjectCommand),
    /// Saved views.
    #[command(subcommand)]
    SavedViews(RecordCommand<NameArg>),
    /// Share links.
    #[command(subcommand)]
    ShareLinks(ShareLinkCommand),
    /// Users.
    #[command(subcommand)]
    Users(RecordCommand<UsernameArg>),
    /// Groups.
    #[command(subcommand)]
    Groups(RecordCommand<NameArg>),
    /// Mail accounts.
    #[command(subcommand)]
    MailAccounts(RecordCommand<NameArg>),
    /// Mail rules.
    #[command(subcommand)]
    MailRules(RecordCommand<NameArg>),
    /// Workflows.
    #[command(subcommand)]
    Workflows(RecordCommand<NameArg>),
    /// Background tasks.
    #[command(subcommand)]
    Tasks(TasksCommand),
    /// Deleted documents.
    #[command(subcommand)]
    Trash(TrashCommand),
    /// The server's log.
    Logs {
        /// The log (`paperless`, `mail`, `celery`); without it, the names of the logs.
        name: Option<String>,
        /// The last N lines.
        #[arg(long, short = 'n')]
        limit: Option<u64>,
    },
}

/// Filters of document lists.
#[derive(Debug, Clone, Default, Args)]
pub struct DocFilters {
    /// Documents with this tag (name or id; repeat for all of several).
    #[arg(long)]
    pub tag: Vec<String>,
    /// Documents without this tag.
    #[arg(long)]
    pub not_tag: Vec<String>,
    /// This correspondent (name or id).
    #[arg(long)]
    pub correspondent: Option<String>,
    /// This document type (name or id).
    #[arg(long = "type")]
    pub document_type: Option<String>,
    /// This storage path (name or id).
    #[arg(long)]
    pub storage_path: Option<String>,
    /// This owner's id.
    #[arg(long)]
    pub owner: Option<u64>,
    /// Created after this date (YYYY-MM-DD).
    #[arg(long)]
    pub created_after: Option<String>,
    /// Created before this date.
    #[arg(long)]
    pub created_before: Option<String>,
    /// Added after this date.
    #[arg(long)]
    pub added_after: Option<String>,
    /// Title contains this text.
    #[arg(long)]
    pub title: Option<String>,
    /// Content contains this text.
    #[arg(long)]
    pub content: Option<String>,
    /// This archive serial number.
    #[arg(long)]
    pub asn: Option<u64>,
    /// A custom field query: 'NAME OP VALUE' (OP: exact, gt, gte, lt, lte, icontains, exists).
    #[arg(long)]
    pub custom_field: Vec<String>,
    /// Full-text query.
    #[arg(long)]
    pub query: Option<String>,
    /// Documents like this one.
    #[arg(long)]
    pub more_like: Option<u64>,
    /// Sort by this field (`-field` descending).
    #[arg(long)]
    pub sort: Option<String>,
    /// At most this many documents.
    #[arg(long)]
    pub limit: Option<u64>,
}

/// `documents ...`.
#[derive(Debug, Subcommand)]
pub enum DocumentsCommand {
    /// Lists documents (streamed).
    List(DocFilters),
    /// Full-text search.
    Search {
        /// The query.
        text: String,
        /// More filters.
        #[command(flatten)]
        filters: DocFilters,
    },
    /// Every field of a document, names resolved.
    Show {
        /// The document.
        id: u64,
    },
    /// The document's text.
    Content {
        /// The document.
        id: u64,
    },
    /// File metadata.
    Metadata {
        /// The document.
        id: u64,
    },
    /// The audit log.
    History {
        /// The document.
        id: u64,
    },
    /// What the classifier suggests.
    Suggestions {
        /// The document.
        id: u64,
    },
    /// Notes: list, add TEXT, delete NOTE.
    Notes {
        /// The document.
        id: u64,
        /// `add TEXT` or `delete NOTE_ID`.
        action: Vec<String>,
    },
    /// Changes a document (PATCH of exactly what changed).
    Edit(EditArgs),
    /// Moves documents to the trash.
    Delete {
        /// The documents.
        #[arg(required = true)]
        ids: Vec<u64>,
        /// Do not ask.
        #[arg(long, short)]
        yes: bool,
    },
}

/// `documents edit`.
#[derive(Debug, Args)]
pub struct EditArgs {
    /// The document.
    pub id: u64,
    /// New title.
    #[arg(long)]
    pub title: Option<String>,
    /// Adds a tag (name or id).
    #[arg(long)]
    pub add_tag: Vec<String>,
    /// Removes a tag.
    #[arg(long)]
    pub remove_tag: Vec<String>,
    /// Sets the correspondent (`none` clears it).
    #[arg(long)]
    pub correspondent: Option<String>,
    /// Sets the document type (`none` clears it).
    #[arg(long = "type")]
    pub document_type: Option<String>,
    /// Sets the storage path (`none` clears it).
    #[arg(long)]
    pub storage_path: Option<String>,
    /// Sets the archive serial number.
    #[arg(long)]
    pub asn: Option<u64>,
    /// Sets the created date (YYYY-MM-DD).
    #[arg(long)]
    pub created: Option<String>,
    /// Sets a custom field: NAME=VALUE.
    #[arg(long)]
    pub custom_field: Vec<String>,
}

/// `upload`.
#[derive(Debug, Args)]
pub struct UploadArgs {
    /// Files or directories.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Walk directories.
    #[arg(long, short)]
    pub recursive: bool,
    /// Uploads at once.
    #[arg(long, short = 'j', default_value_t = 4)]
    pub jobs: usize,
    /// Wait for consumption and report each document (default on a terminal).
    #[arg(long, overrides_with = "no_wait")]
    pub wait: bool,
    /// Return once the files are queued.
    #[arg(long)]
    pub no_wait: bool,
    /// Skip files whose SHA-256 checksum the server already has.
    #[arg(long)]
    pub skip_existing: bool,
    /// Title (else the file name).
    #[arg(long)]
    pub title: Option<String>,
    /// Tags (names or ids).
    #[arg(long)]
    pub tag: Vec<String>,
    /// Correspondent.
    #[arg(long)]
    pub correspondent: Option<String>,
    /// Document type.
    #[arg(long = "type")]
    pub document_type: Option<String>,
    /// Storage path.
    #[arg(long)]
    pub storage_path: Option<String>,
    /// Archive serial number.
    #[arg(long)]
    pub asn: Option<u64>,
    /// Created date (YYYY-MM-DD).
    #[arg(long)]
    pub created: Option<String>,
    /// Seconds to wait for each consumption.
    #[arg(long, default_value_t = 300)]
    pub timeout: u64,
}

/// `download`.
#[derive(Debug, Args)]
pub struct DownloadArgs {
    /// Documents (else the filters choose).
    pub ids: Vec<u64>,
    /// The directory to write to.
    #[arg(long, short = 'O', default_value = ".")]
    pub dir: PathBuf,
    /// The original instead of the archived PDF.
    #[arg(long)]
    pub original: bool,
    /// The preview.
    #[arg(long)]
    pub preview: bool,
    /// The thumbnail.
    #[arg(long)]
    pub thumbnail: bool,
    /// Downloads at once.
    #[arg(long, short = 'j', default_value_t = 4)]
    pub jobs: usize,
    /// Filters, when no ids are given.
    #[command(flatten)]
    pub filters: DocFilters,
}

/// `tags|correspondents|... ...`.
#[derive(Debug, Subcommand)]
pub enum ObjectCommand {
    /// Lists them.
    List {
        /// Names containing this text.
        #[arg(long)]
        name: Option<String>,
    },
    /// One, by id or name.
    Show {
        /// Id or exact name.
        id: String,
    },
    /// Creates one.
    Create {
        /// The name.
        name: String,
        /// JSON of more fields (each resource's `create --help` says which).
        #[arg(long)]
        json: Option<String>,
    },
    /// Changes one.
    Edit {
        /// Id or exact name.
        id: String,
        /// New name.
        #[arg(long)]
        name: Option<String>,
        /// JSON of the fields to change.
        #[arg(long)]
        json: Option<String>,
    },
    /// Deletes them.
    Delete {
        /// Ids or exact names.
        #[arg(required = true)]
        ids: Vec<String>,
        /// Do not ask.
        #[arg(long, short)]
        yes: bool,
    },
}

/// `tasks ...`.
#[derive(Debug, Subcommand)]
pub enum TasksCommand {
    /// Lists tasks.
    List {
        /// Only unacknowledged ones.
        #[arg(long)]
        pending: bool,
    },
    /// One task by its UUID.
    Show {
        /// The task UUID.
        uuid: String,
    },
    /// Waits for a task to finish.
    Wait {
        /// The task UUID.
        uuid: String,
        /// Seconds.
        #[arg(long, default_value_t = 300)]
        timeout: u64,
    },
    /// Acknowledges (dismisses) tasks.
    Ack {
        /// Task ids (numbers); none with --all.
        ids: Vec<u64>,
        /// Every task.
        #[arg(long)]
        all: bool,
    },
}

/// `trash ...`.
#[derive(Debug, Subcommand)]
pub enum TrashCommand {
    /// Lists deleted documents.
    List,
    /// Restores documents.
    Restore {
        /// The documents.
        #[arg(required = true)]
        ids: Vec<u64>,
    },
    /// Deletes documents for good (all without ids).
    Empty {
        /// The documents.
        ids: Vec<u64>,
        /// Do not ask.
        #[arg(long, short)]
        yes: bool,
    },
}

/// `export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The directory.
    pub dir: PathBuf,
    /// Remove documents no longer on the server (or no longer matching the filters).
    #[arg(long)]
    pub delete: bool,
    /// Documents fetched at once.
    #[arg(long, short = 'j', default_value_t = 4)]
    pub jobs: usize,
    /// Export only these documents.
    #[command(flatten)]
    pub filters: DocFilters,
}

/// `bulk-edit`.
#[derive(Debug, Args)]
pub struct BulkEditArgs {
    /// Documents (else the filters choose).
    #[arg(long = "id", value_delimiter = ',')]
    pub ids: Vec<u64>,
    /// Adds a tag.
    #[arg(long)]
    pub add_tag: Vec<String>,
    /// Removes a tag.
    #[arg(long)]
    pub remove_tag: Vec<String>,
    /// Sets the correspondent (`none` clears it).
    #[arg(long)]
    pub set_correspondent: Option<String>,
    /// Sets the document type (`none` clears it).
    #[arg(long)]
    pub set_type: Option<String>,
    /// Sets the storage path (`none` clears it).
    #[arg(long)]
    pub set_storage_path: Option<String>,
    /// Sets a custom field's value: NAME=VALUE (the field by name or id; the value is JSON when it
    /// parses, else text). Attaches the field where it is missing.
    #[arg(long, value_name = "NAME=VALUE")]
    pub set_custom_field: Vec<String>,
    /// Detaches a custom field (name or id) and its value.
    #[arg(long, value_name = "NAME")]
    pub remove_custom_field: Vec<String>,
    /// Sets owner and permissions (`--set-owner`, `--view-users`, `--view-groups`,
    /// `--change-users`, `--change-groups`): replaces them, or adds to them with
    /// `--merge-permissions`.
    #[arg(long)]
    pub set_permissions: bool,
    /// The owner: a user id or username (`none`: no owner). Required without
    /// `--merge-permissions`, which sets it only on documents without one.
    #[arg(long, value_name = "USER|none", requires = "set_permissions")]
    pub set_owner: Option<String>,
    /// Users (ids or usernames) who may view.
    #[arg(
        long,
        value_name = "USERS",
        value_delimiter = ',',
        requires = "set_permissions"
    )]
    pub view_users: Vec<String>,
    /// Groups (ids or names) who may view.
    #[arg(
        long,
        value_name = "GROUPS",
        value_delimiter = ',',
        requires = "set_permissions"
    )]
    pub view_groups: Vec<String>,
    /// Users (ids or usernames) who may change.
    #[arg(
        long,
        value_name = "USERS",
        value_delimiter = ',',
        requires = "set_permissions"
    )]
    pub change_users: Vec<String>,
    /// Groups (ids or names) who may change.
    #[arg(
        long,
        value_name = "GROUPS",
        value_delimiter = ',',
        requires = "set_permissions"
    )]
    pub change_groups: Vec<String>,
    /// Adds the users and groups to the current permissions instead of replacing them.
    #[arg(long, requires = "set_permissions")]
    pub merge_permissions: bool,
    /// Merges the documents (in the order given) into one new document.
    #[arg(long)]
    pub merge: bool,
    /// The new document takes this document's metadata (title, tags, ...).
    #[arg(long, value_name = "ID", requires = "merge")]
    pub metadata_from: Option<u64>,
    /// Moves the merged documents to the trash afterwards.
    #[arg(long, requires = "merge")]
    pub delete_originals: bool,
    /// Moves the documents to the trash.
    #[arg(long)]
    pub delete: bool,
    /// Reprocesses the documents.
    #[arg(long)]
    pub reprocess: bool,
    /// Rotates the documents by 90, 180 or 270 degrees.
    #[arg(long)]
    pub rotate: Option<i32>,
    /// Prints how many documents it would touch and the request, and sends nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Do not ask.
    #[arg(long, short)]
    pub yes: bool,
    /// Filters, when no ids are given.
    #[command(flatten)]
    pub filters: DocFilters,
}

/// `list`, `show` and `delete` of saved views, share links, users, groups, mail accounts, mail
/// rules and workflows (what [`RecordCommand`] and [`ShareLinkCommand`] share).
#[derive(Debug)]
pub enum OtherCommand {
    /// Lists them.
    List,
    /// One, by id.
    Show {
        /// The id.
        id: u64,
    },
    /// Deletes them.
    Delete {
        /// The ids.
        ids: Vec<u64>,
        /// Do not ask.
        yes: bool,
    },
}

/// The field a record's `--name`-style shortcut sets, and its value.
pub trait Shortcut: Args {
    /// `(field, value)` when the shortcut was given.
    fn field(&self) -> Option<(&'static str, String)>;
}

/// `--name NAME` (saved views, groups, mail accounts, mail rules, workflows).
#[derive(Debug, Clone, Args)]
pub struct NameArg {
    /// The name (the same as `"name"` in --json).
    #[arg(long)]
    pub name: Option<String>,
}

impl Shortcut for NameArg {
    fn field(&self) -> Option<(&'static str, String)> {
        self.name.clone().map(|n| ("name", n))
    }
}

/// `--username NAME` (users).
#[derive(Debug, Clone, Args)]
pub struct UsernameArg {
    /// The user name (the same as `"username"` in --json).
    #[arg(long)]
    pub username: Option<String>,
}

impl Shortcut for UsernameArg {
    fn field(&self) -> Option<(&'static str, String)> {
        self.username.clone().map(|n| ("username", n))
    }
}

/// `saved-views|users|groups|mail-accounts|mail-rules|workflows ...`.
#[derive(Debug, Subcommand)]
pub enum RecordCommand<S: Shortcut> {
    /// Lists them.
    List,
    /// One, by id.
    Show {
        /// The id.
        id: u64,
    },
    /// Creates one from --json (the fields of the API's create body) and the shortcut.
    Create {
        /// The shortcut field.
        #[command(flatten)]
        shortcut: S,
        /// JSON of the fields (each resource's `create --help` says which).
        #[arg(long)]
        json: Option<String>,
    },
    /// Changes one: a PATCH of exactly the fields given.
    Edit {
        /// The id.
        id: u64,
        /// The shortcut field.
        #[command(flatten)]
        shortcut: S,
        /// JSON of the fields to change.
        #[arg(long)]
        json: Option<String>,
    },
    /// Deletes them.
    Delete {
        /// The ids.
        #[arg(required = true)]
        ids: Vec<u64>,
        /// Do not ask.
        #[arg(long, short)]
        yes: bool,
    },
}

/// A share link's file.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum FileVersionArg {
    /// The archived PDF.
    Archive,
    /// The original file.
    Original,
}

/// `share-links ...` (the API cannot change a link, so there is no `edit`).
#[derive(Debug, Subcommand)]
pub enum ShareLinkCommand {
    /// Lists them.
    List,
    /// One, by id.
    Show {
        /// The id.
        id: u64,
    },
    /// Creates a link to a document.
    Create {
        /// The document.
        #[arg(long)]
        document: u64,
        /// When the link stops working: RFC 3339 (`2030-01-01T00:00:00+01:00`) or a date
        /// (`2030-01-01`, midnight UTC); without it, never.
        #[arg(long)]
        expiration: Option<String>,
        /// The file the link serves (the server's default: archive).
        #[arg(long, value_enum)]
        file_version: Option<FileVersionArg>,
    },
    /// Deletes them.
    Delete {
        /// The ids.
        #[arg(required = true)]
        ids: Vec<u64>,
        /// Do not ask.
        #[arg(long, short)]
        yes: bool,
    },
}
