//! `/faq-admin review`: the questions the bot missed or got wrong, grouped,
//! most asked first, each with what a moderator can do about it: add it
//! as another way of asking an entry, start a new entry from it, or
//! dismiss it. The clicks are handled in `events/review.rs`.

use poise::serenity_prelude as serenity;

use super::{Context, Error};
use crate::discord::data::member_error;
use crate::discord::permissions::moderator_check;
use crate::discord::render::{cut, REVIEW_PREFIX};
use crate::discord::workbench::Workbench;
use crate::workbench::review::Group;

/// Groups shown at once: one private message each, five fit a screen.
const SHOWN: usize = 5;

/// What I missed or got wrong, to teach me (moderators)
#[poise::command(slash_command, guild_only, check = "moderator_check")]
pub async fn review(
    ctx: Context<'_>,
    #[description = "How many days back (default 7)"]
    #[min = 1]
    #[max = 365]
    days: Option<u32>,
) -> Result<(), Error> {
    let workbench = workbench_of(ctx)?;
    let days = workbench.days_back(days);
    let engine = ctx.data().store.engine().load_full();
    let guild = ctx.guild_id().map(|g| g.get());
    let bar = ctx.data().servers.of(guild).help_channel_min_score;
    let groups =
        tokio::task::spawn_blocking(move || workbench.groups(&engine, days, bar)).await??;
    if groups.is_empty() {
        let text = format!(
            "Nothing to review from the last {days} days: every question recorded is answered now, or was dismissed."
        );
        return private(ctx, poise::CreateReply::default().content(text)).await;
    }
    let header = format!(
        "{} question(s) I missed or got wrong in the last {days} days, most asked first{}. \
         For each: add it as another way of asking an entry, start a new entry from it, or dismiss it.",
        groups.len(),
        if groups.len() > SHOWN {
            format!(" (the first {SHOWN} shown)")
        } else {
            String::new()
        }
    );
    private(ctx, poise::CreateReply::default().content(header)).await?;
    for group in groups.iter().take(SHOWN) {
        let message = poise::CreateReply::default()
            .content(describe(group))
            .components(controls(group));
        private(ctx, message).await?;
    }
    Ok(())
}

/// The workbench, or a member error saying it is off.
pub fn workbench_of(ctx: Context<'_>) -> Result<std::sync::Arc<Workbench>, Error> {
    ctx.data().workbench.clone().ok_or_else(|| {
        member_error(
            "The workbench is off: the bot has no database (see `database` in its config, and its log).",
        )
    })
}

async fn private(ctx: Context<'_>, reply: poise::CreateReply) -> Result<(), Error> {
    ctx.send(reply.ephemeral(true)).await?;
    Ok(())
}

/// The group as a moderator reads it: the question, how often, how.
fn describe(g: &Group) -> String {
    let quoted = |q: &str| format!("“{}”", cut(q, 300));
    let mut text = format!("**{}** — asked {} time(s)", quoted(&g.question), g.count);
    if g.unhelpful > 0 {
        text += &format!(", {} marked “not what I asked”", g.unhelpful);
    }
    if !g.examples.is_empty() {
        let also: Vec<String> = g.examples.iter().map(|e| quoted(e)).collect();
        text += &format!("\nAlso asked as: {}", also.join(", "));
    }
    cut(&text, 1900)
}

/// "Add as a way of asking…" (the engine's closest entries), "New
/// entry…" and "Dismiss".
fn controls(g: &Group) -> Vec<serenity::CreateActionRow> {
    let id = |action: &str| format!("{REVIEW_PREFIX}{action}:{}", g.token);
    let mut rows = Vec::new();
    if !g.candidates.is_empty() {
        let options = g
            .candidates
            .iter()
            .map(|(entry, title)| {
                serenity::CreateSelectMenuOption::new(cut(title, 95), entry.clone())
                    .description(cut(&format!("Add it to `{entry}`"), 95))
            })
            .collect();
        let menu = serenity::CreateSelectMenu::new(
            id("alias"),
            serenity::CreateSelectMenuKind::String { options },
        )
        .placeholder("Add as a way of asking…");
        rows.push(serenity::CreateActionRow::SelectMenu(menu));
    }
    rows.push(serenity::CreateActionRow::Buttons(vec![
        serenity::CreateButton::new(id("new"))
            .label("New entry…")
            .style(serenity::ButtonStyle::Primary),
        serenity::CreateButton::new(id("dismiss"))
            .label("Dismiss")
            .style(serenity::ButtonStyle::Secondary),
    ]));
    rows
}
