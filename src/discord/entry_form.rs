//! The form a moderator fills in to add or edit a FAQ entry, opened by
//! `/faq-admin add`/`edit` and by "New entry…" in `/faq-admin review`.

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
