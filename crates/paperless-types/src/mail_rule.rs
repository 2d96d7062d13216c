//! Mail rules: which mails of a [mail account](crate::mail_account) Paperless-ngx consumes, what
//! it does with them afterwards, and which metadata it assigns to the resulting documents.
//!
//! Endpoints:
//! - `GET /api/mail_rules/` → [`Page`](crate::Page)`<`[`MailRule`]`>`
//! - `GET /api/mail_rules/{id}/` → [`MailRule`]
//! - `POST /api/mail_rules/` with [`NewMailRule`] → [`MailRule`] (201)
//! - `PUT`/`PATCH /api/mail_rules/{id}/` with [`MailRulePatch`] → [`MailRule`]
//! - `DELETE /api/mail_rules/{id}/` → 204, empty body
//!
//! See <https://docs.paperless-ngx.com/usage/#usage-email>.

use serde::{Deserialize, Serialize};

use crate::ids::{CorrespondentId, DocumentTypeId, MailAccountId, MailRuleId, TagId, UserId};
use crate::patch::Patch;
use crate::permissions::Permissions;

crate::open_enum::int_enum! {
    /// What the server does with a mail after consuming it (`action`). Except for
    /// [`MailAction::Delete`] and [`MailAction::Move`], the action also marks the mail so it is
    /// not processed again.
    pub enum MailAction {
        /// `1`: delete the mail.
        Delete => 1,
        /// `2`: move the mail to the folder named by `action_parameter`.
        Move => 2,
        /// `3`: mark the mail as read; read mails are not processed.
        MarkRead => 3,
        /// `4`: flag the mail; flagged mails are not processed.
        Flag => 4,
        /// `5`: tag the mail with the IMAP keyword in `action_parameter` (Gmail: `gmail_label:...`);
        /// tagged mails are not processed.
        Tag => 5,
    }
}

crate::open_enum::int_enum! {
    /// Where the title of a consumed document comes from (`assign_title_from`).
    pub enum MailTitleSource {
        /// `1`: the mail subject.
        FromSubject => 1,
        /// `2`: the attachment's file name.
        FromFilename => 2,
        /// `3`: no title from the rule (the consumer picks one).
        None => 3,
    }
}

crate::open_enum::int_enum! {
    /// Where the correspondent of a consumed document comes from (`assign_correspondent_from`).
    pub enum MailCorrespondentSource {
        /// `1`: assign no correspondent.
        FromNothing => 1,
        /// `2`: the sender's mail address.
        FromEmail => 2,
        /// `3`: the sender's name (or address when there is no name).
        FromName => 3,
        /// `4`: the correspondent in `assign_correspondent`.
        FromCustom => 4,
    }
}

crate::open_enum::int_enum! {
    /// Which attachments are consumed (`attachment_type`).
    pub enum MailAttachmentType {
        /// `1`: only real attachments.
        AttachmentsOnly => 1,
        /// `2`: every file, including inline ones.
        Everything => 2,
    }
}

crate::open_enum::int_enum! {
    /// What of a mail is consumed (`consumption_scope`).
    pub enum MailConsumptionScope {
        /// `1`: only the attachments.
        AttachmentsOnly => 1,
        /// `2`: the whole mail as an `.eml` document (attachments embedded).
        EmlOnly => 2,
        /// `3`: the whole mail as `.eml`, plus each attachment as its own document.
        Everything => 3,
    }
}

crate::open_enum::int_enum! {
    /// How a consumed mail body is laid out in its PDF (`pdf_layout`).
    pub enum MailPdfLayout {
        /// `0`: the server's configured default.
        Default => 0,
        /// `1`: the text part, then the HTML part.
        TextHtml => 1,
        /// `2`: the HTML part, then the text part.
        HtmlText => 2,
        /// `3`: the HTML part only.
        HtmlOnly => 3,
        /// `4`: the text part only.
        TextOnly => 4,
    }
}

macro_rules! server_default {
    ($($ty:ident => $variant:ident;)*) => {$(
        impl Default for $ty {
            #[doc = concat!("[`", stringify!($ty), "::", stringify!($variant), "`], the server's default.")]
            fn default() -> Self {
                Self::$variant
            }
        }
    )*};
}

server_default! {
    MailAction => MarkRead;
    MailTitleSource => FromSubject;
    MailCorrespondentSource => FromNothing;
    MailAttachmentType => AttachmentsOnly;
    MailConsumptionScope => AttachmentsOnly;
    MailPdfLayout => Default;
}

/// A mail rule as the server returns it.
///
/// ```
/// use paperless_types::mail_rule::{MailAction, MailRule};
///
/// let json = r#"{"id":1,"name":"Invoices","account":1,"enabled":true,"folder":"INBOX",
///   "filter_from":"billing@","filter_to":null,"filter_subject":"Invoice","filter_body":null,
///   "filter_attachment_filename_include":"*.pdf","filter_attachment_filename_exclude":null,
///   "maximum_age":30,"action":2,"action_parameter":"Archive/Paperless","assign_title_from":1,
///   "assign_tags":[3],"assign_correspondent_from":1,"assign_correspondent":null,
///   "assign_document_type":1,"assign_owner_from_rule":true,"order":0,"attachment_type":1,
///   "consumption_scope":1,"pdf_layout":0,"owner":2,"user_can_change":true,"stop_processing":false}"#;
/// let rule: MailRule = serde_json::from_str(json)?;
/// assert_eq!(rule.action, MailAction::Move);
/// assert_eq!(rule.action_parameter.as_deref(), Some("Archive/Paperless"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MailRule {
    /// Primary key.
    pub id: MailRuleId,
    /// Display name; unique per owner.
    pub name: String,
    /// The mail account the rule reads from.
    pub account: MailAccountId,
    /// Whether the rule runs.
    #[serde(default)]
    pub enabled: bool,
    /// The IMAP folder to read, such as `INBOX` or `INBOX.Receipts`.
    pub folder: String,
    /// Only mails whose sender contains this text.
    #[serde(default)]
    pub filter_from: Option<String>,
    /// Only mails whose recipients contain this text.
    #[serde(default)]
    pub filter_to: Option<String>,
    /// Only mails whose subject contains this text.
    #[serde(default)]
    pub filter_subject: Option<String>,
    /// Only mails whose body contains this text.
    #[serde(default)]
    pub filter_body: Option<String>,
    /// Only attachments whose file name matches this wildcard pattern (such as `*.pdf`),
    /// case-insensitively.
    #[serde(default)]
    pub filter_attachment_filename_include: Option<String>,
    /// Skip attachments whose file name matches this wildcard pattern, case-insensitively.
    #[serde(default)]
    pub filter_attachment_filename_exclude: Option<String>,
    /// Only mails at most this many days old.
    pub maximum_age: u32,
    /// What happens to a processed mail.
    pub action: MailAction,
    /// The folder ([`MailAction::Move`]) or keyword ([`MailAction::Tag`]) of the action.
    #[serde(default)]
    pub action_parameter: Option<String>,
    /// Where document titles come from.
    pub assign_title_from: MailTitleSource,
    /// Tags assigned to every consumed document.
    #[serde(default)]
    pub assign_tags: Vec<TagId>,
    /// Where document correspondents come from.
    pub assign_correspondent_from: MailCorrespondentSource,
    /// The correspondent assigned with [`MailCorrespondentSource::FromCustom`].
    #[serde(default)]
    pub assign_correspondent: Option<CorrespondentId>,
    /// The document type assigned to every consumed document.
    #[serde(default)]
    pub assign_document_type: Option<DocumentTypeId>,
    /// Whether consumed documents are owned by the rule's owner.
    #[serde(default)]
    pub assign_owner_from_rule: bool,
    /// Position among the account's rules; lower runs first.
    #[serde(default)]
    pub order: i64,
    /// Which attachments are consumed.
    pub attachment_type: MailAttachmentType,
    /// What of a mail is consumed.
    pub consumption_scope: MailConsumptionScope,
    /// How a mail body is laid out in its PDF.
    #[serde(default)]
    pub pdf_layout: MailPdfLayout,
    /// The owning user; `None` means the rule is unowned.
    #[serde(default)]
    pub owner: Option<UserId>,
    /// Whether the requesting user may change the rule; sent unless `full_perms=true`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_can_change: Option<bool>,
    /// Who may view and change the rule; sent only with `full_perms=true`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permissions: Option<Permissions>,
    /// Whether later rules skip a mail this rule processed.
    #[serde(default)]
    pub stop_processing: bool,
}

macro_rules! mail_rule_payload {
    (
        $(#[$meta:meta])*
        pub struct $name:ident { $($required:tt)* }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
        #[non_exhaustive]
        pub struct $name {
            $($required)*
            /// Whether the rule runs.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub enabled: Option<bool>,
            /// Only mails whose sender contains this text.
            #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
            pub filter_from: Patch<String>,
            /// Only mails whose recipients contain this text.
            #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
            pub filter_to: Patch<String>,
            /// Only mails whose subject contains this text.
            #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
            pub filter_subject: Patch<String>,
            /// Only mails whose body contains this text.
            #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
            pub filter_body: Patch<String>,
            /// Only attachments whose file name matches this wildcard pattern.
            #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
            pub filter_attachment_filename_include: Patch<String>,
            /// Skip attachments whose file name matches this wildcard pattern.
            #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
            pub filter_attachment_filename_exclude: Patch<String>,
            /// Only mails at most this many days old (at most 36500).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub maximum_age: Option<u32>,
            /// What happens to a processed mail.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub action: Option<MailAction>,
            /// The folder or keyword of the action (required for [`MailAction::Move`] and
            /// [`MailAction::Tag`]).
            #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
            pub action_parameter: Patch<String>,
            /// Where document titles come from.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub assign_title_from: Option<MailTitleSource>,
            /// Tags assigned to every consumed document.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub assign_tags: Option<Vec<TagId>>,
            /// Where document correspondents come from.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub assign_correspondent_from: Option<MailCorrespondentSource>,
            /// The correspondent for [`MailCorrespondentSource::FromCustom`].
            #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
            pub assign_correspondent: Patch<CorrespondentId>,
            /// The document type assigned to every consumed document.
            #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
            pub assign_document_type: Patch<DocumentTypeId>,
            /// Whether consumed documents are owned by the rule's owner.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub assign_owner_from_rule: Option<bool>,
            /// Position among the account's rules; lower runs first.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub order: Option<i64>,
            /// Which attachments are consumed.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub attachment_type: Option<MailAttachmentType>,
            /// What of a mail is consumed.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub consumption_scope: Option<MailConsumptionScope>,
            /// How a mail body is laid out in its PDF.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub pdf_layout: Option<MailPdfLayout>,
            /// Whether later rules skip a mail this rule processed.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub stop_processing: Option<bool>,
            /// The owner ([`Patch::Null`]: unowned; unchanged on create: the requesting user).
            #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
            pub owner: Patch<UserId>,
            /// View and change permissions to grant.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub set_permissions: Option<Permissions>,
        }

        crate::setters::setters! { $name {
            opt enabled: bool;
            patch filter_from: String;
            patch filter_to: String;
            patch filter_subject: String;
            patch filter_body: String;
            patch filter_attachment_filename_include: String;
            patch filter_attachment_filename_exclude: String;
            opt maximum_age: u32;
            opt action: MailAction;
            patch action_parameter: String;
            opt assign_title_from: MailTitleSource;
            list assign_tags: TagId;
            opt assign_correspondent_from: MailCorrespondentSource;
            patch assign_correspondent: CorrespondentId;
            patch assign_document_type: DocumentTypeId;
            opt assign_owner_from_rule: bool;
            opt order: i64;
            opt attachment_type: MailAttachmentType;
            opt consumption_scope: MailConsumptionScope;
            opt pdf_layout: MailPdfLayout;
            opt stop_processing: bool;
            patch owner: UserId;
            opt set_permissions: Permissions;
        }}
    };
}

mail_rule_payload! {
    /// The body of `POST /api/mail_rules/`: creates a mail rule.
    ///
    /// [`name`](Self::name), [`account`](Self::account) and [`folder`](Self::folder) are
    /// required; every other field left unset is not sent and gets the server's default
    /// (enabled, 30 days, [`MailAction::MarkRead`], title from subject, no correspondent,
    /// attachments only).
    ///
    /// ```
    /// use paperless_types::{MailAccountId, TagId, mail_rule::{MailAction, NewMailRule}};
    ///
    /// let rule = NewMailRule::new("Receipts", MailAccountId(1), "INBOX")
    ///     .action(MailAction::Move)
    ///     .action_parameter(Some("Archive".to_owned()))
    ///     .assign_tags([TagId(4)]);
    /// assert_eq!(
    ///     serde_json::to_string(&rule)?,
    ///     r#"{"name":"Receipts","account":1,"folder":"INBOX","action":2,"action_parameter":"Archive","assign_tags":[4]}"#
    /// );
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub struct NewMailRule {
        /// Display name; must be unique for the owner.
        pub name: String,
        /// The mail account to read from.
        pub account: MailAccountId,
        /// The IMAP folder to read (server default `INBOX`; subfolders are usually separated by
        /// `.` or `/`).
        pub folder: String,
    }
}

impl NewMailRule {
    /// A rule reading `folder` of `account`, with server defaults for everything else.
    #[must_use]
    pub fn new(name: impl Into<String>, account: MailAccountId, folder: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            account,
            folder: folder.into(),
            ..Self::default()
        }
    }
}

mail_rule_payload! {
    /// The body of `PATCH /api/mail_rules/{id}/` (partial update) or `PUT` (replace).
    ///
    /// Fields left `None` / [`Patch::Unchanged`] are not sent and keep their value.
    ///
    /// ```
    /// use paperless_types::mail_rule::MailRulePatch;
    ///
    /// let patch = MailRulePatch::new().enabled(false).filter_body(Some("receipt".into()));
    /// assert_eq!(serde_json::to_string(&patch)?, r#"{"enabled":false,"filter_body":"receipt"}"#);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub struct MailRulePatch {
        /// New display name.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub name: Option<String>,
        /// New mail account.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub account: Option<MailAccountId>,
        /// New IMAP folder.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub folder: Option<String>,
    }
}

impl MailRulePatch {
    /// A patch that changes nothing yet.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }
}

crate::setters::setters! { MailRulePatch {
    opt name: String;
    opt account: MailAccountId;
    opt folder: String;
}}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_rule_renders_the_captured_create_body() {
        let rule = NewMailRule::new("ZZ scratch rule", MailAccountId(1), "INBOX")
            .action(MailAction::Flag)
            .maximum_age(7u32)
            .assign_tags([TagId(1)])
            .assign_correspondent_from(MailCorrespondentSource::FromCustom)
            .assign_correspondent(Some(CorrespondentId(8)))
            .order(5i64)
            .consumption_scope(MailConsumptionScope::EmlOnly)
            .pdf_layout(MailPdfLayout::HtmlText);
        assert_eq!(
            serde_json::to_string(&rule).unwrap(),
            r#"{"name":"ZZ scratch rule","account":1,"folder":"INBOX","maximum_age":7,"action":4,"assign_tags":[1],"assign_correspondent_from":4,"assign_correspondent":8,"order":5,"consumption_scope":2,"pdf_layout":2}"#
        );
    }

    #[test]
    fn put_body_matches_the_capture() {
        let put = MailRulePatch::new()
            .name("ZZ scratch rule put")
            .account(MailAccountId(1))
            .folder("INBOX.Receipts")
            .action(MailAction::Tag)
            .action_parameter(Some("paperless".to_owned()))
            .maximum_age(14u32)
            .assign_tags([])
            .assign_correspondent_from(MailCorrespondentSource::FromEmail)
            .order(6i64)
            .consumption_scope(MailConsumptionScope::Everything)
            .attachment_type(MailAttachmentType::Everything);
        assert_eq!(
            serde_json::to_string(&put).unwrap(),
            r#"{"name":"ZZ scratch rule put","account":1,"folder":"INBOX.Receipts","maximum_age":14,"action":5,"action_parameter":"paperless","assign_tags":[],"assign_correspondent_from":2,"order":6,"attachment_type":2,"consumption_scope":3}"#
        );
    }

    #[test]
    fn defaults_are_the_servers() {
        assert_eq!(MailAction::default(), MailAction::MarkRead);
        assert_eq!(MailPdfLayout::default().as_i64(), 0);
        assert_eq!(MailTitleSource::default().as_i64(), 1);
    }
}
