//! [`BaseUrlLayer`]: turns origin-form request URIs into absolute ones on the configured base URL.

use std::task::{Context, Poll};

use http::Request;

use crate::{BaseUrl, BoxError};

/// A layer that joins each request's origin-form URI (`/api/tags/?page=2`) onto a [`BaseUrl`]
/// (`https://host/paperless/api/tags/?page=2`). Requests that already carry an absolute URI are
/// passed through unchanged.
#[derive(Debug, Clone)]
pub struct BaseUrlLayer {
    base: BaseUrl,
}

impl BaseUrlLayer {
    /// A layer joining request paths onto `base`.
    #[must_use]
    pub fn new(base: BaseUrl) -> Self {
        Self { base }
    }
}

impl<S> tower::Layer<S> for BaseUrlLayer {
    type Service = BaseUrlService<S>;
    fn layer(&self, inner: S) -> Self::Service {
        BaseUrlService {
            inner,
            base: self.base.clone(),
        }
    }
}

/// The service produced by [`BaseUrlLayer`].
#[derive(Debug, Clone)]
pub struct BaseUrlService<S> {
    inner: S,
    base: BaseUrl,
}

impl<S, B> tower::Service<Request<B>> for BaseUrlService<S>
where
    S: tower::Service<Request<B>>,
    S::Error: Into<BoxError>,
{
    type Response = S::Response;
    type Error = BoxError;
    type Future = futures_util::future::Either<
        futures_util::future::MapErr<S::Future, fn(S::Error) -> BoxError>,
        std::future::Ready<Result<S::Response, BoxError>>,
    >;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx).map_err(Into::into)
    }

    fn call(&mut self, mut req: Request<B>) -> Self::Future {
        use futures_util::TryFutureExt;
        if req.uri().scheme().is_none() {
            let pq = req.uri().path_and_query().map_or("/", |pq| pq.as_str());
            match self.base.join(pq) {
                Ok(uri) => *req.uri_mut() = uri,
                Err(e) => {
                    return futures_util::future::Either::Right(std::future::ready(Err(e.into())));
                }
            }
        }
        futures_util::future::Either::Left(
            self.inner
                .call(req)
                .map_err(Into::into as fn(S::Error) -> BoxError),
        )
    }
}
