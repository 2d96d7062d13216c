//! Document statistics: `GET /api/statistics/`, [`Paperless::statistics`].

use http::Method;
use paperless_types::statistics::Statistics;

use crate::client::Paperless;
use crate::error::Result;
use crate::operation::Operation;
use crate::request::ApiRequest;

impl Paperless {
    /// The dashboard statistics (`GET /api/statistics/`): document, inbox and character counts,
    /// file types, tag and correspondent counts. Users without the global statistics
    /// permission get counts over the objects they may see.
    ///
    /// ```no_run
    /// # async fn run(client: paperless_client::Paperless) -> paperless_client::Result<()> {
    /// let stats = client.statistics().await?;
    /// println!("{} documents, {} in the inbox", stats.documents_total, stats.documents_inbox.unwrap_or(0));
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// Transport and decode errors; [`Error::Api`](crate::Error::Api) 401 without valid
    /// credentials.
    pub async fn statistics(&self) -> Result<Statistics> {
        let request = ApiRequest::new(
            Operation::new("statistics", "get"),
            Method::GET,
            "/api/statistics/",
        );
        self.json(request).await
    }
}
