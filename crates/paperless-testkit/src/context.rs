//! What every endpoint handler gets ([`Ctx`]: the request, the authenticated user, the
//! negotiated API version) and shares (the JSON body reader, the versions the server
//! announces). Below the handlers and the router in [`crate::api`], so that the router
//! imports the handlers and never the other way round.

use std::ops::RangeInclusive;

use http::StatusCode;
use paperless_types::api_version::accepted_api_versions;
use paperless_types::user::User;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};

use crate::http::{FieldErrors, Incoming, REQUIRED, Reply, python_type};
use crate::release::Flavor;

/// The Paperless-ngx version the test server imitates by default, sent as `X-Version`.
pub const SERVER_VERSION: &str = "3.0.5";
/// The newest API version the server speaks by default, sent as `X-Api-Version` (whatever was
/// asked).
pub const LATEST_API_VERSION: u32 = 10;

/// Which Paperless-ngx the server says it is: the API versions it accepts and its release
/// (set with [`TestServerBuilder::api_versions`](crate::TestServerBuilder::api_versions) and
/// [`TestServerBuilder::release`](crate::TestServerBuilder::release)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Identity {
    /// The versions accepted; the newest is sent as `X-Api-Version` and answers requests
    /// without a version (as Paperless-ngx's `DEFAULT_VERSION` does on 2.20 and 3.x).
    pub(crate) api_versions: RangeInclusive<u32>,
    /// Sent as `X-Version`.
    pub(crate) release: String,
}

impl Default for Identity {
    /// Paperless-ngx 3.0.5: the versions the one rule of `paperless_types::api_version` gives
    /// for a newest version of 10 (9 and 10).
    fn default() -> Self {
        Self {
            api_versions: accepted_api_versions(LATEST_API_VERSION),
            release: SERVER_VERSION.to_owned(),
        }
    }
}

impl Identity {
    /// The newest version, `X-Api-Version`.
    pub(crate) fn newest(&self) -> u32 {
        *self.api_versions.end()
    }
}

/// What every handler gets: the request, the authenticated user, the negotiated API version.
pub(crate) struct Ctx<'a> {
    pub(crate) req: &'a Incoming,
    pub(crate) user: User,
    pub(crate) version: u32,
    /// The release family the server imitates (its differences live in [`crate::release`]).
    pub(crate) flavor: Flavor,
}

/// The request body as JSON: 415 for another content type, 400 with DRF's parse error message
/// for invalid JSON.
pub(crate) fn json_body(req: &Incoming) -> Result<Value, Reply> {
    let content_type = req.content_type();
    if content_type != "application/json" {
        return Err(Reply::detail(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            &format!("Unsupported media type \"{content_type}\" in request."),
        ));
    }
    if req.body.is_empty() {
        return Ok(json!({}));
    }
    serde_json::from_slice(&req.body)
        .map_err(|e| Reply::detail(StatusCode::BAD_REQUEST, &format!("JSON parse error - {e}")))
}

/// The request body as a JSON object (a write's body): [`json_body`]'s errors, and DRF's
/// `Invalid data. Expected a dictionary, but got list.` for another JSON value.
pub(crate) fn json_object(req: &Incoming) -> Result<Map<String, Value>, Reply> {
    match json_body(req)? {
        Value::Object(map) => Ok(map),
        other => Err(Reply::non_field_error(format!(
            "Invalid data. Expected a dictionary, but got {}.",
            python_type(&other)
        ))),
    }
}

/// DRF's errors for required fields of a create or `PUT` that are missing, `null` or blank.
pub(crate) fn check_required(body: &Map<String, Value>, fields: &[&str], errors: &mut FieldErrors) {
    for field in fields {
        match body.get(*field) {
            None => errors.add(field, REQUIRED),
            Some(Value::Null) => errors.add(field, "This field may not be null."),
            Some(Value::String(s)) if s.is_empty() => {
                errors.add(field, "This field may not be blank.");
            }
            Some(_) => {}
        }
    }
}

/// What a write changes: the body parsed into the `paperless-types` payload `P` and written
/// back (so only what the payload knows), `set_permissions` stored as `permissions`.
pub(crate) fn changes_through<P: Serialize + DeserializeOwned>(
    body: Map<String, Value>,
) -> Result<Map<String, Value>, Reply> {
    let payload = serde_json::from_value::<P>(Value::Object(body))
        .and_then(|p| serde_json::to_value(&p))
        .map_err(|e| Reply::non_field_error(format!("Invalid data: {e}")))?;
    let mut changes = match payload {
        Value::Object(map) => map,
        _ => Map::new(),
    };
    if let Some(perms) = changes.remove("set_permissions") {
        changes.insert("permissions".to_owned(), perms);
    }
    Ok(changes)
}

/// What a `PATCH` or `PUT` changes, as Django REST framework's `ModelSerializer.update` applies
/// it: the body through the patch payload `P` ([`changes_through`]), and nothing else. A `PUT`
/// is not a reset: a field it leaves out keeps its stored value (the required fields are checked
/// before, [`check_required`]). The one exception is a field of a multi-field unique constraint,
/// which DRF gives its model default: `owner` of the models unique on `(name, owner)` (tags,
/// correspondents, document types, storage paths, mail rules; `name_owner_unique`), so a `PUT`
/// that leaves out `owner` clears it (recorded on 3.0.5 and 2.20.15: `tags.put`,
/// `mail_rules.put`).
pub(crate) fn update_changes<P: Serialize + DeserializeOwned>(
    body: Map<String, Value>,
    put: bool,
    name_owner_unique: bool,
) -> Result<Map<String, Value>, Reply> {
    let clears_owner = put && name_owner_unique && !body.contains_key("owner");
    let mut changes = changes_through::<P>(body)?;
    if clears_owner {
        changes.insert("owner".to_owned(), Value::Null);
    }
    Ok(changes)
}

/// The object a write is merged onto: the stored one, or for a create the collection's
/// `defaults`, owned by the requesting user unless `changes` name an owner (when `owned`).
pub(crate) fn write_base<T: Serialize>(
    ctx: &Ctx<'_>,
    current: Option<&T>,
    defaults: impl Fn() -> Value,
    owned: bool,
    changes: &Map<String, Value>,
) -> Value {
    match current {
        Some(item) => serde_json::to_value(item).unwrap_or_else(|_| defaults()),
        None => {
            let mut base = defaults();
            if owned
                && !changes.contains_key("owner")
                && let Some(map) = base.as_object_mut()
            {
                map.insert("owner".to_owned(), json!(ctx.user.id));
            }
            base
        }
    }
}
