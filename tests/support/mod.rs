//! The test harness. `cli` runs the built `knotbot` (every test of the
//! command line needs only that); the rest is a fake Discord for end-to-end
//! tests: the gateway (websocket) and REST API on 127.0.0.1, driving the
//! real serenity client.
//!
//! A test of the command line alone takes just `cli`, so it does not build
//! the fake:
//!
//! ```ignore
//! #[path = "support"]
//! mod support {
//!     pub mod cli;
//! }
//! use support::cli::*;
//! ```
//!
//! ```ignore
//! mod support;
//! use support::*;
//!
//! let fake = FakeDiscord::start().await;
//! let http = HttpBuilder::new(TOKEN).proxy(fake.base_url()).ratelimiter_disabled(true).build();
//! // ... build and start a serenity/poise client with `http` in a task ...
//! fake.wait_identify(secs(10)).await;           // READY (and GUILD_CREATE) go out by themselves
//! fake.dispatch("MESSAGE_CREATE", guild_message(GENERAL_CHANNEL_ID, USER_ID, "ping"));
//! let reply = fake.wait_request("POST", "/channels/", secs(10)).await;
//! assert_eq!(reply.content().as_deref(), Some("pong"));
//! ```
//!
//! What it checks on the test's behalf:
//! * every dispatch parses with serenity's own models (serenity silently drops
//!   events it cannot parse), and is one Discord would deliver given the
//!   client's intents (without MESSAGE_CONTENT, content is blanked as Discord does);
//! * every request the bot makes is one Discord would accept (message and
//!   embed limits, command registration rules, one callback per interaction
//!   within 3 s, follow-ups only after the callback, the application id in
//!   webhook and command routes). A request Discord would refuse gets
//!   Discord's error answer *and* fails the test (at the next wait, or when
//!   the fake is dropped) unless [`FakeDiscord::allow_rejections`] was called.
//!
//! Every wait takes a timeout and panics with a trace of everything the fake
//! saw. Event handlers run concurrently in serenity: do not assume an order
//! across events.
//!
//! With poise, build the client the same way and add the framework:
//! `ClientBuilder::new_with_http(http, intents).framework(framework)`. poise
//! asks `GET /oauth2/applications/@me` at start (owner: [`OWNER_ID`]) and
//! registers commands under [`APPLICATION_ID`] (guild commands only in
//! [`TEST_GUILD_ID`]). `poise::execute_modal` uses a generated custom id: read
//! it from the callback (`callback.body["data"]["custom_id"]`) and pass it to
//! [`modal_submit`].
#![allow(dead_code, unused_imports)]

pub mod bot;
pub mod cli;
mod gateway;
pub mod payloads;
mod rest;
mod state;
mod validate;

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::routing::get;
use axum::Router;
use serde_json::{json, Value};
use tokio::sync::watch;

pub use gateway::intents;
pub use payloads::*;
pub use state::FakeConfig;
use state::{clip, Inner, Outgoing, Scripted, Shared};

/// `Duration::from_secs`, for short test code.
pub fn secs(n: u64) -> Duration {
    Duration::from_secs(n)
}

/// `Ok` if serenity would accept dispatch `event_name` with `data`; `Err`
/// with the reason if it would fail to parse it or silently drop it.
pub fn serenity_accepts(event_name: &str, data: &Value) -> Result<(), String> {
    let text = json!({"op": 0, "s": 1, "t": event_name, "d": data}).to_string();
    validate::dispatch(&text, event_name, data)
}

/// One REST request the bot made, with the fake's answer.
#[derive(Clone, Debug)]
pub struct Recorded {
    /// Position among all requests (0-based).
    pub index: usize,
    /// `GET`, `POST`, ...
    pub method: String,
    /// The full path, e.g. `/api/v10/channels/1/messages`.
    pub path: String,
    /// The raw query string (`""` if none).
    pub query: String,
    /// Request headers, names lowercased.
    pub headers: BTreeMap<String, String>,
    /// The JSON body (`null` if empty; for multipart, the `payload_json` part
    /// plus `"_files": [file names]`; a non-JSON body as a string).
    pub body: Value,
    /// The status the fake answered.
    pub status: u16,
    /// The JSON the fake answered (`null` for 204).
    pub response: Value,
    /// Answered by `fail_next` / `rate_limit_next`.
    pub scripted: bool,
    /// No route matched (answered 404 `{"message":"Unknown","code":0}`).
    pub unknown_route: bool,
    /// When it arrived, since the fake started.
    pub at: Duration,
}

impl Recorded {
    /// The message text the bot sent: `body.content` (messages, follow-ups,
    /// edits) or `body.data.content` (interaction callbacks).
    pub fn content(&self) -> Option<String> {
        self.body["content"]
            .as_str()
            .or(self.body["data"]["content"].as_str())
            .map(str::to_string)
    }

    /// Every string in the body (content, embed titles, descriptions, fields,
    /// button labels, ...) joined by newlines, for "the reply mentions X" asserts.
    pub fn text(&self) -> String {
        fn walk(value: &Value, out: &mut Vec<String>) {
            match value {
                Value::String(s) => out.push(s.clone()),
                Value::Array(items) => items.iter().for_each(|v| walk(v, out)),
                Value::Object(map) => map.values().for_each(|v| walk(v, out)),
                _ => {}
            }
        }
        let mut out = Vec::new();
        walk(&self.body, &mut out);
        out.join("\n")
    }

    /// `METHOD path?query -> status body` on one line.
    pub fn one_line(&self) -> String {
        let query = if self.query.is_empty() {
            String::new()
        } else {
            format!("?{}", self.query)
        };
        let tag = if self.scripted {
            " [scripted]"
        } else if self.unknown_route {
            " [unknown route]"
        } else {
            ""
        };
        let body = if self.body.is_null() {
            String::new()
        } else {
            clip(&self.body.to_string(), 240)
        };
        format!(
            "#{} {} {}{query} -> {}{tag} {body}",
            self.index, self.method, self.path, self.status
        )
    }
}

/// Which request paths a wait matches. A `&str` / `String` matches paths
/// containing it; see also [`PathMatch::exact`] and [`PathMatch::pred`].
#[derive(Clone)]
pub enum PathMatch {
    Contains(String),
    Exact(String),
    Pred(String, Arc<dyn Fn(&str) -> bool + Send + Sync>),
}

impl PathMatch {
    /// Matches exactly this path (e.g. `/api/v10/users/@me`).
    pub fn exact(path: impl Into<String>) -> Self {
        Self::Exact(path.into())
    }

    /// Matches paths for which `f` is true; `description` names it in failures.
    pub fn pred(
        description: impl Into<String>,
        f: impl Fn(&str) -> bool + Send + Sync + 'static,
    ) -> Self {
        Self::Pred(description.into(), Arc::new(f))
    }

    pub fn matches(&self, path: &str) -> bool {
        match self {
            Self::Contains(s) => path.contains(s.as_str()),
            Self::Exact(s) => path == s,
            Self::Pred(_, f) => f(path),
        }
    }

    fn describe(&self) -> String {
        match self {
            Self::Contains(s) => format!("path containing {s:?}"),
            Self::Exact(s) => format!("path == {s:?}"),
            Self::Pred(d, _) => format!("path matching {d}"),
        }
    }
}

impl From<&str> for PathMatch {
    fn from(s: &str) -> Self {
        Self::Contains(s.to_string())
    }
}

impl From<String> for PathMatch {
    fn from(s: String) -> Self {
        Self::Contains(s)
    }
}

impl From<&String> for PathMatch {
    fn from(s: &String) -> Self {
        Self::Contains(s.clone())
    }
}

fn method_matches(want: &str, got: &str) -> bool {
    want == "*" || want.eq_ignore_ascii_case(got)
}

// Tests may share the fake across tasks (e.g. in an `Arc`).
const _: fn() = || {
    fn shareable<T: Send + Sync>() {}
    shareable::<FakeDiscord>();
};

/// The fake Discord. Dropping it stops the server (and panics if protocol
/// errors were never reported by a wait).
pub struct FakeDiscord {
    shared: Arc<Shared>,
    addr: SocketAddr,
    server: tokio::task::JoinHandle<()>,
}

impl FakeDiscord {
    /// Starts the fake on 127.0.0.1 on a free port with the default config.
    pub async fn start() -> Self {
        Self::start_with(FakeConfig::default()).await
    }

    /// Starts the fake with `config`, e.g.
    /// `FakeConfig { heartbeat_interval: Duration::from_millis(300), ..Default::default() }`.
    pub async fn start_with(config: FakeConfig) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("fake Discord: bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("fake Discord: local address");
        let inner = Inner {
            ack_heartbeats: true,
            heartbeat_interval: config.heartbeat_interval,
            ..Inner::default()
        };
        let shared = Arc::new(Shared {
            inner: Mutex::new(inner),
            changed: watch::channel(0).0,
            config,
            ws_url: format!("ws://{addr}/gateway"),
            started: Instant::now(),
        });
        let app = Router::new()
            .route("/gateway", get(gateway::upgrade))
            .fallback(rest::handle)
            .with_state(Arc::clone(&shared));
        let server = tokio::spawn(async move {
            axum::serve(listener, app)
                .await
                .expect("fake Discord: server failed");
        });
        Self {
            shared,
            addr,
            server,
        }
    }

    /// `http://127.0.0.1:PORT`, for `HttpBuilder::proxy`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// `ws://127.0.0.1:PORT/gateway`, what `GET /gateway` answers.
    pub fn ws_url(&self) -> String {
        self.shared.ws_url.clone()
    }

    /// A serenity `Http` pointed at the fake (rate limiter off: serenity's
    /// rate limiter ignores the proxy and would talk to discord.com).
    pub fn http(&self) -> serenity::http::Http {
        serenity::http::HttpBuilder::new(TOKEN)
            .proxy(self.base_url())
            .ratelimiter_disabled(true)
            .build()
    }

    // ------------------------------------------------------------------
    // Waiting
    // ------------------------------------------------------------------

    /// Panics with `message` and the trace, without holding the lock.
    fn fail(&self, message: String) -> ! {
        let summary = self.shared.lock().summary();
        panic!("fake Discord: {message}\n{summary}");
    }

    /// Panics if protocol errors arrived since the last report.
    fn raise_errors(&self) {
        let new_errors = {
            let mut inner = self.shared.lock();
            let new: Vec<String> = inner.errors[inner.errors_reported..].to_vec();
            inner.errors_reported = inner.errors.len();
            new
        };
        if !new_errors.is_empty() {
            self.fail(format!("protocol errors:\n  {}", new_errors.join("\n  ")));
        }
    }

    /// Waits until `check` returns `Some` (re-checked on every change).
    async fn wait_until<T>(
        &self,
        what: &str,
        timeout: Duration,
        mut check: impl FnMut(&mut Inner) -> Option<T>,
    ) -> T {
        let deadline = tokio::time::Instant::now() + timeout;
        let mut changes = self.shared.changed.subscribe();
        loop {
            self.raise_errors();
            if let Some(found) = check(&mut self.shared.lock()) {
                return found;
            }
            if tokio::time::timeout_at(deadline, changes.changed())
                .await
                .is_err()
            {
                self.raise_errors();
                if let Some(found) = check(&mut self.shared.lock()) {
                    return found;
                }
                self.fail(format!("timed out after {timeout:?} waiting for {what}"));
            }
        }
    }

    /// Waits for the next IDENTIFY not yet returned and returns its `d`
    /// (READY, then GUILD_CREATE, are sent automatically).
    pub async fn wait_identify(&self, timeout: Duration) -> Value {
        self.wait_until("IDENTIFY (op 2)", timeout, |inner| {
            let next = inner.identifies.get(inner.identifies_taken).cloned()?;
            inner.identifies_taken += 1;
            Some(next)
        })
        .await
    }

    /// Waits for the next RESUME not yet returned and returns its `d`
    /// (`session_id`, `seq`, `token`).
    pub async fn wait_resume(&self, timeout: Duration) -> Value {
        self.wait_until("RESUME (op 6)", timeout, |inner| {
            let next = inner.resumes.get(inner.resumes_taken).cloned()?;
            inner.resumes_taken += 1;
            Some(next)
        })
        .await
    }

    /// Waits for the next heartbeat not yet returned and returns its `d` (the
    /// client's last sequence number).
    pub async fn wait_heartbeat(&self, timeout: Duration) -> Value {
        self.wait_until("HEARTBEAT (op 1)", timeout, |inner| {
            let next = inner.heartbeats.get(inner.heartbeats_taken).cloned()?;
            inner.heartbeats_taken += 1;
            Some(next)
        })
        .await
    }

    /// Waits until the client has opened `n` gateway connections in all.
    pub async fn wait_connections(&self, n: usize, timeout: Duration) {
        self.wait_until(&format!("{n} gateway connections"), timeout, |inner| {
            (inner.connections >= n).then_some(())
        })
        .await;
    }

    /// Waits for the first request matching `method` (`"*"` = any) and `path`
    /// that no earlier `wait_request` returned, and marks it returned.
    pub async fn wait_request(
        &self,
        method: &str,
        path: impl Into<PathMatch>,
        timeout: Duration,
    ) -> Recorded {
        let path = path.into();
        let what = format!("a {method} request with {}", path.describe());
        self.wait_until(&what, timeout, |inner| {
            let index = (0..inner.requests.len()).find(|&i| {
                !inner.consumed[i]
                    && method_matches(method, &inner.requests[i].method)
                    && path.matches(&inner.requests[i].path)
            })?;
            inner.consumed[index] = true;
            Some(inner.requests[index].clone())
        })
        .await
    }

    /// Waits for the bot's callback to `interaction` (an INTERACTION_CREATE
    /// payload the test dispatched).
    pub async fn wait_callback(&self, interaction: &Value, timeout: Duration) -> Recorded {
        let id = interaction["id"]
            .as_str()
            .expect("an interaction with an id");
        self.wait_request("POST", format!("/interactions/{id}/"), timeout)
            .await
    }

    /// Waits for a message the bot posts in `channel_id` (`POST /channels/{id}/messages`).
    pub async fn wait_message(&self, channel_id: u64, timeout: Duration) -> Recorded {
        self.wait_request(
            "POST",
            PathMatch::exact(format!("/api/v10/channels/{channel_id}/messages")),
            timeout,
        )
        .await
    }

    /// Waits `window` and panics as soon as a request matching `method` and
    /// `path` arrives, or if one that no wait returned is already there.
    pub async fn wait_no_request(
        &self,
        method: &str,
        path: impl Into<PathMatch>,
        window: Duration,
    ) {
        let path = path.into();
        self.quiet(
            window,
            &format!("a {method} request with {}", path.describe()),
            |r| method_matches(method, &r.method) && path.matches(&r.path),
        )
        .await;
    }

    /// Waits `window` and panics as soon as any REST request arrives.
    pub async fn assert_quiet(&self, window: Duration) {
        let from = self.shared.lock().requests.len();
        self.quiet(window, "any request", move |r| r.index >= from)
            .await;
    }

    async fn quiet(&self, window: Duration, what: &str, matches: impl Fn(&Recorded) -> bool) {
        let deadline = tokio::time::Instant::now() + window;
        let mut changes = self.shared.changed.subscribe();
        loop {
            self.raise_errors();
            let offender = {
                let inner = self.shared.lock();
                (0..inner.requests.len())
                    .find(|&i| !inner.consumed[i] && matches(&inner.requests[i]))
                    .map(|i| inner.requests[i].one_line())
            };
            if let Some(offender) = offender {
                self.fail(format!(
                    "expected no {what} within {window:?}, got {offender}"
                ));
            }
            if tokio::time::timeout_at(deadline, changes.changed())
                .await
                .is_err()
            {
                return;
            }
        }
    }

    /// Every REST request so far, in arrival order.
    pub fn requests(&self) -> Vec<Recorded> {
        self.shared.lock().requests.clone()
    }

    /// The requests no route matched (answered 404).
    pub fn unknown_routes(&self) -> Vec<Recorded> {
        self.shared
            .lock()
            .requests
            .iter()
            .filter(|r| r.unknown_route)
            .cloned()
            .collect()
    }

    /// The commands registered globally (`None`) or in a guild, as echoed.
    pub fn registered_commands(&self, guild: Option<u64>) -> Vec<Value> {
        self.shared
            .lock()
            .commands
            .get(&guild)
            .cloned()
            .unwrap_or_default()
    }

    /// The message the fake stores under `id` (dispatched or sent by the bot).
    pub fn message(&self, id: u64) -> Option<Value> {
        self.shared.lock().messages.get(&id).cloned()
    }

    /// The trace of everything the fake saw, one line per event.
    pub fn trace(&self) -> Vec<String> {
        self.shared.lock().log.clone()
    }

    /// The trace, requests and errors as one printable text.
    pub fn summary(&self) -> String {
        self.shared.lock().summary()
    }

    // ------------------------------------------------------------------
    // Gateway
    // ------------------------------------------------------------------

    /// Sends dispatch `event_name` (e.g. `"MESSAGE_CREATE"`) with `data` to the
    /// client, with the next sequence number; returns that number. Without a
    /// live connection it is only buffered, and replayed on RESUME.
    ///
    /// Panics if serenity could not parse the payload (it would drop it) or
    /// if Discord would not deliver it for lack of an intent.
    pub fn dispatch(&self, event_name: &str, data: Value) -> u64 {
        self.raise_errors();
        let result = {
            let mut inner = self.shared.lock();
            gateway::dispatch(&self.shared, &mut inner, event_name, data, true)
        };
        self.shared.bump();
        result.unwrap_or_else(|e| self.fail(e))
    }

    /// Like [`Self::dispatch`] without any check: for deliberately broken or
    /// unknown events.
    pub fn dispatch_unchecked(&self, event_name: &str, data: Value) -> u64 {
        let result = {
            let mut inner = self.shared.lock();
            gateway::dispatch(&self.shared, &mut inner, event_name, data, false)
        };
        self.shared.bump();
        result.unwrap_or_else(|e| self.fail(e))
    }

    /// Sends a raw frame (any JSON) on the current connection.
    pub fn send_raw(&self, frame: Value) {
        self.send(
            Outgoing::Text(frame.to_string()),
            &format!("raw frame {}", clip(&frame.to_string(), 120)),
        );
    }

    fn send(&self, outgoing: Outgoing, what: &str) {
        let sent = {
            let mut inner = self.shared.lock();
            let sent = inner
                .current
                .as_ref()
                .is_some_and(|c| c.tx.send(outgoing).is_ok());
            let stamp = self.shared.stamp();
            inner.note(
                stamp,
                format!("→ {what}{}", if sent { "" } else { " (no connection!)" }),
            );
            sent
        };
        self.shared.bump();
        if !sent {
            self.fail(format!("cannot send {what}: no gateway connection"));
        }
    }

    /// Closes the current gateway connection with close `code` (e.g. 4000
    /// "unknown error": serenity resumes; 4004 "authentication failed": it
    /// gives up). The session stays resumable.
    pub fn close_gateway(&self, code: u16) {
        self.send(
            Outgoing::Close(code, "closed by the fake".into()),
            &format!("close connection with {code}"),
        );
        if let Some(conn) = self.shared.lock().current.as_mut() {
            conn.live = false;
        }
    }

    /// Sends INVALID_SESSION (op 9). Not resumable: the session is forgotten,
    /// so only a new IDENTIFY works.
    pub fn invalidate_session(&self, resumable: bool) {
        if !resumable {
            self.shared.lock().session = None;
        }
        self.send(
            Outgoing::Text(json!({"op": 9, "s": null, "t": null, "d": resumable}).to_string()),
            &format!("INVALID_SESSION {resumable}"),
        );
    }

    /// Sends RECONNECT (op 7): the client should reconnect and RESUME.
    pub fn request_reconnect(&self) {
        self.send(
            Outgoing::Text(json!({"op": 7, "s": null, "t": null, "d": null}).to_string()),
            "RECONNECT",
        );
    }

    /// Stops answering heartbeats (a zombied connection, as the client sees it).
    pub fn stop_acks(&self) {
        self.shared.lock().ack_heartbeats = false;
    }

    /// Answers heartbeats again.
    pub fn resume_acks(&self) {
        self.shared.lock().ack_heartbeats = true;
    }

    /// The heartbeat interval announced in later HELLOs.
    pub fn set_heartbeat_interval(&self, interval: Duration) {
        self.shared.lock().heartbeat_interval = interval;
    }

    /// The current session id (from the last READY), if any.
    pub fn session_id(&self) -> Option<String> {
        self.shared.lock().session.as_ref().map(|s| s.id.clone())
    }

    /// The last sequence number sent in the current session.
    pub fn seq(&self) -> u64 {
        self.shared.lock().session.as_ref().map_or(0, |s| s.seq)
    }

    /// The intents of the current session (0 before IDENTIFY).
    pub fn intents(&self) -> u64 {
        self.shared.lock().session.as_ref().map_or(0, |s| s.intents)
    }

    /// Gateway connections opened so far.
    pub fn connections(&self) -> usize {
        self.shared.lock().connections
    }

    /// Heartbeats received so far.
    pub fn heartbeats(&self) -> usize {
        self.shared.lock().heartbeats.len()
    }

    /// Whether a connection is open and identified or resumed.
    pub fn is_connected(&self) -> bool {
        self.shared.lock().current.as_ref().is_some_and(|c| c.live)
    }

    // ------------------------------------------------------------------
    // Scripted REST behaviour
    // ------------------------------------------------------------------

    /// Answers the next request matching `method` (`"*"` = any) whose path
    /// contains `path` with `status` and `body`, once. For 429, the
    /// rate-limit headers are derived from `body.retry_after` / `body.global`.
    pub fn fail_next(&self, method: &str, path: &str, status: u16, body: Value) {
        self.fail_times(method, path, status, body, 1);
    }

    /// Like [`Self::fail_next`], for the next `times` matching requests.
    pub fn fail_times(&self, method: &str, path: &str, status: u16, body: Value, times: usize) {
        let mut headers = Vec::new();
        if status == 429 {
            let retry_after = body["retry_after"].as_f64().unwrap_or(1.0);
            let global = body["global"].as_bool().unwrap_or(false);
            headers.push((
                "retry-after".to_string(),
                format!("{}", retry_after.ceil() as u64),
            ));
            headers.push(("x-ratelimit-limit".to_string(), "5".to_string()));
            headers.push(("x-ratelimit-remaining".to_string(), "0".to_string()));
            headers.push((
                "x-ratelimit-reset-after".to_string(),
                format!("{retry_after:.3}"),
            ));
            headers.push(("x-ratelimit-bucket".to_string(), "fake-bucket".to_string()));
            headers.push((
                "x-ratelimit-scope".to_string(),
                if global { "global" } else { "user" }.to_string(),
            ));
            if global {
                headers.push(("x-ratelimit-global".to_string(), "true".to_string()));
            }
        }
        let mut inner = self.shared.lock();
        inner.scripted.push(Scripted {
            method: method.to_string(),
            path: path.to_string(),
            status,
            body,
            headers,
            remaining: times,
        });
    }

    /// Answers the next matching request with Discord's 429.
    pub fn rate_limit_next(&self, method: &str, path: &str, retry_after_secs: f64, global: bool) {
        let body = json!({
            "message": "You are being rate limited.",
            "retry_after": retry_after_secs,
            "global": global,
        });
        self.fail_next(method, path, 429, body);
    }

    /// Delays answers to requests whose path contains `path` by `delay`
    /// (`Duration::ZERO` removes it). The request is recorded on arrival.
    pub fn set_delay(&self, path: &str, delay: Duration) {
        let mut inner = self.shared.lock();
        inner.delays.retain(|(p, _)| p != path);
        if !delay.is_zero() {
            inner.delays.push((path.to_string(), delay));
        }
    }

    /// Lets requests Discord would refuse through as plain answers instead of
    /// test failures (for tests of the bot's error handling).
    pub fn allow_rejections(&self, allow: bool) {
        self.shared.lock().allow_rejections = allow;
    }

    /// Returns and forgets the protocol errors so far (so they fail nothing).
    pub fn take_errors(&self) -> Vec<String> {
        let mut inner = self.shared.lock();
        inner.errors_reported = 0;
        std::mem::take(&mut inner.errors)
    }
}

impl Drop for FakeDiscord {
    fn drop(&mut self) {
        self.server.abort();
        if let Some(conn) = self.shared.lock().current.take() {
            let _ = conn
                .tx
                .send(Outgoing::Close(1001, "fake Discord stopped".into()));
        }
        if std::thread::panicking() {
            return;
        }
        let unreported = {
            let inner = self.shared.lock();
            inner.errors[inner.errors_reported..].to_vec()
        };
        if !unreported.is_empty() {
            self.fail(format!(
                "protocol errors never reported by a wait:\n  {}",
                unreported.join("\n  ")
            ));
        }
    }
}
