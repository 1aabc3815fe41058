//! Whether a question is ours, and so how sure the matcher must be to
//! answer it. One small decision, kept apart from the index and the
//! scoring so that each rule can be read and tested on its own:
//!
//! - a question that names glutes or their care (an *anchor*, not
//!   negated) is ours: the lowest bar;
//! - one that only uses a word of ours with other meanings ("knot",
//!   "stretch") is ours unless it names another body part: a middle bar;
//! - one that names another body part and nothing of ours is about that
//!   body part: never answered;
//! - one that names nothing at all, or a subject next to ours that we do
//!   not cover ("bigger booty"), must match very closely: the highest bar.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::analysis::{Analyzer, Term};
use crate::knowledge::Lexicon;

/// Stems of "knot" and "trigger (point)": in a question with a word of
/// ours, what says it is about the trouble, not only a tool or a sport
/// ("massage gun recs under $100?").
const KNOT_STEMS: [&str; 2] = ["knot", "trigger"];

/// The lexicon's word lists, as stems, ready to find in a question.
pub struct Scope {
    negations: HashSet<String>,
    /// Words, not stems: "these", as `english.toml`'s `pointing_back`.
    pointing_back: HashSet<String>,
    anchors: PhraseSet,
    topic_words: PhraseSet,
    elsewhere: PhraseSet,
    other_knots: PhraseSet,
    legs: PhraseSet,
    pain: PhraseSet,
    off_topic: PhraseSet,
}

/// What a question names, as far as scope goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Reading {
    /// Glutes or their care, outright and not negated.
    pub anchored: bool,
    /// A word of ours that has other meanings too.
    pub topical: bool,
    /// Another body part or another kind of knot.
    pub elsewhere: bool,
    /// Another body part, of those.
    pub body_part: bool,
    /// ...and not only a part of the leg.
    pub beyond_legs: bool,
    /// Pain.
    pub pain: bool,
    /// A knot or trigger point: the trouble this bot is about, however
    /// the rest of the question is worded.
    pub knot: bool,
    /// A subject next to ours that we do not cover.
    pub off_topic: bool,
    /// A word that points back at a subject left unnamed ("do these ever
    /// go away?").
    pub refers_back: bool,
}

/// The scores an answer needs, by how plainly the question is ours.
#[derive(Debug, Clone, Copy)]
pub struct Bars {
    pub anchored: f32,
    pub topical: f32,
    pub pointing_back: f32,
    pub unanchored: f32,
}

impl Reading {
    /// The score an answer needs; `None` when the question is about
    /// something else and must not be answered at all.
    pub fn bar(&self, bars: Bars) -> Option<f32> {
        match (self.anchored, self.topical, self.elsewhere) {
            // "Glute bridge or hip thrust for a bigger booty?" names glutes
            // but asks about something we do not cover.
            _ if self.off_topic => Some(bars.unanchored),
            (true, _, _) => Some(bars.anchored),
            (false, true, false) => Some(bars.topical),
            // Another body part and nothing of ours: about that body part.
            (false, _, true) => None,
            // "Do these ever go away?": the unnamed subject is ours, but
            // the words must still match closely.
            (false, false, false) if self.refers_back => Some(bars.pointing_back),
            (false, false, false) => Some(bars.unanchored),
        }
    }
}

impl Scope {
    pub fn new(lexicon: &Lexicon, analyzer: &Analyzer) -> Scope {
        let phrases = |list: &[String]| -> Vec<Vec<String>> {
            list.iter()
                .map(|p| {
                    analyzer
                        .analyze_known(p)
                        .into_iter()
                        .map(|t| t.stem)
                        .collect::<Vec<_>>()
                })
                .filter(|p| !p.is_empty())
                .collect()
        };
        Scope {
            negations: phrases(&crate::language::english().negations)
                .into_iter()
                .flatten()
                .collect(),
            pointing_back: crate::language::english()
                .pointing_back
                .iter()
                .cloned()
                .collect(),
            anchors: PhraseSet::new(phrases(&lexicon.anchors)),
            topic_words: PhraseSet::new(phrases(&lexicon.topic_words)),
            elsewhere: PhraseSet::new(phrases(&lexicon.elsewhere)),
            other_knots: PhraseSet::new(phrases(&lexicon.other_knots)),
            legs: PhraseSet::new(phrases(&lexicon.legs)),
            pain: PhraseSet::new(phrases(&lexicon.pain)),
            off_topic: PhraseSet::new(phrases(&lexicon.off_topic)),
        }
    }

    /// What `terms` (a whole message) names.
    pub fn read(&self, terms: &[Term]) -> Reading {
        let parts: Vec<usize> = self.elsewhere.positions(terms).collect();
        let knots = self.other_knots.positions(terms);
        let places: Vec<usize> = parts.iter().copied().chain(knots).collect();
        // "pain outside my knee, hips and butt feel fine": glutes told as
        // fine beside another body part say the message is about that one.
        let ours = |phrases: &PhraseSet| {
            phrases.positions(terms).any(|at| {
                !self.negated(terms, at) && (parts.is_empty() || !self.told_fine(terms, at))
            })
        };
        Reading {
            anchored: ours(&self.anchors),
            topical: ours(&self.topic_words),
            elsewhere: !places.is_empty(),
            body_part: !parts.is_empty(),
            beyond_legs: places.iter().any(|&at| !self.legs.starts_at(terms, at)),
            pain: self.pain.found_in(terms),
            knot: terms.iter().any(|t| KNOT_STEMS.contains(&t.stem.as_str())),
            off_topic: self.names_any(terms, &self.off_topic),
            refers_back: terms.iter().any(|t| self.pointing_back.contains(&t.word)),
        }
    }

    /// "glutes feel completely fine", "butt is ok": the word at `at`
    /// followed by a word for fine, past a few little words that lead to
    /// it and other words of ours ("hips and butt feel fine").
    fn told_fine(&self, terms: &[Term], at: usize) -> bool {
        const FINE: [&str; 7] = ["fine", "ok", "okay", "alright", "normal", "great", "grand"];
        const LEADS: [&str; 16] = [
            "feel",
            "feels",
            "felt",
            "are",
            "is",
            "seem",
            "seems",
            "totally",
            "completely",
            "perfectly",
            "actually",
            "absolutely",
            "and",
            "my",
            "both",
            "still",
        ];
        for (i, t) in terms.iter().enumerate().skip(at + 1).take(5) {
            if FINE.contains(&t.word.as_str()) {
                return true;
            }
            let ours = self.anchors.starts_at(terms, i) || self.topic_words.starts_at(terms, i);
            if !LEADS.contains(&t.word.as_str()) && !ours {
                return false;
            }
        }
        false
    }

    /// Whether any of `phrases` stands in `terms` with no negation just
    /// before it ("not a glute thing" is not about glutes).
    fn names_any(&self, terms: &[Term], phrases: &PhraseSet) -> bool {
        phrases.positions(terms).any(|at| !self.negated(terms, at))
    }

    /// "not glute", "not a glute thing", "nothing to do with my glutes": a
    /// negation right before the word, or before a few little words that
    /// lead to it. "should not do trigger point work" is still about
    /// trigger points: "do" leads only in "to do with".
    fn negated(&self, terms: &[Term], at: usize) -> bool {
        const LEADS: [&str; 9] = [
            "a", "an", "the", "my", "about", "with", "to", "related", "do",
        ];
        let mut i = at;
        while i > 0 && at - i < 4 {
            i -= 1;
            if self.negations.contains(&terms[i].stem) {
                return i + 1 == at || terms[i + 1].word != "do";
            }
            if !LEADS.contains(&terms[i].word.as_str()) {
                return false;
            }
        }
        false
    }
}

/// Phrases (as stems) keyed by their first stem, so finding them in a
/// question costs a lookup per word rather than a scan per phrase.
#[derive(Default)]
struct PhraseSet {
    by_first: HashMap<String, Vec<Vec<String>>>,
}

impl PhraseSet {
    fn new(phrases: Vec<Vec<String>>) -> PhraseSet {
        let mut set = PhraseSet::default();
        for p in phrases {
            set.by_first.entry(p[0].clone()).or_default().push(p);
        }
        set
    }

    /// Whether any phrase of the set stands in `terms`.
    fn found_in(&self, terms: &[Term]) -> bool {
        self.positions(terms).next().is_some()
    }

    /// Start positions of every phrase of the set found in `terms`.
    fn positions<'a>(&'a self, terms: &'a [Term]) -> impl Iterator<Item = usize> + 'a {
        (0..terms.len()).filter(move |&i| self.starts_at(terms, i))
    }

    /// Whether a phrase of the set starts at `terms[i]`.
    fn starts_at(&self, terms: &[Term], i: usize) -> bool {
        self.by_first.get(&terms[i].stem).is_some_and(|phrases| {
            phrases.iter().any(|p| {
                p.len() <= terms.len() - i && p.iter().zip(&terms[i..]).all(|(w, t)| *w == t.stem)
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BARS: Bars = Bars {
        anchored: 0.3,
        topical: 0.4,
        pointing_back: 0.5,
        unanchored: 0.7,
    };

    fn read(text: &str) -> Reading {
        let k = crate::Knowledge::from_sources(&crate::knowledge::Sources::embedded()).unwrap();
        let analyzer = Analyzer::new(&k.lexicon, &k.vocabulary());
        Scope::new(&k.lexicon, &analyzer).read(&analyzer.analyze(text))
    }

    #[test]
    fn naming_glutes_is_ours_at_the_lowest_bar() {
        let r = read("my glute has a sore spot");
        assert!(r.anchored);
        assert_eq!(r.bar(BARS), Some(BARS.anchored));
    }

    #[test]
    fn a_negated_anchor_does_not_count() {
        assert!(!read("this is not a glute thing at all").anchored);
    }

    #[test]
    fn a_word_of_ours_with_other_meanings_needs_more() {
        let r = read("how do i get rid of a knot");
        assert!(!r.anchored && r.topical && !r.elsewhere, "{r:?}");
        assert_eq!(r.bar(BARS), Some(BARS.topical));
    }

    #[test]
    fn another_body_part_and_nothing_of_ours_is_never_answered() {
        let r = read("i have a knot in my shoulder");
        assert!(r.elsewhere && r.beyond_legs && !r.anchored, "{r:?}");
        assert_eq!(r.bar(BARS), None);
        // The leg is where glute nerve pain is felt: elsewhere, not beyond.
        let leg = read("pain down my calf");
        assert!(leg.elsewhere && !leg.beyond_legs, "{leg:?}");
    }

    #[test]
    fn another_kind_of_knot_is_elsewhere_but_not_a_body_part() {
        let rope = read("how do i tie a knot in a rope");
        assert!(rope.elsewhere && !rope.body_part, "{rope:?}");
        let calf = read("a knot in my calf");
        assert!(calf.elsewhere && calf.body_part, "{calf:?}");
        // "lunges" and "lung" share a stem: lunges are glute talk.
        let lunges = read("sore after walking lunges");
        assert!(!lunges.elsewhere, "{lunges:?}");
    }

    #[test]
    fn a_subject_next_to_ours_or_nothing_at_all_must_match_closely() {
        let r = read("best glute exercises for a bigger booty");
        assert!(r.off_topic, "{r:?}");
        assert_eq!(r.bar(BARS), Some(BARS.unanchored));
        assert_eq!(
            read("what should i eat today").bar(BARS),
            Some(BARS.unanchored)
        );
    }

    #[test]
    fn a_question_pointing_back_at_an_unnamed_subject_needs_a_middle_bar() {
        let r = read("do these ever go away on their own");
        assert!(r.refers_back && !r.anchored && !r.topical, "{r:?}");
        assert_eq!(r.bar(BARS), Some(BARS.pointing_back));
        // "it" stands for anything: the highest bar stays.
        let it = read("ice bath after leg day, worth it?");
        assert!(!it.refers_back, "{it:?}");
        // Pointing back does not make another body part ours.
        assert_eq!(
            read("do these knots in my shoulder go away").bar(BARS),
            None
        );
    }
}
