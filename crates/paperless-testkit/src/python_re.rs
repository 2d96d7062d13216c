//! The `regex` matching rule of tags, correspondents, document types and storage paths: a
//! Python regular expression searched in a document's content, run on the `regex` crate.
//!
//! The server (`documents/regex.py`, `safe_regex_search`) compiles the rule with Python's
//! `regex` module (the `re` syntax, version 0) with `IGNORECASE` when the rule is
//! case-insensitive, and searches with a 0.1 s timeout; an invalid pattern or a timeout is "no
//! match". The two syntaxes mostly agree (Unicode `\w`, `\d`, `\s`, `\b` and case folding
//! included); [`translate`] rewrites the Python forms that mean something else in Rust:
//!
//! - `$` matches at the end *or before a final newline* (without `(?m)`): it becomes
//!   `(?:\n?\z)` (a rule such as `Total: \d+$` matches content ending in a line break);
//! - `\Z` (the very end) becomes `\z`;
//! - a `{` that does not start a valid repetition (`x{2`, `a{}`, `{`) is a literal; `{,n}` means
//!   `{0,n}`;
//! - in a class, `[`, `&` and `~` are literals (Rust reads `[[`, `&&` and `~~` as class
//!   nesting and set operations).
//!
//! What still differs, on purpose (the test double stays small):
//! - refused here, so never a match (the server evaluates them): lookarounds (`(?=`, `(?!`,
//!   `(?<=`, `(?<!`), backreferences (`\1`, `(?P=name)`), atomic groups `(?>…)`, conditionals,
//!   comments `(?#…)`, `\N{NAME}`, the flags `(?a)` and `(?L)`, Unicode properties other than
//!   general categories (`\p{Greek}`);
//! - possessive quantifiers (`a*+`) are read by Rust as a repeated repetition (`(?:a*)+`), so
//!   they may match where the server's do not backtrack;
//! - Rust-only forms the server refuses are accepted here: `(?U)`, `(?R)`, class set operations
//!   written with escapes;
//! - in verbose mode `(?x)`, Rust also ignores white space inside classes;
//! - matching takes linear time: a rule the server gives up on after 0.1 s (catastrophic
//!   backtracking) is evaluated to the end here.

use std::borrow::Cow;

use regex::RegexBuilder;

/// Whether the Python regular expression `pattern` matches anywhere in `text` (`re.search`);
/// `false` for a pattern that is invalid (or uses syntax listed in the module docs as refused).
pub(crate) fn search(pattern: &str, insensitive: bool, text: &str) -> bool {
    RegexBuilder::new(&translate(pattern))
        .case_insensitive(insensitive)
        .build()
        .is_ok_and(|regex| regex.is_match(text))
}

/// The Rust form of a Python pattern (see the module docs); the pattern itself when nothing
/// needs rewriting.
pub(crate) fn translate(pattern: &str) -> Cow<'_, str> {
    if !pattern.contains(['$', '{', '[', '\\']) {
        return Cow::Borrowed(pattern);
    }
    let multi_line = has_multi_line_flag(pattern);
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = String::with_capacity(pattern.len() + 8);
    let mut in_class = false;
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        i += 1;
        match c {
            '\\' => match chars.get(i) {
                Some('Z') if !in_class => {
                    out.push_str(r"\z");
                    i += 1;
                }
                Some(&next) => {
                    out.push('\\');
                    out.push(next);
                    i += 1;
                    // The braces of `\p{Lu}`, `\x{e9}`, `\N{…}` belong to the escape.
                    if matches!(next, 'p' | 'P' | 'x' | 'u' | 'U' | 'N')
                        && chars.get(i) == Some(&'{')
                    {
                        while let Some(&b) = chars.get(i) {
                            out.push(b);
                            i += 1;
                            if b == '}' {
                                break;
                            }
                        }
                    }
                }
                None => out.push('\\'),
            },
            '[' if !in_class => {
                in_class = true;
                out.push('[');
                // `[^]…]` and `[]…]`: a `]` first in the class is a literal, in both syntaxes.
                if chars.get(i) == Some(&'^') {
                    out.push('^');
                    i += 1;
                }
                if chars.get(i) == Some(&']') {
                    out.push(']');
                    i += 1;
                }
            }
            ']' if in_class => {
                in_class = false;
                out.push(']');
            }
            '[' | '&' | '~' if in_class => {
                out.push('\\');
                out.push(c);
            }
            '$' if !in_class && !multi_line => out.push_str(r"(?:\n?\z)"),
            '{' if !in_class => match repetition(&chars[i..]) {
                Some((text, length)) => {
                    out.push_str(&text);
                    i += length;
                }
                None => out.push_str(r"\{"),
            },
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Python's counted repetition after a `{` (`sre_parse`): digits, optionally a `,` and digits,
/// then `}`, and not `{}`. Returns the Rust form (`{m}`, `{m,}`, `{m,n}`, a missing minimum
/// written as 0) and how many characters after the `{` it took; `None` when the `{` is a
/// literal.
fn repetition(rest: &[char]) -> Option<(String, usize)> {
    let digits = |from: usize| {
        rest.get(from..)
            .unwrap_or_default()
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let text = |from: usize, len: usize| -> String { rest[from..from + len].iter().collect() };
    let low = digits(0);
    let (high, end) = if rest.get(low) == Some(&',') {
        let high = digits(low + 1);
        (Some(text(low + 1, high)), low + 1 + high)
    } else {
        (None, low)
    };
    if rest.get(end) != Some(&'}') || end == 0 {
        return None;
    }
    let low = if low == 0 {
        "0".to_owned()
    } else {
        text(0, low)
    };
    let form = match high {
        Some(high) => format!("{{{low},{high}}}"),
        None => format!("{{{low}}}"),
    };
    Some((form, end + 1))
}

/// Whether the pattern turns on multi-line mode (`(?m)`, `(?im)`, `(?m:…)`), where `$` means
/// the same in both syntaxes.
fn has_multi_line_flag(pattern: &str) -> bool {
    pattern.match_indices("(?").any(|(at, _)| {
        pattern[at + 2..]
            .chars()
            .take_while(char::is_ascii_alphabetic)
            .any(|c| c == 'm')
    })
}

#[cfg(test)]
mod tests {
    use super::{search, translate};

    fn insensitive(pattern: &str, text: &str) -> bool {
        search(pattern, true, text)
    }

    #[test]
    fn the_demo_rules_and_common_syntax() {
        assert!(insensitive(
            "tax (return|assessment)",
            "Income TAX RETURN 2024"
        ));
        assert!(insensitive(
            "tax (return|assessment)",
            "Tax assessment 2023"
        ));
        assert!(!insensitive("tax (return|assessment)", "tax prepayment"));
        assert!(insensitive("warrant(y|ies)", "two warranties"));
        assert!(!search(r"Oakwood\s+Property", false, "oakwood property"));
        assert!(search(
            r"Oakwood\s+Property",
            false,
            "Oakwood \n Property Management"
        ));
        assert!(insensitive(r"^invoice\b", "Invoice number 7"));
        assert!(!insensitive(r"^invoice\b", "the invoice"));
        assert!(insensitive(r"\d{4}-\d{2}-\d{2}", "Date: 2025-01-05"));
        assert!(!insensitive(r"\d{4}-\d{2}-\d{2}", "Date: 2025-1-05"));
        assert!(insensitive(r"a.*?c", "abbbc"));
        assert!(insensitive(r"colou?r", "color"));
        assert!(insensitive(r"(?:ab)+$", "xxabab"));
        assert!(
            !insensitive(r"[^a-z ]", "abc D"),
            "D is in a-z when case is ignored"
        );
        assert!(search(r"[^a-z ]", false, "abc D"));
        assert!(!search(r"[^a-z ]", false, "abc d"));
        assert!(insensitive(r"\$\d+\.\d\d", "costs $12.50"));
        assert!(insensitive("", "anything"));
        let long = format!("start {} end", "x".repeat(200_000));
        assert!(insensitive(r"start\s.*end", &long));
        assert!(insensitive(r"start [x]+? end$", &long));
        // Unicode classes and case folding, as Python's str patterns have them.
        assert!(insensitive(r"müller\w+", "MÜLLERSTRAßE 5"));
        assert!(insensitive(r"\bstraße\b", "In der STRASSE, der Straße 5"));
        assert!(
            !insensitive(r"\bstraße\b", "Hauptstraße 5"),
            "no boundary inside a word"
        );
        assert!(
            insensitive(r"^\d+ €$", "١٢ €"),
            "\\d is every decimal digit"
        );
    }

    #[test]
    fn python_forms_that_mean_something_else_in_rust_are_rewritten() {
        // `$` also before a final newline (OCR content often ends with one), but not before
        // other newlines.
        assert!(insensitive(r"[A-F0-9]{3,}x?$", "id: 0a9f\n"));
        assert!(insensitive(r"total: \d+$", "Total: 12\n"));
        assert!(!insensitive(r"total: \d+$", "Total: 12\n\n"));
        assert!(!insensitive(r"^total$", "total\nmore"));
        assert!(
            insensitive(r"(?m)^total$", "total\nmore"),
            "multi-line `$` as in Rust"
        );
        // `\Z` is the very end.
        assert!(insensitive(r"end\Z", "the end"));
        assert!(!insensitive(r"end\Z", "the end\n"));
        // Braces that are no repetition are literals; `{,n}` has a minimum of 0.
        assert!(insensitive(r"x{2", "ax{2"));
        assert!(insensitive(r"a{}", "a{}"));
        assert!(insensitive(r"{", "{"));
        assert!(insensitive(r"^a{,2}b$", "b"));
        assert!(!insensitive(r"^a{,2}b$", "aaab"));
        assert!(insensitive(r"^a{2,}$", "aaaa"));
        assert!(insensitive(r"^a{2}$", "aa"));
        // Literal `[`, `&&` and `~~` inside a class.
        assert!(insensitive(r"[[]x", "a[x"));
        assert!(insensitive(r"^[a&&b]+$", "a&b"));
        assert!(insensitive(r"^[~~]$", "~"));
        assert!(insensitive(r"[]a]", "]"));
        assert!(insensitive(r"[^]a]", "b"));
        // Escapes are kept as they are (a `\$` or `\{` is no anchor or repetition).
        assert_eq!(translate(r"\$\{2\}\\$"), r"\$\{2\}\\(?:\n?\z)");
        assert_eq!(translate(r"\p{Lu}\x{e9}{2}"), r"\p{Lu}\x{e9}{2}");
        assert_eq!(translate("plain words"), "plain words");
    }

    #[test]
    fn rules_the_old_engine_refused_now_match_as_on_the_server() {
        assert!(insensitive(r"(?P<n>inv)oice", "INVOICE"));
        assert!(insensitive(r"(?i)invoice", "INVOICE"));
        assert!(search(r"(?i)invoice", false, "INVOICE"));
        assert!(insensitive(r"\p{Lu}{3}-\d+", "Ref ABC-12"));
        // Long repetitions of groups: linear time, no recursion limit.
        assert!(insensitive(r"^(?:ab)+$", &"ab".repeat(100_000)));
    }

    #[test]
    fn unsupported_or_invalid_patterns_never_match() {
        for pattern in [
            "(?=x)",
            r"(a)\1",
            "(?P<n>x)(?P=n)",
            "(?>x)",
            "(?#note)x",
            r"\N{DIGIT ONE}",
            "(?a)x",
            "(a",
            "a)",
            "[a",
            "*a",
            "a{3,2}",
            "[z-a]",
        ] {
            assert!(!insensitive(pattern, "x xx a 1 (a a) [a"), "{pattern}");
        }
    }

    #[test]
    fn pathological_patterns_end_quickly_without_a_match() {
        let text = "a".repeat(40);
        assert!(!insensitive("(a*)*b", &text));
        assert!(!insensitive("(a|aa)*c", &text));
    }
}
