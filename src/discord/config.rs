//! The bot's settings: a TOML file (see `config.example.toml`) plus the
//! token from the environment. Every problem is one clear line naming the
//! setting, because the person reading it is starting a bot, not debugging.

use std::fmt;
use std::path::{Path, PathBuf};

use chrono::NaiveTime;
use serde::Deserialize;

/// The environment variable the token is read from.
pub const TOKEN_VAR: &str = "DISCORD_TOKEN";

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Prefer `DISCORD_TOKEN`; a token here works, with a warning.
    pub token: Option<String>,
    /// Knowledge directory; edits from Discord are written here.
    #[serde(default = "default_knowledge")]
    pub knowledge: PathBuf,
    /// Where the bot keeps its small state (last stretch posted).
    #[serde(default = "default_state")]
    pub state_file: PathBuf,
    /// The workbench's SQLite file, relative to the config file; `""`
    /// records nothing.
    #[serde(default = "default_database")]
    pub database: PathBuf,
    /// Days the workbench keeps what it recorded.
    #[serde(default = "default_retention")]
    pub retention_days: u32,
    /// `error`, `warn`, `info`, `debug` or `trace`; `RUST_LOG` overrides.
    #[serde(default = "default_log_level")]
    pub log_level: String,
    /// Another Discord API base, for tests against a local Discord.
    pub api_base: Option<String>,
    #[serde(default)]
    pub answering: Answering,
    #[serde(default)]
    pub moderators: Moderators,
    #[serde(default)]
    pub stretch: StretchPost,
    #[serde(default)]
    pub commands: Commands,
    #[serde(default)]
    pub sharding: Sharding,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answering {
    /// Channels where the bot answers without being mentioned.
    #[serde(default)]
    pub help_channels: Vec<u64>,
    /// Lowest score for an unprompted answer in a help channel.
    #[serde(default = "default_help_score")]
    pub help_channel_min_score: f32,
    /// `reply` (a reply to the member's message) or `message` (a plain
    /// message in the channel).
    #[serde(default)]
    pub reply_mode: ReplyMode,
    /// Answer free-text messages at all. Needs the privileged Message
    /// Content intent; without it slash and context-menu commands still work.
    #[serde(default = "yes")]
    pub free_text: bool,
    /// Whether a mention or a DM gets an answer.
    #[serde(default = "yes")]
    pub answer_mentions: bool,
    #[serde(default = "yes")]
    pub answer_dms: bool,
    /// One free-text answer per member per this many seconds.
    #[serde(default = "default_member_cooldown")]
    pub member_cooldown_seconds: u64,
    /// The same entry at most once per channel per this many seconds.
    #[serde(default = "default_channel_cooldown")]
    pub channel_cooldown_seconds: u64,
    /// A member's next message in the same channel or thread within this
    /// many seconds of an answer is read with that answer's subject; 0
    /// turns it off.
    #[serde(default = "default_follow_up")]
    pub follow_up_seconds: u64,
    /// "Helpful" and "Not what I asked" under answers (when the workbench
    /// records).
    #[serde(default = "yes")]
    pub feedback_buttons: bool,
}

#[derive(Deserialize, Default, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "lowercase")]
pub enum ReplyMode {
    #[default]
    Reply,
    Message,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Moderators {
    /// Role ids whose members may edit the FAQ (Manage Messages also may).
    #[serde(default)]
    pub role_ids: Vec<u64>,
    /// Channel for reports moderators should see (broken knowledge files).
    pub log_channel: Option<u64>,
    /// Servers whose moderators may edit the FAQ, which every server the
    /// bot is in shares. Empty means only `[commands] guild_id`, if set;
    /// with neither, nobody edits from Discord.
    #[serde(default)]
    pub guilds: Vec<u64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StretchPost {
    /// Channel for the daily stretch; no channel, no daily post.
    pub channel: Option<u64>,
    /// Local time of day, "HH:MM".
    #[serde(default = "default_time")]
    pub time: String,
    /// IANA time zone, e.g. "Europe/London".
    #[serde(default = "default_zone")]
    pub timezone: String,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Commands {
    /// A guild to register commands in (instant; for testing). Without it
    /// commands are registered globally.
    pub guild_id: Option<u64>,
}

#[derive(Deserialize, Default, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Sharding {
    /// "auto" (Discord's recommendation), "single" (one shard), or "range"
    /// with `first`, `last` and `total` for one of several processes.
    #[serde(default)]
    pub mode: ShardMode,
    pub first: Option<u32>,
    pub last: Option<u32>,
    pub total: Option<u32>,
}

#[derive(Deserialize, Default, Debug, PartialEq, Eq, Clone, Copy)]
#[serde(rename_all = "lowercase")]
pub enum ShardMode {
    #[default]
    Single,
    Auto,
    Range,
}

fn default_knowledge() -> PathBuf {
    PathBuf::from("knowledge")
}
fn default_state() -> PathBuf {
    PathBuf::from("knotbot-state.toml")
}
fn default_database() -> PathBuf {
    PathBuf::from("knotbot.db")
}
fn default_retention() -> u32 {
    crate::workbench::DEFAULT_RETENTION_DAYS
}
fn default_log_level() -> String {
    "info".into()
}
fn default_help_score() -> f32 {
    0.55
}
fn yes() -> bool {
    true
}
fn default_member_cooldown() -> u64 {
    20
}
fn default_channel_cooldown() -> u64 {
    120
}
fn default_follow_up() -> u64 {
    300
}
fn default_time() -> String {
    "09:00".into()
}
fn default_zone() -> String {
    "UTC".into()
}

impl Default for StretchPost {
    fn default() -> Self {
        toml::from_str("").expect("every stretch setting has a default")
    }
}

impl Default for Answering {
    fn default() -> Self {
        toml::from_str("").expect("every answering setting has a default")
    }
}

/// A problem with the settings, as one line naming the setting.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ConfigError(pub String);

/// Settings ready to use: the file's, checked, and the token.
pub struct Settings {
    pub config: Config,
    pub token: String,
    pub stretch_time: NaiveTime,
    pub stretch_zone: chrono_tz::Tz,
    pub shards: Shards,
    /// The workbench's database, resolved against the config file's
    /// directory; `None` when recording is off.
    pub database: Option<PathBuf>,
    /// The config file holds a token and others can read it.
    pub token_file_readable: bool,
}

impl fmt::Debug for Settings {
    // Hand-written so that the token can never reach a log.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Settings")
            .field("token", &"<redacted>")
            .field("knowledge", &self.config.knowledge)
            .finish_non_exhaustive()
    }
}

impl Settings {
    /// Reads `path` (or only defaults without one) and the token from
    /// `env_token` (the value of `DISCORD_TOKEN`, if set).
    pub fn load(path: Option<&Path>, env_token: Option<String>) -> Result<Settings, ConfigError> {
        let (config, shown) = match path {
            Some(p) => (read(p)?, p.display().to_string()),
            None => (Config::default_config(), "defaults".into()),
        };
        let file_token = config.token.clone().filter(|t| !t.trim().is_empty());
        let token = env_token
            .filter(|t| !t.trim().is_empty())
            .or(file_token.clone())
            .ok_or_else(|| {
                let place = if path.is_some() {
                    shown.as_str()
                } else {
                    "a config file given with --config"
                };
                ConfigError(format!(
                    "no Discord token: set {TOKEN_VAR} (or `token` in {place})"
                ))
            })?;
        let stretch_time =
            NaiveTime::parse_from_str(&config.stretch.time, "%H:%M").map_err(|_| {
                ConfigError(format!(
                    "{shown}: stretch.time must be HH:MM, not \"{}\"",
                    config.stretch.time
                ))
            })?;
        let stretch_zone: chrono_tz::Tz = config.stretch.timezone.parse().map_err(|_| {
            ConfigError(format!(
                "{shown}: stretch.timezone \"{}\" is not a time zone name like \"Europe/London\"",
                config.stretch.timezone
            ))
        })?;
        let shards = check_sharding(&config.sharding, &shown)?;
        if !(0.0..=1.0).contains(&config.answering.help_channel_min_score) {
            return Err(ConfigError(format!(
                "{shown}: answering.help_channel_min_score must be between 0 and 1"
            )));
        }
        if config.retention_days == 0 {
            return Err(ConfigError(format!(
                "{shown}: retention_days must be at least 1"
            )));
        }
        let database = database_path(&config.database, path);
        let token_file_readable = file_token.is_some() && path.is_some_and(readable_by_others);
        Ok(Settings {
            config,
            token: token.trim().to_string(),
            stretch_time,
            stretch_zone,
            shards,
            database,
            token_file_readable,
        })
    }
}

impl Config {
    fn default_config() -> Config {
        toml::from_str("").expect("every setting has a default")
    }
}

fn read(path: &Path) -> Result<Config, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        ConfigError(format!(
            "{}: cannot read the config file: {e}",
            path.display()
        ))
    })?;
    crate::knowledge::parse_toml(&path.display().to_string(), &text)
        .map_err(|p| ConfigError(p.to_string()))
}

/// `database` as set, relative to the config file's directory (the
/// working directory without a config file); empty means off.
fn database_path(database: &Path, config: Option<&Path>) -> Option<PathBuf> {
    if database.as_os_str().is_empty() {
        return None;
    }
    let base = config.and_then(Path::parent).unwrap_or(Path::new(""));
    Some(base.join(database))
}

/// How this process connects to Discord, checked: a range always has its
/// three numbers, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shards {
    Single,
    Auto,
    Range { first: u32, last: u32, total: u32 },
}

fn check_sharding(s: &Sharding, shown: &str) -> Result<Shards, ConfigError> {
    match (s.mode, s.first, s.last, s.total) {
        (ShardMode::Range, Some(first), Some(last), Some(total))
            if first <= last && last < total =>
        {
            Ok(Shards::Range { first, last, total })
        }
        (ShardMode::Range, ..) => Err(ConfigError(format!(
            "{shown}: sharding.mode = \"range\" needs first <= last < total"
        ))),
        (ShardMode::Single, None, None, None) => Ok(Shards::Single),
        (ShardMode::Auto, None, None, None) => Ok(Shards::Auto),
        _ => Err(ConfigError(format!(
            "{shown}: sharding.first/last/total only go with mode = \"range\""
        ))),
    }
}

#[cfg(unix)]
fn readable_by_others(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .map(|m| m.permissions().mode() & 0o044 != 0)
        .unwrap_or(false)
}

#[cfg(not(unix))]
fn readable_by_others(_: &Path) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_text(text: &str, token: Option<&str>) -> Result<Settings, ConfigError> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, text).unwrap();
        Settings::load(Some(&path), token.map(String::from))
    }

    #[test]
    fn the_example_config_is_valid() {
        let example = include_str!("../../config.example.toml");
        let s = load_text(example, Some("t")).unwrap();
        assert_eq!(s.config.answering.reply_mode, ReplyMode::Reply);
    }

    #[test]
    fn no_token_names_the_variable() {
        let e = load_text("", None).err().unwrap();
        assert!(e.0.contains("DISCORD_TOKEN"), "{}", e.0);
    }

    #[test]
    fn unknown_key_names_the_key_and_line() {
        let e = load_text("[answering]\nhelp_channel = [1]\n", Some("t"))
            .err()
            .unwrap();
        assert!(
            e.0.contains(":2:") && e.0.contains("help_channel"),
            "{}",
            e.0
        );
    }

    #[test]
    fn bad_values_name_the_setting() {
        assert!(load_text("[stretch]\ntime = \"25:99\"\n", Some("t"))
            .err()
            .unwrap()
            .0
            .contains("stretch.time"));
        assert!(
            load_text("[stretch]\ntimezone = \"Mars/Olympus\"\n", Some("t"))
                .err()
                .unwrap()
                .0
                .contains("stretch.timezone")
        );
        assert!(load_text(
            "[sharding]\nmode = \"range\"\nfirst = 2\nlast = 1\ntotal = 4\n",
            Some("t")
        )
        .err()
        .unwrap()
        .0
        .contains("sharding"));
    }

    #[test]
    fn sharding_is_checked_into_a_plan() {
        let plan = |text: &str| load_text(text, Some("t")).unwrap().shards;
        assert_eq!(plan(""), Shards::Single);
        assert_eq!(plan("[sharding]\nmode = \"auto\"\n"), Shards::Auto);
        assert_eq!(
            plan("[sharding]\nmode = \"range\"\nfirst = 0\nlast = 3\ntotal = 8\n"),
            Shards::Range {
                first: 0,
                last: 3,
                total: 8
            }
        );
        assert!(load_text("[sharding]\nmode = \"auto\"\nfirst = 1\n", Some("t")).is_err());
    }

    #[test]
    fn the_database_sits_beside_the_config_unless_off() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "").unwrap();
        let s = Settings::load(Some(&path), Some("t".into())).unwrap();
        assert_eq!(s.database, Some(dir.path().join("knotbot.db")));
        assert_eq!(s.config.retention_days, 30);
        std::fs::write(&path, "database = \"\"\n").unwrap();
        let s = Settings::load(Some(&path), Some("t".into())).unwrap();
        assert_eq!(s.database, None);
        assert!(load_text("retention_days = 0\n", Some("t")).is_err());
    }

    #[test]
    fn the_environment_token_wins_and_is_never_printed() {
        let s = load_text("token = \"from-file\"\n", Some("from-env")).unwrap();
        assert_eq!(s.token, "from-env");
        assert!(!format!("{s:?}").contains("from-env"));
    }
}
