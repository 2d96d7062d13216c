//! Users, groups, saved views, mail accounts, mail rules, workflows and share links: one
//! implementation of list, retrieve, create, `PATCH`, `PUT` and delete for all seven; each
//! resource only says what is special about it ([`Record`]: its model and payloads, required
//! fields, defaults, the rules of its serializer, server-made fields).
//!
//! A write is checked (required fields, then the resource's rules, answered with DRF's field
//! errors), parsed into the `paperless-types` payload (`NewUser`, `UserPatch`, ...), merged onto
//! the stored object (a `PUT` too: as in DRF, fields it leaves out keep their values) and parsed
//! back into the model. The matching objects (tags ...) are [`crate::objects`].

use http::{Method, StatusCode};
use paperless_types::group::{Group, GroupPatch, NewGroup};
use paperless_types::mail_account::{MailAccount, MailAccountPatch, NewMailAccount};
use paperless_types::mail_rule::{MailRule, MailRulePatch, NewMailRule};
use paperless_types::saved_view::{DisplayField, NewSavedView, SavedView, SavedViewPatch};
use paperless_types::share_link::{NewShareLink, ShareLink};
use paperless_types::user::{NewUser, User, UserPatch};
use paperless_types::workflow::{NewWorkflow, Workflow, WorkflowPatch};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use crate::context::Ctx;
use crate::context::{changes_through, check_required, json_object, update_changes};
use crate::http::{FieldErrors, Reply, invalid_choice, invalid_pk, python_type};
use crate::listing::{self, Envelope, Filters, ListRequest, Object};
use crate::objects::owned_view;
use crate::store::{Account, Store};

/// Every permission of Paperless-ngx 3.0.5 as `app_label.codename` (what a superuser inherits).
const PERMISSIONS: &str = include_str!("permissions.txt");

/// The `app_label.codename` of a permission codename that users and groups may be given (the
/// server's queryset leaves out the `admin` app); `None` for an unknown codename.
fn permission(codename: &str) -> Option<&'static str> {
    PERMISSIONS
        .lines()
        .filter(|p| !p.starts_with("admin."))
        .find(|p| p.split_once('.').is_some_and(|(_, c)| c == codename))
}

/// What is special about one resource.
pub(crate) trait Record: Serialize + DeserializeOwned + Clone + 'static {
    /// The create (and `PUT`) payload of `paperless-types`.
    type Create: Serialize + DeserializeOwned;
    /// The partial-update payload of `paperless-types`.
    type Patch: Serialize + DeserializeOwned;
    /// The model's name in 404 messages (`No User matches the given query.`).
    const MODEL: &'static str;
    /// Fields a create and a `PUT` must send.
    const REQUIRED: &'static [&'static str];
    /// Whether objects have an owner and object permissions.
    const OWNED: bool = false;
    /// The fields of the resource's filterset (`username` for `username__icontains`, ...);
    /// every other parameter is ignored, `id__in` too.
    const FILTERS: &'static [&'static str] = &[];
    /// The fields `ordering=` may name.
    const ORDERING: &'static [&'static str] = &[];
    /// The key of the default order (text ignoring case, numbers by value; ties by id).
    const ORDER_BY: &'static str = "id";
    /// The field that must be unique among the objects, and the server's message when it is not.
    const UNIQUE: Option<(&'static str, &'static str)> = None;
    /// Whether `PATCH` and `PUT` exist (share links: no).
    const UPDATABLE: bool = true;
    /// Whether the model is unique on `(name, owner)` (mail rules), so that a `PUT` that leaves
    /// out `owner` clears it (`crate::context::update_changes`; the other owned records keep
    /// theirs).
    const NAME_OWNER_UNIQUE: bool = false;

    /// A stored object.
    fn get(store: &Store, id: u64) -> Option<Self>;
    /// Every stored id.
    fn ids(store: &Store) -> Vec<u64>;
    /// Stores an object (new or changed).
    fn insert(store: &mut Store, id: u64, item: Self);
    /// Removes an object and what the database removes with it.
    fn remove(store: &mut Store, id: u64);
    /// The JSON of a new object with the model's defaults.
    fn defaults(id: u64) -> Value;
    /// Serializer defaults of required payload fields, filled in before a create's body is
    /// parsed (mail rules' `folder`).
    fn create_defaults() -> Object {
        Object::new()
    }
    /// The required fields on this release (2.x saved views need more).
    fn required(_ctx: &Ctx<'_>) -> Vec<&'static str> {
        Self::REQUIRED.to_vec()
    }
    /// The serializer's rules beyond required fields: field errors go to `errors`; `Err` is a
    /// complete error reply (object-level errors, raised after the field errors).
    fn validate(
        _ctx: &Ctx<'_>,
        _body: &Object,
        _store: &Store,
        _id: u64,
        _errors: &mut FieldErrors,
    ) -> Result<(), Reply> {
        Ok(())
    }
    /// Fills in server-made fields after the changes were merged (`current`: the object
    /// before, `None` for a create).
    fn derive(_ctx: &Ctx<'_>, _object: &mut Object, _store: &Store, _current: Option<&Self>) {}
    /// Adds or masks what the model's JSON lacks or must not show.
    fn decorate(_ctx: &Ctx<'_>, _object: &mut Object, _store: &Store) {}
}

/// The storage of a resource kept in one `Store` map.
macro_rules! stored_in {
    ($field:ident) => {
        fn get(store: &Store, id: u64) -> Option<Self> {
            store.$field.get(&id).cloned()
        }
        fn ids(store: &Store) -> Vec<u64> {
            store.$field.keys().copied().collect()
        }
        fn insert(store: &mut Store, id: u64, item: Self) {
            store.$field.insert(id, item);
        }
        fn remove(store: &mut Store, id: u64) {
            store.$field.remove(&id);
        }
    };
}

fn owned_defaults() -> Value {
    json!({"owner": null,
           "permissions": {"view": {"users": [], "groups": []}, "change": {"users": [], "groups": []}}})
}

fn merge(mut base: Value, extra: Value) -> Value {
    if let (Some(map), Value::Object(extra)) = (base.as_object_mut(), extra) {
        map.extend(extra);
    }
    base
}

/// Whether another object than `id` has `value` under `key`.
fn taken<R: Record>(store: &Store, id: u64, key: &str, value: &Value) -> bool {
    R::ids(store).into_iter().filter(|i| *i != id).any(|i| {
        R::get(store, i)
            .and_then(|o| serde_json::to_value(o).ok())
            .is_some_and(|o| o.get(key) == Some(value))
    })
}

/// A primary-key field: `Invalid pk` unless `exists` says the id names an object.
fn check_pk(errors: &mut FieldErrors, field: &str, value: &Value, exists: impl Fn(u64) -> bool) {
    match value {
        Value::Null => {}
        Value::Number(n) if n.as_u64().is_some_and(&exists) => {}
        Value::Number(_) => errors.add(field, invalid_pk(value)),
        Value::String(s) => match s.parse::<u64>() {
            Ok(id) if exists(id) => {}
            Ok(_) => errors.add(field, invalid_pk(s)),
            Err(_) => errors.add(field, "Incorrect type. Expected pk value, received str."),
        },
        _ => errors.add(
            field,
            format!(
                "Incorrect type. Expected pk value, received {}.",
                python_type(value)
            ),
        ),
    }
}

/// A list of primary keys.
fn check_pks(
    errors: &mut FieldErrors,
    field: &str,
    value: Option<&Value>,
    exists: impl Fn(u64) -> bool,
) {
    match value {
        None | Some(Value::Null) => {}
        Some(Value::Array(items)) => {
            for item in items {
                check_pk(errors, field, item, &exists);
            }
        }
        Some(other) => errors.add(
            field,
            format!(
                "Expected a list of items but got type \"{}\".",
                python_type(other)
            ),
        ),
    }
}

/// An integer choice field.
fn check_choice(
    errors: &mut FieldErrors,
    body: &Object,
    field: &str,
    valid: std::ops::RangeInclusive<u64>,
) {
    if let Some(value) = body.get(field)
        && !value.as_u64().is_some_and(|v| valid.contains(&v))
    {
        let shown = value
            .as_str()
            .map_or_else(|| value.to_string(), str::to_owned);
        errors.add(field, invalid_choice(shown));
    }
}

/// Permission codenames (`user_permissions`, `permissions`).
fn check_permissions(errors: &mut FieldErrors, field: &str, value: Option<&Value>) {
    for item in value.and_then(Value::as_array).into_iter().flatten() {
        let codename = item
            .as_str()
            .map_or_else(|| item.to_string(), str::to_owned);
        if permission(&codename).is_none() {
            errors.add(
                field,
                format!("Object with codename={codename} does not exist."),
            );
        }
    }
}

impl Record for User {
    type Create = NewUser;
    type Patch = UserPatch;
    const MODEL: &'static str = "User";
    const REQUIRED: &'static [&'static str] = &["username"];
    const FILTERS: &'static [&'static str] = &["username"];
    const ORDERING: &'static [&'static str] = &["username"];
    const ORDER_BY: &'static str = "username";
    const UNIQUE: Option<(&'static str, &'static str)> =
        Some(("username", "A user with that username already exists."));

    fn get(store: &Store, id: u64) -> Option<Self> {
        store.accounts.get(&id).map(|a| a.user.clone())
    }
    fn ids(store: &Store) -> Vec<u64> {
        store.accounts.keys().copied().collect()
    }
    /// The password (in `user.password` after a write) goes to the account; a mask of `*`
    /// keeps the stored one, as the server's serializer does.
    fn insert(store: &mut Store, id: u64, mut user: Self) {
        let password = user
            .password
            .take()
            .map(paperless_types::secret::Secret::into_inner)
            .filter(|p| !p.replace('*', "").is_empty());
        match store.accounts.get_mut(&id) {
            Some(account) => {
                account.user = user;
                if let Some(p) = password {
                    account.password = p;
                }
            }
            None => {
                store.accounts.insert(
                    id,
                    Account {
                        user,
                        password: password.unwrap_or_default(),
                        token: crate::util::random_token(),
                    },
                );
            }
        }
    }
    fn remove(store: &mut Store, id: u64) {
        store.accounts.remove(&id);
        store.ui_settings.remove(&id);
        store.mfa_codes.remove(&id);
    }
    fn defaults(id: u64) -> Value {
        json!({"id": id, "username": "", "email": "", "first_name": "", "last_name": "",
               "is_staff": false, "is_active": true, "is_superuser": false, "groups": [],
               "user_permissions": []})
    }
    fn validate(
        _ctx: &Ctx<'_>,
        body: &Object,
        store: &Store,
        _id: u64,
        errors: &mut FieldErrors,
    ) -> Result<(), Reply> {
        check_pks(errors, "groups", body.get("groups"), |g| {
            store.groups.contains_key(&g)
        });
        check_permissions(errors, "user_permissions", body.get("user_permissions"));
        Ok(())
    }
    fn derive(_ctx: &Ctx<'_>, object: &mut Object, _store: &Store, current: Option<&Self>) {
        if current.is_none() {
            object.insert("date_joined".to_owned(), json!(crate::util::now()));
        }
        object.remove("inherited_permissions");
        object.remove("is_mfa_enabled");
    }
    /// The password as the server masks it (`*` for each character of the stored hash: 89 for
    /// a password, 10 for none), the group permissions, the MFA state.
    fn decorate(_ctx: &Ctx<'_>, object: &mut Object, store: &Store) {
        let id = object.get("id").and_then(Value::as_u64).unwrap_or(0);
        let Some(account) = store.accounts.get(&id) else {
            return;
        };
        let stars = if account.password.is_empty() { 10 } else { 89 };
        object.insert("password".to_owned(), json!("*".repeat(stars)));
        let inherited: Vec<&str> = if account.user.is_superuser {
            PERMISSIONS.lines().collect()
        } else {
            let mut names: Vec<&str> = account
                .user
                .groups
                .iter()
                .filter_map(|g| store.groups.get(&g.0))
                .flat_map(|g| g.permissions.iter().filter_map(|p| permission(p)))
                .collect();
            names.sort_unstable();
            names.dedup();
            names
        };
        object.insert("inherited_permissions".to_owned(), json!(inherited));
        object.insert(
            "is_mfa_enabled".to_owned(),
            json!(store.mfa_codes.contains_key(&id)),
        );
    }
}

impl Record for Group {
    type Create = NewGroup;
    type Patch = GroupPatch;
    const MODEL: &'static str = "Group";
    const REQUIRED: &'static [&'static str] = &["name", "permissions"];
    const UNIQUE: Option<(&'static str, &'static str)> =
        Some(("name", "group with this name already exists."));
    const FILTERS: &'static [&'static str] = &["name"];
    const ORDERING: &'static [&'static str] = &["name"];
    const ORDER_BY: &'static str = "name";
    stored_in!(groups);

    fn defaults(id: u64) -> Value {
        json!({"id": id, "name": "", "permissions": []})
    }
    fn validate(
        _ctx: &Ctx<'_>,
        body: &Object,
        _store: &Store,
        _id: u64,
        errors: &mut FieldErrors,
    ) -> Result<(), Reply> {
        check_permissions(errors, "permissions", body.get("permissions"));
        Ok(())
    }
}

/// Removes a deleted group from its members.
fn forget_group(store: &mut Store, id: u64) {
    for account in store.accounts.values_mut() {
        account.user.groups.retain(|g| g.0 != id);
    }
}

impl Record for SavedView {
    type Create = NewSavedView;
    type Patch = SavedViewPatch;
    const MODEL: &'static str = "SavedView";
    const REQUIRED: &'static [&'static str] = &["name", "filter_rules"];
    const OWNED: bool = true;
    const ORDERING: &'static [&'static str] = &["name"];
    const ORDER_BY: &'static str = "name";
    stored_in!(saved_views);

    fn defaults(id: u64) -> Value {
        merge(
            json!({"id": id, "name": "", "sort_field": null, "sort_reverse": false,
                   "filter_rules": [], "page_size": null, "display_mode": null,
                   "display_fields": null}),
            owned_defaults(),
        )
    }
    fn required(ctx: &Ctx<'_>) -> Vec<&'static str> {
        let mut required = Self::REQUIRED.to_vec();
        required.extend(ctx.flavor.saved_view_required());
        required
    }
    /// `Invalid field: X` for a display field the server does not know, or a custom field
    /// that does not exist.
    fn validate(
        _ctx: &Ctx<'_>,
        body: &Object,
        store: &Store,
        _id: u64,
        errors: &mut FieldErrors,
    ) -> Result<(), Reply> {
        if !errors.is_empty() {
            return Ok(());
        }
        for field in body
            .get("display_fields")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            let known = if field.contains("custom_field_") {
                DisplayField::from(field)
                    .custom_field_id()
                    .is_some_and(|id| store.custom_fields.contains_key(&id.0))
            } else {
                !matches!(DisplayField::from(field), DisplayField::Other(_))
            };
            if !known {
                return Err(Reply::non_field_error(format!("Invalid field: {field}")));
            }
        }
        Ok(())
    }
    fn derive(ctx: &Ctx<'_>, object: &mut Object, _store: &Store, current: Option<&Self>) {
        // An empty list of display fields is stored as none.
        if object
            .get("display_fields")
            .and_then(Value::as_array)
            .is_some_and(Vec::is_empty)
        {
            object.insert("display_fields".to_owned(), Value::Null);
        }
        if !ctx.flavor.saved_view_flags(ctx.version) {
            // API 10 has no flags on the view: what it sent is not read, what was kept stays.
            for key in ["show_on_dashboard", "show_in_sidebar"] {
                let kept = current.and_then(|c| match key {
                    "show_on_dashboard" => c.show_on_dashboard,
                    _ => c.show_in_sidebar,
                });
                object.insert(key.to_owned(), json!(kept));
            }
        }
    }
    fn decorate(ctx: &Ctx<'_>, object: &mut Object, _store: &Store) {
        for key in ["show_on_dashboard", "show_in_sidebar"] {
            if ctx.flavor.saved_view_flags(ctx.version) {
                let shown = object.get(key).and_then(Value::as_bool).unwrap_or(false);
                object.insert(key.to_owned(), json!(shown));
            } else {
                object.remove(key);
            }
        }
    }
}

impl Record for MailAccount {
    type Create = NewMailAccount;
    type Patch = MailAccountPatch;
    const MODEL: &'static str = "MailAccount";
    const REQUIRED: &'static [&'static str] = &["name", "imap_server", "username", "password"];
    const UNIQUE: Option<(&'static str, &'static str)> =
        Some(("name", "mail account with this name already exists."));
    const OWNED: bool = true;
    stored_in!(mail_accounts);

    fn defaults(id: u64) -> Value {
        merge(
            json!({"id": id, "name": "", "imap_server": "", "imap_port": null,
                   "imap_security": 2, "username": "", "password": "", "character_set": "UTF-8",
                   "is_token": false, "account_type": 1, "expiration": null}),
            owned_defaults(),
        )
    }
    fn validate(
        _ctx: &Ctx<'_>,
        body: &Object,
        _store: &Store,
        _id: u64,
        errors: &mut FieldErrors,
    ) -> Result<(), Reply> {
        check_choice(errors, body, "imap_security", 1..=3);
        check_choice(errors, body, "account_type", 1..=3);
        Ok(())
    }
    /// A password of only `*` (the mask the server sent) keeps the stored one.
    fn derive(_ctx: &Ctx<'_>, object: &mut Object, _store: &Store, current: Option<&Self>) {
        if let Some(current) = current
            && object
                .get("password")
                .and_then(Value::as_str)
                .is_some_and(|p| p.replace('*', "").is_empty())
        {
            object.insert("password".to_owned(), json!(current.password.expose()));
        }
    }
    fn decorate(_ctx: &Ctx<'_>, object: &mut Object, _store: &Store) {
        let len = object
            .get("password")
            .and_then(Value::as_str)
            .map_or(0, |p| p.chars().count());
        object.insert("password".to_owned(), json!("*".repeat(len.max(10))));
    }
}

impl Record for MailRule {
    type Create = NewMailRule;
    type Patch = MailRulePatch;
    const MODEL: &'static str = "MailRule";
    const REQUIRED: &'static [&'static str] = &["name", "account"];
    const OWNED: bool = true;
    const ORDER_BY: &'static str = "order";
    const NAME_OWNER_UNIQUE: bool = true;
    stored_in!(mail_rules);

    fn defaults(id: u64) -> Value {
        merge(
            json!({"id": id, "name": "", "account": 0, "enabled": true, "folder": "INBOX",
                   "filter_from": null, "filter_to": null, "filter_subject": null,
                   "filter_body": null, "filter_attachment_filename_include": null,
                   "filter_attachment_filename_exclude": null, "maximum_age": 30, "action": 3,
                   "action_parameter": "", "assign_title_from": 1, "assign_tags": [],
                   "assign_correspondent_from": 1, "assign_correspondent": null,
                   "assign_document_type": null, "assign_owner_from_rule": true, "order": 0,
                   "attachment_type": 1, "consumption_scope": 1, "pdf_layout": 0,
                   "stop_processing": false}),
            owned_defaults(),
        )
    }
    fn create_defaults() -> Object {
        let mut defaults = Object::new();
        defaults.insert("folder".to_owned(), json!("INBOX"));
        defaults
    }
    fn validate(
        _ctx: &Ctx<'_>,
        body: &Object,
        store: &Store,
        _id: u64,
        errors: &mut FieldErrors,
    ) -> Result<(), Reply> {
        if let Some(account) = body.get("account") {
            if account.is_null() {
                errors.add("account", "This field may not be null.");
            } else {
                check_pk(errors, "account", account, |a| {
                    store.mail_accounts.contains_key(&a)
                });
            }
        }
        if let Some(c) = body.get("assign_correspondent") {
            check_pk(errors, "assign_correspondent", c, |c| {
                store.correspondents.contains_key(&c)
            });
        }
        if let Some(t) = body.get("assign_document_type") {
            check_pk(errors, "assign_document_type", t, |t| {
                store.document_types.contains_key(&t)
            });
        }
        check_pks(errors, "assign_tags", body.get("assign_tags"), |t| {
            store.tags.contains_key(&t)
        });
        if body
            .get("maximum_age")
            .and_then(Value::as_u64)
            .is_some_and(|age| age > 36_500)
        {
            errors.add("maximum_age", "Maximum mail age is unreasonably large.");
        }
        check_choice(errors, body, "action", 1..=5);
        if !errors.is_empty() {
            return Ok(());
        }
        // Moving and tagging need a parameter (the folder, the tag).
        let action = body.get("action").and_then(Value::as_u64);
        let parameter = body
            .get("action_parameter")
            .and_then(Value::as_str)
            .unwrap_or_default();
        if matches!(action, Some(2 | 5)) && parameter.is_empty() {
            return Err(Reply::non_field_error("An action parameter is required."));
        }
        Ok(())
    }
    fn decorate(ctx: &Ctx<'_>, object: &mut Object, _store: &Store) {
        ctx.flavor.mail_rule(object);
    }
}

/// Removes the rules of a deleted mail account (the database cascades).
fn forget_mail_account(store: &mut Store, id: u64) {
    store.mail_rules.retain(|_, r| r.account.0 != id);
}

/// The trigger and action keys a workflow's nested objects get before what was sent.
fn trigger_defaults() -> Value {
    json!({"sources": [1, 2, 3], "type": 1, "filter_path": null, "filter_filename": null,
           "filter_mailrule": null, "matching_algorithm": 0, "match": "", "is_insensitive": true,
           "filter_has_tags": [], "filter_has_all_tags": [], "filter_has_not_tags": [],
           "filter_custom_field_query": null, "filter_has_any_correspondents": [],
           "filter_has_not_correspondents": [], "filter_has_any_document_types": [],
           "filter_has_not_document_types": [], "filter_has_any_storage_paths": [],
           "filter_has_not_storage_paths": [], "filter_has_correspondent": null,
           "filter_has_document_type": null, "filter_has_storage_path": null,
           "schedule_offset_days": 0, "schedule_is_recurring": false,
           "schedule_recurring_interval_days": 1, "schedule_date_field": "added",
           "schedule_date_custom_field": null})
}

fn action_defaults() -> Value {
    json!({"type": 1, "assign_title": null, "assign_tags": [], "assign_correspondent": null,
           "assign_document_type": null, "assign_storage_path": null, "assign_owner": null,
           "assign_view_users": [], "assign_view_groups": [], "assign_change_users": [],
           "assign_change_groups": [], "assign_custom_fields": [],
           "assign_custom_fields_values": {}, "remove_all_tags": false, "remove_tags": [],
           "remove_all_correspondents": false, "remove_correspondents": [],
           "remove_all_document_types": false, "remove_document_types": [],
           "remove_all_storage_paths": false, "remove_storage_paths": [],
           "remove_custom_fields": [], "remove_all_custom_fields": false,
           "remove_all_owners": false, "remove_owners": [], "remove_all_permissions": false,
           "remove_view_users": [], "remove_view_groups": [], "remove_change_users": [],
           "remove_change_groups": [], "email": null, "webhook": null, "passwords": null})
}

/// The nested errors of a list field: one object per item (`{}` for a valid one), or `None`
/// when every item is valid.
fn item_errors(items: &[Value], check: impl Fn(&Object) -> FieldErrors) -> Option<Value> {
    let mut any = false;
    let errors: Vec<Value> = items
        .iter()
        .map(|item| match item.as_object() {
            Some(object) => {
                let e = check(object);
                any |= !e.is_empty();
                e.to_value()
            }
            None => {
                any = true;
                let mut e = FieldErrors::default();
                e.add(
                    "non_field_errors",
                    format!(
                        "Invalid data. Expected a dictionary, but got {}.",
                        python_type(item)
                    ),
                );
                e.to_value()
            }
        })
        .collect();
    any.then_some(Value::Array(errors))
}

impl Record for Workflow {
    type Create = NewWorkflow;
    type Patch = WorkflowPatch;
    const MODEL: &'static str = "Workflow";
    const REQUIRED: &'static [&'static str] = &["name", "triggers", "actions"];
    const UNIQUE: Option<(&'static str, &'static str)> =
        Some(("name", "workflow with this name already exists."));
    const ORDER_BY: &'static str = "order";
    stored_in!(workflows);

    fn defaults(id: u64) -> Value {
        json!({"id": id, "name": "", "order": 0, "enabled": true, "triggers": [], "actions": []})
    }
    /// Each trigger's and action's `type` must be a choice of this release; a consumption
    /// trigger needs a file name, path or mail rule filter.
    fn validate(
        ctx: &Ctx<'_>,
        body: &Object,
        _store: &Store,
        _id: u64,
        errors: &mut FieldErrors,
    ) -> Result<(), Reply> {
        if let Some(triggers) = body.get("triggers").and_then(Value::as_array) {
            let checked = item_errors(triggers, |t| {
                let mut e = FieldErrors::default();
                check_choice(&mut e, t, "type", 1..=4);
                let has = |k: &str| {
                    t.get(k)
                        .and_then(Value::as_str)
                        .is_some_and(|s| !s.is_empty())
                };
                let consumption = t.get("type").and_then(Value::as_u64).unwrap_or(1) == 1;
                if e.is_empty()
                    && consumption
                    && !has("filter_filename")
                    && !has("filter_path")
                    && t.get("filter_mailrule").is_none_or(Value::is_null)
                {
                    e.add(
                        "non_field_errors",
                        "File name, path or mail rule filter are required",
                    );
                }
                e
            });
            if let Some(value) = checked {
                errors.add_value("triggers", value);
            }
        }
        if let Some(actions) = body.get("actions").and_then(Value::as_array) {
            let types = ctx.flavor.workflow_action_types();
            let checked = item_errors(actions, |a| {
                let mut e = FieldErrors::default();
                check_choice(&mut e, a, "type", types.clone());
                e
            });
            if let Some(value) = checked {
                errors.add_value("actions", value);
            }
        }
        Ok(())
    }
    fn decorate(ctx: &Ctx<'_>, object: &mut Object, _store: &Store) {
        ctx.flavor.workflow(object);
    }
    /// Triggers and actions sent with the `id` of one of the workflow's own are updated in
    /// place; the others are new and get the next free ids.
    fn derive(_ctx: &Ctx<'_>, object: &mut Object, store: &Store, current: Option<&Self>) {
        let current = current.and_then(|c| serde_json::to_value(c).ok());
        for (key, defaults) in [
            ("triggers", trigger_defaults()),
            ("actions", action_defaults()),
        ] {
            let mut next = store
                .workflows
                .values()
                .filter_map(|w| serde_json::to_value(w).ok())
                .flat_map(|w| {
                    w[key]
                        .as_array()
                        .map(|items| {
                            items
                                .iter()
                                .filter_map(|i| i["id"].as_u64())
                                .collect::<Vec<_>>()
                        })
                        .unwrap_or_default()
                })
                .max()
                .unwrap_or(0)
                + 1;
            let old: Vec<Value> = current
                .as_ref()
                .and_then(|c| c[key].as_array().cloned())
                .unwrap_or_default();
            let Some(items) = object.get_mut(key).and_then(Value::as_array_mut) else {
                continue;
            };
            for item in items.iter_mut() {
                let sent_id = item.get("id").and_then(Value::as_u64);
                let existing =
                    sent_id.and_then(|i| old.iter().find(|o| o["id"].as_u64() == Some(i)));
                let base = match existing {
                    Some(o) => o.clone(),
                    None => {
                        let fresh = merge(defaults.clone(), json!({"id": next}));
                        next += 1;
                        fresh
                    }
                };
                let mut sent = item.clone();
                if let Some(map) = sent.as_object_mut()
                    && existing.is_none()
                {
                    map.remove("id");
                }
                *item = merge(base, sent);
            }
        }
    }
}

impl Record for ShareLink {
    type Create = NewShareLink;
    type Patch = NewShareLink;
    const MODEL: &'static str = "ShareLink";
    const REQUIRED: &'static [&'static str] = &["document"];
    const FILTERS: &'static [&'static str] = &["created", "expiration"];
    const ORDERING: &'static [&'static str] = &["created", "expiration", "document"];
    const UPDATABLE: bool = false;
    stored_in!(share_links);

    fn defaults(id: u64) -> Value {
        json!({"id": id, "created": crate::util::now(), "expiration": null, "slug": "",
               "document": 0, "file_version": "archive"})
    }
    fn validate(
        _ctx: &Ctx<'_>,
        body: &Object,
        store: &Store,
        _id: u64,
        errors: &mut FieldErrors,
    ) -> Result<(), Reply> {
        if let Some(document) = body.get("document") {
            check_pk(errors, "document", document, |d| {
                store.live_document(d).is_some()
            });
        }
        if let Some(version) = body.get("file_version")
            && !matches!(version.as_str(), Some("archive" | "original"))
        {
            let shown = version
                .as_str()
                .map_or_else(|| version.to_string(), str::to_owned);
            errors.add("file_version", invalid_choice(shown));
        }
        Ok(())
    }
    /// The server makes a 50-character slug.
    fn derive(_ctx: &Ctx<'_>, object: &mut Object, _store: &Store, current: Option<&Self>) {
        if current.is_none() {
            object.insert("slug".to_owned(), json!(crate::util::random_alnum(50)));
        }
    }
}

/// What `DELETE` removes with an object, beyond the object.
fn cascade<R: Record>(store: &mut Store, id: u64) {
    let kind = std::any::TypeId::of::<R>();
    if kind == std::any::TypeId::of::<Group>() {
        forget_group(store, id);
    } else if kind == std::any::TypeId::of::<MailAccount>() {
        forget_mail_account(store, id);
    }
}

/// The JSON of one object as the server sends it.
fn render<R: Record>(ctx: &Ctx<'_>, store: &Store, item: &R) -> Object {
    let mut object = match serde_json::to_value(item) {
        Ok(Value::Object(map)) => map,
        _ => Object::new(),
    };
    if R::OWNED {
        owned_view(&mut object, ctx.req.query.flag("full_perms"));
    }
    R::decorate(ctx, &mut object, store);
    object
}

/// Ids in the default order.
fn default_order<R: Record>(store: &Store) -> Vec<u64> {
    let mut keyed: Vec<(Value, u64)> = R::ids(store)
        .into_iter()
        .map(|id| {
            let key = R::get(store, id)
                .and_then(|o| serde_json::to_value(o).ok())
                .and_then(|o| o.get(R::ORDER_BY).cloned())
                .unwrap_or(Value::Null);
            (key, id)
        })
        .collect();
    keyed.sort_by(|(a, x), (b, y)| {
        let by_key = match (a, b) {
            (Value::String(a), Value::String(b)) => a.to_lowercase().cmp(&b.to_lowercase()),
            (Value::Number(a), Value::Number(b)) => a
                .as_f64()
                .partial_cmp(&b.as_f64())
                .unwrap_or(std::cmp::Ordering::Equal),
            _ => std::cmp::Ordering::Equal,
        };
        by_key.then(x.cmp(y))
    });
    keyed.into_iter().map(|(_, id)| id).collect()
}

/// The next free primary key.
fn next_id<R: Record>(store: &Store) -> u64 {
    R::ids(store).into_iter().max().map_or(1, |m| m + 1)
}

/// Routes `/api/<collection>/...` for one resource. `rest` is the path after the collection.
pub(crate) fn route<R: Record>(ctx: &Ctx<'_>, store: &mut Store, rest: &[&str]) -> Reply {
    const LIST_ALLOW: &str = "GET, POST, HEAD, OPTIONS";
    let object_allow = if R::UPDATABLE {
        "GET, PUT, PATCH, DELETE, HEAD, OPTIONS"
    } else {
        "GET, DELETE, HEAD, OPTIONS"
    };
    let method = &ctx.req.method;
    match rest {
        [] => match *method {
            Method::GET | Method::HEAD => list::<R>(ctx, store),
            Method::POST => write::<R>(ctx, store, None),
            _ => Reply::method_not_allowed(method, LIST_ALLOW),
        },
        [id] => {
            let updating = matches!(*method, Method::PATCH | Method::PUT);
            if updating && !R::UPDATABLE {
                return Reply::method_not_allowed(method, object_allow);
            }
            let Some((id, item)) = id
                .parse::<u64>()
                .ok()
                .and_then(|id| R::get(store, id).map(|item| (id, item)))
            else {
                return Reply::no_match(R::MODEL);
            };
            match *method {
                Method::GET | Method::HEAD => Reply::ok(&render(ctx, store, &item)),
                Method::PATCH | Method::PUT => write::<R>(ctx, store, Some((id, item))),
                Method::DELETE => {
                    R::remove(store, id);
                    cascade::<R>(store, id);
                    Reply::empty(StatusCode::NO_CONTENT)
                }
                _ => Reply::method_not_allowed(method, object_allow),
            }
        }
        _ => Reply::detail(StatusCode::NOT_FOUND, "Not found."),
    }
}

fn list<R: Record>(ctx: &Ctx<'_>, store: &Store) -> Reply {
    let ids = default_order::<R>(store);
    let render_one = |id: u64| R::get(store, id).map(|item| render(ctx, store, &item));
    // Parameters outside the filterset are ignored (the lookups would filter on any field).
    let special = |key: &str, _value: &str, _object: &Object| -> Option<bool> {
        let base = key.split("__").next().unwrap_or_default();
        (!R::FILTERS.contains(&base)).then_some(true)
    };
    let fields: Vec<&str> = R::FILTERS.iter().chain(R::ORDERING).copied().collect();
    let request = ListRequest {
        query: &ctx.req.query,
        path: &ctx.req.path,
        origin: &ctx.req.origin,
        api_version: ctx.version,
    };
    let filters = Filters {
        fields: &fields,
        special: &special,
    };
    listing::list(&request, &ids, &render_one, &filters, Envelope::default()).unwrap_or_else(|e| e)
}

/// A create (`current` is `None`), `PATCH` or `PUT`.
fn write<R: Record>(ctx: &Ctx<'_>, store: &mut Store, current: Option<(u64, R)>) -> Reply {
    let created = current.is_none();
    let full = created || ctx.req.method == Method::PUT;
    let id = current
        .as_ref()
        .map_or_else(|| next_id::<R>(store), |(id, _)| *id);
    let current = current.map(|(_, item)| item);
    match build::<R>(ctx, store, id, current.as_ref(), full) {
        Ok(item) => {
            R::insert(store, id, item);
            let Some(stored) = R::get(store, id) else {
                return Reply::no_match(R::MODEL);
            };
            let status = if created {
                StatusCode::CREATED
            } else {
                StatusCode::OK
            };
            Reply::json(status, &render(ctx, store, &stored))
        }
        Err(reply) => reply,
    }
}

fn build<R: Record>(
    ctx: &Ctx<'_>,
    store: &Store,
    id: u64,
    current: Option<&R>,
    full: bool,
) -> Result<R, Reply> {
    let body = json_object(ctx.req)?;
    let mut errors = FieldErrors::default();
    if full {
        check_required(&body, &R::required(ctx), &mut errors);
    }
    if let Some((field, message)) = R::UNIQUE
        && let Some(value) = body.get(field).filter(|v| v.is_string())
        && taken::<R>(store, id, field, value)
    {
        errors.add(field, message);
    }
    R::validate(ctx, &body, store, id, &mut errors)?;
    errors.check()?;

    // Parse through the payload model, then merge what it sends onto the stored object; a
    // `PUT` is read as the patch it is once the required fields are there (the patch payloads
    // keep explicit `null`s; `update_changes`).
    let changes = if current.is_none() {
        let mut sent = R::create_defaults();
        sent.extend(body);
        changes_through::<R::Create>(sent)?
    } else {
        update_changes::<R::Patch>(body, full, R::NAME_OWNER_UNIQUE)?
    };
    let mut object =
        crate::context::write_base(ctx, current, || R::defaults(id), R::OWNED, &changes);
    if let Some(map) = object.as_object_mut() {
        map.extend(changes);
        map.insert("id".to_owned(), json!(id));
        R::derive(ctx, map, store, current);
    }
    serde_json::from_value(object).map_err(|e| Reply::non_field_error(format!("Invalid data: {e}")))
}
