//! The in-memory database: every object the server knows, as `paperless-types` models.

use std::collections::BTreeMap;

use bytes::Bytes;
use paperless_types::DocumentId;
use paperless_types::correspondent::Correspondent;
use paperless_types::custom_field::CustomField;
use paperless_types::document::Document;
use paperless_types::document_type::DocumentType;
use paperless_types::event::{DocumentUpdated, DocumentsDeleted, StatusEvent};
use paperless_types::group::Group;
use paperless_types::mail_account::MailAccount;
use paperless_types::mail_rule::MailRule;
use paperless_types::saved_view::SavedView;
use paperless_types::share_link::ShareLink;
use paperless_types::storage_path::StoragePath;
use paperless_types::tag::Tag;
use paperless_types::task::Task;
use paperless_types::user::User;
use paperless_types::workflow::Workflow;

/// A user and how they log in.
#[derive(Clone)]
pub(crate) struct Account {
    pub(crate) user: User,
    pub(crate) password: String,
    pub(crate) token: String,
}

/// A document with its file.
#[derive(Clone)]
pub(crate) struct StoredDocument {
    /// The model as stored: `permissions` set, `user_can_change`, `is_shared_by_requester`,
    /// `duplicate_documents` and `search_hit` unset (they depend on the request).
    pub(crate) doc: Document,
    /// The original file's bytes.
    pub(crate) file: Bytes,
    /// SHA-256 of `file`.
    pub(crate) checksum: String,
}

/// Every object of the test server.
#[derive(Default)]
pub(crate) struct Store {
    pub(crate) accounts: BTreeMap<u64, Account>,
    pub(crate) tags: BTreeMap<u64, Tag>,
    pub(crate) correspondents: BTreeMap<u64, Correspondent>,
    pub(crate) document_types: BTreeMap<u64, DocumentType>,
    pub(crate) storage_paths: BTreeMap<u64, StoragePath>,
    pub(crate) custom_fields: BTreeMap<u64, CustomField>,
    pub(crate) groups: BTreeMap<u64, Group>,
    /// Saved views; `show_on_dashboard`/`show_in_sidebar` are kept on the view (3.x keeps
    /// them in the UI settings) and rendered for API v9 only.
    pub(crate) saved_views: BTreeMap<u64, SavedView>,
    /// Mail accounts, with their passwords in the clear (rendered masked).
    pub(crate) mail_accounts: BTreeMap<u64, MailAccount>,
    pub(crate) mail_rules: BTreeMap<u64, MailRule>,
    pub(crate) workflows: BTreeMap<u64, Workflow>,
    pub(crate) share_links: BTreeMap<u64, ShareLink>,
    /// Documents, those in the trash included (`deleted_at` set).
    pub(crate) documents: BTreeMap<u64, StoredDocument>,
    pub(crate) tasks: Vec<Task>,
    pub(crate) next_note_id: u64,
    /// Which Paperless-ngx the server says it is (API versions, release).
    pub(crate) identity: crate::context::Identity,
    /// Each user's stored web UI settings (`POST /api/ui_settings/`), by user id.
    pub(crate) ui_settings: BTreeMap<u64, serde_json::Map<String, serde_json::Value>>,
    /// Browser sessions (`sessionid` cookie values) of the allauth headless login.
    pub(crate) sessions: BTreeMap<String, crate::session::Session>,
    /// Second-factor codes, by user id (a user listed here must give the code to log in).
    pub(crate) mfa_codes: BTreeMap<u64, String>,
    /// `true` when the headless API is switched off (its paths answer 404).
    pub(crate) headless_off: bool,
    /// `/ws/status/` frames produced by the last request, sent by the server after it answered.
    pub(crate) pending_events: Vec<paperless_types::event::StatusEvent>,
    /// The ids of the documents outside the trash in default order (`-created`, then `-id`);
    /// rebuilt lazily after any change to the documents.
    order_cache: Option<Vec<u64>>,
}

impl Store {
    /// Call after any change to `documents`.
    pub(crate) fn documents_changed(&mut self) {
        self.order_cache = None;
    }

    /// Documents outside the trash, newest `created` first (ties: higher id first).
    pub(crate) fn document_order(&mut self) -> Vec<u64> {
        if let Some(order) = &self.order_cache {
            return order.clone();
        }
        let mut live: Vec<(Option<chrono::NaiveDate>, u64)> = self
            .documents
            .values()
            .filter(|d| d.doc.deleted_at.is_none())
            .map(|d| (d.doc.created, d.doc.id.0))
            .collect();
        live.sort_unstable_by(|a, b| b.cmp(a));
        let order: Vec<u64> = live.into_iter().map(|(_, id)| id).collect();
        self.order_cache = Some(order.clone());
        order
    }

    /// The one place where writes to documents land (`PATCH`/`PUT` of a document, the bulk
    /// edits' metadata methods): applies `change` to each live document of `ids`; each one it
    /// reports changed gets `modified` = `at` and, on 3.x, a `document_updated` frame with its
    /// owner and the users and groups that may view it, as the server's `document_updated`
    /// signal sends it (after the answer; 2.x sends no such frame). Returns the changed ids.
    pub(crate) fn edit_documents(
        &mut self,
        ids: &[u64],
        at: chrono::DateTime<chrono::FixedOffset>,
        mut change: impl FnMut(&mut Document) -> bool,
    ) -> Vec<u64> {
        let sends = self.flavor().sends_document_updated();
        let mut changed = Vec::new();
        for id in ids {
            let Some(stored) = self.documents.get_mut(id) else {
                continue;
            };
            if stored.doc.deleted_at.is_some() || !change(&mut stored.doc) {
                continue;
            }
            stored.doc.modified = Some(at);
            changed.push(*id);
            if sends {
                let doc = &stored.doc;
                let view = doc.permissions.clone().unwrap_or_default().view;
                let mut event = DocumentUpdated::new(doc.id, at.with_timezone(&chrono::Utc));
                event.owner_id = doc.owner;
                event.users_can_view = view.users;
                event.groups_can_view = view.groups;
                self.pending_events
                    .push(StatusEvent::DocumentUpdated(event));
            }
        }
        self.documents_changed();
        changed
    }

    /// The release family the server imitates.
    pub(crate) fn flavor(&self) -> crate::release::Flavor {
        crate::release::Flavor::of_release(&self.identity.release)
    }

    /// Moves the documents of a bulk deletion (the `delete` method of `bulk_edit/`,
    /// `documents/delete/`, a merge's `delete_originals`) to the trash and queues the server's
    /// `documents_deleted` frame for them (every socket gets it; the ids in the order the
    /// release sends them, see [`crate::release::Flavor::deleted_ids`]). `DELETE` of one
    /// document and emptying the trash send no frame, as on the real server.
    pub(crate) fn bulk_delete(&mut self, ids: &[u64]) {
        self.move_to_trash(ids);
        let ids = self.flavor().deleted_ids(ids);
        self.pending_events
            .push(StatusEvent::DocumentsDeleted(DocumentsDeleted::new(
                ids.into_iter().map(DocumentId),
            )));
    }

    /// Moves live documents to the trash (`deleted_at` now), as `DELETE /api/documents/{id}/`
    /// and the bulk deletions do; returns whether any was live.
    pub(crate) fn move_to_trash(&mut self, ids: &[u64]) -> bool {
        let at = crate::util::now();
        let mut moved = false;
        for id in ids {
            if let Some(d) = self.documents.get_mut(id)
                && d.doc.deleted_at.is_none()
            {
                d.doc.deleted_at = Some(at);
                moved = true;
            }
        }
        self.documents_changed();
        moved
    }

    /// A live (not trashed) document.
    pub(crate) fn live_document(&self, id: u64) -> Option<&StoredDocument> {
        self.documents
            .get(&id)
            .filter(|d| d.doc.deleted_at.is_none())
    }

    /// The account a token belongs to.
    pub(crate) fn account_by_token(&self, token: &str) -> Option<&Account> {
        self.accounts
            .values()
            .find(|a| a.token == token && a.user.is_active)
    }

    /// The account with this user name and password (a user without a password cannot log in).
    pub(crate) fn account_by_login(&self, username: &str, password: &str) -> Option<&Account> {
        self.accounts.values().find(|a| {
            a.user.username == username
                && !a.password.is_empty()
                && a.password == password
                && a.user.is_active
        })
    }

    /// The next free primary key of a map.
    pub(crate) fn next_id<T>(map: &BTreeMap<u64, T>) -> u64 {
        map.keys().next_back().map_or(1, |k| k + 1)
    }

    /// The next free task primary key.
    pub(crate) fn next_task_id(&self) -> u64 {
        self.tasks.iter().map(|t| t.id.0).max().map_or(1, |m| m + 1)
    }

    /// The next free note primary key.
    pub(crate) fn take_note_id(&mut self) -> u64 {
        let used = self
            .documents
            .values()
            .flat_map(|d| d.doc.notes.iter().map(|n| n.id.0))
            .max()
            .unwrap_or(0);
        self.next_note_id = self.next_note_id.max(used + 1);
        let id = self.next_note_id;
        self.next_note_id += 1;
        id
    }
}
