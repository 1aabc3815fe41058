//! The grammar of red-flag terms, parsed in one place. A term is words,
//! with two extras:
//!
//! - `{name}` stands for each word of the group `name` in turn, so
//!   "{numb} ... {groin}" covers every pair of the two groups;
//! - `...` stands for up to [`GAP_WORDS`] other words.
//!
//! Detection (`safety`) compiles the phrases a term stands for; validation
//! (`knowledge::validate`) checks that it stands for any. Neither parses
//! the text itself, and this module needs nothing else of the crate.

use std::collections::BTreeMap;

/// How many other words a `...` in a term may stand for.
pub const GAP_WORDS: usize = 4;

/// Most phrases one term may stand for once its groups are filled in:
/// room for two groups of sixty words, and a bound on what a slip in the
/// file can do to the detector's size.
pub const EXPANSION_LIMIT: usize = 4_000;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TermError {
    #[error("names the group {{{0}}}, which [groups] does not define")]
    UnknownGroup(String),
    #[error("has a {{ without a closing }}")]
    Unclosed,
    #[error("stands for {0} phrases once its groups are filled in; the most is {EXPANSION_LIMIT}")]
    TooMany(usize),
}

/// One piece of a term.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    /// Literal text (words, perhaps none).
    Text(String),
    /// `{name}`.
    Group(String),
    /// `...`.
    Gap,
}

/// A term, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pieces: Vec<Piece>,
}

/// One phrase a term stands for: its stretches of words, in order, with a
/// gap of up to [`GAP_WORDS`] words between one stretch and the next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    pub stretches: Vec<String>,
}

impl Term {
    pub fn parse(text: &str) -> Result<Term, TermError> {
        let mut pieces = Vec::new();
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            let close = open + rest[open..].find('}').ok_or(TermError::Unclosed)?;
            text_pieces(&rest[..open], &mut pieces);
            pieces.push(Piece::Group(rest[open + 1..close].trim().to_string()));
            rest = &rest[close + 1..];
        }
        text_pieces(rest, &mut pieces);
        Ok(Term { pieces })
    }

    /// Whether the term names a group.
    pub fn has_group(&self) -> bool {
        self.pieces.iter().any(|p| matches!(p, Piece::Group(_)))
    }

    /// What `phrases` would say, without building them: whether every
    /// group the term names is defined and the phrases are not too many.
    /// Validation asks this of every term at every start.
    pub fn check(&self, groups: &BTreeMap<String, Vec<String>>) -> Result<(), TermError> {
        let mut count = 1;
        for piece in &self.pieces {
            if let Piece::Group(name) = piece {
                let words = groups
                    .get(name)
                    .ok_or_else(|| TermError::UnknownGroup(name.clone()))?;
                count *= words.len();
                if count > EXPANSION_LIMIT {
                    return Err(TermError::TooMany(count));
                }
            }
        }
        Ok(())
    }

    /// Every phrase the term stands for, its groups filled in from `groups`.
    pub fn phrases(
        &self,
        groups: &BTreeMap<String, Vec<String>>,
    ) -> Result<Vec<Phrase>, TermError> {
        // Each phrase is built as its stretches so far.
        let mut phrases: Vec<Vec<String>> = vec![vec![String::new()]];
        for piece in &self.pieces {
            match piece {
                Piece::Text(text) => phrases.iter_mut().for_each(|p| append(p, text)),
                Piece::Gap => phrases.iter_mut().for_each(|p| p.push(String::new())),
                Piece::Group(name) => {
                    let words = groups
                        .get(name)
                        .ok_or_else(|| TermError::UnknownGroup(name.clone()))?;
                    let count = phrases.len() * words.len();
                    if count > EXPANSION_LIMIT {
                        return Err(TermError::TooMany(count));
                    }
                    phrases = phrases
                        .iter()
                        .flat_map(|p| {
                            words.iter().map(move |w| {
                                let mut p = p.clone();
                                append(&mut p, w);
                                p
                            })
                        })
                        .collect();
                }
            }
        }
        Ok(phrases
            .into_iter()
            .map(|stretches| Phrase {
                stretches: stretches
                    .into_iter()
                    .map(|s| s.trim().to_string())
                    .collect(),
            })
            .collect())
    }
}

/// `text` split at its `...` into text and gaps.
fn text_pieces(text: &str, pieces: &mut Vec<Piece>) {
    for (i, part) in text.split("...").enumerate() {
        if i > 0 {
            pieces.push(Piece::Gap);
        }
        if !part.trim().is_empty() {
            pieces.push(Piece::Text(part.to_string()));
        }
    }
}

/// Adds `words` to the last stretch of `phrase`.
fn append(phrase: &mut [String], words: &str) {
    let last = phrase.last_mut().expect("a phrase has a stretch");
    last.push(' ');
    last.push_str(words.trim());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn groups() -> BTreeMap<String, Vec<String>> {
        let mut g = BTreeMap::new();
        g.insert("part".into(), vec!["groin".into(), "inner thigh".into()]);
        g.insert("loss".into(), vec!["numb".into(), "tingly".into()]);
        g
    }

    fn stretches(term: &str) -> Vec<Vec<String>> {
        Term::parse(term)
            .unwrap()
            .phrases(&groups())
            .unwrap()
            .into_iter()
            .map(|p| p.stretches)
            .collect()
    }

    #[test]
    fn groups_stand_for_each_of_their_words_and_gaps_split_stretches() {
        assert_eq!(
            stretches("{part} ... {loss}"),
            vec![
                vec!["groin", "numb"],
                vec!["groin", "tingly"],
                vec!["inner thigh", "numb"],
                vec!["inner thigh", "tingly"],
            ]
        );
        assert_eq!(
            stretches("can't feel my {part}"),
            vec![
                vec!["can't feel my groin"],
                vec!["can't feel my inner thigh"]
            ]
        );
        assert_eq!(stretches("leg ... gave way"), vec![vec!["leg", "gave way"]]);
        assert!(!Term::parse("leg gave way").unwrap().has_group());
    }

    #[test]
    fn bad_terms_say_what_is_wrong() {
        assert_eq!(Term::parse("numb {part"), Err(TermError::Unclosed));
        assert_eq!(
            Term::parse("numb {place}").unwrap().phrases(&groups()),
            Err(TermError::UnknownGroup("place".into()))
        );
        let mut big = groups();
        big.insert("many".into(), (0..100).map(|i| format!("w{i}")).collect());
        let term = Term::parse("{many} {many}").unwrap();
        assert_eq!(term.phrases(&big), Err(TermError::TooMany(10_000)));
        assert_eq!(term.check(&big), Err(TermError::TooMany(10_000)));
    }
}
