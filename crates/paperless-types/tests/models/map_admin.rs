//! Fixture mappings for tags, correspondents, document types, storage paths, saved views, users,
//! groups, mail, workflows, configuration, profile, UI settings, status and the other endpoints.

use paperless_types::Page;
use paperless_types::correspondent::{Correspondent, CorrespondentPatch, NewCorrespondent};
use paperless_types::document_type::{DocumentType, DocumentTypePatch, NewDocumentType};
use paperless_types::group::{Group, GroupPatch, NewGroup};
use paperless_types::mail_account::{MailAccount, MailAccountPatch, MailAccountTest, NewMailAccount};
use paperless_types::mail_rule::{MailRule, MailRulePatch, NewMailRule};
use paperless_types::outcome::ActionResult;
use paperless_types::processed_mail::{
    ProcessedMail, ProcessedMailBulkDelete, ProcessedMailBulkDeleteResult,
};
use paperless_types::user::{NewUser, User, UserPatch};
use paperless_types::saved_view::{NewSavedView, SavedView, SavedViewPatch};
use paperless_types::storage_path::{NewStoragePath, StoragePath, StoragePathPatch, StoragePathTest};
use paperless_types::tag::{NewTag, Tag, TagPatch};

use crate::harness::Entry;
use crate::{request, response};

pub fn entries() -> Vec<Entry> {
    vec![
        // Tags.
        response!("tags.as_bob" => Page<Tag>),
        response!("tags.create" => Tag),
        request!("tags.create" => NewTag),
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
        response!("mail_rules.list" => Page<MailRule>),
        response!("mail_rules.patch" => MailRule),
        request!("mail_rules.patch" => MailRulePatch),
        response!("mail_rules.put" => MailRule),
        request!("mail_rules.put" => MailRulePatch),
        response!("mail_rules.retrieve" => MailRule),
        response!("processed_mail.list" => Page<ProcessedMail>),
        response!("processed_mail.bulk_delete" => ProcessedMailBulkDeleteResult),
        request!("processed_mail.bulk_delete" => ProcessedMailBulkDelete),
        // API version negotiation: ordinary tag pages (v9 adds `all`).
        response!("version.none_header" => Page<Tag>),
        response!("version.v10_explicit" => Page<Tag>),
        response!("version.v9" => Page<Tag>),
    ]
}
