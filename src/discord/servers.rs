//! Each server's own settings, set by its owner with `/knotbot-setup` and
//! kept in the database; the config file's settings are the defaults. A
//! server's settings never affect another server. Operator-only choices
//! (the token, the knowledge, sharding, which servers may edit the shared
//! FAQ) stay in the config file.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, RwLock};

use chrono::NaiveTime;

use super::config::Settings;
use crate::workbench::Database;

/// The settings that apply in one server.
#[derive(Clone, Debug, PartialEq)]
pub struct ServerSettings {
    /// Channels and forums answered without a mention (threads included).
    pub help_channels: Vec<u64>,
    /// Roles whose members are moderators (besides Manage Messages).
    pub moderator_roles: Vec<u64>,
    pub log_channel: Option<u64>,
    pub stretch_channel: Option<u64>,
    pub stretch_time: NaiveTime,
    pub stretch_zone: chrono_tz::Tz,
    pub help_channel_min_score: f32,
    /// Answer mentions and help channels at all (slash commands always work).
    pub free_text: bool,
    /// "Helpful" and "Not what I asked" under answers.
    pub feedback_buttons: bool,
}

/// What `/knotbot-setup` can set, by the name stored in the database.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    HelpChannels,
    ModeratorRoles,
    LogChannel,
    StretchChannel,
    StretchTime,
    StretchZone,
    MinScore,
    FreeText,
    Feedback,
}

impl Key {
    pub const ALL: [Key; 9] = [
        Key::HelpChannels,
        Key::ModeratorRoles,
        Key::LogChannel,
        Key::StretchChannel,
        Key::StretchTime,
        Key::StretchZone,
        Key::MinScore,
        Key::FreeText,
        Key::Feedback,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Key::HelpChannels => "help_channels",
            Key::ModeratorRoles => "moderator_roles",
            Key::LogChannel => "log_channel",
            Key::StretchChannel => "stretch_channel",
            Key::StretchTime => "stretch_time",
            Key::StretchZone => "stretch_timezone",
            Key::MinScore => "help_channel_min_score",
            Key::FreeText => "free_text",
            Key::Feedback => "feedback_buttons",
        }
    }

    fn of(name: &str) -> Option<Key> {
        Key::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// Where the date of a server's last stretch post is kept (not a setting).
pub const STRETCH_POSTED: &str = "stretch_posted";

pub struct Servers {
    defaults: ServerSettings,
    db: Option<Arc<Database>>,
    /// Each server's own values, as stored.
    own: RwLock<HashMap<u64, BTreeMap<String, String>>>,
}

#[derive(Debug, thiserror::Error)]
pub enum SetError {
    #[error(
        "server settings need the bot's database, which is off (see `database` in its config)"
    )]
    NoDatabase,
    #[error(transparent)]
    Db(#[from] rusqlite::Error),
}

impl Servers {
    /// The config's settings as defaults, and every server's own from `db`.
    pub fn load(settings: &Settings, db: Option<Arc<Database>>) -> Servers {
        let c = &settings.config;
        let defaults = ServerSettings {
            help_channels: c.answering.help_channels.clone(),
            moderator_roles: c.moderators.role_ids.clone(),
            log_channel: c.moderators.log_channel,
            stretch_channel: c.stretch.channel,
            stretch_time: settings.stretch_time,
            stretch_zone: settings.stretch_zone,
            help_channel_min_score: c.answering.help_channel_min_score,
            free_text: c.answering.free_text,
            feedback_buttons: c.answering.feedback_buttons,
        };
        let mut own: HashMap<u64, BTreeMap<String, String>> = HashMap::new();
        if let Some(db) = &db {
            match db.server_settings() {
                Ok(rows) => {
                    for (guild, key, value) in rows {
                        own.entry(guild).or_default().insert(key, value);
                    }
                }
                Err(e) => tracing::error!("could not read the servers' own settings: {e}"),
            }
        }
        Servers {
            defaults,
            db,
            own: RwLock::new(own),
        }
    }

    pub fn defaults(&self) -> &ServerSettings {
        &self.defaults
    }

    /// The settings in `guild` (the defaults in DMs).
    pub fn of(&self, guild: Option<u64>) -> ServerSettings {
        let mut s = self.defaults.clone();
        let Some(guild) = guild else { return s };
        let own = self.own.read().unwrap_or_else(|p| p.into_inner());
        for (name, value) in own.get(&guild).into_iter().flatten() {
            if let Some(key) = Key::of(name) {
                apply(&mut s, key, value);
            }
        }
        s
    }

    /// The keys `guild` has set itself.
    pub fn own_keys(&self, guild: u64) -> Vec<Key> {
        let own = self.own.read().unwrap_or_else(|p| p.into_inner());
        own.get(&guild)
            .map(|m| m.keys().filter_map(|k| Key::of(k)).collect())
            .unwrap_or_default()
    }

    /// Sets `key` in `guild` (`None`: back to the default). Blocking.
    pub fn set(&self, guild: u64, key: Key, value: Option<String>) -> Result<(), SetError> {
        self.set_raw(guild, key.name(), value)
    }

    /// Stores any per-server value (also the internal ones). Blocking.
    pub fn set_raw(&self, guild: u64, name: &str, value: Option<String>) -> Result<(), SetError> {
        let db = self.db.as_ref().ok_or(SetError::NoDatabase)?;
        db.set_server_setting(guild, name, value.as_deref())?;
        let mut own = self.own.write().unwrap_or_else(|p| p.into_inner());
        let mine = own.entry(guild).or_default();
        match value {
            Some(v) => mine.insert(name.to_string(), v),
            None => mine.remove(name),
        };
        Ok(())
    }

    /// A stored value as it is (for internal keys).
    pub fn raw(&self, guild: u64, name: &str) -> Option<String> {
        let own = self.own.read().unwrap_or_else(|p| p.into_inner());
        own.get(&guild)?.get(name).cloned()
    }

    /// Servers that chose their own stretch channel.
    pub fn with_own_stretch(&self) -> Vec<(u64, ServerSettings)> {
        let guilds: Vec<u64> = {
            let own = self.own.read().unwrap_or_else(|p| p.into_inner());
            own.iter()
                .filter(|(_, m)| m.contains_key(Key::StretchChannel.name()))
                .map(|(g, _)| *g)
                .collect()
        };
        guilds
            .into_iter()
            .map(|g| (g, self.of(Some(g))))
            .filter(|(_, s)| s.stretch_channel.is_some())
            .collect()
    }

    /// Every log channel: the config's and each server's own.
    pub fn log_channels(&self) -> Vec<u64> {
        let mut all: Vec<u64> = self.defaults.log_channel.into_iter().collect();
        let own = self.own.read().unwrap_or_else(|p| p.into_inner());
        for m in own.values() {
            if let Some(id) = m.get(Key::LogChannel.name()).and_then(|v| v.parse().ok()) {
                if !all.contains(&id) {
                    all.push(id);
                }
            }
        }
        all
    }
}

/// Lays a stored value over `s`. Values are checked before they are
/// stored, so one that does not parse (a hand edit) is ignored.
fn apply(s: &mut ServerSettings, key: Key, value: &str) {
    let id = || value.parse::<u64>().ok();
    let ids = || {
        value
            .split(',')
            .filter_map(|v| v.trim().parse().ok())
            .collect()
    };
    match key {
        Key::HelpChannels => s.help_channels = ids(),
        Key::ModeratorRoles => s.moderator_roles = ids(),
        Key::LogChannel => s.log_channel = id(),
        Key::StretchChannel => s.stretch_channel = id(),
        Key::StretchTime => {
            if let Ok(t) = NaiveTime::parse_from_str(value, "%H:%M") {
                s.stretch_time = t;
            }
        }
        Key::StretchZone => {
            if let Ok(z) = value.parse() {
                s.stretch_zone = z;
            }
        }
        Key::MinScore => {
            if let Ok(v) = value.parse::<f32>() {
                if (0.0..=1.0).contains(&v) {
                    s.help_channel_min_score = v;
                }
            }
        }
        Key::FreeText => {
            if let Ok(v) = value.parse() {
                s.free_text = v;
            }
        }
        Key::Feedback => {
            if let Ok(v) = value.parse() {
                s.feedback_buttons = v;
            }
        }
    }
}

/// Ids as stored: comma-separated.
pub fn join_ids(ids: &[u64]) -> String {
    ids.iter().map(u64::to_string).collect::<Vec<_>>().join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn servers(dir: &std::path::Path) -> Servers {
        let settings = Settings::load(None, Some("t".into())).unwrap();
        let db = Arc::new(Database::open(&dir.join("k.db")).unwrap());
        Servers::load(&settings, Some(db))
    }

    #[test]
    fn a_servers_own_settings_apply_there_only_and_persist() {
        let dir = tempfile::tempdir().unwrap();
        let s = servers(dir.path());
        s.set(1, Key::HelpChannels, Some(join_ids(&[10, 11])))
            .unwrap();
        s.set(1, Key::FreeText, Some("false".into())).unwrap();
        assert_eq!(s.of(Some(1)).help_channels, vec![10, 11]);
        assert!(!s.of(Some(1)).free_text);
        assert_eq!(s.of(Some(2)), *s.defaults(), "another server is untouched");
        assert_eq!(s.of(None), *s.defaults());
        let again = servers(dir.path());
        assert_eq!(
            again.of(Some(1)).help_channels,
            vec![10, 11],
            "kept across a restart"
        );
        again.set(1, Key::HelpChannels, None).unwrap();
        assert_eq!(
            again.of(Some(1)).help_channels,
            again.defaults().help_channels
        );
    }

    #[test]
    fn without_a_database_nothing_can_be_set() {
        let settings = Settings::load(None, Some("t".into())).unwrap();
        let s = Servers::load(&settings, None);
        assert!(matches!(
            s.set(1, Key::FreeText, Some("false".into())),
            Err(SetError::NoDatabase)
        ));
    }
}
