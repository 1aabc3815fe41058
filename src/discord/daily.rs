//! The stretch of the day, posted once a day at the configured local time:
//! in the config's `[stretch] channel`, and in each server's own channel
//! set with `/knotbot-setup stretch`.
//!
//! The date of the last post is kept (in the state file for the config's
//! channel, in the database for a server's) and written before the bot
//! considers the day done, so a restart after the post time posts nothing
//! twice, and a restart before it posts once, on time.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use chrono::{NaiveDate, TimeZone};
use poise::serenity_prelude as serenity;
use serde::{Deserialize, Serialize};

use super::render;
use super::servers::{Servers, STRETCH_POSTED};
use crate::store::Store;

/// How often the clock is looked at; a post is at most this late.
const TICK: Duration = Duration::from_secs(20);

#[derive(Serialize, Deserialize, Default)]
struct State {
    last_stretch_posted: Option<NaiveDate>,
}

pub struct Poster {
    pub state_file: PathBuf,
    pub store: Arc<Store>,
    pub servers: Arc<Servers>,
}

/// One daily post: where, when, and where its last date is kept.
struct Target {
    channel: serenity::ChannelId,
    time: chrono::NaiveTime,
    zone: chrono_tz::Tz,
    /// `None`: the config's channel, kept in the state file.
    guild: Option<u64>,
}

impl Poster {
    pub async fn run(self, http: Arc<serenity::Http>) {
        loop {
            for target in self.targets() {
                let posted = self.posted(&target);
                if let Some(date) = due(&target, posted, chrono::Utc::now()) {
                    self.post(&http, &target, date).await;
                }
            }
            tokio::time::sleep(TICK).await;
        }
    }

    /// The config's channel (if set) and every server's own.
    fn targets(&self) -> Vec<Target> {
        let d = self.servers.defaults();
        let config = d.stretch_channel.map(|c| Target {
            channel: serenity::ChannelId::new(c),
            time: d.stretch_time,
            zone: d.stretch_zone,
            guild: None,
        });
        let own = self
            .servers
            .with_own_stretch()
            .into_iter()
            .filter_map(|(g, s)| {
                Some(Target {
                    channel: serenity::ChannelId::new(s.stretch_channel?),
                    time: s.stretch_time,
                    zone: s.stretch_zone,
                    guild: Some(g),
                })
            });
        config.into_iter().chain(own).collect()
    }

    fn posted(&self, target: &Target) -> Option<NaiveDate> {
        match target.guild {
            None => read_state(&self.state_file).last_stretch_posted,
            Some(g) => self.servers.raw(g, STRETCH_POSTED)?.parse().ok(),
        }
    }

    fn mark_posted(&self, target: &Target, date: NaiveDate) -> Result<(), String> {
        match target.guild {
            None => write_state(&self.state_file, date).map_err(|e| e.to_string()),
            Some(g) => self
                .servers
                .set_raw(g, STRETCH_POSTED, Some(date.to_string()))
                .map_err(|e| e.to_string()),
        }
    }

    async fn post(&self, http: &serenity::Http, target: &Target, date: NaiveDate) {
        let engine = self.store.engine().load_full();
        let k = engine.knowledge();
        let stretch = crate::stretch::of_the_day(&k.stretches, date);
        let message = serenity::CreateMessage::new()
            .embed(render::stretch_embed(stretch, date, &k.replies.footer))
            .allowed_mentions(render::no_pings());
        match target.channel.send_message(http, message).await {
            Ok(_) => {
                if let Err(e) = self.mark_posted(target, date) {
                    tracing::error!(channel = %target.channel, "posted the stretch but could not record it: {e}");
                }
                tracing::info!(%date, stretch = %stretch.id, channel = %target.channel, "posted the stretch of the day");
            }
            // Tried again at the next tick.
            Err(e) => {
                tracing::warn!(channel = %target.channel, "could not post the stretch of the day: {e}")
            }
        }
    }
}

/// The local date to post for, if today's post time has come and today
/// has not been posted yet (`posted` is the last date posted).
fn due(
    target: &Target,
    posted: Option<NaiveDate>,
    now: chrono::DateTime<chrono::Utc>,
) -> Option<NaiveDate> {
    let local = now.with_timezone(&target.zone);
    let today = local.date_naive();
    // On a day when the clock skips the post time, post at the first
    // valid moment after it.
    let post_at = target
        .zone
        .from_local_datetime(&today.and_time(target.time))
        .earliest()
        .unwrap_or(local);
    (local >= post_at && posted.is_none_or(|d| d < today)).then_some(today)
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

    fn target(time: &str, zone: &str) -> Target {
        Target {
            channel: serenity::ChannelId::new(1),
            time: chrono::NaiveTime::parse_from_str(time, "%H:%M").unwrap(),
            zone: zone.parse().unwrap(),
            guild: None,
        }
    }

    fn at(s: &str) -> chrono::DateTime<chrono::Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn due_once_a_day_after_the_local_time() {
        let t = target("09:00", "Europe/London");
        assert_eq!(
            due(&t, None, at("2026-07-01T07:59:00Z")),
            None,
            "08:59 BST is before 09:00"
        );
        let today = NaiveDate::from_ymd_opt(2026, 7, 1).unwrap();
        assert_eq!(due(&t, None, at("2026-07-01T08:00:00Z")), Some(today));
        assert_eq!(
            due(&t, Some(today), at("2026-07-01T20:00:00Z")),
            None,
            "already posted today: a restart posts nothing"
        );
        assert_eq!(
            due(&t, Some(today), at("2026-07-02T08:30:00Z")),
            Some(today.succ_opt().unwrap())
        );
    }

    #[test]
    fn a_skipped_local_time_still_posts() {
        // 02:30 does not exist in New York on 8 March 2026 (clocks go forward).
        let t = target("02:30", "America/New_York");
        assert!(due(&t, None, at("2026-03-08T12:00:00Z")).is_some());
    }

    #[test]
    fn the_state_file_keeps_the_last_date() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.toml");
        assert_eq!(read_state(&path).last_stretch_posted, None);
        let d = NaiveDate::from_ymd_opt(2026, 7, 1).unwrap();
        write_state(&path, d).unwrap();
        assert_eq!(read_state(&path).last_stretch_posted, Some(d));
    }
}
