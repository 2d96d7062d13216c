//! `GET /api/documents/{id}/suggestions/`: the objects whose matching rule matches a document's
//! content ([`crate::matching`]) and the dates in it ([`crate::dates`]).

use chrono::NaiveDate;
use paperless_types::document::{Document, Suggestions};
use paperless_types::matching::MatchingAlgorithm;

use crate::dates::find_dates;
use crate::http::Reply;
use crate::matching::matches;
use crate::store::Store;
use crate::util::today;

/// How many dates the server suggests (`PAPERLESS_NUMBER_OF_SUGGESTED_DATES`, default 3).
const SUGGESTED_DATES: usize = 3;

/// `GET /api/documents/{id}/suggestions/`: the correspondents, tags, document types and
/// storage paths whose matching rule matches the content (in name order, as the server lists
/// them), and up to three dates found in the content, ascending.
pub(super) fn suggestions(store: &Store, id: u64) -> Reply {
    let Some(stored) = store.live_document(id) else {
        return Reply::no_match("Document");
    };
    Reply::ok(&suggest(store, &stored.doc))
}

/// One matching rule: the object's name, `match`, algorithm, case-insensitivity and id.
type Rule<'a> = (&'a str, &'a str, MatchingAlgorithm, bool, u64);

/// The ids of the objects whose rule matches, ordered by lower-case name like the server's
/// querysets.
fn matching<'a>(rules: impl Iterator<Item = Rule<'a>>, content: &str) -> Vec<u64> {
    let mut hits: Vec<(String, u64)> = rules
        .filter(|(_, pattern, algorithm, insensitive, _)| {
            matches(pattern, algorithm, *insensitive, content)
        })
        .map(|(name, _, _, _, id)| (name.to_lowercase(), id))
        .collect();
    hits.sort();
    hits.into_iter().map(|(_, id)| id).collect()
}

fn suggest(store: &Store, doc: &Document) -> Suggestions {
    let content = doc.content.as_deref().unwrap_or_default();
    let mut out = Suggestions::default();
    out.correspondents = matching(
        store.correspondents.values().map(|c| {
            let (name, pattern) = (c.name.as_str(), c.r#match.as_str());
            (
                name,
                pattern,
                c.matching_algorithm,
                c.is_insensitive,
                c.id.0,
            )
        }),
        content,
    )
    .into_iter()
    .map(paperless_types::CorrespondentId)
    .collect();
    out.tags = matching(
        store.tags.values().map(|t| {
            let (name, pattern) = (t.name.as_str(), t.r#match.as_str());
            (
                name,
                pattern,
                t.matching_algorithm,
                t.is_insensitive,
                t.id.0,
            )
        }),
        content,
    )
    .into_iter()
    .map(paperless_types::TagId)
    .collect();
    out.document_types = matching(
        store.document_types.values().map(|t| {
            let (name, pattern) = (t.name.as_str(), t.r#match.as_str());
            (
                name,
                pattern,
                t.matching_algorithm,
                t.is_insensitive,
                t.id.0,
            )
        }),
        content,
    )
    .into_iter()
    .map(paperless_types::DocumentTypeId)
    .collect();
    out.storage_paths = matching(
        store.storage_paths.values().map(|s| {
            let (name, pattern) = (s.name.as_str(), s.r#match.as_str());
            (
                name,
                pattern,
                s.matching_algorithm,
                s.is_insensitive,
                s.id.0,
            )
        }),
        content,
    )
    .into_iter()
    .map(paperless_types::StoragePathId)
    .collect();
    let mut dates: Vec<NaiveDate> = find_dates(content, today())
        .into_iter()
        .take(SUGGESTED_DATES)
        .collect();
    dates.sort_unstable();
    dates.dedup();
    out.dates = dates;
    out
}
