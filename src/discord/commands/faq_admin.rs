//! `/faq-admin`: moderators add, edit, remove and list FAQ entries, add,
//! edit and remove topics, and export both files, from Discord (review and
//! stats have files of their own). Hidden from members by `default_member_permissions`, and checked
//! again on our side by `moderator_check` on every subcommand, and once
//! more when a form is submitted or a removal confirmed.
//!
//! Discord applies `default_member_permissions` to a whole top-level
//! command, so these cannot live under `/faq` beside the members' `show`.

use std::sync::Arc;
use std::time::Duration;

use poise::serenity_prelude as serenity;

use crate::discord::entry_form::{EntryForm, Form, TopicForm};

use super::{entry_choices, render, Context, Data, Error};
use crate::discord::data::{edit_error, member_error, MemberError};
use crate::discord::permissions::{moderator_check, require_edit_access};
use crate::knowledge::{EntryKind, KnowledgeFile};

/// How long a moderator has to fill in the form or confirm a removal.
const FORM_TIMEOUT: Duration = Duration::from_secs(15 * 60);
const CONFIRM_TIMEOUT: Duration = Duration::from_secs(120);

async fn faq_entries(ctx: Context<'_>, partial: &str) -> serenity::CreateAutocompleteResponse {
    entry_choices(ctx, partial, Some(EntryKind::Faq)).await
}

/// Edit the FAQ (moderators)
#[poise::command(
    slash_command,
    rename = "faq-admin",
    subcommands(
        "add",
        "edit",
        "remove",
        "list",
        "topic_add",
        "topic_edit",
        "topic_remove",
        "export",
        "super::review::review",
        "super::stats::stats"
    ),
    subcommand_required,
    guild_only,
    default_member_permissions = "MANAGE_MESSAGES",
    check = "moderator_check"
)]
pub async fn faq_admin(_: Context<'_>) -> Result<(), Error> {
    Ok(())
}

/// Add a FAQ entry
#[poise::command(slash_command, guild_only, check = "moderator_check")]
async fn add(ctx: Context<'_>) -> Result<(), Error> {
    add_with::<EntryForm>(ctx, EntryKind::Faq).await
}

/// Edit a FAQ entry (the form opens with its current text)
#[poise::command(slash_command, guild_only, check = "moderator_check")]
async fn edit(
    ctx: Context<'_>,
    #[description = "The entry to edit"]
    #[autocomplete = "faq_entries"]
    entry: String,
) -> Result<(), Error> {
    edit_with::<EntryForm>(ctx, EntryKind::Faq, entry).await
}

/// Remove a FAQ entry (asks first)
#[poise::command(slash_command, guild_only, check = "moderator_check")]
async fn remove(
    ctx: Context<'_>,
    #[description = "The entry to remove"]
    #[autocomplete = "faq_entries"]
    entry: String,
) -> Result<(), Error> {
    remove_kind(ctx, EntryKind::Faq, entry).await
}

async fn topic_entries(ctx: Context<'_>, partial: &str) -> serenity::CreateAutocompleteResponse {
    entry_choices(ctx, partial, Some(EntryKind::Topic)).await
}

/// Add a topic (a muscle, nerve or technique)
#[poise::command(
    slash_command,
    guild_only,
    rename = "topic-add",
    check = "moderator_check"
)]
async fn topic_add(ctx: Context<'_>) -> Result<(), Error> {
    add_with::<TopicForm>(ctx, EntryKind::Topic).await
}

/// Edit a topic (the form opens with its current text)
#[poise::command(
    slash_command,
    guild_only,
    rename = "topic-edit",
    check = "moderator_check"
)]
async fn topic_edit(
    ctx: Context<'_>,
    #[description = "The topic to edit"]
    #[autocomplete = "topic_entries"]
    topic: String,
) -> Result<(), Error> {
    edit_with::<TopicForm>(ctx, EntryKind::Topic, topic).await
}

/// Remove a topic (asks first)
#[poise::command(
    slash_command,
    guild_only,
    rename = "topic-remove",
    check = "moderator_check"
)]
async fn topic_remove(
    ctx: Context<'_>,
    #[description = "The topic to remove"]
    #[autocomplete = "topic_entries"]
    topic: String,
) -> Result<(), Error> {
    remove_kind(ctx, EntryKind::Topic, topic).await
}

/// The FAQ and topics files as they are now, to back up or send for review
#[poise::command(slash_command, guild_only, check = "moderator_check")]
async fn export(ctx: Context<'_>) -> Result<(), Error> {
    let dir = ctx.data().store.dir().to_path_buf();
    let mut reply = poise::CreateReply::default()
        .content("The FAQ and topics as they are on the bot's host now.")
        .ephemeral(true);
    for file in [KnowledgeFile::Faq, KnowledgeFile::Topics] {
        let bytes = tokio::fs::read(dir.join(file.name())).await?;
        reply = reply.attachment(serenity::CreateAttachment::bytes(bytes, file.name()));
    }
    ctx.send(reply).await?;
    Ok(())
}

/// What a moderator calls an entry of `kind`.
fn noun(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::Faq => "FAQ entry",
        EntryKind::Topic => "topic",
    }
}

/// The current text of entry `id` of `kind`, or a member error.
fn current(ctx: Context<'_>, kind: EntryKind, id: &str) -> Result<crate::store::Draft, Error> {
    ctx.data()
        .store
        .draft_of_entry(kind, id)
        .ok_or_else(|| member_error(format!("There is no {} with the id \"{id}\".", noun(kind))))
}

/// Opens form `F` empty and adds what the moderator submits.
async fn add_with<F: Form>(ctx: Context<'_>, kind: EntryKind) -> Result<(), Error> {
    let poise::Context::Application(app) = ctx else {
        return Ok(());
    };
    let Some(form) = open_form::<F>(app, None).await? else {
        return Ok(());
    };
    let store = ctx.data().store.clone();
    let draft = form.into_draft();
    let id = tokio::task::spawn_blocking(move || store.add_entry(kind, &draft))
        .await?
        .map_err(edit_error)?;
    tracing::info!(user = %ctx.author().id, %id, "{} added", noun(kind));
    confirm(ctx, format!("Added `{id}`. Members can ask it now.")).await
}

/// Opens form `F` with the entry's text and saves what is submitted.
async fn edit_with<F: Form>(ctx: Context<'_>, kind: EntryKind, entry: String) -> Result<(), Error> {
    let poise::Context::Application(app) = ctx else {
        return Ok(());
    };
    let now = current(ctx, kind, &entry)?;
    let Some(form) = open_form(app, Some(F::from_draft(now))).await? else {
        return Ok(());
    };
    let store = ctx.data().store.clone();
    let draft = form.into_draft();
    let id = entry.clone();
    tokio::task::spawn_blocking(move || store.update_entry(kind, &id, &draft))
        .await?
        .map_err(edit_error)?;
    tracing::info!(user = %ctx.author().id, id = %entry, "{} edited", noun(kind));
    confirm(ctx, format!("Saved `{entry}`.")).await
}

/// Asks first, then removes the entry.
async fn remove_kind(ctx: Context<'_>, kind: EntryKind, entry: String) -> Result<(), Error> {
    let store: Arc<crate::store::Store> = ctx.data().store.clone();
    let now = current(ctx, kind, &entry)?;
    let yes = format!("{}:remove", ctx.id());
    let no = format!("{}:cancel", ctx.id());
    let buttons = serenity::CreateActionRow::Buttons(vec![
        serenity::CreateButton::new(&yes)
            .label("Remove")
            .style(serenity::ButtonStyle::Danger),
        serenity::CreateButton::new(&no)
            .label("Keep it")
            .style(serenity::ButtonStyle::Secondary),
    ]);
    let ask = poise::CreateReply::default()
        .content(format!(
            "Remove `{entry}` — \"{}\"? This cannot be undone from Discord.",
            now.question
        ))
        .components(vec![buttons])
        .ephemeral(true);
    let send = async { ctx.send(ask).await.map(|_| ()) };
    let answer = ctx
        .data()
        .pending
        .wait(
            &[yes.clone(), no.clone()],
            ctx.author().id,
            CONFIRM_TIMEOUT,
            send,
        )
        .await?;
    let Some(serenity::Interaction::Component(click)) = answer else {
        return Ok(());
    };
    let allowed = require_edit_access(click.member.as_ref(), click.guild_id, ctx.data());
    let outcome = if let Err(refused) = allowed {
        tracing::info!(user = %ctx.author().id, id = %entry, "removal refused on confirm: {refused}");
        format!("{refused} Nothing was removed.")
    } else if click.data.custom_id == yes {
        let id = entry.clone();
        match tokio::task::spawn_blocking(move || store.remove_entry(kind, &id)).await? {
            Ok(()) => {
                tracing::info!(user = %ctx.author().id, id = %entry, "{} removed", noun(kind));
                format!("Removed `{entry}`.")
            }
            // The click is answered either way, with what went wrong.
            Err(e) => match edit_error(e) {
                refused if refused.is::<MemberError>() => refused.to_string(),
                failed => {
                    tracing::error!(id = %entry, "removal failed: {failed:#}");
                    "Sorry, something went wrong on my side; nothing was removed.".to_string()
                }
            },
        }
    } else {
        format!("Kept `{entry}`.")
    };
    click
        .create_response(ctx, render::replace_with(outcome))
        .await?;
    Ok(())
}

/// List every FAQ entry's id and question
#[poise::command(slash_command, guild_only, check = "moderator_check")]
async fn list(ctx: Context<'_>) -> Result<(), Error> {
    let engine = ctx.data().store.engine().load_full();
    let lines: Vec<String> = engine
        .knowledge()
        .entries
        .iter()
        .filter(|e| e.kind == EntryKind::Faq)
        .map(|e| format!("`{}` {}", e.id, e.title))
        .collect();
    let total = lines.len();
    let mut text = String::new();
    let mut shown = 0;
    for line in &lines {
        if text.len() + line.len() + 40 > crate::knowledge::DESCRIPTION_LIMIT {
            break;
        }
        text.push_str(line);
        text.push('\n');
        shown += 1;
    }
    if shown < total {
        text.push_str(&format!("…and {} more (see faq.toml)", total - shown));
    }
    let embed = serenity::CreateEmbed::new()
        .title(format!("FAQ entries ({total})"))
        .description(text);
    ctx.send(poise::CreateReply::default().embed(embed).ephemeral(true))
        .await?;
    Ok(())
}

/// Opens the entry form (pre-filled for an edit) and waits for the member
/// who opened it to submit it. poise's own helper would take a submit from
/// anyone who learned the form's id; this one takes only the moderator's.
async fn open_form<F: Form>(
    ctx: poise::ApplicationContext<'_, Data, Error>,
    defaults: Option<F>,
) -> Result<Option<F>, Error> {
    let serenity_ctx = ctx.serenity_context();
    let form_id = ctx.interaction.id.to_string();
    let show = ctx
        .interaction
        .create_response(serenity_ctx, F::create(defaults, form_id.clone()));
    let answer = ctx
        .data()
        .pending
        .wait(&[form_id], ctx.interaction.user.id, FORM_TIMEOUT, show)
        .await?;
    // The command now has its one response; poise must send the rest as
    // follow-ups.
    ctx.has_sent_initial_response
        .store(true, std::sync::atomic::Ordering::SeqCst);
    let Some(serenity::Interaction::Modal(submit)) = answer else {
        return Ok(None);
    };
    // Closes the form on the moderator's screen.
    submit
        .create_response(
            serenity_ctx,
            serenity::CreateInteractionResponse::Acknowledge,
        )
        .await?;
    // Still a moderator, still in a trusted server: the form may have been
    // open for a quarter of an hour.
    if let Err(refused) = require_edit_access(submit.member.as_ref(), submit.guild_id, ctx.data()) {
        tracing::info!(user = %submit.user.id, "form refused on submit: {refused}");
        return Err(member_error(format!("{refused} Nothing was saved.")));
    }
    let form = F::parse(submit.data.clone()).map_err(anyhow::Error::msg)?;
    Ok(Some(form))
}

/// A short private confirmation for the moderator. The edit is saved by
/// now: if Discord will not take the message, that is logged, never
/// reported as a failed edit (the moderator might then make it twice).
async fn confirm(ctx: Context<'_>, text: String) -> Result<(), Error> {
    let reply = poise::CreateReply::default().content(text).ephemeral(true);
    if let Err(e) = ctx.send(reply).await {
        tracing::warn!(user = %ctx.author().id, "edit saved, but the confirmation could not be sent: {e}");
    }
    Ok(())
}
