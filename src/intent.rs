//! What kind of answer a question wants: how long, why, what it is, whether
//! it is ok, how to do it, how to stop it. Told by its question words
//! (`english.toml`'s `[[intent]]` tables), so that of two entries on one subject
//! the one whose own phrasings ask the same way is preferred: "how long
//! till it goes" is recovery time, "why do I keep getting these" is causes,
//! "how do I stop getting these" is prevention. An entry's leaning is
//! counted from its question and aliases, never listed by hand.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::analysis::Term;

pub struct Intents {
    /// Each form as words, with the intent it shows (its place in
    /// `english.toml`, most specific first), keyed by its first word so a
    /// question is read in one pass.
    forms: HashMap<String, Vec<(usize, Vec<String>)>>,
    count: usize,
    /// Words just before the thing asked for ("a good stretch"), and
    /// just after it ("stretch ideas").
    before_wanted: HashSet<String>,
    after_wanted: HashSet<String>,
    /// Words passed over on the way to the thing ("what kind of stretch").
    skip_wanted: HashSet<String>,
}

impl Intents {
    pub fn new() -> Intents {
        let table = &crate::language::english().intents;
        let mut forms: HashMap<String, Vec<(usize, Vec<String>)>> = HashMap::default();
        for (i, intent) in table.iter().enumerate() {
            for f in &intent.forms {
                let words: Vec<String> = f.split_whitespace().map(str::to_string).collect();
                forms.entry(words[0].clone()).or_default().push((i, words));
            }
        }
        let request = &crate::language::english().request;
        Intents {
            forms,
            count: table.len(),
            before_wanted: request.before.iter().cloned().collect(),
            after_wanted: request.after.iter().cloned().collect(),
            skip_wanted: request.skip.iter().cloned().collect(),
        }
    }

    /// The words for the thing `terms` ask for: each word after a word
    /// like "good" or "which" (past any more of those, and little words:
    /// "what kind of quick stretch"), and each before "ideas" or "tips".
    pub fn wanted<'t>(&self, terms: &'t [Term]) -> Vec<&'t Term> {
        let mut wanted = Vec::new();
        for (at, t) in terms.iter().enumerate() {
            if self.after_wanted.contains(&t.word) && at > 0 {
                wanted.push(&terms[at - 1]);
            }
            let opens = self.before_wanted.contains(&t.word)
                && (at == 0 || !self.before_wanted.contains(&terms[at - 1].word));
            if opens {
                let next = terms[at + 1..].iter().find(|n| {
                    !self.before_wanted.contains(&n.word) && !self.skip_wanted.contains(&n.word)
                });
                wanted.extend(next);
            }
        }
        wanted
    }

    /// The intent `english.toml` names `name`.
    pub fn named(&self, name: &str) -> Option<usize> {
        let table = &crate::language::english().intents;
        table.iter().position(|i| i.name == name)
    }

    /// The intent's name, as `english.toml` gives it.
    pub fn name(&self, intent: usize) -> &'static str {
        &crate::language::english().intents[intent].name
    }

    /// The intent of the longest form in `terms`, the most specific one
    /// first among forms as long: "what is the best way" asks how, though
    /// "what is the" alone asks what something is.
    pub fn of(&self, terms: &[Term]) -> Option<usize> {
        let found_at = |form: &[String], at: usize| {
            form.len() <= terms.len() - at
                && form.iter().zip(&terms[at..]).all(|(f, t)| *f == t.word)
        };
        terms
            .iter()
            .enumerate()
            .filter_map(|(at, t)| Some((at, self.forms.get(&t.word)?)))
            .flat_map(|(at, forms)| {
                forms
                    .iter()
                    .filter(move |(_, form)| found_at(form, at))
                    .map(|(intent, form)| (std::cmp::Reverse(form.len()), *intent))
            })
            .min()
            .map(|(_, intent)| intent)
    }

    /// Per intent, the share of an entry's `phrasings` that ask that way.
    pub fn leaning(&self, phrasings: &[Vec<Term>]) -> Vec<f32> {
        let mut shares = vec![0.0; self.count];
        for p in phrasings {
            if let Some(i) = self.of(p) {
                shares[i] += 1.0;
            }
        }
        let n = phrasings.len().max(1) as f32;
        shares.iter_mut().for_each(|s| *s /= n);
        shares
    }
}
