//! Server health and versions: `GET /api/status/` ([`Paperless::status`]) and
//! `GET /api/remote_version/` ([`Paperless::remote_version`]).

use http::Method;
use paperless_types::status::{RemoteVersion, SystemStatus};

use crate::client::Paperless;
use crate::error::Result;
use crate::operation::Operation;
use crate::request::ApiRequest;

impl Paperless {
    /// The system status (`GET /api/status/`; administrators only): versions, storage, database
    /// and migrations, and the health of the task queue, search index and classifier.
    ///
    /// ```no_run
    /// # async fn run(client: paperless_client::Paperless) -> paperless_client::Result<()> {
    /// let status = client.status().await?;
    /// println!("Paperless-ngx {} on {}", status.pngx_version, status.server_os);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api): 403 for users who are not administrators; transport and
    /// decode errors.
    pub async fn status(&self) -> Result<SystemStatus> {
        let request = ApiRequest::new(Operation::new("status", "get"), Method::GET, "/api/status/");
        self.json(request).await
    }

    /// The newest Paperless-ngx release, as the server sees it on GitHub
    /// (`GET /api/remote_version/`). A server without internet access answers version `0.0.0`.
    ///
    /// ```no_run
    /// # async fn run(client: paperless_client::Paperless) -> paperless_client::Result<()> {
    /// let remote = client.remote_version().await?;
    /// if remote.update_available {
    ///     println!("Paperless-ngx {} is available", remote.version);
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// Transport and decode errors.
    pub async fn remote_version(&self) -> Result<RemoteVersion> {
        let request = ApiRequest::new(
            Operation::new("remote_version", "get"),
            Method::GET,
            "/api/remote_version/",
        );
        self.json(request).await
    }
}
