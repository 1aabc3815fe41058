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

use std::cell::RefCell;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::analysis::{Analyzer, Term};
use crate::intent::Intents;
use crate::knowledge::Knowledge;
use crate::scope::{Bars, Reading, Scope};

/// The matcher's knobs, chosen by measurement on evaluation sets
/// (`cargo run --release --example tune`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tuning {
    /// Share of coverage (against closeness) in the final score.
    pub coverage_share: f32,
    /// A question word found only in an entry's answer counts this much.
    pub body_share: f32,
    /// A word in one alias only (not the question or keywords) counts this
    /// much; each further alias that has it adds `alias_step`.
    pub alias_share: f32,
    pub alias_step: f32,
    /// Weight of a word the knowledge never uses, relative to a word that
    /// only one entry uses: unknown words are usually about something else.
    pub unknown_share: f32,
    /// Unknown words together weigh their count to this power (times one
    /// word's weight): below 1, a long story around a question ("trucker
    /// here, 20 years on my wallet...") does not drown it.
    pub unknown_power: f32,
    /// Share of the final score given to the entry's matched weight on an
    /// absolute scale, `matched / (matched + absolute_half)`, which a long
    /// question full of context does not dilute.
    pub absolute_share: f32,
    pub absolute_half: f32,
    /// Answer when the question is clearly about glutes or knots...
    pub anchored_threshold: f32,
    /// ...somewhat more when it only uses a word of ours that has other
    /// meanings too ("knot", "massage")...
    pub topical_threshold: f32,
    /// ...and much more when it never says what it is about.
    pub unanchored_threshold: f32,
    /// For a question that names nothing but points back at an unnamed
    /// subject ("how long do these take to go?"; see `scope.rs`).
    pub pointing_back_threshold: f32,
    /// Below this, an entry is not even worth suggesting.
    pub suggestion_floor: f32,
    /// Least total weight of known, non-stopword words a question needs
    /// before it can be answered at all (a rare word weighs about 3, "glute"
    /// or "knot", found in most entries, well under 1).
    pub min_evidence: f32,
    /// Stopwords count this much of their usual weight: they say little
    /// alone, but "after", "who" or "how long" can tell two entries apart.
    pub stopword_share: f32,
    /// Added when the question contains every word of an entry's title:
    /// "what is the piriformis" names the topic "Piriformis" outright.
    pub title_bonus: f32,
    /// In a long message, the story's words weigh this share of the asking
    /// sentences' words.
    pub story_share: f32,
    /// Added (closing that share of the gap to 1) in proportion to the
    /// share of an entry's phrasings that ask the way the question does
    /// ("how long", "why", "can I": see `intent.rs`).
    pub intent_bonus: f32,
    /// Added (closing that share of the gap to 1) to an entry whose title
    /// names the thing the question asks for ("a good stretch for ..."
    /// and "Does stretching help glute knots?").
    pub wanted_bonus: f32,
    /// How far above the best score before `wanted_bonus` may lift an
    /// entry, in a question about glutes (see `lean_to_wanted`).
    pub wanted_lift: f32,
    /// In a question about glutes, or one with a word of ours about a knot
    /// or pain, a best candidate that leads the next by at least
    /// `lead_gap` needs `lead_allowance` less than the bar: one entry
    /// standing well clear of the rest is a surer answer than one among
    /// equals.
    pub lead_gap: f32,
    pub lead_allowance: f32,
    /// A long message read two ways (its asking sentences, and whole)
    /// that puts the same entry first both times, each at least this share
    /// of its bar, is answered with it: two readings that agree are surer
    /// than either alone.
    pub agreement_share: f32,
    /// A follow-up read with the message before it, whose first candidate
    /// is the entry that answered that message, is answered with it at
    /// this share of its bar: the subject goes on.
    pub follow_up_share: f32,
}

impl Default for Tuning {
    fn default() -> Self {
        Tuning {
            coverage_share: 0.5,
            body_share: 0.2,
            alias_share: 0.6,
            alias_step: 0.15,
            unknown_share: 1.0,
            unknown_power: 0.8,
            absolute_share: 0.25,
            absolute_half: 10.0,
            anchored_threshold: 0.32,
            topical_threshold: 0.43,
            unanchored_threshold: 0.7,
            pointing_back_threshold: 0.5,
            suggestion_floor: 0.25,
            title_bonus: 0.1,
            story_share: 0.3,
            intent_bonus: 0.1,
            wanted_bonus: 0.2,
            wanted_lift: 0.05,
            lead_gap: 0.05,
            lead_allowance: 0.02,
            agreement_share: 0.85,
            follow_up_share: 0.75,
            stopword_share: 0.35,
            min_evidence: 0.5,
        }
    }
}

const BODY_DOC: u32 = u32::MAX;

/// The least share of a topic's phrasings counted as asking what its
/// subject is (see `index`).
const TOPIC_DEFINITION_SHARE: f32 = 0.5;

/// Fewest entries a word must be in to count as common (see `accumulate`):
/// high enough that in a knowledge base of a few hundred entries every word
/// still finds candidates.
const COMMON_MIN: usize = 256;

thread_local! {
    /// Per-thread accumulators, reused so a question allocates nothing in
    /// proportion to the size of the knowledge.
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// Dense accumulators indexed by entry and phrasing, plus the lists of the
/// ones a question touched, which are all that is cleared afterwards.
#[derive(Default)]
struct Scratch {
    covered: Vec<f32>,
    /// Per entry: best cosine to one phrasing, and whether the title is
    /// fully named.
    close: Vec<(f32, bool)>,
    doc_hit: Vec<f32>,
    entries: Vec<u32>,
    docs: Vec<u32>,
}

impl Scratch {
    fn fit(&mut self, entries: usize, docs: usize) {
        if self.covered.len() < entries {
            self.covered.resize(entries, 0.0);
            self.close.resize(entries, (0.0, false));
        }
        if self.doc_hit.len() < docs {
            self.doc_hit.resize(docs, 0.0);
        }
    }

    fn add_entry(&mut self, entry: u32, weight: f32) {
        if self.covered[entry as usize] == 0.0 {
            self.entries.push(entry);
        }
        self.covered[entry as usize] += weight;
    }

    fn add_doc(&mut self, doc: u32, weight: f32) {
        if self.doc_hit[doc as usize] == 0.0 {
            self.docs.push(doc);
        }
        self.doc_hit[doc as usize] += weight;
    }

    fn clear(&mut self) {
        for e in self.entries.drain(..) {
            self.covered[e as usize] = 0.0;
            self.close[e as usize] = (0.0, false);
        }
        for d in self.docs.drain(..) {
            self.doc_hit[d as usize] = 0.0;
        }
    }
}

#[derive(Clone, Copy)]
struct Posting {
    entry: u32,
    /// The phrasing the word is in, or `BODY_DOC` for the answer text.
    doc: u32,
    /// How central the word is to the entry, in (0, 1]: the same for all
    /// of one entry's postings of a word.
    strength: f32,
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
    /// What the whole message names, as far as scope goes.
    pub scope: Reading,
    /// The score the best candidate needs, given the above.
    threshold: Option<f32>,
    /// The question is about another body part (see `asks_elsewhere`):
    /// not ours, whatever the story around it.
    pub elsewhere_question: bool,
}

impl Ranking {
    /// The candidate to answer with, if the matcher is sure enough.
    pub fn confident(&self) -> Option<Scored> {
        let best = *self.candidates.first()?;
        (best.score >= self.threshold?).then_some(best)
    }

    /// Puts `entry` first when it scores within `margin` of the best, at
    /// the best score: in a follow-up, the subject just answered wins a
    /// near tie ("how long do I hold it?" after a stretch).
    pub fn prefer(mut self, entry: usize, margin: f32) -> Ranking {
        let Some(best) = self.candidates.first().map(|c| c.score) else {
            return self;
        };
        let near = |c: &Scored| c.entry == entry && c.score >= best - margin;
        if let Some(at) = self.candidates.iter().position(near) {
            let mut chosen = self.candidates.remove(at);
            chosen.score = best;
            self.candidates.insert(0, chosen);
        }
        self
    }

    /// This ranking with its best candidate confident whatever its bar,
    /// when `agreed`; `None` otherwise.
    fn agreed(self, agreed: bool) -> Option<Ranking> {
        let best = self.candidates.first()?.score;
        agreed.then_some(Ranking {
            threshold: Some(best),
            ..self
        })
    }

    /// The same ranking of a question about another body part: nothing
    /// to be answered, suggestions only.
    pub fn refused(self) -> Ranking {
        Ranking {
            threshold: None,
            elsewhere_question: true,
            ..self
        }
    }

    /// The score an answer needs; `None` when nothing may be answered
    /// (another body part and nothing of ours, or too few words).
    pub fn threshold(&self) -> Option<f32> {
        self.threshold
    }

    pub fn score_of(&self, entry: usize) -> Option<f32> {
        self.candidates
            .iter()
            .find(|c| c.entry == entry)
            .map(|c| c.score)
    }
}

/// What the asking words of a question lean towards, besides their
/// subject: the kind of answer, and the thing asked for.
struct Leaning {
    intent: Option<usize>,
    /// Word ids of the things asked for, each in few entries' titles.
    wanted: Vec<u32>,
}

pub struct Matcher {
    tuning: Tuning,
    terms: HashMap<String, u32>,
    weights: Vec<f32>,
    postings: Vec<Vec<Posting>>,
    /// Sum of the weights of each phrasing's words.
    doc_norms: Vec<f32>,
    /// Whether each phrasing is its entry's title.
    is_title: Vec<bool>,
    /// The entry each phrasing belongs to.
    doc_entry: Vec<u32>,
    entry_count: usize,
    /// Each phrasing's terms, sorted, and each entry's phrasings (a range)
    /// and terms with their strengths, sorted: for scoring common words
    /// without walking their long postings lists.
    doc_terms: Vec<Vec<u32>>,
    entry_docs: Vec<(u32, u32)>,
    entry_terms: Vec<Vec<(u32, f32)>>,
    /// Words in more entries than this find no candidates themselves.
    common_limit: usize,
    /// In how many entries each word is.
    entry_df: Vec<u32>,
    /// Whether each word is a stopword.
    is_stop: Vec<bool>,
    unknown_weight: f32,
    stopwords: HashSet<String>,
    /// Whether a question is ours, and how sure an answer must be.
    scope: Scope,
    intents: Intents,
    /// Per entry, the share of its phrasings that show each intent.
    leanings: Vec<Vec<f32>>,
    /// In how many entries' titles each word is.
    title_df: Vec<u32>,
}

impl Matcher {
    pub fn new(k: &Knowledge, analyzer: &Analyzer, tuning: Tuning) -> Matcher {
        let stopwords: HashSet<String> = crate::language::english()
            .stopwords
            .iter()
            .flat_map(|w| analyzer.analyze_known(w))
            .map(|t| t.stem)
            .collect();
        let mut m = Matcher {
            tuning,
            terms: HashMap::default(),
            weights: Vec::new(),
            postings: Vec::new(),
            doc_norms: Vec::new(),
            is_title: Vec::new(),
            doc_entry: Vec::new(),
            entry_count: k.entries.len(),
            doc_terms: Vec::new(),
            entry_docs: Vec::new(),
            entry_terms: Vec::new(),
            common_limit: COMMON_MIN.max(k.entries.len() / 20),
            entry_df: Vec::new(),
            is_stop: Vec::new(),
            unknown_weight: 0.0,
            scope: Scope::new(&k.lexicon, analyzer),
            stopwords,
            intents: Intents::new(),
            leanings: Vec::new(),
            title_df: Vec::new(),
        };
        m.index(k, analyzer);
        m.weigh(k.entries.len());
        m.doc_norms = m
            .doc_terms
            .iter()
            .map(|d| d.iter().map(|t| m.weights[*t as usize]).sum())
            .collect();
        m
    }

    /// Fills the postings and the per-entry and per-phrasing term lists.
    fn index(&mut self, k: &Knowledge, analyzer: &Analyzer) {
        let mut docs: Vec<Vec<u32>> = Vec::new();
        for (entry, e) in k.entries.iter().enumerate() {
            let first_doc = docs.len();
            // Question and keywords say what the entry is about; aliases
            // say how people ask, so a word counts more the more of them
            // use it.
            let mut central: HashMap<u32, f32> = HashMap::default();
            let strong = std::iter::once(&e.title)
                .chain(&e.keywords)
                .map(|t| (t, true));
            let aliases = e.aliases.iter().map(|t| (t, false));
            let mut asked = Vec::new();
            for (i, (text, is_strong)) in strong.chain(aliases).enumerate() {
                // Aliases are typed like members' messages, and read alike.
                let terms = if is_strong {
                    analyzer.analyze_known(text)
                } else {
                    analyzer.analyze(text)
                };
                let ids = self.content_ids(&terms);
                if i == 0 || !is_strong {
                    asked.push(terms);
                }
                self.is_title.push(i == 0);
                self.doc_entry.push(entry as u32);
                for &t in &ids {
                    let s = central.entry(t).or_insert(0.0);
                    *s = if is_strong || *s >= 1.0 {
                        1.0
                    } else if *s == 0.0 {
                        self.tuning.alias_share
                    } else {
                        (*s + self.tuning.alias_step).min(1.0)
                    };
                }
                docs.push(ids);
            }
            for (doc, ids) in docs.iter().enumerate().skip(first_doc) {
                for &t in ids {
                    let strength = central[&t];
                    self.postings[t as usize].push(Posting {
                        entry: entry as u32,
                        doc: doc as u32,
                        strength,
                    });
                }
            }
            let strength = self.tuning.body_share;
            for t in self.content_ids(&analyzer.analyze_known(&e.body)) {
                if let std::collections::hash_map::Entry::Vacant(slot) = central.entry(t) {
                    slot.insert(strength);
                    let posting = Posting {
                        entry: entry as u32,
                        doc: BODY_DOC,
                        strength,
                    };
                    self.postings[t as usize].push(posting);
                }
            }
            let mut leaning = self.intents.leaning(&asked);
            // A topic's summary says what its subject is, however its
            // aliases ask: "what is the sciatic nerve" leans to it.
            if e.kind == crate::knowledge::EntryKind::Topic {
                if let Some(d) = self.intents.named("definition") {
                    leaning[d] = leaning[d].max(TOPIC_DEFINITION_SHARE);
                }
            }
            self.leanings.push(leaning);
            self.entry_docs.push((first_doc as u32, docs.len() as u32));
            let mut terms: Vec<(u32, f32)> = central.into_iter().collect();
            terms.sort_unstable_by_key(|(t, _)| *t);
            self.entry_terms.push(terms);
        }
        for d in &mut docs {
            d.sort_unstable();
        }
        self.title_df = vec![0; self.terms.len()];
        for &(first, _) in &self.entry_docs {
            for &t in &docs[first as usize] {
                self.title_df[t as usize] += 1;
            }
        }
        self.doc_terms = docs;
    }

    /// Distinct ids of the stems, interning new ones.
    fn content_ids(&mut self, terms: &[Term]) -> Vec<u32> {
        let mut ids = Vec::new();
        for t in terms.iter().filter(|t| says_something(t)) {
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
        let mut is_stop = vec![false; self.terms.len()];
        for (stem, id) in &self.terms {
            is_stop[*id as usize] = self.stopwords.contains(stem);
        }
        let stop_share = self.tuning.stopword_share;
        let (mut weights, mut dfs) = (Vec::new(), Vec::new());
        for (list, &stop) in self.postings.iter().zip(&is_stop) {
            let (df, entry_count) = document_frequency(list);
            let share = if stop { stop_share } else { 1.0 };
            weights.push((1.0 + n / df.max(0.5)).ln() * share);
            dfs.push(entry_count);
        }
        self.weights = weights;
        self.entry_df = dfs;
        self.is_stop = is_stop;
        self.unknown_weight = (1.0 + n).ln() * self.tuning.unknown_share;
    }

    /// The kind of answer `terms` ask for, by name ("duration"), if any.
    pub fn intent_of(&self, terms: &[Term]) -> Option<&'static str> {
        self.intents.of(terms).map(|i| self.intents.name(i))
    }

    /// What `terms` name, as far as scope goes (see `scope.rs`).
    pub fn reading(&self, terms: &[Term]) -> crate::scope::Reading {
        self.scope.read(terms)
    }

    /// Whether the asking sentences of a message are about another body
    /// part: they name one and a word of ours, but nothing that anchors
    /// them to glutes ("what's the quickest way to get a calf knot out?"
    /// after a story about glutes).
    pub fn asks_elsewhere(&self, asked: &[Term]) -> bool {
        let question = self.scope.read(asked);
        question.body_part && question.topical && !question.anchored
    }

    pub fn rank(&self, terms: &[Term]) -> Ranking {
        self.rank_within(terms, terms)
    }

    /// Ranks the words of `asked` (the sentences of a long message that
    /// ask) while deciding whether the message is ours from all of
    /// `whole`: "how long should I rest?" is about glutes when the story
    /// before it says so.
    pub fn rank_within(&self, asked: &[Term], whole: &[Term]) -> Ranking {
        let leaning = self.leaning_of(asked);
        let reading = self.scope.read(whole);
        self.rank_query(self.query(asked, None), reading, leaning)
    }

    /// Ranks all of `whole`, a long message, with the words of its asking
    /// sentences `asked` at full weight and the story's other words at
    /// `story_share` of theirs: the story still says what "it" is ("my
    /// physio mentioned cauda equina ... what actually is it?") without
    /// outvoting the question.
    pub fn rank_focused(&self, asked: &[Term], whole: &[Term]) -> Ranking {
        self.rank_focused_wanting(asked, whole, &[])
    }

    /// `rank_focused`, with the words of bare questions ("Stretch?")
    /// counted as the thing asked for.
    pub fn rank_focused_wanting(&self, asked: &[Term], whole: &[Term], bare: &[Term]) -> Ranking {
        let focus: HashSet<&str> = asked.iter().map(|t| t.stem.as_str()).collect();
        let mut leaning = self.leaning_of(asked);
        let judging = &crate::language::english().request.judging;
        let named = bare.iter().filter(|t| !judging.contains(&t.word));
        leaning.wanted.extend(self.distinctive(named));
        let mut reading = self.scope.read(whole);
        // "To build my glutes" or "whale music" in the story of a post about
        // a sore knot does not make its question off-topic: the asking
        // sentences alone say whether it is. A story with no knot or pain
        // ("my glutes aren't growing ... more reps?") still does.
        if asked.len() < whole.len() && (reading.knot || reading.pain) {
            reading.off_topic = self.scope.read(asked).off_topic;
        }
        self.rank_query(self.query(whole, Some(&focus)), reading, leaning)
    }

    /// `focused` (a message's asking sentences) made confident when it and
    /// `whole` (the whole message) put the same entry first, each near its
    /// bar (see `Tuning::agreement_share`).
    pub fn agreeing(&self, focused: &Ranking, whole: &Ranking) -> Option<Ranking> {
        let share = self.tuning.agreement_share;
        let near = |r: &Ranking| {
            let best = r.candidates.first()?;
            (best.score >= r.threshold? * share).then_some(best.entry)
        };
        let entry = near(focused)?;
        (near(whole) == Some(entry)).then(|| focused.clone().agreed(true))?
    }

    /// `follow_up` (a follow-up read with the message before it) made
    /// confident when its first candidate is the entry `before` (that
    /// message's own ranking) answered, within `follow_up_share` of its
    /// bar.
    pub fn agreeing_with_before(&self, follow_up: Ranking, before: &Ranking) -> Option<Ranking> {
        let share = self.tuning.follow_up_share;
        let answered = before.confident()?.entry;
        let best = *follow_up.candidates.first()?;
        let near = best.score >= follow_up.threshold? * share;
        follow_up.agreed(near && best.entry == answered)
    }

    /// How the asking words `asked` lean: the kind of answer they want,
    /// and the thing they ask for, when few entries' titles name it (a
    /// word in many titles tells none of them apart).
    fn leaning_of(&self, asked: &[Term]) -> Leaning {
        Leaning {
            intent: self.intents.of(asked),
            wanted: self.distinctive(self.intents.wanted(asked).into_iter()),
        }
    }

    /// The ids of `terms` that few entries' titles name (a word in many
    /// titles tells none of them apart).
    fn distinctive<'t>(&self, terms: impl Iterator<Item = &'t Term>) -> Vec<u32> {
        terms
            .filter_map(|t| self.terms.get(&t.stem).copied())
            .filter(|&id| {
                (1..=2).contains(&self.title_df[id as usize]) && !self.is_stop[id as usize]
            })
            .collect()
    }

    fn rank_query(
        &self,
        query: Vec<(Option<u32>, f32)>,
        reading: Reading,
        leaning: Leaning,
    ) -> Ranking {
        let t = &self.tuning;
        let threshold = reading.bar(Bars {
            anchored: t.anchored_threshold,
            topical: t.topical_threshold,
            unanchored: t.unanchored_threshold,
            pointing_back: t.pointing_back_threshold,
        });
        let total: f32 = query.iter().map(|(_, w)| w).sum();
        // A question of only common words ("what do i do") is too thin to
        // answer, however well it matches: suggestions only.
        let evidence: f32 = query
            .iter()
            .filter(|(id, _)| id.is_some_and(|i| !self.is_stop[i as usize]))
            .map(|(_, w)| w)
            .sum();
        let threshold = threshold.filter(|_| evidence >= t.min_evidence);
        let mut candidates = if total > 0.0 {
            self.score(&query, total)
        } else {
            Vec::new()
        };
        if !leaning.wanted.is_empty() && t.wanted_bonus > 0.0 {
            let lift = if reading.anchored { t.wanted_lift } else { 0.0 };
            self.lean_to_wanted(&mut candidates, &leaning.wanted, lift);
        }
        if let Some(intent) = leaning.intent.filter(|_| t.intent_bonus > 0.0) {
            self.lean(&mut candidates, intent);
        }
        candidates.retain(|c| c.score >= self.tuning.suggestion_floor);
        candidates.truncate(4);
        // Only for a question about glutes or about the trouble: "massage
        // gun recs under $100?" is shopping and "whats a good cadence?"
        // sport, however clear their best entry (for every question with a
        // word of ours, 22 more right answers on the sets cost 4 answers
        // to questions that are not ours; for knots and pain, 17 cost none).
        let trouble = reading.topical && !reading.off_topic && (reading.knot || reading.pain);
        let allowance = if reading.anchored || trouble {
            self.lead_allowance(&candidates)
        } else {
            0.0
        };
        let threshold = threshold.map(|bar| bar - allowance);
        Ranking {
            candidates,
            scope: reading,
            threshold,
            elsewhere_question: false,
        }
    }

    /// How much less than the bar the best of `candidates` needs, for
    /// standing clear of the next (see `Tuning::lead_gap`); the
    /// suggestion floor stands in for a next that is not there.
    fn lead_allowance(&self, candidates: &[Scored]) -> f32 {
        let t = &self.tuning;
        let score = |i: usize| candidates.get(i).map_or(t.suggestion_floor, |c| c.score);
        if candidates.is_empty() || score(0) - score(1) < t.lead_gap {
            return 0.0;
        }
        t.lead_allowance
    }

    /// Moves entries whose title names a thing the question asks for
    /// (`wanted`) up by `wanted_bonus`, never more than `lift` above the
    /// best score before, and first among equals: "what's a good stretch
    /// for it" is about stretching, whatever else it shares with other
    /// entries. `lift` is `wanted_lift` for a question about glutes ("my
    /// glute is tight. what stretch?" is asked plainly enough to answer),
    /// nothing otherwise ("massage gun recs under $100?" is shopping).
    fn lean_to_wanted(&self, candidates: &mut [Scored], wanted: &[u32], lift: f32) {
        let best = candidates.first().map_or(0.0, |c| c.score);
        let names = |entry: usize| {
            let (title, _) = self.entry_docs[entry];
            let title = &self.doc_terms[title as usize];
            wanted.iter().any(|w| title.binary_search(w).is_ok())
        };
        for c in candidates.iter_mut().filter(|c| names(c.entry)) {
            let raised = c.score + self.tuning.wanted_bonus * (1.0 - c.score);
            c.score = raised.min(best + lift);
        }
        candidates.sort_by(|a, b| {
            let by_name = names(b.entry).cmp(&names(a.entry));
            b.score
                .total_cmp(&a.score)
                .then(by_name)
                .then(a.entry.cmp(&b.entry))
        });
    }

    /// Moves entries whose phrasings ask the way the question does up by
    /// `intent_bonus` times the share of them that do, never above the
    /// best score before: the intent chooses between close neighbours, it
    /// does not make a question more answerable.
    fn lean(&self, candidates: &mut [Scored], intent: usize) {
        let best = candidates.first().map_or(0.0, |c| c.score);
        for c in candidates.iter_mut() {
            let share = self.leanings[c.entry][intent];
            let raised = c.score + self.tuning.intent_bonus * share * (1.0 - c.score);
            c.score = raised.min(best);
        }
        candidates.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.entry.cmp(&b.entry)));
    }

    /// The question's distinct content words with their weights; `None`
    /// for words the knowledge never uses. Words outside `focus`, when
    /// given, weigh `story_share` of their weight.
    fn query(&self, terms: &[Term], focus: Option<&HashSet<&str>>) -> Vec<(Option<u32>, f32)> {
        let unknown = self.unknown_weight;
        let mut seen: HashSet<&str> = HashSet::default();
        let mut query: Vec<(Option<u32>, f32)> = terms
            .iter()
            .filter(|t| says_something(t) && seen.insert(&t.stem))
            .map(|t| {
                let (id, weight) = match self.terms.get(&t.stem) {
                    Some(&id) => (Some(id), self.weights[id as usize]),
                    None if self.stopwords.contains(&t.stem) => {
                        (None, unknown * self.tuning.stopword_share)
                    }
                    None => (None, unknown),
                };
                let in_story = focus.is_some_and(|f| !f.contains(t.stem.as_str()));
                let share = if in_story {
                    self.tuning.story_share
                } else {
                    1.0
                };
                (id, weight * share)
            })
            .collect();
        let unknowns = query.iter().filter(|(id, _)| id.is_none()).count();
        if unknowns > 1 {
            let scale = (unknowns as f32).powf(self.tuning.unknown_power - 1.0);
            for (id, w) in &mut query {
                if id.is_none() {
                    *w *= scale;
                }
            }
        }
        query
    }

    fn score(&self, query: &[(Option<u32>, f32)], total: f32) -> Vec<Scored> {
        SCRATCH.with(|cell| {
            let mut scratch = cell.borrow_mut();
            scratch.fit(self.entry_count, self.doc_norms.len());
            self.accumulate(query, &mut scratch);
            let scored = self.finish(&mut scratch, total);
            scratch.clear();
            scored
        })
    }

    /// Adds each question word's weight to the entries and phrasings that
    /// contain it. Rare words walk their postings and so find the
    /// candidates; common words are only looked up in those candidates, so
    /// a word in every entry costs nothing in proportion to the entries.
    fn accumulate(&self, query: &[(Option<u32>, f32)], s: &mut Scratch) {
        let mut common: Vec<(u32, f32)> = Vec::new();
        for (id, weight) in query {
            let Some(id) = *id else { continue };
            if self.entry_df[id as usize] as usize > self.common_limit {
                common.push((id, *weight));
                continue;
            }
            self.add_postings(id, *weight, s, false);
        }
        if !common.is_empty() {
            self.add_common(&common, s);
        }
    }

    /// Adds the common words to the entries found so far. A word whose
    /// postings are fewer than those entries' phrasings is cheaper to walk
    /// (the shipped knowledge, a few dozen entries); otherwise each entry
    /// looks the word up (ten thousand entries, a word in most of them).
    fn add_common(&self, common: &[(u32, f32)], s: &mut Scratch) {
        let phrasings: usize = s
            .entries
            .iter()
            .map(|&e| {
                let (first, last) = self.entry_docs[e as usize];
                (last - first) as usize
            })
            .sum();
        let mut looked_up: Vec<(u32, f32)> = Vec::new();
        for &(t, weight) in common {
            if self.postings[t as usize].len() <= phrasings {
                self.add_postings(t, weight, s, true);
            } else {
                looked_up.push((t, weight));
            }
        }
        self.look_up_common(&looked_up, s);
    }

    /// Adds `weight` of the word `id` to the entries and phrasings that
    /// contain it; with `found_only`, to the entries already found only.
    fn add_postings(&self, id: u32, weight: f32, s: &mut Scratch, found_only: bool) {
        let mut last_entry = u32::MAX;
        for p in &self.postings[id as usize] {
            if found_only && s.covered[p.entry as usize] == 0.0 {
                continue;
            }
            // One entry's postings of a word share a strength: count it once.
            if p.entry != last_entry {
                s.add_entry(p.entry, weight * p.strength);
                last_entry = p.entry;
            }
            if p.doc != BODY_DOC {
                s.add_doc(p.doc, weight);
            }
        }
    }

    fn look_up_common(&self, common: &[(u32, f32)], s: &mut Scratch) {
        for i in 0..s.entries.len() {
            let entry = s.entries[i];
            let terms = &self.entry_terms[entry as usize];
            let (first, last) = self.entry_docs[entry as usize];
            for &(t, weight) in common {
                let Ok(at) = terms.binary_search_by_key(&t, |(id, _)| *id) else {
                    continue;
                };
                s.add_entry(entry, weight * terms[at].1);
                for doc in first..last {
                    if self.doc_terms[doc as usize].binary_search(&t).is_ok() {
                        s.add_doc(doc, weight);
                    }
                }
            }
        }
    }

    /// Combines coverage and closeness into each touched entry's score.
    fn finish(&self, s: &mut Scratch, total: f32) -> Vec<Scored> {
        for &doc in &s.docs {
            let d = doc as usize;
            let (hit, norm) = (s.doc_hit[d], self.doc_norms[d]);
            let slot = &mut s.close[self.doc_entry[d] as usize];
            slot.0 = slot.0.max(hit / (total * norm).sqrt());
            slot.1 |= self.is_title[d] && hit >= norm * 0.999;
        }
        let share = self.tuning.coverage_share;
        let mut scored: Vec<Scored> = s
            .entries
            .iter()
            .map(|&entry| {
                let (close, titled) = s.close[entry as usize];
                let covered = s.covered[entry as usize];
                let relative = (share * (covered / total) + (1.0 - share) * close).min(1.0);
                let absolute = covered / (covered + self.tuning.absolute_half);
                let a = self.tuning.absolute_share;
                let base = (1.0 - a) * relative + a * absolute;
                // The bonus closes part of the gap to 1, so scores stay in
                // [0, 1] without clamping ties together.
                let bonus = if titled { self.tuning.title_bonus } else { 0.0 };
                Scored {
                    entry: entry as usize,
                    score: base + bonus * (1.0 - base),
                }
            })
            .collect();
        scored.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.entry.cmp(&b.entry)));
        scored
    }
}

/// Single characters ("k" of "5k", a stray "x") say nothing about what a
/// question asks, yet one found in a single entry would weigh like a rare word.
fn says_something(t: &Term) -> bool {
    t.word.chars().nth(1).is_some()
}

/// A word's document frequency, where an entry that has it only in its
/// answer counts half, and the plain number of entries that have it.
/// Postings are grouped by entry, so one pass suffices.
fn document_frequency(postings: &[Posting]) -> (f32, u32) {
    let (mut df, mut count) = (0.0, 0);
    let mut last = None;
    for p in postings {
        if last != Some(p.entry) {
            df += if p.doc == BODY_DOC { 0.5 } else { 1.0 };
            count += 1;
            last = Some(p.entry);
        }
    }
    (df, count)
}

/// One test per scoring rule, on four entries of our own, so a rule's
/// effect is seen apart from the statistics of the real knowledge.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::{Entry, EntryKind};

    fn entry(id: &str, title: &str, aliases: &[&str], body: &str) -> Entry {
        Entry {
            kind: EntryKind::Faq,
            id: id.to_string(),
            title: title.to_string(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            keywords: Vec::new(),
            body: body.to_string(),
            related: Vec::new(),
            needs: Vec::new(),
            line: 1,
        }
    }

    struct Fixture {
        k: Knowledge,
        analyzer: Analyzer,
    }

    impl Fixture {
        fn new() -> Fixture {
            let entries = vec![
                entry(
                    "piriformis-stretch",
                    "How do I stretch the piriformis?",
                    &["piriformis stretch", "stretch for the piriformis"],
                    "Lie on your back, cross one ankle over the other knee and pull gently.",
                ),
                entry(
                    "what-is-a-knot",
                    "What is a glute knot?",
                    &["what is a knot in my glute", "glute knot meaning"],
                    "A tight, tender spot in the muscle that can send an ache nearby.",
                ),
                entry(
                    "heat-or-ice",
                    "Should I use heat or ice on a glute knot?",
                    &["heat or ice for a glute knot", "ice pack on a sore glute"],
                    "Warmth usually eases a knot; cold suits a fresh strain.",
                ),
                entry(
                    "sitting",
                    "Why does my glute hurt when sitting?",
                    &[
                        "glute pain when sitting at my desk",
                        "sore glute after sitting all day",
                    ],
                    "Long sitting presses on the muscle and keeps it short.",
                ),
            ];
            Fixture::of(entries)
        }

        fn of(entries: Vec<Entry>) -> Fixture {
            let k = Knowledge::shipped().unwrap().with_entries(entries);
            let analyzer = Analyzer::new(&k.lexicon, &k.vocabulary());
            Fixture { k, analyzer }
        }

        fn rank(&self, tuning: Tuning, question: &str) -> Ranking {
            Matcher::new(&self.k, &self.analyzer, tuning).rank(&self.analyzer.analyze(question))
        }

        fn answer(&self, question: &str) -> Option<&str> {
            let best = self.rank(Tuning::default(), question).confident()?;
            Some(&self.k.entries[best.entry].id)
        }

        fn score(&self, tuning: Tuning, question: &str, id: &str) -> f32 {
            let entry = self.k.entries.iter().position(|e| e.id == id).unwrap();
            self.rank(tuning, question).score_of(entry).unwrap_or(0.0)
        }
    }

    #[test]
    fn a_rare_word_outweighs_words_every_entry_shares() {
        let f = Fixture::new();
        // "glute" is in every entry, "piriformis" in one: it decides.
        assert_eq!(
            f.answer("my glute, the piriformis"),
            Some("piriformis-stretch")
        );
    }

    #[test]
    fn a_question_that_reads_like_an_alias_is_answered_with_it() {
        let f = Fixture::new();
        assert_eq!(
            f.answer("heat or ice for my glute knot?"),
            Some("heat-or-ice")
        );
        assert_eq!(
            f.answer("sore glute after sitting all day at work"),
            Some("sitting")
        );
    }

    #[test]
    fn a_question_our_entries_do_not_cover_gets_no_answer() {
        let f = Fixture::new();
        assert_eq!(f.answer("what is the capital of france"), None);
        // Only words every question shares: too little to go on at all.
        assert_eq!(f.rank(Tuning::default(), "what is it").threshold(), None);
    }

    #[test]
    fn naming_an_entrys_whole_title_adds_the_title_bonus() {
        let f = Fixture::new();
        let q = "how do i stretch the piriformis";
        let without = Tuning {
            title_bonus: 0.0,
            ..Tuning::default()
        };
        let base = f.score(without, q, "piriformis-stretch");
        let with = f.score(Tuning::default(), q, "piriformis-stretch");
        // The bonus closes its share of the gap to a perfect score.
        let expected = base + Tuning::default().title_bonus * (1.0 - base);
        assert!((with - expected).abs() < 1e-4, "{with} vs {expected}");
        assert_eq!(f.answer(q), Some("piriformis-stretch"));
    }

    /// Two readings of a long message, its asking sentence and the whole,
    /// that put the same entry first a little under the bar answer it;
    /// not when one is further under its bar than the share allows.
    #[test]
    fn two_readings_that_agree_near_the_bar_answer() {
        let f = Fixture::new();
        let whole = f
            .analyzer
            .analyze("desk job, eight hours a day. sore glute after sitting, what helps?");
        let asked = f.analyzer.analyze("sore glute after sitting, what helps?");
        let ranked = |tuning: Tuning| {
            let m = Matcher::new(&f.k, &f.analyzer, tuning);
            let focused = m.rank_focused_wanting(&asked, &whole, &[]);
            let whole = m.rank(&whole);
            (m, focused, whole)
        };
        let (_, focused, whole) = ranked(Tuning::default());
        let best = |r: &Ranking| r.candidates[0].score;
        let (low, high) = (
            best(&focused).min(best(&whole)),
            best(&focused).max(best(&whole)),
        );
        // A bar just above both scores, with no allowance for a lead.
        let near = Tuning {
            anchored_threshold: high + 0.01,
            topical_threshold: high + 0.01,
            lead_allowance: 0.0,
            agreement_share: (low / (high + 0.01)) - 0.01,
            ..Tuning::default()
        };
        let (m, focused, whole) = ranked(near);
        assert_eq!(focused.confident(), None);
        assert_eq!(whole.confident(), None);
        let agreed = m.agreeing(&focused, &whole).and_then(|r| r.confident());
        assert_eq!(
            agreed.map(|c| f.k.entries[c.entry].id.as_str()),
            Some("sitting")
        );
        // The same bar with a stricter share: too far under it.
        let strict = Tuning {
            agreement_share: 1.0,
            ..near
        };
        let (m, focused, whole) = ranked(strict);
        assert_eq!(
            m.agreeing(&focused, &whole).and_then(|r| r.confident()),
            None
        );
    }

    /// An entry that stands well clear of the next is answered a little
    /// below the bar; one whose lead is short of the gap meets the bar.
    #[test]
    fn a_best_entry_well_clear_of_the_rest_needs_a_little_less() {
        let f = Fixture::new();
        let t = Tuning::default();
        let clear = f.rank(t, "heat or ice for my glute knot?");
        let (best, next) = (clear.candidates[0].score, clear.candidates[1].score);
        assert!(best - next >= t.lead_gap, "{best} {next}");
        assert_eq!(
            clear.threshold(),
            Some(t.anchored_threshold - t.lead_allowance)
        );
        // The same lead short of a wider gap: the bar stands.
        let wide = Tuning {
            lead_gap: best - next + 0.01,
            ..t
        };
        let close = f.rank(wide, "heat or ice for my glute knot?");
        assert_eq!(close.threshold(), Some(t.anchored_threshold));
    }

    /// Without glutes named, the lead counts when the question is about a
    /// knot or pain; a question about a tool or a sport alone ("massage gun
    /// recs under $100?") needs the whole bar, however clear its best.
    #[test]
    fn a_clear_lead_counts_for_a_knot_not_for_a_tool_alone() {
        let f = Fixture::new();
        let t = Tuning::default();
        // The suggestion floor stands in for a next that is not there.
        let next = |r: &Ranking| r.candidates.get(1).map_or(t.suggestion_floor, |c| c.score);
        let lead = |r: &Ranking| r.candidates[0].score - next(r);
        let knot = f.rank(t, "heat or ice on a knot?");
        assert!(!knot.scope.anchored && lead(&knot) >= t.lead_gap);
        assert_eq!(
            knot.threshold(),
            Some(t.topical_threshold - t.lead_allowance)
        );
        let tool = f.rank(t, "heat or ice after a massage?");
        assert!(tool.scope.topical && !tool.scope.knot && !tool.scope.pain);
        assert!(lead(&tool) >= t.lead_gap, "{:?}", tool.candidates);
        assert_eq!(tool.threshold(), Some(t.topical_threshold));
    }

    /// The thing a question asks for ("a good stretch") prefers the entry
    /// whose title names it over one that shares more of its other words,
    /// but makes no question more answerable than its best score.
    #[test]
    fn the_thing_asked_for_prefers_the_entry_whose_title_names_it() {
        let f = Fixture::of(vec![
            entry(
                "stretching",
                "Does stretching help glute knots?",
                &["stretches for a knot"],
                "Gentle stretches held for 30 seconds.",
            ),
            entry(
                "where-knots-sit",
                "Where do knots sit in the glute?",
                &["deep knot in the glute", "middle of the glute"],
                "Most sit in the upper outer glute.",
            ),
        ]);
        let q = "whats a good stretch for a knot deep in the middle of my bum cheek";
        let without = Tuning {
            wanted_bonus: 0.0,
            ..Tuning::default()
        };
        let first = |t: Tuning| f.rank(t, q).candidates[0];
        let id = |c: Scored| f.k.entries[c.entry].id.as_str();
        assert_eq!(id(first(without)), "where-knots-sit");
        let with = first(Tuning::default());
        assert_eq!(id(with), "stretching");
        // Lifted a little above the best before, as the question names
        // the glute; never more.
        let lift = Tuning::default().wanted_lift;
        assert!(with.score > first(without).score, "{with:?}");
        assert!(with.score <= first(without).score + lift + 1e-6);
        // Not about glutes: reordered, never lifted.
        let q = "whats a good stretch for a knot deep in the middle";
        let (with, without) = (f.rank(Tuning::default(), q), f.rank(without, q));
        assert!(with.candidates[0].score <= without.candidates[0].score + 1e-6);
    }

    #[test]
    fn a_long_story_around_the_question_does_not_drown_it() {
        let f = Fixture::new();
        let q = "trucker here, twenty years of long hauls, drove through three states \
                 yesterday, so heat or ice for my glute knot";
        assert_eq!(f.answer(q), Some("heat-or-ice"));
        // Unknown words weigh less together than one by one.
        let linear = Tuning {
            unknown_power: 1.0,
            ..Tuning::default()
        };
        assert!(f.score(Tuning::default(), q, "heat-or-ice") > f.score(linear, q, "heat-or-ice"));
    }

    #[test]
    fn a_word_only_in_an_answer_counts_for_less_than_one_in_a_phrasing() {
        let f = Fixture::new();
        // "ankle" is only in the piriformis answer; "sitting" is in phrasings.
        let body = f.score(Tuning::default(), "glute and ankle", "piriformis-stretch");
        let phrasing = f.score(Tuning::default(), "glute and sitting", "sitting");
        assert!(body < phrasing, "{body} vs {phrasing}");
    }

    #[test]
    fn the_way_a_question_asks_chooses_between_entries_on_one_subject() {
        let entries = vec![
            entry(
                "knot-time",
                "How long does a glute knot last?",
                &[
                    "how long until a glute knot goes",
                    "how many days for a knot to ease",
                ],
                "Most ease within a week or two of care.",
            ),
            entry(
                "knot-causes",
                "Why do glute knots happen?",
                &[
                    "why do i get a glute knot",
                    "what causes a glute knot to form",
                ],
                "Long sitting, a jump in training and stress.",
            ),
        ];
        let f = Fixture::of(entries);
        let rank = |tuning: Tuning, q: &str| f.rank(tuning, q);
        let off = Tuning {
            intent_bonus: 0.0,
            ..Tuning::default()
        };
        // How far `ahead` leads `behind` on the question, with and without.
        let lead = |tuning: Tuning, q: &str, ahead: usize, behind: usize| {
            let r = rank(tuning, q);
            r.score_of(ahead).unwrap_or(0.0) - r.score_of(behind).unwrap_or(0.0)
        };
        for (q, ahead, behind) in [
            // The question's other words lean to the other entry.
            ("why does a glute knot last", 1, 0),
            ("why would a glute knot last", 1, 0),
        ] {
            let on = lead(Tuning::default(), q, ahead, behind);
            assert!(on > lead(off, q, ahead, behind) + 0.01, "{q}");
            // Never above the best score without it: no more answerable.
            let best = |t: Tuning| rank(t, q).candidates[0].score;
            assert!(best(Tuning::default()) <= best(off) + 1e-6, "{q}");
        }
    }
}
