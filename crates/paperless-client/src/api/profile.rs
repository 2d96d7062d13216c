//! The requesting user's own profile: `/api/profile/`, [`Paperless::profile`].
//!
//! | Call | Request |
//! |---|---|
//! | `profile.get().await?` | `GET /api/profile/` |
//! | `profile.update(&ProfilePatch::new().first_name("Ada")).await?` | `PATCH /api/profile/` |
//! | `profile.generate_auth_token().await?` | `POST /api/profile/generate_auth_token/` |
//! | `profile.totp_setup().await?` | `GET /api/profile/totp/` |
//! | `profile.activate_totp(&TotpActivate::new(secret, code)).await?` | `POST /api/profile/totp/` |
//! | `profile.deactivate_totp().await?` | `DELETE /api/profile/totp/` |
//! | `profile.social_account_providers().await?` | `GET /api/profile/social_account_providers/` |
//! | `profile.disconnect_social_account(id).await?` | `POST /api/profile/disconnect_social_account/` |
//!
//! Secrets in the answers (the API token, the TOTP secret, recovery codes) are
//! [`Secret`]s: they never show up in `Debug` output.

use std::fmt;

use http::Method;
use paperless_types::SocialAccountId;
use paperless_types::profile::{
    DisconnectSocialAccount, Profile, ProfilePatch, SocialAccountProvider, TotpActivate,
    TotpActivation, TotpSetup,
};
use paperless_types::secret::Secret;

use crate::client::Paperless;
use crate::error::Result;
use crate::operation::Operation;
use crate::request::ApiRequest;

const PATH: &str = "/api/profile/";
const TOTP_PATH: &str = "/api/profile/totp/";

/// The requesting user's profile, from [`Paperless::profile`].
#[derive(Clone)]
pub struct ProfileEndpoint {
    client: Paperless,
}

impl Paperless {
    /// The requesting user's own profile: name, e-mail, password, API token, two-factor
    /// authentication and social logins (`/api/profile/`).
    ///
    /// ```no_run
    /// # async fn run(client: paperless_client::Paperless) -> paperless_client::Result<()> {
    /// use paperless_client::types::profile::ProfilePatch;
    ///
    /// let profile = client.profile();
    /// let me = profile.update(&ProfilePatch::new().first_name("Ada")).await?;
    /// let token = profile.generate_auth_token().await?; // the old token stops working
    /// println!("{} has a new token of {} characters", me.first_name, token.expose().len());
    /// # Ok(()) }
    /// ```
    #[must_use]
    pub fn profile(&self) -> ProfileEndpoint {
        ProfileEndpoint {
            client: self.clone(),
        }
    }
}

impl ProfileEndpoint {
    fn request(action: &'static str, method: Method, path: &str) -> ApiRequest {
        ApiRequest::new(Operation::new("profile", action), method, path)
    }

    /// A request whose answer holds credentials (the API token, a TOTP secret, recovery codes):
    /// its errors never keep the body.
    fn secret_request(action: &'static str, method: Method, path: &str) -> ApiRequest {
        Self::request(action, method, path).sensitive()
    }

    /// The profile (`GET /api/profile/`).
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) 401 without valid credentials; transport and decode
    /// errors.
    pub async fn get(&self) -> Result<Profile> {
        self.client
            .json(Self::secret_request("get", Method::GET, PATH))
            .await
    }

    /// Changes the fields set in `patch` (`PATCH /api/profile/`) and returns the profile. A
    /// password of only `*` characters leaves the password unchanged.
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) 400 with field errors (such as a password the server's
    /// validators refuse); transport and decode errors.
    pub async fn update(&self, patch: &ProfilePatch) -> Result<Profile> {
        let request = Self::secret_request("update", Method::PATCH, PATH).json(patch)?;
        self.client.json(request).await
    }

    /// Creates a new API token for the user (`POST /api/profile/generate_auth_token/`) and
    /// returns it; the previous token stops working at once, so a client that authenticates
    /// with it must switch to the new one.
    ///
    /// # Errors
    /// Transport and decode errors; [`Error::Api`](crate::Error::Api) 401 without valid
    /// credentials.
    pub async fn generate_auth_token(&self) -> Result<Secret> {
        let request = Self::secret_request(
            "generate_auth_token",
            Method::POST,
            "/api/profile/generate_auth_token/",
        );
        self.client.json(request).await
    }

    /// A fresh TOTP secret with its `otpauth://` URL and QR code (`GET /api/profile/totp/`).
    /// Nothing is stored until [`ProfileEndpoint::activate_totp`] confirms a code.
    ///
    /// # Errors
    /// Transport and decode errors.
    pub async fn totp_setup(&self) -> Result<TotpSetup> {
        self.client
            .json(Self::secret_request("totp_setup", Method::GET, TOTP_PATH))
            .await
    }

    /// Activates TOTP with a secret from [`ProfileEndpoint::totp_setup`] and a current code
    /// (`POST /api/profile/totp/`). A wrong code is not an error: the answer then has
    /// `success: false` and no recovery codes.
    ///
    /// # Errors
    /// Transport and decode errors.
    pub async fn activate_totp(&self, activate: &TotpActivate) -> Result<TotpActivation> {
        let request =
            Self::secret_request("activate_totp", Method::POST, TOTP_PATH).json(activate)?;
        self.client.json(request).await
    }

    /// Removes the user's TOTP authenticator (`DELETE /api/profile/totp/`).
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) 404 ([`is_not_found`](crate::Error::is_not_found)) with
    /// the detail `TOTP not found` when TOTP is not enabled; transport errors.
    pub async fn deactivate_totp(&self) -> Result<()> {
        self.client
            .no_content(Self::request("deactivate_totp", Method::DELETE, TOTP_PATH))
            .await
    }

    /// The social login providers the user can connect, with their connect URLs
    /// (`GET /api/profile/social_account_providers/`).
    ///
    /// # Errors
    /// Transport and decode errors.
    pub async fn social_account_providers(&self) -> Result<Vec<SocialAccountProvider>> {
        let request = Self::request(
            "social_account_providers",
            Method::GET,
            "/api/profile/social_account_providers/",
        );
        self.client.json(request).await
    }

    /// Disconnects one of the user's social logins
    /// (`POST /api/profile/disconnect_social_account/`); returns the id of the removed
    /// account.
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) 400 with the detail `Social account not found` when the
    /// user has no such account; transport and decode errors.
    pub async fn disconnect_social_account(
        &self,
        id: impl Into<SocialAccountId>,
    ) -> Result<SocialAccountId> {
        let request = Self::request(
            "disconnect_social_account",
            Method::POST,
            "/api/profile/disconnect_social_account/",
        )
        .json(&DisconnectSocialAccount::new(id.into()))?;
        self.client.json(request).await
    }
}

impl fmt::Debug for ProfileEndpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProfileEndpoint")
            .field("path", &PATH)
            .finish_non_exhaustive()
    }
}
