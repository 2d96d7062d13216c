//! Fixture mappings for tags, correspondents, document types, storage paths, saved views, users,
//! groups, mail, workflows, configuration, profile, UI settings, status and the other endpoints.

use paperless_types::Page;
use paperless_types::allauth::{HeadlessConfig, HeadlessResponse};
use paperless_types::auth::{TokenRequest, TokenResponse};
use paperless_types::bulk_edit_objects::BulkEditObjects;
use paperless_types::config::{ApplicationConfiguration, ApplicationConfigurationPatch};
use paperless_types::correspondent::{Correspondent, CorrespondentPatch, NewCorrespondent};
use paperless_types::document_type::{DocumentType, DocumentTypePatch, NewDocumentType};
use paperless_types::group::{Group, GroupPatch, NewGroup};
use paperless_types::logs::LogName;
use paperless_types::mail_account::{
    MailAccount, MailAccountPatch, MailAccountTest, NewMailAccount,
};
use paperless_types::mail_rule::{MailRule, MailRulePatch, NewMailRule};
use paperless_types::options::OptionsMetadata;
use paperless_types::outcome::ActionResult;
use paperless_types::outcome::SuccessResponse;
use paperless_types::processed_mail::{
    ProcessedMail, ProcessedMailBulkDelete, ProcessedMailBulkDeleteResult,
};
use paperless_types::profile::{
    DisconnectSocialAccount, Profile, ProfilePatch, SocialAccountProvider, TotpActivate,
    TotpActivation, TotpSetup,
};
use paperless_types::saved_view::{NewSavedView, SavedView, SavedViewPatch};
use paperless_types::secret::Secret;
use paperless_types::statistics::Statistics;
use paperless_types::status::{RemoteVersion, SystemStatus};
use paperless_types::storage_path::{
    NewStoragePath, StoragePath, StoragePathPatch, StoragePathTest,
};
use paperless_types::tag::{NewTag, Tag, TagPatch};
use paperless_types::ui_settings::{UiSettings, UiSettingsUpdate};
use paperless_types::user::{NewUser, User, UserPatch};
use paperless_types::workflow::{NewWorkflow, Workflow, WorkflowPatch};
use paperless_types::workflow_action::{NewWorkflowAction, WorkflowAction, WorkflowActionPatch};
use paperless_types::workflow_trigger::{
    NewWorkflowTrigger, WorkflowTrigger, WorkflowTriggerPatch,
};

use crate::harness::Entry;
use crate::{request, response};

/// How the capture tool records a form-encoded (or multipart) request body: the form fields go
/// under `fields`, so the payload type must reproduce exactly those.
#[derive(serde::Serialize, serde::Deserialize)]
struct FormCapture<T> {
    #[serde(rename = "_multipart_or_form")]
    multipart_or_form: bool,
    fields: T,
    files: serde_json::Map<String, serde_json::Value>,
}

pub fn entries() -> Vec<Entry> {
    vec![
        // Tags.
        response!("tags.as_bob" => Page<Tag>),
        response!("tags.create" => Tag),
        request!("tags.create" => NewTag),
        request!("tags.create.bad_color" => NewTag),
        request!("tags.create.duplicate_name_400" => NewTag),
        // An unknown matching algorithm survives as `Other(42)`.
        request!("tags.create.invalid_400" => TagPatch),
        response!("tags.list.filter_name_icontains" => Page<Tag>),
        response!("tags.list.full_perms" => Page<Tag>),
        response!("tags.list.id_in" => Page<Tag>),
        response!("tags.list.inbox" => Page<Tag>),
        response!("tags.list.is_root" => Page<Tag>),
        response!("tags.list.page2" => Page<Tag>),
        response!("tags.list.page_size2" => Page<Tag>),
        response!("tags.patch" => Tag),
        request!("tags.patch" => TagPatch),
        response!("tags.put" => Tag),
        request!("tags.put" => TagPatch),
        response!("tags.retrieve.full_perms" => Tag),
        response!("tags.retrieve" => Tag),
        // correspondents.
        response!("correspondents.as_bob" => Page<Correspondent>),
        response!("correspondents.create" => Correspondent),
        request!("correspondents.create" => NewCorrespondent),
        request!("correspondents.create.duplicate_name_400" => NewCorrespondent),
        request!("correspondents.create.invalid_400" => CorrespondentPatch),
        response!("correspondents.list.filter_name_icontains" => Page<Correspondent>),
        response!("correspondents.list.full_perms" => Page<Correspondent>),
        response!("correspondents.list.id_in" => Page<Correspondent>),
        response!("correspondents.list.page2" => Page<Correspondent>),
        response!("correspondents.list.page_size2" => Page<Correspondent>),
        response!("correspondents.patch" => Correspondent),
        request!("correspondents.patch" => CorrespondentPatch),
        response!("correspondents.put" => Correspondent),
        request!("correspondents.put" => CorrespondentPatch),
        response!("correspondents.retrieve.full_perms" => Correspondent),
        response!("correspondents.retrieve" => Correspondent),
        // document_types.
        response!("document_types.as_bob" => Page<DocumentType>),
        response!("document_types.create" => DocumentType),
        request!("document_types.create" => NewDocumentType),
        request!("document_types.create.duplicate_name_400" => NewDocumentType),
        request!("document_types.create.invalid_400" => DocumentTypePatch),
        response!("document_types.list.filter_name_icontains" => Page<DocumentType>),
        response!("document_types.list.full_perms" => Page<DocumentType>),
        response!("document_types.list.id_in" => Page<DocumentType>),
        response!("document_types.list.page2" => Page<DocumentType>),
        response!("document_types.list.page_size2" => Page<DocumentType>),
        response!("document_types.patch" => DocumentType),
        request!("document_types.patch" => DocumentTypePatch),
        response!("document_types.put" => DocumentType),
        request!("document_types.put" => DocumentTypePatch),
        response!("document_types.retrieve.full_perms" => DocumentType),
        response!("document_types.retrieve" => DocumentType),
        // storage_paths.
        response!("storage_paths.as_bob" => Page<StoragePath>),
        response!("storage_paths.create" => StoragePath),
        request!("storage_paths.create" => NewStoragePath),
        request!("storage_paths.create.duplicate_name_400" => NewStoragePath),
        request!("storage_paths.create.invalid_400" => StoragePathPatch),
        response!("storage_paths.list.filter_name_icontains" => Page<StoragePath>),
        response!("storage_paths.list.full_perms" => Page<StoragePath>),
        response!("storage_paths.list.id_in" => Page<StoragePath>),
        response!("storage_paths.list.page2" => Page<StoragePath>),
        response!("storage_paths.list.page_size2" => Page<StoragePath>),
        response!("storage_paths.patch" => StoragePath),
        request!("storage_paths.patch" => StoragePathPatch),
        response!("storage_paths.put" => StoragePath),
        request!("storage_paths.put" => StoragePathPatch),
        response!("storage_paths.retrieve.full_perms" => StoragePath),
        response!("storage_paths.retrieve" => StoragePath),
        response!("auth.basic" => Page<Correspondent>),
        response!("storage_paths.test" => Option<String>),
        request!("storage_paths.test" => StoragePathTest),
        request!("storage_paths.test.invalid_template" => StoragePathTest),
        // Saved views (v9 adds show_on_dashboard / show_in_sidebar).
        response!("saved_views.create" => SavedView),
        request!("saved_views.create" => NewSavedView),
        // An unknown display field survives as `Other("nope")`.
        request!("saved_views.create.invalid_display_field" => NewSavedView),
        request!("saved_views.create.missing_filter_rules" => SavedViewPatch),
        response!("saved_views.create.v9_with_dashboard" => SavedView),
        request!("saved_views.create.v9_with_dashboard" => NewSavedView),
        response!("saved_views.list" => Page<SavedView>),
        response!("saved_views.list.v9" => Page<SavedView>),
        response!("saved_views.patch" => SavedView),
        request!("saved_views.patch" => SavedViewPatch),
        response!("saved_views.put" => SavedView),
        request!("saved_views.put" => SavedViewPatch),
        response!("saved_views.retrieve.full_perms" => SavedView),
        response!("saved_views.retrieve" => SavedView),
        // Users and groups.
        response!("users.create" => User),
        request!("users.create" => NewUser),
        request!("users.create.bad_permission_400" => NewUser),
        request!("users.create.duplicate_400" => NewUser),
        response!("users.list" => Page<User>),
        response!("users.list.page_size2" => Page<User>),
        response!("users.patch" => User),
        request!("users.patch" => UserPatch),
        response!("users.put" => User),
        request!("users.put" => UserPatch),
        response!("users.retrieve" => User),
        response!("groups.create" => Group),
        request!("groups.create" => NewGroup),
        request!("groups.create.missing_permissions_400" => GroupPatch),
        response!("groups.list" => Page<Group>),
        response!("groups.patch" => Group),
        request!("groups.patch" => GroupPatch),
        response!("groups.put" => Group),
        request!("groups.put" => GroupPatch),
        response!("groups.retrieve" => Group),
        // Mail accounts, rules and processed mail.
        response!("mail_accounts.create" => MailAccount),
        request!("mail_accounts.create" => NewMailAccount),
        request!("mail_accounts.create.invalid_400" => MailAccountPatch),
        response!("mail_accounts.list" => Page<MailAccount>),
        response!("mail_accounts.patch" => MailAccount),
        request!("mail_accounts.patch" => MailAccountPatch),
        response!("mail_accounts.process" => ActionResult),
        response!("mail_accounts.put" => MailAccount),
        request!("mail_accounts.put" => MailAccountPatch),
        response!("mail_accounts.retrieve" => MailAccount),
        request!("mail_accounts.test.connection_refused" => MailAccountTest),
        response!("mail_rules.create" => MailRule),
        request!("mail_rules.create" => NewMailRule),
        request!("mail_rules.create.invalid_400" => MailRulePatch),
        response!("mail_rules.list" => Page<MailRule>),
        response!("mail_rules.patch" => MailRule),
        request!("mail_rules.patch" => MailRulePatch),
        response!("mail_rules.put" => MailRule),
        request!("mail_rules.put" => MailRulePatch),
        response!("mail_rules.retrieve" => MailRule),
        response!("processed_mail.list" => Page<ProcessedMail>),
        response!("processed_mail.bulk_delete" => ProcessedMailBulkDeleteResult),
        request!("processed_mail.bulk_delete" => ProcessedMailBulkDelete),
        // Workflows, their triggers and actions.
        response!("workflows.create" => Workflow),
        request!("workflows.create" => NewWorkflow),
        request!("workflows.create.bad_title_template_400" => NewWorkflow),
        request!("workflows.create.invalid_400" => WorkflowPatch),
        response!("workflows.list" => Page<Workflow>),
        response!("workflows.patch" => Workflow),
        request!("workflows.patch" => WorkflowPatch),
        response!("workflows.put" => Workflow),
        request!("workflows.put" => WorkflowPatch),
        response!("workflows.retrieve" => Workflow),
        response!("workflows.retrieve.disabled_webhook_email" => Workflow),
        response!("workflow_triggers.create" => WorkflowTrigger),
        request!("workflow_triggers.create" => NewWorkflowTrigger),
        response!("workflow_triggers.list" => Page<WorkflowTrigger>),
        response!("workflow_triggers.patch" => WorkflowTrigger),
        request!("workflow_triggers.patch" => WorkflowTriggerPatch),
        response!("workflow_triggers.put" => WorkflowTrigger),
        request!("workflow_triggers.put" => WorkflowTriggerPatch),
        response!("workflow_triggers.retrieve" => WorkflowTrigger),
        response!("workflow_triggers.retrieve.after_workflow_delete" => WorkflowTrigger),
        response!("workflow_actions.create" => WorkflowAction),
        request!("workflow_actions.create" => NewWorkflowAction),
        response!("workflow_actions.list" => Page<WorkflowAction>),
        response!("workflow_actions.patch" => WorkflowAction),
        request!("workflow_actions.patch" => WorkflowActionPatch),
        response!("workflow_actions.put" => WorkflowAction),
        request!("workflow_actions.put" => WorkflowActionPatch),
        response!("workflow_actions.retrieve" => WorkflowAction),
        // Application configuration (the list is an unpaginated array).
        response!("config.as_bob" => Vec<ApplicationConfiguration>),
        response!("config.list" => Vec<ApplicationConfiguration>),
        response!("config.patch" => ApplicationConfiguration),
        request!("config.patch" => ApplicationConfigurationPatch),
        request!("config.patch_invalid" => ApplicationConfigurationPatch),
        response!("config.put" => ApplicationConfiguration),
        request!("config.put" => ApplicationConfigurationPatch),
        response!("config.retrieve" => ApplicationConfiguration),
        // Profile, TOTP, social accounts.
        response!("profile.generate_auth_token" => Secret),
        response!("profile.get" => Profile),
        response!("profile.get.as_alice_new_token" => Profile),
        response!("profile.patch" => Profile),
        request!("profile.patch" => ProfilePatch),
        response!("profile.social_account_providers" => Vec<SocialAccountProvider>),
        request!("profile.disconnect_social_account.missing" => DisconnectSocialAccount),
        response!("profile.totp.get" => TotpSetup),
        response!("profile.totp.post_bad_code" => TotpActivation),
        request!("profile.totp.post_bad_code" => TotpActivate),
        // UI settings, statistics, status, logs, autocomplete.
        response!("ui_settings.get" => UiSettings),
        response!("ui_settings.post" => SuccessResponse),
        request!("ui_settings.post" => UiSettingsUpdate),
        response!("statistics" => Statistics),
        response!("statistics.as_bob" => Statistics),
        response!("status" => SystemStatus),
        response!("remote_version" => RemoteVersion),
        response!("logs.list" => Vec<LogName>),
        response!("logs.mail" => Vec<String>),
        response!("logs.paperless" => Vec<String>),
        response!("search.autocomplete" => Vec<String>),
        response!("search.global" => paperless_types::search::GlobalSearchResults),
        response!("search.global.db_only" => paperless_types::search::GlobalSearchResults),
        // Tokens; the form-encoded capture records its fields under `fields`.
        response!("token.obtain_form" => TokenResponse),
        request!("token.obtain_form" => FormCapture<TokenRequest>),
        response!("token.obtain_json" => TokenResponse),
        request!("token.obtain_json" => TokenRequest),
        request!("token.bad_credentials" => TokenRequest),
        // Bulk operations on tags, correspondents, document types and storage paths.
        response!("bulk_edit_objects.delete" => ActionResult),
        request!("bulk_edit_objects.delete" => BulkEditObjects),
        response!("bulk_edit_objects.set_permissions" => ActionResult),
        request!("bulk_edit_objects.set_permissions" => BulkEditObjects),
        request!("bulk_edit_objects.invalid" => BulkEditObjects),
        // DRF metadata (OPTIONS) and the allauth headless configuration.
        response!("auth.options_documents" => OptionsMetadata),
        response!("auth.options_tags" => OptionsMetadata),
        response!("allauth.headless.app_config" => HeadlessResponse<HeadlessConfig>),
        // API version negotiation: ordinary tag pages (v9 adds `all`).
        response!("version.none_header" => Page<Tag>),
        response!("version.v10_explicit" => Page<Tag>),
        response!("version.v9" => Page<Tag>),
    ]
}
