//! The connection: flags, environment, config profiles, or the embedded demo server.

use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use std::path::PathBuf;

use paperless_client::types::auth::TokenRequest;
use paperless_client::{ApiVersion, Paperless};
use serde::{Deserialize, Serialize};

use crate::fail::{CliResult, Fail, code};

/// The config file: named profiles and the default one.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Config {
    /// The profile used without `--profile`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    /// The profiles by name.
    #[serde(default)]
    pub profiles: BTreeMap<String, Profile>,
}

/// One server and its token.
#[derive(Clone, Default, Serialize, Deserialize)]
pub struct Profile {
    /// The server's address.
    pub url: String,
    /// The API token.
    pub token: String,
    /// `9`, `10` or absent (negotiate).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_version: Option<String>,
}

impl std::fmt::Debug for Profile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Profile")
            .field("url", &self.url)
            .field("token", &"***")
            .finish()
    }
}

/// Where the config file is: `PAPERLESS_CONFIG`, else `paperless/config.toml` in the platform's
/// config directory.
pub fn config_path() -> CliResult<PathBuf> {
    if let Some(p) = std::env::var_os("PAPERLESS_CONFIG").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    use etcetera::BaseStrategy;
    let strategy = etcetera::choose_base_strategy()
        .map_err(|e| Fail::usage(format!("no config directory: {e}")))?;
    Ok(strategy.config_dir().join("paperless").join("config.toml"))
}

/// Reads the config file (empty when there is none).
pub fn load_config() -> CliResult<Config> {
    let path = config_path()?;
    match std::fs::read_to_string(&path) {
        Ok(text) => toml::from_str(&text)
            .map_err(|e| Fail::usage(format!("{}: {}", path.display(), e.message()))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
        Err(e) => Err(Fail::new(code::OTHER, format!("{}: {e}", path.display()))),
    }
}

/// Writes the config file, readable by its owner only (mode 0600).
pub fn save_config(config: &Config) -> CliResult<PathBuf> {
    let path = config_path()?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let text = toml::to_string(config).map_err(|e| Fail::new(code::OTHER, e.to_string()))?;
    let tmp = path.with_extension("toml.tmp");
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(&tmp)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()?;
    drop(file);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&tmp, std::fs::Permissions::from_mode(0o600))?;
    }
    std::fs::rename(&tmp, &path)?;
    Ok(path)
}

/// The connection options of the command line.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ConnectArgs {
    /// The server's address (or PAPERLESS_URL, or the profile's).
    #[arg(long, global = true, env = "PAPERLESS_URL", hide_env_values = true)]
    pub url: Option<String>,
    /// The API token (or PAPERLESS_TOKEN, or the profile's).
    #[arg(long, global = true, env = "PAPERLESS_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// The API version: auto, 9 or 10 (or PAPERLESS_API_VERSION).
    #[arg(long, global = true, env = "PAPERLESS_API_VERSION")]
    pub api_version: Option<String>,
    /// The profile of the config file to use.
    #[arg(long, global = true, env = "PAPERLESS_PROFILE")]
    pub profile: Option<String>,
    /// Runs against an embedded test server with demo data (nothing to configure).
    #[arg(long, global = true)]
    pub demo: bool,
}

/// A connected client, and the demo server it may run on (kept alive for the run).
pub struct Connection {
    /// The client.
    pub client: Paperless,
    #[cfg(feature = "demo")]
    _demo: Option<paperless_testkit::TestServer>,
}

fn parse_version(text: &str) -> CliResult<Option<ApiVersion>> {
    match text.trim() {
        "" | "auto" => Ok(None),
        v => v
            .parse()
            .map(Some)
            .map_err(|_| Fail::usage(format!("invalid API version '{v}': expected auto, 9 or 10"))),
    }
}

fn build(url: &str, token: &str, version: Option<ApiVersion>) -> CliResult<Paperless> {
    let mut builder = Paperless::builder(url).token(token);
    if let Some(v) = version {
        builder = builder.api_version(v);
    }
    Ok(builder.build()?)
}

impl ConnectArgs {
    /// Connects: `--demo`, else flags and environment, else the profile.
    pub async fn connect(&self) -> CliResult<Connection> {
        let version = self
            .api_version
            .as_deref()
            .map(parse_version)
            .transpose()?
            .flatten();
        if self.demo {
            #[cfg(feature = "demo")]
            {
                let server = paperless_testkit::TestServer::demo()
                    .await
                    .map_err(|e| Fail::new(code::OTHER, format!("demo server: {e}")))?;
                let client = build(server.url(), server.token(), version)?;
                return Ok(Connection {
                    client,
                    _demo: Some(server),
                });
            }
            #[cfg(not(feature = "demo"))]
            return Err(Fail::usage("built without the demo feature"));
        }
        let (url, token, profile_version) = match (&self.url, &self.token) {
            (Some(u), Some(t)) if self.profile.is_none() => (u.clone(), t.clone(), None),
            _ => {
                let config = load_config()?;
                let name = self.profile.clone().or(config.default.clone());
                let profile = name.as_ref().and_then(|n| config.profiles.get(n));
                match (profile, name) {
                    (Some(p), _) => (
                        self.url.clone().unwrap_or_else(|| p.url.clone()),
                        self.token.clone().unwrap_or_else(|| p.token.clone()),
                        p.api_version.clone(),
                    ),
                    (None, Some(n)) if self.profile.is_some() => {
                        return Err(Fail::usage(format!(
                            "no profile '{n}' in {}: run `paperless login --profile {n}`",
                            config_path()?.display()
                        )));
                    }
                    _ => {
                        return Err(Fail::usage(
                            "not connected: pass --url and --token, set PAPERLESS_URL and \
                             PAPERLESS_TOKEN, run `paperless login`, or try --demo",
                        ));
                    }
                }
            }
        };
        let version = match version {
            Some(v) => Some(v),
            None => profile_version
                .as_deref()
                .map(parse_version)
                .transpose()?
                .flatten(),
        };
        Ok(Connection {
            client: build(&url, &token, version)?,
            #[cfg(feature = "demo")]
            _demo: None,
        })
    }
}

fn prompt(question: &str) -> CliResult<String> {
    eprint!("{question}: ");
    std::io::stderr().flush()?;
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(line.trim().to_owned())
}

fn prompt_secret(question: &str) -> CliResult<String> {
    if std::io::IsTerminal::is_terminal(&std::io::stdin()) {
        Ok(rpassword::prompt_password(format!("{question}: "))?
            .trim()
            .to_owned())
    } else {
        prompt(question)
    }
}

/// `paperless login`: asks for what the flags do not give, checks it, stores the profile.
pub async fn login(args: &ConnectArgs, username: Option<String>) -> CliResult<String> {
    let name = args.profile.clone().unwrap_or_else(|| "default".to_owned());
    let url = match &args.url {
        Some(u) => u.clone(),
        None => prompt("Paperless-ngx URL")?,
    };
    let token = match (&args.token, username) {
        (Some(t), _) => t.clone(),
        (None, Some(user)) => password_token(&url, user).await?,
        (None, None) => {
            let t = prompt_secret("API token (empty: log in with user name and password)")?;
            if t.is_empty() {
                let user = prompt("User name")?;
                password_token(&url, user).await?
            } else {
                t
            }
        }
    };
    let version = args
        .api_version
        .as_deref()
        .map(parse_version)
        .transpose()?
        .flatten();
    let client = build(&url, &token, version)?;
    let info = client.server_info().await?;
    let mut config = load_config()?;
    config.profiles.insert(
        name.clone(),
        Profile {
            url,
            token,
            api_version: args.api_version.clone(),
        },
    );
    if config.default.is_none() {
        config.default = Some(name.clone());
    }
    let path = save_config(&config)?;
    Ok(format!(
        "logged in to Paperless-ngx {} as profile '{name}' ({})",
        info.version,
        path.display()
    ))
}

async fn password_token(url: &str, user: String) -> CliResult<String> {
    let password = prompt_secret("Password")?;
    let mut request = TokenRequest::new(user, password);
    let code = prompt_secret("MFA code (empty if none)")?;
    if !code.is_empty() {
        request = request.code(code);
    }
    let token = Paperless::builder(url).generate_api_token(&request).await?;
    Ok(token.expose().to_owned())
}

/// `paperless logout`: removes the profile from the config file.
pub fn logout(profile: Option<&str>) -> CliResult<String> {
    let mut config = load_config()?;
    let name = profile
        .map(str::to_owned)
        .or(config.default.clone())
        .ok_or_else(|| Fail::usage("no profile to log out of"))?;
    if config.profiles.remove(&name).is_none() {
        return Err(Fail::usage(format!("no profile '{name}'")));
    }
    if config.default.as_deref() == Some(name.as_str()) {
        config.default = config.profiles.keys().next().cloned();
    }
    save_config(&config)?;
    Ok(format!("logged out of profile '{name}'"))
}
