//! The knowledge base: FAQ entries, topics, red-flag terms, stretches, the
//! matcher's word lists and the bot's fixed reply texts, loaded from TOML and
//! validated as a whole. A knowledge base with any problem is refused whole,
//! so a bad edit can never replace a good one.

mod build;
pub mod files;
mod problem;
mod sources;
mod validate;

use std::collections::BTreeMap;

use serde::Serialize;

pub use problem::{at_span, line_at, parse_toml, KnowledgeError, Problem};
pub use sources::{KnowledgeFile, SourceFile, Sources, FILE_NAMES, MAX_FILE_BYTES};
pub use validate::{ANSWER_LIMIT, ID_LIMIT, TOPIC_PREFIX};

/// Discord's limit on an embed's title.
pub const TITLE_LIMIT: usize = 256;
/// Discord's limit on an embed's description, which carries the answer and,
/// when a red flag is found, the care prompt above it.
pub const DESCRIPTION_LIMIT: usize = 4096;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntryKind {
    Faq,
    Topic,
}

impl EntryKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Faq => "faq",
            EntryKind::Topic => "topic",
        }
    }
}

/// A FAQ entry or a topic: something the matcher can answer with.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub kind: EntryKind,
    pub id: String,
    /// The FAQ's canonical question, or the topic's name.
    pub title: String,
    pub aliases: Vec<String>,
    pub keywords: Vec<String>,
    /// The FAQ's answer, or the topic's summary.
    pub body: String,
    pub related: Vec<String>,
    /// Where the entry's `id` line is, for messages to moderators.
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RedFlagCategory {
    pub id: String,
    /// Plain words for the sign, used in the care prompt.
    pub name: String,
    /// Signs that call for care today rather than soon.
    pub urgent: bool,
    /// A sign of an irritated nerve (sciatica, cauda equina), which is our
    /// topic even when the message names nothing else of ours.
    pub nerve: bool,
    /// Not a warning of something wrong but a reason to treat with care
    /// (pregnancy, blood thinners): gets the precaution prompt.
    pub precaution: bool,
    /// Entries that explain this sign, the first being the default answer.
    pub answers: Vec<String>,
    pub terms: Vec<String>,
    /// Example messages that must raise this sign (`fires`) or must not
    /// (`quiet`), each with its line in `red_flags.toml`.
    pub examples: Vec<Example>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    pub text: String,
    pub fires: bool,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RedFlags {
    pub care_prompt: String,
    pub urgent_prompt: String,
    pub precaution_prompt: Option<String>,
    /// Word groups a term names as `{name}` (see `safety::expand`).
    pub groups: BTreeMap<String, Vec<String>>,
    pub categories: Vec<RedFlagCategory>,
}

impl RedFlags {
    /// The care prompt for the categories found (indices into
    /// `categories`): the urgent one if any of them is urgent, the
    /// precaution one if all of them are precautions, with
    /// `{signs}` replaced by their names.
    pub fn prompt_for(&self, found: &[usize]) -> String {
        let urgent = found.iter().any(|i| self.categories[*i].urgent);
        let names: Vec<&str> = found
            .iter()
            .map(|i| self.categories[*i].name.as_str())
            .collect();
        let precautions_only = found.iter().all(|i| self.categories[*i].precaution);
        let template = match &self.precaution_prompt {
            _ if urgent => &self.urgent_prompt,
            Some(precaution) if precautions_only => precaution,
            _ => &self.care_prompt,
        };
        template.replace("{signs}", &join_names(&names))
    }
}

/// "a", "a and b", "a, b and c".
fn join_names(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Stretch {
    pub id: String,
    pub name: String,
    pub targets: Vec<String>,
    pub steps: Vec<String>,
    pub hold: String,
    pub caution: String,
}

/// Word lists that tune the matcher, editable without code.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Lexicon {
    /// Words too common to tell one question from another.
    pub stopwords: Vec<String>,
    /// Words and phrases that show a message is about glutes or knots.
    pub anchors: Vec<String>,
    /// Words of our topic that have other meanings too ("knot", "stretch"):
    /// anchors only when nothing from `elsewhere` is named.
    pub topic_words: Vec<String>,
    /// Body parts and things that are not ours: without an anchor, a
    /// message about them is not answered.
    pub elsewhere: Vec<String>,
    /// The parts of `elsewhere` that are the leg, where nerve signs from
    /// the glute (sciatica) are felt.
    pub legs: Vec<String>,
    /// Words for pain: a red flag in a message about pain, with no other
    /// body part named, is taken to be about the glute.
    pub pain: Vec<String>,
    /// Subjects next to ours ("bigger booty", "playlist"): a message naming
    /// one needs as close a match as one that names nothing of ours.
    pub off_topic: Vec<String>,
    /// Everyday words that look like typos of ours ("trust" for "thrust")
    /// and must never be corrected.
    pub spelled_right: Vec<String>,
    /// Words that, just before an anchor, mean "not about this".
    pub negations: Vec<String>,
    /// Words red-flag terms skip over ("can not really feel").
    pub fillers: Vec<String>,
    /// What members type, mapped to the words the knowledge uses.
    pub synonyms: Vec<(String, String)>,
}

/// Fixed texts of the bot's replies.
#[derive(Debug, Clone, PartialEq)]
pub struct Replies {
    pub footer: String,
    pub not_sure: String,
    pub did_you_mean: String,
    pub empty: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Knowledge {
    /// FAQ entries first, then topics, each in file order.
    pub entries: Vec<Entry>,
    pub red_flags: RedFlags,
    pub stretches: Vec<Stretch>,
    pub lexicon: Lexicon,
    pub replies: Replies,
    /// Where each entry id is in `entries`: lookups by id are frequent
    /// (validation, autocomplete, red-flag answers) and entries many.
    by_id: rustc_hash::FxHashMap<String, usize>,
}

impl Knowledge {
    fn new(
        entries: Vec<Entry>,
        red_flags: RedFlags,
        stretches: Vec<Stretch>,
        lexicon: Lexicon,
        replies: Replies,
    ) -> Knowledge {
        let mut by_id = rustc_hash::FxHashMap::default();
        for (i, e) in entries.iter().enumerate() {
            // With duplicate ids the first wins; validation reports them.
            by_id.entry(e.id.clone()).or_insert(i);
        }
        Knowledge {
            entries,
            red_flags,
            stretches,
            lexicon,
            replies,
            by_id,
        }
    }

    /// Parses and validates a full set of knowledge files.
    pub fn from_sources(sources: &Sources) -> Result<Knowledge, KnowledgeError> {
        let knowledge = build::parse_all(sources)?;
        let problems = validate::check(&knowledge, sources);
        if problems.is_empty() {
            Ok(knowledge)
        } else {
            Err(KnowledgeError(problems))
        }
    }

    /// The knowledge compiled into the binary.
    pub fn shipped() -> Result<Knowledge, KnowledgeError> {
        Knowledge::from_sources(&Sources::embedded())
    }

    /// Reads and validates the knowledge files in `dir`.
    pub fn load_dir(dir: &std::path::Path) -> Result<Knowledge, KnowledgeError> {
        Knowledge::from_sources(&Sources::read_dir(dir)?)
    }

    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.by_id.get(id).map(|&i| &self.entries[i])
    }

    /// The position of entry `id` in `entries`.
    pub fn entry_index(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    pub fn red_flag(&self, id: &str) -> Option<&RedFlagCategory> {
        self.red_flags.categories.iter().find(|c| c.id == id)
    }

    /// Every id the knowledge defines, in any file.
    pub fn all_ids(&self) -> impl Iterator<Item = &str> {
        let entries = self.entries.iter().map(|e| e.id.as_str());
        let flags = self.red_flags.categories.iter().map(|c| c.id.as_str());
        let stretches = self.stretches.iter().map(|s| s.id.as_str());
        entries.chain(flags).chain(stretches)
    }
}
