//! The full-text search (`query=`) and "more like this" (`more_like_id=`) of the document list:
//! a plain word match standing in for the server's Whoosh index.

use std::collections::HashSet;

use paperless_types::document::SearchHit;

use crate::store::{Store, StoredDocument};

/// Lower-case words of a text.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// A simple full-text search: every term must occur in the title, content or notes; the score
/// counts occurrences (title words twice). `field:value` terms search for `value`; `AND`, `OR`,
/// `NOT` and range syntax are ignored.
pub(super) fn search(store: &mut Store, query: &str) -> Vec<(u64, SearchHit)> {
    let terms: Vec<String> = query
        .split_whitespace()
        .filter(|t| !matches!(*t, "AND" | "OR" | "NOT"))
        .map(|t| t.rsplit_once(':').map_or(t, |(_, v)| v))
        .flat_map(words)
        .filter(|t| !t.is_empty() && t.chars().any(char::is_alphanumeric))
        .filter(|t| t != "to")
        .collect();
    if terms.is_empty() {
        return Vec::new();
    }
    let order = store.document_order();
    let mut scored: Vec<(u64, f64, String, Option<String>)> = Vec::new();
    for id in order {
        let Some(stored) = store.live_document(id) else {
            continue;
        };
        let doc = &stored.doc;
        let title = words(doc.title());
        let content_text = doc.content.as_deref().unwrap_or_default();
        let content = words(content_text);
        let notes_text: Vec<&str> = doc.notes.iter().map(|n| n.note.as_str()).collect();
        let notes = words(&notes_text.join(" "));
        let mut score = 0.0;
        let mut all = true;
        for term in &terms {
            let count = |ws: &[String]| ws.iter().filter(|w| *w == term).count() as f64;
            let s = 2.0 * count(&title) + count(&content) + count(&notes);
            if s == 0.0 {
                all = false;
                break;
            }
            score += s;
        }
        if all {
            let highlights = highlight(content_text, &terms);
            let joined = notes_text.join(" ");
            let note_highlights = notes
                .iter()
                .any(|w| terms.contains(w))
                .then(|| highlight(&joined, &terms));
            scored.push((id, score, highlights, note_highlights));
        }
    }
    scored.sort_by(|a, b| b.1.partial_cmp(&a.1).unwrap_or(std::cmp::Ordering::Equal));
    scored
        .into_iter()
        .enumerate()
        .map(|(rank, (id, score, highlights, note_highlights))| {
            let mut hit = SearchHit::new(score, rank as u64 + 1);
            hit.highlights = highlights;
            hit.note_highlights = note_highlights;
            (id, hit)
        })
        .collect()
}

/// An excerpt of `text` around the first term, HTML-escaped, with the terms in `<b>`.
fn highlight(text: &str, terms: &[String]) -> String {
    let lower = text.to_lowercase();
    let first = terms
        .iter()
        .filter_map(|t| lower.find(t.as_str()))
        .min()
        .unwrap_or(0);
    let start = text
        .char_indices()
        .map(|(i, _)| i)
        .filter(|i| *i <= first)
        .rev()
        .nth(60)
        .unwrap_or(0);
    let excerpt: String = text
        .get(start..)
        .unwrap_or_default()
        .chars()
        .take(200)
        .collect();
    let mut out = String::new();
    for (i, piece) in excerpt
        .split_inclusive(|c: char| !c.is_alphanumeric())
        .enumerate()
    {
        let _ = i;
        let (word, rest) = piece
            .char_indices()
            .find(|(_, c)| !c.is_alphanumeric())
            .map_or((piece, ""), |(j, _)| {
                (
                    piece.get(..j).unwrap_or(piece),
                    piece.get(j..).unwrap_or(""),
                )
            });
        if terms.contains(&word.to_lowercase()) {
            out.push_str("<b>");
            out.push_str(&escape(word));
            out.push_str("</b>");
        } else {
            out.push_str(&escape(word));
        }
        out.push_str(&escape(rest));
    }
    out
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Documents sharing words of four letters or more with `target`, most shared first.
pub(super) fn more_like(store: &mut Store, target: &StoredDocument) -> Vec<(u64, SearchHit)> {
    let text = format!(
        "{} {}",
        target.doc.title(),
        target.doc.content.as_deref().unwrap_or_default()
    );
    let keys: HashSet<String> = words(&text)
        .into_iter()
        .filter(|w| w.chars().count() >= 4)
        .collect();
    let target_id = target.doc.id.0;
    let order = store.document_order();
    let mut scored: Vec<(u64, usize)> = order
        .into_iter()
        .filter(|id| *id != target_id)
        .filter_map(|id| {
            let d = store.live_document(id)?;
            let text = format!(
                "{} {}",
                d.doc.title(),
                d.doc.content.as_deref().unwrap_or_default()
            );
            let shared: HashSet<String> = words(&text)
                .into_iter()
                .filter(|w| keys.contains(w))
                .collect();
            (!shared.is_empty()).then_some((id, shared.len()))
        })
        .collect();
    scored.sort_by_key(|s| std::cmp::Reverse(s.1));
    scored
        .into_iter()
        .enumerate()
        .map(|(rank, (id, shared))| (id, SearchHit::new(shared as f64, rank as u64 + 1)))
        .collect()
}
