//! Swap point 1: keep every layer of paperless-transport (auth, API version, base URL, retry,
//! timeouts, tracing) and replace only the bottom client, here with an in-process router that
//! answers without any network. The same call takes a proxy-aware client or a test double.
//!
//! Run with `cargo run -p paperless-transport --example swap_bottom_service`.

use std::convert::Infallible;

use bytes::Bytes;
use http::{Request, Response};
use http_body_util::{BodyExt, Full};
use paperless_transport::{Auth, BaseUrl, Body, BoxError, TransportBuilder};
use tower::ServiceExt;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), BoxError> {
    // The bottom service sees absolute URIs and every header our layers set.
    let router = tower::service_fn(|req: Request<Body>| async move {
        let auth = req
            .headers()
            .get(http::header::AUTHORIZATION)
            .map_or("none", |v| {
                if v.is_sensitive() {
                    "set (sensitive)"
                } else {
                    "set"
                }
            });
        let body = format!(
            r#"{{"uri":"{}","accept":{:?},"authorization":"{auth}"}}"#,
            req.uri(),
            req.headers()
                .get(http::header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default(),
        );
        Ok::<_, Infallible>(
            Response::builder()
                .header(http::header::CONTENT_TYPE, "application/json")
                .body(Full::new(Bytes::from(body)))
                .unwrap_or_default(),
        )
    });

    let client = TransportBuilder::new(BaseUrl::parse("https://paperless.example.com/paperless")?)
        .auth(Auth::token("0123456789abcdef"))
        .build_with(router)?;

    let request = Request::get("/api/tags/?page=1").body(Body::empty())?;
    let response = client.oneshot(request).await?;
    let body = response.into_body().collect().await?.to_bytes();
    println!("{}", String::from_utf8_lossy(&body));
    Ok(())
}
