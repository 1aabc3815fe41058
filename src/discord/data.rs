//! The types every command and event handler shares: the bot's data, the
//! context, and the split between errors a member can act on and internal
//! ones.

use std::sync::Arc;

use super::config::Settings;
use super::cooldown::Cooldowns;
use crate::store::Store;

/// What every handler can reach.
pub struct Data {
    pub store: Arc<Store>,
    pub settings: Arc<Settings>,
    pub cooldowns: Cooldowns,
    /// Forms and buttons waiting for a member's answer.
    pub pending: super::pending::Pending,
    /// Sends the answers to members' messages, a bounded number at a time.
    pub outbox: super::outbox::Outbox,
    /// The subjects of recent answers, for follow-ups.
    pub conversations: super::conversation::Conversations,
    /// What the bot was asked and how it did; `None` when recording is off
    /// or the database cannot be used.
    pub workbench: Option<Arc<super::workbench::Workbench>>,
    /// Each server's own settings over the config's.
    pub servers: Arc<super::servers::Servers>,
}

impl Data {
    /// Records a handled message, if the workbench is on; returns the
    /// token for the reply's feedback buttons when it is an answer and
    /// `server` (the settings where it was asked) wants them.
    pub fn record(
        &self,
        reply: &crate::reply::Reply,
        route: crate::workbench::Route,
        posted: bool,
        place: super::workbench::Place,
        server: &super::servers::ServerSettings,
    ) -> Option<i64> {
        let token = self.workbench.as_ref()?.record(
            reply,
            route,
            posted,
            server.help_channel_min_score,
            place,
        );
        token.filter(|_| server.feedback_buttons)
    }
}

pub type Error = anyhow::Error;
pub type Context<'a> = poise::Context<'a, Data, Error>;

/// An error the member can act on; shown to them (privately) as it is.
/// Anything else is logged and answered with a short apology.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct MemberError(pub String);

/// A [`MemberError`] as the handlers' error type.
pub fn member_error(message: impl Into<String>) -> Error {
    MemberError(message.into()).into()
}

/// Turns a store edit error into the right kind: what a moderator can fix is
/// theirs to see, a failing disk is ours.
pub fn edit_error(e: crate::store::EditError) -> Error {
    use crate::store::EditError;
    match e {
        EditError::Io(_) => anyhow::Error::new(e),
        EditError::Invalid(problems) => member_error(format!(
            "That change would break the FAQ, so nothing was saved:\n{}",
            bullets(&problems, |p| p.message.clone())
        )),
        EditError::BrokenOnDisk(problems) => member_error(format!(
            "Nothing was saved: the knowledge files on the bot's host have problems \
             (someone may be editing them by hand). Ask whoever looks after the files \
             to fix these, then try again:\n{}",
            bullets(&problems, |p| format!(
                "{}:{}: {}",
                file_name(&p.file),
                p.line,
                p.message
            ))
        )),
        other => member_error(capitalise(&other.to_string())),
    }
}

/// At most a handful of problems, one per line, within a Discord message.
fn bullets(
    problems: &crate::knowledge::KnowledgeError,
    line: impl Fn(&crate::knowledge::Problem) -> String,
) -> String {
    const SHOWN: usize = 5;
    let mut lines: Vec<String> = problems
        .0
        .iter()
        .take(SHOWN)
        .map(|p| format!("- {}", line(p).chars().take(300).collect::<String>()))
        .collect();
    if problems.0.len() > SHOWN {
        lines.push(format!("- …and {} more", problems.0.len() - SHOWN));
    }
    lines.join("\n")
}

/// `faq.toml` rather than the host's full path, which members need not see.
fn file_name(path: &str) -> &str {
    std::path::Path::new(path)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(path)
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
