//! Slash and context-menu commands, one file each.

mod answer_message;
mod ask;
mod faq;
mod faq_admin;
mod help;
mod review;
mod setup;
mod stats;
mod stretch;
mod topic;

use poise::serenity_prelude as serenity;

use super::data::{Context, Data, Error};
use super::render;
use crate::knowledge::EntryKind;

/// Every command the bot registers.
pub fn all() -> Vec<poise::Command<Data, Error>> {
    vec![
        ask::ask(),
        topic::topic(),
        faq::faq(),
        faq_admin::faq_admin(),
        stretch::stretch(),
        help::help(),
        answer_message::answer_message(),
        setup::setup(),
    ]
}

/// Answers `question` for a command (`route` says which), records it,
/// and sends the reply with its buttons, under `lead` if given. If
/// Discord refuses a reply that carries a care prompt, the prompt goes
/// again as plain text.
async fn answer_and_send(
    ctx: Context<'_>,
    question: &str,
    route: crate::workbench::Route,
    lead: Option<String>,
) -> Result<(), Error> {
    let engine = ctx.data().store.engine().load_full();
    let reply = engine.answer(question);
    let place = super::workbench::Place {
        guild: ctx.guild_id().map(|g| g.get()),
        channel: Some(ctx.channel_id().get()),
    };
    let server = ctx.data().servers.of(place.guild);
    let feedback = ctx.data().record(&reply, route, true, place, &server);
    let reply = &reply;
    let mut message = poise::CreateReply::default()
        .embed(render::reply_embed(reply))
        .components(render::reply_components(reply, feedback));
    if let Some(lead) = lead {
        message = message.content(lead);
    }
    let Err(refused) = ctx.send(message).await else {
        return Ok(());
    };
    let Some(prompt) = render::plain_care_prompt(reply) else {
        return Err(refused.into());
    };
    tracing::warn!(
        "Discord refused a reply with a care prompt ({refused}); sending the prompt alone"
    );
    ctx.send(poise::CreateReply::default().content(prompt))
        .await?;
    Ok(())
}

/// Autocomplete choices among entries of `kind` (or all), best first:
/// names containing what was typed, then the engine's own matches.
async fn entry_choices(
    ctx: Context<'_>,
    partial: &str,
    kind: Option<EntryKind>,
) -> serenity::CreateAutocompleteResponse {
    let engine = ctx.data().store.engine().load_full();
    let wanted = |k: EntryKind| kind.is_none_or(|want| want == k);
    let typed = partial.trim().to_lowercase();
    let mut picked: Vec<&crate::knowledge::Entry> = engine
        .knowledge()
        .entries
        .iter()
        .filter(|e| wanted(e.kind))
        .filter(|e| {
            typed.is_empty()
                || e.title.to_lowercase().contains(&typed)
                || e.id.contains(&typed)
                || e.aliases.iter().any(|a| a.contains(&typed))
        })
        .collect();
    if picked.len() < 25 && !typed.is_empty() {
        let reply = engine.answer(partial);
        for m in reply.matched.iter().chain(&reply.suggestions) {
            if let Some(e) = engine.knowledge().entry(&m.id).filter(|e| wanted(e.kind)) {
                if !picked.iter().any(|p| p.id == e.id) {
                    picked.push(e);
                }
            }
        }
    }
    let choices = picked
        .into_iter()
        .take(25)
        .map(|e| serenity::AutocompleteChoice::new(choice_name(&e.title), e.id.clone()))
        .collect();
    serenity::CreateAutocompleteResponse::new().set_choices(choices)
}

/// Discord limits a choice's name to 100 characters.
fn choice_name(title: &str) -> String {
    if title.chars().count() <= 100 {
        title.to_string()
    } else {
        title.chars().take(99).chain(std::iter::once('…')).collect()
    }
}
