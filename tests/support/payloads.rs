//! Builders for the JSON Discord sends: users, members, messages, interactions
//! and the test guild.
//!
//! Every builder returns a `serde_json::Value` carrying every field serenity
//! 0.12's models require (serenity silently drops a gateway event whose JSON
//! lacks one). Tests may tweak the result with `value["field"] = json!(...)`
//! before dispatching it; [`FakeDiscord::dispatch`](super::FakeDiscord::dispatch)
//! re-checks the final payload against serenity's own model either way.
//!
//! All builders describe one small, consistent world: the guild
//! [`TEST_GUILD_ID`] with a `general` and a `random` text channel, an
//! `@everyone`, a `Moderator` and a managed bot role, and the members
//! [`USER_ID`] (plain user), [`MOD_USER_ID`] (moderator), [`OWNER_ID`] (owner of
//! the guild and of the application) and the bot [`BOT_USER_ID`]. The fake's
//! REST side answers `GET /guilds/..`, `/channels/..` and `/members/..` from
//! the same world.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{json, Value};

/// The bot's application id (READY's `application.id`; the `{app}` in
/// `/applications/{app}/..` and `/webhooks/{app}/{token}/..`).
///
/// Deliberately different from [`BOT_USER_ID`], so a bot that mixes the two up
/// fails here instead of only on Discord (where they may or may not match).
pub const APPLICATION_ID: u64 = 1_100_000_000_000_000_001;
/// The bot's own user id (READY's `user.id`, `GET /users/@me`).
pub const BOT_USER_ID: u64 = 1_100_000_000_000_000_002;
/// Owner of the application (`GET /oauth2/applications/@me`) and of the test guild.
pub const OWNER_ID: u64 = 1_100_000_000_000_000_003;
/// A plain member of the test guild with no roles.
pub const USER_ID: u64 = 1_100_000_000_000_000_004;
/// A member of the test guild holding [`MOD_ROLE_ID`].
pub const MOD_USER_ID: u64 = 1_100_000_000_000_000_005;
/// The guild the bot is in (listed in READY and sent as GUILD_CREATE).
pub const TEST_GUILD_ID: u64 = 1_100_000_000_000_000_010;
/// The test guild's `#general` text channel.
pub const GENERAL_CHANNEL_ID: u64 = 1_100_000_000_000_000_011;
/// The test guild's `#random` text channel.
pub const OTHER_CHANNEL_ID: u64 = 1_100_000_000_000_000_012;
/// The DM channel between the bot and [`USER_ID`].
pub const DM_CHANNEL_ID: u64 = 1_100_000_000_000_000_013;
/// The `Moderator` role.
pub const MOD_ROLE_ID: u64 = 1_100_000_000_000_000_020;
/// The bot's managed role.
pub const BOT_ROLE_ID: u64 = 1_100_000_000_000_000_021;
/// The token tests give serenity (`HttpBuilder::new(TOKEN)`); any token works.
pub const TOKEN: &str = "fake-bot-token";

/// Permission bit sets (Discord's integer permissions).
pub mod perms {
    pub const ADD_REACTIONS: u64 = 1 << 6;
    pub const ADMINISTRATOR: u64 = 1 << 3;
    pub const MANAGE_GUILD: u64 = 1 << 5;
    pub const VIEW_CHANNEL: u64 = 1 << 10;
    pub const SEND_MESSAGES: u64 = 1 << 11;
    pub const MANAGE_MESSAGES: u64 = 1 << 13;
    pub const EMBED_LINKS: u64 = 1 << 14;
    pub const ATTACH_FILES: u64 = 1 << 15;
    pub const READ_MESSAGE_HISTORY: u64 = 1 << 16;
    pub const USE_EXTERNAL_EMOJIS: u64 = 1 << 18;
    pub const MANAGE_ROLES: u64 = 1 << 28;
    pub const USE_APPLICATION_COMMANDS: u64 = 1 << 31;
    pub const SEND_MESSAGES_IN_THREADS: u64 = 1 << 38;
    pub const MODERATE_MEMBERS: u64 = 1 << 40;

    /// What `@everyone` may do in the test guild.
    pub const EVERYONE: u64 = VIEW_CHANNEL
        | SEND_MESSAGES
        | READ_MESSAGE_HISTORY
        | EMBED_LINKS
        | ATTACH_FILES
        | ADD_REACTIONS
        | USE_EXTERNAL_EMOJIS
        | USE_APPLICATION_COMMANDS
        | SEND_MESSAGES_IN_THREADS;
    /// `@everyone` plus the `Moderator` role.
    pub const MODERATOR: u64 = EVERYONE | MANAGE_MESSAGES | MANAGE_GUILD | MODERATE_MEMBERS;
    /// The bot's permissions (`app_permissions` in interactions).
    pub const BOT: u64 = EVERYONE | MANAGE_MESSAGES;
}

/// Discord's epoch (2015-01-01) in Unix milliseconds.
const DISCORD_EPOCH_MS: u64 = 1_420_070_400_000;
static LAST_ID: AtomicU64 = AtomicU64::new(0);

/// A fresh snowflake, unique within the test process and time-ordered like
/// Discord's (so `id.created_at()` is "now").
pub fn next_id() -> u64 {
    let now_ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock after 1970")
        .as_millis() as u64;
    let candidate = (now_ms - DISCORD_EPOCH_MS) << 22;
    let mut last = LAST_ID.load(Ordering::Relaxed);
    loop {
        let id = candidate.max(last + 1);
        match LAST_ID.compare_exchange(last, id, Ordering::Relaxed, Ordering::Relaxed) {
            Ok(_) => return id,
            Err(seen) => last = seen,
        }
    }
}

/// Now as Discord writes timestamps (ISO 8601 with microseconds).
pub fn now_timestamp() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, false)
}

/// A fixed, long-past timestamp (when members joined).
const JOINED_AT: &str = "2024-01-01T00:00:00.000000+00:00";

/// The display name the world gives a user id.
pub fn user_name(id: u64) -> String {
    match id {
        BOT_USER_ID => "knotbot".into(),
        OWNER_ID => "owner".into(),
        USER_ID => "alice".into(),
        MOD_USER_ID => "mod".into(),
        other => format!("user{}", other % 100_000),
    }
}

/// The roles the world gives a member of the test guild.
pub fn member_roles(user_id: u64) -> Vec<u64> {
    match user_id {
        MOD_USER_ID => vec![MOD_ROLE_ID],
        BOT_USER_ID => vec![BOT_ROLE_ID],
        _ => vec![],
    }
}

/// A user object. `bot` marks bot accounts.
pub fn user(id: u64, bot: bool) -> Value {
    let name = user_name(id);
    json!({
        "id": id.to_string(),
        "username": name,
        "discriminator": "0",
        "global_name": name,
        "avatar": null,
        "bot": bot,
        "system": false,
        "public_flags": 0,
        "flags": 0,
    })
}

/// The bot's own user, as READY and `GET /users/@me` carry it.
pub fn bot_user() -> Value {
    let mut user = user(BOT_USER_ID, true);
    user["verified"] = json!(true);
    user["mfa_enabled"] = json!(false);
    user["email"] = json!(null);
    user["locale"] = json!("en-US");
    user
}

/// A full guild member object (interactions, `GET /guilds/{g}/members/{u}`).
/// `permissions` is the member's total permissions in the channel, as
/// interactions carry it; `None` leaves the field out (REST members lack it).
pub fn member(user_id: u64, roles: &[u64], permissions: Option<String>) -> Value {
    let mut member = json!({
        "user": user(user_id, user_id == BOT_USER_ID),
        "nick": null,
        "avatar": null,
        "roles": ids(roles),
        "joined_at": JOINED_AT,
        "premium_since": null,
        "deaf": false,
        "mute": false,
        "flags": 0,
        "pending": false,
        "communication_disabled_until": null,
    });
    if let Some(permissions) = permissions {
        member["permissions"] = json!(permissions);
    }
    member
}

/// The partial member MESSAGE_CREATE carries for guild messages (no `user`).
fn partial_member(user_id: u64) -> Value {
    json!({
        "nick": null,
        "avatar": null,
        "roles": ids(&member_roles(user_id)),
        "joined_at": JOINED_AT,
        "premium_since": null,
        "deaf": false,
        "mute": false,
        "flags": 0,
        "pending": false,
    })
}

fn ids(ids: &[u64]) -> Value {
    Value::Array(ids.iter().map(|id| json!(id.to_string())).collect())
}

/// User ids mentioned as `<@ID>` / `<@!ID>` in `content`.
fn mentioned_users(content: &str) -> Vec<u64> {
    mentioned(content, &["<@!", "<@"])
}

/// Role ids mentioned as `<@&ID>` in `content`.
fn mentioned_roles(content: &str) -> Vec<u64> {
    mentioned(content, &["<@&"])
}

fn mentioned(content: &str, openers: &[&str]) -> Vec<u64> {
    let mut found = Vec::new();
    let mut rest = content;
    while let Some(start) = rest.find("<@") {
        rest = &rest[start..];
        let opener = openers.iter().find(|o| rest.starts_with(**o));
        if let Some(opener) = opener {
            let tail = &rest[opener.len()..];
            if let Some(end) = tail.find('>') {
                if let Ok(id) = tail[..end].parse::<u64>() {
                    if !found.contains(&id) {
                        found.push(id);
                    }
                }
            }
        }
        rest = &rest[2..];
    }
    found
}

/// The skeleton every message shares; mentions are derived from `content`
/// the way Discord derives them.
fn message_base(channel_id: u64, author: Value, content: &str) -> Value {
    let mentions: Vec<Value> = mentioned_users(content)
        .into_iter()
        .map(|id| user(id, id == BOT_USER_ID))
        .collect();
    json!({
        "id": next_id().to_string(),
        "channel_id": channel_id.to_string(),
        "author": author,
        "content": content,
        "timestamp": now_timestamp(),
        "edited_timestamp": null,
        "tts": false,
        "mention_everyone": false,
        "mentions": mentions,
        "mention_roles": ids(&mentioned_roles(content)),
        "attachments": [],
        "embeds": [],
        "components": [],
        "reactions": [],
        "pinned": false,
        "type": 0,
        "flags": 0,
    })
}

/// A MESSAGE_CREATE payload: `author_id` writes `content` in a guild channel
/// of the test guild. `<@ID>` mentions in `content` fill `mentions`.
pub fn guild_message(channel_id: u64, author_id: u64, content: &str) -> Value {
    let mut message = message_base(channel_id, user(author_id, false), content);
    message["guild_id"] = json!(TEST_GUILD_ID.to_string());
    message["member"] = partial_member(author_id);
    message
}

/// A MESSAGE_CREATE payload for a direct message to the bot (no `guild_id`,
/// no `member`). Use [`DM_CHANNEL_ID`] for the DM with [`USER_ID`].
pub fn dm_message(channel_id: u64, author_id: u64, content: &str) -> Value {
    message_base(channel_id, user(author_id, false), content)
}

/// A guild message written by another bot (`author.bot == true`).
pub fn bot_message(channel_id: u64, author_id: u64, content: &str) -> Value {
    let mut message = guild_message(channel_id, author_id, content);
    message["author"]["bot"] = json!(true);
    message
}

/// A guild message that mentions the bot: content `"<@BOT> {text}"`, and the
/// bot in `mentions` (Discord delivers its content even without the
/// MESSAGE_CONTENT intent).
pub fn mention_bot(channel_id: u64, author_id: u64, text: &str) -> Value {
    guild_message(channel_id, author_id, &format!("<@{BOT_USER_ID}> {text}"))
}

/// `message` turned into a reply to `replied_to` (type 19 with a
/// `message_reference` and `referenced_message`).
pub fn as_reply(mut message: Value, replied_to: &Value) -> Value {
    message["type"] = json!(19);
    message["message_reference"] = json!({
        "message_id": replied_to["id"],
        "channel_id": replied_to["channel_id"],
        "guild_id": replied_to.get("guild_id").cloned().unwrap_or(Value::Null),
        "type": 0,
    });
    message["referenced_message"] = replied_to.clone();
    message
}

/// A message the bot sent, as the fake's REST side returns it and as
/// [`button_click`] expects its `message`.
pub fn bot_reply(channel_id: u64, content: &str) -> Value {
    message_base(channel_id, user(BOT_USER_ID, true), content)
}

/// A stable command id for a command name (interactions carry the invoked
/// command's id; poise dispatches by name).
pub fn command_id(name: &str) -> u64 {
    // FNV-1a, folded into the snowflake range.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in name.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    1_000_000_000_000_000_000 + hash % 100_000_000_000_000_000
}

/// The channel object interactions carry.
fn partial_channel(channel_id: u64) -> Value {
    if channel_id == DM_CHANNEL_ID {
        return json!({"id": channel_id.to_string(), "type": 1});
    }
    json!({
        "id": channel_id.to_string(),
        "type": 0,
        "name": channel_name(channel_id),
        "guild_id": TEST_GUILD_ID.to_string(),
        "permissions": perms::BOT.to_string(),
        "parent_id": null,
    })
}

/// The name the world gives a guild channel id.
pub fn channel_name(channel_id: u64) -> String {
    match channel_id {
        GENERAL_CHANNEL_ID => "general".into(),
        OTHER_CHANNEL_ID => "random".into(),
        other => format!("channel-{}", other % 100_000),
    }
}

/// The common part of an INTERACTION_CREATE payload, invoked by [`USER_ID`]
/// in `#general` of the test guild with no roles and `@everyone`'s
/// permissions. Each call has a fresh `id` and `token`.
pub fn interaction(kind: u8, data: Value) -> Value {
    let id = next_id();
    json!({
        "id": id.to_string(),
        "application_id": APPLICATION_ID.to_string(),
        "type": kind,
        "data": data,
        "guild_id": TEST_GUILD_ID.to_string(),
        "channel_id": GENERAL_CHANNEL_ID.to_string(),
        "channel": partial_channel(GENERAL_CHANNEL_ID),
        "member": member(USER_ID, &[], Some(perms::EVERYONE.to_string())),
        "token": format!("fake-interaction-token-{id}"),
        "version": 1,
        "app_permissions": perms::BOT.to_string(),
        "locale": "en-US",
        "guild_locale": "en-US",
        "entitlements": [],
        "authorizing_integration_owners": {"0": TEST_GUILD_ID.to_string()},
        "context": 0,
        "attachment_size_limit": 26_214_400,
    })
}

/// A slash command (`/name ...`) in `#general`, invoked by [`USER_ID`]
/// holding `member_roles` with total permissions `member_permissions` (a
/// permission integer, e.g. `perms::MODERATOR`, or its decimal string).
///
/// `options` is Discord's option array, e.g.
/// `json!([{"name": "question", "type": 3, "value": "why?"}])`, or for a
/// subcommand `json!([{"name": "add", "type": 1, "options": [...]}])`.
pub fn slash_command(
    name: &str,
    options: Value,
    member_roles: &[u64],
    member_permissions: impl std::fmt::Display,
) -> Value {
    let options = if options.is_null() {
        json!([])
    } else {
        options
    };
    let mut payload = interaction(
        2,
        json!({
            "id": command_id(name).to_string(),
            "name": name,
            "type": 1,
            "options": options,
        }),
    );
    payload["member"] = member(USER_ID, member_roles, Some(member_permissions.to_string()));
    payload
}

/// An autocomplete request for slash command `name`. Mark the option being
/// typed with `"focused": true`, e.g.
/// `json!([{"name": "topic", "type": 3, "value": "glu", "focused": true}])`.
pub fn autocomplete(name: &str, options: Value) -> Value {
    let options = if options.is_null() {
        json!([])
    } else {
        options
    };
    interaction(
        4,
        json!({
            "id": command_id(name).to_string(),
            "name": name,
            "type": 1,
            "options": options,
        }),
    )
}

/// A message context-menu command (`Apps > command_name` on
/// `target_message`, e.g. a [`guild_message`]).
pub fn message_context_menu(command_name: &str, target_message: &Value) -> Value {
    let target_id = target_message["id"].clone();
    let key = target_id
        .as_str()
        .expect("target message has a string id")
        .to_string();
    interaction(
        2,
        json!({
            "id": command_id(command_name).to_string(),
            "name": command_name,
            "type": 3,
            "target_id": target_id,
            "resolved": {"messages": {key: target_message}},
        }),
    )
}

/// A user context-menu command on `target_user_id`.
pub fn user_context_menu(command_name: &str, target_user_id: u64) -> Value {
    let key = target_user_id.to_string();
    let mut resolved_member = member(target_user_id, &member_roles(target_user_id), None);
    resolved_member
        .as_object_mut()
        .expect("member is an object")
        .remove("user");
    interaction(
        2,
        json!({
            "id": command_id(command_name).to_string(),
            "name": command_name,
            "type": 2,
            "target_id": key,
            "resolved": {
                "users": {key.clone(): user(target_user_id, false)},
                "members": {key: resolved_member},
            },
        }),
    )
}

/// A modal submission: `fields` are `(text input custom_id, value)` pairs,
/// one text input per action row, as Discord sends them.
pub fn modal_submit(custom_id: &str, fields: &[(&str, &str)]) -> Value {
    let rows: Vec<Value> = fields
        .iter()
        .map(|(id, value)| {
            json!({
                "type": 1,
                "components": [{"type": 4, "custom_id": id, "value": value}],
            })
        })
        .collect();
    interaction(5, json!({"custom_id": custom_id, "components": rows}))
}

/// A click on button `custom_id` of `message` (a message the bot sent, e.g.
/// `Recorded::response` of its POST, or [`bot_reply`]).
pub fn button_click(custom_id: &str, message: &Value) -> Value {
    let mut payload = interaction(3, json!({"custom_id": custom_id, "component_type": 2}));
    payload["message"] = message.clone();
    payload["channel_id"] = message["channel_id"].clone();
    payload
}

/// A choice in string select menu `custom_id` of `message`.
pub fn select_choice(custom_id: &str, values: &[&str], message: &Value) -> Value {
    let mut payload = interaction(
        3,
        json!({"custom_id": custom_id, "component_type": 3, "values": values}),
    );
    payload["message"] = message.clone();
    payload["channel_id"] = message["channel_id"].clone();
    payload
}

/// `interaction` moved into the bot's DM with `user_id`: no `guild_id` or
/// `member`, a top-level `user`, context 1 (bot DM). Use the DM channel
/// [`DM_CHANNEL_ID`] for [`USER_ID`].
pub fn in_dm(mut interaction: Value, user_id: u64, channel_id: u64) -> Value {
    let object = interaction.as_object_mut().expect("an interaction object");
    object.remove("guild_id");
    object.remove("member");
    object.remove("guild_locale");
    object.insert("user".into(), user(user_id, false));
    object.insert("channel_id".into(), json!(channel_id.to_string()));
    object.insert(
        "channel".into(),
        json!({"id": channel_id.to_string(), "type": 1}),
    );
    object.insert("context".into(), json!(1));
    object.insert("authorizing_integration_owners".into(), json!({"0": "0"}));
    interaction
}

/// `interaction` invoked by `user_id` holding `roles` with total permissions
/// `permissions` instead of [`USER_ID`].
pub fn as_member(
    mut interaction: Value,
    user_id: u64,
    roles: &[u64],
    permissions: impl std::fmt::Display,
) -> Value {
    interaction["member"] = member(user_id, roles, Some(permissions.to_string()));
    interaction
}

/// `payload` (a message or an interaction) moved to another channel.
pub fn in_channel(mut payload: Value, channel_id: u64) -> Value {
    payload["channel_id"] = json!(channel_id.to_string());
    if payload.get("channel").is_some() {
        payload["channel"] = partial_channel(channel_id);
    }
    payload
}

/// A role object.
pub fn role(id: u64, name: &str, permissions: u64, position: u16, managed: bool) -> Value {
    let mut role = json!({
        "id": id.to_string(),
        "name": name,
        "color": 0,
        "colors": {"primary_color": 0, "secondary_color": null, "tertiary_color": null},
        "hoist": false,
        "managed": managed,
        "mentionable": false,
        "permissions": permissions.to_string(),
        "position": position,
        "icon": null,
        "unicode_emoji": null,
        "flags": 0,
    });
    if managed {
        role["tags"] = json!({"bot_id": BOT_USER_ID.to_string()});
    }
    role
}

/// The test guild's roles.
pub fn guild_roles() -> Value {
    json!([
        role(TEST_GUILD_ID, "@everyone", perms::EVERYONE, 0, false),
        role(MOD_ROLE_ID, "Moderator", perms::MODERATOR, 1, false),
        role(BOT_ROLE_ID, "knotbot", perms::BOT, 2, true),
    ])
}

/// A text channel of the test guild.
pub fn guild_text_channel(channel_id: u64) -> Value {
    let position = match channel_id {
        GENERAL_CHANNEL_ID => 0,
        OTHER_CHANNEL_ID => 1,
        _ => 2,
    };
    json!({
        "id": channel_id.to_string(),
        "type": 0,
        "guild_id": TEST_GUILD_ID.to_string(),
        "name": channel_name(channel_id),
        "position": position,
        "permission_overwrites": [],
        "topic": null,
        "nsfw": false,
        "last_message_id": null,
        "rate_limit_per_user": 0,
        "parent_id": null,
        "flags": 0,
    })
}

/// The DM channel object between the bot and `recipient_id`.
pub fn dm_channel(channel_id: u64, recipient_id: u64) -> Value {
    json!({
        "id": channel_id.to_string(),
        "type": 1,
        "last_message_id": null,
        "recipients": [user(recipient_id, false)],
        "flags": 0,
    })
}

/// The test guild as `GET /guilds/{id}` returns it (a partial guild).
pub fn partial_guild() -> Value {
    json!({
        "id": TEST_GUILD_ID.to_string(),
        "name": "Knot Test Guild",
        "icon": null,
        "icon_hash": null,
        "splash": null,
        "discovery_splash": null,
        "owner_id": OWNER_ID.to_string(),
        "afk_channel_id": null,
        "afk_timeout": 300,
        "widget_enabled": false,
        "widget_channel_id": null,
        "verification_level": 1,
        "default_message_notifications": 1,
        "explicit_content_filter": 2,
        "roles": guild_roles(),
        "emojis": [],
        "features": [],
        "mfa_level": 0,
        "application_id": null,
        "system_channel_id": GENERAL_CHANNEL_ID.to_string(),
        "system_channel_flags": 0,
        "rules_channel_id": null,
        "max_presences": null,
        "max_members": 500_000,
        "vanity_url_code": null,
        "description": null,
        "banner": null,
        "premium_tier": 0,
        "premium_subscription_count": 0,
        "preferred_locale": "en-US",
        "public_updates_channel_id": null,
        "max_video_channel_users": 25,
        "max_stage_video_channel_users": 50,
        "nsfw_level": 0,
        "stickers": [],
        "premium_progress_bar_enabled": false,
        "safety_alerts_channel_id": null,
    })
}

/// A GUILD_CREATE payload for the test guild: its roles, both text channels
/// and its four members. The fake sends it after READY unless configured not to.
pub fn guild_create() -> Value {
    let mut guild = partial_guild();
    let members: Vec<Value> = [OWNER_ID, USER_ID, MOD_USER_ID, BOT_USER_ID]
        .into_iter()
        .map(|id| member(id, &member_roles(id), None))
        .collect();
    let extra = json!({
        "joined_at": JOINED_AT,
        "large": false,
        "unavailable": false,
        "member_count": members.len(),
        "voice_states": [],
        "members": members,
        "channels": [
            guild_text_channel(GENERAL_CHANNEL_ID),
            guild_text_channel(OTHER_CHANNEL_ID),
        ],
        "threads": [],
        "presences": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
        "soundboard_sounds": [],
    });
    let object = guild.as_object_mut().expect("guild is an object");
    for (key, value) in extra.as_object().expect("an object") {
        object.insert(key.clone(), value.clone());
    }
    guild
}

/// The application object `GET /oauth2/applications/@me` returns; poise reads
/// `owner` from it to learn the bot owners.
pub fn application_info() -> Value {
    json!({
        "id": APPLICATION_ID.to_string(),
        "name": "knotbot",
        "icon": null,
        "description": "",
        "rpc_origins": [],
        "bot_public": false,
        "bot_require_code_grant": false,
        "bot": bot_user(),
        "owner": user(OWNER_ID, false),
        "summary": "",
        "verify_key": "0000000000000000000000000000000000000000000000000000000000000000",
        "team": null,
        "flags": 0,
        "redirect_uris": [],
        "interactions_endpoint_url": null,
        "role_connections_verification_url": null,
    })
}
