//! Choosing the FAQ entry or topic a question is about — or none.
//!
//! Every entry's question, aliases and keywords ("phrasings") and its answer
//! are indexed once, at load, by stem. A question's words are weighted by
//! how rare they are across the entries, so "piriformis" counts for much
//! more than "pain". An entry scores by two measures, both in [0, 1]:
//!
//! - coverage: how much of the question's weight the entry accounts for
//!   (words only in its answer count for less), so that questions about
//!   something else ("best knot for a climbing rope") score low even when
//!   one word matches;
//! - closeness: the cosine between the question and the entry's single most
//!   similar phrasing, so that a question that reads like an alias wins.
//!
//! The work per question is proportional to the postings of its own words,
//! never to the number of entries.

use std::collections::{HashMap, HashSet};

use crate::analysis::{Analyzer, Term};
use crate::knowledge::Knowledge;

/// Weighting of the two measures in the final score.
const COVERAGE_SHARE: f32 = 0.5;
/// A question word found only in an entry's answer counts this much.
const BODY_SHARE: f32 = 0.4;
/// Weight of a question word the knowledge never uses, relative to the
/// rarest known word: unknown words are usually about something else.
const UNKNOWN_SHARE: f32 = 0.55;
/// Answer when the question is clearly about glutes or knots...
pub const ANCHORED_THRESHOLD: f32 = 0.40;
/// ...and demand more when it never says so.
pub const UNANCHORED_THRESHOLD: f32 = 0.55;
/// Below this, an entry is not even worth suggesting.
pub const SUGGESTION_FLOOR: f32 = 0.25;

const BODY_DOC: u32 = u32::MAX;

#[derive(Clone, Copy)]
struct Posting {
    entry: u32,
    /// The phrasing the word is in, or `BODY_DOC` for the answer text.
    doc: u32,
}

/// A scored candidate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scored {
    pub entry: usize,
    pub score: f32,
}

/// What the matcher makes of a question.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranking {
    /// Best first, at most four, all above the suggestion floor.
    pub candidates: Vec<Scored>,
    /// The question names glutes, knots or their care (not negated).
    pub anchored: bool,
    /// The question names another body part.
    pub elsewhere: bool,
}

impl Ranking {
    /// The candidate to answer with, if the matcher is sure enough.
    pub fn confident(&self) -> Option<Scored> {
        let best = *self.candidates.first()?;
        let threshold = match (self.anchored, self.elsewhere) {
            (true, _) => ANCHORED_THRESHOLD,
            (false, true) => return None,
            (false, false) => UNANCHORED_THRESHOLD,
        };
        (best.score >= threshold).then_some(best)
    }

    /// Whether the question is about another part of the body only.
    pub fn about_elsewhere(&self) -> bool {
        self.elsewhere && !self.anchored
    }

    pub fn score_of(&self, entry: usize) -> Option<f32> {
        self.candidates.iter().find(|c| c.entry == entry).map(|c| c.score)
    }
}

pub struct Matcher {
    terms: HashMap<String, u32>,
    weights: Vec<f32>,
    postings: Vec<Vec<Posting>>,
    /// Sum of the weights of each phrasing's words.
    doc_norms: Vec<f32>,
    unknown_weight: f32,
    stopwords: HashSet<String>,
    negations: HashSet<String>,
    anchors: Vec<Vec<String>>,
    elsewhere: Vec<Vec<String>>,
}

impl Matcher {
    pub fn new(k: &Knowledge, analyzer: &Analyzer) -> Matcher {
        let stopwords: HashSet<String> = k.lexicon.stopwords.iter().flat_map(|w| analyzer.analyze_known(w)).map(|t| t.stem).collect();
        let phrases = |list: &[String]| -> Vec<Vec<String>> {
            list.iter()
                .map(|p| analyzer.analyze_known(p).into_iter().map(|t| t.stem).collect::<Vec<_>>())
                .filter(|p| !p.is_empty())
                .collect()
        };
        let mut m = Matcher {
            terms: HashMap::new(),
            weights: Vec::new(),
            postings: Vec::new(),
            doc_norms: Vec::new(),
            unknown_weight: 0.0,
            negations: phrases(&k.lexicon.negations).into_iter().flatten().collect(),
            anchors: phrases(&k.lexicon.anchors),
            elsewhere: phrases(&k.lexicon.elsewhere),
            stopwords,
        };
        let docs = m.index(k, analyzer);
        m.weigh(k.entries.len());
        m.doc_norms = docs.iter().map(|d| d.iter().map(|t| m.weights[*t as usize]).sum()).collect();
        m
    }

    /// Fills the postings; returns each phrasing's distinct term ids.
    fn index(&mut self, k: &Knowledge, analyzer: &Analyzer) -> Vec<Vec<u32>> {
        let mut docs: Vec<Vec<u32>> = Vec::new();
        for (entry, e) in k.entries.iter().enumerate() {
            let mut in_phrasing: HashSet<u32> = HashSet::new();
            let phrasings = std::iter::once(&e.title).chain(&e.aliases).chain(&e.keywords);
            for text in phrasings {
                let ids = self.content_ids(&analyzer.analyze_known(text));
                let doc = docs.len() as u32;
                for &t in &ids {
                    self.postings[t as usize].push(Posting { entry: entry as u32, doc });
                }
                in_phrasing.extend(ids.iter().copied());
                docs.push(ids);
            }
            for t in self.content_ids(&analyzer.analyze_known(&e.body)) {
                if !in_phrasing.contains(&t) {
                    self.postings[t as usize].push(Posting { entry: entry as u32, doc: BODY_DOC });
                }
            }
        }
        docs
    }

    /// Distinct ids of the non-stopword stems, interning new ones.
    fn content_ids(&mut self, terms: &[Term]) -> Vec<u32> {
        let mut ids = Vec::new();
        for t in terms.iter().filter(|t| !self.stopwords.contains(&t.stem)) {
            let next = self.terms.len() as u32;
            let id = *self.terms.entry(t.stem.clone()).or_insert(next);
            if id == next {
                self.postings.push(Vec::new());
            }
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        ids
    }

    /// Inverse document frequency over entries; answer-only uses count half.
    fn weigh(&mut self, entries: usize) {
        let n = entries.max(1) as f32;
        self.weights = self
            .postings
            .iter()
            .map(|list| {
                let mut seen: HashMap<u32, f32> = HashMap::new();
                for p in list {
                    let share = if p.doc == BODY_DOC { 0.5 } else { 1.0 };
                    let slot = seen.entry(p.entry).or_insert(0.0);
                    *slot = slot.max(share);
                }
                let df: f32 = seen.values().sum();
                (1.0 + n / df.max(0.5)).ln()
            })
            .collect();
        self.unknown_weight = (1.0 + n).ln() * UNKNOWN_SHARE;
    }

    pub fn rank(&self, terms: &[Term]) -> Ranking {
        let anchored = self.has_anchor(terms);
        let elsewhere = self.elsewhere.iter().any(|p| find_phrase(terms, p).is_some());
        let query = self.query(terms);
        let total: f32 = query.iter().map(|(_, w)| w).sum();
        let mut candidates = if total > 0.0 { self.score(&query, total) } else { Vec::new() };
        candidates.retain(|c| c.score >= SUGGESTION_FLOOR);
        candidates.truncate(4);
        Ranking {
            candidates,
            anchored,
            elsewhere,
        }
    }

    /// The question's distinct content words with their weights; `None`
    /// for words the knowledge never uses.
    fn query(&self, terms: &[Term]) -> Vec<(Option<u32>, f32)> {
        let mut seen: HashSet<&str> = HashSet::new();
        terms
            .iter()
            .filter(|t| !self.stopwords.contains(&t.stem) && seen.insert(&t.stem))
            .map(|t| match self.terms.get(&t.stem) {
                Some(&id) => (Some(id), self.weights[id as usize]),
                None => (None, self.unknown_weight),
            })
            .collect()
    }

    fn score(&self, query: &[(Option<u32>, f32)], total: f32) -> Vec<Scored> {
        // entry -> (weight covered by phrasings, weight covered by answer only)
        let mut covered: HashMap<u32, (f32, f32)> = HashMap::new();
        let mut doc_hits: HashMap<u32, (u32, f32)> = HashMap::new();
        for (id, weight) in query {
            let Some(id) = id else { continue };
            let mut last_entry = None;
            for p in &self.postings[*id as usize] {
                let slot = covered.entry(p.entry).or_insert((0.0, 0.0));
                if p.doc == BODY_DOC {
                    slot.1 += weight;
                } else {
                    if last_entry != Some(p.entry) {
                        slot.0 += weight;
                    }
                    last_entry = Some(p.entry);
                    doc_hits.entry(p.doc).or_insert((p.entry, 0.0)).1 += weight;
                }
            }
        }
        let mut closeness: HashMap<u32, f32> = HashMap::new();
        for (doc, (entry, hit)) in doc_hits {
            let cosine = hit / (total * self.doc_norms[doc as usize]).sqrt();
            let best = closeness.entry(entry).or_insert(0.0);
            *best = best.max(cosine);
        }
        let mut scored: Vec<Scored> = covered
            .into_iter()
            .map(|(entry, (main, body))| {
                let coverage = (main + BODY_SHARE * body) / total;
                let close = closeness.get(&entry).copied().unwrap_or(0.0);
                let score = COVERAGE_SHARE * coverage + (1.0 - COVERAGE_SHARE) * close;
                Scored {
                    entry: entry as usize,
                    score: score.clamp(0.0, 1.0),
                }
            })
            .collect();
        scored.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.entry.cmp(&b.entry)));
        scored
    }

    /// An anchor counts unless a negation stands just before it.
    fn has_anchor(&self, terms: &[Term]) -> bool {
        self.anchors.iter().any(|phrase| {
            let mut from = 0;
            while let Some(at) = find_phrase(&terms[from..], phrase).map(|i| i + from) {
                let before = &terms[at.saturating_sub(2)..at];
                if !before.iter().any(|t| self.negations.contains(&t.stem)) {
                    return true;
                }
                from = at + 1;
            }
            false
        })
    }
}

/// Where the stems of `phrase` stand next to each other in `terms`.
fn find_phrase(terms: &[Term], phrase: &[String]) -> Option<usize> {
    if phrase.is_empty() || terms.len() < phrase.len() {
        return None;
    }
    (0..=terms.len() - phrase.len()).find(|&i| phrase.iter().zip(&terms[i..]).all(|(p, t)| *p == t.stem))
}
