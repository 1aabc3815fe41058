//! The knowledge base: FAQ entries, topics, red-flag terms, stretches, the
//! matcher's word lists and the bot's fixed reply texts, loaded from TOML and
//! validated as a whole. A knowledge base with any problem is refused whole,
//! so a bad edit can never replace a good one.

mod build;
mod files;
mod problem;
mod sources;
mod spans;
mod validate;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

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
    /// Words of which a message must name one for this entry to answer it
    /// (`needs` in faq.toml): the care after a massage is no answer to
    /// "should I run tomorrow or rest?", whatever words they share. Empty:
    /// no such condition.
    pub needs: Vec<String>,
    /// Where the entry's `id` line is, for messages to moderators.
    pub line: usize,
}

/// How soon a warning sign needs care, most urgent first. It chooses the
/// care prompt's wording and whether the sign decides the answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Tier {
    /// Go to an emergency department now (saddle numbness, bladder or
    /// bowel changes, breathlessness with a calf sign).
    Emergency,
    /// Get it checked today (a swollen calf, fever with a hot swollen area,
    /// a hard fall).
    SameDay,
    /// See someone in the next few days (not improving, getting worse,
    /// night pain, a growing lump).
    Soon,
    /// Not a sign that something is wrong but a reason to take care
    /// (pregnancy, blood thinners, recent hip surgery).
    Precaution,
}

impl Tier {
    pub const ALL: [Tier; 4] = [Tier::Emergency, Tier::SameDay, Tier::Soon, Tier::Precaution];

    pub fn as_str(self) -> &'static str {
        match self {
            Tier::Emergency => "emergency",
            Tier::SameDay => "same-day",
            Tier::Soon => "soon",
            Tier::Precaution => "precaution",
        }
    }

    /// Signs that need care today or sooner decide the answer over the
    /// question asked; later ones add their prompt to it.
    pub fn decides_answer(self) -> bool {
        self <= Tier::SameDay
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct RedFlagCategory {
    pub id: String,
    /// Plain words for the sign, used in the care prompt.
    pub name: String,
    /// How soon it needs care; `None` only in knowledge that `check`
    /// refuses, and then read as `Soon`.
    pub tier: Option<Tier>,
    /// This sign's own wording, in place of its tier's prompt.
    pub prompt: Option<String>,
    /// Categories that this milder reading stands in for when both are
    /// found ("numb on the bike" for saddle numbness).
    pub eases: Vec<String>,
    /// Terms that, found in the same message, mean it is not this sign.
    pub unless: Vec<String>,
    /// Categories that must also be found for this one to count
    /// ("bleeding" with "pregnancy").
    pub requires: Vec<String>,
    /// A word family for other categories to `require`, never a sign of
    /// its own: not reported, no prompt, no tier.
    pub concept: bool,
    /// A sign of an irritated nerve (sciatica, cauda equina), which is our
    /// topic even when the message names nothing else of ours.
    pub nerve: bool,
    /// Words members often use in passing about an ordinary sore spot
    /// ("worst pain of my life" after a long shift): told in the story
    /// around another question, the sign adds its prompt but does not
    /// replace the answer, whatever its tier.
    pub in_passing: bool,
    /// Its own `prompt` is for the sign told alone ("a foot that falls
    /// asleep ... usually settles"): with another sign of its tier, the
    /// tier's prompt is used, naming both.
    pub prompt_alone: bool,
    /// A sign the past does not end: a hip replaced years ago, a cancer
    /// treated, still matter, however "all good now" they are told.
    pub lasting: bool,
    /// Entries that explain this sign, the first being the default answer.
    pub answers: Vec<String>,
    /// Entries about this sign alone ("after a birth"): never the answer to
    /// a message that does not tell it, whatever words they share ("after
    /// 6 months of training").
    pub owns: Vec<String>,
    pub terms: Vec<String>,
    /// Example messages that must raise this sign (`fires`) or must not
    /// (`quiet`), each with its line in `red_flags.toml`.
    pub examples: Vec<Example>,
}

impl RedFlagCategory {
    pub fn tier(&self) -> Tier {
        self.tier.unwrap_or(Tier::Soon)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    pub text: String,
    pub fires: bool,
    pub line: usize,
}

/// The care prompt of each tier; `{signs}` is filled with the names of the
/// signs found.
#[derive(Debug, Clone, PartialEq)]
pub struct Prompts {
    pub emergency: String,
    pub same_day: String,
    pub soon: String,
    pub precaution: String,
    /// For signs told only as over ("had a fever last month, all good
    /// now").
    pub over: String,
    /// For signs only denied ("no numbness or tingling").
    pub denied: String,
}

impl Prompts {
    /// Every prompt with its key in `[prompts]`: one per tier, then those
    /// for signs told aside.
    pub fn all(&self) -> [(&'static str, &str); 6] {
        let [a, b, c, d] = Tier::ALL.map(|t| (t.as_str(), self.of(t)));
        [a, b, c, d, ("over", &self.over), ("denied", &self.denied)]
    }

    pub fn of(&self, tier: Tier) -> &str {
        match tier {
            Tier::Emergency => &self.emergency,
            Tier::SameDay => &self.same_day,
            Tier::Soon => &self.soon,
            Tier::Precaution => &self.precaution,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct RedFlags {
    pub prompts: Prompts,
    /// Phrases that look like signs and are not: figures of speech ("on
    /// pins and needles waiting", "fell off the wagon") and positions
    /// ("can not sleep on my left side"). Written as terms; their words are
    /// never read as a sign, while every other sign in the same message
    /// still is.
    pub look_alikes: Vec<String>,
    /// Phrases that use a sign's words of something expected, whose words
    /// still say what the question is about: pain under a ball or a
    /// therapist's thumb ("rolling it is agony"). Never read as a sign, as
    /// look-alikes are not, but the matcher still reads them ("rolling").
    pub not_signs: Vec<String>,
    /// Phrases that deny a sign ("no numbness or tingling"). For safety a
    /// denied sign still gets its prompt; it never replaces the answer to
    /// the question asked.
    pub denials: Vec<String>,
    /// Word groups a term names as `{name}` (see `crate::term`).
    pub groups: BTreeMap<String, Vec<String>>,
    pub categories: Vec<RedFlagCategory>,
}

impl RedFlags {
    /// The signs found (indices into `categories`, in file order) that a
    /// member is told about: `counted`, without the concepts.
    pub fn settle(&self, found: Vec<usize>) -> Vec<usize> {
        let mut counted = self.counted(found);
        counted.retain(|i| !self.categories[*i].concept);
        counted
    }

    /// The categories found that count: those whose `requires` were found
    /// too, less those that a more fitting reading found with them stands
    /// in for.
    pub fn counted(&self, found: Vec<usize>) -> Vec<usize> {
        let found = self.with_requirements(found);
        let eased: Vec<&str> = found
            .iter()
            .flat_map(|i| self.categories[*i].eases.iter().map(String::as_str))
            .collect();
        if eased.is_empty() {
            return found;
        }
        found
            .into_iter()
            .filter(|i| !eased.contains(&self.categories[*i].id.as_str()))
            .collect()
    }

    /// The categories of `found` whose `requires` count too: a
    /// requirement that lacks its own does not count ("gym" and "like
    /// coffee" are no dark pee after exercise when no pee is named), so
    /// this drops categories until none is left without its requirements.
    fn with_requirements(&self, mut found: Vec<usize>) -> Vec<usize> {
        loop {
            let ids: Vec<&str> = found
                .iter()
                .map(|i| self.categories[*i].id.as_str())
                .collect();
            let kept: Vec<usize> = found
                .iter()
                .copied()
                .filter(|i| {
                    self.categories[*i]
                        .requires
                        .iter()
                        .all(|r| ids.contains(&r.as_str()))
                })
                .collect();
            if kept.len() == found.len() {
                return kept;
            }
            found = kept;
        }
    }

    /// The most urgent tier among the categories found.
    pub fn tier_of(&self, found: &[usize]) -> Option<Tier> {
        found.iter().map(|i| self.categories[*i].tier()).min()
    }

    /// `template` (a prompt for signs told aside: `over` or `denied`)
    /// naming the signs found.
    pub fn prompt_aside(&self, template: &str, found: &[usize]) -> String {
        template.replace("{signs}", &self.names(found))
    }

    /// The names of the categories found, the first `MAX_NAMED` distinct
    /// ones, joined for `{signs}`.
    fn names(&self, found: &[usize]) -> String {
        let mut names: Vec<&str> = Vec::new();
        for i in found {
            let name = self.categories[*i].name.as_str();
            if !names.contains(&name) {
                names.push(name);
            }
        }
        let more = names.len() > MAX_NAMED;
        names.truncate(MAX_NAMED);
        if more {
            names.push("more");
        }
        join_names(&names)
    }

    /// The care prompt for the categories found: the wording of the most
    /// urgent tier among them (the first such sign's own, if it has one),
    /// with `{signs}` replaced by their names. A prompt that sends the
    /// member to care today or sooner names only the signs that need it:
    /// "numbness around the groin" must not share its line with the
    /// milder reading of the same words ("numbness or tingling").
    pub fn prompt_for(&self, found: &[usize]) -> String {
        let Some(tier) = self.tier_of(found) else {
            return String::new();
        };
        let of_tier: Vec<usize> = found
            .iter()
            .copied()
            .filter(|i| self.categories[*i].tier() == tier)
            .collect();
        let alone = of_tier.len() == 1;
        let own = of_tier
            .iter()
            .map(|i| &self.categories[*i])
            .filter(|c| alone || !c.prompt_alone)
            .find_map(|c| c.prompt.as_deref());
        let template = own.unwrap_or_else(|| self.prompts.of(tier));
        let named = if tier.decides_answer() {
            &of_tier
        } else {
            found
        };
        template.replace("{signs}", &self.names(named))
    }
}

/// Most signs a prompt names, so that it stays short on a phone and always
/// fits beside the longest answer.
pub const MAX_NAMED: usize = 4;

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
    /// What members call it ("pigeon", "90/90"): a question that names it
    /// and asks how to do it is answered with this stretch.
    pub names: Vec<String>,
    /// Where it can be done ("at my desk", "standing"): a question that
    /// asks for a stretch there and names no stretch gets this one, when
    /// no other stretch is done there.
    pub places: Vec<String>,
}

/// The knowledge's own word lists, editable without code. Common English
/// is the program's own (`crate::language`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Lexicon {
    /// Words and phrases that show a message is about glutes or knots.
    pub anchors: Vec<String>,
    /// Words of our topic that have other meanings too ("knot", "stretch"):
    /// anchors only when nothing from `elsewhere` is named.
    pub topic_words: Vec<String>,
    /// Other body parts: without an anchor, a message about them is not
    /// answered, and a question about one ("how do I get a calf knot
    /// out?") is not ours whatever the story around it says.
    pub elsewhere: Vec<String>,
    /// Other kinds of knot (rope, a tie, knots of speed): like `elsewhere`,
    /// except in a question about the knot itself ("is the muscle tied
    /// up?").
    pub other_knots: Vec<String>,
    /// The parts of `elsewhere` that are the leg, where nerve signs from
    /// the glute (sciatica) are felt.
    pub legs: Vec<String>,
    /// Words for pain: a red flag in a message about pain, with no other
    /// body part named, is taken to be about the glute.
    pub pain: Vec<String>,
    /// Subjects next to ours ("bigger booty", "playlist"): a message naming
    /// one needs as close a match as one that names nothing of ours.
    pub off_topic: Vec<String>,
    /// What members type, mapped to the words the knowledge uses.
    pub synonyms: Vec<(String, String)>,
}

/// Fixed texts of the bot's replies.
#[derive(Debug, Clone, PartialEq)]
pub struct Replies {
    pub footer: String,
    pub not_sure: String,
    pub did_you_mean: String,
    pub see_also: String,
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
    /// Every piece of text whose words a member might use, spelled right:
    /// what typo correction corrects towards. Aliases are left out: they
    /// are written the way members type, typos included, and are read like
    /// members' messages (see `Matcher::index`), so "piriformus" in one
    /// entry's alias cannot claim that typo for it.
    pub fn vocabulary(&self) -> Vec<&str> {
        let mut texts: Vec<&str> = Vec::new();
        for e in &self.entries {
            texts.push(&e.title);
            texts.push(&e.body);
            texts.extend(e.keywords.iter().map(String::as_str));
        }
        for s in &self.stretches {
            texts.push(&s.name);
            texts.extend(s.names.iter().map(String::as_str));
        }
        for c in &self.red_flags.categories {
            texts.extend(c.terms.iter().map(String::as_str));
        }
        for words in self.red_flags.groups.values() {
            texts.extend(words.iter().map(String::as_str));
        }
        let l = &self.lexicon;
        for list in [
            &l.anchors,
            &l.topic_words,
            &l.elsewhere,
            &l.other_knots,
            &l.legs,
            &l.pain,
            &l.off_topic,
        ] {
            texts.extend(list.iter().map(String::as_str));
        }
        texts
    }

    /// The shipped word lists and red flags around `entries` of a test's
    /// own: a small fixture for unit tests of the matcher's rules.
    #[cfg(test)]
    pub(crate) fn with_entries(self, entries: Vec<Entry>) -> Knowledge {
        Knowledge::new(
            entries,
            self.red_flags,
            self.stretches,
            self.lexicon,
            self.replies,
        )
    }

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

    /// Like `from_sources`, but runs `work` on the parsed knowledge while
    /// it is validated on another thread, and gives its result only with
    /// knowledge that passed: a cold start validates and builds at once,
    /// and nothing built from bad knowledge ever leaves this function.
    pub fn checked_while<T: Send>(
        sources: &Sources,
        work: impl FnOnce(&Knowledge) -> T + Send,
    ) -> Result<(Knowledge, T), KnowledgeError> {
        let knowledge = build::parse_all(sources)?;
        let (problems, built) = std::thread::scope(|s| {
            let problems = s.spawn(|| validate::check(&knowledge, sources));
            let built = work(&knowledge);
            (problems.join().expect("validating the knowledge"), built)
        });
        if problems.is_empty() {
            Ok((knowledge, built))
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

    /// The stretch `id`, if there is one.
    pub fn stretch(&self, id: &str) -> Option<&Stretch> {
        self.stretches.iter().find(|s| s.id == id)
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
