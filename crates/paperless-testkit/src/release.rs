//! Which Paperless-ngx the test server imitates, and every behaviour that differs between the
//! releases, in one place: [`Flavor`], read from the release the server announces
//! ([`TestServerBuilder::release`](crate::TestServerBuilder::release), or
//! [`TestServerBuilder::paperless_2_20`](crate::TestServerBuilder::paperless_2_20)).
//!
//! Paperless-ngx 2.20.15 (API 1 to 9) differs from 3.0.5 in what the handlers ask here:
//! - tasks: legacy records with `type: auto_task` for uploads and `related_document` as a
//!   string, `status` filtered in upper case (lower case is a 400), `task_type` ignored;
//!   `POST /api/tasks/run/` takes `{"task_name"}` and answers `{"result"}`;
//! - uploads: a duplicate (same checksum) fails its consume task instead of becoming a document;
//! - tag lists: no `display_count`;
//! - documents: no `versions`, `root_document` or `duplicate_documents`; MD5 checksums in
//!   `metadata/`;
//! - saved views: `show_on_dashboard` and `show_in_sidebar` are fields of the view, required
//!   on create and `PUT` (3.x keeps them in the UI settings and shows them with API 9 only);
//! - mail rules: no `stop_processing`;
//! - workflows: no action type 5 (password removal) or 6 (move to trash), no `passwords` on
//!   actions, no `filter_has_any_correspondents`/`_document_types`/`_storage_paths` on triggers;
//! - bulk edits: `documents` is required (no `all` + `filters`), no `remove_password` method,
//!   no `source_mode`, added custom field values are not checked;
//! - `/ws/status/`: no `document_updated` frames (2.x has the signal but no websocket handler
//!   for it); `documents_deleted` lists the ids of a bulk deletion as given (3.x: a set of
//!   them and their versions, sent here in ascending order);
//! - routes: the 3.x document operations (`/api/documents/rotate/` ...) are matched as
//!   `documents/{id}/` (405), `root/`, `ai_suggestions/`, `update_version/`, `versions/` and
//!   `/api/share_link_bundles/` fall through to the login page (302).

use http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::http::Reply;
use crate::listing::Object;

/// The release family whose behaviour the server imitates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Flavor {
    /// Paperless-ngx 3.x (the default, 3.0.5).
    #[default]
    V3,
    /// Paperless-ngx 2.x (2.20.15).
    V2,
}

/// The document keys only 3.x sends.
const DOCUMENT_KEYS_ONLY_ON_3X: [&str; 3] = ["versions", "root_document", "duplicate_documents"];

/// The document operations 3.x has as `/api/documents/{name}/` (2.x: `bulk_edit` methods).
const DOCUMENT_OPERATIONS_ONLY_ON_3X: [&str; 7] = [
    "rotate",
    "merge",
    "edit_pdf",
    "delete",
    "reprocess",
    "remove_password",
    "chat",
];

/// The `bulk_edit` methods both releases have (the metadata edits and the file operations that
/// 3.x also has as endpoints, kept there for API 9).
const BULK_EDIT_METHODS: [&str; 15] = [
    "set_correspondent",
    "set_document_type",
    "set_storage_path",
    "add_tag",
    "remove_tag",
    "modify_tags",
    "modify_custom_fields",
    "set_permissions",
    "delete",
    "reprocess",
    "rotate",
    "merge",
    "split",
    "delete_pages",
    "edit_pdf",
];

/// The `bulk_edit` method only 3.x has.
const BULK_EDIT_METHOD_ONLY_ON_3X: &str = "remove_password";

/// The workflow trigger filters only 3.x has.
const WORKFLOW_TRIGGER_KEYS_ONLY_ON_3X: [&str; 3] = [
    "filter_has_any_correspondents",
    "filter_has_any_document_types",
    "filter_has_any_storage_paths",
];

/// The routes below `/api/documents/{id}/` only 3.x has.
const DOCUMENT_ROUTES_ONLY_ON_3X: [&str; 4] =
    ["root", "ai_suggestions", "update_version", "versions"];

impl Flavor {
    /// The flavor of a release (`X-Version`): 2.x below 3.0, else 3.x.
    pub(crate) fn of_release(release: &str) -> Self {
        match release
            .split('.')
            .next()
            .and_then(|m| m.trim().parse::<u32>().ok())
        {
            Some(major) if major < 3 => Self::V2,
            _ => Self::V3,
        }
    }

    /// Whether this is Paperless-ngx 2.x.
    pub(crate) fn is_2x(self) -> bool {
        self == Self::V2
    }

    /// Removes from a rendered document what this release does not send.
    pub(crate) fn document(self, object: &mut Object) {
        if self.is_2x() {
            for key in DOCUMENT_KEYS_ONLY_ON_3X {
                object.remove(key);
            }
        }
    }

    /// The answer of 2.x to a 3.x-only route below `/api/documents/` (`rest` after it), or
    /// `None` when the route is the same on this release.
    pub(crate) fn documents_route(
        self,
        method: &Method,
        path: &str,
        rest: &[&str],
    ) -> Option<Reply> {
        if !self.is_2x() {
            return None;
        }
        match rest {
            [name] if DOCUMENT_OPERATIONS_ONLY_ON_3X.contains(name) => Some(
                Reply::method_not_allowed(method, "GET, PUT, PATCH, DELETE, HEAD, OPTIONS"),
            ),
            [_, route, ..] if DOCUMENT_ROUTES_ONLY_ON_3X.contains(route) => {
                Some(Reply::login_redirect(path))
            }
            _ => None,
        }
    }

    /// Whether `POST /api/documents/bulk_edit/` accepts `method` on this release.
    pub(crate) fn has_bulk_edit_method(self, method: &str) -> bool {
        BULK_EDIT_METHODS.contains(&method)
            || (!self.is_2x() && method == BULK_EDIT_METHOD_ONLY_ON_3X)
    }

    /// Whether bulk edits select documents with `all` + `filters` as well as `documents` (3.x;
    /// 2.x requires `documents` and ignores the others), and check a `source_mode`.
    pub(crate) fn selects_by_filter(self) -> bool {
        !self.is_2x()
    }

    /// Whether a bulk edit's added custom field values are checked as a document update checks
    /// them (3.x; 2.x checks only that the fields exist).
    pub(crate) fn checks_bulk_custom_field_values(self) -> bool {
        !self.is_2x()
    }

    /// Whether a change to a document (`PATCH`/`PUT`, a bulk edit's metadata methods) sends a
    /// `document_updated` frame on `/ws/status/` (3.x: `send_websocket_document_updated` on the
    /// `document_updated` signal; 2.x sends none).
    pub(crate) fn sends_document_updated(self) -> bool {
        !self.is_2x()
    }

    /// The ids a `documents_deleted` frame lists for a bulk deletion of `ids`: 2.x sends the
    /// list given; 3.x a Python set of them and their versions (the test server has no
    /// versions), which for small ids iterates in ascending order.
    pub(crate) fn deleted_ids(self, ids: &[u64]) -> Vec<u64> {
        if self.is_2x() {
            ids.to_vec()
        } else {
            let mut set = ids.to_vec();
            set.sort_unstable();
            set.dedup();
            set
        }
    }

    /// Whether tag lists carry `display_count` (3.x only).
    pub(crate) fn sends_display_count(self) -> bool {
        !self.is_2x()
    }

    /// Whether a collection below `/api/` exists on this release.
    pub(crate) fn has_collection(self, name: &str) -> bool {
        !(self.is_2x() && name == "share_link_bundles")
    }

    /// A legacy (API v9) task record as this release renders it: 2.x sends `related_document`
    /// as a numeric string and no `duplicate_documents`.
    pub(crate) fn legacy_task(self, mut task: Value) -> Value {
        if self.is_2x()
            && let Some(map) = task.as_object_mut()
        {
            map.remove("duplicate_documents");
            if let Some(id) = map.get("related_document").and_then(Value::as_u64) {
                map.insert("related_document".into(), json!(id.to_string()));
            }
        }
        task
    }

    /// A `status` filter value of `GET /api/tasks/` as the stored (lower-case) status, or the
    /// choice filter's 400: 2.x takes the upper-case Celery states, 3.x (API 9 and 10) the
    /// lower-case ones.
    pub(crate) fn task_status_filter(self, value: &str) -> Result<String, Reply> {
        const STATES: [&str; 5] = ["pending", "started", "success", "failure", "revoked"];
        let valid = if self.is_2x() {
            value.chars().all(|c| !c.is_ascii_lowercase())
        } else {
            value.chars().all(|c| !c.is_ascii_uppercase())
        };
        let lower = value.to_ascii_lowercase();
        if valid && STATES.contains(&lower.as_str()) {
            return Ok(lower);
        }
        Err(Reply::json(
            StatusCode::BAD_REQUEST,
            &json!({"status": [format!(
                "Select a valid choice. {value} is not one of the available choices."
            )]}),
        ))
    }

    /// Whether `GET /api/tasks/` applies the `task_type` filter (2.x ignores it).
    pub(crate) fn filters_task_type(self) -> bool {
        !self.is_2x()
    }

    /// The fields a saved view's create and `PUT` need besides `name` and `filter_rules`.
    pub(crate) fn saved_view_required(self) -> &'static [&'static str] {
        if self.is_2x() {
            &["show_on_dashboard", "show_in_sidebar"]
        } else {
            &[]
        }
    }

    /// Whether saved views carry `show_on_dashboard`/`show_in_sidebar` (read and sent): on
    /// 2.x always, on 3.x only with API versions before 10.
    pub(crate) fn saved_view_flags(self, api_version: u32) -> bool {
        self.is_2x() || api_version < 10
    }

    /// Removes from a rendered mail rule what this release does not send.
    pub(crate) fn mail_rule(self, object: &mut Object) {
        if self.is_2x() {
            object.remove("stop_processing");
        }
    }

    /// Removes from a rendered workflow what this release does not send.
    pub(crate) fn workflow(self, object: &mut Object) {
        if !self.is_2x() {
            return;
        }
        let nested = |key: &str, object: &mut Object, drop: &[&str]| {
            for item in object
                .get_mut(key)
                .and_then(Value::as_array_mut)
                .into_iter()
                .flatten()
            {
                if let Some(item) = item.as_object_mut() {
                    for k in drop {
                        item.remove(*k);
                    }
                }
            }
        };
        nested("actions", object, &["passwords"]);
        nested("triggers", object, &WORKFLOW_TRIGGER_KEYS_ONLY_ON_3X);
    }

    /// The workflow action types (`type`) this release knows.
    pub(crate) fn workflow_action_types(self) -> std::ops::RangeInclusive<u64> {
        if self.is_2x() { 1..=4 } else { 1..=6 }
    }

    /// Whether an upload with the checksum of an existing document fails (2.x) instead of
    /// becoming a document listed among the original's duplicates (3.x).
    pub(crate) fn refuses_duplicates(self) -> bool {
        self.is_2x()
    }

    /// The checksum `metadata/` shows for a file: MD5 on 2.x, SHA-256 (`sha256`) on 3.x.
    pub(crate) fn checksum(self, data: &[u8], sha256: &str) -> String {
        if self.is_2x() {
            crate::util::md5_hex(data)
        } else {
            sha256.to_owned()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn releases_read_as_their_flavor() {
        assert_eq!(Flavor::of_release("2.20.15"), Flavor::V2);
        assert_eq!(Flavor::of_release("3.0.5"), Flavor::V3);
        assert_eq!(Flavor::of_release("nightly"), Flavor::V3);
    }

    #[test]
    fn status_filters_follow_the_release() {
        assert_eq!(
            Flavor::V2.task_status_filter("FAILURE").ok().as_deref(),
            Some("failure")
        );
        assert!(Flavor::V2.task_status_filter("failure").is_err());
        assert_eq!(
            Flavor::V3.task_status_filter("failure").ok().as_deref(),
            Some("failure")
        );
        assert!(Flavor::V3.task_status_filter("FAILURE").is_err());
    }
}
