//! "Answer with knotbot": anyone can right-click a member's message and
//! have the bot answer it in place.

use poise::serenity_prelude as serenity;

use super::{answer_and_send, render, Context, Error};
use crate::workbench::Route;

/// Answer this message with knotbot
#[poise::command(context_menu_command = "Answer with knotbot")]
pub async fn answer_message(ctx: Context<'_>, message: serenity::Message) -> Result<(), Error> {
    let lead = format!(
        "Answering {}'s question:",
        render::escape_name(message.author.display_name())
    );
    answer_and_send(ctx, &message.content, Route::ContextMenu, Some(lead)).await
}
