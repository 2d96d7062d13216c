//! Seed data: the demo data set, bulk documents, and adding single objects.

use bytes::Bytes;
use chrono::{DateTime, Duration as ChronoDuration, NaiveDate};
use paperless_types::correspondent::Correspondent;
use paperless_types::custom_field::CustomField;
use paperless_types::document::Document;
use paperless_types::document_type::DocumentType;
use paperless_types::storage_path::StoragePath;
use paperless_types::tag::Tag;
use paperless_types::user::User;
use paperless_types::{
    CorrespondentId, DocumentId, DocumentTypeId, Permissions, StoragePathId, TagId, UserId,
};
use serde::Deserialize;

use crate::store::{Account, Store, StoredDocument};
use crate::util::{random_token, sha256_hex};

/// The demo data set's user names, passwords and tokens (`admin` is a superuser).
pub const DEMO_USERS: [(&str, &str, &str); 3] = [
    ("admin", "admin-password-123", "testkit-demo-token-admin"),
    ("alice", "alice-password-123", "testkit-demo-token-alice"),
    ("bob", "bob-password-123", "testkit-demo-token-bob"),
];

/// The demo data set, shaped like the installation the reference captures were recorded on.
const DEMO_JSON: &str = include_str!("demo/demo.json");

#[derive(Deserialize)]
struct Demo {
    users: Vec<User>,
    tags: Vec<Tag>,
    correspondents: Vec<Correspondent>,
    document_types: Vec<DocumentType>,
    storage_paths: Vec<StoragePath>,
    custom_fields: Vec<CustomField>,
    documents: Vec<Document>,
    groups: Vec<paperless_types::group::Group>,
    saved_views: Vec<paperless_types::saved_view::SavedView>,
    mail_accounts: Vec<paperless_types::mail_account::MailAccount>,
    mail_rules: Vec<paperless_types::mail_rule::MailRule>,
    workflows: Vec<paperless_types::workflow::Workflow>,
    share_links: Vec<paperless_types::share_link::ShareLink>,
}

/// Loads the demo data set into `store` (meant for an empty store: objects with the same ids are
/// replaced).
pub(crate) fn load_demo(store: &mut Store) -> Result<(), serde_json::Error> {
    let demo: Demo = serde_json::from_str(DEMO_JSON)?;
    for user in demo.users {
        let (password, token) = DEMO_USERS
            .iter()
            .find(|(name, _, _)| *name == user.username)
            .map_or_else(
                || ("password".to_owned(), random_token()),
                |(_, p, t)| ((*p).to_owned(), (*t).to_owned()),
            );
        store.accounts.insert(
            user.id.0,
            Account {
                user,
                password,
                token,
            },
        );
    }
    for tag in demo.tags {
        store.tags.insert(tag.id.0, tag);
    }
    for c in demo.correspondents {
        store.correspondents.insert(c.id.0, c);
    }
    for t in demo.document_types {
        store.document_types.insert(t.id.0, t);
    }
    for s in demo.storage_paths {
        store.storage_paths.insert(s.id.0, s);
    }
    for f in demo.custom_fields {
        store.custom_fields.insert(f.id.0, f);
    }
    for doc in demo.documents {
        add_document(store, doc, None);
    }
    for g in demo.groups {
        store.groups.insert(g.id.0, g);
    }
    for v in demo.saved_views {
        store.saved_views.insert(v.id.0, v);
    }
    for a in demo.mail_accounts {
        store.mail_accounts.insert(a.id.0, a);
    }
    for r in demo.mail_rules {
        store.mail_rules.insert(r.id.0, r);
    }
    for w in demo.workflows {
        store.workflows.insert(w.id.0, w);
    }
    for l in demo.share_links {
        store.share_links.insert(l.id.0, l);
    }
    Ok(())
}

/// Adds a document; without a file, its content becomes a `text/plain` file.
pub(crate) fn add_document(store: &mut Store, mut doc: Document, file: Option<Bytes>) -> u64 {
    if doc.id.0 == 0 {
        doc.id = DocumentId(Store::next_id(&store.documents));
    }
    if doc.permissions.is_none() {
        doc.permissions = Some(Permissions::default());
    }
    doc.user_can_change = None;
    doc.is_shared_by_requester = None;
    doc.search_hit = None;
    doc.versions.clear();
    doc.duplicate_documents.clear();
    let file = file.unwrap_or_else(|| {
        if doc.mime_type.is_none() {
            doc.mime_type = Some("text/plain".to_owned());
        }
        Bytes::from(doc.content.clone().unwrap_or_default())
    });
    if doc.mime_type.is_none() {
        doc.mime_type = Some("application/octet-stream".to_owned());
    }
    let now = crate::util::now();
    doc.added.get_or_insert(now);
    doc.modified.get_or_insert(now);
    doc.created.get_or_insert(now.date_naive());
    if doc.original_file_name.is_none() {
        doc.original_file_name = Some(format!("document_{:07}.txt", doc.id.0));
    }
    let id = doc.id.0;
    let checksum = sha256_hex(&file);
    store.documents.insert(
        id,
        StoredDocument {
            doc,
            file,
            checksum,
        },
    );
    store.documents_changed();
    id
}

/// Senders and subjects the generated documents are made of.
const KINDS: &[(&str, &str)] = &[
    (
        "Invoice",
        "Total amount due: EUR {amount}. Payable within 14 days by bank transfer.",
    ),
    (
        "Receipt",
        "Paid by debit card. VAT 19% included: EUR {amount}. Keep this receipt for warranty claims.",
    ),
    (
        "Bank statement",
        "Opening balance EUR {amount}. Card payments, standing orders and transfers are listed below.",
    ),
    (
        "Contract",
        "This agreement starts on the first day of the month and runs for {months} months unless cancelled.",
    ),
    (
        "Letter",
        "Dear customer, we would like to inform you about changes to your account. Kind regards.",
    ),
    (
        "Insurance policy",
        "Annual premium EUR {amount}. Coverage includes liability, theft and water damage.",
    ),
];

/// Adds `n` generated documents shaped like the captured ones (title, several lines of content,
/// tags, correspondent and document type taken from the objects present, dates going back one
/// day per document). Fast enough for tens of thousands.
pub(crate) fn seed_documents(store: &mut Store, n: usize) {
    let owner = store.accounts.keys().next().copied();
    let tags: Vec<u64> = store.tags.keys().copied().collect();
    let correspondents: Vec<(u64, String)> = store
        .correspondents
        .values()
        .map(|c| (c.id.0, c.name.clone()))
        .collect();
    let document_types: Vec<u64> = store.document_types.keys().copied().collect();
    let storage_paths: Vec<u64> = store.storage_paths.keys().copied().collect();
    let start = Store::next_id(&store.documents);
    let base_date = NaiveDate::from_ymd_opt(2025, 12, 31).unwrap_or_default();
    let base_time = DateTime::parse_from_rfc3339("2026-01-01T09:00:00+01:00").unwrap_or_default();
    for i in 0..n {
        let id = start + i as u64;
        let (kind, sentence) = KINDS[i % KINDS.len()];
        let amount = format!("{}.{:02}", 10 + (id * 37) % 990, (id * 13) % 100);
        let months = 12 + (id % 4) * 12;
        let sentence = sentence
            .replace("{amount}", &amount)
            .replace("{months}", &months.to_string());
        let correspondent =
            (!correspondents.is_empty()).then(|| &correspondents[i % correspondents.len()]);
        let sender = correspondent.map_or("Example Corp", |(_, name)| name.as_str());
        let created = base_date - ChronoDuration::days(i64::try_from(i % 3650).unwrap_or(0));
        let mut doc = Document::new(DocumentId(id));
        doc.title = Some(format!("{kind} {id:05}"));
        doc.content = Some(format!(
            "{sender} - {kind}\nReference number: {kind_upper}-{id:06}\nDate: {created}\n\n{sentence}\nCustomer number: 4711-{id:04}\nThis document was generated by paperless-testkit for benchmarks and tests.\n",
            kind_upper = kind.to_uppercase().replace(' ', "-"),
        ));
        doc.correspondent = correspondent.map(|(cid, _)| CorrespondentId(*cid));
        doc.document_type = (!document_types.is_empty())
            .then(|| DocumentTypeId(document_types[i % document_types.len()]));
        doc.storage_path = (!storage_paths.is_empty() && i % 5 == 0)
            .then(|| StoragePathId(storage_paths[(i / 5) % storage_paths.len()]));
        if !tags.is_empty() {
            doc.tags = vec![TagId(tags[i % tags.len()])];
            if tags.len() > 1 && i % 3 == 0 {
                doc.tags.push(TagId(tags[(i + 1) % tags.len()]));
            }
        }
        doc.created = Some(created);
        let added = base_time + ChronoDuration::seconds(i64::try_from(i).unwrap_or(0));
        doc.added = Some(added);
        doc.modified = Some(added);
        doc.original_file_name = Some(format!(
            "{}_{id:05}.txt",
            kind.to_lowercase().replace(' ', "_")
        ));
        doc.owner = owner.map(UserId);
        doc.mime_type = Some("text/plain".to_owned());
        add_document(store, doc, None);
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_data_set_parses_into_the_models() {
        let mut store = Store::default();
        load_demo(&mut store).unwrap();
        assert_eq!(store.accounts.len(), 3);
        assert_eq!(store.tags.len(), 10);
        assert_eq!(store.correspondents.len(), 8);
        assert_eq!(store.document_types.len(), 6);
        assert_eq!(store.storage_paths.len(), 4);
        assert_eq!(store.custom_fields.len(), 10);
        assert_eq!(store.documents.len(), 36);
        // Document 1 waits in the trash, as on the recorded server.
        assert!(store.documents[&1].doc.deleted_at.is_some());
        assert_eq!(store.document_order().len(), 35);
    }

    #[test]
    fn generated_documents_reference_existing_objects() {
        let mut store = Store::default();
        load_demo(&mut store).unwrap();
        seed_documents(&mut store, 100);
        assert_eq!(store.documents.len(), 136);
        let doc = &store.documents[&37].doc;
        assert_eq!(doc.title.as_deref(), Some("Invoice 00037"));
        assert!(
            store
                .correspondents
                .contains_key(&doc.correspondent.unwrap().0)
        );
        assert!(doc.tags.iter().all(|t| store.tags.contains_key(&t.0)));
    }
}
