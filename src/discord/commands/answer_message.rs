//! "Answer with knotbot": anyone can right-click a member's message and
//! have the bot answer it in place.

use poise::serenity_prelude as serenity;

use super::{render, send_reply_with, Context, Error};

/// Answer this message with knotbot
#[poise::command(context_menu_command = "Answer with knotbot")]
pub async fn answer_message(ctx: Context<'_>, message: serenity::Message) -> Result<(), Error> {
    let reply = ctx.data().store.engine().load().answer(&message.content);
    let lead = format!(
        "Answering {}'s question:",
        render::escape_name(message.author.display_name())
    );
    send_reply_with(ctx, &reply, Some(lead)).await
}
