//! Who may edit the FAQ, decided in one place. Discord hides moderator
//! commands from members (`default_member_permissions`), but a client can
//! be wrong or forged, so every moderator command is checked here again,
//! from the interaction the server received.

use poise::serenity_prelude as serenity;

use super::config::Config;
use super::data::{Context, Error};

/// Moderators: Manage Messages (or Administrator), or a configured role,
/// in a server whose moderators may edit (all servers unless configured).
pub fn is_moderator(
    member: Option<&serenity::Member>,
    guild: Option<serenity::GuildId>,
    config: &Config,
) -> bool {
    let (Some(member), Some(guild)) = (member, guild) else {
        return false;
    };
    let allowed_guilds = &config.moderators.guilds;
    if !allowed_guilds.is_empty() && !allowed_guilds.contains(&guild.get()) {
        return false;
    }
    let perms = member
        .permissions
        .unwrap_or_else(serenity::Permissions::empty);
    perms.manage_messages()
        || perms.administrator()
        || member
            .roles
            .iter()
            .any(|r| config.moderators.role_ids.contains(&r.get()))
}

/// The poise check every moderator command declares.
pub async fn moderator_check(ctx: Context<'_>) -> Result<bool, Error> {
    let poise::Context::Application(app) = ctx else {
        return Ok(false);
    };
    let interaction = app.interaction;
    let allowed = is_moderator(
        interaction.member.as_deref(),
        interaction.guild_id,
        &ctx.data().settings.config,
    );
    if !allowed {
        tracing::info!(user = %interaction.user.id, command = %ctx.command().qualified_name, "moderator command refused");
    }
    Ok(allowed)
}
