//! `GET`/`POST /api/ui_settings/`: the web UI's settings of the requesting user, with the
//! server facts the web UI reads merged in. Clients also use it as the cheapest authenticated
//! request (it carries `X-Version` and `X-Api-Version`).

use http::{Method, StatusCode};
use paperless_types::ui_settings::{UiSettings, UiSettingsUser};
use serde_json::{Map, Value, json};

use crate::context::{Ctx, json_body};
use crate::http::{FieldErrors, REQUIRED, Reply};
use crate::store::Store;

/// The models whose `add_`, `change_`, `delete_` and `view_` permissions a superuser holds.
const MODELS: &[&str] = &[
    "applicationconfiguration",
    "authenticator",
    "contenttype",
    "correspondent",
    "customfield",
    "customfieldinstance",
    "document",
    "documenttype",
    "emailaddress",
    "emailconfirmation",
    "group",
    "groupobjectpermission",
    "logentry",
    "mailaccount",
    "mailrule",
    "note",
    "paperlesstask",
    "permission",
    "processedmail",
    "savedview",
    "savedviewfilterrule",
    "session",
    "sharelink",
    "sharelinkbundle",
    "socialaccount",
    "socialapp",
    "socialtoken",
    "storagepath",
    "tag",
    "token",
    "tokenproxy",
    "uisettings",
    "user",
    "userobjectpermission",
    "workflow",
    "workflowaction",
    "workflowactionemail",
    "workflowactionwebhook",
    "workflowrun",
    "workflowtrigger",
];

/// Routes `/api/ui_settings/`.
pub(crate) fn route(ctx: &Ctx<'_>, store: &mut Store) -> Reply {
    let method = ctx.req.method.clone();
    match method {
        Method::GET | Method::HEAD => Reply::ok(&read(ctx, store)),
        Method::POST => save(ctx, store),
        _ => Reply::method_not_allowed(&method, "GET, POST, HEAD, OPTIONS"),
    }
}

/// The stored settings (empty until the user saves some) plus what the server merges in.
fn read(ctx: &Ctx<'_>, store: &Store) -> UiSettings {
    let user = &ctx.user;
    let mut settings = store
        .ui_settings
        .get(&user.id.0)
        .cloned()
        .unwrap_or_default();
    let update_checking = settings
        .entry("update_checking")
        .or_insert_with(|| json!({}));
    if let Some(map) = update_checking.as_object_mut() {
        map.insert("backend_setting".into(), json!("default"));
    } else {
        *update_checking = json!({"backend_setting": "default"});
    }
    settings.insert("trash_delay".into(), json!(30));
    settings.insert("version".into(), json!(store.identity.release));
    settings.insert("app_title".into(), Value::Null);
    settings.insert("app_logo".into(), Value::Null);
    settings.insert("auditlog_enabled".into(), json!(true));
    settings.insert("email_enabled".into(), json!(false));
    settings.insert("ai_enabled".into(), json!(false));

    let mut who = UiSettingsUser::default();
    who.id = user.id;
    who.username = user.username.clone();
    who.is_staff = user.is_staff;
    who.is_superuser = user.is_superuser;
    who.groups = user.groups.clone();
    who.first_name = Some(user.first_name.clone()).filter(|n| !n.is_empty());
    who.last_name = Some(user.last_name.clone()).filter(|n| !n.is_empty());

    let permissions = if user.is_superuser {
        let mut all: Vec<String> = MODELS
            .iter()
            .flat_map(|model| {
                ["add", "change", "delete", "view"]
                    .into_iter()
                    .map(move |action| format!("{action}_{model}"))
            })
            .collect();
        all.push("view_global_statistics".into());
        all.push("view_system_monitoring".into());
        all
    } else {
        user.user_permissions.clone()
    };

    let mut answer = UiSettings::default();
    answer.user = who;
    answer.settings = settings;
    answer.permissions = permissions;
    answer
}

/// `POST {"settings": {...}}`: replaces the user's stored settings.
fn save(ctx: &Ctx<'_>, store: &mut Store) -> Reply {
    let body = match json_body(ctx.req) {
        Ok(body) => body,
        Err(reply) => return reply,
    };
    let mut errors = FieldErrors::default();
    match body.get("settings") {
        Some(Value::Object(settings)) => {
            let mut settings: Map<String, Value> = settings.clone();
            // Keys the server merges in on every read are not stored.
            for key in [
                "trash_delay",
                "version",
                "app_title",
                "app_logo",
                "auditlog_enabled",
                "email_enabled",
                "ai_enabled",
            ] {
                settings.remove(key);
            }
            store.ui_settings.insert(ctx.user.id.0, settings);
            Reply::ok(&json!({"success": true}))
        }
        None | Some(Value::Null) => {
            errors.add("settings", REQUIRED);
            Reply::field_errors(&errors)
        }
        Some(other) => {
            let kind = match other {
                Value::Bool(_) => "bool",
                Value::Number(n) if n.is_f64() => "float",
                Value::Number(_) => "int",
                Value::String(_) => "str",
                _ => "list",
            };
            errors.add(
                "settings",
                format!("Expected a dictionary of items but got type \"{kind}\"."),
            );
            Reply::json(StatusCode::BAD_REQUEST, &errors.to_value())
        }
    }
}
