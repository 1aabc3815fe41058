//! What a moderator does from `/faq-admin review`: add a missed question
//! as another way of asking an entry, start a new entry from it, or
//! dismiss it. Every click and form is checked again on our side (a
//! moderator, in a server trusted to edit), since anyone can send an
//! interaction with a custom id they have seen or guessed.

use poise::serenity_prelude as serenity;
use poise::Modal;

use crate::discord::data::{edit_error, Data, Error, MemberError};
use crate::discord::entry_form::EntryForm;
use crate::discord::permissions::require_edit_access;
use crate::discord::render::{self, REVIEW_PREFIX};

/// A click on one of the review's controls; `action` is the custom id
/// after [`REVIEW_PREFIX`].
pub async fn on_click(
    ctx: &serenity::Context,
    data: &Data,
    click: &serenity::ComponentInteraction,
    action: &str,
) -> Result<(), Error> {
    if let Err(refused) = require_edit_access(click.member.as_ref(), click.guild_id, data) {
        tracing::info!(user = %click.user.id, "review action refused: {refused}");
        return tell(ctx, click, refused.to_string()).await;
    }
    let Some((action, token)) = action
        .split_once(':')
        .and_then(|(a, t)| Some((a, t.parse::<i64>().ok()?)))
    else {
        return Ok(());
    };
    let outcome = match action {
        "alias" => add_alias(data, click, token).await,
        "dismiss" => dismiss(data, click.guild_id.map(|g| g.get()), token).await,
        "new" => return open_form(ctx, data, click, token).await,
        _ => return Ok(()),
    };
    let text = outcome.unwrap_or_else(|e| shown(&e));
    click
        .create_response(&ctx.http, render::replace_with(text))
        .await?;
    Ok(())
}

/// The new-entry form, submitted.
pub async fn on_submit(
    ctx: &serenity::Context,
    data: &Data,
    submit: &serenity::ModalInteraction,
) -> Result<(), Error> {
    let text = match add_entry(data, submit).await {
        Ok(id) => format!("Added `{id}`. Members can ask it now."),
        Err(e) => shown(&e),
    };
    let message = serenity::CreateInteractionResponseMessage::new().content(text);
    submit
        .create_response(&ctx.http, render::private(message))
        .await?;
    Ok(())
}

async fn add_entry(data: &Data, submit: &serenity::ModalInteraction) -> Result<String, Error> {
    require_edit_access(submit.member.as_ref(), submit.guild_id, data)?;
    let form = EntryForm::parse(submit.data.clone()).map_err(anyhow::Error::msg)?;
    let store = data.store.clone();
    let draft = form.into_draft();
    let id = tokio::task::spawn_blocking(move || store.add(&draft))
        .await?
        .map_err(edit_error)?;
    tracing::info!(user = %submit.user.id, %id, "FAQ entry added from review");
    Ok(id)
}

/// A member-facing error as it is; anything else logged, with an apology.
fn shown(e: &Error) -> String {
    match e.downcast_ref::<MemberError>() {
        Some(m) => m.0.clone(),
        None => {
            tracing::error!("review action failed: {e:#}");
            "Sorry, something went wrong on my side; nothing was changed. The details are in the bot's log.".into()
        }
    }
}

fn workbench(data: &Data) -> Result<&crate::discord::workbench::Workbench, Error> {
    data.workbench
        .as_deref()
        .ok_or_else(|| crate::discord::data::member_error("The workbench is off."))
}

/// The recorded question, written as another alias of the chosen entry
/// through the store (validated, saved atomically, answered from at once).
async fn add_alias(
    data: &Data,
    click: &serenity::ComponentInteraction,
    token: i64,
) -> Result<String, Error> {
    let serenity::ComponentInteractionDataKind::StringSelect { values } = &click.data.kind else {
        return Ok("Pick an entry from the list.".into());
    };
    let Some(entry) = values.first().cloned() else {
        return Ok("Pick an entry from the list.".into());
    };
    let db = workbench(data)?.db.clone();
    let question = tokio::task::spawn_blocking(move || db.question_of(token)).await??;
    let Some(question) = question else {
        return Ok("That question is no longer recorded (past retention, or removed).".into());
    };
    let alias = as_alias(&question);
    let store = data.store.clone();
    let (id, added) = (entry.clone(), alias.clone());
    tokio::task::spawn_blocking(move || {
        let Some(mut draft) = store.draft_of(&id) else {
            return Err(crate::discord::data::member_error(format!(
                "There is no FAQ entry `{id}` any more."
            )));
        };
        if !draft.aliases.contains(&added) {
            draft.aliases.push(added);
        }
        store.update(&id, &draft).map_err(edit_error)
    })
    .await??;
    tracing::info!(user = %click.user.id, %entry, "alias added from review");
    Ok(format!(
        "Added “{alias}” as a way of asking `{entry}`. Members who ask it get that answer now."
    ))
}

/// Aliases are written in lower case on one line.
fn as_alias(question: &str) -> String {
    question
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Hides every recorded question of the token's group from review.
async fn dismiss(data: &Data, guild: Option<u64>, token: i64) -> Result<String, Error> {
    let workbench = data
        .workbench
        .clone()
        .ok_or_else(|| crate::discord::data::member_error("The workbench is off."))?;
    let engine = data.store.engine().load_full();
    let bar = data.servers.of(guild).help_channel_min_score;
    let count = tokio::task::spawn_blocking(move || -> Result<usize, Error> {
        let groups = workbench.groups(&engine, workbench.retention_days, bar)?;
        let tokens = groups
            .into_iter()
            .find(|g| g.tokens.contains(&token))
            .map_or(vec![token], |g| g.tokens);
        workbench.db.dismiss(&tokens)?;
        Ok(tokens.len())
    })
    .await??;
    Ok(format!(
        "Dismissed ({count} recorded question(s)). It will not come up in review again."
    ))
}

/// Opens the add form, filled in with the question.
async fn open_form(
    ctx: &serenity::Context,
    data: &Data,
    click: &serenity::ComponentInteraction,
    token: i64,
) -> Result<(), Error> {
    let db = workbench(data)?.db.clone();
    let question = tokio::task::spawn_blocking(move || db.question_of(token))
        .await??
        .unwrap_or_default();
    let form = EntryForm {
        question: question.chars().take(200).collect(),
        aliases: as_alias(&question).chars().take(3000).collect(),
        answer: String::new(),
    };
    let id = format!("{REVIEW_PREFIX}form:{token}");
    click
        .create_response(&ctx.http, EntryForm::create(Some(form), id))
        .await?;
    Ok(())
}

async fn tell(
    ctx: &serenity::Context,
    click: &serenity::ComponentInteraction,
    text: String,
) -> Result<(), Error> {
    let message = serenity::CreateInteractionResponseMessage::new().content(text);
    click
        .create_response(&ctx.http, render::private(message))
        .await?;
    Ok(())
}
