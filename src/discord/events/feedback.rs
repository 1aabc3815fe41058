//! Clicks on "Helpful" and "Not what I asked" under an answer. One vote per
//! member per reply (the database keeps a keyed hash of the voter, never
//! the id). "Not what I asked" keeps the question's text for the
//! moderators' review and answers the member privately with the other
//! entries that might fit.

use poise::serenity_prelude as serenity;

use crate::discord::data::{Data, Error};
use crate::discord::render;

pub async fn on_click(
    ctx: &serenity::Context,
    data: &Data,
    click: &serenity::ComponentInteraction,
    vote: &str,
) -> Result<(), Error> {
    let parsed = vote
        .split_once(':')
        .and_then(|(kind, token)| Some((kind == "yes", token.parse::<i64>().ok()?)));
    let (Some(workbench), Some((helpful, token))) = (&data.workbench, parsed) else {
        return say(ctx, click, "Thanks!".into(), Vec::new()).await;
    };
    let db = workbench.db.clone();
    let user = click.user.id.get();
    let counted =
        tokio::task::spawn_blocking(move || db.vote(token, user, helpful, crate::workbench::now()))
            .await?;
    let counted = match counted {
        Ok(c) => c,
        Err(e) => {
            tracing::error!("could not record a vote: {e}");
            return say(
                ctx,
                click,
                "Thanks! (I could not note that just now.)".into(),
                Vec::new(),
            )
            .await;
        }
    };
    if !counted {
        let text = "You have already told me what you thought of this answer.".to_string();
        return say(ctx, click, text, Vec::new()).await;
    }
    if helpful {
        return say(ctx, click, "Thanks, glad it helped!".into(), Vec::new()).await;
    }
    let Some(asked) = workbench.asked(token) else {
        let text =
            "Thanks for saying so: the moderators will see that this answer missed.".to_string();
        return say(ctx, click, text, Vec::new()).await;
    };
    let db = workbench.db.clone();
    let question = asked.question.clone();
    if let Err(e) = tokio::task::spawn_blocking(move || db.keep_question(token, &question)).await? {
        tracing::error!("could not keep a question marked unhelpful: {e}");
    }
    let others = other_entries(data, &asked.question, asked.entry.as_deref());
    let text = if others.is_empty() {
        "Sorry about that. The moderators will see your question, so they can teach me a better answer."
    } else {
        "Sorry about that. Was it one of these? The moderators will see your question, so they can teach me a better answer."
    };
    say(ctx, click, text.into(), render::entry_buttons(&others)).await
}

/// The entries the engine ranks for `question`, but not the one given.
fn other_entries(data: &Data, question: &str, given: Option<&str>) -> Vec<crate::reply::Match> {
    let reply = data.store.engine().load().answer(question);
    reply
        .matched
        .into_iter()
        .chain(reply.suggestions)
        .filter(|m| Some(m.id.as_str()) != given)
        .take(3)
        .collect()
}

/// A private answer to the click.
async fn say(
    ctx: &serenity::Context,
    click: &serenity::ComponentInteraction,
    text: String,
    rows: Vec<serenity::CreateActionRow>,
) -> Result<(), Error> {
    let message = serenity::CreateInteractionResponseMessage::new()
        .content(text)
        .components(rows);
    click
        .create_response(&ctx.http, render::private(message))
        .await?;
    Ok(())
}
