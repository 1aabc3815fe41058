//! One handled message as the workbench records it. The text of the
//! question is kept only where a moderator needs it to teach the bot:
//! nothing was answered, the answer was below the help-channel bar, or a
//! member said it was not what they asked (see [`crate::workbench::db`]).

use std::hash::{BuildHasher, RandomState};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::reply::Reply;

/// How the message reached the bot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    Mention,
    Dm,
    HelpChannel,
    Slash,
    ContextMenu,
}

impl Route {
    pub fn as_str(self) -> &'static str {
        match self {
            Route::Mention => "mention",
            Route::Dm => "dm",
            Route::HelpChannel => "help-channel",
            Route::Slash => "slash",
            Route::ContextMenu => "context-menu",
        }
    }
}

/// What the member got.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// An entry's answer.
    Answered,
    /// "Not sure" (with suggestions, or a care prompt alone).
    NotSure,
    /// Nothing: a help-channel message the bot was not sure enough of, or
    /// one skipped by a cooldown.
    Silent,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Answered => "answered",
            Outcome::NotSure => "not-sure",
            Outcome::Silent => "silent",
        }
    }
}

/// One row of the `events` table.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// Random, and also in the ids of the reply's feedback buttons, so a
    /// vote finds its event without storing who asked.
    pub token: i64,
    /// Seconds since the Unix epoch.
    pub at: i64,
    pub guild: Option<u64>,
    pub channel: Option<u64>,
    pub route: Route,
    pub outcome: Outcome,
    pub entry: Option<String>,
    pub score: Option<f32>,
    pub red_flags: Vec<String>,
    /// The question's text, only when a moderator needs it.
    pub question: Option<String>,
}

impl Event {
    /// What to record of `reply`: `posted` says whether the member saw
    /// it, `bar` is the help channels' confidence bar.
    pub fn of(reply: &Reply, route: Route, posted: bool, bar: f32) -> Event {
        let outcome = match (&reply.matched, posted) {
            (_, false) => Outcome::Silent,
            (Some(_), true) => Outcome::Answered,
            (None, true) => Outcome::NotSure,
        };
        let keep_text = match outcome {
            Outcome::Answered => reply.matched.as_ref().is_some_and(|m| m.score < bar),
            Outcome::NotSure => true,
            // Chatter in a help channel with nothing of ours in it is not
            // a missed question: its text is not kept.
            Outcome::Silent => reply.matched.is_some() || reply.names_our_subject,
        };
        Event {
            token: new_token(),
            at: super::now(),
            guild: None,
            channel: None,
            route,
            outcome,
            entry: reply.matched.as_ref().map(|m| m.id.clone()),
            score: reply.matched.as_ref().map(|m| m.score),
            red_flags: reply.red_flags.iter().map(|f| f.id.clone()).collect(),
            question: keep_text.then(|| question_text(&reply.question)),
        }
    }

    /// The same event, placed in a server and channel.
    pub fn at_place(mut self, guild: Option<u64>, channel: Option<u64>) -> Event {
        self.guild = guild;
        self.channel = channel;
        self
    }
}

/// Most characters of a question kept: a forum-length post, not a flood.
pub const QUESTION_LIMIT: usize = 1000;

/// The question as stored: without mentions (`<@123>` names a member,
/// and is not part of the question), trimmed and capped.
pub fn question_text(question: &str) -> String {
    let plain = crate::text::without_discord_tokens(question);
    let words: Vec<&str> = plain.split_whitespace().collect();
    crate::text::cap_chars(&words.join(" "), QUESTION_LIMIT).to_string()
}

/// A positive random token. Unique enough: 63 random bits per reply.
pub fn new_token() -> i64 {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    (RandomState::new().hash_one(n) >> 1) as i64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Engine;

    fn engine() -> Engine {
        Engine::new(crate::Knowledge::from_sources(&crate::knowledge::Sources::embedded()).unwrap())
    }

    #[test]
    fn text_is_kept_only_where_a_moderator_needs_it() {
        let e = engine();
        let sure = e.answer("why does my butt hurt when I sit all day");
        assert!(sure.matched.is_some());
        let answered = Event::of(&sure, Route::Mention, true, 0.0);
        assert_eq!(answered.outcome, Outcome::Answered);
        assert_eq!(answered.question, None, "a good answer keeps no text");
        let below_bar = Event::of(&sure, Route::Mention, true, 1.1);
        assert!(below_bar.question.is_some());

        let unsure = e.answer("what about the purple thing from yesterday");
        let missed = Event::of(&unsure, Route::Mention, true, 0.55);
        assert_eq!(missed.outcome, Outcome::NotSure);
        assert!(missed.question.is_some());

        let chatter = e.answer("lol same");
        let silent = Event::of(&chatter, Route::HelpChannel, false, 0.55);
        assert_eq!(silent.outcome, Outcome::Silent);
        assert_eq!(silent.question, None, "chatter is not kept");
        let ours = e.answer("is the purple cream any good for a knot in my glute");
        let missed = Event::of(&ours, Route::HelpChannel, false, 0.55);
        assert!(
            missed.question.is_some(),
            "a missed question of ours is kept"
        );
    }

    #[test]
    fn mentions_are_never_stored() {
        assert_eq!(
            question_text("<@123>  why does it hurt <@!45> <@&6>\n"),
            "why does it hurt"
        );
        assert_eq!(question_text("email me @ <me>"), "email me @ <me>");
    }

    #[test]
    fn tokens_differ_and_are_positive() {
        let a: Vec<i64> = (0..1000).map(|_| new_token()).collect();
        assert!(a.iter().all(|t| *t >= 0));
        let distinct: std::collections::HashSet<_> = a.iter().collect();
        assert_eq!(distinct.len(), a.len());
    }
}
