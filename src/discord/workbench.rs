//! The workbench as the bot uses it: each handled message recorded off the
//! answering path, and, for a little while, the text of each answered
//! question, so that "Not what I asked" can keep it and offer other
//! entries. That text lives in memory only, for at most [`REMEMBER`] and
//! [`REMEMBERED`] questions, and is gone on restart.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::config::Settings;
use crate::reply::Reply;
use crate::workbench::{Database, Event, Recorder, Route};
use crate::Engine;

/// How long an answered question's text is remembered for feedback.
pub const REMEMBER: Duration = Duration::from_secs(24 * 3600);
/// At most this many answered questions are remembered.
pub const REMEMBERED: usize = 5000;

/// Days the review and the stats look back when the moderator does not say.
pub const DEFAULT_DAYS: u32 = 7;

pub struct Workbench {
    pub db: Arc<Database>,
    recorder: Recorder,
    answered: Mutex<Answered>,
    pub retention_days: u32,
}

/// What a reply with feedback buttons answered: the question and the entry.
#[derive(Clone)]
pub struct Asked {
    pub question: String,
    pub entry: Option<String>,
}

#[derive(Default)]
struct Answered {
    order: VecDeque<(i64, Instant)>,
    by_token: HashMap<i64, Asked>,
}

/// Where a message was, for the record.
#[derive(Clone, Copy)]
pub struct Place {
    pub guild: Option<u64>,
    pub channel: Option<u64>,
}

impl Workbench {
    /// The days a moderator's review or stats cover: what they asked for
    /// (a week by default), never more than is kept.
    pub fn days_back(&self, asked: Option<u32>) -> u32 {
        asked.unwrap_or(DEFAULT_DAYS).min(self.retention_days)
    }

    /// Opens the configured database and starts recording; `None` (with
    /// one clear error in the log) when there is none or it cannot be
    /// used, and the bot answers all the same.
    pub fn open(settings: &Settings) -> Option<Workbench> {
        let path = settings.database.as_ref()?;
        let started = Database::open(path).and_then(|db| {
            let recorder =
                Recorder::start(&db, settings.config.retention_days).map_err(|source| {
                    crate::workbench::DbError::Sqlite {
                        path: path.clone(),
                        source,
                    }
                })?;
            Ok((db, recorder))
        });
        match started {
            Ok((db, recorder)) => {
                tracing::info!(database = %path.display(), "the workbench is recording");
                Some(Workbench {
                    db: Arc::new(db),
                    recorder,
                    answered: Mutex::default(),
                    retention_days: settings.config.retention_days,
                })
            }
            Err(e) => {
                tracing::error!(
                    "{e}; the bot answers as usual, but records nothing (no review, no stats)"
                );
                None
            }
        }
    }

    /// Records a reply to a message; returns the token the reply's
    /// feedback buttons carry when the member got an answer.
    pub fn record(
        &self,
        reply: &Reply,
        route: Route,
        posted: bool,
        bar: f32,
        place: Place,
    ) -> Option<i64> {
        let event = Event::of(reply, route, posted, bar).at_place(place.guild, place.channel);
        let token = event.token;
        let answered = posted && reply.matched.is_some();
        self.recorder.record(event);
        if !answered {
            return None;
        }
        self.remember(
            token,
            Asked {
                question: reply.question.clone(),
                entry: reply.matched.as_ref().map(|m| m.id.clone()),
            },
        );
        Some(token)
    }

    fn remember(&self, token: i64, asked: Asked) {
        let mut a = self.answered.lock().unwrap_or_else(|p| p.into_inner());
        let now = Instant::now();
        while let Some(&(old, at)) = a.order.front() {
            if a.order.len() < REMEMBERED && now.duration_since(at) < REMEMBER {
                break;
            }
            a.order.pop_front();
            a.by_token.remove(&old);
        }
        a.order.push_back((token, now));
        a.by_token.insert(token, asked);
    }

    /// The groups of missed questions of the last `days` days that the
    /// knowledge in `engine` still does not answer at `bar`. Blocking.
    pub fn groups(
        &self,
        engine: &Engine,
        days: u32,
        bar: f32,
    ) -> rusqlite::Result<Vec<crate::workbench::review::Group>> {
        let missed = crate::workbench::review::missed(&self.db, days, crate::workbench::now())?;
        Ok(crate::workbench::review::groups(engine, &missed, bar))
    }

    /// The question a reply answered, while it is remembered.
    pub fn asked(&self, token: i64) -> Option<Asked> {
        let a = self.answered.lock().unwrap_or_else(|p| p.into_inner());
        a.by_token.get(&token).cloned()
    }
}
