//! The on-disk shape of each knowledge file, exactly as moderators write it.
//!
//! Unknown keys are refused so that a typo such as `alias =` for `aliases =`
//! is reported instead of silently dropping the aliases.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

pub use crate::knowledge::Tier;

pub type Text = Spanned<String>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaqFile {
    #[serde(default)]
    pub faq: Vec<FaqRow>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaqRow {
    pub id: Text,
    pub question: Text,
    pub aliases: Spanned<Vec<Text>>,
    pub answer: Text,
    #[serde(default)]
    pub keywords: Vec<Text>,
    #[serde(default)]
    pub related: Vec<Text>,
    #[serde(default)]
    pub needs: Vec<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopicFile {
    #[serde(default)]
    pub topic: Vec<TopicRow>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopicRow {
    pub id: Text,
    pub name: Text,
    pub aliases: Spanned<Vec<Text>>,
    pub summary: Text,
    #[serde(default)]
    pub keywords: Vec<Text>,
    #[serde(default)]
    pub related: Vec<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RedFlagFile {
    /// One care prompt per tier of urgency.
    pub prompts: PromptsRow,
    /// Phrases whose words are never read as a sign.
    #[serde(default)]
    pub look_alikes: Vec<Text>,
    /// Phrases whose words are never read as a sign, though the matcher
    /// still reads them.
    #[serde(default)]
    pub not_signs: Vec<Text>,
    /// Phrases that deny a sign: it keeps its prompt, not the answer.
    #[serde(default)]
    pub denials: Vec<Text>,
    /// Named lists of words that terms use as `{name}`.
    #[serde(default)]
    pub groups: BTreeMap<String, Vec<Text>>,
    #[serde(default)]
    pub red_flag: Vec<RedFlagRow>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PromptsRow {
    pub emergency: Text,
    pub same_day: Text,
    pub soon: Text,
    pub precaution: Text,
    pub over: Text,
    pub denied: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RedFlagRow {
    pub id: Text,
    pub name: Text,
    /// How soon the sign needs care; `check` refuses a category without
    /// one, with its line, rather than guessing.
    #[serde(default)]
    pub tier: Option<Tier>,
    /// Wording of this sign's own, in place of its tier's prompt.
    #[serde(default)]
    pub prompt: Option<Text>,
    /// Categories this milder reading of the same words stands in for
    /// ("numb on the bike" for saddle numbness).
    #[serde(default)]
    pub eases: Vec<Text>,
    /// Terms that, found with this sign's, mean it is not this sign after
    /// all ("not going away" after "numb on the bike").
    #[serde(default)]
    pub unless: Vec<Text>,
    /// Categories that must also be found for this one to count.
    #[serde(default)]
    pub requires: Vec<Text>,
    /// A word family that other categories `require` ("the saddle area"),
    /// never shown to members on its own.
    #[serde(default)]
    pub concept: bool,
    #[serde(default)]
    pub nerve: bool,
    #[serde(default)]
    pub in_passing: bool,
    #[serde(default)]
    pub prompt_alone: bool,
    #[serde(default)]
    pub lasting: bool,
    #[serde(default)]
    pub answers: Vec<Text>,
    #[serde(default)]
    pub owns: Vec<Text>,
    pub terms: Spanned<Vec<Text>>,
    /// Messages that must raise this sign, and look-alikes that must not:
    /// checked on every load, so a broadened term cannot silently bring
    /// back a false alarm fixed before.
    #[serde(default)]
    pub fires: Vec<Text>,
    #[serde(default)]
    pub quiet: Vec<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StretchFile {
    #[serde(default)]
    pub stretch: Vec<StretchRow>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StretchRow {
    pub id: Text,
    pub name: Text,
    pub targets: Spanned<Vec<Text>>,
    pub steps: Spanned<Vec<Text>>,
    pub hold: Text,
    pub caution: Text,
    #[serde(default)]
    pub names: Vec<Text>,
    #[serde(default)]
    pub places: Vec<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LexiconFile {
    #[serde(default)]
    pub anchors: Vec<Text>,
    #[serde(default)]
    pub topic_words: Vec<Text>,
    #[serde(default)]
    pub elsewhere: Vec<Text>,
    #[serde(default)]
    pub other_knots: Vec<Text>,
    #[serde(default)]
    pub legs: Vec<Text>,
    #[serde(default)]
    pub pain: Vec<Text>,
    #[serde(default)]
    pub off_topic: Vec<Text>,
    #[serde(default)]
    pub synonyms: BTreeMap<String, Text>,
    // Lists an older lexicon.toml held that are now the program's own
    // (src/language): read only to tell whoever still has them what to do.
    pub stopwords: Option<Spanned<toml::Value>>,
    pub fillers: Option<Spanned<toml::Value>>,
    pub negations: Option<Spanned<toml::Value>>,
    pub spelled_right: Option<Spanned<toml::Value>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RepliesFile {
    pub footer: Text,
    pub not_sure: Text,
    pub did_you_mean: Text,
    pub see_also: Text,
    pub empty: Text,
}
