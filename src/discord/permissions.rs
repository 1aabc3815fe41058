//! Who may edit the FAQ, decided in one place. Discord hides moderator
//! commands from members (`default_member_permissions`), but a client can
//! be wrong or forged, so every moderator command is checked here again,
//! from the interaction the server received — when the command starts and
//! again when its form is submitted or its confirmation clicked, since a
//! moderator may lose the role in between.
//!
//! The FAQ is shared by every server the bot is in, so editing is allowed
//! only from servers the operator named: `[moderators] guilds`, or when
//! that is empty the one `[commands] guild_id`. A public bot invited to a
//! stranger's server never lets that server's admins rewrite it.

use poise::serenity_prelude as serenity;

use super::config::Config;
use super::data::{member_error, Context, Data, Error};

/// Moderators: Manage Messages (or Administrator), or one of the server's
/// moderator roles (its own, set with `/knotbot-setup`, or the config's).
fn is_moderator(member: &serenity::Member, roles: &[u64]) -> bool {
    let perms = member
        .permissions
        .unwrap_or_else(serenity::Permissions::empty);
    perms.manage_messages()
        || perms.administrator()
        || member.roles.iter().any(|r| roles.contains(&r.get()))
}

/// Servers named in `[moderators] guilds`; with none named, the one
/// `[commands] guild_id`; with neither, no server.
fn editing_trusted(guild: serenity::GuildId, config: &Config) -> bool {
    let named = &config.moderators.guilds;
    if named.is_empty() {
        config.commands.guild_id == Some(guild.get())
    } else {
        named.contains(&guild.get())
    }
}

/// Whether the member may edit the shared FAQ from where they are: a
/// moderator, in a trusted server. A refusal is a member-facing error.
pub fn require_edit_access(
    member: Option<&serenity::Member>,
    guild: Option<serenity::GuildId>,
    data: &Data,
) -> Result<(), Error> {
    let config = &data.settings.config;
    let (Some(member), Some(guild)) = (member, guild) else {
        return Err(member_error(NOT_A_MODERATOR));
    };
    let roles = data.servers.of(Some(guild.get())).moderator_roles;
    if !is_moderator(member, &roles) {
        Err(member_error(NOT_A_MODERATOR))
    } else if !editing_trusted(guild, config) {
        Err(member_error(editing_off(guild)))
    } else {
        Ok(())
    }
}

pub const NOT_A_MODERATOR: &str = "Only moderators can do that.";

/// Says why, and what the operator changes to allow it.
fn editing_off(guild: serenity::GuildId) -> String {
    format!(
        "Editing the FAQ is off in this server. The FAQ is shared by every server the bot is in, \
         so only servers the bot's operator trusts may change it. To turn editing on here, the \
         operator adds this server's id, {guild}, to `guilds` under `[moderators]` in the bot's \
         config file and restarts the bot."
    )
}

/// The poise check every moderator command declares. A refusal is a
/// member error, which `on_error` shows to the member as it is.
pub async fn moderator_check(ctx: Context<'_>) -> Result<bool, Error> {
    let poise::Context::Application(app) = ctx else {
        return Err(member_error(NOT_A_MODERATOR));
    };
    let interaction = app.interaction;
    let checked = require_edit_access(
        interaction.member.as_deref(),
        interaction.guild_id,
        ctx.data(),
    );
    if let Err(e) = &checked {
        tracing::info!(user = %interaction.user.id, command = %ctx.command().qualified_name, "moderator command refused: {e}");
    }
    checked.map(|()| true)
}
