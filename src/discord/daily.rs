//! The stretch of the day, posted once a day at the configured local time.
//!
//! The date of the last post is kept in the state file and written before
//! the bot considers the day done, so a restart after the post time posts
//! nothing twice, and a restart before it posts once, on time.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use chrono::{NaiveDate, TimeZone};
use poise::serenity_prelude as serenity;
use serde::{Deserialize, Serialize};

use super::render;
use crate::store::Store;

/// How often the clock is looked at; a post is at most this late.
const TICK: Duration = Duration::from_secs(20);

#[derive(Serialize, Deserialize, Default)]
struct State {
    last_stretch_posted: Option<NaiveDate>,
}

pub struct Poster {
    pub channel: serenity::ChannelId,
    pub time: chrono::NaiveTime,
    pub zone: chrono_tz::Tz,
    pub state_file: PathBuf,
    pub store: Arc<Store>,
}

impl Poster {
    pub async fn run(self, http: Arc<serenity::Http>) {
        loop {
            if let Some(date) = self.due(chrono::Utc::now()) {
                self.post(&http, date).await;
            }
            tokio::time::sleep(TICK).await;
        }
    }

    /// The local date to post for, if today's post time has come and today
    /// has not been posted yet.
    fn due(&self, now: chrono::DateTime<chrono::Utc>) -> Option<NaiveDate> {
        let local = now.with_timezone(&self.zone);
        let today = local.date_naive();
        // On a day when the clock skips the post time, post at the first
        // valid moment after it.
        let post_at = self
            .zone
            .from_local_datetime(&today.and_time(self.time))
            .earliest()
            .unwrap_or(local);
        let posted = read_state(&self.state_file).last_stretch_posted;
        (local >= post_at && posted.is_none_or(|d| d < today)).then_some(today)
    }

    async fn post(&self, http: &serenity::Http, date: NaiveDate) {
        let engine = self.store.engine().load_full();
        let k = engine.knowledge();
        let stretch = crate::stretch::of_the_day(&k.stretches, date);
        let message = serenity::CreateMessage::new()
            .embed(render::stretch_embed(stretch, date, &k.replies.footer))
            .allowed_mentions(render::no_pings());
        match self.channel.send_message(http, message).await {
            Ok(_) => {
                if let Err(e) = write_state(&self.state_file, date) {
                    tracing::error!(file = %self.state_file.display(), "posted the stretch but could not record it: {e}");
                }
                tracing::info!(%date, stretch = %stretch.id, "posted the stretch of the day");
            }
            // Tried again at the next tick.
            Err(e) => {
                tracing::warn!(channel = %self.channel, "could not post the stretch of the day: {e}")
            }
        }
    }
}

fn read_state(path: &Path) -> State {
    std::fs::read_to_string(path)
        .ok()
        .and_then(|t| toml::from_str(&t).ok())
        .unwrap_or_default()
}

fn write_state(path: &Path, date: NaiveDate) -> std::io::Result<()> {
    let state = State {
        last_stretch_posted: Some(date),
    };
    let text = toml::to_string(&state).map_err(std::io::Error::other)?;
    crate::store::write_atomically(path, text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn poster(dir: &Path, time: &str, zone: &str) -> Poster {
        let store = Arc::new(
            Store::open(
                Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("knowledge")
                    .as_path(),
            )
            .unwrap(),
        );
        Poster {
            channel: serenity::ChannelId::new(1),
            time: chrono::NaiveTime::parse_from_str(time, "%H:%M").unwrap(),
            zone: zone.parse().unwrap(),
            state_file: dir.join("state.toml"),
            store,
        }
    }

    fn at(s: &str) -> chrono::DateTime<chrono::Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn due_once_a_day_after_the_local_time() {
        let dir = tempfile::tempdir().unwrap();
        let p = poster(dir.path(), "09:00", "Europe/London");
        assert_eq!(
            p.due(at("2026-07-01T07:59:00Z")),
            None,
            "08:59 BST is before 09:00"
        );
        let today = NaiveDate::from_ymd_opt(2026, 7, 1).unwrap();
        assert_eq!(p.due(at("2026-07-01T08:00:00Z")), Some(today));
        write_state(&p.state_file, today).unwrap();
        assert_eq!(
            p.due(at("2026-07-01T20:00:00Z")),
            None,
            "already posted today: a restart posts nothing"
        );
        assert_eq!(
            p.due(at("2026-07-02T08:30:00Z")),
            Some(today.succ_opt().unwrap())
        );
    }

    #[test]
    fn a_skipped_local_time_still_posts() {
        let dir = tempfile::tempdir().unwrap();
        // 02:30 does not exist in New York on 8 March 2026 (clocks go forward).
        let p = poster(dir.path(), "02:30", "America/New_York");
        assert!(p.due(at("2026-03-08T12:00:00Z")).is_some());
    }
}
