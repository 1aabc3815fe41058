//! The REST side: every request under `/api/v10` is recorded, may be answered
//! by a scripted failure or delayed, and otherwise is routed to a small model
//! of Discord (messages, commands, interactions and their webhooks).

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::Response;
use serde_json::{json, Value};

use super::gateway;
use super::payloads::{self, APPLICATION_ID, BOT_USER_ID, DM_CHANNEL_ID, TEST_GUILD_ID, USER_ID};
use super::state::{clip, Inner, Shared};
use super::validate::{self, COMMAND};
use super::Recorded;

/// What the fake answers one request with.
struct Reply {
    status: u16,
    body: Option<Value>,
    headers: Vec<(String, String)>,
    /// Discord would refuse this request: why (a protocol error unless allowed).
    rejection: Option<String>,
    /// No route matched.
    unknown: bool,
}

impl Reply {
    fn ok(body: Value) -> Self {
        Self {
            status: 200,
            body: Some(body),
            headers: Vec::new(),
            rejection: None,
            unknown: false,
        }
    }

    fn no_content() -> Self {
        Self {
            status: 204,
            body: None,
            headers: Vec::new(),
            rejection: None,
            unknown: false,
        }
    }

    /// A Discord error answer that a correct bot would not provoke.
    fn reject(status: u16, body: Value, why: impl Into<String>) -> Self {
        Self {
            status,
            body: Some(body),
            headers: Vec::new(),
            rejection: Some(why.into()),
            unknown: false,
        }
    }

    fn from_validation((status, body): (u16, Value), what: &str) -> Self {
        let why = format!("{what}: {}", clip(&body.to_string(), 300));
        Self::reject(status, body, why)
    }

    fn unknown() -> Self {
        Self {
            status: 404,
            body: Some(json!({"message": "Unknown", "code": 0})),
            headers: Vec::new(),
            rejection: None,
            unknown: true,
        }
    }
}

fn unknown_message() -> Value {
    json!({"message": "Unknown Message", "code": 10008})
}

fn unknown_webhook() -> Value {
    json!({"message": "Unknown Webhook", "code": 10015})
}

/// The axum handler for everything but `/gateway`.
pub async fn handle(
    State(shared): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let path = uri.path().to_string();
    let query = uri.query().unwrap_or("").to_string();
    let headers: BTreeMap<String, String> = headers
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_lowercase(),
                v.to_str().unwrap_or("<non-ascii>").to_string(),
            )
        })
        .collect();
    let body = parse_body(
        headers.get("content-type").map_or("", String::as_str),
        &body,
    );
    let method = method.as_str().to_string();

    let (reply, delay) = {
        let mut inner = shared.lock();
        let delay = inner
            .delays
            .iter()
            .find(|(p, _)| path.contains(p.as_str()))
            .map(|(_, d)| *d);
        let scripted = take_scripted(&mut inner, &method, &path);
        let was_scripted = scripted.is_some();
        let reply = match scripted {
            Some(reply) => reply,
            None => route(&shared, &mut inner, &method, &path, &headers, &body),
        };
        let recorded = Recorded {
            index: inner.requests.len(),
            method: method.clone(),
            path: path.clone(),
            query,
            headers,
            body,
            status: reply.status,
            response: reply.body.clone().unwrap_or(Value::Null),
            scripted: was_scripted,
            unknown_route: reply.unknown,
            at: shared.started.elapsed(),
        };
        let line = recorded.one_line();
        inner.note(shared.stamp(), format!("REST {line}"));
        if let Some(why) = &reply.rejection {
            if inner.allow_rejections {
                inner.note(
                    shared.stamp(),
                    format!("  (Discord would refuse this: {why})"),
                );
            } else {
                inner.error(
                    shared.stamp(),
                    format!(
                        "{} {}: Discord would refuse this request: {why}",
                        method, path
                    ),
                );
            }
        }
        inner.requests.push(recorded);
        inner.consumed.push(false);
        (reply, delay)
    };
    shared.bump();

    if let Some(delay) = delay {
        tokio::time::sleep(delay).await;
    }
    let mut response = Response::builder()
        .status(StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR));
    for (name, value) in &reply.headers {
        response = response.header(name.as_str(), value.as_str());
    }
    let body = match reply.body {
        Some(body) if reply.status != 204 => {
            response = response.header("content-type", "application/json");
            Body::from(body.to_string())
        }
        _ => Body::empty(),
    };
    response.body(body).expect("a valid response")
}

/// JSON bodies as JSON; a multipart body as its `payload_json` part (plus
/// `"_files": [names]`); empty as `null`; anything else as a string.
fn parse_body(content_type: &str, bytes: &[u8]) -> Value {
    if bytes.is_empty() {
        return Value::Null;
    }
    if let Some(boundary) = content_type.split("boundary=").nth(1) {
        return parse_multipart(boundary.trim_matches('"'), bytes);
    }
    serde_json::from_slice(bytes)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(bytes).into_owned()))
}

fn parse_multipart(boundary: &str, bytes: &[u8]) -> Value {
    let text = String::from_utf8_lossy(bytes);
    let mut payload = Value::Null;
    let mut files = Vec::new();
    for part in text.split(&format!("--{boundary}")) {
        let Some((head, content)) = part.split_once("\r\n\r\n") else {
            continue;
        };
        let content = content.strip_suffix("\r\n").unwrap_or(content);
        if head.contains("name=\"payload_json\"") {
            payload = serde_json::from_str(content).unwrap_or(Value::String(content.to_string()));
        } else if let Some(name) = head
            .split("filename=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
        {
            files.push(json!(name));
        }
    }
    if !files.is_empty() {
        if !payload.is_object() {
            payload = json!({});
        }
        payload["_files"] = Value::Array(files);
    }
    payload
}

/// Pops the first scripted answer matching this request.
fn take_scripted(inner: &mut Inner, method: &str, path: &str) -> Option<Reply> {
    let index = inner.scripted.iter().position(|s| {
        (s.method == "*" || s.method.eq_ignore_ascii_case(method)) && path.contains(s.path.as_str())
    })?;
    let script = &mut inner.scripted[index];
    script.remaining -= 1;
    let reply = Reply {
        status: script.status,
        body: Some(script.body.clone()),
        headers: script.headers.clone(),
        rejection: None,
        unknown: false,
    };
    if script.remaining == 0 {
        inner.scripted.remove(index);
    }
    Some(reply)
}

fn id(segment: &str) -> Option<u64> {
    segment.parse().ok()
}

/// Routes a request to the model of Discord.
fn route(
    shared: &Shared,
    inner: &mut Inner,
    method: &str,
    path: &str,
    headers: &BTreeMap<String, String>,
    body: &Value,
) -> Reply {
    let Some(rest) = path.strip_prefix("/api/v10/") else {
        return Reply::unknown();
    };
    let segs: Vec<&str> = rest.split('/').collect();
    let needs_auth = !matches!(segs.first(), Some(&"interactions" | &"webhooks"));
    let authorized = headers
        .get("authorization")
        .is_some_and(|a| a.starts_with("Bot ") && a.len() > 4);
    if needs_auth && !authorized {
        return Reply::reject(
            401,
            json!({"message": "401: Unauthorized", "code": 0}),
            "no `Authorization: Bot <token>` header",
        );
    }
    match (method, segs.as_slice()) {
        ("GET", ["gateway"]) => Reply::ok(json!({"url": shared.ws_url})),
        ("GET", ["gateway", "bot"]) => Reply::ok(json!({
            "url": shared.ws_url,
            "shards": 1,
            "session_start_limit": {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1},
        })),
        ("GET", ["users", "@me"]) => Reply::ok(payloads::bot_user()),
        ("GET", ["users", user]) => match id(user) {
            Some(user) => Reply::ok(payloads::user(user, user == BOT_USER_ID)),
            None => Reply::unknown(),
        },
        ("GET", ["oauth2", "applications", "@me"] | ["applications", "@me"]) => {
            Reply::ok(payloads::application_info())
        }
        ("POST", ["users", "@me", "channels"]) => {
            let recipient = body["recipient_id"]
                .as_str()
                .and_then(id)
                .or(body["recipient_id"].as_u64());
            match recipient {
                Some(recipient) => {
                    let channel = dm_channel_for(inner, recipient);
                    Reply::ok(payloads::dm_channel(channel, recipient))
                }
                None => Reply::from_validation(
                    validate::form_error(
                        "recipient_id",
                        "BASE_TYPE_REQUIRED",
                        "This field is required",
                    ),
                    "create DM",
                ),
            }
        }

        // ---- channels and messages ----
        ("GET", ["channels", channel]) => match id(channel) {
            Some(channel) if is_dm(inner, channel) => {
                Reply::ok(payloads::dm_channel(channel, dm_recipient(inner, channel)))
            }
            Some(channel) => Reply::ok(payloads::guild_text_channel(channel)),
            None => Reply::unknown(),
        },
        ("POST", ["channels", channel, "messages"]) => match id(channel) {
            Some(channel) => create_message(shared, inner, channel, body),
            None => Reply::unknown(),
        },
        (_, ["channels", channel, "messages", message]) => match (id(channel), id(message)) {
            (Some(_), Some(message)) => existing_message(inner, method, message, body),
            _ => Reply::unknown(),
        },
        ("POST", ["channels", _, "typing"]) => Reply::no_content(),
        ("PUT" | "DELETE", ["channels", _, "messages", _, "reactions", _, "@me"]) => {
            Reply::no_content()
        }

        // ---- the test guild ----
        ("GET", ["guilds", guild]) if id(guild) == Some(TEST_GUILD_ID) => {
            Reply::ok(payloads::partial_guild())
        }
        ("GET", ["guilds", guild, "roles"]) if id(guild) == Some(TEST_GUILD_ID) => {
            Reply::ok(payloads::guild_roles())
        }
        ("GET", ["guilds", guild, "channels"]) if id(guild) == Some(TEST_GUILD_ID) => {
            Reply::ok(json!([
                payloads::guild_text_channel(payloads::GENERAL_CHANNEL_ID),
                payloads::guild_text_channel(payloads::OTHER_CHANNEL_ID),
            ]))
        }
        ("GET", ["guilds", guild, "members", user]) if id(guild) == Some(TEST_GUILD_ID) => {
            match id(user) {
                Some(user)
                    if [
                        payloads::OWNER_ID,
                        USER_ID,
                        payloads::MOD_USER_ID,
                        BOT_USER_ID,
                    ]
                    .contains(&user) =>
                {
                    let mut member = payloads::member(user, &payloads::member_roles(user), None);
                    member["guild_id"] = json!(TEST_GUILD_ID.to_string());
                    Reply::ok(member)
                }
                _ => Reply::reject(
                    404,
                    json!({"message": "Unknown Member", "code": 10007}),
                    "member is not in the test guild",
                ),
            }
        }
        (_, ["guilds", guild, ..]) if id(guild) != Some(TEST_GUILD_ID) => Reply::reject(
            404,
            json!({"message": "Unknown Guild", "code": 10004}),
            format!("guild {guild} is not the test guild"),
        ),

        // ---- application commands ----
        (_, ["applications", app, "commands", ..])
        | (_, ["applications", app, "guilds", _, "commands", ..])
            if id(app) != Some(APPLICATION_ID) =>
        {
            Reply::reject(
                403,
                json!({"message": "Missing Access", "code": 50001}),
                format!("commands registered under {app}, not the application id {APPLICATION_ID}"),
            )
        }
        (_, ["applications", _, "commands"]) => commands(inner, method, None, None, body),
        (_, ["applications", _, "commands", command]) => {
            commands(inner, method, None, id(command), body)
        }
        (_, ["applications", _, "guilds", guild, "commands"]) => {
            commands(inner, method, id(guild), None, body)
        }
        (_, ["applications", _, "guilds", guild, "commands", command]) => {
            commands(inner, method, id(guild), id(command), body)
        }

        // ---- interactions ----
        ("POST", ["interactions", interaction, token, "callback"]) => match id(interaction) {
            Some(interaction) => callback(shared, inner, interaction, token, body),
            None => Reply::unknown(),
        },
        (_, ["webhooks", app, token]) => webhook(shared, inner, method, app, token, None, body),
        (_, ["webhooks", app, token, "messages", message]) => {
            webhook(shared, inner, method, app, token, Some(message), body)
        }

        _ => Reply::unknown(),
    }
}

fn is_dm(inner: &Inner, channel: u64) -> bool {
    channel == DM_CHANNEL_ID || inner.dm_channels.contains(&channel)
}

fn dm_recipient(inner: &Inner, channel: u64) -> u64 {
    inner
        .dm_by_recipient
        .iter()
        .find(|(_, c)| **c == channel)
        .map_or(USER_ID, |(r, _)| *r)
}

fn dm_channel_for(inner: &mut Inner, recipient: u64) -> u64 {
    if recipient == USER_ID {
        return DM_CHANNEL_ID;
    }
    let channel = *inner
        .dm_by_recipient
        .entry(recipient)
        .or_insert_with(payloads::next_id);
    inner.dm_channels.insert(channel);
    channel
}

/// Builds the message object Discord returns for a message the bot sends
/// (channel message, interaction response or follow-up) from its request body.
fn message_from_body(channel_id: &Value, body: &Value) -> Value {
    let channel: u64 = channel_id
        .as_str()
        .and_then(id)
        .or(channel_id.as_u64())
        .unwrap_or(0);
    let mut message = payloads::bot_reply(channel, body["content"].as_str().unwrap_or(""));
    apply_edit(&mut message, body);
    if let Some(reference) = body.get("message_reference").filter(|r| r.is_object()) {
        message["type"] = json!(19);
        message["message_reference"] = reference.clone();
    }
    message
}

/// Applies the fields of a create/edit body to a stored message.
fn apply_edit(message: &mut Value, body: &Value) {
    if let Some(content) = body.get("content").filter(|c| !c.is_null()) {
        let content = content.as_str().unwrap_or("");
        let fresh = payloads::bot_reply(0, content);
        message["content"] = json!(content);
        message["mentions"] = fresh["mentions"].clone();
        message["mention_roles"] = fresh["mention_roles"].clone();
    }
    if let Some(embeds) = body.get("embeds").and_then(Value::as_array) {
        let embeds: Vec<Value> = embeds
            .iter()
            .map(|e| {
                let mut e = e.clone();
                if e.get("type").is_none() {
                    e["type"] = json!("rich");
                }
                e
            })
            .collect();
        message["embeds"] = Value::Array(embeds);
    }
    if let Some(components) = body.get("components").and_then(Value::as_array) {
        message["components"] = Value::Array(components.clone());
    }
    if let Some(flags) = body.get("flags").and_then(Value::as_u64) {
        // Discord keeps only the flags a sender may set.
        message["flags"] = json!(flags & (4 | 64 | 4096 | 32768));
    }
    if let Some(tts) = body.get("tts").and_then(Value::as_bool) {
        message["tts"] = json!(tts);
    }
    if let Some(files) = body.get("_files").and_then(Value::as_array) {
        let attachments: Vec<Value> = files
            .iter()
            .map(|name| {
                let attachment_id = payloads::next_id();
                let name = name.as_str().unwrap_or("file");
                let url = format!("https://cdn.discordapp.com/attachments/{attachment_id}/{name}");
                json!({"id": attachment_id.to_string(), "filename": name, "size": 0, "url": url, "proxy_url": url})
            })
            .collect();
        message["attachments"] = Value::Array(attachments);
    }
}

/// Checks a message the fake is about to return parses as serenity's `Message`.
fn check_message(shared: &Shared, inner: &mut Inner, message: &Value, what: &str) {
    if let Err(e) = validate::as_serenity::<serenity::model::channel::Message>(message) {
        inner.error(
            shared.stamp(),
            format!("fake Discord bug: the {what} it returns is not a serenity Message: {e}"),
        );
    }
}

fn store_message(inner: &mut Inner, message: &Value) {
    if let Some(message_id) = message["id"].as_str().and_then(id) {
        inner.messages.insert(message_id, message.clone());
    }
}

/// `POST /channels/{id}/messages`.
fn create_message(shared: &Shared, inner: &mut Inner, channel: u64, body: &Value) -> Reply {
    if let Err(e) = validate::message_body(body, true) {
        return Reply::from_validation(e, "create message");
    }
    let mut message = message_from_body(&json!(channel.to_string()), body);
    if let Some(reference) = message["message_reference"]["message_id"]
        .as_str()
        .and_then(id)
    {
        if let Some(original) = inner.messages.get(&reference) {
            message["referenced_message"] = original.clone();
        }
    }
    check_message(shared, inner, &message, "created message");
    store_message(inner, &message);
    if shared.config.echo_own_messages {
        let mut echo = message.clone();
        if !is_dm(inner, channel) {
            echo["guild_id"] = json!(TEST_GUILD_ID.to_string());
            let mut member =
                payloads::member(BOT_USER_ID, &payloads::member_roles(BOT_USER_ID), None);
            if let Some(m) = member.as_object_mut() {
                m.remove("user");
            }
            echo["member"] = member;
        }
        if let Err(e) = gateway::dispatch(shared, inner, "MESSAGE_CREATE", echo, true) {
            inner.error(
                shared.stamp(),
                format!("echoing the bot's own message: {e}"),
            );
        }
    }
    Reply::ok(message)
}

/// `GET|PATCH|DELETE /channels/{c}/messages/{m}`.
fn existing_message(inner: &mut Inner, method: &str, message_id: u64, body: &Value) -> Reply {
    let Some(message) = inner.messages.get_mut(&message_id) else {
        return Reply::reject(
            404,
            unknown_message(),
            format!("message {message_id} does not exist"),
        );
    };
    match method {
        "GET" => Reply::ok(message.clone()),
        "DELETE" => {
            inner.messages.remove(&message_id);
            Reply::no_content()
        }
        "PATCH" => {
            if message["author"]["id"] != json!(BOT_USER_ID.to_string()) {
                return Reply::reject(
                    403,
                    json!({"message": "Cannot edit a message authored by another user", "code": 50005}),
                    "editing another user's message",
                );
            }
            if let Err(e) = validate::message_body(body, false) {
                return Reply::from_validation(e, "edit message");
            }
            apply_edit(message, body);
            message["edited_timestamp"] = json!(payloads::now_timestamp());
            Reply::ok(message.clone())
        }
        _ => Reply::unknown(),
    }
}

/// The application command routes (`guild`: guild commands; `command`: one command).
fn commands(
    inner: &mut Inner,
    method: &str,
    guild: Option<u64>,
    command: Option<u64>,
    body: &Value,
) -> Reply {
    if let Some(guild) = guild {
        if guild != TEST_GUILD_ID {
            return Reply::reject(
                403,
                json!({"message": "Missing Access", "code": 50001}),
                format!("guild {guild} is not the test guild"),
            );
        }
    }
    match (method, command) {
        ("GET", None) => Reply::ok(Value::Array(
            inner.commands.get(&guild).cloned().unwrap_or_default(),
        )),
        ("PUT", None) => {
            let Some(list) = body.as_array() else {
                return Reply::from_validation(
                    validate::form_error("_root", "BASE_TYPE_ARRAY", "Must be an array."),
                    "bulk overwrite commands",
                );
            };
            for (i, cmd) in list.iter().enumerate() {
                if let Err(e) = validate::command(cmd, &i.to_string()) {
                    return Reply::from_validation(e, "bulk overwrite commands");
                }
            }
            let mut seen = Vec::new();
            for cmd in list {
                let key = (
                    cmd.get("type").and_then(Value::as_u64).unwrap_or(1),
                    cmd["name"].as_str().unwrap_or("").to_string(),
                );
                if seen.contains(&key) {
                    return Reply::from_validation(
                        validate::form_error(
                            "_root",
                            "APPLICATION_COMMANDS_DUPLICATE_NAME",
                            &format!("Application command names must be unique: {:?}", key.1),
                        ),
                        "bulk overwrite commands",
                    );
                }
                seen.push(key);
            }
            let chat_inputs = seen.iter().filter(|(t, _)| *t == 1).count();
            if chat_inputs > 100 || seen.len() - chat_inputs > 10 {
                return Reply::from_validation(
                    validate::form_error("_root", "BASE_TYPE_MAX_LENGTH", "Too many commands."),
                    "bulk overwrite commands",
                );
            }
            let echoed: Vec<Value> = list
                .iter()
                .map(|cmd| echo_command(inner, guild, cmd))
                .collect();
            inner.commands.insert(guild, echoed.clone());
            Reply::ok(Value::Array(echoed))
        }
        ("POST", None) => {
            if let Err(e) = validate::command(body, "_root") {
                return Reply::from_validation(e, "create command");
            }
            let echoed = echo_command(inner, guild, body);
            let list = inner.commands.entry(guild).or_default();
            list.retain(|c| c["id"] != echoed["id"]);
            list.push(echoed.clone());
            Reply::ok(echoed)
        }
        (_, Some(command)) => {
            let list = inner.commands.entry(guild).or_default();
            let Some(index) = list
                .iter()
                .position(|c| c["id"] == json!(command.to_string()))
            else {
                return Reply::reject(
                    404,
                    json!({"message": "Unknown application command", "code": 10063}),
                    format!("command {command} was never registered"),
                );
            };
            match method {
                "GET" => Reply::ok(list[index].clone()),
                "DELETE" => {
                    list.remove(index);
                    Reply::no_content()
                }
                "PATCH" => {
                    let mut merged = list[index].clone();
                    if let (Some(target), Some(changes)) =
                        (merged.as_object_mut(), body.as_object())
                    {
                        for (k, v) in changes {
                            target.insert(k.clone(), v.clone());
                        }
                    }
                    if let Err(e) = validate::command(&merged, "_root") {
                        return Reply::from_validation(e, "edit command");
                    }
                    merged["version"] = json!(payloads::next_id().to_string());
                    list[index] = merged.clone();
                    Reply::ok(merged)
                }
                _ => Reply::unknown(),
            }
        }
        _ => Reply::unknown(),
    }
}

/// A registered command as Discord echoes it: the body plus `id`,
/// `application_id`, `version`, `guild_id` and Discord's defaults.
fn echo_command(inner: &mut Inner, guild: Option<u64>, cmd: &Value) -> Value {
    let kind = cmd.get("type").and_then(Value::as_u64).unwrap_or(1);
    let name = cmd["name"].as_str().unwrap_or("").to_string();
    let command_id = *inner
        .command_ids
        .entry((guild, kind, name))
        .or_insert_with(payloads::next_id);
    let mut echoed = cmd.clone();
    let defaults = json!({
        "type": kind,
        "description": "",
        "options": [],
        "default_member_permissions": null,
        "nsfw": false,
        "integration_types": [0],
        "contexts": null,
    });
    for (key, value) in defaults.as_object().expect("an object") {
        if echoed.get(key).is_none_or(Value::is_null) {
            echoed[key] = value.clone();
        }
    }
    echoed["id"] = json!(command_id.to_string());
    echoed["application_id"] = json!(APPLICATION_ID.to_string());
    echoed["version"] = json!(payloads::next_id().to_string());
    echoed["guild_id"] = guild.map_or(Value::Null, |g| json!(g.to_string()));
    if guild.is_none() && echoed.get("dm_permission").is_none() {
        echoed["dm_permission"] = json!(true);
    }
    if let Err(e) = validate::as_serenity::<serenity::model::application::Command>(&echoed) {
        inner.errors.push(format!(
            "fake Discord bug: echoed command is not a serenity Command: {e}"
        ));
    }
    echoed
}

/// `POST /interactions/{id}/{token}/callback`.
fn callback(
    shared: &Shared,
    inner: &mut Inner,
    interaction: u64,
    token: &str,
    body: &Value,
) -> Reply {
    let deadline = shared.config.interaction_deadline;
    let Some(info) = inner.interactions.get(&interaction) else {
        return Reply::reject(
            404,
            json!({"message": "Unknown interaction", "code": 10062}),
            format!("interaction {interaction} was never dispatched"),
        );
    };
    if info.token != token {
        return Reply::reject(
            401,
            json!({"message": "Invalid Webhook Token", "code": 50027}),
            "wrong interaction token",
        );
    }
    if info.callback.is_some() {
        return Reply::reject(
            400,
            json!({"message": "Interaction has already been acknowledged.", "code": 40060}),
            format!("second callback for interaction {interaction}"),
        );
    }
    let elapsed = info.dispatched_at.elapsed();
    if elapsed > deadline {
        return Reply::reject(
            404,
            json!({"message": "Unknown interaction", "code": 10062}),
            format!(
                "callback {elapsed:?} after the interaction, past Discord's {deadline:?} limit"
            ),
        );
    }
    if let Err(e) = validate::callback(body, info.kind) {
        return Reply::from_validation(e, "interaction callback");
    }
    let kind = body["type"].as_u64().unwrap_or(0);
    let data = &body["data"];
    let original = match kind {
        4 => {
            let mut message = message_from_body(&info.channel_id, data);
            message["webhook_id"] = json!(APPLICATION_ID.to_string());
            message["application_id"] = json!(APPLICATION_ID.to_string());
            if info.kind == COMMAND {
                message["type"] = json!(20);
            }
            Some(message)
        }
        5 => {
            let mut message = message_from_body(&info.channel_id, &json!({"content": ""}));
            let flags = data["flags"].as_u64().unwrap_or(0) & 64;
            message["flags"] = json!(flags | 128); // LOADING
            message["webhook_id"] = json!(APPLICATION_ID.to_string());
            message["application_id"] = json!(APPLICATION_ID.to_string());
            Some(message)
        }
        6 => info.message.clone(),
        7 => info.message.clone().map(|mut m| {
            apply_edit(&mut m, data);
            m["edited_timestamp"] = json!(payloads::now_timestamp());
            m
        }),
        _ => None,
    };
    if let Some(message) = &original {
        check_message(shared, inner, message, "interaction response message");
        store_message(inner, message);
    }
    let info = inner
        .interactions
        .get_mut(&interaction)
        .expect("looked up above");
    info.callback = Some(body.clone());
    info.original = original;
    Reply::no_content()
}

/// `/webhooks/{app}/{token}[/messages/{id or @original}]`: interaction
/// follow-ups and edits of the original response.
fn webhook(
    shared: &Shared,
    inner: &mut Inner,
    method: &str,
    app: &str,
    token: &str,
    message: Option<&str>,
    body: &Value,
) -> Reply {
    if id(app) != Some(APPLICATION_ID) {
        return Reply::reject(
            404,
            unknown_webhook(),
            format!("webhook {app} is not the application id {APPLICATION_ID}"),
        );
    }
    let Some(interaction) = inner.tokens.get(token).copied() else {
        return Reply::reject(404, unknown_webhook(), "unknown interaction token");
    };
    let info = inner
        .interactions
        .get(&interaction)
        .expect("tokens map to interactions");
    if info.callback.is_none() {
        return Reply::reject(
            404,
            unknown_webhook(),
            format!("interaction {interaction} used before its callback"),
        );
    }
    let channel_id = info.channel_id.clone();
    match (method, message) {
        ("POST", None) => {
            if let Err(e) = validate::message_body(body, true) {
                return Reply::from_validation(e, "follow-up message");
            }
            let mut followup = message_from_body(&channel_id, body);
            followup["webhook_id"] = json!(APPLICATION_ID.to_string());
            followup["application_id"] = json!(APPLICATION_ID.to_string());
            check_message(shared, inner, &followup, "follow-up message");
            store_message(inner, &followup);
            Reply::ok(followup)
        }
        (_, Some("@original")) => {
            let info = inner
                .interactions
                .get_mut(&interaction)
                .expect("looked up above");
            let Some(original) = info.original.as_mut() else {
                return Reply::reject(
                    404,
                    unknown_message(),
                    "the interaction has no original response message",
                );
            };
            match method {
                "GET" => Reply::ok(original.clone()),
                "DELETE" => {
                    info.original = None;
                    Reply::no_content()
                }
                "PATCH" => {
                    if let Err(e) = validate::message_body(body, false) {
                        return Reply::from_validation(e, "edit original response");
                    }
                    apply_edit(original, body);
                    let flags = original["flags"].as_u64().unwrap_or(0);
                    if flags & 128 != 0 {
                        original["flags"] = json!(flags & !128); // no longer loading
                    } else {
                        original["edited_timestamp"] = json!(payloads::now_timestamp());
                    }
                    let edited = original.clone();
                    check_message(shared, inner, &edited, "edited original response");
                    store_message(inner, &edited);
                    Reply::ok(edited)
                }
                _ => Reply::unknown(),
            }
        }
        (_, Some(message)) => match id(message) {
            Some(message_id) => existing_message(inner, method, message_id, body),
            None => Reply::unknown(),
        },
        _ => Reply::unknown(),
    }
}
