//! Gateway events the bot handles itself (poise handles commands), one
//! file each.

mod component;
mod message;

use poise::serenity_prelude as serenity;

use super::data::{Data, Error};

pub async fn handle(
    ctx: &serenity::Context,
    event: &serenity::FullEvent,
    data: &Data,
) -> Result<(), Error> {
    match event {
        serenity::FullEvent::Message { new_message } => {
            message::on_message(ctx, data, new_message).await
        }
        serenity::FullEvent::InteractionCreate {
            interaction: serenity::Interaction::Component(click),
        } => component::on_click(ctx, data, click).await,
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
