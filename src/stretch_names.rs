//! Stretches named in a question. "How do I do pigeon pose?" wants pigeon
//! pose itself (its steps, hold and caution), not the general answer about
//! stretching that lists it among others. The names are each stretch's
//! own name and the `names` members use for it in `stretches.toml`, read
//! as stems like any question, so "pigeon poses" is "pigeon pose".

use crate::analysis::{Analyzer, Term};
use crate::knowledge::Stretch;
use crate::phrases::PhraseIndex;

pub struct StretchNames {
    /// Each stretch's names.
    by_first: PhraseIndex,
    /// Each stretch's places ("at my desk").
    places: PhraseIndex,
}

impl StretchNames {
    pub fn new(stretches: &[Stretch], analyzer: &Analyzer) -> StretchNames {
        let names = stretches.iter().enumerate().flat_map(|(i, s)| {
            std::iter::once(&s.name)
                .chain(&s.names)
                .map(move |n| (n.as_str(), i))
        });
        let places = stretches
            .iter()
            .enumerate()
            .flat_map(|(i, s)| s.places.iter().map(move |p| (p.as_str(), i)));
        StretchNames {
            by_first: PhraseIndex::new(names, analyzer),
            places: PhraseIndex::new(places, analyzer),
        }
    }

    /// The stretch done at the place `terms` name ("any stretch I can do
    /// at my desk?"), when they name places of one stretch only.
    pub fn placed(&self, terms: &[Term]) -> Option<usize> {
        let found = self.places.found(terms);
        let (first, rest) = found.split_first()?;
        rest.iter().all(|f| f.2 == first.2).then_some(first.2)
    }

    /// Whether `terms` may name a stretch at all: a word some name starts
    /// with. Cheap, so most questions skip finding their asking sentences.
    pub fn may_name(&self, terms: &[Term]) -> bool {
        self.by_first.may_be_in(terms)
    }

    /// `terms` without the words of any stretch's name: "knee to opposite
    /// shoulder" names a stretch, not a knee or a shoulder.
    pub fn without_names(&self, terms: &[Term]) -> Vec<Term> {
        let found = self.found(terms);
        terms
            .iter()
            .enumerate()
            .filter(|(at, _)| !found.iter().any(|&(a, b, _)| (a..b).contains(at)))
            .map(|(_, t)| t.clone())
            .collect()
    }

    /// The stretch `terms` name, when they name one and only one. A name
    /// inside a longer one is the longer one's: "standing pigeon" is not
    /// pigeon pose.
    pub fn named(&self, terms: &[Term]) -> Option<usize> {
        let found = self.found(terms);
        let inside_another = |&(a, b, _): &(usize, usize, usize)| {
            found
                .iter()
                .any(|&(c, d, _)| c <= a && b <= d && d - c > b - a)
        };
        let mut named = found.iter().filter(|f| !inside_another(f)).map(|f| f.2);
        let first = named.next()?;
        named.all(|s| s == first).then_some(first)
    }

    /// Each name found in `terms`: its first word, the word past its
    /// last, and the stretch it names.
    fn found(&self, terms: &[Term]) -> Vec<(usize, usize, usize)> {
        self.by_first.found(terms)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The id of the stretch `find` reads in `question`.
    fn read(question: &str, find: fn(&StretchNames, &[Term]) -> Option<usize>) -> Option<String> {
        let k = crate::Knowledge::from_sources(&crate::knowledge::Sources::embedded()).unwrap();
        let analyzer = Analyzer::new(&k.lexicon, &k.vocabulary());
        let names = StretchNames::new(&k.stretches, &analyzer);
        find(&names, &analyzer.analyze(question)).map(|i| k.stretches[i].id.clone())
    }

    fn named(question: &str) -> Option<String> {
        read(question, StretchNames::named)
    }

    #[test]
    fn a_stretch_is_found_by_the_names_members_use() {
        assert_eq!(
            named("how do i do pigeon properly").as_deref(),
            Some("pigeon-pose")
        );
        assert_eq!(
            named("whats this 90/90 stretch").as_deref(),
            Some("ninety-ninety")
        );
        assert_eq!(
            named("how long do you hold childs pose").as_deref(),
            Some("childs-pose")
        );
    }

    #[test]
    fn a_name_inside_a_longer_one_is_the_longer_ones() {
        assert_eq!(
            named("how do i do a standing pigeon at work").as_deref(),
            Some("standing-figure-four")
        );
    }

    #[test]
    fn a_place_of_one_stretch_only_tells_which() {
        let placed = |question: &str| read(question, StretchNames::placed);
        assert_eq!(
            placed("any stretch i can do at my desk").as_deref(),
            Some("seated-figure-four")
        );
        assert_eq!(
            placed("a glute stretch i can do standing at the kitchen counter").as_deref(),
            Some("standing-figure-four")
        );
        // Places of two stretches: neither.
        assert_eq!(placed("something standing or at my desk"), None);
    }

    #[test]
    fn two_stretches_or_none_name_no_one_stretch() {
        assert_eq!(named("pigeon or child's pose, which is better"), None);
        assert_eq!(named("what stretch helps a glute knot"), None);
    }
}
