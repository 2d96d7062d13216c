//! The django-allauth headless "browser" login, as Paperless-ngx 3.x answers it: `GET .../config`
//! sets the `csrftoken` cookie; `POST .../auth/login` with the CSRF pair (cookie and
//! `X-CSRFToken`) checks the password and sets `sessionid`; a user with a second factor gets the
//! 401 "flows" answer and finishes with `POST .../auth/2fa/authenticate`. The session cookie is
//! what `/ws/status/` authenticates with ([`session_user`]).

use bytes::Bytes;
use http::header::{COOKIE, HeaderName, HeaderValue, SET_COOKIE};
use http::{Method, StatusCode};
use paperless_types::allauth::{
    BROWSER_CONFIG_PATH, BROWSER_LOGIN_PATH, BROWSER_MFA_PATH, BROWSER_PREFIX, CSRF_COOKIE,
    HeadlessAccountConfig, HeadlessAuthMethod, HeadlessConfig, HeadlessError, HeadlessErrorBody,
    HeadlessFlow, HeadlessFlows, HeadlessMeta, HeadlessMfaConfig, HeadlessResponse,
    HeadlessSession, HeadlessSocialAccountConfig, HeadlessUser, LoginRequest,
    MfaAuthenticateRequest, SESSION_COOKIE,
};
use serde_json::json;

use crate::http::{Incoming, Reply};
use crate::store::Store;
use crate::util::random_alnum;

/// One browser session.
#[derive(Debug, Clone)]
pub(crate) struct Session {
    /// The user it belongs to.
    pub(crate) user: u64,
    /// `false` while the second factor is pending.
    pub(crate) authenticated: bool,
}

/// `true` for the paths this module answers.
pub(crate) fn is_headless(path: &str) -> bool {
    path.starts_with(BROWSER_PREFIX) || path.starts_with("/api/auth/headless/")
}

/// A cookie's value from the request's `Cookie` headers.
pub(crate) fn cookie<'a>(req_headers: &'a http::HeaderMap, name: &str) -> Option<&'a str> {
    req_headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// The user of an authenticated session cookie.
pub(crate) fn session_user(store: &Store, headers: &http::HeaderMap) -> Option<u64> {
    let id = cookie(headers, SESSION_COOKIE)?;
    store
        .sessions
        .get(id)
        .filter(|s| s.authenticated)
        .map(|s| s.user)
}

fn set_cookie(reply: Reply, name: &str, value: &str, max_age: u32, http_only: bool) -> Reply {
    let flags = if http_only { "; HttpOnly" } else { "" };
    let text = format!("{name}={value}; Max-Age={max_age}{flags}; Path=/; SameSite=Lax");
    match HeaderValue::from_str(&text) {
        Ok(v) => reply.header(SET_COOKIE, v),
        Err(_) => reply,
    }
}

fn new_csrf() -> String {
    random_alnum(32)
}

/// Django's CSRF refusal page (abridged: the title and the reason).
fn csrf_refused() -> Reply {
    let page = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n  <title>403 Forbidden</title>\n</head>\n<body>\n<div id=\"summary\">\n  <h1>Forbidden <span>(403)</span></h1>\n  <p>CSRF verification failed. Request aborted.</p>\n</div>\n</body>\n</html>\n";
    Reply::bytes(
        StatusCode::FORBIDDEN,
        "text/html; charset=utf-8",
        Bytes::from_static(page.as_bytes()),
    )
}

fn not_found() -> Reply {
    Reply::bytes(
        StatusCode::NOT_FOUND,
        "text/html; charset=utf-8",
        Bytes::from_static(b"<h1>Not Found</h1>"),
    )
}

fn headless_error(status: StatusCode, message: &str, code: &str, param: Option<&str>) -> Reply {
    Reply::json(
        status,
        &HeadlessErrorBody::new(status.as_u16(), HeadlessError::new(message, code, param)),
    )
}

/// Answers a request below `/api/auth/headless/`.
pub(crate) fn handle(store: &mut Store, req: &Incoming) -> Reply {
    if store.headless_off {
        return not_found();
    }
    match (&req.method, req.path.as_str()) {
        (&Method::GET, BROWSER_CONFIG_PATH) => config(req),
        (&Method::POST, BROWSER_LOGIN_PATH) => with_csrf(req, |req| login(store, req)),
        (&Method::POST, BROWSER_MFA_PATH) => with_csrf(req, |req| mfa(store, req)),
        _ => not_found(),
    }
}

fn config(req: &Incoming) -> Reply {
    let mut account = HeadlessAccountConfig::default();
    account.login_methods = vec!["username".to_owned()];
    account.password_reset_by_code_enabled = Some(false);
    account.authentication_method = Some("username".to_owned());
    let mut mfa = HeadlessMfaConfig::default();
    mfa.supported_types = vec!["recovery_codes".to_owned(), "totp".to_owned()];
    let mut config = HeadlessConfig::default();
    config.account = account;
    config.socialaccount = Some(HeadlessSocialAccountConfig::default());
    config.mfa = Some(mfa);
    let body = HeadlessResponse::new(200, config);
    let csrf = cookie(&req.headers, CSRF_COOKIE).map_or_else(new_csrf, str::to_owned);
    set_cookie(Reply::ok(&body), CSRF_COOKIE, &csrf, 31_449_600, false)
}

/// Django's CSRF check for unsafe methods: the cookie, and the same value in `X-CSRFToken`.
fn with_csrf(req: &Incoming, then: impl FnOnce(&Incoming) -> Reply) -> Reply {
    let cookie = cookie(&req.headers, CSRF_COOKIE);
    let header = req
        .headers
        .get(HeaderName::from_static("x-csrftoken"))
        .and_then(|v| v.to_str().ok());
    match (cookie, header) {
        (Some(c), Some(h)) if !c.is_empty() && c == h => then(req),
        _ => csrf_refused(),
    }
}

fn login(store: &mut Store, req: &Incoming) -> Reply {
    let Ok(login) = serde_json::from_slice::<LoginRequest>(&req.body) else {
        return headless_error(
            StatusCode::BAD_REQUEST,
            "This field is required.",
            "required",
            Some("password"),
        );
    };
    let Some(user) = store
        .account_by_login(&login.username, login.password.expose())
        .map(|a| a.user.id.0)
    else {
        return headless_error(
            StatusCode::BAD_REQUEST,
            "The username and/or password you specified are not correct.",
            "username_password_mismatch",
            Some("password"),
        );
    };
    let id = random_alnum(32);
    if store.mfa_codes.contains_key(&user) {
        store.sessions.insert(
            id.clone(),
            Session {
                user,
                authenticated: false,
            },
        );
        let mut flows = HeadlessFlows::default();
        flows.flows = vec![
            HeadlessFlow::new("login", false),
            HeadlessFlow::new("mfa_authenticate", true),
        ];
        let body = HeadlessResponse::new(401, flows).meta(HeadlessMeta::new(false));
        let reply = Reply::json(StatusCode::UNAUTHORIZED, &body);
        return set_cookie(reply, SESSION_COOKIE, &id, 1_814_400, true);
    }
    store.sessions.insert(
        id.clone(),
        Session {
            user,
            authenticated: true,
        },
    );
    logged_in(store, user, &id, vec![password_method(&login.username)])
}

fn password_method(username: &str) -> HeadlessAuthMethod {
    let mut method = HeadlessAuthMethod::default();
    method.method = "password".to_owned();
    method.at = now_secs();
    method.username = Some(username.to_owned());
    method
}

fn now_secs() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64())
}

fn logged_in(store: &Store, user: u64, session: &str, methods: Vec<HeadlessAuthMethod>) -> Reply {
    let account = store.accounts.get(&user);
    let mut u = HeadlessUser::default();
    u.id = paperless_types::UserId(user);
    if let Some(a) = account {
        u.display = a.user.username.clone();
        u.username = a.user.username.clone();
        u.email = Some(a.user.email.clone()).filter(|e| !e.is_empty());
        u.has_usable_password = true;
    }
    let mut data = HeadlessSession::default();
    data.user = u;
    data.methods = methods;
    let body = HeadlessResponse::new(200, data).meta(HeadlessMeta::new(true));
    // Django rotates the CSRF token at login.
    let reply = set_cookie(
        Reply::ok(&body),
        CSRF_COOKIE,
        &new_csrf(),
        31_449_600,
        false,
    );
    set_cookie(reply, SESSION_COOKIE, session, 1_814_400, true)
}

fn mfa(store: &mut Store, req: &Incoming) -> Reply {
    let pending = cookie(&req.headers, SESSION_COOKIE)
        .and_then(|id| store.sessions.get(id).map(|s| (id.to_owned(), s.clone())))
        .filter(|(_, s)| !s.authenticated);
    let Some((id, session)) = pending else {
        return Reply::json(
            StatusCode::CONFLICT,
            &json!({"status": 409, "errors": [{"message": "No pending login.", "code": "conflict"}]}),
        );
    };
    let code = serde_json::from_slice::<MfaAuthenticateRequest>(&req.body).ok();
    let expected = store.mfa_codes.get(&session.user);
    if code.map(|c| c.code.into_inner()).as_ref() != expected {
        return headless_error(
            StatusCode::BAD_REQUEST,
            "Incorrect code.",
            "incorrect_code",
            Some("code"),
        );
    }
    if let Some(s) = store.sessions.get_mut(&id) {
        s.authenticated = true;
    }
    let username = store
        .accounts
        .get(&session.user)
        .map(|a| a.user.username.clone())
        .unwrap_or_default();
    let mut second = HeadlessAuthMethod::default();
    second.method = "mfa".to_owned();
    second.at = now_secs();
    second.r#type = Some("totp".to_owned());
    logged_in(
        store,
        session.user,
        &id,
        vec![password_method(&username), second],
    )
}
