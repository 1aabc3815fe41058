//! `/help`: what the bot does and how to ask it.

use super::{Context, Error};

const HELP: &str = "I answer questions about glute knots (trigger points): what they are, why they happen, and what helps.

**Ask me**
- `/ask` with your question, in your own words
- mention me, or DM me
- right-click a message > Apps > **Answer with knotbot**

**Browse**
- `/topic` muscles, nerves and techniques
- `/faq show` any FAQ entry
- `/stretch` today's stretch

If you mention warning signs (numbness, leg weakness, bladder or bowel changes, pain shooting down the leg, fever, a fall), I'll always suggest getting checked by a professional.";

/// What knotbot can do
#[poise::command(slash_command)]
pub async fn help(ctx: Context<'_>) -> Result<(), Error> {
    let footer = ctx
        .data()
        .store
        .engine()
        .load()
        .knowledge()
        .replies
        .footer
        .clone();
    let mut text = HELP.to_string();
    if let Some(workbench) = &ctx.data().workbench {
        text += &format!(
            "\n\n**Teach me**\nUnder an answer, tap **Helpful** or **Not what I asked**. Questions I could not answer, \
             or that missed, go to the moderators so they can teach me. They are kept at most {} days, never with your name.",
            workbench.retention_days
        );
    }
    let embed = poise::serenity_prelude::CreateEmbed::new()
        .title("knotbot")
        .description(text)
        .footer(poise::serenity_prelude::CreateEmbedFooter::new(footer));
    ctx.send(poise::CreateReply::default().embed(embed).ephemeral(true))
        .await?;
    Ok(())
}
