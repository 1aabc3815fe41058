//! Gateway events the bot handles itself (poise handles commands), one
//! file each.

mod component;
mod feedback;
mod message;
mod review;

use poise::serenity_prelude as serenity;

use super::data::{Data, Error};
use super::render::{REVIEW_PREFIX, VOTE_PREFIX};

/// Answers to forms and buttons go to the command waiting for them;
/// feedback, review and "did you mean" buttons are handled here.
/// Commands are poise's.
async fn on_interaction(
    ctx: &serenity::Context,
    data: &Data,
    interaction: &serenity::Interaction,
) -> Result<(), Error> {
    match interaction {
        serenity::Interaction::Modal(submit) => {
            if submit.data.custom_id.starts_with(REVIEW_PREFIX) {
                return review::on_submit(ctx, data, submit).await;
            }
            data.pending
                .deliver(&submit.data.custom_id, submit.user.id, interaction.clone());
            Ok(())
        }
        serenity::Interaction::Component(click) => {
            let id = click.data.custom_id.as_str();
            if data.pending.deliver(id, click.user.id, interaction.clone()) {
                return Ok(());
            }
            if let Some(vote) = id.strip_prefix(VOTE_PREFIX) {
                return feedback::on_click(ctx, data, click, vote).await;
            }
            if let Some(action) = id.strip_prefix(REVIEW_PREFIX) {
                return review::on_click(ctx, data, click, action).await;
            }
            component::on_click(ctx, data, click).await
        }
        _ => Ok(()),
    }
}

pub async fn handle(
    ctx: &serenity::Context,
    event: &serenity::FullEvent,
    data: &Data,
) -> Result<(), Error> {
    match event {
        serenity::FullEvent::Message { new_message } => {
            message::on_message(ctx, data, new_message).await
        }
        serenity::FullEvent::InteractionCreate { interaction } => {
            on_interaction(ctx, data, interaction).await
        }
        serenity::FullEvent::Ready { data_about_bot } => {
            tracing::info!(user = %data_about_bot.user.name, guilds = data_about_bot.guilds.len(), "connected to Discord");
            Ok(())
        }
        serenity::FullEvent::Resume { .. } => {
            tracing::info!("gateway session resumed");
            Ok(())
        }
        _ => Ok(()),
    }
}
