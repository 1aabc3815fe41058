//! The moderators' workbench: what the bot was asked and how it did, kept
//! in one SQLite file so that moderators can see what it missed and teach
//! it in a click.
//!
//! - [`event`]: what is recorded of one handled message, and when its
//!   text is kept (only where a moderator needs it);
//! - [`db`]: the database file, its schema migrations, retention, and a
//!   corrupt file moved aside;
//! - [`recorder`]: records written off the answering path, through a
//!   bounded queue that drops rather than delays;
//! - [`stats`] and [`review`]: what moderators read, from Discord or the
//!   command line.

mod db;
mod event;
mod recorder;
pub mod review;
pub mod stats;

pub use db::{Database, DbError};
pub use event::{Event, Outcome, Route};
pub use recorder::Recorder;

/// Seconds since the Unix epoch, the database's clock.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// Retention when the config does not say: long enough to see a month's
/// misses, short enough that nothing lingers.
pub const DEFAULT_RETENTION_DAYS: u32 = 30;
