//! Phrases from the knowledge found in a question: stretch names and places
//! ("pigeon pose", "at my desk"), an entry's `needs` ("massage"). Each is
//! read as stems like any question, once, and keyed by its first stem, so
//! a question is read in one pass.

use rustc_hash::FxHashMap as HashMap;

use crate::analysis::{Analyzer, Term};

/// Phrases as stems, each with the index of what it belongs to.
#[derive(Default)]
pub struct PhraseIndex {
    by_first: HashMap<String, Vec<(Vec<String>, usize)>>,
}

impl PhraseIndex {
    /// The index of `phrases`, each with its owner.
    pub fn new<'a>(
        phrases: impl IntoIterator<Item = (&'a str, usize)>,
        analyzer: &Analyzer,
    ) -> PhraseIndex {
        let mut index = PhraseIndex::default();
        for (phrase, owner) in phrases {
            let stems: Vec<String> = analyzer
                .analyze_known(phrase)
                .into_iter()
                .map(|t| t.stem)
                .collect();
            if let Some(first) = stems.first() {
                index
                    .by_first
                    .entry(first.clone())
                    .or_default()
                    .push((stems, owner));
            }
        }
        index
    }

    /// Whether `terms` have a word some phrase starts with: cheap.
    pub fn may_be_in(&self, terms: &[Term]) -> bool {
        terms.iter().any(|t| self.by_first.contains_key(&t.stem))
    }

    /// Each phrase found in `terms`: its first word, the word past its
    /// last, and its owner.
    pub fn found(&self, terms: &[Term]) -> Vec<(usize, usize, usize)> {
        let mut found = Vec::new();
        for at in 0..terms.len() {
            let Some(phrases) = self.by_first.get(&terms[at].stem) else {
                continue;
            };
            for (stems, owner) in phrases {
                let fits = stems.len() <= terms.len() - at
                    && stems.iter().zip(&terms[at..]).all(|(s, t)| *s == t.stem);
                if fits {
                    found.push((at, at + stems.len(), *owner));
                }
            }
        }
        found
    }
}
