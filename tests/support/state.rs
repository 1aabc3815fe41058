//! The state the fake's REST handler, gateway connections and test-facing API
//! share, behind one mutex. Every change bumps a `watch` counter so waiters
//! re-check their condition.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use serde_json::Value;
use tokio::sync::{mpsc, watch};

use super::Recorded;

/// What the fake can do at start-up; see [`super::FakeDiscord::start_with`].
#[derive(Clone, Debug)]
pub struct FakeConfig {
    /// HELLO's `heartbeat_interval`. Discord uses ~41 s; a short one makes
    /// heartbeat behaviour observable in tests.
    pub heartbeat_interval: Duration,
    /// Send GUILD_CREATE for the test guild right after READY (as Discord
    /// does for each guild in READY), if the client asked for the GUILDS intent.
    pub guild_create_on_ready: bool,
    /// How long after INTERACTION_CREATE the first callback may arrive
    /// (Discord: 3 s; later the interaction token is refused with 10062).
    pub interaction_deadline: Duration,
    /// Dispatch MESSAGE_CREATE for every message the bot posts, as Discord
    /// does (off by default: it makes event traffic noisier).
    pub echo_own_messages: bool,
}

impl Default for FakeConfig {
    fn default() -> Self {
        Self {
            heartbeat_interval: Duration::from_millis(41_250),
            guild_create_on_ready: true,
            interaction_deadline: Duration::from_secs(3),
            echo_own_messages: false,
        }
    }
}

/// A message to one gateway connection's writer task.
#[derive(Debug)]
pub enum Outgoing {
    Text(String),
    Close(u16, String),
}

/// One websocket connection from the client.
pub struct Conn {
    pub id: usize,
    pub tx: mpsc::UnboundedSender<Outgoing>,
    /// IDENTIFY or RESUME done on this connection: dispatches flow to it.
    pub live: bool,
}

/// A gateway session (from READY until a new IDENTIFY).
pub struct Session {
    pub id: String,
    /// Last sequence number used.
    pub seq: u64,
    /// Every dispatch of the session, for RESUME replay: (seq, text, replayable).
    pub sent: Vec<(u64, String, bool)>,
    /// The intents the client identified with.
    pub intents: u64,
    /// `[shard_id, shard_count]` from IDENTIFY.
    pub shard: Value,
}

/// A scripted answer for the next matching REST request(s).
pub struct Scripted {
    pub method: String,
    pub path: String,
    pub status: u16,
    pub body: Value,
    pub headers: Vec<(String, String)>,
    pub remaining: usize,
}

/// An interaction the fake dispatched.
pub struct InteractionInfo {
    pub kind: u64,
    pub token: String,
    pub channel_id: Value,
    pub guild_id: Option<Value>,
    pub dispatched_at: Instant,
    /// The callback body, once answered.
    pub callback: Option<Value>,
    /// The "original response" message, once there is one.
    pub original: Option<Value>,
    /// The message a component interaction was attached to.
    pub message: Option<Value>,
}

#[derive(Default)]
pub struct Inner {
    // ---- REST ----
    pub requests: Vec<Recorded>,
    /// Parallel to `requests`: already returned by a `wait_request`.
    pub consumed: Vec<bool>,
    pub scripted: Vec<Scripted>,
    pub delays: Vec<(String, Duration)>,
    /// Registered commands: `None` = global, `Some(guild)`.
    pub commands: HashMap<Option<u64>, Vec<Value>>,
    /// Stable command ids per (scope, type, name).
    pub command_ids: HashMap<(Option<u64>, u64, String), u64>,
    /// Messages by id: dispatched by the test or created by the bot.
    pub messages: HashMap<u64, Value>,
    /// Channel ids known to be DMs (beyond the world's DM channel).
    pub dm_channels: HashSet<u64>,
    /// DM channels the bot opened, by recipient.
    pub dm_by_recipient: HashMap<u64, u64>,
    pub interactions: HashMap<u64, InteractionInfo>,
    /// Interaction token → interaction id.
    pub tokens: HashMap<String, u64>,
    /// Requests Discord would reject are protocol errors unless allowed.
    pub allow_rejections: bool,

    // ---- gateway ----
    pub connections: usize,
    pub current: Option<Conn>,
    pub session: Option<Session>,
    pub sessions_started: usize,
    /// IDENTIFY / RESUME payloads received, with how many tests consumed.
    pub identifies: Vec<Value>,
    pub identifies_taken: usize,
    pub resumes: Vec<Value>,
    pub resumes_taken: usize,
    pub heartbeats: Vec<Value>,
    pub heartbeats_taken: usize,
    pub ack_heartbeats: bool,
    pub heartbeat_interval: Duration,

    // ---- diagnostics ----
    /// A human-readable trace of what happened, for timeout messages.
    pub log: Vec<String>,
    /// Things that must fail the test (bad payloads, rejected requests).
    pub errors: Vec<String>,
    pub errors_reported: usize,
}

pub struct Shared {
    pub inner: Mutex<Inner>,
    pub changed: watch::Sender<u64>,
    pub config: FakeConfig,
    pub ws_url: String,
    pub started: Instant,
}

impl Shared {
    /// Locks the state, ignoring poisoning (a panicking test must not make
    /// every later call panic too).
    pub fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Wakes every waiter to re-check its condition.
    pub fn bump(&self) {
        self.changed.send_modify(|n| *n += 1);
    }

    /// Milliseconds since the fake started, for log lines.
    pub fn stamp(&self) -> String {
        format!("{:>6}ms", self.started.elapsed().as_millis())
    }
}

impl Inner {
    pub fn note(&mut self, stamp: String, line: String) {
        self.log.push(format!("{stamp} {line}"));
    }

    pub fn error(&mut self, stamp: String, line: String) {
        self.log.push(format!("{stamp} ERROR {line}"));
        self.errors.push(line);
    }

    /// Everything the fake saw, for a timeout or failure message.
    pub fn summary(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "--- fake Discord trace ({} lines) ---", self.log.len());
        let skip = self.log.len().saturating_sub(200);
        if skip > 0 {
            let _ = writeln!(out, "  ... {skip} earlier lines omitted");
        }
        for line in &self.log[skip..] {
            let _ = writeln!(out, "  {line}");
        }
        let _ = writeln!(
            out,
            "--- REST requests received ({}) ---",
            self.requests.len()
        );
        for (i, r) in self.requests.iter().enumerate() {
            let taken = if self.consumed[i] { " (consumed)" } else { "" };
            let _ = writeln!(out, "  {}{taken}", r.one_line());
        }
        if !self.errors.is_empty() {
            let _ = writeln!(out, "--- protocol errors ---");
            for e in &self.errors {
                let _ = writeln!(out, "  {e}");
            }
        }
        out
    }
}

/// Shortens `text` to about `max` characters for log lines.
pub fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let head: String = text.chars().take(max).collect();
        format!("{head}…")
    }
}
