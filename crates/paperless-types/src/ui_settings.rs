//! The web UI settings of the requesting user, plus the server facts the web UI needs.
//!
//! Endpoints:
//! - `GET /api/ui_settings/` → [`UiSettings`]: the stored settings object with server-side keys
//!   merged in (`version`, `trash_delay`, `app_title`, `app_logo`, `auditlog_enabled`,
//!   `email_enabled`, `ai_enabled`, `update_checking.backend_setting`, OAuth URLs)
//! - `POST /api/ui_settings/` with [`UiSettingsUpdate`] →
//!   [`SuccessResponse`](crate::outcome::SuccessResponse): replaces the whole stored settings
//!   object
//!
//! The settings object is free-form JSON owned by the web UI, so it is kept as a JSON map. With
//! API v10 it also holds which saved views appear on the dashboard and in the sidebar
//! (`saved_views.dashboard_views_visible_ids` / `sidebar_views_visible_ids`); read them with
//! [`UiSettings::dashboard_views`] and [`UiSettings::sidebar_views`].

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::ids::{GroupId, SavedViewId, UserId};

/// The response of `GET /api/ui_settings/`.
///
/// ```
/// use paperless_types::{SavedViewId, ui_settings::UiSettings};
///
/// let json = r#"{"user":{"id":2,"username":"admin","is_staff":true,"is_superuser":true,
///   "groups":[],"first_name":"Ada"},
///   "settings":{"saved_views":{"dashboard_views_visible_ids":[1,2],"sidebar_views_visible_ids":[1]},
///   "version":"3.0.5","trash_delay":30},
///   "permissions":["view_document","change_document"]}"#;
/// let ui: UiSettings = serde_json::from_str(json)?;
/// assert_eq!(ui.dashboard_views(), [SavedViewId(1), SavedViewId(2)]);
/// assert_eq!(ui.server_version(), Some("3.0.5"));
/// assert!(ui.has_permission("change_document"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UiSettings {
    /// The requesting user.
    pub user: UiSettingsUser,
    /// The stored settings with the server-side keys merged in (free-form JSON).
    #[serde(default)]
    pub settings: Map<String, Value>,
    /// Every permission codename the user holds, directly or through groups, without the app
    /// prefix (such as `view_document`); may contain duplicates.
    #[serde(default)]
    pub permissions: Vec<String>,
}

impl UiSettings {
    /// The saved views shown on the dashboard (API v10 `saved_views.dashboard_views_visible_ids`);
    /// empty when unset. Values that are not ids are skipped.
    #[must_use]
    pub fn dashboard_views(&self) -> Vec<SavedViewId> {
        self.saved_view_ids("dashboard_views_visible_ids")
    }

    /// The saved views shown in the sidebar (API v10 `saved_views.sidebar_views_visible_ids`);
    /// empty when unset. Values that are not ids are skipped.
    #[must_use]
    pub fn sidebar_views(&self) -> Vec<SavedViewId> {
        self.saved_view_ids("sidebar_views_visible_ids")
    }

    /// The server's version (`settings.version`), such as `3.0.5`.
    #[must_use]
    pub fn server_version(&self) -> Option<&str> {
        self.settings.get("version").and_then(Value::as_str)
    }

    /// Whether [`permissions`](Self::permissions) contains this codename.
    #[must_use]
    pub fn has_permission(&self, codename: &str) -> bool {
        self.permissions.iter().any(|p| p == codename)
    }

    fn saved_view_ids(&self, key: &str) -> Vec<SavedViewId> {
        self.settings
            .get("saved_views")
            .and_then(|v| v.get(key))
            .and_then(Value::as_array)
            .map(|ids| {
                ids.iter()
                    .filter_map(|id| {
                        id.as_u64()
                            .or_else(|| id.as_str().and_then(|s| s.parse().ok()))
                    })
                    .map(SavedViewId)
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// The requesting user, as `GET /api/ui_settings/` describes it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UiSettingsUser {
    /// Primary key.
    pub id: UserId,
    /// Login name.
    pub username: String,
    /// Whether the user may log into the Django admin site.
    #[serde(default)]
    pub is_staff: bool,
    /// Whether the user has every permission.
    #[serde(default)]
    pub is_superuser: bool,
    /// The user's groups.
    #[serde(default)]
    pub groups: Vec<GroupId>,
    /// Given name; left out when empty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Family name; left out when empty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
}

/// The body of `POST /api/ui_settings/`: replaces the stored settings object. Send the complete
/// object (typically the `settings` read before, modified); keys the server merges in on read
/// are ignored.
///
/// ```
/// use paperless_types::ui_settings::UiSettingsUpdate;
///
/// let mut settings = serde_json::Map::new();
/// settings.insert("documentListSize".into(), 50.into());
/// let body = UiSettingsUpdate::new(settings);
/// assert_eq!(serde_json::to_string(&body)?, r#"{"settings":{"documentListSize":50}}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UiSettingsUpdate {
    /// The new settings object.
    pub settings: Map<String, Value>,
}

impl UiSettingsUpdate {
    /// Replaces the settings with this object.
    #[must_use]
    pub fn new(settings: Map<String, Value>) -> Self {
        Self { settings }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saved_view_ids_tolerate_odd_values() {
        let ui: UiSettings = serde_json::from_str(
            r#"{"user":{"id":1,"username":"a"},"settings":{"saved_views":{"sidebar_views_visible_ids":[3,"4",null,"x"]}},"permissions":[]}"#,
        )
        .unwrap();
        assert_eq!(ui.sidebar_views(), [SavedViewId(3), SavedViewId(4)]);
        assert_eq!(ui.dashboard_views(), []);
        assert_eq!(ui.server_version(), None);
        assert!(!ui.has_permission("view_document"));
    }
}
