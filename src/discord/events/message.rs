//! Members' messages: answered when the bot is mentioned or replied to, in
//! DMs, and in the configured help channels and their threads (there only
//! when it is quite sure, or when a warning sign calls for the care
//! prompt). A new post in a help forum is answered once, in the post, from
//! its title and first message. A follow-up is read with the subject of
//! the answer it follows (see `conversation.rs`).

use std::time::Instant;

use poise::serenity_prelude as serenity;

use crate::discord::data::{Data, Error};
use crate::discord::outbox::Job;
use crate::discord::servers::ServerSettings;
use crate::discord::workbench::Place;
use crate::reply::Reply;
use crate::workbench::Route;

/// How a message reached the bot, and what to answer.
struct Heard {
    question: String,
    /// Mentioned, replied to, in a DM, or a new forum post: always answered.
    addressed: bool,
    route: Route,
    /// The subject of the answer this message follows up, if any.
    previous: Option<String>,
    /// The settings of the server it was asked in.
    server: ServerSettings,
}

pub async fn on_message(
    ctx: &serenity::Context,
    data: &Data,
    msg: &serenity::Message,
) -> Result<(), Error> {
    if msg.author.bot {
        return Ok(());
    }
    let Some(heard) = hear(ctx, data, msg) else {
        return Ok(());
    };
    let engine = data.store.engine().load_full();
    let reply = engine.answer_after(&heard.question, heard.previous.as_deref());
    let place = Place {
        guild: msg.guild_id.map(|g| g.get()),
        channel: Some(msg.channel_id.get()),
    };
    let answering = &data.settings.config.answering;
    let server = &heard.server;
    if !worth_posting(&reply, heard.addressed, server.help_channel_min_score) {
        data.record(&reply, heard.route, false, place, server);
        return Ok(());
    }
    // A warning sign always gets its care prompt, cooldown or not.
    let flagged = reply.care_prompt.is_some();
    let entry = reply.matched.as_ref().map(|m| m.id.as_str());
    let now = Instant::now();
    let (member, channel) = (msg.author.id.get(), msg.channel_id.get());
    if !flagged && !data.cooldowns.try_answer(member, channel, entry, now) {
        tracing::debug!(user = %msg.author.id, "answer skipped: cooling down");
        data.record(&reply, heard.route, false, place, server);
        return Ok(());
    }
    if let Some(m) = &reply.matched {
        data.conversations.answered(channel, member, &m.title, now);
    }
    let feedback = data.record(&reply, heard.route, true, place, server);
    let job = Job {
        channel: msg.channel_id,
        message: msg.id,
        question: heard.question,
        previous: heard.previous,
        mode: answering.reply_mode,
        feedback,
    };
    data.outbox.post(job, flagged).await;
    Ok(())
}

/// Whether the bot should read `msg` at all, and how.
fn hear(ctx: &serenity::Context, data: &Data, msg: &serenity::Message) -> Option<Heard> {
    let answering = &data.settings.config.answering;
    let server = data.servers.of(msg.guild_id.map(|g| g.get()));
    if msg.guild_id.is_some() && !server.free_text {
        return None;
    }
    let me = ctx.cache.current_user().id;
    let answer_to_me = msg
        .referenced_message
        .as_deref()
        .filter(|m| m.author.id == me);
    // Threads matter only under a help channel; most servers' messages
    // need no look in the cache.
    let thread = (!server.help_channels.is_empty())
        .then(|| thread_of(ctx, msg))
        .flatten();
    let in_help = |id: u64| server.help_channels.contains(&id);
    let help_channel = in_help(msg.channel_id.get())
        || thread
            .as_ref()
            .is_some_and(|(parent, _)| in_help(parent.get()));
    // A forum post's first message has the post's (the thread's) id.
    let forum_post = help_channel && thread.is_some() && msg.id.get() == msg.channel_id.get();
    let addressed = match msg.guild_id {
        None => answering.answer_dms,
        Some(_) => {
            answering.answer_mentions
                && (msg.mentions.iter().any(|u| u.id == me) || answer_to_me.is_some())
        }
    };
    if !addressed && !help_channel {
        return None;
    }
    let content = crate::text::cap_chars(&msg.content, crate::text::MAX_INPUT_CHARS);
    let question = match (&thread, forum_post) {
        (Some((_, title)), true) => format!("{title}\n{content}"),
        _ => content.to_string(),
    };
    let previous = answer_to_me
        .and_then(|m| m.embeds.first()?.title.clone())
        .or_else(|| {
            let (channel, member) = (msg.channel_id.get(), msg.author.id.get());
            data.conversations.subject(channel, member, Instant::now())
        });
    let route = match (msg.guild_id, addressed) {
        (None, _) => Route::Dm,
        (Some(_), true) => Route::Mention,
        (Some(_), false) => Route::HelpChannel,
    };
    Some(Heard {
        question,
        addressed: addressed || forum_post,
        server,
        route,
        previous,
    })
}

/// The thread `msg` is in, from the cache: its parent channel and title.
fn thread_of(
    ctx: &serenity::Context,
    msg: &serenity::Message,
) -> Option<(serenity::ChannelId, String)> {
    let guild = ctx.cache.guild(msg.guild_id?)?;
    let thread = guild.threads.iter().find(|t| t.id == msg.channel_id)?;
    Some((thread.parent_id?, thread.name.clone()))
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
