//! The English the engine reads with: lists every message shares, whatever
//! the knowledge says. Developers keep these files; moderators keep the
//! knowledge's own word lists (`knowledge/lexicon.toml`).
//!
//! - `english.toml`: stopwords, fillers, negations, denials and contractions;
//! - `dictionary.txt`: real words the typo fixer leaves as typed, generated
//!   from a public word list (README.md here says how);
//! - `added_words.txt`: real words that list lacks, kept by hand.
//!
//! All three are compiled into the program and read once, on first use.

use std::sync::OnceLock;

use serde::Deserialize;

/// Shortest word the dictionary holds: shorter words are never corrected
/// (see `typo::max_distance`), so they need no protection.
pub(crate) const SHORTEST_WORD: usize = 5;

const ENGLISH: &str = include_str!("english.toml");
const DICTIONARY: &str = include_str!("dictionary.txt");
const ADDED_WORDS: &str = include_str!("added_words.txt");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct English {
    /// Words too common to tell one question from another.
    pub stopwords: Vec<String>,
    /// Words red-flag terms skip over ("can not really feel").
    pub fillers: Vec<String>,
    /// Words that, just before an anchor, mean "not about this".
    pub negations: Vec<String>,
    /// Words that point back at a subject left unnamed ("do these ever go
    /// away?"): in a message that names nothing else, the subject is ours.
    pub pointing_back: Vec<String>,
    /// Words that stand for anything told before ("it"): a listed question
    /// with one is not about a subject of its own.
    pub standing_for: Vec<String>,
    /// Words that ask for something in place of what was named ("a
    /// different stretch"): not the named stretch's card.
    pub asks_for_another: Vec<String>,
    /// Words that forbid what the message names ("physio said no
    /// pigeon"): not that stretch's card.
    pub forbids: Vec<String>,
    /// Question forms that ask what the trouble is or whether to worry.
    pub asks_what_it_is: Vec<String>,
    /// Ways of saying a sign is over ("all good now", "long healed").
    pub over: Vec<String>,
    /// Question forms that choose between things told before them
    /// ("which one", "who is right"): the sentence before is asked about too.
    pub chooses_between: Vec<String>,
    /// Question words by the kind of answer they ask for, most specific
    /// first (`intent.rs`).
    #[serde(rename = "intent")]
    pub intents: Vec<IntentForms>,
    /// The words around the thing a question asks for (`intent.rs`).
    pub request: RequestWords,
    /// The words that deny a sign told right after them (`safety.rs`).
    pub denial: DenialWords,
    /// Whose trouble a clause tells (`whose.rs`).
    pub persons: PersonWords,
    /// Contractions without their apostrophe, and what they stand for.
    pub contractions: std::collections::BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct IntentForms {
    pub name: String,
    pub forms: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DenialWords {
    /// Words that deny the sign right after them ("no", "never").
    pub words: Vec<String>,
    /// Little words that may stand between ("no real limp").
    pub leads: Vec<String>,
    /// Words that carry a denial down a list ("no swelling or limp").
    pub joins: Vec<String>,
    /// Words whose absence is itself a sign ("no sleep", "no strength").
    pub absences: Vec<String>,
    /// Words that, right before a word family other signs require, mean
    /// it is not told ("no back pain"). Not "nothing": "felt nothing down
    /// below" tells the place.
    pub concept_words: Vec<String>,
    /// Words that, among the leads after "not", make it deny the sign
    /// too ("do not have any numbness"); "not" alone is as often part of
    /// a sign ("can not sleep").
    pub after_not: Vec<String>,
    /// Little words that may stand between a negation and an `unless`
    /// term it denies ("have not been to the gym").
    pub veto_leads: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PersonWords {
    /// Words for the member ("I", "my").
    pub member: Vec<String>,
    /// Words for someone else ("he", "my kid", "mate").
    pub others: Vec<String>,
    /// Words that start a new clause ("and", "so").
    pub breaks: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RequestWords {
    pub before: Vec<String>,
    pub after: Vec<String>,
    pub skip: Vec<String>,
    /// Words of a bare question that judge rather than name ("normal?").
    pub judging: Vec<String>,
}

/// The lists of `english.toml`.
pub(crate) fn english() -> &'static English {
    static ENGLISH_LISTS: OnceLock<English> = OnceLock::new();
    ENGLISH_LISTS.get_or_init(|| {
        // The file is compiled in and a test parses it, so this cannot fail
        // in a build that passed its tests.
        toml::from_str(ENGLISH).expect("src/language/english.toml parses")
    })
}

/// Whether `word` (lowercase, as tokenized) is a real English word that
/// typo correction must leave alone.
pub(crate) fn is_real_word(word: &str) -> bool {
    static WORDS: OnceLock<(Vec<&'static str>, Vec<&'static str>)> = OnceLock::new();
    if word.len() < SHORTEST_WORD {
        return false;
    }
    let (dictionary, added) = WORDS.get_or_init(|| (words(DICTIONARY), words(ADDED_WORDS)));
    dictionary.binary_search(&word).is_ok() || added.binary_search(&word).is_ok()
}

/// The words of a word-list file: one per line, `#` lines are comments.
fn words(file: &'static str) -> Vec<&'static str> {
    file.lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_english_lists_parse_and_hold_plain_words() {
        let e = english();
        assert!(e.stopwords.contains(&"the".to_string()));
        assert!(e.negations.contains(&"not".to_string()));
        for word in e.stopwords.iter().chain(&e.fillers).chain(&e.negations) {
            assert_eq!(crate::text::tokenize(word).join(" "), *word, "{word:?}");
        }
        assert_eq!(e.contractions["dont"], "do not");
        let share = crate::matcher::Tuning::default().stopword_share;
        assert!(
            ENGLISH.contains("about a third") && (0.3..0.4).contains(&share),
            "english.toml says stopwords count about a third; the matcher uses {share}"
        );
    }

    #[test]
    fn word_lists_are_sorted_lowercase_and_long_enough_to_matter() {
        for (name, file) in [
            ("dictionary.txt", DICTIONARY),
            ("added_words.txt", ADDED_WORDS),
        ] {
            let list = words(file);
            assert!(list.len() > 100, "{name} is nearly empty");
            for pair in list.windows(2) {
                assert!(pair[0] < pair[1], "{name}: {:?} out of order", pair);
            }
            for word in list {
                assert!(
                    word.chars().all(|c| c.is_ascii_lowercase())
                        && word.chars().count() >= SHORTEST_WORD,
                    "{name}: {word:?}"
                );
            }
        }
        // Words shorter than the dictionary's shortest are never corrected.
        assert_eq!(crate::typo::max_distance(SHORTEST_WORD - 1), 0);
        assert!(crate::typo::max_distance(SHORTEST_WORD) > 0);
    }

    #[test]
    fn real_words_are_recognised_and_typos_are_not() {
        for word in ["message", "trust", "learning", "order", "favorite"] {
            assert!(is_real_word(word), "{word}");
        }
        for typo in ["numbess", "stretchng", "piriformus", "massgae"] {
            assert!(!is_real_word(typo), "{typo}");
        }
    }
}
