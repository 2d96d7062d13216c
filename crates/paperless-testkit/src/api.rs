//! Request handling: API-version negotiation, authentication, routing to the endpoint handlers
//! (the top of the stack of request modules: it imports the handlers, which import only
//! [`crate::context`] and the modules below it).

use base64::Engine as _;
use base64::alphabet;
use base64::engine::{GeneralPurpose, GeneralPurposeConfig};
use http::header::{HeaderValue, LOCATION, WWW_AUTHENTICATE};
use http::{Method, StatusCode};
use paperless_types::correspondent::Correspondent;
use paperless_types::custom_field::CustomField;
use paperless_types::document_type::DocumentType;
use paperless_types::group::Group;
use paperless_types::mail_account::MailAccount;
use paperless_types::mail_rule::MailRule;
use paperless_types::saved_view::SavedView;
use paperless_types::share_link::ShareLink;
use paperless_types::storage_path::StoragePath;
use paperless_types::tag::Tag;
use paperless_types::user::User;
use paperless_types::workflow::Workflow;
use serde_json::{Value, json};

use crate::context::Identity;
use crate::context::{Ctx, SERVER_VERSION};
use crate::http::{Incoming, Reply};
use crate::release::Flavor;
use crate::store::Store;
use crate::{documents, objects, records, tasks, trash, ui_settings};

/// Answers one request.
pub(crate) fn handle(store: &mut Store, req: &Incoming) -> Reply {
    if !req.path.starts_with("/api/") && req.path != "/api" {
        return Reply::bytes(
            StatusCode::NOT_FOUND,
            "text/html; charset=utf-8",
            bytes::Bytes::from_static(b"<h1>Not Found</h1>"),
        );
    }
    if crate::session::is_headless(&req.path) {
        return crate::session::handle(store, req);
    }
    // DRF determines the version before it authenticates.
    let version = match negotiate_version(&store.identity, req) {
        Ok(v) => v,
        Err(reply) => return reply,
    };
    if req.path == "/api/token/" {
        return token(store, req);
    }
    let user = match authenticate(store, req) {
        Ok(user) => user,
        Err(reply) => return reply,
    };
    let flavor = Flavor::of_release(&store.identity.release);
    let ctx = Ctx {
        req,
        user,
        version,
        flavor,
    };
    let Some(reply) = route(&ctx, store) else {
        // Unknown routes fall through to the frontend, which redirects to the login page.
        return Reply::login_redirect(&req.path);
    };
    if reply.status == StatusCode::FOUND {
        // A route that falls through to the frontend (2.x's 3.x-only document routes).
        return reply;
    }
    let release = HeaderValue::from_str(&store.identity.release)
        .unwrap_or_else(|_| HeaderValue::from_static(SERVER_VERSION));
    reply
        .header(
            http::header::HeaderName::from_static("x-api-version"),
            HeaderValue::from(store.identity.newest()),
        )
        .header(http::header::HeaderName::from_static("x-version"), release)
}

/// Reads `Accept: application/json; version=N`: a version in the server's range is accepted,
/// no version means the newest, anything else is DRF's 406.
fn negotiate_version(identity: &Identity, req: &Incoming) -> Result<u32, Reply> {
    let accept = req
        .headers
        .get(http::header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let requested = accept
        .split([';', ','])
        .map(str::trim)
        .find_map(|p| p.strip_prefix("version="));
    match requested {
        None => Ok(identity.newest()),
        Some(v) => match v.trim().parse::<u32>() {
            Ok(n) if identity.api_versions.contains(&n) => Ok(n),
            _ => Err(Reply::detail(
                StatusCode::NOT_ACCEPTABLE,
                "Invalid version in \"Accept\" header.",
            )),
        },
    }
}

/// Token or basic authentication; 401 with DRF's body and `WWW-Authenticate: Token` otherwise.
fn authenticate(store: &Store, req: &Incoming) -> Result<User, Reply> {
    let unauthorized = |detail: &str| {
        Reply::detail(StatusCode::UNAUTHORIZED, detail)
            .header(WWW_AUTHENTICATE, HeaderValue::from_static("Token"))
    };
    let Some(header) = req
        .headers
        .get(http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
    else {
        return Err(unauthorized(
            "Authentication credentials were not provided.",
        ));
    };
    let header = header.trim();
    let (scheme, credentials) = header.split_once(' ').unwrap_or((header, ""));
    let credentials = credentials.trim();
    if scheme.eq_ignore_ascii_case("token") {
        if credentials.is_empty() || credentials.contains(' ') {
            return Err(unauthorized(
                "Invalid token header. No credentials provided.",
            ));
        }
        return store
            .account_by_token(credentials)
            .map(|a| a.user.clone())
            .ok_or_else(|| unauthorized("Invalid token."));
    }
    if scheme.eq_ignore_ascii_case("basic") {
        if credentials.is_empty() {
            return Err(unauthorized(
                "Invalid basic header. No credentials provided.",
            ));
        }
        if credentials.contains(' ') {
            return Err(unauthorized(
                "Invalid basic header. Credentials string should not contain spaces.",
            ));
        }
        let (user, password) = basic_credentials(credentials).ok_or_else(|| {
            unauthorized("Invalid basic header. Credentials not correctly base64 encoded.")
        })?;
        return store
            .account_by_login(&user, &password)
            .map(|a| a.user.clone())
            .ok_or_else(|| unauthorized("Invalid username/password."));
    }
    Err(unauthorized(
        "Authentication credentials were not provided.",
    ))
}

/// Python's `base64.b64decode`: the standard alphabet, padding required, stray low bits of the
/// last character ignored.
const PYTHON_BASE64: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_allow_trailing_bits(true),
);

/// The user name and password of basic credentials as Django REST framework's
/// `BasicAuthentication` reads them: base64, UTF-8 (Latin-1 when the bytes are not UTF-8), split
/// at the first `:`; `None` where the server answers "not correctly base64 encoded".
fn basic_credentials(encoded: &str) -> Option<(String, String)> {
    let bytes = PYTHON_BASE64.decode(encoded).ok()?;
    let text = String::from_utf8(bytes)
        .unwrap_or_else(|e| e.into_bytes().into_iter().map(char::from).collect());
    let (user, password) = text.split_once(':')?;
    Some((user.to_owned(), password.to_owned()))
}

/// `POST /api/token/` with `username` and `password` (JSON or form): the user's token.
fn token(store: &Store, req: &Incoming) -> Reply {
    if req.method != Method::POST {
        return Reply::method_not_allowed(&req.method, "POST, OPTIONS");
    }
    let fields: Vec<(String, String)> = if req.content_type() == "application/json" {
        match serde_json::from_slice::<Value>(&req.body) {
            Ok(Value::Object(map)) => map
                .into_iter()
                .filter_map(|(k, v)| v.as_str().map(|s| (k, s.to_owned())))
                .collect(),
            _ => Vec::new(),
        }
    } else {
        form_urlencoded::parse(&req.body)
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect()
    };
    let get = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    let mut errors = crate::http::FieldErrors::default();
    for name in ["username", "password"] {
        if get(name).is_none_or(str::is_empty) {
            errors.add(name, crate::http::REQUIRED);
        }
    }
    if let Err(reply) = errors.check() {
        return reply;
    }
    match store.account_by_login(
        get("username").unwrap_or_default(),
        get("password").unwrap_or_default(),
    ) {
        Some(account) => Reply::ok(&json!({ "token": account.token })),
        None => Reply::non_field_error("Unable to log in with provided credentials."),
    }
}

/// Dispatches on the path below `/api/`; `None` for a route the API does not have.
fn route(ctx: &Ctx<'_>, store: &mut Store) -> Option<Reply> {
    let path = &ctx.req.path;
    if !path.ends_with('/') {
        // Django's APPEND_SLASH.
        let target = format!("{path}/");
        return Some(Reply::empty(StatusCode::MOVED_PERMANENTLY).header(
            LOCATION,
            HeaderValue::from_str(&target).unwrap_or_else(|_| HeaderValue::from_static("/")),
        ));
    }
    let segments: Vec<&str> = path
        .trim_start_matches("/api/")
        .trim_end_matches('/')
        .split('/')
        .filter(|s| !s.is_empty())
        .collect();
    if let Some(first) = segments.first()
        && !ctx.flavor.has_collection(first)
    {
        return None;
    }
    Some(match segments.as_slice() {
        ["tags", rest @ ..] => objects::route::<Tag>(ctx, store, rest),
        ["correspondents", rest @ ..] => objects::route::<Correspondent>(ctx, store, rest),
        ["document_types", rest @ ..] => objects::route::<DocumentType>(ctx, store, rest),
        ["storage_paths", rest @ ..] => objects::route::<StoragePath>(ctx, store, rest),
        ["custom_fields", rest @ ..] => objects::route::<CustomField>(ctx, store, rest),
        ["users", rest @ ..] => records::route::<User>(ctx, store, rest),
        ["groups", rest @ ..] => records::route::<Group>(ctx, store, rest),
        ["saved_views", rest @ ..] => records::route::<SavedView>(ctx, store, rest),
        ["mail_accounts", rest @ ..] => records::route::<MailAccount>(ctx, store, rest),
        ["mail_rules", rest @ ..] => records::route::<MailRule>(ctx, store, rest),
        ["workflows", rest @ ..] => records::route::<Workflow>(ctx, store, rest),
        ["share_links", rest @ ..] => records::route::<ShareLink>(ctx, store, rest),
        ["documents", rest @ ..] => documents::route(ctx, store, rest),
        ["tasks", rest @ ..] => tasks::route(ctx, store, rest),
        ["trash"] => trash::route(ctx, store),
        ["ui_settings"] => ui_settings::route(ctx, store),
        _ => return None,
    })
}
