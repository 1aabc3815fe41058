//! Stretches named in a question. "How do I do pigeon pose?" wants pigeon
//! pose itself (its steps, hold and caution), not the general answer about
//! stretching that lists it among others. The names are each stretch's
//! own name and the `names` members use for it in `stretches.toml`, read
//! as stems like any question, so "pigeon poses" is "pigeon pose".

use rustc_hash::FxHashMap as HashMap;

use crate::analysis::{Analyzer, Term};
use crate::knowledge::Stretch;

pub struct StretchNames {
    /// Each name as stems, with the stretch it names, keyed by its first
    /// stem so a question is read in one pass.
    by_first: HashMap<String, Vec<(Vec<String>, usize)>>,
}

impl StretchNames {
    pub fn new(stretches: &[Stretch], analyzer: &Analyzer) -> StretchNames {
        let mut by_first: HashMap<String, Vec<(Vec<String>, usize)>> = HashMap::default();
        for (i, s) in stretches.iter().enumerate() {
            for name in std::iter::once(&s.name).chain(&s.names) {
                let stems: Vec<String> = analyzer
                    .analyze_known(name)
                    .into_iter()
                    .map(|t| t.stem)
                    .collect();
                if let Some(first) = stems.first() {
                    by_first.entry(first.clone()).or_default().push((stems, i));
                }
            }
        }
        StretchNames { by_first }
    }

    /// Whether `terms` may name a stretch at all: a word some name starts
    /// with. Cheap, so most questions skip finding their asking sentences.
    pub fn may_name(&self, terms: &[Term]) -> bool {
        terms.iter().any(|t| self.by_first.contains_key(&t.stem))
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
        let mut found: Vec<(usize, usize, usize)> = Vec::new();
        for at in 0..terms.len() {
            let Some(names) = self.by_first.get(&terms[at].stem) else {
                continue;
            };
            for (stems, stretch) in names {
                let fits = stems.len() <= terms.len() - at
                    && stems.iter().zip(&terms[at..]).all(|(s, t)| *s == t.stem);
                if fits {
                    found.push((at, at + stems.len(), *stretch));
                }
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(question: &str) -> Option<String> {
        let k = crate::Knowledge::from_sources(&crate::knowledge::Sources::embedded()).unwrap();
        let analyzer = Analyzer::new(&k.lexicon, &k.vocabulary());
        let names = StretchNames::new(&k.stretches, &analyzer);
        names
            .named(&analyzer.analyze(question))
            .map(|i| k.stretches[i].id.clone())
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
    fn two_stretches_or_none_name_no_one_stretch() {
        assert_eq!(named("pigeon or child's pose, which is better"), None);
        assert_eq!(named("what stretch helps a glute knot"), None);
    }
}
