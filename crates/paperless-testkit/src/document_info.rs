//! What the server tells about one document besides the document itself:
//! `GET /api/documents/{id}/metadata/` and `GET /api/documents/{id}/suggestions/`.
//!
//! Suggestions follow Paperless-ngx's `documents/matching.py` for every matching algorithm but
//! the classifier's (any, all, literal, regular expressions with the common syntax; fuzzy as an
//! exact partial match), and its date parser for the common English date forms.

use chrono::{Datelike, NaiveDate};
use paperless_types::document::{Document, DocumentMetadata, Suggestions};
use paperless_types::matching::MatchingAlgorithm;

use crate::context::Ctx;
use crate::http::Reply;
use crate::store::{Store, StoredDocument};
use crate::util::today;

/// How many dates the server suggests (`PAPERLESS_NUMBER_OF_SUGGESTED_DATES`, default 3).
const SUGGESTED_DATES: usize = 3;

/// `GET /api/documents/{id}/metadata/` (`?version=` names a file version; documents here have
/// one, themselves).
pub(crate) fn metadata(ctx: &Ctx<'_>, store: &Store, id: u64) -> Reply {
    let Some(stored) = store.live_document(id) else {
        return Reply::no_match("Document");
    };
    if let Some(version) = ctx.req.query.get("version")
        && version.parse::<u64>().ok() != Some(id)
    {
        return Reply::no_match("Document");
    }
    Reply::ok(&describe(stored))
}

/// The metadata of a stored document: its one original file, no archive version.
fn describe(stored: &StoredDocument) -> DocumentMetadata {
    let doc = &stored.doc;
    let extension = doc
        .original_file_name
        .as_deref()
        .and_then(|name| name.rsplit_once('.'))
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .unwrap_or_else(|| "bin".to_owned());
    let mut meta = DocumentMetadata::default();
    meta.original_checksum = Some(stored.checksum.clone());
    meta.original_size = Some(stored.file.len() as u64);
    meta.original_mime_type = doc.mime_type.clone();
    // The default FILENAME_FORMAT: the zero-padded id and the original's extension.
    meta.media_filename = Some(format!("{:07}.{extension}", doc.id.0));
    meta.has_archive_version = false;
    // The server reads embedded metadata with the parser of the MIME type; there is no parser
    // here, which is what the server answers for plain text.
    meta.original_metadata = Some(Vec::new());
    meta.original_filename = doc.original_file_name.clone();
    // The server detects the language and answers "en" when detection fails.
    meta.lang = Some("en".to_owned());
    meta
}

/// `GET /api/documents/{id}/suggestions/`: the correspondents, tags, document types and
/// storage paths whose matching rule matches the content (in name order, as the server lists
/// them), and up to three dates found in the content, ascending.
pub(crate) fn suggestions(store: &Store, id: u64) -> Reply {
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

/// Whether an object's matching rule matches `content` (`documents.matching.matches`). The
/// classifier (`auto`) is not evaluated: it never matches here.
pub(crate) fn matches(
    pattern: &str,
    algorithm: &MatchingAlgorithm,
    insensitive: bool,
    content: &str,
) -> bool {
    if pattern.trim().is_empty() {
        return false;
    }
    let search = |regex: &str| crate::python_re::search(regex, insensitive, content);
    // `\bword\b`, a quoted phrase's words joined by `\s+`, as the server builds them.
    let term = |parts: &Vec<String>| {
        let escaped: Vec<String> = parts.iter().map(|p| regex::escape(p)).collect();
        format!(r"\b{}\b", escaped.join(r"\s+"))
    };
    match algorithm {
        MatchingAlgorithm::Any => split_match(pattern).iter().any(|t| search(&term(t))),
        MatchingAlgorithm::All => split_match(pattern).iter().all(|t| search(&term(t))),
        // The whole text, spaces included, between word boundaries.
        MatchingAlgorithm::Literal => search(&format!(r"\b{}\b", regex::escape(pattern))),
        MatchingAlgorithm::Regex => search(pattern),
        MatchingAlgorithm::Fuzzy => {
            // The server accepts a partial ratio of 90 or more; an exact partial match (ratio
            // 100) is the part of that this test double implements. Both sides lose what is
            // not `\w` or `\s`, and are lower-cased for a case-insensitive rule.
            let strip = |text: &str| -> String {
                let kept = text.chars().filter(|c| is_word(*c) || c.is_whitespace());
                if insensitive {
                    kept.flat_map(char::to_lowercase).collect()
                } else {
                    kept.collect()
                }
            };
            let needle = strip(pattern);
            !needle.is_empty() && strip(content).contains(&needle)
        }
        _ => false,
    }
}

/// `_split_match`: the words of `match`, a `"quoted phrase"` counting as one; each term as its
/// whitespace-separated parts (any run of whitespace matches between them).
fn split_match(pattern: &str) -> Vec<Vec<String>> {
    let mut terms = Vec::new();
    let mut rest = pattern;
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            break;
        }
        let quoted = rest
            .strip_prefix('"')
            .and_then(|after| after.find('"').map(|end| (after, end)))
            .filter(|(_, end)| *end > 0);
        let term = if let Some((after, end)) = quoted {
            let (inside, tail) = after.split_at(end);
            rest = tail.get(1..).unwrap_or_default();
            inside
        } else {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let (word, tail) = rest.split_at(end);
            rest = tail;
            word
        };
        let parts: Vec<String> = term.split_whitespace().map(str::to_owned).collect();
        if !parts.is_empty() {
            terms.push(parts);
        }
    }
    terms
}

/// Python's `\w` for one character.
fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// English month names and their three-letter abbreviations.
const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn month_number(word: &str) -> Option<u32> {
    let word = word.to_lowercase();
    let word = word.trim_end_matches('.');
    MONTHS
        .iter()
        .position(|m| {
            *m == word
                || (word.len() == 3 && m.starts_with(word))
                || (word == "sept" && *m == "september")
        })
        .and_then(|i| u32::try_from(i + 1).ok())
}

/// A token of the date scanner: a run of digits, a run of letters, or one other character.
#[derive(Debug, Clone, PartialEq)]
enum Token {
    Number(String),
    Word(String),
    Other(char),
}

fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() {
            let mut run = String::from(c);
            while let Some(d) = chars.peek().copied().filter(char::is_ascii_digit) {
                run.push(d);
                chars.next();
            }
            tokens.push(Token::Number(run));
        } else if c.is_alphabetic() {
            let mut run = String::from(c);
            while let Some(d) = chars.peek().copied().filter(|d| d.is_alphabetic()) {
                run.push(d);
                chars.next();
            }
            tokens.push(Token::Word(run));
        } else {
            tokens.push(Token::Other(c));
        }
    }
    tokens
}

/// The dates in a text, in the order they appear, in the forms Paperless-ngx's date parser
/// finds (day first for numeric dates, as with the default `PAPERLESS_DATE_ORDER=DMY`):
/// `2025-01-05`, `05.01.2025`, `5/1/2025`, `5 January 2025`, `5. Jan 2025`, `January 5, 2025`
/// and `January 2025` (the first of the month). Dates after `today` or in 1900 and before are
/// left out, as the server does.
pub(crate) fn find_dates(text: &str, today: NaiveDate) -> Vec<NaiveDate> {
    let tokens = tokenize(text);
    let number = |i: usize, digits: &[usize]| -> Option<u32> {
        match tokens.get(i) {
            Some(Token::Number(n)) if digits.contains(&n.len()) => n.parse().ok(),
            _ => None,
        }
    };
    let sep = |i: usize| matches!(tokens.get(i), Some(Token::Other('.' | '/' | '-')));
    let space = |i: usize| matches!(tokens.get(i), Some(Token::Other(' ')));
    let month = |i: usize| match tokens.get(i) {
        Some(Token::Word(w)) => month_number(w),
        _ => None,
    };
    // A date must not continue into more digits or letters.
    let ends = |i: usize| !matches!(tokens.get(i), Some(Token::Number(_) | Token::Word(_)));
    let starts =
        |i: usize| i == 0 || !matches!(tokens.get(i - 1), Some(Token::Number(_) | Token::Word(_)));

    let mut found = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let attempt: Option<(i32, u32, u32, usize)> = starts(i)
            .then(|| {
                // 05.01.2025, 5/1/2025, 05-01-2025
                let dmy = (|| {
                    let (d, m) = (number(i, &[1, 2])?, number(i + 2, &[1, 2])?);
                    let y = number(i + 4, &[4])?;
                    (sep(i + 1) && sep(i + 3) && ends(i + 5)).then_some((y as i32, m, d, i + 5))
                })();
                // 2025-01-05, 2025.01.05, 2025/01/05
                let ymd = || {
                    let y = number(i, &[4])?;
                    let (m, d) = (number(i + 2, &[1, 2])?, number(i + 4, &[1, 2])?);
                    (sep(i + 1) && sep(i + 3) && ends(i + 5)).then_some((y as i32, m, d, i + 5))
                };
                // 5 January 2025, 5. Jan 2025
                let day_month = || {
                    let d = number(i, &[1, 2])?;
                    let mut j = i + 1;
                    if matches!(tokens.get(j), Some(Token::Other('.'))) {
                        j += 1;
                    }
                    if !space(j) {
                        return None;
                    }
                    let m = month(j + 1)?;
                    let y = number(j + 3, &[4])?;
                    (space(j + 2) && ends(j + 4)).then_some((y as i32, m, d, j + 4))
                };
                // January 5, 2025
                let month_day = || {
                    let m = month(i)?;
                    let d = number(i + 2, &[1, 2])?;
                    let y = number(i + 5, &[4])?;
                    (space(i + 1)
                        && matches!(tokens.get(i + 3), Some(Token::Other(',')))
                        && space(i + 4)
                        && ends(i + 6))
                    .then_some((y as i32, m, d, i + 6))
                };
                // January 2025: the first of the month.
                let month_year = || {
                    let m = month(i)?;
                    let y = number(i + 2, &[4])?;
                    (space(i + 1) && ends(i + 3)).then_some((y as i32, m, 1, i + 3))
                };
                dmy.or_else(ymd)
                    .or_else(day_month)
                    .or_else(month_day)
                    .or_else(month_year)
            })
            .flatten();
        match attempt {
            Some((y, m, d, next)) => {
                if let Some(date) = NaiveDate::from_ymd_opt(y, m, d)
                    && date.year() > 1900
                    && date <= today
                {
                    found.push(date);
                }
                i = next;
            }
            None => i += 1,
        }
    }
    found
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn dates_in_the_forms_the_server_finds() {
        let today = day(2026, 1, 1);
        let text = "Billing period: February 2025. Collected on 20 March 2025, due 05.04.2025; \
                    see 2025-01-05 and January 7, 2025 or 3. Sep 2024. Not: 2099-01-01, phone 0800 330, \
                    TM-2025-0003, 31.02.2025, Plus 2025.";
        assert_eq!(
            find_dates(text, today),
            [
                day(2025, 2, 1),
                day(2025, 3, 20),
                day(2025, 4, 5),
                day(2025, 1, 5),
                day(2025, 1, 7),
                day(2024, 9, 3)
            ]
        );
    }

    #[test]
    fn matching_rules_follow_the_server() {
        let text = "Income tax return 2024 - filed with the Internal Revenue Service.\nGlobex";
        let any = MatchingAlgorithm::Any;
        assert!(matches("globex acme", &any, true, text));
        assert!(!matches("globex acme", &any, false, text));
        assert!(!matches("glob", &any, true, text), "whole words only");
        assert!(matches("\"revenue   service\"", &any, true, text));
        assert!(matches("tax 2024", &MatchingAlgorithm::All, true, text));
        assert!(!matches("tax 2023", &MatchingAlgorithm::All, true, text));
        assert!(matches(
            "internal revenue",
            &MatchingAlgorithm::Literal,
            true,
            text
        ));
        assert!(!matches(
            "internal  revenue",
            &MatchingAlgorithm::Literal,
            true,
            text
        ));
        assert!(matches(
            "Internal Revenue!",
            &MatchingAlgorithm::Fuzzy,
            true,
            text
        ));
        assert!(matches(
            "tax (return|assessment)",
            &MatchingAlgorithm::Regex,
            true,
            text
        ));
        assert!(!matches(
            "tax (?=return)",
            &MatchingAlgorithm::Regex,
            true,
            text
        ));
        // Words and literals are escaped, as re.escape does on the server.
        let literal = MatchingAlgorithm::Literal;
        assert!(matches("a+b 2024", &literal, true, "Ref A+B 2024 ok"));
        assert!(!matches("a+b 2024", &literal, true, "Ref AAB 2024 ok"));
        assert!(!matches("inv.no", &any, true, "invXno 5"));
        assert!(matches("inv.no", &any, true, "see inv.no 5"));
        // `\b` before a non-word character needs a word character before it (Python too).
        assert!(!matches("$12", &literal, true, "costs $12"));
        assert!(matches("Müller", &any, true, "MÜLLER GmbH"));
        assert!(!matches("tax", &MatchingAlgorithm::Auto, true, text));
        assert!(!matches("  ", &any, true, text));
        assert_eq!(
            split_match("  some random  words \"with   quotes  \" and"),
            [
                vec!["some".to_owned()],
                vec!["random".to_owned()],
                vec!["words".to_owned()],
                vec!["with".to_owned(), "quotes".to_owned()],
                vec!["and".to_owned()],
            ]
        );
    }
}
