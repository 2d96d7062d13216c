//! [`Body`]: the request body every layer of the stack carries.

use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use http_body::{Frame, SizeHint};
use http_body_util::{BodyExt, Full, combinators::UnsyncBoxBody};

use crate::BoxError;

/// A request body: either buffered (JSON, forms, small uploads), which can be cloned and so
/// resent by the retry layer, or streaming (a large file), which is sent once and never retried.
#[derive(Debug)]
pub struct Body {
    kind: Kind,
}

enum Kind {
    Full(Full<Bytes>),
    Stream(UnsyncBoxBody<Bytes, BoxError>),
}

impl std::fmt::Debug for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Full(b) => f
                .debug_tuple("Full")
                .field(&http_body::Body::size_hint(b).exact())
                .finish(),
            Self::Stream(_) => f.write_str("Stream"),
        }
    }
}

impl Body {
    /// An empty buffered body.
    #[must_use]
    pub fn empty() -> Self {
        Self::from(Bytes::new())
    }

    /// A streaming body from any `http_body::Body` of `Bytes`. It cannot be replayed, so a
    /// request carrying it is never retried.
    pub fn from_stream<B>(body: B) -> Self
    where
        B: http_body::Body<Data = Bytes> + Send + 'static,
        B::Error: Into<BoxError>,
    {
        Self {
            kind: Kind::Stream(body.map_err(Into::into).boxed_unsync()),
        }
    }

    /// A copy of a buffered body; `None` for a streaming one.
    #[must_use]
    pub fn try_clone(&self) -> Option<Self> {
        match &self.kind {
            Kind::Full(b) => Some(Self {
                kind: Kind::Full(b.clone()),
            }),
            Kind::Stream(_) => None,
        }
    }

    /// Whether this body is buffered (and so can be resent).
    #[must_use]
    pub fn is_buffered(&self) -> bool {
        matches!(self.kind, Kind::Full(_))
    }
}

impl Default for Body {
    fn default() -> Self {
        Self::empty()
    }
}

impl From<Bytes> for Body {
    fn from(bytes: Bytes) -> Self {
        Self {
            kind: Kind::Full(Full::new(bytes)),
        }
    }
}

impl From<Vec<u8>> for Body {
    fn from(bytes: Vec<u8>) -> Self {
        Self::from(Bytes::from(bytes))
    }
}

impl From<String> for Body {
    fn from(s: String) -> Self {
        Self::from(Bytes::from(s))
    }
}

impl From<&'static str> for Body {
    fn from(s: &'static str) -> Self {
        Self::from(Bytes::from_static(s.as_bytes()))
    }
}

impl http_body::Body for Body {
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Self::Data>, Self::Error>>> {
        match &mut self.get_mut().kind {
            Kind::Full(b) => Pin::new(b).poll_frame(cx).map_err(|never| match never {}),
            Kind::Stream(b) => Pin::new(b).poll_frame(cx),
        }
    }

    fn is_end_stream(&self) -> bool {
        match &self.kind {
            Kind::Full(b) => b.is_end_stream(),
            Kind::Stream(b) => b.is_end_stream(),
        }
    }

    fn size_hint(&self) -> SizeHint {
        match &self.kind {
            Kind::Full(b) => b.size_hint(),
            Kind::Stream(b) => b.size_hint(),
        }
    }
}
