//! `/topic`: a summary of a muscle, nerve or technique, with autocomplete.

use poise::serenity_prelude as serenity;

use super::{entry_choices, render, Context, Error};
use crate::discord::data::member_error;
use crate::knowledge::EntryKind;

async fn topics(ctx: Context<'_>, partial: &str) -> serenity::CreateAutocompleteResponse {
    entry_choices(ctx, partial, Some(EntryKind::Topic)).await
}

/// Read about a muscle, nerve or technique
#[poise::command(slash_command)]
pub async fn topic(
    ctx: Context<'_>,
    #[description = "Start typing: piriformis, fascia, dry needling…"]
    #[autocomplete = "topics"]
    name: String,
) -> Result<(), Error> {
    let engine = ctx.data().store.engine().load_full();
    let k = engine.knowledge();
    // The id when chosen from the list; otherwise whatever was typed.
    let entry = k
        .entry(&name)
        .filter(|e| e.kind == EntryKind::Topic)
        .or_else(|| {
            let reply = engine.answer(&name);
            let id = reply.matched.map(|m| m.id)?;
            k.entry(&id).filter(|e| e.kind == EntryKind::Topic)
        });
    let Some(entry) = entry else {
        return Err(member_error(format!(
            "I have no topic called \"{name}\". Pick one from the list as you type."
        )));
    };
    let reply = poise::CreateReply::default().embed(render::entry_embed(entry, &k.replies.footer));
    ctx.send(reply).await?;
    Ok(())
}
