//! Two kinds of checks:
//!
//! * Does serenity accept what the fake sends? Every gateway dispatch and every
//!   REST answer is parsed with serenity's own models first, because serenity
//!   drops an event it cannot parse (logged at debug level only) and a test
//!   could then pass or fail for the wrong reason.
//! * Would Discord accept what the bot sends? Message, interaction-response and
//!   command-registration bodies are checked against Discord's documented
//!   limits; the fake answers a violation with Discord's 400 and reports it.

use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use serenity::model::event::{Event, GatewayEvent};

/// Parses `value` as serenity's `T`; the error names the type and the reason.
pub fn as_serenity<T: DeserializeOwned>(value: &Value) -> Result<(), String> {
    serde_json::from_value::<T>(value.clone())
        .map(|_| ())
        .map_err(|e| {
            format!(
                "serenity cannot parse it as {}: {e}",
                std::any::type_name::<T>()
            )
        })
}

/// Checks a complete gateway dispatch (`{"op":0,"s":..,"t":name,"d":..}`) the
/// way serenity's shard reads it. Errors if serenity would fail to parse it or
/// would turn it into `Event::Unknown`, which it silently drops.
pub fn dispatch(text: &str, name: &str, data: &Value) -> Result<(), String> {
    let event: GatewayEvent = serde_json::from_str(text)
        .map_err(|e| format!("serenity cannot parse the {name} payload at all: {e}"))?;
    match event {
        GatewayEvent::Dispatch(_, Event::Unknown(_)) => {
            let reason = typed_check(name, data).err().unwrap_or_else(|| {
                "serenity parsed it as Event::Unknown (unknown event name, or a required \
                 field is missing or mistyped)"
                    .to_string()
            });
            Err(format!(
                "serenity would silently DROP this {name} event: {reason}"
            ))
        }
        GatewayEvent::Dispatch(..) => Ok(()),
        other => Err(format!("{name} parsed as {other:?}, not as a dispatch")),
    }
}

/// Parses `data` with the model serenity uses for event `name`, to explain
/// why the generic parse fell back to `Event::Unknown`.
fn typed_check(name: &str, data: &Value) -> Result<(), String> {
    use serenity::model::event::*;
    match name {
        "READY" => as_serenity::<ReadyEvent>(data),
        "RESUMED" => as_serenity::<ResumedEvent>(data),
        "MESSAGE_CREATE" => as_serenity::<MessageCreateEvent>(data),
        "MESSAGE_UPDATE" => as_serenity::<MessageUpdateEvent>(data),
        "MESSAGE_DELETE" => as_serenity::<MessageDeleteEvent>(data),
        "MESSAGE_DELETE_BULK" => as_serenity::<MessageDeleteBulkEvent>(data),
        "MESSAGE_REACTION_ADD" => as_serenity::<ReactionAddEvent>(data),
        "MESSAGE_REACTION_REMOVE" => as_serenity::<ReactionRemoveEvent>(data),
        "INTERACTION_CREATE" => as_serenity::<InteractionCreateEvent>(data),
        "GUILD_CREATE" => as_serenity::<GuildCreateEvent>(data),
        "GUILD_UPDATE" => as_serenity::<GuildUpdateEvent>(data),
        "GUILD_DELETE" => as_serenity::<GuildDeleteEvent>(data),
        "GUILD_MEMBER_ADD" => as_serenity::<GuildMemberAddEvent>(data),
        "GUILD_MEMBER_UPDATE" => as_serenity::<GuildMemberUpdateEvent>(data),
        "GUILD_MEMBER_REMOVE" => as_serenity::<GuildMemberRemoveEvent>(data),
        "GUILD_ROLE_CREATE" => as_serenity::<GuildRoleCreateEvent>(data),
        "GUILD_ROLE_UPDATE" => as_serenity::<GuildRoleUpdateEvent>(data),
        "GUILD_ROLE_DELETE" => as_serenity::<GuildRoleDeleteEvent>(data),
        "CHANNEL_CREATE" => as_serenity::<ChannelCreateEvent>(data),
        "CHANNEL_UPDATE" => as_serenity::<ChannelUpdateEvent>(data),
        "CHANNEL_DELETE" => as_serenity::<ChannelDeleteEvent>(data),
        "THREAD_CREATE" => as_serenity::<ThreadCreateEvent>(data),
        "TYPING_START" => as_serenity::<TypingStartEvent>(data),
        "USER_UPDATE" => as_serenity::<UserUpdateEvent>(data),
        _ => Err(format!(
            "serenity does not know the event name {name:?}, or it lacks a field"
        )),
    }
}

/// A Discord "Invalid Form Body" error: `(status, body)`.
pub fn form_error(field: &str, code: &str, message: &str) -> (u16, Value) {
    (
        400,
        json!({
            "code": 50035,
            "message": "Invalid Form Body",
            "errors": {field: {"_errors": [{"code": code, "message": message}]}},
        }),
    )
}

fn chars(value: &Value) -> usize {
    value.as_str().map_or(0, |s| s.chars().count())
}

fn too_long(value: &Value, max: usize, field: &str) -> Result<(), (u16, Value)> {
    let n = chars(value);
    if n > max {
        return Err(form_error(
            field,
            "BASE_TYPE_MAX_LENGTH",
            &format!("Must be {max} or fewer in length (got {n})."),
        ));
    }
    Ok(())
}

fn length_between(value: &Value, min: usize, max: usize, field: &str) -> Result<(), (u16, Value)> {
    let n = chars(value);
    if n < min || n > max {
        return Err(form_error(
            field,
            "BASE_TYPE_BAD_LENGTH",
            &format!("Must be between {min} and {max} in length (got {n})."),
        ));
    }
    Ok(())
}

fn array<'a>(value: &'a Value, key: &str) -> &'a [Value] {
    value
        .get(key)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// Checks a message body (create or edit, channel or webhook) against
/// Discord's limits. `creating`: an empty message is an error.
pub fn message_body(body: &Value, creating: bool) -> Result<(), (u16, Value)> {
    too_long(&body["content"], 2000, "content")?;
    let embeds = array(body, "embeds");
    if embeds.len() > 10 {
        return Err(form_error(
            "embeds",
            "BASE_TYPE_MAX_LENGTH",
            "Must be 10 or fewer in length.",
        ));
    }
    let mut total = 0;
    for (i, embed) in embeds.iter().enumerate() {
        let at = |f: &str| format!("embeds.{i}.{f}");
        too_long(&embed["title"], 256, &at("title"))?;
        too_long(&embed["description"], 4096, &at("description"))?;
        too_long(&embed["footer"]["text"], 2048, &at("footer.text"))?;
        too_long(&embed["author"]["name"], 256, &at("author.name"))?;
        total += chars(&embed["title"])
            + chars(&embed["description"])
            + chars(&embed["footer"]["text"])
            + chars(&embed["author"]["name"]);
        let fields = array(embed, "fields");
        if fields.len() > 25 {
            return Err(form_error(
                &at("fields"),
                "BASE_TYPE_MAX_LENGTH",
                "Must be 25 or fewer in length.",
            ));
        }
        for (j, field) in fields.iter().enumerate() {
            length_between(&field["name"], 1, 256, &at(&format!("fields.{j}.name")))?;
            length_between(&field["value"], 1, 1024, &at(&format!("fields.{j}.value")))?;
            total += chars(&field["name"]) + chars(&field["value"]);
        }
    }
    if total > 6000 {
        return Err(form_error(
            "embeds",
            "MAX_EMBED_SIZE_EXCEEDED",
            &format!("Embed size exceeds maximum size of 6000 (got {total})."),
        ));
    }
    components(body)?;
    if creating {
        let has_content = chars(&body["content"]) > 0;
        let has_any = has_content
            || !embeds.is_empty()
            || !array(body, "components").is_empty()
            || !array(body, "sticker_ids").is_empty()
            || !array(body, "attachments").is_empty()
            || body.get("poll").is_some_and(|p| !p.is_null());
        if !has_any {
            return Err((
                400,
                json!({"code": 50006, "message": "Cannot send an empty message"}),
            ));
        }
    }
    Ok(())
}

/// Action rows and their buttons / select menus.
fn components(body: &Value) -> Result<(), (u16, Value)> {
    let rows = array(body, "components");
    if rows.len() > 5 {
        return Err(form_error(
            "components",
            "BASE_TYPE_MAX_LENGTH",
            "Must be 5 or fewer in length.",
        ));
    }
    let mut custom_ids: Vec<&str> = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        if row["type"] != json!(1) {
            return Err(form_error(
                &format!("components.{i}.type"),
                "UNION_TYPE_CHOICES",
                "Top-level components must be action rows.",
            ));
        }
        let inner = array(row, "components");
        if inner.is_empty() || inner.len() > 5 {
            return Err(form_error(
                &format!("components.{i}.components"),
                "BASE_TYPE_BAD_LENGTH",
                "Must be between 1 and 5 in length.",
            ));
        }
        for (j, component) in inner.iter().enumerate() {
            let at = |f: &str| format!("components.{i}.components.{j}.{f}");
            too_long(&component["label"], 80, &at("label"))?;
            too_long(&component["placeholder"], 150, &at("placeholder"))?;
            let is_link = component["style"] == json!(5);
            match component["custom_id"].as_str() {
                Some(id) => {
                    length_between(&component["custom_id"], 1, 100, &at("custom_id"))?;
                    if custom_ids.contains(&id) {
                        return Err(form_error(
                            &at("custom_id"),
                            "COMPONENT_CUSTOM_ID_DUPLICATED",
                            "Component custom id cannot be duplicated",
                        ));
                    }
                    custom_ids.push(id);
                }
                None if is_link
                    || component["type"] != json!(2) && component["type"] != json!(3) => {}
                None => {
                    return Err(form_error(
                        &at("custom_id"),
                        "BASE_TYPE_REQUIRED",
                        "This field is required",
                    ));
                }
            }
            if array(component, "options").len() > 25 {
                return Err(form_error(
                    &at("options"),
                    "BASE_TYPE_MAX_LENGTH",
                    "Must be 25 or fewer in length.",
                ));
            }
        }
    }
    Ok(())
}

/// The interaction kinds (`type` of INTERACTION_CREATE).
pub const COMMAND: u64 = 2;
pub const COMPONENT: u64 = 3;
pub const AUTOCOMPLETE: u64 = 4;
pub const MODAL_SUBMIT: u64 = 5;

/// Checks an interaction callback body against the kind of interaction it
/// answers (`interaction_kind`) and Discord's limits.
pub fn callback(body: &Value, interaction_kind: u64) -> Result<(), (u16, Value)> {
    let kind = body["type"].as_u64().unwrap_or(0);
    let allowed: &[u64] = match interaction_kind {
        COMMAND => &[4, 5, 9],
        COMPONENT => &[4, 5, 6, 7, 9],
        AUTOCOMPLETE => &[8],
        MODAL_SUBMIT => &[4, 5, 6, 7],
        _ => &[1],
    };
    if !allowed.contains(&kind) {
        return Err((
            400,
            json!({
                "code": 50035,
                "message": format!(
                    "Invalid Form Body: callback type {kind} cannot answer an interaction \
                     of type {interaction_kind} (allowed: {allowed:?})"
                ),
            }),
        ));
    }
    let data = &body["data"];
    match kind {
        4 | 7 => message_body(data, kind == 4),
        8 => {
            let choices = array(data, "choices");
            if choices.len() > 25 {
                return Err(form_error(
                    "data.choices",
                    "BASE_TYPE_MAX_LENGTH",
                    "Must be 25 or fewer in length.",
                ));
            }
            for (i, choice) in choices.iter().enumerate() {
                length_between(&choice["name"], 1, 100, &format!("data.choices.{i}.name"))?;
                if choice["value"].is_string() {
                    length_between(&choice["value"], 1, 100, &format!("data.choices.{i}.value"))?;
                }
            }
            Ok(())
        }
        9 => modal(data),
        _ => Ok(()),
    }
}

/// A modal: title, custom id, 1-5 rows of one text input each.
fn modal(data: &Value) -> Result<(), (u16, Value)> {
    length_between(&data["title"], 1, 45, "data.title")?;
    length_between(&data["custom_id"], 1, 100, "data.custom_id")?;
    let rows = array(data, "components");
    if rows.is_empty() || rows.len() > 5 {
        return Err(form_error(
            "data.components",
            "BASE_TYPE_BAD_LENGTH",
            "Must be between 1 and 5 in length.",
        ));
    }
    for (i, row) in rows.iter().enumerate() {
        for (j, input) in array(row, "components").iter().enumerate() {
            let at = |f: &str| format!("data.components.{i}.components.{j}.{f}");
            length_between(&input["custom_id"], 1, 100, &at("custom_id"))?;
            length_between(&input["label"], 1, 45, &at("label"))?;
            too_long(&input["placeholder"], 100, &at("placeholder"))?;
            too_long(&input["value"], 4000, &at("value"))?;
        }
    }
    Ok(())
}

/// Is `name` a valid chat-input command / option name? (Discord: 1-32 of
/// letters, digits, `-`, `_`, `'`; no uppercase letters.)
fn chat_input_name(name: &str) -> bool {
    let n = name.chars().count();
    (1..=32).contains(&n)
        && name
            .chars()
            .all(|c| (c.is_alphanumeric() || "-_'".contains(c)) && c.to_lowercase().eq([c]))
}

/// Checks one application command as the bot registers it.
pub fn command(cmd: &Value, at: &str) -> Result<(), (u16, Value)> {
    let kind = cmd.get("type").and_then(Value::as_u64).unwrap_or(1);
    let name = cmd["name"].as_str().unwrap_or("");
    if kind == 1 {
        if !chat_input_name(name) {
            return Err(form_error(
                &format!("{at}.name"),
                "APPLICATION_COMMAND_INVALID_NAME",
                &format!(
                    "Command name {name:?} is invalid (1-32 lowercase letters, digits, - _ ')."
                ),
            ));
        }
        length_between(&cmd["description"], 1, 100, &format!("{at}.description"))?;
        options(array(cmd, "options"), &format!("{at}.options"), 0)?;
    } else {
        length_between(&cmd["name"], 1, 32, &format!("{at}.name"))?;
        if chars(&cmd["description"]) > 0 {
            return Err(form_error(
                &format!("{at}.description"),
                "APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION",
                "Context menu commands cannot have description",
            ));
        }
        if !array(cmd, "options").is_empty() {
            return Err(form_error(
                &format!("{at}.options"),
                "APPLICATION_COMMAND_OPTIONS_FORBIDDEN",
                "Context menu commands cannot have options",
            ));
        }
    }
    if let Some(perms) = cmd
        .get("default_member_permissions")
        .filter(|p| !p.is_null())
    {
        let ok = perms.as_str().is_some_and(|s| s.parse::<u64>().is_ok());
        if !ok {
            return Err(form_error(
                &format!("{at}.default_member_permissions"),
                "NUMBER_TYPE_COERCE",
                "Value is not a permission integer string.",
            ));
        }
    }
    Ok(())
}

/// Checks a command's option list (`depth` 0: the command; 1: a subcommand
/// group or subcommand; 2: a subcommand inside a group).
fn options(opts: &[Value], at: &str, depth: usize) -> Result<(), (u16, Value)> {
    if opts.len() > 25 {
        return Err(form_error(
            at,
            "BASE_TYPE_MAX_LENGTH",
            "Must be 25 or fewer in length.",
        ));
    }
    let subcommands = opts
        .iter()
        .filter(|o| matches!(o["type"].as_u64(), Some(1 | 2)))
        .count();
    if subcommands > 0 && subcommands < opts.len() {
        return Err(form_error(
            at,
            "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID",
            "Subcommands cannot be mixed with other options.",
        ));
    }
    let mut names: Vec<&str> = Vec::new();
    let mut seen_optional = false;
    for (i, opt) in opts.iter().enumerate() {
        let here = format!("{at}.{i}");
        let name = opt["name"].as_str().unwrap_or("");
        if !chat_input_name(name) {
            return Err(form_error(
                &format!("{here}.name"),
                "APPLICATION_COMMAND_INVALID_NAME",
                &format!("Option name {name:?} is invalid."),
            ));
        }
        if names.contains(&name) {
            return Err(form_error(
                &format!("{here}.name"),
                "APPLICATION_COMMAND_OPTION_NAME_ALREADY_EXISTS",
                "Option names must be unique",
            ));
        }
        names.push(name);
        length_between(&opt["description"], 1, 100, &format!("{here}.description"))?;
        let kind = opt["type"].as_u64().unwrap_or(0);
        match kind {
            1 | 2 => {
                let max_depth = if kind == 2 { 0 } else { 1 };
                if depth > max_depth {
                    return Err(form_error(
                        &format!("{here}.type"),
                        "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID",
                        "Subcommands nest too deep.",
                    ));
                }
                let inner = array(opt, "options");
                if kind == 2 && inner.iter().any(|o| o["type"] != json!(1)) {
                    return Err(form_error(
                        &format!("{here}.options"),
                        "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID",
                        "A subcommand group holds only subcommands.",
                    ));
                }
                options(inner, &format!("{here}.options"), depth + 1)?;
            }
            3..=11 => {
                let required = opt["required"].as_bool().unwrap_or(false);
                if required && seen_optional {
                    return Err(form_error(
                        &format!("{here}.required"),
                        "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
                        "Required options must be placed before non-required options",
                    ));
                }
                seen_optional |= !required;
                let choices = array(opt, "choices");
                if choices.len() > 25 {
                    return Err(form_error(
                        &format!("{here}.choices"),
                        "BASE_TYPE_MAX_LENGTH",
                        "Must be 25 or fewer in length.",
                    ));
                }
                if !choices.is_empty() && opt["autocomplete"].as_bool() == Some(true) {
                    return Err(form_error(
                        &format!("{here}.autocomplete"),
                        "APPLICATION_COMMAND_AUTOCOMPLETE_INVALID",
                        "Autocomplete cannot be enabled with choices.",
                    ));
                }
                for (j, choice) in choices.iter().enumerate() {
                    length_between(&choice["name"], 1, 100, &format!("{here}.choices.{j}.name"))?;
                }
            }
            other => {
                return Err(form_error(
                    &format!("{here}.type"),
                    "BASE_TYPE_CHOICES",
                    &format!("{other} is not a valid option type."),
                ));
            }
        }
    }
    Ok(())
}
