//! The web UI settings of the requesting user: `/api/ui_settings/`, [`Paperless::ui_settings`].
//!
//! | Call | Request |
//! |---|---|
//! | `client.ui_settings().get().await?` | `GET /api/ui_settings/` |
//! | `client.ui_settings().save(&UiSettingsUpdate::new(settings)).await?` | `POST /api/ui_settings/` |
//!
//! The settings object is free-form JSON owned by the web UI. Saving replaces the whole stored
//! object, so change a copy of [`UiSettings::settings`] and send all of it. With API v10 it also
//! holds which saved views show on the dashboard and in the sidebar.

use std::fmt;

use http::Method;
use paperless_types::outcome::SuccessResponse;
use paperless_types::ui_settings::{UiSettings, UiSettingsUpdate};

use crate::client::Paperless;
use crate::error::Result;
use crate::operation::Operation;
use crate::request::ApiRequest;

const PATH: &str = "/api/ui_settings/";

/// The requesting user's web UI settings, from [`Paperless::ui_settings`].
#[derive(Clone)]
pub struct UiSettingsEndpoint {
    client: Paperless,
}

impl Paperless {
    /// The requesting user's web UI settings, plus the server facts the web UI reads from the
    /// same endpoint (`/api/ui_settings/`).
    ///
    /// ```no_run
    /// # async fn run(client: paperless_client::Paperless) -> paperless_client::Result<()> {
    /// use paperless_client::types::ui_settings::UiSettingsUpdate;
    ///
    /// let ui = client.ui_settings();
    /// let current = ui.get().await?;
    /// println!("dashboard views: {:?}", current.dashboard_views());
    /// let mut settings = current.settings;
    /// settings.insert("documentListSize".into(), 100.into());
    /// ui.save(&UiSettingsUpdate::new(settings)).await?;
    /// # Ok(()) }
    /// ```
    #[must_use]
    pub fn ui_settings(&self) -> UiSettingsEndpoint {
        UiSettingsEndpoint {
            client: self.clone(),
        }
    }
}

impl UiSettingsEndpoint {
    /// The settings (`GET /api/ui_settings/`): the stored object with server-side keys merged
    /// in (`version`, `trash_delay`, `app_title`, ...), the user and their permissions.
    ///
    /// # Errors
    /// Transport and decode errors; [`Error::Api`](crate::Error::Api) 401 without valid
    /// credentials.
    pub async fn get(&self) -> Result<UiSettings> {
        let request = ApiRequest::new(Operation::new("ui_settings", "get"), Method::GET, PATH);
        self.client.json(request).await
    }

    /// Replaces the whole stored settings object (`POST /api/ui_settings/`).
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) 400 when the server refuses the object; transport and
    /// decode errors.
    pub async fn save(&self, update: &UiSettingsUpdate) -> Result<SuccessResponse> {
        let request = ApiRequest::new(Operation::new("ui_settings", "save"), Method::POST, PATH)
            .json(update)?;
        self.client.json(request).await
    }
}

impl fmt::Debug for UiSettingsEndpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UiSettingsEndpoint")
            .field("path", &PATH)
            .finish_non_exhaustive()
    }
}
