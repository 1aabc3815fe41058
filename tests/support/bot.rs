//! The real `knotbot run` process, started against a [`FakeDiscord`] with
//! its own copy of the knowledge, a config, and a captured log.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

use super::*;

/// A running `knotbot run` with its own knowledge copy, config and log.
pub struct Bot {
    child: Child,
    pub dir: tempfile::TempDir,
    _slot: tokio::sync::OwnedSemaphorePermit,
}

/// At most this many bots run at once: the tests run in parallel on a small
/// machine, and a starved bot would miss Discord's 3-second deadline for
/// answering an interaction, which the fake enforces.
pub const MAX_BOTS: usize = 4;

async fn bot_slot() -> tokio::sync::OwnedSemaphorePermit {
    static SLOTS: std::sync::OnceLock<std::sync::Arc<tokio::sync::Semaphore>> =
        std::sync::OnceLock::new();
    let slots = SLOTS.get_or_init(|| std::sync::Arc::new(tokio::sync::Semaphore::new(MAX_BOTS)));
    slots
        .clone()
        .acquire_owned()
        .await
        .expect("the semaphore is never closed")
}

/// What a test may change in the bot's config.
pub struct Setup<'a> {
    /// Top-level settings, put first in the config.
    pub top: &'a str,
    /// More lines for the config's `[answering]` table.
    pub answering: &'a str,
    /// More TOML tables, appended to the config.
    pub extra: &'a str,
    /// The config's `log_level`; at "trace" every crate traces too
    /// (`RUST_LOG=trace`), for tests that read the whole log.
    pub log_level: &'a str,
    /// `[moderators] guilds`: servers whose moderators may edit.
    pub moderator_guilds: &'a [u64],
    /// `[commands] guild_id`: the test guild, or none (global commands).
    pub command_guild: Option<u64>,
}

impl Default for Setup<'_> {
    fn default() -> Self {
        Setup {
            top: "",
            answering: "",
            extra: "",
            log_level: "debug",
            moderator_guilds: &[],
            command_guild: Some(TEST_GUILD_ID),
        }
    }
}

impl Bot {
    /// Starts the bot against `fake` with the test config plus `extra`
    /// (more TOML tables), and waits until it has identified.
    pub async fn start(fake: &FakeDiscord, extra: &str) -> Bot {
        Bot::start_with(
            fake,
            Setup {
                extra,
                ..Setup::default()
            },
        )
        .await
    }

    pub async fn start_with(fake: &FakeDiscord, setup: Setup<'_>) -> Bot {
        let bot = Bot::launch(fake, knowledge_copy(), &setup).await;
        fake.wait_identify(secs(20)).await;
        bot
    }

    /// Starts the bot in `dir` (a previous bot's, for a restart).
    pub async fn start_in(fake: &FakeDiscord, dir: tempfile::TempDir, extra: &str) -> Bot {
        Bot::launch(
            fake,
            dir,
            &Setup {
                extra,
                ..Setup::default()
            },
        )
        .await
    }

    /// Starts the bot in `dir` with `setup`, without waiting for it to
    /// connect.
    pub async fn launch(fake: &FakeDiscord, dir: tempfile::TempDir, setup: &Setup<'_>) -> Bot {
        let slot = bot_slot().await;
        let root = dir.path();
        let guilds: Vec<String> = setup.moderator_guilds.iter().map(u64::to_string).collect();
        let config = format!(
            "{top}knowledge = {knowledge:?}\nstate_file = {state:?}\napi_base = {base:?}\nlog_level = {level:?}\n\n\
             [answering]\nhelp_channels = [{help}]\nmember_cooldown_seconds = 0\nchannel_cooldown_seconds = 0\n{answering}\n\
             [moderators]\nrole_ids = [{role}]\nlog_channel = {log}\nguilds = [{guilds}]\n\n[commands]\n{guild}\n\n{extra}",
            knowledge = root.display().to_string(),
            state = root.join("state.toml").display().to_string(),
            base = fake.base_url(),
            level = setup.log_level,
            help = OTHER_CHANNEL_ID,
            role = MOD_ROLE_ID,
            log = LOG_CHANNEL_ID,
            guilds = guilds.join(", "),
            guild = setup
                .command_guild
                .map_or(String::new(), |g| format!("guild_id = {g}")),
            extra = setup.extra,
            top = setup.top,
            answering = setup.answering,
        );
        std::fs::write(root.join("config.toml"), config).unwrap();
        let log = std::fs::File::create(root.join("bot.log")).unwrap();
        let mut command = Command::new(env!("CARGO_BIN_EXE_knotbot"));
        // The config's level covers knotbot's own messages; at "trace" the
        // libraries (serenity, reqwest, tungstenite) must trace too, since
        // they are where a token would leak.
        match setup.log_level {
            "trace" => command.env("RUST_LOG", "trace"),
            _ => command.env_remove("RUST_LOG"),
        };
        let child = command
            .args(["run", "--config"])
            .arg(root.join("config.toml"))
            .env("DISCORD_TOKEN", TOKEN)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("knotbot starts");
        Bot {
            child,
            dir,
            _slot: slot,
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(self.path("bot.log")).unwrap_or_default()
    }

    /// The bot's process id, for sending it signals.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Waits up to `limit` for the process to exit on its own.
    pub fn wait_exit(&mut self, limit: std::time::Duration) -> Option<std::process::ExitStatus> {
        let deadline = std::time::Instant::now() + limit;
        while std::time::Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        None
    }

    /// Stops the process, keeping its directory for a restart.
    pub fn stop(mut self) -> tempfile::TempDir {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let placeholder = tempfile::tempdir().unwrap();
        std::mem::replace(&mut self.dir, placeholder)
    }
}

impl Drop for Bot {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A channel for the moderators' log (any id the fake knows as a channel).
pub const LOG_CHANNEL_ID: u64 = GENERAL_CHANNEL_ID;

pub use super::cli::knowledge_copy;
