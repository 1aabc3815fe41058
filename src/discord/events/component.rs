//! Clicks on the "did you mean" buttons under an unsure reply: the chosen
//! entry is shown to the member who clicked.

use poise::serenity_prelude as serenity;

use crate::discord::data::{Data, Error};
use crate::discord::render;

pub async fn on_click(
    ctx: &serenity::Context,
    data: &Data,
    click: &serenity::ComponentInteraction,
) -> Result<(), Error> {
    let Some(id) = click.data.custom_id.strip_prefix(render::SHOW_PREFIX) else {
        // Other buttons belong to a command waiting for them.
        return Ok(());
    };
    let engine = data.store.engine().load_full();
    let k = engine.knowledge();
    // A stretch answered by name is offered again from "was it one of
    // these?" under feedback.
    let message = match (k.entry(id), k.stretch(id)) {
        (Some(entry), _) => serenity::CreateInteractionResponseMessage::new()
            .embed(render::entry_embed(entry, &k.replies.footer)),
        (None, Some(stretch)) => serenity::CreateInteractionResponseMessage::new()
            .embed(render::stretch_card_embed(stretch, &k.replies.footer)),
        (None, None) => serenity::CreateInteractionResponseMessage::new()
            .content("That entry is no longer in the FAQ."),
    };
    click
        .create_response(&ctx.http, render::private(message))
        .await?;
    Ok(())
}
