//! `/faq-admin stats`: what the bot did over the last days, as an embed
//! with a chart of questions per day.

use poise::serenity_prelude as serenity;

use super::review::workbench_of;
use super::{Context, Error};
use crate::discord::permissions::moderator_check;
use crate::workbench::stats::Stats;

/// How I did over the last days (moderators)
#[poise::command(slash_command, guild_only, check = "moderator_check")]
pub async fn stats(
    ctx: Context<'_>,
    #[description = "How many days back (default 7)"]
    #[min = 1]
    #[max = 365]
    days: Option<u32>,
) -> Result<(), Error> {
    let workbench = workbench_of(ctx)?;
    let days = workbench.days_back(days);
    let now = crate::workbench::now();
    let db = workbench.db.clone();
    let stats = tokio::task::spawn_blocking(move || Stats::of(&db, days, now)).await??;
    let mut embed = serenity::CreateEmbed::new()
        .title(format!("The last {days} days"))
        .description(summary(&stats))
        .colour(0x2a9d8f);
    if !stats.top_entries.is_empty() {
        embed = embed.field(
            "Most used entries",
            lines(stats.top_entries.iter().map(|e| (e.count, &e.id))),
            true,
        );
    }
    if !stats.red_flags.is_empty() {
        embed = embed.field(
            "Care prompts by sign",
            lines(stats.red_flags.iter().map(|(id, n)| (*n, id))),
            true,
        );
    }
    let mut reply = poise::CreateReply::default().ephemeral(true);
    match crate::discord::chart::questions_per_day(&dates(now, days), &stats.per_day) {
        Ok(png) => {
            embed = embed
                .image("attachment://stats.png")
                .footer(serenity::CreateEmbedFooter::new(
                    "Questions per day: green answered, orange not answered.",
                ));
            reply = reply.attachment(serenity::CreateAttachment::bytes(png, "stats.png"));
        }
        Err(e) => tracing::warn!("could not draw the stats chart: {e}"),
    }
    ctx.send(reply.embed(embed)).await?;
    Ok(())
}

fn summary(s: &Stats) -> String {
    let ratio = s.helpful_ratio.map_or("no votes yet".to_string(), |r| {
        format!("{:.0}% helpful", r * 100.0)
    });
    format!(
        "**{}** questions: **{}** answered, **{}** not sure, **{}** stayed silent.\n\
         Feedback: {} helpful, {} not what they asked ({ratio}).",
        s.questions, s.answered, s.not_sure, s.silent, s.helpful, s.not_helpful
    )
}

fn lines<'a>(rows: impl Iterator<Item = (u64, &'a String)>) -> String {
    rows.take(10)
        .map(|(n, id)| format!("{n} · `{id}`"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The window's dates, oldest first, as the database writes them (UTC).
fn dates(now: i64, days: u32) -> Vec<String> {
    let today = chrono::DateTime::from_timestamp(now, 0)
        .map(|t| t.date_naive())
        .unwrap_or_default();
    (0..days.min(90))
        .rev()
        .map(|back| (today - chrono::Days::new(u64::from(back))).to_string())
        .collect()
}
