//! Token-based alias matching, linear in the text: a map from an alias's first token to its
//! candidates (longest first) is tried at every token.

use std::collections::HashMap;

pub(super) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// True when `hay[start..end]` stands as a whole word or symbol-word: not inside another word
/// ("javascripting"), not part of a dotted name ("React.js" is not "JS"), not followed by the
/// symbols that make another skill ("C" in "C++").
pub(super) fn on_boundary(hay: &str, start: usize, end: usize, exact: bool) -> bool {
    let mut before = hay[..start].chars().rev();
    let before_ok = match before.next() {
        None => true,
        Some('.') => !before.next().is_some_and(char::is_alphanumeric),
        Some(c) => !is_word_char(c) && c != '\'',
    };
    let mut after = hay[end..].chars();
    let after_ok = match after.next() {
        None => true,
        Some(c) if is_word_char(c) || matches!(c, '+' | '#' | '&') => false,
        // "Node.js" is not "Node" followed by a sentence end.
        Some('.') => !after.next().is_some_and(char::is_alphanumeric),
        // "Go-to-market", "R-squared": a dash after a short exact name is not the skill.
        Some('-') => !exact,
        Some(_) => true,
    };
    before_ok && after_ok
}

/// One token of a text: a run of word characters or one other non-space character.
#[derive(Debug)]
pub(super) struct Token<'a> {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) raw: &'a str,
    /// Whitespace stands between this token and the one before it.
    pub(super) spaced: bool,
}

pub(super) fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    let mut spaced = false;
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            spaced = true;
            continue;
        }
        let mut end = start + c.len_utf8();
        if is_word_char(c) {
            while let Some(&(i, next)) = chars.peek() {
                if !is_word_char(next) {
                    break;
                }
                end = i + next.len_utf8();
                chars.next();
            }
        }
        out.push(Token {
            start,
            end,
            raw: &text[start..end],
            spaced,
        });
        spaced = false;
    }
    out
}

/// One alias as a token sequence.
#[derive(Debug)]
pub(super) struct Pattern {
    /// The tokens, lowercased unless `exact`.
    pub(super) words: Vec<String>,
    /// Whether whitespace precedes each token (the first one's is ignored).
    pub(super) spaced: Vec<bool>,
    pub(super) exact: bool,
    /// The last word may take a plural "s" (a case-insensitive alias ending in three or more
    /// letters).
    pub(super) plural_ok: bool,
    pub(super) target: usize,
}

impl Pattern {
    pub(super) fn new(alias: &str, exact: bool, target: usize) -> Option<Pattern> {
        let toks = tokens(alias);
        if toks.is_empty() {
            return None;
        }
        Some(Pattern {
            words: toks
                .iter()
                .map(|t| {
                    if exact {
                        t.raw.to_owned()
                    } else {
                        t.raw.to_lowercase()
                    }
                })
                .collect(),
            spaced: toks.iter().map(|t| t.spaced).collect(),
            plural_ok: !exact && {
                let last = toks[toks.len() - 1].raw;
                last.chars().count() >= 3 && last.chars().all(char::is_alphabetic)
            },
            exact,
            target,
        })
    }

    fn same_words(&self, other: &Pattern) -> bool {
        self.exact == other.exact && self.words == other.words && self.spaced == other.spaced
    }

    /// Whether the pattern matches the text's tokens from `at` on (tokens and spacing; the word
    /// boundaries around it are checked by the caller).
    fn matches(&self, toks: &[Token<'_>], lower: &[String], at: usize) -> bool {
        let Some(window) = toks.get(at..at + self.words.len()) else {
            return false;
        };
        let last = self.words.len() - 1;
        window.iter().enumerate().all(|(k, t)| {
            let word = &self.words[k];
            let word_ok = if self.exact {
                t.raw == word
            } else {
                let text = &lower[at + k];
                // A plural of the last word counts ("good manufacturing practices").
                text == word
                    || (k == last
                        && self.plural_ok
                        && text.len() == word.len() + 1
                        && text.starts_with(word.as_str())
                        && text.ends_with('s'))
            };
            word_ok && (k == 0 || t.spaced == self.spaced[k])
        })
    }
}

/// Patterns indexed by their first token, longest first.
#[derive(Debug, Default)]
pub(super) struct Matcher {
    pub(super) patterns: Vec<Pattern>,
    /// Lowercased first token → pattern indices, most tokens (then most bytes) first; patterns
    /// with the same tokens are adjacent.
    pub(super) by_first: HashMap<String, Vec<usize>>,
}

/// One match: the targets of the longest pattern that matched there (several when a name is
/// shared, as a category alias can be).
#[derive(Debug)]
pub(super) struct Found {
    pub(super) targets: Vec<usize>,
}

impl Matcher {
    pub(super) fn new(patterns: Vec<Pattern>) -> Matcher {
        let mut by_first: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, p) in patterns.iter().enumerate() {
            by_first
                .entry(p.words[0].to_lowercase())
                .or_default()
                .push(i);
        }
        for list in by_first.values_mut() {
            list.sort_by(|&a, &b| {
                let (pa, pb) = (&patterns[a], &patterns[b]);
                let len = |p: &Pattern| p.words.iter().map(String::len).sum::<usize>();
                (pb.words.len(), len(pb))
                    .cmp(&(pa.words.len(), len(pa)))
                    .then_with(|| pa.words.cmp(&pb.words))
                    .then_with(|| pa.exact.cmp(&pb.exact))
                    .then_with(|| a.cmp(&b))
            });
        }
        Matcher { patterns, by_first }
    }

    /// Every non-overlapping match in `text`, left to right, the longest at each place.
    pub(super) fn find(&self, text: &str) -> Vec<Found> {
        let toks = tokens(text);
        let lower: Vec<String> = toks.iter().map(|t| t.raw.to_lowercase()).collect();
        let mut found = Vec::new();
        let mut at = 0;
        while at < toks.len() {
            let mut advanced = false;
            if let Some(candidates) = self.by_first.get(&lower[at]) {
                for (n, &i) in candidates.iter().enumerate() {
                    let p = &self.patterns[i];
                    if !p.matches(&toks, &lower, at) {
                        continue;
                    }
                    let last = &toks[at + p.words.len() - 1];
                    if !on_boundary(text, toks[at].start, last.end, p.exact) {
                        continue;
                    }
                    let mut targets = vec![p.target];
                    for &j in &candidates[n + 1..] {
                        let q = &self.patterns[j];
                        if !q.same_words(p) {
                            break;
                        }
                        if !targets.contains(&q.target) {
                            targets.push(q.target);
                        }
                    }
                    found.push(Found { targets });
                    at += p.words.len();
                    advanced = true;
                    break;
                }
            }
            if !advanced {
                at += 1;
            }
        }
        found
    }
}
