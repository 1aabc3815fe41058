//! Members' messages: answered when the bot is mentioned, in DMs, and in
//! the configured help channels (there only when it is quite sure, or when
//! a warning sign calls for the care prompt).

use std::time::Instant;

use poise::serenity_prelude as serenity;

use crate::discord::data::{Data, Error};
use crate::discord::outbox::Job;
use crate::discord::workbench::Place;
use crate::reply::Reply;
use crate::workbench::Route;

pub async fn on_message(
    ctx: &serenity::Context,
    data: &Data,
    msg: &serenity::Message,
) -> Result<(), Error> {
    if msg.author.bot {
        return Ok(());
    }
    let me = ctx.cache.current_user().id;
    let answering = &data.settings.config.answering;
    let addressed = if msg.guild_id.is_none() {
        answering.answer_dms
    } else {
        answering.answer_mentions && msg.mentions.iter().any(|u| u.id == me)
    };
    let help_channel = answering.help_channels.contains(&msg.channel_id.get());
    if !addressed && !help_channel {
        return Ok(());
    }
    let engine = data.store.engine().load_full();
    let reply = engine.answer(&msg.content);
    let route = match (msg.guild_id, addressed) {
        (None, _) => Route::Dm,
        (Some(_), true) => Route::Mention,
        (Some(_), false) => Route::HelpChannel,
    };
    let place = Place {
        guild: msg.guild_id.map(|g| g.get()),
        channel: Some(msg.channel_id.get()),
    };
    if !worth_posting(&reply, addressed, answering.help_channel_min_score) {
        data.record(&engine, &reply, route, false, place);
        return Ok(());
    }
    // A warning sign always gets its care prompt, cooldown or not.
    let flagged = reply.care_prompt.is_some();
    let entry = reply.matched.as_ref().map(|m| m.id.as_str());
    if !flagged
        && !data.cooldowns.try_answer(
            msg.author.id.get(),
            msg.channel_id.get(),
            entry,
            Instant::now(),
        )
    {
        tracing::debug!(user = %msg.author.id, "answer skipped: cooling down");
        data.record(&engine, &reply, route, false, place);
        return Ok(());
    }
    let feedback = data.record(&engine, &reply, route, true, place);
    let job = Job {
        channel: msg.channel_id,
        message: msg.id,
        question: crate::text::cap_chars(&msg.content, crate::text::MAX_INPUT_CHARS).to_string(),
        mode: answering.reply_mode,
        feedback,
    };
    data.outbox.post(job, flagged).await;
    Ok(())
}

/// Addressed directly, the bot always says something (an answer, "not
/// sure" with suggestions, or how to ask); unprompted, only a confident
/// answer or a care prompt.
fn worth_posting(reply: &Reply, addressed: bool, help_min_score: f32) -> bool {
    let confident = reply
        .matched
        .as_ref()
        .is_some_and(|m| m.score >= help_min_score);
    addressed || reply.care_prompt.is_some() || confident
}
