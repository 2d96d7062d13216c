//! [`Query`]: ordered query pairs, encoded with `form_urlencoded` in a stable order.

use std::borrow::Cow;
use std::collections::BTreeSet;

/// Query pairs in the order they were first set. Setting a key again replaces its value in
/// place, so the encoded string does not depend on how often a builder method was called.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Query {
    pairs: Vec<(Cow<'static, str>, String)>,
}

/// The page-number parameter of Paperless-ngx's paginator.
pub(crate) const PAGE: &str = "page";
/// The page-size parameter of Paperless-ngx's paginator.
pub(crate) const PAGE_SIZE: &str = "page_size";

impl Query {
    /// Sets `key` to `value`, replacing an earlier value of `key` in place.
    pub(crate) fn set(&mut self, key: impl Into<Cow<'static, str>>, value: impl Into<String>) {
        let key = key.into();
        let value = value.into();
        match self.pairs.iter_mut().find(|(k, _)| *k == key) {
            Some(pair) => pair.1 = value,
            None => self.pairs.push((key, value)),
        }
    }

    /// The value of `key`, if set.
    pub(crate) fn get(&self, key: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The pairs, in the order they were first set.
    pub(crate) fn pairs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.pairs.iter().map(|(k, v)| (k.as_ref(), v.as_str()))
    }

    /// Removes `key`.
    pub(crate) fn remove(&mut self, key: &str) {
        self.pairs.retain(|(k, _)| k != key);
    }

    /// A number-valued key, if set and numeric.
    pub(crate) fn get_u64(&self, key: &str) -> Option<u64> {
        self.get(key).and_then(|v| v.parse().ok())
    }

    /// `application/x-www-form-urlencoded`, without the leading `?`.
    pub(crate) fn encode(&self) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        for (k, v) in &self.pairs {
            out.append_pair(k, v);
        }
        out.finish()
    }
}

/// The value of `key` in an encoded query string.
pub(crate) fn query_value(query: &str, key: &str) -> Option<String> {
    form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.into_owned())
}

/// A canonical form of a path and query, for telling whether two links name the same page when
/// their parameters come in a different order: the path plus the sorted decoded pairs.
pub(crate) fn canonical(path_and_query: &str) -> (String, BTreeSet<(String, String)>) {
    let (path, query) = path_and_query
        .split_once('?')
        .unwrap_or((path_and_query, ""));
    let pairs = form_urlencoded::parse(query.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    (path.to_owned(), pairs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_first_insertion_order_and_replaces_in_place() {
        let mut q = Query::default();
        q.set("name__icontains", "a&b c");
        q.set(PAGE_SIZE, "2");
        q.set("id__in", "3,7");
        q.set("name__icontains", "x");
        assert_eq!(q.encode(), "name__icontains=x&page_size=2&id__in=3%2C7");
        q.remove(PAGE_SIZE);
        q.set(PAGE, "2");
        assert_eq!(q.encode(), "name__icontains=x&id__in=3%2C7&page=2");
        assert_eq!(q.get_u64(PAGE), Some(2));
    }

    #[test]
    fn canonical_ignores_parameter_order_and_encoding() {
        assert_eq!(
            canonical("/api/tags/?page=2&page_size=2"),
            canonical("/api/tags/?page_size=2&page=2")
        );
        assert_eq!(
            canonical("/api/tags/?q=a%20b"),
            canonical("/api/tags/?q=a+b")
        );
        assert_ne!(
            canonical("/api/tags/?page=2"),
            canonical("/api/tags/?page=3")
        );
        assert_eq!(
            query_value("page=3&page_size=2", PAGE).as_deref(),
            Some("3")
        );
    }
}
