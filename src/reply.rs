//! The platform-neutral reply: what the bot would say, as data. The CLI
//! renders it as text or JSON; the Discord adapter renders it as an embed.

use serde::Serialize;

use crate::knowledge::EntryKind;

/// What an answer is: a FAQ entry, a topic, or a stretch asked about by
/// name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AnswerKind {
    Faq,
    Topic,
    Stretch,
}

impl From<EntryKind> for AnswerKind {
    fn from(kind: EntryKind) -> AnswerKind {
        match kind {
            EntryKind::Faq => AnswerKind::Faq,
            EntryKind::Topic => AnswerKind::Topic,
        }
    }
}

/// An entry the reply answers with or suggests.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Match {
    pub kind: AnswerKind,
    pub id: String,
    #[serde(serialize_with = "three_places")]
    pub score: f32,
    /// The entry's question or name, for titles and "did you mean" buttons.
    #[serde(skip)]
    pub title: String,
}

fn three_places<S: serde::Serializer>(score: &f32, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64((f64::from(*score) * 1000.0).round() / 1000.0)
}

/// A red flag found in the message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Flag {
    pub id: String,
    #[serde(skip)]
    pub name: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// The matched entry's answer.
    Answer { title: String, text: String },
    /// Nothing matched well enough (the suggestions may help).
    NotSure(String),
    /// The message had no words at all.
    Empty(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    pub question: String,
    pub matched: Option<Match>,
    pub suggestions: Vec<Match>,
    pub red_flags: Vec<Flag>,
    /// Shown first whenever a red flag is found.
    pub care_prompt: Option<String>,
    /// The care prompt sends the member for help today or now (a same-day
    /// or an emergency sign): it comes before anything else, the entry's
    /// title included.
    pub urgent: bool,
    pub body: Body,
    pub footer: String,
    /// Heading for the suggestions.
    pub did_you_mean: String,
    /// Under an answer: the entry's curated `related` entries.
    pub see_also: Vec<Match>,
    /// Heading for `see_also`.
    pub see_also_heading: String,
    /// The message (with the one it follows up) names glutes, knots or
    /// their care: what tells a missed question from chatter.
    pub names_our_subject: bool,
}

#[derive(Serialize)]
struct Json<'a> {
    question: &'a str,
    #[serde(rename = "match")]
    matched: &'a Option<Match>,
    suggestions: &'a [Match],
    red_flags: Vec<&'a str>,
    reply: String,
}

impl Reply {
    pub fn title(&self) -> Option<&str> {
        match &self.body {
            Body::Answer { title, .. } => Some(title),
            _ => None,
        }
    }

    /// The title to show above the text: none when an urgent care prompt
    /// must be the first thing read (the title then follows it, in the
    /// text).
    pub fn heading(&self) -> Option<&str> {
        self.title().filter(|_| !self.urgent)
    }

    /// The main text: care prompt first, then the answer or "not sure".
    pub fn description(&self) -> String {
        let main = match &self.body {
            Body::Answer { text, .. } => text.as_str(),
            Body::NotSure(text) | Body::Empty(text) => text.as_str(),
        };
        match &self.care_prompt {
            Some(prompt) if self.matched.is_some() => match self.title() {
                Some(title) if self.urgent => format!("{prompt}\n\n**{title}**\n\n{main}"),
                _ => format!("{prompt}\n\n{main}"),
            },
            // With no answer, the care prompt is the message.
            Some(prompt) => prompt.clone(),
            None => main.to_string(),
        }
    }

    /// What to offer next, with its heading: under an answer, the entry's
    /// own `related` list ("See also"); when unsure, the best candidates
    /// ("Did you mean"), never both, so a sure answer does not look unsure.
    pub fn links(&self) -> (&str, &[Match]) {
        if self.matched.is_some() {
            (&self.see_also_heading, &self.see_also)
        } else {
            (&self.did_you_mean, &self.suggestions)
        }
    }

    /// The whole reply as plain text, as the bot would post it.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        if let Some(title) = self.heading() {
            out.push_str(&format!("**{title}**\n\n"));
        }
        out.push_str(&self.description());
        let (heading, links) = self.links();
        if links.is_empty() {
            out.push('\n');
        } else {
            out.push_str(&format!("\n\n{heading}\n"));
            for s in links {
                out.push_str(&format!("- {}\n", s.title));
            }
        }
        out.push_str(&format!("\n_{}_", self.footer));
        out
    }

    /// One line of JSON, in the shape of the command-line contract.
    pub fn to_json(&self) -> String {
        let json = Json {
            question: &self.question,
            matched: &self.matched,
            suggestions: &self.suggestions,
            red_flags: self.red_flags.iter().map(|f| f.id.as_str()).collect(),
            reply: self.to_text(),
        };
        serde_json::to_string(&json).expect("a reply always serialises")
    }
}
