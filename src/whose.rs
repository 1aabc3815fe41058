//! Whose trouble a message tells. Members mention other people's mishaps
//! on the way to their own question: "my kid fell off the monkey bars and
//! broke her wrist, so I've been carrying her everywhere, now my glute is
//! in knots. Stretch?" The fall is the child's, already seen to; the
//! question is the member's. A message is read clause by clause, each one
//! the member's when it names the member, someone else's when it names
//! only someone else (the words are `english.toml`'s `persons`).

use crate::analysis::{Analyzer, Term};

/// Whose a clause is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Whose {
    Member,
    Other,
    /// Names no one, at the start of a sentence: read as the member's.
    Unsaid,
}

/// A clause of a message: its terms and whose it is.
pub struct Clause {
    pub terms: Vec<Term>,
    pub whose: Whose,
}

impl Clause {
    /// Whether the clause names someone other than the member at all:
    /// "can I massage her glute?" is the member's clause about someone
    /// else's glute.
    pub fn names_someone_else(&self) -> bool {
        let persons = &crate::language::english().persons;
        self.terms.iter().any(|t| persons.others.contains(&t.word))
    }
}

/// The clauses of `message`, in order. A clause that names no one goes on
/// with the clause before it in the same sentence ("my mum slipped on the
/// ice / and landed on her hip").
pub fn clauses(message: &str, analyzer: &Analyzer) -> Vec<Clause> {
    let persons = &crate::language::english().persons;
    let mut out = Vec::new();
    for sentence in crate::focus::sentences(message) {
        let mut whose = Whose::Unsaid;
        for piece in sentence.split([',', ';', ':', '(', ')']) {
            let terms = analyzer.analyze(piece);
            for part in terms.split(|t| persons.breaks.contains(&t.word)) {
                if part.is_empty() {
                    continue;
                }
                whose = named(part).unwrap_or(whose);
                out.push(Clause {
                    terms: part.to_vec(),
                    whose,
                });
            }
        }
    }
    out
}

/// The little words between "by" and the one who did it ("by my mare").
const AGENT_LEADS: [&str; 8] = ["my", "a", "an", "the", "his", "her", "our", "their"];

/// Whose `terms` are: the member's when they name the member at all ("I
/// found my dad on the floor", "she said my ankle reflex was weak"),
/// someone else's when they name only someone else ("my kid fell": "my"
/// before one of `others` is theirs), `None` when they name no one.
fn named(terms: &[Term]) -> Option<Whose> {
    let persons = &crate::language::english().persons;
    // The one by whom something was done is not whose it is: "dumped by
    // my mare", "tackled by their winger" are the member's falls.
    let agent = |at: usize| {
        let word = |i: usize| terms[i].word.as_str();
        (at >= 1 && word(at - 1) == "by")
            || (at >= 2 && word(at - 2) == "by" && AGENT_LEADS.contains(&word(at - 1)))
    };
    let other = |at: usize| persons.others.contains(&terms[at].word) && !agent(at);
    let member = terms.iter().enumerate().any(|(at, t)| {
        // "my 15 year old son": a few words may stand between.
        let owned = || (at + 1..terms.len()).take(4).any(other);
        persons.member.contains(&t.word) && !(t.word == "my" && owned())
    });
    if member {
        Some(Whose::Member)
    } else if (0..terms.len()).any(other) {
        Some(Whose::Other)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::Knowledge;

    fn whose(message: &str) -> Vec<Whose> {
        let k = Knowledge::shipped().unwrap();
        let analyzer = Analyzer::new(&k.lexicon, &k.vocabulary());
        clauses(message, &analyzer)
            .iter()
            .map(|c| c.whose)
            .collect()
    }

    #[test]
    fn a_clause_is_whose_it_names_first_and_goes_on_within_its_sentence() {
        use Whose::*;
        assert_eq!(
            whose(
                "My kid fell off the monkey bars and broke her wrist so I've been carrying her, \
                 now my glute is in knots. Stretch?"
            ),
            vec![Other, Other, Member, Member, Unsaid]
        );
        assert_eq!(
            whose("my 15 year old son is limping. my bum is sore"),
            vec![Other, Member]
        );
        // Told by someone else, about the member.
        assert_eq!(
            whose("my flatmate says my left ankle reflex is weak"),
            vec![Member]
        );
    }

    #[test]
    fn a_clause_of_the_member_may_still_name_someone_else() {
        let k = Knowledge::shipped().unwrap();
        let analyzer = Analyzer::new(&k.lexicon, &k.vocabulary());
        let clause = |m: &str| clauses(m, &analyzer).remove(0);
        let hers = clause("can I massage her glute to help?");
        assert_eq!(hers.whose, Whose::Member);
        assert!(hers.names_someone_else());
        assert!(!clause("can I massage my glute to help?").names_someone_else());
    }

    #[test]
    fn the_one_by_whom_it_was_done_is_not_whose_it_is() {
        use Whose::*;
        assert_eq!(whose("got dumped by my mare on sunday"), vec![Member]);
        assert_eq!(whose("I was tackled by their winger"), vec![Member]);
        assert_eq!(whose("my mare dumped her rider"), vec![Other]);
    }
}
