//! [`TestServer`] and [`TestServerBuilder`]: binding, serving, shutting down.

use std::convert::Infallible;
use std::fmt;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use futures_util::StreamExt;
use http::header::{CONTENT_LENGTH, CONTENT_TYPE, HOST, HeaderValue, RETRY_AFTER};
use http::{Response, StatusCode};
use http_body_util::combinators::BoxBody;
use http_body_util::{BodyExt, Full, StreamBody};
use hyper::body::Frame;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use paperless_types::correspondent::Correspondent;
use paperless_types::custom_field::CustomField;
use paperless_types::document::Document;
use paperless_types::document_type::DocumentType;
use paperless_types::storage_path::StoragePath;
use paperless_types::tag::Tag;
use paperless_types::task::Task;
use paperless_types::user::User;
use paperless_types::{Permissions, UserId};
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::cost::{CostModel, Load, ServerCost};
use crate::events::EventHub;
use crate::fault::{ActiveFault, Fault, FaultHandle, FaultKind, Route, lock};
use crate::http::{Incoming, Query, Reply};
use crate::requests::{RecordedRequest, RequestLog};
use crate::store::{Account, Store};
use crate::{api, seed};

/// Why a [`TestServer`] could not start.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StartError {
    /// The listening socket could not be bound (the port is taken, or binding is not allowed).
    #[error("could not bind 127.0.0.1:{port}: {source}; choose another port (0 picks a free one)")]
    Bind {
        /// The port asked for (0 for any free port).
        port: u16,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
    /// The built-in demo data set could not be read (a bug in this crate: please report it).
    #[error("the demo data set does not parse into the paperless-types models: {0}")]
    Demo(#[source] serde_json::Error),
}

type Body = BoxBody<Bytes, std::io::Error>;

/// What the connection tasks share.
pub(crate) struct Shared {
    pub(crate) store: Mutex<Store>,
    faults: Mutex<Vec<Arc<ActiveFault>>>,
    delay_micros: AtomicU64,
    requests: AtomicU64,
    log: Mutex<RequestLog>,
    cost: CostModel,
    url: String,
    hub: Arc<EventHub>,
    consume_step: Duration,
}

impl Shared {
    fn take_fault(&self, method: &http::Method, path: &str) -> Option<FaultKind> {
        let mut faults = lock(&self.faults);
        faults.retain(|f| !f.is_spent());
        faults
            .iter()
            .find(|f| f.take(method, path))
            .map(|f| f.kind.clone())
    }
}

/// A running in-memory Paperless-ngx test server on 127.0.0.1.
///
/// It answers the REST API the way Paperless-ngx 3.x does where clients depend on it (see the
/// crate documentation for what it implements and where it differs). It is a **test double**:
/// nothing is persisted, there is no OCR and no classifier, every authenticated user may see and
/// change everything.
///
/// Dropping it stops it; [`TestServer::shutdown`] also waits until it has stopped.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), paperless_testkit::StartError> {
/// let server = paperless_testkit::TestServer::start().await?;
/// assert!(server.url().starts_with("http://127.0.0.1:"));
/// assert_eq!(server.token().len(), 40);
/// server.shutdown().await;
/// # Ok(()) }
/// ```
pub struct TestServer {
    url: String,
    addr: SocketAddr,
    token: String,
    shared: Arc<Shared>,
    stop: watch::Sender<bool>,
    task: Option<JoinHandle<()>>,
}

impl TestServer {
    /// Starts an empty server on a free port with one superuser, `admin` (password `admin`),
    /// whose token [`TestServer::token`] returns.
    ///
    /// # Errors
    /// [`StartError::Bind`] when no socket can be bound on 127.0.0.1.
    pub async fn start() -> Result<Self, StartError> {
        Self::builder().start().await
    }

    /// Starts a server with the demo data set ([`TestServerBuilder::demo`]).
    ///
    /// # Errors
    /// As [`TestServer::start`].
    pub async fn demo() -> Result<Self, StartError> {
        Self::builder().demo().start().await
    }

    /// A builder to seed the server before it starts.
    pub fn builder() -> TestServerBuilder {
        TestServerBuilder::new()
    }

    /// The base URL, `http://127.0.0.1:<port>` (no trailing slash).
    #[must_use]
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The socket address the server listens on.
    #[must_use]
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The API token of the first superuser (`admin`): send it as `Authorization: Token <token>`.
    #[must_use]
    pub fn token(&self) -> &str {
        &self.token
    }

    /// The API token of a user, by user name.
    #[must_use]
    pub fn token_for(&self, username: &str) -> Option<String> {
        lock(&self.shared.store)
            .accounts
            .values()
            .find(|a| a.user.username == username)
            .map(|a| a.token.clone())
    }

    /// Injects a fault into the requests `route` matches; faults are checked in the order they
    /// were injected and the first one with uses left applies.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), paperless_testkit::StartError> {
    /// use paperless_testkit::{Fault, Route, TestServer};
    ///
    /// let server = TestServer::start().await?;
    /// let outage = server.inject(Route::get("/api/tags/"), Fault::status(503).times(2));
    /// assert_eq!(outage.remaining(), Some(2));
    /// # Ok(()) }
    /// ```
    pub fn inject(&self, route: Route, fault: Fault) -> FaultHandle {
        let active = Arc::new(ActiveFault::new(route, fault));
        lock(&self.shared.faults).push(Arc::clone(&active));
        FaultHandle { active }
    }

    /// Removes every injected fault.
    pub fn clear_faults(&self) {
        lock(&self.shared.faults).clear();
    }

    /// Delays every response by `delay` from now on (zero switches it off).
    pub fn set_response_delay(&self, delay: Duration) {
        let micros = u64::try_from(delay.as_micros()).unwrap_or(u64::MAX);
        self.shared.delay_micros.store(micros, Ordering::SeqCst);
    }

    /// How busy the server has been: the most requests in flight at once, the most worked on at
    /// once, and how many waited for a worker of the [`ServerCost`] model.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), paperless_testkit::StartError> {
    /// use paperless_testkit::{ServerCost, TestServer};
    ///
    /// let server = TestServer::builder().cost(ServerCost::free().workers(2)).start().await?;
    /// // ... the code under test talks to server.url() ...
    /// assert!(server.load().peak_working <= 2);
    /// # Ok(()) }
    /// ```
    #[must_use]
    pub fn load(&self) -> Load {
        self.shared.cost.load()
    }

    /// How many requests the server has received.
    #[must_use]
    pub fn request_count(&self) -> u64 {
        self.shared.requests.load(Ordering::SeqCst)
    }

    /// The requests received so far (the last 10 000), oldest first, each with the status it was
    /// answered with.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use paperless_testkit::TestServer;
    ///
    /// let server = TestServer::start().await?;
    /// // ... the code under test talks to server.url() ...
    /// let sent: Vec<String> = server.requests().iter().map(ToString::to_string).collect();
    /// assert!(sent.is_empty()); // ["GET /api/tags/?page_size=2", ...] once it has
    /// # Ok(()) }
    /// ```
    #[must_use]
    pub fn requests(&self) -> Vec<RecordedRequest> {
        lock(&self.shared.log).snapshot()
    }

    /// The requests received since the last call (or since the start), oldest first; the log is
    /// empty afterwards. [`TestServer::request_count`] keeps counting.
    #[must_use]
    pub fn take_requests(&self) -> Vec<RecordedRequest> {
        lock(&self.shared.log).take()
    }

    /// Adds `n` generated documents (see [`TestServerBuilder::seed_documents`]).
    pub fn seed_documents(&self, n: usize) {
        seed::seed_documents(&mut lock(&self.shared.store), n);
    }

    /// A document as stored (trashed ones included), without the fields that depend on the
    /// request (`user_can_change`, `versions`, ...).
    #[must_use]
    pub fn document(&self, id: u64) -> Option<Document> {
        lock(&self.shared.store)
            .documents
            .get(&id)
            .map(|d| d.doc.clone())
    }

    /// Every document as stored, by id.
    #[must_use]
    pub fn documents(&self) -> Vec<Document> {
        lock(&self.shared.store)
            .documents
            .values()
            .map(|d| d.doc.clone())
            .collect()
    }

    /// The original file of a document.
    #[must_use]
    pub fn file(&self, id: u64) -> Option<Bytes> {
        lock(&self.shared.store)
            .documents
            .get(&id)
            .map(|d| d.file.clone())
    }

    /// Every task (uploads create one each), oldest first.
    #[must_use]
    pub fn tasks(&self) -> Vec<Task> {
        lock(&self.shared.store).tasks.clone()
    }

    /// Closes every open `/ws/status/` socket without a close frame, as a dropped connection
    /// (clients reconnect).
    pub fn drop_event_sockets(&self) {
        self.shared.hub.drop_sockets();
    }

    /// Ends every browser session (as on logout or expiry) and drops the open sockets: a client
    /// that reconnects is refused with 403.
    pub fn expire_sessions(&self) {
        lock(&self.shared.store).sessions.clear();
        self.shared.hub.drop_sockets();
    }

    /// The number of open `/ws/status/` sockets.
    #[must_use]
    pub fn event_sockets(&self) -> usize {
        self.shared.hub.sockets()
    }

    /// Sends an event to every open `/ws/status/` socket.
    pub fn publish(&self, event: &paperless_types::event::StatusEvent) {
        self.shared.hub.publish(event);
    }

    /// Stops accepting connections, closes the open ones, and waits for the server to stop.
    pub async fn shutdown(mut self) {
        let _ = self.stop.send(true);
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
    }
}

impl fmt::Debug for TestServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TestServer")
            .field("url", &self.url)
            .field("token", &"<redacted>")
            .finish_non_exhaustive()
    }
}

/// Seeds a [`TestServer`] and starts it.
///
/// Objects are `paperless-types` models; an id of 0 means "the next free id". References between
/// objects (a document's tags, a tag's parent) are not checked when seeding.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), paperless_testkit::StartError> {
/// use paperless_testkit::TestServer;
/// use paperless_testkit::types::{TagId, DocumentId, document::Document, tag::Tag};
///
/// let mut tag = Tag::default();
/// tag.id = TagId(1);
/// tag.name = "Invoices".into();
/// let mut doc = Document::new(DocumentId(1));
/// doc.title = Some("Electricity bill".into());
/// doc.content = Some("Total: EUR 42.00".into());
/// doc.tags = vec![TagId(1)];
///
/// let server = TestServer::builder()
///     .user("bob", "secret")
///     .tag(tag)
///     .document(doc)
///     .seed_documents(100)
///     .start()
///     .await?;
/// assert_eq!(server.documents().len(), 101);
/// # Ok(()) }
/// ```
#[must_use = "a builder does nothing until .start() is awaited"]
pub struct TestServerBuilder {
    store: Store,
    demo: bool,
    admin_token: Option<String>,
    delay: Duration,
    cost: ServerCost,
    port: u16,
    bulk: usize,
    consume_step: Duration,
    mfa: Vec<(String, String)>,
    headless_off: bool,
}

impl TestServerBuilder {
    fn new() -> Self {
        Self {
            store: Store::default(),
            demo: false,
            admin_token: None,
            delay: Duration::ZERO,
            cost: ServerCost::free(),
            port: 0,
            bulk: 0,
            consume_step: Duration::ZERO,
            mfa: Vec::new(),
            headless_off: false,
        }
    }

    /// Spaces the `/ws/status/` frames of each upload's consumption by `step` (0 by default: all
    /// sent at once after the answer). With a step, the upload's task reads as `started` until
    /// its last frame is sent, as on a real server while it consumes.
    pub fn consume_step(mut self, step: Duration) -> Self {
        self.consume_step = step;
        self
    }

    /// Gives `username` a second factor: the headless login then asks for `code` (401 with the
    /// `mfa_authenticate` flow pending) before the session is authenticated.
    pub fn mfa_code(mut self, username: &str, code: &str) -> Self {
        self.mfa.push((username.to_owned(), code.to_owned()));
        self
    }

    /// Switches the allauth headless API on (the default) or off (its paths answer 404, as on a
    /// server built without it).
    pub fn headless_api(mut self, enabled: bool) -> Self {
        self.headless_off = !enabled;
        self
    }

    /// Loads the demo data set first: 3 users (`admin`, `alice`, `bob`; see [`DEMO_USERS`](crate::DEMO_USERS)),
    /// 10 tags, 8 correspondents, 6 document types, 4 storage paths, 10 custom fields (every
    /// data type) and 36 documents (one in the trash), modelled on the installation the
    /// Paperless-ngx reference captures were recorded on.
    pub fn demo(mut self) -> Self {
        self.demo = true;
        self
    }

    /// Listens on this port (default 0: any free port).
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// The token of the default `admin` user (default: 40 random hex digits). Ignored with the
    /// demo data set, whose tokens are fixed.
    pub fn admin_token(mut self, token: impl Into<String>) -> Self {
        self.admin_token = Some(token.into());
        self
    }

    /// Adds a user who is not a superuser, with a random token ([`TestServer::token_for`]).
    pub fn user(mut self, username: &str, password: &str) -> Self {
        self.add_user(username, password, false);
        self
    }

    /// Adds a superuser with a random token.
    pub fn superuser(mut self, username: &str, password: &str) -> Self {
        self.add_user(username, password, true);
        self
    }

    fn add_user(&mut self, username: &str, password: &str, superuser: bool) {
        let id = Store::next_id(&self.store.accounts);
        let mut user = User::default();
        user.id = UserId(id);
        user.username = username.to_owned();
        user.is_active = true;
        user.is_superuser = superuser;
        user.is_staff = superuser;
        user.date_joined = Some(crate::util::now());
        self.store.accounts.insert(
            id,
            Account {
                user,
                password: password.to_owned(),
                token: crate::util::random_token(),
            },
        );
    }

    /// Adds a tag.
    pub fn tag(mut self, mut tag: Tag) -> Self {
        if tag.id.0 == 0 {
            tag.id.0 = Store::next_id(&self.store.tags);
        }
        tag.permissions.get_or_insert_with(Permissions::default);
        self.store.tags.insert(tag.id.0, tag);
        self
    }

    /// Adds a correspondent.
    pub fn correspondent(mut self, mut correspondent: Correspondent) -> Self {
        if correspondent.id.0 == 0 {
            correspondent.id.0 = Store::next_id(&self.store.correspondents);
        }
        correspondent
            .permissions
            .get_or_insert_with(Permissions::default);
        self.store
            .correspondents
            .insert(correspondent.id.0, correspondent);
        self
    }

    /// Adds a document type.
    pub fn document_type(mut self, mut document_type: DocumentType) -> Self {
        if document_type.id.0 == 0 {
            document_type.id.0 = Store::next_id(&self.store.document_types);
        }
        document_type
            .permissions
            .get_or_insert_with(Permissions::default);
        self.store
            .document_types
            .insert(document_type.id.0, document_type);
        self
    }

    /// Adds a storage path.
    pub fn storage_path(mut self, mut storage_path: StoragePath) -> Self {
        if storage_path.id.0 == 0 {
            storage_path.id.0 = Store::next_id(&self.store.storage_paths);
        }
        storage_path
            .permissions
            .get_or_insert_with(Permissions::default);
        self.store
            .storage_paths
            .insert(storage_path.id.0, storage_path);
        self
    }

    /// Adds a custom field definition.
    pub fn custom_field(mut self, mut field: CustomField) -> Self {
        if field.id.0 == 0 {
            field.id.0 = Store::next_id(&self.store.custom_fields);
        }
        self.store.custom_fields.insert(field.id.0, field);
        self
    }

    /// Adds a document whose file is its `content` as `text/plain`. Unset dates become now, an
    /// unset `original_file_name` becomes `document_<id>.txt`.
    pub fn document(mut self, document: Document) -> Self {
        seed::add_document(&mut self.store, document, None);
        self
    }

    /// Adds a document with its original file (its `mime_type` should say what the bytes are;
    /// `application/octet-stream` when unset).
    pub fn document_with_file(mut self, document: Document, file: impl Into<Bytes>) -> Self {
        seed::add_document(&mut self.store, document, Some(file.into()));
        self
    }

    /// Adds `n` generated documents shaped like the captured ones, using the tags,
    /// correspondents, document types and storage paths present when the server starts (a few
    /// microseconds each: 20 000 documents take well under a second in a release build).
    pub fn seed_documents(mut self, n: usize) -> Self {
        self.bulk += n;
        self
    }

    /// The API versions the server accepts (default `9..=10`, as Paperless-ngx 3.x); the newest
    /// is sent as `X-Api-Version` and answers requests without a version, any other gets
    /// `406 Invalid version in "Accept" header.` `1..=9` makes it negotiate like a
    /// Paperless-ngx 2.x server (its answers keep the shapes this server has for version 9).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), paperless_testkit::StartError> {
    /// let server = paperless_testkit::TestServer::builder()
    ///     .api_versions(1..=9)
    ///     .release("2.20.15")
    ///     .start()
    ///     .await?;
    /// # drop(server); Ok(()) }
    /// ```
    pub fn api_versions(mut self, versions: std::ops::RangeInclusive<u32>) -> Self {
        self.store.identity.api_versions = versions;
        self
    }

    /// The Paperless-ngx release the server says it is, sent as `X-Version` (default
    /// [`SERVER_VERSION`](crate::SERVER_VERSION), `3.0.5`). A release before 3.0 also answers
    /// as 2.x does where 2.20.15 differs from 3.0.5 (tasks, duplicates, checksums, the 3.x-only
    /// routes: the list is in the crate docs); pair it with [`api_versions`](Self::api_versions)
    /// `(1..=9)`, or use [`paperless_2_20`](Self::paperless_2_20).
    pub fn release(mut self, release: impl Into<String>) -> Self {
        self.store.identity.release = release.into();
        self
    }

    /// Answers as Paperless-ngx 2.20.15: API versions 1 to 9 (10 is a 406), `X-Version:
    /// 2.20.15`, and 2.x's behaviour where it differs from 3.x (see the crate docs).
    ///
    /// ```no_run
    /// # async fn run() -> Result<(), paperless_testkit::StartError> {
    /// let server = paperless_testkit::TestServer::builder().paperless_2_20().demo().start().await?;
    /// # drop(server); Ok(()) }
    /// ```
    pub fn paperless_2_20(self) -> Self {
        self.api_versions(1..=9).release("2.20.15")
    }

    /// Delays every response by `delay` (see [`TestServer::set_response_delay`]).
    pub fn response_delay(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }

    /// Answers as slowly as `cost` says: a time per request and per object, and a limited
    /// number of workers (default [`ServerCost::free`]). For benchmarks that must see what a
    /// real server makes expensive: [`ServerCost::paperless_ngx_3_0_5`].
    pub fn cost(mut self, cost: ServerCost) -> Self {
        self.cost = cost;
        self
    }

    /// Binds 127.0.0.1 and starts serving on the current tokio runtime.
    ///
    /// # Errors
    /// [`StartError::Bind`] when the port cannot be bound; [`StartError::Demo`] if the built-in
    /// demo data set does not parse.
    pub async fn start(self) -> Result<TestServer, StartError> {
        let mut store = self.store;
        if self.demo {
            let mut demo = Store::default();
            seed::load_demo(&mut demo).map_err(StartError::Demo)?;
            // Objects seeded explicitly win over the demo's.
            demo.accounts.extend(std::mem::take(&mut store.accounts));
            demo.tags.extend(std::mem::take(&mut store.tags));
            demo.correspondents
                .extend(std::mem::take(&mut store.correspondents));
            demo.document_types
                .extend(std::mem::take(&mut store.document_types));
            demo.storage_paths
                .extend(std::mem::take(&mut store.storage_paths));
            demo.custom_fields
                .extend(std::mem::take(&mut store.custom_fields));
            demo.documents.extend(std::mem::take(&mut store.documents));
            demo.identity = std::mem::take(&mut store.identity);
            demo.documents_changed();
            store = demo;
        }
        if !store.accounts.values().any(|a| a.user.is_superuser) {
            let id = Store::next_id(&store.accounts);
            let mut user = User::default();
            user.id = UserId(id);
            user.username = "admin".to_owned();
            user.is_active = true;
            user.is_superuser = true;
            user.is_staff = true;
            user.date_joined = Some(crate::util::now());
            store.accounts.insert(
                id,
                Account {
                    user,
                    password: "admin".to_owned(),
                    token: self
                        .admin_token
                        .clone()
                        .unwrap_or_else(crate::util::random_token),
                },
            );
        }
        if self.bulk > 0 {
            seed::seed_documents(&mut store, self.bulk);
        }
        for (username, code) in self.mfa {
            let id = store
                .accounts
                .values()
                .find(|a| a.user.username == username)
                .map(|a| a.user.id.0);
            if let Some(id) = id {
                store.mfa_codes.insert(id, code);
            }
        }
        store.headless_off = self.headless_off;
        let token = store
            .accounts
            .values()
            .find(|a| a.user.is_superuser)
            .map(|a| a.token.clone())
            .unwrap_or_default();

        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, self.port))
            .await
            .map_err(|source| StartError::Bind {
                port: self.port,
                source,
            })?;
        let addr = listener.local_addr().map_err(|source| StartError::Bind {
            port: self.port,
            source,
        })?;
        let url = format!("http://{addr}");
        let shared = Arc::new(Shared {
            store: Mutex::new(store),
            faults: Mutex::new(Vec::new()),
            delay_micros: AtomicU64::new(u64::try_from(self.delay.as_micros()).unwrap_or(u64::MAX)),
            requests: AtomicU64::new(0),
            log: Mutex::new(RequestLog::default()),
            cost: CostModel::new(self.cost),
            url: url.clone(),
            hub: Arc::new(EventHub::new()),
            consume_step: self.consume_step,
        });
        let (stop, stopped) = watch::channel(false);
        let task = tokio::spawn(accept_loop(listener, Arc::clone(&shared), stopped));
        Ok(TestServer {
            url,
            addr,
            token,
            shared,
            stop,
            task: Some(task),
        })
    }
}

impl fmt::Debug for TestServerBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TestServerBuilder")
            .field("demo", &self.demo)
            .field("port", &self.port)
            .field("documents", &self.store.documents.len())
            .field("seed_documents", &self.bulk)
            .field("response_delay", &self.delay)
            .field("cost", &self.cost)
            .finish_non_exhaustive()
    }
}

async fn accept_loop(
    listener: TcpListener,
    shared: Arc<Shared>,
    mut stopped: watch::Receiver<bool>,
) {
    loop {
        let accepted = tokio::select! {
            _ = stopped.changed() => return,
            accepted = listener.accept() => accepted,
        };
        let Ok((stream, _)) = accepted else {
            // Out of file descriptors and the like: wait a moment instead of spinning.
            tokio::time::sleep(Duration::from_millis(5)).await;
            continue;
        };
        let _ = stream.set_nodelay(true);
        let shared = Arc::clone(&shared);
        let mut stopped = stopped.clone();
        tokio::spawn(async move {
            let service = service_fn(move |req| serve(Arc::clone(&shared), req));
            let connection = http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .with_upgrades();
            tokio::select! {
                _ = connection => {}
                _ = stopped.changed() => {}
            }
        });
    }
}

async fn serve(
    shared: Arc<Shared>,
    request: http::Request<hyper::body::Incoming>,
) -> Result<Response<Body>, Infallible> {
    shared.requests.fetch_add(1, Ordering::SeqCst);
    if request.uri().path() == paperless_types::event::STATUS_SOCKET_PATH {
        return Ok(status_socket(&shared, request));
    }
    let (parts, body) = request.into_parts();
    let body = body
        .collect()
        .await
        .map(|c| c.to_bytes())
        .unwrap_or_default();
    let origin = parts
        .headers
        .get(HOST)
        .and_then(|h| h.to_str().ok())
        .map_or_else(|| shared.url.clone(), |h| format!("http://{h}"));
    let raw_query = parts.uri.query().unwrap_or_default().to_owned();
    let incoming = Incoming {
        method: parts.method,
        path: parts.uri.path().to_owned(),
        query: Query::parse(&raw_query),
        headers: parts.headers,
        body,
        origin,
    };
    let response = answer(&shared, &incoming).await;
    let events = std::mem::take(&mut lock(&shared.store).pending_events);
    if !events.is_empty() {
        consumption(&shared, events);
    }
    let accept = incoming
        .headers
        .get(http::header::ACCEPT)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
    lock(&shared.log).push(RecordedRequest {
        method: incoming.method,
        path: incoming.path,
        query: raw_query,
        body: incoming.body,
        accept,
        status: response.status().as_u16(),
    });
    Ok(response)
}

/// `/ws/status/`: the upgrade (for an authenticated session cookie), recorded in the request log.
fn status_socket(shared: &Shared, request: http::Request<hyper::body::Incoming>) -> Response<Body> {
    let user = crate::session::session_user(&lock(&shared.store), request.headers());
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let response = crate::events::upgrade(&shared.hub, user, request);
    lock(&shared.log).push(RecordedRequest {
        method,
        path,
        query: String::new(),
        body: Bytes::new(),
        accept: None,
        status: response.status().as_u16(),
    });
    response.map(|()| {
        Full::new(Bytes::new())
            .map_err(|never: Infallible| match never {})
            .boxed()
    })
}

/// Plays the frames of the consumptions a request started. With a consume step, each task reads
/// as started until its last frame, when it becomes what the upload recorded.
fn consumption(shared: &Arc<Shared>, events: Vec<paperless_types::event::StatusEvent>) {
    use paperless_types::event::StatusEvent;
    use paperless_types::task::TaskStatus;
    let mut groups: Vec<(Option<String>, Vec<StatusEvent>)> = Vec::new();
    for event in events {
        let task = match &event {
            StatusEvent::StatusUpdate(u) => u.task_id.as_ref().map(|t| t.0.clone()),
            _ => None,
        };
        match groups.last_mut() {
            Some((t, group)) if *t == task => group.push(event),
            _ => groups.push((task, vec![event])),
        }
    }
    for (task, group) in groups {
        let mut finished = None;
        if !shared.consume_step.is_zero() {
            let mut store = lock(&shared.store);
            if let Some(t) = store
                .tasks
                .iter_mut()
                .find(|t| Some(&t.task_id.0) == task.as_ref())
            {
                finished = Some(t.clone());
                t.status = TaskStatus::Started;
                t.status_display = Some("Started".to_owned());
                t.date_done = None;
                t.result_data = None;
                t.related_document_ids.clear();
            }
        }
        let store = Arc::clone(shared);
        crate::events::play(
            Arc::clone(&shared.hub),
            group,
            shared.consume_step,
            move || {
                if let Some(mut done) = finished {
                    // The task finished now, when its last frame goes out.
                    done.date_done = Some(crate::util::now());
                    let mut store = lock(&store.store);
                    if let Some(t) = store.tasks.iter_mut().find(|t| t.task_id == done.task_id) {
                        *t = done;
                    }
                }
            },
        );
    }
}

/// The response to one request: the global delay, an injected fault, or the API's answer
/// (after the cost model's wait).
async fn answer(shared: &Shared, incoming: &Incoming) -> Response<Body> {
    let _in_flight = shared.cost.arrive();
    let delay = shared.delay_micros.load(Ordering::SeqCst);
    if delay > 0 {
        tokio::time::sleep(Duration::from_micros(delay)).await;
    }
    let fault = shared.take_fault(&incoming.method, &incoming.path);
    match &fault {
        Some(FaultKind::Delay(d)) => tokio::time::sleep(*d).await,
        Some(FaultKind::Status(status)) => {
            let status = StatusCode::from_u16(*status).unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
            let detail = format!(
                "{} (fault injected by paperless-testkit)",
                status.canonical_reason().unwrap_or("Error")
            );
            return respond(Reply::detail(status, &detail));
        }
        Some(FaultKind::TooManyRequests { retry_after_secs }) => {
            let reply = Reply::detail(
                StatusCode::TOO_MANY_REQUESTS,
                &format!(
                    "Request was throttled. Expected available in {retry_after_secs} seconds."
                ),
            )
            .header(RETRY_AFTER, HeaderValue::from(*retry_after_secs));
            return respond(reply);
        }
        Some(FaultKind::BadGatewayHtml) => {
            let page = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
            return respond(Reply::bytes(
                StatusCode::BAD_GATEWAY,
                "text/html",
                Bytes::from_static(page.as_bytes()),
            ));
        }
        _ => {}
    }

    let reply = shared
        .cost
        .serve(|| {
            let reply = api::handle(&mut lock(&shared.store), incoming);
            let objects = reply.objects;
            (reply, objects)
        })
        .await;
    match fault {
        Some(FaultKind::DropMidBody) => drop_mid_body(reply),
        Some(FaultKind::MalformedJson) => {
            let half = reply.body.slice(..reply.body.len() / 2);
            let mut reply = Reply {
                body: if half.is_empty() {
                    Bytes::from_static(b"{\"count\": ")
                } else {
                    half
                },
                ..reply
            };
            reply.headers.retain(|(name, _)| name != CONTENT_TYPE);
            reply
                .headers
                .push((CONTENT_TYPE, HeaderValue::from_static("application/json")));
            respond(reply)
        }
        _ => respond(reply),
    }
}

/// The response for a reply.
fn respond(reply: Reply) -> Response<Body> {
    let mut response = Response::new(
        Full::new(reply.body)
            .map_err(|never: Infallible| match never {})
            .boxed(),
    );
    *response.status_mut() = reply.status;
    for (name, value) in reply.headers {
        response.headers_mut().append(name, value);
    }
    response
}

/// The reply's status and headers with its full `Content-Length`, then half its body, then an
/// error, which makes hyper close the connection.
fn drop_mid_body(reply: Reply) -> Response<Body> {
    let total = reply.body.len();
    let half = reply.body.slice(..total / 2);
    // Pause before failing so that the head and the first half really leave the socket.
    let frames = futures_util::stream::once(async move { Ok(Frame::data(half)) }).chain(
        futures_util::stream::once(async {
            tokio::time::sleep(Duration::from_millis(20)).await;
            Err(std::io::Error::other(
                "connection dropped mid-body by paperless-testkit fault injection",
            ))
        }),
    );
    let mut response = Response::new(BodyExt::boxed(StreamBody::new(frames)));
    *response.status_mut() = reply.status;
    for (name, value) in reply.headers {
        response.headers_mut().append(name, value);
    }
    response
        .headers_mut()
        .insert(CONTENT_LENGTH, HeaderValue::from(total));
    response
}
