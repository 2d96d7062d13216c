//! The application configuration: `/api/config/`, [`Paperless::config`].
//!
//! | Call | Request |
//! |---|---|
//! | `client.config().get().await?` | `GET /api/config/` |
//! | `client.config().update(&patch).await?` | `GET /api/config/`, then `PATCH /api/config/{id}/` |
//!
//! The settings an administrator can change at runtime in the web UI, overriding the
//! `PAPERLESS_*` environment variables. There is exactly one configuration object; the server
//! lists it as an unpaginated array. A setting that is `None` is not set here: the environment
//! variable or the built-in default applies.

use std::fmt;

use http::Method;
use paperless_types::config::{ApplicationConfiguration, ApplicationConfigurationPatch};
use serde::de::{Deserialize, Deserializer, Error as _};

use crate::client::Paperless;
use crate::error::Result;
use crate::operation::Operation;
use crate::request::ApiRequest;

const PATH: &str = "/api/config/";

/// The application configuration singleton, from [`Paperless::config`].
#[derive(Clone)]
pub struct ConfigEndpoint {
    client: Paperless,
}

impl Paperless {
    /// The application configuration (`/api/config/`; administrators only).
    ///
    /// ```no_run
    /// # async fn run(client: paperless_client::Paperless) -> paperless_client::Result<()> {
    /// use paperless_client::types::config::ApplicationConfigurationPatch;
    ///
    /// let config = client.config().get().await?;
    /// println!("title: {:?}", config.app_title);
    /// let patch = ApplicationConfigurationPatch::new().app_title(Some("Family archive".into()));
    /// let config = client.config().update(&patch).await?;
    /// # Ok(()) }
    /// ```
    #[must_use]
    pub fn config(&self) -> ConfigEndpoint {
        ConfigEndpoint {
            client: self.clone(),
        }
    }
}

impl ConfigEndpoint {
    /// The configuration (`GET /api/config/`, the single object of the list).
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api): 403 without the configuration permission;
    /// [`Error::Decode`](crate::Error::Decode) when the server lists no configuration object;
    /// transport errors.
    pub async fn get(&self) -> Result<ApplicationConfiguration> {
        let request = ApiRequest::new(Operation::new("config", "get"), Method::GET, PATH);
        let First(config) = self.client.json(request).await?;
        Ok(config)
    }

    /// Changes the settings set in `patch` ([`Patch::Null`](paperless_types::Patch::Null) unsets
    /// one) and returns the new configuration. Two requests: `GET /api/config/` for the
    /// object's id (normally 1, but not guaranteed), then `PATCH /api/config/{id}/`.
    ///
    /// # Errors
    /// As [`ConfigEndpoint::get`]; [`Error::Api`](crate::Error::Api) 400 with field errors when
    /// the server refuses a value.
    pub async fn update(
        &self,
        patch: &ApplicationConfigurationPatch,
    ) -> Result<ApplicationConfiguration> {
        let current = self.get().await?;
        let request = ApiRequest::new(
            Operation::new("config", "update"),
            Method::PATCH,
            format!("{PATH}{}/", current.id),
        )
        .json(patch)?;
        self.client.json(request).await
    }
}

impl fmt::Debug for ConfigEndpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConfigEndpoint")
            .field("path", &PATH)
            .finish_non_exhaustive()
    }
}

/// The first element of a JSON array that must not be empty.
struct First<T>(T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for First<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Vec::<T>::deserialize(deserializer)?
            .into_iter()
            .next()
            .map(First)
            .ok_or_else(|| D::Error::invalid_length(0, &"a list holding the configuration object"))
    }
}
