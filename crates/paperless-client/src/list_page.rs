//! [`ListPage`], one page of a list's results.

use std::ops::Deref;

use paperless_types::Page;

/// One page of a list: the server's [`Page`] (through `Deref`: `count`, `next`, `previous`,
/// `results`, and `all` on API v9) plus its page number.
#[derive(Debug, Clone, PartialEq)]
pub struct ListPage<T> {
    page: Page<T>,
    number: u64,
    page_size: Option<u64>,
}

impl<T> ListPage<T> {
    pub(crate) fn new(page: Page<T>, number: u64, requested_size: Option<u64>) -> Self {
        // Without a requested size, a page followed by another one is full: its length is the size.
        let page_size =
            requested_size.or_else(|| page.next.as_ref().map(|_| page.results.len() as u64));
        Self {
            page,
            number,
            page_size,
        }
    }

    /// This page's number, from 1.
    #[must_use]
    pub fn number(&self) -> u64 {
        self.number
    }

    /// The page size: as requested, or else the length of this page when another page follows.
    /// `None` for a last page fetched without an explicit size.
    #[must_use]
    pub fn page_size(&self) -> Option<u64> {
        self.page_size
    }

    /// How many pages the list has (at least 1), when the page size is known.
    #[must_use]
    pub fn page_count(&self) -> Option<u64> {
        if self.page.next.is_none() {
            return Some(self.number.max(1));
        }
        let size = self.page_size.filter(|s| *s > 0)?;
        Some(self.page.count.div_ceil(size).max(1))
    }

    /// The number of the next page, when the server says there is one (and this page is not
    /// numbered `u64::MAX`).
    #[must_use]
    pub fn next_page(&self) -> Option<u64> {
        self.page
            .next
            .as_ref()
            .and_then(|_| self.number.checked_add(1))
    }

    /// The objects on this page, in server order.
    #[must_use]
    pub fn items(&self) -> &[T] {
        &self.page.results
    }

    /// The objects on this page, in server order.
    #[must_use]
    pub fn into_items(self) -> Vec<T> {
        self.page.results
    }

    /// The server's page envelope.
    #[must_use]
    pub fn into_page(self) -> Page<T> {
        self.page
    }
}

impl<T> Deref for ListPage<T> {
    type Target = Page<T>;

    fn deref(&self) -> &Page<T> {
        &self.page
    }
}

impl<T> IntoIterator for ListPage<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;

    fn into_iter(self) -> Self::IntoIter {
        self.page.results.into_iter()
    }
}

impl<'a, T> IntoIterator for &'a ListPage<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.page.results.iter()
    }
}

#[doc(hidden)]
impl<T> From<ListPage<T>> for Page<T> {
    fn from(page: ListPage<T>) -> Self {
        page.page
    }
}
