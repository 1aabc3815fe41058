//! `/knotbot-setup`: a server owner sets the bot up with commands, not by
//! editing the config file on the host. Members with Manage Server only
//! (hidden from others by `default_member_permissions`, and checked again
//! on our side by `owner_check`). Settings are kept per server in the
//! database; the config file's are the defaults.

use std::sync::Arc;

use poise::serenity_prelude as serenity;

use super::{Context, Error};
use crate::discord::data::member_error;
use crate::discord::servers::{join_ids, Key, ServerSettings, Servers};

/// Set knotbot up for this server (Manage Server)
#[poise::command(
    slash_command,
    rename = "knotbot-setup",
    subcommands(
        "show",
        "help_channel",
        "moderator_role",
        "log_channel",
        "stretch",
        "confidence",
        "free_text",
        "feedback"
    ),
    subcommand_required,
    guild_only,
    default_member_permissions = "MANAGE_GUILD",
    check = "owner_check"
)]
pub async fn setup(_: Context<'_>) -> Result<(), Error> {
    Ok(())
}

pub const NOT_AN_OWNER: &str = "Only members with the Manage Server permission can set knotbot up.";

/// Manage Server or Administrator, from the interaction Discord sent.
async fn owner_check(ctx: Context<'_>) -> Result<bool, Error> {
    let poise::Context::Application(app) = ctx else {
        return Err(member_error(NOT_AN_OWNER));
    };
    let perms = app
        .interaction
        .member
        .as_ref()
        .and_then(|m| m.permissions)
        .unwrap_or_else(serenity::Permissions::empty);
    if perms.manage_guild() || perms.administrator() {
        Ok(true)
    } else {
        tracing::info!(user = %ctx.author().id, "setup refused: no Manage Server");
        Err(member_error(NOT_AN_OWNER))
    }
}

/// This server's settings: its own, or the defaults
#[poise::command(slash_command, guild_only, check = "owner_check")]
async fn show(ctx: Context<'_>) -> Result<(), Error> {
    let guild = guild_of(ctx)?;
    let servers = &ctx.data().servers;
    let s = servers.of(Some(guild));
    let own = servers.own_keys(guild);
    let mark = |k: Key| if own.contains(&k) { "" } else { " *(default)*" };
    let text = format!(
        "**Help channels and forums** (answered without a mention, threads included): {}{}\n\
         **Moderator roles** (besides Manage Messages): {}{}\n\
         **Log channel**: {}{}\n\
         **Stretch of the day**: {}{}\n\
         **Help-channel confidence bar**: {:.2}{}\n\
         **Free-text answers** (mentions, DMs, help channels): {}{}\n\
         **Feedback buttons** under answers: {}{}",
        channels(&s.help_channels),
        mark(Key::HelpChannels),
        roles(&s.moderator_roles),
        mark(Key::ModeratorRoles),
        channels(&s.log_channel.into_iter().collect::<Vec<_>>()),
        mark(Key::LogChannel),
        stretch_line(&s),
        mark(Key::StretchChannel),
        s.help_channel_min_score,
        mark(Key::MinScore),
        if s.free_text { "on" } else { "off" },
        mark(Key::FreeText),
        if s.feedback_buttons { "on" } else { "off" },
        mark(Key::Feedback),
    );
    let embed = serenity::CreateEmbed::new()
        .title("knotbot in this server")
        .description(text)
        .colour(0x2a9d8f);
    ctx.send(poise::CreateReply::default().embed(embed).ephemeral(true))
        .await?;
    Ok(())
}

/// Answer in a channel or forum without being mentioned, or stop
#[poise::command(
    slash_command,
    guild_only,
    rename = "help-channel",
    check = "owner_check"
)]
async fn help_channel(
    ctx: Context<'_>,
    #[description = "The channel or forum"]
    #[channel_types("Text", "Forum")]
    channel: serenity::ChannelId,
    #[description = "True: answer there; false: stop"] answer: bool,
) -> Result<(), Error> {
    let guild = guild_of(ctx)?;
    let mut list = ctx.data().servers.of(Some(guild)).help_channels;
    list.retain(|c| *c != channel.get());
    if answer {
        list.push(channel.get());
    }
    save(ctx, guild, Key::HelpChannels, Some(join_ids(&list))).await?;
    let what = if answer {
        format!("I'll answer in <#{channel}> (and its threads or posts) when I'm quite sure, or when a message has a warning sign.")
    } else {
        format!("I'll only answer in <#{channel}> when mentioned.")
    };
    done(ctx, what).await
}

/// Make a role's members moderators of the FAQ, or not
#[poise::command(
    slash_command,
    guild_only,
    rename = "moderator-role",
    check = "owner_check"
)]
async fn moderator_role(
    ctx: Context<'_>,
    #[description = "The role"] role: serenity::RoleId,
    #[description = "True: moderators; false: not"] moderator: bool,
) -> Result<(), Error> {
    let guild = guild_of(ctx)?;
    let mut list = ctx.data().servers.of(Some(guild)).moderator_roles;
    list.retain(|r| *r != role.get());
    if moderator {
        list.push(role.get());
    }
    save(ctx, guild, Key::ModeratorRoles, Some(join_ids(&list))).await?;
    let what = if moderator {
        "can now"
    } else {
        "can no longer"
    };
    done(
        ctx,
        format!("Members with <@&{role}> {what} use the moderators' commands."),
    )
    .await
}

/// Where I report things moderators should see (no channel: nowhere)
#[poise::command(
    slash_command,
    guild_only,
    rename = "log-channel",
    check = "owner_check"
)]
async fn log_channel(
    ctx: Context<'_>,
    #[description = "The channel; leave empty to turn reports off"]
    #[channel_types("Text")]
    channel: Option<serenity::ChannelId>,
) -> Result<(), Error> {
    let guild = guild_of(ctx)?;
    let value = channel.map_or(String::new(), |c| c.get().to_string());
    save(ctx, guild, Key::LogChannel, Some(value)).await?;
    match channel {
        Some(c) => done(ctx, format!("I'll report problems in <#{c}>.")).await,
        None => done(ctx, "Reports are off in this server.".into()).await,
    }
}

/// Post the stretch of the day in a channel at a time (no channel: off)
#[poise::command(slash_command, guild_only, check = "owner_check")]
async fn stretch(
    ctx: Context<'_>,
    #[description = "The channel; leave empty to stop the daily post"]
    #[channel_types("Text")]
    channel: Option<serenity::ChannelId>,
    #[description = "Local time, HH:MM (24-hour)"] time: Option<String>,
    #[description = "Time zone, e.g. Europe/London"] timezone: Option<String>,
) -> Result<(), Error> {
    let guild = guild_of(ctx)?;
    if let Some(t) = &time {
        chrono::NaiveTime::parse_from_str(t, "%H:%M").map_err(|_| {
            member_error(format!(
                "\"{t}\" is not a time like 09:00. Nothing was changed."
            ))
        })?;
    }
    if let Some(z) = &timezone {
        z.parse::<chrono_tz::Tz>().map_err(|_| {
            member_error(format!(
                "\"{z}\" is not a time zone name like Europe/London. Nothing was changed."
            ))
        })?;
    }
    let value = channel.map_or(String::new(), |c| c.get().to_string());
    save(ctx, guild, Key::StretchChannel, Some(value)).await?;
    if let Some(t) = time {
        save(ctx, guild, Key::StretchTime, Some(t)).await?;
    }
    if let Some(z) = timezone {
        save(ctx, guild, Key::StretchZone, Some(z)).await?;
    }
    let s = ctx.data().servers.of(Some(guild));
    done(ctx, format!("Stretch of the day: {}.", stretch_line(&s))).await
}

/// How sure I must be to answer in a help channel unasked (0 to 1)
#[poise::command(slash_command, guild_only, check = "owner_check")]
async fn confidence(
    ctx: Context<'_>,
    #[description = "0 to 1; higher means fewer, surer answers (default 0.55)"]
    #[min = 0.0]
    #[max = 1.0]
    score: f64,
) -> Result<(), Error> {
    if !(0.0..=1.0).contains(&score) {
        return Err(member_error(
            "The bar is between 0 and 1. Nothing was changed.",
        ));
    }
    let guild = guild_of(ctx)?;
    save(ctx, guild, Key::MinScore, Some(format!("{score:.2}"))).await?;
    done(
        ctx,
        format!("In help channels I'll answer unasked only when at least {score:.2} sure."),
    )
    .await
}

/// Answer mentions, DMs and help channels at all (slash commands always work)
#[poise::command(slash_command, guild_only, rename = "free-text", check = "owner_check")]
async fn free_text(
    ctx: Context<'_>,
    #[description = "True: answer messages; false: slash commands only"] on: bool,
) -> Result<(), Error> {
    let guild = guild_of(ctx)?;
    save(ctx, guild, Key::FreeText, Some(on.to_string())).await?;
    let what = if on {
        "I'll answer mentions and help channels here."
    } else {
        "I'll answer only slash commands and right-clicks here."
    };
    done(ctx, what.into()).await
}

/// "Helpful" and "Not what I asked" under answers, or not
#[poise::command(slash_command, guild_only, check = "owner_check")]
async fn feedback(
    ctx: Context<'_>,
    #[description = "True: show them (they feed /faq-admin review); false: hide them"] on: bool,
) -> Result<(), Error> {
    let guild = guild_of(ctx)?;
    save(ctx, guild, Key::Feedback, Some(on.to_string())).await?;
    let what = if on {
        "Answers here carry Helpful / Not what I asked."
    } else {
        "Answers here carry no feedback buttons."
    };
    done(ctx, what.into()).await
}

fn guild_of(ctx: Context<'_>) -> Result<u64, Error> {
    ctx.guild_id()
        .map(|g| g.get())
        .ok_or_else(|| member_error("That only works in a server."))
}

/// Stores one setting (off the async threads: SQLite blocks).
async fn save(ctx: Context<'_>, guild: u64, key: Key, value: Option<String>) -> Result<(), Error> {
    let servers: Arc<Servers> = ctx.data().servers.clone();
    let saved = tokio::task::spawn_blocking(move || servers.set(guild, key, value)).await?;
    match saved {
        Ok(()) => {
            tracing::info!(user = %ctx.author().id, guild, setting = key.name(), "server setting changed");
            Ok(())
        }
        Err(crate::discord::servers::SetError::NoDatabase) => Err(member_error(
            "Settings can't be saved: the bot has no database (see `database` in its config). Nothing was changed.",
        )),
        Err(e) => Err(e.into()),
    }
}

async fn done(ctx: Context<'_>, text: String) -> Result<(), Error> {
    ctx.send(poise::CreateReply::default().content(text).ephemeral(true))
        .await?;
    Ok(())
}

fn channels(ids: &[u64]) -> String {
    if ids.is_empty() {
        return "none".into();
    }
    ids.iter()
        .map(|c| format!("<#{c}>"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn roles(ids: &[u64]) -> String {
    if ids.is_empty() {
        return "none".into();
    }
    ids.iter()
        .map(|r| format!("<@&{r}>"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn stretch_line(s: &ServerSettings) -> String {
    match s.stretch_channel {
        Some(c) => format!(
            "in <#{c}> at {} ({})",
            s.stretch_time.format("%H:%M"),
            s.stretch_zone
        ),
        None => "off".into(),
    }
}
