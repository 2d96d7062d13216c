//! Small acknowledgement bodies that several action endpoints return.

use serde::{Deserialize, Serialize};

/// `{"result": "OK"}`: returned by `POST /api/bulk_edit_objects/`,
/// `POST /api/mail_accounts/{id}/process/` and similar actions once the server accepted the
/// request (the work itself may continue in a background task).
///
/// ```
/// use paperless_types::outcome::ActionResult;
///
/// let r: ActionResult = serde_json::from_str(r#"{"result":"OK"}"#)?;
/// assert!(r.is_ok());
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ActionResult {
    /// `"OK"` on success.
    pub result: String,
}

impl ActionResult {
    /// The server's success body, `{"result": "OK"}`.
    #[must_use]
    pub fn ok() -> Self {
        Self {
            result: "OK".to_owned(),
        }
    }

    /// `true` when [`result`](Self::result) is `"OK"`.
    #[must_use]
    pub fn is_ok(&self) -> bool {
        self.result == "OK"
    }
}

/// `{"success": true}`: returned by `POST /api/ui_settings/` and by
/// `POST /api/mail_accounts/test/` when the connection works.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SuccessResponse {
    /// Whether the action succeeded.
    pub success: bool,
}

impl SuccessResponse {
    /// A body with this outcome.
    #[must_use]
    pub fn new(success: bool) -> Self {
        Self { success }
    }
}
