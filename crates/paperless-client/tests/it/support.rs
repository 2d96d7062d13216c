//! Shared test pieces: a test resource implementing the public traits, a client over a real
//! hyper-util connection pool, and a tiny in-process hyper server for behaviour mockito cannot
//! script (slow pages, counting concurrent requests).

use std::convert::Infallible;
use std::future::Future;

use bytes::Bytes;
use http_body_util::Full;
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::{TokioExecutor, TokioIo};
use paperless_client::transport::{BaseUrl, Body, HttpClient, boxed};
use paperless_client::types::{DocumentId, Patch, Permissions, TagId, UserId};
use paperless_client::{
    ApiVersion, Creatable, Deletable, HasIdFilter, HasName, HasOwner, Paperless, PaperlessBuilder,
    Resource, Updatable, WithService,
};
use serde::{Deserialize, Serialize};

/// `/api/tags/`, modelled the way the real crate will model it.
pub enum Tags {}

/// A tag as the server sends it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tag {
    pub id: TagId,
    pub name: String,
    pub color: String,
    pub owner: Option<UserId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permissions: Option<Permissions>,
    pub document_count: u64,
}

/// The create payload.
#[derive(Debug, Clone, Serialize)]
pub struct NewTag {
    pub name: String,
    pub color: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<UserId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub set_permissions: Option<Permissions>,
}

/// The partial-update payload.
#[derive(Debug, Clone, Default, Serialize)]
pub struct TagPatch {
    #[serde(skip_serializing_if = "Patch::is_unchanged")]
    pub name: Patch<String>,
    #[serde(skip_serializing_if = "Patch::is_unchanged")]
    pub color: Patch<String>,
    #[serde(skip_serializing_if = "Patch::is_unchanged")]
    pub owner: Patch<UserId>,
}

impl Resource for Tags {
    type Id = TagId;
    type Item = Tag;
    const NAME: &'static str = "tags";
    const PATH: &'static str = "/api/tags/";
    fn id_of(tag: &Tag) -> TagId {
        tag.id
    }
}
impl Creatable for Tags {
    type Create = NewTag;
}
impl Updatable for Tags {
    type Patch = TagPatch;
    type Replace = NewTag;
    const RENAMED_ON_WRITE: &'static [(&'static str, &'static str)] =
        &[("permissions", "set_permissions")];
}
impl Deletable for Tags {}
impl HasOwner for Tags {}
impl HasName for Tags {
    fn name_of(tag: &Tag) -> &str {
        &tag.name
    }
}
impl HasIdFilter for Tags {}

/// `/api/documents/`, read-only here, with an untyped model.
pub enum Documents {}

impl Resource for Documents {
    type Id = DocumentId;
    type Item = serde_json::Value;
    const NAME: &'static str = "documents";
    const PATH: &'static str = "/api/documents/";
    fn id_of(doc: &serde_json::Value) -> DocumentId {
        DocumentId(doc["id"].as_u64().unwrap())
    }
}
impl HasIdFilter for Documents {}
impl paperless_client::HasFields for Documents {}

/// A tag as JSON, the way the server sends it.
pub fn tag_json(id: u64, name: &str) -> serde_json::Value {
    serde_json::json!({
        "id": id,
        "slug": name.to_lowercase(),
        "name": name,
        "color": "#a6cee3",
        "text_color": "#000000",
        "owner": 2,
        "user_can_change": true,
        "document_count": 3,
    })
}

/// A list page as JSON.
pub fn page_json(
    count: u64,
    next: Option<&str>,
    previous: Option<&str>,
    results: Vec<serde_json::Value>,
) -> String {
    serde_json::json!({
        "count": count,
        "next": next,
        "previous": previous,
        "results": results,
    })
    .to_string()
}

/// The bottom service of every test: hyper-util's pooled HTTP/1 client, erased.
pub fn http() -> HttpClient {
    let client: Client<HttpConnector, Body> = Client::builder(TokioExecutor::new()).build_http();
    boxed(client)
}

/// A client with default options against `url` (mockito's or an in-process server's), with
/// API version 10 pinned so that no negotiation probe precedes the requests a test expects.
pub fn client(url: &str) -> Paperless {
    builder(url).build().unwrap()
}

/// A client with options (API version 10 pinned, as for [`client`]).
pub fn builder(url: &str) -> PaperlessBuilder<WithService> {
    PaperlessBuilder::from_service(http(), BaseUrl::parse(url).unwrap())
        .api_version(ApiVersion::V10)
}

/// Serves `handler` over HTTP/1 on 127.0.0.1 until the test's runtime ends; returns the base URL.
pub async fn serve<F, Fut>(handler: F) -> String
where
    F: Fn(http::Request<Incoming>) -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = http::Response<Full<Bytes>>> + Send + 'static,
{
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                return;
            };
            let handler = handler.clone();
            tokio::spawn(async move {
                let service = service_fn(move |req| {
                    let handler = handler.clone();
                    async move { Ok::<_, Infallible>(handler(req).await) }
                });
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    format!("http://{addr}")
}

/// A JSON response.
pub fn json_response(status: u16, body: String) -> http::Response<Full<Bytes>> {
    http::Response::builder()
        .status(status)
        .header("content-type", "application/json")
        .body(Full::new(Bytes::from(body)))
        .unwrap()
}
