//! The matching rules of tags, correspondents, document types and storage paths as
//! Paperless-ngx's `documents/matching.py` evaluates them, for every algorithm but the
//! classifier's: any, all and literal as the server's `\b…\b` expressions, regular expressions
//! in Python's syntax ([`crate::python_re`]), fuzzy as an exact partial match.

use paperless_types::matching::MatchingAlgorithm;

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

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

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
