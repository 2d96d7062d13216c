//! The dates in a document's content, found as Paperless-ngx's date parser finds them in the
//! common English forms (for the suggestions).

use chrono::{Datelike, NaiveDate};

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
}
