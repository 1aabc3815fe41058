//! The forms a moderator fills in to add or edit a FAQ entry (opened by
//! `/faq-admin add`/`edit` and by "New entry…" in `/faq-admin review`) or
//! a topic (`/faq-admin topic-add`/`topic-edit`).

use poise::Modal;

use crate::store::Draft;

#[derive(Debug, Modal)]
#[name = "FAQ entry"]
pub struct EntryForm {
    #[name = "Question (shown as the title)"]
    #[placeholder = "Why does my glute hurt when I sit?"]
    #[min_length = 5]
    #[max_length = 200]
    pub question: String,
    #[name = "Other ways members ask it, one per line"]
    #[placeholder = "butt hurts after sitting all day\nsore glute from my desk job"]
    #[paragraph]
    #[max_length = 3000]
    pub aliases: String,
    #[name = "Answer"]
    #[paragraph]
    #[max_length = 3000]
    pub answer: String,
}

impl EntryForm {
    pub fn from_draft(d: Draft) -> EntryForm {
        EntryForm {
            question: d.question,
            aliases: d.aliases.join("\n"),
            answer: d.answer,
        }
    }

    pub fn into_draft(self) -> Draft {
        Draft {
            question: self.question,
            aliases: self
                .aliases
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(String::from)
                .collect(),
            answer: self.answer,
        }
    }
}

/// The form for a topic (`/faq-admin topic-add`/`topic-edit`): a name, the
/// ways members ask for it, and a summary.
#[derive(Debug, Modal)]
#[name = "Topic"]
pub struct TopicForm {
    #[name = "Name (shown as the title)"]
    #[placeholder = "Hamstrings"]
    #[min_length = 3]
    #[max_length = 200]
    pub name: String,
    #[name = "Ways members ask for it, one per line"]
    #[placeholder = "hammies\nback of the thigh muscles"]
    #[paragraph]
    #[max_length = 3000]
    pub aliases: String,
    #[name = "Summary"]
    #[paragraph]
    #[max_length = 3000]
    pub summary: String,
}

/// A form that edits an entry: made from a draft, read back into one.
pub trait Form: Modal + Send {
    fn from_draft(d: Draft) -> Self;
    fn into_draft(self) -> Draft;
}

impl Form for EntryForm {
    fn from_draft(d: Draft) -> Self {
        EntryForm::from_draft(d)
    }
    fn into_draft(self) -> Draft {
        EntryForm::into_draft(self)
    }
}

impl Form for TopicForm {
    fn from_draft(d: Draft) -> Self {
        TopicForm {
            name: d.question,
            aliases: d.aliases.join("\n"),
            summary: d.answer,
        }
    }
    fn into_draft(self) -> Draft {
        let entry = EntryForm {
            question: self.name,
            aliases: self.aliases,
            answer: self.summary,
        };
        entry.into_draft()
    }
}
