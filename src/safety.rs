//! Red-flag detection: finding warning signs in a message, independently of
//! whether any FAQ entry matches it.
//!
//! Terms are compared word by word on stems after typo correction, so
//! "numbness", "numbess" and "numb" meet, while "deadlift" never matches
//! "dead". Negation is deliberately ignored: "no numbness?" is still a
//! reason to show the care prompt.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::analysis::{Analyzer, Term};
use crate::knowledge::{Lexicon, RedFlags};

/// How many other words a `...` in a term may stand for.
pub const GAP_WORDS: usize = 4;

struct Step {
    stem: String,
    /// Words allowed between the previous step and this one.
    gap: usize,
}

struct Pattern {
    category: usize,
    steps: Vec<Step>,
}

pub struct RedFlagDetector {
    /// Patterns keyed by the stem of their first word.
    by_first: HashMap<String, Vec<Pattern>>,
    categories: usize,
    /// Stems skipped in messages and terms alike.
    fillers: HashSet<String>,
}

impl RedFlagDetector {
    pub fn new(flags: &RedFlags, lexicon: &Lexicon, analyzer: &Analyzer) -> RedFlagDetector {
        let fillers: HashSet<String> = lexicon
            .fillers
            .iter()
            .flat_map(|w| analyzer.analyze_known(w))
            .map(|t| t.stem)
            .collect();
        let mut by_first: HashMap<String, Vec<Pattern>> = HashMap::default();
        for (category, c) in flags.categories.iter().enumerate() {
            for term in &c.terms {
                let steps = compile(term, analyzer, &fillers);
                if let Some(first) = steps.first() {
                    by_first
                        .entry(first.stem.clone())
                        .or_default()
                        .push(Pattern { category, steps });
                }
            }
        }
        RedFlagDetector {
            by_first,
            categories: flags.categories.len(),
            fillers,
        }
    }

    /// Indices of the categories found, in the order of the file.
    pub fn detect(&self, terms: &[Term]) -> Vec<usize> {
        let kept: Vec<Term> = terms
            .iter()
            .filter(|t| !self.fillers.contains(&t.stem))
            .cloned()
            .collect();
        let terms = &kept[..];
        let mut found = vec![false; self.categories];
        for start in 0..terms.len() {
            let Some(patterns) = self.by_first.get(&terms[start].stem) else {
                continue;
            };
            for p in patterns {
                if !found[p.category] && matches_at(&p.steps[1..], terms, start) {
                    found[p.category] = true;
                }
            }
        }
        (0..self.categories).filter(|i| found[*i]).collect()
    }
}

fn compile(term: &str, analyzer: &Analyzer, fillers: &HashSet<String>) -> Vec<Step> {
    let mut steps = Vec::new();
    for (i, segment) in term.split("...").enumerate() {
        let words = analyzer
            .analyze_known(segment)
            .into_iter()
            .filter(|t| !fillers.contains(&t.stem));
        for (j, t) in words.enumerate() {
            let gap = if i > 0 && j == 0 { GAP_WORDS } else { 0 };
            steps.push(Step { stem: t.stem, gap });
        }
    }
    steps
}

/// Whether `rest` follows the word at `at`, each step within its gap.
fn matches_at(rest: &[Step], terms: &[Term], at: usize) -> bool {
    let Some((step, tail)) = rest.split_first() else {
        return true;
    };
    let window = (at + 1)..=(at + 1 + step.gap).min(terms.len().saturating_sub(1));
    window
        .into_iter()
        .any(|j| j < terms.len() && terms[j].stem == step.stem && matches_at(tail, terms, j))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::Knowledge;

    fn flags(message: &str) -> Vec<String> {
        let k = Knowledge::shipped().expect("shipped knowledge loads");
        let analyzer = Analyzer::new(&k);
        let detector = RedFlagDetector::new(&k.red_flags, &k.lexicon, &analyzer);
        let terms = analyzer.analyze(message);
        detector
            .detect(&terms)
            .into_iter()
            .map(|i| k.red_flags.categories[i].id.clone())
            .collect()
    }

    fn assert_flag(message: &str, category: &str) {
        let found = flags(message);
        assert!(
            found.iter().any(|f| f == category),
            "{message:?} should raise {category}, got {found:?}"
        );
    }

    fn assert_quiet(message: &str) {
        let found = flags(message);
        assert!(
            found.is_empty(),
            "{message:?} should raise nothing, got {found:?}"
        );
    }

    #[test]
    fn numbness_in_its_word_forms_and_typos() {
        for m in [
            "my leg went numb",
            "numbness in my foot",
            "some numbess down there lately",
            "pins and needles in my toes",
            "my foot keeps going dead",
            "tingly toes since monday",
        ] {
            assert_flag(m, "numbness-tingling");
        }
    }

    #[test]
    fn weakness_in_everyday_words() {
        for m in [
            "sudden weakness in my right leg",
            "my leg gave way on the stairs",
            "foot drop?",
            "i keep catching my toes on the floor",
            "cant lift my foot properly",
        ] {
            assert_flag(m, "weakness");
        }
    }

    #[test]
    fn bladder_bowel_and_saddle() {
        assert_flag(
            "i cant really pee properly since this started",
            "bladder-bowel",
        );
        assert_flag(
            "had a couple of accidents, couldnt hold my pee",
            "bladder-bowel",
        );
        assert_flag("loss of bowel control", "bladder-bowel");
        assert_flag("my groin feels numb", "saddle-numbness");
        assert_flag(
            "cant feel anything down there when i wipe",
            "saddle-numbness",
        );
    }

    #[test]
    fn every_other_category_in_plain_words() {
        assert_flag("the pain goes down past my knee", "radiating-pain");
        assert_flag(
            "it shoots down the back of my leg into my calf",
            "radiating-pain",
        );
        assert_flag("worst pain ive ever had", "severe-pain");
        assert_flag("hurts when i cough or sneeze", "severe-pain");
        assert_flag("slipped on ice and landed hard on my butt", "trauma");
        assert_flag("got rear ended last week", "trauma");
        assert_flag("feeling feverish with chills", "fever-infection");
        assert_flag("its red and hot to the touch", "fever-infection");
        assert_flag("had cancer a few years back", "cancer-weight-loss");
        assert_flag("lost 8kg without trying", "cancer-weight-loss");
        assert_flag("the pain wakes me up every night", "night-pain");
        assert_flag(
            "only getting worse after a month of stretching",
            "worsening",
        );
        assert_flag("im 20 weeks pregnant", "pregnancy");
        assert_flag("my calf is swollen and warm", "leg-swelling");
    }

    #[test]
    fn negation_does_not_switch_a_flag_off() {
        assert_flag("no numbness or anything, just a knot", "numbness-tingling");
    }

    #[test]
    fn words_that_only_contain_a_term_do_not_fire() {
        assert_quiet("just hit a 180kg deadlift PR");
        assert_quiet("can weak glutes cause knots");
        assert_quiet("my glutes are weak from sitting all day, how do i strengthen them");
        assert_quiet("will a knot go away if i do nothing");
        assert_quiet("what should i expect at my first trigger point session");
        assert_quiet("theres a bump in my glute when i press");
        assert_quiet("did a crash diet, could that cause knots");
        assert_quiet("glutes on fire after hip thrusts lol");
        assert_quiet("what are the warning signs that glute pain is more than a knot");
    }
}
