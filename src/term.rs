//! The grammar of red-flag terms, parsed in one place. A term is words,
//! with two extras:
//!
//! - `{name}` stands for each word of the group `name` in turn, so
//!   "{numb} ... {groin}" covers every pair of the two groups;
//! - `...` stands for up to [`GAP_WORDS`] other words.
//!
//! Detection (`safety`) compiles a term's pieces, a group as one step that
//! any of its words takes; validation (`knowledge::validate`) checks that
//! the groups exist and the term is not too broad. Neither parses the text
//! itself, and this module needs nothing else of the crate.

use std::collections::BTreeMap;

/// How many other words a `...` in a term may stand for.
pub const GAP_WORDS: usize = 4;

/// Most phrases one term may stand for once its groups are filled in:
/// room for two groups of sixty words, and a bound on how broad a slip in
/// the file can make one line. (Detection never builds these phrases.)
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
pub enum Piece {
    /// Literal text (words, perhaps none).
    Text(String),
    /// `{name}`: any one of the group's words.
    Group(String),
    /// `...`: up to [`GAP_WORDS`] other words.
    Gap,
}

/// A term, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pieces: Vec<Piece>,
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

    /// The term's pieces, in order.
    pub fn pieces(&self) -> &[Piece] {
        &self.pieces
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

#[cfg(test)]
mod tests {
    use super::*;

    fn groups() -> BTreeMap<String, Vec<String>> {
        let mut g = BTreeMap::new();
        g.insert("part".into(), vec!["groin".into(), "inner thigh".into()]);
        g.insert("loss".into(), vec!["numb".into(), "tingly".into()]);
        g
    }

    fn pieces(term: &str) -> Vec<Piece> {
        Term::parse(term).unwrap().pieces().to_vec()
    }

    fn text(t: &str) -> Piece {
        Piece::Text(t.into())
    }

    #[test]
    fn groups_and_gaps_are_pieces_of_their_own() {
        use Piece::{Gap, Group};
        assert_eq!(
            pieces("{part} ... {loss}"),
            vec![Group("part".into()), Gap, Group("loss".into())]
        );
        assert_eq!(
            pieces("can't feel my { part }"),
            vec![text("can't feel my "), Group("part".into())]
        );
        assert_eq!(
            pieces("leg ... gave way"),
            vec![text("leg "), Gap, text(" gave way")]
        );
        assert!(!Term::parse("leg gave way").unwrap().has_group());
    }

    #[test]
    fn bad_terms_say_what_is_wrong() {
        assert_eq!(Term::parse("numb {part"), Err(TermError::Unclosed));
        assert_eq!(
            Term::parse("numb {place}").unwrap().check(&groups()),
            Err(TermError::UnknownGroup("place".into()))
        );
        assert_eq!(
            Term::parse("{part} ... {loss}").unwrap().check(&groups()),
            Ok(())
        );
        let mut big = groups();
        big.insert("many".into(), (0..100).map(|i| format!("w{i}")).collect());
        let term = Term::parse("{many} {many}").unwrap();
        assert_eq!(term.check(&big), Err(TermError::TooMany(10_000)));
    }
}
