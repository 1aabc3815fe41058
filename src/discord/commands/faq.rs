//! `/faq show`: any FAQ entry or topic, picked by autocomplete.

use poise::serenity_prelude as serenity;

use super::{entry_choices, render, Context, Error};
use crate::discord::data::member_error;

pub async fn entries(ctx: Context<'_>, partial: &str) -> serenity::CreateAutocompleteResponse {
    entry_choices(ctx, partial, None).await
}

/// Browse the FAQ
#[poise::command(slash_command, subcommands("show"), subcommand_required)]
pub async fn faq(_: Context<'_>) -> Result<(), Error> {
    Ok(())
}

/// Show one FAQ entry
#[poise::command(slash_command)]
pub async fn show(
    ctx: Context<'_>,
    #[description = "Start typing a question or a word from it"]
    #[autocomplete = "entries"]
    entry: String,
) -> Result<(), Error> {
    let engine = ctx.data().store.engine().load_full();
    let k = engine.knowledge();
    let Some(e) = k.entry(&entry) else {
        return Err(member_error(format!(
            "There is no FAQ entry \"{entry}\". Pick one from the list as you type."
        )));
    };
    let reply = poise::CreateReply::default().embed(render::entry_embed(e, &k.replies.footer));
    ctx.send(reply).await?;
    Ok(())
}
