//! The gateway side: one websocket connection per shard connection, HELLO,
//! IDENTIFY → READY (+ GUILD_CREATE), heartbeats, RESUME with replay, and the
//! dispatch path every event takes (intent filtering, sequence numbers,
//! validation against serenity's models, buffering for RESUME).

use std::sync::Arc;

use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::extract::State;
use axum::http::Uri;
use axum::response::Response;
use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio::sync::mpsc;

use super::payloads;
use super::state::{clip, Conn, Inner, InteractionInfo, Outgoing, Session, Shared};
use super::validate;

/// Gateway intent bits the fake enforces.
pub mod intents {
    pub const GUILDS: u64 = 1 << 0;
    pub const GUILD_MEMBERS: u64 = 1 << 1;
    pub const GUILD_MESSAGES: u64 = 1 << 9;
    pub const GUILD_MESSAGE_REACTIONS: u64 = 1 << 10;
    pub const GUILD_MESSAGE_TYPING: u64 = 1 << 11;
    pub const DIRECT_MESSAGES: u64 = 1 << 12;
    pub const DIRECT_MESSAGE_REACTIONS: u64 = 1 << 13;
    pub const DIRECT_MESSAGE_TYPING: u64 = 1 << 14;
    pub const MESSAGE_CONTENT: u64 = 1 << 15;
}

/// `GET /gateway?v=10`: upgrades to a websocket connection.
pub async fn upgrade(
    ws: WebSocketUpgrade,
    State(shared): State<Arc<Shared>>,
    uri: Uri,
) -> Response {
    let query = uri.query().unwrap_or("").to_string();
    ws.on_upgrade(move |socket| connection(shared, socket, query))
}

/// Runs one connection: registers it as the current one, says HELLO, then
/// forwards outgoing frames and handles incoming ones until either side closes.
async fn connection(shared: Arc<Shared>, socket: WebSocket, query: String) {
    let (tx, mut rx) = mpsc::unbounded_channel::<Outgoing>();
    let conn_id = {
        let mut inner = shared.lock();
        inner.connections += 1;
        let id = inner.connections;
        if let Some(old) = inner.current.as_mut() {
            old.live = false;
        }
        inner.current = Some(Conn {
            id,
            tx: tx.clone(),
            live: false,
        });
        let interval = inner.heartbeat_interval.as_millis() as u64;
        inner.note(
            shared.stamp(),
            format!("gateway connection #{id} opened (?{query}); → HELLO interval {interval}ms"),
        );
        if !query.split('&').any(|kv| kv == "v=10") {
            inner.error(
                shared.stamp(),
                format!("gateway connection #{id} without ?v=10 (query {query:?})"),
            );
        }
        let hello = json!({"op": 10, "s": null, "t": null, "d": {"heartbeat_interval": interval}});
        let _ = tx.send(Outgoing::Text(hello.to_string()));
        id
    };
    shared.bump();

    let (mut sink, mut stream) = socket.split();
    let mut closed_by_us = false;
    loop {
        tokio::select! {
            out = rx.recv() => match out {
                Some(Outgoing::Text(text)) => {
                    if sink.send(Message::Text(text.into())).await.is_err() {
                        break;
                    }
                }
                Some(Outgoing::Close(code, reason)) => {
                    let frame = CloseFrame { code, reason: reason.into() };
                    let _ = sink.send(Message::Close(Some(frame))).await;
                    closed_by_us = true;
                    break;
                }
                None => break,
            },
            incoming = stream.next() => match incoming {
                Some(Ok(Message::Text(text))) => handle_frame(&shared, conn_id, &tx, text.as_str()),
                Some(Ok(Message::Binary(bytes))) => {
                    let mut inner = shared.lock();
                    let n = bytes.len();
                    let line = format!("connection #{conn_id}: client sent a binary frame ({n} bytes)");
                    inner.error(shared.stamp(), line);
                    drop(inner);
                    shared.bump();
                }
                Some(Ok(Message::Close(frame))) => {
                    let mut inner = shared.lock();
                    let code = frame.as_ref().map(|f| f.code);
                    let line = format!("connection #{conn_id} closed by the client (code {code:?})");
                    inner.note(shared.stamp(), line);
                    break;
                }
                Some(Ok(_)) => {}
                Some(Err(e)) => {
                    shared.lock().note(shared.stamp(), format!("connection #{conn_id} error: {e}"));
                    break;
                }
                None => {
                    let line = format!("connection #{conn_id} dropped by the client");
                    shared.lock().note(shared.stamp(), line);
                    break;
                }
            },
        }
    }
    if closed_by_us {
        // Let the client's close reply arrive, briefly, so it sees a clean close.
        let drain = async { while let Some(Ok(_)) = stream.next().await {} };
        let _ = tokio::time::timeout(std::time::Duration::from_secs(2), drain).await;
    }
    {
        let mut inner = shared.lock();
        if inner.current.as_ref().is_some_and(|c| c.id == conn_id) {
            inner.current = None;
        }
    }
    shared.bump();
}

/// Handles one JSON frame from the client.
fn handle_frame(shared: &Shared, conn_id: usize, tx: &mpsc::UnboundedSender<Outgoing>, text: &str) {
    let mut inner = shared.lock();
    let frame: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            inner.error(
                shared.stamp(),
                format!(
                    "connection #{conn_id}: invalid JSON from the client ({e}): {}",
                    clip(text, 200)
                ),
            );
            drop(inner);
            shared.bump();
            return;
        }
    };
    let d = frame["d"].clone();
    match frame["op"].as_u64() {
        Some(1) => {
            inner.heartbeats.push(d.clone());
            if inner.ack_heartbeats {
                let _ = tx.send(Outgoing::Text(
                    json!({"op": 11, "s": null, "t": null, "d": null}).to_string(),
                ));
                inner.note(
                    shared.stamp(),
                    format!("← HEARTBEAT {d} on #{conn_id}; → ACK"),
                );
            } else {
                inner.note(
                    shared.stamp(),
                    format!("← HEARTBEAT {d} on #{conn_id}; not acknowledged (stop_acks)"),
                );
            }
        }
        Some(2) => identify(shared, &mut inner, conn_id, tx, d),
        Some(6) => resume(shared, &mut inner, conn_id, tx, d),
        Some(3) => inner.note(
            shared.stamp(),
            format!("← PRESENCE_UPDATE {}", clip(&d.to_string(), 200)),
        ),
        Some(8) => inner.note(
            shared.stamp(),
            format!("← REQUEST_GUILD_MEMBERS {}", clip(&d.to_string(), 200)),
        ),
        other => inner.error(
            shared.stamp(),
            format!(
                "connection #{conn_id}: unexpected opcode {other:?} from the client: {}",
                clip(text, 200)
            ),
        ),
    }
    drop(inner);
    shared.bump();
}

/// IDENTIFY: starts a new session and sends READY (and GUILD_CREATE).
fn identify(
    shared: &Shared,
    inner: &mut Inner,
    conn_id: usize,
    tx: &mpsc::UnboundedSender<Outgoing>,
    d: Value,
) {
    let stamp = shared.stamp();
    let intents = d["intents"].as_u64();
    let token_ok = d["token"].as_str().is_some_and(|t| !t.is_empty());
    if intents.is_none() || !token_ok || !d["properties"].is_object() {
        inner.error(
            stamp.clone(),
            format!(
                "IDENTIFY lacks token, intents or properties: {}",
                redact(&d)
            ),
        );
    }
    let intents = intents.unwrap_or(0);
    inner.sessions_started += 1;
    let session_id = format!("fake-session-{}", inner.sessions_started);
    inner.note(
        stamp,
        format!("← IDENTIFY on #{conn_id} (intents {intents}); new session {session_id}"),
    );
    inner.identifies.push(d.clone());
    inner.session = Some(Session {
        id: session_id.clone(),
        seq: 0,
        sent: Vec::new(),
        intents,
        shard: d.get("shard").cloned().unwrap_or(json!([0, 1])),
    });
    inner.current = Some(Conn {
        id: conn_id,
        tx: tx.clone(),
        live: true,
    });

    let ready = json!({
        "v": 10,
        "user": payloads::bot_user(),
        "guilds": [{"id": payloads::TEST_GUILD_ID.to_string(), "unavailable": true}],
        "session_id": session_id,
        "resume_gateway_url": shared.ws_url,
        "shard": d.get("shard").cloned().unwrap_or(json!([0, 1])),
        "application": {"id": payloads::APPLICATION_ID.to_string(), "flags": 0},
        "private_channels": [],
        "relationships": [],
        "presences": [],
        "guild_join_requests": [],
        "geo_ordered_rtc_regions": [],
        "user_settings": {},
        "_trace": ["fake-discord"],
    });
    if let Err(e) = dispatch(shared, inner, "READY", ready, true) {
        inner.error(shared.stamp(), e);
    }
    if shared.config.guild_create_on_ready && intents & intents::GUILDS != 0 {
        if let Err(e) = dispatch(
            shared,
            inner,
            "GUILD_CREATE",
            payloads::guild_create(),
            true,
        ) {
            inner.error(shared.stamp(), e);
        }
    }
}

/// RESUME: replays what the client missed and sends RESUMED, or answers
/// INVALID_SESSION (not resumable) for an unknown session.
fn resume(
    shared: &Shared,
    inner: &mut Inner,
    conn_id: usize,
    tx: &mpsc::UnboundedSender<Outgoing>,
    d: Value,
) {
    let stamp = shared.stamp();
    inner.resumes.push(d.clone());
    let asked_session = d["session_id"].as_str().unwrap_or("").to_string();
    let asked_seq = d["seq"].as_u64();
    let replay = match (&inner.session, asked_seq) {
        (Some(s), Some(seq)) if s.id == asked_session && seq <= s.seq => Some(
            s.sent
                .iter()
                .filter(|(n, _, replayable)| *n > seq && *replayable)
                .map(|(n, text, _)| (*n, text.clone()))
                .collect::<Vec<_>>(),
        ),
        _ => None,
    };
    let Some(replay) = replay else {
        let current = inner.session.as_ref().map(|s| (s.id.clone(), s.seq));
        let asked = redact(&d);
        inner.note(
            stamp,
            format!("← RESUME on #{conn_id} {asked}: unknown session or seq (have {current:?}); → INVALID_SESSION false"),
        );
        let _ = tx.send(Outgoing::Text(
            json!({"op": 9, "s": null, "t": null, "d": false}).to_string(),
        ));
        return;
    };
    let seqs: Vec<u64> = replay.iter().map(|(n, _)| *n).collect();
    inner.note(
        stamp,
        format!(
            "← RESUME on #{conn_id} session {asked_session} seq {asked_seq:?}; replaying {seqs:?}"
        ),
    );
    for (_, text) in replay {
        let _ = tx.send(Outgoing::Text(text));
    }
    inner.current = Some(Conn {
        id: conn_id,
        tx: tx.clone(),
        live: true,
    });
    if let Err(e) = dispatch(
        shared,
        inner,
        "RESUMED",
        json!({"_trace": ["fake-discord"]}),
        true,
    ) {
        inner.error(shared.stamp(), e);
    }
}

/// The IDENTIFY / RESUME payload with the token blanked, for logs.
fn redact(d: &Value) -> String {
    let mut d = d.clone();
    if d.get("token").is_some() {
        d["token"] = json!("<token>");
    }
    clip(&d.to_string(), 300)
}

/// The intent Discord requires before it sends event `name` with data `d`.
fn required_intent(name: &str, d: &Value) -> Option<(u64, &'static str)> {
    use intents::*;
    let in_guild = d.get("guild_id").is_some_and(|g| !g.is_null());
    let pick = |guild: (u64, &'static str), dm: (u64, &'static str)| {
        Some(if in_guild { guild } else { dm })
    };
    match name {
        "MESSAGE_CREATE" | "MESSAGE_UPDATE" | "MESSAGE_DELETE" | "MESSAGE_DELETE_BULK" => pick(
            (GUILD_MESSAGES, "GUILD_MESSAGES"),
            (DIRECT_MESSAGES, "DIRECT_MESSAGES"),
        ),
        "MESSAGE_REACTION_ADD"
        | "MESSAGE_REACTION_REMOVE"
        | "MESSAGE_REACTION_REMOVE_ALL"
        | "MESSAGE_REACTION_REMOVE_EMOJI" => pick(
            (GUILD_MESSAGE_REACTIONS, "GUILD_MESSAGE_REACTIONS"),
            (DIRECT_MESSAGE_REACTIONS, "DIRECT_MESSAGE_REACTIONS"),
        ),
        "TYPING_START" => pick(
            (GUILD_MESSAGE_TYPING, "GUILD_MESSAGE_TYPING"),
            (DIRECT_MESSAGE_TYPING, "DIRECT_MESSAGE_TYPING"),
        ),
        "GUILD_MEMBER_ADD" | "GUILD_MEMBER_UPDATE" | "GUILD_MEMBER_REMOVE" => {
            Some((GUILD_MEMBERS, "GUILD_MEMBERS"))
        }
        n if n.starts_with("GUILD_ROLE_")
            || n.starts_with("CHANNEL_")
            || n.starts_with("THREAD_") =>
        {
            Some((GUILDS, "GUILDS"))
        }
        "GUILD_CREATE" | "GUILD_UPDATE" | "GUILD_DELETE" => Some((GUILDS, "GUILDS")),
        _ => None,
    }
}

/// Without MESSAGE_CONTENT, Discord blanks content, embeds, attachments and
/// components of guild messages that neither mention the bot nor come from
/// it. Returns whether it blanked anything.
fn strip_content(d: &mut Value) -> bool {
    let in_guild = d.get("guild_id").is_some_and(|g| !g.is_null());
    let bot = payloads::BOT_USER_ID.to_string();
    let from_bot = d["author"]["id"] == json!(bot);
    let mentions_bot = d["mentions"]
        .as_array()
        .is_some_and(|m| m.iter().any(|u| u["id"] == json!(bot)));
    if !in_guild || from_bot || mentions_bot {
        return false;
    }
    d["content"] = json!("");
    for key in ["embeds", "attachments", "components"] {
        if d.get(key).is_some() {
            d[key] = json!([]);
        }
    }
    if let Some(object) = d.as_object_mut() {
        object.remove("poll");
    }
    true
}

/// Sends dispatch `name` with data `d` in the current session: checks intents
/// (an event Discord would not deliver is an error), blanks content as
/// Discord does without MESSAGE_CONTENT, numbers it, validates it with
/// serenity's models (`check`), buffers it for RESUME and writes it to the
/// live connection, if any. Returns the sequence number.
pub fn dispatch(
    shared: &Shared,
    inner: &mut Inner,
    name: &str,
    mut d: Value,
    check: bool,
) -> Result<u64, String> {
    let stamp = shared.stamp();
    let Some(session) = inner.session.as_mut() else {
        return Err(format!(
            "cannot dispatch {name}: no gateway session yet \
             (the client has not sent IDENTIFY; call wait_identify first)"
        ));
    };
    let mut notes = String::new();
    if check {
        if let Some((bit, intent)) = required_intent(name, &d) {
            if session.intents & bit == 0 {
                return Err(format!(
                    "Discord would not deliver this {name}: the client identified without the {intent} intent \
                     (intents {}), so the bot would never see it",
                    session.intents
                ));
            }
        }
        let is_message = name == "MESSAGE_CREATE" || name == "MESSAGE_UPDATE";
        if is_message && session.intents & intents::MESSAGE_CONTENT == 0 && strip_content(&mut d) {
            notes.push_str(" [content blanked: no MESSAGE_CONTENT intent]");
        }
    }
    let seq = session.seq + 1;
    let text = json!({"op": 0, "s": seq, "t": name, "d": d}).to_string();
    if check {
        validate::dispatch(&text, name, &d)?;
    }
    session.seq = seq;
    session
        .sent
        .push((seq, text.clone(), name != "READY" && name != "RESUMED"));

    let delivered = match inner.current.as_ref().filter(|c| c.live) {
        Some(conn) => conn.tx.send(Outgoing::Text(text.clone())).is_ok(),
        None => false,
    };
    let route = if delivered {
        ""
    } else {
        " (no live connection: buffered for RESUME)"
    };
    inner.note(
        stamp,
        format!(
            "→ #{seq} {name}{notes}{route} {}",
            clip(&describe(name, &d), 160)
        ),
    );
    track(inner, name, &d);
    Ok(seq)
}

/// A short description of a dispatch for the log.
fn describe(name: &str, d: &Value) -> String {
    match name {
        "MESSAGE_CREATE" | "MESSAGE_UPDATE" => format!(
            "author {} channel {}: {:?}",
            d["author"]["id"],
            d["channel_id"],
            d["content"].as_str().unwrap_or("")
        ),
        "INTERACTION_CREATE" => format!(
            "type {} id {} {}",
            d["type"],
            d["id"],
            d["data"]["name"]
                .as_str()
                .or(d["data"]["custom_id"].as_str())
                .unwrap_or("")
        ),
        _ => String::new(),
    }
}

/// Remembers what later REST calls refer to: interactions and messages.
fn track(inner: &mut Inner, name: &str, d: &Value) {
    match name {
        "INTERACTION_CREATE" => {
            let id = d["id"].as_str().and_then(|s| s.parse::<u64>().ok());
            let token = d["token"].as_str();
            if let (Some(id), Some(token)) = (id, token) {
                inner.tokens.insert(token.to_string(), id);
                inner.interactions.insert(
                    id,
                    InteractionInfo {
                        kind: d["type"].as_u64().unwrap_or(0),
                        token: token.to_string(),
                        channel_id: d["channel_id"].clone(),
                        guild_id: d.get("guild_id").cloned(),
                        dispatched_at: std::time::Instant::now(),
                        callback: None,
                        original: None,
                        message: d.get("message").cloned(),
                    },
                );
            }
        }
        "MESSAGE_CREATE" => {
            if let Some(id) = d["id"].as_str().and_then(|s| s.parse::<u64>().ok()) {
                inner.messages.insert(id, d.clone());
            }
            let in_guild = d.get("guild_id").is_some_and(|g| !g.is_null());
            if !in_guild {
                if let Some(channel) = d["channel_id"].as_str().and_then(|s| s.parse::<u64>().ok())
                {
                    inner.dm_channels.insert(channel);
                }
            }
        }
        _ => {}
    }
}
