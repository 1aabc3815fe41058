//! Replies as Discord sees them: embeds, "did you mean" buttons, and the
//! allowed-mentions rules that keep every reply from pinging anyone.

use poise::serenity_prelude as serenity;

use crate::knowledge::{Entry, Stretch, DESCRIPTION_LIMIT, TITLE_LIMIT};
use crate::reply::Reply;

/// Prefix of the custom id of a "did you mean" button.
pub const SHOW_PREFIX: &str = "knotbot:show:";
/// Discord's limit on a button label.
const LABEL_LIMIT: usize = 80;

const CALM: u32 = 0x2a9d8f;
const WARNING: u32 = 0xe76f51;

/// No pings at all: not `@everyone`, roles or users, whatever the text says.
pub fn no_pings() -> serenity::CreateAllowedMentions {
    serenity::CreateAllowedMentions::new()
        .everyone(false)
        .all_users(false)
        .all_roles(false)
        .replied_user(false)
}

/// For a reply to a member's message: only that member may be notified.
pub fn reply_ping_only() -> serenity::CreateAllowedMentions {
    no_pings().replied_user(true)
}

fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut s: String = text.chars().take(max - 1).collect();
    s.push('…');
    s
}

/// The embed for an engine reply: the care prompt, when there is one, leads
/// the description in every mode.
pub fn reply_embed(reply: &Reply) -> serenity::CreateEmbed {
    let title = match (reply.title(), &reply.care_prompt) {
        (Some(t), _) => Some(t.to_string()),
        (None, Some(_)) => Some("Please check this with a professional".to_string()),
        (None, None) => None,
    };
    let colour = if reply.care_prompt.is_some() {
        WARNING
    } else {
        CALM
    };
    let mut embed = serenity::CreateEmbed::new()
        .description(cut(&reply.description(), DESCRIPTION_LIMIT))
        .colour(colour)
        .footer(serenity::CreateEmbedFooter::new(cut(&reply.footer, 2048)));
    if let Some(t) = title {
        embed = embed.title(cut(&t, TITLE_LIMIT));
    }
    embed
}

/// "Did you mean" buttons, when the reply is unsure and has suggestions.
pub fn suggestion_buttons(reply: &Reply) -> Vec<serenity::CreateActionRow> {
    if reply.matched.is_some() || reply.suggestions.is_empty() {
        return Vec::new();
    }
    let buttons = reply
        .suggestions
        .iter()
        .take(3)
        .map(|s| {
            serenity::CreateButton::new(format!("{SHOW_PREFIX}{}", s.id))
                .label(cut(&s.title, LABEL_LIMIT))
                .style(serenity::ButtonStyle::Secondary)
        })
        .collect();
    vec![serenity::CreateActionRow::Buttons(buttons)]
}

/// A FAQ entry or topic shown on request.
pub fn entry_embed(entry: &Entry, footer: &str) -> serenity::CreateEmbed {
    serenity::CreateEmbed::new()
        .title(cut(&entry.title, TITLE_LIMIT))
        .description(cut(&entry.body, DESCRIPTION_LIMIT))
        .colour(CALM)
        .footer(serenity::CreateEmbedFooter::new(cut(footer, 2048)))
}

pub fn stretch_embed(
    stretch: &Stretch,
    date: chrono::NaiveDate,
    footer: &str,
) -> serenity::CreateEmbed {
    serenity::CreateEmbed::new()
        .title(cut(
            &format!("Stretch of the day: {}", stretch.name),
            TITLE_LIMIT,
        ))
        .description(cut(&crate::stretch::render(stretch), DESCRIPTION_LIMIT))
        .colour(CALM)
        .footer(serenity::CreateEmbedFooter::new(cut(
            &format!("{date} · {footer}"),
            2048,
        )))
}
