//! From tokens to the terms both the matcher and the red-flag detector use:
//! typo correction, slang and synonyms, and word endings folded by stemming.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use rust_stemmers::{Algorithm, Stemmer};

use crate::knowledge::Lexicon;
use crate::language;
use crate::text::{tokenize, tokenize_marked};
use crate::typo::Vocabulary;

/// Longest synonym phrase, in words, that the table may hold (`check`
/// refuses a longer one, which would never be read).
pub(crate) const MAX_PHRASE: usize = 4;

/// One word of a message after analysis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The word as mapped by the synonym table, before stemming.
    pub word: String,
    /// The stem, which is what everything is compared by.
    pub stem: String,
    /// Whether punctuation that ends a clause stands before the word: a
    /// red flag's words in a row never run across it.
    pub after_break: bool,
}

pub struct Analyzer {
    stemmer: Stemmer,
    synonyms: HashMap<Vec<String>, Vec<String>>,
    vocabulary: Vocabulary,
    known_stems: HashSet<String>,
    /// Stems of every known word, so most words are stemmed only once.
    stems: HashMap<String, String>,
}

impl Analyzer {
    /// Builds the analyzer from the lexicon, learning the vocabulary from
    /// `texts` (every text of the knowledge: [`crate::Knowledge::vocabulary`])
    /// and the program's common English, so typos can be corrected towards it.
    pub fn new(lexicon: &Lexicon, texts: &[&str]) -> Analyzer {
        let english = language::english();
        let mut a = Analyzer {
            stemmer: Stemmer::create(Algorithm::English),
            synonyms: synonym_table(lexicon),
            vocabulary: Vocabulary::new(),
            known_stems: HashSet::default(),
            stems: HashMap::default(),
        };
        for text in texts {
            a.learn(text);
        }
        for word in english.stopwords.iter().chain(&english.fillers) {
            a.learn(word);
        }
        for (from, to) in synonym_pairs(lexicon) {
            a.learn(from);
            a.learn(to);
        }
        a
    }

    /// Adds the words of `text` to the vocabulary.
    pub fn learn(&mut self, text: &str) {
        for word in tokenize(text) {
            if word.chars().all(char::is_alphabetic) {
                self.vocabulary.add(&word);
            }
            if !self.stems.contains_key(&word) {
                let stem = self.stemmer.stem(&word).into_owned();
                self.known_stems.insert(stem.clone());
                self.stems.insert(word, stem);
            }
        }
    }

    /// Analyses text written by a member: typos are corrected.
    pub fn analyze(&self, text: &str) -> Vec<Term> {
        let (words, ended): (Vec<String>, Vec<bool>) = tokenize_marked(text)
            .into_iter()
            .map(|(w, ended)| (self.correct(w), ended))
            .unzip();
        self.finish(words, &ended)
    }

    /// Analyses text from the knowledge itself, which is never "corrected".
    pub fn analyze_known(&self, text: &str) -> Vec<Term> {
        let (words, ended): (Vec<String>, Vec<bool>) = tokenize_marked(text).into_iter().unzip();
        self.finish(words, &ended)
    }

    /// `words`, synonyms applied, as terms; `ended` says which words
    /// follow the end of a clause.
    fn finish(&self, words: Vec<String>, ended: &[bool]) -> Vec<Term> {
        let mut terms = Vec::with_capacity(words.len());
        let mut i = 0;
        while i < words.len() {
            let (n, to) = self.synonym_at(&words, ended, i);
            let mut after_break = ended[i];
            match to {
                Some(to) => {
                    for word in to {
                        terms.push(self.term(word.clone(), after_break));
                        after_break = false;
                    }
                }
                None => terms.push(self.term(words[i].clone(), after_break)),
            }
            i += n;
        }
        terms
    }

    fn term(&self, word: String, after_break: bool) -> Term {
        Term {
            stem: self.stem(&word),
            word,
            after_break,
        }
    }

    /// The longest synonym phrase at `i` of `words` (never across the end
    /// of a clause), with how many words it takes; one word and `None`
    /// when there is none.
    fn synonym_at(
        &self,
        words: &[String],
        ended: &[bool],
        i: usize,
    ) -> (usize, Option<&Vec<String>>) {
        let unbroken = (1..MAX_PHRASE.min(words.len() - i))
            .take_while(|k| !ended[i + k])
            .count()
            + 1;
        (1..=unbroken)
            .rev()
            .find_map(|n| self.synonyms.get(&words[i..i + n]).map(|to| (n, Some(to))))
            .unwrap_or((1, None))
    }

    pub fn stem(&self, word: &str) -> String {
        match self.stems.get(word) {
            Some(stem) => stem.clone(),
            None => self.stemmer.stem(word).into_owned(),
        }
    }

    fn correct(&self, word: String) -> String {
        let known = self.stems.contains_key(&word) || self.known_stems.contains(&self.stem(&word));
        // A real English word is what the member meant ("message" is not
        // a typo of "massage"), whatever words the knowledge holds.
        if known || !word.chars().all(char::is_alphabetic) || language::is_real_word(&word) {
            return word;
        }
        match self.vocabulary.correct(&word) {
            Some(fixed) => fixed.to_string(),
            None => word,
        }
    }
}

/// The program's contractions, then the moderators' synonyms (which win
/// where both list the same words).
fn synonym_pairs(lexicon: &Lexicon) -> impl Iterator<Item = (&String, &String)> {
    let contractions = language::english().contractions.iter();
    contractions.chain(lexicon.synonyms.iter().map(|(from, to)| (from, to)))
}

fn synonym_table(lexicon: &Lexicon) -> HashMap<Vec<String>, Vec<String>> {
    synonym_pairs(lexicon)
        .map(|(from, to)| (tokenize(from), tokenize(to)))
        .filter(|(from, to)| !from.is_empty() && from.len() <= MAX_PHRASE && !to.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Knowledge;

    fn words(a: &Analyzer, text: &str) -> Vec<String> {
        a.analyze(text).into_iter().map(|t| t.word).collect()
    }

    #[test]
    fn typos_are_fixed_but_real_words_are_kept() {
        let k = Knowledge::shipped().expect("shipped knowledge loads");
        let a = Analyzer::new(&k.lexicon, &k.vocabulary());
        assert_eq!(words(&a, "numbess"), ["numbness"]);
        assert_eq!(words(&a, "stretchng"), ["stretching"]);
        // Real words one letter from ours stay as typed.
        assert_eq!(words(&a, "message"), ["message"]);
        assert_eq!(words(&a, "trust"), ["trust"]);
        assert_eq!(words(&a, "bulking"), ["bulking"]);
    }
}
