//! `/stretch`: today's stretch, or another day's.

use chrono::NaiveDate;

use super::{render, Context, Error};
use crate::discord::data::member_error;

/// Today's stretch (the same for everyone today)
#[poise::command(slash_command)]
pub async fn stretch(
    ctx: Context<'_>,
    #[description = "Another day, as YYYY-MM-DD"] date: Option<String>,
) -> Result<(), Error> {
    let settings = &ctx.data().settings;
    let date = match date {
        Some(text) => NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
            .map_err(|_| member_error(format!("\"{text}\" is not a date like 2026-03-14.")))?,
        None => chrono::Utc::now()
            .with_timezone(&settings.stretch_zone)
            .date_naive(),
    };
    let engine = ctx.data().store.engine().load_full();
    let k = engine.knowledge();
    let s = crate::stretch::of_the_day(&k.stretches, date);
    let reply =
        poise::CreateReply::default().embed(render::stretch_embed(s, date, &k.replies.footer));
    ctx.send(reply).await?;
    Ok(())
}
