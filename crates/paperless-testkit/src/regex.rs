//! A small backtracking regular-expression matcher for the `regex` matching rule of tags,
//! correspondents, document types and storage paths (Python's `re.search` semantics for the
//! common syntax): literals and escapes, `.`, classes (`[a-z]`, `[^...]`, `\d`, `\w`, `\s` and
//! their negations), groups with alternation (`(...)`, `(?:...)`), the quantifiers `*`, `+`,
//! `?`, `{m}`, `{m,}`, `{m,n}` (greedy or lazy), and the anchors `^`, `$`, `\A`, `\Z`, `\b`,
//! `\B`.
//!
//! Lookarounds, backreferences, named groups and inline flags are not supported: such a pattern
//! is an error, which the server's matcher also treats as "no match". A step budget bounds the
//! work on pathological patterns (then: no match).

use std::cell::Cell;

/// How many matching steps one search may take.
const STEP_BUDGET: u64 = 2_000_000;
/// How deeply the matcher may recurse (repetitions of groups recurse once per iteration;
/// repetitions of single characters do not).
const DEPTH_LIMIT: u32 = 1_000;

/// A compiled pattern.
#[derive(Debug, Clone)]
pub(crate) struct Regex {
    alternatives: Vec<Vec<Node>>,
    insensitive: bool,
}

#[derive(Debug, Clone)]
enum Node {
    Char(char),
    Any,
    Class {
        items: Vec<ClassItem>,
        negated: bool,
    },
    Start,
    End,
    AbsoluteEnd,
    WordBoundary(bool),
    Group(Vec<Vec<Node>>),
    Repeat {
        node: Box<Node>,
        min: u32,
        max: Option<u32>,
        greedy: bool,
    },
}

#[derive(Debug, Clone)]
enum ClassItem {
    Char(char),
    Range(char, char),
    Digit(bool),
    Word(bool),
    Space(bool),
}

impl Regex {
    /// Compiles `pattern`; `None` when it is invalid or uses unsupported syntax.
    pub(crate) fn new(pattern: &str, insensitive: bool) -> Option<Self> {
        let mut parser = Parser {
            chars: pattern.chars().collect(),
            at: 0,
        };
        let alternatives = parser.alternatives()?;
        if parser.at != parser.chars.len() {
            return None; // an unbalanced `)`
        }
        Some(Self {
            alternatives,
            insensitive,
        })
    }

    /// Whether the pattern matches anywhere in `text` (`re.search`).
    pub(crate) fn is_match(&self, text: &str) -> bool {
        let text: Vec<char> = text.chars().collect();
        let matcher = Matcher {
            text: &text,
            insensitive: self.insensitive,
            steps: Cell::new(0),
            depth: Cell::new(0),
        };
        (0..=text.len()).any(|start| {
            matcher.steps.get() < STEP_BUDGET
                && matcher.alternatives(&self.alternatives, start, &mut |_| true)
        })
    }
}

struct Parser {
    chars: Vec<char>,
    at: usize,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.at += 1;
        Some(c)
    }

    fn alternatives(&mut self) -> Option<Vec<Vec<Node>>> {
        let mut alternatives = vec![self.sequence()?];
        while self.peek() == Some('|') {
            self.at += 1;
            alternatives.push(self.sequence()?);
        }
        Some(alternatives)
    }

    fn sequence(&mut self) -> Option<Vec<Node>> {
        let mut nodes = Vec::new();
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            let atom = self.atom()?;
            nodes.push(self.quantified(atom)?);
        }
        Some(nodes)
    }

    fn atom(&mut self) -> Option<Node> {
        let c = self.next()?;
        Some(match c {
            '(' => {
                if self.peek() == Some('?') {
                    // Only non-capturing groups; lookarounds, names and flags are unsupported.
                    if self.chars.get(self.at + 1) != Some(&':') {
                        return None;
                    }
                    self.at += 2;
                }
                let inner = self.alternatives()?;
                if self.next()? != ')' {
                    return None;
                }
                Node::Group(inner)
            }
            '[' => self.class()?,
            '.' => Node::Any,
            '^' => Node::Start,
            '$' => Node::End,
            '*' | '+' | '?' => return None, // nothing to repeat
            '\\' => match self.next()? {
                'd' => class_of(ClassItem::Digit(true)),
                'D' => class_of(ClassItem::Digit(false)),
                'w' => class_of(ClassItem::Word(true)),
                'W' => class_of(ClassItem::Word(false)),
                's' => class_of(ClassItem::Space(true)),
                'S' => class_of(ClassItem::Space(false)),
                'b' => Node::WordBoundary(true),
                'B' => Node::WordBoundary(false),
                'A' => Node::Start,
                'Z' => Node::AbsoluteEnd,
                other => Node::Char(escaped(other)?),
            },
            other => Node::Char(other),
        })
    }

    fn class(&mut self) -> Option<Node> {
        let negated = self.peek() == Some('^');
        if negated {
            self.at += 1;
        }
        let mut items = Vec::new();
        let mut first = true;
        loop {
            let c = self.next()?;
            if c == ']' && !first {
                break;
            }
            first = false;
            let item = if c == '\\' {
                match self.next()? {
                    'd' => ClassItem::Digit(true),
                    'D' => ClassItem::Digit(false),
                    'w' => ClassItem::Word(true),
                    'W' => ClassItem::Word(false),
                    's' => ClassItem::Space(true),
                    'S' => ClassItem::Space(false),
                    other => ClassItem::Char(escaped(other)?),
                }
            } else {
                ClassItem::Char(c)
            };
            // A range `a-z` (a `-` before `]` is literal).
            if let ClassItem::Char(low) = item
                && self.peek() == Some('-')
                && self.chars.get(self.at + 1).is_some_and(|n| *n != ']')
            {
                self.at += 1;
                let mut high = self.next()?;
                if high == '\\' {
                    high = escaped(self.next()?)?;
                }
                if high < low {
                    return None;
                }
                items.push(ClassItem::Range(low, high));
            } else {
                items.push(item);
            }
        }
        Some(Node::Class { items, negated })
    }

    fn quantified(&mut self, node: Node) -> Option<Node> {
        let (min, max) = match self.peek() {
            Some('*') => {
                self.at += 1;
                (0, None)
            }
            Some('+') => {
                self.at += 1;
                (1, None)
            }
            Some('?') => {
                self.at += 1;
                (0, Some(1))
            }
            Some('{') => match self.braces() {
                Some(bounds) => bounds,
                // Not a quantifier: `{` is a literal, as in Python.
                None => return Some(node),
            },
            _ => return Some(node),
        };
        let greedy = if self.peek() == Some('?') {
            self.at += 1;
            false
        } else {
            true
        };
        if max.is_some_and(|max| max < min) {
            return None;
        }
        Some(Node::Repeat {
            node: Box::new(node),
            min,
            max,
            greedy,
        })
    }

    /// `{m}`, `{m,}`, `{,n}`, `{m,n}` at the current position: consumes it and returns the
    /// bounds, or leaves the position alone when it is not one.
    fn braces(&mut self) -> Option<(u32, Option<u32>)> {
        let rest: String = self.chars.get(self.at + 1..)?.iter().collect();
        let end = rest.find('}')?;
        let inside = rest.get(..end)?;
        let number = |s: &str| -> Option<Option<u32>> {
            if s.is_empty() {
                Some(None)
            } else if s.chars().all(|c| c.is_ascii_digit()) {
                s.parse().ok().map(Some)
            } else {
                None
            }
        };
        let bounds = match inside.split_once(',') {
            None => {
                let n = number(inside)??;
                (n, Some(n))
            }
            Some((low, high)) => (number(low)?.unwrap_or(0), number(high)?),
        };
        self.at += inside.chars().count() + 2;
        Some(bounds)
    }
}

fn class_of(item: ClassItem) -> Node {
    Node::Class {
        items: vec![item],
        negated: false,
    }
}

/// The character an escape stands for; `None` for backreferences and other unsupported ones.
fn escaped(c: char) -> Option<char> {
    Some(match c {
        'n' => '\n',
        't' => '\t',
        'r' => '\r',
        'f' => '\u{c}',
        'v' => '\u{b}',
        '0' => '\0',
        c if c.is_ascii_alphanumeric() => return None,
        c => c,
    })
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

struct Matcher<'t> {
    text: &'t [char],
    insensitive: bool,
    steps: Cell<u64>,
    depth: Cell<u32>,
}

impl Matcher<'_> {
    fn spend(&self) -> bool {
        let steps = self.steps.get() + 1;
        self.steps.set(steps);
        steps <= STEP_BUDGET
    }

    /// Whether `node` matches exactly one character, `c`; `None` for nodes that are not a
    /// single character.
    fn single(&self, node: &Node, c: char) -> Option<bool> {
        Some(match node {
            Node::Char(x) => self.same(c, *x),
            Node::Any => c != '\n',
            Node::Class { items, negated } => items.iter().any(|i| self.in_item(i, c)) != *negated,
            _ => return None,
        })
    }

    fn alternatives(
        &self,
        alternatives: &[Vec<Node>],
        at: usize,
        next: &mut dyn FnMut(usize) -> bool,
    ) -> bool {
        alternatives
            .iter()
            .any(|sequence| self.sequence(sequence, at, next))
    }

    fn sequence(&self, nodes: &[Node], at: usize, next: &mut dyn FnMut(usize) -> bool) -> bool {
        match nodes.split_first() {
            None => next(at),
            Some((first, rest)) => {
                self.node(first, at, &mut |after| self.sequence(rest, after, next))
            }
        }
    }

    fn node(&self, node: &Node, at: usize, next: &mut dyn FnMut(usize) -> bool) -> bool {
        if !self.spend() || self.depth.get() >= DEPTH_LIMIT {
            return false;
        }
        self.depth.set(self.depth.get() + 1);
        let matched = self.node_inner(node, at, next);
        self.depth.set(self.depth.get() - 1);
        matched
    }

    fn node_inner(&self, node: &Node, at: usize, next: &mut dyn FnMut(usize) -> bool) -> bool {
        let here = self.text.get(at).copied();
        match node {
            Node::Char(c) => here.is_some_and(|h| self.same(h, *c)) && next(at + 1),
            Node::Any => here.is_some_and(|h| h != '\n') && next(at + 1),
            Node::Class { items, negated } => {
                here.is_some_and(|h| items.iter().any(|i| self.in_item(i, h)) != *negated)
                    && next(at + 1)
            }
            Node::Start => at == 0 && next(at),
            Node::End => {
                let len = self.text.len();
                (at == len || (at + 1 == len && here == Some('\n'))) && next(at)
            }
            Node::AbsoluteEnd => at == self.text.len() && next(at),
            Node::WordBoundary(want) => {
                let before = at
                    .checked_sub(1)
                    .and_then(|i| self.text.get(i))
                    .is_some_and(|c| is_word(*c));
                let after = here.is_some_and(is_word);
                ((before != after) == *want) && next(at)
            }
            Node::Group(alternatives) => self.alternatives(alternatives, at, next),
            Node::Repeat {
                node,
                min,
                max,
                greedy,
            } => {
                if self.single(node, ' ').is_some() {
                    self.repeat_single(node, *min, *max, *greedy, at, next)
                } else {
                    self.repeat(node, *min, *max, *greedy, at, 0, next)
                }
            }
        }
    }

    /// A repeated single character: counts the run, then tries the rest from each length,
    /// longest first (greedy) or shortest first (lazy), without recursing per character.
    fn repeat_single(
        &self,
        node: &Node,
        min: u32,
        max: Option<u32>,
        greedy: bool,
        at: usize,
        next: &mut dyn FnMut(usize) -> bool,
    ) -> bool {
        let limit = max.map_or(usize::MAX, |m| m as usize);
        let run = self
            .text
            .get(at..)
            .unwrap_or_default()
            .iter()
            .take(limit)
            .take_while(|c| self.single(node, **c) == Some(true))
            .count();
        let min = min as usize;
        if run < min {
            return false;
        }
        let mut lengths: Box<dyn Iterator<Item = usize>> = if greedy {
            Box::new((min..=run).rev())
        } else {
            Box::new(min..=run)
        };
        lengths.any(|n| self.spend() && next(at + n))
    }

    #[allow(clippy::too_many_arguments)]
    fn repeat(
        &self,
        node: &Node,
        min: u32,
        max: Option<u32>,
        greedy: bool,
        at: usize,
        count: u32,
        next: &mut dyn FnMut(usize) -> bool,
    ) -> bool {
        let more = |next: &mut dyn FnMut(usize) -> bool| {
            max.is_none_or(|max| count < max)
                && self.node(node, at, &mut |after| {
                    // An empty iteration past the minimum would loop forever.
                    (after != at || count < min)
                        && self.repeat(node, min, max, greedy, after, count + 1, next)
                })
        };
        if count < min {
            return more(next);
        }
        // Greedy: one more iteration first, then stop here; lazy: the other way round.
        let order = if greedy { [true, false] } else { [false, true] };
        order
            .into_iter()
            .any(|again| if again { more(next) } else { next(at) })
    }

    fn same(&self, a: char, b: char) -> bool {
        a == b || (self.insensitive && a.to_lowercase().eq(b.to_lowercase()))
    }

    fn in_item(&self, item: &ClassItem, c: char) -> bool {
        match item {
            ClassItem::Char(x) => self.same(c, *x),
            ClassItem::Range(low, high) => {
                let inside = |c: char| (*low..=*high).contains(&c);
                inside(c)
                    || (self.insensitive
                        && (c.to_lowercase().any(inside) || c.to_uppercase().any(inside)))
            }
            ClassItem::Digit(want) => c.is_numeric() == *want,
            ClassItem::Word(want) => is_word(c) == *want,
            ClassItem::Space(want) => c.is_whitespace() == *want,
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::Regex;

    fn search(pattern: &str, text: &str) -> bool {
        Regex::new(pattern, true).unwrap().is_match(text)
    }

    #[test]
    fn the_demo_rules_and_common_syntax() {
        assert!(search("tax (return|assessment)", "Income TAX RETURN 2024"));
        assert!(search("tax (return|assessment)", "Tax assessment 2023"));
        assert!(!search("tax (return|assessment)", "tax prepayment"));
        assert!(search("warrant(y|ies)", "two warranties"));
        assert!(
            !Regex::new(r"Oakwood\s+Property", false)
                .unwrap()
                .is_match("oakwood property")
        );
        assert!(
            Regex::new(r"Oakwood\s+Property", false)
                .unwrap()
                .is_match("Oakwood \n Property Management")
        );
        assert!(search(r"^invoice\b", "Invoice number 7"));
        assert!(!search(r"^invoice\b", "the invoice"));
        assert!(search(r"\d{4}-\d{2}-\d{2}", "Date: 2025-01-05"));
        assert!(!search(r"\d{4}-\d{2}-\d{2}", "Date: 2025-1-05"));
        assert!(search(r"[A-F0-9]{3,}x?$", "id: 0a9f\n"));
        assert!(search(r"a.*?c", "abbbc"));
        assert!(search(r"colou?r", "color"));
        assert!(search(r"(?:ab)+$", "xxabab"));
        assert!(
            search(r"x{2", "ax{2"),
            "a brace that is no quantifier is literal"
        );
        assert!(
            !search(r"[^a-z ]", "abc D"),
            "D is in a-z when case is ignored"
        );
        assert!(Regex::new(r"[^a-z ]", false).unwrap().is_match("abc D"));
        assert!(!Regex::new(r"[^a-z ]", false).unwrap().is_match("abc d"));
        assert!(search(r"\$\d+\.\d\d", "costs $12.50"));
        assert!(search("", "anything"));
        // Long runs do not recurse per character.
        let long = format!("start {} end", "x".repeat(200_000));
        assert!(search(r"start\s.*end", &long));
        assert!(search(r"start [x]+? end$", &long));
        // Repeated groups recurse per iteration, up to a limit: a match past it is not found
        // (instead of overflowing the stack).
        assert!(search(r"^(?:ab)+$", &"ab".repeat(100)));
        assert!(!search(r"^(?:ab)+$", &"ab".repeat(100_000)));
    }

    #[test]
    fn unsupported_or_invalid_patterns_are_refused() {
        for pattern in [
            "(?=x)", r"(a)\1", "(?P<n>x)", "(?i)x", "(a", "a)", "[a", "*a", "a{3,2}", "[z-a]",
        ] {
            assert!(Regex::new(pattern, true).is_none(), "{pattern}");
        }
    }

    #[test]
    fn pathological_patterns_stop_at_the_budget() {
        let text = "a".repeat(40);
        assert!(!search("(a*)*b", &text));
        assert!(!search("(a|aa)*c", &text));
    }
}
