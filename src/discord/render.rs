//! Replies as Discord sees them: embeds, "did you mean" buttons, and the
//! allowed-mentions rules that keep every reply from pinging anyone.

use poise::serenity_prelude as serenity;

use crate::knowledge::{Entry, Stretch, DESCRIPTION_LIMIT, TITLE_LIMIT};
use crate::reply::Reply;

/// Prefix of the custom id of a "did you mean" button.
pub const SHOW_PREFIX: &str = "knotbot:show:";
/// Prefix of the custom ids of the review's controls:
/// `knotbot:review:ACTION:TOKEN`, ACTION being `alias`, `new`, `dismiss`
/// or `form` (the new-entry form).
pub const REVIEW_PREFIX: &str = "knotbot:review:";
/// Prefix of the custom id of a feedback button: `knotbot:vote:yes:TOKEN`
/// or `knotbot:vote:no:TOKEN`.
pub const VOTE_PREFIX: &str = "knotbot:vote:";
/// Discord's limit on a button label.
const LABEL_LIMIT: usize = 80;
/// Discord's limit on a component's custom id. Discord refuses a whole
/// message with one id over it, care prompt and all.
const CUSTOM_ID_LIMIT: usize = 100;
/// Discord's limit on a plain message's text.
const CONTENT_LIMIT: usize = 2000;

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

/// A private answer to a click or a form: only that member sees it, and
/// nobody is pinged.
pub fn private(
    message: serenity::CreateInteractionResponseMessage,
) -> serenity::CreateInteractionResponse {
    serenity::CreateInteractionResponse::Message(
        message.ephemeral(true).allowed_mentions(no_pings()),
    )
}

/// The clicked message replaced by `text`, its buttons gone.
pub fn replace_with(text: impl Into<String>) -> serenity::CreateInteractionResponse {
    let message = serenity::CreateInteractionResponseMessage::new()
        .content(text)
        .components(Vec::new())
        .allowed_mentions(no_pings());
    serenity::CreateInteractionResponse::UpdateMessage(message)
}

/// For a reply to a member's message: only that member may be notified.
pub fn reply_ping_only() -> serenity::CreateAllowedMentions {
    no_pings().replied_user(true)
}

/// `text` in at most `max` characters, an ellipsis marking a cut.
pub fn cut(text: &str, max: usize) -> String {
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
    // An urgent prompt is the first thing read: no title above it.
    let title = match (reply.heading(), &reply.care_prompt) {
        (Some(t), _) => Some(t.to_string()),
        (None, Some(_)) if !reply.urgent => {
            Some("Please check this with a professional".to_string())
        }
        _ => None,
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

/// Buttons for what to read next: "See also" under an answer, "Did you
/// mean" when unsure.
pub fn suggestion_buttons(reply: &Reply) -> Vec<serenity::CreateActionRow> {
    let (_, links) = reply.links();
    entry_buttons(links)
}

/// One row of buttons, each showing an entry when clicked (at most three).
pub fn entry_buttons(links: &[crate::reply::Match]) -> Vec<serenity::CreateActionRow> {
    let buttons: Vec<_> = links
        .iter()
        .take(3)
        .filter_map(|s| {
            // Validation keeps ids far shorter; a button that cannot be
            // sent is left out rather than losing the whole reply.
            let custom_id = format!("{SHOW_PREFIX}{}", s.id);
            (custom_id.chars().count() <= CUSTOM_ID_LIMIT).then(|| {
                serenity::CreateButton::new(custom_id)
                    .label(cut(&s.title, LABEL_LIMIT))
                    .style(serenity::ButtonStyle::Secondary)
            })
        })
        .collect();
    if buttons.is_empty() {
        return Vec::new();
    }
    vec![serenity::CreateActionRow::Buttons(buttons)]
}

/// Every row under a reply: what to read next, then, under an answer the
/// workbench recorded (`feedback` is its token), "Helpful" and "Not what
/// I asked".
pub fn reply_components(reply: &Reply, feedback: Option<i64>) -> Vec<serenity::CreateActionRow> {
    let mut rows = suggestion_buttons(reply);
    if let (Some(token), Some(_)) = (feedback, &reply.matched) {
        rows.push(serenity::CreateActionRow::Buttons(vec![
            serenity::CreateButton::new(format!("{VOTE_PREFIX}yes:{token}"))
                .label("Helpful")
                .style(serenity::ButtonStyle::Success),
            serenity::CreateButton::new(format!("{VOTE_PREFIX}no:{token}"))
                .label("Not what I asked")
                .style(serenity::ButtonStyle::Secondary),
        ]));
    }
    rows
}

/// The care prompt alone as plain text: what is sent when Discord refused
/// the full reply, so a warning sign is never left without it.
pub fn plain_care_prompt(reply: &Reply) -> Option<String> {
    reply
        .care_prompt
        .as_deref()
        .map(|prompt| cut(prompt, CONTENT_LIMIT))
}

/// A member's display name made safe to print: it can hold `@everyone` or
/// `<@&role>`, which Discord would render as a mention (even with pings
/// off), and markdown that would restyle our text.
pub fn escape_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 8);
    for c in cut(name, 64).chars() {
        match c {
            '@' => out.push_str("@\u{200B}"),
            '<' => out.push_str("<\u{200B}"),
            '\\' | '*' | '_' | '~' | '`' | '|' | '>' | '#' | '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// A FAQ entry or topic shown on request.
pub fn entry_embed(entry: &Entry, footer: &str) -> serenity::CreateEmbed {
    serenity::CreateEmbed::new()
        .title(cut(&entry.title, TITLE_LIMIT))
        .description(cut(&entry.body, DESCRIPTION_LIMIT))
        .colour(CALM)
        .footer(serenity::CreateEmbedFooter::new(cut(footer, 2048)))
}

/// A stretch on its own, as a reply to a question that named it.
pub fn stretch_card_embed(stretch: &Stretch, footer: &str) -> serenity::CreateEmbed {
    serenity::CreateEmbed::new()
        .title(cut(&stretch.name, TITLE_LIMIT))
        .description(cut(&crate::stretch::card(stretch), DESCRIPTION_LIMIT))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reply::{Body, Match};

    fn unsure_with(ids: &[&str], care: Option<&str>) -> Reply {
        let suggestion = |id: &&str| Match {
            kind: crate::reply::AnswerKind::Faq,
            id: id.to_string(),
            score: 0.3,
            title: "A title".into(),
        };
        Reply {
            question: "q".into(),
            matched: None,
            suggestions: ids.iter().map(suggestion).collect(),
            red_flags: Vec::new(),
            care_prompt: care.map(String::from),
            urgent: false,
            body: Body::NotSure("Not sure.".into()),
            footer: "footer".into(),
            did_you_mean: "Did you mean".into(),
            see_also: Vec::new(),
            see_also_heading: "See also".into(),
            names_our_subject: false,
        }
    }

    fn custom_ids(rows: &[serenity::CreateActionRow]) -> Vec<String> {
        let json = serde_json::to_value(rows).unwrap();
        json.as_array()
            .unwrap()
            .iter()
            .flat_map(|row| row["components"].as_array().unwrap().clone())
            .map(|b| b["custom_id"].as_str().unwrap().to_string())
            .collect()
    }

    #[test]
    fn no_custom_id_is_ever_over_discords_limit() {
        let long = "a".repeat(120);
        let rows = suggestion_buttons(&unsure_with(&["sitting", &long, "wallet-pocket"], None));
        let ids = custom_ids(&rows);
        assert_eq!(ids, ["knotbot:show:sitting", "knotbot:show:wallet-pocket"]);
        assert!(
            suggestion_buttons(&unsure_with(&[&long], None)).is_empty(),
            "no empty row"
        );
    }

    #[test]
    fn names_cannot_mention_or_restyle() {
        let name = escape_name("@everyone <@&123> **big**");
        assert!(
            !name.contains("@everyone") && !name.contains("<@"),
            "{name}"
        );
        assert!(name.contains("\\*\\*big\\*\\*"), "{name}");
    }

    #[test]
    fn an_urgent_prompt_comes_before_the_title() {
        let mut reply = unsure_with(&[], Some("**Go now.**"));
        reply.matched = Some(Match {
            kind: crate::reply::AnswerKind::Faq,
            id: "cauda-equina".into(),
            score: 0.7,
            title: "What is it?".into(),
        });
        reply.body = Body::Answer {
            title: "What is it?".into(),
            text: "The answer.".into(),
        };
        let embed = |reply: &Reply| serde_json::to_value(reply_embed(reply)).unwrap();
        assert_eq!(embed(&reply)["title"], "What is it?");
        assert!(embed(&reply)["description"]
            .as_str()
            .unwrap()
            .starts_with("**Go now.**"));
        reply.urgent = true;
        let urgent = embed(&reply);
        assert!(urgent.get("title").is_none(), "{urgent}");
        let text = urgent["description"].as_str().unwrap();
        assert!(text.starts_with("**Go now.**\n\n**What is it?**"), "{text}");
    }

    #[test]
    fn the_plain_care_prompt_fits_a_message() {
        let long = "p".repeat(5000);
        let reply = unsure_with(&[], Some(&long));
        assert_eq!(
            plain_care_prompt(&reply).unwrap().chars().count(),
            CONTENT_LIMIT
        );
        assert!(plain_care_prompt(&unsure_with(&[], None)).is_none());
    }
}
