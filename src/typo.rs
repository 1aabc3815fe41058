//! Typo correction against the knowledge's own vocabulary.
//!
//! A symmetric-delete index: every known word is stored under each string
//! made by deleting up to two of its characters, and a typo is looked up by
//! its own deletions. Finding candidates costs the same with 500 words or
//! 50,000, unlike a scan that compares the typo with every word.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

/// How far a word may be from a known word and still be corrected to it.
/// Short words are left alone: "dumb" is one edit from "numb", and a
/// correction that invents a symptom is worse than none.
pub fn max_distance(chars: usize) -> usize {
    match chars {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

#[derive(Debug, Default, Clone)]
pub struct Vocabulary {
    words: Vec<String>,
    /// How often each word occurs in the knowledge: the tie-breaker.
    counts: Vec<u32>,
    ids: HashMap<String, u32>,
    /// Each deletion's hash with the word it came from, sorted by hash.
    /// Built on the first correction rather than word by word: a cold
    /// `knotbot ask` whose words are all known never needs it, and one
    /// sort is much cheaper than a map of small lists.
    deletes: OnceLock<Vec<(u64, u32)>>,
}

impl Vocabulary {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, word: &str) {
        if let Some(&id) = self.ids.get(word) {
            self.counts[id as usize] += 1;
            return;
        }
        let id = self.words.len() as u32;
        self.words.push(word.to_string());
        self.counts.push(1);
        self.ids.insert(word.to_string(), id);
        self.deletes = OnceLock::new();
    }

    fn deletes(&self) -> &[(u64, u32)] {
        self.deletes.get_or_init(|| {
            let mut all: Vec<(u64, u32)> = Vec::new();
            let mut variants = Vec::new();
            for (id, word) in self.words.iter().enumerate() {
                let chars: Vec<char> = word.chars().collect();
                variants.clear();
                deletion_hashes(&chars, max_distance(chars.len()), &mut variants);
                all.extend(variants.iter().map(|&h| (h, id as u32)));
            }
            // Sorted, a word's repeated deletions sit side by side.
            all.sort_unstable();
            all.dedup();
            all
        })
    }

    /// The ids of the words stored under the deletion hashed `variant`.
    fn under(&self, variant: u64) -> impl Iterator<Item = u32> + '_ {
        let deletes = self.deletes();
        let from = deletes.partition_point(|d| d.0 < variant);
        deletes[from..]
            .iter()
            .take_while(move |d| d.0 == variant)
            .map(|d| d.1)
    }

    /// The known word closest to `word`, if one is close enough. People
    /// rarely mistype the first letter, and requiring it keeps real words
    /// ("grabbing") from turning into known ones ("stabbing").
    pub fn correct(&self, word: &str) -> Option<&str> {
        let chars: Vec<char> = word.chars().collect();
        let limit = max_distance(chars.len());
        if limit == 0 {
            return None;
        }
        let mut best: Option<(usize, u32, u32)> = None;
        for variant in deletions(&chars, limit) {
            for id in self.under(variant) {
                let candidate = &self.words[id as usize];
                if candidate.chars().next() != chars.first().copied() {
                    continue;
                }
                let allowed = limit.min(max_distance(candidate.chars().count()));
                let distance = strsim::osa_distance(word, candidate);
                if distance == 0 || distance > allowed {
                    continue;
                }
                let count = self.counts[id as usize];
                let better = match best {
                    None => true,
                    Some((d, c, _)) => distance < d || (distance == d && count > c),
                };
                if better {
                    best = Some((distance, count, id));
                }
            }
        }
        best.map(|(_, _, id)| self.words[id as usize].as_str())
    }
}

/// The hashes of `chars` and of every string made from it by deleting up
/// to `depth` (at most 2, see `max_distance`) chars, without repeats, the
/// fewest deletions first. Correction breaks ties by the order found, so
/// the order is kept.
fn deletions(chars: &[char], depth: usize) -> Vec<u64> {
    let mut all = Vec::new();
    deletion_hashes(chars, depth, &mut all);
    let mut seen: HashSet<u64> = HashSet::default();
    all.retain(|h| seen.insert(*h));
    all
}

/// Pushes the hashes `deletions` gives, repeats included. Hashed in place
/// rather than built as strings: the index of a cold start hashes every
/// known word's deletions, and copying each one cost more than hashing it.
fn deletion_hashes(chars: &[char], depth: usize, out: &mut Vec<u64>) {
    debug_assert!(depth <= 2, "typos are corrected up to two edits");
    let without = |a: usize, b: usize| {
        let kept = chars.iter().enumerate().filter(|&(i, _)| i != a && i != b);
        hash(kept.map(|(_, c)| c))
    };
    let n = chars.len();
    out.push(hash(chars.iter()));
    if depth >= 1 {
        out.extend((0..n).map(|a| without(a, a)));
    }
    // Each pair once, in the order a breadth-first search would first
    // reach it (deleting `a` then `b` or `b` then `a` gives one string).
    if depth >= 2 {
        for a in 0..n {
            out.extend((a + 1..n).map(|b| without(a, b)));
        }
    }
}

/// FNV-1a over the characters: stable, fast, and good enough to key buckets
/// whose members are verified by a real distance anyway.
fn hash<'a>(chars: impl Iterator<Item = &'a char>) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for c in chars {
        for b in (*c as u32).to_le_bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab(words: &[&str]) -> Vocabulary {
        let mut v = Vocabulary::new();
        for w in words {
            v.add(w);
        }
        v
    }

    #[test]
    fn corrects_one_edit_in_mid_length_words() {
        let v = vocab(&["stretches", "sciatica", "trigger", "numbness", "knot"]);
        assert_eq!(v.correct("streches"), Some("stretches"));
        assert_eq!(v.correct("sciatia"), Some("sciatica"));
        assert_eq!(v.correct("triger"), Some("trigger"));
        assert_eq!(v.correct("numbess"), Some("numbness"));
        assert_eq!(v.correct("trigegr"), Some("trigger"));
    }

    #[test]
    fn corrects_two_edits_only_in_long_words() {
        let v = vocab(&["piriformis", "glute"]);
        assert_eq!(v.correct("pirformus"), Some("piriformis"));
        assert_eq!(
            v.correct("gluut"),
            None,
            "two edits in a short word is too far"
        );
    }

    #[test]
    fn leaves_short_and_far_words_alone() {
        let v = vocab(&["knot", "heat", "ice", "numb", "stabbing", "sweats"]);
        assert_eq!(v.correct("not"), None);
        assert_eq!(v.correct("dumb"), None, "four letters are never corrected");
        assert_eq!(v.correct("grabbing"), None, "the first letter must agree");
        assert_eq!(v.correct("tigger"), None, "the first letter must agree");
        assert_eq!(v.correct("rope"), None);
        assert_eq!(v.correct("elbow"), None);
    }

    #[test]
    fn prefers_the_more_common_word_on_a_tie() {
        let mut v = vocab(&["pains", "pairs"]);
        v.add("pains");
        assert_eq!(v.correct("paits"), Some("pains"));
    }
}
